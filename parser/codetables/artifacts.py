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

import contextlib
import errno
import functools
import json
import os
import posixpath
import re
import signal
import stat
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

from . import spool, stamp
from .errors import Interrupted, UsageError
from .spool import Text

HEAD_BYTES = 4096
"""Bytes read from a file to see whether it starts with a generated header."""
MANIFEST = ".codetables-manifest.json"
"""The artifact listing, per project, the artifacts each wrote in the directory."""
MANIFEST_FORMAT = "codetables-manifest/1"
MAX_MANIFEST_BYTES = 16 * 1024 * 1024
"""Largest manifest read: a list of artifact names (the corpus' 634 take 60 kB), read whole
and parsed (a 300 MB one, checksum and all, took a run to 1.2 GB)."""


@dataclass(frozen=True)
class Basis:
    """What the fast `check` needs to repeat a record's digest without reading settings
    (`quick.answer`): all of it follows from the pyproject.toml, whose digest it holds, and
    the files the source patterns matched."""

    pyproject: str
    """A digest of the root's pyproject.toml ('' when there is none: the defaults)."""
    output: str
    strict: bool
    sources: tuple[str, ...]
    """The source patterns."""
    templates: str | None
    """The templates folder setting."""
    matched: tuple[str, ...]
    """Every file the patterns matched, in order: the sources, and any of codetables' own
    artifacts among them (which are never sources)."""
    absent: tuple[str, ...] = ()
    """The JSON artifact name of each page without code tables: the full path reads a file
    there as the page's lost artifacts, so the fast one answers only while none is."""

    def to_json(self) -> dict[str, object]:
        return {
            "pyproject": self.pyproject,
            "output": self.output,
            "strict": self.strict,
            "sources": list(self.sources),
            "templates": self.templates,
            "matched": list(self.matched),
            "absent": list(self.absent),
        }

    @classmethod
    def of_json(cls, value: object) -> Basis | None:
        """The basis a manifest holds, or None (absent, as an older codetables writes it)."""
        if not isinstance(value, dict):
            return None
        try:
            basis = cls(
                str(value["pyproject"]),
                str(value["output"]),
                value["strict"] is True,
                tuple(str(pattern) for pattern in value["sources"]),
                None if value["templates"] is None else str(value["templates"]),
                tuple(str(label) for label in value["matched"]),
                tuple(str(name) for name in value["absent"]),
            )
        except (KeyError, TypeError):
            return None
        return basis if basis.to_json() == value else None  # a field of another type: none


@dataclass(frozen=True)
class Inputs:
    """What a project's last full run was made from (`quick.record`) and made (a digest of
    its artifacts' bytes), with its figures: `check` answers from it, without parsing,
    while both still hold. A cache, never meaning: `check` ignores it."""

    digest: str
    """A digest of the inputs (`quick.inputs_digest`); '' when the fast path cannot tell
    (then `basis` is None)."""
    artifacts: str
    figures: str
    files: int
    warnings: tuple[str, ...] = ()
    """The run's warnings, in order, for the fast check to show as the full one would."""
    basis: Basis | None = None
    """What the digest was made from, where the fast check finds it again; None in a
    record of codetables 0.1 (the fast check then takes the full path)."""

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "digest": self.digest,
            "artifacts": self.artifacts,
            "figures": self.figures,
            "files": self.files,
            "warnings": list(self.warnings),
        }
        if self.basis is not None:
            data["basis"] = self.basis.to_json()
        return data


def render_manifest(
    projects: Mapping[str, Iterable[str]], inputs: Mapping[str, Inputs] | None = None
) -> str:
    """The manifest: per project (its root relative to the artifacts directory), the
    artifacts it wrote there, sorted, so only they are ever removed; and per project, what
    its last full run was made from, when known."""
    from .escape import json_value

    data: dict[str, object] = {
        "format": MANIFEST_FORMAT,
        "projects": {key: sorted(set(projects[key])) for key in sorted(projects)},
    }
    if inputs:
        data["inputs"] = {key: inputs[key].to_json() for key in sorted(inputs)}
    return stamp.stamp(MANIFEST, json_value(data) + "\n")


