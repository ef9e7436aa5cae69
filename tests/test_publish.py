"""Publishing: the Markdown artifact shows every cell, paragraph by paragraph, the same on
GitHub and in MkDocs.

GitHub is stood for by markdown-it-py as CommonMark with GFM tables and strikethrough
(GitHub's autolinking of bare URLs adds links, never text, so it is left out); MkDocs by
Python-Markdown with its `tables` extension. A cell's paragraphs are the text between its
`<br>` breaks, compared exactly: no whitespace is normalised, and the only reading applied
is that an empty cell holds no paragraph (the model's empty cell has none).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import markdown as python_markdown
import pytest
from bs4 import BeautifulSoup
from markdown_it import MarkdownIt
from test_corpus import REFUSED, WITH_TABLES
from test_corpus import document as corpus_document
from test_corpus_other import PAGES as OTHER_PAGES
from test_corpus_other import document as other_document

from codetables import escape
from codetables.model import Document
from codetables.parse import parse
from codetables.render import render
from conftest import CASES, ROOT, shared_corpus, skip_without
from hostile import (
    HOSTILE,
    cell_paragraphs,
    hostile_document,
    hostile_error_document,
    hostile_result_document,
    model_text,
)

_GITHUB = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def github(markdown: str) -> str:
    """HTML as GitHub shows a page: CommonMark, GFM tables and strikethrough."""
    return _GITHUB.render(markdown)


def mkdocs(markdown: str) -> str:
    """HTML as MkDocs shows a page: Python-Markdown with the `tables` extension."""
    return python_markdown.markdown(markdown, extensions=["tables"])


def mkdocs_attributes(markdown: str) -> str:
    """MkDocs with `attr_list` too (Material's usual set): a `{...}` at a cell's or a
    heading's end would become attributes (`onclick=`), unless escaped."""
    return python_markdown.markdown(markdown, extensions=["tables", "attr_list"])


RENDERERS: dict[str, Callable[[str], str]] = {
    "github": github,
    "mkdocs": mkdocs,
    "mkdocs-attr-list": mkdocs_attributes,
}


@dataclass(frozen=True)
class Shown:
    """What a reader sees of a page: the heading, the captions, and every table as header
    cells and rows of cells, each cell as its paragraphs."""

    title: list[str]
    captions: list[str]
    tables: list[tuple[list[list[str]], list[list[list[str]]]]]


def shown(html: str) -> Shown:
    soup = BeautifulSoup(html, "html.parser")
    tables = []
    for table in soup.find_all("table"):
        header = [cell_paragraphs(cell) for cell in table.find_all("th")]
        rows = [
            [cell_paragraphs(cell) for cell in row.find_all("td")]
            for row in table.find_all("tr")
            if row.find("td") is not None
        ]
        tables.append((header, rows))
    return Shown(
        title=[heading.get_text() for heading in soup.find_all("h1")],
        captions=[caption.get_text() for caption in soup.find_all("strong")],
        tables=tables,
    )


def meant(document: Document) -> Shown:
    """What the Markdown artifact of `document` should show."""
    return Shown(
        title=[document.title or document.path],
        captions=[table.title for table in document.tables if table.title],
        tables=[
            (
                [[column.header] if column.header else [] for column in table.columns],
                [[list(cell.paragraphs) for cell in row.cells] for row in table.rows],
            )
            for table in document.tables
        ],
    )


def first_difference(expected: Shown, actual: Shown) -> str:
    """Where a rendering first differs from the model, for a failure a reader can act on."""
    if (expected.title, expected.captions) != (actual.title, actual.captions):
        return (
            f"title/captions {expected.title, expected.captions} != {actual.title, actual.captions}"
        )
    if len(expected.tables) != len(actual.tables):
        return f"{len(actual.tables)} tables, expected {len(expected.tables)}"
    for index, (want, got) in enumerate(zip(expected.tables, actual.tables, strict=True)):
        if want[0] != got[0]:
            return f"table {index} header {got[0]!r}, expected {want[0]!r}"
        if len(want[1]) != len(got[1]):
            return f"table {index}: {len(got[1])} rows, expected {len(want[1])}"
        for number, (row, seen) in enumerate(zip(want[1], got[1], strict=True)):
            if row != seen:
                return f"table {index} row {number}: {seen!r}, expected {row!r}"
    return "no difference"


def assert_published_alike(document: Document) -> None:
    """Both renderers show the artifact's every table, header and cell, with the model's
    paragraphs; the heading and captions read back too."""
    page = render(document, "page")["page.md"]
    expected = meant(document)
    for name, renderer in RENDERERS.items():
        actual = shown(renderer(page))
        assert actual == expected, f"{name}: {first_difference(expected, actual)}"


# --- the filter, on hostile text -------------------------------------------------------------


def one_cell(markdown_cell: str, header: str = "h") -> str:
    return f"| {escape.md_cell(header)} |\n| --- |\n| {markdown_cell} |\n"


ONE_CELL_TABLE = {"table", "thead", "tbody", "tr", "th", "td"}


def body_cells(html: str) -> list[list[str]]:
    return [cell_paragraphs(cell) for cell in BeautifulSoup(html, "html.parser").find_all("td")]


@pytest.mark.parametrize("renderer", RENDERERS)
@pytest.mark.parametrize("value", HOSTILE)
def test_md_cell_renders_back_to_the_text_in_both_renderers(value: str, renderer: str) -> None:
    """A header and a cell of hostile text show exactly the text, on GitHub and in MkDocs."""
    cell = model_text(value)
    html = RENDERERS[renderer](one_cell(escape.md_cell(cell), header=cell))
    soup = BeautifulSoup(html, "html.parser")
    assert [th.get_text() for th in soup.find_all("th")] == [cell]
    assert [td.get_text() for td in soup.find_all("td")] == [cell]


@pytest.mark.parametrize("renderer", RENDERERS)
@pytest.mark.parametrize("value", [v for v in HOSTILE if model_text(v)])
def test_md_paragraphs_keep_every_break_and_only_those(value: str, renderer: str) -> None:
    """Hostile paragraphs, literal `<br>` among them, read back one for one: exactly one `<br>`
    element between two paragraphs, and no element the text names (`<script>`, `<b>`)."""
    paragraphs = (model_text(value), "例如：", "<br>", "a\\", "&lt;br&gt;", model_text(value))
    html = RENDERERS[renderer](one_cell(escape.md_paragraphs(paragraphs)))
    assert body_cells(html) == [list(paragraphs)]
    soup = BeautifulSoup(html, "html.parser")
    assert len(soup.find_all("br")) == len(paragraphs) - 1
    assert {tag.name for tag in soup.find_all(True)} == ONE_CELL_TABLE | {"br"}


@pytest.mark.parametrize("renderer", RENDERERS)
@pytest.mark.parametrize(
    "paragraphs",
    [
        ("<br>",),
        ("<br/>", "<BR>", "<br >"),
        ("a\\", "\\b"),
        ("\\<br>", "x"),
        ("`a", "b`"),
        ("**a", "b**"),
        ("_a", "b_"),
        ("~~a", "b~~"),
        ("[a", "](b)"),
        ("&", "amp;"),
        ("&#60;br&#62;", "&#x3C;"),
        ("<script>alert(1)</script>", "</td></tr></table>"),
        ("a | b", "|"),
        ("{{ x }}", "{% raw %}"),
    ],
)
def test_md_paragraphs_never_join_or_split_across_a_break(
    paragraphs: tuple[str, ...], renderer: str
) -> None:
    """Markup opened in one paragraph and closed in the next stays text; a literal break, a
    backslash or a reference next to a break neither eats it nor makes one."""
    html = RENDERERS[renderer](one_cell(escape.md_paragraphs(paragraphs)))
    assert body_cells(html) == [list(paragraphs)]
    assert len(BeautifulSoup(html, "html.parser").find_all("br")) == len(paragraphs) - 1


def test_md_paragraphs_of_one_paragraph_is_the_cell_and_of_none_is_empty() -> None:
    """A single-paragraph cell is written as it always was; an empty cell stays empty."""
    assert escape.md_paragraphs(("a | <b>",)) == escape.md_cell("a | <b>")
    assert escape.md_paragraphs(()) == ""


@pytest.mark.parametrize("renderer", RENDERERS)
@pytest.mark.parametrize("value", [v for v in HOSTILE if model_text(v)])
def test_md_text_renders_back_in_both_renderers(value: str, renderer: str) -> None:
    """As a heading or a paragraph line, hostile text shows exactly, in MkDocs too."""
    line = model_text(value)
    for source, name in ((f"# {escape.md_text(line)}\n", "h1"), (f"{escape.md_text(line)}\n", "p")):
        soup = BeautifulSoup(RENDERERS[renderer](source), "html.parser")
        assert [element.get_text() for element in soup.find_all(name)] == [line]


@pytest.mark.parametrize(
    "document",
    [hostile_document, hostile_error_document, hostile_result_document],
    ids=lambda make: make.__name__,
)
def test_hostile_documents_are_published_alike(document: Callable[[], Document]) -> None:
    """Documents of hostile text, rendered whole, show the model in both renderers."""
    assert_published_alike(document())


# --- the pages: seed, test cases, both corpora -----------------------------------------------

LOCAL = sorted(
    [*ROOT.glob("seeds/*.md"), *CASES.glob("good-*/source.md"), *CASES.glob("warn-*/source.md")]
)
"""The seed, the pages whose artifacts are golden files, and the pages that warn."""


@pytest.mark.parametrize("path", LOCAL, ids=lambda path: path.relative_to(ROOT).as_posix())
def test_every_local_page_is_published_alike(path: Path) -> None:
    """The seed and the test pages: every cell shows its paragraphs on GitHub and in MkDocs."""
    label = path.relative_to(ROOT).as_posix()
    document = parse(path.read_text(encoding="utf-8"), source=label)
    assert document.tables
    assert_published_alike(document)


def test_paragraph_breaks_are_published_on_the_seed(seed_document: Document) -> None:
    """The seed has cells of several paragraphs, and its artifact shows them as breaks."""
    several = [
        cell
        for table in seed_document.tables
        for row in table.rows
        for cell in row.cells
        if len(cell.paragraphs) > 1
    ]
    assert several
    page = render(seed_document, "page")["page.md"]
    assert escape.md_paragraphs(several[0].paragraphs) in page
    assert page.count("<br>") == sum(len(cell.paragraphs) - 1 for cell in several)


CORPUS = shared_corpus("corpus", "CODETABLES_CORPUS")
OTHER = shared_corpus("corpus-other", "CODETABLES_CORPUS_OTHER")


@skip_without(CORPUS, "the shared corpus")
@pytest.mark.parametrize("page", [page for page in WITH_TABLES if page not in REFUSED])
def test_every_corpus_page_is_published_alike(page: str) -> None:
    """Every page of the shared corpus with code tables: both renderers show the model."""
    assert corpus_document(page).tables
    assert_published_alike(corpus_document(page))


@skip_without(OTHER, "the other-families corpus")
@pytest.mark.parametrize("page", OTHER_PAGES)
def test_every_page_of_another_family_is_published_alike(page: str) -> None:
    """Every page of the other families: both renderers show the model."""
    assert other_document(page).tables
    assert_published_alike(other_document(page))
