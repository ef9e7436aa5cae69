"""Where parse + render spend their time on the corpus pages, by stage, and what would help.

    python benchmarks/profile.py [--top N] [--pages N]

1. Plain timing of parse + render over the pages (no profiler), the reference total.
2. cProfile over the same work: the top functions by cumulative and by own ("total") time.
3. Stages: thin wrappers around the functions that start each stage (markdown-it, the
   BeautifulSoup tree, grid placement, cell text, roles, the table's rows and checks, the
   template context, Jinja rendering, JSON encoding, escaping, the checksum stamp) keep a stack
   of stages, so each stage's time is its own, without the stages it calls. Timed once without
   a profiler (the shares to trust), then with one cProfile profiler per stage, switched as the
   stack changes, to list each stage's top functions.
4. The options the numbers point to, each measured on the same pages beside the current way
   (interleaved): other ways to build the tree (`class` values not split, BeautifulSoup's
   `lxml` builder, `lxml.html` alone), the C JSON encoder, template compilation per process,
   the cyclic garbage collector, two worker processes.

Times are CPU seconds of this process (`time.process_time`), but for the stage timers (the
wall clock: cheaper to read) and the worker pool (the wall clock: the work is elsewhere).

Pages: as `bench.py` takes them (the corpus beside the clone, or `CODETABLES_CORPUS`; else the
seed page). Nothing in the package is changed: the wrappers live in this process only.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import functools
import gc
import inspect
import json
import os
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

from bench import Page, artifact_name, load_average, load_pages, synthetic_page
from bs4 import BeautifulSoup

import codetables.escape
import codetables.grid
import codetables.markdown
import codetables.parse
import codetables.pyenum
import codetables.render
import codetables.roles
import codetables.stamp
import codetables.text
from codetables.parse import parse
from codetables.render import render

HERE = Path(__file__).resolve().parent


def stdlib_profilers() -> tuple[ModuleType, ModuleType]:
    """`cProfile` and `pstats` from the standard library. This file is named like the standard
    library's `profile`, which `cProfile` imports: with this folder first on the import path,
    that import would find this file instead."""
    saved = sys.path[:]
    sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != HERE]
    try:
        import cProfile
        import pstats
    finally:
        sys.path[:] = saved
    return cProfile, pstats


cProfile, pstats = stdlib_profilers()


# --- the work -------------------------------------------------------------------------------


def parse_render(pages: Sequence[Page]) -> int:
    rows = 0
    for page in pages:
        document = parse(page.text, source=page.name)
        if document.tables:
            render(document, artifact_name(page))
        rows += sum(len(table.rows) for table in document.tables)
    return rows


CLOCK = time.process_time
"""CPU time of this process: other work on the machine disturbs it far less than the wall
clock, and everything timed here runs in this one process (but the pool, timed by the wall
clock)."""
STAGE_CLOCK = time.perf_counter
"""The stage timers read the wall clock: reading it costs far less than reading the CPU time
(a system call), so the wrappers disturb what they measure less."""


def timed(
    function: Callable[[], object], repeat: int = 1, clock: Callable[[], float] = CLOCK
) -> float:
    """Best seconds of `repeat` calls by `clock`, collecting garbage before each."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        start = clock()
        function()
        best = min(best, clock() - start)
    return best


# --- printing -------------------------------------------------------------------------------

_STDLIB = re.compile(r".*[/\\]python3\.\d+[/\\](?!site-packages)")


def where(key: tuple[str, int, str]) -> str:
    """`module/file.py:line(function)` without the machine's directories."""
    path, line, name = key
    if path == "~":
        return name
    for marker in ("site-packages/", "site-packages\\", "parser/", "parser\\"):
        if marker in path:
            path = path.split(marker, 1)[1]
            break
    else:
        path = _STDLIB.sub("", path)
        path = path if not Path(path).is_absolute() else Path(path).name
    return f"{path}:{line}({name})"


def top_functions(stats: Any, key: str, count: int, total: float) -> list[str]:
    """The `count` first functions by `key` (2: own time, 3: cumulative), as lines."""
    entries = sorted(stats.stats.items(), key=lambda item: -item[1][key])[:count]
    lines = [f"{'own s':>8} {'cum s':>8} {'share':>6} {'calls':>10}  function"]
    for function, (_, calls, own, cumulative, _) in entries:
        share = (own if key == 2 else cumulative) / total
        lines.append(f"{own:8.2f} {cumulative:8.2f} {share:6.1%} {calls:10,}  {where(function)}")
    return lines


