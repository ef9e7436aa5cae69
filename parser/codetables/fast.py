"""The fast tree: lxml (libxml2) builds the page's HTML tree when the markup is plain enough
that it and the reference reader (BeautifulSoup with `html.parser`) build the same one.

libxml2 builds a tree about twenty times faster than BeautifulSoup, but it repairs broken
markup its own way (an unclosed `<td>` ends at the next one; html.parser nests them), reads
`&name` without a semicolon where html.parser does not, turns control characters into U+FFFD,
reports no line past 65,535 and stops nesting at 255 levels. So one pass over the tags
decides first, and the page takes the fast tree only when all of these hold of the HTML
both trees are built from (the page without its empty anchors; a heading's or a caption's
fragment as written, anchors and all):

- every `<` opens a tag of a known, ordinary element (no comment, script, style, head, form
  control or unknown element), written with HTML's own spaces (html.parser also splits on
  NBSP and U+3000) and plain attributes (a quote opens a value only after `=`, values hold
  no `<` or `>`), every start tag is closed by its own plain end tag in strict nesting,
  no end tag is left over, and nothing nests deeper than `MAX_DEPTH`;
- every `&` starts a reference both readers decode alike, or is a plain ampersand (in text
  and in the attributes a tree keeps: an unread attribute's value is no matter);
- no control character, noncharacter or lone surrogate is in the text (nor, likewise, in
  the attributes a tree keeps);
- the attributes codetables reads (`colspan` and `rowspan`; in a heading or a caption,
  `id` and `name`) are written plainly, each once (BeautifulSoup keeps the last of two,
  libxml2 the first);
- libxml2 reports no error (but a repeated `id`, which changes nothing in the tree);
- every cell is a child of a row, every row of a table or a row group, every row group
  and caption of a table: elsewhere HTML implies end tags libxml2 does not write.

Otherwise `tree` (a page) and `fragment` (a heading, a caption line) return None, and the
reference reads it. Lines do not come from libxml2: the n-th `<tr` (`<table`) start tag of
the scan is the n-th `tr` (`table`) element of the tree, and its line is counted in the
text. Every regular expression here runs in linear time, whatever the input.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.entities import html5
from typing import Any

from lxml import etree

from . import grid, text

LIBXML2 = (2, 14)
"""Oldest libxml2 the fast tree is held to (its HTML5 tokenizer); with an older one, lxml
built against the system's, every page is read by the reference."""
MAX_DEPTH = 200
"""Deepest nesting the fast tree takes (libxml2 stops at 255); deeper pages go to the
reference, which accepts any depth and refuses a table nested past its own limit."""

ALLOWED = frozenset(
    {
        "a", "abbr", "acronym", "address", "b", "big", "blockquote", "br", "caption", "center",
        "cite", "code", "col", "colgroup", "dd", "del", "dfn", "div", "dl", "dt", "em",
        "font", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li",
        "ol", "p", "pre", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup",
        "table", "tbody", "td", "tfoot", "th", "thead", "tr", "tt", "u", "ul", "var",
    }
)  # fmt: skip
"""Elements libxml2 and html.parser both read as plain nesting elements."""
VOID = frozenset({"br", "col", "hr", "img"})
"""Allowed elements that never have content or an end tag."""

