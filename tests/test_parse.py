"""Parsing real-page shapes: both dialects, structure, roles, codes as written, warnings."""

from __future__ import annotations

import importlib
import re
import subprocess
import sys

import pytest
from markdown_it import MarkdownIt

from codetables import pipes, roles, soup, values
from codetables.errors import SourceError
from codetables.headers import says
from codetables.model import Document, Kind, Role
from codetables.parse import MAX_LAYOUT_LEVELS, parse
from conftest import run_python

HTML = """# 错误码<a name="x_1"></a>

**表 1**  错误码

<a name="t1"></a>
<table><thead><tr><th><p>状态码</p></th><th><p>错误码</p></th><th><p>错误信息</p></th></tr></thead>
<tbody><tr><td><p>400</p></td><td><p>APIG.0101</p></td><td><p>The API does not exist</p></td></tr>
<tr><td><p>404</p></td><td><p>01</p></td><td><p>a | b</p></td></tr>
</tbody></table>
"""

PIPE = """# 错误码<a name="x_1"></a>

**表 1**  错误码

| 状态码 | 错误码 | 错误信息 |
| --- | --- | --- |
| 400 | APIG.0101 | The API does not exist |
| 404 | 01 | a \\| b |
"""


def one(page: str) -> Document:
    return parse(page, source="page.md")


def cells(document: Document, table: int = 0) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in document.tables[table].rows]


def test_html_and_pipe_tables_give_the_same_model() -> None:
    """The same table as raw HTML and as a GFM pipe table parses to equal documents."""
    html, pipe = one(HTML), one(PIPE)
    assert html == pipe
    assert html.tables[0].title == "表 1 错误码"
    assert cells(pipe) == [["400", "APIG.0101", "The API does not exist"], ["404", "01", "a | b"]]


def test_rows_keep_their_source_lines_in_both_dialects() -> None:
    """Each row cites the line it is written on, pipe rows included."""
    assert [row.line for row in one(HTML).tables[0].rows] == [7, 8]
    assert [row.line for row in one(PIPE).tables[0].rows] == [7, 8]


def test_error_codes_stay_strings_as_written() -> None:
    """`01` keeps its leading zero; the table is an error-code table."""
    table = one(PIPE).tables[0]
    assert table.kind is Kind.ERROR_CODE
    assert [table.text(row, Role.ERROR_CODE) for row in table.rows] == ["APIG.0101", "01"]


def test_crlf_lf_mix_and_bom_change_nothing() -> None:
    """A BOM and CRLF/LF/CR line endings give the same model and the same lines."""
    lines = HTML.split("\n")
    mixed = "\ufeff" + "\r\n".join(lines[:4]) + "\r" + "\n".join(lines[4:])
    assert one(mixed) == one(HTML)
    assert [row.line for row in one(mixed).tables[0].rows] == [7, 8]


def test_a_pipe_page_with_cr_line_ends_reads_as_with_lf() -> None:
    """markdown-it's own line-end rule is off: `parse`'s normalisation is the only one, for
    the page and for the caption line read as inline Markdown."""
    page = "# t\n\n**表 1** 错误码\n\n" + PIPE.split("\n", 4)[4]
    document = one(page.replace("\n", "\r"))
    assert document == one(page)
    assert document.tables[0].title == "表 1 错误码"


def test_fenced_code_is_never_a_table() -> None:
    """A table inside a fence (an XML or HTML example) is not read."""
    page = "# t\n\n```html\n" + HTML.split("\n", 4)[4] + "```\n\n" + PIPE.split("\n", 4)[4]
    document = one(page)
    assert len(document.tables) == 1
    assert document.tables[0].rows[0].line > 12


def test_html_table_indented_in_a_list_item_is_a_table() -> None:
    """An HTML table indented four spaces under a list item is still read."""
    table_lines = HTML.split("\n")[5:9]
    page = "# t\n\n-   正常\n\n" + "\n".join("    " + line for line in table_lines) + "\n"
    assert cells(one(page))[0] == ["400", "APIG.0101", "The API does not exist"]


def test_non_code_tables_are_skipped_and_named() -> None:
    """A parameter table is no code table: skipped, listed with its headers and line."""
    page = "# t\n\n| 参数 | 类型 | 说明 |\n| --- | --- | --- |\n| a | String | x |\n\n" + PIPE
    document = one(page)
    assert len(document.tables) == 1
    assert document.tables[0].position == 1
    assert [(n.line, n.message) for n in document.skipped] == [
        (
            3,
            "not a code table: 参数 | 类型 | 说明 "
            "(a parameter table: column '类型' holds data types)",
        )
    ]


def test_spans_expand_by_grid_position_ignoring_headers_attributes() -> None:
    """rowspan repeats a cell down, colspan across; `headers=` is ignored."""
    page = """# t
<table><tr><th>模块</th><th>状态码</th><th>错误码</th><th>说明</th></tr>
<tr><td rowspan="2" headers="wrong">公共</td><td>400</td><td>VPC.1</td><td>a</td></tr>
<tr><td headers="mcps1.1">404</td><td>VPC.2</td><td>b</td></tr>
<tr><td>网络</td><td>500</td><td colspan="2">VPC.3</td></tr>
</table>
"""
    assert cells(one(page)) == [
        ["公共", "400", "VPC.1", "a"],
        ["公共", "404", "VPC.2", "b"],
        ["网络", "500", "VPC.3", "VPC.3"],
    ]


@pytest.mark.parametrize(
    ("attribute", "expected"),
    [
        ('rowspan="2;"', [["A", "400"], ["A", "401"]]),
        ('rowspan="0"', [["A", "400"], ["401", ""]]),
        ('rowspan="x"', [["A", "400"], ["401", ""]]),
        ('rowspan="99999999999999999999"', [["A", "400"], ["A", "401"]]),
        ('rowspan="-3"', [["A", "400"], ["401", ""]]),
    ],
)
def test_malformed_span_values_are_tolerated_within_bounds(
    attribute: str, expected: list[list[str]]
) -> None:
    """`2;` reads as 2; 0, junk and negatives as 1; a huge span stops at the table's end."""
    page = f"""# t
<table><tr><th>模块</th><th>状态码</th></tr>
<tr><td {attribute}>A</td><td>400</td></tr>
<tr><td>401</td></tr>
</table>
"""
    document = one(page)
    assert cells(document) == expected
    # without the span the second row is short: kept as a browser shows it, and reported
    assert [n.line for n in document.warnings] == ([] if expected[1][0] == "A" else [4])


def test_a_colspan_past_the_last_column_is_cut_at_the_edge() -> None:
    """A footer note spanning more columns than the table has is kept, with a warning."""
    page = """# t
<table><tr><th>状态码</th><th>说明</th></tr>
<tr><td>400</td><td>bad</td></tr>
<tr><td colspan="5">说明：以上为常见错误。</td></tr>
</table>
"""
    document = one(page)
    assert cells(document)[1] == ["说明：以上为常见错误。", "说明：以上为常见错误。"]
    assert document.tables[0].rows[1].status is None
    assert [n.message for n in document.warnings] == [
        "a colspan reaches past the last column; cut at the table edge"
    ]


def test_short_rows_are_kept_padded_and_reported() -> None:
    """A row with a missing cell is never dropped: padded at its end, with a warning."""
    page = """# t
<table><tr><th>状态码</th><th>编码</th><th>说明</th></tr>
<tr><td>400</td><td>Bad Request</td></tr>
</table>
"""
    document = one(page)
    assert cells(document) == [["400", "Bad Request", ""]]
    assert [(n.line, n.message) for n in document.warnings] == [
        (3, "row has 2 cells, the header has 3; the missing cells are left empty at its end")
    ]


def test_a_short_row_lines_up_where_its_values_fit() -> None:
    """When the first cell is the missing one (the status lands in the module column), the
    row is read against the last columns, and the warning says so."""
    page = """# t
<table><tr><th>模块</th><th>状态码</th><th>错误码</th></tr>
<tr><td>公共</td><td>400</td><td>VPC.1</td></tr>
<tr><td>400</td><td>VPC.2</td></tr>
</table>
"""
    document = one(page)
    assert cells(document)[1] == ["", "400", "VPC.2"]
    assert document.warnings[0].message.endswith(
        "the missing cells are left empty at its start, where its values fit the columns"
    )


def test_th_cells_inside_tbody_are_row_headers_and_td_header_rows_count() -> None:
    """`th` in the body is an ordinary cell; a first row of `td` is the header."""
    page = """# t
<table><tbody><tr><td>错误码</td><td>说明</td></tr>
<tr><th>FSS.0001</th><td>x</td></tr></tbody></table>
"""
    table = one(page).tables[0]
    assert [c.header for c in table.columns] == ["错误码", "说明"]
    assert cells(one(page)) == [["FSS.0001", "x"]]


def test_cells_read_as_the_reader_sees_them() -> None:
    """Note boxes, lists (one paragraph per item), links, `<sub>` (lowered: H₂O), images, raw
    escapes."""
    page = r"""# t
<table><tr><th>状态码</th><th>说明</th></tr>
<tr><td>400</td><td><div class="note"><span class="notetitle"> 说明： </span>
<div class="notebody"><p>请检查<a href="x.md">参数</a>。</p></div></div>
<ul><li>第一</li><li>H<sub>2</sub>O<img src="a.png"></li></ul><p>a\_b</p></td></tr>
</table>
"""
    row = one(page).tables[0].rows[0]
    assert row.cells[1].paragraphs == ("说明：", "请检查参数。", "第一", "H\u2082O", r"a\_b")


@pytest.mark.parametrize(
    ("text", "status", "in_order"),
    [
        ("404", 404, True),
        ("404 Not Found", 404, True),
        ("200 (OK)", 200, True),
        ("`404`", 404, True),
        ("409 ObjectNotAppendable", 409, True),
        ("200 - OK", 200, True),  # OpenStack's form
        ("404 \u2013 Not Found", 404, True),
        ("503: Service Unavailable", 503, True),
        ("HTTP 404", 404, True),
        ("http 200 OK", 200, True),
        ("HTTP/1.1 404 Not Found", 404, True),
        ("HTTP 4xx", None, True),
        ("400-500", None, True),  # a range of statuses: a row about them
        ("400 Bad Request 403 Forbidden", None, True),  # Okta's, one to a line
        ("400 Bad Request, 403 Forbidden", None, True),
        ("Error 400", None, False),
        ("Provisional 1xx", None, True),  # SIP's group heading
        ("500-400", None, False),
        ("HTTPS 404", None, False),
        ("404/500", None, True),
        ("500 409", None, True),
        ("2xx", None, True),
        ("5XX", None, True),
        ("NA", None, True),
        ("-", None, True),
        ("", None, True),
        ("4000", None, False),
        ("600", 600, True),  # a service's own status (RFC 9110, 15; Qiniu's 612)
        ("999", 999, True),
        ("099", None, False),
        ("abc", None, False),
        ("GRPC_STATUS_CANCELLED", None, False),
    ],
)
def test_typed_status_only_where_unambiguous(text: str, status: int | None, in_order: bool) -> None:
    """A code, or a code and a phrase, is typed; lists, classes and NA read as statuses but
    stay untyped; anything else is not a status at all (a warning, never an error)."""
    assert values.typed_status(text) == status
    assert values.is_status_text(text) is in_order


def test_an_ambiguous_header_is_decided_by_its_values() -> None:
    """返回值 holds statuses in some services and error codes in others."""
    statuses = roles.read_columns(["返回值", "说明"], [["200 OK", "400 Bad Request"], ["a", "b"]])
    codes = roles.read_columns(["返回值", "说明"], [["APIG.0101", "APIG.0102", "400"], list("abc")])
    assert statuses.roles == (Role.STATUS, Role.DESCRIPTION)
    assert codes.roles == (Role.ERROR_CODE, Role.DESCRIPTION)


@pytest.mark.parametrize(
    "table",
    [
        "| 错误码类型 | 说明 |\n| --- | --- |\n| 公共错误码 | 所有服务共用 |\n"
        "| 服务错误码 | 各服务自有 |\n",
        "| HTTP status code | Meaning |\n| --- | --- |\n| 200\u2013299 | Success |\n"
        "| 400\u2013499 | Client error |\n",
        "| 返回码 | 说明 |\n| --- | --- |\n| 成功 | 调用成功 |\n| 失败 | 调用失败 |\n",
    ],
)  # fmt: skip
def test_a_table_whose_header_names_codes_but_holds_none_passes_by_quietly(table: str) -> None:
    """An overview of the kinds of error codes, status ranges, outcomes: no code table, and
    no warning, which `--strict` would make an error beside the page's real code table (a
    warning tried for these was found by review to stop such pages)."""
    real = "\n| 错误码 | 错误信息 |\n| --- | --- |\n| APIG.0101 | 参数错误 |\n"
    document = one(table + real)
    assert len(document.tables) == 1
    assert len(document.skipped) == 1
    assert document.warnings == ()


def test_repeated_rows_are_kept_with_a_warning() -> None:
    """An exact copy of an earlier row stays (nothing is dropped) and is reported."""
    page = PIPE + "| 400 | APIG.0101 | The API does not exist |\n"
    document = one(page)
    assert len(document.tables[0].rows) == 3
    assert [(n.line, n.message) for n in document.warnings] == [(9, "row repeats line 7 exactly")]


@pytest.mark.parametrize(
    ("headers", "role"),
    [
        (
            "状态码 HTTP状态码 http状态码 Http状态码 Http响应码 响应状态码 HTTP返回码 错误码状态 "
            "正常返回码 错误返回码",
            Role.STATUS,
        ),
        ("编码", Role.PHRASE),
        ("错误码 返回错误码 错误码ID", Role.ERROR_CODE),
        ("错误信息 英文错误信息", Role.MESSAGE),
        ("描述 说明 状态说明 错误码说明 语义 中文说明", Role.DESCRIPTION),
        ("处理措施 解决方案 处理建议 建议解决方法 描述（处理措施）", Role.REMEDY),
        ("模块", Role.MODULE),
    ],
)
def test_header_variants_map_to_their_role(headers: str, role: Role) -> None:
    """The header variants real pages use, zh and en, each name their role."""
    for header in headers.split():
        assert says(header) is role, header


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("Http 状态码", Role.STATUS),
        ("Status Code", Role.STATUS),
        ("HTTP Status Code", Role.STATUS),
        ("Error Code", Role.ERROR_CODE),
        ("Error Message", Role.MESSAGE),
        ("Message", Role.MESSAGE),
        ("描述（处理措施）：", Role.REMEDY),
        ("参数", None),
    ],
)
def test_headers_match_ignoring_case_spaces_colons_and_width(
    header: str, role: Role | None
) -> None:
    """`Http 状态码`, `Error Code` and a trailing full-width colon still find their role."""
    assert says(header) is role


