"""The artifacts directory: which files are codetables' own, and replacing them all at once.

A file is codetables' own only when its generated header is exactly there (`stamp.read`):
a hand-written README that mentions codetables, or any other file, is never changed or
removed. Writes are all or nothing: every changed file is staged beside its target first,
then all are renamed into place.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from . import stamp
from .errors import UsageError

HEAD_BYTES = 4096
"""Bytes read from a file to see whether it starts with a generated header."""


def owned_files(directory: Path) -> dict[str, bytes]:
    """Every artifact codetables wrote under `directory`, by `/`-separated relative path.

    Hidden files and directories (temporary files, `.git`) and symbolic links to
    directories are not entered; only regular files with an artifact suffix are opened.
    """
    if directory.exists() and not directory.is_dir():
        raise UsageError(
            "the artifacts directory is a file, expected a directory", path=str(directory)
        )
    found: dict[str, bytes] = {}
    for folder, subfolders, files in os.walk(directory):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        for name in sorted(files):
            path = Path(folder) / name
            if name.startswith(".") or not stamp.suffix_of(name) or not path.is_file():
                continue
            data = _read_if_owned(path)
            if data is not None:
                found[path.relative_to(directory).as_posix()] = data
    return found


def _read_if_owned(path: Path) -> bytes | None:
    """The file's bytes when it carries a generated header, else None (read no further)."""
    try:
        with path.open("rb") as stream:
            head = stream.read(HEAD_BYTES)
            lines = head.decode("utf-8", "replace").split("\n")[:2]
            if stamp.read(path.name, "\n".join(lines)) is None:
                return None
            return head + stream.read()
    except OSError as exc:
        raise UsageError(f"cannot read it ({exc.strerror or exc})", path=str(path)) from None


def refuse_foreign(directory: Path, names: Iterable[str], owned: Mapping[str, bytes]) -> None:
    """A UsageError when an artifact would replace a file codetables did not write."""
    for name in names:
        target = directory / name
        if name not in owned and (target.exists() or target.is_symlink()):
            raise UsageError(
                "exists and was not written by codetables (no generated header), expected "
                "the artifact's place to be free",
                path=str(target),
                hint="move the file away, or set another name in [tool.codetables.names]",
            )


def replace_all(directory: Path, changed: dict[str, bytes], stale: list[str]) -> None:
    """Write every changed file as a temporary file beside its target, then rename them all
    into place, then remove the stale ones.

    A failure while writing (disk full, permissions, a file where a folder should be)
    removes the temporary files and leaves every artifact as it was; only the renames,
    which do not fail for want of space, remain.
    """
    staged: list[tuple[Path, Path]] = []
    try:
        for name, data in changed.items():
            target = directory / name
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, path = tempfile.mkstemp(
                dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
            )
            staged.append((Path(path), target))
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
        for temporary, target in staged:
            os.replace(temporary, target)
        for name in stale:
            (directory / name).unlink()
    except OSError as exc:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        raise UsageError(
            f"cannot write the artifacts ({exc.strerror or exc})", path=str(directory)
        ) from None