def without_inputs(text: str) -> str:
    """A manifest's text without its `inputs`: what `check` compares, since a digest that
    moved with the source's layout is no drift."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return text
    if not isinstance(data, dict):
        return text
    data.pop("inputs", None)
    data.pop("generated", None)
    return json.dumps(data, sort_keys=True)


def read_inputs(directory: Path) -> dict[str, Inputs]:
    """The manifest's record of each project's last full run; {} when there is none or it
    cannot be read (then `check` takes the full path, which says why)."""
    found = owned(directory, [MANIFEST]).get(MANIFEST)
    try:
        recorded = json.loads(found.read() if found else b"").get("inputs", {})
        return {
            str(key): Inputs(
                str(value["digest"]),
                str(value["artifacts"]),
                str(value["figures"]),
                int(value["files"]),
                tuple(str(warning) for warning in value.get("warnings", [])),
                Basis.of_json(value.get("basis")),
            )
            for key, value in recorded.items()
        }
    except (ValueError, RecursionError, AttributeError, KeyError, TypeError):
        return {}


def check_directory(directory: Path) -> None:
    """The artifacts directory is a directory, or does not exist yet: not a symbolic link
    to nothing, which `check` read as an empty directory and `generate` could not make."""
    if directory.exists() and not directory.is_dir():
        raise UsageError(
            "the artifacts directory is a file, expected a directory", path=str(directory)
        )
    if not directory.exists() and directory.is_symlink():
        raise UsageError(
            f"the artifacts directory is a symbolic link to {os.readlink(directory)}, which "
            "does not exist, expected a directory",
            path=str(directory),
            hint="make the directory it points to, or remove the link",
        )


def project_key(directory: Path, root: Path) -> str:
    """How the manifest names a project: its root relative to the artifacts directory
    (`..` for `output/` inside it), the same on every clone."""
    return Path(os.path.relpath(os.path.abspath(root), os.path.abspath(directory))).as_posix()


def target(directory: Path, name: str, folders: dict[Path, Path] | None = None) -> Path:
    """Where the artifact `name` goes: inside `directory`, or a UsageError. `folders`, when
    given, remembers resolved folders across calls that only read (many artifacts share a
    folder); a write resolves afresh, after making its folders."""
    path = directory / name
    inside = Path(os.path.abspath(path)).is_relative_to(os.path.abspath(directory))
    if folders is None:
        real, real_directory = _real(path), _real(directory)
    else:
        if path.parent not in folders:
            folders[path.parent] = _real(path.parent)
        if directory not in folders:
            folders[directory] = _real(directory)
        real, real_directory = folders[path.parent] / path.name, folders[directory]
    if not inside or not real.is_relative_to(real_directory):
        raise UsageError(
            "would be written outside the artifacts directory (through '..' or a symbolic "
            "link), expected a place inside it",
            path=str(path),
        )
    if _through_link(directory, name):
        raise UsageError(
            "would be written through a symbolic link to a folder inside the artifacts "
            "directory (two names for one file), expected real folders",
            path=str(path),
        )
    return path


def _through_link(directory: Path, name: str) -> bool:
    """Whether a folder between `directory` and the artifact `name` is a symbolic link.
    Joined as strings (a path object per part cost half a run's checks of its places), as
    pathlib joins them: an empty or `.` part adds nothing and the path so far is looked at
    again (a `/` at its end would have `lstat` follow a link); an error other than "nothing
    there" is raised, as `Path.is_symlink` raises it (found by review: a name too long, a
    folder that cannot be read, were said after every page was read)."""
    current = os.fspath(directory)
    for part in name.split("/")[:-1]:
        if part not in _NO_PART:
            current = os.path.join(current, part)
        if _is_link(current):
            return True
    return False


def _is_link(path: str) -> bool:
    """`Path(path).is_symlink()` of Python 3.11, without a path object."""
    try:
        return stat.S_ISLNK(os.lstat(path).st_mode)
    except OSError as exc:
        if exc.errno in _NOTHING_THERE:
            return False
        raise
    except ValueError:
        return False


_NO_PART = frozenset({"", "."})


def _real(path: Path) -> Path:
    """The path with every symbolic link of its existing part resolved."""
    return Path(os.path.realpath(path))


class Places:
    """Where the artifacts of one directory go, as `target` says, each folder checked once:
    the artifacts share a few folders, and checking each again for every file in it
    repeated the same system calls. A name whose last part is not a plain file name, or
    whose folder fails a check, takes `target` itself, so every answer and every error is
    the one `target` gives.

    `writing`: the file itself is looked at too, and a link there resolved, as `target`
    resolves it for a write; else only its folder is resolved, as `target` does given
    `folders`. A write checks a folder again after making it (`again`), and, `recheck`,
    the folders on the way again at every file (another process may swap one for a link
    while the files are staged); a look before writing need not (`refuse_foreign`: four
    system calls fewer per artifact)."""

    def __init__(self, directory: Path, *, writing: bool, recheck: bool = True) -> None:
        self.directory = directory
        self.writing = writing
        self.recheck = recheck
        self.folders: dict[str, Path | None] = {}
        """Per folder as the names spell it (up to the last `/`): the folder, once it passed
        every check, else None."""
        self.resolved: dict[Path, Path] = {}
        """`target`'s own record of resolved folders, for the names it decides."""
        self._directory_absolute: str | None = None
        self._directory_real: Path | None = None
        """The directory's absolute and resolved paths, the same for every folder: made
        once, when the first folder is checked."""

    def __call__(self, name: str, *, recheck: bool | None = None) -> Path:
        """Where `name` goes; `recheck` (by default the instance's) for this name."""
        base = name.rpartition("/")[2]
        folder = None
        if _plain(base):
            key = name[: len(name) - len(base)]
            if key not in self.folders:
                self.folders[key] = self._checked(name)
            folder = self.folders[key]
        if folder is None:
            return target(self.directory, name, None if self.writing else self.resolved)
        path = folder / base
        if recheck is None:
            recheck = self.recheck
        if self.writing and (
            os.path.islink(path) or (recheck and _through_link(self.directory, name))
        ):
            # a link in the file's place (resolved, perhaps refused), or a folder on the way
            # made a link since it was checked (refused): `target` says which
            return target(self.directory, name)
        return path

    def again(self, name: str) -> Path:
        """Where `name` goes, its folder checked afresh (it was just made)."""
        base = name.rpartition("/")[2]
        self.folders.pop(name[: len(name) - len(base)], None)
        return self(name)

    def _checked(self, name: str) -> Path | None:
        """The folder of `name` (a plain file name after it), when it passes `target`'s
        checks: inside the directory by its path and once resolved, no link on the way.
        Each of them holds for every plain file name in that folder alike."""
        folder = (self.directory / name).parent
        if self._directory_absolute is None:
            self._directory_absolute = os.path.abspath(self.directory)
        if not Path(os.path.abspath(folder)).is_relative_to(self._directory_absolute):
            return None
        if self._directory_real is None:
            self._directory_real = _real(self.directory)
        if _real(folder).is_relative_to(self._directory_real):
            return None if _through_link(self.directory, name) else folder
        return None


