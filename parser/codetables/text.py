"""What makes text visible, whichever tree holds it: the elements that start a paragraph,
how a paragraph's whitespace collapses, and how paragraphs join into one line.

Block elements and `<br>` end a paragraph; inline markup is flattened to its text; whitespace
runs (NBSP and U+3000 included) collapse to one space. The walks themselves are the trees'
own: `soup.paragraphs` (the reference) and `fast.paragraphs`.
"""

from __future__ import annotations

import re
import unicodedata

INVISIBLE = frozenset({"script", "style", "template", "head", "title"})
"""Elements whose text no reader sees."""

BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "caption", "dd", "details", "div", "dl",
        "dt", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header",
        "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody",
        "td", "tfoot", "th", "thead", "tr", "ul",
    }
)  # fmt: skip
"""Elements that start a new paragraph."""


_SCRIPTS = {
    "sup": (
        "0123456789+-=()",
        "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079\u207a\u207b\u207c\u207d\u207e",
    ),
    "sub": (
        "0123456789+-=()",
        "\u2080\u2081\u2082\u2083\u2084\u2085\u2086\u2087\u2088\u2089\u208a\u208b\u208c\u208d\u208e",
    ),
}
SCRIPTS = frozenset(_SCRIPTS)
"""Elements a reader sees raised or lowered: `409<sup>1</sup>` is 409 and a footnote's
mark, `2<sup>31</sup>` a power, `H<sub>2</sub>O` water; written flat they would read as
`4091`, `231`, `H2O`."""
_SCRIPT_TABLES = {name: str.maketrans(plain, raised) for name, (plain, raised) in _SCRIPTS.items()}
_SCRIPTABLE = {name: frozenset(plain) for name, (plain, _) in _SCRIPTS.items()}


def scripted(name: str, written: str) -> str | None:
    """The text of a `<sup>` or `<sub>` element in Unicode's superscript or subscript
    characters (`¹`, `³¹`, `₂`), when it holds nothing else (digits, signs, parentheses,
    around spaces); None otherwise, and its text stays as written."""
    core = written.strip()
    if not core or not _SCRIPTABLE[name].issuperset(core):
        return None
    return written.translate(_SCRIPT_TABLES[name])


_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_WIDE = frozenset({"W", "F"})


def normalize(text: str) -> str:
    """Collapse whitespace runs to one space, drop control characters, strip the ends."""
    if not text.isprintable():  # (every control character is not, nor a line end)
        if text.isspace():  # the line ends and indents between tags: most such texts
            return ""
        text = _CONTROLS.sub("", text)
    return " ".join(text.split())  # split(): the whitespace of `\s`


PERMALINK_SIGNS = ("\N{PILCROW SIGN}", "\N{LINK SYMBOL}")
"""What ends a title as the link to itself that Sphinx and MkDocs put after every heading
and caption (a pilcrow; some themes a link symbol): text to no reader."""
_APART_SIGNS = (*PERMALINK_SIGNS, "#", "\N{SECTION SIGN}")
"""What a title's link to itself shows apart from its words, before them (VuePress' `#`)
or after: `C#` ends in no link."""
_ZERO_WIDTH = str.maketrans(dict.fromkeys(map(ord, "\u200b\u2060\ufeff")))
"""Zero-width space, word joiner, byte order mark: no width, no text (Docusaurus' and
VitePress' link to a heading is a zero-width space)."""


def without_permalink(title: str) -> str:
    """A heading's or caption's text without the link to itself that generators put after
    it (Sphinx's and MkDocs' `¶`, Docusaurus' zero-width space) or before it (VuePress'
    `#`); a title that is only such a sign is empty."""
    title = title.translate(_ZERO_WIDTH).strip() if not title.isprintable() else title
    if title.endswith(PERMALINK_SIGNS) or (
        title.endswith(_APART_SIGNS) and (len(title) == 1 or title[-2].isspace())
    ):
        title = title[:-1].rstrip()
    if title.startswith(_APART_SIGNS) and (len(title) == 1 or title[1].isspace()):
        title = title[1:].lstrip()
    return title


def join(parts: tuple[str, ...] | list[str]) -> str:
    """Join paragraphs as the CSS Text segment-break rule joins lines, where a paragraph
    ends a sentence or a clause.

    No space between two East Asian Wide or Fullwidth characters when the first is a
    closing punctuation mark (`继续请求。` + `这个…`: Chinese prose reads on), one space
    otherwise: list items and `<br>` lines that end in no punctuation (`检查是否过期`,
    `检查是否属于当前应用`) are separate, and read run together as one.
    """
    if len(parts) == 1:
        return parts[0]
    out = ""
    for part in parts:
        if out and not (_is_wide(out[-1]) and _is_wide(part[0]) and out[-1] in _CLOSES):
            out += " "
        out += part
    return out


