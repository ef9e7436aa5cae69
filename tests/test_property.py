"""Hostile text, generated: any Unicode through all three emitters stays exactly itself.

`make fuzz` runs 10,000 examples (`--hypothesis-profile=fuzz`); the default run, used by CI,
runs fewer.
"""

from __future__ import annotations

import json
import types
from collections.abc import Callable

from hypothesis import example, given
from hypothesis import strategies as st

from codetables import escape, pipes, stamp, values
from codetables.compare import compare
from codetables.errors import SourceError
from codetables.model import Cell, Column, Document, Kind, Role, Row, Table
from codetables.parse import parse
from codetables.render import payload, render
from codetables.stamp import checksum
from hostile import HOSTILE, markdown_blocks, markdown_tables, model_text

FRAGMENTS = [*HOSTILE, '"', "'", "\\", "|", "`", "*", "_", "#", "<", ">", "&", "{{", "%}", "\n"]
texts = st.lists(
    st.one_of(
        st.text(st.characters(exclude_categories=["Cs"]), max_size=12),
        st.sampled_from(FRAGMENTS),
    ),
    max_size=6,
).map(lambda parts: model_text("".join(parts)))


def cell(text: str) -> Cell:
    return Cell(text, (text,) if text else ())


def page(title: str, path: str, words: list[str]) -> Document:
    """A page with a status table and an error-code table, every string taken from `words`."""
    status_rows = tuple(
        Row((cell(str(200 + i)), cell(word), cell(word + "。")), 200 + i, line=i + 3)
        for i, word in enumerate(words)
    )
    error_rows = tuple(
        Row((cell("400"), cell(word), cell(word), cell(word)), 400, line=i + 30)
        for i, word in enumerate(words)
    )
    return Document(
        title=title,
        id=title,
        path=path,
        tables=(
            Table(
                Kind.HTTP_STATUS,
                title,
                (
                    Column("status", words[0], Role.STATUS),
                    Column("phrase", "编码", Role.PHRASE),
                    Column("description", title, Role.DESCRIPTION),
                ),
                status_rows,
                line=2,
            ),
            Table(
                Kind.ERROR_CODE,
                words[-1],
                (
                    Column("status", "状态码", Role.STATUS),
                    Column("error_code", "错误码", Role.ERROR_CODE),
                    Column("message", words[-1], Role.MESSAGE),
                    Column("remedy", "处理措施", Role.REMEDY),
                ),
                error_rows,
                line=29,
            ),
        ),
    )


@given(title=texts, path=texts, words=st.lists(texts, min_size=1, max_size=4))
def test_any_text_survives_every_emitter(title: str, path: str, words: list[str]) -> None:
    """Python imports to the same strings, Markdown renders to them, JSON loads to them."""
    document = page(title, path, words)
    artifacts = render(document, "page")

    module = types.ModuleType("page")
    exec(compile(artifacts["page.py"], "page.py", "exec"), module.__dict__)
    assert (path, title) == (module.SOURCE, module.TITLE)
    assert [(m.value, m.phrase, m.description) for m in module.StatusCode] == [
        (200 + i, w, w + "。") for i, w in enumerate(words)
    ]
    first: dict[str, str] = {}  # a code's value (a footnote's mark after it left out)
    unlatin = [  # words of another script among Latin codes name no member
        w for w in words if values.in_words(w) and not any(c.isascii() and c.isalnum() for c in w)
    ]
    named = [
        w for w in words if not (w in unlatin and len(unlatin) * 2 < len([v for v in words if v]))
    ]
    for w in named:
        if not values.names_no_code(w):
            first.setdefault(values.without_footnote(w), w)
    assert [(m.value, m.message, m.remedy) for m in module.ErrorCode] == [
        (code, w, w) for code, w in first.items()
    ]

    markdown = artifacts["page.md"]
    assert markdown_blocks(markdown, "h1") == [title or path]
    assert markdown_tables(markdown) == [
        [[c.header or c.key for c in table.columns]]
        + [[c.text for c in row.cells] for row in table.rows]
        for table in document.tables
    ]
    captions = [t.title for t in document.tables if t.title]
    assert markdown_blocks(markdown, "strong") == captions

    data = json.loads(artifacts["page.json"])
    assert (data["source"]["title"], data["source"]["path"]) == (title, path)
    assert [row["cells"]["phrase"] for row in data["tables"][0]["rows"]] == words


