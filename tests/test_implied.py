"""End tags HTML implies for table cells and rows: a page that leaves them out reads as the
same page with them written, by either tree, on the same lines."""

from __future__ import annotations

import re

import pytest

from codetables import implied
from codetables.model import Document
from codetables.parse import parse

WRITTEN = """# 错误码

<table>
<thead>
<tr><th>错误码</th><th>错误信息</th><th>描述</th></tr>
</thead>
<tbody>
<tr><td>E.1</td><td>bad <b>request</b></td><td><p>one</p><p>two</p></td></tr>
<tr><td>E.2</td><td>not found</td><td>three</td></tr>
</tbody>
</table>
"""


def left_out(page: str, *names: str) -> str:
    """The page without the end tags of these elements."""
    return re.sub(rf"</(?:{'|'.join(names)})>", "", page)


def read_both(page: str) -> tuple[Document, Document]:
    return parse(page, source="p.md"), parse(page, source="p.md", fast_tree=False)


def rows(document: Document) -> list[tuple[list[str], int]]:
    return [([cell.text for cell in row.cells], row.line) for row in document.tables[0].rows]


@pytest.mark.parametrize(
    "names", [("td",), ("th",), ("tr",), ("td", "th"), ("td", "th", "tr"), ("td", "tr")]
)
def test_cells_and_rows_left_open_read_as_written_by_both_trees(names: tuple[str, ...]) -> None:
    """html.parser nested each open cell in the one before: the code table became one cell
    per row and was passed by as no code table, exit 0 (found by review)."""
    expected = parse(WRITTEN, source="p.md")
    page = left_out(WRITTEN, *names)
    assert page != WRITTEN
    fast, reference = read_both(page)
    assert fast == reference == expected
    assert rows(fast) == rows(reference) == rows(expected)
    assert rows(fast) == [
        (["E.1", "bad request", "one two"], 8),
        (["E.2", "not found", "three"], 9),
    ]


def test_upper_case_tags_and_attributes_are_closed_alike() -> None:
    page = WRITTEN.replace("<td>", '<TD class="x">').replace("</td>", "")
    fast, reference = read_both(page)
    assert rows(fast) == rows(reference) == rows(parse(WRITTEN, source="p.md"))


def test_a_table_in_an_open_cell_keeps_its_own_cells_and_rows() -> None:
    page = (
        "# T\n\n<table>\n<tr><th>错误码<th>描述\n"
        "<tr><td>E.1<td>see <table><tr><td>inner<td>cells</table> above\n"
        "<tr><td>E.2<td>plain\n</table>\n"
    )
    fast, reference = read_both(page)
    assert fast == reference
    assert rows(fast) == [(["E.1", "see inner cells above"], 5), (["E.2", "plain"], 6)]


def test_a_large_table_with_no_end_tags_is_read_whole_not_refused_as_too_deep() -> None:
    """Past 256 open rows, html.parser's nesting passed the depth limit: the page was
    refused as "nested more than 256 deep", though its author nested nothing."""
    body = "".join(f"<tr><td>E.{n}<td>message {n}\n" for n in range(600))
    page = f"# T\n\n<table>\n<tr><th>错误码<th>错误信息\n{body}</table>\n"
    fast, reference = read_both(page)
    assert fast == reference
    assert len(fast.tables[0].rows) == 600
    assert rows(fast)[-1] == (["E.599", "message 599"], 604)


@pytest.mark.parametrize(
    "inert",
    [
        "<!-- <tr><td>not markup -->",
        "<script>var s = '<tr><td>';</script>",
        "<style>td:after { content: '<td>' }</style>",
        "<textarea><td>text</textarea>",
    ],
)
def test_markup_in_a_comment_or_raw_text_is_left_alone(inert: str) -> None:
    page = left_out(WRITTEN, "td") + inert + "\n"
    closed = implied.closed(page)
    assert inert in closed
    assert closed.count("\n") == page.count("\n")


def test_a_page_that_closes_everything_is_returned_as_it_is() -> None:
    assert implied.closed(WRITTEN) is WRITTEN
    closed = implied.closed(left_out(WRITTEN, "td", "tr"))
    assert closed.count("\n") == WRITTEN.count("\n")  # every line where it was
    assert closed.count("</td>") == closed.count("<td>") == 6
    assert closed.count("</tr>") == closed.count("<tr>") == 3
