"""`make bench`: codetables beside its peers on the same pages, in one run.

Sections, each written to `benchmarks/results.md`:

- in-process contenders over the corpus pages that hold tables: codetables parse only (and
  with every page read by the reference tree, BeautifulSoup, as before the fast tree),
  codetables parse + render, `pandas.read_html` (lxml flavour) and the lxml floor (parse the
  page with `lxml.html` and pull the text of every cell);
- the command line on the same pages: `codetables generate` into a temporary project, then a
  no-op `codetables check` on it;
- start-up: `python -c pass`, `codetables --version`, and a no-op `codetables check` on the
  seed project and on the corpus project;
- scaling: synthetic pages of 1k, 10k and 100k rows in both dialects (an HTML table shaped
  like Huawei Cloud's, a GFM pipe table), parse + render in a fresh process each, with the
  peak resident set size; plotted to `benchmarks/scaling.png`.

Repetitions are interleaved: each one runs every contender once, in turn (the order rotates
from one repetition to the next), so a slow spell of the machine hits them all alike. Best
and median of the repetitions are reported.

Pages come from the corpus beside the clone (`../shared/corpus`) or from `CODETABLES_CORPUS`;
without it, the seed page stands in and the results say so.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import gc
import io
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from codetables import spool
from codetables.errors import SourceError
from codetables.model import Document
from codetables.parse import parse
from codetables.render import write

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SEED = ROOT / "seeds" / "cci-status-codes.md"
SIZES = (1_000, 10_000, 100_000)
QUICK_SIZES = (1_000, 10_000)
DIALECTS = ("html", "pipe")
STARTUP_FACTOR = 5
"""Start-up commands are short: each runs this many times per repetition ..."""
LONG = 1.0
"""... except one whose best time is over this many seconds: it runs once per repetition."""
LARGE = 10_000
"""A scaling point over this many rows runs at most `LARGE_RUNS` times (time budget)."""
LARGE_RUNS = 5
"""Runs of a large point, at most: as many as the others get with `--repeat 5`. Fewer runs
than the point ten times smaller bias the step's ratio upwards, the best of fewer runs
being slower on a machine whose speed moves: once against five made html's step 13.5 x,
three against five 11.5 x to 12.1 x in three runs of four (`benchmarks/README.md`)."""


# --- pages ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    """One page as every contender gets it: its name (relative to the corpus) and text."""

    name: str
    text: str
    dialect: str

    @property
    def size(self) -> int:
        return len(self.text.encode("utf-8"))


@dataclass
class Pages:
    """The pages of the run and what the results must say about where they came from."""

    pages: list[Page]
    origin: str
    notes: list[str] = field(default_factory=list)
    reference_rows: int | None = None

    @property
    def megabytes(self) -> float:
        return sum(page.size for page in self.pages) / 1e6


def corpus_dir() -> Path:
    """The corpus beside the clone, or where `CODETABLES_CORPUS` says (as the tests do)."""
    return Path(os.environ.get("CODETABLES_CORPUS", ROOT.parent / "shared" / "corpus"))


def load_pages() -> Pages:
    """The corpus pages whose reference extraction holds a table, less those codetables
    refuses outright (every contender gets the same pages); the seed page without a corpus."""
    corpus = corpus_dir()
    manifest = corpus / "manifest.tsv"
    if not manifest.is_file():
        seed = Page("seeds/" + SEED.name, SEED.read_text(encoding="utf-8-sig"), "html-table")
        return Pages(
            [seed],
            "the seed page only (`seeds/cci-status-codes.md`): no corpus was found "
            "(set `CODETABLES_CORPUS`)",
        )
    with manifest.open(encoding="utf-8", newline="") as stream:
        entries = list(csv.DictReader(stream, delimiter="\t"))
    chosen: list[Page] = []
    reference = 0
    without_tables = 0
    refused: list[str] = []
    for entry in entries:
        relative = Path(entry["file"])
        oracle = corpus / "oracle" / relative.relative_to("pages").with_suffix(".json")
        if oracle.is_file():
            tables = json.loads(oracle.read_text(encoding="utf-8"))
        else:  # no reference extraction: trust the manifest's count
            tables = [{"rows": [[]] * int(entry["n_rows_total"] or 0)}] * int(entry["n_tables"])
        if not tables:
            without_tables += 1
            continue
        text = (corpus / relative).read_text(encoding="utf-8-sig")
        try:
            parse(text, source=entry["file"])
        except SourceError as error:
            refused.append(f"`{relative.name}` ({error.args[0] if error.args else error})")
            continue
        chosen.append(Page(entry["file"], text, entry["format"]))
        reference += sum(len(table["rows"]) for table in tables)
    notes = [f"{without_tables} page(s) of the manifest have no table and are left out."]
    if refused:
        notes.append(
            f"{len(refused)} page(s) with tables are left out for every contender because "
            f"codetables refuses them (and `generate` would stop on them): {'; '.join(refused)}."
        )
    return Pages(
        chosen,
        f"{len(chosen)} pages of the Huawei Cloud corpus (`../shared/corpus`, or "
        "`CODETABLES_CORPUS`) whose reference extraction holds at least one table",
        notes,
        reference,
    )


# --- in-process contenders ------------------------------------------------------------------


@dataclass
class Outcome:
    """What one pass of a contender over the pages found."""

    rows: int = 0
    no_table: int = 0
    failed: Counter[str] = field(default_factory=Counter)


def artifact_name(page: Page) -> str:
    return re.sub(r"\W", "_", Path(page.name).stem)


def codetables_parse(pages: Sequence[Page]) -> Outcome:
    outcome = Outcome()
    for page in pages:
        document = parse(page.text, source=page.name)
        outcome.rows += sum(len(table.rows) for table in document.tables)
    return outcome


def codetables_parse_reference(pages: Sequence[Page]) -> Outcome:
    """Every page read by the reference tree (BeautifulSoup), as before the fast tree."""
    outcome = Outcome()
    for page in pages:
        document = parse(page.text, source=page.name, fast_tree=False)
        outcome.rows += sum(len(table.rows) for table in document.tables)
    return outcome


def render(document: Document, name: str, folder: spool.Folder | None = None) -> dict[str, int]:
    """The page's artifacts made as `codetables generate` makes them (`render.write` into
    `spool.Writer`: in memory, or in `folder` past `spool.SPOOL_BYTES`); their sizes."""
    writer = spool.Writer(folder)
    write(document, name, writer)
    return {file: text.size for file, text in writer.texts.items()}


def codetables_parse_render(pages: Sequence[Page]) -> Outcome:
    outcome = Outcome()
    for page in pages:
        document = parse(page.text, source=page.name)
        if document.tables:
            render(document, artifact_name(page))
        outcome.rows += sum(len(table.rows) for table in document.tables)
    return outcome


def pandas_read_html(pages: Sequence[Page]) -> Outcome:
    import pandas  # only the parent process needs pandas

    outcome = Outcome()
    for page in pages:
        try:
            frames = pandas.read_html(io.StringIO(page.text), flavor="lxml")
        except ValueError:  # "No tables found": pipe tables are not HTML
            outcome.no_table += 1
            continue
        except Exception as error:  # any other refusal is counted, never fatal
            outcome.failed[type(error).__name__] += 1
            continue
        outcome.rows += sum(len(frame) for frame in frames)
    return outcome


def lxml_floor(pages: Sequence[Page]) -> Outcome:
    import lxml.html

    outcome = Outcome()
    for page in pages:
        try:
            tree = lxml.html.fromstring(page.text)
        except Exception as error:
            outcome.failed[type(error).__name__] += 1
            continue
        tables = 0
        for table in tree.iter("table"):
            tables += 1
            for row in table.iter("tr"):
                _cells = [cell.text_content() for cell in row if cell.tag in ("td", "th")]
                outcome.rows += 1
        outcome.no_table += tables == 0
    return outcome


PANDAS = "pandas.read_html (lxml flavour)"
IN_PROCESS: dict[str, Callable[[Sequence[Page]], Outcome]] = {
    "codetables parse": codetables_parse,
    "codetables parse, reference tree only": codetables_parse_reference,
    "codetables parse + render": codetables_parse_render,
    PANDAS: pandas_read_html,
    "lxml floor (lxml.html + cell texts)": lxml_floor,
}


# --- subprocesses ---------------------------------------------------------------------------


def codetables_command() -> list[str]:
    """The `codetables` script beside this interpreter, else `python -m codetables`."""
    script = Path(sys.executable).with_name("codetables")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "codetables"]


@dataclass
class Run:
    seconds: float
    cpu: float
    code: int
    output: str


def children_cpu() -> float:
    """User + system seconds of every child process waited for so far (they add up)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(command: Sequence[str], cwd: Path) -> Run:
    """Wall-clock and CPU seconds of one command (with any processes it starts itself)."""
    cpu = children_cpu()
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    return Run(seconds, children_cpu() - cpu, done.returncode, done.stdout + done.stderr)


