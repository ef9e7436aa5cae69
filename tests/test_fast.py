"""The fast tree (lxml) gives the very Document the reference tree (BeautifulSoup) gives, on
every real page and on generated markup meant to find where the two readers part; where they
would part, the page goes to the reference."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from codetables import fast, grid, markdown
from codetables.errors import SourceError
from codetables.model import Document
from codetables.parse import parse
from conftest import ROOT, read_manifest, run_python, shared_corpus

SEED = ROOT / "seeds" / "cci-status-codes.md"
CORPUS = shared_corpus("corpus", "CODETABLES_CORPUS")
CORPUS_OTHER = shared_corpus("corpus-other", "CODETABLES_CORPUS_OTHER")


def corpus_pages(corpus: Path) -> list[Path]:
    """Every page a corpus's manifest lists."""
    return [corpus / row["file"] for row in read_manifest(corpus)]


def both(page: str, source: str = "page.md") -> tuple[Document | str, Document | str]:
    """The page read with the fast tree allowed, and with the reference alone (an error's
    message stands for the Document)."""
    read: list[Document | str] = []
    for fast_tree in (True, False):
        try:
            read.append(parse(page, source=source, fast_tree=fast_tree))
        except SourceError as error:
            read.append(str(error))
    return read[0], read[1]


def takes_fast_tree(page: str, source: str = "page.md") -> bool:
    """Whether `parse` reads this page with the fast tree."""
    lines = page.replace("\r\n", "\n")
    read = markdown.read(lines, source=source)
    return fast.tree(read.html, titled=bool(read.heading[0])) is not None


def test_the_seed_takes_the_fast_tree_and_reads_as_with_the_reference() -> None:
    page = SEED.read_text(encoding="utf-8")
    assert takes_fast_tree(page)
    fast_read, reference = both(page, "seeds/cci-status-codes.md")
    assert fast_read == reference


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"the corpus is not beside this clone ({CORPUS})")
def test_every_corpus_page_reads_the_same_with_the_fast_tree() -> None:
    pages = corpus_pages(CORPUS)
    fast_pages = 0
    for path in pages:
        page = path.read_text(encoding="utf-8-sig")
        fast_read, reference = both(page, path.name)
        assert fast_read == reference, path.name
        fast_pages += isinstance(reference, Document) and takes_fast_tree(page, path.name)
    # the fast tree must be the common case on generated documentation, or it buys nothing
    assert fast_pages >= 0.95 * len(pages), f"{fast_pages} of {len(pages)} pages"


@pytest.mark.skipif(
    not CORPUS_OTHER.is_dir(), reason=f"the corpus is not beside this clone ({CORPUS_OTHER})"
)
def test_every_page_of_the_other_families_reads_the_same_with_the_fast_tree() -> None:
    for path in corpus_pages(CORPUS_OTHER):
        page = path.read_text(encoding="utf-8-sig")
        fast_read, reference = both(page, path.name)
        assert fast_read == reference, path.name


TABLE = "<table>\n<tr><th>状态码</th><th>说明</th></tr>\n{rows}\n</table>\n"