def _plain(base: str) -> bool:
    """Whether `base` joins any folder as exactly one more part: not empty, `.` or `..`, no
    NUL. Only on POSIX, whose one separator a name's last part cannot hold; elsewhere
    (drives, a second separator) every name takes `target`."""
    return os.name == "posix" and base not in ("", ".", "..") and "\x00" not in base


def owned(directory: Path, names: Iterable[str], places: Places | None = None) -> dict[str, Text]:
    """The artifacts among `names` that exist in `directory` and are codetables' own, with
    their bytes, line ends as generated (also those an older codetables wrote, recognised by
    their exact words): read now when small, else read from the file when asked. `places`:
    a reading `Places` of `directory` to go on with (its folders checked once)."""
    found: dict[str, Text] = {}
    places = places or Places(directory, writing=False)
    for name in names:
        path = places(name)
        try:  # a symbolic link is never its own, even to an artifact: one lstat tells both
            regular = stat.S_ISREG(os.lstat(path).st_mode)
        except (OSError, ValueError):  # none there, or a name no file can have
            regular = False
        data = _read_if_owned(path) if regular else None
        if data is not None:
            found[name] = data
    return found


def _read_if_owned(path: Path) -> Text | None:
    """The file's bytes when it carries a generated header, else None (read no further).
    CRLF line ends (a checkout with `core.autocrlf`) read as the LF they were written with.
    A file past `spool.SPOOL_BYTES` with no carriage return stays in its place, read a
    chunk at a time when compared."""
    try:
        with path.open("rb") as stream:
            head = stream.read(HEAD_BYTES)
            if not stamp.is_artifact(path.name, head):
                return None
            size = os.fstat(stream.fileno()).st_size
            if size > spool.SPOOL_BYTES and b"\r" not in head:
                while chunk := stream.read(spool.CHUNK):
                    if b"\r" in chunk:
                        break
                else:
                    return Text(size, path=str(path))
                stream.seek(len(head))
            return Text.of((head + stream.read()).replace(b"\r\n", b"\n"))
    except OSError as exc:
        raise UsageError(f"cannot read it ({exc.strerror or exc})", path=str(path)) from None


def read_manifest(directory: Path) -> dict[str, list[str]] | None:
    """The manifest's lists of artifacts by project, or None when there is none yet. One
    that cannot be read (a merge conflict, another format) is an error: guessing would
    orphan artifacts or remove another project's."""
    try:  # its size before any read: a manifest with a CR in it is read whole to be judged
        size = os.lstat(directory / MANIFEST).st_size
    except (OSError, ValueError):
        size = 0
    if size > MAX_MANIFEST_BYTES:
        raise UsageError(
            f"the manifest has {size:,} bytes, expected at most {MAX_MANIFEST_BYTES:,}: "
            "codetables writes a list of artifact names",
            path=str(directory / MANIFEST),
        )
    found = owned(directory, [MANIFEST]).get(MANIFEST)
    if found is None:
        return None
    try:
        model = json.loads(found.read())
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
    try:  # a lone surrogate (`"\udcff"` in the JSON) is no name UTF-8 can write (review)
        parts = [part.encode("utf-8") for part in clean.split("/")]
    except UnicodeEncodeError:
        return False
    return (
        not (clean.startswith(("/", "../")) or clean in ("..", "."))
        and "\x00" not in name
        and all(len(part) <= 255 for part in parts)
    )


def listed_stale(
    directory: Path, listed: Iterable[str], produced: Iterable[str], others: Iterable[str]
) -> list[str]:
    """Artifacts to remove: listed for this project, made by no source now, listed by no
    other project, and still codetables' own (a file someone replaced is left alone)."""
    gone = sorted(set(listed) - set(produced) - set(others) - {MANIFEST})
    return sorted(owned(directory, gone))


