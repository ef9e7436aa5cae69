"""GFM pipe tables: where one ends, and its rows as HTML, a row at a time.

markdown-it's own table rule makes four tokens a cell, a list of children for each once its
inline rule has run, and keeps them all until the page is read: 62 times the page for a
table of 100,000 rows. `install` puts `rule` in its place on codetables' own instance: the
same lines, one token a table (`TOKEN`, the rows' places in `meta`); `html` then reads the
cells from those lines, a row at a time. markdown-it stays the reference: tests hold the two
to the same block tokens and the same HTML on every kind of table.
"""

from __future__ import annotations

import functools
import importlib
import re
from array import array
from collections.abc import Callable, Iterator, MutableMapping
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from . import text

_PIPE = re.compile(r"\|")


def split_row(line: str) -> list[str]:
    """A pipe-table row's cells by markdown-it's rule: a pipe splits, unless a backslash
    stands before it, which is then dropped. In linear time: markdown-it's own splitter
    builds a cell one concatenation per escaped pipe, and a cell of a million `\\|` took
    minutes. The same cells as markdown-it's (see the tests)."""
    cells: list[str] = []
    parts: list[str] = []
    last = 0
    for match in _PIPE.finditer(line):
        pipe = match.start()
        if pipe and line[pipe - 1] == "\\":
            parts.append(line[last : pipe - 1])
            last = pipe
        else:
            parts.append(line[last:pipe])
            cells.append("".join(parts))
            parts, last = [], pipe + 1
    parts.append(line[last:])
    cells.append("".join(parts))
    return cells


_TABLE_RULE = importlib.import_module("markdown_it.rules_block.table")
MARKDOWN_IT_SPLIT = getattr(_TABLE_RULE, "escapedSplit", None)
"""markdown-it's own row splitter, kept for the test that `split_row` gives its cells."""

TRIMMED = (
    "".join(map(chr, [9, 10, 11, 12, 13, 32, 0xA0, 0x1680, *range(0x2000, 0x200B), 0x2028, 0x2029]))
    + "\u202f\u205f\u3000"
)
"""What a cell loses at both ends: CommonMark's white space (JavaScript's `trim` less
U+FEFF), as markdown-it trims a row and a cell."""
_DELIMITER_ROW = re.compile(r"(?:[|:][-:| \t]|-[-:|])[-:| \t]*")
_DELIMITER_CELL = re.compile(r":?-+:?")
MAX_MISSING_CELLS = 0x10000
"""Cells a table's short rows may leave missing in all before it ends there, as markdown-it
ends it: a header of 256 columns over rows of one cell would spread a page 370 times."""
TOKEN = "pipe_table"
"""The one token a pipe table is (`rule`), with its lines as its map."""


def row_cells(line: str) -> list[str]:
    """A trimmed row's cells, the empty ones its outer pipes make left out."""
    cells = split_row(line)
    if cells and not cells[0]:
        del cells[0]
    if cells and not cells[-1]:
        del cells[-1]
    return cells


def _cell_count(line: str) -> int:
    """`len(row_cells(line))` for a trimmed row that is not empty, without its cells."""
    count = line.count("|") - line.count("\\|") + 1
    if line[0] == "|":
        count -= 1
    if count and line[-1] == "|" and line[-2:] != "\\|":
        count -= 1
    return count


def rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """GFM's table rule, ending where markdown-it ends a table, as one token.

    markdown-it's own rule makes four tokens a cell, a list of children for each once its
    inline rule has run, and keeps them all until the page is read: 62 times the page for a
    table of 100,000 rows. This one finds the same lines and keeps only them (`map`); the
    cells are read from those lines, a row at a time, when the table is made HTML
    (`_pipe_table`). The same tables, cell for cell: see the tests.
    """
    if start + 2 > end:
        return False
    second = start + 1
    if state.sCount[second] < state.blkIndent or state.is_code_block(second):
        return False
    delimiter = state.src[state.bMarks[second] + state.tShift[second] : state.eMarks[second]]
    if not _DELIMITER_ROW.fullmatch(delimiter):
        return False
    parts = delimiter.split("|")
    aligned = 0
    for index, part in enumerate(parts):
        cell = part.strip(TRIMMED)
        if not cell and index in (0, len(parts) - 1):
            continue  # an outer pipe
        if not _DELIMITER_CELL.fullmatch(cell):
            return False
        aligned += 1
    header = _line(state, start).strip(TRIMMED)
    if "|" not in header or state.is_code_block(start):
        return False
    width = len(row_cells(header))
    if not width or width != aligned:
        return False
    if silent:
        return True
    parent, state.parentType = state.parentType, "table"
    terminators = state.md.block.ruler.getRules("blockquote")
    missing = 0
    spans = array("Q", _span(state, start))
    line = start + 2
    while line < end and state.sCount[line] >= state.blkIndent:
        if any(rule(state, line, end, True) for rule in terminators):
            break
        row = _line(state, line).strip(TRIMMED)
        if not row or state.is_code_block(line):
            break
        missing += width - _cell_count(row)
        if missing > MAX_MISSING_CELLS:
            break
        spans.extend(_span(state, line))
        line += 1
    state.parentType = parent
    token = state.push(TOKEN, "table", 0)
    token.map = [start, line]
    token.meta = {"width": width, "spans": spans, "line": start}
    state.line = line
    return True