MARKUP = [
    "<table>", "</table>", "<tr>", "</tr>", "<td>", "</td>", "<th>", "</th>", "<thead>",
    "</thead>", "<tbody>", '<td rowspan="3">', '<td colspan="0">', '<td colspan="2;">',
    '<th rowspan="99999">', "<caption>", "<p>", "</p>", "<br>", "<div>", "<a name=x></a>",
    "<!--", "-->", "<script>", "</script>", "&amp;", "&#0;",
    "状态码", "错误码", "编码", "说明", "模块", "返回值", "200", "404", "200 OK", "404/500",
    "NA", "abc", "VPC.01", "| 状态码 | 说明 |\n| --- | --- |\n", "| 200 | OK |\n", "| x |\n",
    "`", "```\n", "    ", "- ", "# ", "**表 1**", "<<<<<<< HEAD\n", "=======\n",
    "\n", "\n\n", "\r", "\t",
    "---\n", "title: x\n", 'title: "a\\"\n', "{#id .c}", "<h1>", "</h1>", "<title>",
    "<!DOCTYPE html>", "Code | Id | Description\n", "--- | --- | ---\n", "OK | 0 | x\n",
    "0x1000", "-1", "GRPC_STATUS_X", "String", "Required", "类型 | 值\n", "Unauthorized (401)",
    "Error code | Description\n", "Status code", "...", "<tr></tr>",
]  # fmt: skip
pages = st.lists(st.one_of(st.sampled_from(MARKUP), texts), max_size=60).map("".join)


@given(page=pages, source=st.sampled_from(["page.md", "page.html"]))
def test_any_page_parses_or_fails_with_a_source_error(page: str, source: str) -> None:
    """Broken markup of every kind gives a model that renders and compares equal to itself,
    or a SourceError: no crash, as Markdown or as an HTML page."""
    failure: SourceError | None = None
    try:
        document = parse(page, source=source)
    except SourceError as error:
        failure = error
    if failure is not None:
        assert failure.path == source
        assert failure.line is not None
        assert 1 <= failure.line <= page.count("\n") + page.count("\r") + 1
        return
    model = payload(document, lines=False)
    assert not compare(model, model).changed
    if document.tables:
        artifacts = render(document, "page")
        compile(artifacts["page.py"], "page.py", "exec")
        assert json.loads(artifacts["page.json"])["format"] == "codetables/2"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | texts,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts, inner, max_size=4),
    max_leaves=20,
)


@given(old=json_values, edits=st.lists(st.tuples(texts, json_values), max_size=3))
def test_a_committed_model_edited_into_any_shape_never_crashes_the_comparison(
    old: object, edits: list[tuple[str, object]]
) -> None:
    """check and diff read committed JSON that anyone may have edited: any value, or a real
    model with fields replaced by anything, compares without an exception."""
    new = payload(page("t", "p.md", ["a", "b"]), lines=False)
    compare(old, new).lines()
    edited = json.loads(json.dumps(new))
    places = [edited, edited["tables"][0], edited["tables"][0]["rows"][0], edited["source"]]
    for number, (key, value) in enumerate(edits):
        places[number % len(places)][key or "cells"] = value
    compare(edited, new).lines()
    compare(edited, new).to_json()


@given(st.text(alphabet="|\\ab \t`", max_size=40))
def test_the_linear_row_splitter_gives_markdown_its_own_cells(row: str) -> None:
    """`split_row` stands in for markdown-it's quadratic splitter: same cells, any row."""
    assert callable(pipes.MARKDOWN_IT_SPLIT)
    assert pipes.split_row(row) == pipes.MARKDOWN_IT_SPLIT(row)


def py_str_by_character(value: str) -> str:
    quote = "'" if value.count('"') > value.count("'") else '"'
    return quote + "".join(escape._py_char(char, quote) for char in value) + quote


def py_doc_by_character(value: str) -> str:
    return "".join(escape._py_char(char, '"') for char in value)


def py_comment_by_character(value: str) -> str:
    return "".join(escape._py_char(char, "") if char != "\\" else char for char in value)


BY_CHARACTER: dict[str, tuple[Callable[[str], str], Callable[[str], str]]] = {
    "py_str": (escape.py_str, py_str_by_character),
    "py_doc": (escape.py_doc, py_doc_by_character),
    "py_comment": (escape.py_comment, py_comment_by_character),
    "md_cell": (escape.md_cell, escape._md_cell_by_char),
}
"""Per text filter: the filter, and its definition a character at a time (the code the
filters had before their fast paths; `md_cell` keeps it for text that is not printable)."""

PRINTABLE = "\"'\\|`*_[]{}<>&~#=-+.)! \u00a0\u3000aZ9é²中Ａ🎉"
"""Printable characters, Markdown- and Python-active ones first: the fast paths' domain."""
printable_texts = st.lists(
    st.one_of(
        st.text(st.sampled_from(list(PRINTABLE)), max_size=12),
        st.sampled_from(['"""', "'''", "{{ x }}", "<script>", "a_b", "_a", "a_", "a__b", "\\|"]),
    ),
    max_size=6,
).map("".join)
any_texts = st.lists(
    st.one_of(
        st.text(st.characters(), max_size=12),  # any code point, lone surrogates included
        st.sampled_from(FRAGMENTS),
        printable_texts,
    ),
    max_size=6,
).map("".join)