@pytest.mark.parametrize(
    "cell",
    [
        pytest.param("<td>a<td>b</td>", id="a cell left open"),
        pytest.param("<td><p>a<div>b</div></p></td>", id="a block inside a paragraph"),
        pytest.param("<td><b><i>a</b></i></td>", id="misnested inline elements"),
        pytest.param("<td>a</td></td>", id="an end tag left over"),
        pytest.param("<td>&AElig x</td>", id="a named reference without its semicolon"),
        pytest.param("<td>&nosuch; x</td>", id="an unknown named reference"),
        pytest.param("<td>&#65x</td>", id="a numeric reference without its semicolon"),
        pytest.param("<td>a\x0cb\x01</td>", id="control characters"),
        pytest.param("<td><span/>a</td>", id="a self-closed element that has content"),
        pytest.param('<td colspan="&#50;">a</td>', id="a reference in a span"),
        pytest.param('<td colspan="1" COLSPAN="2">a</td><td>b</td>', id="a span written twice"),
        pytest.param("<td colspan==2>a</td><td>b</td>", id="a span written oddly"),
        pytest.param("<td>a<!-- b --> c</td>", id="a comment"),
        pytest.param("<td><script>x</script>a</td>", id="a script"),
        pytest.param("<td>a<wbr>b</td>", id="an element libxml2 does not know"),
        pytest.param("<td>a < b</td>", id="a less-than sign in text"),
        pytest.param("<td>a</br>b</td>", id="an end tag of a void element"),
        pytest.param("<td><B>a</b></I></td>", id="an end tag of an element never opened"),
        pytest.param('<td><p class="x"/>a</td>', id="a self-closed element with attributes"),
        pytest.param("<td>" + "<span>" * 201 + "a" + "</span>" * 201 + "</td>", id="deep"),
        pytest.param("<td colspan\u00a0=2>a</td>", id="an NBSP before a span's equals sign"),
        pytest.param("<td \u00a0colspan=2>a</td>", id="an NBSP before a span"),
        pytest.param('<td title="x" \u2003colspan="2">a</td>', id="an em space before a span"),
        pytest.param("<td \u3000rowspan=2>a</td>", id="an ideographic space before a span"),
        pytest.param("<td>a</td x>", id="an end tag with an attribute"),
        pytest.param("<td>a</td/>", id="an end tag closing itself"),
        pytest.param('<td class="c" a"b="c>d">a</td>', id="a quote inside an attribute name"),
        pytest.param("<td a'b='c>d'>a</td>", id="a single quote inside an attribute name"),
        pytest.param('<td x="1"y"=">z">a</td>', id="a quote right after a quoted value"),
        pytest.param('<td x"="y>z">a</td>', id="a quote before an equals sign"),
        pytest.param('<td a"b="c>d" />a</td>', id="a quote in a name, then a closing slash"),
        pytest.param('<td a="1"b="2">a</td>', id="attributes without a space between"),
        pytest.param('<td>R&<a name="x"></a>lt3</td>', id="an anchor between & and lt3"),
        pytest.param('<td>&<a name="y"></a>#</td>', id="an anchor between & and #"),
        pytest.param('<td>&<a name="z"></a>notin x</td>', id="an anchor between & and notin"),
        pytest.param('<td>&<a name="w"></a>bogus;</td>', id="an anchor before an unknown name"),
        pytest.param("<td><caption>c</caption>&amp;</td>", id="a caption in a cell"),
        pytest.param("<td>x<caption>c</caption></td>", id="a caption after text in a cell"),
        pytest.param("<td><thead><tr><td>x</td></tr></thead></td>", id="a row group in a cell"),
        pytest.param("<td><div><td>x</td></div></td>", id="a cell in a block in a cell"),
        pytest.param("<td>a<div><th>h</th></div>b</td>", id="a header cell in a block"),
        pytest.param("<td><span><tr><td>x</td></tr></span></td>", id="a row in a cell"),
        pytest.param("<div><td>x</td></div>", id="a cell in a block in a row"),
    ],
)
def test_markup_the_readers_would_read_differently_goes_to_the_reference(cell: str) -> None:
    page = TABLE.format(rows=f"<tr><td>200</td>{cell}</tr>")
    assert not takes_fast_tree(page)
    fast_read, reference = both(page)
    assert fast_read == reference


@pytest.mark.parametrize(
    "cell",
    [
        pytest.param("<td><p>OK &amp; done&nbsp;</p><br/>x</td>", id="references and a break"),
        pytest.param('<td title="a &amp; b" class="x">a</td>', id="a reference in an attribute"),
        pytest.param('<td class="x" title="colspan=3">a</td>', id="a span named in a value"),
        pytest.param('<td colspan="2" rowspan=1>a</td>', id="both spans"),
        pytest.param('<td valign="top" width="5%" headers="a b">a</td>', id="unread attributes"),
        pytest.param("<td>a/>b <br/><br /><IMG/></td>", id="a slash before > in text; voids"),
        pytest.param("<TD><P>a</p></Td>", id="tags in any case"),
        pytest.param("<td>a<p>b</p>c</td>", id="a paragraph between text"),
        pytest.param("<td> <p> b </p></td>", id="a paragraph in spaces"),
        pytest.param("<td>a<p></p>c</td>", id="an empty paragraph between text"),
        pytest.param("<td>a<span>b</span>c</td>", id="inline markup between text"),
        pytest.param("<td>a<br>c</td><td><br></td>", id="a break between text"),
        pytest.param("<td>a<p><b>b</b></p>c</td>", id="markup in a paragraph"),
        pytest.param("<td>\u00a0a\u00a0<p>\u3000b</p>\u3000</td>", id="odd spaces, a paragraph"),
        pytest.param("<td>" + "<span>" * 190 + "a" + "</span>" * 190 + "</td>", id="deep"),
    ],
)
def test_plain_markup_takes_the_fast_tree_and_reads_as_with_the_reference(cell: str) -> None:
    page = TABLE.format(rows=f"<tr><td>200</td>{cell}</tr>")
    assert takes_fast_tree(page)
    fast_read, reference = both(page)
    assert fast_read == reference


