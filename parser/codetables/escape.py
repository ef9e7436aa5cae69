"""Escaping filters, one per target language: generated text is data, never code.

Every string that reaches an artifact passes through one of these. Each is total (any `str`
in, a safe literal or fragment out) and tested against hostile input.
"""

from __future__ import annotations

import bisect
import json
import json.encoder
import re
import unicodedata
import urllib.parse
from collections.abc import Callable, Iterable
from typing import Any, Protocol

LINE_LENGTH = 88
"""The line length generated Python is laid out for: ruff's and black's default."""

_PY_NAMED = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _py_char(char: str, quote: str) -> str:
    if char in _PY_NAMED:
        return _PY_NAMED[char]
    if char == quote:
        return "\\" + char
    if char.isprintable():
        return char
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def _py_escaped(value: str, quote: str) -> str:
    """`value` with backslashes, `quote` and non-printable characters escaped, as
    `_py_char` escapes each character, without a call per character when the text is
    printable (nearly always): then only the backslash and the quote change."""
    if not value.isprintable():
        return "".join(_py_char(char, quote) for char in value)
    if "\\" in value:
        value = value.replace("\\", "\\\\")
    if quote and quote in value:
        value = value.replace(quote, "\\" + quote)
    return value


def py_str(value: str) -> str:
    """A Python string literal equal to `value`, quoted the way `ruff format` would quote it.

    Double quotes unless the text holds more double than single quotes; backslashes, the
    quote, and every non-printable character (controls, bidi marks, U+2028, NUL) escaped, so
    the literal is one line and reads the same in any editor.
    """
    if '"' not in value and "\\" not in value and value.isprintable():
        return '"' + value + '"'  # most texts: nothing to escape (three scans, not five)
    quote = "'" if value.count('"') > value.count("'") else '"'
    return quote + _py_escaped(value, quote) + quote


def py_literal(value: str | int | None) -> str:
    """A Python literal for a model value: a string (see `py_str`), an integer, or None."""
    if type(value) is str:
        return py_str(value)
    if value is None:
        return "None"
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise TypeError(f"no literal for {type(value).__name__}")
    return str(value) if isinstance(value, int) else py_str(value)


def py_hex(value: int) -> str:
    """An integer as a hexadecimal literal the way `ruff format` writes it (`0x1A`)."""
    return ("-" if value < 0 else "") + f"0x{abs(value):X}"


def py_comment(value: str) -> str:
    """Text for a `#` comment: one line, every non-printable character escaped."""
    if value.isprintable():
        return value
    return "".join(_py_char(char, "") if char != "\\" else char for char in value)


def py_constant(value: str, name: str) -> str:
    """`NAME = "value"`, laid out as `ruff format` lays it out at the default line length.

    A statement too wide for one line gets its literal in parentheses on a line of its own,
    unless that is still too wide (then ruff leaves it alone, and so do we).
    """
    literal = py_str(value)
    line = f"{name} = {literal}"
    if _width(line) <= LINE_LENGTH or _width(literal) + 4 > LINE_LENGTH:
        return line
    return f"{name} = (\n    {literal}\n)"


