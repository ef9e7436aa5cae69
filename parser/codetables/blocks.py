"""markdown-it's block state and its HTML block rule, for codetables' own instance, made of
passes in C rather than a step in Python per line.

A page of generated documentation is a few HTML blocks of thousands of lines each (170,000
lines over the corpus, a thousand of them blank). markdown-it-py marks every line in a
Python loop as it starts a page, then steps line by line through each HTML block to find
its end and copies it out line by line: a quarter of its time. Here the marks come from
`str.split` and `itertools`, an HTML block's end from `map` and `compress` over the marks,
and its text from one slice where its lines lie end to end. Each answers exactly as
markdown-it's own code (tests hold the tokens of every corpus page and of generated
Markdown to those of a stock instance); where the shortcut does not apply (a block
indented inside a list, lines moved by a quote's markers) markdown-it's own code runs.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Iterator
from typing import Any, Literal

from markdown_it import MarkdownIt
from markdown_it.parser_block import ParserBlock
from markdown_it.rules_block.html_block import HTML_SEQUENCES
from markdown_it.rules_block.html_block import html_block as stock_html_block
from markdown_it.rules_block.state_block import StateBlock
from markdown_it.token import Token

from . import text

_SPACES = " \t"
"""What markdown-it counts as a line's indent (`isStrSpace`)."""
LINES = "codetables.lines"
"""The key of `env` that may hold `(src, src.split("\\n"))`: the lines the caller has made
already (`markdown.read`), used when `src` is that very string (a page split once, not
twice: 16 ms over the corpus)."""


MAX_TOKENS = 500_000
"""Most block tokens a page may make (a list item is three or more, a paragraph three):
markdown-it keeps some 300 bytes a token, and a page of 200,000 lines of nested list markers
(`- - - … a`, 8 MB) made 16 million of them, 5 GB (found by review). The largest corpus
page makes some 20,000."""


class TooManyTokens(Exception):
    """A page past `MAX_TOKENS` at `line` (from 1)."""

    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


class State(StateBlock):
    """`StateBlock` whose line marks are made by whole-page passes, and which stops a page
    past `MAX_TOKENS` (`TooManyTokens`)."""

    def __init__(self, src: str, md: MarkdownIt, env: Any, tokens: list[Token]) -> None:
        super().__init__("", md, env, tokens)  # every field at its start, no line marked
        self.made = 0
        self.src = src
        split = env.get(LINES) if isinstance(env, dict) else None
        lines = split[1] if split is not None and split[0] is src else src.split("\n")
        if not lines[-1].strip(_SPACES):  # a final line end starts no line, nor does a
            lines = lines[:-1]  # last line of spaces and tabs without one
        ends = list(itertools.accumulate(map((1).__add__, map(len, lines)), initial=-1))
        starts = list(map((1).__add__, ends))
        starts.pop()
        ends.pop(0)
        shift = list(map(operator.sub, map(len, lines), map(len, _stripped(lines))))
        self.bMarks = starts
        self.eMarks = ends
        self.tShift = shift
        self.sCount = _indents(lines, shift) if "\t" in src else shift.copy()
        self.bsCount = [0] * len(lines)
        self.lineMax = len(lines)
        starts.append(len(src))  # markdown-it's entry past the last line
        ends.append(len(src))
        for marks in (shift, self.sCount, self.bsCount):
            marks.append(0)

    def push(self, ttype: str, tag: str, nesting: Literal[-1, 0, 1]) -> Token:
        self.made += 1
        if self.made > MAX_TOKENS:
            raise TooManyTokens(self.line + 1)
        return super().push(ttype, tag, nesting)


def _stripped(lines: list[str]) -> Iterator[str]:
    return map(str.lstrip, lines, itertools.repeat(_SPACES))


def _indents(lines: list[str], shift: list[int]) -> list[int]:
    """Each line's indent with tabs to the next multiple of four, as markdown-it counts it."""
    counts = []
    for line, width in zip(lines, shift, strict=True):
        if "\t" not in line[:width]:
            counts.append(width)
            continue
        offset = 0
        for character in line[:width]:
            offset += 4 - offset % 4 if character == "\t" else 1
        counts.append(offset)
    return counts


class Parser(ParserBlock):
    """markdown-it's block parser, with `State` for its state."""

    def parse(
        self, src: str, md: MarkdownIt, env: Any, outTokens: list[Token]
    ) -> list[Token] | None:
        if not src:
            return None
        state = State(src, md, env, outTokens)
        self.tokenize(state, state.line, state.lineMax)
        return state.tokens


_FIRST_STEP = 64