def test_a_page_an_html_heading_names_goes_to_the_reference() -> None:
    # the title's anchor is the heading's `id` or `name`, which the scan does not check
    page = '<h1 id="a" ID="b">Codes</h1>\n' + TABLE.format(rows="<tr><td>200</td><td>OK</td></tr>")
    assert not takes_fast_tree(page)
    assert takes_fast_tree("# Codes\n\n" + page)
    fast_read, reference = both(page)
    assert isinstance(fast_read, Document)
    assert (fast_read.title, fast_read.id) == ("Codes", "b")
    assert fast_read == reference


@pytest.mark.parametrize(
    "end",
    ["</table/>", "</table x>", '</table a="b">', "</table\n/>"],
)
def test_a_table_whose_end_tag_is_written_oddly_is_refused_by_both_readers(end: str) -> None:
    page = TABLE.format(rows="<tr><td>200</td><td>OK</td></tr>").replace("</table>", end)
    fast_read, reference = both(page)
    assert fast_read == reference
    assert isinstance(reference, str)
    assert "a table opened here is never closed" in reference


@pytest.mark.parametrize(
    "markup",
    [
        ("</table>", '<<a name="x"></a>/table>'),
        ("</table>", '</tab<a name="x"></a>le>'),
        ("<td>Not", '<td<a name="x"></a> class="m">Not'),
    ],
)
def test_empty_anchors_are_dropped_before_either_reader_reads_the_tags(
    markup: tuple[str, str],
) -> None:
    """Both trees, and the check for tables left open, read the page without its empty
    anchors: one written inside a tag joins the text around it there alike."""
    rows = "<tr><td>200</td><td>OK</td></tr><tr><td>404</td><td>Not Found</td></tr>"
    page = TABLE.format(rows=rows).replace(*markup)
    assert takes_fast_tree(page)
    fast_read, reference = both(page)
    assert isinstance(reference, Document)
    assert fast_read == reference
    assert len(reference.tables[0].rows) == 2


def test_an_h1_split_by_an_anchor_still_names_the_page_in_both_readers() -> None:
    """The `<h1>` that names an untitled page is looked for without the empty anchors, as
    it is read: its `id` is the page's in both trees (the fast tree's lean HTML drops it)."""
    for heading in ('<h1<a name="a"></a> id="t">T</h1>', '<h<a name="x"></a>1 id="t">T</h1>'):
        fast_read, reference = both(f"<div>\n{heading}\n</div>\n")
        assert isinstance(reference, Document)
        assert (reference.title, reference.id) == ("T", "t")
        assert fast_read == reference


@pytest.mark.parametrize(
    "split",
    ['<<a name="a"></a>table>', '<tab<a name="a"></a>le>'],
)
def test_a_nested_table_split_by_an_anchor_closes_alike_in_both_readers(split: str) -> None:
    """The end tags HTML implies are found in the page without its empty anchors, as the
    trees read it: an anchor inside a nested table's tag hides the tag from neither."""
    page = (
        "<table>\n<tr><th>状态码</th><th>说明</th></tr>\n"
        f"<tr><td>200</td><td>OK{split}<tr><td>x</td></tr></table></td></tr>\n"
        "<tr><td>404</td><td>Not Found</td></tr>\n</table>\n"
    )
    fast_read, reference = both(page)
    assert isinstance(reference, Document)
    assert [row.cells[0].text for row in reference.tables[0].rows] == ["200", "404"]
    assert fast_read == reference


def test_a_heading_with_a_lone_surrogate_is_read_not_raised() -> None:
    """A short fragment with no `<` and no line end (a heading) holding a lone surrogate
    reaches the reference, whose guess at a file name encoded it and raised."""
    page = "# T\ud800\n\n| 状态码 | 说明 |\n|---|---|\n| 200 | OK |\n"
    fast_read, reference = both(page)
    assert isinstance(reference, Document)
    assert reference.title == "T\ud800"
    assert fast_read == reference


