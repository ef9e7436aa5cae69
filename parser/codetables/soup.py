"""The reference tree: BeautifulSoup with `html.parser`, and the visible text in it.

It reads any markup, however broken, records the source line of every tag and accepts any
nesting depth; the fast tree (`fast.py`) is held to give the same Document. Imported only
when a page or a fragment is not plain enough for the fast tree: BeautifulSoup and the CSS
selector library it loads take a quarter of a small `generate`.
"""

from __future__ import annotations

import inspect
import itertools
import re
import warnings
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, Tag, XMLParsedAsHTMLWarning
from bs4.builder._htmlparser import BeautifulSoupHTMLParser, HTMLParserTreeBuilder
from bs4.element import Comment, Declaration, Doctype, NavigableString, ProcessingInstruction
from bs4.exceptions import ParserRejectedMarkup

from . import grid, text
from .errors import SourceError

_DECIMAL_REFERENCE = re.compile(r"(?<=&#)(?=0|[0-9]{8})0*+([0-9]*+)")
"""The digits of a decimal character reference that starts with a zero or is too long to
name a character: html.parser and BeautifulSoup convert them with `int`, which refuses a
run of more than 4,300 digits (`ValueError`, an internal error before this)."""


def _short_digits(match: re.Match[str]) -> str:
    """A reference's digits without their leading zeros; past seven, a number past the last
    code point (both readers give U+FFFD for it, as for any such number)."""
    digits = match.group(1)
    return "99999999" if len(digits) > 7 else digits or "0"


class _Unguessing(BeautifulSoup):
    """BeautifulSoup without its guesses whether short text is a file name or a URL: they
    only warn (silenced here), and the file-name one encodes the text, which raised on a
    lone surrogate in a heading. The markup is read as ever."""

    @classmethod
    def _markup_is_url(cls, markup: object) -> bool:
        return False

    @classmethod
    def _markup_resembles_filename(cls, markup: object) -> bool:
        return False


class _Tally(list[str]):
    """The void elements a page opened (`<br>`) whose end tag may still come, counted by
    name. BeautifulSoup keeps them in a list and looks every end tag up in it, so a page of
    many `<br>` and many end tags took their product in time (30,000 rows of `one<br>two`:
    48 s; found by a held-out probe). The same answers, each in constant time; the list
    itself stays empty."""

    def __init__(self) -> None:
        super().__init__()
        self.counts: dict[str, int] = {}

    def append(self, tag: str) -> None:
        self.counts[tag] = self.counts.get(tag, 0) + 1

    def __contains__(self, tag: object) -> bool:
        return isinstance(tag, str) and tag in self.counts

    def remove(self, tag: str) -> None:
        left = self.counts[tag] - 1  # (a KeyError as `list.remove`'s ValueError: never asked)
        if left:
            self.counts[tag] = left
        else:
            del self.counts[tag]


class _Parser(BeautifulSoupHTMLParser):
    """BeautifulSoup's html.parser reader, its void elements counted (`_Tally`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.already_closed_empty_element = _Tally()


class _Builder(HTMLParserTreeBuilder):
    """BeautifulSoup's html.parser builder, reading with `_Parser`."""

    def feed(self, markup: Any, _parser_class: type[BeautifulSoupHTMLParser] = _Parser) -> None:
        super().feed(markup, _parser_class=_Parser)


_COUNTS_VOIDS = "_parser_class" in inspect.signature(HTMLParserTreeBuilder.feed).parameters
"""Whether this BeautifulSoup's builder takes a parser class (4.14.3 and later, as
`pyproject.toml` asks): a later one that did not would read with its own, as before."""


_OPENS = re.compile(r"<[A-Za-z!?]|</[A-Za-z]")
"""What opens a tag, an end tag, a comment or a declaration (a `</` at the end is text)."""


MAX_ATTRIBUTES = 500_000
"""Most attributes a page or fragment the reference reads may hold: BeautifulSoup keeps
some 600 bytes an attribute. The largest real page holds some 50,000; a page the fast tree
reads has no such bound."""


