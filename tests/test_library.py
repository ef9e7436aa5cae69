"""codetables used from Python: the top-level API parses and renders as the command line does,
loads nothing heavy on import, and is typed for `mypy --strict` clients."""

from __future__ import annotations

import ast
import os
import pkgutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import codetables
from conftest import ROOT, SEED, SEED_LABEL, run_python

INIT = ROOT / "parser" / "codetables" / "__init__.py"
README = (ROOT / "README.md").read_text(encoding="utf-8")
HEAVY = ("bs4", "jinja2", "lxml", "markdown_it")


def test_the_api_renders_the_seed_exactly_as_the_committed_artifacts() -> None:
    """parse_page + render_artifacts give, byte for byte, what `generate` wrote to output/."""
    document = codetables.parse_page(SEED.read_bytes(), source=SEED_LABEL)
    assert document == codetables.parse_page(SEED.read_text("utf-8"), source=SEED_LABEL)
    files = codetables.render_artifacts(document, "cci_status_codes")
    assert sorted(files) == ["cci_status_codes.json", "cci_status_codes.md", "cci_status_codes.py"]
    for name, text in files.items():
        assert (ROOT / "output" / name).read_bytes() == text.encode("utf-8"), name


def test_the_api_reads_the_seed_into_the_exported_model_types() -> None:
    document = codetables.parse_page(SEED.read_bytes(), source=SEED_LABEL)
    assert isinstance(document, codetables.Document)
    (table,) = document.tables
    assert isinstance(table, codetables.Table)
    assert table.kind is codetables.Kind.HTTP_STATUS
    assert [column.role for column in table.columns] == [
        codetables.Role.STATUS,
        codetables.Role.PHRASE,
        codetables.Role.DESCRIPTION,
    ]
    assert all(isinstance(column, codetables.Column) for column in table.columns)
    first = table.rows[0]
    assert isinstance(first, codetables.Row)
    assert isinstance(first.cells[1], codetables.Cell)
    assert (first.status, table.text(first, codetables.Role.PHRASE)) == (100, "Continue")


PAGE_WITH_AN_UNKNOWN_HEADER = "# Chyby\n\n| Kód | Popis |\n|---|---|\n| E1001 | chyba |\n"


def test_roles_are_given_by_the_header_as_written_like_the_configuration() -> None:
    """`roles` keys are headers as a page writes them (case and spaces ignored, as in
    `[tool.codetables.roles]`), not the normalised keys the parser uses inside."""
    unknown = codetables.parse_page(PAGE_WITH_AN_UNKNOWN_HEADER, source="chyby.md")
    assert unknown.tables == ()
    told = codetables.parse_page(
        PAGE_WITH_AN_UNKNOWN_HEADER, source="chyby.md", roles={" KÓD ": codetables.Role.ERROR_CODE}
    )
    (table,) = told.tables
    assert table.kind is codetables.Kind.ERROR_CODE
    assert [column.role for column in table.columns] == [codetables.Role.ERROR_CODE, None]


def test_the_api_raises_the_exported_errors_with_file_and_line() -> None:
    with pytest.raises(codetables.SourceError) as not_utf8:
        codetables.parse_page(b"# t\n\n\xff\n", source="docs/bad.md")
    assert (not_utf8.value.path, not_utf8.value.line) == ("docs/bad.md", 3)
    assert str(not_utf8.value).startswith("docs/bad.md:3: byte 0xff is not valid UTF-8")
    with pytest.raises(codetables.SourceError, match=r"^empty\.md:1: the file is empty"):
        codetables.parse_page("\n", source="empty.md")
    tableless = codetables.parse_page("# Overview\n\nNo codes here.\n", source="overview.md")
    with pytest.raises(codetables.SourceError, match=r"^overview\.md:1: no code table found"):
        codetables.render_artifacts(tableless, "overview")
    for error in (codetables.SourceError, codetables.RenderError):
        assert issubclass(error, codetables.CodetablesError)


def test_every_public_name_is_listed_typed_and_loadable() -> None:
    """`__all__`, the names mypy sees (the TYPE_CHECKING imports and the functions) and the
    names loaded at run time are one list, so no public name is untyped or missing."""
    tree = ast.parse(INIT.read_text(encoding="utf-8"))
    typed = {"__version__"}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
            typed.add(node.name)
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            for statement in node.body:
                if isinstance(statement, ast.ImportFrom) and statement.level == 1:
                    for alias in statement.names:
                        assert alias.asname == alias.name, "a re-export is `import X as X`"
                        typed.add(alias.name)
    assert set(codetables.__all__) == typed
    assert len(codetables.__all__) == len(set(codetables.__all__))
    for name in codetables.__all__:
        assert getattr(codetables, name) is not None
        assert name in dir(codetables)
    with pytest.raises(AttributeError, match="has no attribute 'Documnet'"):
        codetables.Documnet  # type: ignore[attr-defined]  # noqa: B018


def test_no_public_name_is_a_submodule_that_importing_would_replace() -> None:
    """Importing `codetables.x` sets the package's attribute `x` to the module: a public
    function named like a submodule (`parse`, `render`) would be replaced by it."""
    submodules = {module.name for module in pkgutil.iter_modules(codetables.__path__)}
    assert {"parse", "render", "model"} <= submodules
    assert not submodules & set(codetables.__all__)


