"""Artifacts: golden files, determinism, and each artifact read back equal to the model."""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import test_corpus
from test_property import BY_CHARACTER

from codetables import escape, stamp, values
from codetables.model import Cell, Column, Document, Kind, Role, Row, Table
from codetables.package import SCHEMA_FILE
from codetables.parse import parse
from codetables.render import payload, render
from conftest import CASES, ROOT, Golden, skip_without
from hostile import (
    hostile_document,
    hostile_error_document,
    hostile_result_document,
    markdown_blocks,
    markdown_tables,
)

SCHEMA = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
NAME = "cci_status_codes"


MANY_TABLES = "# Codes\n" + "".join(
    f"\n| Code | Description |\n| --- | --- |\n| {n} | x |\n| -{n} | y |\n" for n in range(1, 13)
)
"""Twelve result-code tables: `ResultCode2` … `ResultCode12` must sort as ruff sorts them."""

ONE_ALIAS = (
    "| Status code | Description |\n| --- | --- |\n| 200 | OK |\n| 422 | Validation failed |\n"
)
"""One status the registry names otherwise (422): its one alias fits on a line, where a
one-element tuple would be joined by ruff format (found by review)."""


@pytest.fixture(
    params=[
        "seed",
        "mixed",
        "result",
        "many-tables",
        "one-alias",
        "hostile-status",
        "hostile-error",
        "hostile-result",
    ]
)
def any_document(request: pytest.FixtureRequest, seed_document: Document) -> Document:
    """The seed, a mixed page, result-code pages, then pages made of hostile text."""
    if request.param == "seed":
        return seed_document
    if request.param == "many-tables":
        return parse(MANY_TABLES, source="many.md")
    if request.param == "one-alias":
        return parse(ONE_ALIAS, source="one-alias.md")
    if request.param in ("mixed", "result"):
        page = MIXED if request.param == "mixed" else RESULT
        return parse(page.read_text(encoding="utf-8"), source=f"{request.param}.md")
    return {
        "hostile-status": hostile_document,
        "hostile-error": hostile_error_document,
        "hostile-result": hostile_result_document,
    }[request.param]()


def model_dump(document: Document) -> str:
    """The model as JSON, provenance included, for the model's golden file."""
    return json.dumps(dataclasses.asdict(document), ensure_ascii=False, indent=1) + "\n"


MIXED = CASES / "good-mixed-page" / "source.md"
RESULT = CASES / "good-result-codes" / "source.md"


@pytest.fixture(scope="module")
def mixed_document() -> Document:
    """A page with a captioned HTML status table and a pipe error-code table with modules."""
    return parse(MIXED.read_text(encoding="utf-8"), source="tests/cases/good-mixed-page/source.md")


@pytest.mark.parametrize("lines", [False, True])
def test_the_json_artifact_is_the_built_in_template_rendered_by_jinja_byte_for_byte(
    any_document: Document, lines: bool
) -> None:
    """`render` writes the built-in JSON template's text without Jinja (its pieces joined
    once, with the header): the same bytes as the template rendered and stamped."""
    from codetables import render as render_module
    from codetables.templateset import BUILT_IN

    values = render_module.context(any_document, lines=lines)
    template = render_module.JSON_TEMPLATE
    by_jinja = render_module._render(template, values, BUILT_IN, any_document.path)
    assert render(any_document, "page", lines=lines)["page.json"] == stamp.stamp(
        "page.json", by_jinja
    )


@pytest.mark.parametrize("lines", [False, True])
def test_rows_laid_out_by_joining_strings_are_the_layout_of_their_payload(
    any_document: Document, lines: bool
) -> None:
    """The built-in JSON's rows, joined from their strings (`Made.lay`), are the text the
    layout gives the plain payload: hostile strings, empty paragraphs, rows with and
    without a status."""
    laid = escape.json_value(payload(any_document, lines=lines, made=True))
    assert laid == json.dumps(payload(any_document, lines=lines), ensure_ascii=False, indent=2)


def test_rows_laid_out_leave_an_odd_status_or_line_to_the_layout() -> None:
    """A row whose status or line is not a plain int (a bool, as the model's types allow)
    is written as the layout writes it, not as a number."""
    cells = (Cell("1", ("1",)), Cell("", ()))
    rows = (Row(cells, True, line=3), Row(cells, 404, line=False), Row(cells, None, line=5))
    columns = (Column("code", "Code", Role.CODE), Column("description", "Text", None))
    table = Table(Kind.ERROR_CODE, "", columns, rows, line=1)
    document = Document(title="t", id="", tables=(table,), path="p.md")
    for lines in (False, True):
        laid = escape.json_value(payload(document, lines=lines, made=True))
        plain = json.dumps(payload(document, lines=lines), ensure_ascii=False, indent=2)
        assert laid == plain
    assert '"status": true' in laid
    assert '"line": false' in laid