_SPACE = "[\t\n\f\r ]"
"""HTML's whitespace (html.parser's too); not `\\s`, which holds NBSP and U+3000."""
_PLAIN_NAME = r"""[^\s"'<>/=`]++"""
_PLAIN_VALUE = (
    rf"""(?:{_SPACE}*+={_SPACE}*+(?:"[^"<>]*+"|'[^'<>]*+'|(?:[^\s"'<>=`/]|/(?!>))++))?+"""
)
_PLAIN_ATTRIBUTE = rf"{_SPACE}++{_PLAIN_NAME}{_PLAIN_VALUE}"
"""One attribute written plainly: spaces, a name, and perhaps `=` and a value, quoted or
not. A quote opens a value only after `=` (as HTML reads it): one anywhere else (`a"b`,
`x="1"y`) would have the two readers, and the lean HTML, end the tag in different places."""
_USUAL_NAME = "[A-Za-z][-A-Za-z0-9_:.]*+"
_USUAL_ATTRIBUTE = rf"""{_SPACE}++{_USUAL_NAME}="[^"<>]*+\""""
"""The form nearly every attribute of generated pages takes (`class="x"`): tried first, as
it is told in fewer steps, and whatever it matches `_PLAIN_ATTRIBUTE` matches alike (its
name ends where `=` stops the other's; a value quoted at once)."""
_UNPLAIN = re.compile(
    rf"""<(?!/[A-Za-z][A-Za-z0-9]*+{_SPACE}*+>"""
    rf"""|[A-Za-z][A-Za-z0-9]*+(?:{_USUAL_ATTRIBUTE}|{_PLAIN_ATTRIBUTE})*+{_SPACE}*+/?>)"""
)
"""A `<` that opens no tag written plainly. A plain tag is an end tag (`</name>`, nothing
else in it), or a start tag, its attributes each written plainly (space-separated), perhaps
closing itself (`<span/>`, or `<a href=x/>`: html.parser closes it at once, libxml2 reads a
start tag; `_self_closed`). Quoted values hold no `<` or `>`; outside them, a space other
than HTML's (NBSP, U+3000) is not allowed: html.parser reads it as a separator, libxml2 as
a letter. A search for the first such `<` tries every `<` of the page once, as a pass
matching the tags would, but builds nothing (a third less time than `subn` over the
corpus, which also copied the text between the tags)."""
_TAG_ATTRIBUTES = re.compile(r"<[A-Za-z][A-Za-z0-9]*+([^<>]*)>")
_NAMED = re.compile(r"&([A-Za-z][A-Za-z0-9]*;)")
_BAD_AMPERSAND = re.compile(
    r"&(?![A-Za-z][A-Za-z0-9]*;|#[0-9]{1,7};|#[xX][0-9A-Fa-f]{1,6};|[^A-Za-z0-9#]|\Z)"
)
_BAD_CHARACTER = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
)


def odd_characters(html: str) -> bool:
    """Whether text holds a character the scan declines (control characters, surrogates,
    noncharacters): libxml2 and html.parser may read it apart."""
    return _BAD_CHARACTER.search(html) is not None


