"""The `codetables` command line: arguments in, one command run, errors mapped to exit codes.

A thin layer: `commands.py` does the work, imported only when needed. `--version` and a
plain `check` the fast path answers (`quick.py`) never get here: `start.py` answers them
before this module and argparse load. `main(argv)` catches the base error in one place
and maps it by the class hierarchy (`EXIT_CODES`, most specific first), so a new kind of
error can never escape as a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import threading
import warnings
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from . import __version__
from .console import Console, stdout_lost
from .errors import (
    CodetablesError,
    ConfigError,
    RenderError,
    SourceError,
    UsageError,
    WorkerError,
)
from .project import Project, find_project, output_dir
from .start import UNCHANGED, interrupted

EXIT_CODES: tuple[tuple[type[CodetablesError], int], ...] = (
    (SourceError, 2),
    (ConfigError, 2),
    (UsageError, 2),
    (RenderError, 2),
    (WorkerError, 2),
    (CodetablesError, 2),
)
"""Exit code per kind of error, most specific first; the first class an error is an instance
of decides. 0 is clean, 1 drift (`check`, `diff --exit-code`), 3 an internal bug."""

INTERNAL = 3
MAX_DIFF_LINES = 400
"""Most lines of diff `check` shows per file (`textdiff.MAX_LINES`, which a test holds
equal: importing it here would cost every start-up difflib)."""
INTERRUPTED = 130
"""Ctrl-C or SIGTERM: the shell's code for an interrupt; no artifact was changed."""
OUT_OF_MEMORY = (
    "out of memory, expected the run to be allowed more (a memory limit: ulimit -v, the "
    "container's); artifacts are replaced all together or not at all"
)
"""What a run short of memory says (exit 2: the environment, as an `OSError` is)."""


def exit_code(error: CodetablesError) -> int:
    """The exit code of an error: that of the first class in `EXIT_CODES` it belongs to."""
    return next(code for kind, code in EXIT_CODES if isinstance(error, kind))


EXAMPLES = {
    "generate": "examples:\n  codetables generate\n  codetables generate docs/status.md --out gen/",
    "check": "examples:\n  codetables check\n  codetables check -q || echo 'artifacts are stale'",
    "diff": "examples:\n  codetables diff old/状态码.md docs/状态码.md\n"
    "  codetables diff HEAD~1:docs/状态码.md docs/状态码.md --exit-code\n"
    "  codetables diff a.md b.md --format json",
    "parse": "examples:\n  codetables parse docs/状态码.md > model.json",
    "lint": "examples:\n  codetables lint\n  codetables lint docs/状态码.md --strict\n"
    "  codetables lint --format json",
}
EXIT_HELP = (
    "exit codes: 0 clean, 1 drift found by check (or a change, with diff --exit-code, or a "
    "finding, with lint --strict), "
    "2 bad input or usage, 3 internal error, 130 interrupted"
)

Runner = Callable[[argparse.Namespace, Project, Console], int]


def _generate(args: argparse.Namespace, project: Project, console: Console) -> int:
    from . import commands, templateset

    templates = templateset.of_run(project, args.templates)
    commands.collect_less()
    options = commands.Options.of(project, strict=args.strict, templates=templates)
    return commands.generate(project, args.sources, args.out, options, console)


def _check(args: argparse.Namespace, project: Project, console: Console) -> int:
    from . import templateset

    templates = templateset.of_run(project, args.templates)
    if (
        args.fast
        and not args.full
        and not args.sources
        and not args.verbose
        and args.templates is None
    ):
        from . import quick

        strict = args.strict or project.settings.strict
        directory = output_dir(project, args.out)
        answer = quick.check(project, directory, console, strict=strict)
        if answer is not None:
            return answer
    from . import commands

    commands.collect_less()
    options = commands.Options.of(project, strict=args.strict, templates=templates)
    return commands.check(project, args.sources, args.out, options, console, show_diff=args.diff)


def _diff(args: argparse.Namespace, project: Project, console: Console) -> int:
    from . import commands

    commands.collect_less()
    options = commands.Options.of(project, strict=args.strict)
    return commands.diff(
        project,
        args.old,
        args.new,
        options,
        console,
        as_json=args.format == "json",
        exit_code=args.exit_code,
    )


