"""Escaping filters: hostile text stays data in Python, Markdown and JSON."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from enum import IntEnum
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from codetables import escape
from codetables.model import Cell
from hostile import HOSTILE, markdown_blocks, markdown_tables, model_text


@pytest.mark.parametrize("value", HOSTILE)
def test_py_str_is_a_one_line_literal_equal_to_the_text(value: str) -> None:
    """The literal evaluates back to the exact text and never spans lines."""
    literal = escape.py_str(value)
    assert ast.literal_eval(literal) == value
    assert "\n" not in literal
    assert "\r" not in literal
    assert all(char.isprintable() for char in literal)


@given(st.text())
def test_py_str_escapes_as_its_definition_a_character_at_a_time(value: str) -> None:
    """The quick ways (a text with nothing to escape; a printable one) give the literal the
    rule gives character by character: the quote `ruff format` picks, each character as
    `_py_char` writes it."""
    quote = "'" if value.count('"') > value.count("'") else '"'
    spelled = "".join(escape._py_char(char, quote) for char in value)
    assert escape.py_str(value) == quote + spelled + quote


def test_py_str_is_quoted_as_ruff_format_quotes_it(tmp_path: Path) -> None:
    """A module of the literals is already formatted: ruff would not requote any of them."""
    module = tmp_path / "literals.py"
    body = "".join(f"X{i} = {escape.py_str(v)}\n" for i, v in enumerate(HOSTILE))
    module.write_text(body, encoding="utf-8")
    result = ruff_format_check(module)
    assert result.returncode == 0, result.stdout + result.stderr


def ruff_format_check(module: Path) -> subprocess.CompletedProcess[str]:
    """`ruff format --check --diff` of a module, with its defaults (the generated code's)."""
    return subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--isolated", "--check", "--diff", str(module)],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.skipif(
    unicodedata.unidata_version != "14.0.0",
    reason="the widths ruff counts otherwise were measured against Unicode 14.0 (Python 3.11)",
)
def test_every_printable_character_is_as_wide_as_ruff_format_counts_it(tmp_path: Path) -> None:
    """`py_constant` wraps a line exactly when ruff format would: for every printable
    character past ASCII, a constant whose line is 88 columns wide if the character counts
    none, 89 if one, is laid out as ruff lays it (found by review: Thai vowel signs, a
    Hangul filler, trigrams counted one where ruff counts none or two). Twice: at 81 and
    80 characters of padding, so that widths 0, 1 and 2 each lay out their own way."""
    characters = [
        chr(code)
        for code in range(0xA0, 0x110000)
        if not 0xD800 <= code <= 0xDFFF and chr(code).isprintable()
    ]
    for padding in (81, 80):
        module = tmp_path / f"widths{padding}.py"
        body = "".join(escape.py_constant("a" * padding + c, "XX") + "\n" for c in characters)
        module.write_text(body, encoding="utf-8")
        result = ruff_format_check(module)
        assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]


@pytest.mark.parametrize("value", HOSTILE)
def test_py_doc_keeps_a_docstring_closed(value: str) -> None:
    """Inside triple quotes, the text cannot end the docstring and reads back exactly."""
    source = f'"""Before {escape.py_doc(value)} after."""\n'
    assert ast.get_docstring(ast.parse(source), clean=False) == f"Before {value} after."


@pytest.mark.parametrize("value", HOSTILE)
def test_md_cell_renders_back_to_the_text(value: str) -> None:
    """A one-row table of the escaped text renders to exactly the (normalised) text."""
    cell = model_text(value)
    page = f"| h |\n| --- |\n| {escape.md_cell(cell)} |\n"
    assert markdown_tables(page) == [[["h"], [cell]]]


def test_md_cell_keeps_a_cell_on_one_line() -> None:
    """Line breaks become spaces and controls U+FFFD: the table row cannot be broken."""
    assert escape.md_cell("a\nb\rc\u2028d\x00e\x1bf") == "a b c d\ufffde\ufffdf"


def test_md_paragraphs_join_escaped_paragraphs_with_the_only_bare_br() -> None:
    """Each paragraph is escaped as a cell (a literal `<br>` becomes references), and the
    breaks between them are the only `<` left bare."""
    assert escape.md_paragraphs(("a<br>b", "c|d\\", "~&")) == (
        "a&lt;br&gt;b<br>c\\|d\\\\<br>&#126;&amp;"
    )


def test_md_row_writes_a_row_of_hostile_cells_that_renders_back_cell_for_cell() -> None:
    """A row of every hostile text, one per cell, and a cell of no paragraph: the same
    cells come back, none split or joined by a `|` in a text."""
    texts = [model_text(value) for value in HOSTILE if model_text(value)]
    cells = [Cell(text, (text,)) for text in texts] + [Cell("", ())]
    header = "|" + " h |" * len(cells) + "\n|" + " --- |" * len(cells) + "\n"
    page = header + escape.md_row(cells) + "\n"
    assert markdown_tables(page) == [[["h"] * len(cells), [*texts, ""]]]
    assert escape.md_row(cells) == "|" + "".join(
        " " + escape.md_paragraphs(cell.paragraphs) + " |" for cell in cells
    )