def test_code_in_prose_is_text_not_markup() -> None:
    """`<table>` in a code span, an indented code block or a script is never a table."""
    page = (
        "# t\n\nThe response is a `<table>` element; see ``<table>`` too.\n\n"
        "    <table><tr><th>状态码</th></tr><tr><td>999</td></tr></table>\n\n"
        '<script>document.write("<table>")</script>\n\n' + PIPE.split("\n", 4)[4]
    )
    document = one(page)
    assert len(document.tables) == 1
    assert cells(document)[0][0] == "400"


def test_a_caption_element_is_the_table_title() -> None:
    """`<caption>` names the table when the page has one."""
    page = (
        "# t\n<table><caption>表 3 <b>错误码</b></caption><tr><th>错误码</th></tr>\n"
        "<tr><td>E.1</td></tr></table>\n"
    )
    assert one(page).tables[0].title == "表 3 错误码"


SECTIONS = """# 错误码

## 系统级错误代码 {#system}

| 错误代码 | 错误信息 |
| --- | --- |
| 10001 | system error |

## 服务级错误代码

The codes of each service, below.

<table><tr><th>错误代码</th><th>错误信息</th></tr>
<tr><td>20001</td><td>IDs is null</td></tr></table>

## Request parameters

| Name | Type | Description |
| --- | --- | --- |
| id | string | The id. |

Errors returned:

| Error code | Message |
| --- | --- |
| E1 | bad |

### Captioned

**表 1** 错误码

| Error code | Message |
| --- | --- |
| E2 | worse |
"""


@pytest.mark.parametrize("fast_tree", [True, False], ids=["fast", "reference"])
def test_a_table_without_a_caption_takes_the_heading_of_its_section(fast_tree: bool) -> None:
    """Two tables under `## 系统级错误代码` and `## 服务级错误代码` were both untitled: an
    enum `ErrorCode2` with nothing saying which is which (a held-out probe, on Weibo's,
    Discord's and Sphinx pages). The nearest heading above a table titles it, its inline
    markup and attributes read; not one above another table first (`Request parameters`
    heads the parameters), and a caption still wins."""
    document = parse(SECTIONS, source="s.md", fast_tree=fast_tree)
    assert [table.title for table in document.tables] == [
        "系统级错误代码",
        "服务级错误代码",
        "",
        "表 1 错误码",
    ]


def test_a_heading_inside_a_quote_or_a_list_item_heads_no_section() -> None:
    """`> ### Note` and `- ### Quotas` are a note's and an item's headings: the table after
    them is under `## Errors` (found by review: titled `Note`, `Quotas`)."""
    table = "| Error code | Message |\n| --- | --- |\n| E1 | bad |\n"
    for aside in ("> ### Note\n> Retries are safe.\n", "- ### Quotas\n  Each has quotas.\n"):
        page = f"# Page\n\n## Errors\n\n{aside}\n{table}"
        assert one(page).tables[0].title == "Errors", aside


@pytest.mark.parametrize("fast_tree", [True, False], ids=["fast", "reference"])
def test_a_rendered_pages_tables_take_the_html_headings_of_their_sections(
    fast_tree: bool,
) -> None:
    """A rendered page's `<h2>System errors</h2><table>…<h2>Service errors</h2><table>`:
    both tables were untitled, as the Markdown of the same page no longer is (found by
    review); an `<h1>` names the page, and a heading above another table first, none."""
    table = (
        "<table><tr><th>Error code</th><th>Message</th></tr><tr><td>{}</td><td>x</td></tr></table>"
    )
    page = (
        "<!DOCTYPE html><html><body><h1>Errors</h1>"
        + table.format("E0")
        + "<h2>System <em>errors</em></h2><p>Below.</p>"
        + table.format("E1")
        + "<h2>Service errors</h2>"
        + table.format("E2")
        + "<h3>Parameters</h3><table><tr><th>Name</th><th>Type</th></tr>"
        + "<tr><td>id</td><td>string</td></tr></table>"
        + table.format("E3")
        + "</body></html>"
    )
    document = parse(page, source="p.html", fast_tree=fast_tree)
    assert [t.title for t in document.tables] == ["", "System errors", "Service errors", ""]
    markdown = "# Errors\n\n<h2>Quotas</h2>\n\n" + table.format("E1") + "\n"
    assert [t.title for t in parse(markdown, source="p.md", fast_tree=fast_tree).tables] == [
        "Quotas"
    ]


@pytest.mark.parametrize("fast_tree", [True, False], ids=["fast", "reference"])
def test_an_h1_ends_the_section_before_it(fast_tree: bool) -> None:
    """ReDoc's page: an operation's `<h3>Responses</h3>` above its parameters, then
    `<h1>Errors</h1>` above the status table, which was titled `Responses` (found by a
    held-out probe). The `<h1>` ends that section; it names the page, so titles nothing."""
    page = (
        "<html><body><h2>Inspect a container</h2><h3>Responses</h3><p>200 OK</p>"
        "<h1>Errors</h1><table><tr><th>Status code</th><th>Meaning</th></tr>"
        "<tr><td>404</td><td>No such container</td></tr></table></body></html>"
    )
    document = parse(page, source="redoc.html", fast_tree=fast_tree)
    assert (document.title, [t.title for t in document.tables]) == ("Errors", [""])
    several = page.replace("<h2>Inspect", "<h1>API</h1><h2>Inspect")  # (SQLite's sections)
    document = parse(several, source="redoc.html", fast_tree=fast_tree)
    assert [t.title for t in document.tables] == ["Errors"]


def test_the_pages_own_title_heading_titles_no_table() -> None:
    """A level-1 heading names the page, not its table; a first heading of another level
    that names the page (no level-1 heading) neither."""
    table = "| Error code | Message |\n| --- | --- |\n| E1 | bad |\n"
    assert one(f"# Errors\n\n{table}").tables[0].title == ""
    assert one(f"## Errors\n\n{table}").title == "Errors"
    assert one(f"## Errors\n\n{table}").tables[0].title == ""
    assert one(f"## Errors\n\n### Common\n\n{table}").tables[0].title == "Common"


@pytest.mark.parametrize("fast_tree", [True, False], ids=["fast", "reference"])
@pytest.mark.parametrize(
    "sign", ["\N{PILCROW SIGN}", "&para;", " \N{LINK SYMBOL}"], ids=["pilcrow", "entity", "link"]
)
def test_a_permalink_sign_is_no_part_of_a_title(sign: str, fast_tree: bool) -> None:
    """Sphinx and MkDocs end every heading and caption with a link to itself whose text is
    a pilcrow (some themes: a link symbol): the page's and the table's titles leave it out."""
    page = (
        "<!DOCTYPE html><html><body>\n"
        f'<h1>Exit status and error codes<a class="headerlink" href="#e">{sign}</a></h1>\n'
        '<table><caption><span class="caption-number">Table 1 </span>'
        f'<span class="caption-text">Exit statuses</span><a href="#id1">{sign}</a></caption>\n'
        "<tr><th>Error code</th><th>Description</th></tr>\n"
        "<tr><td>E1</td><td>Bad input.</td></tr>\n<tr><td>E2</td><td>No access.</td></tr>\n"
        "</table></body></html>\n"
    )
    document = parse(page, source="errors.html", fast_tree=fast_tree)
    assert document.title == "Exit status and error codes"
    assert document.tables[0].title == "Table 1 Exit statuses"


@pytest.mark.parametrize("fast_tree", [True, False], ids=["fast", "reference"])
def test_a_heading_of_a_permalink_alone_names_no_page(fast_tree: bool) -> None:
    """An `<h1>` holding only its permalink's sign gives way to the next title found (the
    `<title>` here), not an empty title (found by review)."""
    page = (
        "<!DOCTYPE html><html><head><title>Errors</title></head><body>\n"
        '<h1><a class="headerlink" href="#e">\N{PILCROW SIGN}</a></h1>\n'
        "<table><tr><th>Error code</th><th>Description</th></tr>\n"
        "<tr><td>E1</td><td>Bad input.</td></tr>\n</table></body></html>\n"
    )
    assert parse(page, source="errors.html", fast_tree=fast_tree).title == "Errors"


def test_a_pilcrow_inside_a_title_stays() -> None:
    """Only a sign at the end, where generators put the link, is taken for one."""
    page = "# The \N{PILCROW SIGN} mark\n\n" + PIPE.split("\n", 2)[2]
    assert one(page).title == "The \N{PILCROW SIGN} mark"


@pytest.mark.parametrize("fast_tree", [True, False], ids=["fast", "reference"])
def test_raised_and_lowered_digits_read_as_a_reader_sees_them(fast_tree: bool) -> None:
    """`<sup>` and `<sub>` holding digits (signs, parentheses) read as Unicode's raised and
    lowered digits: a footnote's mark stays apart from its value (`409¹`, not `4091`), a
    power and a formula read right (`2³¹`, `H₂O`). Any other `<sup>` reads as written, and
    so does what an outer one that is not holds. Both trees read alike."""
    page = (
        "# t\n<table><tr><th>HTTP status</th><th>Error code</th><th>Description</th></tr>\n"
        '<tr><td>409<sup>1</sup></td><td>Bad<sup> <a href="#fn1">2</a> </sup></td>'
        "<td>Up to 2<sup>31</sup>-1; H<sub>2</sub>O.</td></tr>\n"
        "<tr><td>429<sup>*</sup></td><td>Slow<sup>a</sup></td>"
        "<td>x<sup>1<br>2</sup> <sup><sup>3</sup><b>(4)</b></sup> <sup>5<p>6</p><sup>7</sup></sup>"
        "</td></tr>\n</table>\n"
    )
    table = parse(page, source="t.md", fast_tree=fast_tree).tables[0]
    assert [[cell.text for cell in row.cells] for row in table.rows] == [
        ["409\N{SUPERSCRIPT ONE}", "Bad \N{SUPERSCRIPT TWO}", "Up to 2\u00b3\u00b9-1; H\u2082O."],
        ["429*", "Slowa", "x1 2 \u00b3\u207d\u2074\u207e 5 6 7"],
    ]
    assert [row.status for row in table.rows] == [409, 429]


PAGE_WITH_TAGS_LEFT_OPEN = (
    "import sys\n"
    "from codetables.parse import parse\n"
    "page = '# T\\n\\n| Code | Message |\\n|---|---|\\n| E1 | m |\\n\\n' + {tail!r} * {count}\n"
    "document = parse(page, source='a.md')\n"
    "print([[cell.text for cell in row.cells] for row in document.tables[0].rows])\n"
)


