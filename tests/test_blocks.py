"""codetables' block state and HTML block rule (`blocks.py`) give the tokens markdown-it's
own give: every corpus page and generated Markdown (HTML blocks of every kind, blank and
space-only lines, tabs, lists, quotes, code, a last line with or without its line end) are
parsed by two instances, one with markdown-it's code and one with codetables', and compared
token for token, field for field."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from codetables import blocks, markdown, pipes
from codetables.errors import SourceError
from codetables.parse import parse
from conftest import read_manifest, shared_corpus


def instance(own_blocks: bool) -> MarkdownIt:
    """An instance configured as codetables' own, with or without `blocks`."""
    md = MarkdownIt("commonmark").enable("table").disable("normalize")
    pipes.install(md)
    if own_blocks:
        blocks.install(md)
    return md


STOCK = instance(False)
OWN = instance(True)


def tokens(md: MarkdownIt, page: str) -> list[dict[str, Any]]:
    return [token.as_dict() for token in md.parse(page, {})]


def test_codetables_instance_has_the_block_state_and_rule() -> None:
    """The parser reads with `blocks` (the tests below compare it, not an instance of
    their own only)."""
    assert isinstance(markdown._MARKDOWN.block, blocks.Parser)
    rules = {rule.name: rule.fn for rule in markdown._MARKDOWN.block.ruler.__rules__}
    assert rules["html_block"] is blocks.html_block


@pytest.mark.parametrize(
    ("name", "variable"),
    [("corpus", "CODETABLES_CORPUS"), ("corpus-other", "CODETABLES_CORPUS_OTHER")],
)
def test_every_corpus_page_gives_markdown_its_own_tokens(name: str, variable: str) -> None:
    corpus = shared_corpus(name, variable)
    if not corpus.is_dir():
        pytest.skip(f"the {name} is not beside this clone ({corpus})")
    for row in read_manifest(corpus):
        page = (corpus / row["file"]).read_text(encoding="utf-8").replace("\r\n", "\n")
        assert tokens(OWN, page) == tokens(STOCK, page), row["file"]


LINES = [
    "", " ", "\t", "  \t ", "text", "  text", "\ttext", " \t text", "# Heading", "**表 1** 错误码",
    "<table>", "</table>", "  <table>", "\t<table>", "<tr><td>200</td></tr>", "<td>x</td>",
    "<div>", "</div>", "<p>a</p>", "<!-- c", "-->", "<!-- c -->", "<script>", "</script>",
    "<pre>", "</pre>", "<?x", "?>", "<!DOCTYPE html>", "<![CDATA[", "]]>", "<span>x</span>",
    "<custom-tag>", "</a>", "- item", "  - nested", "1. one", "> quote", "> <div>", ">",
    "    code", "```", "~~~", "| a | b |", "| --- | --- |", "| 1 | 2 |", "---", "===",
    "[ref]: /url", "<a name=\"x\"></a>", "<TABLE class=\"x\">", "</TD>", "x<br>", "\u3000",
]  # fmt: skip


@given(st.lists(st.sampled_from(LINES), max_size=40), st.sampled_from(["", "\n", " ", "\t "]))
@example(["<table>", "<tr>", " ", "x"], "")
@example(["- item", "  <div>", "  x", "", "  y"], "\n")
@example(["> <div>", "> x", "y", "", "z"], "")
@example(["<div>"], "  ")
@example(["\t<table>", "\t\tx", "\t", "y"], "")
@example(["- item", "", " \t text"], "")  # a tab after a space reaches column 4, not 5
def test_generated_markdown_gives_markdown_its_own_tokens(lines: list[str], end: str) -> None:
    page = "\n".join(lines) + end
    assert tokens(OWN, page) == tokens(STOCK, page)


@pytest.mark.parametrize(
    "page", ["\n", " ", "  \n", "\n\n", "x", "x\n \t", "<div>\n \t", "<div>\n\n", "\t\tx\n"]
)
def test_short_pages_give_markdown_its_own_tokens(page: str) -> None:
    assert tokens(OWN, page) == tokens(STOCK, page)


def test_a_long_html_block_is_found_across_runs_of_lines() -> None:
    """Its end found past several runs of doubling length, its text one slice."""
    page = "<table>\n" + "<tr><td>1</td></tr>\n" * 5000 + "</table>\n\nafter\n"
    found = tokens(OWN, page)
    assert found == tokens(STOCK, page)
    assert found[0]["map"] == [0, 5002]


def test_a_state_that_gives_other_tokens_is_not_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Another markdown-it-py may keep its block state otherwise: where the probe page
    gives other tokens, the instance keeps markdown-it's own code."""

    class Shifted(blocks.State):
        def __init__(self, *arguments: Any) -> None:
            super().__init__(*arguments)
            self.sCount = [count + 4 for count in self.sCount]  # every line read as code

    monkeypatch.setattr(blocks, "State", Shifted)
    md = instance(False)
    assert not blocks.install(md)
    assert not isinstance(md.block, blocks.Parser)
    rules = {rule.name: rule.fn for rule in md.block.ruler.__rules__}
    assert rules["html_block"] is not blocks.html_block
    assert tokens(md, blocks.PROBE) == tokens(STOCK, blocks.PROBE)


def test_a_page_of_too_many_blocks_is_an_error_at_the_line_that_passes_the_bound(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """markdown-it keeps some 300 bytes a block token: 200,000 lines of nested list markers
    (8 MB) made 16 million, 5 GB and 166 s (found by review). Past `blocks.MAX_TOKENS` a page
    is refused at the line where the block reading stands."""
    monkeypatch.setattr(blocks, "MAX_TOKENS", 100)
    table = "# T\n\n| Code | Message |\n|---|---|\n| E1 | m |\n\n"
    assert parse(table + "- - a\n" * 10, source="a.md").tables
    with pytest.raises(SourceError) as refused:
        parse(table + "- - a\n" * 40, source="a.md")
    assert str(refused.value) == (
        "a.md:18: the page makes more than 100 Markdown block tokens (a paragraph or "
        "heading makes three, a list item or quote two more around what it holds), expected "
        "at most 100"
    )