def test_py_items_lay_out_hostile_values_as_a_tuple_python_reads_back(tmp_path: Path) -> None:
    """Every hostile text, an integer and None as the items of a tuple: Python reads the
    same values back, and `ruff format` changes nothing."""
    values: list[str | int | None] = [*HOSTILE, 404, -1, None]
    source = "VALUES = (\n" + escape.py_items(values, 4) + ")\n"
    assert ast.literal_eval(source.split("=", 1)[1].strip()) == tuple(values)
    module = tmp_path / "items.py"
    module.write_text(source, encoding="utf-8")
    formatted = ruff_format_check(module)
    assert formatted.returncode == 0, formatted.stdout + formatted.stderr


@pytest.mark.parametrize("value", HOSTILE)
def test_md_cell_leaves_no_angle_bracket_or_ampersand_bare(value: str) -> None:
    """`<` and `&` in the text are always references, so no tag or reference is the text's:
    every `&` left starts a reference the filter wrote."""
    escaped = escape.md_cell(value)
    assert "<" not in escaped
    assert "&" not in re.sub(r"&(?:lt|gt|amp|#126|#36|#64|#58|#46|#x[0-9A-F]+);", "", escaped)


@pytest.mark.parametrize("value", [v for v in HOSTILE if model_text(v)])
def test_md_text_renders_back_in_a_heading_and_a_paragraph(value: str) -> None:
    """As a heading or a paragraph line, the escaped text reads back exactly."""
    line = model_text(value)
    assert markdown_blocks(f"# {escape.md_text(line)}\n", "h1") == [line]
    assert markdown_blocks(f"{escape.md_text(line)}\n", "p") == [line]


@pytest.mark.parametrize("value", HOSTILE)
def test_json_value_round_trips(value: str) -> None:
    """json_value is json.dumps: any text, any structure, loads back equal."""
    data = {"text": value, "list": [value, 1, None]}
    assert json.loads(escape.json_value(data)) == data


@pytest.mark.parametrize("value", HOSTILE)
def test_js_str_is_a_one_line_literal_equal_to_the_text_that_stays_in_its_script(
    value: str,
) -> None:
    """Read as JSON the literal is the text; it holds no line terminator, no invisible
    character and no `<`, `>` or `&`, so in a `<script>` block it ends nothing."""
    from bs4 import BeautifulSoup

    literal = escape.js_str(value)
    assert json.loads(literal) == value
    assert literal[0] == literal[-1] == '"'
    assert not set(literal) & set("<>&\n\r\u2028\u2029")
    assert all(char.isprintable() for char in literal)
    page = f"<script>const x = {literal};</script><p>after</p>"
    soup = BeautifulSoup(page, "html.parser")
    assert [script.string for script in soup.find_all("script")] == [f"const x = {literal};"]


def test_js_str_writes_invisible_astral_characters_as_surrogate_pairs() -> None:
    """A JavaScript string holds UTF-16: an invisible astral character is two escapes,
    a visible one stays as it is."""
    assert escape.js_str("🎉\U000e0001") == '"🎉\\udb40\\udc01"'
    assert json.loads(escape.js_str("🎉\U000e0001")) == "🎉\U000e0001"


def test_js_str_reads_back_equal_in_javascript(tmp_path: Path) -> None:
    """node evaluates every hostile literal back to the exact text."""
    import shutil

    if shutil.which("node") is None:
        pytest.skip("node is not installed")
    values = [*HOSTILE, "🎉\U000e0001", "\ud800 lone surrogate"]
    script = tmp_path / "values.mjs"
    listed = ",\n".join(escape.js_str(value) for value in values)
    script.write_text(f"process.stdout.write(JSON.stringify([\n{listed}\n]));\n", encoding="utf-8")
    run = subprocess.run(
        ["node", str(script)], capture_output=True, text=True, check=False, timeout=60
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) == values


class Code(IntEnum):
    OK = 200


class Text(str):
    pass


JSON_CASES = {
    "words": {"status": Code.OK, "ok": True, "no": False, "none": None, "n": -(10**20)},
    "empties": {"empty": {}, "none": [], "tuple": ("a", 1), "nested": [[[{}]]], "blank": ""},
    "floats": {"float": 1.5, "nan": float("nan"), "inf": [float("-inf")]},
    "keys": {1: "int key", None: "None key", 2.5: "float key"},
    "bool key": {False: "bool key"},
    "subclass": {Text("str subclass key"): Text("str subclass value")},
    "strings": [*HOSTILE, "\ud800", "\u2028"],
    "text": "top-level text",
    "int": 7,
    "null": None,
}
"""What a template may hand `json_value`, the fast layout's cases and those it leaves to
`json.dumps` (floats, subclasses, keys that are not strings)."""


