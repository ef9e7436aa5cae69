"""Document → artifacts: `{relative file name: text}` from the Jinja templates.

Pure: the model goes in, text comes out; the CLI decides where it is written. Templates get
the model and a few derived facts (member names, status classes) and reach strings only
through the escaping filters, so document text is never read as template or code.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from . import escape, names
from .errors import RenderError
from .model import Document, Kind, Role, Row, Table

FORMAT = "codetables/1"
"""Version of the JSON format; bumped on any incompatible change."""

ARTIFACTS = {"python.py.j2": ".py", "markdown.md.j2": ".md", "json.json.j2": ".json"}
"""Template → suffix of the artifact it renders."""

STATUS_CLASSES = {
    1: "1xx informational",
    2: "2xx success",
    3: "3xx redirection",
    4: "4xx client error",
    5: "5xx server error",
}

_PACKAGE = Path(__file__).resolve().parent
TEMPLATE_DIRS = (_PACKAGE / "templates", _PACKAGE.parent / "templates")
"""Templates inside the installed package first, then the source tree's `templates/`."""


@dataclass(frozen=True)
class Member:
    """One generated enum member."""

    name: str
    row: Row
    phrase: str
    description: str


@dataclass(frozen=True)
class StatusEnum:
    """One generated IntEnum class: members grouped by status class, in page order."""

    class_name: str
    groups: tuple[tuple[str, tuple[Member, ...]], ...]


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
        md_cell=escape.md_cell,
        md_text=escape.md_text,
        json_value=escape.json_value,
    )
    return env


def render(document: Document, name: str) -> dict[str, str]:
    """Every artifact of one document, keyed by file name (`{name}.py`, …)."""
    env = environment()
    context = {
        "document": document,
        "enums": status_enums(document),
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
    """Default artifact name for a source stem: non-identifier characters become `_`."""
    name = re.sub(r"\W", "_", stem, flags=re.ASCII)
    return name if name and not name[0].isdigit() else f"_{name}"


def status_enums(document: Document) -> list[StatusEnum]:
    """One IntEnum per HTTP-status table: `StatusCode`, then `StatusCode2`, …"""
    tables = [t for t in document.tables if t.kind is Kind.HTTP_STATUS]
    return [
        _status_enum(table, "StatusCode" if index == 0 else f"StatusCode{index + 1}")
        for index, table in enumerate(tables)
    ]


def _status_enum(table: Table, class_name: str) -> StatusEnum:
    rows = [row for row in table.rows if row.status is not None]
    phrases = [table.text(row, Role.PHRASE) for row in rows]
    member_names = names.member_names(
        zip(phrases, (str(row.status) for row in rows), strict=True), "STATUS"
    )
    members = [
        Member(name, row, phrase, table.text(row, Role.DESCRIPTION))
        for name, row, phrase in zip(member_names, rows, phrases, strict=True)
    ]
    groups = tuple(
        (label, tuple(m for m in members if m.row.status is not None and m.row.status // 100 == n))
        for n, label in STATUS_CLASSES.items()
    )
    return StatusEnum(class_name, tuple((label, ms) for label, ms in groups if ms))


def payload(document: Document) -> dict[str, Any]:
    """The JSON artifact's content (format `codetables/1`), as plain data in a fixed order."""
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
