"""The artifacts directory: which files are codetables' own, which are stale, and replacing
them all at once.

A file is codetables' own only when its generated header is exactly there (`stamp.read`):
a hand-written README that mentions codetables, or any other file, is never changed. A file
is removed only when the manifest (`.codetables-manifest.json`, itself an artifact) lists
it as written by this project and no source makes it any more: artifacts of another project
sharing the directory, or anything the manifest does not list, are never removed, and the
directory is never searched. No artifact is written outside the directory (not through
`..`, not through a symbolic link). Writes are all or nothing: every changed file is staged
beside its target first, then all are renamed into place.
"""

from __future__ import annotations

import json
import os
import posixpath
import stat
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from . import stamp
from .errors import UsageError
from .render import MANIFEST_FORMAT

HEAD_BYTES = 4096
"""Bytes read from a file to see whether it starts with a generated header."""
MANIFEST = ".codetables-manifest.json"
"""The artifact listing, per project, the artifacts each wrote in the directory."""


def check_directory(directory: Path) -> None:
    """The artifacts directory is a directory, or does not exist yet."""
    if directory.exists() and not directory.is_dir():
        raise UsageError(
            "the artifacts directory is a file, expected a directory", path=str(directory)
        )


def project_key(directory: Path, root: Path) -> str:
    """How the manifest names a project: its root relative to the artifacts directory
    (`..` for `output/` inside it), the same on every clone."""
    return Path(os.path.relpath(os.path.abspath(root), os.path.abspath(directory))).as_posix()


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
    their bytes, line ends as generated (also those an older codetables wrote, recognised by
    their exact words)."""
    found: dict[str, bytes] = {}
    for name in names:
        path = target(directory, name)
        try:
            regular = path.is_file()
        except OSError:  # a name no file can have
            regular = False
        data = _read_if_owned(path) if regular else None
        if data is not None:
            found[name] = data
    return found


def _read_if_owned(path: Path) -> bytes | None:
    """The file's bytes when it carries a generated header, else None (read no further).
    CRLF line ends (a checkout with `core.autocrlf`) read as the LF they were written with."""
    try:
        with path.open("rb") as stream:
            head = stream.read(HEAD_BYTES)
            if not stamp.is_artifact(path.name, head):
                return None
            return (head + stream.read()).replace(b"\r\n", b"\n")
    except OSError as exc:
        raise UsageError(f"cannot read it ({exc.strerror or exc})", path=str(path)) from None


def read_manifest(directory: Path) -> dict[str, list[str]] | None:
    """The manifest's lists of artifacts by project, or None when there is none yet. One
    that cannot be read (a merge conflict, another format) is an error: guessing would
    orphan artifacts or remove another project's."""
    data = owned(directory, [MANIFEST]).get(MANIFEST)
    if data is None:
        return None
    try:
        model = json.loads(data)
        projects = model["projects"] if model.get("format") == MANIFEST_FORMAT else None
    except (ValueError, RecursionError, AttributeError, KeyError, TypeError):
        projects = None
    if not isinstance(projects, dict) or not all(isinstance(v, list) for v in projects.values()):
        raise UsageError(
            f"the manifest cannot be read, expected the {MANIFEST_FORMAT} that codetables writes",
            path=str(directory / MANIFEST),
            hint="resolve a merge conflict in it, or take both sides' lists; deleting it "
            "means stale artifacts are no longer found",
        )
    return {
        str(key): [name for name in names if isinstance(name, str) and _safe(name)]
        for key, names in projects.items()
    }


def _safe(name: str) -> bool:
    """Whether a name from the manifest stays inside the directory and can name a file (it
    is read from disk, and anyone may have edited it)."""
    clean = posixpath.normpath(name)
    return (
        not (clean.startswith(("/", "../")) or clean in ("..", "."))
        and "\x00" not in name
        and all(len(part.encode("utf-8")) <= 255 for part in clean.split("/"))
    )


def listed_stale(
    directory: Path, listed: Iterable[str], produced: Iterable[str], others: Iterable[str]
) -> list[str]:
    """Artifacts to remove: listed for this project, made by no source now, listed by no
    other project, and still codetables' own (a file someone replaced is left alone)."""
    gone = sorted(set(listed) - set(produced) - set(others) - {MANIFEST})
    return sorted(owned(directory, gone))


def recorded_source(data: bytes | None) -> str | None:
    """The `source.path` a JSON artifact's bytes record, when they can be read."""
    try:
        path = json.loads(data or b"")["source"]["path"]
    except (ValueError, RecursionError, KeyError, TypeError):
        return None
    return path if isinstance(path, str) else None


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

    A failure while writing (disk full, permissions, a file where a folder should be), or an
    interruption, removes the temporary files and leaves every artifact as it was; only the
    renames, which do not fail for want of space, remain.
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
            os.fchmod(handle, _mode(path))
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
        for staging_path, path in staged:
            os.replace(staging_path, path)
        staged.clear()
        for name in remove:
            path = target(directory, name)
            path.unlink()
            _remove_empty_folders(path.parent, directory)
    except OSError as exc:
        raise UsageError(
            f"cannot write the artifacts ({exc.strerror or exc})", path=str(directory)
        ) from None
    finally:
        for staging_path, _ in staged:
            staging_path.unlink(missing_ok=True)


def _mode(path: Path) -> int:
    """The permissions a replaced file keeps, or those a new file gets under the umask
    (a temporary file starts private, 0600; an artifact is published)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def _remove_empty_folders(folder: Path, directory: Path) -> None:
    """Remove `folder` and its parents up to (not including) `directory` while empty."""
    top = Path(os.path.abspath(directory))
    current = Path(os.path.abspath(folder))
    while current != top and current.is_relative_to(top) and not any(current.iterdir()):
        current.rmdir()
        current = current.parent
