"""An HTML `<table>` element → a rectangular grid of cells, by position.

rowspan and colspan are expanded by repeating the cell in every slot it covers. The `headers=`
attributes of real pages are often wrong, so only grid position counts. `th` inside `tbody` is a
row header, an ordinary cell here. Header rows are the `thead` rows, else the first row.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from bs4 import Tag

from . import text
from .model import Cell

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


class TooLarge(ValueError):
    """A table expands to more than MAX_CELLS cells, or its spans repeat the cells written
    more than SPREAD allows (`written` is then their number); `line` is where it starts."""

    def __init__(self, line: int, written: int | None = None) -> None:
        super().__init__(line)
        self.line = line
        self.written = written


_SPAN = re.compile(r"\s*\+?([0-9]+)")
EMPTY = Cell(text="", paragraphs=())
_ROW = frozenset({"tr"})
_CELLS = frozenset({"td", "th"})


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


def tables(root: Tag) -> Iterator[Tag]:
    """Every table of the page that is not itself inside a table cell, in page order."""
    for table in root.find_all("table"):
        if _nearest(table, _CELLS) is None:
            yield table


def too_deep(table: Tag, limit: int) -> int | None:
    """Source line of the first element nested more than `limit` deep in `table`, if any."""
    stack: list[tuple[Tag, int]] = [(table, 0)]
    while stack:
        element, depth = stack.pop()
        if depth > limit:
            return element.sourceline or table.sourceline or 1
        stack.extend((child, depth + 1) for child in element.contents if isinstance(child, Tag))
    return None


def read(table: Tag) -> Grid | None:
    """The table's grid, or None when it has no row at all."""
    rows = list(_owned(table, _ROW, "table"))
    if not rows:
        return None
    in_head = [row.find_parent("thead") is not None for row in rows]
    header_count = sum(in_head) if any(in_head) and in_head[0] else 1
    placed = _place(rows, table.sourceline or 1)
    width = max(len(cells) for cells, _, _ in placed)
    if width * len(rows) > MAX_CELLS:
        raise TooLarge(table.sourceline or 1)
    grid_rows = tuple(
        GridRow(
            line=row.sourceline or 1,
            cells=tuple(cells) + (EMPTY,) * (width - len(cells)),
            written=written,
            from_above=from_above,
        )
        for row, (cells, written, from_above) in zip(rows, placed, strict=True)
    )
    return Grid(
        line=table.sourceline or 1,
        header=grid_rows[:header_count],
        body=grid_rows[header_count:],
        width=width,
    )


def _owned(root: Tag, names: frozenset[str], owner: str) -> Iterator[Tag]:
    """Descendants named in `names` whose nearest `owner` is `root`, in document order.

    A walk that does not enter a nested `owner` (a table in a cell, for rows; a row, for
    cells), so it sees each element once, however broken the nesting.
    """
    stack = [child for child in reversed(root.contents) if isinstance(child, Tag)]
    while stack:
        element = stack.pop()
        if element.name in names:
            yield element
        if element.name != owner:
            stack.extend(child for child in reversed(element.contents) if isinstance(child, Tag))


def _nearest(element: Tag, names: frozenset[str]) -> Tag | None:
    """The closest ancestor whose name is in `names`."""
    parent = element.parent
    while parent is not None and parent.name not in names:
        parent = parent.parent
    return parent


def _place(rows: list[Tag], line: int) -> list[tuple[list[Cell], int, bool]]:
    """Each row's cells by column with spans from rows above, the count it filled, and
    whether a span from above reached it; TooLarge past MAX_CELLS."""
    pending: dict[int, tuple[int, Cell]] = {}
    out: list[tuple[list[Cell], int, bool]] = []
    total = written_cells = 0
    for index, row in enumerate(rows):
        slots: dict[int, Cell] = {}
        for column, (left, cell) in list(pending.items()):
            slots[column] = cell
            if left <= 1:
                del pending[column]
            else:
                pending[column] = (left - 1, cell)
        from_above = bool(slots)
        column = 0
        for element in _owned(row, _CELLS, "tr"):
            while column in slots:
                column += 1
            written_cells += 1
            paragraphs = text.paragraphs(element)
            cell = Cell(text=text.join(paragraphs), paragraphs=paragraphs)
            colspan = min(span(element.get("colspan")), MAX_COLSPAN)
            rowspan = min(span(element.get("rowspan")), MAX_ROWSPAN, len(rows) - index)
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
        out.append(([slots.get(i, EMPTY) for i in range(width)], len(slots), from_above))
    return out


def span(value: object) -> int:
    """A span attribute as a count: its leading digits (`2;` → 2); 1 when absent, 0 or junk."""
    match = _SPAN.match(value) if isinstance(value, str) else None
    return max(int(match.group(1)), 1) if match else 1
