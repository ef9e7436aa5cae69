"""An HTML `<table>` element → a rectangular grid of cells, by position.

rowspan and colspan are expanded by repeating the cell in every slot it covers. The `headers=`
attributes of real pages are often wrong, so only grid position counts. `th` inside `tbody` is a
row header, an ordinary cell here. Header rows are the `thead` rows, else the first row.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from . import text
from .model import Cell

E = TypeVar("E")

MAX_COLSPAN = 1000
"""Largest colspan honoured (the HTML limit); larger values are clamped."""
MAX_ROWSPAN = 65534
"""Largest rowspan honoured (the HTML limit); a span never reaches past the table's end."""
MAX_CELLS = 1_000_000
"""Most cells one table may expand to (rows times columns, spans included): a hundred times the
largest real table; a small page of wide colspans must not take minutes and gigabytes."""


SPREAD = 20
SPREAD_ALLOWANCE = 100_000
"""A table's spans may fill at most SPREAD slots per cell written, beyond SPREAD_ALLOWANCE
slots: 999 cells of colspan 998 would fill a million slots (92 MB of JSON from a 58 KB
page), while real tables fill about one slot per cell written."""


SPREAD_TEXT_ALLOWANCE = 1_000_000
"""Likewise for text: a page's spans may repeat at most SPREAD characters per character
its cells write, beyond SPREAD_TEXT_ALLOWANCE: a cell of 100,000 characters spanning 500 rows made
200 MB of artifacts from a page of 111 KB (found by review), within the slots' bound."""


class TooLarge(ValueError):
    """A table expands to more than MAX_CELLS cells, or its spans repeat the cells written
    more than SPREAD allows (`written` is then their number; `text`: their characters, the
    text repeated past SPREAD); `line` is where it starts."""

    def __init__(self, line: int, written: int | None = None, text: bool = False) -> None:
        super().__init__(line)
        self.line = line
        self.written = written
        self.text = text


_SPAN = re.compile(r"\s*\+?0*+([0-9]+)")
EMPTY = Cell(text="", paragraphs=())
_ROW = frozenset({"tr"})
_CELLS = frozenset({"td", "th"})
_HEAD = frozenset({"thead"})
_TABLE = frozenset({"table"})
NOT_SHOWN = frozenset(
    {"textarea", "xmp", "template", "plaintext", "title", "noembed", "noframes", "iframe"}
)
"""Elements whose content a browser shows as text, or not at all: a `<table>` in them is no
table (the reference reader parses it as markup all the same)."""


@dataclass(frozen=True)
class GridRow:
    """One row of the grid: its source line, its cells, how many the source row really had."""

    line: int
    cells: tuple[Cell, ...]
    written: int
    """Slots filled by the row's own cells or by spans from above; the rest is padding."""
    from_above: bool
    """Whether a rowspan from an earlier row fills any of its slots."""

    def aligned_right(self, width: int) -> tuple[Cell, ...]:
        """A short row's own cells placed against the last column instead of the first."""
        missing = width - self.written
        return (EMPTY,) * missing + self.cells[: self.written]


@dataclass(frozen=True)
class Grid:
    """A table read by position: header rows and body rows, all of one width."""

    line: int
    header: tuple[GridRow, ...]
    body: tuple[GridRow, ...]
    width: int
    titles: tuple[GridRow, ...] = ()
    """Rows above the header that are one cell across the table (`<th colspan="5">Error
    Codes</th>`): a title, not a header of every column."""
    unsure: bool = False
    """Whether the header rows may be rows like the body's: the row below a title (not a
    row of `thead`, which is the header), or the first of rows that each open with header
    cells (`<th>200 - OK</th><td>…</td>`), or a first row of data cells only, outside any
    `thead` (a table written without a header row, or one that heads its columns with
    `<td>`). The reader keeps them as the header only when they read as one (`parse`)."""
    sideways: bool = False
    """Whether every row is one header cell then data cells (`<tr><th>状态码</th><td>ok</td>
    <td>invalid key</td>…`), no span: the table may head its rows, its records being
    its columns (QWeather's), which the reader tries when the columns say nothing."""


