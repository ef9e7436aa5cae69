"""Pages read in worker processes: results in order, the first error in order, and a worker
that ends early said plainly, never waited for."""

from __future__ import annotations

import contextlib
import dataclasses
import os
import pickle
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from codetables import workers
from codetables.model import Cell, Column, Document, Kind, Notice, Page, Role, Row, Table
from conftest import generate_with_workers

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

LINUX = sys.platform.startswith("linux")


def blocked_writing_to_a_pipe(pid: int) -> bool:
    """Whether the process waits in the kernel to write to a full pipe (Linux)."""
    try:
        return "pipe_write" in Path(f"/proc/{pid}/wchan").read_text()
    except OSError:
        return False


def waiting_for_a_task(pid: int) -> bool:
    """Whether the process waits in the kernel to read from an empty pipe (Linux)."""
    try:
        wchan = Path(f"/proc/{pid}/wchan").read_text()
    except OSError:
        return False
    return "pipe_read" in wchan or "pipe_wait" in wchan


def wchan_is_readable() -> bool:
    """Whether /proc shows where a sleeping process waits (some systems hide it)."""
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        for _ in range(100):
            with contextlib.suppress(OSError):
                if Path(f"/proc/{sleeper.pid}/wchan").read_text() not in ("", "0"):
                    return True
            time.sleep(0.05)
        return False
    finally:
        sleeper.kill()
        sleeper.wait()


@pytest.mark.skipif(not LINUX, reason="finds the workers and where they wait in /proc (Linux)")
def test_a_worker_killed_while_it_hands_back_a_page_ends_the_run_with_a_message(
    project: Path,
) -> None:
    """The standard library's pool read a result cut short by a worker's death (`kill -9`,
    the OOM killer) and waited for the rest of it for ever: the run hung. Its parent is
    stopped here so that a worker waits, half its result written, to be killed there."""
    if not wchan_is_readable():
        pytest.skip("/proc/PID/wchan is hidden here: where a process waits cannot be seen")
    # each page's result is far more than a pipe holds (64 KiB; 1 MiB, widened)
    run, started = generate_with_workers(project, pages=4, rows=3_000)
    try:
        assert len(started) >= 2, "the run started no workers"
        os.kill(run.pid, signal.SIGSTOP)  # it reads no result now
        stuck = None
        for _ in range(600):  # until a worker waits with its result half written
            stuck = next((pid for pid in started if blocked_writing_to_a_pipe(pid)), None)
            if stuck is not None:
                break
            if all(waiting_for_a_task(pid) for pid in started):  # stopped before it handed
                os.kill(run.pid, signal.SIGCONT)  # out a page (a loaded machine): let it
                time.sleep(0.02)
                os.kill(run.pid, signal.SIGSTOP)
            time.sleep(0.05)
        assert stuck is not None, "no worker waited to hand back a page"
        os.kill(stuck, signal.SIGKILL)
        os.kill(run.pid, signal.SIGCONT)
        _, err = run.communicate(timeout=60)
    finally:
        os.kill(run.pid, signal.SIGCONT) if run.poll() is None else None
        run.kill()
        run.wait()
    assert run.returncode == 2
    assert re.fullmatch(
        r"error: seeds/page-[0-3]\.md: a worker process ended \(killed by SIGKILL\) while it "
        r"read this page, expected it to finish; no artifact was changed\n"
        r"hint: a process killed by SIGKILL may have run out of memory\n",
        err,
    ), err
    assert not (project / "output").exists()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork here: pages are read in-process")
