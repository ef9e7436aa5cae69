"""HTML's implied end tags of table cells, rows and row groups, written out before any tree
is built.

HTML lets a page leave out `</td>`, `</th>`, `</tr>`, `</thead>`, `</tbody>` and `</tfoot>`:
the next cell, row, row group or the table's end closes them (minified pages do it, and
hand-written tables). libxml2 and browsers read it so; html.parser, the reference, does
not, and nested each cell in the one before: a code table silently became one cell per
row, or past 256 rows a table "nested too deep". So the page's HTML gets those end tags
where HTML implies them, on the same lines (no line moves), and both trees read the table
as written.

Only a page the fast tree declines comes here (its scan passes only markup whose every
element is closed by its own end tag), walked a tag at a time (a count of start and end
tags was fooled by one end tag too many elsewhere). Text in a comment, or in an element
html.parser reads as text (a script, a style), is not markup and is left alone.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_TAG = re.compile(
    r"<!--.*?(?:-->|\Z)|<(/?)([A-Za-z][A-Za-z0-9]*)(?=[\t\n\f\r />])[^>]*>?",
    re.DOTALL,
)
"""A comment, or a start or end tag of an element (its attributes are skipped roughly: a
`>` in a quoted value ends it early, which changes nothing here)."""
_RAW_TEXT = frozenset(HTMLParser.CDATA_CONTENT_ELEMENTS) | frozenset(
    getattr(HTMLParser, "RCDATA_CONTENT_ELEMENTS", ())
)
"""The elements whose text html.parser, the reference, reads as text, never as markup."""
_GROUPS = ("thead", "tbody", "tfoot")
_IN_ROW = ("tr", *_GROUPS)
_STARTS = {"td": _IN_ROW, "th": _IN_ROW, "tr": _GROUPS, **dict.fromkeys(_GROUPS, ())}
"""What a start tag of each element keeps open in its table (the rest it ends, innermost
first): a cell keeps its row and row group, a row its row group, a row group nothing."""
_ENDS = {"tr": _IN_ROW, **dict.fromkeys(_GROUPS, _GROUPS)}
"""Likewise for an end tag, before it ends its own element (a cell's ends only itself)."""


def closed(html: str) -> str:
    """`html` with the end tags of table cells, rows and row groups that HTML implies
    written out; `html` itself when none is left out."""
    out: list[str] = []
    done = 0
    tables: list[list[str]] = []  # per open table: its open row group, row and cell
    raw: str | None = None
    for match in _TAG.finditer(html):
        ending, name = match.group(1), match.group(2)
        if name is None:
            continue  # a comment
        name = name.lower()
        if raw is not None:
            if ending and name == raw:
                raw = None
            continue
        if name in _RAW_TEXT and not ending:
            if not match.group().endswith("/>"):  # html.parser closes `<script/>` at once
                raw = name
            continue
        at = match.start()
        if name == "table":
            if ending:
                if tables:
                    done = _close(html, out, done, at, tables.pop(), ())
            else:
                tables.append([])
            continue
        if not tables:
            continue
        open_ = tables[-1]
        if name in _STARTS:
            if not ending:
                done = _close(html, out, done, at, open_, _STARTS[name])
                open_.append(name)
                continue
            if name in _ENDS:
                done = _close(html, out, done, at, open_, _ENDS[name])
            if open_ and open_[-1] == name:  # another's end tag closes nothing
                open_.pop()
        elif name == "caption" and not ending:
            done = _close(html, out, done, at, open_, ())
    if not out:
        return html
    out.append(html[done:])
    return "".join(out)


def _close(
    html: str, out: list[str], done: int, at: int, open_: list[str], keep: tuple[str, ...]
) -> int:
    """End tags for what is open in one table down to an element of `keep` (innermost
    first), written just before `at`; where the text is copied up to now."""
    ends = []
    while open_ and open_[-1] not in keep:
        ends.append(f"</{open_.pop()}>")
    if not ends:
        return done
    out.append(html[done:at])
    out.append("".join(ends))
    return at
