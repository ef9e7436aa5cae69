"""The typed model: the contract between the parser and the templates.

Frozen dataclasses holding tuples, so a parsed document is a value. Provenance (source path,
line numbers) is kept for messages but excluded from equality, so two versions of a page
compare by meaning. Each class pickles as itself and its fields in order (`__reduce__`), a
table its rows as columns of plain values: worker processes hand documents back that way,
several times as fast as with the dataclasses' own state methods.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Role(StrEnum):
    """What a column means, whatever its header says."""

    STATUS = "status"
    PHRASE = "phrase"
    ERROR_CODE = "error_code"
    CODE = "code"
    """A code that is neither an HTTP status nor a service's error code (gRPC's `1`)."""
    NAME = "name"
    """The symbolic name of a numeric code (gRPC's `CANCELLED` for `1`)."""
    MESSAGE = "message"
    DESCRIPTION = "description"
    REMEDY = "remedy"
    CAUSE = "cause"
    MODULE = "module"


class Kind(StrEnum):
    """What a code table lists."""

    HTTP_STATUS = "http-status"
    ERROR_CODE = "error-code"
    RESULT_CODE = "result-code"
    """Codes a call returns that are not HTTP statuses: gRPC statuses, SDK return codes."""


@dataclass(frozen=True, slots=True)
class Cell:
    """One table cell: its paragraphs as the reader sees them, and their joined text."""

    text: str
    paragraphs: tuple[str, ...]

    def __reduce__(self) -> tuple[type[Cell], tuple[str, tuple[str, ...]]]:
        return Cell, (self.text, self.paragraphs)


@dataclass(frozen=True, slots=True)
class Column:
    """A column: a stable key for data formats, the document's header, its role if known."""

    key: str
    header: str
    role: Role | None

    def __reduce__(self) -> tuple[type[Column], tuple[str, str, Role | None]]:
        return Column, (self.key, self.header, self.role)


@dataclass(frozen=True, slots=True)
class Row:
    """One table row, its cells aligned with the table's columns.

    `status` is the integer HTTP status the row's status cell states unambiguously (`404`,
    `404 Not Found`), None otherwise (`404/500`, `2xx`, `NA`); the cell keeps its text.
    """

    cells: tuple[Cell, ...]
    status: int | None
    line: int = field(default=0, compare=False)

    def __reduce__(self) -> tuple[type[Row], tuple[tuple[Cell, ...], int | None, int]]:
        return Row, (self.cells, self.status, self.line)


@dataclass(frozen=True, slots=True)
class Table:
    """One code table of a page."""

    kind: Kind
    title: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    line: int = field(default=0, compare=False)
    position: int = field(default=0, compare=False)
    """Index of the table among all tables of the page, code tables or not."""

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        """The rows as columns of plain values (`_table` builds them again): a third of the
        time to pickle of a row and a cell object each."""
        rows = self.rows
        cells = [cell for row in rows for cell in row.cells]
        return _table, (
            self.kind,
            self.title,
            self.columns,
            self.line,
            self.position,
            [cell.text for cell in cells],
            [cell.paragraphs for cell in cells],
            [len(row.cells) for row in rows],
            [row.status for row in rows],
            [row.line for row in rows],
        )

    def column(self, role: Role) -> int | None:
        """Index of the first column with this role, if any."""
        for index, column in enumerate(self.columns):
            if column.role is role:
                return index
        return None

    def text(self, row: Row, role: Role) -> str:
        """The text of a row's cell in the column with this role ('' if there is none)."""
        index = self.column(role)
        return "" if index is None else row.cells[index].text


def _table(
    kind: Kind,
    title: str,
    columns: tuple[Column, ...],
    line: int,
    position: int,
    texts: list[str],
    paragraphs: list[tuple[str, ...]],
    widths: list[int],
    statuses: list[int | None],
    lines: list[int],
) -> Table:
    """A pickled `Table` read back (`Table.__reduce__`)."""
    cells = list(map(Cell, texts, paragraphs))
    rows = []
    start = 0
    for width, status, row_line in zip(widths, statuses, lines, strict=True):
        end = start + width
        rows.append(Row(tuple(cells[start:end]), status, row_line))
        start = end
    return Table(kind, title, columns, tuple(rows), line, position)


@dataclass(frozen=True, slots=True)
class Notice:
    """Something worth telling about a page that does not stop it from being used."""

    line: int
    message: str

    def __reduce__(self) -> tuple[type[Notice], tuple[int, str]]:
        return Notice, (self.line, self.message)


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed source page: its title, its anchor id and its code tables in page order.

    `warnings` are oddities kept as written (a short row, a repeated row); `skipped` names the
    tables that are not code tables (parameter lists, examples), for `-v`.
    """

    title: str
    id: str
    tables: tuple[Table, ...]
    path: str = field(default="", compare=False)
    warnings: tuple[Notice, ...] = field(default=(), compare=False)
    skipped: tuple[Notice, ...] = field(default=(), compare=False)

    def __reduce__(self) -> tuple[type[Document], tuple[object, ...]]:
        fields = (self.title, self.id, self.tables, self.path, self.warnings, self.skipped)
        return Document, fields