def test_model_matches_its_golden_file(seed_document: Document, golden: Golden) -> None:
    """The parsed seed, field by field with lines, equals tests/golden/*.model.json."""
    golden.check("cci-status-codes.model.json", model_dump(seed_document))


def test_mixed_page_model_matches_its_golden_file(mixed_document: Document, golden: Golden) -> None:
    """Both dialects, captions, repeated codes and odd statuses, as the golden model says."""
    golden.check("mixed-page.model.json", model_dump(mixed_document))


@pytest.fixture(scope="module")
def result_document() -> Document:
    """A page of result codes: name and number, an SDK's codes beside statuses, code names."""
    return parse(
        RESULT.read_text(encoding="utf-8"), source="tests/cases/good-result-codes/source.md"
    )


def test_result_page_model_matches_its_golden_file(
    result_document: Document, golden: Golden
) -> None:
    """Front matter, `{#id}` attributes, name/number pairs, hex and negative codes."""
    golden.check("result-codes.model.json", model_dump(result_document))


@pytest.mark.parametrize("suffix", [".py", ".md", ".json"])
def test_result_page_artifacts_match_their_golden_files(
    result_document: Document, golden: Golden, suffix: str
) -> None:
    """Each artifact of the result-code page equals its golden file."""
    artifacts = render(result_document, "result_codes")
    golden.check("result_codes" + suffix, artifacts["result_codes" + suffix])


@pytest.mark.parametrize("suffix", [".py", ".md", ".json"])
def test_artifacts_match_their_golden_files(
    mixed_document: Document, golden: Golden, suffix: str
) -> None:
    """Each artifact of the mixed page equals its golden file (the seed's are output/)."""
    golden.check("mixed_page" + suffix, render(mixed_document, "mixed_page")["mixed_page" + suffix])


def test_rendering_twice_gives_identical_bytes(seed_document: Document) -> None:
    """Same model, same bytes: no timestamps, no paths, no ordering by hash."""
    first, second = render(seed_document, NAME), render(seed_document, NAME)
    assert {k: v.encode() for k, v in first.items()} == {k: v.encode() for k, v in second.items()}
    for text in first.values():
        assert str(ROOT) not in text
        assert text.endswith("\n")
        assert "\r" not in text


def write_module(tmp_path: Path, document: Document) -> Path:
    """Render a document's Python artifact into tmp_path and return the file."""
    path = tmp_path / f"{NAME}.py"
    path.write_text(render(document, NAME)[NAME + ".py"], encoding="utf-8")
    return path


READ_BACK = """
import enum, json, sys
sys.path.insert(0, sys.argv[1])
import cci_status_codes as m
def plain(value):
    return value if value is None or isinstance(value, (str, int)) else str(value)
enums = {}
for name in m.__all__:
    item = getattr(m, name)
    if isinstance(item, type) and issubclass(item, enum.Enum):
        attributes = [a for a in item.__annotations__]
        enums[name] = [
            [member.name, member.value, {a: getattr(member, a) for a in attributes}]
            for member in item
        ]
rows = {name: [list(row) for row in getattr(m, name)]
        for name in m.__all__ if name.endswith("_ROWS")}
statuses = [[s.is_informational, s.is_success, s.is_redirection, s.is_client_error,
             s.is_server_error, int(s)] for s in getattr(m, "StatusCode", [])]
print(json.dumps({
    "source": m.SOURCE, "title": m.TITLE, "all": m.__all__, "enums": enums, "rows": rows,
    "statuses": statuses,
    "lookup": [None if m.lookup(c) is None else m.lookup(c).name for c in (99, 100, 404, 600)]
    if hasattr(m, "lookup") else None,
}))
"""


def import_in_subprocess(path: Path) -> dict[str, Any]:
    """Import the generated module in a fresh interpreter and dump what it defines."""
    result = subprocess.run(
        [sys.executable, "-c", READ_BACK, str(path.parent)],
        capture_output=True,
        text=True,
        check=True,
    )
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def _result_attributes(table: Table, text: dict[Role, str], status: int | None) -> dict[str, Any]:
    """A result code's attributes: those of the roles its table has (description always)."""
    present = {column.role for column in table.columns}
    attributes: dict[str, Any] = {}
    if Role.STATUS in present:
        attributes["http_status"] = status
    if Role.MESSAGE in present:
        attributes["message"] = text[Role.MESSAGE]
    attributes["description"] = text[Role.DESCRIPTION]
    for name, role in (("remedy", Role.REMEDY), ("module", Role.MODULE), ("cause", Role.CAUSE)):
        if role in present:
            attributes[name] = text[role]
    return attributes


