"""Source page (Markdown with embedded HTML) → Document.

Pure: takes text, returns the model, never touches files. `markdown.read` turns the page into
lines of HTML (fenced code blanked, pipe tables rendered on their own lines); an HTML tree then
holds every table, raw HTML or rendered pipe table alike, so both dialects take one extraction
path (`grid`); this module decides which tables are code tables and what their columns mean.

The tree: BeautifulSoup with `html.parser` is the reference. It reads any markup however
broken, records `Tag.sourceline` for every tag, which every row and every error message needs,
and accepts any nesting depth. When the markup is plain enough that libxml2 builds the very
same tree (`fast.py` decides, from the tags), lxml builds it instead, many times faster; a test
holds both to the same Document on every real page.
"""

from __future__ import annotations

import codecs
import dataclasses
import itertools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Generic, TypeVar

from . import collector, fast, grid, implied, markdown, pipes, roles, text, values
from .errors import SourceError
from .headers import HEADER_WORDS, Says, lists_other_things, main_phrase, names_outcomes, says
from .model import Cell, Column, Document, Kind, Notice, Role, Row, Table

_CAPTION = re.compile(r"\s*\*\*\s*(?:表|Table)\s*(?:[A-Z][.\-]?)?[0-9]+")
"""A bold caption line: `**表 1**`, `**Table 3-2**`, PostgreSQL's `**Table A.1. …**`."""
_HTML_CAPTION = re.compile(r"\s*(?:表|Table)\s*(?:[A-Z][.\-]?)?[0-9]+")
"""A caption paragraph's opening: `表 1`, `Table 3-2`, DocBook's `Table A.1.`."""
_ERROR_NAMES = re.compile(r"(?i)\b(?:error|exception)s?[ _-]?(?:constant|name|type)s?\W*$")
"""A title naming errors by their names: `POSIX error constants`, `Error types`; its main
phrase ends so (`Retry settings per error type` names settings; found by review)."""
CAPTION_WORDS = 12
"""Words a caption paragraph holds at most, if not bold: `Table 2-1 Common ORA Errors`."""


def _captions(paragraph: str) -> bool:
    """Whether a paragraph, not bold, is a table's caption: `Table 2-1 Common ORA Errors`,
    `Table A.3 - Numeric Ids for StatusCodes` (Word's `MsoCaption`, Oracle's and OPC UA's
    classes, which the fast tree does not keep): a short title, not a sentence (`Table A.1
    lists the codes.`)."""
    return (
        _HTML_CAPTION.match(paragraph) is not None
        and len(paragraph.split()) <= CAPTION_WORDS
        and not paragraph.rstrip().endswith((".", ":", "\u3002", "\uff1a"))
    )


_CAPTION_WRAPPERS = 3
"""Elements a caption paragraph may be before: the table and two wrappers it is the first
child of (DocBook's `div.table-contents`)."""
_ANCHOR_LINE = re.compile(r"\s*(?:<a\s[^>]*>\s*</a>\s*)*")
_CAPTION_LOOKBACK = 4

MAX_CHARACTERS = 10_000_000
"""Largest page accepted: twenty times the largest real page; more is not documentation."""
MAX_LINES = 1_000_000
"""Most lines a page may have: 140 times the longest real page. Lines cost memory of their
own (markdown-it marks each one), so ten million blank lines took 1.3 GB."""
MAX_COLUMNS = 100
"""Columns a code table has at most (real ones have two to a dozen): a wider table is
passed by, said with `-v`, before any header is read."""
TITLE_AS_HEADER = 3
"""Words a title row has at most to head the first column of a table whose rows read as no
code table without it (`错误码`; not `Appendix A. PostgreSQL Error Codes`)."""
SHOWN_HEADERS = 12
"""Headers a notice lists before `…`: a notice is one line."""
MAX_DEPTH = 256
"""Deepest element nesting accepted inside a table (libxml2's HTML parser stops there too)."""