@pytest.mark.parametrize("tail", ["<a ", "<b  c d", "<a x=", "<a\n", "</a ", '<a b=">" '])
def test_tags_left_open_at_the_pages_end_are_read_in_linear_time(tail: str) -> None:
    """Python's html.parser before the fix of CVE-2025-6069 tried every `<` after the last
    `>` again to the end of the page as it closed: 60,000 `<a ` took minutes. A tag never
    ended is dropped, as browsers drop it (HTML5), before the reference reads the page;
    100,000 of them then take well under a second (a minute allowed: the quadratic way
    took hours)."""
    done = subprocess.run(
        [sys.executable, "-c", PAGE_WITH_TAGS_LEFT_OPEN.format(tail=tail, count=100_000)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[['E1', 'm']]"


@pytest.mark.parametrize("fast_tree", [True, False], ids=["fast", "reference"])
def test_a_tag_left_open_at_the_end_is_dropped_as_browsers_drop_it(fast_tree: bool) -> None:
    """Text after the last `>` stays up to a `<` that opens a tag never ended; that tag is
    no text (HTML5; html.parser too, once it has the fix of CVE-2025-6069). A `<` that opens
    no tag is text."""
    page = (
        "<html><body><table><tr><th>Code</th><th>Message</th></tr>"
        "<tr><td>E1</td><td>m</td></tr></table><h1>Errors < all"
    )
    for ending, title in (
        ("", "Errors < all"),
        (" <a href='x", "Errors < all"),
        ("<b", "Errors < all"),
        (' <a b=">" c', "Errors < all"),  # a `>` in quotes ends no tag
        ("</", "Errors < all</"),  # `</` at the end is text
    ):
        document = parse(page + ending, source="e.html", fast_tree=fast_tree)
        assert document.title == title
        assert [[cell.text for cell in row.cells] for row in document.tables[0].rows] == [
            ["E1", "m"]
        ]


def test_text_nested_deep_outside_a_table_is_read_in_linear_time() -> None:
    """A heading of 40,000 nested `<span>x`: the reference looked up every string's
    ancestors to the top, one string at a time (20,000 took 48 s; found by review). Each
    element's answer is kept for the strings below it: well under the minute allowed."""
    program = (
        "from codetables.parse import parse\n"
        "page = '<html><body><h1>' + '<span>x' * 40_000 + '</h1><table><tr><th>Code</th>'"
        " + '<th>Message</th></tr><tr><td>E1</td><td>m</td></tr></table></body></html>'\n"
        "print(len(parse(page, source='a.html').title))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "40000"


def test_a_page_the_reference_reads_holds_a_bounded_number_of_tags(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """BeautifulSoup holds some 400 bytes a tag: 3,200,000 bare `<p>` in a 9.7 MB page took
    2 GB and 76 s (found by review). A page the fast tree declines is refused past
    `soup.MAX_TAGS` tags, at the line of the first one too many; the fast tree, a tenth
    of the memory a tag, reads larger pages."""
    from codetables import soup

    monkeypatch.setattr(soup, "MAX_TAGS", 40)
    table = "# t\n\n<table><tr><th>错误码</th></tr><tr><td>E1</td></tr></table>\n"
    declined = table + "<!-- a comment: the fast tree declines the page -->\n"
    assert parse(declined + "<p>x</p>\n" * 10, source="a.md").tables
    with pytest.raises(SourceError) as refused:
        parse(declined + "<p>x</p>\n" * 30, source="a.md")
    assert str(refused.value) == (
        "a.md:19: the page has more than 40 tags and markup the fast reader declines, "
        "expected at most 40 for the reference reader"
    )
    assert parse(table + "<p>x</p>\n" * 30, source="a.md").tables  # the fast tree's


_CROWDED = "<span " + " ".join(f"a{i}" for i in range(1_001)) + ">x</span>"
"""A tag of 1,001 attributes: one past `text.MAX_TAG_ATTRIBUTES`."""
_CODES = "| Code | Message |\n|---|---|\n| E1 | m |\n"


@pytest.mark.parametrize(
    ("page", "line"),
    [
        pytest.param(
            "# T\n\n<table><tr><th>Code</th><th>Message</th></tr><!-- declined -->\n"
            f"<tr><td>E1</td><td>m</td></tr>\n<tr><td>E2</td><td>\n{_CROWDED.replace(' ', chr(10))}"
            "</td></tr></table>\n",
            6,
            id="tag over lines",
        ),
        pytest.param(f"# T\n\n{_CODES}\n<p>{_CROWDED}<!-- declined --></p>\n", 7, id="HTML block"),
    ],
)
def test_a_tag_of_too_many_attributes_for_the_reference_is_an_error_at_its_line(
    page: str, line: int
) -> None:
    """html.parser finds a tag's end with a pattern whose memory grows with its attributes:
    one tag of 1,200,000 in a page the fast tree declines took 700 MB and 14 s (found by
    review). Such a tag past 1,000 is refused at its line; the fast tree (libxml2) reads
    one in linear memory, as it reads a page past the tag bound."""
    with pytest.raises(SourceError) as refused:
        parse(page, source="a.md")
    assert str(refused.value) == (
        f"a.md:{line}: a tag has more than 1,000 attributes, expected at most 1,000"
    )
    assert parse(page.replace(" a1000", "").replace("\na1000", ""), source="a.md").tables


def test_the_fast_tree_reads_a_tag_of_many_attributes() -> None:
    fast = (
        "# T\n\n<table><tr><th>Code</th><th>Message</th></tr>\n"
        f"<tr><td>E1</td><td>m {_CROWDED}</td></tr></table>\n"
    )
    assert [row.cells[1].text for row in parse(fast, source="a.md").tables[0].rows] == ["m x"]


@pytest.mark.parametrize(
    "page",
    [
        pytest.param(f"# T {_CROWDED}\n\n{_CODES}", id="heading"),
        pytest.param(f"# T\n\n{_CODES}| E2 | {_CROWDED} |\n", id="pipe cell"),
        pytest.param(f"# T\n\n**Table 1** {_CROWDED}\n\n{_CODES}", id="caption"),
        pytest.param(f"# T\n\n{_CROWDED[:-9]}\n\n{_CODES}", id="a line of one tag"),
        pytest.param(f"# T\n\nSome {_CROWDED[:-9]} text.\n\n{_CODES}", id="paragraph"),
    ],
)
def test_markdown_reads_a_tag_of_many_attributes(page: str) -> None:
    """markdown-it's patterns try every attribute of a tag again as they fail (below): past
    1,000, a tag markdown-it would read is text in a heading, a cell or a caption (as
    markdown-it reads one left open), and its HTML block is told without those patterns.
    The page is read, its table whole."""
    document = parse(page, source="a.md")
    assert [row.cells[0].text for row in document.tables[0].rows][:1] == ["E1"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/status")
@pytest.mark.parametrize(
    "where",
    ["'# T ' + tag + 'x</span>\\n\\n'", "'# T\\n\\n' + tag + '\\nx</span>\\n\\n'"],
    ids=["heading", "a line of one tag"],
)
def test_a_tag_of_a_million_attributes_is_read_in_bounded_time_and_memory(where: str) -> None:
    """The cases the review found: one tag of 1,200,000 attributes (10 MB) in a heading
    ran for more than ten minutes, alone on a line 9 s and 730 MB; read now in seconds and
    a fraction of that."""
    program = (
        "from codetables.parse import parse\n"
        "tag = '<span ' + ' '.join(f'a{i}' for i in range(1_200_000)) + '>'\n"
        f"page = {where} + '| Code | Message |\\n|---|---|\\n| E1 | m |\\n'\n"
        "print(parse(page, source='a.md').tables[0].rows[0].cells[0].text)\n"
        "peak = [line for line in open('/proc/self/status') if line.startswith('VmHWM:')][0]\n"
        "print(int(peak.split()[1]) // 1024)\n"
    )
    done = run_python(program, timeout=60)
    assert done.returncode == 0, done.stderr
    code, peak = done.stdout.splitlines()
    assert code == "E1"
    assert int(peak) < 400  # MB, for a page of 10 MB


def test_a_stray_angle_bracket_in_prose_leaves_the_tables_below_it() -> None:
    """`x <y` in a paragraph is text to markdown-it (no raw HTML starts there); given as it
    stands to the HTML reader, it opened a tag that ran on to the next `>`, inside the table
    below, and the table was lost without a word. Such a `<` is written `&lt;` now."""
    html = "<table><tr><th>Code</th><th>Message</th></tr><tr><td>E2</td><td>m</td></tr></table>"
    for prose in (
        "If x <y then z.",
        "Use a <b and\nmore",
        "## Codes <4 kinds",
        "Files start with <?php and nothing else.",
        "Note <!! this, and <!-- this.",
    ):
        page = f"# T\n\n{prose}\n\n{_CODES}\n{html}\n"
        document = parse(page, source="a.md")
        assert [table.rows[0].cells[0].text for table in document.tables] == ["E1", "E2"], prose
    kept = parse(f"# T\n\nText <span>b</span> and List<String>.\n\n{_CODES}", source="a.md")
    assert kept.tables[0].rows[0].cells[0].text == "E1"


def test_a_page_the_reference_reads_holds_a_bounded_number_of_attributes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """BeautifulSoup holds some 600 bytes an attribute: past `soup.MAX_ATTRIBUTES` in all,
    a page the fast tree declines is refused at the tag that goes past."""
    from codetables import soup

    monkeypatch.setattr(soup, "MAX_ATTRIBUTES", 40)
    declined = "# t\n\n<table><tr><th>错误码</th></tr><tr><td>E1</td></tr></table><!-- c -->\n"
    assert parse(declined + '<p class="a" id="b">x</p>\n' * 20, source="a.md").tables
    with pytest.raises(SourceError) as refused:
        parse(declined + '<p class="a" id="b">x</p>\n' * 21, source="a.md")
    assert str(refused.value) == (
        "a.md:24: the page has more than 40 attributes in markup the fast reader declines, "
        "expected at most 40 for the reference reader"
    )


def test_markup_the_html_parser_rejects_is_an_error_at_its_line() -> None:
    """`<![0` makes html.parser give up (an AssertionError inside it): one error naming the
    line, never an internal error (the reading pass that finds a tag left open at the end
    must let the reference say it)."""
    page = "# t\n\n<table><tr><th>错误码</th></tr><tr><td>E1</td></tr></table>\n<![0 x\n"
    with pytest.raises(SourceError) as rejected:
        parse(page, source="a.md")
    assert str(rejected.value).startswith("a.md:4: the HTML parser cannot read this markup")


def test_empty_anchors_change_neither_text_nor_lines() -> None:
    """Dropping empty `<a name>` anchors before parsing keeps every text and every line."""
    page = (
        '# t\n<table><tr><th><a name="h"></a>状态码</th></tr>\n'
        '<tr><td><a name="a1"></a><A NAME="a2" ></A>200<a name="split">\n</a></td></tr>\n'
        "<tr><td>201</td></tr></table>\n"
    )
    table = one(page).tables[0]
    assert [(row.line, row.cells[0].text) for row in table.rows] == [(3, "200"), (5, "201")]


@pytest.mark.parametrize(
    ("markdown", "blanked"),
    [
        ("a `<b>` c", "a       c"),
        ("x ``a`b`` y", "x         y"),
        ("un `matched", "un `matched"),
        ("\\`not` `yes`", "\\`not   yes`"),
        ("```x`` ``y``", "```x     y``"),
        ("a`b\nc`d", "a  \n  d"),
    ],
)
def test_code_spans_follow_commonmark_backtick_rules(markdown: str, blanked: str) -> None:
    """A run opens a span closed by the next run of the same width; escapes open nothing."""
    from codetables.markdown import _without_code_spans

    assert _without_code_spans(markdown) == blanked


FRONT_MATTER = """---
title: "Status \\"Codes\\""
description: >-
  Explains the status codes.
---

## Overview {#overview .section}

Code | Id | Description
-----|----|------------
`OK` | 0 | fine
CANCELLED | 1 | cancelled<br>by the caller
### Next
"""


def test_front_matter_is_metadata_and_its_title_names_an_untitled_page() -> None:
    """The YAML block is neither a heading nor text; its title names the page; lines stay."""
    document = one(FRONT_MATTER)
    assert (document.title, document.id) == ('Status "Codes"', "")
    table = document.tables[0]
    assert [row.line for row in table.rows] == [11, 12]


def test_pipe_rows_need_no_leading_pipe_and_a_heading_ends_the_table() -> None:
    """GFM: rows without a leading pipe are rows; a code span is its text; `<br>` is a
    paragraph break; a heading right after the last row ends the table."""
    table = one(FRONT_MATTER).tables[0]
    assert cells(one(FRONT_MATTER)) == [
        ["OK", "0", "fine"],
        ["CANCELLED", "1", "cancelled by the caller"],
    ]
    assert table.rows[1].cells[2].paragraphs == ("cancelled", "by the caller")


@pytest.mark.parametrize(
    ("page", "title", "anchor"),
    [
        ("# 错误处理 {#concept_32157_zh .concept}\n", "错误处理", "concept_32157_zh"),
        ("# Errors {.wide #errors data-x=1}\n", "Errors", "errors"),
        ('# 状态码<a name="x_1"></a> {#ignored}\n', "状态码", "x_1"),
        ("# A {literal} brace\n", "A {literal} brace", ""),
        ("## Only a second level {#two}\n", "Only a second level", "two"),
        ("# **Error** [codes][ref] `x`\n\n[ref]: https://example.com\n", "Error codes x", ""),
        ("Status *codes*\nof *the* API\n===\n", "Status codes of the API", ""),
        ("## [Guide][g] *one*\n\n[g]: /g\n", "Guide one", ""),
        ("---\ntitle: From front matter\n---\n## Section\n", "From front matter", ""),
        ("---\ntitle: Front\n---\n# Heading wins\n", "Heading wins", ""),
        ("---\ndescription: not a heading\n---\n## Section\n", "Section", ""),
        ("---\nnot front matter\n---\n", "not front matter", ""),
        ("---\ntitle: |\n  Block\n  title\n---\n", "Block title", ""),
        ("---\ntitle: 'it''s' # comment\n---\n", "it's", ""),
        ('---\ntitle: "a\\x41 \\u00e9 \\ud800"\n---\n', "aA é \\ud800", ""),
    ],
)
def test_page_title_and_id(page: str, title: str, anchor: str) -> None:
    """Level-1 heading first, then front matter, then the first heading; `{#id .class}`
    attributes give the id and leave the title; an anchor in the heading wins."""
    document = one(page + "\n" + PIPE.split("\n", 2)[2])
    assert (document.title, document.id) == (title, anchor)


def test_a_first_heading_that_is_also_the_level_one_reads_its_markup_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A heading's inline markup is read only for the headings that may name the page, and
    the first heading of most pages is also its level-1 heading: read once, not twice (a
    heading of 150,000 `[` took 3 s a reading)."""
    read: list[str] = []
    inline_html = pipes.inline_html

    def counted(md: MarkdownIt, content: str, env: dict[str, object]) -> str:
        read.append(content)
        return inline_html(md, content, env)

    monkeypatch.setattr(pipes, "inline_html", counted)
    document = one("# *Status* codes\n\n## Later\n\nSome *prose*.\n\n" + PIPE.split("\n", 2)[2])
    assert (document.title, read) == ("Status codes", ["*Status* codes"])
    read.clear()
    document = one("## First\n\n# *Title*\n\n" + PIPE.split("\n", 2)[2])
    assert (document.title, read) == ("Title", ["*Title*", "First"])


HTML_PAGE = """<!DOCTYPE html>
<html><head><title>Open API Guide | Site</title>
<script>var x = "<table>";</script></head>
<body><nav><table><tr><td>menu</td></tr></table></nav>
<h1 id="guide">Open API Guide</h1>
<table><thead><tr><th>Error code</th><th>Description</th><th>Meaning</th></tr></thead>
<tbody><tr><td>400</td><td>Bad Request</td><td>Syntax error</td></tr>
<tr><td>404</td><td>Not Found</td><td>Not found resource</td></tr></tbody></table>
</body></html>
"""


def test_an_html_page_is_read_as_html_named_by_its_h1() -> None:
    """A rendered page: no Markdown reading (indentation and blank lines mean nothing), the
    `<h1>` names it, and its code tables keep their lines."""
    document = parse(HTML_PAGE, source="site/open-api.html")
    assert (document.title, document.id) == ("Open API Guide", "guide")
    (table,) = document.tables
    assert table.kind is Kind.HTTP_STATUS
    assert [row.line for row in table.rows] == [7, 8]
    untitled = parse(HTML_PAGE.replace('<h1 id="guide">Open API Guide</h1>', ""), source="a.htm")
    assert untitled.title == "Open API Guide | Site"


def test_an_html_page_is_recognised_by_its_start_whatever_its_name() -> None:
    """A page that starts with `<!DOCTYPE html>` is HTML even when named `.md`."""
    indented = HTML_PAGE.replace("<table><thead>", "\n    <table><thead>")
    assert len(parse(indented, source="page.md").tables) == 1


def test_a_blank_line_cutting_a_code_table_is_reported_once() -> None:
    """Only a code table cut short is reported, at the blank line, with the rows after it."""
    page = (
        "# t\n\n| 参数 | 类型 |\n| --- | --- |\n| a | String |\n\n| b | String |\n\n"
        "| 错误码 | 描述 |\n| --- | --- |\n| E.1 | x |\n\n| E.2 | y |\n"
    )
    document = one(page)
    assert [(n.line, n.message) for n in document.warnings] == [
        (
            12,
            "a blank line ends this table, as Markdown renderers end it; 1 later line that "
            "looks like its rows (from line 13) is read as text",
        )
    ]


def test_an_empty_row_is_left_out_with_a_warning() -> None:
    """A stray `<tr></tr>` holds nothing: it is not a row, and the page says where it was."""
    page = (
        "# t\n<table><tr><th>错误码</th><th>说明</th></tr>\n<tr></tr>\n"
        "<tr><td>E.1</td><td>x</td></tr>\n</table>\n"
    )
    document = one(page)
    assert cells(document) == [["E.1", "x"]]
    assert [(n.line, n.message) for n in document.warnings] == [
        (3, "an empty row (no cells) is left out")
    ]


def test_codetables_leaves_markdown_it_as_other_code_finds_it() -> None:
    """Its tables are read by its own rule on its own instance: markdown-it's module keeps
    its splitter, and another instance its table rule (an import changes nothing else)."""
    rule = importlib.import_module("markdown_it.rules_block.table")
    assert rule.escapedSplit is pipes.MARKDOWN_IT_SPLIT
    tokens = MarkdownIt("commonmark").enable("table").parse("| a |\n| - |\n| 1 |\n")
    assert [token.type for token in tokens][:2] == ["table_open", "thead_open"]


def test_a_cell_of_a_million_escaped_pipes_is_read_whole() -> None:
    """1.28 M escaped pipes took 21 s, 9.9 MB of them never finished: now a second."""
    pipes = 1_000_000
    page = "| Status Code | Description |\n| --- | --- |\n| 200 | " + "\\|" * pipes + " |\n"
    document = one(page)
    assert cells(document) == [["200", "|" * pipes]]


@pytest.mark.parametrize(
    ("start", "why"),
    [
        ('<?xml version="1.0" encoding="UTF-8"?>\n', "XMLParsedAsHTMLWarning"),
        ("# http://example.com/errors\n\n", "MarkupResemblesLocatorWarning"),
    ],
)
def test_pages_that_look_like_xml_or_a_url_raise_no_library_warning(start: str, why: str) -> None:
    """pytest turns every warning into an error here: BeautifulSoup's warnings (`why`) used
    to reach the terminal, even with -q."""
    document = one(start + PIPE)
    assert cells(document)[0] == ["400", "APIG.0101", "The API does not exist"]


@pytest.mark.parametrize("wrapper", ["textarea", "xmp", "template", "noembed", "iframe"])
def test_a_table_inside_an_element_shown_as_text_or_not_at_all_is_no_table(wrapper: str) -> None:
    """A browser shows a `<textarea>`'s or an `<xmp>`'s content as text and a `<template>`'s
    not at all; html.parser reads it as markup, and its table was read (found by review)."""
    table = "<table><tr><th>Status Code</th><th>Description</th></tr>{}</table>"
    hidden = table.format("<tr><td>500</td><td>no</td></tr>")
    shown = table.format("<tr><td>404</td><td>yes</td></tr>")
    page = f"# T\n\n<{wrapper}>{hidden}</{wrapper}>\n\n{shown}\n"
    assert cells(one(page)) == [["404", "yes"]]


def test_a_table_inside_a_head_has_every_row_in_its_head() -> None:
    """A table nested in another's `<thead>` has no `thead` of its own, yet every row of it
    is in a head (the outer one): all header rows, whichever tree reads it."""
    from codetables import fast, grid, soup

    html = (
        "<table><thead><tr><th><table><tr><td>a</td></tr><tr><td>b</td></tr></table>"
        "</th></tr></thead></table>"
    )
    plain = "<table><tr><td>a</td></tr><tr><td>b</td></tr></table>"
    fast_tree, reference = fast.LxmlTree(), soup.SoupTree()
    for root, tree in ((fast.tree(html), fast_tree), (soup.read(html, "p.md"), reference)):
        inner = list(tree.descendants(root, "table"))[1]
        found = grid.read(inner, tree)
        assert found is not None
        assert (len(found.header), len(found.body)) == (2, 0)
    found = grid.read(next(fast_tree.descendants(fast.tree(plain), "table")), fast_tree)
    assert found is not None
    assert (len(found.header), len(found.body)) == (1, 1)


def test_a_first_row_of_one_cell_across_the_table_is_its_title_not_its_header() -> None:
    """PostgreSQL's navigation bar (`<th colspan="5">… Error Codes</th>` over `Prev | Up`,
    which names no column) is no error-code table, and a table titled in its first row is
    headed by the row below, which names its columns (found by review)."""
    page = (
        '<table summary="Navigation header"><tr><th colspan="5">Appendix A. Error Codes</th>'
        "</tr><tr><td>Prev</td><td>Up</td><th>Part VIII</th><td>Home</td><td>Next</td></tr>"
        '</table>\n\n<table><tr><th colspan="2">Table A.1. Error Codes</th></tr>\n'
        "<tr><th>Error Code</th><th>Condition Name</th></tr>\n"
        "<tr><td>00000</td><td>successful_completion</td></tr>\n"
        "<tr><td>01000</td><td>warning</td></tr></table>\n"
    )
    for fast_tree in (True, False):
        document = parse(page, source="pg.md", fast_tree=fast_tree)
        (table,) = document.tables
        assert table.title == "Table A.1. Error Codes"
        assert [c.header for c in table.columns] == ["Error Code", "Condition Name"]
        assert [c.role for c in table.columns] == [Role.ERROR_CODE, Role.NAME]
        assert [r.line for r in table.rows] == [5, 6]
        assert document.skipped[0].message == (
            "not a code table: (no headers) (no column holds codes)"
        )


@pytest.mark.parametrize(
    "reference",
    ["&#" + "1" * 4301 + ";", "&#" + "0" * 4300 + "65;", "&#12345678;"],
    ids=["4301-digits", "4300-zeros", "eight-digits"],
)
def test_a_decimal_reference_too_long_for_int_reads_as_html_reads_it(reference: str) -> None:
    """html.parser and BeautifulSoup convert a decimal reference with `int`, which refused
    4,301 digits: every command ended in an internal error (found by review). Now the
    page reads as any reader does: a number past the last code point is U+FFFD, leading
    zeros count for nothing; in text and in an attribute alike."""
    page = (
        f'<p title="{reference}">{reference}</p>\n\n'
        "<table><tr><th>Status</th><th>Description</th></tr>\n"
        f'<tr><td title="{reference}">400</td><td>bad {reference}</td></tr></table>\n'
    )
    expected = "A" if reference.endswith("65;") else "\ufffd"
    (table,) = parse(page, source="p.md").tables
    assert table.rows[0].cells[1].text == f"bad {expected}"


@pytest.mark.parametrize("digits", ["9" * 5000, "0" * 5000 + "2"])
def test_a_span_of_thousands_of_digits_is_bounded_not_an_internal_error(digits: str) -> None:
    """`colspan="999…9"` (5,000 digits) was `int`-converted before its bound (found by
    review); leading zeros count for nothing."""
    page = (
        "<table><tr><th>Status</th><th>D</th></tr>\n"
        f'<tr><td colspan="{digits}">400</td><td>x</td></tr>\n'
        "<tr><td>404</td><td>y</td></tr></table>\n"
    )
    (table,) = parse(page, source="p.md").tables
    assert [row.status for row in table.rows] == [400, 404]


def test_a_list_ten_deep_keeps_the_tables_below_it() -> None:
    """commonmark's nesting limit (20 levels, a list item two) passed by the rest of the
    page without a word: the code table below a list ten deep was lost (found by review)."""
    page = "# T\n\n" + "".join("  " * i + f"- level {i}\n" for i in range(10))
    page += "\n# Errors\n\n| Status | Description |\n| --- | --- |\n| 400 | Bad request |\n"
    (table,) = parse(page, source="b.md").tables
    assert table.rows[0].status == 400


def test_blocks_nested_past_the_limit_are_an_error_at_their_line() -> None:
    """Past `MAX_NESTING` levels markdown-it reads nothing more: the page is refused where
    they reach it, never read short."""
    page = "# T\n\n" + "".join("  " * i + f"- level {i}\n" for i in range(60))
    page += "\n| Status | Description |\n| --- | --- |\n| 400 | Bad request |\n"
    with pytest.raises(SourceError, match="nested 100 levels deep") as raised:
        parse(page, source="b.md")
    assert raised.value.line == 52
    with pytest.raises(SourceError, match="nested 100 levels deep"):
        parse("> " * 120 + "x\n", source="q.md")
    with pytest.raises(SourceError, match="nested 100 levels deep"):
        parse("> " * 100 + "x\n", source="q.md")
    table = "\n| Status | Description |\n| --- | --- |\n| 400 | Bad request |\n"
    (read,) = parse("> " * 99 + "x\n" + table, source="q.md").tables  # x read, at level 99
    assert read.rows[0].status == 400


def test_a_table_wider_than_a_code_table_is_passed_by_before_its_headers_are_read() -> None:
    """A header-only pipe table of 20,000 columns took seconds a thousand columns (900,000:
    331 s) and said its whole header in one notice (found by review): past `MAX_COLUMNS`
    it is no code table, said in a line."""
    wide = "| Status |" + " x |" * 20_000 + "\n|---|" + "---|" * 20_000 + "\n"
    document = parse(wide + "\n| Status | D |\n|---|---|\n| 400 | b |\n", source="w.md")
    assert [table.rows[0].status for table in document.tables] == [400]
    (skipped,) = document.skipped
    assert (
        skipped.message
        == "not a code table: 20,001 columns, expected at most 100 in a table of codes"
    )


def test_a_notice_lists_a_wide_tables_first_headers_only() -> None:
    """A notice is one line: past `SHOWN_HEADERS` headers, the rest is counted."""
    headers = [f"h{n}" for n in range(30)]
    page = "| " + " | ".join(headers) + " |\n|" + "---|" * 30 + "\n"
    (skipped,) = parse(page + "| Status |\n|---|\n| 400 |\n", source="w.md").skipped
    assert skipped.message.startswith("not a code table: h0 | h1 |")
    assert "| h11 | … (30 columns) (" in skipped.message


STRIPE_ROWS = (
    "<tr><th>200 - OK</th><td>Everything worked as expected.</td></tr>\n"
    "<tr><th>402 - Request Failed</th><td>The parameters were valid but it failed.</td></tr>\n"
    "<tr><th>404 - Not Found</th><td>The requested resource does not exist.</td></tr>\n"
)


@pytest.mark.parametrize("fast_tree", [True, False], ids=["fast", "reference"])
def test_a_table_whose_rows_open_with_header_cells_has_no_header_row(fast_tree: bool) -> None:
    """Stripe's status summary heads its rows (`<th>200 - OK</th><td>…</td>`), not its
    columns: its first row is a status like the others (200 was lost as a header, found
    by review), its untitled text column the description."""
    page = f"# Errors\n\n<table>\n{STRIPE_ROWS}</table>\n"
    (table,) = parse(page, source="s.md", fast_tree=fast_tree).tables
    assert [row.status for row in table.rows] == [200, 402, 404]
    assert [(c.header, c.role) for c in table.columns] == [
        ("", Role.STATUS),
        ("", Role.DESCRIPTION),
    ]
    assert [row.line for row in table.rows] == [4, 5, 6]


def test_a_table_headed_in_its_first_row_keeps_it_as_the_header() -> None:
    """Rows that open with a header cell under a header row of header cells only: the
    first row heads the columns as before."""
    page = (
        "<table><tr><th>Status</th><th>Description</th></tr>\n"
        "<tr><th>200</th><td>ok</td></tr>\n<tr><th>404</th><td>missing</td></tr></table>\n"
    )
    (table,) = parse(page, source="s.md").tables
    assert [c.header for c in table.columns] == ["Status", "Description"]
    assert [row.status for row in table.rows] == [200, 404]


def test_a_bold_caption_numbered_within_an_appendix_titles_the_table() -> None:
    """PostgreSQL's `**Table A.1. PostgreSQL Error Codes**` above a pipe table, as
    `**表 1**` and `**Table 3-2**` are (found by review)."""
    page = (
        "**Table A.1. PostgreSQL Error Codes**\n\n| Error Code | Condition Name |\n"
        "| --- | --- |\n| 00000 | successful_completion |\n| 01000 | warning |\n"
    )
    (table,) = parse(page, source="pg.md").tables
    assert table.title == "Table A.1. PostgreSQL Error Codes"


@pytest.mark.parametrize("fast_tree", [True, False], ids=["fast", "reference"])
@pytest.mark.parametrize(
    "head",
    [
        '<thead><tr><th colspan="3">Common error codes</th></tr></thead>',
        '<tr><th colspan="3">Common error codes</th></tr>',
    ],
    ids=["in-thead", "first-row"],
)
def test_a_title_row_over_rows_of_codes_leaves_every_row_in_the_body(
    head: str, fast_tree: bool
) -> None:
    """The row below a title is the header only when it reads as one: here it is a code's
    row (found by two reviews: `InvalidParameter | 400` was eaten as the header). With no
    header, the columns are read by their values."""
    page = (
        f"<table>{head}\n"
        "<tr><td>InvalidParameter</td><td>400</td><td>The parameter is invalid.</td></tr>\n"
        "<tr><td>AccessDenied</td><td>403</td><td>Access to the resource is denied.</td></tr>\n"
        "<tr><td>NotFound</td><td>404</td><td>The resource was not found here.</td></tr>\n"
        "</table>\n"
    )
    (table,) = parse(page, source="t.md", fast_tree=fast_tree).tables
    assert table.title == "Common error codes"
    assert [row.cells[0].text for row in table.rows] == [
        "InvalidParameter",
        "AccessDenied",
        "NotFound",
    ]
    assert [c.role for c in table.columns] == [Role.ERROR_CODE, Role.STATUS, Role.DESCRIPTION]


@pytest.mark.parametrize("fast_tree", [True, False], ids=["fast", "reference"])
def test_a_header_row_written_with_a_header_cell_then_data_cells_stays_the_header(
    fast_tree: bool,
) -> None:
    """Confluence's header column writes the header row `<th>Code</th><td>Meaning</td>`,
    as its rows: the row reads as a header (a cell names a column, none holds a value),
    so it is one (found by two reviews: the table was passed by)."""
    page = (
        "<table><tr><th>Code</th><td><b>Meaning</b></td></tr>\n"
        "<tr><th>400</th><td>Bad request</td></tr>\n<tr><th>404</th><td>Not found</td></tr>\n"
        "</table>\n"
    )
    (table,) = parse(page, source="c.md", fast_tree=fast_tree).tables
    assert [c.header for c in table.columns] == ["Code", "Meaning"]
    assert [row.status for row in table.rows] == [400, 404]


@pytest.mark.parametrize("fast_tree", [True, False], ids=["fast", "reference"])
def test_a_lone_header_cell_across_the_table_heads_it_when_its_rows_need_one(
    fast_tree: bool,
) -> None:
    """`<th colspan="2">错误码</th>` over `ECS.0001 | 参数错误…`: no row below reads as a
    header and the values alone make no code table, so the one cell heads every column,
    as before titles were read (found by review: the table was passed by)."""
    page = (
        '<table><thead><tr><th colspan="2">错误码</th></tr></thead><tbody>\n'
        "<tr><td>ECS.0001</td><td>参数错误，请检查请求参数。</td></tr>\n"
        "<tr><td>ECS.0002</td><td>鉴权失败，请检查签名。</td></tr></tbody></table>\n"
    )
    (table,) = parse(page, source="e.md", fast_tree=fast_tree).tables
    assert [row.cells[0].text for row in table.rows] == ["ECS.0001", "ECS.0002"]
    assert table.columns[0].role is Role.ERROR_CODE


@pytest.mark.parametrize("fast_tree", [True, False], ids=["fast", "reference"])
def test_header_rows_in_thead_below_a_title_stay_the_header(fast_tree: bool) -> None:
    """`thead` holds a title, then the columns' header (`No. | Error Code | …`): the
    header stays one whatever its cells look like (found by review: `No.` read as a
    sentence passed the table by)."""
    page = (
        '<table><thead><tr><th colspan="4">Table 3-1 Error codes</th></tr>\n'
        "<tr><th>No.</th><th>Error Code</th><th>HTTP Status</th><th>Desc.</th></tr>\n"
        "</thead><tbody>\n"
        "<tr><td>1</td><td>InvalidParameter</td><td>400</td><td>A parameter is bad.</td></tr>\n"
        "<tr><td>2</td><td>AccessDenied</td><td>403</td><td>Access is denied.</td></tr>\n"
        "</tbody></table>\n"
    )
    (table,) = parse(page, source="t.md", fast_tree=fast_tree).tables
    assert [c.header for c in table.columns] == ["No.", "Error Code", "HTTP Status", "Desc."]
    assert table.title == "Table 3-1 Error codes"
    assert [c.role for c in table.columns][1:3] == [Role.ERROR_CODE, Role.STATUS]


STRIPE_ERROR_TYPES = {
    "sentences": [
        ("api_error", "API errors cover any other type of problem."),
        ("card_error", "Card errors are the most common type of error."),
        ("idempotency_error", "Idempotency errors occur when a key is reused."),
        ("invalid_request_error", "Invalid request errors arise on bad parameters."),
    ],
}


@pytest.mark.parametrize("fast_tree", [True, False], ids=["fast", "reference"])
@pytest.mark.parametrize("descriptions", list(STRIPE_ERROR_TYPES))
def test_rows_of_error_names_headed_by_their_first_cell_are_an_error_code_table(
    descriptions: str, fast_tree: bool
) -> None:
    """Stripe's error types, `<th>api_error</th><td>API errors cover …</td>`: no header
    (the first row holds a sentence), identifiers that name failures beside sentences
    (found by review: the first row was lost as the header, then the table passed by)."""
    rows = STRIPE_ERROR_TYPES[descriptions]
    body = "".join(f"<tr><th>{code}</th><td>{text}</td></tr>\n" for code, text in rows)
    (table,) = parse(f"<table>\n{body}</table>\n", source="e.md", fast_tree=fast_tree).tables
    assert [c.role for c in table.columns] == [Role.ERROR_CODE, Role.DESCRIPTION]
    assert [row.cells[0].text for row in table.rows] == [code for code, _ in rows]


def test_inline_markup_keeps_commonmarks_nesting_limit_while_blocks_go_deeper() -> None:
    """Blocks are read to `MAX_NESTING`; inline markup to commonmark's 20 levels, as
    before: the raised limit served both, and a paragraph of 200,000 `[` took 4.5 times as
    long (found by review). The inline parser reads it as it reads it after any page."""
    from codetables import markdown

    parse("# T\n\n" + "  " * 30 + "- deep\n", source="a.md")
    assert markdown._MARKDOWN.options["maxNesting"] == markdown.INLINE_NESTING == 20
    state = markdown._MARKDOWN.parse("*" * 10 + "[" * 30 + "x")[1]
    assert state.type == "inline"


@pytest.mark.parametrize("fast_tree", [True, False], ids=["fast", "reference"])
def test_a_header_row_below_a_title_keeps_its_columns_that_say_nothing(fast_tree: bool) -> None:
    """`Error code | Severity | Category | Retryable` below a title: one cell naming a
    column makes the row a header, whatever the others say (found by review: the row was
    read as a code, `ERROR_CODE = "Error code"`)."""
    page = (
        '<table><tr><th colspan="4">Error codes</th></tr>\n'
        "<tr><th>Error code</th><th>Severity</th><th>Category</th><th>Retryable</th></tr>\n"
        "<tr><td>E1001</td><td>high</td><td>network</td><td>yes</td></tr>\n"
        "<tr><td>E1002</td><td>low</td><td>storage</td><td>no</td></tr></table>\n"
    )
    (table,) = parse(page, source="t.md", fast_tree=fast_tree).tables
    assert [c.header for c in table.columns][:2] == ["Error code", "Severity"]
    assert [row.cells[0].text for row in table.rows] == ["E1001", "E1002"]


def test_a_title_that_is_no_columns_header_heads_no_table() -> None:
    """`<th colspan="2">Error handling</th>` over `Retry | Wait five seconds…`: a title
    heads a column only when its last word says one (`错误码`, `Error code`), never a table
    of advice (found by review)."""
    page = (
        '<table><tr><th colspan="2">Error handling</th></tr>\n'
        "<tr><td>Retry</td><td>Wait five seconds, then send the request again.</td></tr>\n"
        "<tr><td>Abort</td><td>Stop and report the failure to the user.</td></tr></table>\n"
    )
    assert parse(page, source="h.md").tables == ()


@pytest.mark.parametrize(
    "markup",
    [
        "Escape it: \\<table>.",
        "A comment starts with \\<!-- here.",
        "<textarea><table></textarea>",
        "<xmp><table></xmp>",
        "<title><!--</title>",
        "<p><![CDATA[<!--]]></p>",
        "<plaintext>a <b>tag</b>, as text",
        "Set the <textarea> value.",
    ],
)
def test_markup_that_opens_no_table_nor_comment_is_not_refused_as_left_open(markup: str) -> None:
    """The check for a table or comment left open (a page cut off) counted `<table` and
    `<!--` wherever written: after a Markdown backslash, inside a `<textarea>` or `<xmp>`
    (no table a reader sees), in CDATA: valid pages were refused (found by review). A page
    cut off inside its table is still refused."""
    page = f"# T\n\n| 状态码 | 说明 |\n|---|---|\n| 200 | ok |\n\n{markup}\n"
    assert [row.status for row in parse(page, source="a.md").tables[0].rows] == [200]
    cut = "# T\n\n<table><tr><th>状态码</th></tr><tr><td>200</td></tr>\n<!-- c -->\n"
    with pytest.raises(SourceError, match="a table opened here is never closed"):
        parse(cut, source="a.md")


@pytest.mark.parametrize(
    ("page", "refused"),
    [
        pytest.param(
            '# E\n\n<script>\nif (a<b) { x = "1"; }\n</script>\n\n<table>\n'
            "<tr><th>Error code</th><th>Message</th></tr>\n<tr><td>E1</td><td>m</td></tr>\n",
            "a.md:7: a table opened here is never closed",
            id="a script, then a table cut off",
        ),
        pytest.param(
            "# E\n\n<noscript>\n\n<table>\n<tr><th>Error code</th><th>Message</th></tr>\n"
            "<tr><td>E1</td><td>m</td></tr>\n",
            "a.md:5: a table opened here is never closed",
            id="noscript: its tables are read",
        ),
        pytest.param(
            '# E\n\n<!-- when retries<max "backoff" applies -->\n\nPress <kbd>C</kbd><span/>.\n\n'
            "<table><tr><th>Error code</th><th>Message</th></tr><tr><td>E1</td><td>m</td></tr>"
            "</table>\n",
            "",
            id="a comment holding a tag's likeness",
        ),
    ],
)
def test_the_check_for_markup_left_open_reads_what_the_reference_reads(
    page: str, refused: str
) -> None:
    """The review of this check's widening: a tag with a quoted value read whole hid a
    script's or a comment's end from it (a page cut off passed, a valid one was refused);
    `<noscript>` was read past, though the reference reads tables in it. The check reads
    fixed strings only: comments, CDATA, raw-text elements and those whose tables no
    reader sees."""
    if refused:
        with pytest.raises(SourceError, match=re.escape(refused)):
            parse(page, source="a.md")
    else:
        assert parse(page, source="a.md").tables[0].rows[0].cells[0].text == "E1"


@pytest.mark.parametrize("body", ["<!--\n" + "<a " * 40_000 + "\n-->", "<div>\n" + "x<a" * 40_000])
def test_the_check_for_markup_left_open_is_linear(body: str) -> None:
    """The widened check read a tag with a quoted value whole, trying every `<` to the next
    `>`: 40,000 `<a ` took 112 s (found by review). One pass of fixed strings now."""
    program = (
        "from codetables.parse import parse\n"
        f"body = {body!r}\n"
        "page = '# T\\n\\n| Code | Message |\\n|---|---|\\n| E1 | m |\\n\\n<span/>\\n\\n' + body\n"
        "print(parse(page, source='a.md').tables[0].rows[0].cells[0].text)\n"
    )
    done = run_python(program, timeout=60)
    assert (done.returncode, done.stdout.strip()) == (0, "E1"), done.stderr


@pytest.mark.parametrize("fast_tree", [True, False], ids=["fast", "reference"])
def test_a_table_without_a_header_row_keeps_its_first_row_as_a_code(fast_tree: bool) -> None:
    """`<td>` rows only, no `<th>` nor `<thead>`: a first row that reads as data (a code,
    a sentence) is the table's first code, not its header (the table was skipped as `no
    column holds codes`, found by review)."""
    page = (
        "# Errors\n\n<table>\n"
        "<tr><td>E1001</td><td>Bad input was given to the service.</td></tr>\n"
        "<tr><td>E1002</td><td>Too many requests were sent.</td></tr>\n</table>\n"
    )
    (table,) = parse(page, source="e.md", fast_tree=fast_tree).tables
    assert table.kind is Kind.ERROR_CODE
    assert [(c.header, c.role) for c in table.columns] == [
        ("", Role.ERROR_CODE),
        ("", Role.DESCRIPTION),
    ]
    assert [(row.cells[0].text, row.line) for row in table.rows] == [("E1001", 4), ("E1002", 5)]


@pytest.mark.parametrize("fast_tree", [True, False], ids=["fast", "reference"])
def test_a_header_row_written_with_data_cells_stays_the_header(fast_tree: bool) -> None:
    """`<td>错误码</td><td>描述</td>` heads its columns as `<th>` would: it reads as a
    header."""
    page = (
        "<table>\n<tr><td>错误码</td><td>描述</td></tr>\n"
        "<tr><td>APIG.0101</td><td>请求的API不存在。</td></tr>\n</table>\n"
    )
    (table,) = parse(page, source="h.md", fast_tree=fast_tree).tables
    assert [c.header for c in table.columns] == ["错误码", "描述"]
    assert [row.cells[0].text for row in table.rows] == ["APIG.0101"]


def test_a_numbered_list_of_steps_in_a_headerless_table_is_no_code_table() -> None:
    """Integers beside sentences, with no header: steps, not codes."""
    page = (
        "<table>\n<tr><td>1</td><td>Open the console and sign in.</td></tr>\n"
        "<tr><td>2</td><td>Choose the region of the bucket.</td></tr>\n</table>\n"
    )
    assert parse(page, source="s.md").tables == ()


def test_a_code_column_under_an_empty_header_beside_a_message_keys_the_table() -> None:
    """`| | Message |` over `E1001 | Bad input`: the untitled column is the error code; an
    empty corner over a feature matrix's row names is not."""
    page = "# E\n\n|  | Message |\n| --- | --- |\n| E1001 | Bad input |\n| E1002 | Too many |\n"
    (table,) = parse(page, source="e.md").tables
    assert [c.role for c in table.columns] == [Role.ERROR_CODE, Role.MESSAGE]
    matrix = "|  | Description |\n| --- | --- |\n| Storage | 5 GB |\n| Price | Free |\n"
    assert parse(matrix, source="m.md").tables == ()


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("E1001 (deprecated)", "E1001"),
        ("InvalidParameter（已废弃）", "InvalidParameter"),
        ("APIG.0101 (since v2.1)", "APIG.0101"),
        ("200 (OK)", "200 (OK)"),  # a status form keeps its phrase
        ("Not Found (404)", "Not Found (404)"),
        ("5 (0x5)", "5 (0x5)"),  # Microsoft's integer, its hexadecimal after it
        ("getItem()", "getItem()"),  # no note
        ("E1 (see (a))", "E1 (see (a))"),
        ("(deprecated)", "(deprecated)"),
    ],
)
def test_a_note_in_parentheses_after_a_code_is_no_part_of_it(written: str, value: str) -> None:
    """A remark on a code (`(deprecated)`, in full-width parentheses too) is kept in the
    cell as written, but the code is the token before it: a column of such codes is a code
    column, its members keyed by the codes."""
    assert values.strip_code(written) == value
    assert values.without_footnote(written) == value


def test_codes_with_notes_key_their_members_by_the_code() -> None:
    page = (
        "# E\n\n| Error code | Message |\n| --- | --- |\n| E1001 (deprecated) | Bad input |\n"
        "| E1002 | Too many |\n| E1003 (since v2) | Gone |\n"
    )
    from codetables.render import render

    document = parse(page, source="e.md")
    (table,) = document.tables
    assert table.kind is Kind.ERROR_CODE
    assert table.rows[0].cells[0].text == "E1001 (deprecated)"  # the cell as written
    module = render(document, "e")["e.py"]
    assert re.findall(r"^    (\w+) = \(\n        \"(\w+)\"", module, re.MULTILINE) == [
        ("E1001", "E1001"),
        ("E1002", "E1002"),
        ("E1003", "E1003"),
    ]


@pytest.mark.parametrize(
    ("header", "heard"), [("Err", Role.ERROR_CODE), ("HRESULT", Role.ERROR_CODE)]
)
def test_c_and_microsoft_error_headers_name_error_codes(header: str, heard: Role) -> None:
    assert says(header) is heard


@pytest.mark.parametrize(
    ("header", "heard"),
    [
        ("Description and Resolution Steps", Role.DESCRIPTION),  # Firebase's
        ("Description & Cause", Role.DESCRIPTION),
        ("Resolution Steps", Role.REMEDY),
        ("Cause and Resolution", Role.REMEDY),  # no description: what to do comes last
        ("Description / Resolution", Role.REMEDY),  # alternatives, not both
        ("Notes and Solution", Role.REMEDY),  # found by review: a description word, no more
        ("Meaning and remedy", Role.REMEDY),
    ],
)
def test_a_header_joining_a_description_and_what_to_do_is_a_description(
    header: str, heard: Role
) -> None:
    """Firebase's `Description and Resolution Steps` was read as a remedy by its last word,
    and its members had no description: each row describes the error, then what to do."""
    assert says(header) is heard


@pytest.mark.parametrize(
    ("written", "phrase"),
    [
        ("403 - Country, region, or territory not supported", ""),
        ("503 - The engine is currently overloaded, please try again later", ""),
        ("404 Not Found, the pet is gone", "Not Found"),
        ("409 Conflict; retry later", "Conflict"),
        ("400 Bad Request: missing parameters", "Bad Request"),
    ],
)
def test_a_phrase_is_cut_at_a_comma_only_after_a_standard_phrase(written: str, phrase: str) -> None:
    """A comma after a standard phrase starts its explanation; after other words it lists
    things, and the words before it are no phrase (`403` read as `Country`, found by
    review): the status cell then writes none."""
    assert values.written_phrase(written, int(written[:3])) == phrase


MQTT_HEADED = (
    '<table>\n<tr><th colspan="2">Reason Code</th><th rowspan="2">Name</th></tr>\n'
    "<tr><th>Decimal</th><th>Hex</th></tr>\n"
    "<tr><td>0</td><td>0x00</td><td>Success</td></tr>\n"
    "<tr><td>128</td><td>0x80</td><td>Unspecified error</td></tr>\n</table>\n"
)
MQTT_WORD = (
    '<table>\n<tr><td colspan="2"><b>Reason Code</b></td><td rowspan="2"><b>Name</b></td></tr>\n'
    "<tr><td><b>Decimal</b></td><td><b>Hex</b></td></tr>\n"
    "<tr><td>0</td><td>0x00</td><td>Success</td></tr>\n"
    "<tr><td>128</td><td>0x80</td><td>Unspecified error</td></tr>\n</table>\n"
)


@pytest.mark.parametrize("fast_tree", [True, False], ids=["fast", "reference"])
@pytest.mark.parametrize("page", [MQTT_HEADED, MQTT_WORD], ids=["th", "word"])
def test_a_two_level_header_without_thead_heads_the_columns(page: str, fast_tree: bool) -> None:
    """MQTT's reason codes: a header of two rows with no `thead`, told by its header cells
    or by a header cell spanning down into the second (Word's export): `Decimal | Hex` was
    read as a code named `DECIMAL` (found by review). The hexadecimal column writes the
    same codes again: no role, and no warning of a second code column."""
    document = parse("# MQTT\n\n" + page, source="m.md", fast_tree=fast_tree)
    (table,) = document.tables
    assert [(c.header, c.role) for c in table.columns] == [
        ("Reason Code Decimal", Role.CODE),
        ("Reason Code Hex", None),
        ("Name", Role.MESSAGE),
    ]
    assert [row.cells[0].text for row in table.rows] == ["0", "128"]
    assert document.warnings == ()


@pytest.mark.parametrize("fast_tree", [True, False], ids=["fast", "reference"])
def test_an_enums_table_titled_without_a_header_lists_error_codes(fast_tree: bool) -> None:
    """Google's reference pages (`google.rpc.Code`, FCM's `ErrorCode`): a title row `Enums`
    over `OK | Not an error; …`, with no header: the code names are the error codes (the
    table was skipped, found by review). A glossary of acronyms is no code table."""
    rows = (
        ("OK", "Not an error; returned on success."),
        ("CANCELLED", "The operation was cancelled, typically by the caller."),
        ("INVALID_ARGUMENT", "The client specified an invalid argument."),
        ("NOT_FOUND", "Some requested entity was not found."),
    )
    body = "".join(f"<tr><td><code>{a}</code></td><td>{b}</td></tr>\n" for a, b in rows)
    page = f'<table>\n<thead><tr><th colspan="2">Enums</th></tr></thead>\n{body}</table>\n'
    (table,) = parse(page, source="code.html", fast_tree=fast_tree).tables
    assert (table.kind, table.title) == (Kind.ERROR_CODE, "Enums")
    assert [row.cells[0].text for row in table.rows] == [code for code, _ in rows]
    glossary = "".join(
        f"<tr><td>{a}</td><td>{b}</td></tr>\n"
        for a, b in (("DNS", "The Domain Name System."), ("TLS", "Transport Layer Security."))
    )
    assert parse(f"<table>\n{glossary}</table>\n", source="g.html").tables == ()


@pytest.mark.parametrize(
    ("before", "line"),
    [
        ("Set the <textarea> value.", 3),
        ("Wrap it in <script> first.", 3),
        ("A <title> or two.", 3),
        ("Old pages use <plaintext>.", 3),
        ("Text.\n\n<style>\np { color: red }", 5),
    ],
)
def test_an_element_of_raw_text_never_closed_above_a_table_is_refused_at_its_line(
    before: str, line: int
) -> None:
    """`<textarea>`, `<script>`, `<title>`, `<plaintext>` left open make the rest of the
    page their text: the tables below them were lost without a word (`tables: []`, found
    by review). After the last table, such an element hides nothing."""
    table = "| Error code | Message |\n|---|---|\n| E1001 | bad |\n"
    with pytest.raises(SourceError, match=f"a.md:{line}: a <[a-z]+> opened here is never closed"):
        parse(f"# Errors\n\n{before}\n\n{table}", source="a.md")
    assert len(parse(f"# Errors\n\n{table}\n{before}\n", source="a.md").tables) == 1


@pytest.mark.parametrize("tag", ["</table>", "<thead>", "<caption>", "<td>"])
def test_table_markup_typed_into_a_pipe_cell_is_warned_of(tag: str) -> None:
    """`| 200 | a </table> b |`: a browser ends the table there, and so does the reader;
    the rows below were lost without a word (found by review). In a code span, or escaped,
    the tag is text."""
    page = f"| Status | Description |\n|---|---|\n| 200 | a {tag} b |\n| 404 | nf |\n"
    warnings = [(n.line, n.message) for n in parse(page, source="t.md").warnings]
    assert (
        3,
        f"a cell holds the table markup {tag[:-1]}>, read as a browser reads it: the "
        "table's rows or header change from here (to show it as text, write it in "
        "backticks or as &lt;)",
    ) in warnings
    for quiet in (f"`{tag}`", "\\" + tag):
        page = f"| Status | Description |\n|---|---|\n| 200 | a {quiet} b |\n| 404 | nf |\n"
        document = parse(page, source="t.md")
        assert document.warnings == ()
        assert [row.status for row in document.tables[0].rows] == [200, 404]


@pytest.mark.parametrize(
    ("data", "line", "byte"),
    [
        (b"\xef\xbb\xbf# T\n\xff\n", 2, "0xff"),  # after a BOM: the decoder counts from it
        (b"# T\r\xff\r", 2, "0xff"),  # lines ended by CR alone
        (b"# T\r\n\r\n| a | caf\xe9 |", 3, "0xe9"),
    ],
)
def test_bytes_not_utf8_are_named_at_their_byte_and_line(data: bytes, line: int, byte: str) -> None:
    """The error named the byte the BOM's length before the bad one (`0x20`), and counted
    no line ended by CR alone (found by review)."""
    from codetables.parse import decode

    with pytest.raises(SourceError) as error:
        decode(data, source="p.md")
    assert str(error.value).startswith(f"p.md:{line}: byte {byte} is not valid UTF-8")


@pytest.mark.parametrize(
    "before",
    ['<img alt="<script>" src=x>', '<iframe src="x"/>', "Load <script src=x.js /> first."],
)
def test_an_element_of_raw_text_in_a_value_or_closed_at_once_hides_no_table(before: str) -> None:
    """`alt="<script>"` is a value, `<iframe/>` and `<script/>` are closed as html.parser
    reads them: none of them hides the table below, and none refuses the page."""
    table = "| Error code | Message |\n|---|---|\n| E1001 | bad |\n"
    document = parse(f"# Errors\n\n{before}\n\n{table}", source="a.md")
    assert [row.cells[0].text for row in document.tables[0].rows] == ["E1001"]


def test_the_check_for_raw_text_left_open_is_linear() -> None:
    """Many `<script src=x />` closed at once, or `<script>` inside one long tag: each
    `>` and `<` is looked at once."""
    for body in (
        '"<div>\\n" + "<script src=x /> " * 40_000',
        "\"<p title='\" + '<script>' * 40_000 + \"'>\"",
    ):
        run = run_python(
            "import time; from codetables.parse import parse\n"
            f"page = '# E\\n\\n' + {body} + '\\n\\n| Error code | Message |\\n|---|---|\\n"
            "| E1 | m |\\n'\n"
            "start = time.process_time()\n"
            "try:\n    parse(page, source='a.md')\nexcept Exception:\n    pass\n"
            "print(time.process_time() - start)",
            timeout=120,
        )
        assert float(run.stdout) < 20, run.stderr


@pytest.mark.parametrize("heading", ["Name resolution", "Required", "Common errors"])
def test_a_groups_heading_below_the_header_is_a_row_not_a_second_header(heading: str) -> None:
    """`<th colspan="2">Name resolution</th>` below `<th>Code</th><th>Message</th>`: a
    heading of the rows below, not a header level (it was merged into the headers, and the
    table skipped; found by review)."""
    page = (
        "<table>\n<tr><th>Code</th><th>Message</th></tr>\n"
        f'<tr><th colspan="2">{heading}</th></tr>\n'
        "<tr><td>E1001</td><td>The input could not be parsed.</td></tr>\n"
        "<tr><td>E1002</td><td>The name is unknown.</td></tr>\n</table>\n"
    )
    (table,) = parse(page, source="g.html").tables
    assert [c.header for c in table.columns] == ["Code", "Message"]
    assert [row.cells[0].text for row in table.rows] == [heading, "E1001", "E1002"]


def test_a_code_span_long_and_hostile_in_a_pipe_cell_is_read_in_linear_time() -> None:
    """Backtick runs that close nothing, in a cell with a tag: the pattern for code spans
    took 45 s on a 2.5 KB page (found by review)."""
    run = run_python(
        "import time; from codetables.parse import parse\n"
        "n = 20_000\n"
        "page = '| Error code | Message |\\n|---|---|\\n| E1001 | <b>x</b> ' + '`' * n + 'x' * n"
        " + ' |\\n'\n"
        "start = time.process_time(); parse(page, source='z.md')\n"
        "print(time.process_time() - start)",
        timeout=120,
    )
    assert float(run.stdout) < 10, run.stderr


def test_a_namespaced_tag_is_no_table_markup_in_a_pipe_cell() -> None:
    """`<th:block>` (Thymeleaf) is no `<th>`: no warning (found by review)."""
    page = "| Status | Description |\n|---|---|\n| 200 | a <th:block>x</th:block> b |\n"
    assert parse(page, source="t.md").warnings == ()


@pytest.mark.parametrize(
    ("written", "phrase"),
    [
        ("499 Client Closed Request, nginx only", "Client Closed Request"),
        ("520 Unknown Error, returned by the edge", "Unknown Error"),
    ],
)
def test_a_phrase_of_capitalised_words_is_cut_at_its_comma(written: str, phrase: str) -> None:
    assert values.written_phrase(written, int(written[:3])) == phrase


@pytest.mark.parametrize(
    "line",
    [
        "<div>\n",  # closed at the end, each end tag on a line of its own (below)
        "<div><br>x\n",  # text after a void element (found by review: it passed the count)
        "<div><b></b><!-- </i> -->x\n",  # an end tag inside a comment closes nothing
        "<div><b></b></i>x\n",  # nor does one of no open element
    ],
)
def test_markup_the_reference_would_step_through_for_minutes_is_refused(line: str) -> None:
    """Elements nested 30,000 deep with text beside a child in each: BeautifulSoup steps
    through every open element there, N²/2 steps; refused at once, at its line."""
    html = line * 30_000 + ("</div>\n" * 30_000 if line == "<div>\n" else "")
    with pytest.raises(SourceError, match="nested too deep for the reference reader") as error:
        soup._refuse_deep_closing(html, "p.md")
    assert error.value.line is not None
    assert error.value.line > 14_000


def test_thousands_of_unclosed_paragraphs_are_read_by_the_reference() -> None:
    """HTML leaves `</p>` out: 7,000 paragraphs nest in the reference tree and cost it 3 s,
    a page to read, not to refuse (a first bound refused it; found by review)."""
    html = "".join(f"<p>Paragraph <b>{i}</b> text\n" for i in range(7_000))
    soup._refuse_deep_closing(html, "p.md")  # no error


def test_text_repeated_by_spans_is_bounded_over_the_page_not_per_table() -> None:
    """40 tables of one 10,000-character cell spanning 100 rows: each within a table's
    allowance, 155 MB of artifacts from a 502 KB page together (found by review)."""
    tables = []
    for t in range(40):
        rows = [
            f"<tr><td>E{t}_{i}</td>"
            + (f'<td rowspan="100">{"a" * 10_000}</td>' if i == 0 else "")
            + "</tr>"
            for i in range(100)
        ]
        tables.append(
            "<table><tr><th>错误码</th><th>错误信息</th></tr>" + "".join(rows) + "</table>"
        )
    with pytest.raises(SourceError, match="the page's spans repeat its text"):
        parse("# 错误码\n\n" + "\n\n".join(tables) + "\n", source="p.md")


def test_a_read_page_keeps_no_second_copy_of_its_lines() -> None:
    """The page's headings are read with its link references (`Page.env`), not with the
    list of its lines markdown-it's state was given: kept, it held 77 MB more at the peak
    of a page of 100,000 rows (found by the benchmark)."""
    from codetables import blocks, markdown

    page = markdown.read(
        "# T\n\n[a]: https://example.com\n\n## S\n\n| Code | Message |\n", source="p.md"
    )
    assert blocks.LINES not in page.env
    assert "references" in page.env


@pytest.mark.parametrize("fast_tree", [True, False], ids=["fast", "reference"])
def test_a_code_name_below_a_title_row_is_a_row_not_the_header(fast_tree: bool) -> None:
    """Doxygen's `<th colspan="2">Enumerator</th>` over `FOO_ERROR_IO | Input/output
    error.`: the first enumerator was read as the header (`error` in both cells), and its
    code lost without a word (found by a held-out probe). A header written in capitals of
    header words (`ERROR_CODE | ERROR_MSG`) is still one."""
    rows = "".join(
        f'<tr><td class="fieldname">FOO_ERROR_{name} </td><td><p>{text} </p></td></tr>'
        for name, text in (
            ("IO", "Input/output error."),
            ("BUSY", "Resource busy."),
            ("NOT_FOUND", "Not found."),
        )
    )
    page = f'<table class="fieldtable"><tr><th colspan="2">Enumerator</th></tr>{rows}</table>'
    tables = parse(f"<html><body>{page}</body></html>", source="p.html", fast_tree=fast_tree).tables
    assert [row.cells[0].text for row in tables[0].rows] == [
        "FOO_ERROR_IO",
        "FOO_ERROR_BUSY",
        "FOO_ERROR_NOT_FOUND",
    ]
    snake = (
        "<table><tr><td>ERROR_CODE</td><td>ERROR_MSG</td></tr>"
        "<tr><td>E1</td><td>bad</td></tr></table>"
    )
    tables = parse(snake, source="s.md", fast_tree=fast_tree).tables
    assert [column.header for column in tables[0].columns] == ["ERROR_CODE", "ERROR_MSG"]


NTSTATUS = """# 2.3.1 NTSTATUS Values

<table>
<tr><th><p>Return value/code</p></th><th><p>Description</p></th></tr>
<tr><td><p>0x00000000</p><p>STATUS_SUCCESS</p></td><td><p>The operation completed.</p></td></tr>
<tr><td><p>0xC0000001</p><p>STATUS_UNSUCCESSFUL</p></td><td><p>It was unsuccessful.</p></td></tr>
<tr><td><p>0xC0000002</p><p>STATUS_NOT_IMPLEMENTED</p></td><td><p>Not here.</p></td></tr>
</table>
"""


@pytest.mark.parametrize("fast_tree", [True, False], ids=["fast", "reference"])
def test_a_code_and_its_name_as_two_paragraphs_of_one_cell_are_two_columns(
    fast_tree: bool,
) -> None:
    """MS-ERREF's `Return value/code` over `0xC0000001` and `STATUS_UNSUCCESSFUL` in one
    cell: no cell was a code, and the table was passed by (found by a held-out probe). The
    codes keep the header written, the names get a `Name` column (`名称` in a Chinese
    table); a cell a span repeats is one pair of cells. A column with one plain code is
    left as written."""
    table = parse(NTSTATUS, source="ntstatus.md", fast_tree=fast_tree).tables[0]
    assert table.kind is Kind.RESULT_CODE
    assert [(column.header, column.role) for column in table.columns] == [
        ("Return value/code", Role.CODE),
        ("Name", Role.NAME),
        ("Description", Role.DESCRIPTION),
    ]
    assert [[cell.text for cell in row.cells] for row in table.rows] == [
        ["0x00000000", "STATUS_SUCCESS", "The operation completed."],
        ["0xC0000001", "STATUS_UNSUCCESSFUL", "It was unsuccessful."],
        ["0xC0000002", "STATUS_NOT_IMPLEMENTED", "Not here."],
    ]
    spanned = NTSTATUS.replace("<td><p>0xC0000002", '<td rowspan="2"><p>0xC0000002').replace(
        "</table>", "<tr><td><p>Not there either.</p></td></tr>\n</table>"
    )
    rows = parse(spanned, source="spanned.md", fast_tree=fast_tree).tables[0].rows
    assert [cell.text for cell in rows[3].cells[:2]] == ["0xC0000002", "STATUS_NOT_IMPLEMENTED"]
    assert rows[3].cells[0] is rows[2].cells[0]
    assert rows[3].cells[1] is rows[2].cells[1]
    chinese = NTSTATUS.replace("Return value/code", "返回码").replace(">Description<", ">说明<")
    table = parse(chinese, source="zh.md", fast_tree=fast_tree).tables[0]
    assert [column.header for column in table.columns] == ["返回码", "名称", "说明"]
    one_plain = NTSTATUS.replace("<p>0x00000000</p><p>STATUS_SUCCESS</p>", "<p>0x0</p>")
    assert parse(one_plain, source="one.md", fast_tree=fast_tree).tables == ()


@pytest.mark.parametrize("fast_tree", [True, False], ids=["fast", "reference"])
def test_the_same_columns_twice_side_by_side_are_one_table_of_them(fast_tree: bool) -> None:
    """Douyin's `错误码 | 描述 | 错误码 | 描述`, two codes to a row: the second code column had
    no role, its codes were lost, and code 0 took 28001003's description (found by a
    held-out probe). Each row is read as its left half, then its right half; an empty
    right half is no row."""
    page = (
        "# 错误码\n\n| 错误码 | 描述 | 错误码 | 描述 |\n| --- | --- | --- | --- |\n"
        "| 0 | 成功 | 28001003 | access_token 无效 |\n"
        "| 10000 | 参数错误 | 28001005 | access_token 过期 |\n"
        "| 10001 | 系统错误 | | |\n"
    )
    document = parse(page, source="douyin.md", fast_tree=fast_tree)
    assert document.warnings == ()
    (table,) = document.tables
    assert [column.header for column in table.columns] == ["错误码", "描述"]
    assert [(row.line, row.cells[0].text, row.cells[1].text) for row in table.rows] == [
        (5, "0", "成功"),
        (5, "28001003", "access_token 无效"),
        (6, "10000", "参数错误"),
        (6, "28001005", "access_token 过期"),
        (7, "10001", "系统错误"),
    ]
    different = page.replace("| 错误码 | 描述 | 错误码 | 描述 |", "| 错误码 | 描述 | 模块 | 备注 |")
    assert len(parse(different, source="other.md", fast_tree=fast_tree).tables[0].columns) == 4


@pytest.mark.parametrize("fast_tree", [True, False], ids=["fast", "reference"])
def test_a_page_of_several_h1_sections_is_named_by_its_title_element(fast_tree: bool) -> None:
    """SQLite's `rescode.html` numbers its sections as `<h1>`s: the page was named `1.
    Overview`, its first section, and the table under `<h1>6. Result Code Meanings</h1>`
    had no title (found by a held-out probe). One `<h1>` still names its page."""
    rows = "".join(
        f"<tr><td>{code}</td><td>{name}</td><td>{text}</td></tr>"
        for code, name, text in [(0, "SQLITE_OK", "Successful result."), (1, "SQLITE_ERROR", "A")]
    )
    table = f"<table><tr><th>Code</th><th>Name</th><th>Meaning</th></tr>{rows}</table>"
    page = (
        "<html><head><title>Result and Error Codes</title></head><body>"
        "<h1>1. Overview</h1><p>Many routines return codes.</p>"
        f"<h1>6. Result Code Meanings</h1>{table}</body></html>"
    )
    document = parse(page, source="rescode.html", fast_tree=fast_tree)
    assert (document.title, document.tables[0].title) == (
        "Result and Error Codes",
        "6. Result Code Meanings",
    )
    single = page.replace("<h1>1. Overview</h1>", "")
    document = parse(single, source="one.html", fast_tree=fast_tree)
    assert (document.title, document.tables[0].title) == ("6. Result Code Meanings", "")


@pytest.mark.parametrize("fast_tree", [True, False], ids=["fast", "reference"])
def test_a_table_that_heads_its_rows_is_read_with_its_rows_as_columns(fast_tree: bool) -> None:
    """`<tr><th>错误码</th><td>1001</td><td>1002</td>…` over `<tr><th>说明</th>…`: each
    column of data is a record (QWeather lays its old codes out so); the table was passed
    by, no column holding codes (found by a held-out probe, and long in the notes). Rows
    headed as Stripe's `<th>200 - OK</th><td>Everything worked…</td>` stay rows."""
    page = (
        "<table>\n<tr><th>错误码</th><td>1001</td><td>1002</td><td>1003</td></tr>\n"
        "<tr><th>说明</th><td>参数错误</td><td>无权限</td><td>超时</td></tr>\n</table>\n"
    )
    (table,) = parse(page, source="sideways.md", fast_tree=fast_tree).tables
    assert [(column.header, column.role) for column in table.columns] == [
        ("错误码", Role.ERROR_CODE),
        ("说明", Role.DESCRIPTION),
    ]
    assert [[cell.text for cell in row.cells] for row in table.rows] == [
        ["1001", "参数错误"],
        ["1002", "无权限"],
        ["1003", "超时"],
    ]
    assert {row.line for row in table.rows} == {2}
    stripe = (
        "<table><tr><th>200 - OK</th><td>Everything worked as expected.</td></tr>"
        "<tr><th>400 - Bad Request</th><td>The request was unacceptable.</td></tr>"
        "<tr><th>404 - Not Found</th><td>The requested resource doesn't exist.</td></tr></table>"
    )
    (table,) = parse(stripe, source="stripe.md", fast_tree=fast_tree).tables
    assert [row.status for row in table.rows] == [200, 400, 404]


@pytest.mark.parametrize("fast_tree", [True, False], ids=["fast", "reference"])
def test_a_caption_paragraph_before_a_tables_wrappers_titles_it(fast_tree: bool) -> None:
    """DocBook's `<p class="title"><strong>Table A.1. PostgreSQL Error Codes</strong></p>`
    before `<div class="table-contents"><table>`: PostgreSQL's table had no title (found by
    a held-out probe). A paragraph of prose before a table titles nothing."""
    table = (
        '<table class="table"><thead><tr><th>Error Code</th><th>Condition Name</th></tr></thead>'
        "<tbody><tr><td>08000</td><td>connection_exception</td></tr>"
        "<tr><td>08003</td><td>connection_does_not_exist</td></tr></tbody></table>"
    )
    page = (
        "<html><body><h1>Appendix A</h1><p>Table A.1 lists them.</p>"
        '<div class="table"><p class="title"><strong>Table A.1. PostgreSQL Error Codes'
        f'</strong></p><!-- --><div class="table-contents">{table}</div></div></body></html>'
    )
    titles = [t.title for t in parse(page, source="errcodes.html", fast_tree=fast_tree).tables]
    assert titles == ["Table A.1. PostgreSQL Error Codes"]
    prose = page.replace(
        '<p class="title"><strong>Table A.1. PostgreSQL Error Codes</strong></p>', ""
    )
    titles = [t.title for t in parse(prose, source="prose.html", fast_tree=fast_tree).tables]
    assert titles == [""]


@pytest.mark.parametrize("fast_tree", [True, False], ids=["fast", "reference"])
@pytest.mark.parametrize(
    ("before", "title"),
    [
        ('<p class="titleintable"><a id="s1"></a>Table 2-1 ORA Errors</p>', "Table 2-1 ORA Errors"),
        ('<p class="MsoCaption">Table 2\u20116 Reason Codes</p>', "Table 2\u20116 Reason Codes"),
        ("<p>Table 3 lists the codes a request may return.</p>", ""),
        ("<p>Table 3: Codes</p><p>More.</p>", ""),
        ("<p>Table 3 below lists every code that a request to the service may return</p>", ""),
        ("<p>Table 3 holds these codes:</p>", ""),
    ],
)  # fmt: skip
def test_a_caption_paragraph_not_in_bold_titles_the_table(
    before: str, title: str, fast_tree: bool
) -> None:
    """Oracle's `<p class="titleintable">`, Word's `MsoCaption` and OPC UA's `table-title`
    caption their tables in plain text, and the tables took no title or a heading's (found
    by a held-out probe): a short `Table N` paragraph just before the table, no sentence,
    is its caption."""
    table = (
        "<table><tr><th>Error code</th><th>Message</th></tr>"
        "<tr><td>ORA-00001</td><td>unique constraint violated</td></tr></table>"
    )
    page = f"<html><body><h1>Errors</h1>{before}{table}</body></html>"
    (found,) = parse(page, source="ora.html", fast_tree=fast_tree).tables
    assert found.title == title


def test_names_of_a_table_titled_as_error_codes_are_the_error_codes() -> None:
    """Square's `## ErrorCode` over `Name | Description`, `INTERNAL_SERVER_ERROR | A
    general server error occurred.`: no column held codes, and the table was passed by
    (found by a held-out probe). Its title says what the names are; the same table under
    another title is a table of names, as before."""
    rows = (
        "| `INTERNAL_SERVER_ERROR` | A general server error occurred. |\n"
        "| `ACCESS_TOKEN_EXPIRED` | The provided access token has expired. |\n"
        "| `CARD_TOKEN_USED` | The card token has been used already. |\n"
    )
    table = "| Name | Description |\n| --- | --- |\n" + rows
    (found,) = parse(f"# Square\n\n## ErrorCode\n\n{table}", source="sq.md").tables
    assert (found.kind, [column.role for column in found.columns]) == (
        Kind.ERROR_CODE,
        [Role.ERROR_CODE, Role.DESCRIPTION],
    )
    assert parse(f"# Square\n\n## Fields\n\n{table}", source="fields.md").tables == ()


@pytest.mark.parametrize("fast_tree", [True, False], ids=["fast", "reference"])
def test_a_header_without_rows_is_warned_of_and_one_cell_is_no_table(fast_tree: bool) -> None:
    """Doxygen boxes a prototype in a table of one cell (`enum libusb_error`): it was
    warned of as a code table with a header but no rows, which fails `--strict` (found by
    a held-out probe). One cell is no code table; a header of codes with no rows is still
    warned of."""
    box = '<table class="memname"><tr><td class="memname">enum libusb_error</td></tr></table>'
    empty = "<table><tr><th>Error code</th><th>Message</th></tr></table>"
    codes = empty.replace("</table>", "<tr><td>E1</td><td>Bad</td></tr></table>")
    document = parse(f"{box}\n\n{empty}\n\n{codes}\n", source="d.html", fast_tree=fast_tree)
    assert [notice.message for notice in document.warnings] == [
        "a code table with a header but no rows is skipped: Error code | Message"
    ]
    assert [notice.message for notice in document.skipped] == [
        "not a code table: enum libusb_error (one cell)"
    ]
    assert len(document.tables) == 1


@pytest.mark.parametrize("title", ["POSIX error constants", "Error types", "Exception names"])
def test_names_of_a_table_titled_as_errors_by_name_are_the_error_codes(title: str) -> None:
    """Node.js's `### POSIX error constants` over `Constant | Description` (`EACCES`,
    `EADDRINUSE`) was passed by (found by a held-out probe): a title naming errors by
    their constants, names or types says what the names are. Its `### Signal constants`
    beside it stays no code table."""
    rows = (
        "| `EACCES` | Indicates a permission denied error. |\n"
        "| `EADDRINUSE` | Indicates that the network address is already in use. |\n"
        "| `ECONNRESET` | Indicates that the connection was reset by the peer. |\n"
    )
    signals = "| `SIGHUP` | Sent when a terminal is closed. |\n| `SIGINT` | Sent on Ctrl-C. |\n"
    head = "| Constant | Description |\n| --- | --- |\n"
    page = f"# OS constants\n\n### {title}\n\n{head}{rows}\n### Signal constants\n\n{head}{signals}"
    (found,) = parse(page, source="os.md").tables
    assert (found.title, found.kind, [column.role for column in found.columns]) == (
        title,
        Kind.ERROR_CODE,
        [Role.ERROR_CODE, Role.DESCRIPTION],
    )
    settings = (  # found by review: settings of errors are no errors
        "| `maxRetries` | How many times a call is retried. |\n"
        "| `retryDelayMs` | The delay before the first retry, in milliseconds. |\n"
    )
    for other in ("Retry settings per error type", "Options for error types"):
        page = f"# Client guide\n\n## {other}\n\n| Name | Description |\n| --- | --- |\n{settings}"
        assert parse(page, source="guide.md").tables == ()


@pytest.mark.parametrize(
    ("title", "head"),
    [
        ("Gateway Opcodes", "Code | Name | Description"),
        ("Consistency levels", "Value | Name | Description"),
        ("ASCII control characters", "Dec | Hex | Name | Description"),
        ("消息类型", "取值 | 名称 | 说明"),
        # HTTP/2's settings and frame types beside its error codes (found by a held-out
        # probe): a registry, a list or definitions of things is a list of those things
        ("6.5.2. Defined Settings", "Code | Name | Initial Value"),
        ("11.2. Frame Type Registry", "Code | Frame Type | Reference"),
        ("18.2. Transport Parameter Definitions", "Code | Name | Specification"),
    ],
)
def test_a_table_of_numbered_things_that_are_not_outcomes_is_no_code_table(
    title: str, head: str
) -> None:
    """Discord's `Gateway Opcodes` (`0 | Dispatch`) and Cassandra's `Consistency levels`
    (`0x0000 | ANY`) became `ResultCode` enums beside the pages' real code tables (found by
    a held-out probe): a table keyed by a plain `Code` or `Value` column whose own title
    lists other things (opcodes, levels, characters, 类型) is passed by, said with -v.
    Under a title that names outcomes, or none, the same table is read as before."""
    width = head.count("|") + 1
    rows = "".join(
        f"| {number} | {name} |{' x |' * (width - 2)}\n"
        for number, name in ((0, "Dispatch"), (1, "Heartbeat"), (2, "Identify"))
    )
    table = f"| {head} |\n|{' --- |' * width}\n{rows}"
    page = f"# Protocol\n\n## {title}\n\n{table}"
    document = parse(page, source="p.md")
    assert document.tables == ()
    (skipped,) = document.skipped
    assert skipped.line == 5
    assert skipped.message.startswith(f"not a code table: {head} (its title {title!r} lists ")
    for kept in ("Reply codes", "Close event codes", "Error types", "错误类型", "Result values"):
        (found,) = parse(f"# Protocol\n\n## {kept}\n\n{table}", source="p.md").tables
        assert (found.kind, found.title) == (Kind.RESULT_CODE, kept)
    untitled = parse(f"# Protocol\n\n{table}", source="p.md").tables
    if head.startswith("Code"):  # a code column: it may list outcomes
        assert [found.kind for found in untitled] == [Kind.RESULT_CODE]
    else:  # numbered values nothing says are outcomes (below)
        assert untitled == ()


@pytest.mark.parametrize(
    "title", ["EPersonaState", "enum cudaMemcpyKind", "Purchase.PurchaseState"]
)
def test_an_identifier_titling_a_list_of_other_things_is_read_by_its_words(title: str) -> None:
    """Steam's `EPersonaState`, CUDA's `enum cudaMemcpyKind`, Play Billing's
    `Purchase.PurchaseState` (`Name | Value` over `k_EPersonaStateOnline | 1`) were
    `ResultCode` enums (found by a held-out probe): an identifier's words are read apart,
    and its last names states or kinds. `VkResult`, `k_EResult` name results."""
    table = (
        "| Name | Value | Description |\n| --- | --- | --- |\n"
        "| k_EPersonaStateOffline | 0 | Friend is not currently logged on. |\n"
        "| k_EPersonaStateOnline | 1 | Friend is logged on. |\n"
    )
    document = parse(f"# Steamworks\n\n## {title}\n\n{table}", source="p.md")
    assert document.tables == ()
    assert f"(its title {title!r} lists " in document.skipped[0].message
    for kept in ("VkResult", "EResult"):
        (found,) = parse(f"# Steamworks\n\n## {kept}\n\n{table}", source="p.md").tables
        assert found.kind is Kind.RESULT_CODE


def test_numbered_values_that_nothing_says_are_outcomes_are_no_code_table() -> None:
    """Android's `MediaCodec` lists its `BUFFER_FLAG_*` under `Field values` (`Constant |
    Constant Value`): a `ResultCode` enum beside the page's real error codes (found by a
    held-out probe). Keyed by a plain number, under a title and a page that name neither
    outcomes nor codes, with no cell naming a failure, a table numbers other things. A
    failure named in one cell, or a page titled for codes, keeps it."""
    table = (
        "| Constant | Constant Value |\n| --- | --- |\n"
        "| BUFFER_FLAG_CODEC_CONFIG | 2 |\n| BUFFER_FLAG_END_OF_STREAM | 4 |\n"
        "| BUFFER_FLAG_KEY_FRAME | 1 |\n"
    )
    document = parse(f"# MediaCodec\n\n## Field values\n\n{table}", source="p.md")
    assert document.tables == ()
    assert document.skipped[0].message == (
        "not a code table: Constant | Constant Value (numbered values that no title, header "
        "or cell says are outcomes)"
    )
    failing = table + "| BUFFER_FLAG_DECODE_ERROR | 8 |\n"
    for page in (f"# MediaCodec\n\n{failing}", f"# MediaCodec result codes\n\n{table}"):
        (found,) = parse(page, source="p.md").tables
        assert found.kind is Kind.RESULT_CODE


LAID_OUT = """# Errors

<table><tr><td class="nav">Home</td><td>
<h2>系统级错误码</h2>
<table>
<tr><th>错误码</th><th>错误描述</th></tr>
<tr><td>1</td><td>服务不可用</td></tr>
<tr><td>3</td><td>无效的access_token</td></tr>
</table>
<table><tr><td>
<table>
<tr><th>code</th><th>message</th></tr>
<tr><td>2001</td><td>Invalid parameter</td></tr>
<tr><td>2002</td><td>Unknown promotion</td></tr>
</table>
</td></tr></table>
</td></tr></table>

<table>
<tr><th>Status code</th><th>Description</th></tr>
<tr><td>404</td><td>Not found, see <table><tr><td>x</td></tr></table></td></tr>
</table>
"""


@pytest.mark.parametrize("fast_tree", [True, False], ids=["fast", "reference"])
def test_the_tables_of_a_page_laid_out_in_a_table_are_read(fast_tree: bool) -> None:
    """JD Union's page is laid out in a table, its code tables in its cells: they were read
    as the text of one cell, and the page had no code table (found by a held-out probe).
    The tables in the cells of a table of no codes are read, at any depth, in page order;
    a table in a code table's cell is still that cell's text."""
    document = parse(LAID_OUT, source="p.md", fast_tree=fast_tree)
    assert [(table.title, table.line, len(table.rows)) for table in document.tables] == [
        ("系统级错误码", 5, 2),
        ("", 11, 2),
        ("", 19, 1),
    ]
    assert document.tables[2].rows[0].cells[1].text == "Not found, see x"


@pytest.mark.parametrize("heading", ["Permissions", "Payment methods", "Regions", "权限"])
def test_error_codes_grouped_under_headings_of_other_things_are_read(heading: str) -> None:
    """An error-code page groups its codes by feature (`## Permissions`, `## Payment
    methods`): the title rule took those headings for lists of permissions or methods and
    the page had no code table (found by review). Rows that name failures, most of them,
    are errors whatever the heading."""
    page = (
        f"# Error codes\n\n## {heading}\n\n| Code | Description |\n| --- | --- |\n"
        "| 40001 | Permission denied for this resource. |\n"
        "| 40002 | The scope was not granted. |\n| 40003 | 签名校验失败 |\n"
    )
    (found,) = parse(page, source="p.md").tables
    assert (found.kind, found.title) == (Kind.RESULT_CODE, heading)


@pytest.mark.parametrize(
    "rows",
    [
        "| 1 | EPERM | Operation not permitted |\n| 2 | ENOENT | No such file or directory |\n",
        "| 1 | PARAM_ERR | 参数错误 |\n| 2 | SIGN_BAD | 签名校验失败 |\n",
    ],
    ids=["prose", "chinese"],
)
def test_failures_said_in_prose_or_chinese_keep_numbered_values_codes(rows: str) -> None:
    """`Value | Name | Description` over `1 | EPERM | Operation not permitted` under `##
    Constants`, or over `1 | PARAM_ERR | 参数错误`, was dropped as numbered values nothing
    said were outcomes (found by review): failures as prose and Chinese say them count."""
    page = (
        f"# libfoo\n\n## Constants\n\n| Value | Name | Description |\n| --- | --- | --- |\n{rows}"
    )
    (found,) = parse(page, source="p.md").tables
    assert found.kind is Kind.RESULT_CODE


def test_tables_in_tables_of_no_codes_are_read_a_few_levels_deep() -> None:
    """Every level of tables in tables of no codes reads the text of the levels below it
    again: 80 levels took 309 s (found by review). `MAX_LAYOUT_LEVELS` levels are read; a
    code table deeper is that cell's text, as it was before such tables were read."""
    codes = (
        "<table><tr><th>错误码</th><th>错误描述</th></tr>"
        "<tr><td>1</td><td>服务不可用</td></tr></table>"
    )

    def nested(levels: int) -> str:
        return "<table><tr><td>x</td><td>" * levels + codes + "</td></tr></table>" * levels

    limit = MAX_LAYOUT_LEVELS
    assert len(parse(f"# Errors\n\n{nested(limit)}\n", source="p.md").tables) == 1
    deeper = parse(f"# Errors\n\n{nested(limit + 1)}\n", source="p.md")
    assert deeper.tables == ()
    assert len(deeper.skipped) == limit + 1


def test_a_reference_pages_enum_fields_are_still_read_as_codes() -> None:
    """.NET's `HttpStatusCode` page lists its members under `Fields` (`Continue | 100`):
    a section an API reference lists any enum's members under says nothing of what they
    number, so the table is read (found by comparing a held-out family before and after)."""
    page = (
        "# HttpStatusCode Enum\n\n## Fields\n\n| Name | Value | Description |\n"
        "| --- | --- | --- |\n| Continue | 100 | The client may continue. |\n"
        "| OK | 200 | The request succeeded. |\n"
    )
    (found,) = parse(page, source="p.md").tables
    assert found.title == "Fields"


@pytest.mark.parametrize("header", ["操作码", "功能码"])
def test_an_opcode_header_in_chinese_keys_no_table(header: str) -> None:
    """`操作码` (opcode) and `功能码` (Modbus's function code) end in 码 as 错误码 does, but
    number operations, not outcomes: like `密码`, they say no code."""
    page = f"| {header} | 名称 |\n| --- | --- |\n| 1 | 读线圈 |\n| 2 | 读离散输入 |\n"
    assert parse(page, source="p.md").tables == ()


@pytest.mark.parametrize("fast_tree", [True, False], ids=["fast", "reference"])
def test_rules_for_other_families_leave_ordinary_cells_as_they_were(fast_tree: bool) -> None:
    """Found by review of the rules above: a status cell listing statuses and a note took
    exponential time (ten statuses: 88 s); a status `200` above `OK` was split into two
    columns, losing its phrase; a group's heading in a status column was typed; an empty
    left half of a row laid out twice was a row."""
    listed = "<br>".join(f"{400 + n} Status {chr(65 + n)}" for n in range(12)) + " (see Retries)"
    page = f"| HTTP status | Description |\n| --- | --- |\n| {listed} | Many. |\n| 404 | x |\n"
    document = parse("# T\n\n" + page, source="list.md", fast_tree=fast_tree)
    assert [row.status for row in document.tables[0].rows] == [None, 404]
    split = (
        "<table><tr><th>Status</th><th>Description</th></tr>"
        "<tr><td><p>200</p><p>OK</p></td><td>Fine.</td></tr>"
        "<tr><td><p>404</p><p>NOT_FOUND</p></td><td>Gone.</td></tr></table>"
    )
    table = parse(split, source="split.md", fast_tree=fast_tree).tables[0]
    assert [column.header for column in table.columns] == ["Status", "Description"]
    series = (
        "| Status | Description |\n| --- | --- |\n| **200 Series** | Success |\n"
        "| 200 | The request worked. |\n| **400 Series** | Client errors |\n| 400 | Bad. |\n"
    )
    document = parse("# T\n\n" + series, source="series.md", fast_tree=fast_tree)
    assert [row.status for row in document.tables[0].rows] == [None, 200, None, 400]
    assert document.warnings == ()
    halves = (
        "| 错误码 | 描述 | 错误码 | 描述 |\n| --- | --- | --- | --- |\n"
        "| 0 | 成功 | 1001 | 参数错误 |\n| | | 1005 | 权限不足 |\n"
    )
    rows = parse("# T\n\n" + halves, source="halves.md", fast_tree=fast_tree).tables[0].rows
    assert [row.cells[0].text for row in rows] == ["0", "1001", "1005"]