def expected_enum(table: Table) -> tuple[list[list[Any]], list[list[Any]]]:
    """Members a table should give (first row of each code, page order; a heading row gives
    none), and its rows when members cannot stand for every row but the headings."""
    members: dict[Any, list[Any]] = {}
    rows = []
    headings = [values.is_heading([cell.text for cell in row.cells]) for row in table.rows]
    codes = [
        "" if heading else table.text(row, Role.CODE)
        for row, heading in zip(table.rows, headings, strict=True)
    ]
    stated = [code for code in codes if not values.is_placeholder(code)]
    integral = bool(stated) and all(values.is_integer(code) for code in stated)
    for row, heading in zip(table.rows, headings, strict=True):
        text = {role: table.text(row, role) for role in Role}
        key: Any
        if table.kind is Kind.HTTP_STATUS:
            key = row.status
            attributes = {"phrase": text[Role.PHRASE], "description": text[Role.DESCRIPTION]}
            rows.append([text[Role.STATUS], row.status, *attributes.values()])
        elif table.kind is Kind.ERROR_CODE:
            key = text[Role.ERROR_CODE] or None
            attributes = {
                "http_status": row.status,
                "message": text[Role.MESSAGE],
                "description": text[Role.DESCRIPTION],
                "remedy": text[Role.REMEDY],
            }
            if table.column(Role.MODULE) is not None:
                attributes["module"] = text[Role.MODULE]
            if table.column(Role.CAUSE) is not None:
                attributes["cause"] = text[Role.CAUSE]
            rows.append([text[Role.ERROR_CODE], text[Role.STATUS], *attributes.values()])
        else:
            code = text[Role.CODE]
            attributes = _result_attributes(table, text, row.status)
            if integral:
                key = values.integer_value(code) if values.is_integer(code) else None
                rows.append([code, key, *attributes.values()])
            else:
                key = code or None
                rows.append([code, *attributes.values()])
        if key is not None and not heading:  # a heading names no member
            members.setdefault(key, [key, attributes])
    listed = list(members.values())
    if table.kind is Kind.HTTP_STATUS:
        listed.sort(key=lambda member: int(member[0]) // 100)
    return listed, ([] if len(members) == headings.count(False) else rows)


CLASS_NAMES = {
    Kind.HTTP_STATUS: "StatusCode",
    Kind.ERROR_CODE: "ErrorCode",
    Kind.RESULT_CODE: "ResultCode",
}


def test_generated_module_equals_the_model_member_by_member(
    any_document: Document, tmp_path: Path
) -> None:
    """Imported in a subprocess, each member carries its first row's words; rows all kept."""
    document = any_document
    data = import_in_subprocess(write_module(tmp_path, document))
    assert (data["source"], data["title"]) == (document.path, document.title)
    counters = dict.fromkeys(Kind, 0)
    expected_rows = {}
    for table in document.tables:
        counters[table.kind] += 1
        base = CLASS_NAMES[table.kind]
        class_name = base if counters[table.kind] == 1 else f"{base}{counters[table.kind]}"
        members, rows = expected_enum(table)
        assert [[v, a] for _, v, a in data["enums"][class_name]] == members, class_name
        if rows:
            expected_rows[re.sub(r"(?<=[a-z0-9])(?=[A-Z0-9])", "_", class_name).upper()] = rows
    assert data["rows"] == {f"{name}_ROWS": rows for name, rows in expected_rows.items()}
    for flags in data["statuses"]:
        assert flags[:5] == [flags[5] // 100 == n for n in range(1, 6)]


def test_seed_module_names_and_lookup(seed_document: Document, tmp_path: Path) -> None:
    """Names follow the phrases (`NoContent` → NO_CONTENT) and lookup never raises."""
    data = import_in_subprocess(write_module(tmp_path, seed_document))
    names = {value: name for name, value, _ in data["enums"]["StatusCode"]}
    assert names[204] == "NO_CONTENT"
    assert names[408] == "REQUEST_TIME_OUT"
    assert names[414] == "REQUEST_URI_TOO_LARGE"
    assert names[505] == "HTTP_VERSION_NOT_SUPPORTED"
    assert data["lookup"] == [None, "CONTINUE", "NOT_FOUND", None]
    assert data["all"] == ["StatusCode", "lookup"]
    assert data["rows"] == {}


@pytest.mark.parametrize(
    "command",
    [
        ["ruff", "check", "--isolated", "--stdin-filename", f"output/{NAME}.py", "-"],
        ["ruff", "check", "--stdin-filename", f"output/{NAME}.py", "-"],
        ["ruff", "format", "--isolated", "--check", "--diff", "-"],
        ["mypy", "--strict", "--no-incremental"],
    ],
    ids=["ruff-defaults", "ruff-project", "ruff-format", "mypy-strict"],
)
def test_generated_python_passes_the_linters(
    any_document: Document, tmp_path: Path, command: list[str]
) -> None:
    """The generated module is clean under ruff check (defaults and ours), ruff format, mypy."""
    source = render(any_document, NAME)[NAME + ".py"]
    if command[-1] == "-":
        arguments = command
    else:
        arguments = [*command, str(write_module(tmp_path, any_document))]
    result = subprocess.run(
        [sys.executable, "-m", *arguments],
        input=source,
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_markdown_renders_back_to_the_cell_texts(any_document: Document) -> None:
    """markdown-it-py (tables on) renders the page to exactly the model's headers and cells."""
    document = any_document
    markdown = render(document, NAME)[NAME + ".md"]
    expected = [
        [[c.header or c.key for c in table.columns]]
        + [[c.text for c in row.cells] for row in table.rows]
        for table in document.tables
    ]
    assert markdown_tables(markdown) == expected
    assert markdown_blocks(markdown, "h1") == [document.title or document.path]


def test_json_is_valid_against_the_schema_and_round_trips(
    any_document: Document,
) -> None:
    """The JSON artifact validates against the shipped schema and holds every cell; source
    lines only when asked for (`lines = true`)."""
    document = any_document
    for lines in (False, True):
        data = json.loads(render(document, NAME, lines=lines)[NAME + ".json"])
        jsonschema.validate(data, SCHEMA)
        assert data["source"] == {
            "path": document.path,
            "title": document.title,
            "id": document.id,
        }
        for table, table_data in zip(document.tables, data["tables"], strict=True):
            keys = [c.key for c in table.columns]
            assert table_data.get("line") == (table.line if lines else None)
            for row, row_data in zip(table.rows, table_data["rows"], strict=True):
                cells = zip(keys, row.cells, strict=True)
                assert row_data["cells"] == {k: c.text for k, c in cells}
                assert row_data["paragraphs"] == {
                    k: list(c.paragraphs) for k, c in zip(keys, row.cells, strict=True)
                }
                assert row_data.get("status") == row.status
                assert ("status" in row_data) is (row.status is not None)
                assert row_data.get("line") == (row.line if lines else None)


def test_template_syntax_in_the_text_is_never_evaluated() -> None:
    """`{{ 7*191 }}` in a title stays those characters everywhere; nothing renders 1337."""
    artifacts = render(hostile_document(), NAME)
    assert "{{ 7*191 }}" in json.loads(artifacts[NAME + ".json"])["source"]["title"]
    for text in artifacts.values():
        assert "1337" not in text


def test_error_code_members_take_their_names_from_a_name_column(tmp_path: Path) -> None:
    """An error-code table with symbolic names beside its codes names its members by them."""
    page = (
        "# 错误码\n\n| 状态码 | 错误码 | 错误描述 |\n| --- | --- | --- |\n"
        "| TSDB_CODE_RPC_ACTION_IN_PROGRESS | 0x0001 | Action in progress |\n"
        "| TSDB_CODE_RPC_AUTH_REQUIRED | 0x0002 | Authentication required |\n"
    )
    data = import_in_subprocess(write_module(tmp_path, parse(page, source="tdengine.md")))
    assert [(name, value) for name, value, _ in data["enums"]["ErrorCode"]] == [
        ("TSDB_CODE_RPC_ACTION_IN_PROGRESS", "0x0001"),
        ("TSDB_CODE_RPC_AUTH_REQUIRED", "0x0002"),
    ]


def test_a_label_beside_a_description_reaches_the_module_as_the_message(tmp_path: Path) -> None:
    """`Error code | Meaning | Description`: both texts are members' attributes."""
    page = (
        "# Errors\n\n| Error code | Meaning | Description |\n| --- | --- | --- |\n"
        "| E1001 | Bad input | The request body could not be parsed. |\n"
    )
    data = import_in_subprocess(write_module(tmp_path, parse(page, source="errors.md")))
    [(name, value, attributes)] = data["enums"]["ErrorCode"]
    assert (name, value, attributes["message"], attributes["description"]) == (
        "E1001",
        "E1001",
        "Bad input",
        "The request body could not be parsed.",
    )


def _strings(document: Document) -> list[str]:
    """Every string of a page that reaches an artifact."""
    found = [document.title, document.id, document.path]
    for table in document.tables:
        found += [table.title, *(column.header for column in table.columns)]
        for row in table.rows:
            for cell in row.cells:
                found += [cell.text, *cell.paragraphs]
    return found


@skip_without(test_corpus.CORPUS, "the shared corpus")
@pytest.mark.parametrize(
    "page", [page for page in test_corpus.WITH_TABLES if page not in test_corpus.REFUSED]
)
def test_every_real_page_escapes_and_lays_out_as_the_plain_definitions_do(page: str) -> None:
    """On real pages the fast paths write the bytes of their definitions: each text filter
    the per-character code, the JSON model (with and without lines) `json.dumps` with an
    indent, so the committed artifacts do not change."""
    document = test_corpus.document(page)  # parsed once for test_corpus's tests and these
    strings = _strings(document)
    for fast, definition in BY_CHARACTER.values():
        assert [fast(text) for text in strings] == [definition(text) for text in strings]
    for lines in (False, True):
        data = payload(document, lines=lines)
        assert escape.json_value(data) == json.dumps(data, ensure_ascii=False, indent=2)


def test_a_folder_template_renders_within_its_budget_and_leaves_no_timer(
    tmp_path: Path, seed_document: Document
) -> None:
    """The timer that bounds a folder's template is off, and the handler it replaced back,
    once the artifact is rendered; the budget grows with the page's cells."""
    import resource
    import signal

    from codetables import render as render_module
    from codetables.templateset import load

    (tmp_path / "tmpl").mkdir()
    (tmp_path / "tmpl" / "count.ts.j2").write_text("// {{ document.tables | length }}\n", "utf-8")
    templates = load(tmp_path / "tmpl", "tmpl", setting="--templates")
    handler = signal.getsignal(signal.SIGALRM)
    limits = resource.getrlimit(resource.RLIMIT_AS)
    rendered = render(seed_document, "page", templates=templates)
    assert rendered["page.ts"].endswith("// 1\n")
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) is handler
    assert resource.getrlimit(resource.RLIMIT_AS) == limits
    seconds, characters, memory = render_module.BUDGET.of(seed_document)
    cells = 42 * 3 + 3
    assert (seconds, characters) == (60.0 + cells * 0.001, (1 << 24) + 1024 * cells)
    assert memory == (1 << 28) + 8 * characters


def test_a_built_in_template_is_read_once_a_process_never_looked_at_again(
    seed_document: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Jinja asked the file system whether each built-in template had changed every time a
    page was rendered (two `stat` calls a page): a template is read once a process."""
    import os

    render(seed_document, NAME)
    looked: list[str] = []
    real_stat = os.stat

    def stat(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        looked.append(os.fspath(path) if not isinstance(path, int) else "")
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", stat)
    render(seed_document, NAME)
    assert [path for path in looked if path.endswith(".j2")] == []


def test_a_table_without_a_header_row_is_headed_by_its_column_keys_in_markdown() -> None:
    """Stripe's status summary heads its rows: its columns have no header, and the page
    heads them with their keys, never with empty cells (found by review)."""
    page = (
        "<table><tr><th>200 - OK</th><td>Everything worked as expected.</td></tr>\n"
        "<tr><th>404 - Not Found</th><td>The requested resource does not exist.</td></tr>\n"
        "</table>\n"
    )
    markdown = render(parse(page, source="stripe.md"), NAME)[NAME + ".md"]
    assert markdown_tables(markdown)[0][0] == ["status", "description"]


@pytest.mark.parametrize("letters", [72, 73, 74, 75])
def test_an_alias_beside_a_long_member_name_is_laid_out_as_ruff_formats_it(letters: int) -> None:
    """`("OK", "EVERYTHING_WENT_…")` past 88 columns: ruff format splits the pair over
    lines; the module was not format-clean (found by review). At 88 columns it stays one."""
    page = f"# T\n\n| Status | Phrase |\n|---|---|\n| 200 | {'A' * letters} |\n"
    source = render(parse(page, source="a.md"), NAME)[NAME + ".py"]
    assert f'"{"A" * letters}"' in source
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--isolated", "--check", "-"],
        input=source,
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
