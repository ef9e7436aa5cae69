"""The text layer of a page: what markdown-it-py knows before any table is read.

For a Markdown page it sets YAML front matter aside (metadata, never content), finds the
headings that may name the page, blanks fenced code (pages carry XML examples with tag-like
text such as `<Code>`), renders GFM pipe tables to HTML with every row on the line of its
source row, and notes a table that a blank line cuts short (a renderer ends it there too).
For any page it refuses committed merge-conflict markers, and (`refuse_unclosed_markup`) a
table or a comment never closed, which would make the HTML reader lose rows silently. Every
line stays where it was, so line numbers are the source's.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from . import blocks, fast, grid, pipes, text
from .errors import SourceError
from .model import Notice

_MARKDOWN = MarkdownIt("commonmark").enable("table").disable("normalize")
"""CommonMark with GFM tables. Without markdown-it's `normalize` rule: `parse` hands over
`\n` line ends only and refuses NUL, the two things it rewrites, so its pass over the
page (two regular expressions and a copy) would change nothing."""
MAX_NESTING = 100
"""Levels of Markdown blocks (a list is two: the list and its item; a quote one) markdown-it
reads; past them it passes the rest of a list or quote by, tables and all (commonmark's own
limit is 20: a list ten deep lost every table below it without a word, found by review). A
page that reaches it is refused at the line where it does (`_refuse_too_deep`)."""
INLINE_NESTING = 20
"""Levels of inline markup (links, emphasis) markdown-it reads, as commonmark sets it: past
them the rest of a paragraph is text, nothing lost. Kept apart from `MAX_NESTING`, which
made a paragraph of 200,000 `[` take 4.5 times as long (found by review)."""


def _nesting(limit: int) -> Callable[[StateCore], None]:
    """A core rule that sets markdown-it's nesting limit for the rules after it: blocks
    are read to `MAX_NESTING`, inline markup to `INLINE_NESTING` (one option serves both)."""

    def rule(state: StateCore) -> None:
        state.md.options["maxNesting"] = limit

    return rule


_MARKDOWN.core.ruler.before("block", "codetables_block_nesting", _nesting(MAX_NESTING))
_MARKDOWN.core.ruler.after("block", "codetables_inline_nesting", _nesting(INLINE_NESTING))
_MARKDOWN.options["maxNesting"] = INLINE_NESTING  # what `renderInline` reads (captions)
_CONFLICT = re.compile(r"(<{7}|>{7})(?: |$)")
_RAW = "|".join(sorted({"script", "style"} | grid.NOT_SHOWN - {"plaintext"}))
"""Elements whose text is never markup (html.parser's `<script>`, `<style>`), or holds no
table a reader sees (`grid.NOT_SHOWN`: `<textarea><table>`): the check for a table left
open reads past them to their end tags."""
_MARKUP = re.compile(
    r"<!--|-->|<!\[CDATA\[|\]\]>|<table(?=[\s>/])|</table\s*>"
    rf"|<(?:{_RAW})(?=[\s>])|</(?:{_RAW})\s*>|<plaintext(?=[\s>])",
    re.IGNORECASE,
)
"""What the check for markup left open reads, each a fixed string: comments' and CDATA's
ends, tables' start and end tags, `_RAW`'s, and `<plaintext>` (text to the page's end)."""
_TICKS = re.compile(r"`+")


@dataclass(frozen=True)
class Page:
    """A page ready for the HTML reader: its source lines, the same lines as HTML, and what
    may name it: its first level-1 heading, its front matter's title, its first heading.

    The source lines are the page's text and where each line starts (`line`), not a string
    per line: a page of 100,000 rows has half a million lines, and a tuple of them took
    twice the page's size while its tree was built. Titles are `(text, anchor id)`;
    `("", "")` when the page has none. `table_notes` maps the line of a pipe table's header
    to notes: a blank line ends the table while lines below still look like its rows, or a
    cell holds a table's own markup (`</table>`, `<thead>`), which changes the table.
    """

    text: str
    starts: array[int]
    """Where each line of `text` starts, and one past its end."""
    html: str
    heading: tuple[str, str] = ("", "")
    front_matter_title: str = ""
    first_heading: tuple[str, str] = ("", "")
    table_notes: dict[int, tuple[Notice, ...]] = field(default_factory=dict)
    blanked: int = 0
    """Lines of front matter at the top, read as blank (metadata, never content)."""
    bodies: dict[int, pipes.Body] = field(default_factory=dict)
    """The pipe tables whose body rows are read from the text, not from the page's tree
    (`pipes.treeless`), by the line of their header (from 1): the tree holds their header
    alone. A table of 100,000 rows took 150 MB of tree, for cells whose text is written."""
    sections: tuple[Section, ...] = ()
    """The page's Markdown headings in page order, their inline markup unread (`section`
    reads the one a table asks for)."""
    env: dict[str, object] = field(default_factory=dict)
    """markdown-it's environment of the page (its link references), for reading headings."""

    @functools.cached_property
    def section_lines(self) -> list[int]:
        """The line of each of `sections`, for a bisection (a page of many tables and many
        headings looks each table's up in log time)."""
        return [found.line for found in self.sections]

    def line(self, index: int) -> str:
        """The source line at `index` (from 0), front matter blank."""
        if index < self.blanked:
            return ""
        return self.text[self.starts[index] : self.starts[index + 1] - 1]


@dataclass(frozen=True)
class Section:
    """A Markdown heading: its line (from 1), its level, and its inline token."""

    line: int
    level: int
    inline: Token


def section(page: Page, line: int, after: int) -> Section | None:
    """The nearest heading above `line` and below `after` (both from 1): the section a
    table there opens under, when nothing between them is another table."""
    index = bisect.bisect_left(page.section_lines, line) - 1
    if index < 0 or page.sections[index].line <= after:
        return None
    return page.sections[index]


def section_text(page: Page, found: Section, *, fast_tree: bool, source: str) -> str:
    """A heading's text, its inline markup read now (with the page's link references)."""
    return _heading(found.inline, page.env, fast_tree, source)[0]


def _starts(lines: list[str]) -> array[int]:
    """Where each line starts in the lines joined by line ends, and one past the end:
    computed in C (no Python call per line), 8 bytes a line."""
    return array("Q", itertools.accumulate(map((1).__add__, map(len, lines)), initial=0))


pipes.install(_MARKDOWN)
blocks.install(_MARKDOWN)
blocks.install_fences(_MARKDOWN)


def read(page: str, *, source: str, fast_tree: bool = True, treeless: bool | None = None) -> Page:
    """Read a page's Markdown structure (`page` has `\\n` line ends only); `fast_tree=False`
    reads its headings with the reference tree alone (`parse`); `treeless` (by default as
    `fast_tree`): the body rows of a pipe table without tags are left to be read from the
    text (`Page.bodies`), not put in the HTML."""
    lines = page.split("\n")
    starts = _starts(lines)
    size, front_title = _front_matter(lines)
    lines[:size] = [""] * size
    text = "\n".join(lines) if size else page  # what markdown-it reads: front matter blank
    env: dict[str, object] = {blocks.LINES: (text, lines)}
    try:
        tokens = _blocks(text, env)
        _refuse_too_deep(tokens, source)
        _refuse_conflict_markers(page, lines, tokens, source)
        heading, first = _headings(tokens, env, fast_tree, source)
        bodies: dict[int, pipes.Body] | None = (
            {} if (fast_tree if treeless is None else treeless) else None
        )
        html = "\n".join(_as_html(lines, tokens, env, text, bodies))
    except pipes.TooManyMarkers as many:
        raise too_many_markers(many, source, many.line) from None
    except blocks.TooManyTokens as many:
        raise SourceError(
            f"the page makes more than {blocks.MAX_TOKENS:,} Markdown block tokens (a "
            "paragraph or heading makes three, a list item or quote two more around what it "
            f"holds), expected at most {blocks.MAX_TOKENS:,}",
            path=source,
            line=many.line,
        ) from None
    notes = _table_notes(lines, tokens)
    sections = tuple(
        Section(token.map[0] + 1, int(token.tag[1:]), tokens[index + 1])
        for index, token in enumerate(tokens)
        if token.type == "heading_open"
        and token.map
        and index + 1 < len(tokens)
        and token.level == 0  # (a heading in a quote or a list item heads no section)
    )
    return Page(
        page,
        starts,
        html,
        heading,
        front_title,
        first,
        notes,
        size,
        bodies or {},
        sections,
        {key: value for key, value in env.items() if key != blocks.LINES},  # (not the page's
    )  # lines again: a page of 100,000 rows held 77 MB more while its tree was built)


_CONTAINERS = frozenset(
    {"blockquote_open", "bullet_list_open", "ordered_list_open", "list_item_open"}
)
"""Blocks markdown-it reads other blocks inside of: at the last level, it reads nothing in
them (a paragraph there is still read)."""


def _refuse_too_deep(tokens: list[Token], source: str) -> None:
    """A SourceError where a list or quote opens at the last level markdown-it reads: it
    read nothing inside it."""
    for token in tokens:
        if token.level >= MAX_NESTING - 1 and token.type in _CONTAINERS:
            raise SourceError(
                f"lists or block quotes nested {MAX_NESTING} levels deep (a list item counts "
                f"two), expected at most {MAX_NESTING - 1}",
                path=source,
                line=token.map[0] + 1 if token.map else 1,
            )


def too_many_markers(many: pipes.TooManyMarkers, source: str, line: int) -> SourceError:
    """The error a paragraph, heading, caption or row of too much markup is."""
    return SourceError(
        f"{many.count:,} characters that start Markdown markup (*, _, `, [, <, &, …) or "
        "break a line in the page's paragraphs, headings and table rows up to here, expected "
        f"at most {pipes.MAX_MARKERS:,}",
        path=source,
        line=line,
    )


def read_html(page: str, *, source: str) -> Page:
    """Read a rendered HTML page: its text is already the HTML; the title comes from it."""
    lines = page.split("\n")
    _refuse_conflict_markers(page, lines, [], source)
    return Page(page, _starts(lines), page)


def inline_text(markdown: str, *, fast_tree: bool = True, source: str, line: int) -> str:
    """The visible text of one line of inline Markdown (`**表 1** 错误码` → `表 1 错误码`)."""
    return _fragment(_MARKDOWN.renderInline(text.uncrowded(markdown)), fast_tree, source, line)[0]


E = TypeVar("E")


def _fragment(html: str, fast_tree: bool, source: str, line: int) -> tuple[str, str]:
    """The visible text of a fragment of inline HTML, and the first `name` or `id` in it:
    from the fast tree when the fragment is plain enough (`fast.fragment`), else from the
    reference, which is imported only then."""
    if not html.strip():
        return "", ""
    root = fast.fragment(html) if fast_tree else None
    if root is not None:
        return _text_and_anchor(root, fast.LxmlTree())
    from . import soup

    return _text_and_anchor(soup.soup(html, source=source, line=line), soup.SoupTree())


def _text_and_anchor(root: E, tree: grid.Tree[E]) -> tuple[str, str]:
    anchor = next(
        (
            value
            for tag in tree.descendants(root, None)
            if (value := tree.attribute(tag, "name") or tree.attribute(tag, "id"))
        ),
        "",
    )
    return text.join(tree.paragraphs(root)), anchor


def _code_blocks(tokens: list[Token]) -> list[tuple[int, int]]:
    """Line ranges [start, end) of fenced and indented code blocks."""
    return [
        (tok.map[0], tok.map[1])
        for tok in tokens
        if tok.type in ("fence", "code_block") and tok.map
    ]


def _refuse_conflict_markers(page: str, lines: list[str], tokens: list[Token], source: str) -> None:
    """Committed merge-conflict markers (outside code blocks) are an error at their line."""
    if "<<<<<<<" not in page and ">>>>>>>" not in page:
        return  # most pages: two searches, not a match per line
    fenced = _code_blocks(tokens)
    for number, line in enumerate(lines):
        if _CONFLICT.match(line) and not any(start <= number < end for start, end in fenced):
            raise SourceError(
                f"merge-conflict marker {line.strip()[:40]!r} is committed in the page, "
                "expected the conflict to be resolved",
                path=source,
                line=number + 1,
            )


_TABLE_START = re.compile(r"<table(?![A-Za-z0-9-])", re.IGNORECASE)
_ANGLE = re.compile(r"[<>]")


class _Angles:
    """Whether a place stands inside a tag (the last `<` or `>` before it is a `<`), asked
    at places that only move forward: each `<` and `>` is passed once, linear in all."""

    def __init__(self, html: str) -> None:
        self._angles = _ANGLE.finditer(html)
        self._next = next(self._angles, None)
        self._last = ">"

    def inside(self, at: int) -> bool:
        while self._next is not None and self._next.start() < at:
            self._last, self._next = self._next.group(), next(self._angles, None)
        return self._last == "<"


_DELIMITER_ROW = re.compile(r"^(?=[^\n]*\|)(?=[^\n]*-)[ \t|:-]+$", re.MULTILINE)
"""A pipe table's delimiter row (`|---|:--|`), as text: what a `<style>` block left open
made of the table below it."""


def refuse_unclosed_markup(html: str, source: str) -> None:
    """A `<table>` never closed or a comment never closed means the page is cut off.

    Read on, either would silently lose rows: a truncated table looks complete, and an open
    comment hides every table after it, as an element whose text is never markup does
    (`Set the <textarea> value.` above a table, `<script>`, `<plaintext>`). (`parse` asks
    only when the fast tree declined the page: its scan accepts no comment and no table
    left open.)
    """
    tables: list[int] = []
    comment: int | None = None  # where a comment or CDATA section opened, until `closer`
    closer = "-->"
    raw = ""  # inside <script>, <style>, <textarea>, …: their text is never markup
    raw_at = 0
    raw_in_tag = False  # whether its `<` stood inside another tag (`alt="<script>"`)
    closing = -2  # the first `>` at or after the last start tag looked at (-1: none left)
    angles = _Angles(html)
    for match in _MARKUP.finditer(html):
        token = match.group().lower()
        if raw:
            if token.startswith("</") and token[2:].startswith(raw):
                raw = ""
        elif comment is not None:
            if token == closer:
                comment = None
        elif token in ("<!--", "<![cdata["):
            comment, closer = match.start(), "-->" if token == "<!--" else "]]>"
        elif token == "<plaintext":
            raw, raw_at, raw_in_tag = "plaintext", match.start(), angles.inside(match.start())
            break  # the rest of the page is its text
        elif token[1:].isalpha() and token != "<table":
            if closing != -1 and closing < match.end():  # (each `>` found once: linear)
                closing = html.find(">", match.end())
            if closing < 0 or html[closing - 1] != "/":  # `<script src="x"/>`: closed, as
                raw, raw_at = token[1:], match.start()  # html.parser reads it
                raw_in_tag = angles.inside(match.start())
        elif token.startswith("<table"):
            tables.append(match.start())
        elif token.startswith("</table") and tables:
            tables.pop()
    if comment is not None:
        opened = "a comment" if closer == "-->" else "a CDATA section"
        raise SourceError(
            f"{opened} opened here is never closed, expected {closer!r}",
            path=source,
            line=html.count("\n", 0, comment) + 1,
        )
    hidden = (
        bool(raw)
        and not raw_in_tag
        and (
            _TABLE_START.search(html, raw_at) is not None
            or _DELIMITER_ROW.search(html, raw_at) is not None  # a pipe table in an HTML block
        )
    )
    if raw and ((tables and raw_at > tables[0]) or hidden):  # the table's end (or every
        expected = "no <plaintext>: nothing ends it" if raw == "plaintext" else f"'</{raw}>'"
        raise SourceError(  # table after it) read as its code (a `<script>` as text)
            f"a <{raw}> opened here is never closed, so the rest of the page reads as its "
            f"code, expected {expected} (to show the tag as text, write &lt;{raw}&gt;)",
            path=source,
            line=html.count("\n", 0, raw_at) + 1,
        )
    if tables:
        raise SourceError(
            "a table opened here is never closed, expected '</table>' (is the page cut off?)",
            path=source,
            line=html.count("\n", 0, tables[0]) + 1,
        )


_ATTRIBUTE = r"""(?:[#.][^\s{}]+|[\w-]+=(?:"[^"]*"|[^\s{}"]*))"""
_ATTRIBUTES = re.compile(rf"\s*\{{\s*({_ATTRIBUTE}(?:\s+{_ATTRIBUTE})*)\s*\}}\s*$")


def _blocks(text: str, env: dict[str, object]) -> list[Token]:
    """The page's tokens as `_MARKDOWN.parse` makes them, but for the inline markup of its
    paragraphs and headings: the core rules before `inline` alone (`pipes.core_rules`).
    Nothing reads a paragraph's inline markup, and a heading's only when it may name the
    page (`_heading`): reading all of them was a sixth of markdown-it's time on the
    corpus. The bound on that reading is still checked over all of them
    (`pipes.MAX_MARKERS`, by a rule before `inline`)."""
    state = StateCore(text, _MARKDOWN, env)
    for rule in pipes.core_rules(_MARKDOWN)[0]:
        rule(state)
    return state.tokens


def _headings(
    tokens: list[Token], env: dict[str, object], fast_tree: bool, source: str
) -> tuple[tuple[str, str], tuple[str, str]]:
    """Text and anchor id of the first level-1 heading, and of the first heading at all."""
    headings = [
        (tokens[i].tag, tokens[i + 1])
        for i, token in enumerate(tokens)
        if token.type == "heading_open" and i + 1 < len(tokens)
    ]
    if not headings:
        return ("", ""), ("", "")
    tag, first = headings[0]
    if tag == "h1":  # most pages: the one heading is both, read once
        both = _heading(first, env, fast_tree, source)
        return both, both
    level_one = next(
        (_heading(tok, env, fast_tree, source) for name, tok in headings if name == "h1"), ("", "")
    )
    return level_one, _heading(first, env, fast_tree, source)


def _heading(
    inline: Token, env: dict[str, object], fast_tree: bool, source: str
) -> tuple[str, str]:
    """A heading's text and id: an anchor inside it, else its `{#id .class}` attributes,
    which are markup for the site generator and never part of the title. Its inline
    markup is read here (`_blocks` left it), with the page's `env` (its link references)."""
    line = inline.map[0] + 1 if inline.map else 1
    html = pipes.inline_html(_MARKDOWN, inline.content, env)
    title, anchor = _fragment(html, fast_tree, source, line)
    attributes = _ATTRIBUTES.search(title)
    if attributes:
        title = title[: attributes.start()]
        ids = [item[1:] for item in attributes.group(1).split() if item.startswith("#")]
        anchor = anchor or (ids[0] if ids else "")
    return title, anchor


_FRONT_MATTER_KEY = re.compile(r"[A-Za-z_][\w-]*[ \t]*:")
_TITLE_KEY = re.compile(r"title[ \t]*:[ \t]*(.*)")
_BLOCK_SCALAR = re.compile(r"[>|][+-]?[0-9]?[ \t]*(?:#.*)?")


_YAML_ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)")
_YAML_NAMED = {"n": "\n", "t": "\t", "r": "\r", "0": "", "_": "\u00a0", "N": "\u0085",
               "L": "\u2028", "P": "\u2029", "e": "\x1b", "a": "\x07", "b": "\x08",
               "v": "\x0b", "f": "\x0c", " ": " ", "/": "/", '"': '"', "\\": "\\"}  # fmt: skip


def _unescape(match: re.Match[str]) -> str:
    """One escape of a YAML double-quoted scalar; a code point that is not a character
    (a lone surrogate) or an unknown escape stays as written."""
    escape = match.group(1)
    if escape[0] in "xuU" and len(escape) > 1:
        code = int(escape[1:], 16)
        return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else match.group()
    return _YAML_NAMED.get(escape, match.group())


def _front_matter(lines: list[str]) -> tuple[int, str]:
    """How many lines of YAML front matter open the page (0 if none), and its `title`.

    Front matter is a `---` first line, `key: value` lines, and a closing `---` or `...`;
    site generators read it as metadata and never show it, so neither do we.
    """
    if not lines or lines[0].rstrip() != "---":
        return 0, ""
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), 0)
    body = lines[1:end]
    first = next((line for line in body if line.strip()), "")
    if not end or not _FRONT_MATTER_KEY.match(first):
        return 0, ""
    return end + 1, _yaml_title(body)