def test_a_worker_that_crashes_is_said_without_the_out_of_memory_hint(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every lost worker got "a process killed by SIGKILL may have run out of memory", a
    crash (SIGSEGV) too (found by review)."""
    from codetables import commands
    from codetables.cli import main

    for n in range(4):
        shutil.copyfile(project / "seeds" / "cci-status-codes.md", project / "seeds" / f"p{n}.md")
    parent = os.getpid()
    real = commands.read_page

    def crashing(source: Any, options: Any) -> Any:
        if os.getpid() != parent and source.label.endswith("p2.md"):
            os.kill(os.getpid(), signal.SIGSEGV)
        return real(source, options)

    monkeypatch.setattr(commands, "read_page", crashing)
    assert main(["generate"]) == 2
    assert capsys.readouterr().err == (
        "error: seeds/p2.md: a worker process ended (killed by SIGSEGV) while it read this "
        "page, expected it to finish; no artifact was changed\n"
    )
    assert not (project / "output").exists()


def slower_first(index: int) -> int:
    """The earlier the item, the longer it takes: results come back out of order."""
    time.sleep(0.02 * (6 - index))
    return index * index


def fails_at_odd(index: int) -> int:
    time.sleep(0.02 * (6 - index))
    if index % 2:
        raise ValueError(f"item {index}")
    return index


def sleeps(index: int) -> int:
    time.sleep(60)
    return index


def reaped(pids: list[int]) -> bool:
    """Whether each of these child processes has ended and been waited for."""
    for pid in pids:
        try:
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            continue
        return False
    return True


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """The numbers of the worker processes forked during the test."""
    pids: list[int] = []
    real = workers._Pool.start

    def start(pool: workers._Pool[object, object], result_bytes: int) -> None:
        real(pool, result_bytes)
        pids.append(pool.workers[-1].pid)

    monkeypatch.setattr(workers._Pool, "start", start)
    yield pids
    for pid in pids:  # none left behind, whatever the outcome
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)


def test_many_workers_ask_for_pipes_within_a_users_allowance() -> None:
    """Linux counts a pipe's size against its user's allowance (64 MiB by default, and
    8 KiB pipes everywhere past it): 80 workers of 1 MiB each took that user past it (found
    by review). Each pipe asks for less once they would pass `PIPES_BYTES` together."""
    for jobs in (1, 2, 8, 16, 17, 80, 1000, 100_000):
        size = workers.pipe_bytes(jobs)
        assert size & (size - 1) == 0  # a power of two, as Linux rounds it
        assert workers.DEFAULT_PIPE_BYTES <= size <= workers.PIPE_BYTES
        assert size * jobs <= workers.PIPES_BYTES or size == workers.DEFAULT_PIPE_BYTES
    assert workers.pipe_bytes(2) == workers.PIPE_BYTES
    assert workers.pipe_bytes(80) == 1 << 17


def pipe_max_size() -> int:
    try:
        return int(Path("/proc/sys/fs/pipe-max-size").read_text())
    except (OSError, ValueError):
        return 0


@pytest.mark.skipif(
    getattr(fcntl, "F_GETPIPE_SZ", None) is None or pipe_max_size() < workers.PIPE_BYTES,
    reason="pipes cannot be widened here (Linux, with fs/pipe-max-size of 1 MiB or more)",
)
@pytest.mark.parametrize(("jobs", "size"), [(2, 1 << 20), (20, 1 << 19)])
def test_a_result_pipe_holds_a_megabyte_so_most_pages_pass_in_one_write(
    monkeypatch: pytest.MonkeyPatch, jobs: int, size: int
) -> None:
    """At 64 KiB, the default, the run's reads of results took 60 to 95 ms over the corpus,
    each 64 KiB waking the worker and the run in turn; twenty workers ask for half as much
    each (`pipe_bytes`)."""
    sizes: list[int] = []
    real = workers._Pool.start

    def start(pool: workers._Pool[object, object], result_bytes: int) -> None:
        real(pool, result_bytes)
        sizes.append(fcntl.fcntl(pool.workers[-1].results, fcntl.F_GETPIPE_SZ))

    monkeypatch.setattr(workers._Pool, "start", start)
    items = range(jobs)
    assert list(workers.ordered(str, items, jobs)) == [str(n) for n in items]
    assert sizes == [size] * jobs


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork here: pages are read in-process")
def test_results_come_in_the_items_order_and_every_worker_is_waited_for(
    started: list[int],
) -> None:
    assert list(workers.ordered(slower_first, range(6), 3)) == [n * n for n in range(6)]
    assert len(started) == 3
    assert reaped(started)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork here: pages are read in-process")
def test_the_first_error_in_the_items_order_is_raised_with_the_workers_traceback(
    started: list[int],
) -> None:
    """Item 5 fails first in time, item 1 first in order: one process would raise item 1's."""
    results = workers.ordered(fails_at_odd, range(6), 2)
    assert next(results) == 0
    with pytest.raises(ValueError, match="item 1") as raised:
        next(results)
    assert isinstance(raised.value.__cause__, workers.RemoteTraceback)
    assert "fails_at_odd" in str(raised.value.__cause__)
    assert reaped(started)


@pytest.mark.skipif(not LINUX, reason="the workers' numbers are read from /proc (Linux)")
@pytest.mark.parametrize(("stop", "stopped"), [("SIGKILL", False), ("SIGTERM", True)])
def test_a_worker_that_ends_holding_an_item_is_lost_and_the_others_are_stopped(
    started: list[int], stop: str, stopped: bool
) -> None:
    results = workers.ordered(sleeps, range(4), 2)

    def kill_one() -> None:
        os.kill(started[0], getattr(signal, stop))

    signal.signal(signal.SIGALRM, lambda *_: kill_one())
    signal.setitimer(signal.ITIMER_REAL, 0.5)
    began = time.monotonic()
    try:
        with pytest.raises(workers.Lost) as lost:
            next(results)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
    assert time.monotonic() - began < 30  # the others were killed, not waited for
    assert (lost.value.index, lost.value.how, lost.value.stopped) == (
        0,
        f"killed by {stop}",
        stopped,
    )
    assert reaped(started)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork here: pages are read in-process")
def test_closing_the_results_early_kills_the_workers_and_waits_for_them(
    started: list[int],
) -> None:
    results = workers.ordered(slower_first, [5, *[0] * 5], 2)
    assert next(results) == 25
    results.close()
    assert reaped(started)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork here: pages are read in-process")
def test_a_stop_while_the_workers_are_stopped_comes_after_they_were_all_waited_for(
    started: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C (or SIGTERM) a second time as the run stops its workers: held until every
    worker was waited for, then an interruption, never a worker left running."""
    real = workers._Pool.stop

    def interrupted_stop(pool: workers._Pool[object, object]) -> None:
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.05)
        real(pool)
        assert reaped(started)  # before the interrupt came

    monkeypatch.setattr(workers._Pool, "stop", interrupted_stop)
    results = workers.ordered(slower_first, range(6), 2)
    assert next(results) == 0
    with pytest.raises(KeyboardInterrupt):
        results.close()
    assert reaped(started)


def test_without_processes_to_be_had_the_items_are_read_in_this_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`fork` refused (too many processes): the run reads its pages itself."""

    def refused() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", refused)
    before = open_descriptors()
    assert list(workers.ordered(slower_first, range(6), 2)) == [n * n for n in range(6)]
    assert open_descriptors() == before  # the pipes made for the worker are closed


def test_a_document_handed_back_by_a_worker_keeps_every_field(seed_document: Document) -> None:
    """Documents cross from the workers pickled as their classes and fields in order: lines,
    positions, the path and the notices, which equality does not compare, come back too."""
    document = dataclasses.replace(
        seed_document, warnings=(Notice(7, "a warning"),), skipped=(Notice(9, "skipped"),)
    )
    back = pickle.loads(pickle.dumps(document, pickle.HIGHEST_PROTOCOL))
    assert dataclasses.astuple(back) == dataclasses.astuple(document)
    assert back.tables[0].rows[0].line == document.tables[0].rows[0].line > 0
    assert back.path == document.path != ""


def test_a_table_handed_back_keeps_rows_of_any_width_status_and_line() -> None:
    """A table crosses as columns of plain values (texts, paragraphs, row widths, statuses,
    lines): rows of different widths, a status of None and an empty table come back whole."""
    cells = [Cell(text, (text,)) for text in ("404", "Not Found", "5xx", "", "x")]
    tables = (
        Table(
            Kind.HTTP_STATUS,
            "t",
            (Column("status", "Status", Role.STATUS), Column("phrase", "Phrase", None)),
            (
                Row(tuple(cells[:2]), 404, 11),
                Row((cells[2],), None, 12),
                Row(tuple(cells[3:]), None, 0),
            ),
            line=10,
            position=3,
        ),
        Table(Kind.ERROR_CODE, "", (), (), line=20, position=4),
    )
    for table in tables:
        back = pickle.loads(pickle.dumps(table, pickle.HIGHEST_PROTOCOL))
        assert dataclasses.astuple(back) == dataclasses.astuple(table)
        assert [row.line for row in back.rows] == [row.line for row in table.rows]
        assert (back.line, back.position) == (table.line, table.position)


def test_a_page_handed_back_reads_its_model_back_only_when_asked(
    seed_document: Document,
) -> None:
    """A worker hands back a `Page`: its path, title, notices and counts at once, and its
    model still pickled, read back (whole, every field) the first time it is asked for; a
    run over the corpus asks for none of them with the built-in templates."""
    document = dataclasses.replace(seed_document, warnings=(Notice(7, "a warning"),))
    back = pickle.loads(pickle.dumps(Page(document), pickle.HIGHEST_PROTOCOL))
    assert (back.path, back.title, back.warnings, back.skipped) == (
        document.path,
        document.title,
        document.warnings,
        (),
    )
    assert back.counts == (("http-status", 1, 42),)
    assert (back.tables, back.rows) == (1, 42)
    assert back._document is None  # not read back yet
    assert dataclasses.astuple(back.document) == dataclasses.astuple(document)
    assert back.document is back.document  # read back once
    again = pickle.loads(pickle.dumps(back, pickle.HIGHEST_PROTOCOL))  # read back, it crosses
    assert dataclasses.astuple(again.document) == dataclasses.astuple(document)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork here: pages are read in-process")
def test_a_run_with_the_built_in_templates_reads_back_no_page_model(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`generate` over pages read by workers asks each `Page` for its path, notices and
    counts (the summary line, the index), never for its model: the workers keep the
    models (no pickling them)."""
    from codetables import commands, start
    from codetables.cli import main

    for number in range(4):  # five pages: read by workers (`PARALLEL_FROM`)
        shutil.copyfile(
            project / "seeds" / "cci-status-codes.md", project / "seeds" / f"more{number}.md"
        )
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(start, "_HELD", [])
    monkeypatch.setattr(start, "ENDING", True)  # the run's Plan is held: it can be seen
    assert main(["generate", "-q"]) == 0
    (held,) = start._HELD
    assert isinstance(held, commands.Plan)
    pages = list(held.result.pages.values())
    assert sorted(page.rows for page in pages) == [42] * 5
    assert all(page._document is None for page in pages)
    assert all(page._pickled == b"" and not page._crosses for page in pages)


def test_a_page_whose_model_stays_in_the_worker_says_so_when_asked(
    seed_document: Document,
) -> None:
    """A page made not to carry its model across (`crosses=False`) still gives its path,
    title, notices and counts once pickled; asked for its model there, it says plainly that
    the model stayed behind. In its own process the model is at hand."""
    page = Page(seed_document, crosses=False)
    assert page.document is seed_document
    back = pickle.loads(pickle.dumps(page, pickle.HIGHEST_PROTOCOL))
    assert (back.path, back.title, back.counts) == (page.path, page.title, page.counts)
    with pytest.raises(LookupError, match="the page's model was left in the worker"):
        back.load()


class Unreadable(Exception):
    """An error that pickles but cannot be read back: its class wants two arguments."""

    def __init__(self, first: str, second: str) -> None:
        super().__init__(first)


def unreadable_later(index: int) -> int:
    """Item 0 fails late, item 2 early with an error the run cannot unpickle."""
    if index == 0:
        time.sleep(0.3)
        raise ValueError("item 0")
    if index == 2:
        raise Unreadable("item 2", "why")
    return index


def open_descriptors() -> int:
    return len(os.listdir("/proc/self/fd" if LINUX else "/dev/fd"))


@contextlib.contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    """SIGALRM after `seconds`: a test that would wait for ever fails instead."""

    def expired(*_: object) -> None:
        raise TimeoutError(f"still waiting after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork here: pages are read in-process")
def test_a_worker_stopped_while_it_holds_nothing_is_killed_not_waited_for(
    started: list[int],
) -> None:
    """Three items, three workers, two tasks each at most: the third worker holds none.
    Stopped (SIGSTOP), it never read the end of its task pipe, and the run waited for it
    for ever, Ctrl-C held (found by review)."""
    with time_limit(20):
        results = workers.ordered(slower_first, range(3), 3)
        assert next(results) == 0
        os.kill(started[2], signal.SIGSTOP)
        assert list(results) == [1, 4]
    assert reaped(started)


def slow(index: int) -> int:
    time.sleep(0.5)
    return index


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork here: pages are read in-process")
@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGKILL], ids=["sigterm", "sigkill"])
def test_a_worker_ended_while_it_holds_nothing_by_sigterm_stops_the_run(
    started: list[int], stop: signal.Signals
) -> None:
    """Two items, two workers, two tasks each at most: the second worker holds none. Ended
    by SIGTERM (`timeout`, a service manager, which reach every process of the run), the
    run went on with the first and succeeded: the run was asked to stop, so it stops, as
    when the worker held an item (found as a flaky test, a worker killed before the run
    handed it a task). Ended otherwise, its work is left to the others, as before."""
    with time_limit(20):
        results = workers.ordered(slow, range(2), 2)
        stopper = threading.Timer(0.2, lambda: os.kill(started[1], stop))
        stopper.start()
        try:
            if stop == signal.SIGTERM:
                with pytest.raises(workers.Lost) as lost:
                    list(results)
                assert (lost.value.index, lost.value.stopped) == (None, True)
            else:
                assert list(results) == [0, 1]
        finally:
            stopper.join()
    assert reaped(started)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork here: pages are read in-process")
def test_an_interrupt_as_the_workers_are_about_to_be_stopped_still_stops_them(
    started: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C landing before the signals were held for the stop skipped it: the workers
    were left waiting for tasks (80 in 3,784 runs under a stream of SIGINT, found by
    review). The stop is tried again, and the interrupt comes after."""
    real = workers.held_signals
    calls: list[int] = []

    @contextlib.contextmanager
    def interrupted_once() -> Iterator[None]:
        calls.append(1)
        if len(calls) == 2:  # the stop's: as if Ctrl-C came as it began
            raise KeyboardInterrupt
        with real():
            yield

    monkeypatch.setattr(workers, "held_signals", interrupted_once)
    results = workers.ordered(slower_first, range(6), 2)
    assert next(results) == 0
    with pytest.raises(KeyboardInterrupt):
        results.close()
    assert reaped(started)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork here: pages are read in-process")
def test_an_error_that_cannot_be_read_back_is_raised_at_its_place_not_first(
    started: list[int],
) -> None:
    """Item 2's error could not be unpickled and was raised as it arrived, before item 0's:
    another error than one process gives (found by review)."""
    with pytest.raises(ValueError, match="item 0"):
        list(workers.ordered(unreadable_later, range(4), 2))
    with pytest.raises(RuntimeError, match="TypeError"):
        list(workers.ordered(unreadable_later, range(1, 4), 2))


@pytest.mark.skipif(not LINUX, reason="Linux's parent-death signal")
def test_workers_started_by_a_thread_that_ends_go_on(started: list[int]) -> None:
    """The parent-death signal comes when the forking thread ends, not the process: a
    library caller whose thread took the first result and ended lost its workers."""
    results = workers.ordered(slower_first, range(6), 2)
    first: list[int] = []
    thread = threading.Thread(target=lambda: first.append(next(results)))
    thread.start()
    thread.join()
    time.sleep(0.2)
    assert first + list(results) == [n * n for n in range(6)]


@pytest.mark.skipif(not LINUX, reason="finds the workers in /proc (Linux)")
def test_a_worker_ended_by_sigterm_is_an_interruption_of_the_run(project: Path) -> None:
    """`timeout` and service managers send SIGTERM to every process of the run: a worker it
    reached first is no failure of the system, the run was asked to stop."""
    # two pages a worker, each a second or more: both busy
    run, started = generate_with_workers(project, pages=4, rows=30_000)
    try:
        assert len(started) >= 2, "the run started no workers"
        os.kill(started[0], signal.SIGTERM)
        _, err = run.communicate(timeout=60)
    finally:
        run.kill()
        run.wait()
    assert (run.returncode, err) == (130, "error: interrupted; no artifact was changed\n")
    assert not (project / "output").exists()