def decode(data: bytes, *, source: str) -> str:
    """Source bytes → text: UTF-8 with or without BOM; anything else is a SourceError."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        at = exc.start + (len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0)
        before = data[:at]  # (the decoder counts from after a BOM; lines end as Markdown's)
        line = before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1
        raise SourceError(
            f"byte 0x{data[at]:02x} is not valid UTF-8, expected a UTF-8 text file",
            path=source,
            line=line,
        ) from None


E = TypeVar("E")


def parse(
    source_text: str,
    *,
    source: str,
    roles: Mapping[str, Role | None] | None = None,
    fast_tree: bool = True,
) -> Document:
    """Parse one page into a Document holding its code tables in page order.

    `source` is the path to cite in messages and to record as provenance; `roles` maps
    normalised headers (`headers.header_key`) to the role they must have (None: no role), the
    configuration's overrides. A page without a code table gives a Document with no tables;
    `require_tables` turns that into an error. `fast_tree=False` reads the page with the
    reference tree even where the fast one would do (the tests compare the two).
    """
    with collector.paused():
        return _parse(source_text, source, roles or {}, fast_tree)


def _parse(
    source_text: str, source: str, roles: Mapping[str, Role | None], fast_tree: bool
) -> Document:
    page = source_text.removeprefix("\ufeff")
    if "\r" in page:  # one pass over a page without one, not two
        page = page.replace("\r\n", "\n").replace("\r", "\n")
    if not page or page.isspace():  # (`strip` would copy the page to say so)
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
    lines = page.count("\n") + (not page.endswith("\n"))
    if lines > MAX_LINES:
        raise SourceError(
            f"the page has {lines:,} lines, expected at most {MAX_LINES:,}",
            path=source,
            line=1,
        )
    if "\x00" in page:
        raise SourceError(
            "NUL character in the page, expected a text file",
            path=source,
            line=page.count("\n", 0, page.index("\x00")) + 1,
        )
    html_page = is_html_page(source, page)
    read = (
        markdown.read_html(page, source=source)
        if html_page
        else markdown.read(page, source=source, fast_tree=fast_tree)
    )
    root = fast.tree(read.html, titled=bool(read.heading[0])) if fast_tree else None
    if root is None and (closed := _closed(read)) is not read:  # a cell or row left open
        read = closed
        root = fast.tree(read.html, titled=bool(read.heading[0])) if fast_tree else None
    if root is not None and _bodies_on_top(read, root, fast.LxmlTree()):
        return _document(source, read, roles, root, fast.LxmlTree(), fast_tree, checked=True)
    if root is not None:  # a table read from the text sits in an element read as text
        read = _closed(markdown.read(page, source=source, treeless=False))
        root = fast.tree(read.html, titled=bool(read.heading[0]))
        if root is not None:
            return _document(source, read, roles, root, fast.LxmlTree(), fast_tree, checked=True)
    html = fast.anchorless(read.html)  # as both trees read it
    markdown.refuse_unclosed_markup(html, source)
    from . import soup  # BeautifulSoup: only for the pages the fast tree declines

    if read.bodies:  # markup the scan declines: a row may change how what comes before
        read = _closed(markdown.read(page, source=source, treeless=False))  # it reads (a quote
        html = fast.anchorless(read.html)  # closing an attribute left open)
    tree = soup.read(html, source)
    return _document(source, read, roles, tree, soup.SoupTree(), fast_tree)


def _reads_as_header(rows: Sequence[grid.GridRow]) -> bool:
    """Whether rows read as a header rather than as rows of the body: a cell says what a
    column holds (`Code`, `Error code`, `No.`, `描述`; beside it `Severity`, `Retryable`
    may say nothing), none of the others reads as a value (a status, an integer: `200 -
    OK`, `1001`), and none is a sentence (`API errors cover any other type of
    problem.`)."""
    cells = [
        cell.text for row in rows for cell in dict.fromkeys(row.cells[: row.written]) if cell.text
    ]
    silent = [text for text in cells if says(text) is None]
    return (
        len(silent) < len(cells)
        and not any(values.reads_as_status(text) or values.is_integer(text) for text in silent)
        and not any(map(_sentence, cells))
        and not any(map(_code_name, cells))
    )


_SNAKE = re.compile(r"[A-Z][A-Z0-9]*+(?:_[A-Z0-9]++)+")


def _code_name(text: str) -> bool:
    """Whether a cell is a code's name, as no header is: in capitals with underscores and
    a word no header is made of (Doxygen's `FOO_ERROR_IO` below its `Enumerator` title was
    read as the header, and the code lost; found by a held-out probe). `ERROR_CODE` and
    `HTTP_STATUS`, as some pages write headers, are headers."""
    return _SNAKE.fullmatch(text) is not None and any(
        part.lower() not in HEADER_WORDS for part in text.split("_")
    )


def _heads_a_column(title: str) -> bool:
    """Whether a title is a column's header: its last word says a column's meaning on its
    own (`错误码`, `返回码`, `Error code`, `Status`; not `Error handling`, `Error codes`),
    in at most `TITLE_AS_HEADER` words."""
    words = title.split()
    return 0 < len(words) <= TITLE_AS_HEADER and says(words[-1]) is not None


def _sentence(text: str) -> bool:
    """Whether a cell reads as a sentence, as no header does: three words or more ending
    as a sentence ends (not `No.`, `Desc.`), or more than eight."""
    words = len(text.split())
    return (words >= 3 and text.rstrip().endswith((".", "。"))) or words > 8


def _shown(headers: Sequence[str]) -> str:
    """A table's headers for a notice: `Code | Message`, the first `SHOWN_HEADERS` and `…`
    for a wider one; `(no headers)` for a table that heads its rows, or none."""
    if not any(headers):
        return "(no headers)"
    if len(headers) <= SHOWN_HEADERS:
        return " | ".join(headers)
    return " | ".join(headers[:SHOWN_HEADERS]) + f" | … ({len(headers)} columns)"


def _closed(read: markdown.Page) -> markdown.Page:
    """The page with the end tags HTML implies for its cells and rows written out
    (`implied`), read without its empty anchors as the trees read it (an anchor inside a
    tag would hide the tag from it alone): itself when none is left out."""
    anchorless = fast.anchorless(read.html)
    html = implied.closed(anchorless)
    return read if html is anchorless else dataclasses.replace(read, html=html)


_TOP = frozenset({"html", "body", "[document]"})
"""The elements a table may sit in when its rows are read from the text: no other one
reads the table's text as its own (a cell, a caption, a heading, a title)."""