def test_rows_past_line_65535_keep_their_lines_in_the_fast_tree() -> None:
    # libxml2 reports 65,535 for every line past it; the fast tree counts lines itself
    page = "\n" * 70_000 + TABLE.format(rows="<tr><td>200</td><td>OK</td></tr>\n" * 3)
    assert takes_fast_tree(page)
    fast_read, reference = both(page)
    assert isinstance(fast_read, Document)
    assert [row.line for row in fast_read.tables[0].rows] == [70_003, 70_004, 70_005]
    assert fast_read == reference


def test_a_plain_page_is_read_and_rendered_without_beautifulsoup() -> None:
    # BeautifulSoup and the selector library it loads take a quarter of a small generate
    program = (
        "import sys\n"
        "from codetables.parse import parse\n"
        "from codetables.render import render\n"
        f"text = open({str(SEED)!r}, encoding='utf-8').read()\n"
        "document = parse(text, source='seed.md')\n"
        "render(document, 'seed')\n"
        "assert document.title and document.tables, document.title\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('bs4', 'soupsieve')))\n"
    )
    done = run_python(program)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
    declined = program.replace("parse(text, source", "parse(text + '<!-- x -->', source")
    done = run_python(declined)
    assert done.returncode == 0, done.stderr
    assert "'bs4'" in done.stdout  # the reference is there when a page needs it


def test_the_fast_tree_keeps_no_attribute_but_the_spans() -> None:
    # the attributes a page's tree is never asked for are half of Huawei Cloud's markup
    rows = (
        '<tr><td class="cellrowborder" valign="top" rowspan="2"><p id="p1">400</p></td>'
        '<td class="c"><p><a name="x"></a><span class="s">Bad</span></p></td></tr>'
        '<tr><td class="c">Bad &amp; worse</td></tr>'
        '<tr><td colspan="2" class="note" align="left">see below</td></tr>'
    )
    page = TABLE.format(rows=rows)
    read = markdown.read(page, source="page.md")
    root = fast.tree(read.html, titled=True)
    assert root is not None
    # a tag that holds a span is kept whole (rare); every other loses its attributes
    kept = {key for element in root.iter() for key in element.attrib if key != "codetables-line"}
    assert kept == {"rowspan", "colspan", "class", "valign", "align"}
    spanned = [
        element for element in root.iter() if element.get("rowspan") or element.get("colspan")
    ]
    assert len(spanned) == 2
    assert all(not element.attrib for element in root.iter("p", "span", "a"))
    assert [dict(element.attrib) for element in root.iter("td")][1:3] == [{}, {}]
    fast_read, reference = both(page)
    assert isinstance(fast_read, Document)
    assert fast_read == reference
    assert [[cell.text for cell in row.cells] for row in fast_read.tables[0].rows] == [
        ["400", "Bad"],
        ["400", "Bad & worse"],
        ["see below", "see below"],
    ]


@pytest.mark.parametrize("name", sorted(fast.ALLOWED))
def test_every_allowed_element_loses_its_unread_attributes_and_keeps_its_text(name: str) -> None:
    written = f'<p>a class="x"> b</p><{name}\tclass="c"  valign=top\n data-x=\'y\'/>t'
    assert fast.lean(written) == f'<p>a class="x"> b</p><{name}/>t'
    assert fast.lean(f'<{name} class="c" colspan="2">') == f'<{name} class="c" colspan="2">'
    assert fast.lean(f'<{name} title="rowspan=2" class="span">') == f"<{name}>"
    assert fast.lean(f'<{name} ROWSPAN class="c">') == f'<{name} ROWSPAN class="c">'


@pytest.mark.parametrize(
    "tag",
    [
        '<td a"x=\'y">',
        "<td =x>",
        '<td x="1"y>',
        "<td a=1\u00a0b=2>",
        "<td class='a>b'>",
        '<td class="x" / >',
        "<td title=x<y class=z>",
        "<td\u00a0class=x>",
    ],
)
def test_a_tag_not_written_plainly_keeps_its_attributes_in_the_lean_html(tag: str) -> None:
    # the scan tells plain tags in the lean HTML: one that lost its attributes there would
    # look plain (`<td>`), whatever the readers make of what it held; its text up to the
    # next `<` is what tells it
    assert fast.lean(tag + "a</td>").startswith("<" + tag.split("<")[1])
    assert fast._UNPLAIN.search(fast.lean(tag)) is not None