def summary_line(output: str) -> str:
    """The one-line summary that `generate` and `check` end with."""
    lines = [line for line in output.splitlines() if " sources, " in line or "source, " in line]
    return lines[-1].strip() if lines else "(no summary line)"


def warnings_in(output: str) -> int:
    return sum(line.startswith("warning:") for line in output.splitlines())


def make_project(where: Path, pages: Pages) -> Path:
    """A temporary project holding copies of the pages under `pages/` and a configuration
    that names them; its artifacts go to `output/` inside it."""
    project = where / "corpus-project"
    for page in pages.pages:
        target = project / page.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.text, encoding="utf-8")
    sources = sorted({str(Path(page.name).parent / "*.md") for page in pages.pages})
    (project / "pyproject.toml").write_text(
        "[tool.codetables]\n"
        f"sources = {json.dumps(sources, ensure_ascii=False)}\n"
        'output = "output"\n',
        encoding="utf-8",
    )
    return project


def make_seed_project(where: Path) -> Path:
    """A copy of this repository's seeds with its `[tool.codetables]` settings, generated
    once so that `check` has nothing to do."""
    project = where / "seed-project"
    shutil.copytree(ROOT / "seeds", project / "seeds")
    (project / "pyproject.toml").write_text(
        '[tool.codetables]\nsources = ["seeds/*.md"]\noutput = "output"\n', encoding="utf-8"
    )
    done = run([*codetables_command(), "generate", "-q"], project)
    if done.code != 0:
        raise SystemExit(f"codetables generate failed on the seed project:\n{done.output}")
    return project