def _bodies_on_top(read: markdown.Page, root: E, tree: grid.Tree[E]) -> bool:
    """Whether every table whose rows are read from the text (`markdown.Page.bodies`) is in
    the tree, at the top of the page, in no element that would hold those rows' text.
    Else the page is read again with those rows in the tree: one inside a raw HTML cell or
    heading (a blank line ends the HTML block, and Markdown goes on inside it), or one the
    markup before it swallowed (an attribute value left open, which a quote in a row
    would have closed)."""
    if not read.bodies:
        return True
    found: set[int] = set()
    for table in tree.descendants(root, "table"):
        line = tree.line(table)
        if line not in read.bodies:
            continue
        parent = tree.parent(table)
        while parent is not None:
            if tree.name(parent) not in _TOP:
                return False
            parent = tree.parent(parent)
        found.add(line)
    return found == read.bodies.keys()


def _document(
    source: str,
    read: markdown.Page,
    overrides: Mapping[str, Role | None],
    root: E,
    tree: grid.Tree[E],
    fast_tree: bool,
    *,
    checked: bool = False,
) -> Document:
    """The Document a page's tree holds; `checked`: its depth is known to be within
    MAX_DEPTH already; `fast_tree`: captions may be read with the fast tree."""
    numbered = len(list(itertools.islice(tree.descendants(root, "h1"), 2))) > 1
    title, anchor = _title(read, root, tree, numbered=numbered)
    sections = _html_sections(root, tree)
    reader = _TableReader(source, read, overrides, tree, checked, fast_tree, title, sections)
    tables: list[Table] = []
    position = 0
    waiting = [(element, 0) for element in reversed(list(grid.tables(root, tree)))]
    while waiting:  # in page order; the tables in a table of no codes next (a page laid out
        element, level = waiting.pop()  # in a table: JD Union's, found by a held-out probe)
        table = reader.table(element, position)
        position += 1
        if table is not None:
            tables.append(table)
        elif level < MAX_LAYOUT_LEVELS:
            inner = [(nested, level + 1) for nested in grid.nested(element, tree)]
            waiting.extend(reversed(inner))
    return Document(
        title=title,
        id=anchor,
        tables=tuple(tables),
        path=source,
        warnings=tuple(reader.warnings),
        skipped=tuple(reader.skipped),
    )


MAX_LAYOUT_LEVELS = 4
"""Levels of tables in the cells of tables of no codes that are read as tables of their own:
each level reads the text of every level below it again, so a page of 80 levels took 309 s
(found by review); a page laid out in tables nests two or three."""

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_HTML_START = re.compile(r"<(?:!doctype\s+html|html)[\s>]", re.I)
HTML_START_CHARACTERS = 4096
"""How far into a page its start is looked for (comments before `<!DOCTYPE html>`)."""


def is_html_page(source: str, page: str) -> bool:
    """Whether a page is rendered HTML rather than Markdown: by its name, else its start,
    after any comments and blanks. The comments are passed by one `find` each: a pattern
    that skipped them (`(?:<!--.*?-->\\s*)*`) backtracked across every `-->`, and forty
    `<!---->` lines took hours (found by a held-out probe)."""
    if source.lower().endswith(HTML_SUFFIXES):
        return True
    start = page[:HTML_START_CHARACTERS]
    at = len(start) - len(start.lstrip())
    while start.startswith("<!--", at):
        end = start.find("-->", at + 4)
        if end < 0:
            return False
        at = end + 3
        at += len(start) - at - len(start[at:].lstrip())
    return _HTML_START.match(start, at) is not None


_SECTION_HEADINGS = ("h2", "h3", "h4", "h5", "h6", "table")


def _html_sections(root: E, tree: grid.Tree[E]) -> dict[int, tuple[E, E]]:
    """Per table (by identity: the table is held, so lxml hands out the same element
    again), the HTML heading it opens under: the nearest `<h2>`…`<h6>` before it with no
    other table between (a rendered page's `<h2>System errors</h2>`), or an `<h1>`: it ends
    the section before it (ReDoc's `<h1>Errors</h1>` after an operation's `<h3>Responses
    </h3>`) and heads its own on a page of several (SQLite's `<h1>6. Result Code
    Meanings</h1>`); one that names the page titles no table (`_not_the_page_title`)."""
    found: dict[int, tuple[E, E]] = {}
    heading: E | None = None
    for element in tree.descendants(root, ("h1", *_SECTION_HEADINGS)):
        if tree.name(element) != "table":
            heading = element
        elif heading is not None:
            found[id(element)] = (element, heading)
            heading = None
    return found