def _span(state: StateBlock, line: int) -> tuple[int, int]:
    """Where a line of the block being read starts and ends in the page, its indent and
    the markers of the quotes and list items it is in left out."""
    return state.bMarks[line] + state.tShift[line], state.eMarks[line]


def _line(state: StateBlock, line: int) -> str:
    """A line of the block being read, its indent and its containers' markers left out."""
    start, end = _span(state, line)
    return state.src[start:end]


MAX_MARKERS = 200_000
"""Most characters an inline rule may start at (`*`, `_`, `` ` ``, `[`, `]`, `!`, `<`, `&`,
`\\`, `~`) or a line may break at, in all of a page's paragraphs, headings and table rows:
markdown-it keeps a token or more for each, some 250 bytes; a page of them took 300 times
its size. The most a corpus page holds is 2,500."""
_MARKERS = "*_`[]!<&\\~\n"
_COUNTED = "codetables: markers"
"""The key of the running count in the page's markdown-it `env`."""


class TooManyMarkers(Exception):
    """A page past MAX_MARKERS (`count` of them) by the paragraph or row at `line`."""

    def __init__(self, count: int, line: int) -> None:
        super().__init__(count, line)
        self.count = count
        self.line = line


def count_markers(
    env: MutableMapping[str, Any], text: str, line: int, *, row: bool = False
) -> None:
    """Adds `text`'s markers (first written at `line`) to the page's count in `env`;
    TooManyMarkers past MAX_MARKERS. A table `row`'s backslashes before a pipe are the
    splitter's, and reach no inline rule."""
    count = _markers(text, row)
    total = int(env.get(_COUNTED, 0)) + count
    env[_COUNTED] = total
    if total > MAX_MARKERS:
        index, counted = _passing(text, total - count, row)
        raise TooManyMarkers(counted, line + index)


def _markers(text: str, row: bool) -> int:
    return sum(map(text.count, _MARKERS)) - (text.count("\\|") if row else 0)


def _passing(text: str, counted: int, row: bool) -> tuple[int, int]:
    """The line of `text` (from 0) whose markers take the page's count, `counted` before
    it, past MAX_MARKERS, and the count there: where a paragraph of many lines goes past
    the bound, not where it starts (found by review)."""
    lines = text.split("\n")
    for index, written in enumerate(lines):
        counted += _markers(written, row) + (index > 0)  # (the line break before it)
        if counted > MAX_MARKERS:
            return index, counted
    return len(lines) - 1, counted


def _bound_inline(state: StateCore) -> None:
    """A core rule before `inline`: the page's paragraphs and headings within MAX_MARKERS."""
    for token in state.tokens:
        if token.type == "inline":
            count_markers(state.env, token.content, (token.map[0] if token.map else 0) + 1)


def install(md: MarkdownIt) -> None:
    """Reads a MarkdownIt instance's pipe tables with `rule` rather than its own rule."""
    md.block.ruler.at("table", rule, {"alt": ["paragraph", "reference"]})
    md.core.ruler.before("inline", "codetables_markers", _bound_inline)


Core = Callable[[StateCore], None]


@functools.cache
def core_rules(md: MarkdownIt) -> tuple[list[Core], list[Core]]:
    """`md`'s enabled core rules, split where `inline` starts: those that read a page's
    blocks (`markdown.read` runs them alone), and those that read inline markup (`inline`,
    `text_join`: what markdown-it does to a cell once its row is counted, or to a heading
    that may name the page). Taken once, when first asked: a rule enabled or disabled on
    `md` later is not seen (clear the cache)."""
    rules = [core for core in md.core.ruler.__rules__ if core.enabled]
    split = [core.name for core in rules].index("inline")
    return [core.fn for core in rules[:split]], [core.fn for core in rules[split:]]


def html(md: MarkdownIt, source: str, meta: dict[str, Any], env: dict[str, Any]) -> list[str]:
    """A pipe table (its token's `meta`) as HTML, a line for each of its lines, each row on
    its source row's line: a row has the header's width, its missing cells empty, the cells
    past it left out. `source` is the text `md` parsed, `env` what it parsed it with (the
    page's link references)."""
    table = [_head(md, source, meta, env), ""]
    table.extend(
        "<tr>" + "".join(f"<td>{_one_line(md, cell, env)}</td>" for cell in cells) + "</tr>"
        for _, cells in Body(md, source, meta, env).rows(counted=False)
    )
    table[-1] += "</tbody></table>"
    return table