# --- scaling (the child runs one synthetic page) --------------------------------------------

_STATUSES = (400, 401, 403, 404, 409, 429, 500, 503)
_STOP = "\u3002"  # the ideographic full stop that ends Chinese sentences


def synthetic_rows(rows: int) -> Iterator[tuple[str, str, str, str, str]]:
    """Code, message, status and a two-paragraph description per row, all distinct."""
    for i in range(1, rows + 1):
        yield (
            f"BENCH.{i:06d}",
            f"Request {i} was refused",
            str(_STATUSES[i % len(_STATUSES)]),
            f"第{i}行的请求被拒绝{_STOP}",
            f"请检查请求参数后重试{_STOP}",
        )


def synthetic_page(dialect: str, rows: int) -> str:
    """A page of one error-code table (错误码, 错误信息, HTTP状态码, 描述) of `rows` rows.

    `html`: the shape of Huawei Cloud's generated pages (class and valign attributes, every
    cell text in `<p>`, messages in `<span>`, two empty `<a name>` anchors before a code);
    `pipe`: the same cells as a GFM pipe table (the paragraphs of a description joined, as
    the HTML-to-Markdown conversion of those pages did).
    """
    headers = ("错误码", "错误信息", "HTTP状态码", "描述")
    if dialect == "pipe":
        lines = ["# 错误码", "", "| " + " | ".join(headers) + " |", "| --- | --- | --- | --- |"]
        lines.extend(
            f"| {code} | {message} | {status} | {first}{second} |"
            for code, message, status, first, second in synthetic_rows(rows)
        )
        return "\n".join(lines) + "\n"
    cell = '<td class="cellrowborder" valign="top">'
    head = "".join(f'<th class="cellrowborder" valign="top"><p>{h}</p></th>' for h in headers)
    lines = [
        '# 错误码<a name="bench_error_codes"></a>',
        "",
        '<a name="bench_table"></a>',
        f'<table><thead align="left"><tr>{head}</tr>',
        "</thead>",
        "<tbody>",
    ]
    for code, message, status, first, second in synthetic_rows(rows):
        anchor = f'<a name="c{code[6:]}"></a>'
        lines.append(
            f"<tr>{cell}<p>{anchor}{anchor}{code}</p></td>\n"
            f"{cell}<p><span>{message}</span></p></td>\n"
            f"{cell}<p>{status}</p></td>\n"
            f"{cell}<p>{first}</p><p>{second}</p></td>\n"
            "</tr>"
        )
    lines += ["</tbody>", "</table>", ""]
    return "\n".join(lines)