_SOURCE_FIELD = re.compile(r'\n  "source": ')


def recorded_source(model: Text | None) -> str | None:
    """The `source.path` a JSON artifact records, when it can be read. A model held in
    memory is read whole; a large one (a spooled file, past `spool.SPOOL_BYTES`) from its
    head, where codetables writes its source, when the source is whole there."""
    if model is None:
        return None
    source: object = None
    if model.data is None:
        head = next(model.chunks(), b"")[: spool.CHUNK].decode("utf-8", "ignore")
        field = _SOURCE_FIELD.search(head)
        if field is not None and head.startswith("{\n"):
            with contextlib.suppress(ValueError, RecursionError):
                source, _ = json.JSONDecoder().raw_decode(head, field.end())
    try:
        if not isinstance(source, dict):
            source = json.loads(model.read())["source"]
        path = source["path"]  # type: ignore[index]
    except (ValueError, RecursionError, KeyError, TypeError):
        return None
    return path if isinstance(path, str) else None


def refuse_foreign(
    directory: Path,
    names: Iterable[str],
    mine: Mapping[str, object],
    sources: Iterable[Path] = (),
) -> None:
    """A UsageError when an artifact would replace a file codetables did not write: above
    all a source page itself (an output directory holding the pages)."""
    places = Places(directory, writing=True, recheck=False)  # it looks, writes nothing
    pages: set[str] | None = None  # resolved only once a file is in an artifact's place
    for name in names:
        if name in mine:  # codetables' own: a regular file in a folder `owned` let through
            continue
        if not taken(path := places(name)):
            continue
        if pages is None:
            pages = {os.path.realpath(source) for source in sources}
        if os.path.realpath(path) in pages:
            raise UsageError(
                "is a source page, and its artifact would replace it, expected the artifacts "
                "directory to hold no page of the same name",
                path=str(path),
                hint="write the artifacts to another directory (--out, or output in "
                "[tool.codetables])",
            )
        if name == MANIFEST:  # no setting names it: moving it away is the one way
            raise UsageError(
                "exists and is no manifest codetables wrote (no generated header), expected "
                "codetables' manifest of the directory or nothing there",
                path=str(path),
                hint="move it away; a manifest is made again by the next generate",
            )
        raise UsageError(
            "exists and was not written by codetables (no generated header), expected "
            "the artifact's place to be free",
            path=str(path),
            hint="move the file away, or set another name in [tool.codetables.names]",
        )


def taken(path: Path) -> bool:
    """Whether anything is at `path`, a link too (one `lstat`, where `exists` and then
    `is_symlink` made two); an error other than "nothing there" is raised, as `exists`
    raised it (`lexists` said False for a folder that cannot be read)."""
    try:
        os.lstat(path)
    except OSError as exc:
        if exc.errno in _NOTHING_THERE:
            return False
        raise
    return True


_NOTHING_THERE = frozenset({errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP})
"""The errors pathlib's `exists` reads as "no file there"."""


def refuse_nested(directory: Path, names: Iterable[str]) -> None:
    """A UsageError when an artifact would replace one that a manifest in a folder below
    the directory lists: another project's, written with `--out` pointing there."""
    listed: dict[str, set[str]] = {}  # per folder as the names spell it
    for name in names:
        parts = name.split("/")
        for depth in range(1, len(parts)):
            prefix = "/".join(parts[:depth])
            if prefix not in listed:
                folder = directory.joinpath(*parts[:depth])
                manifest = read_manifest(folder) if (folder / MANIFEST).is_file() else None
                listed[prefix] = {n for names in (manifest or {}).values() for n in names}
            if "/".join(parts[depth:]) in listed[prefix] and (directory / name).exists():
                raise UsageError(
                    f"is listed by the manifest in {'/'.join(parts[:depth])}/, another "
                    "project's artifacts, expected a place no other project writes",
                    path=str(directory / name),
                    hint="give each project its own output directory",
                )


