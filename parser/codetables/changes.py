"""What changed between two JSON models of a page, in words: the summary `check` prints first.

A row added near the top of a table moves the line of every row below it, so the text diff of
the JSON can run for pages; this says in a few lines which codes were added, removed or
changed, and when nothing but line numbers moved. Pure: two payloads in, lines out.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

SHOWN = 5
"""Codes listed per kind of change before `…`."""


def summary(old: Any, new: dict[str, Any]) -> list[str]:
    """Lines describing the change from `old` (as read from disk) to `new`; [] if none.

    `old` is whatever the committed JSON held; if it is not a `codetables/2` model, the summary
    says so and the text diff has to speak.
    """
    if not isinstance(old, dict) or old.get("format") != new["format"]:
        return ["not a codetables/2 model before: see the diff"]
    lines = []
    if old.get("source") != new["source"]:
        lines.append("page title, id or path changed")
    old_tables, new_tables = old.get("tables", []), new["tables"]
    if len(old_tables) != len(new_tables):
        lines.append(f"{len(old_tables)} code tables before, {len(new_tables)} now")
    for number, (before, after) in enumerate(zip(old_tables, new_tables, strict=False), 1):
        lines += [f"table {number}: {change}" for change in _table(before, after)]
    return lines


def _table(before: Any, after: dict[str, Any]) -> list[str]:
    if not isinstance(before, dict):
        return ["not a table before"]
    changes = []
    if before.get("columns") != after["columns"]:
        changes.append("columns changed")
    old_rows, new_rows = before.get("rows", []), after["rows"]
    old_cells = Counter(_cells(row) for row in old_rows)
    new_cells = Counter(_cells(row) for row in new_rows)
    removed = list((old_cells - new_cells).elements())
    added = list((new_cells - old_cells).elements())
    key = _key_column(after)
    removed_keys = Counter(_key(cells, key) for cells in removed)
    added_keys = Counter(_key(cells, key) for cells in added)
    changed = removed_keys & added_keys
    for label, keys in (
        ("changed", changed),
        ("added", added_keys - changed),
        ("removed", removed_keys - changed),
    ):
        if keys:
            changes.append(f"{_count(keys.total())} {label} ({_list(keys)})")
    if not changes and [r.get("line") for r in old_rows] != [r["line"] for r in new_rows]:
        changes.append("only line numbers moved")
    return changes


def _cells(row: Any) -> tuple[tuple[str, Any], ...]:
    cells = row.get("cells", {}) if isinstance(row, dict) else {}
    return tuple(sorted(cells.items())) if isinstance(cells, dict) else ()


def _key_column(table: dict[str, Any]) -> str:
    """The column that names a row: the error code or other code, else the status, else the
    first."""
    roles = {column["role"]: column["key"] for column in reversed(table["columns"])}
    first: str = table["columns"][0]["key"]
    return str(roles.get("error_code") or roles.get("code") or roles.get("status") or first)


def _key(cells: tuple[tuple[str, Any], ...], key: str) -> str:
    return str(dict(cells).get(key, "")) or "(empty)"


def _count(number: int) -> str:
    return f"{number} row" + ("" if number == 1 else "s")


def _list(keys: Counter[str]) -> str:
    names = sorted(keys)
    shown = ", ".join(names[:SHOWN])
    return shown + (", …" if len(names) > SHOWN else "")
