"""Source page (Markdown with embedded HTML) → Document.

Pure: takes text, returns the model, never touches files. markdown-it-py reads the Markdown
block structure (headings, fenced code to ignore); BeautifulSoup reads the HTML tables.

Builder: `html.parser`. It records `Tag.sourceline` for every tag, which every row and every
error message needs; the `lxml` builder does not, and recovering lines around it would mean
re-scanning the text by hand. It is also the more tolerant of the two with the broken and deeply
nested input real pages contain.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bs4 import BeautifulSoup, Tag
from markdown_it import MarkdownIt
from markdown_it.token import Token

from . import roles, text
from .errors import SourceError
from .model import Cell, Column, Document, Kind, Role, Row, Table

MAX_COLSPAN = 1000
"""Largest colspan honoured (the HTML limit); larger values are clamped."""
MAX_ROWSPAN = 65534
"""Largest rowspan honoured (the HTML limit); it never reaches past the table's last row."""

_STATUS = re.compile(r"[1-5][0-9][0-9]")
_SPAN = re.compile(r"\s*([0-9]+)")
_MARKDOWN = MarkdownIt("commonmark")


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
            "the file is empty, expected a Markdown page with a code table", path=source, line=1
        )
    tokens = _MARKDOWN.parse(page)
    title, anchor = _title(tokens)
    soup = BeautifulSoup(_without_code(page, tokens), "html.parser")
    tables = tuple(
        table
        for element in _tables(soup)
        if (table := _code_table(element, source=source)) is not None
    )
    return Document(title=title, id=anchor, tables=tables, path=source)


def require_tables(document: Document) -> Document:
    """The document itself, or a SourceError when it holds no code table."""
    if not document.tables:
        raise SourceError(
            "no code table found, expected a table whose header has a status-code column "
            "(状态码, HTTP状态码, Status Code)",
            path=document.path,
            line=1,
        )
    return document


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
    html = _MARKDOWN.renderer.render(inline.children or [], _MARKDOWN.options, {})
    fragment = BeautifulSoup(html, "html.parser")
    anchor = next(
        (
            str(value)
            for tag in fragment.find_all(True)
            if (value := tag.get("name") or tag.get("id"))
        ),
        "",
    )
    return text.join(text.paragraphs(fragment)), anchor


def _without_code(page: str, tokens: list[Token]) -> str:
    """The page with fenced code blocks blanked out, keeping every line where it was.

    Pages carry XML examples with tag-like text (`<Code>`); inside a fence it is never markup.
    """
    lines = page.split("\n")
    for token in tokens:
        if token.type == "fence" and token.map is not None:
            start, end = token.map
            lines[start:end] = [""] * (end - start)
    return "\n".join(lines)


def _tables(soup: BeautifulSoup) -> Iterator[Tag]:
    """Every table of the page that is not itself inside a table cell."""
    for table in soup.find_all("table"):
        if table.find_parent(["td", "th"]) is None:
            yield table


def _owned(table: Tag, name: str | list[str], owner: str) -> Iterator[Tag]:
    """Descendants named `name` whose nearest `owner` ancestor is `table`, not a nested one."""
    for element in table.find_all(name):
        if element.find_parent(owner) is table:
            yield element