_WRAPPER_FRAMES = frozenset({"_switch", "enter", "leave", "function", "generator"})


def without_wrappers(stats: Any) -> Any:
    """The stats less the stage wrappers' own frames (their cost is not the package's)."""
    for key in [key for key in stats.stats if key[0] == __file__ and key[2] in _WRAPPER_FRAMES]:
        del stats.stats[key]
    return stats


def heading(title: str) -> None:
    print(f"\n## {title}\n", flush=True)


# --- stages ---------------------------------------------------------------------------------

STAGES: dict[str, list[tuple[object, str]]] = {
    "markdown-it (text layer)": [
        (codetables.markdown, "read"),
        (codetables.markdown, "read_html"),
        (codetables.markdown, "inline_text"),
    ],
    "BeautifulSoup tree building": [
        (codetables.parse, "_soup"),  # the empty-anchor strip, then the tree
        (codetables.text, "soup"),
    ],
    "grid placement (walk, spans)": [
        (codetables.grid, "tables"),
        (codetables.grid, "too_deep"),
        (codetables.grid, "read"),
    ],
    "cell text (paragraphs)": [
        (codetables.text, "paragraphs"),
    ],
    "roles": [
        (codetables.roles, "read_columns"),
    ],
    "table assembly (rows, statuses, checks)": [
        (codetables.parse._TableReader, "table"),
    ],
    "template context (pyenum, JSON model)": [
        (codetables.pyenum, "enums"),
        (codetables.pyenum, "public_names"),
        (codetables.pyenum, "lookups"),
        (codetables.pyenum, "summary"),
        (codetables.pyenum, "about"),
        (codetables.pyenum, "carries"),
        (codetables.render, "payload"),
    ],
    "rendering by template (Jinja)": [
        (codetables.render, "_render"),
    ],
    "JSON encoding": [
        (codetables.escape, "json_value"),
    ],
    "escaping": [
        (codetables.escape, name)
        for name, value in vars(codetables.escape).items()
        if inspect.isfunction(value)
        and value.__module__ == codetables.escape.__name__
        and not name.startswith("_")
        and name != "json_value"
    ],
    "stamp (checksum header)": [
        (codetables.stamp, "stamp"),
    ],
}
OTHER = "other (parse and render themselves)"


