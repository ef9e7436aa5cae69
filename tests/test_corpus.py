"""Real documentation: every code table of ../shared/corpus equals the reference extraction.

The corpus (213 real pages, both dialects, every historical version) lives beside the clone and
is never copied into this repository; without it these tests skip, saying so.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass

import pytest

from codetables.errors import SourceError
from codetables.headers import Says, says
from codetables.model import Cell, Document, Kind, Role
from codetables.parse import decode, parse
from conftest import read_manifest, shared_corpus, skip_without
from readback import assert_reads_back

CORPUS = shared_corpus("corpus", "CODETABLES_CORPUS")
pytestmark = skip_without(CORPUS, "the shared corpus")


def manifest() -> list[dict[str, str]]:
    return read_manifest(CORPUS)


PAGES = [row["file"] for row in manifest()]

REFUSED = {
    "pages/vpc/cn.zh-cn/error/20200628T103654_e371260.md": (
        "pages/vpc/cn.zh-cn/error/20200628T103654_e371260.md:726: merge-conflict marker "
        "'<<<<<<< HEAD' is committed in the page, expected the conflict to be resolved"
    ),
}
"""Pages codetables refuses, with the exact error. The reference keeps the `HEAD` side of the
conflict (its note says `unsure`); which side the author meant is not ours to guess, and the
issue asks for committed conflict markers to be an error at their line."""


@dataclass(frozen=True)
class Exception_:
    """A cell where we are sure the reference is wrong, with what we read and why."""

    ours: str
    reference: str
    evidence: str


EXCEPTIONS = {
    ("pages/ims/cn.zh-cn/error/20221028T103438_9a01c12.md", 117, "description"): Exception_(
        ours="当前用户已经超过镜像共享配额**。**",
        reference="当前用户已经超过镜像共享配额。",
        evidence=(
            "The pipe-table source reads `配额**。**`. Under CommonMark's flanking rules a `**` "
            "run between a letter (额) and punctuation (。) is not left-flanking, so it cannot "
            "open emphasis: markdown-it-py and GitHub's cmark-gfm both render the asterisks "
            "literally, and that is what a reader of the published page sees. The reference "
            "drops them, assuming the author meant bold (its note says `unsure`)."
        ),
    ),
}
"""(page, row line, column key) → the documented disagreement with the reference."""

_SPACE = re.compile(r"\s+")


def squeeze(text: str) -> str:
    """Text without whitespace: the reference puts spaces at every paragraph boundary."""
    return _SPACE.sub("", text)


@functools.cache
def document(page: str) -> Document:
    """A corpus page parsed once per test session."""
    return parse(decode((CORPUS / page).read_bytes(), source=page), source=page)


@functools.cache
def reference(page: str) -> list[dict[str, list[object]]]:
    path = CORPUS / "oracle" / (page.removeprefix("pages/").removesuffix(".md") + ".json")
    data: list[dict[str, list[object]]] = json.loads(path.read_text(encoding="utf-8"))
    return data


def code_pages() -> list[str]:
    return [page for page in PAGES if page not in REFUSED]


@pytest.mark.parametrize("page", code_pages())
def test_every_code_table_equals_the_reference(page: str) -> None:
    """Headers and every cell of every code table equal the reference, ignoring whitespace."""
    parsed = document(page)
    tables = reference(page)
    for table in parsed.tables:
        expected = tables[table.position]
        assert [squeeze(c.header) for c in table.columns] == [
            squeeze(str(h)) for h in expected["headers"]
        ]
        assert len(table.rows) == len(expected["rows"])
        for row, cells in zip(table.rows, expected["rows"], strict=True):
            assert isinstance(cells, list)
            for column, cell, text in zip(table.columns, row.cells, cells, strict=True):
                known = EXCEPTIONS.get((page, row.line, column.key))
                if known is not None:
                    assert (cell.text, text) == (known.ours, known.reference)
                    continue
                assert squeeze(cell.text) == squeeze(str(text)), (row.line, column.key)


@pytest.mark.parametrize("page", code_pages())
def test_no_table_with_a_code_column_is_left_out(page: str) -> None:
    """Every reference table whose header names a code column is one of our code tables."""
    coded = {
        index
        for index, table in enumerate(reference(page))
        if any(says(str(h)) in (Role.STATUS, Role.ERROR_CODE, Says.CODE) for h in table["headers"])
    }
    assert {table.position for table in document(page).tables} == coded


@pytest.mark.parametrize("page", sorted(REFUSED))
def test_pages_with_conflict_markers_are_refused_at_their_line(page: str) -> None:
    """A page with a committed merge conflict is an error naming the marker's line."""
    with pytest.raises(SourceError) as caught:
        document.__wrapped__(page)
    assert str(caught.value) == REFUSED[page]