def _yaml_title(body: list[str]) -> str:
    """The top-level `title` scalar of front matter: plain, quoted, or a block scalar."""
    for number, line in enumerate(body):
        match = _TITLE_KEY.fullmatch(line.rstrip())
        if not match:
            continue
        value = match.group(1).strip()
        if not value or _BLOCK_SCALAR.fullmatch(value):
            block = []
            for following in body[number + 1 :]:
                if following.strip() and not following[:1].isspace():
                    break
                block.append(following.strip())
            return text.normalize(" ".join(block))
        if value.startswith('"'):
            closing = re.match(r'"((?:[^"\\]|\\.)*)"', value)
            inner = closing.group(1) if closing else value[1:]
            return text.normalize(_YAML_ESCAPE.sub(_unescape, inner))
        if value.startswith("'"):
            closing = re.match(r"'((?:[^']|'')*)'", value)
            inner = closing.group(1) if closing else value[1:]
            return text.normalize(inner.replace("''", "'"))
        return text.normalize(re.sub(r"\s+#.*$", "", value))
    return ""


_ROW_LIKE = re.compile(r"\s*\|.*\|")
_BOUNDARIES = frozenset({"heading_open", pipes.TOKEN, "fence", "code_block", "hr"})


_TABLE_MARKUP = re.compile(
    r"(?<!\\)</?(?:table|caption|colgroup|col|thead|tbody|tfoot|tr|td|th)(?![A-Za-z0-9:-])",
    re.IGNORECASE,
)
"""A table's own tag typed into a pipe table's cell (not escaped with a backslash)."""


