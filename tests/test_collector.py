"""Parsing and rendering pause the cyclic garbage collector and give it back as it was."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator

import pytest

from codetables import collector, commands, markdown, start, workers
from codetables import render as render_module
from codetables.errors import SourceError
from codetables.parse import parse
from codetables.render import render

PAGE = "# Codes\n\n| 状态码 | 说明 |\n| --- | --- |\n| 200 | OK |\n"


@pytest.fixture
def collecting() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


@pytest.mark.usefixtures("collecting")
def test_the_collector_never_runs_while_a_page_is_parsed_or_rendered(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    inside: list[str] = []
    runs: dict[str, int] = {"inside": 0, "outside": 0}

    def spy(module: object, name: str) -> None:
        real = getattr(module, name)

        def watched(*args: object, **kwargs: object) -> object:
            inside.append(name)
            try:
                return real(*args, **kwargs)
            finally:
                inside.pop()

        monkeypatch.setattr(module, name, watched)

    spy(markdown, "read")  # the first step of a parse
    spy(render_module, "context")  # the first step of a render

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            runs["inside" if inside else "outside"] += 1

    threshold = gc.get_threshold()
    gc.set_threshold(10)  # a collection every ten allocations, were it on
    gc.callbacks.append(count)
    try:
        render(parse(PAGE * 50, source="p.md"), "p")
        [[] for _ in range(100)]
    finally:
        gc.callbacks.remove(count)
        gc.set_threshold(*threshold)
    assert runs["inside"] == 0
    assert runs["outside"] > 0  # the collector did run, outside
    assert gc.isenabled()


@pytest.mark.usefixtures("collecting")
def test_the_collector_is_on_again_after_a_page_is_refused() -> None:
    with pytest.raises(SourceError):
        parse("<table><tr><td>200", source="p.md")
    assert gc.isenabled()


def test_a_collector_the_caller_turned_off_stays_off() -> None:
    was = gc.isenabled()
    gc.disable()
    try:
        parse(PAGE, source="p.md")
        with collector.paused():
            pass
        assert not gc.isenabled()
    finally:
        if was:
            gc.enable()


def frozen_by_a_worker(_: int) -> int:
    """What a worker finds frozen (`gc.freeze`) when it reads an item."""
    return gc.get_freeze_count()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked: no fork here")
def test_a_worker_freezes_what_it_inherits_so_no_collection_walks_or_copies_it() -> None:
    """A forked worker shares the run's memory until it writes to it: a collection there
    that walked the run's objects (the modules, the pages) wrote to every one, copying the
    memory, and walked them again at every full collection (3 to 6 % of a corpus' run)."""
    assert gc.get_freeze_count() == 0  # (the run's own process froze nothing)
    counts = list(workers.ordered(frozen_by_a_worker, range(4), 2))
    assert all(count > 1000 for count in counts)
    assert gc.get_freeze_count() == 0  # and still nothing: only the workers froze


def test_the_program_freezes_what_its_imports_made_and_a_library_caller_keeps_its_collector(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The program's own process (`start.ENDING`: it ends at once) freezes what exists
    when its command starts, the modules above all; a library caller of `main` gets its
    collector as it was, nothing frozen."""
    threshold = gc.get_threshold()
    try:
        monkeypatch.setattr(start, "ENDING", False)
        commands.collect_less()
        assert gc.get_freeze_count() == 0
        monkeypatch.setattr(start, "ENDING", True)
        commands.collect_less()
        assert gc.get_freeze_count() > 1000
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)