class Tree(Protocol[E]):
    """How the grid reads one kind of element tree: BeautifulSoup's (the reference) or
    lxml's (the fast tree), so both take one path from table to grid."""

    def children(self, element: E) -> Sequence[E]:
        """The element children, in order."""

    def name(self, element: E) -> str:
        """The element's lower-case name."""

    def parent(self, element: E) -> E | None:
        """The parent element; None at the top."""

    def previous(self, element: E) -> E | None:
        """The element just before it under the same parent (text and comments passed by);
        None for a first child."""

    def line(self, element: E) -> int:
        """The source line of the element (the fast tree knows it for `table` and `tr`)."""

    def attribute(self, element: E, key: str) -> str | None:
        """An attribute's value, if the element has it."""

    def descendants(self, root: E, name: str | tuple[str, ...] | None) -> Iterator[E]:
        """Every element named `name` (any of several; None: every element) below `root`,
        in page order."""

    def text(self, element: E) -> str:
        """All the text inside the element, as written."""

    def paragraphs(self, element: E) -> tuple[str, ...]:
        """The element's visible text as paragraphs (`soup.paragraphs`)."""

    def owned(self, root: E, names: frozenset[str], owner: str) -> list[E]:
        """Descendants named in `names` whose nearest `owner` is `root` (`walk`)."""

    def spanless(self, table: E) -> bool:
        """Whether no element below `table` has a `colspan` or `rowspan` attribute, so that
        every row is placed left to right (False when not known cheaply)."""


def tables(root: E, tree: Tree[E]) -> Iterator[E]:
    """Every table of the page that is not itself inside a table cell, nor inside an element
    whose content a browser never shows as markup, in page order."""
    for table in tree.descendants(root, "table"):
        if _nearest(table, _CELLS | NOT_SHOWN, tree) is None:
            yield table


def nested(table: E, tree: Tree[E]) -> Iterator[E]:
    """The tables in `table`'s cells, not those nested deeper, nor those inside an element
    whose content a browser never shows as markup, in page order: where a page is laid out
    in a table (old HTML), its tables of codes."""
    within = _TABLE | NOT_SHOWN
    for inner in tree.descendants(table, "table"):
        if inner is not table and _nearest(inner, within, tree) is table:
            yield inner


def too_deep(table: E, limit: int, tree: Tree[E]) -> int | None:
    """Source line of the first element nested more than `limit` deep in `table`, if any."""
    stack: list[tuple[E, int]] = [(table, 0)]
    while stack:
        element, depth = stack.pop()
        if depth > limit:
            return tree.line(element)
        stack.extend((child, depth + 1) for child in tree.children(element))
    return None


def read(table: E, tree: Tree[E], spent: Spent | None = None) -> Grid | None:
    """The table's grid, or None when it has no row at all."""
    rows = tree.owned(table, _ROW, "table")
    if not rows:
        return None
    if (
        _nearest(table, _HEAD, tree) is None
        and next(tree.descendants(table, "thead"), None) is None
    ):
        in_head = [False] * len(rows)  # most tables: no row can be in a head
    else:
        in_head = _in_head(rows, tree)
    header_count = sum(in_head) if any(in_head) and in_head[0] else _headed(rows, tree)
    row_headed = not any(in_head) and _headed_by_rows(rows, tree)
    celled = not any(in_head) and "th" not in map(tree.name, tree.owned(rows[0], _CELLS, "tr"))
    line = tree.line(table)
    if tree.spanless(table):
        placed = _in_order(rows, line, tree)
    else:
        placed = _place(rows, line, tree, Spent() if spent is None else spent)
    width = max(len(cells) for cells, _, _ in placed)
    if width * len(rows) > MAX_CELLS:
        raise TooLarge(line)
    grid_rows = tuple(
        GridRow(
            line=tree.line(row),
            cells=tuple(cells) + (EMPTY,) * (width - len(cells)),
            written=written,
            from_above=from_above,
        )
        for row, (cells, written, from_above) in zip(rows, placed, strict=True)
    )
    if not any(in_head):  # a header cell spanning down makes the row it reaches a header's
        while header_count < len(grid_rows) - 1 and grid_rows[header_count].from_above:
            header_count += 1  # (Word's `<td rowspan="2"><b>Name</b></td>` over `Decimal`)
    titles = _titles(grid_rows, header_count, width)
    ends = max(header_count, titles + 1)
    return Grid(
        line=line,
        header=grid_rows[titles:ends],
        body=grid_rows[ends:],
        width=width,
        titles=grid_rows[:titles],
        unsure=row_headed or celled or header_count <= titles,
        sideways=row_headed and _sideways(rows, grid_rows, width, tree),
    )


