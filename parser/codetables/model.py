"""The typed model: the contract between the parser and the templates.

Frozen dataclasses holding tuples, so a parsed document is a value. Provenance (source path,
line numbers) is kept for messages but excluded from equality, so two versions of a page
compare by meaning. Each class pickles as itself and its fields in order (`__reduce__`), a
table its rows as columns of plain values: worker processes hand documents back that way,
several times as fast as with the dataclasses' own state methods.
"""

from __future__ import annotations

import pickle
from collections.abc import Mapping
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


class Page:
    """A parsed page as a run holds it: what the run asks of every page (its `title`, `path`
    and notices, its tables and rows per kind) and its `document`, which a worker process
    hands back pickled and which is read back only when something asks for it (an index
    template of the user's, `check` saying why an artifact differs). Reading back every
    page's rows took the run 0.14 s of the corpus, on a CPU its workers need. The commands'
    holder, not part of the public model, and no frozen dataclass: it reads its model back
    once, in place."""

    __slots__ = (
        "_crosses",
        "_document",
        "_pickled",
        "codes",
        "counts",
        "path",
        "skipped",
        "title",
        "warnings",
    )

    def __init__(
        self,
        document: Document,
        *,
        crosses: bool = True,
        listed: Mapping[Kind, int] | None = None,
    ) -> None:
        self.title = document.title
        self.path = document.path
        self.warnings = document.warnings
        self.skipped = document.skipped
        self.counts = _counts(document.tables)
        """(kind, tables, rows) per kind present, in `Kind` order."""
        self.codes = tuple(
            (kind, tables, rows if listed is None else listed.get(Kind(kind), 0))
            for kind, tables, rows in self.counts
        )
        """(kind, tables, codes) per kind present: the codes the page lists, as its
        enums' members (`render.write` says; without it, its rows), for the index."""
        self._document: Document | None = document
        self._pickled = b""
        self._crosses = crosses
        """Whether the model goes with the page when it is pickled: not when nothing will
        ask for it (a `generate` with the built-in index template), so that the worker
        does not pickle it (45 ms of the workers' time over the corpus)."""

    @property
    def document(self) -> Document:
        """The page's model, read back the first time it is asked for (`load`)."""
        return self.load()

    def load(self) -> Document:
        """The page's model, read back now if it was not yet."""
        if self._document is None:
            if not self._crosses:
                raise LookupError(f"{self.path}: the page's model was left in the worker")
            self._document = pickle.loads(self._pickled)
            self._pickled = b""
        return self._document

    @property
    def tables(self) -> int:
        return sum(tables for _, tables, _ in self.counts)

    @property
    def rows(self) -> int:
        return sum(rows for _, _, rows in self.counts)

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        document = pickle.dumps(self.document, pickle.HIGHEST_PROTOCOL) if self._crosses else b""
        fields = (self.title, self.path, self.warnings, self.skipped, self.counts, document)
        return _page, (*fields, self._crosses, self.codes)


def _counts(tables: tuple[Table, ...]) -> tuple[tuple[str, int, int], ...]:
    found = []
    for kind in Kind:
        of_kind = [table for table in tables if table.kind is kind]
        if of_kind:
            found.append((kind.value, len(of_kind), sum(len(table.rows) for table in of_kind)))
    return tuple(found)


def _page(
    title: str,
    path: str,
    warnings: tuple[Notice, ...],
    skipped: tuple[Notice, ...],
    counts: tuple[tuple[str, int, int], ...],
    document: bytes,
    crosses: bool = True,
    codes: tuple[tuple[str, int, int], ...] | None = None,
) -> Page:
    """A pickled `Page` read back (`Page.__reduce__`), its document still pickled."""
    page = Page.__new__(Page)
    page.title, page.path, page.warnings, page.skipped = title, path, warnings, skipped
    page.counts = counts
    page.codes = counts if codes is None else codes
    page._document, page._pickled, page._crosses = None, document, crosses
    return page
