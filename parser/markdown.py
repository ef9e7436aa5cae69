"""The Markdown layer of a page: what markdown-it-py knows before any table is read.

It finds the title heading, blanks fenced code (pages carry XML examples with tag-like text
such as `<Code>`), renders GFM pipe tables to HTML with every row on the line of its source
row, and refuses what would make the HTML reader lose rows silently: committed merge-conflict
markers, a table or a comment never closed. Every line stays where it was, so line numbers
are the source's.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from bs4 import BeautifulSoup
from markdown_it import MarkdownIt
from markdown_it.token import Token

from . import text
from .errors import SourceError

_MARKDOWN = MarkdownIt("commonmark").enable("table")
_CONFLICT = re.compile(r"(<{7}|>{7})(?: |$)")
_MARKUP = re.compile(
    r"<!--|-->|<table(?=[\s>/])|</table\s*>|<(?:script|style)(?=[\s>])|</(?:script|style)\s*>",
    re.IGNORECASE,
)
_TICKS = re.compile(r"`+")


@dataclass(frozen=True)
class Page:
    """A page ready for the HTML reader: its source lines, the same lines as HTML, its title."""

    lines: tuple[str, ...]
    html: str
    title: str
    anchor: str


def read(page: str, *, source: str) -> Page:
    """Read a page's Markdown structure (`page` has `\\n` line ends only)."""
    lines = page.split("\n")
    tokens = _MARKDOWN.parse(page)
    _refuse_conflict_markers(lines, tokens, source)
    title, anchor = _title(tokens)
    html = "\n".join(_as_html(lines, tokens))
    _refuse_unclosed_markup(html, source)
    return Page(tuple(lines), html, title, anchor)


def inline_text(markdown: str) -> str:
    """The visible text of one line of inline Markdown (`**表 1** 错误码` → `表 1 错误码`)."""
    rendered = BeautifulSoup(_MARKDOWN.renderInline(markdown), "html.parser")
    return text.join(text.paragraphs(rendered))


def _code_blocks(tokens: list[Token]) -> list[tuple[int, int]]:
    """Line ranges [start, end) of fenced and indented code blocks."""
    return [
        (tok.map[0], tok.map[1])
        for tok in tokens
        if tok.type in ("fence", "code_block") and tok.map
    ]


def _refuse_conflict_markers(lines: list[str], tokens: list[Token], source: str) -> None:
    """Committed merge-conflict markers (outside code blocks) are an error at their line."""
    fenced = _code_blocks(tokens)
    for number, line in enumerate(lines):
        if _CONFLICT.match(line) and not any(start <= number < end for start, end in fenced):
            raise SourceError(
                f"merge-conflict marker {line.strip()[:40]!r} is committed in the page, "
                "expected the conflict to be resolved",
                path=source,
                line=number + 1,
            )


def _refuse_unclosed_markup(html: str, source: str) -> None:
    """A `<table>` never closed or a comment never closed means the page is cut off.

    Read on, either would silently lose rows: a truncated table looks complete, and an open
    comment hides every table after it.
    """
    tables: list[int] = []
    comment: int | None = None
    raw = ""  # inside <script> or <style>, whose text is never markup
    for match in _MARKUP.finditer(html):
        token = match.group().lower()
        if raw:
            if token.startswith("</") and token[2:].startswith(raw):
                raw = ""
        elif comment is not None:
            if token == "-->":
                comment = None
        elif token == "<!--":
            comment = match.start()
        elif token in ("<script", "<style"):
            raw = token[1:]
        elif token.startswith("<table"):
            tables.append(match.start())
        elif token.startswith("</table") and tables:
            tables.pop()
    if comment is not None:
        raise SourceError(
            "a comment opened here is never closed, expected '-->'",
            path=source,
            line=html.count("\n", 0, comment) + 1,
        )
    if tables:
        raise SourceError(
            "a table opened here is never closed, expected '</table>' (is the page cut off?)",
            path=source,
            line=html.count("\n", 0, tables[0]) + 1,
        )


