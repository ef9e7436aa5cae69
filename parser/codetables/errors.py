"""Exceptions, one class per kind of failure; the CLI maps each kind to an exit code."""

from __future__ import annotations

import re


class CodetablesError(Exception):
    """Base class: a message that can cite a file and a line, and may carry a hint."""

    def __init__(
        self, message: str, *, path: str | None = None, line: int | None = None, hint: str = ""
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.hint = hint

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            path = printable(self.path)
            where = f"{path}:{self.line}: " if self.line is not None else f"{path}: "
        return where + self.message


_HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Control characters (C0, DEL, C1) and the marks and controls that reorder text (U+202E
shows what follows right to left): escaped in what is said on a terminal."""


def printable(text: str) -> str:
    """Text as one line of plain text: control characters (a newline, an escape sequence in
    a file name, C1's CSI) and bidirectional controls are shown escaped, never sent to the
    terminal."""
    if _HIDDEN.search(text) is None:
        return text
    return _HIDDEN.sub(lambda found: repr(found.group())[1:-1], text)


class Interrupted(KeyboardInterrupt):
    """Ctrl-C (or SIGTERM, SIGHUP) held back while artifacts were replaced, delivered when
    that was over: `written` says whether they all had been (else all were put back)."""

    def __init__(self, *, written: bool) -> None:
        super().__init__()
        self.written = written


class SourceError(CodetablesError):
    """A source page cannot be read as a code table: the input is wrong, not the tool."""


class ConfigError(CodetablesError):
    """The [tool.codetables] configuration is invalid."""


class UsageError(CodetablesError):
    """The command line asks for something that cannot be done."""


class RenderError(CodetablesError):
    """A template failed or the artifacts would clash; the templates or settings are wrong."""


class WorkerError(CodetablesError):
    """A worker process ended before it returned its page (killed, out of memory): the
    system stopped it, neither the input nor the tool."""
