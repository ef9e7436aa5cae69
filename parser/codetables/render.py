"""Document → artifacts: `{relative file name: text}` from the Jinja templates.

Pure: the model goes in, text comes out; the CLI decides where it is written. Templates get
the model and a few derived facts (member names, status classes) and reach strings only
through the escaping filters, so document text is never read as template or code.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import jinja2

from . import escape, pyenum
from .errors import RenderError
from .model import Document, Row, Table

FORMAT = "codetables/2"
"""Version of the JSON format; bumped on any incompatible change."""
SCHEMA_FILE = Path(__file__).resolve().parent / "codetables-2.schema.json"
"""The JSON Schema of the format, shipped inside the package."""

ARTIFACTS = {"python.py.j2": ".py", "markdown.md.j2": ".md", "json.json.j2": ".json"}
"""Template → suffix of the artifact it renders."""

_PACKAGE = Path(__file__).resolve().parent
TEMPLATE_DIRS = (_PACKAGE / "templates", _PACKAGE.parent.parent / "templates")
"""Templates inside the installed package first, then the source tree's `templates/`
(the package's source is `parser/codetables/`, the templates are top-level)."""


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
        md_text=escape.md_text,
        json_value=escape.json_value,
    )
    return env


def render(document: Document, name: str) -> dict[str, str]:
    """Every artifact of one document, keyed by file name (`{name}.py`, …)."""
    env = environment()
    declared = pyenum.enums(document)
    context = {
        "document": document,
        "enums": declared,
        "public": pyenum.public_names(declared),
        "lookups": pyenum.lookups(declared),
        "summary": pyenum.summary(declared),
        "about": pyenum.about,
        "carries": pyenum.carries,
        "payload": payload(document),
    }
    out: dict[str, str] = {}
    for template_name, suffix in ARTIFACTS.items():
        try:
            text = env.get_template(template_name).render(context)
        except jinja2.TemplateError as exc:
            raise RenderError(f"template {template_name} failed: {exc}") from exc
        out[name + suffix] = text
    return out


def artifact_name(stem: str) -> str:
    """Default artifact name for a source stem: characters that cannot be in a Python
    identifier become `_` (`cci-status-codes` → `cci_status_codes`, `状态码` stays)."""
    name = "".join(c if ("a" + c).isidentifier() else "_" for c in stem)
    return name if name.isidentifier() else f"_{name}"


def payload(document: Document) -> dict[str, Any]:
    """The JSON artifact's content (format `codetables/2`), as plain data in a fixed order."""
    return {
        "format": FORMAT,
        "source": {"path": document.path, "title": document.title, "id": document.id},
        "tables": [
            {
                "kind": table.kind.value,
                "title": table.title,
                "line": table.line,
                "columns": [
                    {
                        "key": column.key,
                        "header": column.header,
                        "role": None if column.role is None else column.role.value,
                    }
                    for column in table.columns
                ],
                "rows": [_row_payload(table, row) for row in table.rows],
            }
            for table in document.tables
        ],
    }


def _row_payload(table: Table, row: Row) -> dict[str, Any]:
    keys = [column.key for column in table.columns]
    data: dict[str, Any] = {
        "line": row.line,
        "cells": {key: cell.text for key, cell in zip(keys, row.cells, strict=True)},
        "paragraphs": {
            key: list(cell.paragraphs) for key, cell in zip(keys, row.cells, strict=True)
        },
    }
    if row.status is not None:
        data["status"] = row.status
    return data
