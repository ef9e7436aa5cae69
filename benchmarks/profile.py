"""Where parse + render spend their time and memory, by stage, and what is left to weigh.

    python benchmarks/profile.py [--top N] [--pages N] [--rows N]

1. Plain timing of parse + render over the pages (no profiler), the reference total, and
   which tree each page took (the fast tree, lxml; or the reference, BeautifulSoup).
2. cProfile over the same work: the top functions by cumulative and by own ("total") time.
3. Stages: thin wrappers around the functions that start each stage (the markdown-it text
   layer, the fast tree's scan, the lean HTML libxml2 builds from, lxml, the reference tree
   when a page takes it, grid placement, cell text, roles, the table's rows and checks, the
   template context, Jinja, escaping, JSON, the checksum stamp) keep a stack of stages, so
   each stage's time is its own, without the stages it calls. Timed once without a profiler
   (the shares to trust), then with one cProfile profiler per stage, switched as the stack
   changes, to list each stage's top functions. Then the same stages on synthetic pages of
   `--rows` / 100, / 10 and `--rows` rows (how each stage grows), and the memory a synthetic
   page holds after each step of parse + render (in a fresh process, its peak reset first).
4. What is left to weigh, each measured on the same pages beside the current way
   (interleaved): the fast tree against the reference tree (the gain achieved); the collector
   paused against running; the lean HTML lxml builds from against the HTML with its empty
   anchors dropped only, the way before (time, tree memory, the same Documents); the import
   of BeautifulSoup, which the fast path no longer uses; markdown-it's part, rule by rule; the
   hand-written JSON against `json.dumps`; template compilation per process; two worker
   processes.

Times are CPU seconds of this process (`time.process_time`), but for the stage timers (the
wall clock: cheaper to read), the worker pool and the imports (the wall clock of other
processes), and memory (resident set size, `/proc/self/status`; Linux only, else skipped).

Pages: as `bench.py` takes them (the corpus beside the clone, or `CODETABLES_CORPUS`; else the
seed page). Nothing in the package is changed: the wrappers live in this process only.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import ctypes
import functools
import gc
import inspect
import json
import os
import re
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

from bench import Page, artifact_name, load_average, load_pages, render, synthetic_page
from lxml import etree
from markdown_it.rules_core import StateCore

import codetables.collector
import codetables.escape
import codetables.fast
import codetables.grid
import codetables.markdown
import codetables.parse
import codetables.pipes
import codetables.pyenum
import codetables.render
import codetables.roles
import codetables.soup
import codetables.spool
import codetables.stamp
import codetables.text
from codetables.model import Document
from codetables.parse import parse

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


def parse_render(pages: Sequence[Page], *, fast_tree: bool = True) -> int:
    rows = 0
    for page in pages:
        document = parse(page.text, source=page.name, fast_tree=fast_tree)
        if document.tables:
            render(document, artifact_name(page))
        rows += sum(len(table.rows) for table in document.tables)
    return rows


def parse_only(pages: Sequence[Page], *, fast_tree: bool = True) -> None:
    for page in pages:
        parse(page.text, source=page.name, fast_tree=fast_tree)


CLOCK = time.process_time
"""CPU time of this process: other work on the machine disturbs it far less than the wall
clock, and everything timed here runs in this one process (but the pool and the imports,
timed by the wall clock)."""
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


@contextlib.contextmanager
def no_page_limit() -> Iterator[None]:
    """The page-size limit lifted, as `bench.py` does for its largest synthetic page: the
    profile measures how the work grows, not the guard."""
    saved = codetables.parse.MAX_CHARACTERS
    codetables.parse.MAX_CHARACTERS = 10**10
    try:
        yield
    finally:
        codetables.parse.MAX_CHARACTERS = saved


@contextlib.contextmanager
def replaced(owner: object, name: str, value: object) -> Iterator[None]:
    """`owner.name` is `value` for the block (the package's own calls go through it)."""
    saved = getattr(owner, name)
    setattr(owner, name, value)
    try:
        yield
    finally:
        setattr(owner, name, saved)


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


def top_functions(stats: Any, key: int, count: int, total: float) -> list[str]:
    """The `count` first functions by `key` (2: own time, 3: cumulative), as lines."""
    entries = sorted(stats.stats.items(), key=lambda item: -item[1][key])[:count]
    lines = [f"{'own s':>8} {'cum s':>8} {'share':>6} {'calls':>10}  function"]
    for function, (_, calls, own, cumulative, _) in entries:
        share = (own if key == 2 else cumulative) / total
        lines.append(f"{own:8.2f} {cumulative:8.2f} {share:6.1%} {calls:10,}  {where(function)}")
    return lines


_WRAPPER_FRAMES = frozenset({"_switch", "enter", "leave", "function", "generator", "sub"})


def without_wrappers(stats: Any) -> Any:
    """The stats less the stage wrappers' own frames (their cost is not the package's)."""
    for key in [key for key in stats.stats if key[0] == __file__ and key[2] in _WRAPPER_FRAMES]:
        del stats.stats[key]
    return stats


def heading(title: str) -> None:
    print(f"\n## {title}\n", flush=True)


def megabytes(count: float) -> str:
    return f"{count / 1e6:,.1f} MB"


# --- stages ---------------------------------------------------------------------------------

MARKDOWN = "markdown-it (text layer)"
SCAN = "fast tree: the scan (tags, spans, lines)"
LEAN = "lean HTML: anchors, unread attributes dropped"
LXML = "fast tree: lxml builds it"
REFERENCE = "reference tree (BeautifulSoup), when taken"
STAGES: dict[str, list[tuple[object, str]]] = {
    MARKDOWN: [
        (codetables.markdown, "read"),
        (codetables.markdown, "read_html"),
    ],
    "caption text (markdown-it inline, then a fragment tree)": [
        (codetables.markdown, "inline_text"),  # `**表 1** …` above a table: on either path
    ],
    SCAN: [
        (codetables.fast, "_scan_anchorless"),  # with `_nested`, `_plain_spans`; lean apart
    ],
    LEAN: [
        (codetables.fast, "anchorless"),  # two substitutions, in the scan: the empty
        (codetables.fast, "unread_dropped"),  # anchors, then the attributes never read
    ],
    LXML: [
        (codetables.fast, "tree"),  # less scan and lean HTML: libxml2, its error log, lines
    ],
    REFERENCE: [
        (codetables.soup, "read"),  # BeautifulSoup with html.parser
        (codetables.markdown, "refuse_unclosed_markup"),  # asked only on this path
    ],
    "grid placement (walk, spans)": [
        (codetables.grid, "tables"),
        (codetables.grid, "too_deep"),
        (codetables.grid, "read"),
    ],
    "cell text (paragraphs)": [
        (codetables.fast, "paragraphs"),
        (codetables.soup, "paragraphs"),
    ],
    "roles and values": [
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
    "Jinja (the templates' own code)": [
        (codetables.render, "_render"),
        (codetables.render, "_generated"),
    ],
    "escaping": [
        (codetables.escape, name)
        for name, value in vars(codetables.escape).items()
        if inspect.isfunction(value)
        and value.__module__ == codetables.escape.__name__
        and not name.startswith("_")
        and name not in ("json_value", "json_pieces", "json_write")
    ],
    "JSON (escape.json_value)": [
        (codetables.escape, "json_value"),
        (codetables.escape, "json_write"),  # the built-in JSON artifact's, without Jinja
    ],
    "stamp (checksum header, UTF-8)": [
        (codetables.stamp, "stamp"),
        (codetables.stamp, "headed"),
        (codetables.stamp.Stamper, "write"),
        (codetables.stamp.Stamper, "close"),
    ],
}
OTHER = "other (parse and render themselves)"


class _TimedPattern:
    """A compiled pattern whose `sub` goes through a stage wrapper (a pattern's methods
    cannot be replaced in place)."""

    def __init__(self, pattern: re.Pattern[str], sub: Callable[..., str]) -> None:
        self.pattern = pattern
        self.sub = sub

    def __getattr__(self, name: str) -> Any:
        return getattr(self.pattern, name)


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
                if isinstance(original, re.Pattern):
                    wrapper = _TimedPattern(original, self._wrapped(original.sub, stage))
                    setattr(owner, name, wrapper)
                else:
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

    def corrected(self, cost: float) -> dict[str, float]:
        """Each stage's seconds less the wrappers' cost, charged back per entry."""
        return {
            name: max(0.0, seconds - self.entries[name] * cost)
            for name, seconds in self.seconds.items()
        }

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


# --- memory ---------------------------------------------------------------------------------


def status(field: str) -> int | None:
    """A `/proc/self/status` size in bytes (`VmRSS`, `VmHWM`), or None off Linux."""
    try:
        with open("/proc/self/status", encoding="ascii") as found:
            for line in found:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def reset_peak() -> bool:
    """Set `VmHWM` back to the current size (Linux 4.0 on); whether it could."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as clear:
            clear.write("5")
    except OSError:
        return False
    return True


def trim() -> None:
    """Collect garbage and hand the C heap's free memory back to the system (glibc), so
    what is measured next grows the resident set rather than filling freed space."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).malloc_trim(0)


def forked(function: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """`function()` run in a forked child, its JSON result sent back: what it allocates
    (and its peak) is measured apart from this process's own heap, from the same start."""
    reading, writing = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(reading)
        try:
            result = function()
        except BaseException as error:  # reported to the parent
            result = {"error": f"{type(error).__name__}: {error}"}
        with os.fdopen(writing, "w", encoding="utf-8") as stream:
            json.dump(result, stream)
        os._exit(0)
    os.close(writing)
    with os.fdopen(reading, encoding="utf-8") as stream:
        data = stream.read()
    os.waitpid(pid, 0)
    found: dict[str, Any] = json.loads(data)
    return found


def memory_child(dialect: str, rows: int) -> None:
    """The fresh process of `in_fresh_process`: warmed up as `bench.py`'s scaling children
    are (a 10-row page parsed and rendered), then `memory_by_step`, printed as JSON."""
    parse_render([Page(f"warm-{dialect}.md", synthetic_page(dialect, 10), dialect)])
    page = synthetic_page(dialect, rows)
    found = memory_by_step(page, f"synthetic-{rows}.md")
    found["input"] = len(page.encode("utf-8"))
    print(json.dumps(found))


def in_fresh_process(dialect: str, rows: int) -> dict[str, Any]:
    """`memory_child` in a fresh interpreter: a heap that no earlier work has left holes in."""
    command = [sys.executable, __file__, "--memory-child", dialect, str(rows)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "?"}
    found: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def memory_by_step(page: str, name: str) -> dict[str, Any]:
    """In a fresh process: the resident set after each step of parse + render of one page, and the
    peak during it, over the size before the first (the page text already made); each step
    as `parse` does it, keeping what `parse` keeps alive until the Document is built."""
    gc.disable()  # as `parse` and `render` have it
    trim()
    reset_peak()
    base = status("VmRSS") or 0
    steps: dict[str, tuple[int, int]] = {}

    def note(step: str) -> None:
        steps[step] = ((status("VmRSS") or 0) - base, (status("VmHWM") or 0) - base)
        reset_peak()

    with no_page_limit():
        is_html = codetables.parse.is_html_page(name, page)
        read = (codetables.markdown.read_html if is_html else codetables.markdown.read)(
            page, source=name
        )
        note("markdown-it text layer (lines, HTML)")
        scanned = codetables.fast._scan(read.html)
        del scanned
        note("the fast scan (its lean HTML, then freed)")
        lean = codetables.fast.lean(read.html)
        note("the lean HTML (two substitutions)")
        del lean  # `fast.tree` makes its own, and lets it go once lxml has built the tree
        root = codetables.fast.tree(read.html, titled=bool(read.heading[0]))
        note("the tree (scan again, lean, lxml)" if root is not None else "the tree (declined)")
        if root is not None:
            document = codetables.parse._document(
                name, read, {}, root, codetables.fast.LxmlTree(), True, checked=True
            )
        else:
            document = parse(page, source=name)
        note("the Document (grid, cells, rows)")
        del root, read
        note("tree, HTML and lines let go")
        with codetables.spool.Folder() as folder:
            sizes = render(document, "profile", folder)
        note("the three artifacts written as generate writes them")
    return {"steps": steps, "base": base, "output": sum(sizes.values())}


# --- options --------------------------------------------------------------------------------


def tree_inputs(pages: Sequence[Page]) -> list[tuple[str, bool]]:
    """The HTML each page hands to the tree as written (`fast.tree`'s `written`), and whether
    the page has its title already (its `titled`)."""
    found = []
    for page in pages:
        text = page.text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        is_html = codetables.parse.is_html_page(page.name, text)
        read = (codetables.markdown.read_html if is_html else codetables.markdown.read)(
            text, source=page.name
        )
        found.append((read.html, bool(read.heading[0])))
    return found


def lean(written: str) -> str:
    """The HTML libxml2 builds the fast tree from, as `fast.tree` makes it."""
    return codetables.fast.lean(written)


def anchors_only_first(pages: Sequence[Page]) -> None:
    """Parse + render with libxml2 given the page less its empty anchors only (the way
    before the unread attributes were dropped too: `fast.unread_dropped` left out)."""
    with replaced(codetables.fast, "unread_dropped", _unchanged):
        parse_render(pages)


def _unchanged(html: str) -> str:
    return html


def documents(pages: Sequence[Page]) -> list[Document]:
    return [parse(page.text, source=page.name) for page in pages]


def build_trees(texts: Sequence[str]) -> list[Any]:
    return [etree.fromstring(text, etree.HTMLParser(huge_tree=True)) for text in texts]


def held_trees(texts: Sequence[str]) -> dict[str, Any]:
    """In a child: the resident set that every tree, built and held, adds."""
    trim()
    before = status("VmRSS") or 0
    held = build_trees(texts)
    grown = (status("VmRSS") or 0) - before
    return {"grown": grown, "trees": len(held)}


def import_times(statement: str, modules: Sequence[str], repeat: int) -> dict[str, float]:
    """Best cumulative import seconds of each of `modules` (and of the whole `statement`, by
    the wall clock) in fresh interpreters, by `python -X importtime`."""
    best: dict[str, float] = {}
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", statement],
            capture_output=True,
            text=True,
            check=True,
        )
        seconds = time.perf_counter() - start
        best["(the whole process)"] = min(best.get("(the whole process)", seconds), seconds)
        for line in done.stderr.splitlines():
            parts = line.removeprefix("import time:").split("|")
            if len(parts) != 3 or not parts[1].strip().isdigit():
                continue
            name = parts[2].strip()
            if name in modules:
                found = int(parts[1]) / 1e6
                best[name] = min(best.get(name, found), found)
    return best


def process_seconds(statement: str, repeat: int) -> float:
    """Best wall-clock seconds of `python -c statement`."""
    return min(
        timed(
            functools.partial(subprocess.run, [sys.executable, "-c", statement], check=True),
            clock=time.perf_counter,
        )
        for _ in range(repeat)
    )


def lap(seconds: Counter[str], part: str, mark: float) -> float:
    """The time since `mark` added to `part`; the new mark."""
    now = CLOCK()
    seconds[part] += now - mark
    return now


def markdown_parts(texts: Sequence[tuple[str, str]]) -> Counter[str]:
    """The Markdown pages' text layer as `markdown.read` does it, each part timed apart:
    markdown-it's core rules one by one (those before `inline`, as `markdown.read` runs
    them), and codetables' own passes over lines and tokens."""
    module = codetables.markdown
    md = module._MARKDOWN
    rules = codetables.pipes.core_rules(md)[0]
    seconds: Counter[str] = Counter()
    for name, text in texts:
        if codetables.parse.is_html_page(name, text):
            continue
        start = CLOCK()
        lines = text.split("\n")
        size, _ = module._front_matter(lines)
        lines[:size] = [""] * size
        joined = "\n".join(lines)
        mark = CLOCK()
        seconds["lines and front matter (codetables)"] += mark - start
        env: dict[str, object] = {}
        state = StateCore(joined, md, env)
        for rule in rules:
            rule(state)
            mark = lap(seconds, f"markdown-it core rule `{rule.__name__}`", mark)
        tokens = state.tokens
        module._refuse_conflict_markers(text, lines, tokens, name)
        mark = lap(seconds, "conflict markers (codetables)", mark)
        module._headings(tokens, env, True, "profile")
        mark = lap(seconds, "headings (codetables)", mark)
        module._as_html(lines, tokens, env, joined)
        mark = lap(seconds, "lines of HTML, pipe tables rendered (codetables)", mark)
        module._table_notes(lines, tokens)
        mark = lap(seconds, "notes on pipe tables (codetables)", mark)
    return seconds


@contextlib.contextmanager
def normalizing() -> Iterator[None]:
    """markdown-it's `normalize` core rule on, as it is in a stock instance: it turns
    `\r\n`, `\r` and NUL into `\n` and U+FFFD, which `parse` has done (line ends) or
    refused (NUL) before markdown-it sees the page, so codetables leaves it off. The rules
    `markdown.read` runs are taken once (`pipes.core_rules`): taken again either way."""
    md = codetables.markdown._MARKDOWN
    md.enable("normalize")
    codetables.pipes.core_rules.cache_clear()
    try:
        yield
    finally:
        md.disable("normalize")
        codetables.pipes.core_rules.cache_clear()


def with_normalize(pages: Sequence[Page]) -> None:
    """Parse + render with markdown-it's `normalize` core rule on (`normalizing`)."""
    with normalizing():
        parse_render(pages)


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


def collector_running(pages: Sequence[Page]) -> None:
    """Parse + render with the cyclic collector left running (at the default thresholds),
    as before `collector.paused`."""
    with replaced(codetables.collector, "paused", contextlib.nullcontext):
        parse_render(pages)


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


def share(corrected: dict[str, float], *stages: str) -> float:
    return sum(corrected.get(stage, 0.0) for stage in stages) / sum(corrected.values())


def print_stages(stages: Stages, corrected: dict[str, float], profiled: dict[str, float]) -> None:
    counted = sum(corrected.values())
    profiled_total = sum(profiled.values()) or 1.0
    print(
        f"{'stage':<46}{'entries':>10}{'seconds':>9}{'corrected':>10}{'share':>8}"
        f"{'profiled share':>16}"
    )
    for name in sorted([*STAGES, OTHER], key=lambda name: -corrected.get(name, 0.0)):
        print(
            f"{name:<46}{stages.entries[name]:10,}{stages.seconds.get(name, 0.0):9.2f}"
            f"{corrected.get(name, 0.0):10.2f}{corrected.get(name, 0.0) / counted:8.1%}"
            f"{profiled.get(name, 0.0) / profiled_total:16.1%}"
        )


# --- main -----------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=25, help="functions listed per table (25)")
    parser.add_argument("--pages", type=int, default=0, help="only the first N pages")
    parser.add_argument(
        "--rows", type=int, default=100_000, help="largest synthetic page, in rows (100,000)"
    )
    parser.add_argument("--memory-child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.memory_child:
        dialect, rows = args.memory_child
        memory_child(dialect, int(rows))
        return
    loaded = load_pages()
    pages = loaded.pages[: args.pages] if args.pages else loaded.pages
    size = sum(page.size for page in pages)
    print(f"# Profile of codetables parse + render\n\n{loaded.origin}")
    print(
        f"{len(pages)} pages, {megabytes(size)}; Python {sys.version.split()[0]}; "
        f"{os.cpu_count()} CPUs; load average {load_average()}"
    )
    parse_render(pages[:1])  # templates compiled, regexes built

    heading("1. Plain timing (no profiler)")
    print("Times in this profile are CPU seconds of this process (`time.process_time`).\n")
    inputs = tree_inputs(pages)
    fast_pages = [
        i
        for i, (written, titled) in enumerate(inputs)
        if codetables.fast.tree(written, titled=titled) is not None
    ]
    print(
        f"{len(fast_pages)} of {len(pages)} pages take the fast tree (lxml); "
        f"{len(pages) - len(fast_pages)} the reference tree (BeautifulSoup)."
    )
    plain = timed(lambda: parse_render(pages), repeat=2)
    wall = timed(lambda: parse_render(pages), repeat=1, clock=time.perf_counter)
    parsed = timed(lambda: parse_only(pages), repeat=2)
    print(
        f"parse + render: {plain:.2f} s CPU, best of 2 ({plain / len(pages) * 1000:.1f} ms/page, "
        f"{size / plain / 1e6:.1f} MB/s); {wall:.2f} s wall clock; parse alone {parsed:.2f} s "
        f"({parsed / plain:.0%})"
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
    corrected = stages.corrected(cost)
    entries, seconds = Counter(stages.entries), Counter(stages.seconds)
    gc.collect()
    stages.start(profile=True)
    parse_render(pages)
    stages.stop()
    stage_stats = {
        name: without_wrappers(pstats.Stats(p))
        for name, p in stages.profilers.items()
        if p.getstats()
    }
    own = {name: sum(row[2] for row in s.stats.values()) for name, s in stage_stats.items()}
    profiled_total = sum(own.values())
    stages.entries, stages.seconds = entries, seconds
    print(
        f"with the stage wrappers, no profiler: {wrapped:.2f} s against {wall:.2f} s plain "
        f"(wall clock); {sum(entries.values()):,} stage entries, {cost * 1e6:.1f} us each "
        "charged back\n"
    )
    print_stages(stages, corrected, own)
    for name in sorted(own, key=lambda name: -own[name]):
        print(f"\n### {name}: top functions by own time ({own[name]:.2f} s profiled)\n")
        print("\n".join(top_functions(stage_stats[name], 2, 8, profiled_total)))

    sizes = [args.rows // 100, args.rows // 10, args.rows]
    print(
        f"\n### Stages on synthetic pages ({', '.join(f'{n:,}' for n in sizes)} rows; "
        "`bench.py`'s shape; the page-size limit lifted)\n"
    )
    print("Each stage's corrected seconds, and how many times it grows per 10 times rows.\n")
    grown: dict[str, dict[int, dict[str, float]]] = {}
    with no_page_limit():
        for dialect in ("html", "pipe"):
            grown[dialect] = {}
            for rows in sizes:
                page = [Page(f"synthetic-{rows}.md", synthetic_page(dialect, rows), dialect)]
                gc.collect()
                stages.start(profile=False)
                parse_render(page)
                stages.stop()
                grown[dialect][rows] = stages.corrected(cost)
    stages.uninstall()
    for dialect, found in grown.items():
        print(f"{dialect}:")
        header = "".join(f"{f'{n:,} rows':>12}" for n in sizes)
        ratios = "".join(f"{f'x{sizes[i + 1] // sizes[i]}':>8}" for i in range(len(sizes) - 1))
        print(f"  {'stage':<46}{header}{ratios}")
        names = sorted(
            {name for seconds in found.values() for name in seconds},
            key=lambda name: -found[sizes[-1]].get(name, 0.0),
        )
        for name in [*names, "total"]:
            row = [
                sum(found[n].values()) if name == "total" else found[n].get(name, 0.0)
                for n in sizes
            ]
            if max(row) < 0.0005:
                continue
            line = "".join(f"{seconds:12.3f}" for seconds in row)
            line += "".join(
                f"{row[i + 1] / row[i]:8.1f}" if row[i] > 0.0005 else f"{'':>8}"
                for i in range(len(row) - 1)
            )
            print(f"  {name:<46}{line}")

    rows = args.rows
    print(f"\n### Memory of one synthetic page of {rows:,} rows, step by step\n")
    if status("VmRSS") is None or not hasattr(os, "fork") or not reset_peak():
        print("not measured: needs Linux (`/proc/self/status`, `clear_refs`) and fork")
    else:
        print(
            "In a fresh process (warmed up on a 10-row page, the C heap trimmed, the peak "
            "reset): the resident set after each step and the peak during it, over the size "
            "before the first (the page text made already), per input byte.\n"
        )
        for dialect in ("html", "pipe"):
            found = in_fresh_process(dialect, rows)
            if "error" in found:
                print(f"{dialect}: failed: {found['error']}")
                continue
            size = found["input"]
            print(f"{dialect} ({megabytes(size)} in; the start {megabytes(found['base'])}):")
            print(
                f"  {'step':<46}{'held after':>12}{'x input':>8}{'peak during':>13}{'x input':>8}"
            )
            highest = 0
            for step, (held, peak) in found["steps"].items():
                highest = max(highest, peak)
                print(
                    f"  {step:<46}{megabytes(held):>12}{held / size:8.1f}"
                    f"{megabytes(peak):>13}{peak / size:8.1f}"
                )
            print(
                f"  {'highest peak over the start':<46}{'':>20}{megabytes(highest):>13}"
                f"{highest / size:8.1f}\n"
                f"  the artifacts: {megabytes(found['output'])}\n"
            )

    heading("4. What is left to weigh, each measured beside the way it is done now")
    print(
        "Variants run in turn (order rotating), best of each; a saving is read against the "
        f"variant measured beside it, then scaled by its stage's share above. CPUs: "
        f"{os.cpu_count()}; load average {load_average()}.\n"
    )
    tree_share = share(corrected, SCAN, LEAN, LXML)
    print("### The fast tree against the reference tree (the gain achieved)\n")
    compared = interleaved(
        {
            "parse, fast tree (as now)": functools.partial(parse_only, pages),
            "parse, reference tree only": functools.partial(parse_only, pages, fast_tree=False),
            "parse + render, fast tree (as now)": functools.partial(parse_render, pages),
            "parse + render, reference tree only": functools.partial(
                parse_render, pages, fast_tree=False
            ),
        },
        2,
    )
    for name, seconds in compared.items():
        print(f"  {name:<48}{seconds:7.2f} s")
    fast_parse, reference_parse, fast_all, reference_all = compared.values()
    print(
        f"  the fast tree: parse {reference_parse / fast_parse:.2f}x faster, parse + render "
        f"{reference_all / fast_all:.2f}x; the fast tree (scan, lean HTML, lxml) is now "
        f"{tree_share:.0%} of the work"
    )
    fast_written = [inputs[i][0] for i in fast_pages]
    fast_lean = [lean(written) for written in fast_written]
    if fast_written:
        parts = interleaved(
            {
                "scan": lambda: [codetables.fast._scan(html) for html in fast_written],
                "lean HTML": lambda: [lean(html) for html in fast_written],
                "lxml alone (etree.fromstring)": functools.partial(build_trees, fast_lean),
            },
            3,
        )
        scanned, leaned, built = parts.values()
        print(
            f"  on the {len(fast_written)} fast pages: the scan {scanned:.2f} s, the lean HTML "
            f"{leaned:.2f} s, lxml alone {built:.2f} s: the scan is "
            f"{scanned / (scanned + leaned + built):.0%} of the fast tree"
        )

    print("\n### The cyclic garbage collector: paused during parse and render, or running\n")
    collected = interleaved(
        {
            "paused (as now)": functools.partial(parse_render, pages),
            "running (default thresholds)": functools.partial(collector_running, pages),
        },
        2,
    )
    paused, running = collected.values()
    print(
        f"  corpus pages: paused {paused:.2f} s, running {running:.2f} s: pausing saves "
        f"{(running - paused) / running:.0%}"
    )
    with no_page_limit():
        for dialect in ("html", "pipe"):
            found_by_rows = {}
            for rows in sizes[:2]:
                page = [Page(f"synthetic-{rows}.md", synthetic_page(dialect, rows), dialect)]
                found_by_rows[rows] = interleaved(
                    {
                        "paused": functools.partial(parse_render, page),
                        "running": functools.partial(collector_running, page),
                    },
                    3,
                )
            small, large = found_by_rows.values()
            print(
                f"  {dialect} {sizes[0]:,} -> {sizes[1]:,} rows: paused {small['paused']:.2f} -> "
                f"{large['paused']:.2f} s ({large['paused'] / small['paused']:.1f}x), running "
                f"{small['running']:.2f} -> {large['running']:.2f} s "
                f"({large['running'] / small['running']:.1f}x); at {sizes[1]:,} rows pausing "
                f"saves {(large['running'] - large['paused']) / large['running']:.0%}"
            )

    print("\n### The lean HTML for lxml, against the empty anchors dropped only (the way before)\n")
    print(
        "libxml2 builds the fast tree from the page less its empty anchors and every attribute "
        "but colspan and rowspan (`fast.lean`: a substitution and a split, no Python call per "
        "tag); before, from the page less its empty anchors only (`fast.anchorless`).\n"
    )
    if fast_written:
        anchorless = [codetables.fast.anchorless(html) for html in fast_written]
        written_size, before, after = (
            sum(map(len, texts)) for texts in (fast_written, anchorless, fast_lean)
        )
        print(
            f"  on the {len(fast_written)} fast pages: {written_size:,} characters as written, "
            f"{before:,} less the empty anchors, {after:,} lean ({1 - after / before:.0%} less)"
        )
        costs = interleaved(
            {
                "the lean substitution (as now)": lambda: [lean(html) for html in fast_written],
                "the empty-anchor substitution (before)": lambda: [
                    codetables.fast.anchorless(html) for html in fast_written
                ],
                "lxml on the lean HTML (as now)": functools.partial(build_trees, fast_lean),
                "lxml on the empty anchors dropped (before)": functools.partial(
                    build_trees, anchorless
                ),
            },
            3,
        )
        for name, seconds in costs.items():
            print(f"  {name:<48}{seconds:7.2f} s")
        leaned, stripped, built_lean, built_before = costs.values()
        now, then = leaned + built_lean, stripped + built_before
        print(
            f"  substitution + lxml: {now:.2f} s as now, {then:.2f} s before "
            f"({now - then:+.2f} s as now)"
        )
        if status("VmRSS") is not None and hasattr(os, "fork"):
            held_lean = forked(functools.partial(held_trees, fast_lean))
            held_before = forked(functools.partial(held_trees, anchorless))
            if "error" not in held_lean and "error" not in held_before:
                print(
                    f"  every tree held at once: {megabytes(held_lean['grown'])} lean, "
                    f"{megabytes(held_before['grown'])} before "
                    f"({1 - held_lean['grown'] / max(held_before['grown'], 1):.0%} less; "
                    f"input {megabytes(sum(page.size for page in pages))})"
                )
        del anchorless
    whole = interleaved(
        {
            "parse + render (as now)": functools.partial(parse_render, pages),
            "parse + render, empty anchors dropped only": functools.partial(
                anchors_only_first, pages
            ),
        },
        2,
    )
    as_now, before_time = whole.values()
    print(
        f"  parse + render: {as_now:.2f} s as now, {before_time:.2f} s before "
        f"({(as_now - before_time) / before_time:+.1%} as now)"
    )
    with replaced(codetables.fast, "unread_dropped", _unchanged):
        old_documents = documents(pages)
    same = sum(a == b for a, b in zip(documents(pages), old_documents, strict=True))
    print(f"  the same Document on {same} of {len(pages)} pages")
    del old_documents

    print("\n### BeautifulSoup, imported only for the reference tree\n")
    modules = ["bs4", "soupsieve", "lxml.etree", "markdown_it", "jinja2", "codetables.parse"]
    imported = import_times("import codetables.parse, codetables.render", modules, 5)
    loaded_soupsieve = subprocess.run(
        [sys.executable, "-c", "import codetables.parse, sys; print('soupsieve' in sys.modules)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    print(
        "Cumulative import times, best of 5 fresh interpreters (`-X importtime`; "
        "`import codetables.parse, codetables.render`):"
    )
    for name in [*modules, "(the whole process)"]:
        if name in imported:
            print(f"  {name:<30}{imported[name] * 1000:7.1f} ms")
    print(f"  soupsieve imported with codetables.parse: {loaded_soupsieve}")
    bare = process_seconds("pass", 10)
    with_bs4 = process_seconds("import bs4", 10)
    print(
        f"  `python -c pass` {bare * 1000:.0f} ms, `python -c 'import bs4'` "
        f"{with_bs4 * 1000:.0f} ms (best of 10, wall clock): {(with_bs4 - bare) * 1000:.0f} ms "
        "a process pays for BeautifulSoup only when a page or fragment takes the reference"
    )

    print("\n### markdown-it's part, and what in it\n")
    texts = [(page.name, page.text) for page in pages]
    markdown_share = share(corrected, MARKDOWN)
    best_parts: Counter[str] = Counter()
    for repetition in range(2):
        gc.collect()
        found_parts = markdown_parts(texts)
        best_parts = (
            found_parts
            if repetition == 0
            else Counter({k: min(v, found_parts[k]) for k, v in best_parts.items()})
        )
    markdown_total = sum(best_parts.values())
    html_pages = sum(codetables.parse.is_html_page(name, text) for name, text in texts)
    print(
        f"markdown-it is {markdown_share:.0%} of the work ({len(texts) - html_pages} Markdown "
        f"pages; {html_pages} rendered HTML pages skip it). `markdown.read`'s parts, best of 2:"
    )
    for name, seconds in best_parts.most_common():
        print(f"  {name:<48}{seconds:7.2f} s {seconds / markdown_total:6.0%}")

    normalized = interleaved(
        {
            "parse + render (as now: markdown-it's `normalize` off)": functools.partial(
                parse_render, pages
            ),
            "parse + render, `normalize` on": functools.partial(with_normalize, pages),
        },
        2,
    )
    as_now, normalizing_too = normalized.values()
    with normalizing():
        normalized_documents = documents(pages)
    same = sum(a == b for a, b in zip(documents(pages), normalized_documents, strict=True))
    print(
        f"  `normalize` off (as now): {as_now:.2f} s, on: {normalizing_too:.2f} s: "
        f"{(normalizing_too - as_now) / normalizing_too:+.1%} saved; the same Document on "
        f"{same} of {len(pages)} pages"
    )

    print("\n### JSON: written by hand (as now) against `json.dumps(indent=2)`\n")
    data = payloads(pages)
    encoded = interleaved(
        {
            "escape.json_value (as now)": lambda: [codetables.escape.json_value(p) for p in data],
            "json.dumps, indent=2 (pure-Python encoder)": lambda: [
                json.dumps(p, ensure_ascii=False, indent=2) for p in data
            ],
            "json.dumps, no indent (C encoder, a floor)": lambda: [
                json.dumps(p, ensure_ascii=False) for p in data
            ],
        },
        5,
    )
    for name, seconds in encoded.items():
        print(f"  {name:<48}{seconds:7.2f} s")

    compiled = interleaved({"compile": compile_templates}, 5)["compile"]
    print(
        f"\nTemplates compiled by a fresh environment: {compiled * 1000:.0f} ms, once per process"
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