def _title(read: markdown.Page, root: E, tree: grid.Tree[E], *, numbered: bool) -> tuple[str, str]:
    """What names the page, and its anchor id, first found of: a level-1 heading (Markdown,
    then HTML `<h1>` unless the page has several, `numbered`: they are its sections, as
    SQLite's `1. Overview`), the front matter's `title`, the HTML `<title>`, the first
    heading."""
    if level_one := text.without_permalink(read.heading[0]):  # (a permalink's sign: none)
        return level_one, read.heading[1]
    h1 = None if numbered else next(tree.descendants(root, "h1"), None)
    if h1 is not None and (heading := text.without_permalink(text.join(tree.paragraphs(h1)))):
        tags = (h1, *tree.descendants(h1, None))
        ids = (tree.attribute(tag, "id") or tree.attribute(tag, "name") for tag in tags)
        return heading, str(next((value for value in ids if value), ""))
    if read.front_matter_title:
        return read.front_matter_title, ""
    element = next(tree.descendants(root, "title"), None)
    if element is not None and (named := text.normalize(tree.text(element))):
        return named, ""
    return text.without_permalink(read.first_heading[0]), read.first_heading[1]


def require_tables(document: Document) -> Document:
    """The document itself, or a SourceError when it holds no code table."""
    if not document.tables:
        raise SourceError(
            "no code table found, expected a table with a column of HTTP statuses, error "
            "codes or other codes (状态码, 错误码, Status Code, Error Code, Code)",
            path=document.path,
            line=1,
        )
    return document