def _sideways(rows: list[E], placed: tuple[GridRow, ...], width: int, tree: Tree[E]) -> bool:
    """Whether every row is one header cell then data cells, each filling its own slots
    (`Grid.sideways`)."""
    if width < 3:
        return False
    for element, row in zip(rows, placed, strict=True):
        names = [tree.name(cell) for cell in tree.owned(element, _CELLS, "tr")]
        if row.from_above or row.written != width or len(names) != width:
            return False
        if names[0] != "th" or "th" in names[1:]:
            return False
    return True


def _headed(rows: list[E], tree: Tree[E]) -> int:
    """How many rows head a table without `thead`: a first row of header cells that groups
    columns (a cell spanning several: MQTT's `<th colspan="2">Reason Code</th>` over
    `<th>Decimal</th><th>Hex</th>`) heads them with the rows of several header cells below
    it, when a row of data cells follows; else the first row heads the table (a group's
    heading of one cell below it, `<th colspan="2">Name resolution</th>`, is a row)."""
    first = tree.owned(rows[0], _CELLS, "tr")
    if not first or any(tree.name(cell) != "th" for cell in first):
        return 1
    if not any(_spans(cell, tree) for cell in first):
        return 1
    for count, row in enumerate(rows[1:], start=1):
        names = [tree.name(cell) for cell in tree.owned(row, _CELLS, "tr")]
        if "td" in names:
            return count
        if len(names) < 2:
            return 1  # (no header level below: a heading, or nothing)
    return 1  # header cells only, all the way down: the first row heads the others


def _spans(cell: E, tree: Tree[E]) -> bool:
    """Whether a cell spans several columns or rows."""
    return any(
        (value := tree.attribute(cell, key)) is not None and span(value) > 1
        for key in ("colspan", "rowspan")
    )


def _headed_by_rows(rows: list[E], tree: Tree[E]) -> bool:
    """Whether a table without a head may head its rows rather than its columns: its first
    two rows open with the same header cells (`th`) followed by data cells (`td`), as
    Stripe's `<th>200 - OK</th><td>Everything worked as expected.</td>` rows do, and as a
    header row written `<th>Code</th><td>Meaning</td>` does too (`Grid.unsure`)."""
    if len(rows) < 2:
        return False
    first, second = (
        [tree.name(cell) for cell in tree.owned(row, _CELLS, "tr")] for row in rows[:2]
    )
    return first == second and first[:1] == ["th"] and "td" in first


def _titles(rows: tuple[GridRow, ...], header_count: int, width: int) -> int:
    """How many of the leading header rows are titles: one cell, written once and spanning
    every column or standing alone, with a row below (PostgreSQL's navigation bar, a
    table titled in its first row). The row after them may head the columns
    (`Grid.unsure`)."""
    count = 0
    while count < header_count and count + 1 < len(rows) and width > 1:
        row = rows[count]
        first = row.cells[0]
        if row.from_above or not first.text:
            break
        if not all(cell is first for cell in row.cells[: row.written]):
            break
        if row.written not in (1, width):
            break
        count += 1
    return count


def with_body(grid: Grid, rows: Iterable[GridRow]) -> Grid:
    """A grid whose body rows come from elsewhere than its tree (a pipe table's text, each
    row as wide as the header); TooLarge past MAX_CELLS, as `read` counts them."""
    limit = MAX_CELLS // max(grid.width, 1) - len(grid.header)
    body: list[GridRow] = []
    for row in rows:
        if len(body) >= limit:
            raise TooLarge(grid.line)
        body.append(row)
    return Grid(line=grid.line, header=grid.header, body=(*grid.body, *body), width=grid.width)


def walk(root: E, names: frozenset[str], owner: str, tree: Tree[E]) -> Iterator[E]:
    """Descendants named in `names` whose nearest `owner` is `root`, in document order.

    A walk that does not enter a nested `owner` (a table in a cell, for rows; a row, for
    cells), so it sees each element once, however broken the nesting.
    """
    stack = list(reversed(tree.children(root)))
    while stack:
        element = stack.pop()
        name = tree.name(element)
        if name in names:
            yield element
        if name != owner:
            stack.extend(reversed(tree.children(element)))