def max_rss_bytes() -> int:
    """This process's peak resident set size since it started.

    Linux: `VmHWM` of /proc/self/status. Not `getrusage`: on Linux its `ru_maxrss` carries the
    parent's peak into a child started by fork (or vfork) and exec, so a child of this large
    parent would report the parent's size. Elsewhere `getrusage` (macOS reports bytes).
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def child(dialect: str, rows: int) -> None:
    """Parse + render one synthetic page in this fresh process; print the numbers as JSON."""
    import codetables.parse as parse_module

    warm = synthetic_page(dialect, 10)  # first-call costs (templates, regexes) out of the way
    render(parse(warm, source=f"warm-{dialect}.md"), "warm")
    page = synthetic_page(dialect, rows)
    limit = getattr(parse_module, "MAX_CHARACTERS", None)
    lifted = limit is not None and len(page) > limit
    if lifted:
        parse_module.MAX_CHARACTERS = len(page)
    gc.collect()
    baseline = max_rss_bytes()
    start, cpu_start = time.perf_counter(), time.process_time()
    document = parse(page, source=f"bench-{dialect}.md")
    parsed, cpu_parsed = time.perf_counter(), time.process_time()
    with spool.Folder() as folder:
        sizes = render(document, "bench", folder)
    rendered, cpu_rendered = time.perf_counter(), time.process_time()
    print(
        json.dumps(
            {
                "rows": sum(len(table.rows) for table in document.tables),
                "characters": len(page),
                "bytes": len(page.encode("utf-8")),
                "parse": parsed - start,
                "render": rendered - parsed,
                "cpu": cpu_rendered - cpu_start,
                "cpu_parse": cpu_parsed - cpu_start,
                "output_bytes": sum(sizes.values()),
                "baseline_rss": baseline,
                "peak_rss": max_rss_bytes(),
                "lifted": lifted,
                "limit": limit,
            }
        )
    )


@dataclass
class Scaled:
    dialect: str
    rows: int
    runs: list[dict[str, float]] = field(default_factory=list)

    def best(self, key: str) -> float:
        return min(run[key] for run in self.runs)

    def median(self, key: str) -> float:
        return statistics.median(run[key] for run in self.runs)

    @property
    def totals(self) -> list[float]:
        return [run["parse"] + run["render"] for run in self.runs]


def paired(numerator: Sequence[float], denominator: Sequence[float]) -> list[float]:
    """Each repetition's ratio of two contenders' times, both lists in repetition order
    (a list cut short, as a large scaling point's is, pairs its first repetitions): two
    contenders timed in one repetition ran seconds apart, where the best of each may come
    from different minutes of a machine whose speed moves."""
    return [top / bottom for top, bottom in zip(numerator, denominator, strict=False)]


def spread(ratios: Sequence[float]) -> str:
    """`1.04 x (0.97 to 1.12 x, 5 pairs)`: the median of paired ratios and their range."""
    if not ratios:
        return ""
    median = statistics.median(ratios)
    return f"{median:.2f} x ({min(ratios):.2f} to {max(ratios):.2f} x, {len(ratios)} pairs)"


def scale_once(dialect: str, rows: int) -> dict[str, float]:
    command = [sys.executable, str(Path(__file__).resolve()), "--child", dialect, str(rows)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"the {dialect} page of {rows:,} rows failed:\n{done.stderr}")
    found: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


# --- the run --------------------------------------------------------------------------------


@dataclass
class Timed:
    """The times of one contender across repetitions, and what its last pass found."""

    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    outcome: Outcome | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def best(self) -> float:
        return min(self.seconds)

    @property
    def best_cpu(self) -> float:
        return min(self.cpu)

    def add(self, seconds: float, cpu: float) -> None:
        self.seconds.append(seconds)
        self.cpu.append(cpu)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


@contextmanager
def quiet_gc() -> Iterator[None]:
    """Collect before a timed pass, so one contender's garbage is not the next one's cost."""
    gc.collect()
    yield


def rotated(items: Sequence[str], by: int) -> list[str]:
    shift = by % len(items)
    return [*items[shift:], *items[:shift]]


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def bench_pages(pages: Pages, repeat: int, project: Path) -> dict[str, Timed]:
    """Every in-process contender and the command line, interleaved, `repeat` times."""
    timed: dict[str, Timed] = {name: Timed() for name in [*IN_PROCESS, "cli"]}
    generate, check = Timed(), Timed()
    command = codetables_command()
    aside = project.parent / "set-aside"
    for repetition in range(repeat):
        for name in rotated([*IN_PROCESS, "cli"], repetition):
            if name == "cli":  # generate from scratch, then the no-op check
                set_aside(project / "output", aside)
                done = run([*command, "generate"], project)
                generate.add(done.seconds, done.cpu)
                generate.notes = [f"exit {done.code}", summary_line(done.output)]
                generate.notes.append(f"{warnings_in(done.output):,} warning lines on stderr")
                done = run([*command, "check"], project)
                check.add(done.seconds, done.cpu)
                check.notes = [f"exit {done.code}", summary_line(done.output)]
                progress(f"  repetition {repetition + 1}: CLI {generate.seconds[-1]:.2f} s")
                continue
            with quiet_gc():
                start, cpu = time.perf_counter(), time.process_time()
                outcome = IN_PROCESS[name](pages.pages)
                seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
            timed[name].add(seconds, cpu)
            timed[name].outcome = outcome
            progress(f"  repetition {repetition + 1}: {name} {seconds:.2f} s")
    del timed["cli"]
    timed["codetables generate (CLI)"] = generate
    timed["codetables check, no-op (CLI)"] = check
    return timed


def set_aside(output: Path, aside: Path) -> None:
    """Move the last run's output out of the way, for the temporary folder's removal at the
    end, rather than delete it: on a file system without a journal (this machine's ext4),
    creating files right after as many were deleted passes over every recently freed inode
    (`recently_deleted` in a `perf` profile): the writes of consecutive runs grew to 0.5 to
    0.75 s of a 2.5 s run (`benchmarks/README.md`), a cost of the benchmark's deleting,
    not of `generate`."""
    if output.exists():
        aside.mkdir(exist_ok=True)
        output.rename(aside / f"output-{len(list(aside.iterdir()))}")


def bench_startup(commands: dict[str, tuple[list[str], Path]], runs: int) -> dict[str, Timed]:
    timed = {name: Timed() for name in commands}
    for round_ in range(runs):
        for name in rotated(list(commands), round_):
            command, cwd = commands[name]
            so_far = timed[name].seconds
            if len(so_far) >= runs // STARTUP_FACTOR and min(so_far) > LONG:
                continue
            done = run(command, cwd)
            timed[name].add(done.seconds, done.cpu)
            if done.code != 0:
                timed[name].notes.append(f"exit {done.code}")
    for name, entry in timed.items():
        entry.notes = sorted(set(entry.notes)) or ["exit 0"]
        progress(f"  start-up {name}: best {entry.best * 1000:.0f} ms")
    return timed


def bench_scaling(sizes: Sequence[int], repeat: int) -> list[Scaled]:
    series = [Scaled(dialect, rows) for rows in sizes for dialect in DIALECTS]
    for repetition in range(repeat):
        for point in series:
            if point.rows > LARGE and len(point.runs) >= LARGE_RUNS:
                continue
            point.runs.append(scale_once(point.dialect, point.rows))
            seconds = point.runs[-1]["parse"] + point.runs[-1]["render"]
            where = f"{point.dialect} {point.rows:,} rows"
            progress(f"  repetition {repetition + 1}: {where} {seconds:.2f} s")
    return series


# --- results --------------------------------------------------------------------------------


def load_average() -> str:
    try:
        return "{:.1f} / {:.1f} / {:.1f}".format(*os.getloadavg())
    except OSError:
        return "unknown"


def revision() -> str:
    """The commit measured, and whether the package's files differ from it."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        changed = subprocess.run(
            ["git", "status", "--porcelain", "--", "parser", "templates"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:
        return "unknown (no git)"
    if head.returncode != 0:
        return "unknown (not a git checkout)"
    dirty = " with uncommitted changes to the package" if changed.stdout.strip() else ""
    return f"commit {head.stdout.strip()}{dirty}"


def versions() -> str:
    found = []
    for name in ("codetables", "beautifulsoup4", "markdown-it-py", "Jinja2", "pandas", "lxml"):
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name} (not installed)")
    return ", ".join(found)


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], align: str = "") -> list[str]:
    align = align or "l" + "r" * (len(headers) - 1)
    marks = {"l": "---", "r": "---:"}
    return [
        "| " + " | ".join(headers) + " |",
        "| " + " | ".join(marks[a] for a in align) + " |",
        *("| " + " | ".join(row) + " |" for row in rows),
    ]