def _code_table(element: Tag, *, source: str) -> Table | None:
    """Model one HTML table, or None when it has no status-code column."""
    rows = list(_owned(element, "tr", "table"))
    if not rows:
        return None
    header_count = sum(1 for row in rows if row.find_parent("thead") is not None) or 1
    grid = _grid(rows)
    header_rows = [cells for _, cells in grid[:header_count]]
    width = max(len(cells) for cells in header_rows)
    headers = [
        text.join(_distinct(cells[i].paragraphs for cells in header_rows if i < len(cells)))
        for i in range(width)
    ]
    columns = _columns(headers)
    status_index = next((i for i, c in enumerate(columns) if c.role is Role.STATUS), None)
    if status_index is None:
        return None
    body = grid[header_count:]
    line = element.sourceline or 1
    if not body:
        raise SourceError(
            "the status-code table has a header but no rows, expected at least one row",
            path=source,
            line=line,
        )
    seen: dict[int, int] = {}
    model_rows = []
    for row_line, cells in body:
        if len(cells) != width:
            raise SourceError(
                f"row has {len(cells)} cells, the header has {width}, expected one cell per column",
                path=source,
                line=row_line,
            )
        status = _status(cells[status_index], row_line, source=source)
        if status in seen:
            raise SourceError(
                f"status {status} is listed twice (first at line {seen[status]}), "
                "expected each status once",
                path=source,
                line=row_line,
            )
        seen[status] = row_line
        model_rows.append(Row(cells=tuple(cells), status=status, line=row_line))
    return Table(
        kind=Kind.HTTP_STATUS,
        title="",
        columns=columns,
        rows=tuple(model_rows),
        line=line,
    )


def _distinct(items: Iterator[tuple[str, ...]]) -> list[str]:
    """Paragraphs of several header rows, each text once (a spanned header repeats)."""
    out: list[str] = []
    for paragraphs in items:
        for paragraph in paragraphs:
            if paragraph not in out:
                out.append(paragraph)
    return out


def _columns(headers: list[str]) -> tuple[Column, ...]:
    """Columns with roles from the role table and keys unique within the table."""
    columns: list[Column] = []
    taken: set[str] = set()
    for position, header in enumerate(headers, start=1):
        role = roles.role_of(header)
        base = role.value if role is not None else f"column_{position}"
        key, suffix = base, 2
        while key in taken:
            key, suffix = f"{base}_{suffix}", suffix + 1
        taken.add(key)
        columns.append(Column(key=key, header=header, role=role))
    return tuple(columns)


def _grid(rows: list[Tag]) -> list[tuple[int, list[Cell]]]:
    """Rows as (line, cells) with rowspan and colspan expanded by grid position.

    The `headers=` attributes of real pages are often wrong, so only position counts. Rows
    shorter than the widest row are reported by the caller, not padded here.
    """
    pending: dict[int, tuple[int, Cell]] = {}
    grid: list[tuple[int, list[Cell]]] = []
    for index, row in enumerate(rows):
        placed: dict[int, Cell] = {}
        for column, (left, cell) in list(pending.items()):
            placed[column] = cell
            if left <= 1:
                del pending[column]
            else:
                pending[column] = (left - 1, cell)
        column = 0
        for element in _owned(row, ["td", "th"], "tr"):
            while column in placed:
                column += 1
            paragraphs = text.paragraphs(element)
            cell = Cell(text=text.join(paragraphs), paragraphs=paragraphs)
            colspan = min(_span(element.get("colspan")), MAX_COLSPAN)
            rowspan = min(_span(element.get("rowspan")), MAX_ROWSPAN, len(rows) - index)
            for offset in range(colspan):
                placed[column + offset] = cell
                if rowspan > 1:
                    pending[column + offset] = (rowspan - 1, cell)
            column += colspan
        width = max(placed, default=-1) + 1
        cells = [placed.get(i, Cell(text="", paragraphs=())) for i in range(width)]
        grid.append((row.sourceline or 1, cells))
    return grid


def _span(value: object) -> int:
    """A span attribute as a count: leading digits (`2;` → 2), at least 1."""
    match = _SPAN.match(value) if isinstance(value, str) else None
    return max(int(match.group(1)), 1) if match else 1


def _status(cell: Cell, line: int, *, source: str) -> int:
    """A status cell's integer value; anything but a bare 100-599 code is an error."""
    if not _STATUS.fullmatch(cell.text):
        shown = cell.text if len(cell.text) <= 40 else cell.text[:39] + "…"
        raise SourceError(
            f"status cell {shown!r} is not an HTTP status code, expected an integer 100-599",
            path=source,
            line=line,
        )
    return int(cell.text)