class _TableReader(Generic[E]):
    """Turns each HTML table of one page into a code Table, or notes why it is not one."""

    def __init__(
        self,
        source: str,
        page: markdown.Page,
        overrides: Mapping[str, Role | None],
        tree: grid.Tree[E],
        checked: bool,
        fast_tree: bool,
        page_title: str = "",
        html_sections: dict[int, tuple[E, E]] | None = None,
    ) -> None:
        self.source = source
        self.tree = tree
        self.checked = checked
        self.fast_tree = fast_tree
        self.page = page
        self.page_title = page_title
        self.table_notes = page.table_notes
        self.overrides = overrides
        self.warnings: list[Notice] = []
        self.skipped: list[Notice] = []
        self.html_sections = html_sections or {}
        """The HTML heading each table opens under (`_html_sections`), by identity."""
        self.spent = grid.Spent()
        """The text the page's spans repeat, over all its tables (`grid.Spent`)."""
        self.after = 0
        """The line of the table before (code table or not): a heading above it heads
        that table's section, not the next one's."""

    def error(self, message: str, line: int) -> SourceError:
        return SourceError(message, path=self.source, line=line)

    def table(self, element: E, position: int) -> Table | None:
        """The code table an element holds, or None (recorded in `skipped`) if it is none."""
        after, self.after = self.after, self.tree.line(element)
        deep = None if self.checked else grid.too_deep(element, MAX_DEPTH, self.tree)
        if deep is not None:
            raise self.error(
                f"elements are nested more than {MAX_DEPTH} deep inside a table, "
                f"expected at most {MAX_DEPTH}",
                deep,
            )
        try:
            read = grid.read(element, self.tree, self.spent)
            pipe = None if read is None else self.page.bodies.get(read.line)
            if read is not None and pipe is not None and not read.body:
                read = grid.with_body(read, _body_rows(pipe, self.source))
        except grid.TooLarge as large:
            if large.text:
                raise self.error(
                    f"the page's spans repeat its text more than {grid.SPREAD} times over "
                    f"(past {grid.SPREAD_TEXT_ALLOWANCE:,} characters), expected spans that "
                    "fit a table of codes",
                    large.line,
                ) from None
            if large.written is not None:
                raise self.error(
                    f"the table's spans repeat its cells more than {grid.SPREAD} times over "
                    f"(past {grid.SPREAD_ALLOWANCE:,} slots), expected spans that fit a table "
                    "of codes",
                    large.line,
                ) from None
            raise self.error(
                f"the table spans more than {grid.MAX_CELLS:,} cells (rows times columns), "
                "expected a table of codes",
                large.line,
            ) from None
        if read is None:
            return None
        if read.unsure and not _reads_as_header(read.header):
            read = dataclasses.replace(read, header=(), body=(*read.header, *read.body))
        read = _unfolded(read)
        width = max((row.written for row in read.header), default=read.width)
        if width > MAX_COLUMNS:  # (each header's reading costs: a wide one took minutes)
            self.skipped.append(
                Notice(
                    read.line,
                    f"not a code table: {width:,} columns, expected at most "
                    f"{MAX_COLUMNS} in a table of codes",
                )
            )
            return None
        headers = _headers(read)
        coded = _coded_columns(read)
        if read.body and coded and not coded[0]:  # `<td colspan="3">请参见公共错误码。</td>`
            self.skipped.append(
                Notice(read.line, f"not a code table: {_shown(headers)} (headings only)")
            )
            return None
        reading = roles.read_columns(headers, coded, self.overrides)
        if reading.kind is None and read.titles and not any(headers):
            title = text.join(read.titles[-1].cells[0].paragraphs)
            if _heads_a_column(title):  # `<th colspan="2">错误码</th>` over `ECS.0001 | …`
                titled = [title] + [""] * (read.width - 1)
                if (again := roles.read_columns(titled, coded, self.overrides)).kind:
                    headers, reading = titled, again
        if reading.kind is None:  # as written, no column keys it: read another way
            for other in _other_readings(read):
                other_headers = _headers(other)
                again = roles.read_columns(other_headers, _coded_columns(other), self.overrides)
                if again.kind is not None:
                    read, headers, reading = other, other_headers, again
                    width = max((row.written for row in read.header), default=read.width)
                    break
        if reading.kind is None and read.header and self._of_errors(element, read, after):
            again = roles.read_columns(headers, coded, self.overrides, of_errors=True)
            if again.kind is not None:  # Square's `Name | Description` under `## ErrorCode`
                reading = again
        if (
            reading.kind is None
            and read.header
            and names_outcomes(self._title(element, read, after))
        ):
            again = roles.read_columns(headers, coded, self.overrides, of_outcomes=True)
            if again.kind is not None:  # HL7's `Value | Description` under `… error codes`
                reading = again
        shown = _shown(headers)
        if reading.kind is None:
            self.skipped.append(Notice(read.line, f"not a code table: {shown} ({reading.reason})"))
            return None
        title = self._title(element, read, after)
        if reading.kind is Kind.RESULT_CODE and (why := self._not_outcomes(headers, read, title)):
            self.skipped.append(Notice(read.line, f"not a code table: {shown} ({why})"))
            return None
        body = [row for row in read.body if row.written]
        for row in read.body:
            if not row.written:
                self.warnings.append(Notice(row.line, "an empty row (no cells) is left out"))
        if not body and len(headers) < 2:  # Doxygen's `enum libusb_error` box: one cell
            self.skipped.append(Notice(read.line, f"not a code table: {shown} (one cell)"))
            return None
        if not body:
            self.warnings.append(
                Notice(read.line, f"a code table with a header but no rows is skipped: {shown}")
            )
            return None
        for note in reading.notes:
            self.warnings.append(Notice(read.line, note))
        self.warnings.extend(self.table_notes.get(read.line, ()))
        columns = _columns(headers, reading.roles)[:width]
        status = next((i for i, c in enumerate(columns) if c.role is Role.STATUS), None)
        rows = tuple(self._row(row, width, status) for row in body)
        self._check_repeats(rows, columns)
        return Table(
            kind=reading.kind,
            title=title,
            columns=columns,
            rows=rows,
            line=read.line,
            position=position,
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
            self.warnings.append(
                Notice(
                    row.line,
                    f"row has {row.written} cells, the header has {width}; "
                    "the cells past the last column are left out",
                )
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
            if not self._reads_as_status(cells, status) and not values.is_heading(
                [cell.text for cell in cells]
            ):  # a heading row (`| **Common error codes** | | |`) holds no status
                shown = cells[status].text
                shown = shown if len(shown) <= 40 else shown[:39] + "…"
                self.warnings.append(
                    Notice(
                        row.line,
                        f"status cell {shown!r} is not an HTTP status (such as 404, "
                        "404 Not Found, 4xx or 404/500); kept as written, untyped",
                    )
                )
            typed = values.typed_status(cells[status].text)
        return Row(cells, typed, row.line)

    @staticmethod
    def _reads_as_status(cells: tuple[Cell, ...], status: int) -> bool:
        """Whether the status cell reads as a status; a note spanning the row always does."""
        cell = cells[status]
        return all(other is cell for other in cells) or values.is_status_text(cell.text)

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
                self.warnings.append(
                    Notice(
                        row.line,
                        f"status {row.status} is listed with two reason phrases "
                        f"({earlier[0]!r} at line {earlier[1]}, {said!r} here); "
                        "its member takes the first",
                    )
                )

    def _section(self, line: int, after: int) -> str:
        """The heading of the section the table opens under, for a table with no caption
        of its own: the nearest Markdown heading above it with no other table between
        (`## 系统级错误码` over one table, `## 服务级错误码` over the next), but the page's
        own title (a level-1 heading, or the text that names the page)."""
        found = markdown.section(self.page, line, after)
        if found is None or found.level == 1:
            return ""
        try:
            heading = markdown.section_text(
                self.page, found, fast_tree=self.fast_tree, source=self.source
            )
        except pipes.TooManyMarkers as many:
            raise markdown.too_many_markers(many, self.source, found.line) from None
        return self._not_the_page_title(heading)

    def _html_section(self, element: E) -> str:
        """The HTML heading the table opens under (`_html_sections`), unless it is the
        page's title."""
        held = self.html_sections.get(id(element))
        if held is None or held[0] is not element:
            return ""
        return self._not_the_page_title(text.join(self.tree.paragraphs(held[1])))

    def _not_the_page_title(self, heading: str) -> str:
        """A section's heading as a table's title, '' where it names the page."""
        heading = text.without_permalink(heading)
        return "" if heading == self.page_title else heading

    def _title(self, element: E, read: grid.Grid, after: int) -> str:
        """The table's title: its `<caption>`, a caption line or paragraph above it, its
        title rows, else the heading of the section it opens under (`after`: the line of
        the table before)."""
        tree = self.tree
        caption = next((c for c in tree.children(element) if tree.name(c) == "caption"), None)
        title = text.join(tree.paragraphs(caption)) if caption is not None else ""
        return text.without_permalink(
            title
            or self._caption(read.line)
            or self._html_caption(element)
            or text.join(
                [paragraph for row in read.titles for paragraph in row.cells[0].paragraphs]
            )
            or self._section(read.line, after)
            or self._html_section(element)
        )

    def _not_outcomes(self, headers: Sequence[str], read: grid.Grid, title: str) -> str:
        """Why a result-code table numbers things that are not outcomes ('' if it may
        list outcomes): its own title lists other things and fewer than half its rows name
        a failure (Discord's `Gateway Opcodes`, Cassandra's `Consistency levels`); or it
        is keyed by a plain number (`Value`, `Dec`, `ID`, not `Code`), under a title and a
        page that name neither outcomes nor codes, no cell naming a failure (Android's
        `Field values` of `BUFFER_FLAG_*`). The rows are read once, and only when the
        titles and headers leave it open."""
        if things := lists_other_things(title):
            if _failures(read) < roles.MAJORITY:
                return f"its title {title!r} lists {things}, not the outcomes of a request"
            return ""  # (its rows name failures: no rule below passes it by)
        if names_outcomes(title) or names_outcomes(self.page_title):
            return ""
        if not any(says(header) is Says.NUMBER for header in headers):
            return ""
        if any(says(header) is Says.CODE for header in headers):
            return ""
        if _failures(read):
            return ""
        return "numbered values that no title, header or cell says are outcomes"

    def _of_errors(self, element: E, read: grid.Grid, after: int) -> bool:
        """Whether the table's title says it lists error codes (`ErrorCode`, `Error codes`,
        `错误码`), or errors by their names (Node.js's `POSIX error constants`, `Error
        types`): asked of a table no column keys."""
        title = self._title(element, read, after)
        return (
            says(title) is Role.ERROR_CODE
            and ("code" in title.casefold() or "\u7801" in title)  # not `Error response`
        ) or _ERROR_NAMES.search(main_phrase(title)) is not None

    def _html_caption(self, element: E) -> str:
        """A paragraph that captions the table, just before it or before the wrappers it
        opens (DocBook's `<p class="title"><strong>Table A.1. PostgreSQL Error Codes</strong>
        </p><div class="table-contents"><table>`): it opens in bold as `_CAPTION` does."""
        node: E | None = element
        for _ in range(_CAPTION_WRAPPERS):
            if node is None:
                break
            before = self.tree.previous(node)
            if before is not None:
                inner = self.tree.children(before) if self.tree.name(before) in ("p", "div") else ()
                if (  # bold, as a `**表 1**` line: not prose, `Table A.1 lists the codes.`
                    inner
                    and self.tree.name(inner[0]) in ("strong", "b")
                    and _HTML_CAPTION.match(text.join(self.tree.paragraphs(inner[0])))
                ):
                    return text.join(self.tree.paragraphs(before))
                if self.tree.name(before) == "p" and _captions(
                    whole := text.join(self.tree.paragraphs(before))
                ):
                    return whole  # Oracle's `<p class="titleintable">Table 2-1 Common ORA Errors`
                break
            node = self.tree.parent(node)
        return ""

    def _caption(self, line: int) -> str:
        """A `**表 1** …` caption (`_CAPTION`) just above the table (blank or anchor lines
        between)."""
        number = line - 2
        for _ in range(_CAPTION_LOOKBACK):
            if number < 0:
                break
            candidate = self.page.line(number)
            if _CAPTION.match(candidate):
                try:
                    return markdown.inline_text(
                        candidate, fast_tree=self.fast_tree, source=self.source, line=number + 1
                    )
                except pipes.TooManyMarkers as many:
                    raise markdown.too_many_markers(many, self.source, number + 1) from None
            if not _ANCHOR_LINE.fullmatch(candidate):
                break
            number -= 1
        return ""


def _failures(read: grid.Grid) -> float:
    """The share of a table's rows with a cell that names a failure (`Permission denied`,
    `参数错误`): a table of errors grouped under a heading of other things (`## Permissions`,
    `## Payment methods` on an error-code page) names them on most of its rows, a list of
    opcodes or levels on few or none (Discord's one `Invalid Session` of eleven)."""
    if not read.body:
        return 0.0
    failing = sum(
        any(
            values.mentions_failure(paragraph)
            for cell in row.cells
            for paragraph in cell.paragraphs
        )
        for row in read.body
    )
    return failing / len(read.body)


def _headers(read: grid.Grid) -> list[str]:
    """Each column's header: the distinct paragraphs of its header rows, joined."""
    return [
        text.join(_distinct(row.cells[i].paragraphs for row in read.header))
        for i in range(read.width)
    ]


def _other_readings(read: grid.Grid) -> Iterator[grid.Grid]:
    """The grid read another way, for a table no column keys as written: a column of codes
    and their names split in two (MS-ERREF's `0xC0000001` above `STATUS_UNSUCCESSFUL`),
    then its rows as columns (QWeather's `<th>状态码</th><td>ok</td>…`)."""
    if (split := _split_code_and_name(read)) is not read:
        yield split
    if read.sideways:
        yield _turned(read)


NAME_HEADERS = ("Name", "\u540d\u79f0")
"""The header of a column of names split from a column of codes (`_split_code_and_name`):
English, or Chinese (名称) where the table's headers are."""


def _split_code_and_name(read: grid.Grid) -> grid.Grid:
    """The grid with a column whose every cell holds a code and its name as two paragraphs
    (`values.code_and_name`: MS-ERREF's `Return value/code` over `0xC0000001` and
    `STATUS_UNSUCCESSFUL`) read as two columns, the code's under the header written and a
    `Name` column beside it: one cell held no code, and the table was passed by. Tried only
    on a table no column keys as written (a status `200` above `OK`, a limit `100` above
    `QPS`, stay one cell; found by review). A cell a span repeats stays one pair of cells
    (the reader tells cells apart by identity)."""
    if not read.header or not read.body:
        return read
    for index in range(read.width):
        cells = [row.cells[index] for row in read.body if row.cells[index].text]
        spanning = [row.cells[index] for row in read.header]
        if (
            len(cells) >= 2
            and all(values.code_and_name(cell.paragraphs) for cell in cells)
            and not any(
                index + 1 < read.width and row.cells[index + 1] is row.cells[index]
                for row in (*read.header, *read.body)
            )
            and all(cell.text for cell in spanning)
        ):
            return _split_at(read, index)
    return read


def _split_at(read: grid.Grid, index: int) -> grid.Grid:
    headers = " ".join(cell.text for row in read.header for cell in row.cells)
    chinese = values.CHINESE.search(headers) is not None
    header = Cell(NAME_HEADERS[chinese], (NAME_HEADERS[chinese],))
    pairs: dict[int, tuple[Cell, Cell]] = {}

    def split(cell: Cell) -> tuple[Cell, Cell]:
        if id(cell) not in pairs:
            code, name = cell.paragraphs
            pairs[id(cell)] = (Cell(code, (code,)), Cell(name, (name,)))
        return pairs[id(cell)]

    def widened(row: grid.GridRow, head: bool) -> grid.GridRow:
        cell = row.cells[index]
        if all(other is cell for other in row.cells):  # a heading across the row
            pair = (cell, cell)
        elif head:
            pair = (cell, header)
        elif values.code_and_name(cell.paragraphs):
            pair = split(cell)
        else:
            pair = (cell, grid.EMPTY)
        cells = (*row.cells[:index], *pair, *row.cells[index + 1 :])
        written = row.written + 1 if row.written > index else row.written
        return dataclasses.replace(row, cells=cells, written=written)

    return dataclasses.replace(
        read,
        header=tuple(widened(row, True) for row in read.header),
        body=tuple(widened(row, False) for row in read.body),
        titles=tuple(widened(row, True) for row in read.titles),
        width=read.width + 1,
    )


def _unfolded(read: grid.Grid) -> grid.Grid:
    """A table laid out as the same columns twice side by side (Douyin's `错误码 | 描述 |
    错误码 | 描述`, two codes to a row) read as one table of those columns, each row's left
    half then its right half: the second code column had no role, its codes were lost, and
    the first code took the other's description. A right half left empty (an odd number of
    codes) is no row; a heading across the row stays one row."""
    half, odd = divmod(read.width, 2)
    if odd or half < 2 or not read.header or not read.body:
        return read
    headers = _headers(read)
    if not all(headers[:half]) or headers[:half] != headers[half:]:
        return read
    if any(row.cells[half - 1] is row.cells[half] for row in read.header):
        return read  # a header spanning both halves: one table of its own columns

    def halves(row: grid.GridRow) -> Iterator[grid.GridRow]:
        left, right = row.cells[:half], row.cells[half:]
        heading = all(cell is row.cells[0] for cell in row.cells)
        if heading or any(cell.text for cell in left):  # an empty half is no row
            yield dataclasses.replace(row, cells=left, written=min(row.written, half))
        if heading:
            return  # a heading across the row: said once
        if any(cell.text for cell in right):
            yield dataclasses.replace(row, cells=right, written=max(row.written - half, 0))

    return dataclasses.replace(
        read,
        header=tuple(
            dataclasses.replace(row, cells=row.cells[:half], written=min(row.written, half))
            for row in read.header
        ),
        body=tuple(part for row in read.body for part in halves(row)),
        titles=tuple(dataclasses.replace(row, cells=row.cells[:half]) for row in read.titles),
        width=half,
    )


def _turned(read: grid.Grid) -> grid.Grid:
    """A table that heads its rows (`grid.Grid.sideways`) read with its rows as columns:
    the header cells of its rows head the columns, each of its columns of data a row, at
    the line of the table's first row (a column has no line of its own)."""
    rows = (*read.titles, *read.header, *read.body)
    line = rows[0].line
    header = grid.GridRow(line, tuple(row.cells[0] for row in rows), len(rows), False)
    body = tuple(
        grid.GridRow(line, tuple(row.cells[column] for row in rows), len(rows), False)
        for column in range(1, read.width)
    )
    return grid.Grid(line=read.line, header=(header,), body=body, width=len(rows))


def _coded_columns(read: grid.Grid) -> list[list[str]]:
    """The texts of each column of the body, but the heading rows' (`values.is_heading`),
    which say nothing of what the column holds."""
    columns = [[row.cells[i].text for row in read.body] for i in range(read.width)]
    if read.width < 2:
        return columns
    headings = {
        index
        for index, (first, second) in enumerate(zip(columns[0], columns[1], strict=True))
        if values.maybe_heading(first, second)
        and values.is_heading([column[index] for column in columns])
    }
    if not headings:
        return columns
    return [
        [text for index, text in enumerate(column) if index not in headings] for column in columns
    ]


def _body_rows(body: pipes.Body, source: str) -> Iterator[grid.GridRow]:
    """A pipe table's body rows from its text (`markdown.Page.bodies`), as the page's tree
    would give them: a new Cell for every cell (the reader tells cells apart by identity)."""
    for line, cells in body.rows():
        made = tuple(_pipe_cell(body, cell, source, line) for cell in cells)
        yield grid.GridRow(line=line, cells=made, written=len(made), from_above=False)


def _pipe_cell(body: pipes.Body, cell: str, source: str, line: int) -> Cell:
    """A pipe cell as a tree's `td` reads: its text when it holds no markup and no character
    the HTML readers treat apart, else its HTML's paragraphs as the reference reads them."""
    if body.is_plain(cell) and not fast.odd_characters(cell):
        normalized = text.normalize(cell)
        return Cell(normalized, (normalized,) if normalized else ())
    found = _cell_paragraphs(pipes.cell_html(body.md, cell, body.env), source, line)
    return Cell(text.join(found), found)


_CELL_DEPTH = MAX_DEPTH - 1
"""How deep a cell's markup may nest in `<table><tr><td>`: a table's tree has `tbody` too."""


def _cell_paragraphs(html: str, source: str, line: int) -> tuple[str, ...]:
    """The paragraphs of a `td` holding `html`: from lxml when the scan finds the markup
    plain enough that it reads as the reference does (`fast.fragment`), else from the
    reference; nested past MAX_DEPTH in the table, an error at the row's line, as the
    reference gives for the table whole."""
    wrapped = f"<table><tr><td>{html}</td></tr></table>"
    root = fast.fragment(wrapped)
    if root is not None:
        table = next(root.iter("table"))
        if grid.too_deep(table, _CELL_DEPTH, fast.LxmlTree()) is None:
            return fast.paragraphs(next(table.iter("td")))
    from . import soup

    found = soup.soup(wrapped, source=source, line=line)
    if found.table is not None and grid.too_deep(found.table, _CELL_DEPTH, soup.SoupTree()):
        raise SourceError(
            f"elements are nested more than {MAX_DEPTH} deep inside a table, "
            f"expected at most {MAX_DEPTH}",
            path=source,
            line=line,
        )
    cell = found.td
    return () if cell is None else soup.paragraphs(cell)


def _distinct(items: Iterable[tuple[str, ...]]) -> list[str]:
    """Paragraphs of several header rows, each text once (a spanned header repeats)."""
    out: list[str] = []
    for paragraphs in items:
        for paragraph in paragraphs:
            if paragraph not in out:
                out.append(paragraph)
    return out


def _columns(headers: list[str], found: Sequence[Role | None]) -> tuple[Column, ...]:
    """Columns with their roles and keys unique within the table."""
    columns: list[Column] = []
    taken: set[str] = set()
    for position, (header, role) in enumerate(zip(headers, found, strict=True)):
        base = role.value if role is not None else f"column_{position + 1}"
        key, suffix = base, 2
        while key in taken:
            key, suffix = f"{base}_{suffix}", suffix + 1
        taken.add(key)
        columns.append(Column(key=key, header=header, role=role))
    return tuple(columns)
