"""Cell text: blocks become paragraphs, inline markup flattens, whitespace collapses."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

from codetables import soup, text


def cell(html: str) -> tuple[str, ...]:
    return soup.paragraphs(BeautifulSoup(f"<td>{html}</td>", "html.parser").td)


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>a</p><p>b</p>", ("a", "b")),
        ("<p>one<br>two<br/>three</p>", ("one", "two", "three")),
        ("<ul><li>first</li><li>second</li></ul>", ("first", "second")),
        ("<div>x</div>tail", ("x", "tail")),
        ("lead<p>inner</p>after", ("lead", "inner", "after")),
        ("<p><span>GET</span>、<b>PUT</b><code>()</code></p>", ("GET、PUT()",)),
        ('<p><a name="x"></a><a name="x"></a>text</p>', ("text",)),
        ("<p>a&amp;b &lt;c&gt; &#x4e2d;&nbsp;d</p>", ("a&b <c> 中 d",)),
        ("<p>  many \n\t spaces\u00a0\u3000here  </p>", ("many spaces here",)),
        ("<p>H<sub>2</sub>O x<sup>2</sup></p>", ("H\u2082O x\u00b2",)),  # as a reader sees them
        ("<p>x<sup>n</sup> a<sub>i</sub></p>", ("xn ai",)),  # letters: flattened
        ("<p>kept</p><!-- a comment --><script>var x;</script><style>p{}</style>", ("kept",)),
        ('<p></p><p> </p><img src="x.png">', ()),
        ("<p>a\x00b\x07c</p>", ("abc",)),
    ],
)
def test_paragraphs_follow_visible_blocks(html: str, expected: tuple[str, ...]) -> None:
    """Each block or `<br>` line is a paragraph; inline tags, anchors, comments add nothing."""
    assert cell(html) == expected


@pytest.mark.parametrize(
    ("parts", "joined"),
    [
        (("继续请求。", "这个临时响应"), "继续请求。这个临时响应"),
        (("Continue.", "Next"), "Continue. Next"),
        (("中文", "English"), "中文 English"),
        (("English", "中文"), "English 中文"),
        (("全角：", "（说明）"), "全角：（说明）"),
        (("检查是否过期", "检查是否属于当前应用"), "检查是否过期 检查是否属于当前应用"),
        (("拒绝访问", "解决方案：重试"), "拒绝访问 解决方案：重试"),
        ((), ""),
        (("only",), "only"),
    ],
)
def test_join_follows_the_css_segment_break_rule(parts: tuple[str, ...], joined: str) -> None:
    """No space between two Wide/Fullwidth characters where the first closes a sentence or
    a clause (an ideographic full stop or colon), one space otherwise: two list items or
    `<br>` lines of Chinese ran together as one sentence (`…过期检查…`, found by review)."""
    assert text.join(parts) == joined


def test_deep_nesting_costs_no_recursion() -> None:
    """A cell nested 10,000 inline levels deep is read without hitting the recursion limit."""
    depth = 10_000
    html = "<span>" * depth + "deep" + "</span>" * depth
    assert cell(html) == ("deep",)


SPACES = "".join(chr(c) for c in range(0x3001) if chr(c).isspace()) + "\u205f\ufeffab\x00\x85"


@given(st.text(st.sampled_from(SPACES) | st.characters(), max_size=30))
def test_normalize_collapses_exactly_what_a_regular_expression_calls_whitespace(
    value: str,
) -> None:
    # normalize splits on str.isspace(); the rule it states is `\s+` -> one space, stripped
    without_controls = re.sub(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]", "", value)
    assert text.normalize(value) == re.sub(r"\s+", " ", without_controls).strip()


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Errors¶", "Errors"),  # Sphinx, MkDocs
        ("Errors 🔗", "Errors"),
        ("# 状态码", "状态码"),  # VuePress: its `#` link before the words
        ("Error codes \u200b", "Error codes"),  # Docusaurus, VitePress: a zero-width link
        ("Error\u200b codes", "Error codes"),
        ("Errors #", "Errors"),
        ("C#", "C#"),  # a name, not a link
        ("#1 errors", "#1 errors"),
        ("§ Errors", "Errors"),
        ("¶", ""),
        ("\u200b", ""),
    ],
)
def test_a_titles_link_to_itself_is_no_part_of_it(title: str, expected: str) -> None:
    """Generators put a link to each heading beside it: after it (Sphinx's `¶`, Docusaurus'
    zero-width space) or before it (VuePress' `#`). VuePress' page titles read `# 状态码`
    and reached the module's docstring and the Markdown page's heading (found by review)."""
    assert text.without_permalink(title) == expected


def test_what_is_said_on_a_terminal_escapes_c1_and_reordering_controls() -> None:
    """`printable` escaped C0 and DEL only: U+009B (C1's CSI) and U+202E (right to left)
    in a file name reached the terminal in an error line (found by review)."""
    from codetables.errors import printable

    assert printable("n\u009b2J\u202e.md") == "n\\x9b2J\\u202e.md"
    assert printable("a\nb\x1b[31m") == "a\\nb\\x1b[31m"
    assert printable("状态码 ok") == "状态码 ok"