def _table_notes(lines: list[str], tokens: list[Token]) -> dict[int, tuple[Notice, ...]]:
    """Pipe tables that a blank line ends while lines below still look like their rows, and
    those whose cells hold a table's own markup.

    CommonMark renderers (markdown-it-py, GitHub's) end a table at its first blank line, so
    do we; the lines after it are text. Saying so is the least a reader of the artifact
    needs when the source meant a longer table. A `</table>`, `<thead>` or `<td>` typed
    into a cell is read as a browser reads it: the table ends there, or its header or
    cells change; rows were lost without a word (found by review).
    """
    starts = sorted(tok.map[0] for tok in tokens if tok.type in _BOUNDARIES and tok.map)
    notes: dict[int, tuple[Notice, ...]] = {}
    for token in tokens:
        if token.type != pipes.TOKEN or not token.map:
            continue
        start, end = token.map
        found: list[Notice] = []
        for number in range(start, end):
            line = lines[number]
            if "<" in line and (markup := _TABLE_MARKUP.search(_spanless(line))):
                found.append(
                    Notice(
                        number + 1,
                        f"a cell holds the table markup {markup.group()}>, read as a browser "
                        "reads it: the table's rows or header change from here (to show it "
                        "as text, write it in backticks or as &lt;)",
                    )
                )
                break
        limit = starts[bisect.bisect_right(starts, start)] if starts[-1] > start else len(lines)
        rows = [n for n in range(end, limit) if _ROW_LIKE.match(lines[n])]
        if end < len(lines) and not lines[end].strip() and rows:
            many = len(rows) > 1
            found.append(
                Notice(
                    end + 1,
                    f"a blank line ends this table, as Markdown renderers end it; {len(rows)} "
                    f"later {'lines that look' if many else 'line that looks'} like its rows "
                    f"(from line {rows[0] + 1}) {'are' if many else 'is'} read as text",
                )
            )
        if found:
            notes[start + 1] = tuple(found)
    return notes