class Ahead:
    """Artifacts staged ahead: written as temporary files while the run still reads pages,
    on the time its process otherwise spends waiting for its workers; `replace_all` moves
    them beside their places and renames them into place with the rest. Without it, the
    run's process staged all 634 files of the corpus after the last page, alone (0.06 to
    0.8 s, as the file system allowed: ext4 passes over recently freed inodes at every file
    it creates; a link, a rename and an unlink create none).

    The files are staged in the artifacts directory itself, never in a folder of it, and
    no folder is made before `replace_all`: a run that fails or is interrupted removes them
    (`discard`, signals held, on leaving the `with` block), and a run killed outright
    (`kill -9`) leaves them where the next run always looks (`stale_temporaries`), whatever
    pages it has then. Whatever goes wrong while staging ahead (a place refused, a full
    disk) ends it quietly: what it staged is removed, and `replace_all` writes every file
    itself and says what is wrong, in the run's usual order of errors."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.places = Places(directory, writing=True, recheck=False)
        """Each place checked as `replace_all` will check it, but the folders on the way
        not again at every file: nothing is written in them (`replace_all` does that)."""
        self.reading = Places(directory, writing=False)
        self.staged: dict[str, tuple[Text, Path]] = {}
        """Per artifact name: the text staged and its temporary file."""
        self.replacing: set[str] = set()
        """The names staged whose places held codetables' own file then: `replace_all`
        moves theirs beside them and renames; the others it links in place."""
        self.going = True
        self._mode: int | None = None

    def __enter__(self) -> Ahead:
        return self

    def __exit__(self, *exc: object) -> None:
        self.discard()

    def add(self, texts: Mapping[str, Text]) -> None:
        """Stage those of `texts` that differ from the artifacts in their places."""
        if not self.going or not texts:
            return
        try:
            with held_signals():  # a temporary file made is a temporary file recorded
                mine = owned(self.directory, texts, self.reading)
                for name, text in texts.items():
                    if not spool.same(mine.get(name), text):
                        self._stage(name, text)
                        if name in mine:
                            self.replacing.add(name)
        except Exception:  # `replace_all` meets it again, and says it in its place
            self.discard()

    def _stage(self, name: str, text: Text) -> None:
        if self._mode is None:
            self._mode = _new_mode()
        path = self.places(name)  # refused: nothing more is staged ahead
        handle, staging = _open_temporary(self.directory)
        self.staged[name] = (text, staging)
        _write(handle, staging, text, _mode(path, self._mode))

    def adopt(self) -> dict[str, tuple[Text, Path]]:
        """What was staged, now the caller's to use or remove (`replace_all`)."""
        staged, self.staged, self.going = self.staged, {}, False
        return staged

    def temporaries(self) -> set[str]:
        """The temporary files staged, as absolute paths: this run's, never a killed run's
        leftovers."""
        return {os.path.abspath(staging) for _, staging in self.staged.values()}

    def discard(self) -> None:
        """Remove every file staged, all of them whatever interrupts (signals held; an
        interrupt caught as they are held is raised once they are removed: found by
        review), and stage no more."""
        staged = [(staging, staging) for _, staging in self.adopt().values()]
        try:
            with held_signals():
                _undo([], staged, [])
        except KeyboardInterrupt:
            _undo([], staged, [])  # what is gone already is passed by
            raise


def replace_all(
    directory: Path, changed: Mapping[str, Text], remove: list[str], ahead: Ahead | None = None
) -> None:
    """Write every changed file as a temporary file beside its target, then rename them all
    into place, then remove the stale ones (and the folders that leaves empty); the manifest
    is renamed last, so a run killed outright before the end leaves one that still lists
    every stale artifact, for the next run to remove. A file `ahead` staged with the very
    text wanted is not written again: once the folders are checked again, it takes its
    target's name by a hard link where nothing has that name (a new artifact), else it is
    moved beside its target (a hard link there) and renamed like the others; its first name
    is removed at the end. One that cannot be linked (another file system, no hard links)
    is written again; what it staged and is not wanted now is removed.

    All or nothing: any failure (disk full, permissions) before the end puts back every
    file already replaced or removed, from a hard link (or copy) kept of it, and removes
    the temporary files and the folders made for new ones. Ctrl-C, SIGTERM and SIGHUP wait
    until it is over (`held_signals`), so an interruption never splits it.
    """
    made: list[Path] = []
    staged: list[tuple[Path, Path]] = []
    linked: list[tuple[str, Path, Path, Text]] = []  # staged ahead: linked in place, none there
    done: list[tuple[Path, Path | None]] = []  # (artifact, what it was) in the order done
    committed = False
    places = Places(directory, writing=True)
    ready: dict[Path, str] = {}  # folders made and checked again since: a name in each
    alike: dict[Path, bool] = {}  # folders whose new files get what the directory's get
    try:
        with held_signals():
            early = ahead.adopt() if ahead is not None else {}
            replacing = ahead.replacing if ahead is not None else set()
            loose = [staging for _, staging in early.values()]  # removed at the end
            try:
                new_mode = _new_mode()

                def stage(path: Path, data: Text, first: Path | None) -> None:
                    """`data` put beside `path` for its rename: the file staged ahead as
                    `first` linked there, else written there (recorded first, so that a
                    write that fails is removed with the rest)."""
                    moved = None if first is None else _beside(first, path.parent, directory, alike)
                    if moved is not None:
                        staged.append((moved, path))
                        return
                    handle, staging = _open_temporary(path.parent)
                    staged.append((staging, path))
                    _write(handle, staging, data, _mode(path, new_mode))

                for name, data in changed.items():
                    text, first = early.pop(name, (None, None))
                    ready_made = text is data and first is not None  # staged ahead as wanted
                    new = ready_made and name not in replacing
                    path = places(name, recheck=not new)  # (a file written in its folder: yes)
                    if path.parent not in ready:
                        made.extend(_make_folders(path.parent))
                        places.again(name)  # now that the folders exist
                        ready[path.parent] = name
                    if ready_made and first is not None:
                        if new and _alike(path.parent, directory, alike):
                            linked.append((name, first, path, data))  # once checked again
                            continue
                        if new and _through_link(directory, name):  # a file in its folder
                            target(directory, name)  # a folder made a link since: refused
                    stage(path, data, first if ready_made else None)
                for name in ready.values():  # each folder once more, every file staged
                    target(directory, name)
                behind = len(staged)
                for name, first, path, data in linked:  # a file there by now, or no link
                    if not _linked_in_place(done, first, path):  # one there not ours came
                        refuse_foreign(directory, [name], owned(directory, [name]))  # late
                        stage(path, data, first)
                if len(staged) > behind:  # files staged in folders since they were checked
                    for name in ready.values():
                        target(directory, name)
                manifest = places(MANIFEST) if MANIFEST in changed else None
                for staging, path in staged:
                    if path != manifest:
                        _changed(done, path, functools.partial(os.replace, staging, path))
                for name in remove:
                    path = places(name)
                    _changed(done, path, path.unlink)
                for staging, path in staged:  # the manifest last: killed before it (`kill
                    if path == manifest:  # -9`), the run leaves the one that lists the stale
                        _changed(done, path, functools.partial(os.replace, staging, path))
                staged.clear()
            except BaseException as exc:  # where signals cannot be held, Ctrl-C too
                staged.extend((first, first) for first in loose)
                _undo(done, staged, made)
                if not isinstance(exc, OSError):
                    raise
                raise UsageError(
                    f"cannot write the artifacts ({exc.strerror or exc}); every artifact is "
                    "as it was",
                    path=str(directory),
                ) from None
            committed = True
            for first in loose:  # a name of a file now in place, or one not wanted
                with contextlib.suppress(OSError):
                    first.unlink(missing_ok=True)
            for _, kept in done:
                if kept is not None:
                    kept.unlink(missing_ok=True)
            for name in remove:
                _remove_empty_folders(places(name).parent, directory)
    except KeyboardInterrupt:  # held back, then delivered as the block ended
        raise Interrupted(written=committed) from None


