"""What the command prints: quiet when all is well, clear when not, colour only on a terminal.

The streams are looked up when used, so tests capturing stdout and stderr see everything. A
stream that cannot be written (a reader gone, as with `| head`; a full disk; a closed
descriptor) never ends the run in a traceback: the failure is recorded and the command
finishes, so its exit code still says what it found.
"""

from __future__ import annotations

import errno
import os
import sys

from .errors import printable

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (the fast `check`)
if TYPE_CHECKING:
    from collections.abc import Iterable

PROGRESS_FROM = 6
"""A progress line is shown from this many sources on (and only on a terminal)."""

_COLOURS = {"+": "\033[32m", "-": "\033[31m", "@": "\033[36m"}
_BOLD, _RESET = "\033[1m", "\033[0m"


class Stream:
    """Standard output or error as the command writes to it: a failed write is recorded in
    `failure` and every later write is dropped, never raised."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.failure: OSError | None = None

    def _call(self, method: str, *arguments: str) -> None:
        if self.failure is not None:
            return
        stream = getattr(sys, self.name, None)
        try:
            if stream is None:  # started with the descriptor closed (`2>&-`)
                if method == "flush":  # nothing was written to it: nothing is lost
                    return
                raise OSError(errno.EBADF, "the stream is closed")
            getattr(stream, method)(*arguments)
        except OSError as exc:
            self.failure = exc
        except UnicodeEncodeError as exc:  # a console that cannot show the page's text
            self.failure = OSError(
                errno.EILSEQ,
                f"its encoding, {exc.encoding}, cannot hold this text; set PYTHONIOENCODING=utf-8",
            )
        except ValueError:  # the file object itself was closed
            self.failure = OSError(errno.EBADF, "the stream is closed")

    def write(self, text: str) -> None:
        self._call("write", text)

    def flush(self) -> None:
        self._call("flush")

    def isatty(self) -> bool:
        stream = getattr(sys, self.name, None)
        try:
            return self.failure is None and bool(stream is not None and stream.isatty())
        except (OSError, ValueError):
            return False

    @property
    def lost(self) -> bool:
        """Whether output was lost for another reason than a reader that stopped reading
        (a broken pipe is the reader's choice, as `| head` makes)."""
        return self.failure is not None and not isinstance(self.failure, BrokenPipeError)


class Console:
    """Verbosity, progress and colour for one run of a command."""

    def __init__(self, *, quiet: bool = False, verbose: bool = False) -> None:
        self.quiet = quiet
        self.verbose = verbose and not quiet
        self._progress_shown = False
        self.out = Stream("stdout")
        self.err = Stream("stderr")
        self.wrote = False
        """Whether this run replaced artifacts (an interruption after that says so)."""
        self.warnings: list[str] = []
        """Warnings shown so far: a full run records them for the fast check to show."""

    def colour(self, stream: Stream) -> bool:
        """Colour on a terminal, unless NO_COLOR is set (https://no-color.org)."""
        return stream.isatty() and not os.environ.get("NO_COLOR")

    def progress(self, done: int, total: int, label: str) -> None:
        """`[12/213] path` rewritten in place on a terminal; nothing otherwise."""
        if self.quiet or total < PROGRESS_FROM or not self.err.isatty():
            return
        line = f"[{done}/{total}] {printable(label)}"
        width = 78
        self.err.write("\r" + line[:width].ljust(width))
        self.err.flush()
        self._progress_shown = True

    def end_progress(self) -> None:
        """Clear the progress line, so what follows starts on a clean line."""
        if self._progress_shown:
            self.err.write("\r" + " " * 78 + "\r")
            self.err.flush()
            self._progress_shown = False

    def warning(self, message: str) -> None:
        """A problem in a source that did not stop the run: shown even with --quiet, which
        keeps only problems."""
        self.warnings.append(message)
        self.end_progress()
        self.err.write(f"warning: {printable(message)}\n")

    def error(self, message: str, hint: str = "") -> None:
        """The one line that says why the run failed, and what to do when known."""
        self.end_progress()
        self.err.write(f"error: {printable(message)}\n")
        if hint:
            self.err.write(f"hint: {hint}\n")

    def info(self, message: str) -> None:
        """Detail shown with --verbose only."""
        if self.verbose:
            self.end_progress()
            self.err.write(f"{printable(message)}\n")

    def summary(self, message: str) -> None:
        """The one closing line (hidden with --quiet)."""
        self.end_progress()
        if not self.quiet:
            self.err.write(printable(message) + "\n")

    def diff(self, lines: Iterable[str]) -> None:
        """A unified diff on stdout, coloured on a terminal; control characters of the
        files (an escape sequence in a committed artifact) shown escaped, never sent."""
        colour = self.colour(self.out)
        for line in lines:
            line = line.removesuffix("\n").translate(_SHOWN) + "\n"
            if colour and line[:3] in ("---", "+++"):
                line = _BOLD + line.rstrip("\n") + _RESET + "\n"
            elif colour and line[:1] in _COLOURS:
                line = _COLOURS[line[:1]] + line.rstrip("\n") + _RESET + "\n"
            self.out.write(line if line.endswith("\n") else line + "\n")

    def finish(self, code: int) -> int:
        """The run's exit code, once its output is flushed: output lost otherwise than to a
        reader that stopped (a full disk, a closed descriptor, an encoding that cannot hold
        the text), on standard output or on standard error (its warnings, its summary),
        makes a clean run exit 2, as what it printed is gone; a run that found a drift or a
        finding (1) keeps its code and says its output was cut short; a failed stream is
        pointed at the null device, so the interpreter's last flush cannot fail again."""
        self.out.flush()
        self.err.flush()
        if self.out.lost and code in (0, 1):  # 1: a drift or a finding, shown in part
            reason = getattr(self.out.failure, "strerror", None) or "closed"
            self.error(
                f"cannot write to standard output ({reason})"
                + ("; what was found is not all shown" if code else "")
            )
            code = code or 2
        elif self.err.lost and code == 0:  # warnings or the summary gone: nowhere to say so
            code = 2
        detach_failed(*(getattr(sys, s.name, None) for s in (self.out, self.err) if s.failure))
        return code


_SHOWN = {code: f"\\x{code:02x}" for code in (*range(0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0))}
_SHOWN.update({code: f"\\u{code:04x}" for code in (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F))})
_SHOWN.update({code: f"\\u{code:04x}" for code in range(0x2066, 0x206A)})
"""Control characters but the tab (C0, a line end being the diff's own; DEL; C1) and the
marks and controls that reorder text (`errors.printable`'s), as they are shown in a diff."""


def stdout_lost(failure: BaseException) -> int:
    """Exit 2 for output that could not be written to stdout (help, usage, the version),
    said on stderr if it can be written there."""
    detach_failed(sys.stdout)
    reason = getattr(failure, "strerror", None) or "closed"
    try:
        sys.stderr.write(f"error: cannot write to standard output ({reason})\n")
        sys.stderr.flush()
    except (AttributeError, OSError, ValueError):
        detach_failed(sys.stderr)
    return 2


def detach_failed(*streams: object) -> None:
    """Point failed standard streams at the null device, so the interpreter's last flush
    of what they still buffer cannot fail again (exit 120, "Exception ignored")."""
    for stream in streams:
        try:
            descriptor = stream.fileno()  # type: ignore[attr-defined]
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, descriptor)
            os.close(null)
        except (AttributeError, OSError, ValueError):
            continue


def count(number: int, noun: str) -> str:
    """`1 source`, `3 sources`, `1,204 rows`."""
    return f"{number:,} {noun}{'' if number == 1 else 's'}"
