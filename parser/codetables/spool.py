"""An artifact's bytes while a command holds them: in memory while small, else in a file.

`render.write` hands an artifact over in pieces; a `Writer` keeps them in memory up to
SPOOL_BYTES, past that in a file of the run's spool folder (a temporary folder, never the
output directory), and puts the header's checksum in place at the end. Comparisons,
writes and digests read a `Text` a chunk at a time, so the JSON of a 100,000-row table
(120 MB as Python text) is never whole in memory on the way to its file. Part of the
command layer: it is the only other place, beside `artifacts`, that touches files.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NoReturn

from .errors import UsageError

SPOOL_BYTES = 1 << 22
"""An artifact past this many bytes goes to a file (4 MiB: past every real page's)."""
CHUNK = 1 << 20
"""Bytes read at a time from a spooled file."""


@dataclass(frozen=True, slots=True)
class Text:
    """An artifact's bytes (UTF-8, `\\n` line ends): `data` in memory, or the file at `path`
    holding `size` bytes. Picklable, so a worker process hands it over as it is."""

    size: int
    data: bytes | None = None
    path: str | None = None

    @classmethod
    def of(cls, text: str | bytes) -> Text:
        """A small text held in memory."""
        data = text.encode("utf-8") if isinstance(text, str) else text
        return cls(len(data), data)

    def chunks(self) -> Iterator[bytes]:
        """The bytes, a chunk at a time."""
        if self.data is not None:
            yield self.data
            return
        assert self.path is not None
        with open(self.path, "rb") as stream:
            while chunk := stream.read(CHUNK):
                yield chunk

    def read(self) -> bytes:
        """The bytes whole: for a diff, an explanation, a small file."""
        return self.data if self.data is not None else b"".join(self.chunks())

    def decoded(self) -> str:
        """The text whole."""
        return self.read().decode("utf-8", "replace")


def same(one: Text | None, other: Text | None) -> bool:
    """Whether two texts hold the same bytes (None: no file), read side by side."""
    if one is None or other is None:
        return one is other
    if one.size != other.size:
        return False
    if one.data is not None and other.data is not None:
        return one.data == other.data
    left, right = _Reader(one), _Reader(other)
    while True:
        a, b = left.read(CHUNK), right.read(CHUNK)
        if a != b:
            return False
        if not a:
            return True


class _Reader:
    """A text's bytes read `count` at a time, whatever its chunks."""

    def __init__(self, text: Text) -> None:
        self.chunks = text.chunks()
        self.current = memoryview(b"")
        self.at = 0

    def read(self, count: int) -> bytes:
        """The next `count` bytes; fewer only at the end."""
        parts: list[memoryview] = []
        size = 0
        while size < count:
            if self.at >= len(self.current):
                chunk = next(self.chunks, None)
                if chunk is None:
                    break
                self.current, self.at = memoryview(chunk), 0
                continue
            piece = self.current[self.at : self.at + count - size]
            self.at += len(piece)
            parts.append(piece)
            size += len(piece)
        return b"".join(parts)


class Folder:
    """The run's spool folder: made on first need in the system's temporary folder, and
    removed with all it holds when the command is over (`with`). A worker process gets
    `for_workers`: the folder its parent made, never one of its own."""

    def __init__(self) -> None:
        self._path: str | None = None
        self._usable = True
        self._lock = -1
        """A descriptor of the folder, locked while the run lives (`remove_abandoned`)."""

    def for_workers(self) -> Folder:
        """This folder, made now, for worker processes: one that never makes another (a
        worker's own would be removed by no one); None made: theirs stay in memory."""
        given = Folder()
        given._path = self.path()
        given._usable = False  # and no lock of its own: the parent's is the run's
        return given

    def path(self) -> str | None:
        """The folder, made now if need be; None when none can be made: large artifacts
        then stay in memory, as small ones do. The folders of runs that were killed (no
        process has their number now) are removed first."""
        if self._path is None and self._usable:
            try:
                self._path = tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-")
            except OSError:
                self._usable = False
            else:
                self._lock = _locked(self._path)
                remove_abandoned(os.path.dirname(self._path))
        return self._path

    def __enter__(self) -> Folder:
        return self

    def __exit__(self, *_: object) -> None:
        if self._path is not None:
            shutil.rmtree(self._path, ignore_errors=True)
            self._path = None
        if self._lock >= 0:
            os.close(self._lock)
            self._lock = -1


PREFIX = "codetables-"
_FOLDER = re.compile(re.escape(PREFIX) + r"([0-9]+)-[A-Za-z0-9_]+")
_PART = re.compile(r"tmp[A-Za-z0-9_]+\.part")


def _locked(folder: str) -> int:
    """A descriptor of the folder with an exclusive lock on it, held until it is closed
    (the process's end closes it, however it ends); -1 where there are no such locks."""
    try:
        import fcntl

        handle = os.open(folder, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except (ImportError, OSError):
        return -1
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(handle)
        return -1
    return handle


def _abandoned(folder: str) -> bool:
    """Whether no process holds the folder's lock (`_locked`): its run is over. A run in
    another container sharing the folder holds it too, though its process number means
    nothing here; where there are no locks, no folder is taken for abandoned."""
    handle = _locked(folder)
    if handle < 0:
        return False
    os.close(handle)
    return True


def remove_abandoned(where: str) -> list[str]:
    """Remove the spool folders in `where` of runs killed outright (`kill -9`), which could
    not remove their own: this user's, made as codetables makes them (mode 700), named
    for a process that no longer runs, unlocked (`Folder`), holding only spooled
    artifacts. Anything else is left alone. The ones removed."""
    removed: list[str] = []
    if os.name != "posix":  # elsewhere `os.kill(pid, 0)` would end the process
        return removed
    try:
        names = os.listdir(where)
    except OSError:
        return removed
    for name in names:
        match = _FOLDER.fullmatch(name)
        if match is None or _running(int(match.group(1))):
            continue
        folder = os.path.join(where, name)
        try:
            status = os.lstat(folder)
            if not stat.S_ISDIR(status.st_mode) or status.st_uid != os.getuid():
                continue
            if stat.S_IMODE(status.st_mode) != 0o700 or not _abandoned(folder):
                continue
            parts = os.listdir(folder)
            if not all(_PART.fullmatch(part) for part in parts):
                continue
            for part in parts:
                os.unlink(os.path.join(folder, part))
            os.rmdir(folder)
        except OSError:
            continue
        removed.append(folder)
    return removed


def _running(pid: int) -> bool:
    """Whether a process with this number runs (or may: one of another user's)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):
        return True
    return True


class Writer:
    """`render.write`'s `open_artifact`: each artifact becomes a `Text` in `texts`."""

    def __init__(self, folder: Folder | None) -> None:
        self.folder = folder
        """Where artifacts past SPOOL_BYTES go; None: they stay in memory."""
        self.texts: dict[str, Text] = {}

    def __call__(self, name: str) -> _Out:
        return _Out(self, name)


class _Out:
    """One artifact on its way to a `Text` (`render.Out`)."""

    def __init__(self, writer: Writer, name: str) -> None:
        self.writer = writer
        self.name = name
        self.held: list[bytes] = []
        self.size = 0
        self.handle: int | None = None
        self.path: str | None = None

    def write(self, data: bytes) -> None:
        self.size += len(data)
        if self.handle is not None:
            self._put(data)
            return
        self.held.append(data)
        if self.size > SPOOL_BYTES and self.writer.folder is not None:
            folder = self.writer.folder.path()
            if folder is None:
                return
            self.path = self._open(folder)
            held, self.held = self.held, []
            for chunk in held:
                self._put(chunk)

    def close(self, offset: int, header: bytes) -> None:
        if self.handle is None:
            whole = bytearray().join(self.held)
            self.held.clear()
            whole[offset : offset + len(header)] = header
            self.writer.texts[self.name] = Text(len(whole), bytes(whole))
            return
        try:
            os.pwrite(self.handle, header, offset)
        except OSError as exc:
            self._failed(exc)
        finally:
            os.close(self.handle)
            self.handle = None
        self.writer.texts[self.name] = Text(self.size, path=self.path)

    def discard(self) -> None:
        self.held.clear()
        if self.handle is not None:
            with contextlib.suppress(OSError):
                os.close(self.handle)
            self.handle = None
        if self.path is not None:
            with contextlib.suppress(OSError):
                os.unlink(self.path)

    def _open(self, folder: str) -> str:
        """A new file in the spool folder, open in `handle`; its path."""
        try:
            self.handle, path = tempfile.mkstemp(suffix=".part", dir=folder)
        except OSError as exc:
            self._failed(exc)
        return path

    def _put(self, data: bytes) -> None:
        assert self.handle is not None
        view = memoryview(data)
        try:
            while view:
                view = view[os.write(self.handle, view) :]
        except OSError as exc:
            with contextlib.suppress(OSError):
                os.close(self.handle)
            self.handle = None
            self._failed(exc)

    def _failed(self, exc: OSError) -> NoReturn:
        raise UsageError(
            f"cannot write a large artifact to a temporary file ({exc.strerror or exc}); "
            "every artifact is as it was",
            path=tempfile.gettempdir(),
            hint="free some space in the temporary folder, or set TMPDIR to another",
        ) from None