class Stages:
    """A stack of stages: the time between two changes goes to the stage on top. With
    `profile`, one cProfile profiler per stage, the top one enabled."""

    def __init__(self) -> None:
        self.stack = [OTHER]
        self.seconds: Counter[str] = Counter()
        self.entries: Counter[str] = Counter()
        self.profilers: dict[str, Any] = {}
        self.mark = STAGE_CLOCK()
        self.missing: list[str] = []
        self.originals: list[tuple[object, str, Any]] = []

    def start(self, profile: bool) -> None:
        self.seconds.clear()
        self.entries.clear()
        self.profilers = {name: cProfile.Profile() for name in [*STAGES, OTHER]} if profile else {}
        self.mark = STAGE_CLOCK()
        if self.profilers:
            self.profilers[OTHER].enable()

    def stop(self) -> None:
        self._switch()

    def _switch(self) -> None:
        """Close the running interval: its time goes to the stage on top."""
        now = STAGE_CLOCK()
        self.seconds[self.stack[-1]] += now - self.mark
        self.mark = now
        if self.profilers:
            self.profilers[self.stack[-1]].disable()

    def enter(self, stage: str) -> None:
        self._switch()
        self.entries[stage] += 1
        self.stack.append(stage)
        if self.profilers:
            self.profilers[stage].enable()

    def leave(self) -> None:
        self._switch()
        self.stack.pop()
        if self.profilers:
            self.profilers[self.stack[-1]].enable()
        self.mark = STAGE_CLOCK()

    def install(self) -> None:
        """Wrap every entry function in place (module globals and class attributes, so the
        package's own calls go through the wrappers)."""
        for stage, entries in STAGES.items():
            for owner, name in entries:
                original = getattr(owner, name, None)
                if original is None:
                    self.missing.append(f"{getattr(owner, '__name__', owner)}.{name}")
                    continue
                self.originals.append((owner, name, original))
                setattr(owner, name, self._wrapped(original, stage))
        codetables.render.environment.cache_clear()  # filters are bound when it is made

    def cost_per_entry(self, calls: int = 200_000) -> float:
        """Seconds one wrapped call adds to an empty function (best of 3)."""

        def empty() -> None:
            return None

        wrapped = self._wrapped(empty, OTHER)
        best = float("inf")
        for _ in range(3):
            start = STAGE_CLOCK()
            for _ in range(calls):
                empty()
            middle = STAGE_CLOCK()
            for _ in range(calls):
                wrapped()
            best = min(best, (STAGE_CLOCK() - middle) - (middle - start))
        self.seconds.clear()
        self.entries.clear()
        return max(0.0, best / calls)

    def uninstall(self) -> None:
        for owner, name, original in reversed(self.originals):
            setattr(owner, name, original)
        self.originals.clear()
        codetables.render.environment.cache_clear()

    def _wrapped(self, original: Callable[..., Any], stage: str) -> Callable[..., Any]:
        if inspect.isgeneratorfunction(original):

            @functools.wraps(original)
            def generator(*args: Any, **kwargs: Any) -> Iterator[Any]:
                iterator = original(*args, **kwargs)
                while True:
                    self.enter(stage)
                    try:
                        item = next(iterator)
                    except StopIteration:
                        return
                    finally:
                        self.leave()
                    yield item

            return generator

        @functools.wraps(original)
        def function(*args: Any, **kwargs: Any) -> Any:
            self.enter(stage)
            try:
                return original(*args, **kwargs)
            finally:
                self.leave()

        return function


# --- options --------------------------------------------------------------------------------


def builder_inputs(pages: Sequence[Page]) -> list[str]:
    """The HTML each page hands to BeautifulSoup, as `parse` makes it."""
    anchor = getattr(codetables.parse, "_EMPTY_ANCHOR", None)
    found = []
    for page in pages:
        text = page.text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        is_html = codetables.parse.is_html_page(page.name, text)
        read = (codetables.markdown.read_html if is_html else codetables.markdown.read)(
            text, source=page.name
        )
        found.append(anchor.sub("", read.html) if anchor is not None else read.html)
    return found


TREES: dict[str, Callable[[str], object]] = {
    "BeautifulSoup, html.parser (as now)": lambda text: BeautifulSoup(text, "html.parser"),
    "BeautifulSoup, html.parser, class not split": lambda text: BeautifulSoup(
        text, "html.parser", multi_valued_attributes=None
    ),
    "BeautifulSoup, lxml builder (no source lines)": lambda text: BeautifulSoup(text, "lxml"),
    "lxml.html alone (has sourceline)": lambda text: lxml_html().document_fromstring(text),
}


def lxml_html() -> ModuleType:
    import lxml.html

    return lxml.html


def trees(texts: Sequence[str], build: Callable[[str], object]) -> None:
    for text in texts:
        if text.strip():
            build(text)


def payloads(pages: Sequence[Page]) -> list[dict[str, Any]]:
    found = []
    for page in pages:
        document = parse(page.text, source=page.name)
        if document.tables:
            found.append(codetables.render.payload(document, lines=False))
    return found


def compile_templates() -> None:
    """A fresh environment compiling every template: what each new process pays once."""
    codetables.render.environment.cache_clear()
    environment = codetables.render.environment()
    for name in environment.list_templates():
        environment.get_template(name)


def _worker_start() -> None:
    parse_render([Page("warm.md", "| 状态码 | 说明 |\n| --- | --- |\n| 200 | OK |\n", "")])


def _worker(page: Page) -> dict[str, str]:
    document = parse(page.text, source=page.name)
    return render(document, artifact_name(page)) if document.tables else {}


def two_processes(pages: Sequence[Page]) -> None:
    """Parse + render in a pool of two worker processes that send the artifacts back."""
    with concurrent.futures.ProcessPoolExecutor(2, initializer=_worker_start) as pool:
        list(pool.map(_worker, pages, chunksize=4))