@pytest.mark.parametrize("value", JSON_CASES.values(), ids=list(JSON_CASES))
def test_json_value_is_json_dumps_with_a_two_space_indent_byte_for_byte(value: object) -> None:
    """Whatever a template hands it, json_value writes what `json.dumps(value,
    ensure_ascii=False, indent=2)` writes."""
    assert escape.json_value(value) == json.dumps(value, ensure_ascii=False, indent=2)


@pytest.mark.parametrize("chunk", [0, 1, 7])
@pytest.mark.parametrize("value", JSON_CASES.values(), ids=list(JSON_CASES))
def test_json_value_joined_in_chunks_is_json_dumps_byte_for_byte(
    value: object, chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pieces joined into chunks as they come (every list item, with a chunk of 0) give
    the same text as joined once."""
    monkeypatch.setattr(escape._JsonLayout, "CHUNK", chunk)
    assert escape.json_value(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_a_payload_of_many_rows_is_written_in_chunks_as_json_dumps_writes_it() -> None:
    rows = [
        {"line": n, "cells": {"code": f"APIG.{n:04d}", "text": ["错误", f'第{n}行 "q"']}}
        for n in range(30_000)
    ]
    value = {"tables": [{"rows": rows}], "empty": []}
    pieces = escape.json_pieces(value)
    assert len(pieces) > 5  # the chunks were made, not one join at the end
    assert "".join(pieces) == json.dumps(value, ensure_ascii=False, indent=2)
    assert escape.json_value(value) == "".join(pieces)


@pytest.mark.parametrize("rows", [[], [{"a": "x"}], [{"a": '"q"\\'}, [], {"b": None}]])
def test_rows_made_as_they_are_written_are_the_list_written(rows: list[object]) -> None:
    """`Made` rows lay out as the list they make, and are made one at a time: each is
    asked for only once the one before is written."""
    made: list[int] = []

    def each() -> Iterator[object]:
        for number, row in enumerate(rows):
            made.append(number)
            yield row

    value = {"rows": escape.Made(each, empty=not rows), "after": 1}
    assert escape.json_value(value) == json.dumps(
        {"rows": rows, "after": 1}, ensure_ascii=False, indent=2
    )
    assert made == list(range(len(rows)))


def test_rows_made_as_they_are_written_reach_the_fallback_as_a_list() -> None:
    """A value the layout leaves to `json.dumps` (a float) still writes its made rows."""
    value = {"rows": escape.Made(lambda: iter([{"n": 1.5}]), empty=False)}
    assert escape.json_value(value) == json.dumps(
        {"rows": [{"n": 1.5}]}, ensure_ascii=False, indent=2
    )


def test_json_value_refuses_what_json_dumps_refuses_with_its_words() -> None:
    """A reference cycle and a value that is not JSON fail as `json.dumps` fails."""
    cycle: list[object] = []
    cycle.append(cycle)
    for value in ({"cycle": cycle}, {"object": object()}, {("tuple", "key"): 1}):
        with pytest.raises((ValueError, TypeError)) as expected:
            json.dumps(value, ensure_ascii=False, indent=2)
        with pytest.raises(expected.type, match=re.escape(str(expected.value))):
            escape.json_value(value)


def test_rows_laid_out_already_are_handed_on_in_chunks_of_bounded_size() -> None:
    """Rows laid out whole (`Made.lay`: two pieces a row) are joined a megabyte of text at
    a time, not a chunk's count of pieces (65,536: tens of thousands of rows, tens of
    megabytes held twice at a 100,000-row table)."""
    rows = [{"text": "x" * 10_000, "n": n} for n in range(300)]

    def lay(newline: str) -> Iterator[str]:
        return (escape.laid_value(row, newline) for row in rows)

    chunks: list[str] = []
    escape.json_write(
        {"rows": escape.Made(lambda: iter(rows), empty=False, lay=lay)}, chunks.append
    )
    assert "".join(chunks) == json.dumps({"rows": rows}, ensure_ascii=False, indent=2)
    assert len(chunks) > 2
    assert max(map(len, chunks)) < escape._JsonLayout.LAID_CHUNK + 20_000


@pytest.mark.parametrize(
    "value",
    [
        "see https://evil.example/login, www.evil.example, admin@evil.example",
        "$x^2$ and $$E = mc^2$$",
        "(www.example.com) and _www.example.com_",
    ],
)
def test_md_cell_leaves_github_nothing_to_link_or_typeset(value: str) -> None:
    """GitHub links `https://…`, `www.…` and e-mail addresses in text (GFM's extended
    autolinks), and typesets `$…$` as math: page text became links and formulas (found by
    review). What starts them is written as a character reference, and reads back as
    written."""
    escaped = escape.md_cell(value)
    assert "://" not in escaped
    assert not re.search(r"(?i)www\.", escaped)
    assert "@" not in escaped
    assert "$" not in escaped
    assert escape._md_cell_by_char(value) == escaped
    assert markdown_blocks(f"| a |\n|---|\n| {escaped} |\n", "td") == [value]