class _EveryTableSpanned(fast.LxmlTree):
    """The fast tree with every table placed the general way, slot by slot."""

    @staticmethod
    def spanless(table: etree._Element) -> bool:
        return False


def _grids(page: str, tree: fast.LxmlTree) -> list[grid.Grid | None]:
    read = markdown.read(page, source="page.md")
    root = fast.tree(read.html, titled=True)
    assert root is not None
    return [grid.read(table, tree) for table in grid.tables(root, tree)]


@pytest.mark.parametrize(
    ("spans", "spanless"),
    [
        ("", True),
        ('<td colspan="2">wide</td>', False),
        ("<TD ROWSPAN = '2'>tall</TD><td>x</td>", False),
        ('<td data-colspan="2">x</td><td>y</td>', False),  # a span word: the general way
        ("<td colspan>x</td><td>y</td>", True),  # no value: no span, as `grid.span` reads it
    ],
)
def test_rows_of_a_page_without_spans_are_placed_as_the_general_way_places_them(
    spans: str, spanless: bool
) -> None:
    rows = (
        "<tr><td><p>200</p></td><td><p>OK</p><p>fine</p></td></tr>\n"
        "<tr><td>201</td></tr>\n"  # short: padded as before
        "<tr><td>202</td><td>a</td><td>b</td></tr>\n"  # long: the header is cut later
        f"<tr>{spans}</tr>\n"
    )
    page = TABLE.format(rows=rows) + TABLE.format(rows="<tr><td>404</td><td>x</td></tr>")
    tree = fast.LxmlTree()
    read = markdown.read(page, source="page.md")
    root = fast.tree(read.html, titled=True)
    assert root is not None
    assert all(tree.spanless(table) is spanless for table in root.iter("table"))
    assert _grids(page, tree) == _grids(page, _EveryTableSpanned())
    fast_read, reference = both(page)
    assert fast_read == reference


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"the corpus is not beside this clone ({CORPUS})")
def test_every_corpus_table_without_spans_is_placed_as_the_general_way_places_it() -> None:
    spanless = 0
    for path in corpus_pages(CORPUS):
        page = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
        try:
            read = markdown.read(page, source=path.name)
        except SourceError:  # the page with a merge conflict in a table
            continue
        root = fast.tree(read.html, titled=bool(read.heading[0]))
        if root is None:
            continue
        tree = fast.LxmlTree()
        for table in grid.tables(root, tree):
            spanless += tree.spanless(table)
            assert grid.read(table, tree) == grid.read(table, _EveryTableSpanned()), path.name
    assert spanless >= 100  # most tables of generated pages have no span


def test_a_rows_cells_are_taken_as_the_walk_takes_them() -> None:
    # a row's cells are its children in the fast tree; asked for no names, none (found by
    # review: every child came back)
    rows = (
        "<tr><td>200</td><td><p>OK</p></td></tr>"
        "<tr><th>x</th><td><table><tr><td>1</td></tr></table></td></tr>"
    )
    read = markdown.read(TABLE.format(rows=rows), source="page.md")
    root = fast.tree(read.html, titled=True)
    assert root is not None
    tree = fast.LxmlTree()
    for row in root.iter("tr"):
        for names in (frozenset(), frozenset({"td"}), frozenset({"td", "th"})):
            assert tree.owned(row, names, "tr") == list(grid.walk(row, names, "tr", tree))


def test_a_tag_with_a_span_word_among_its_attributes_is_built_as_written() -> None:
    # `data-rowspan` (a name ending in `span`) keeps the tag whole: libxml2 then reads
    # it as the reference does
    rows = (
        '<tr><td data-rowspan="3" colspan="2" class="c">200</td></tr>'
        "<tr><td>201</td><td>x</td></tr>"
    )
    page = TABLE.format(rows=rows)
    read = markdown.read(page, source="page.md")
    root = fast.tree(read.html, titled=True)
    assert root is not None
    cell = next(root.iter("td"))
    assert dict(cell.attrib) == {"data-rowspan": "3", "colspan": "2", "class": "c"}
    fast_read, reference = both(page)
    assert fast_read == reference