EMPTY_ANCHOR = re.compile(r'<[aA][ \t]+[nN][aA][mM][eE]="[^"<>\n]*"[ \t]*>[ \t]*</[aA]>')
"""An empty `<a name>` anchor (in any case), as generated pages put two before many codes:
both trees are built without them (`anchorless`). The letters' cases are spelled out: the
same pattern with `re.IGNORECASE` took a sixth longer over the corpus."""
_NOT_A_SPAN = "(?<![sS][pP][aA][nN])"
"""After an attribute's name: the name does not end in `span`, in any case (`colspan`,
`rowspan`: both readers read those by their names in lower case)."""
_UNREAD = re.compile(
    rf"""(<[A-Za-z][A-Za-z0-9]*+)(?:{_SPACE}++{_USUAL_NAME}{_NOT_A_SPAN}="[^"<>]*+\""""
    rf"""|{_SPACE}++{_PLAIN_NAME}{_NOT_A_SPAN}{_PLAIN_VALUE})++{_SPACE}*+(?=/?>)"""
)
"""A start tag whose attributes are each written plainly, none of them a span: its name
(kept) and its attributes to its `/>` or `>` (dropped: `re.split` keeps the group alone,
and joining the parts gives the lean HTML; the engine makes no Python call per tag). They
are the attributes the fast tree never reads (`class`, `valign`, ...): half the page, and
of its tree, on generated documentation. The attributes are told as `_UNPLAIN` tells
them, alternative for alternative, a span's name refused after the name: so a tag that
loses its attributes here is a plain tag, and every other is left as written."""
_LINE = "codetables-line"
_SPANLESS = "codetables-spanless"
"""Set on the root of a page whose lean HTML writes no span: its tables' rows are placed
left to right (`grid.Tree.spanless`)."""
_H1 = re.compile(r"<h1[\t\n\f\r />]", re.IGNORECASE)
_MAYBE_ID = re.compile("id|name", re.IGNORECASE)
_SPAN_WORD = re.compile(rf"[sS][pP][aA][nN]{_SPACE}*=")
"""`span=` in any case: the end of every `colspan=` and `rowspan=` (a case-insensitive
search for those words is three times slower)."""
_VALUE = rf"""(?:"[^"]*+"|'[^']*+'|[^{_SPACE[1:-1]}"'=<>`]++)"""
_ATTRIBUTE = re.compile(
    rf"""{_SPACE}++([^{_SPACE[1:-1]}"'>/=]++)(?:{_SPACE}*+={_SPACE}*+{_VALUE})?+"""
)
"""One attribute as HTML writes it plainly; possessive throughout, so a tag that is not
written so fails at once, never by trying every way to split it."""
_ATTRIBUTES = re.compile(rf"(?:{_ATTRIBUTE.pattern})*+{_SPACE}*+")
_LINED = ("table", "tr")
_LINED_START = re.compile(rf"<(table|tr)(?={_SPACE}|/|>)", re.IGNORECASE)
_HARMLESS = frozenset({etree.ErrorTypes.DTD_ID_REDEFINED})
"""libxml2's complaints that change nothing in the tree: an `id` used twice."""


def tree(written: str, *, titled: bool = True) -> etree._Element | None:
    """The page's tree from lxml, with the source line of every `table` and `tr` element
    recorded, or None when the page must be read by the reference.

    `written` is the page's HTML as written. The scan checks it without its empty anchors,
    as every reader reads it (the reference, the implied end tags, the check for tables
    left open); libxml2 builds from the same without the attributes a page's tree is never
    asked for: all but `colspan` and `rowspan`. `titled`: the page has its title already.
    Otherwise an `<h1>` may name it, and its `id`s and `name`s, which the lean HTML drops,
    would count: such a page is the reference's (an `<h1` split by an anchor is one too).
    """
    if etree.LIBXML_VERSION < LIBXML2:
        return None
    anchorless_html = anchorless(written)
    if not titled and _H1.search(anchorless_html):
        return None
    scanned = _scan_anchorless(anchorless_html)
    if scanned is None:
        return None
    starts, built, spanless = scanned
    root = _built(built)
    if root is None:
        return None
    elements = list(root.iter(*_LINED))
    if [element.tag for element in elements] != [name for name, _ in starts]:
        return None
    if not _parts_in_place(root):
        return None
    for element, (_, line) in zip(elements, starts, strict=True):
        element.set(_LINE, str(line))
    if spanless:
        root.set(_SPANLESS, "")
    return root


_PARENTS = {
    "td": frozenset({"tr"}),
    "th": frozenset({"tr"}),
    "tr": frozenset({"table", "thead", "tbody", "tfoot"}),
    **dict.fromkeys(("caption", "thead", "tbody", "tfoot"), frozenset({"table"})),
}
"""The parent each part of a table has where HTML implies no end tag before it."""


_CELL_NAMES = frozenset({"td", "th"})


def _parts_in_place(root: etree._Element) -> bool:
    """Whether every cell is a child of a row, every row a child of a table or a row
    group, and every row group and caption a child of a table. Elsewhere HTML ends the
    cell, row or group around it (`<td><div><td>`, a `<caption>` or `<thead>` in a cell:
    `implied`, as browsers read it), and the reference reads that; libxml2 keeps such a
    part where it is written, and says nothing (found by review)."""
    for element in root.iter(*_PARENTS):
        parent = element.getparent()
        if parent is None or parent.tag not in _PARENTS[element.tag]:
            return False
    return True