class _Crowded(Exception):
    """Markup past a bound on attributes, at `line` of the markup read (from 1)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(line, message)
        self.line = line
        self.message = message


class _Reading(HTMLParser):
    """html.parser reading and keeping nothing: what it leaves unread after `feed` (it waits
    for more) is the construct the markup ends inside, if any. It counts each start tag's
    attributes before html.parser reads the tag, and stops past `text.MAX_TAG_ATTRIBUTES`
    in a tag or `MAX_ATTRIBUTES` in all (`_Crowded`)."""

    def __init__(self) -> None:
        super().__init__()
        self.attributes = 0

    def parse_starttag(self, i: int) -> int:
        run = _TAG_RUN.match(self.rawdata, i)
        if run is not None and run.end() == len(self.rawdata):
            return -1  # left open at the end, as html.parser finds after a step per attribute
        count = _attributes(self.rawdata, i, text.MAX_TAG_ATTRIBUTES + 1)
        if count > text.MAX_TAG_ATTRIBUTES:
            raise _Crowded(
                self.getpos()[0],
                f"a tag has more than {text.MAX_TAG_ATTRIBUTES:,} attributes, expected at most "
                f"{text.MAX_TAG_ATTRIBUTES:,}",
            )
        self.attributes += count
        if self.attributes > MAX_ATTRIBUTES:
            raise _Crowded(
                self.getpos()[0],
                f"the page has more than {MAX_ATTRIBUTES:,} attributes in markup the fast "
                f"reader declines, expected at most {MAX_ATTRIBUTES:,} for the reference reader",
            )
        return super().parse_starttag(i)


_HTML_NAME = r"<[A-Za-z][^\s/>]*+"
_HTML_ATTRIBUTE = (
    r"""(?:[\s/]++|(?<=["']))[^\s/>=]++(?:\s*+=\s*+(?:"[^"]*+"|'[^']*+'|[^\s>]*+))?+"""
)
"""One attribute as html.parser reads one (`a`, `a=1`, `a = "x y"`; a name may hold `<`,
and follow a quote at once: `a="1"b`), with the blanks before it; every part possessive,
so a match keeps no state per step."""
_TAG_NAME = re.compile(_HTML_NAME)
_TAG_ATTRIBUTE = re.compile(_HTML_ATTRIBUTE)
_TAG_RUN = re.compile(rf"{_HTML_NAME}(?:{_HTML_ATTRIBUTE})*+[\s/]*+")
"""A start tag to its `>`, or to the end of the markup where it is left open."""


def _attributes(markup: str, start: int, most: int) -> int:
    """The attributes of the start tag at `start`, counted up to `most` (time bounded by
    `most`, however many the tag has)."""
    name = _TAG_NAME.match(markup, start)
    if name is None:
        return 0
    at, count = name.end(), 0
    while count < most and (attribute := _TAG_ATTRIBUTE.match(markup, at)):
        count, at = count + 1, attribute.end()
    return count


def settled(html: str) -> str:
    """The markup without a tag left open at its end, where html.parser sees one (quotes and
    all: `<a b=">" ...`): dropped, as browsers drop it (HTML5; html.parser too, since the fix
    of CVE-2025-6069). This Python's html.parser may predate the fix: it read such a tag as
    text, but tried every `<` in it again, to the end, as it closed (60,000 `<a `: minutes).
    One reading pass finds it, as the reference's own parser will read the page."""
    if "<" not in html:
        return html
    reading = _Reading()
    try:
        reading.feed(html)
    except AssertionError:  # markup it rejects (`<![0`): the reference says so, at its line
        return html
    left = reading.rawdata
    return html[: len(html) - len(left)] if _OPENS.match(left) else html


def _prepared(html: str) -> str:
    """The markup html.parser is given: decimal references written short, then `settled`
    (its reading pass converts references too)."""
    return settled(_DECIMAL_REFERENCE.sub(_short_digits, html))


def soup(html: str, *, source: str, line: int = 1) -> BeautifulSoup:
    """The HTML tree of a page or fragment (at `line` of `source`: markup past
    `MAX_ATTRIBUTES` is an error at its line). BeautifulSoup's guesses about the input (a
    title that looks like a URL, a page that starts with `<?xml`) are silenced: the page
    is read as HTML on purpose, and a library's warning must not reach the user's terminal.
    Decimal references are written short first (`_DECIMAL_REFERENCE`): the same characters;
    a tag left open at the end is dropped (`settled`)."""
    try:
        html = _prepared(html)
    except _Crowded as crowded:
        raise SourceError(crowded.message, path=source, line=line + crowded.line - 1) from None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        return _Unguessing(html, builder=_Builder() if _COUNTS_VOIDS else HTMLParserTreeBuilder())


MAX_TAGS = 500_000
"""Most tags a page the reference reads may hold: BeautifulSoup keeps some 400 bytes a tag
(3,200,000 bare `<p>` took 2 GB and 76 s), libxml2 a tenth. The largest real page holds
some 20,000; a page the fast tree reads has no such bound."""


def read(html: str, source: str) -> BeautifulSoup:
    """The page's reference tree; markup the HTML parser gives up on is an error at its line,
    and so is a page past `MAX_TAGS` tags, at the line of the first one too many.

    Empty `<a name>` anchors, two or three per cell in generated documentation, add nothing a
    reader sees; `parse` drops them first (within their line), which saves a third of the
    parse.
    """
    if html.count("<") > MAX_TAGS:  # (most pages: one count, and no tag looked for)
        beyond = next(itertools.islice(_OPENS.finditer(html), MAX_TAGS, None), None)
        if beyond is not None:
            raise SourceError(
                f"the page has more than {MAX_TAGS:,} tags and markup the fast reader "
                f"declines, expected at most {MAX_TAGS:,} for the reference reader",
                path=source,
                line=html.count("\n", 0, beyond.start()) + 1,
            )
    _refuse_deep_closing(html, source)
    try:
        return soup(html, source=source)
    except ParserRejectedMarkup:
        plain = HTMLParser()
        try:
            plain.feed(_prepared(html))
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


MAX_CLOSING_WORK = 100_000_000
"""Most open elements BeautifulSoup may step through, summed over a page's text: text added
to an element that holds a child already (after an end tag, a void element or a comment)
walks every element open there, so elements nested N deep with such text in each cost
N\u00b2/2 steps. 100,000 `<div>` lines closed line by line ran past five minutes (found by
review); 7,000 unclosed `<p>` paragraphs, each with a `<b>` in it, cost 24,500,000 steps and
3 s, and are read; past this bound a page would take some twelve seconds or more."""
_TOKEN = re.compile(r"<!--.*?(?:-->|\Z)|<(/?+)([A-Za-z][A-Za-z0-9]*+)[^<>]*?(/?+)>", re.DOTALL)
_NESTLESS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
     "source", "track", "wbr"}
)  # fmt: skip
"""Elements with no end tag, which nest nothing (html.parser closes them at once)."""