_WIDTHS: tuple[tuple[int, int, int], ...] = (
    (0x009BE, 0x009BE, 0),
    (0x009D7, 0x009D7, 0),
    (0x00B3E, 0x00B3E, 0),
    (0x00B57, 0x00B57, 0),
    (0x00BBE, 0x00BBE, 0),
    (0x00BD7, 0x00BD7, 0),
    (0x00CC0, 0x00CC0, 0),
    (0x00CC2, 0x00CC2, 0),
    (0x00CC7, 0x00CC8, 0),
    (0x00CCA, 0x00CCB, 0),
    (0x00CD5, 0x00CD6, 0),
    (0x00D3E, 0x00D3E, 0),
    (0x00D4E, 0x00D4E, 0),
    (0x00D57, 0x00D57, 0),
    (0x00DCF, 0x00DCF, 0),
    (0x00DDF, 0x00DDF, 0),
    (0x01715, 0x01715, 0),
    (0x01734, 0x01734, 0),
    (0x017A4, 0x017A4, 2),
    (0x017D8, 0x017D8, 0),
    (0x01B35, 0x01B35, 0),
    (0x01B3B, 0x01B3B, 0),
    (0x01B3D, 0x01B3D, 0),
    (0x01B43, 0x01B44, 0),
    (0x01BAA, 0x01BAA, 0),
    (0x01BF2, 0x01BF3, 0),
    (0x02630, 0x02637, 2),
    (0x0268A, 0x0268F, 2),
    (0x02D7F, 0x02D7F, 1),
    (0x0302E, 0x0302F, 0),
    (0x03164, 0x03164, 0),
    (0x04DC0, 0x04DFF, 2),
    (0x0A8FA, 0x0A8FA, 0),
    (0x0A953, 0x0A953, 0),
    (0x0A9C0, 0x0A9C0, 0),
    (0x0FF9E, 0x0FFA0, 0),
    (0x111C0, 0x111C0, 0),
    (0x111C2, 0x111C3, 0),
    (0x11235, 0x11235, 0),
    (0x1133E, 0x1133E, 0),
    (0x1134D, 0x1134D, 0),
    (0x11357, 0x11357, 0),
    (0x114B0, 0x114B0, 0),
    (0x114BD, 0x114BD, 0),
    (0x115AF, 0x115AF, 0),
    (0x116B6, 0x116B6, 0),
    (0x1171E, 0x1171E, 1),
    (0x11930, 0x11930, 0),
    (0x1193D, 0x1193D, 0),
    (0x1193F, 0x1193F, 0),
    (0x11941, 0x11941, 0),
    (0x11A84, 0x11A89, 0),
    (0x11D46, 0x11D46, 0),
    (0x16FF0, 0x16FF1, 0),
    (0x1D165, 0x1D166, 0),
    (0x1D16D, 0x1D172, 0),
    (0x1D300, 0x1D356, 2),
    (0x1D360, 0x1D376, 2),
)
"""(first, last, width) of the printable characters whose width ruff counts otherwise than
`_char_width`'s rule says: vowel signs that extend the letter before them (`Mc`), signs
written before a letter, symbols wide in a newer Unicode than this Python's. Measured with
ruff format over every printable character (a test holds the two to the same widths)."""
_WIDTH_STARTS = [first for first, _, _ in _WIDTHS]


def _width(text: str) -> int:
    """Display width as ruff counts it, character by character (`_char_width`)."""
    if text.isascii():
        return len(text)
    return len(text) + sum(_char_width(wide) - 1 for wide in _NON_ASCII.findall(text))


_NON_ASCII = re.compile("[^\x00-\x7f]")


def _char_width(character: str) -> int:
    """A printable character's width as ruff counts it: none for a mark that combines with
    the letter before it (`Mn`, `Me`) and for a Hangul vowel or final consonant of a
    syllable spelled in parts; two for East Asian Wide and Fullwidth; else one, but for
    `_WIDTHS`."""
    code = ord(character)
    at = bisect.bisect_right(_WIDTH_STARTS, code) - 1
    if at >= 0 and code <= _WIDTHS[at][1]:
        return _WIDTHS[at][2]
    if unicodedata.category(character) in ("Mn", "Me"):
        return 0
    if 0x1160 <= code <= 0x11FF or 0xD7B0 <= code <= 0xD7FF:
        return 0
    return 2 if unicodedata.east_asian_width(character) in "WF" else 1


def py_doc(value: str) -> str:
    """Text for the inside of a `\"\"\"` docstring line: no quote, backslash or line break."""
    return _py_escaped(value, '"')


_MD_ESCAPED = frozenset("\\`*[]|{}")
"""Characters both CommonMark and Python-Markdown (with `tables`) read back after a `\\`."""
_MD_REFERENCED = {"<": "&lt;", ">": "&gt;", "&": "&amp;", "~": "&#126;"}
"""Characters written as character references: Python-Markdown has no backslash escape for
them (`\\<` shows the backslash), and a `<` that is never bare keeps `<br>` unambiguous."""
_MD_BLANKS = re.compile(r"[\t\n\r\v\f\x85\u2028\u2029]")
_MD_ORDERED = re.compile(r"([0-9]+)[.)]")
_MD_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
MD_BREAK = "<br>"
"""What separates a cell's paragraphs in a GFM table cell: the one raw HTML tag written."""


