"""Pages read in worker processes forked from the run, their results handed back in order.

Why not `concurrent.futures.ProcessPoolExecutor`: its workers share one result pipe, so a
worker killed while it wrote a result (the OOM killer, `kill -9`, SIGTERM) left half a
message there, and the executor waited for the rest for ever. Here each worker has a pipe
of its own: the run reads what is there as it comes and, when a worker's pipe ends before
its result did, knows at once that it is gone. The workers are forked, so they already hold
the pages and the settings: a task is the number of a page, four bytes, never pickled.

Where there is no `fork` (Windows), the pages are read in the run's own process.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import selectors
import signal
import struct
import sys
import threading
import traceback
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar, cast

from .artifacts import HELD, held_signals

try:
    import fcntl
except ImportError:  # Windows: no fork either, so no pipes to widen
    fcntl = None  # type: ignore[assignment]

Item = TypeVar("Item")
Result = TypeVar("Result")

_TASK = struct.Struct("<I")
"""A task: the index of the item, written in one `write` (never split: under `PIPE_BUF`)."""
_LENGTH = struct.Struct("<Q")
"""A result's length in bytes, before its pickle."""
AHEAD = 2
"""Tasks handed to a worker before it returns the first: it never waits for the next."""
WINDOW = 64
"""Items handed out past the one the caller waits for, at most: results held for the
caller stay bounded however slow one page is."""
READ_BYTES = 1 << 20
PIPE_BYTES = 1 << 20
"""What a result pipe is asked to hold (Linux; the default is 64 KiB): most pages' results
pass in one write and one read, not one of each per 64 KiB, the worker waking the run and
the run the worker at every step (the run's reads over the corpus: 60 to 95 ms of its
time, 7 to 10 ms with this). Refused (a lower `fs/pipe-max-size`): the default stays."""
PIPES_BYTES = 1 << 24
"""What the result pipes of one run hold at most, together (16 MiB): Linux counts a pipe's
size against the user's allowance (`fs/pipe-user-pages-soft`, 64 MiB by default), and a user
past it gets pipes of 8 KiB everywhere; with many workers each pipe asks for less."""
DEFAULT_PIPE_BYTES = 1 << 16
"""What a pipe holds unasked (Linux): a pipe of this size or less is left as it is."""
PR_SET_PDEATHSIG = 1
"""Linux's `prctl` option: the signal a process gets when its parent ends."""


class Lost(Exception):
    """A worker ended while the run still needed it: the `index` of the item it held (None
    if it held none), and how it ended."""

    def __init__(self, index: int | None, how: str, *, stopped: bool) -> None:
        super().__init__(index, how, stopped)
        self.index = index
        self.how = how
        self.stopped = stopped
        """Whether a signal that asks a process to stop ended it (SIGTERM, SIGINT, SIGHUP)."""


class RemoteTraceback(Exception):
    """The traceback of an unexpected error in a worker, as its cause (shown by --debug)."""


def ordered(
    function: Callable[[Item], Result], items: Sequence[Item], jobs: int
) -> Iterator[Result]:
    """`function` of each item, in the items' order, in `jobs` forked processes (in this
    one when `jobs` < 2 or the system cannot fork). The first error in the items' order is
    raised, as one process would raise it; `Lost` when a worker ended without its result.

    Whatever ends the iteration (the last result, an error, Ctrl-C, the caller stopping),
    the workers are killed and waited for: none outlives the call."""
    if jobs < 2 or not hasattr(os, "fork"):
        yield from map(function, items)
        return
    pool = _Pool(function, items)
    try:
        with held_signals():  # a worker forked and not yet recorded would be left running
            for _ in range(min(jobs, len(items))):
                try:
                    pool.start(pipe_bytes(jobs))
                except OSError:  # no process or pipe to be had: with those there are
                    break
        if pool.workers:
            yield from pool.results()
        else:
            yield from map(function, items)
    finally:
        interrupted: BaseException | None = None
        while not pool.stopped:  # an interrupt before the signals were held: stop anyway
            try:
                with held_signals():
                    pool.stop()
            except KeyboardInterrupt as exc:
                interrupted = exc
        if interrupted is not None:
            raise interrupted


@dataclass
class _Worker:
    pid: int
    tasks: int
    """The descriptor the run writes task indices to."""
    results: int
    """The descriptor the run reads results from."""
    held: deque[int] = field(default_factory=deque)
    """The indices handed to it, oldest first: its results come in this order."""
    header: bytearray = field(default_factory=bytearray)
    body: bytearray | None = None
    filled: int = 0