def _block_end(state: StateBlock, start: int, end: int) -> int:
    """The first line from `start` (before `end`) that ends an HTML block which a blank
    line ends: a blank line, or one indented less than the block's content (markdown-it's
    test, line by line, made here over runs of lines that double in length)."""
    indent = state.blkIndent
    step = _FIRST_STEP
    while start < end:
        stop = min(end, start + step)
        blank = map(
            operator.ge,
            map(operator.add, state.bMarks[start:stop], state.tShift[start:stop]),
            state.eMarks[start:stop],
        )
        outdented = map(operator.lt, state.sCount[start:stop], itertools.repeat(indent))
        ending = itertools.compress(itertools.count(start), map(operator.or_, blank, outdented))
        found = next(ending, None)
        if found is not None:
            return found
        start, step = stop, step * 2
    return end


def _lines(state: StateBlock, start: int, end: int) -> str:
    """`state.getLines(start, end, state.blkIndent, True)`: one slice when the block is not
    indented and its lines lie end to end in the source."""
    if state.blkIndent == 0 and start < end:
        following = state.bMarks[start + 1 : end]
        if all(map(operator.eq, following, map((1).__add__, state.eMarks[start : end - 1]))):
            return state.src[state.bMarks[start] : state.eMarks[end - 1] + 1]
    return state.getLines(start, end, state.blkIndent, True)


def html_block(state: StateBlock, startLine: int, endLine: int, silent: bool) -> bool:
    """markdown-it's `html_block` rule, its blocks that a blank line ends found with
    `_block_end` and copied with `_lines`."""
    if state.is_code_block(startLine) or not state.md.options.get("html", None):
        return False
    begin = state.bMarks[startLine] + state.tShift[startLine]
    if state.src[begin : begin + 1] != "<":
        return False
    first = state.src[begin : state.eMarks[startLine]]
    if text.crowded(first):  # told without markdown-it's last pattern, which would try
        sequence = next((each for each in HTML_SEQUENCES[:-1] if each[0].search(first)), None)
        if sequence is None and text.OPEN_TAG.fullmatch(first.rstrip()):  # every attribute
            sequence = HTML_SEQUENCES[-1]  # again as it failed: a line of one tag, alone
    else:
        sequence = next((each for each in HTML_SEQUENCES if each[0].search(first)), None)
    if sequence is None:
        return False
    if silent:
        return sequence[2]
    if not sequence[1].search(""):  # a comment, a script, …: ended by its own marker
        return stock_html_block(state, startLine, endLine, silent)
    last = startLine + 1
    if not sequence[1].search(first):
        last = _block_end(state, startLine + 1, endLine)
    state.line = last
    token = state.push("html_block", "", 0)
    token.map = [startLine, last]
    token.content = _lines(state, startLine, last)
    return True


def colon_fence(state: StateBlock, startLine: int, endLine: int, silent: bool) -> bool:
    """A line of three colons or more, alone or before a name (`:::`, `::: tip`, `:::{note}`):
    where a container opens or closes in Docusaurus, VuePress, VitePress and MyST, or a div
    in Pandoc. It ends a paragraph or a pipe table above it, as those renderers end them
    (GFM alone reads `:::` under a table as one more row); the blocks between two such
    lines are read as any others."""
    if state.is_code_block(startLine):
        return False
    begin = state.bMarks[startLine] + state.tShift[startLine]
    if state.src[begin : begin + 3] != ":::" or begin + 3 > state.eMarks[startLine]:
        return False
    if not silent:
        state.line = startLine + 1
        token = state.push("container_fence", "", 0)
        token.map = [startLine, state.line]
        token.markup = state.src[begin : state.eMarks[startLine]]
    return True


def install_fences(md: MarkdownIt) -> None:
    """Gives `md` `colon_fence`, before code fences, able to end a paragraph, a table (the
    rules that end a quote end a table), a quote or a list."""
    md.block.ruler.before(
        "fence",
        "codetables_colon_fence",
        colon_fence,
        {"alt": ["paragraph", "reference", "blockquote", "list"]},
    )


PROBE = (
    "# Title\n\n<table>\n<tr><td>a</td></tr>\n\n- item\n  <div>\n  x\n\n  y\n"
    "> <div>\n> z\n\n\t<p>\n  \tcode\n <!-- c\n\n-->\n<custom-tag>\n \t"
)
"""A page that takes every path of this module: its tokens must be markdown-it's own."""


def install(md: MarkdownIt) -> bool:
    """Gives `md` the block state and the HTML block rule of this module, when they give
    markdown-it's own tokens for `PROBE` (another markdown-it-py may keep its state
    otherwise): whether it did."""
    expected = [token.as_dict() for token in md.parse(PROBE, {})]
    stock = md.block
    rule = next(rule for rule in stock.ruler.__rules__ if rule.name == "html_block")
    stock_rule, alternatives = rule.fn, list(rule.alt)
    parser = Parser()
    parser.ruler = stock.ruler
    md.block = parser
    parser.ruler.at("html_block", html_block, {"alt": alternatives})
    if [token.as_dict() for token in md.parse(PROBE, {})] == expected:
        return True
    md.block = stock
    stock.ruler.at("html_block", stock_rule, {"alt": alternatives})
    return False