def head(md: MarkdownIt, source: str, meta: dict[str, Any], env: dict[str, Any]) -> list[str]:
    """`html` of the table's header alone, its body rows' lines left blank: the table a page
    tree holds when `Body.rows` gives its rows (`treeless`). Their markup is counted now, as
    `html` counts it, so a page past MAX_MARKERS stops at the same row."""
    table = [_head(md, source, meta, env), ""]
    body = Body(md, source, meta, env)
    table.extend("" for _ in body.lines(counted=False))
    table[-1] += "</tbody></table>"
    return table


def treeless(source: str, meta: dict[str, Any]) -> bool:
    """Whether a table's body rows may be read without a page tree (`head`, `Body`): no `<`
    in any of its lines, so every tag in its HTML is one Markdown makes, closed in its cell,
    and the table ends where its last row does, whatever the page around it holds."""
    spans: array[int] = meta["spans"]
    return len(spans) > 2 and source.find("<", spans[0], spans[-1]) < 0


def _head(md: MarkdownIt, source: str, meta: dict[str, Any], env: dict[str, Any]) -> str:
    spans: array[int] = meta["spans"]
    header = row_cells(source[spans[0] : spans[1]].strip(TRIMMED))
    count_markers(env, source[spans[0] : spans[1]], meta["line"] + 1, row=True)
    return (
        "<table><thead><tr>"
        + "".join(f"<th>{_one_line(md, cell.strip(TRIMMED), env)}</th>" for cell in header)
        + "</tr></thead><tbody>"
    )


def _one_line(md: MarkdownIt, cell: str, env: dict[str, Any]) -> str:
    """A cell's HTML on one line: a line break its entities made (`&#10;` in text, in a
    link's title) written back as a reference, which reads as the same character. Raw, it
    put every line of the page below it one line down in the tree, and its rows' lines,
    and the tables read by line (`markdown.Page.bodies`), with them."""
    return cell_html(md, cell, env).replace("\n", "&#10;")


class Body:
    """A pipe table's body rows, read from the page's text a row at a time."""

    __slots__ = ("env", "md", "meta", "source")

    def __init__(
        self, md: MarkdownIt, source: str, meta: dict[str, Any], env: dict[str, Any]
    ) -> None:
        self.md = md
        self.source = source
        self.meta = meta
        self.env = env

    @property
    def width(self) -> int:
        """The header's cell count, every row's width."""
        width: int = self.meta["width"]
        return width

    def lines(self, *, counted: bool = True) -> Iterator[tuple[int, str]]:
        """Each body row's source line (from 1) and text; its markup counted into the page's
        total unless it was already (`counted`)."""
        spans: array[int] = self.meta["spans"]
        first: int = self.meta["line"]
        for index in range(2, len(spans), 2):
            row = self.source[spans[index] : spans[index + 1]]
            line = first + index // 2 + 2
            if not counted:
                count_markers(self.env, row, line, row=True)
            yield line, row

    def rows(self, *, counted: bool = True) -> Iterator[tuple[int, list[str]]]:
        """Each body row's source line and cells, trimmed, as many as the header has: the
        missing ones empty, the ones past it left out (`counted`: as `lines`)."""
        width = self.width
        for line, row in self.lines(counted=counted):
            cells = [cell.strip(TRIMMED) for cell in row_cells(row.strip(TRIMMED))[:width]]
            cells += [""] * (width - len(cells))
            yield line, cells

    def is_plain(self, cell: str) -> bool:
        """Whether a trimmed cell's HTML is its text (`cell_html`)."""
        return plain(self.md, cell)


_PLAIN_CELL = re.compile(r'[^\n!#$%&*+\-:<=>@\[\\\]^_`{}~"]*')
"""A cell in which no inline rule of CommonMark's can start (markdown-it's text rule stops
at these characters and no other) and with nothing to escape (`"` is HTML's): its HTML is
its text. A markdown-it that stops at more characters is asked too."""


def plain(md: MarkdownIt, cell: str) -> bool:
    """Whether a trimmed cell's HTML is its text: no inline rule of `md` starts in it and
    nothing in it is escaped."""
    stops: re.Pattern[str] | None = getattr(md.inline, "terminator_re", None)
    return bool(_PLAIN_CELL.fullmatch(cell)) and (stops is None or not stops.search(cell))


def cell_html(md: MarkdownIt, cell: str, env: dict[str, object]) -> str:
    """A cell's inline Markdown as HTML, as markdown-it renders a table's cell."""
    if plain(md, cell):
        return cell
    return inline_html(md, cell, env)


def inline_html(md: MarkdownIt, content: str, env: dict[str, object]) -> str:
    """Inline Markdown (a cell's, a heading's) as HTML, as markdown-it renders it in a
    page: read with the page's `env` (its link references)."""
    content = text.uncrowded(content)
    inline = Token("inline", "", 0, content=content, children=[])
    state = StateCore(content, md, env, [inline])
    for core in core_rules(md)[1]:
        core(state)
    return str(md.renderer.render(inline.children or [], md.options, {}))