class _Pool(Generic[Item, Result]):
    def __init__(self, function: Callable[[Item], Result], items: Sequence[Item]) -> None:
        self.function = function
        self.items = items
        self.workers: list[_Worker] = []
        self.selector = selectors.DefaultSelector()
        self.next = 0
        """The next index to hand out."""
        self.done: dict[int, tuple[bool, object]] = {}
        self.stop_at = len(items)
        """No index from here on is handed out: an error came at it."""
        self.ended = ""
        """How the last worker that ended early ended."""
        self.stopped = False

    def start(self, result_bytes: int = DEFAULT_PIPE_BYTES) -> None:
        for stream in (sys.stdout, sys.stderr):  # a child must not write the run's buffer
            with contextlib.suppress(Exception):
                stream.flush()
        parent = os.getpid()
        # the parent-death signal comes when the thread that forked ends: from the main one
        with_parent = threading.current_thread() is threading.main_thread()
        task_read, task_write = os.pipe()
        try:
            result_read, result_write = os.pipe()
        except OSError:
            _close(task_read, task_write)
            raise
        if result_bytes > DEFAULT_PIPE_BYTES:
            _widen(result_write, result_bytes)
        try:
            pid = os.fork()
        except OSError:
            _close(task_read, task_write, result_read, result_write)
            raise
        if pid == 0:  # the worker: never returns
            code = 1
            try:
                _close(task_write, result_read)
                for other in self.workers:
                    _close(other.tasks, other.results)
                _worker_signals(parent if with_parent else None)
                gc.freeze()  # what the run made: never collected here, so never copied
                self._serve(task_read, result_write)
                code = 0
            finally:
                os._exit(code)
        _close(task_read, result_write)
        worker = _Worker(pid, task_write, result_read)
        self.workers.append(worker)
        self.selector.register(result_read, selectors.EVENT_READ, worker)

    def _serve(self, tasks: int, results: int) -> None:
        """The worker's loop: an index in, the pickled outcome out, until the run closes
        the task pipe."""
        while (task := _read_exactly(tasks, _TASK.size)) is not None:
            (index,) = _TASK.unpack(task)
            outcome: tuple[bool, object, str]
            try:
                outcome = (True, self.function(self.items[index]), "")
            except Exception as exc:  # the run raises it, in order
                outcome = (False, exc, "".join(traceback.format_exception(exc)))
            try:
                data = pickle.dumps(outcome, pickle.HIGHEST_PROTOCOL)
            except Exception as exc:  # an error that cannot be pickled: said as text
                failure = RuntimeError(f"{type(outcome[1]).__name__}: {outcome[1]}")
                data = pickle.dumps((False, failure, f"{type(exc).__name__}: {exc}"))
            _write_all(results, _LENGTH.pack(len(data)))
            _write_all(results, data)

    def results(self) -> Iterator[Result]:
        for index in range(len(self.items)):
            self._hand_out(index)
            while index not in self.done:
                if not any(worker.results >= 0 for worker in self.workers):
                    raise Lost(None, self.ended, stopped=False)  # none left to ask
                self._receive()
                self._hand_out(index)
            ok, value = self.done.pop(index)
            if not ok:
                assert isinstance(value, BaseException)
                raise value
            yield cast(Result, value)

    def _hand_out(self, waited: int) -> None:
        """Give each worker tasks until it holds `AHEAD`, within the window."""
        for worker in self.workers:
            while (
                worker.tasks >= 0
                and len(worker.held) < AHEAD
                and self.next < min(self.stop_at, waited + WINDOW, len(self.items))
            ):
                try:
                    os.write(worker.tasks, _TASK.pack(self.next))
                except BrokenPipeError:  # it is gone: its pipe's end says how
                    _close(worker.tasks)
                    worker.tasks = -1
                    break
                worker.held.append(self.next)
                self.next += 1

    def _receive(self) -> None:
        """Read what the workers wrote; record each whole result."""
        for key, _ in self.selector.select():
            worker: _Worker = key.data
            self._read(worker)

    def _read(self, worker: _Worker) -> None:
        if worker.body is None:
            data = os.read(worker.results, _LENGTH.size - len(worker.header))
            if not data:
                self._ended(worker)
                return
            worker.header += data
            if len(worker.header) == _LENGTH.size:
                (length,) = _LENGTH.unpack(worker.header)
                worker.body = bytearray(length)
                worker.filled = 0
        else:
            with memoryview(worker.body) as whole:
                count = os.readv(worker.results, [whole[worker.filled :][:READ_BYTES]])
            if not count:
                self._ended(worker)
                return
            worker.filled += count
        if worker.body is not None and worker.filled == len(worker.body):
            index = worker.held.popleft()
            try:
                ok, value, remote = pickle.loads(worker.body)
            except Exception as exc:  # raised at its index, in order, as any error is
                ok, value, remote = False, RuntimeError(f"{type(exc).__name__}: {exc}"), ""
            worker.body = None
            worker.header.clear()
            if not ok:
                self.stop_at = min(self.stop_at, index)
                if remote and isinstance(value, BaseException) and value.__cause__ is None:
                    value.__cause__ = RemoteTraceback(remote)
            self.done[index] = (ok, value)

    def _ended(self, worker: _Worker) -> None:
        """A worker's pipe ended before the run was over: the worker is gone. The item it
        held is lost, an error at that index (an earlier error is still raised first); one
        that held none leaves its work to the others, unless a signal that asks a process
        to stop ended it: the run was asked to stop too (`timeout` signals every process of
        it), and stops now, whichever of its processes the signal reached first."""
        self.selector.unregister(worker.results)
        _close(worker.results, worker.tasks)
        worker.results = worker.tasks = -1
        _, status = os.waitpid(worker.pid, 0)
        worker.pid = 0
        self.ended = _how(status)
        if not worker.held and _stop_signal(status):
            raise Lost(None, self.ended, stopped=True)
        if worker.held:
            index = worker.held[0]
            self.done[index] = (False, Lost(index, self.ended, stopped=_stop_signal(status)))
            self.stop_at = min(self.stop_at, index)
            worker.held.clear()

    def stop(self) -> None:
        """Every worker killed (one stopped by SIGSTOP too: waiting for it to read the end of
        its task pipe would wait for ever) and waited for; its pipes closed. All are killed
        before any is waited for: the system takes their memory back side by side."""
        for worker in self.workers:
            if worker.pid:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(worker.pid, signal.SIGKILL)
        for worker in self.workers:
            if worker.pid:
                with contextlib.suppress(ChildProcessError):
                    os.waitpid(worker.pid, 0)
                worker.pid = 0
            if worker.results >= 0:
                self.selector.unregister(worker.results)
            _close(worker.results, worker.tasks)
            worker.results = worker.tasks = -1
        self.selector.close()
        self.stopped = True