def anchorless(html: str) -> str:
    """The HTML both trees are built from: the page's without its empty anchors."""
    return EMPTY_ANCHOR.sub("", html)


def lean(written: str) -> str:
    """What libxml2 builds the page's tree from: `anchorless`, less the attributes that no
    question to the tree reads (every one but `colspan` and `rowspan`; a tag that holds a
    span keeps all of its own; one not written plainly is left as written)."""
    return unread_dropped(anchorless(written))


def unread_dropped(anchorless_html: str) -> str:
    """`lean` of HTML whose empty anchors are dropped already."""
    return "".join(_UNREAD.split(anchorless_html))


def fragment(html: str) -> etree._Element | None:
    """The tree of a fragment that names the page or a table (a heading, a caption line)
    from lxml, or None when the reference must read it: the page's tests, and every `id`
    and `name` (the anchor such a fragment gives) written plainly, once per tag."""
    if etree.LIBXML_VERSION < LIBXML2 or not _plain_as_written(html):
        return None  # (built as written, anchors and all: `_scan` reads it anchorless)
    if _scan(html) is None or not _plain_ids(html):
        return None
    return _built(html)


def _plain_as_written(html: str) -> bool:
    """The scan's tests of characters and tags, on markup as written rather than without
    its empty anchors (a fragment's tree is built from it as written)."""
    return not (
        _BAD_CHARACTER.search(html)
        or not _plain_references(html)
        or _UNPLAIN.search(html)
        or _self_closed(html)
    )