def test_documented_exceptions_are_all_used() -> None:
    """Each documented exception names a real cell that still disagrees as described."""
    for (page, line, key), known in EXCEPTIONS.items():
        (row, table) = next(
            (row, table)
            for table in document(page).tables
            for row in table.rows
            if row.line == line
        )
        cell: Cell = row.cells[[c.key for c in table.columns].index(key)]
        assert cell.text == known.ours
        assert squeeze(cell.text) != squeeze(known.reference)


def test_corpus_figures() -> None:
    """The whole corpus: pages read, code tables and rows found, and rows equal to the reference."""
    tables = rows = exact = 0
    for page in code_pages():
        parsed, expected = document(page), reference(page)
        for table in parsed.tables:
            tables += 1
            for row, cells in zip(table.rows, expected[table.position]["rows"], strict=True):
                rows += 1
                assert isinstance(cells, list)
                exact += [squeeze(c.text) for c in row.cells] == [squeeze(str(c)) for c in cells]
    assert (len(PAGES), tables, rows) == (213, 252, 18589)
    assert rows - exact == len(EXCEPTIONS)


# --- roles and types -------------------------------------------------------------------------

_STATUS_VALUE = re.compile(r"[1-5][0-9]{2}(?![0-9])")
_ERROR_CODE_VALUE = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[._][A-Za-z0-9]+)+|0[0-9]+")


def _mostly(values: list[str], pattern: re.Pattern[str], match: str) -> bool:
    present = [v for v in values if v]
    hits = [v for v in present if getattr(pattern, match)(v)]
    return bool(present) and len(hits) * 2 > len(present)


@pytest.mark.parametrize("page", code_pages())
def test_code_columns_carry_their_roles(page: str) -> None:
    """The column of HTTP statuses has role status, the column of error codes error_code."""
    for table in document(page).tables:
        for index, column in enumerate(table.columns):
            values = [row.cells[index].text for row in table.rows]
            if _mostly(values, _STATUS_VALUE, "match"):
                assert column.role is Role.STATUS, (table.line, column.header)
            if _mostly(values, _ERROR_CODE_VALUE, "fullmatch"):
                assert column.role is Role.ERROR_CODE, (table.line, column.header)
        roles_present = [c.role for c in table.columns]
        assert roles_present.count(Role.STATUS) <= 1
        if table.kind is Kind.ERROR_CODE:
            assert roles_present.count(Role.ERROR_CODE) == 1


@pytest.mark.parametrize("page", code_pages())
def test_every_bare_status_cell_is_typed(page: str) -> None:
    """A status cell that is a bare 3-digit code 100-599 always has that integer status."""
    for table in document(page).tables:
        index = table.column(Role.STATUS)
        if index is None:
            continue
        for row in table.rows:
            text = row.cells[index].text
            if re.fullmatch(r"[1-5][0-9]{2}", text):
                assert row.status == int(text), row.line


def test_every_manifest_header_is_in_the_role_table() -> None:
    """Each header text of the manifest maps to a role or is listed as deliberately unknown."""
    headers = {
        header
        for row in manifest()
        for table in row["header_row_texts"].split(" || ")
        for header in table.split(" | ")
        if header
    }
    assert len(headers) >= 50
    assert sorted(h for h in headers if says(h) is None) == []


# --- one page, two dialects ------------------------------------------------------------------

CCI_HTML = "pages/cci/cn.zh-cn/error/20210913T155222_9fc8aa2.md"
CCI_PIPE = "pages/cci/cn.zh-cn/error/20221031T091004_e6d59a8.md"


