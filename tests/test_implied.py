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


HEADED = (
    "# T\n\n<table>\n<thead>\n<tr><th>状态码<th>说明\n<tbody>\n"
    "<tr><td>400<td>bad\n<tr><td>404<td>missing\n</table>\n"
)


def test_a_row_group_left_open_ends_at_the_next_one() -> None:
    """`</thead>` left out before `<tbody>`: html.parser kept the body inside the head, and
    the table was passed by as a header with no rows (found by review)."""
    fast, reference = read_both(HEADED)
    assert fast == reference
    assert rows(fast) == [(["400", "bad"], 7), (["404", "missing"], 8)]


@pytest.mark.parametrize(
    "elsewhere",
    [
        "<tr><td>E.0</td><td>zero</td></td></tr>",  # one end tag too many
        "<tr><td>E.0</td><td><script>var s = '</td>';</script>zero</td></tr>",
    ],
)
def test_an_end_tag_too_many_elsewhere_does_not_hide_one_left_out(elsewhere: str) -> None:
    """Start and end tags were counted to pass a page by: one too many in another row (or
    in a script) made up for one left out, and a code cell read "E.2 two" (found by
    review)."""
    page = (
        "# T\n\n<table>\n<tr><th>错误码</th><th>描述</th></tr>\n"
        f"{elsewhere}\n<tr><td>E.2<td>two</td></tr>\n</table>\n"
    )
    fast, reference = read_both(page)
    assert fast == reference
    assert rows(fast)[-1] == (["E.2", "two"], 6)


@pytest.mark.parametrize("before", ['<iframe src="x"/>', "<textarea/>", '<script src="x.js" />'])
def test_only_what_html_parser_reads_as_text_hides_the_tables_after_it(before: str) -> None:
    """`<iframe/>` or `<textarea/>` before a table: the rest of the page was taken for their
    text, though html.parser reads no such thing, and the table was lost (found by review);
    an XHTML `<script/>` is read by both trees as closed, and its page is not refused."""
    page = f"# T\n\n{before}\n\n<table>\n<tr><th>错误码<th>描述\n<tr><td>E.1<td>one\n</table>\n"
    fast, reference = read_both(page)
    assert fast == reference
    assert rows(fast) == [(["E.1", "one"], 7)]


def test_a_script_tag_in_an_attribute_value_refuses_no_page() -> None:
    """`alt="<script>"` before a table made the page "a <script> never closed", exit 2,
    where it had been read (found by review)."""
    page = (
        '# T\n\n<p><img alt="<script>" src=x></p>\n\n<table>\n'
        "<tr><th>错误码</th><th>描述</th></tr>\n<tr><td>E.1</td><td>one</td></tr>\n</table>\n"
    )
    fast, reference = read_both(page)
    assert fast == reference
    assert rows(fast) == [(["E.1", "one"], 7)]