@given(name=st.sampled_from(sorted(BY_CHARACTER)), value=printable_texts | any_texts)
@example(name="md_cell", value="\\`*[]|{}<>&~ a_b _a a_ a__b 1_2 é_中 ¹_² Ａ_Ａ x_\u00a0 _")
@example(name="md_cell", value="\u00a0_\u00a0 \ufeff_\u00ad")
@example(name="py_str", value="\ud800 lone \udfff surrogates")
@example(name="py_str", value="\\\"\\' mixed \"\"\" and '''")
@example(name="py_doc", value='"""')
@example(name="py_comment", value="\\ \u2028 \x00")
def test_each_text_filter_equals_its_character_by_character_definition(
    name: str, value: str
) -> None:
    """The fast paths (the whole text printable: two replacements, or one regular-expression
    pass) give exactly the bytes of the per-character definition, for any text."""
    fast, definition = BY_CHARACTER[name]
    assert fast(value) == definition(value)


any_json = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(st.characters(), max_size=8)
    | any_texts,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.lists(inner, max_size=4).map(tuple)
        | st.dictionaries(
            st.text(st.characters(), max_size=8) | any_texts | st.integers() | st.none(),
            inner,
            max_size=4,
        )
    ),
    max_leaves=30,
)


@given(any_json)
def test_json_value_writes_json_dumps_bytes_for_any_value(value: object) -> None:
    """The laid-out JSON equals `json.dumps(value, ensure_ascii=False, indent=2)` for any
    nesting, any text (surrogates, line separators), floats and keys that are not strings."""
    assert escape.json_value(value) == json.dumps(value, ensure_ascii=False, indent=2)


def stamp_by_lines(name: str, body: str) -> str:
    suffix = stamp.suffix_of(name)
    lines = body.split("\n")
    lines.insert(stamp._where(suffix), stamp._LINES[suffix][0].format(checksum=checksum(body)))
    return "\n".join(lines)


def read_by_lines(name: str, text: str) -> stamp.Stamp | None:
    suffix = stamp.suffix_of(name)
    if not suffix:
        return None
    lines = text.split("\n")
    where = stamp._where(suffix)
    if len(lines) <= where or (suffix == ".json" and lines[0] != "{"):
        return None
    match = stamp._PATTERNS[suffix].fullmatch(lines[where])
    if match is None:
        return None
    return stamp.Stamp(match.group(1), checksum("\n".join(lines[:where] + lines[where + 1 :])))


HEADERS = [
    stamp._LINES[suffix][0].format(checksum=written)
    for suffix in (".py", ".md", ".json")
    for written in ("0123456789abcdef", "0123456789ABCDEF", "01234")
]
"""Header lines, well formed and not, for each kind of artifact."""


@given(
    name=st.sampled_from(["a.py", "a.md", "a.json", "a.txt"]),
    parts=st.lists(st.sampled_from(["{", "\n", "{\n", "x", "\r\n", *HEADERS]) | any_texts),
)
@example(name="a.json", parts=["{\n", HEADERS[6]])
@example(name="a.json", parts=["{x", HEADERS[6], "\n}"])
@example(name="a.py", parts=["x\n", HEADERS[0]])
def test_the_header_is_sliced_in_and_out_as_splitting_into_lines_would(
    name: str, parts: list[str]
) -> None:
    """stamp and read cut the text at its first line or two; they write and find what the
    definitions that split every line do, for any text, headed or not."""
    text = "".join(parts)
    assert stamp.read(name, text) == read_by_lines(name, text)
    assert stamp.headed(name, text) == (read_by_lines(name, text) is not None)
    if stamp.suffix_of(name):
        assert stamp.stamp(name, text) == stamp_by_lines(name, text)
        assert stamp.read(name, stamp.stamp(name, text)) == read_by_lines(
            name, stamp_by_lines(name, text)
        )


TYPE_VALUES = st.sampled_from(
    ["string", "Integer", "array of string", "Long", "-", "", "Boolean", "无符号整数", "Bad date"]
)


@given(
    st.lists(st.one_of(TYPE_VALUES, st.text(max_size=8)), max_size=30),
    st.sampled_from([0.0, 0.25, 0.5, 0.6, 2 / 3, 1.0]),
)
def test_a_column_is_told_mostly_types_as_its_full_count_tells_it(
    column: list[str], majority: float
) -> None:
    """`Profile.mostly_types` stops testing values once the rest cannot change the answer;
    the answer is the one the full count of data-type names gives."""
    full = values.Profile(column)
    assert values.Profile(column).mostly_types(majority) == (full.share(full.type_name) >= majority)