def test_a_tag_of_a_million_attributes_is_built_in_one_pass() -> None:
    """Each attribute read once, whatever their number: no backtracking over a long tag."""
    tag = "<td " + "sp=1 " * 300_000 + 'class="s">'
    page = TABLE.format(rows=f"<tr>{tag}200</td><td>OK</td></tr>")
    document = parse(page, source="page.md")
    assert [row.status for row in document.tables[0].rows] == [200]


def test_an_old_libxml2_sends_every_page_to_the_reference(monkeypatch: pytest.MonkeyPatch) -> None:
    page = SEED.read_text(encoding="utf-8")
    monkeypatch.setattr(etree, "LIBXML_VERSION", (2, 13, 8))
    assert not takes_fast_tree(page)


NAMES = ["td", "th", "tr", "p", "span", "div", "b", "i", "a", "br", "li", "ul", "table", "h1"]
NAMES += ["caption", "thead", "tbody", "img", "hr", "font", "sup", "wbr", "script", "dd"]
SAMPLES = [
    '<td colspan="2">', '<td rowspan="2">', '<th colspan="2" rowspan="3">',
    '<td colspan="2" COLSPAN="3">', '<a name="x">', '<a id="x" name="y">', "<!-- c -->",
    "&amp;", "&nbsp;", "&lt;", "&AElig", "&notit;", "&#12;", "&#x4e2d;", "&#0;", "&", " & ",
    "<", " < ", ">", "\n", "  ", "\u3000", "\x0c", "\x85", '"', "'", "|", "200",
    "404 Not Found", "错误码", "状态码", "Code", "说明", "**表 1** 错误码", "</td >",
    "</p x>", "<td\tcolspan=2>", "<TD ROWSPAN='2'>", '<p id="a" id="b">', "<h1>",
    "\n# ", "\n## ", "\n# 错误码<a name=\"x\"></a>\n", "\n**表 2** 说明\n\n",
    '<td class="cellrowborder" valign="top" colspan="2">', '<td class="span3">',
    "<p class=a valign='top'>", '<td data-span="2" colspan="2">', '<span class="x">',
    '<td\nclass="x"\nrowspan="2">', "<br />", "<td spanx=1>", ' class="y">', "<a name=\"\">",
    '<td class="c" a"b="c>d">', "<p a'b='c>d'>", '<td x="1"y"=">z">', '<td a="1"b="2">',
    "<a href=x/>", '<td title="it\'s">', '"', "'", "=", '="a>b"',
]  # fmt: skip
TOKENS = st.one_of(
    st.sampled_from(NAMES).map(lambda name: f"<{name}>"),
    st.sampled_from(NAMES).map(lambda name: f"</{name}>"),
    st.sampled_from(NAMES).map(lambda name: f"<{name}/>"),
    st.sampled_from(SAMPLES),
    st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00\r"), max_size=5),
)


@given(st.lists(TOKENS, max_size=40))
def test_generated_markup_reads_the_same_with_the_fast_tree(tokens: list[str]) -> None:
    page = TABLE.format(rows="<tr><td>200</td><td>" + "".join(tokens) + "</td></tr>")
    fast_read, reference = both(page)
    assert fast_read == reference


@given(st.lists(TOKENS, max_size=60))
def test_generated_pages_read_the_same_with_the_fast_tree(tokens: list[str]) -> None:
    fast_read, reference = both("".join(tokens) or "x")
    assert fast_read == reference


@given(st.lists(TOKENS, max_size=40))
def test_tags_are_plain_in_the_lean_html_exactly_where_they_are_as_written(
    tokens: list[str],
) -> None:
    html = "".join(tokens)
    leaner = fast.unread_dropped(html)
    assert leaner.count("<") == html.count("<")
    plain = fast._UNPLAIN.search(html) is None
    assert (fast._UNPLAIN.search(leaner) is None) is plain
    if plain:
        assert fast._self_closed(leaner) is fast._self_closed(html)


def test_a_cell_of_two_million_slashes_before_a_bracket_is_scanned_in_one_pass() -> None:
    """Each `/>` in text looked back for its tag from the page's start: two million of them
    (4 MB) took minutes; now each looks back to the one before only."""
    cell = "/>" * 2_000_000
    page = TABLE.format(rows=f"<tr><td>200</td><td>{cell}</td></tr>")
    assert takes_fast_tree(page)
    document = parse(page, source="page.md")
    assert [row.status for row in document.tables[0].rows] == [200]