def _in_head(rows: list[E], tree: Tree[E]) -> list[bool]:
    """Whether each row has a `thead` among its ancestors, each parent asked once: the rows
    of a table share a few (its body, its head), and the walk up from each went to the
    top of the page."""
    found: dict[int, bool] = {}
    parents: list[E] = []  # held, so that no id is reused while the rows are read
    out = []
    for row in rows:
        parent = tree.parent(row)
        if parent is None:
            out.append(False)
            continue
        key = id(parent)
        if key not in found:
            parents.append(parent)
            found[key] = tree.name(parent) in _HEAD or _nearest(parent, _HEAD, tree) is not None
        out.append(found[key])
    return out


def _nearest(element: E, names: frozenset[str], tree: Tree[E]) -> E | None:
    """The closest ancestor whose name is in `names`."""
    parent = tree.parent(element)
    while parent is not None and tree.name(parent) not in names:
        parent = tree.parent(parent)
    return parent


def _in_order(rows: list[E], line: int, tree: Tree[E]) -> list[tuple[list[Cell], int, bool]]:
    """`_place` for a table without spans: each row's cells left to right, as `_place`
    puts them (most tables of generated pages; no slot map to build)."""
    out: list[tuple[list[Cell], int, bool]] = []
    total = 0
    owned, paragraphs_of, joined = tree.owned, tree.paragraphs, text.join
    for row in rows:
        cells = [
            Cell(found[0] if len(found) == 1 else joined(found), found)
            for found in map(paragraphs_of, owned(row, _CELLS, "tr"))
        ]
        total += len(cells)
        if total > MAX_CELLS:
            raise TooLarge(line)
        out.append((cells, len(cells), False))
    return out


class Spent:
    """The text a page's spans repeat, and the text its cells write, over all its tables
    (`read`'s `spent`): the bound on repeated text is the page's, so splitting a page into
    tables gets no allowance more (found by review: 40 tables, 155 MB)."""

    def __init__(self) -> None:
        self.repeated = 0
        self.written = 0


def _place(
    rows: list[E], line: int, tree: Tree[E], spent: Spent
) -> list[tuple[list[Cell], int, bool]]:
    """Each row's cells by column with spans from rows above, the count it filled, and
    whether a span from above reached it; TooLarge past MAX_CELLS."""
    pending: dict[int, tuple[int, Cell]] = {}
    out: list[tuple[list[Cell], int, bool]] = []
    total = written_cells = 0
    owned, paragraphs_of, attribute = tree.owned, tree.paragraphs, tree.attribute
    joined = text.join
    for index, row in enumerate(rows):
        slots: dict[int, Cell] = {}
        for column, (left, cell) in list(pending.items()) if pending else ():
            slots[column] = cell
            if left <= 1:
                del pending[column]
            else:
                pending[column] = (left - 1, cell)
        from_above = bool(slots)
        column = 0
        for element in owned(row, _CELLS, "tr"):
            while column in slots:
                column += 1
            written_cells += 1
            paragraphs = paragraphs_of(element)
            cell = Cell(joined(paragraphs), paragraphs)
            across = attribute(element, "colspan")  # most cells have neither
            down = attribute(element, "rowspan")
            colspan = 1 if across is None else min(span(across), MAX_COLSPAN)
            rowspan = 1 if down is None else min(span(down), MAX_ROWSPAN, len(rows) - index)
            if colspan > 1 or rowspan > 1:  # (the text a span repeats, counted in its slots)
                spent.repeated += len(cell.text) * (colspan * rowspan - 1)
            spent.written += len(cell.text)
            for offset in range(colspan):
                slots[column + offset] = cell
                if rowspan > 1:
                    pending[column + offset] = (rowspan - 1, cell)
            column += colspan
        width = max(slots, default=-1) + 1
        total += width
        if total > MAX_CELLS:
            raise TooLarge(line)
        if total > SPREAD * written_cells + SPREAD_ALLOWANCE:
            raise TooLarge(line, written_cells)
        if spent.repeated > SPREAD * spent.written + SPREAD_TEXT_ALLOWANCE:
            raise TooLarge(line, spent.written, text=True)
        if not from_above and len(slots) == width:  # filled left to right, no gap
            placed = list(slots.values())
        else:
            placed = [slots.get(i, EMPTY) for i in range(width)]
        out.append((placed, len(slots), from_above))
    return out


def span(value: object) -> int:
    """A span attribute as a count: its leading digits (`2;` → 2); 1 when absent, 0 or junk."""
    match = _SPAN.match(value) if isinstance(value, str) else None
    if match is None:
        return 1
    digits = match.group(1)  # past nine digits, more than any bound (and `int` refuses 4,301)
    return max(int(digits), 1) if len(digits) <= 9 else 10**9