def megabytes(value: float) -> str:
    return f"{value / 1e6:,.1f}"


def report(
    pages: Pages,
    args: argparse.Namespace,
    timed: dict[str, Timed],
    startup: dict[str, Timed],
    startup_runs: int,
    series: list[Scaled],
    seconds: float,
) -> str:
    count = len(pages.pages)
    dialects = Counter(page.dialect for page in pages.pages)
    sizes = sorted(page.size for page in pages.pages)
    out = [
        "# Benchmark results",
        "",
        f"Written by `benchmarks/bench.py` ({'`--quick`' if args.quick else 'full run'}, "
        f"{args.repeat} interleaved repetition(s); the whole run took {seconds / 60:.1f} min) "
        f"on {datetime.date.today().isoformat()}.",
        "",
        f"- Machine: {os.cpu_count()} CPUs, {platform.system()} {platform.machine()}, "
        f"{platform.python_implementation()} {platform.python_version()}; load average "
        f"{args.load_before} at the start, {load_average()} at the end (other work on the "
        "machine slows every contender; compare within one run).",
        f"- codetables at {args.revision}; packages: {versions()}.",
        "- Times are wall-clock seconds; **best** and **median** are over the repetitions. "
        "Each repetition runs every contender once, in turn, the order rotating.",
        "",
        "## Pages",
        "",
        f"{pages.origin}: {count} page{'s' if count != 1 else ''}, {pages.megabytes:.1f} MB "
        f"(median page {statistics.median(sizes) / 1000:.0f} kB, largest "
        f"{sizes[-1] / 1000:.0f} kB); by the manifest's format: "
        + ", ".join(f"{n} {name}" for name, n in sorted(dialects.items()))
        + ".",
    ]
    if pages.reference_rows is not None:
        out.append(
            f"The reference extraction counts {pages.reference_rows:,} body rows in all "
            "their tables (code tables and others)."
        )
    out += ["", *(f"- {note}" for note in pages.notes)] if pages.notes else []
    floor = timed["lxml floor (lxml.html + cell texts)"]
    rows = []
    for name, entry in timed.items():
        outcome = entry.outcome
        notes = list(entry.notes)
        if outcome and outcome.no_table:
            notes.append(f"{outcome.no_table} pages without an HTML table")
        if outcome and outcome.failed:
            notes += [f"{n} x {kind}" for kind, n in sorted(outcome.failed.items())]
        rows.append(
            [
                name,
                f"{entry.best:.2f}",
                f"{entry.median:.2f}",
                f"{entry.best_cpu:.2f}",
                f"{entry.median / count * 1000:.1f}",
                f"{pages.megabytes / entry.best:.2f}",
                f"{entry.best / floor.best:.1f}",
                f"{entry.best_cpu / floor.best_cpu:.1f}",
                f"{outcome.rows:,}" if outcome else "",
                "; ".join(notes),
            ]
        )
    out += [
        "",
        "## Same pages: in-process contenders and the command line",
        "",
        *table(
            [
                "contender",
                "best s",
                "median s",
                "CPU s (best)",
                "ms/page (median)",
                "MB/s (best)",
                "x lxml floor",
                "x lxml floor (CPU)",
                "rows",
                "notes",
            ],
            rows,
            "lrrrrrrrrl",
        ),
        "",
        "- **best s** and **median s** are wall-clock seconds; **CPU s** is the user + system "
        "time the work used (for the CLI, of the command and any process it starts), the "
        "figure that other work on the machine disturbs least. The ratios to the lxml floor "
        "divide best by best.",
        "- **rows** counts what each contender yields: codetables, the body rows of the code "
        "tables it finds (non-code tables are skipped); pandas, the rows of every DataFrame "
        "(every HTML table, its header rows excluded); the lxml floor, every `<tr>` of every "
        "table (header rows included). pandas and lxml read no pipe table: a Markdown pipe "
        "table is not HTML.",
        "- The CLI rows run `codetables generate` in a temporary project holding copies of the "
        "same pages (the last run's output moved aside before each run, so every file is "
        "written; see `set_aside` for why not deleted), then "
        "`codetables check` on it with nothing to do; both include interpreter start-up, "
        "reading the files, the warnings printed on stderr and (generate) the writes.",
    ]
    generate, pandas = timed.get("codetables generate (CLI)"), timed.get(PANDAS)
    if generate and pandas:
        out += [
            "",
            "Paired by repetition (each repetition's `generate` over its own `pandas.read_html`, "
            "timed seconds apart; the median of those ratios, and their range): "
            f"**{spread(paired(generate.seconds, pandas.seconds))}**; by the best times "
            f"{generate.best / pandas.best:.2f} x, by the medians "
            f"{generate.median / pandas.median:.2f} x.",
        ]
    rows = [
        [
            name,
            str(len(entry.seconds)),
            f"{entry.best * 1000:,.0f}",
            f"{entry.median * 1000:,.0f}",
            f"{entry.best_cpu * 1000:,.0f}",
            "; ".join(entry.notes),
        ]
        for name, entry in startup.items()
    ]
    out += [
        "",
        "## Start-up (subprocess)",
        "",
        *table(
            ["command", "runs", "best ms", "median ms", "CPU ms (best)", "exit"], rows, "lrrrrl"
        ),
        "",
        f"Each command runs {startup_runs} times ({STARTUP_FACTOR} per repetition, in turn), "
        f"except one whose best time is over {LONG:g} s: it runs once per repetition. The seed "
        "project is a temporary copy of `seeds/` with this repository's `[tool.codetables]` "
        "settings, generated once beforehand; the corpus project is the one above, its "
        "artifacts current (the no-op `generate` finds nothing to write).",
    ]
    rows = []
    by_key = {(point.dialect, point.rows): point for point in series}
    lifted = sorted({(p.dialect, p.rows) for p in series if any(r["lifted"] for r in p.runs)})
    for point in series:
        before = by_key.get((point.dialect, point.rows // 10))
        ratio = f"{min(point.totals) / min(before.totals):.1f}" if before else ""
        ratio_cpu = f"{point.best('cpu') / before.best('cpu'):.1f}" if before else ""
        steps = paired(point.totals, before.totals) if before else []
        ratio_paired = f"{statistics.median(steps):.1f}" if steps else ""
        size = point.runs[0]["bytes"]
        rows.append(
            [
                point.dialect,
                f"{point.rows:,}",
                str(len(point.runs)),
                megabytes(size),
                f"{point.best('parse'):.3f}",
                f"{point.best('render'):.3f}",
                f"{min(point.totals):.3f}",
                f"{statistics.median(point.totals):.3f}",
                f"{point.best('cpu'):.3f}",
                ratio,
                ratio_paired,
                ratio_cpu,
                f"{point.median('peak_rss') / 1e6:,.0f}",
                f"{point.median('peak_rss') / size:.1f}",
                f"{(point.median('peak_rss') - point.median('baseline_rss')) / size:.1f}",
            ]
        )
    limit = series[0].runs[0]["limit"] if series else None
    out += [
        "",
        "## Scaling: synthetic pages, parse + render in a fresh process",
        "",
        *table(
            [
                "dialect",
                "rows",
                "runs",
                "input MB",
                "parse s (best)",
                "render s (best)",
                "total s (best)",
                "total s (median)",
                "CPU s (best)",
                "x time per 10x rows",
                "x time per 10x rows (paired)",
                "x CPU per 10x rows",
                "peak RSS MB",
                "RSS / input",
                "(RSS - baseline) / input",
            ],
            rows,
        ),
        "",
        "![time against rows, log-log](scaling.png)",
        "",
        "- One error-code table of four columns (错误码, 错误信息, HTTP状态码, 描述), every row "
        "distinct. **html**: Huawei Cloud's generated shape (class and valign attributes, `<p>` "
        "around every cell text, `<span>` around messages, two empty `<a name>` anchors before "
        "each code, a two-paragraph description). **pipe**: the same cells as a GFM pipe table.",
        f"- **runs**: one per repetition; a page of more than {LARGE:,} rows runs at most "
        f"{LARGE_RUNS} times (the run's time budget).",
        "- Each point is a fresh interpreter that first parses and renders a 10-row page (so "
        "template compilation and first calls are not counted), then the page; **parse** and "
        "**render** are `codetables.parse.parse` and the three artifacts written as "
        "`codetables generate` writes them (`render.write` into `spool.Writer`: one past 4 MiB "
        "goes to a temporary file as it is made), wall-clock; **CPU s** is the process time of "
        "both. **x time per 10x rows** "
        "is the best total over the best total ten times smaller (likewise for CPU): 10 is "
        "linear; **(paired)** is the median over the repetitions of each one's total over the "
        "same repetition's total ten times smaller (points a few seconds apart).",
        "- **peak RSS** is the child's peak resident set size (`VmHWM` on Linux; see "
        "`max_rss_bytes` for why not `getrusage`), its median over the runs; **baseline** is "
        "the peak before parsing began (interpreter, imports, the page text, the warm-up), so "
        "the last column is what parse + render added per input byte.",
    ]
    if lifted and limit:
        shown = ", ".join(f"{d} {n:,} rows" for d, n in lifted)
        out.append(
            f"- The page-size limit ({int(limit):,} characters, past which `parse` refuses a "
            f"page) is lifted inside the child for {shown}: such a page is over it, and the "
            "series measures how the work grows, not the guard."
        )
    return "\n".join(out) + "\n"


def plot(series: list[Scaled], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    figure, axes = pyplot.subplots(figsize=(7, 4.5), dpi=120)
    labels = {"html": "HTML table (Huawei shape)", "pipe": "GFM pipe table"}
    for dialect in DIALECTS:
        points = [p for p in series if p.dialect == dialect]
        times = [min(p.totals) for p in points]
        axes.plot([p.rows for p in points], times, marker="o", label=labels[dialect])
        for point, seconds in zip(points, times, strict=True):
            axes.annotate(
                f"{seconds:.2f} s",
                (point.rows, seconds),
                textcoords="offset points",
                xytext=(6, -12 if dialect == "pipe" else 6),
                fontsize=8,
            )
    anchor = next(p for p in series if p.dialect == "html")
    rows = sorted({p.rows for p in series})
    axes.plot(
        rows,
        [min(anchor.totals) * n / anchor.rows for n in rows],
        linestyle="--",
        color="grey",
        label="linear (time proportional to rows)",
    )
    axes.set_xscale("log")
    axes.set_yscale("log")
    axes.set_xlim(rows[0] / 1.6, rows[-1] * 2.2)  # room for the labels right of the points
    axes.set_xlabel("rows in the page")
    axes.set_ylabel("parse + render, seconds (best)")
    axes.set_title("codetables: time against rows")
    axes.grid(True, which="both", linewidth=0.3)
    axes.legend()
    figure.tight_layout()
    figure.savefig(path)
    pyplot.close(figure)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="interleaved repetitions (3)")
    parser.add_argument(
        "--quick", action="store_true", help="a smoke run: 1 repetition, scaling up to 10k rows"
    )
    parser.add_argument(
        "--out", type=Path, default=HERE, help="where results.md and scaling.png go"
    )
    parser.add_argument("--child", nargs=2, metavar=("DIALECT", "ROWS"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child[0], int(args.child[1]))
        return
    if args.quick:
        args.repeat = 1
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    began = time.perf_counter()
    args.load_before = load_average()
    args.revision = revision()
    progress("reading the pages …")
    pages = load_pages()
    progress(f"{len(pages.pages)} pages, {pages.megabytes:.1f} MB")
    import lxml.html  # noqa: F401 (imports are not what is timed)
    import pandas  # noqa: F401

    codetables_parse_render(pages.pages[:1])  # compile the templates before timing
    with tempfile.TemporaryDirectory(prefix="codetables-bench-") as temporary:
        where = Path(temporary)
        project = make_project(where, pages)
        seed_project = make_seed_project(where)
        progress("pages: in-process contenders and the CLI")
        timed = bench_pages(pages, args.repeat, project)
        command = codetables_command()
        startup_runs = args.repeat * STARTUP_FACTOR
        progress(f"start-up, {startup_runs} runs each")
        startup = bench_startup(
            {
                "`python -c pass`": ([sys.executable, "-c", "pass"], where),
                "`codetables --version`": ([*command, "--version"], where),
                "`codetables check`, seed project (no-op)": ([*command, "check"], seed_project),
                f"`codetables check`, corpus project (no-op, {len(pages.pages)} pages)": (
                    [*command, "check"],
                    project,
                ),
                f"`codetables generate`, corpus project (no-op, {len(pages.pages)} pages)": (
                    [*command, "generate"],
                    project,
                ),
            },
            startup_runs,
        )
    progress("scaling")
    series = bench_scaling(QUICK_SIZES if args.quick else SIZES, args.repeat)
    args.out.mkdir(parents=True, exist_ok=True)
    text = report(pages, args, timed, startup, startup_runs, series, time.perf_counter() - began)
    (args.out / "results.md").write_text(text, encoding="utf-8")
    plot(series, args.out / "scaling.png")
    print(text)


if __name__ == "__main__":
    main()