def _alike(folder: Path, directory: Path, alike: dict[Path, bool]) -> bool:
    """Whether a file staged in `directory` may take a name in `folder` (`_inherits_alike`,
    asked once per folder)."""
    if folder == directory:
        return True
    if folder not in alike:
        alike[folder] = _inherits_alike(folder, directory)
    return alike[folder]


def _linked_in_place(done: list[tuple[Path, Path | None]], staging: Path, path: Path) -> bool:
    """A file staged ahead given the artifact's own name, when nothing has that name: a
    hard link never replaces a file, so none is kept, and no rename follows (a new artifact:
    every file of a first run; two system calls fewer a file than a link beside it and a
    rename). Recorded in `done` for `_undo`; False, and not recorded, when it cannot be (a
    file there, another file system, no hard links)."""
    done.append((path, None))
    try:
        os.link(staging, path)
    except OSError:
        done.pop()
        return False
    return True


def _beside(staging: Path, folder: Path, directory: Path, alike: dict[Path, bool]) -> Path | None:
    """A file staged ahead in `directory`, given a second name in `folder` under its own
    (a hard link: never over a file there, never a copy), for a rename into place beside
    it; itself when staged there already; None when it cannot be (another file system, no
    hard links, the name taken) or should not (a file made in `folder` would get another
    group or access list: `alike`, per folder)."""
    if folder == directory:
        return staging
    if not _alike(folder, directory, alike):
        return None
    moved = folder / staging.name
    try:
        os.link(staging, moved)
    except OSError:
        return None
    return moved


def _changed(
    done: list[tuple[Path, Path | None]], path: Path, change: Callable[[], object]
) -> None:
    """`change` the artifact at `path` (replace or remove it), a second name for it kept
    first and recorded in `done` for `_undo`. A change refused (an `OSError`: the artifact
    is as it was) takes its kept name away again: `_undo` could not put that one back where
    the change was refused too (a shared folder's artifact of another user), and left it
    (found by review)."""
    kept = _keep(path)
    done.append((path, kept))
    try:
        change()
    except OSError:
        done.pop()
        if kept is not None:
            kept.unlink(missing_ok=True)
        raise


def _write(handle: int, path: Path, text: Text, mode: int) -> None:
    """Fill the temporary file `path` through the descriptor it was made with (no second
    open by name), give it the artifact's mode, and close it, whatever fails."""
    try:
        for chunk in text.chunks():
            view = memoryview(chunk)
            while view:
                view = view[os.write(handle, view) :]
        if _CHMOD_DESCRIPTOR:
            os.chmod(handle, mode)
    finally:
        os.close(handle)
    if not _CHMOD_DESCRIPTOR:
        os.chmod(path, mode)