def _refuse_deep_closing(html: str, source: str) -> None:
    """A SourceError where the steps BeautifulSoup takes through open elements pass
    `MAX_CLOSING_WORK`: the open elements counted as it keeps them (an end tag closes up
    to the nearest open element of its name, one of no open element is passed by; a
    comment is a child, its markup no tag), one step per tag (a count per name tells at
    once whether an end tag closes anything)."""
    stack: list[str] = []
    opened: dict[str, int] = {}
    work = 0
    for match in _TOKEN.finditer(html):
        ending, name, closed = match.groups()
        if name is not None:
            name = name.lower()
            if not ending and not closed and name not in _NESTLESS:
                stack.append(name)
                opened[name] = opened.get(name, 0) + 1
                continue  # text right after a start tag: the element's first child
            if ending and opened.get(name):
                while (top := stack.pop()) != name:
                    opened[top] -= 1
                opened[name] -= 1
        if html[match.end() : match.end() + 1] not in ("<", ""):
            work += len(stack)  # text beside a child: every open element stepped through
            if work > MAX_CLOSING_WORK:
                raise SourceError(
                    "elements are nested too deep for the reference reader (it would step "
                    f"through more than {MAX_CLOSING_WORK:,} open elements), expected markup "
                    "nested at most a few thousand deep",
                    path=source,
                    line=html.count("\n", 0, match.start()) + 1,
                )


_SKIPPED_STRINGS = (Comment, Declaration, Doctype, ProcessingInstruction)


