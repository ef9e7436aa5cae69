"""Source page (Markdown with embedded HTML) → Document.

Pure: takes text, returns the model, never touches files. `markdown.read` turns the page into
lines of HTML (fenced code blanked, pipe tables rendered on their own lines); BeautifulSoup then
reads every table, raw HTML or rendered pipe table alike, so both dialects take one extraction
path; this module decides which tables are code tables and what their columns mean.

Builder: `html.parser`. It records `Tag.sourceline` for every tag, which every row and every
error message needs; the `lxml` builder does not, and recovering lines around it would mean
re-scanning the text by hand. It also accepts any nesting depth, where libxml2 stops at 256.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from html.parser import HTMLParser

from bs4 import BeautifulSoup, Tag
from bs4.exceptions import ParserRejectedMarkup

from . import grid, markdown, roles, text
from .errors import SourceError
from .model import Cell, Column, Document, Kind, Notice, Role, Row, Table

_CAPTION = re.compile(r"\s*\*\*\s*(?:表|Table)\s*[0-9]+")
_ANCHOR_LINE = re.compile(r"\s*(?:<a\s[^>]*>\s*</a>\s*)*")
_CAPTION_LOOKBACK = 4

_EMPTY_ANCHOR = re.compile(r'<a[ \t]+name="[^"<>\n]*"[ \t]*>[ \t]*</a>', re.IGNORECASE)

MAX_CHARACTERS = 10_000_000
"""Largest page accepted: twenty times the largest real page; more is not documentation."""
MAX_DEPTH = 256
"""Deepest element nesting accepted inside a table (libxml2's HTML parser stops there too)."""


def decode(data: bytes, *, source: str) -> str:
    """Source bytes → text: UTF-8 with or without BOM; anything else is a SourceError."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise SourceError(
            f"byte 0x{data[exc.start]:02x} is not valid UTF-8, expected a UTF-8 text file",
            path=source,
            line=line,
        ) from None


def parse(source_text: str, *, source: str) -> Document:
    """Parse one page into a Document holding its code tables in page order.

    `source` is the path to cite in messages and to record as provenance. A page without a
    code table gives a Document with no tables; `require_tables` turns that into an error.
    """
    page = source_text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not page.strip():
        raise SourceError(
            "the file is empty, expected a Markdown page with a code table",
            path=source,
            line=1,
        )
    if len(page) > MAX_CHARACTERS:
        raise SourceError(
            f"the page has {len(page):,} characters, expected at most {MAX_CHARACTERS:,}",
            path=source,
            line=1,
        )
    if "\x00" in page:
        raise SourceError(
            "NUL character in the page, expected a text file",
            path=source,
            line=page.count("\n", 0, page.index("\x00")) + 1,
        )
    read = markdown.read(page, source=source)
    soup = _soup(read.html, source)
    reader = _TableReader(source, read.lines)
    tables = tuple(
        table
        for position, element in enumerate(grid.tables(soup))
        if (table := reader.table(element, position)) is not None
    )
    return Document(
        title=read.title,
        id=read.anchor,
        tables=tables,
        path=source,
        warnings=tuple(reader.warnings),
        skipped=tuple(reader.skipped),
    )


def _soup(html: str, source: str) -> BeautifulSoup:
    """The page's HTML tree; markup the HTML parser gives up on is an error at its line.

    Empty `<a name>` anchors, two or three per cell in generated documentation, add nothing a
    reader sees; dropping them first (within their line) saves a third of the parse.
    """
    try:
        return BeautifulSoup(_EMPTY_ANCHOR.sub("", html), "html.parser")
    except ParserRejectedMarkup:
        plain = HTMLParser()
        try:
            plain.feed(html)
            plain.close()
        except Exception as exc:  # the same rejection, now with a position
            line = plain.getpos()[0]
            reason = " ".join(str(exc).split())[:80]
        else:
            line, reason = 1, "rejected"
        raise SourceError(
            f"the HTML parser cannot read this markup ({reason}), expected well-formed HTML",
            path=source,
            line=line,
        ) from None


def require_tables(document: Document) -> Document:
    """The document itself, or a SourceError when it holds no code table."""
    if not document.tables:
        raise SourceError(
            "no code table found, expected a table whose header has a status-code or "
            "error-code column (状态码, HTTP状态码, 错误码, Status Code, Error Code)",
            path=document.path,
            line=1,
        )
    return document


class _TableReader:
    """Turns each HTML table of one page into a code Table, or notes why it is not one."""

    def __init__(self, source: str, lines: Sequence[str]) -> None:
        self.source = source
        self.lines = lines
        self.warnings: list[Notice] = []
        self.skipped: list[Notice] = []

    def error(self, message: str, line: int) -> SourceError:
        return SourceError(message, path=self.source, line=line)

    def table(self, element: Tag, position: int) -> Table | None:
        """The code table an element holds, or None (recorded in `skipped`) if it is none."""
        deep = grid.too_deep(element, MAX_DEPTH)
        if deep is not None:
            raise self.error(
                f"elements are nested more than {MAX_DEPTH} deep inside a table, "
                f"expected at most {MAX_DEPTH}",
                deep,
            )
        read = grid.read(element)
        if read is None:
            return None
        headers = [
            text.join(_distinct(row.cells[i].paragraphs for row in read.header))
            for i in range(read.width)
        ]
        columns = _columns(headers, read.body)
        kind = _kind(columns)
        if kind is None:
            shown = " | ".join(headers)
            self.skipped.append(Notice(read.line, f"not a code table: {shown}"))
            return None
        self._check_layout(columns, read.line)
        if not read.body:
            raise self.error(
                "the code table has a header but no rows, expected at least one row",
                read.line,
            )
        width = max(row.written for row in read.header)
        columns = columns[:width]
        status = next((i for i, c in enumerate(columns) if c.role is Role.STATUS), None)
        rows = tuple(self._row(row, width, status) for row in read.body)
        self._check_repeats(rows, columns)
        caption = element.find("caption", recursive=False)
        title = text.join(text.paragraphs(caption)) if isinstance(caption, Tag) else ""
        return Table(
            kind=kind,
            title=title or self._caption(read.line),
            columns=columns,
            rows=rows,
            line=read.line,
            position=position,
        )

    def _check_layout(self, columns: tuple[Column, ...], line: int) -> None:
        for role in (Role.STATUS, Role.ERROR_CODE):
            same = [c.header for c in columns if c.role is role]
            if len(same) > 1:
                raise self.error(
                    f"the table has {len(same)} {role.value} columns ({', '.join(same)}), "
                    "expected one",
                    line,
                )

    def _row(self, row: grid.GridRow, width: int, status: int | None) -> Row:
        """A body row as a model Row; short rows are kept, padded, and reported."""
        overshoot = row.cells[width - 1 : row.written]
        if row.written > width and all(cell is overshoot[0] for cell in overshoot):
            self.warnings.append(
                Notice(
                    row.line,
                    "a colspan reaches past the last column; cut at the table edge",
                )
            )
        elif row.written > width:
            raise self.error(
                f"row has {row.written} cells, the header has {width}, "
                "expected one cell per column",
                row.line,
            )
        cells = row.cells[:width]
        if row.written < width:
            where = "at its end"
            if (
                status is not None
                and not row.from_above
                and not self._reads_as_status(cells, status)
                and self._reads_as_status(right := row.aligned_right(width), status)
            ):
                cells, where = right, "at its start, where its values fit the columns"
            self.warnings.append(
                Notice(
                    row.line,
                    f"row has {row.written} cells, the header has {width}; "
                    f"the missing cells are left empty {where}",
                )
            )
        typed = None
        if status is not None:
            if not self._reads_as_status(cells, status):
                shown = cells[status].text
                shown = shown if len(shown) <= 40 else shown[:39] + "…"
                raise self.error(
                    f"status cell {shown!r} is not an HTTP status, expected a code such as "
                    "404, 404 Not Found, 4xx or 404/500",
                    row.line,
                )
            typed = roles.typed_status(cells[status].text)
        return Row(cells=cells, status=typed, line=row.line)

    @staticmethod
    def _reads_as_status(cells: tuple[Cell, ...], status: int) -> bool:
        """Whether the status cell reads as a status; a note spanning the row always does."""
        cell = cells[status]
        return all(other is cell for other in cells) or roles.is_status_text(cell.text)

    def _check_repeats(self, rows: tuple[Row, ...], columns: tuple[Column, ...]) -> None:
        """A repeated row is a warning; one status with two reason phrases is an error."""
        phrase = next((i for i, c in enumerate(columns) if c.role is Role.PHRASE), None)
        codes = any(c.role is Role.ERROR_CODE for c in columns)
        first_line: dict[tuple[str, ...], int] = {}
        phrases: dict[int, tuple[str, int]] = {}
        for row in rows:
            texts = tuple(cell.text for cell in row.cells)
            if texts in first_line:
                self.warnings.append(
                    Notice(row.line, f"row repeats line {first_line[texts]} exactly")
                )
                continue
            first_line[texts] = row.line
            if phrase is None or codes or row.status is None:
                continue
            said = row.cells[phrase].text
            earlier = phrases.setdefault(row.status, (said, row.line))
            if earlier[0] != said:
                raise self.error(
                    f"status {row.status} is listed with two reason phrases ({earlier[0]!r} "
                    f"at line {earlier[1]}, {said!r} here), expected one phrase per status",
                    row.line,
                )

    def _caption(self, line: int) -> str:
        """A `**表 1** …` caption just above the table (blank or anchor lines between)."""
        number = line - 2
        for _ in range(_CAPTION_LOOKBACK):
            if number < 0:
                break
            candidate = self.lines[number]
            if _CAPTION.match(candidate):
                return markdown.inline_text(candidate)
            if not _ANCHOR_LINE.fullmatch(candidate):
                break
            number -= 1
        return ""


def _distinct(items: Iterable[tuple[str, ...]]) -> list[str]:
    """Paragraphs of several header rows, each text once (a spanned header repeats)."""
    out: list[str] = []
    for paragraphs in items:
        for paragraph in paragraphs:
            if paragraph not in out:
                out.append(paragraph)
    return out


def _columns(headers: list[str], body: Sequence[grid.GridRow]) -> tuple[Column, ...]:
    """Columns with roles from the role table and keys unique within the table."""
    columns: list[Column] = []
    taken: set[str] = set()
    for position, header in enumerate(headers):
        role = roles.role_of(header, (row.cells[position].text for row in body))
        base = role.value if role is not None else f"column_{position + 1}"
        key, suffix = base, 2
        while key in taken:
            key, suffix = f"{base}_{suffix}", suffix + 1
        taken.add(key)
        columns.append(Column(key=key, header=header, role=role))
    return tuple(columns)


def _kind(columns: tuple[Column, ...]) -> Kind | None:
    """error-code when a column holds error codes, http-status when one holds statuses."""
    present = {column.role for column in columns}
    if Role.ERROR_CODE in present:
        return Kind.ERROR_CODE
    if Role.STATUS in present:
        return Kind.HTTP_STATUS
    return None
