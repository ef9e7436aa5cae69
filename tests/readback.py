"""Reading a page's artifacts back: the check every real page of both corpora must pass."""

from __future__ import annotations

import json
import re
import types
from http import HTTPStatus
from typing import Any

import jsonschema

from codetables import values
from codetables.model import Document, Kind, Role, Table
from codetables.package import SCHEMA_FILE
from codetables.pyenum import is_heading
from codetables.render import render
from hostile import markdown_tables

SCHEMA = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
CLASS_NAMES = {
    Kind.HTTP_STATUS: "StatusCode",
    Kind.ERROR_CODE: "ErrorCode",
    Kind.RESULT_CODE: "ResultCode",
}


def codes_of(document: Document, index: int) -> set[Any]:
    """The codes table `index` lists, as its enum's values are: statuses, error-code texts,
    or result codes (integers when every stated code is one); a heading row lists none."""
    table = document.tables[index]
    if table.kind is Kind.HTTP_STATUS:
        return {row.status for row in table.rows if row.status is not None}
    rows = [row for row in table.rows if not is_heading(row)]  # a heading names no code
    if table.kind is Kind.ERROR_CODE:
        codes = [table.text(row, Role.ERROR_CODE) for row in rows]
        listed = {code for code in codes if not values.names_no_code(code)}  # `-`, `N/A`: none
        unlatin = [
            code
            for code in codes
            if values.in_words(code) and not any(c.isascii() and c.isalnum() for c in code)
        ]  # words of another script among Latin codes (`其他`) name none
        if len(unlatin) * 2 < len([code for code in codes if code]):
            listed -= set(unlatin)
        return listed
    written = [table.text(row, Role.CODE) for row in rows]
    stated = [code for code in written if not values.is_placeholder(code)]
    integers = [code for code in stated if values.is_integer(code)]
    worded = [code for code in stated if values.in_words(code)]  # `其他`: the codes not listed
    if integers and len(integers) + len(worded) == len(stated) and len(integers) > len(worded):
        return {values.integer_value(code) for code in integers}
    return {code for code in written if not values.names_no_code(code)}


def assert_reads_back(document: Document) -> None:
    """Markdown renders back to every cell, the JSON is valid, the module holds every code
    as a member and every row in `*_ROWS` whenever members cannot stand for the rows."""
    artifacts = render(document, "page")
    assert markdown_tables(artifacts["page.md"]) == [
        [[c.header or c.key for c in t.columns]] + [[c.text for c in row.cells] for row in t.rows]
        for t in document.tables
    ]
    jsonschema.validate(json.loads(artifacts["page.json"]), SCHEMA)
    module = types.ModuleType("page")
    exec(compile(artifacts["page.py"], "page.py", "exec"), module.__dict__)
    seen = dict.fromkeys(Kind, 0)
    for index, table in enumerate(document.tables):
        seen[table.kind] += 1
        base = CLASS_NAMES[table.kind]
        name = base if seen[table.kind] == 1 else f"{base}{seen[table.kind]}"
        codes = codes_of(document, index)
        assert {member.value for member in getattr(module, name)} == codes, name
        rows_name = re.sub(r"(?<=[a-z0-9])(?=[A-Z0-9])", "_", name).upper() + "_ROWS"
        if len(codes) == sum(not is_heading(row) for row in table.rows) and not (
            table.kind is not Kind.HTTP_STATUS and untyped_statuses(table)
        ):
            assert not hasattr(module, rows_name)
        else:
            assert len(getattr(module, rows_name)) == len(table.rows)
        if table.kind is Kind.HTTP_STATUS:
            assert_answers_to_registry_names(getattr(module, name))


def untyped_statuses(table: Table) -> bool:
    """Whether a row of the body states a status that types as no one status (`400/404`):
    an error-code module keeps such rows in `*_ROWS`."""
    return any(
        row.status is None and not values.is_placeholder(table.text(row, Role.STATUS))
        for row in table.rows
        if not is_heading(row)
    )


def assert_answers_to_registry_names(enum: Any) -> None:
    """Every name this Python's `http.HTTPStatus` gives a listed status finds its member,
    unless the page gives that very name to another status (a member beats an alias)."""
    canonical = {member.name: member for member in enum}
    for member in enum:
        if member.value not in HTTPStatus._value2member_map_:
            continue
        for name, standard in HTTPStatus.__members__.items():
            if standard.value == member.value:
                found = enum.__members__.get(name)
                assert found is member or (name in canonical and found is canonical[name]), name