def _as_html(
    lines: list[str],
    tokens: list[Token],
    env: dict[str, object],
    source: str,
    bodies: dict[int, pipes.Body] | None = None,
) -> list[str]:
    """The page's lines for the HTML reader, every line kept where it was.

    Code is blanked, as it is text to a reader, never markup: code blocks (pages carry XML
    examples with tag-like text such as `<Code>`) and code spans in paragraphs and headings
    (`` `<table>` `` in prose); a `<` there that opens no raw HTML is written `&lt;`
    (`text.strays_escaped`). A pipe table becomes an HTML table whose every row sits on the
    line of its source row, so rows and messages keep their real line numbers. With `bodies`
    a table that `pipes.treeless` allows keeps its header alone, and its body goes there.
    """
    out = list(lines)
    for start, end in _code_blocks(tokens):
        out[start:end] = [""] * (end - start)
    for index, token in enumerate(tokens):
        if (
            token.type == "inline"
            and token.map
            and index
            and tokens[index - 1].type in ("paragraph_open", "heading_open")
            and ("`" in token.content or "<" in token.content)
        ):
            start, end = token.map
            inline = "\n".join(out[start:end])
            if "`" in token.content:
                inline = _without_code_spans(inline)
            out[start:end] = text.strays_escaped(inline).split("\n")
    for token in tokens:
        if token.type == pipes.TOKEN and token.map:
            start, end = token.map
            if bodies is not None and pipes.treeless(source, token.meta):
                out[start:end] = pipes.head(_MARKDOWN, source, token.meta, env)
                bodies[start + 1] = pipes.Body(_MARKDOWN, source, token.meta, env)
            else:
                out[start:end] = pipes.html(_MARKDOWN, source, token.meta, env)
    return out


def _spanless(line: str) -> str:
    """A line without its code spans (`_without_code_spans`), as it stands when it has no
    backtick."""
    return _without_code_spans(line) if "`" in line else line


def _without_code_spans(markdown: str) -> str:
    """Markdown text with every code span (backticks included) turned into spaces.

    One pass over the backtick runs: an opening run closes at the next run of the same width
    (CommonMark's rule), found by bisection, so adversarial text stays linear-logarithmic.
    """
    runs = [(m.start(), m.end()) for m in _TICKS.finditer(markdown)]
    starts: dict[int, list[int]] = {}
    for start, end in runs:
        starts.setdefault(end - start, []).append(start)
    out = list(markdown)
    cursor = 0
    for start, end in runs:
        if start < cursor:
            continue
        if start and markdown[start - 1] == "\\":  # an escaped backtick opens nothing
            start += 1
        width = end - start
        candidates = starts.get(width, [])
        found = bisect.bisect_left(candidates, end)
        if not width or found == len(candidates):
            continue
        close = candidates[found] + width
        for index in range(start, close):
            if out[index] != "\n":
                out[index] = " "
        cursor = close
    return "".join(out)
