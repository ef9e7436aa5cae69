"""What changed in meaning between two versions of a page: the one value `diff` and `check`
both print.

Both sides are JSON models (`render.payload`: what `parse` prints, or a committed JSON
artifact), so a committed artifact can be compared with a page just read. Source lines never
count: a row that moved is the same row. Tables are matched in page order by kind and
columns; rows by their code (and module, where the table has one), the n-th row of a code
with the n-th where codes repeat. For a changed row each field is given old → new; a change
in paragraph breaks alone is named as such. Pure: two models in, one value out.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

SHOWN = 5
"""Rows listed per table in one line of words before `…`."""


@dataclass(frozen=True)
class Field:
    """One cell of a row that changed: its column's header, the two texts, and whether only
    the paragraph breaks changed (the same words, joined or split differently)."""

    key: str
    header: str
    old: str
    new: str
    breaks_only: bool


@dataclass(frozen=True)
class RowChange:
    """A row added, removed or changed, named by its code (`(empty)` for none)."""

    change: str
    code: str
    cells: tuple[tuple[str, str], ...] = ()
    """For a row added or removed: (header, text) of each cell."""
    fields: tuple[Field, ...] = ()
    """For a row changed: the cells that differ."""


@dataclass(frozen=True)
class TableChange:
    """A table added, removed or changed; `number` counts code tables in the new page (in
    the old one for a table removed), from 1."""

    change: str
    number: int
    kind: str
    title: str
    details: tuple[str, ...] = ()
    """Changes to the table itself: kind, title, headers, columns, row order."""
    rows: tuple[RowChange, ...] = ()
    count: int = 0
    """Rows of a table added or removed."""


@dataclass(frozen=True)
class PageChange:
    """Everything that changed in meaning from one version of a page to another."""

    page: tuple[str, ...] = ()
    """Changes to the page itself: its title or id."""
    tables: tuple[TableChange, ...] = ()
    unreadable: bool = False
    """The old side is not a model this version can read (another format, or not JSON)."""

    @property
    def changed(self) -> bool:
        return bool(self.page or self.tables or self.unreadable)

    @property
    def breaks_only(self) -> bool:
        """Whether every change is in paragraph breaks alone."""
        fields = [f for t in self.tables for r in t.rows for f in r.fields]
        return (
            self.changed
            and not self.page
            and not self.unreadable
            and all(not t.details and t.change == "changed" for t in self.tables)
            and all(r.change == "changed" for t in self.tables for r in t.rows)
            and all(f.breaks_only for f in fields)
        )

    def lines(self) -> list[str]:
        """The change in words, one line per change; `no change in meaning` when none."""
        if self.unreadable:
            return ["the old side is not a model this version of codetables reads"]
        if not self.changed:
            return ["no change in meaning"]
        out = list(self.page)
        for table in self.tables:
            out += _table_lines(table)
        return out

    def to_json(self) -> dict[str, Any]:
        """The change as plain data, for `diff --format json`."""
        return {
            "changed": self.changed,
            "breaks_only": self.breaks_only,
            "unreadable": self.unreadable,
            "page": list(self.page),
            "tables": [
                {
                    "change": table.change,
                    "table": table.number,
                    "kind": table.kind,
                    "title": table.title,
                    "details": list(table.details),
                    **({"rows_count": table.count} if table.change != "changed" else {}),
                    "rows": [
                        {
                            "change": row.change,
                            "code": row.code,
                            **(
                                {"cells": dict(row.cells)}
                                if row.change != "changed"
                                else {
                                    "fields": [
                                        {
                                            "column": f.key,
                                            "header": f.header,
                                            "old": f.old,
                                            "new": f.new,
                                            "breaks_only": f.breaks_only,
                                        }
                                        for f in row.fields
                                    ]
                                }
                            ),
                        }
                        for row in table.rows
                    ],
                }
                for table in self.tables
            ],
        }


def compare(old: Any, new: dict[str, Any]) -> PageChange:
    """The change in meaning from model `old` (as read from anywhere) to model `new`."""
    if not (isinstance(old, dict) and old.get("format") == new.get("format")):
        return PageChange(unreadable=True)
    try:
        return _compare(old, new)
    except (KeyError, TypeError, AttributeError, IndexError, RecursionError):  # edited
        return PageChange(unreadable=True)


def _compare(old: dict[str, Any], new: dict[str, Any]) -> PageChange:
    page = []
    for key, label in (("title", "page title"), ("id", "page id")):
        before, after = old["source"][key], new["source"][key]
        if before != after:
            page.append(f"{label}: {_quote(before)} → {_quote(after)}")
    old_tables, new_tables = old["tables"], new["tables"]
    matcher = difflib.SequenceMatcher(
        a=[_signature(t) for t in old_tables], b=[_signature(t) for t in new_tables]
    )
    tables: list[TableChange] = []
    for operation, a1, a2, b1, b2 in matcher.get_opcodes():
        paired = min(a2 - a1, b2 - b1) if operation == "replace" else 0
        if operation in ("equal", "replace"):
            width = a2 - a1 if operation == "equal" else paired
            for offset in range(width):
                change = _table(old_tables[a1 + offset], new_tables[b1 + offset], b1 + offset)
                if change is not None:
                    tables.append(change)
        for index in range(a1 + paired if operation == "replace" else a1, a2):
            if operation != "equal":
                tables.append(_whole("removed", old_tables[index], index))
        for index in range(b1 + paired if operation == "replace" else b1, b2):
            if operation != "equal":
                tables.append(_whole("added", new_tables[index], index))
    return PageChange(tuple(page), tuple(tables))


def _signature(table: dict[str, Any]) -> tuple[Any, ...]:
    return (table["kind"], tuple(column["key"] for column in table["columns"]))


def _whole(change: str, table: dict[str, Any], index: int) -> TableChange:
    codes = [_code(row, _key_columns(table)) for row in table["rows"]]
    return TableChange(
        change,
        index + 1,
        table["kind"],
        table["title"],
        rows=tuple(RowChange(change, code) for code in codes),
        count=len(codes),
    )


def _key_columns(table: dict[str, Any]) -> tuple[str, str | None]:
    """The column naming a row (error code, other code, status, else the first) and the
    module column, if any."""
    keys = {column["role"]: column["key"] for column in reversed(table["columns"])}
    code = keys.get("error_code") or keys.get("code") or keys.get("status")
    return str(code or table["columns"][0]["key"]), keys.get("module")


def _code(row: dict[str, Any], keys: tuple[str, str | None]) -> str:
    code_key, module_key = keys
    code = str(row["cells"].get(code_key, "")) or "(empty)"
    module = str(row["cells"].get(module_key, "")) if module_key else ""
    return f"{code} ({module})" if module else code


def _occurrences(rows: Sequence[dict[str, Any]], keys: tuple[str, str | None]) -> list[str]:
    """Each row's code, made unique by its occurrence where a code repeats (`E.1 #2`)."""
    seen: Counter[str] = Counter()
    out = []
    for row in rows:
        code = _code(row, keys)
        seen[code] += 1
        out.append(code if seen[code] == 1 else f"{code} #{seen[code]}")
    return out