_MD_LINKED = {"$": "&#36;", "@": "&#64;"}
"""Characters written as references so that GitHub makes nothing of the page's text: `$`
opens its math (`$x^2$`), `@` an e-mail address it links (`admin@example.com`)."""
_MD_ACTIVE = re.compile(
    r"[\\`*\[\]|{}<>&~$@]|(?<![^\W_])_|_(?![^\W_])|:(?=//)|(?<![^\W_])[Ww]{3}\."
)
"""What `md_cell` changes in printable text: the characters above, a `_` that is not
between two letters or digits (`[^\\W_]` is exactly `str.isalnum`), and what GFM's
extended autolinks start at: the `:` of `https://`, the `.` of a `www.` that opens a word
(written `&#58;` and `&#46;`: the text, never a link)."""
_MD_MAYBE_ACTIVE = re.compile(r"[\\`*\[\]|{}<>&~_$@]")
"""Any character `_MD_ACTIVE` may change (but the starts of autolinks, `_maybe_linked`):
a search for one is a plain scan, and most cells
hold none (2,385 of the corpus' 79,080 paragraphs), so most skip the substitution, whose
call back into Python made it three times as slow even where it changed nothing."""
_MD_REPLACED = {
    **{char: "\\" + char for char in _MD_ESCAPED},
    **_MD_REFERENCED,
    **_MD_LINKED,
    "_": "\\_",
    ":": "&#58;",
}


def _md_replaced(match: re.Match[str]) -> str:
    found = match.group()
    return _MD_REPLACED[found] if len(found) == 1 else found[:3] + "&#46;"


def _maybe_linked(value: str) -> bool:
    """Whether text may hold what starts an autolink (`://`, a `www.` in any case): plain
    substring tests (a pattern with those alternatives made every cell's first search
    three times as slow)."""
    return "://" in value or "ww." in value or "wW." in value or "Ww." in value or "WW." in value


def md_cell(value: str) -> str:
    """Text for one GFM table cell that renders back to exactly `value`, on GitHub
    (CommonMark) and in MkDocs (Python-Markdown) alike.

    Markdown-active characters are backslash-escaped (`_` only where it could be emphasis),
    `<`, `>`, `&` and `~` written as character references; invisible format characters (bidi
    marks, zero-width joiners) are written as character references so the source shows them.
    A cell is one line of inline text: line breaks become spaces, and control characters,
    which CommonMark cannot carry, become U+FFFD.
    """
    if value.isprintable():  # nearly always: one search instead of a step per character
        if _MD_MAYBE_ACTIVE.search(value) is None and not _maybe_linked(value):
            return value
        return _MD_ACTIVE.sub(_md_replaced, value)
    return _md_cell_by_char(value)


def _md_cell_by_char(value: str) -> str:
    """`md_cell`, a character at a time: the definition the fast path is tested against."""
    value = _MD_CONTROLS.sub("\ufffd", _MD_BLANKS.sub(" ", value))
    out: list[str] = []
    last = len(value) - 1
    for index, char in enumerate(value):
        if char in _MD_ESCAPED:
            out.append("\\" + char)
        elif char in _MD_REFERENCED:
            out.append(_MD_REFERENCED[char])
        elif char in _MD_LINKED:
            out.append(_MD_LINKED[char])
        elif char == ":" and value.startswith("//", index + 1):
            out.append("&#58;")  # `https://`: no autolink
        elif (
            char == "."
            and index >= 3
            and value[index - 3 : index].lower() == "www"
            and not (index > 3 and value[index - 4].isalnum())
        ):
            out.append("&#46;")  # a `www.` opening a word: no autolink
        elif char == "_" and not (
            0 < index < last and value[index - 1].isalnum() and value[index + 1].isalnum()
        ):
            out.append("\\_")
        elif not char.isprintable() and _reference_keeps(ord(char)):
            out.append(f"&#x{ord(char):X};")
        else:
            out.append(char)
    return "".join(out)


def md_paragraphs(paragraphs: tuple[str, ...] | list[str]) -> str:
    """A cell's paragraphs for one GFM table cell, joined by `<br>` so its breaks stay visible.

    Each paragraph is escaped as `md_cell` escapes it, so no `<` in the text is left bare and
    every `<br>` in the result is a break this filter wrote; the paragraphs are non-empty, as
    the model holds them, and split at the breaks they read back one for one.
    """
    if len(paragraphs) == 1:  # most cells
        return md_cell(paragraphs[0])
    return MD_BREAK.join(map(md_cell, paragraphs))


class _Celled(Protocol):
    @property
    def paragraphs(self) -> tuple[str, ...]: ...


