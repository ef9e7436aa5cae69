"""What the Python artifact declares: one enum per code table, derived from the model.

A status table becomes an `IntEnum` (`StatusCode`) whose members carry `phrase` and
`description` like `http.HTTPStatus`; an error-code table a `StrEnum` (`ErrorCode`) whose
members carry `http_status`, `message`, `description`, `remedy` (and `module`, `cause` when
the table has them). A member stands for the first row that lists its code. When the rows and
the members are not one to one (a code on several rows, a status cell such as `404/500`, an
empty code), the module also holds every row in page order, so nothing is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from http import HTTPStatus

from . import names
from .model import Document, Kind, Role, Row, Table

STATUS_CLASSES = {
    1: "1xx informational",
    2: "2xx success",
    3: "3xx redirection",
    4: "4xx client error",
    5: "5xx server error",
}

Value = str | int | None


@dataclass(frozen=True)
class Attribute:
    """A member attribute: its name, its annotation, and the column role it is read from."""

    name: str
    annotation: str
    role: Role | None


@dataclass(frozen=True)
class Member:
    """One enum member: name, value, attribute values, and a comment opening its group."""

    name: str
    value: Value
    values: tuple[Value, ...]
    comment: str


@dataclass(frozen=True)
class Enum:
    """One generated enum class, and, when it cannot hold every row, the rows beside it."""

    kind: Kind
    class_name: str
    base: str
    value_type: str
    title: str
    attributes: tuple[Attribute, ...]
    members: tuple[Member, ...]
    row_class: str
    row_fields: tuple[Attribute, ...]
    rows_name: str
    rows: tuple[tuple[Value, ...], ...]
    """Every table row (as `row_fields`) when members do not cover them one to one, else ()."""


_TEXT = "str"
_STATUS = "int | None"


def enums(document: Document) -> list[Enum]:
    """The enums of a page: `StatusCode`, `StatusCode2`…, then `ErrorCode`, `ErrorCode2`…"""
    out = []
    for kind, base_name in (
        (Kind.HTTP_STATUS, "StatusCode"),
        (Kind.ERROR_CODE, "ErrorCode"),
    ):
        tables = [table for table in document.tables if table.kind is kind]
        for index, table in enumerate(tables):
            class_name = base_name if index == 0 else f"{base_name}{index + 1}"
            out.append(_enum(table, class_name))
    return out


def public_names(declared: list[Enum]) -> list[str]:
    """`__all__` of the module, in the order `ruff` expects (constants, classes, functions)."""
    found: list[str] = []
    for enum in declared:
        found.append(enum.class_name)
        if enum.rows:
            found += [enum.row_class, enum.rows_name]
    if any(enum.kind is Kind.HTTP_STATUS for enum in declared):
        found.append("lookup")
    if any(enum.kind is Kind.ERROR_CODE for enum in declared):
        found.append("lookup_error")
    return sorted(found, key=lambda n: (0 if n.isupper() else 1 if n[0].isupper() else 2, n))


def _attributes(table: Table) -> tuple[Attribute, ...]:
    present = {column.role for column in table.columns}
    if table.kind is Kind.HTTP_STATUS:
        wanted = [
            ("phrase", Role.PHRASE, True),
            ("description", Role.DESCRIPTION, True),
        ]
    else:
        wanted = [
            ("message", Role.MESSAGE, True),
            ("description", Role.DESCRIPTION, True),
            ("remedy", Role.REMEDY, True),
            ("module", Role.MODULE, False),
        ]
    wanted.append(("cause", Role.CAUSE, False))
    found = [
        Attribute(name, _TEXT, role) for name, role, always in wanted if always or role in present
    ]
    if table.kind is Kind.ERROR_CODE:
        found.insert(0, Attribute("http_status", _STATUS, None))
    return tuple(found)


def _values(table: Table, row: Row, attributes: tuple[Attribute, ...]) -> tuple[Value, ...]:
    return tuple(
        row.status if attribute.role is None else table.text(row, attribute.role)
        for attribute in attributes
    )


def _enum(table: Table, class_name: str) -> Enum:
    attributes = _attributes(table)
    status_kind = table.kind is Kind.HTTP_STATUS
    keys: list[Value] = [
        row.status if status_kind else table.text(row, Role.ERROR_CODE) or None
        for row in table.rows
    ]
    first: dict[Value, Row] = {}
    for key, row in zip(keys, table.rows, strict=True):
        if key is not None:
            first.setdefault(key, row)
    prefix = "STATUS" if status_kind else "ERROR"
    member_names = names.member_names(
        ((_name_source(table, row, key), str(key)) for key, row in first.items()), prefix
    )
    entries = list(zip(member_names, first.items(), strict=True))
    if status_kind:  # grouped 1xx…5xx, page order within a class
        entries.sort(key=lambda entry: int(entry[1][0] or 0) // 100)
    members: list[Member] = []
    group: str | None = None
    for name, (key, row) in entries:
        label = _group(table, row, key)
        comment = label if label != group else ""
        members.append(Member(name, key, _values(table, row, attributes), comment))
        group = label
    one_to_one = len(first) == len(table.rows)
    value_field = (
        (
            Attribute("status_text", _TEXT, Role.STATUS),
            Attribute("status", _STATUS, None),
        )
        if status_kind
        else (
            Attribute("code", _TEXT, Role.ERROR_CODE),
            Attribute("status_text", _TEXT, Role.STATUS),
        )
    )
    row_fields = value_field + attributes
    rows = () if one_to_one else tuple(_values(table, row, row_fields) for row in table.rows)
    return Enum(
        kind=table.kind,
        class_name=class_name,
        base="IntEnum" if status_kind else "StrEnum",
        value_type="int" if status_kind else "str",
        title=table.title,
        attributes=attributes,
        members=tuple(members),
        row_class=f"{class_name}Row",
        row_fields=row_fields,
        rows_name=re.sub(r"(?<=[a-z])(?=[A-Z0-9])", "_", class_name).upper() + "_ROWS",
        rows=rows,
    )


def _name_source(table: Table, row: Row, key: Value) -> str:
    """What a member's name is made from: the code, or a status's phrase — the page's own,
    else the standard one (`http.HTTPStatus`), so `200` is `OK` even in a table of codes."""
    if table.kind is Kind.ERROR_CODE:
        return str(key)
    phrase = table.text(row, Role.PHRASE)
    if phrase or not isinstance(key, int):
        return phrase
    try:
        return HTTPStatus(key).phrase
    except ValueError:
        return ""


def _status_label(value: Value) -> str:
    return STATUS_CLASSES.get(value // 100, "") if isinstance(value, int) else ""


def _group(table: Table, row: Row, key: Value) -> str:
    if table.kind is Kind.HTTP_STATUS:
        return _status_label(key)
    module = table.text(row, Role.MODULE)
    return f"module: {module}" if module else ""