def without_gc(pages: Sequence[Page]) -> None:
    """Parse + render with the cyclic collector off (the trees hold reference cycles: their
    memory comes back only at the next collection)."""
    gc.disable()
    try:
        parse_render(pages)
    finally:
        gc.enable()


def with_threshold(pages: Sequence[Page], first: int) -> None:
    """Parse + render with the collector's first threshold raised: fewer young collections,
    each of which walks the objects allocated since the last."""
    saved = gc.get_threshold()
    gc.set_threshold(first, *saved[1:])
    try:
        parse_render(pages)
    finally:
        gc.set_threshold(*saved)


def interleaved(
    variants: dict[str, Callable[[], object]], repeat: int, clock: Callable[[], float] = CLOCK
) -> dict[str, float]:
    """Best seconds of each variant, all run in turn (the order rotating) `repeat` times, so
    a change in the machine's load hits them alike."""
    best = dict.fromkeys(variants, float("inf"))
    names = list(variants)
    for repetition in range(repeat):
        shift = repetition % len(names)
        for name in names[shift:] + names[:shift]:
            best[name] = min(best[name], timed(variants[name], clock=clock))
    return best


def corrected_share(corrected: dict[str, float], stage: str) -> float:
    return corrected.get(stage, 0.0) / sum(corrected.values())