_CLOSES = frozenset(
    "\u3002\uff01\uff1f\uff1b\uff1a\uff0c\u3001"  # sentence and clause ends
    "\uff09\u300d\u300f\u3011\u3015\u300b\u3009"  # closing brackets
)
"""Closing punctuation after which a wide character follows on with no space: the
ideographic full stop, comma and enumeration comma, full-width `!?;:,`, and closing
brackets and quotes."""


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in _WIDE


MAX_TAG_ATTRIBUTES = 1_000
"""Most attributes of a tag that markdown-it (a heading, a cell, an HTML block's first line)
or html.parser (`soup`) is given to read: both find a tag's end with a pattern whose memory
grows with its attributes. One tag of 1,200,000 (`<span a0 a1 …>`, 10 MB) in a heading
took 1 GB and 20 s; a real tag has a few."""
_NAME = r"<[A-Za-z][A-Za-z0-9-]*+"
_ATTRIBUTE = (
    r"\s++[A-Za-z_:][A-Za-z0-9:._-]*+"
    r"""(?:\s*+=\s*(?:[^"'=<>`\x00-\x20]+|'[^']*+'|"[^"]*+"))?+"""
)
"""An attribute of a tag as CommonMark's raw HTML writes one, with the blanks before it;
possessive but where a value of Unicode blanks may be given back (`b=\\xa0`, as
markdown-it's pattern reads it), so a match keeps no state from one attribute to the next."""
OPEN_TAG = re.compile(rf"{_NAME}(?:{_ATTRIBUTE})*+\s*+/?>")
"""A start tag as CommonMark reads one (markdown-it's own pattern, which tries every
attribute again as it fails, made possessive: the same tags)."""
_STRAY = rf"<(?!{OPEN_TAG.pattern[1:]}|/[A-Za-z][A-Za-z0-9-]*+\s*+>|!--)"
"""A `<` that opens no raw HTML in CommonMark's reading of inline Markdown: no start tag, no
end tag, no comment (`x <y`, `a < b`; a declaration's or a processing instruction's too,
`<?php`, `<!x`: html.parser reads one to the next `>`, wherever it is)."""


_ESCAPED_OR_STRAY = re.compile(rf"\\[\s\S]|{_STRAY}")
"""A backslash and what it escapes, or a `_STRAY` `<`."""


def _unopened(found: re.Match[str]) -> str:
    written = found.group()
    return "&lt;" if written == "<" else "\\&lt;" if written == "\\<" else written


def _comments_closed(markdown: str) -> str:
    """Inline Markdown with `<!--` written `&lt;!--` where no `-->` closes it in the same
    text (CommonMark reads it as text; html.parser, as a comment to the next `-->` of the
    page); one pass."""
    out: list[str] = []
    at = 0
    while (opened := markdown.find("<!--", at)) >= 0:
        closed = markdown.find("-->", opened + 2)
        if closed < 0:
            out.append(markdown[at:].replace("<!--", "&lt;!--"))
            return "".join(out)
        out.append(markdown[at : closed + 3])
        at = closed + 3
    out.append(markdown[at:])
    return "".join(out)


def strays_escaped(markdown: str) -> str:
    """Inline Markdown with every `<` that opens no raw HTML written `&lt;`: text, as
    markdown-it reads it (a `<` after a backslash too: `\\<table>` is text). Written as it
    stands in a page given to an HTML reader, it would open a tag that runs on to the next
    `>`, a table's below included (`If x <y then …` above a pipe table lost the table)."""
    if "<" not in markdown:
        return markdown
    if "<!--" in markdown:
        markdown = _comments_closed(markdown)
    return _ESCAPED_OR_STRAY.sub(_unopened, markdown)


_CROWDED_TAG = re.compile(f"{_NAME}(?:{_ATTRIBUTE}){{{MAX_TAG_ATTRIBUTES + 1}}}")
"""What starts a tag with more than `MAX_TAG_ATTRIBUTES` attributes as markdown-it reads
one, closed or not (its patterns try every attribute before they fail); the repeat
bounded, so the search keeps no more than that many steps."""
_SHORTEST_CROWDED = 2 * (MAX_TAG_ATTRIBUTES + 1)
"""No shorter text holds such a tag: an attribute is a blank and a character at least."""


def crowded(markup: str) -> bool:
    """Whether `markup` holds a tag of more than `MAX_TAG_ATTRIBUTES` attributes as
    markdown-it reads one; most texts are too short to be asked."""
    return len(markup) > _SHORTEST_CROWDED and _CROWDED_TAG.search(markup) is not None


def uncrowded(markdown: str) -> str:
    """Inline Markdown with the `<` of every tag of more than `MAX_TAG_ATTRIBUTES`
    attributes written `&lt;`: text, as markdown-it reads such a tag left open, and read in
    linear time."""
    if len(markdown) <= _SHORTEST_CROWDED:
        return markdown
    return _CROWDED_TAG.sub(lambda tag: "&lt;" + tag.group()[1:], markdown)
