"""The summary check prints first: which codes changed, in words, not only a text diff."""

from __future__ import annotations

import copy
from typing import Any

from codetables.changes import summary
from codetables.model import Document
from codetables.render import payload
from conftest import SEED_LABEL


def model(document: Document) -> dict[str, Any]:
    return copy.deepcopy(payload(document))


def test_a_changed_cell_names_its_code(seed_document: Document) -> None:
    """Editing one cell reports that row as changed, by its code."""
    old, new = model(seed_document), model(seed_document)
    new["tables"][0]["rows"][17]["cells"]["phrase"] = "Unauthenticated"
    assert summary(old, new) == ["table 1: 1 row changed (401)"]


def test_added_and_removed_rows_are_named(seed_document: Document) -> None:
    """A dropped and a new row are listed apart from changed ones."""
    old, new = model(seed_document), model(seed_document)
    removed = new["tables"][0]["rows"].pop(2)
    assert removed["cells"]["status"] == "200"
    extra = copy.deepcopy(new["tables"][0]["rows"][0])
    extra["cells"]["status"] = "599"
    new["tables"][0]["rows"].append(extra)
    assert summary(old, new) == ["table 1: 1 row added (599)", "table 1: 1 row removed (200)"]


def test_moved_lines_alone_are_said_as_such(seed_document: Document) -> None:
    """Blank lines added above the table change every line number and nothing else."""
    old, new = model(seed_document), model(seed_document)
    for row in new["tables"][0]["rows"]:
        row["line"] += 2
    assert summary(old, new) == ["table 1: only line numbers moved"]
    assert summary(old, model(seed_document)) == []


def test_many_changes_are_cut_short(seed_document: Document) -> None:
    """More than five codes end with an ellipsis rather than a page of codes."""
    old, new = model(seed_document), model(seed_document)
    for row in new["tables"][0]["rows"][:7]:
        row["cells"]["description"] += "!"
    assert summary(old, new) == ["table 1: 7 rows changed (100, 101, 200, 201, 202, …)"]


def test_structure_changes_and_foreign_files(seed_document: Document) -> None:
    """Columns, tables, the page heading, and a file that is no model are each reported."""
    old, new = model(seed_document), model(seed_document)
    new["source"]["title"] = "Status"
    new["tables"][0]["columns"][2]["header"] = "说明"
    new["tables"].append(copy.deepcopy(new["tables"][0]))
    assert summary(old, new) == [
        "page title, id or path changed",
        "1 code tables before, 2 now",
        "table 1: columns changed",
    ]
    assert summary({"format": "other"}, new) == ["not a codetables/2 model before: see the diff"]
    assert summary(None, new) == ["not a codetables/2 model before: see the diff"]
    assert new["source"]["path"] == SEED_LABEL