def _table(old: dict[str, Any], new: dict[str, Any], index: int) -> TableChange | None:
    details = []
    if old["kind"] != new["kind"]:
        details.append(f"kind {old['kind']} → {new['kind']}")
    if old["title"] != new["title"]:
        details.append(f"title {_quote(old['title'])} → {_quote(new['title'])}")
    old_headers = [c["header"] for c in old["columns"]]
    new_headers = [c["header"] for c in new["columns"]]
    if old_headers != new_headers:
        details.append(f"headers {' | '.join(old_headers)} → {' | '.join(new_headers)}")
    elif [c["role"] for c in old["columns"]] != [c["role"] for c in new["columns"]]:
        details.append("column roles changed")
    headers = {c["key"]: c["header"] for c in (*old["columns"], *new["columns"])}
    keys = _key_columns(new)
    old_codes = _occurrences(old["rows"], _key_columns(old))
    new_codes = _occurrences(new["rows"], keys)
    old_rows = dict(zip(old_codes, old["rows"], strict=True))
    new_rows = dict(zip(new_codes, new["rows"], strict=True))
    rows: list[RowChange] = []
    for code in new_codes:
        if code not in old_rows:
            rows.append(RowChange("added", code, _cells(new_rows[code], headers)))
            continue
        fields = _fields(old_rows[code], new_rows[code], headers)
        if fields:
            rows.append(RowChange("changed", code, fields=fields))
    for code in old_codes:
        if code not in new_rows:
            rows.append(RowChange("removed", code, _cells(old_rows[code], headers)))
    common_old = [code for code in old_codes if code in new_rows]
    common_new = [code for code in new_codes if code in old_rows]
    if common_old != common_new:
        details.append("rows reordered")
    if not details and not rows:
        return None
    return TableChange("changed", index + 1, new["kind"], new["title"], tuple(details), tuple(rows))


def _cells(row: dict[str, Any], headers: dict[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple((headers.get(key, key), str(text)) for key, text in row["cells"].items())


def _fields(old: dict[str, Any], new: dict[str, Any], headers: dict[str, str]) -> tuple[Field, ...]:
    fields = []
    for key in dict.fromkeys([*old["cells"], *new["cells"]]):
        before = (str(old["cells"].get(key, "")), old["paragraphs"].get(key, []))
        after = (str(new["cells"].get(key, "")), new["paragraphs"].get(key, []))
        if before == after:
            continue
        fields.append(
            Field(key, headers.get(key, key), before[0], after[0], _breaks(before[1], after[1]))
        )
    return tuple(fields)


def _breaks(old: list[str], new: list[str]) -> bool:
    """Whether two cells hold the same words with only paragraph breaks moved: joined with
    nothing (Chinese) or with spaces (English) they read the same."""
    return old != new and (
        "".join(old) == "".join(new) or " ".join(old).split() == " ".join(new).split()
    )


def _table_lines(table: TableChange) -> list[str]:
    name = f"table {table.number}" + (f" ({table.title})" if table.title else "")
    if table.change != "changed":
        shown = ", ".join(row.code for row in table.rows[:SHOWN])
        more = ", …" if table.count > SHOWN else ""
        plural = "s" if table.count != 1 else ""
        return [f"{name} {table.change}: {table.kind}, {table.count} row{plural} ({shown}{more})"]
    out = [f"{name}: {detail}" for detail in table.details]
    for row in table.rows:
        if row.change == "changed":
            for field in row.fields:
                what = "paragraph breaks only: " if field.breaks_only else ""
                out.append(
                    f"{name}: row {row.code}: {field.header}: "
                    f"{what}{_quote(field.old)} → {_quote(field.new)}"
                )
        else:
            cells = " | ".join(text for _, text in row.cells)
            out.append(f"{name}: row {row.code} {row.change}: {_clip(cells, 120)}")
    return out


def _quote(text: str) -> str:
    return repr(_clip(text, 100))


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