def test_a_page_of_a_million_span_words_is_scanned_in_one_pass() -> None:
    """Each `span=` looked back for its tag from the page's start: a million of them in
    text (8 MB) would take hours; now a second."""
    page = (
        "# Codes\n\n"
        + "colspan=" * 1_000_000
        + "\n\n"
        + TABLE.format(rows="<tr><td>200</td><td>OK</td></tr>")
    )
    assert takes_fast_tree(page)
    document = parse(page, source="page.md")
    assert [row.status for row in document.tables[0].rows] == [200]


VOIDS = sorted(fast.VOID)
NESTING = st.one_of(
    st.sampled_from(["p", "P", "span", "td", "b", "div"]).map(lambda name: f"<{name}>"),
    st.sampled_from(["p", "P", "span", "td", "b", "div"]).map(lambda name: f"</{name}>"),
    st.sampled_from([*VOIDS, "BR"]).map(lambda name: f"<{name}>"),
    st.sampled_from(VOIDS).map(lambda name: f"</{name}>"),
    st.sampled_from(['<td colspan="2">', "<p >", "</p >", "<br/>", "text", " > "]),
)


PARTS = ["table", "tr", "td", "th", "thead", "tbody", "tfoot", "caption", "div", "span", "p"]
NESTED_PARTS = st.recursive(
    st.sampled_from(["x", "", "200", "说明"]),
    lambda inner: st.tuples(st.sampled_from(PARTS), st.lists(inner, min_size=1, max_size=3)).map(
        lambda part: f"<{part[0]}>{''.join(part[1])}</{part[0]}>"
    ),
    max_leaves=12,
)
PLACES = [
    TABLE.format(rows="<tr><td>200</td><td>{}</td></tr>"),
    TABLE.format(rows="<tr><td>200</td>{}</tr>"),
    TABLE.format(rows="{}<tr><td>404</td><td>x</td></tr>"),
]


@given(st.sampled_from(PLACES), NESTED_PARTS)
def test_parts_of_tables_nested_anywhere_read_the_same_with_the_fast_tree(
    place: str, markup: str
) -> None:
    # where HTML implies an end tag (a cell in a block in a cell, a caption in a row), the
    # reference ends what is open, as browsers do: the fast tree must not keep it nested
    fast_read, reference = both(place.replace("{}", markup))
    assert fast_read == reference


@given(st.lists(NESTING, max_size=30))
def test_nesting_by_removing_innermost_elements_agrees_with_a_stack(tokens: list[str]) -> None:
    """The engine's passes (the innermost elements removed in turn) answer as a stack of
    open elements does, tag by tag: misnesting, leftovers, void elements, any case."""
    html = "".join(tokens)
    assert fast._nested(html) == fast._nested_by_stack(html)


@pytest.mark.parametrize("depth", [fast.MAX_DEPTH - 1, fast.MAX_DEPTH, fast.MAX_DEPTH + 1])
def test_nesting_is_taken_up_to_its_bound_both_ways(depth: int) -> None:
    """`MAX_DEPTH` levels are taken, one more is not: by passes and by the stack alike."""
    html = "<td>" + "<span>" * (depth - 1) + "a<br>" + "</span>" * (depth - 1) + "</td>"
    assert fast._nested(html) is (depth <= fast.MAX_DEPTH)
    assert fast._nested_by_stack(html) is (depth <= fast.MAX_DEPTH)


def test_deep_nesting_over_much_text_takes_the_stack(monkeypatch: pytest.MonkeyPatch) -> None:
    """Thousands of deep chains would cost a pass of the engine over most of the page per
    level: past `_PASSES` passes' worth the stack answers, one step per tag, in linear
    time whatever the input."""
    used: list[int] = []
    stack = fast._nested_by_stack

    def spied(html: str) -> bool:
        used.append(len(html))
        return stack(html)

    monkeypatch.setattr(fast, "_nested_by_stack", spied)
    chain = "<b>" * 150 + "x" + "</b>" * 150
    assert fast._nested(chain * 2000)
    assert used == [len(chain) * 2000]
    assert not fast._nested(chain * 2000 + "</b>")
    shallow = "<p>" + "<span>x</span>" * 2000 + "</p>"
    used.clear()
    assert fast._nested(shallow)
    assert used == []
