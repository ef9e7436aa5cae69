"""The program's entry point: `codetables --version`, and a plain `codetables check` or
`generate` with nothing to do, are answered before the command line module and its imports
(argparse, pathlib, tomllib, dataclasses) load, so asking costs little more than starting
Python."""

from __future__ import annotations

import os
import sys

from . import __version__

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from typing import NoReturn, TypeVar

    T = TypeVar("T")

ENDING = False
"""Whether the process ends (`os._exit`) as soon as the command returns (`run`): what a
command made is then `held` to the end, not freed one object at a time just before the
process goes anyway (a corpus' Documents and artifacts: 8 to 14 ms of `generate`)."""
_HELD: list[object] = []


def held(value: T) -> T:
    """`value`, kept alive to the process's end when it ends at once (`ENDING`); else, as
    for a library's caller, left to be freed as ever."""
    if ENDING:
        _HELD.append(value)
    return value


def main(argv: Sequence[str] | None = None) -> int:
    """`--version` alone, at once; a `check` or a `generate` the fast path answers
    (`quick.answer`), at once; anything else to `cli.main`."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments == ["--version"]:
        return _version()
    replaced = _stop_on_terminate()
    try:
        try:
            outcome = _main(arguments)
        finally:
            _put_back(replaced)  # `cli` takes the signals over with handlers of its own
    except KeyboardInterrupt:  # a stop signal as the handlers were put back: nothing done
        return _stopped()
    if isinstance(outcome, int):
        return outcome
    run, fast = outcome
    return run(argv, fast=fast)


def _stop_on_terminate() -> dict[int, object]:
    """SIGTERM (`timeout`, `kill`) and SIGHUP (a closed terminal) stop the command as Ctrl-C
    does (exit 130, one line), from its start: the fast path and the imports before `cli`
    puts its own handlers in place were ended by the signal itself (exit 143, nothing said;
    found by a probe). Not one that was ignored (`nohup`). The handlers replaced are
    returned, to put back. `_signal` is the module under `signal`, without its enums:
    importing `signal` cost the fast path 9 ms."""
    try:
        import _signal  # type: ignore[import-not-found]  # (no stubs: it is `signal`'s)
    except ImportError:  # an interpreter without it: the signals end the run, as before
        return {}
    replaced: dict[int, object] = {}
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(_signal, name, None)
        if number is None:
            continue
        try:
            if _signal.getsignal(number) != _signal.SIG_IGN:
                replaced[number] = _signal.signal(number, _interrupt)
        except (OSError, ValueError):  # not the main thread: signals are not its to take
            break
    return replaced


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _put_back(replaced: dict[int, object]) -> None:
    if replaced:
        import _signal

        for number, handler in replaced.items():
            _signal.signal(number, _signal.SIG_DFL if handler is None else handler)


def _main(arguments: list[str]) -> int | tuple[Callable[..., int], bool]:
    """The fast path's exit code, or `cli.main` and whether it may try the fast path."""
    fast = True
    try:
        if arguments[:1] in (["check"], ["generate"]):
            from .quick import answer, options

            plain = options(arguments[1:], arguments[0])
            if plain is not None:
                code = answer(*plain, arguments[0])
                if code is not None:
                    return code
                fast = False  # tried: the full path need not read it all again
        from .cli import main as run
    except KeyboardInterrupt:  # Ctrl-C while starting: nothing was done
        return _stopped()
    except Exception as exc:
        if interrupted(exc):
            return _stopped()
        raise
    return run, fast


WATCHERS = ("coverage", "bdb", "pydevd", "debugpy")
"""Modules that watch a program end: coverage writes its data, a debugger (pdb is built on
bdb) reports the exit, as the interpreter ends."""


def _watched() -> bool:
    """Whether something expects the interpreter's usual ending: a tracer or profiler (by
    `sys.settrace`, `sys.setprofile` or, from Python 3.12, `sys.monitoring`, as cProfile
    there), a debugger or coverage loaded, or the interactive prompt asked for after the
    program (`python -i`, `PYTHONINSPECT`)."""
    if sys.gettrace() is not None or sys.getprofile() is not None:
        return True
    if sys.flags.inspect or os.environ.get("PYTHONINSPECT"):
        return True
    monitoring = getattr(sys, "monitoring", None)
    if monitoring is not None and any(monitoring.get_tool(tool) is not None for tool in range(6)):
        return True
    return any(name in sys.modules for name in WATCHERS)


UNCHANGED = "interrupted; no artifact was changed"
"""What a run interrupted before it wrote says (`cli` says it too)."""


def _stopped() -> int:
    """Exit 130 for Ctrl-C before the command began, said as an interrupted run says it
    (it said nothing: a run stopped early looked like one that had nothing to say)."""
    try:
        sys.stderr.write(f"error: {UNCHANGED}\n")
        sys.stderr.flush()
    except (AttributeError, OSError, ValueError):  # no stderr to say it on
        pass
    return 130


def run() -> NoReturn:
    """The program (`codetables`, `python -m codetables`): `main`, then the process ends as
    soon as its output is out. The interpreter's own ending frees every module (Jinja's,
    markdown-it's, lxml's) one object at a time: 25 to 45 ms of a `generate` that had
    nothing left to do (`benchmarks/README.md`). It still ends the usual way when the
    output cannot be written out (it then says so, as ever) or when someone watches the
    run end (`_watched`)."""
    global ENDING
    ENDING = True  # what the command makes is held (`held`), not freed, before the end
    code = main()
    try:
        if not _watched():
            try:
                for stream in (sys.stdout, sys.stderr):
                    if stream is not None:
                        stream.flush()
            except Exception:  # the interpreter's ending says what failed
                pass
            else:
                os._exit(code)
    except KeyboardInterrupt:  # Ctrl-C as the last of the output went out: no traceback
        os._exit(130)
    raise SystemExit(code)


def interrupted(exc: BaseException) -> bool:
    """Whether an error is Ctrl-C in disguise: an interrupt while a class was made (in an
    import) comes out as the RuntimeError of its `__set_name__`."""
    seen: set[int] = set()
    found: BaseException | None = exc
    while found is not None and id(found) not in seen:
        if isinstance(found, KeyboardInterrupt):
            return True
        seen.add(id(found))
        found = found.__cause__ or found.__context__
    return False


def _version() -> int:
    """Print the version: exit 0, also to a reader that stopped (`| true`, as a command's
    output); a closed or full stdout is exit 2 said on stderr (it failed without a word)."""
    try:
        sys.stdout.write(f"codetables {__version__}\n")
        sys.stdout.flush()
    except (AttributeError, OSError, ValueError) as failure:
        from .console import detach_failed, stdout_lost

        if isinstance(failure, BrokenPipeError):
            detach_failed(sys.stdout)
            return 0
        return stdout_lost(failure)
    return 0
