"""Document → artifacts: `{relative file name: text}` from the Jinja templates.

Pure: the model goes in, text comes out; the CLI decides where it is written. Templates get
the model and a few derived facts (member names, status classes) and reach strings only
through the escaping filters, so document text is never read as template or code.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import jinja2

from . import escape, pyenum, stamp
from .errors import RenderError
from .model import Document, Kind, Row, Table
from .package import INDEX_TEMPLATE, TEMPLATE_DIRS, TEMPLATES

FORMAT = "codetables/2"
"""Version of the JSON format; bumped on any incompatible change."""
INDEX_NAME = "index.md"
"""The landing page written beside the artifacts when there are several sources."""


@functools.cache
def environment() -> jinja2.Environment:
    """The Jinja environment for code: strict, no autoescape, explicit filters."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(path) for path in TEMPLATE_DIRS]),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        py_str=escape.py_str,
        py_doc=escape.py_doc,
        py_literal=escape.py_literal,
        py_constant=escape.py_constant,
        py_hex=escape.py_hex,
        py_comment=escape.py_comment,
        md_cell=escape.md_cell,
        md_paragraphs=escape.md_paragraphs,
        md_text=escape.md_text,
        md_link_text=escape.md_cell,
        md_link_target=escape.md_link_target,
        json_value=escape.json_value,
    )
    return env


def render(
    document: Document,
    name: str,
    *,
    lines: bool = False,
    members: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Every artifact of one document, keyed by file name (`{name}.py`, …), each stamped
    with its generated header. `name` may hold directories (`ecs/状态码`); `lines` puts
    the source lines into the JSON (off by default: moving text in the source must not
    change a committed artifact); `members` names members by code (`{"504": "GATEWAY_TIMEOUT"}`,
    see `pyenum.enums`)."""
    declared = pyenum.enums(document, members)
    context = {
        "document": document,
        "enums": declared,
        "public": pyenum.public_names(declared),
        "lookups": pyenum.lookups(declared),
        "summary": pyenum.summary(declared),
        "about": pyenum.about,
        "carries": pyenum.carries,
        "payload": payload(document, lines=lines),
    }
    return {
        name + suffix: stamp.stamp(name + suffix, _render(template_name, context))
        for template_name, suffix in TEMPLATES.items()
    }


@dataclass(frozen=True)
class Entry:
    """One page of the index: what it is, where it came from, where its artifacts are."""

    document: Document
    name: str

    def link(self, suffix: str) -> str:
        """The artifact's path relative to the index, for a Markdown link."""
        return self.name + suffix

    def counts(self) -> list[tuple[str, int, int]]:
        """(kind, tables, codes listed) per kind present, in kind order."""
        found = []
        for kind in Kind:
            tables = [table for table in self.document.tables if table.kind is kind]
            if tables:
                found.append((kind.value, len(tables), sum(len(t.rows) for t in tables)))
        return found


def render_index(entries: list[Entry]) -> dict[str, str]:
    """`index.md`: the landing page listing every page, its kinds and counts, linked."""
    text = _render(INDEX_TEMPLATE, {"entries": sorted(entries, key=lambda entry: entry.name)})
    return {INDEX_NAME: stamp.stamp(INDEX_NAME, text)}


def _render(template_name: str, context: dict[str, Any]) -> str:
    try:
        return environment().get_template(template_name).render(context)
    except jinja2.TemplateError as exc:
        raise RenderError(f"template {template_name} failed: {exc}") from exc


def payload(document: Document, *, lines: bool = True) -> dict[str, Any]:
    """The JSON model (format `codetables/2`), as plain data in a fixed order; source lines
    of tables and rows only when `lines` is set."""

    def where(line: int) -> dict[str, int]:
        return {"line": line} if lines else {}

    return {
        "format": FORMAT,
        "source": {"path": document.path, "title": document.title, "id": document.id},
        "tables": [
            {
                "kind": table.kind.value,
                "title": table.title,
                **where(table.line),
                "columns": [
                    {
                        "key": column.key,
                        "header": column.header,
                        "role": None if column.role is None else column.role.value,
                    }
                    for column in table.columns
                ],
                "rows": [{**where(row.line), **_row_payload(table, row)} for row in table.rows],
            }
            for table in document.tables
        ],
    }


def _row_payload(table: Table, row: Row) -> dict[str, Any]:
    keys = [column.key for column in table.columns]
    data: dict[str, Any] = {
        "cells": {key: cell.text for key, cell in zip(keys, row.cells, strict=True)},
        "paragraphs": {
            key: list(cell.paragraphs) for key, cell in zip(keys, row.cells, strict=True)
        },
    }
    if row.status is not None:
        data["status"] = row.status
    return data
