"""Visible text of an HTML fragment, as paragraphs, and how paragraphs join into one line.

Block elements and `<br>` end a paragraph; inline markup is flattened to its text; whitespace
runs (NBSP and U+3000 included) collapse to one space. The walk is iterative, so a cell nested
ten thousand levels deep costs time, not the stack.
"""

from __future__ import annotations

import re
import unicodedata
import warnings

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, Tag, XMLParsedAsHTMLWarning
from bs4.element import Comment, Declaration, Doctype, NavigableString, ProcessingInstruction

BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "caption", "dd", "details", "div", "dl",
        "dt", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header",
        "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody",
        "td", "tfoot", "th", "thead", "tr", "ul",
    }
)  # fmt: skip
"""Elements that start a new paragraph."""


def soup(html: str) -> BeautifulSoup:
    """The HTML tree of a page or fragment. BeautifulSoup's guesses about the input (a
    title that looks like a URL, a page that starts with `<?xml`) are silenced: the page
    is read as HTML on purpose, and a library's warning must not reach the user's terminal."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        return BeautifulSoup(html, "html.parser")


_INVISIBLE = frozenset({"script", "style", "template", "head", "title"})
_SKIPPED_STRINGS = (Comment, Declaration, Doctype, ProcessingInstruction)
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_WIDE = frozenset({"W", "F"})


def normalize(text: str) -> str:
    """Collapse whitespace runs to one space, drop control characters, strip the ends."""
    return " ".join(_CONTROLS.sub("", text).split())  # split(): the whitespace of `\s`


def paragraphs(element: Tag) -> tuple[str, ...]:
    """The non-empty paragraphs of an element's visible text, in reading order."""
    found: list[str] = []
    parts: list[str] = []
    current_block: Tag | None = None

    def close() -> None:
        text = normalize("".join(parts))
        if text:
            found.append(text)
        parts.clear()

    for node in element.descendants:
        if isinstance(node, Tag):
            if node.name == "br":
                close()
            continue
        if not isinstance(node, NavigableString) or isinstance(node, _SKIPPED_STRINGS):
            continue
        block, visible = _enclosing_block(node, element)
        if not visible:
            continue
        if block is not current_block:
            close()
            current_block = block
        parts.append(str(node))
    close()
    return tuple(found)


def _enclosing_block(node: NavigableString, root: Tag) -> tuple[Tag, bool]:
    """The nearest block element holding `node` inside `root`, and whether it is visible."""
    block: Tag | None = None
    parent = node.parent
    while parent is not None and parent is not root:
        if parent.name in _INVISIBLE:
            return root, False
        if block is None and parent.name in BLOCKS:
            block = parent
        parent = parent.parent
    return (block if block is not None else root), True


def join(parts: tuple[str, ...] | list[str]) -> str:
    """Join paragraphs by the CSS Text segment-break rule.

    No space between two East Asian Wide or Fullwidth characters (Chinese prose reads on),
    one space otherwise.
    """
    out = ""
    for part in parts:
        if out and not (_is_wide(out[-1]) and _is_wide(part[0])):
            out += " "
        out += part
    return out


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in _WIDE
