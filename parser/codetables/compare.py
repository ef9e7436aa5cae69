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
from dataclasses import dataclass, replace
from typing import Any

from . import values

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
    """A row added, removed, changed or moved to another table, named by its code
    (`(empty)` for none)."""

    change: str
    code: str
    cells: tuple[tuple[str, str], ...] = ()
    """For a row added, removed or moved: (header, text) of each cell."""
    fields: tuple[Field, ...] = ()
    """For a row changed: the cells that differ."""
    to: int = 0
    """For a row moved: the number of the table it is in now."""


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
    roles: tuple[str, ...] = ()
    """Columns read with another role while their header stayed: the rule or the
    configuration changed, not the page."""
    rows: tuple[RowChange, ...] = ()
    count: int = 0
    """Rows of a table added or removed."""
    moved_in: int = 0
    """Rows of a table added that moved there from another table."""


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
    def roles_only(self) -> bool:
        """Whether the only change is columns read with other roles (same headers, same
        cells): the configuration or codetables changed, not the page."""
        return (
            bool(self.tables)
            and not self.page
            and not self.unreadable
            and all(
                t.change == "changed" and t.roles and not t.details and not t.rows
                for t in self.tables
            )
        )

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
                    "roles": list(table.roles),
                    **(
                        {"rows_count": table.count, "moved_in": table.moved_in}
                        if table.change != "changed"
                        else {}
                    ),
                    "rows": [
                        {
                            "change": row.change,
                            "code": row.code,
                            **({"to": row.to} if row.change == "moved" else {}),
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
    return PageChange(tuple(page), _moves(tables))


def _moves(tables: list[TableChange]) -> tuple[TableChange, ...]:
    """Rows that left one table and appear, word for word, in another (a table split in
    two): said once, as moved, instead of removed here and added there."""
    added: dict[tuple[str, ...], list[int]] = {}
    for number, table in enumerate(tables):
        for row in table.rows:
            if row.change == "added":
                added.setdefault(_texts(row), []).append(number)
    moved: dict[int, list[tuple[str, ...]]] = {}
    out = []
    for table in tables:
        rows = []
        for row in table.rows:
            places = added.get(_texts(row), []) if row.change == "removed" else []
            other = next((n for n in places if tables[n].number != table.number), None)
            if other is None:
                rows.append(row)
                continue
            places.remove(other)
            moved.setdefault(other, []).append(_texts(row))
            rows.append(RowChange("moved", row.code, row.cells, to=tables[other].number))
        out.append(replace(table, rows=tuple(rows)))
    for number, texts in moved.items():
        table = out[number]
        left = list(table.rows)
        for text in texts:
            left.remove(next(r for r in left if r.change == "added" and _texts(r) == text))
        out[number] = replace(table, rows=tuple(left), moved_in=len(texts))
    return tuple(t for t in out if t.change != "changed" or t.rows or t.details or t.roles)


def _texts(row: RowChange) -> tuple[str, ...]:
    return tuple(text for _, text in row.cells)


def _signature(table: dict[str, Any]) -> tuple[Any, ...]:
    return (table["kind"], tuple(column["key"] for column in table["columns"]))


def _whole(change: str, table: dict[str, Any], index: int) -> TableChange:
    headers = {column["key"]: column["header"] for column in table["columns"]}
    codes = _occurrences(table["rows"], _key_columns(table))
    return TableChange(
        change,
        index + 1,
        table["kind"],
        table["title"],
        rows=tuple(
            RowChange(change, code, _cells(row, headers))
            for code, row in zip(codes, table["rows"], strict=True)
        ),
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
    code = values.without_footnote(str(row["cells"].get(code_key, ""))) or "(empty)"
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


def _pairs(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> dict[int, int]:
    """Columns of the new table → the old column they continue: the same header first,
    then the same role (a header renamed), then the same place."""
    pairs: dict[int, int] = {}
    for j, column in enumerate(new):
        i = next(
            (
                i
                for i, o in enumerate(old)
                if i not in pairs.values() and o["header"] == column["header"]
            ),
            None,
        )
        if i is not None:
            pairs[j] = i
    for j, column in enumerate(new):  # the same meaning under another header
        i = next(
            (
                i
                for i, o in enumerate(old)
                if j not in pairs
                and i not in pairs.values()
                and column["role"]
                and o["role"] == column["role"]
            ),
            None,
        )
        if i is not None:
            pairs[j] = i
    for j in range(len(new)):
        if j not in pairs and j < len(old) and j not in pairs.values():
            pairs[j] = j
    return pairs


def _table(old: dict[str, Any], new: dict[str, Any], index: int) -> TableChange | None:
    details = []
    if old["kind"] != new["kind"]:
        details.append(f"kind {old['kind']} → {new['kind']}")
    if old["title"] != new["title"]:
        details.append(f"title {_quote(old['title'])} → {_quote(new['title'])}")
    old_columns, new_columns = old["columns"], new["columns"]
    pairs = _pairs(old_columns, new_columns)
    roles: list[str] = []
    for j, column in enumerate(new_columns):
        if j not in pairs:
            details.append(f"column {column['header']!r} added")
            continue
        before = old_columns[pairs[j]]
        renamed = before["header"] != column["header"]
        if renamed:
            details.append(f"column {j + 1} renamed {before['header']!r} → {column['header']!r}")
        if before["role"] != column["role"]:
            (details if renamed else roles).append(
                f"column {column['header']!r}: role {before['role'] or 'none'} → "
                f"{column['role'] or 'none'}"
            )
    details += [
        f"column {column['header']!r} removed"
        for i, column in enumerate(old_columns)
        if i not in pairs.values()
    ]
    order = [pairs[j] for j in sorted(pairs)]
    if order != sorted(order):
        details.append("columns reordered")
    shared = [
        (old_columns[i]["key"], new_columns[j]["key"], new_columns[j]["header"])
        for j, i in sorted(pairs.items())
    ]
    new_keys = _key_columns(new)
    continued = {n: o for o, n, _ in shared}
    old_keys = (
        continued.get(new_keys[0], _key_columns(old)[0]),
        continued.get(new_keys[1]) if new_keys[1] else None,
    )
    old_codes = _occurrences(old["rows"], old_keys)
    new_codes = _occurrences(new["rows"], new_keys)
    old_rows = dict(zip(old_codes, old["rows"], strict=True))
    new_rows = dict(zip(new_codes, new["rows"], strict=True))
    headers = {c["key"]: c["header"] for c in new_columns}
    old_headers = {c["key"]: c["header"] for c in old_columns}
    rows: list[RowChange] = []
    for code in new_codes:
        if code not in old_rows:
            rows.append(RowChange("added", code, _cells(new_rows[code], headers)))
            continue
        fields = _fields(old_rows[code], new_rows[code], shared)
        if fields:
            rows.append(RowChange("changed", code, fields=fields))
    for code in old_codes:
        if code not in new_rows:
            rows.append(RowChange("removed", code, _cells(old_rows[code], old_headers)))
    common_old = [code for code in old_codes if code in new_rows]
    common_new = [code for code in new_codes if code in old_rows]
    if common_old != common_new:
        first = next(n for o, n in zip(common_old, common_new, strict=True) if o != n)
        details.append(f"rows reordered (first out of place: {first})")
    if not details and not rows and not roles:
        return None
    return TableChange(
        "changed",
        index + 1,
        new["kind"],
        new["title"],
        tuple(details),
        tuple(roles),
        tuple(rows),
    )


def _cells(row: dict[str, Any], headers: dict[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple((headers.get(key, key), str(text)) for key, text in row["cells"].items())


def _fields(
    old: dict[str, Any], new: dict[str, Any], shared: list[tuple[str, str, str]]
) -> tuple[Field, ...]:
    """The cells of a row that differ, over the columns both versions have."""
    fields = []
    for old_key, new_key, header in shared:
        before = (str(old["cells"].get(old_key, "")), old["paragraphs"].get(old_key, []))
        after = (str(new["cells"].get(new_key, "")), new["paragraphs"].get(new_key, []))
        if before == after:
            continue
        fields.append(Field(new_key, header, before[0], after[0], _breaks(before[1], after[1])))
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
        moved = f"; {table.moved_in} moved from other tables" if table.moved_in else ""
        away = sorted({row.to for row in table.rows if row.change == "moved"})
        if away:
            count = sum(1 for row in table.rows if row.change == "moved")
            moved += f"; {count} moved to table {', '.join(map(str, away))}"
        listed = f" ({shown}{more})" if shown else ""
        return [f"{name} {table.change}: {table.kind}, {table.count} row{plural}{listed}{moved}"]
    out = [f"{name}: {detail}" for detail in (*table.details, *table.roles)]
    for row in table.rows:
        if row.change == "changed":
            for field in row.fields:
                what = "paragraph breaks only: " if field.breaks_only else ""
                out.append(
                    f"{name}: row {row.code}: {field.header}: "
                    f"{what}{_quote(field.old)} → {_quote(field.new)}"
                )
        elif row.change == "moved":
            out.append(f"{name}: row {row.code} moved to table {row.to}")
        else:
            cells = " | ".join(text for _, text in row.cells)
            out.append(f"{name}: row {row.code} {row.change}: {_clip(cells, 120)}")
    return out


def _quote(text: str) -> str:
    return repr(_clip(text, 100))


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