def md_row(cells: Iterable[_Celled]) -> str:
    """A table row's line: `| a | b |`, each cell's paragraphs as `md_paragraphs` writes
    them. One filter call a row, where a loop in the template made three pieces a cell for
    Jinja to hand on (a tenth of the Markdown page's time)."""
    return "|" + "".join([" " + md_paragraphs(cell.paragraphs) + " |" for cell in cells])


def py_items(values: Iterable[str | int | None], indent: int) -> str:
    """One line per value, `indent` spaces, its `py_literal` and a comma: the items of a
    tuple laid out as `ruff format` lays them out, one filter call for all of them."""
    margin = " " * indent
    return "".join([margin + py_literal(value) + ",\n" for value in values])


def _reference_keeps(code: int) -> bool:
    """Whether a numeric character reference to `code` reads back as itself in CommonMark
    (noncharacters and controls become U+FFFD; those are written as they are)."""
    return not (
        0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE or code < 0x20 or 0x7F <= code <= 0x9F
    )


def md_link_target(value: str) -> str:
    """A relative path as a Markdown link destination: percent-encoded, `/` kept, so spaces,
    parentheses, pipes and CJK survive any renderer and any table cell."""
    return urllib.parse.quote(value, safe="/")


def md_text(value: str) -> str:
    """Text for a heading or a paragraph line: a cell's escaping, plus what is active at the
    edges of a line (a leading `#`, `-`, `+`, `=`, or `1.`, a trailing `#`; `=` as a
    reference, which Python-Markdown has no backslash escape for)."""
    out = md_cell(value)
    tail = ""
    if len(out) > 1 and out.endswith("#"):
        out, tail = out[:-1], "\\#"
    if out[:1] == "=":
        out = "&#61;" + out[1:]
    elif out[:1] in ("#", "-", "+"):
        out = "\\" + out
    elif match := _MD_ORDERED.match(out):
        out = match.group(1) + "\\" + out[match.end(1) :]
    return out + tail


def json_value(value: Any) -> str:
    """A JSON document for `value`: UTF-8 text, fixed key order, two-space indent.

    Exactly `json.dumps(value, ensure_ascii=False, indent=2)`, which with an indent encodes
    in pure Python, several generator steps per value: `_JsonLayout` writes the same text
    with the standard library's C string encoder, and leaves what it does not know to
    `json.dumps`.
    """
    return "".join(json_pieces(value))


def json_pieces(value: Any) -> list[str]:
    """`json_value`'s text in consecutive pieces, for a caller that joins them once with
    more around them (`render`'s JSON artifact and its header): a 100,000-row table's text
    is 120 MB, and every whole copy of it counts."""
    chunks: list[str] = []
    try:
        _JsonLayout(value, chunks.append)
    except (_Unusual, TypeError, RecursionError):
        return [json.dumps(value, ensure_ascii=False, indent=2, default=_made)]
    return chunks


def json_write(value: Any, write: Callable[[str], None]) -> None:
    """`json_value`'s text handed to `write` a chunk at a time as it is laid out, never
    whole: for codetables' own payload (`render.payload`), of plain JSON values and `Made`
    lists only; anything else is a ValueError, once some chunks may have been written."""
    try:
        _JsonLayout(value, write)
    except _Unusual:
        raise ValueError("not a payload of plain JSON values") from None


class Made:
    """A list whose items are made as the JSON is laid out, one at a time, then dropped:
    a 100,000-row table's rows as plain data take more than its JSON text. `make` gives
    the items afresh each time it is called."""

    __slots__ = ("empty", "lay", "make")

    def __init__(
        self,
        make: Callable[[], Iterable[Any]],
        *,
        empty: bool,
        lay: Callable[[str], Iterable[str]] | None = None,
    ) -> None:
        self.make = make
        self.empty = empty
        self.lay = lay
        """Optional: the items' text, each as the layout would write `make`'s at the depth
        its argument says (a line break and the indent), for items whose shape is known:
        a table's rows laid out by a format string rather than value by value."""


def _made(value: object) -> list[Any]:
    """`Made` items for `json.dumps` (the layout's fallback); anything else is not JSON."""
    if isinstance(value, Made):
        return list(value.make())
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


class _Unusual(Exception):
    """A value `_JsonLayout` leaves to `json.dumps`: a float, a subclass, something not JSON
    at all (for its error). A key not a string (a TypeError from the string encoder) and a
    reference cycle (found as recursion) are left to it too."""