def _how(status: int) -> str:
    """How a process ended, in words: `killed by SIGKILL`, `exit status 1`."""
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        try:
            name = signal.Signals(number).name
        except ValueError:
            name = f"signal {number}"
        return f"killed by {name}"
    return f"exit status {os.waitstatus_to_exitcode(status)}"


def _stop_signal(status: int) -> bool:
    return os.WIFSIGNALED(status) and os.WTERMSIG(status) in HELD


def _read_exactly(handle: int, size: int) -> bytes | None:
    """`size` bytes, or None at the end of the pipe."""
    data = b""
    while len(data) < size:
        more = os.read(handle, size - len(data))
        if not more:
            return None
        data += more
    return data


def pipe_bytes(jobs: int) -> int:
    """What each of `jobs` workers' result pipes asks to hold: `PIPE_BYTES`, less when that
    many would pass `PIPES_BYTES` together (a power of two, as Linux rounds it), never
    less than the default."""
    share = PIPES_BYTES // max(jobs, 1)
    return max(DEFAULT_PIPE_BYTES, min(PIPE_BYTES, 1 << (share.bit_length() - 1)))


def _widen(pipe: int, size: int) -> None:
    """Ask for a pipe of `size` bytes where the system can be asked (Linux)."""
    setting = getattr(fcntl, "F_SETPIPE_SZ", None) if fcntl is not None else None
    if setting is not None:
        with contextlib.suppress(OSError):
            fcntl.fcntl(pipe, setting, size)


def _close(*handles: int) -> None:
    """Close these descriptors (-1 stands for one closed already)."""
    for handle in handles:
        if handle >= 0:
            os.close(handle)


def _write_all(handle: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(handle, view) :]


def _worker_signals(parent: int | None) -> None:
    """Ctrl-C and SIGHUP are the run's to handle: it stops its workers and rolls back; a
    worker stopped too would only print a traceback. SIGTERM ends a worker at once (the
    run then says it was interrupted). The run forked it with those signals held
    (`held_signals`): unblocked here, or SIGTERM would never reach it. A worker ends with
    the run (Linux): killed outright (`kill -9`, the OOM killer), the run left its workers
    waiting for pages for ever, holding the caller's pipes open. `parent` is None when a
    thread other than the main one forked it: the signal would come as that thread ends.
    The collector's thresholds are the run's, inherited."""
    for stop in HELD:
        signal.signal(stop, signal.SIG_DFL if stop == signal.SIGTERM else signal.SIG_IGN)
    mask = getattr(signal, "pthread_sigmask", None)
    if mask is not None:
        mask(signal.SIG_UNBLOCK, set(HELD))
    if parent is not None and sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:  # the run ended before the signal was asked for
            os._exit(1)