def _title(tokens: list[Token]) -> tuple[str, str]:
    """Text and anchor name of the first level-1 heading (else the first heading)."""
    headings = [
        (tokens[i].tag, tokens[i + 1])
        for i, token in enumerate(tokens)
        if token.type == "heading_open" and i + 1 < len(tokens)
    ]
    if not headings:
        return "", ""
    inline = next((tok for tag, tok in headings if tag == "h1"), headings[0][1])
    fragment = BeautifulSoup(_inline_html(inline), "html.parser")
    anchor = next(
        (
            str(value)
            for tag in fragment.find_all(True)
            if (value := tag.get("name") or tag.get("id"))
        ),
        "",
    )
    return text.join(text.paragraphs(fragment)), anchor


def _inline_html(inline: Token) -> str:
    return str(_MARKDOWN.renderer.render(inline.children or [], _MARKDOWN.options, {}))


def _as_html(lines: list[str], tokens: list[Token]) -> list[str]:
    """The page's lines for the HTML reader, every line kept where it was.

    Code is blanked, as it is text to a reader, never markup: code blocks (pages carry XML
    examples with tag-like text such as `<Code>`) and code spans in paragraphs and headings
    (`` `<table>` `` in prose). A pipe table becomes an HTML table whose every row sits on the
    line of its source row, so rows and messages keep their real line numbers.
    """
    out = list(lines)
    for start, end in _code_blocks(tokens):
        out[start:end] = [""] * (end - start)
    for index, token in enumerate(tokens):
        if (
            token.type == "inline"
            and token.map
            and index
            and tokens[index - 1].type in ("paragraph_open", "heading_open")
            and "`" in token.content
        ):
            start, end = token.map
            out[start:end] = _without_code_spans("\n".join(out[start:end])).split("\n")
    for index, token in enumerate(tokens):
        if token.type == "table_open" and token.map:
            start, end = token.map
            out[start:end] = _pipe_table(tokens, index, start, end)
    return out


def _without_code_spans(markdown: str) -> str:
    """Markdown text with every code span (backticks included) turned into spaces.

    One pass over the backtick runs: an opening run closes at the next run of the same width
    (CommonMark's rule), found by bisection, so adversarial text stays linear-logarithmic.
    """
    runs = [(m.start(), m.end()) for m in _TICKS.finditer(markdown)]
    starts: dict[int, list[int]] = {}
    for start, end in runs:
        starts.setdefault(end - start, []).append(start)
    out = list(markdown)
    cursor = 0
    for start, end in runs:
        if start < cursor:
            continue
        if start and markdown[start - 1] == "\\":  # an escaped backtick opens nothing
            start += 1
        width = end - start
        candidates = starts.get(width, [])
        found = bisect.bisect_left(candidates, end)
        if not width or found == len(candidates):
            continue
        close = candidates[found] + width
        for index in range(start, close):
            if out[index] != "\n":
                out[index] = " "
        cursor = close
    return "".join(out)


def _pipe_table(tokens: list[Token], index: int, start: int, end: int) -> list[str]:
    """One pipe table as `end - start` lines of HTML, each row on its own source line."""
    rows: dict[int, str] = {}
    cells: list[str] = []
    row_line = start
    for token in tokens[index + 1 :]:
        if token.type == "table_close":
            break
        if token.type == "tr_open":
            cells, row_line = [], token.map[0] if token.map else row_line
        elif token.type in ("th_open", "td_open"):
            cells.append(f"<{token.tag}>")
        elif token.type in ("th_close", "td_close"):
            cells[-1] += f"</{token.tag}>"
        elif token.type == "inline" and cells:
            cells[-1] += _inline_html(token)
        elif token.type == "tr_close":
            rows[row_line] = "<tr>" + "".join(cells) + "</tr>"
    html = [rows.get(line, "") for line in range(start, end)]
    html[0] = "<table><thead>" + html[0] + "</thead><tbody>"
    html[-1] += "</tbody></table>"
    return html