_CHMOD_DESCRIPTOR = os.chmod in os.supports_fd
"""Whether `os.chmod` takes a descriptor (POSIX); elsewhere the file is named."""


HELD = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)
"""Signals held back while artifacts are replaced: those that ask a run to stop."""


@contextlib.contextmanager
def held_signals() -> Iterator[None]:
    """Hold back Ctrl-C, SIGTERM and SIGHUP; deliver them when the block is over (then
    after every artifact was written, or put back). Where signals cannot be held (Windows,
    a thread), the block runs as it is."""
    can = (
        hasattr(signal, "pthread_sigmask") and threading.current_thread() is threading.main_thread()
    )
    if not can:
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, ())  # the mask as it is, unchanged
    try:  # a signal caught just before is delivered as the mask changes: the mask restored
        signal.pthread_sigmask(signal.SIG_BLOCK, HELD)
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def _undo(
    done: list[tuple[Path, Path | None]], staged: list[tuple[Path, Path]], made: list[Path]
) -> None:
    """Put back what `replace_all` changed, newest first; a step that fails leaves the rest
    to be put back still (and its temporary for the next run to sweep). An interrupt in a
    step (where signals cannot be held) is raised once every step was tried."""
    steps: list[Callable[[], object]] = []
    for path, kept in reversed(done):
        steps.append(functools.partial(_put_back, path, kept))
    steps.extend(functools.partial(staging.unlink, missing_ok=True) for staging, _ in staged)
    steps.extend(folder.rmdir for folder in reversed(made))
    interrupted: BaseException | None = None
    for step in steps:
        try:
            step()
        except OSError:
            pass
        except BaseException as exc:  # Ctrl-C not held back: the rest still goes
            interrupted = interrupted or exc
    if interrupted is not None:
        raise interrupted


def _put_back(path: Path, kept: Path | None) -> None:
    """The artifact at `path` as it was: its kept second name renamed back, or removed
    when there was none."""
    if kept is not None:
        os.replace(kept, path)
        kept.unlink(missing_ok=True)  # a rename onto a link to the same file is none
    else:
        path.unlink(missing_ok=True)


def _inherits_alike(folder: Path, directory: Path) -> bool:
    """Whether a file made in `folder` gets what one made in `directory` gets from its
    folder: the group (a set-group-ID folder's own, else the process's) and the default
    access list (Linux's `system.posix_acl_default`). A file staged ahead in the directory
    and linked into a folder that gives others would lose them (found by review)."""
    try:
        here, there = os.stat(folder), os.stat(directory)
    except OSError:
        return False
    if _given_group(here) != _given_group(there):
        return False
    return _default_acl(folder) == _default_acl(directory)


def _given_group(status: os.stat_result) -> int | None:
    """The group a folder gives its new files: its own when set-group-ID, else None (the
    process's)."""
    return status.st_gid if status.st_mode & stat.S_ISGID else None


def _default_acl(folder: Path) -> bytes | None:
    """The folder's default access list, None for none (or no such thing here)."""
    read = getattr(os, "getxattr", None)
    if read is None:
        return None
    try:
        return bytes(read(folder, "system.posix_acl_default"))
    except OSError:
        return None


def _make_folders(folder: Path) -> list[Path]:
    """Create `folder` and its missing parents; the ones created, outermost first. All or
    none: one that fails part way (no inode left, a quota) removes those it made, which the
    caller never learnt of (found by review)."""
    missing = []
    current = folder
    while not current.exists():
        missing.append(current)
        current = current.parent
    if not missing and not folder.is_dir():  # a file in its place: as `mkdir` says it
        raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(folder))
    made: list[Path] = []
    try:
        for each in reversed(missing):
            try:
                each.mkdir()
            except FileExistsError:  # made meanwhile by another: not this run's
                if not each.is_dir():
                    raise
                continue
            made.append(each)
    except BaseException:
        for each in reversed(made):
            with contextlib.suppress(OSError):
                each.rmdir()
        raise
    return made


def _temporary(folder: Path) -> Path:
    """A new, empty file with a reserved name (`.codetables-*.tmp`) in `folder`: short
    whatever the artifact's name, and known to the next run if this one is killed."""
    handle, path = _open_temporary(folder)
    os.close(handle)
    return path


def _open_temporary(folder: Path) -> tuple[int, Path]:
    """`_temporary`, still open: its descriptor (to write it through) and its path."""
    import tempfile  # here, as for shutil: a check never writes, and starts sooner

    handle, name = tempfile.mkstemp(dir=folder, prefix=TEMPORARY_PREFIX, suffix=TEMPORARY_SUFFIX)
    return handle, Path(name)


def _keep(path: Path) -> Path | None:
    """A second name for the file at `path` (a hard link, else a copy with its mode) to put
    back if the run fails, or None when there is no file there. Nothing is left behind when
    this fails."""
    if not path.is_file():
        return None
    kept = _temporary(path.parent)
    try:
        kept.unlink()
        os.link(path, kept)
    except OSError:  # a file system without hard links
        import shutil

        try:
            shutil.copy2(path, kept)
        except BaseException:
            kept.unlink(missing_ok=True)
            raise
    return kept