def test_a_plain_import_loads_no_parser_renderer_or_markdown_reader() -> None:
    """`import codetables` is what the command line's start runs: it must stay light. The
    model's names load only the model; parsing loads the readers (markdown-it and lxml;
    BeautifulSoup only for a page the fast tree declines), rendering Jinja."""
    program = textwrap.dedent(
        f"""
        import sys
        heavy = {HEAVY!r}
        def loaded():
            ours = sorted(m for m in sys.modules if m.startswith("codetables"))
            return ours, sorted(m for m in heavy if m in sys.modules)
        import codetables
        print(loaded())
        codetables.Document, codetables.Role, codetables.SourceError
        print(loaded())
        page = "# t\\n\\n| 状态码 | 说明 |\\n|---|---|\\n| 404 | x |\\n"
        document = codetables.parse_page(page, source="t.md")
        print(loaded()[1])
        codetables.render_artifacts(document, "t")
        print(loaded()[1])
        """
    )
    run = run_python(program)
    assert run.returncode == 0, run.stderr
    plain, named, parsed, rendered = run.stdout.splitlines()
    assert plain == "(['codetables'], [])"
    assert named == "(['codetables', 'codetables.errors', 'codetables.model'], [])"
    assert parsed == "['lxml', 'markdown_it']"
    assert rendered == "['jinja2', 'lxml', 'markdown_it']"


def test_the_readme_library_example_runs_as_written() -> None:
    section = README.split("## Using codetables as a library", 1)[1]
    example = section.split("```python", 1)[1].split("```", 1)[0]
    run = run_python(example)
    assert run.returncode == 0, run.stderr
    assert run.stdout == "100 Continue\n101 Switching Protocols\n"


def test_the_readme_lists_every_public_name() -> None:
    section = README.split("## Using codetables as a library", 1)[1]
    for name in codetables.__all__:
        assert f"`{name}" in section, name


CLIENT = """\
from pathlib import Path

import codetables
from codetables import CodetablesError, Document, Role, Table, parse_page, render_artifacts


def statuses(path: Path) -> dict[int, str]:
    try:
        document: Document = parse_page(path.read_bytes(), source=path.name)
    except CodetablesError as error:
        raise SystemExit(f"{error.path}:{error.line}: {error.message}") from None
    found: dict[int, str] = {}
    for table in document.tables:
        for row in table.rows:
            if row.status is not None:
                found[row.status] = table.text(row, Role.PHRASE)
    return found


def artifacts(document: codetables.Document, tables: tuple[Table, ...]) -> list[str]:
    files: dict[str, str] = render_artifacts(document, "x", lines=True)
    kinds: list[codetables.Kind] = [table.kind for table in tables]
    return [*files, *map(str, kinds)]
"""

MISUSE = {
    "status: int = codetables.parse_page('', source='x.md').tables[0].rows[0].status": (
        'Incompatible types in assignment (expression has type "int | None"'
    ),
    "codetables.render_artifacts(codetables.Document('t', '', ()))": (
        'Missing positional argument "name" in call to "render_artifacts"'
    ),
    "codetables.parse_page(Path('x.md'), source='x.md')": (
        'Argument 1 to "parse_page" has incompatible type "Path"'
    ),
    "codetables.Documnet": 'Module has no attribute "Documnet"',
}


def mypy(tmp_path: Path, source: str) -> subprocess.CompletedProcess[str]:
    """`mypy --strict` on one client file, finding codetables as installed (no search path
    of its own), so it depends on the package's `py.typed`."""
    client = tmp_path / "client.py"
    client.write_text(source, encoding="utf-8")
    environment = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "MYPYPATH")}
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", client.name],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=environment,
        check=False,
    )


def test_a_client_of_the_api_type_checks_under_mypy_strict(tmp_path: Path) -> None:
    checked = mypy(tmp_path, CLIENT)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "Success: no issues found in 1 source file" in checked.stdout


def test_mypy_strict_finds_each_misuse_of_the_api(tmp_path: Path) -> None:
    """The types are precise: a wrong argument, a forgotten `None`, a misspelt name (the lazy
    `__getattr__` is hidden from mypy, so it does not make every name `Any`)."""
    lines = list(MISUSE)
    checked = mypy(tmp_path, CLIENT + "\n\n" + "\n".join(lines) + "\n")
    assert checked.returncode == 1
    first = CLIENT.count("\n") + 3
    for number, (line, message) in enumerate(MISUSE.items(), start=first):
        assert f"client.py:{number}: error: {message}" in checked.stdout, (line, checked.stdout)
    assert checked.stdout.count(": error:") == len(MISUSE), checked.stdout


def test_a_lone_surrogate_is_a_source_error_naming_its_line() -> None:
    """Text no file could hold is refused where it is read, never as a crash in rendering."""
    text = "# S\n\n| Code | Description |\n| --- | --- |\n| 400 | \ud800 |\n"
    with pytest.raises(codetables.SourceError) as raised:
        codetables.parse_page(text, source="x.md")
    assert str(raised.value).startswith("x.md:5: not Unicode text: a lone surrogate U+D800")


def test_rendering_a_document_without_code_tables_is_a_render_error() -> None:
    """`render` of a page with no code table gave a module that imported nothing from
    `enum`: Python that does not compile, and no word (found while testing aliases). The
    top-level API refuses such a page already, as the command line does."""
    from codetables.parse import parse  # (`parse_page` refuses a page without tables)
    from codetables.render import render

    document = parse("# Guide\n\n| Step | What |\n| --- | --- |\n| 1 | Go |\n", source="g.md")
    assert document.tables == ()
    with pytest.raises(codetables.RenderError, match=r"^g\.md: holds no code table to render"):
        render(document, "g")
    with pytest.raises(codetables.SourceError, match=r"^g\.md:1: no code table found"):
        codetables.render_artifacts(document, "g")