def _built(html: str) -> etree._Element | None:
    """libxml2's tree of markup the scan accepted; None if libxml2 says anything about it
    but a repeated `id`."""
    parser = etree.HTMLParser(huge_tree=True)
    try:
        root = etree.fromstring(html, parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None
    if root is None or any(error.type not in _HARMLESS for error in parser.error_log):
        return None
    return root


def _plain_ids(html: str) -> bool:
    """Whether every tag that may hold an `id` or a `name` writes its attributes plainly,
    with no reference in them, and neither twice (BeautifulSoup keeps the last, libxml2 the
    first)."""
    return all(
        _plainly_once(match.group(1), ("id", "name"))
        for match in _TAG_ATTRIBUTES.finditer(html)
        if _MAYBE_ID.search(match.group(1))
    )


def _plainly_once(attributes: str, keys: tuple[str, str]) -> bool:
    """Whether a tag's attributes are written plainly, with no reference in them, and
    neither of `keys` twice (BeautifulSoup keeps the last of two, libxml2 the first)."""
    attributes = attributes.removesuffix("/")
    if "&" in attributes or not _ATTRIBUTES.fullmatch(attributes):
        return False
    names = [key.lower() for key in _ATTRIBUTE.findall(attributes)]
    return all(names.count(key) < 2 for key in keys)


def _scan(html: str) -> tuple[list[tuple[str, int]], str, bool] | None:
    """The `table` and `tr` start tags with their lines, in page order, the page's `lean`
    HTML, and whether that writes no `colspan=` or `rowspan=` (nor any other `span=`);
    None when the markup is not plain enough for the fast tree."""
    return _scan_anchorless(anchorless(html))


def _scan_anchorless(anchorless_html: str) -> tuple[list[tuple[str, int]], str, bool] | None:
    """`_scan` of HTML without its empty anchors already.

    The tests read what both trees are built from: the page without its empty anchors
    (`anchorless`: the reference reads that too), a third shorter than the page as written
    on generated documentation, and its lean HTML (a fifth of it), which differs only by
    attributes neither tree is asked for. The tags are checked on the lean HTML, as sound
    as on the HTML it came from: `_UNREAD` drops the attributes of plain tags alone (those
    it leaves `<name>` or `<name/>`, plain in both), and leaves every other tag as written,
    and whether a `<` opens a plain tag depends on nothing past the next `<` or `>`. The
    dropped attributes cannot have either reader end a tag elsewhere (plain: no `<` or `>`
    in a quoted value, no quote but after `=`). Every test is one pass of the
    regular-expression engine, but the lines, one step per table and row; an anchor holds
    no line end, so lines counted without them are the page's."""
    leaner = unread_dropped(anchorless_html)  # the same tags, in the same order
    if _UNPLAIN.search(leaner) or _self_closed(leaner):
        return None  # a `<` that opens no plain tag; `<span/>`
    if _BAD_CHARACTER.search(leaner) or not _plain_references(leaner):
        return None  # (a character or reference only in an unread attribute is no matter)
    names = {name.lower() for name in set(_START_NAME.findall(leaner))}
    spanless = _SPAN_WORD.search(leaner) is None  # (most pages: one pass, for both)
    if not names <= ALLOWED or not _nested(leaner) or not (spanless or _plain_spans(leaner)):
        return None  # (an end tag of another element closes none: not nested)
    starts: list[tuple[str, int]] = []
    line, counted = 1, 0
    for match in _LINED_START.finditer(anchorless_html):
        start = match.start()
        line += anchorless_html.count("\n", counted, start)
        counted = start
        starts.append((match.group(1).lower(), line))
    return starts, leaner, spanless


_START_NAME = re.compile(r"<([A-Za-z][A-Za-z0-9]*+)")
_VOID_TAG = re.compile(
    "<(?:" + "|".join(sorted(VOID)) + r")(?![A-Za-z0-9])[^<>]*+>", re.IGNORECASE | re.ASCII
)
_INNERMOST = re.compile(
    rf"<([A-Za-z][A-Za-z0-9]*+)(?:{_SPACE}[^<>]*+)?+>[^<]*+</\1{_SPACE}*+>",
    re.IGNORECASE | re.ASCII,
)
"""An element with no element in it, closed by its own end tag (in any case)."""
_NAMES = re.compile(r"<(/?+)([A-Za-z][A-Za-z0-9]*+)")


def _self_closed(html: str) -> bool:
    """Whether a tag other than a void element's closes itself (`<span/>`: html.parser
    closes it at once, libxml2 reads a start tag). In markup whose every `<` opens a plain
    tag, a `/>` not in text ends one, and its tag opens after the `>` before it: each `/>`
    is looked back from only as far as the one before (one pass over the page, however
    many there are in text)."""
    previous = 0
    end = html.find("/>")
    while end >= 0:
        opened = html.rfind("<", previous, end)
        if opened >= 0 and html.find(">", opened, end) < 0 and not _VOID_TAG.match(html, opened):
            return True
        previous = end + 2
        end = html.find("/>", previous)
    return False


def _nested(html: str) -> bool:
    """Whether every start tag (but a void element's) is closed by its own end tag in
    strict nesting, none is left over, and nothing nests deeper than `MAX_DEPTH` (counted
    in the lean HTML libxml2 builds from: an empty anchor adds no level), in markup whose
    every `<` opens a plain tag of an allowed element: the innermost elements removed
    in turn, one pass of the engine per level, until nothing is left. A page that would
    cost more passes over its text than `_PASSES` (deep, and large deep down) is checked
    by a stack instead, one step per tag: never more than linear time."""
    left = _VOID_TAG.sub("", html)
    budget = _PASSES * len(left)
    for _ in range(MAX_DEPTH):
        if "<" not in left:
            return True
        budget -= len(left)
        if budget < 0:
            return _nested_by_stack(html)
        left, removed = _INNERMOST.subn("", left)
        if not removed:
            return False
    return "<" not in left


_PASSES = 6
"""Passes over a page's text `_nested` makes at most before it takes the stack."""


def _nested_by_stack(html: str) -> bool:
    """`_nested`, one tag at a time."""
    stack: list[str] = []
    for ending, name in _NAMES.findall(html):
        name = name.lower()
        if ending:
            if not stack or stack.pop() != name:
                return False
        else:
            if name in VOID:
                continue
            stack.append(name)
            if len(stack) > MAX_DEPTH:
                return False
    return not stack


def _plain_references(html: str) -> bool:
    """Whether every `&` starts a reference both readers decode alike, or is a plain one."""
    return _BAD_AMPERSAND.search(html) is None and set(_NAMED.findall(html)) <= html5.keys()


def _plain_spans(html: str) -> bool:
    """Whether both readers see every `colspan` and `rowspan` alike: the tag that holds one
    writes its attributes plainly, with no reference in them, and neither span twice
    (BeautifulSoup keeps the last, libxml2 the first). Every `<` opens a tag whose quoted
    values hold no `<` or `>`, so the tag around a word is found by looking for them, back
    to the word before only (one pass over the page, however many words). The scan asks it
    of the lean HTML: a tag with a span attribute keeps its attributes there as written;
    gone are the empty anchors (one `name` each) and attributes whose only span word is in
    a quoted value, which is no span to either reader (a fragment's tree, built from the
    markup as written, is never asked for spans)."""
    seen = opened = closed = -1
    previous = 0
    for match in _SPAN_WORD.finditer(html):
        word = match.start()
        opened = max(opened, html.rfind("<", previous, word))
        closed = max(closed, html.rfind(">", previous, word))
        previous = word
        if opened <= seen or closed > opened:
            continue  # the tag is checked already, or the word is in text
        if html[max(word - 3, 0) : word].lower() not in ("col", "row"):
            continue
        seen = opened
        tag = _TAG_ATTRIBUTES.match(html, opened)
        if tag is None or not _plainly_once(tag.group(1), ("colspan", "rowspan")):
            return False
    return True


class LxmlTree:
    """The fast tree as the grid reads it (`grid.Tree`)."""

    @staticmethod
    def children(element: etree._Element) -> list[etree._Element]:
        """The element children, in order (comments and processing instructions left out)."""
        return [child for child in element if isinstance(child.tag, str)]

    @staticmethod
    def name(element: etree._Element) -> str:
        return str(element.tag)

    @staticmethod
    def parent(element: etree._Element) -> etree._Element | None:
        return element.getparent()

    @staticmethod
    def previous(element: etree._Element) -> etree._Element | None:
        found = element.getprevious()
        while found is not None and not isinstance(found.tag, str):  # a comment, a PI
            found = found.getprevious()
        return found

    @staticmethod
    def line(element: etree._Element) -> int:
        """The source line recorded for a `table` or `tr` element (1 for any other)."""
        return int(element.get(_LINE) or 1)

    @staticmethod
    def attribute(element: etree._Element, key: str) -> str | None:
        return element.get(key)

    @staticmethod
    def descendants(
        root: etree._Element, name: str | tuple[str, ...] | None
    ) -> Iterator[etree._Element]:
        if isinstance(name, tuple):
            return root.iterdescendants(*name)
        return root.iterdescendants(name or "*")

    @staticmethod
    def text(element: etree._Element) -> str:
        return "".join(map(str, element.itertext()))

    @staticmethod
    def paragraphs(element: etree._Element) -> tuple[str, ...]:
        return paragraphs(element)

    @staticmethod
    def spanless(table: etree._Element) -> bool:
        """Whether the page's lean HTML has no `colspan=` or `rowspan=` (`tree` marks it)."""
        return table.getroottree().getroot().get(_SPANLESS) is not None

    def owned(self, root: etree._Element, names: frozenset[str], owner: str) -> list[Any]:
        """As `grid.walk`; straight from libxml2 when no `owner` is nested in `root`. A
        row's cells are its children: `tree` builds a page only when every cell is a row's
        child (`_parts_in_place`), and a cell's row is then its parent."""
        if not names:
            return []  # (libxml2 asked for no names gives every element)
        if owner == "tr" and names <= _CELL_NAMES:
            return list(root.iterchildren(*names))
        if next(root.iterdescendants(owner), None) is None:
            return list(root.iterdescendants(*names))
        return list(grid.walk(root, names, owner, self))


def paragraphs(element: etree._Element) -> tuple[str, ...]:
    """The non-empty paragraphs of an element's visible text, in reading order: the rule of
    `soup.paragraphs`, over lxml's text and tail strings (the fast tree is at most
    MAX_DEPTH deep, so recursion is safe). A cell of one element holding only text (`<td>
    <p>text</p></td>`, most cells of generated pages) is read without the walk."""
    count = len(element)
    if count == 0:
        joined = text.normalize(element.text or "")
        return (joined,) if joined else ()
    if count == 1:
        child = element[0]
        tag = child.tag
        if not len(child) and type(tag) is str and tag != "br" and tag not in text.INVISIBLE:
            inside = child.text or ""
            if inside and tag in text.BLOCKS:  # a paragraph of its own, between two
                before, after = element.text, child.tail
                if (not before or before.isspace()) and (not after or after.isspace()):
                    joined = text.normalize(inside)  # (line ends around it, most cells)
                    return (joined,) if joined else ()
                written = (before, inside, after)
                return tuple(filter(None, map(text.normalize, filter(None, written))))
            if tag in text.SCRIPTS:
                inside = text.scripted(tag, inside) or inside
            joined = text.normalize((element.text or "") + inside + (child.tail or ""))
            return (joined,) if joined else ()
    strings: list[tuple[int, str]] = []
    _strings(element, 0, strings, [0])
    found: list[str] = []
    parts: list[str] = []
    current = 0
    for block, string in strings:
        if block != current:
            if parts:
                joined = text.normalize("".join(parts))
                if joined:
                    found.append(joined)
                parts.clear()
            current = block
        if string:
            parts.append(string)
    if parts and (joined := text.normalize("".join(parts))):
        found.append(joined)
    return tuple(found)


def _strings(
    element: etree._Element,
    block: int,
    out: list[tuple[int, str]],
    blocks: list[int],
    scripts: bool = True,
) -> None:
    """Each visible string under `element` with the number of its block; a `<br>` is an
    empty string of a block of its own, which ends the paragraph before it. `scripts`:
    a `<sup>` or `<sub>` is read raised or lowered (`_scripted`); not inside one that is
    not (the reference reads the outermost alone)."""
    if element.text:
        out.append((block, element.text))
    for child in element:
        tag = child.tag
        if isinstance(tag, str) and tag not in text.INVISIBLE:
            if tag == "br":
                blocks[0] += 1
                out.append((-blocks[0], ""))
            elif scripts and tag in text.SCRIPTS and (shown := _scripted(child)) is not None:
                out.append((block, shown))
            else:
                inner = block
                if tag in text.BLOCKS:
                    blocks[0] += 1
                    inner = blocks[0]
                if len(child):
                    _strings(child, inner, out, blocks, scripts and tag not in text.SCRIPTS)
                elif child.text:
                    out.append((inner, child.text))
        if child.tail:
            out.append((block, child.tail))


def _scripted(element: etree._Element) -> str | None:
    """`text.scripted` of a `<sup>` or `<sub>` holding inline markup at most (a footnote's
    `<sup><a href="#fn1">1</a></sup>`); None when it holds a line break or a block."""
    for inner in element.iterdescendants():
        tag = inner.tag
        if type(tag) is not str or tag == "br" or tag in text.BLOCKS or tag in text.INVISIBLE:
            return None
    return text.scripted(str(element.tag), "".join(map(str, element.itertext())))