# --- main -----------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=25, help="functions listed per table (25)")
    parser.add_argument("--pages", type=int, default=0, help="only the first N pages")
    args = parser.parse_args(argv)
    loaded = load_pages()
    pages = loaded.pages[: args.pages] if args.pages else loaded.pages
    megabytes = sum(page.size for page in pages) / 1e6
    print(f"# Profile of codetables parse + render\n\n{loaded.origin}")
    print(
        f"{len(pages)} pages, {megabytes:.1f} MB; Python {sys.version.split()[0]}; "
        f"{os.cpu_count()} CPUs; load average {load_average()}"
    )
    parse_render(pages[:1])  # templates compiled, regexes built

    heading("1. Plain timing (no profiler)")
    print("Times in this profile are CPU seconds of this process (`time.process_time`).\n")
    plain = timed(lambda: parse_render(pages), repeat=2)
    wall = timed(lambda: parse_render(pages), repeat=1, clock=time.perf_counter)
    print(
        f"parse + render: {plain:.2f} s CPU, best of 2 ({plain / len(pages) * 1000:.1f} ms/page); "
        f"{wall:.2f} s wall clock"
    )

    heading("2. cProfile, whole run")
    profiler = cProfile.Profile()
    gc.collect()
    profiler.enable()
    parse_render(pages)
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = stats.total_tt
    print(f"profiled total {total:.2f} s ({total / plain:.1f}x the plain run)\n")
    print(f"### top {args.top} by cumulative time\n")
    print("\n".join(top_functions(stats, 3, args.top, total)))
    print(f"\n### top {args.top} by own (total) time\n")
    print("\n".join(top_functions(stats, 2, args.top, total)))

    heading("3. Stages (each stage's own time, without the stages it calls)")
    stages = Stages()
    stages.install()
    if stages.missing:
        print(f"entry points not found (the package changed?): {', '.join(stages.missing)}\n")
    cost = stages.cost_per_entry()
    gc.collect()
    stages.start(profile=False)
    start = STAGE_CLOCK()
    parse_render(pages)
    wrapped = STAGE_CLOCK() - start
    stages.stop()
    plain_shares = dict(stages.seconds)
    gc.collect()
    stages.start(profile=True)
    parse_render(pages)
    stages.stop()
    stages.uninstall()
    stage_stats = {
        name: without_wrappers(pstats.Stats(p))
        for name, p in stages.profilers.items()
        if p.getstats()
    }
    own = {name: sum(row[2] for row in s.stats.values()) for name, s in stage_stats.items()}
    profiled_total = sum(own.values())
    # Each wrapped call costs a little (clock reads, the stack, a counter): measured on an
    # empty function, it is charged back per entry to the stage entered.
    calls = sum(stages.entries.values())
    corrected = {
        name: max(0.0, seconds - stages.entries[name] * cost)
        for name, seconds in plain_shares.items()
    }
    counted = sum(corrected.values())
    print(
        f"with the stage wrappers, no profiler: {wrapped:.2f} s against {wall:.2f} s plain "
        "(wall clock); "
        f"{calls:,} stage entries, {cost * 1e6:.1f} us each charged back\n"
    )
    print(
        f"{'stage':<42}{'entries':>10}{'seconds':>9}{'corrected':>10}{'share':>8}"
        f"{'profiled share':>16}"
    )
    order = sorted(corrected, key=lambda name: -corrected[name])
    for name in order:
        print(
            f"{name:<42}{stages.entries[name]:10,}{plain_shares[name]:9.2f}"
            f"{corrected[name]:10.2f}{corrected[name] / counted:8.1%}"
            f"{own.get(name, 0.0) / profiled_total:16.1%}"
        )
    for name in order:
        if name in stage_stats:
            print(f"\n### {name}: top functions by own time ({own[name]:.2f} s profiled)\n")
            print("\n".join(top_functions(stage_stats[name], 2, 8, profiled_total)))

    heading("4. Options, each measured beside the way it is done now")
    print(
        "Variants run in turn (order rotating), best of each; a saving is read against the "
        f"variant measured beside it, then scaled by its stage's share above. CPUs: "
        f"{os.cpu_count()}; load average {load_average()}.\n"
    )
    tree_share = corrected_share(corrected, "BeautifulSoup tree building")
    texts = builder_inputs(pages)
    built = interleaved(
        {name: functools.partial(trees, texts, build) for name, build in TREES.items()}, 3
    )
    now = next(iter(built.values()))
    print(f"The page's tree, from the HTML that `parse` hands over ({tree_share:.0%} of the work):")
    for name, seconds in built.items():
        saved = (now - seconds) / now
        print(f"  {name:<48}{seconds:7.2f} s  {saved:6.0%} of the tree = {saved * tree_share:4.0%}")

    data = payloads(pages)
    encoded = interleaved(
        {
            "indent=2, pure-Python encoder (as now)": lambda: [
                json.dumps(p, ensure_ascii=False, indent=2) for p in data
            ],
            "no indent, C encoder": lambda: [json.dumps(p, ensure_ascii=False) for p in data],
        },
        5,
    )
    json_share = corrected_share(corrected, "JSON encoding")
    indented, compact = encoded.values()
    saved = (indented - compact) / indented
    print(
        f"\nJSON ({json_share:.0%} of the work): indent=2 {indented:.2f} s, C encoder "
        f"{compact:.2f} s: {saved:.0%} of the encoding = {saved * json_share:.0%}"
    )

    compiled = interleaved({"compile": compile_templates}, 5)["compile"]
    print(
        f"\nTemplates compiled by a fresh environment: {compiled * 1000:.0f} ms, once per process"
    )

    collected = interleaved(
        {
            "GC as now": functools.partial(parse_render, pages),
            "GC off for the run": functools.partial(without_gc, pages),
            "GC on, first threshold 100,000 (not 700)": functools.partial(
                with_threshold, pages, 100_000
            ),
        },
        2,
    )
    now = collected["GC as now"]
    print("\nThe cyclic garbage collector, corpus pages:")
    for name, seconds in collected.items():
        print(f"  {name:<48}{seconds:7.2f} s  saves {(now - seconds) / now:4.0%}")
    print("The cyclic garbage collector, synthetic HTML pages (bench.py's shape):")
    for rows in (1_000, 10_000):
        page = [Page(f"synthetic-{rows}.md", synthetic_page("html", rows), "html-table")]
        found = interleaved(
            {
                "GC as now": functools.partial(parse_render, page),
                "GC off": functools.partial(without_gc, page),
            },
            3,
        )
        on, off = found.values()
        print(
            f"  {rows:>6,} rows: GC as now {on:6.2f} s, off {off:6.2f} s, "
            f"saves {(on - off) / on:4.0%}"
        )

    pooled = interleaved(
        {
            "one process (as now)": functools.partial(parse_render, pages),
            "two worker processes, with their start-up": functools.partial(two_processes, pages),
        },
        2,
        clock=time.perf_counter,
    )
    serial, pool = pooled.values()
    print(
        f"\nTwo worker processes (wall clock): {pool:.2f} s against {serial:.2f} s in one: "
        f"{serial / pool:.2f}x"
    )


if __name__ == "__main__":
    main()
