"""Hostile text for the emitters, and helpers that read artifacts back."""

from __future__ import annotations

from bs4 import BeautifulSoup, Tag
from markdown_it import MarkdownIt

from codetables import text
from codetables.model import Cell, Column, Document, Kind, Role, Row, Table

HOSTILE = [
    "plain",
    "double \" and single ' quotes",
    'more "double" than \'single\' "quotes"',
    '"""triple double"""',
    "'''triple single'''",
    "back\\slash and a trailing backslash\\",
    "pipe | in | a cell \\| escaped",
    "<script>alert('x')</script>",
    "{{ 7 * 7 }} {% if true %}yes{% endif %} {# note #}",
    "Missing parameter {name}",
    'x {: onclick="alert(1)" style="color:red"}',
    "Error codes {#v2 .wide}",
    "control \x00\x01\x08\x0b\x0c\x1b\x7f\x85\x9f end",
    "line\u2028separator\u2029paragraph",
    "bidi \u202e\u2066reversed\u2069\u202c marks \u200b\u200d",
    "tab\there\nnewline\r\nreturn",
    "*emph* _under_ __strong__ `code` [link](http://x) ![img](y) ~~strike~~",
    "&amp; &lt; &#35; & < > entities",
    "# heading",
    "- item",
    "+ plus",
    "1. ordered",
    "2) ordered",
    "> quote",
    "trailing #",
    "=== setext",
    "snake_case_name and _leading and trailing_",
    "emoji 🎉 中文（全角）：说明",
    "\u00a0nbsp\u3000ideographic space",
    "",
]


def model_text(value: str) -> str:
    """What the parser would hold for this text: normalised."""
    return text.normalize(value)


def hostile_error_document() -> Document:
    """An error-code page of hostile text, with repeated and empty codes and a module column."""
    rows = []
    for index, raw in enumerate(HOSTILE):
        value = model_text(raw)
        code = value if index % 5 else HOSTILE[0]
        status = 400 + index % 2 * 100
        texts = (value or "x", str(status), code, value, value + "说明", "处理")
        cells = tuple(Cell(t, (t,) if t else ()) for t in texts)
        rows.append(Row(cells=cells, status=status, line=index + 10))
    columns = (
        Column("module", "模块", Role.MODULE),
        Column("status", "HTTP状态码", Role.STATUS),
        Column("error_code", model_text("错误码 `x` |"), Role.ERROR_CODE),
        Column("message", "Error Message", Role.MESSAGE),
        Column("description", "错误说明", Role.DESCRIPTION),
        Column("remedy", "处理措施", Role.REMEDY),
    )
    table = Table(Kind.ERROR_CODE, model_text("表 2 {% x %}"), columns, tuple(rows), line=9)
    return Document(
        title=model_text("错误码 \\ \"\"\" ''' "),
        id="",
        tables=(hostile_document().tables[0], table),
        path="seeds/error's.md",
    )


def hostile_result_document() -> Document:
    """A result-code page of hostile text: names and numbers (hex, negative), then string
    codes that repeat, with an empty one."""
    numbered = []
    for index, raw in enumerate(HOSTILE):
        value = model_text(raw)
        number = (index - 3) * 4099
        written = hex(number) if index % 3 == 0 and number >= 0 else str(number)
        texts = (value, written, value + "说明")
        cells = tuple(Cell(t, (t,) if t else ()) for t in texts)
        numbered.append(Row(cells=cells, status=None, line=index + 1))
    named = Table(
        Kind.RESULT_CODE,
        model_text("表 3 \"\"\" ''' {{ n }}"),
        (
            Column("name", model_text("Code <i>name</i>"), Role.NAME),
            Column("code", "Id", Role.CODE),
            Column("description", model_text("Description `|`"), Role.DESCRIPTION),
        ),
        tuple(numbered),
        line=1,
    )
    worded = []
    for index, raw in enumerate(HOSTILE):
        value = model_text(raw)
        code = value if index % 4 else ""
        texts = (model_text(value + " case"), code)
        cells = tuple(Cell(t, (t,) if t else ()) for t in texts)
        worded.append(Row(cells=cells, status=None, line=index + 40))
    cases = Table(
        Kind.RESULT_CODE,
        "",
        (Column("cause", "Case", Role.CAUSE), Column("code", "Status code", Role.CODE)),
        tuple(worded),
        line=39,
    )
    return Document(
        title="",
        id="",
        tables=(named, cases),
        path="seeds/result codes {% raw %}.md",
    )


def hostile_document() -> Document:
    """A document whose every string is hostile, shaped like a parsed status page."""
    rows = []
    for index, raw in enumerate(HOSTILE):
        value = model_text(raw)
        status = 100 + index * 13
        cells = (
            Cell(str(status), (str(status),)),
            Cell(value, (value,) if value else ()),
            Cell(value + "说明", (value + "说明",)),
        )
        rows.append(Row(cells=cells, status=status, line=index + 1))
    columns = (
        Column("status", model_text("状态码 | <b>{{x}}</b>"), Role.STATUS),
        Column("phrase", model_text('编码 "\\'), Role.PHRASE),
        Column("description", model_text("`说明` *x*"), Role.DESCRIPTION),
    )
    table = Table(Kind.HTTP_STATUS, model_text("表 1 {{ t }}"), columns, tuple(rows), line=1)
    return Document(
        title=model_text('Title """ {{ 7*191 }} <script> # | long enough for a second line'),
        id=model_text("id\"'\\{%"),
        tables=(table,),
        path='dir with "quotes"/and {{ braces }}.md',
    )


_MARKDOWN = MarkdownIt("commonmark").enable("table")


def markdown_tables(markdown: str) -> list[list[list[str]]]:
    """Every table of a Markdown page as rendered: rows of cell texts (header row first)."""
    soup = BeautifulSoup(_MARKDOWN.render(markdown), "html.parser")
    return [
        [
            [text.join(cell_paragraphs(cell)) for cell in row.find_all(["th", "td"])]
            for row in table.find_all("tr")
        ]
        for table in soup.find_all("table")
    ]


def cell_paragraphs(cell: Tag) -> list[str]:
    """A rendered table cell's text split at its `<br>` breaks; an empty cell has none."""
    parts = [""]
    for node in cell.children:
        if isinstance(node, Tag) and node.name == "br":
            parts.append("")
        else:
            parts[-1] += node.get_text()
    return [] if parts == [""] else parts


def markdown_blocks(markdown: str, name: str) -> list[str]:
    """The rendered text of every block element `name` (h1, p…) of a Markdown page."""
    soup = BeautifulSoup(_MARKDOWN.render(markdown), "html.parser")
    return [element.get_text() for element in soup.find_all(name)]
