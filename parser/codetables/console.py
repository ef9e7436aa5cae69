"""What the command prints: quiet when all is well, clear when not, colour only on a terminal.

The streams are looked up when used, so tests capturing stdout and stderr see everything.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from typing import TextIO

PROGRESS_FROM = 6
"""A progress line is shown from this many sources on (and only on a terminal)."""

_COLOURS = {"+": "\033[32m", "-": "\033[31m", "@": "\033[36m"}
_BOLD, _RESET = "\033[1m", "\033[0m"


def _is_terminal(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class Console:
    """Verbosity, progress and colour for one run of a command."""

    def __init__(self, *, quiet: bool = False, verbose: bool = False) -> None:
        self.quiet = quiet
        self.verbose = verbose and not quiet
        self._progress_shown = False

    @property
    def out(self) -> TextIO:
        return sys.stdout

    @property
    def err(self) -> TextIO:
        return sys.stderr

    def colour(self, stream: TextIO) -> bool:
        """Colour on a terminal, unless NO_COLOR is set (https://no-color.org)."""
        return _is_terminal(stream) and not os.environ.get("NO_COLOR")

    def progress(self, done: int, total: int, label: str) -> None:
        """`[12/213] path` rewritten in place on a terminal; nothing otherwise."""
        if self.quiet or total < PROGRESS_FROM or not _is_terminal(self.err):
            return
        line = f"[{done}/{total}] {label}"
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
        self.end_progress()
        self.err.write(f"warning: {message}\n")

    def info(self, message: str) -> None:
        """Detail shown with --verbose only."""
        if self.verbose:
            self.end_progress()
            self.err.write(f"{message}\n")

    def summary(self, message: str) -> None:
        """The one closing line (hidden with --quiet)."""
        self.end_progress()
        if not self.quiet:
            self.err.write(message + "\n")

    def diff(self, lines: Iterable[str]) -> None:
        """A unified diff on stdout, coloured on a terminal."""
        colour = self.colour(self.out)
        for line in lines:
            if colour and line[:3] in ("---", "+++"):
                line = _BOLD + line.rstrip("\n") + _RESET + "\n"
            elif colour and line[:1] in _COLOURS:
                line = _COLOURS[line[:1]] + line.rstrip("\n") + _RESET + "\n"
            self.out.write(line if line.endswith("\n") else line + "\n")


def count(number: int, noun: str) -> str:
    """`1 source`, `3 sources`, `1,204 rows`."""
    return f"{number:,} {noun}{'' if number == 1 else 's'}"