def _parse(args: argparse.Namespace, project: Project, console: Console) -> int:
    from . import commands

    commands.collect_less()
    options = commands.Options.of(project, strict=args.strict)
    return commands.parse_one(project, args.file, options, console)


def _lint(args: argparse.Namespace, project: Project, console: Console) -> int:
    import dataclasses

    from . import commands

    commands.collect_less()
    options = dataclasses.replace(commands.Options.of(project), strict=False)
    return commands.lint(
        project, args.sources, options, console, as_json=args.format == "json", strict=args.strict
    )


def argument_parser() -> argparse.ArgumentParser:
    """The argument parser: one subcommand per job, each with examples in its --help."""
    top = _Parser(
        prog="codetables",
        description="Status, error and result code tables from documentation pages, as artifacts.",
        epilog="examples:\n  codetables generate\n  codetables check\n"
        "  codetables diff HEAD~1:docs/状态码.md docs/状态码.md\n"
        "  codetables parse docs/状态码.md\n  codetables lint --strict\n\n" + EXIT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    top.add_argument("--version", action="version", version=f"codetables {__version__}")
    common = _Parser(add_help=False)
    common.add_argument("--debug", action="store_true", help="show a traceback on errors")
    loudness = common.add_mutually_exclusive_group()
    loudness.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    loudness.add_argument(
        "-v", "--verbose", action="store_true", help="also list skipped tables and files written"
    )
    subcommands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, summary: str, runner: Runner) -> argparse.ArgumentParser:
        sub = subcommands.add_parser(
            name,
            help=summary,
            description=summary,
            parents=[common],
            epilog=EXAMPLES[name] + "\n\n" + EXIT_HELP,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        sub.set_defaults(run=runner)
        if name != "lint":
            sub.add_argument(
                "--strict",
                action="store_true",
                help="treat warnings as errors (exit 2, nothing written)",
            )
        return sub

    for name, summary, runner in (
        ("generate", "render every source into the artifacts directory", _generate),
        ("check", "exit 1 saying why, with a diff, when the artifacts are not current", _check),
    ):
        sub = command(name, summary, runner)
        sub.add_argument("sources", nargs="*", metavar="SOURCE", help="default: configured")
        sub.add_argument("--out", metavar="DIR", help="artifacts directory (default: output/)")
        sub.add_argument(
            "--templates",
            metavar="DIR",
            help="a folder of templates replacing or adding artifacts (default: the "
            "configured one, else the built-ins)",
        )
        sub.add_argument(
            "--full",
            action="store_true",
            help="read and render every page, trusting no record of an earlier run "
            "(for CI on commits that may edit the artifacts and the manifest alike)",
        )
    sub.add_argument(
        "--diff",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="after saying what changed, show a unified diff of each file (default), "
        f"at most {MAX_DIFF_LINES} lines",
    )
    sub = command("diff", "say what changed in meaning between two versions of a page", _diff)
    sub.add_argument("old", metavar="OLD", help="a file, or REV:PATH read from git")
    sub.add_argument("new", metavar="NEW", help="a file, or REV:PATH read from git")
    sub.add_argument("--exit-code", action="store_true", help="exit 1 when the meaning changed")
    sub.add_argument(
        "--format", choices=("text", "json"), default="text", help="text (default) or json"
    )
    sub = command("parse", "print one page's JSON model on stdout", _parse)
    sub.add_argument("file", metavar="FILE")
    sub = command("lint", "say where the pages depart from the HTTP status registry", _lint)
    sub.add_argument("sources", nargs="*", metavar="SOURCE", help="default: configured")
    sub.add_argument("--strict", action="store_true", help="exit 1 when anything is found")
    sub.add_argument(
        "--format", choices=("text", "json"), default="text", help="text (default) or json"
    )
    return top


class _Parser(argparse.ArgumentParser):
    """argparse's parser, but help and usage that cannot be written are not passed over
    (argparse drops the error, and `--help > /dev/full` exited 0): `main` says so."""

    def _print_message(self, message: str, file: Any = None) -> None:
        if message:
            (file or sys.stderr).write(message)


def main(argv: Sequence[str] | None = None, *, fast: bool = True) -> int:
    """Run one command; map every error to its exit code and a one-line message. `fast`:
    whether `check` may try the fast path (`start.py` tried it already when it is False).

    Output that cannot be written never ends in a traceback: a reader that stops early
    (`check | head`) leaves the exit code what the command found; output lost otherwise (a
    full disk, a closed descriptor) makes a clean run exit 2, as its product is gone."""
    try:
        args = argument_parser().parse_args(argv)
    except SystemExit as done:  # --help, --version, or a usage error: printed, now flushed
        try:
            sys.stdout.flush()
        except (AttributeError, OSError, ValueError) as lost:
            return _lost(lost)
        raise done
    except OSError as lost:  # any of those to a closed stream
        return _lost(lost)
    except KeyboardInterrupt:  # Ctrl-C as the arguments are read: nothing was done
        stopped = Console()
        stopped.error(UNCHANGED)
        return stopped.finish(INTERRUPTED)
    args.fast = fast
    console = Console(quiet=args.quiet, verbose=args.verbose)
    code: int | None = None
    try:
        with _interrupt_on_terminate(), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # a library's warning is never the user's business
            code = _run(args, console)
    except KeyboardInterrupt:  # a signal as the run ended, before its handler was put back
        if code != INTERRUPTED:  # not said already
            console.error(_interrupted(console))
        code = INTERRUPTED
    except MemoryError:  # as the signals' handlers were put back, short of memory still
        if code is None:
            console.error(OUT_OF_MEMORY)
        code = 2 if code is None else code
    return console.finish(code)


def _interrupted(console: Console) -> str:
    """What an interrupted run says: whether the artifacts are all as they were, or all
    written."""
    if console.wrote:
        return "interrupted after every artifact was written"
    return UNCHANGED


def _lost(failure: BaseException) -> int:
    """Exit 2 for help or usage that could not be written, saying so on stderr if it can
    be written there (as a command's lost output is said)."""
    return stdout_lost(failure)


def _run(args: argparse.Namespace, console: Console) -> int:
    try:
        project = find_project(Path.cwd())
        code: int = args.run(args, project, console)
        return code
    except CodetablesError as exc:
        if args.debug:
            import traceback

            traceback.print_exc()
        console.error(str(exc), exc.hint)
        return exit_code(exc)
    except KeyboardInterrupt as exc:
        if getattr(exc, "written", False):
            console.wrote = True
        console.error(_interrupted(console))
        return INTERRUPTED
    except OSError as exc:  # the environment: a folder gone, a lock refused, permissions
        where = f"{exc.filename}: " if exc.filename else ""
        console.error(f"{where}{exc.strerror or exc}")
        return 2
    except MemoryError:  # the environment too: a memory limit (`ulimit -v`, a container's)
        console.error(OUT_OF_MEMORY)
        return 2
    except Exception as exc:  # a bug, not bad input: say so plainly
        if interrupted(exc):  # Ctrl-C while an import made a class
            console.error(_interrupted(console))
            return INTERRUPTED
        if args.debug:
            import traceback

            traceback.print_exc()
        console.error(
            f"internal error: {type(exc).__name__}: {exc}", "rerun with --debug and report it"
        )
        return INTERNAL


@contextlib.contextmanager
def _interrupt_on_terminate() -> Iterator[None]:
    """SIGTERM (a CI job's timeout, `kill`) and SIGHUP (a closed terminal) interrupt like
    Ctrl-C: a run stops with one line, never in the middle of replacing artifacts."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    stops = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    ignored = [stop for stop in stops if signal.getsignal(stop) == signal.SIG_IGN]  # nohup
    previous = {stop: signal.signal(stop, interrupt) for stop in stops if stop not in ignored}
    try:
        yield
    finally:
        for stop, handler in previous.items():
            signal.signal(stop, signal.SIG_DFL if handler is None else handler)