def test_html_and_pipe_versions_of_a_page_differ_only_where_the_content_did() -> None:
    """The CCI error page as raw HTML (2021-09) and as a pipe table (2022-10): same model but
    for two cells, each explained."""
    html, pipe = document(CCI_HTML), document(CCI_PIPE)
    assert (html.title, html.id) == (pipe.title, pipe.id) == ("错误码", "cci_02_1005")
    (a,), (b,) = html.tables, pipe.tables
    assert (a.kind, a.columns, a.title) == (b.kind, b.columns, b.title)
    assert len(a.rows) == len(b.rows) == 110
    differences = [
        (row_a.line, row_b.line, column.key, cell_a, cell_b)
        for row_a, row_b in zip(a.rows, b.rows, strict=True)
        for column, cell_a, cell_b in zip(a.columns, row_a.cells, row_b.cells, strict=True)
        if cell_a != cell_b
    ]
    assert differences == [
        # The conversion to a pipe table lost a paragraph boundary: HTML has two paragraphs,
        # joined with a space between 如 and the Latin "sas"; the pipe cell is one paragraph.
        (
            217,
            46,
            "remedy",
            Cell(
                "请导入支持的存储格式，如 sas、ssd和sata",
                ("请导入支持的存储格式，如", "sas、ssd和sata"),
            ),
            Cell(
                "请导入支持的存储格式，如sas、ssd和sata",
                ("请导入支持的存储格式，如sas、ssd和sata",),
            ),
        ),
        # A typo fixed in the same commit: the 2021 page says "ccicci:namespace:create".
        (
            339,
            57,
            "description",
            Cell(
                "创建命名空间失败，您可能没有ccicci:namespace:create权限",
                ("创建命名空间失败，您可能没有ccicci:namespace:create权限",),
            ),
            Cell(
                "创建命名空间失败，您可能没有cci:namespace:create权限",
                ("创建命名空间失败，您可能没有cci:namespace:create权限",),
            ),
        ),
    ]
    assert [row.status for row in a.rows] == [row.status for row in b.rows]


def test_the_four_versions_of_the_cci_status_page_compare_by_meaning() -> None:
    """2018 → 2019 changes line endings only, 2020-06 adds `200 OK` (the seed), 2021-09 drops
    `<span>` wrappers only: the models are equal exactly where the meaning is."""
    folder = "pages/cci/cn.zh-cn/status/"
    versions = [
        document(folder + name)
        for name in (
            "20181127T183623_b44e11f.md",
            "20191209T145630_686226e.md",
            "20200606T161732_e641f7f.md",
            "20210913T155222_9fc8aa2.md",
        )
    ]
    v2018, v2019, v2020, v2021 = versions
    assert v2018 == v2019
    assert v2020 == v2021
    assert v2019 != v2020
    before = {row.status: row for row in v2019.tables[0].rows}
    after = {row.status: row for row in v2020.tables[0].rows}
    assert sorted(set(after) - set(before)) == [200]
    assert all(after[status] == row for status, row in before.items())
    assert [cell.text for cell in after[200].cells] == ["200", "OK", "GET、PUT、POST操作正常返回。"]


WITH_TABLES = [row["file"] for row in manifest() if row["format"] != "none"]


@pytest.mark.parametrize("page", [page for page in WITH_TABLES if page not in REFUSED])
def test_every_artifact_of_a_real_page_reads_back(page: str) -> None:
    """Markdown renders back to every cell, the JSON is valid, the module holds every code."""
    assert_reads_back(document(page))


def test_a_description_column_of_reason_phrases_is_the_phrase() -> None:
    """ECS lists `200 | OK`, `400 | Bad Request` under `正常状态码 | 描述`: the values are the
    standard reason phrases, so the column is `phrase`, whatever its header says. (Until the
    rule read values it was a description; the only role change on this corpus, on the ECS
    and EVS status pages.)"""
    page = "pages/ecs/cn.zh-cn/status/20221027T210606_1dee80d.md"
    for table in document(page).tables:
        assert [column.role for column in table.columns] == [Role.STATUS, Role.PHRASE]
    ok = document(page).tables[0].rows[0]
    assert [cell.text for cell in ok.cells] == ["200", "OK"]
