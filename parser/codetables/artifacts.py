"""The artifacts directory: which files are codetables' own, which are stale, and replacing
them all at once.

A file is codetables' own only when its generated header is exactly there (`stamp.read`):
a hand-written README that mentions codetables, or any other file, is never changed or
removed, and no artifact is ever written outside the directory (not through `..`, not
through a symbolic link). An artifact is stale, and removed, only when the page it was made
from no longer exists: artifacts of other pages, or of another project sharing the
directory, are left alone. Writes are all or nothing: every changed file is staged beside
its target first, then all are renamed into place.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from . import stamp
from .errors import UsageError
from .render import INDEX_NAME

HEAD_BYTES = 4096
"""Bytes read from a file to see whether it starts with a generated header."""


def check_directory(directory: Path) -> None:
    """The artifacts directory is a directory, or does not exist yet."""
    if directory.exists() and not directory.is_dir():
        raise UsageError(
            "the artifacts directory is a file, expected a directory", path=str(directory)
        )


def target(directory: Path, name: str) -> Path:
    """Where the artifact `name` goes: inside `directory`, or a UsageError."""
    path = directory / name
    inside = Path(os.path.abspath(path)).is_relative_to(os.path.abspath(directory))
    if not inside or not _real(path).is_relative_to(_real(directory)):
        raise UsageError(
            "would be written outside the artifacts directory (through '..' or a symbolic "
            "link), expected a place inside it",
            path=str(path),
        )
    return path


def _real(path: Path) -> Path:
    """The path with every symbolic link of its existing part resolved."""
    return Path(os.path.realpath(path))


def owned(directory: Path, names: Iterable[str]) -> dict[str, bytes]:
    """The artifacts among `names` that exist in `directory` and are codetables' own, with
    their bytes (also those an older codetables wrote, recognised by their exact words)."""
    found: dict[str, bytes] = {}
    for name in names:
        path = target(directory, name)
        data = _read_if_owned(path, legacy=True) if path.is_file() else None
        if data is not None:
            found[name] = data
    return found


def all_owned(directory: Path) -> dict[str, bytes]:
    """Every file under `directory` that carries a generated header, by relative path.

    `.git` and symbolic links to directories are not entered; only regular files with an
    artifact suffix are opened, and only their first bytes unless they are artifacts.
    """
    check_directory(directory)
    found: dict[str, bytes] = {}
    for folder, subfolders, files in os.walk(directory):
        subfolders[:] = sorted(name for name in subfolders if name != ".git")
        for name in sorted(files):
            path = Path(folder) / name
            if not stamp.suffix_of(name) or not path.is_file() or path.is_symlink():
                continue
            data = _read_if_owned(path, legacy=False)
            if data is not None:
                found[path.relative_to(directory).as_posix()] = data
    return found


def _read_if_owned(path: Path, *, legacy: bool) -> bytes | None:
    """The file's bytes when it carries a generated header, else None (read no further)."""
    try:
        with path.open("rb") as stream:
            head = stream.read(HEAD_BYTES)
            text = head.decode("utf-8", "replace")
            if stamp.read(path.name, text) is None and not (
                legacy and stamp.is_legacy(path.name, text)
            ):
                return None
            return head + stream.read()
    except OSError as exc:
        raise UsageError(f"cannot read it ({exc.strerror or exc})", path=str(path)) from None


def stale(
    found: Mapping[str, bytes], produced: Iterable[str], root: Path, *, with_index: bool
) -> list[str]:
    """Artifacts to remove: those of pages that no longer exist (the source recorded in the
    page's JSON artifact is gone from the project), and the index when a full run makes
    none. An artifact whose page cannot be told is left alone."""
    made = set(produced)
    out = []
    for name in sorted(set(found) - made):
        if name == INDEX_NAME:
            if with_index:
                out.append(name)
            continue
        source = _recorded_source(found.get(name.rsplit(".", 1)[0] + ".json"))
        if source is not None and not (root / source).exists():
            out.append(name)
    return out


def _recorded_source(data: bytes | None) -> str | None:
    """`source.path` of a JSON artifact, if it can be read."""
    try:
        model = json.loads(data or b"")
        path = model["source"]["path"]
    except (ValueError, KeyError, TypeError):
        return None
    return path if isinstance(path, str) and path else None


def refuse_foreign(directory: Path, names: Iterable[str], mine: Mapping[str, bytes]) -> None:
    """A UsageError when an artifact would replace a file codetables did not write."""
    for name in names:
        path = target(directory, name)
        if name not in mine and (path.exists() or path.is_symlink()):
            raise UsageError(
                "exists and was not written by codetables (no generated header), expected "
                "the artifact's place to be free",
                path=str(path),
                hint="move the file away, or set another name in [tool.codetables.names]",
            )


def replace_all(directory: Path, changed: dict[str, bytes], remove: list[str]) -> None:
    """Write every changed file as a temporary file beside its target, then rename them all
    into place, then remove the stale ones (and the folders that leaves empty).

    A failure while writing (disk full, permissions, a file where a folder should be)
    removes the temporary files and leaves every artifact as it was; only the renames,
    which do not fail for want of space, remain.
    """
    staged: list[tuple[Path, Path]] = []
    try:
        for name, data in changed.items():
            path = target(directory, name)
            path.parent.mkdir(parents=True, exist_ok=True)
            target(directory, name)  # again, now that the folders exist
            handle, staging = tempfile.mkstemp(
                dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
            )
            staged.append((Path(staging), path))
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
        for temporary, path in staged:
            os.replace(temporary, path)
        for name in remove:
            path = target(directory, name)
            path.unlink()
            _remove_empty_folders(path.parent, directory)
    except OSError as exc:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        raise UsageError(
            f"cannot write the artifacts ({exc.strerror or exc})", path=str(directory)
        ) from None


def _remove_empty_folders(folder: Path, directory: Path) -> None:
    """Remove `folder` and its parents up to (not including) `directory` while empty."""
    top = Path(os.path.abspath(directory))
    current = Path(os.path.abspath(folder))
    while current != top and current.is_relative_to(top) and not any(current.iterdir()):
        current.rmdir()
        current = current.parent