TEMPORARY_PREFIX = ".codetables-"
TEMPORARY_SUFFIX = ".tmp"
_TEMPORARY = re.compile(r"\.codetables-[a-z0-9_]{8}\.tmp")
"""Temporary names, as codetables names them. Not codetables 0.1's `.NAME.EXT.XXXXXXXX.tmp`
any longer: a user's copy of an artifact (`.status.py.backup01.tmp`) is named so too and
holds what codetables writes, and was removed as a killed run's (found by a probe)."""


def stale_temporaries(
    directory: Path, names: Iterable[str], ahead: Ahead | None = None
) -> list[Path]:
    """Temporary files a killed run left in the folders the artifacts `names` live in: named
    as codetables names them (`_TEMPORARY`), and empty or holding what codetables writes, so
    a user's file of a like name is never taken.
    `ahead`: what this run staged ahead, its own files, passed by unread."""
    found: list[Path] = []
    places = Places(directory, writing=False)
    paths = {places(name) for name in names}
    ours = ahead.temporaries() if ahead is not None else set()
    for folder in sorted({path.parent for path in paths} | {directory}):
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError:
            continue
        held: bool | None = None  # asked once, of a folder where one is found
        for entry in entries:
            named = _TEMPORARY.fullmatch(entry.name)
            if not named or (ours and os.path.abspath(entry.path) in ours):
                continue
            if held is None:
                held = folder != directory and _written_by_another(folder)
            if held:
                break
            if entry.is_file(follow_symlinks=False) and _holds_ours(Path(entry.path)):
                found.append(Path(entry.path))
    return found


def _written_by_another(folder: Path) -> bool:
    """Whether `folder` is the artifacts directory of another run going on now (its lock,
    tried without waiting): its temporary files are that run's, staged while it reads its
    pages (found by review: a run of an enclosing project swept them)."""
    if fcntl is None:
        return False
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:  # no locks on this file system
        return False
    finally:
        os.close(handle)
    return False


def _holds_ours(path: Path) -> bool:
    """Whether a temporary file is empty or starts as an artifact does."""
    try:
        with path.open("rb") as stream:
            head = stream.read(HEAD_BYTES)
    except OSError:
        return False
    return stamp.starts_like_artifact(head)


@contextlib.contextmanager
def locked(directory: Path, *, shared: bool = False) -> Iterator[None]:
    """The artifacts directory to one writer at a time: no run sweeps away another's
    temporary files or writes its manifest over the other's, and a `check` (`shared`)
    never sees a run half done. A writer makes the directory if missing (and removes it
    again, still locked, if the run leaves it empty); a reader of a missing directory
    needs no lock. Waits `LOCK_WAIT` seconds at most; where file locks do not exist
    (Windows, some network file systems) runs unlocked."""
    if shared and not directory.is_dir():
        yield
        return
    try:
        made = [] if shared else _make_folders(directory)
    except OSError as exc:
        raise UsageError(
            f"cannot make the artifacts directory ({exc.strerror or exc})", path=str(directory)
        ) from None
    with _lock(directory, shared=shared):
        try:
            yield
        finally:
            for folder in reversed(made):
                with contextlib.suppress(OSError):
                    folder.rmdir()  # only when empty


@contextlib.contextmanager
def _lock(directory: Path, *, shared: bool) -> Iterator[None]:
    if fcntl is None:
        yield
        return
    try:
        handle = os.open(directory, os.O_RDONLY)
    except OSError as exc:
        raise UsageError(
            f"cannot open the artifacts directory to lock it ({exc.strerror or exc})",
            path=str(directory),
        ) from None
    try:
        deadline = time.monotonic() + LOCK_WAIT
        while True:
            try:
                fcntl.flock(handle, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise UsageError(
                        f"another codetables run has been writing here for {LOCK_WAIT} s, "
                        "expected it to finish",
                        path=str(directory),
                    ) from None
                time.sleep(0.05)
            except OSError:  # no locks on this file system: run unlocked
                break
        yield
    finally:
        os.close(handle)


LOCK_WAIT = 60
"""Seconds a run waits for another writing the same directory."""


def _mode(path: Path, new: int) -> int:
    """The permissions a replaced file keeps, or `new` for a new file (a temporary file
    starts private, 0600; an artifact is published)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return new


def _new_mode() -> int:
    """The permissions a new file gets under the umask (read once per run, not per file)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _remove_empty_folders(folder: Path, directory: Path) -> None:
    """Remove `folder` and its parents up to (not including) `directory` while empty."""
    top = Path(os.path.abspath(directory))
    current = Path(os.path.abspath(folder))
    while current.is_dir() and current != top and current.is_relative_to(top):
        if any(current.iterdir()):
            return
        current.rmdir()
        current = current.parent
