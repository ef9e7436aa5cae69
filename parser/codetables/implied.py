"""HTML's implied end tags of table cells and rows, written out before any tree is built.

HTML lets a page leave out `</td>`, `</th>` and `</tr>`: the next cell, row, row group or
the table's end closes them (minified pages do it, and hand-written tables). libxml2 and
browsers read it so; html.parser, the reference, does not, and nested each cell in the one
before: a code table silently became one cell per row, or past 256 rows a table "nested too
deep". So the page's HTML gets those end tags where HTML implies them, on the same lines
(no line moves), and both trees read the table as written.

Only a page the fast tree declines comes here (its scan passes only markup whose every
element is closed by its own end tag); one whose cells and rows are all closed is passed by
after one count, the others are walked a tag at a time. Text in a comment, a script, a
style or another raw-text element is not markup and is left alone.
"""

from __future__ import annotations

import re

_CELLS = re.compile(r"<(/?)(t[dhr])(?=[\t\n\f\r />])", re.IGNORECASE)
"""Start and end tags of cells and rows (`<td`, `</TR`), for the counts."""
_TAG = re.compile(
    r"<!--.*?(?:-->|\Z)|<(/?)([A-Za-z][A-Za-z0-9]*)(?=[\t\n\f\r />])[^>]*>?",
    re.DOTALL,
)
"""A comment, or a start or end tag of an element (its attributes are skipped roughly: a
`>` in a quoted value ends it early, which changes nothing here)."""
_RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp", "iframe", "plaintext"})
_ROW_GROUPS = frozenset({"thead", "tbody", "tfoot"})


def closed(html: str) -> str:
    """`html` with the end tags of table cells and rows that HTML implies written out."""
    if _balanced(html):
        return html
    out: list[str] = []
    done = 0
    tables: list[list[str]] = []  # per open table, its open row and cell ("tr", "td")
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
            raw = name
            continue
        if name == "table":
            if ending:
                if tables:
                    done = _close(html, out, done, match.start(), tables.pop())
            else:
                tables.append([])
            continue
        if not tables:
            continue
        open_ = tables[-1]
        if name in ("td", "th"):
            if ending:
                if open_ and open_[-1] == name:  # another's end tag closes nothing
                    open_.pop()
            else:
                done = _close(html, out, done, match.start(), open_, keep=("tr",))
                open_.append(name)
        elif name == "tr":
            if ending:
                done = _close(html, out, done, match.start(), open_, keep=("tr",))
                if open_:
                    open_.pop()
            else:
                done = _close(html, out, done, match.start(), open_)
                open_.append("tr")
        elif name in _ROW_GROUPS or name == "caption":
            done = _close(html, out, done, match.start(), open_)
    if not out:
        return html
    out.append(html[done:])
    return "".join(out)


def _balanced(html: str) -> bool:
    """Whether every cell and row start tag has an end tag, by count (the common case)."""
    counts = {"td": 0, "th": 0, "tr": 0}
    for ending, name in _CELLS.findall(html):
        counts[name.lower()] += -1 if ending else 1
    return not any(counts.values())


def _close(
    html: str,
    out: list[str],
    done: int,
    at: int,
    open_: list[str],
    *,
    keep: tuple[str, ...] = (),
) -> int:
    """End tags for the open row and cell of one table (but those of `keep`, innermost
    first), written just before `at`; where the text is copied up to now."""
    ends = []
    while open_ and open_[-1] not in keep:
        ends.append(f"</{open_.pop()}>")
    if not ends:
        return done
    out.append(html[done:at])
    out.append("".join(ends))
    return at