json_string: Callable[[str], str] = json.encoder.encode_basestring
"""A JSON string literal, as `json.dumps(value, ensure_ascii=False)` writes it."""
_JSON_WORDS = {None: "null", True: "true", False: "false"}


class _JsonLayout:
    """`json.dumps(value, ensure_ascii=False, indent=2)`, written piece by piece: strings
    (most of a payload) are encoded where they are met, not by a call. The pieces are joined
    into a chunk after every list item once `CHUNK` of them wait: a list of small strings
    takes several times the memory of their text, and a 100,000-row table has millions."""

    CHUNK = 1 << 16
    LAID_CHUNK = 1 << 20
    """Characters of laid-out items (`Made.lay`, two pieces an item) joined at once."""

    def __init__(self, value: Any, write: Callable[[str], None], newline: str = "\n") -> None:
        self.parts: list[str] = []
        self.add = self.parts.append
        self.write = write
        self.value(value, newline)
        self.flush()

    def flush(self) -> None:
        """The pieces so far joined into one chunk, handed on."""
        self.write("".join(self.parts))
        self.parts.clear()

    def value(self, value: Any, newline: str) -> None:
        """Adds `value`, at the depth that `newline` (a line break and the indent of the
        line the value starts on) says."""
        add = self.add
        kind = type(value)
        if kind is str:
            add(json_string(value))
        elif kind is dict:
            if not value:
                add("{}")
                return
            inner = newline + "  "
            opening, separator = "{" + inner, "," + inner
            for key, item in value.items():
                add(opening)
                add(json_string(key))  # a key not a string: TypeError
                add(": ")
                if type(item) is str:
                    add(json_string(item))
                else:
                    self.value(item, inner)
                opening = separator
            add(newline + "}")
        elif kind is list or kind is tuple:
            self.items(value, not value, newline)
        elif kind is Made:
            if value.lay is None:
                self.items(value.make(), value.empty, newline)
            else:
                self.laid(value.lay(newline + "  "), value.empty, newline)
        elif kind is int:
            add(int.__repr__(value))
        elif value is None or kind is bool:
            add(_JSON_WORDS[value])
        else:
            raise _Unusual

    def items(self, items: Iterable[Any], empty: bool, newline: str) -> None:
        """Adds a list's items, at the depth that `newline` says."""
        add = self.add
        if empty:
            add("[]")
            return
        inner = newline + "  "
        opening, separator = "[" + inner, "," + inner
        parts = self.parts
        for item in items:
            add(opening)
            if type(item) is str:
                add(json_string(item))
            else:
                self.value(item, inner)
                if len(parts) > self.CHUNK:
                    self.flush()
            opening = separator
        add(newline + "]")

    def laid(self, texts: Iterable[str], empty: bool, newline: str) -> None:
        """Adds a list whose items come laid out already (`Made.lay`), at the depth that
        `newline` says."""
        add = self.add
        if empty:
            add("[]")
            return
        opening, separator = "[" + newline + "  ", "," + newline + "  "
        waiting = 0
        for text in texts:
            add(opening)
            add(text)
            waiting += len(text)
            if waiting > self.LAID_CHUNK:  # a few pieces, each a whole item: count their text
                self.flush()
                waiting = 0
            opening = separator
        add(newline + "]")


def laid_value(value: Any, newline: str) -> str:
    """`value` as `json_value` lays it out at the depth `newline` says (a line break and the
    indent of the line the value starts on): for a `Made.lay` that meets an item it does
    not lay out itself."""
    chunks: list[str] = []
    _JsonLayout(value, chunks.append, newline)
    return "".join(chunks)


_JS_NAMED = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def js_str(value: str) -> str:
    """A JavaScript or TypeScript string literal equal to `value`, double-quoted, that is
    also a JSON string: the quote, backslashes and every non-printable character escaped
    (controls, bidi marks, U+2028 and U+2029, which end a line in older JavaScript), and
    `<`, `>` and `&` as `\\u` escapes, so the literal cannot close a `<script>` block or
    open an HTML comment or entity wherever it is embedded."""
    out = []
    for char in value:
        if char in _JS_NAMED:
            out.append(_JS_NAMED[char])
        elif char in "<>&" or not char.isprintable():
            code = ord(char)
            if code > 0xFFFF:  # a pair of UTF-16 surrogates, as JavaScript strings hold it
                code -= 0x10000
                out.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
            else:
                out.append(f"\\u{code:04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'