def paragraphs(element: Tag) -> tuple[str, ...]:
    """The non-empty paragraphs of an element's visible text, in reading order. The walk is
    iterative, so a cell nested ten thousand levels deep costs time, not the stack."""
    found: list[str] = []
    parts: list[str] = []
    current_block: Tag | None = None

    def close() -> None:
        joined = text.normalize("".join(parts))
        if joined:
            found.append(joined)
        parts.clear()

    shown: dict[int, str | None] = {}
    """Per outermost `<sup>` or `<sub>`: its text raised or lowered (`_scripted`), None
    when it is read as written; gone once given, with the first of its strings."""
    known: dict[int, tuple[Tag, bool, Tag | None]] = {}
    for node in element.descendants:
        if isinstance(node, Tag):
            if node.name == "br":
                close()
            continue
        if not isinstance(node, NavigableString) or isinstance(node, _SKIPPED_STRINGS):
            continue
        block, visible, script = _enclosing_block(node, element, known)
        if not visible:
            continue
        string = str(node)
        if script is not None:
            key = id(script)
            if key not in shown:
                shown[key] = _scripted(script)
            elif shown[key] is not None:
                continue  # (given whole with its first string)
            string = shown[key] or string
        if block is not current_block:
            close()
            current_block = block
        parts.append(string)
    close()
    return tuple(found)


def _enclosing_block(
    node: NavigableString, root: Tag, known: dict[int, tuple[Tag, bool, Tag | None]]
) -> tuple[Tag, bool, Tag | None]:
    """The nearest block element holding `node` inside `root`, whether it is visible, and
    the outermost `<sup>` or `<sub>` holding it, if any. `known`: the answer for each
    element asked before (by `id`): the walk up stops at the first, and the elements it
    passed are answered from the top down, so a page costs one step per element however
    deep it nests (a string at a time to the top, 20,000 nested spans took 48 s)."""
    chain: list[Tag] = []
    parent = node.parent
    while parent is not None and parent is not root and id(parent) not in known:
        chain.append(parent)
        parent = parent.parent
    answer = known[id(parent)] if parent is not None and parent is not root else (root, True, None)
    for element in reversed(chain):
        block, visible, script = answer
        if visible:
            if element.name in text.INVISIBLE:
                answer = (root, False, None)
            else:
                answer = (
                    element if element.name in text.BLOCKS else block,
                    True,
                    script if script is not None or element.name not in text.SCRIPTS else element,
                )
        known[id(element)] = answer
    return answer


def _scripted(script: Tag) -> str | None:
    """`text.scripted` of a `<sup>` or `<sub>` holding inline markup at most (a footnote's
    `<sup><a href="#fn1">1</a></sup>`); None when it holds a line break or a block."""
    strings: list[str] = []
    for inner in script.descendants:
        if isinstance(inner, Tag):
            if inner.name == "br" or inner.name in text.BLOCKS or inner.name in text.INVISIBLE:
                return None
        elif isinstance(inner, NavigableString) and not isinstance(inner, _SKIPPED_STRINGS):
            strings.append(str(inner))
    return text.scripted(script.name, "".join(strings))


class SoupTree:
    """BeautifulSoup's tree as the grid reads it (`grid.Tree`): the reference."""

    @staticmethod
    def children(element: Tag) -> list[Tag]:
        return [child for child in element.contents if isinstance(child, Tag)]

    @staticmethod
    def name(element: Tag) -> str:
        return element.name

    @staticmethod
    def parent(element: Tag) -> Tag | None:
        return element.parent

    @staticmethod
    def previous(element: Tag) -> Tag | None:
        found = element.find_previous_sibling()
        return found if isinstance(found, Tag) else None

    @staticmethod
    def line(element: Tag) -> int:
        return element.sourceline or 1

    @staticmethod
    def attribute(element: Tag, key: str) -> str | None:
        value = element.get(key)
        return value if isinstance(value, str) else None

    @staticmethod
    def descendants(root: Tag, name: str | tuple[str, ...] | None) -> Iterator[Tag]:
        wanted = list(name) if isinstance(name, tuple) else name or True
        return (tag for tag in root.find_all(wanted) if isinstance(tag, Tag))

    @staticmethod
    def text(element: Tag) -> str:
        return element.get_text()

    @staticmethod
    def paragraphs(element: Tag) -> tuple[str, ...]:
        return paragraphs(element)

    @staticmethod
    def spanless(table: Tag) -> bool:
        return False  # the reference reads every table the general way

    def owned(self, root: Tag, names: frozenset[str], owner: str) -> list[Tag]:
        return list(grid.walk(root, names, owner, self))
