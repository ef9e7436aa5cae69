"""The project and its sources: where paths are relative to, which pages, what they are called.

The only module that finds and reads sources (files, or `REV:PATH` from git). Every read is
bounded: a source must be a regular file (a FIFO or a device would hang or never end), and
no more than `MAX_BYTES` is ever read.
"""

from __future__ import annotations

import fnmatch
import os
import posixpath
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from . import config, stamp
from .errors import ConfigError, SourceError, UsageError
from .names import folder_name, module_name, same_on_every_file_system
from .quick import CONFIG_MAX_BYTES, read_at_most

MAX_BYTES = 64 * 1024 * 1024
"""Most bytes read from one source: room for the largest page parse accepts (10,000,000
characters of up to four bytes), and a bound on anything else."""

GLOB_CHARACTERS = frozenset("*?[")


@dataclass(frozen=True)
class Source:
    """A source page as read: the path to cite, the artifact name, the bytes."""

    label: str
    name: str
    data: bytes


@dataclass(frozen=True)
class Project:
    """Where paths are relative to: the directory of the governing pyproject.toml, or cwd."""

    root: Path
    settings: config.Config

    def label(self, path: Path) -> str:
        """A path as artifacts and messages cite it: relative to the root, `/`-separated.

        Symbolic links are not resolved: a page is named where the docs tree shows it, and
        its artifacts never follow a link to somewhere else."""
        return Path(os.path.relpath(os.path.abspath(path), self.root)).as_posix()


def output_dir(project: Project, option: str | None) -> Path:
    """The artifacts directory: `--out` as given, else the configured one under the root.
    An empty `--out` (an unset shell variable) is refused: as the current directory, it
    would put artifacts among the project's own files."""
    if option == "":
        raise UsageError("--out is empty, expected a directory (write --out . for this one)")
    directory = Path(option) if option is not None else project.root / project.settings.output
    require_utf8(project.label(directory))
    return directory


def find_project(start: Path) -> Project:
    """The nearest pyproject.toml with a [tool.codetables] table, from `start` upwards."""
    start = start.resolve()
    for directory in (start, *start.parents):
        candidate = directory / "pyproject.toml"
        if candidate.is_symlink() and not candidate.exists():
            raise ConfigError(
                "cannot read the configuration (a symbolic link to nothing, or a loop)",
                path=str(candidate),
            )
        if candidate.is_file():
            try:
                with open(candidate, "rb") as stream:
                    data = read_at_most(stream.fileno(), CONFIG_MAX_BYTES)
            except OSError as exc:
                raise ConfigError(
                    f"cannot read the configuration ({exc.strerror or exc})", path=str(candidate)
                ) from None
            if len(data) > CONFIG_MAX_BYTES:
                raise ConfigError(
                    f"the file is larger than {CONFIG_MAX_BYTES:,} bytes, expected a project's "
                    "configuration",
                    path=str(candidate),
                )
            text = data.decode("utf-8", errors="replace")
            if config.has_section(text, path=str(candidate)):
                _refuse_undecodable(data, str(candidate))
                return Project(directory, config.load(text, path=str(candidate)))
        elif os.path.lexists(candidate):  # a folder, a FIFO (never opened: it would wait)
            raise ConfigError(
                "is not a regular file, expected the project's configuration (a TOML file)",
                path=str(candidate),
            )
    return Project(start, config.Config())


def _refuse_undecodable(data: bytes, path: str) -> None:
    """A configuration is UTF-8, as TOML is: a byte that is not would change a setting's
    text (`output = "out\\xff"` made a folder named `out\ufffd`)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"byte 0x{data[exc.start]:02x} is not valid UTF-8, expected a UTF-8 text file",
            path=path,
            line=data.count(b"\n", 0, exc.start) + 1,
        ) from None


def read_sources(project: Project, arguments: Sequence[str]) -> list[Source]:
    """The sources named on the command line, or those the configuration's patterns match.

    Artifact names are the sources' paths relative to a base, so pages in different
    folders never share a name: the configured patterns' fixed directories (stable when
    pages are added), also for a configured page named on the command line (so it keeps the
    name a full run gives it), else the common directory of the files named.
    """
    configured, configured_base = configured_sources(project, required=not arguments)
    if arguments:
        paths = [Path(argument) for argument in arguments]
        labels = [project.label(path) for path in paths]
        folders = [os.path.dirname(os.path.abspath(path)) for path in paths]
        named_base = project.label(Path(os.path.commonpath(folders)))
    else:
        labels = list(configured)
        paths = [project.root / label for label in labels]
        named_base = configured_base
    sources = []
    for path, label in _unique(zip(labels, paths, strict=True)):
        require_utf8(label)
        data = read_bytes(path, label)
        if stamp.is_artifact(label, data[:4096]):
            if arguments:
                raise UsageError(
                    "is an artifact codetables generated, expected a documentation page",
                    path=label,
                )
            continue  # its own output is never a source: a pattern that sees it would grow
        base = configured_base if label in configured else named_base
        name = project.settings.names.get(label) or artifact_name(label, base)
        sources.append(Source(label, name, data))
    if not arguments and not sources:  # every file the patterns see is an artifact
        patterns = ", ".join(repr(pattern) for pattern in project.settings.sources)
        raise ConfigError(
            f"tool.codetables.sources: no source matches {patterns} in {project.root.name}/ "
            "(every file they match is an artifact codetables generated), expected a pattern "
            "that matches the source pages",
            path=str(project.root / "pyproject.toml"),
            line=project.settings.line("sources"),
        )
    return sources


def require_utf8(label: str) -> str:
    """`label` when its bytes are UTF-8; a file name that is not (`caf\\xe9.md` from an
    old Latin-1 archive) cannot be recorded in an artifact or named in JSON: a usage error."""
    try:
        label.encode("utf-8")
    except UnicodeEncodeError:
        shown = os.fsencode(label).decode("utf-8", "backslashreplace")
        raise UsageError(
            "the path is not valid UTF-8, expected a UTF-8 file name (rename it)", path=shown
        ) from None
    return label


def _unique(pairs: Iterable[tuple[str, Path]]) -> list[tuple[Path, str]]:
    """(path, label) once per file, in order: one page reached twice (named twice, or once
    more through a symbolic link: `latest.md -> v2.md`) is one source, under its first
    label, rather than two sets of artifacts of the same text."""
    seen: dict[str, tuple[Path, str]] = {}
    folders: dict[str, str] = {}
    for label, path in pairs:
        seen.setdefault(_realpath(path, folders), (path, label))
    return list(seen.values())


def _realpath(path: Path, folders: dict[str, str]) -> str:
    """`os.path.realpath(path)`, each folder resolved once (`folders`): a file that is no
    link is its resolved folder and its name, one `lstat`, where resolving it whole took
    one per part of its path (1,899 over the corpus' 211 pages)."""
    folder, name = os.path.split(os.fspath(path))
    if os.name != "posix" or name in ("", ".", "..") or not folder:
        return os.path.realpath(path)  # (Windows: realpath also mends a name's case)
    try:
        if stat.S_ISLNK(os.lstat(path).st_mode):
            return os.path.realpath(path)
    except (OSError, ValueError):
        return os.path.realpath(path)
    if folder not in folders:
        folders[folder] = os.path.realpath(folder)
    return os.path.join(folders[folder], name)


def configured_sources(project: Project, *, required: bool) -> tuple[list[str], str]:
    """The labels of the files the configured patterns match, and the base their names are
    relative to. `required`: a pattern that matches no file is an error."""
    labels: list[str] = []
    for pattern in project.settings.sources:
        try:
            files = matching_files(project.root, pattern)
        except UsageError as error:
            raise ConfigError(
                f"tool.codetables.sources: {error.message}, expected a pattern of files such "
                "as docs/**/*.md",
                path=str(project.root / "pyproject.toml"),
                line=project.settings.line("sources"),
            ) from None
        if not files and required:
            raise ConfigError(
                f"tool.codetables.sources: no file matches {pattern!r} in "
                f"{project.root.name}/, expected a pattern that matches the source pages",
                path=str(project.root / "pyproject.toml"),
                line=project.settings.line("sources"),
            )
        labels.extend(project.label(path) for path in files)
    base = common_directory(
        [project.label(project.root / fixed_directory(p)) for p in project.settings.sources]
    )
    return list(dict.fromkeys(labels)), base


def matching_files(root: Path, pattern: str) -> list[Path]:
    """The files a glob pattern matches, relative to `root` (absolute patterns too), in
    order. `**` never descends into a symbolic link to a folder: a link back up the tree
    would repeat every page under ever longer paths; hidden files and folders are matched
    only when the pattern names them."""
    path = Path(pattern)
    base, relative = (
        (Path(path.anchor), path.relative_to(path.anchor)) if path.is_absolute() else (root, path)
    )
    parts = _bounded(relative.parts, pattern)
    asked = {part for part in parts if part.startswith(".")}
    _walkable(root, base, parts, asked)
    try:  # pathlib refuses some patterns (`**.md`) only once the matches are asked for
        return sorted(
            match
            for match in base.glob("/".join(parts) if parts else relative.as_posix())
            if match.is_file() and _not_hidden(match.relative_to(base).parts, asked)
        )
    except (ValueError, IndexError) as exc:  # a pattern pathlib cannot take (`**.md`, `.`)
        why = str(exc) if isinstance(exc, ValueError) else "it names a folder, not files"
        raise UsageError(f"cannot use the source pattern {pattern!r} ({why})") from None


MAX_RECURSIVE = 2
"""`**` parts a pattern may hold with no folder named between them (`docs/**/*/**/*.md`):
pathlib's glob walks the tree again below every folder each one reaches, so the time grows
as the tree's depth to the power of their number (six in a row on a tree 12 deep: 20 s)."""


def _bounded(parts: tuple[str, ...], pattern: str) -> tuple[str, ...]:
    """A pattern's parts with each run of `**` made one (`**/**` matches what `**` does),
    refused when more than `MAX_RECURSIVE` remain with no folder named between them."""
    kept: list[str] = []
    for part in parts:
        if not (part == "**" and kept and kept[-1] == "**"):
            kept.append(part)
    running = 0
    for part in kept:
        if not GLOB_CHARACTERS & set(part):
            running = 0  # a folder named: the walk narrows to it
        elif part == "**":
            running += 1
            if running > MAX_RECURSIVE:
                raise UsageError(
                    f"cannot use the source pattern {pattern!r} (more than {MAX_RECURSIVE} "
                    "`**` parts with no folder named between them: its walk grows without "
                    "bound with the tree's depth)"
                )
    return tuple(kept)


MAX_FOLDER_DEPTH = 200
"""Deepest folder a source pattern walks into, counted from where it starts to walk:
pathlib's glob recurses, and past about 1,000 levels failed (RecursionError)."""


def _walkable(root: Path, base: Path, parts: tuple[str, ...], asked: set[str]) -> None:
    """Refuse what pathlib's glob would pass by or fail on as it matches `parts` below
    `base`: a folder it lists that cannot be listed (its pages would be taken for gone, and
    their artifacts removed), and folders nested past `MAX_FOLDER_DEPTH`. The folders are
    walked as the glob walks them (a wildcard lists a folder and goes on through a symbolic
    link, `**` every folder below, not through one; hidden ones only where the pattern names
    them), one at a time from a stack; a literal part is looked at, not listed."""
    listed: dict[str, list[tuple[str, bool]]] = {}
    """Per folder listed: its sub-folders (hidden ones where the pattern names them), each
    with whether a symbolic link reaches it. Files are not kept: a folder is listed to know
    that it can be."""
    named_hidden = any(GLOB_CHARACTERS & set(part) for part in asked)  # as `_not_hidden`

    def folders(folder: str) -> list[tuple[str, bool]]:
        if folder not in listed:
            found: list[tuple[str, bool]] = []
            try:
                with os.scandir(folder) as entries:
                    for entry in entries:
                        if entry.name.startswith(".") and not (entry.name in asked or named_hidden):
                            continue
                        if entry.is_dir(follow_symlinks=False):
                            found.append((entry.path, False))
                        elif entry.is_symlink() and _links_a_folder(entry.path):
                            found.append((entry.path, True))
            except FileNotFoundError:  # gone, or never there: no page to lose
                pass
            except OSError as exc:
                raise SourceError(
                    f"cannot list this folder ({exc.strerror or exc}), expected every folder "
                    "the source patterns walk to be readable",
                    path=_shown(root, folder),
                ) from None
            listed[folder] = found
        return listed[folder]

    fixed = 0  # the folders named before the first wildcard: looked at, not listed
    while fixed < len(parts) - 1 and not GLOB_CHARACTERS & set(parts[fixed]):
        fixed += 1
    start = os.path.join(base, *parts[:fixed])
    seen: set[tuple[str, int]] = set()
    stack = [(start, fixed, 0)] if os.path.isdir(start) else []
    while stack:
        folder, index, depth = stack.pop()
        if (folder, index) in seen or index >= len(parts):
            continue
        seen.add((folder, index))
        if depth > MAX_FOLDER_DEPTH:
            raise SourceError(
                f"folders nest more than {MAX_FOLDER_DEPTH} levels deep below it, expected a "
                "shallower tree for the source patterns to walk",
                path=_shown(root, start),
            )
        part, last = parts[index], index == len(parts) - 1
        if part == "**":  # (never through a link, as pathlib's `**`)
            stack.append((folder, index + 1, depth))  # `**` is also no folder at all
            stack.extend(
                (inner, index, depth + 1) for inner, linked in folders(folder) if not linked
            )
        elif GLOB_CHARACTERS & set(part):
            listing = folders(folder)  # (listed to match the files, when last)
            if not last:  # (through a link too, as pathlib's `*`)
                stack.extend(
                    (inner, index + 1, depth + 1)
                    for inner, _ in listing
                    if fnmatch.fnmatchcase(os.path.basename(inner), part)
                )
        elif not last and os.path.isdir(inner := os.path.join(folder, part)):
            stack.append((inner, index + 1, depth + 1))


def _links_a_folder(path: str) -> bool:
    """Whether a symbolic link reaches a folder (a loop or a dangling link reaches none)."""
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def _shown(root: Path, folder: str) -> str:
    """A folder as messages name it: relative to the project when inside it."""
    relative = os.path.relpath(folder, root)
    return folder if relative.startswith("..") else Path(relative).as_posix()


def _not_hidden(parts: tuple[str, ...], asked: set[str]) -> bool:
    """Whether a match names no hidden file or folder the pattern did not name itself
    (`.obsidian/`, macOS `._page.md`), as shell and `glob` patterns behave."""
    wildcard = any(GLOB_CHARACTERS & set(part) for part in asked)
    return wildcard or all(not part.startswith(".") or part in asked for part in parts)


def fixed_directory(pattern: str) -> str:
    """The directories of a glob pattern before its first wildcard (`docs/*/a.md` → `docs`)."""
    parts = PurePosixPath(pattern).parts
    fixed = []
    for part in parts[:-1]:
        if GLOB_CHARACTERS & set(part):
            break
        fixed.append(part)
    return posixpath.join(*fixed) if fixed else "."


def common_directory(directories: Sequence[str]) -> str:
    """The deepest directory holding all of these (`/`-separated, relative), '' for none."""
    cleaned = [posixpath.normpath(d or ".") for d in directories]
    try:
        common = posixpath.commonpath(cleaned) if cleaned else ""
    except ValueError:  # absolute and relative together: no common directory
        return ""
    return "" if common == "." else common


def artifact_name(label: str, base: str) -> str:
    """A source's artifact name: its path below `base`, without suffix, the file stem made
    a module name (`api/cci-status-codes.md` → `api/cci_status_codes`; `状态码` stays;
    `names.module_name`), so each generated module imports by its own name. `base` holds
    `label`, so the name never climbs out with `..`."""
    relative = posixpath.relpath(label, base or ".")
    if relative.startswith("../") or relative == "..":
        raise UsageError(f"lies outside {base or '.'}/, expected a page below it", path=label)
    *folders, file = relative.split("/")
    stem = file.rsplit(".", 1)[0] if "." in file.lstrip(".") else file
    name = module_name(stem)
    if not folders and same_on_every_file_system(name) == "index":
        name += "_"  # the index of several pages takes index.md at the top
    return "/".join([*map(folder_name, folders), name])


def read_bytes(path: Path, label: str) -> bytes:
    """A regular file's bytes, at most `MAX_BYTES`; anything else is a usage error."""
    try:  # non-blocking open: opening a FIFO for reading would wait for a writer
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            if not stat.S_ISREG(os.fstat(handle).st_mode):
                raise UsageError("not a regular file, expected a documentation page", path=label)
            data = read_at_most(handle, MAX_BYTES)
        finally:
            os.close(handle)
    except OSError as exc:
        raise UsageError(f"cannot read the source ({exc.strerror or exc})", path=label) from None
    if len(data) > MAX_BYTES:
        raise UsageError(
            f"the file is larger than {MAX_BYTES:,} bytes, expected a documentation page",
            path=label,
        )
    return data


def is_revision(argument: str) -> bool:
    """Whether an argument names a file in git (`REV:PATH`) rather than a file on disk."""
    revision, colon, path = argument.partition(":")
    return bool(colon and revision and path) and not Path(argument).exists()


def read_revision(argument: str, cwd: Path) -> bytes:
    """`REV:PATH` read from git (`HEAD~1:docs/状态码.md`; PATH as git reads it: from the
    repository's top, or `./` for the working directory), bounded like a file. Only a file
    (a blob) is read, never a folder; a symbolic link committed in the tree is followed to
    the file it names, as a checkout would show it (`latest.md -> v2.md`), where reading the
    blob gave the link's own text as the page. Nothing in the argument can be an option to
    git."""
    if argument.startswith("-"):
        raise UsageError("a revision cannot start with '-', expected REV:PATH", path=argument)
    if "\n" not in argument:  # (a line of git's batch protocol)
        followed = _followed(argument, cwd)
        if followed is not None:
            return followed
    return _blob(argument, cwd)


def git_environment() -> dict[str, str]:
    """The environment git runs in: never a fetch of a missing object (a partial clone's
    promisor remote that never answers left `diff` waiting for ever; found by a probe) and
    never a prompt for credentials on a terminal the run does not own."""
    return {**os.environ, "GIT_NO_LAZY_FETCH": "1", "GIT_TERMINAL_PROMPT": "0"}


GIT_LINE_BYTES = 4096
"""Most bytes of a line of `git cat-file --batch` read: an object's header, or the name of
what a symbolic link points to, shown in a message."""


def _followed(argument: str, cwd: Path) -> bytes | None:
    """The file `argument` names in git, symbolic links in the tree followed (`git cat-file
    --batch --follow-symlinks`); None when git finds no file there (a bad revision, a
    missing path, a folder): `_blob` then asks again and says what git says. A link that
    leads out of the repository, to nothing, or round in a loop is a usage error."""
    import subprocess  # here: most runs never read git, and start sooner without it

    try:
        process = subprocess.Popen(
            ["git", "cat-file", "--batch", "--follow-symlinks"],
            cwd=cwd,
            env=git_environment(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
    except OSError as exc:
        raise UsageError(f"cannot run git ({exc.strerror or exc})", path=argument) from None
    asked = argument.encode("utf-8", "surrogateescape")
    with process:
        assert process.stdin is not None
        assert process.stdout is not None
        try:
            process.stdin.write(asked + b"\n")
            process.stdin.close()
        except OSError:  # git ended first (not a repository): `_blob` says why
            process.kill()
            return None
        line = process.stdout.readline(GIT_LINE_BYTES).rstrip(b"\n")
        if line.startswith(asked + b" "):  # `missing`, `ambiguous`: said again by `_blob`
            process.kill()
            return None
        kind, _, size = line.partition(b" ")
        if kind in (b"symlink", b"dangling", b"loop", b"notdir"):
            shown = process.stdout.readline(GIT_LINE_BYTES).rstrip(b"\n")
            process.kill()
            raise UsageError(_link_problem(kind, shown.decode("utf-8", "replace")), path=argument)
        found = size.split(b" ")
        if found[:1] == [b"tree"]:  # a folder, or a link to one (its blob is its text)
            process.kill()
            raise UsageError(
                "cannot read it from git (a folder, not a file), expected REV:PATH of a page",
                path=argument,
            )
        if len(found) != 2 or found[0] != b"blob" or not found[1].isdigit():
            process.kill()
            return None
        length = int(found[1])
        if length > MAX_BYTES:
            process.kill()
            raise UsageError(f"larger than {MAX_BYTES:,} bytes in git", path=argument)
        data = process.stdout.read(length)
        process.kill()
    return data if len(data) == length else None


def _link_problem(kind: bytes, shown: str) -> str:
    """What is wrong with a symbolic link `git cat-file --follow-symlinks` would not follow."""
    if kind == b"symlink":
        return f"is a symbolic link in git to {shown!r}, outside the repository, expected a file"
    if kind == b"dangling":
        return "is a symbolic link in git to no file (dangling), expected a file"
    if kind == b"loop":
        return "is a loop of symbolic links in git, expected a file"
    return "has a file where a folder should be on its path in git, expected a file"


def _blob(argument: str, cwd: Path) -> bytes:
    """`argument` read as a blob (`git cat-file blob`): git's own words when it is none."""
    import subprocess
    import tempfile

    with tempfile.TemporaryFile() as errors:
        try:
            process = subprocess.Popen(
                ["git", "cat-file", "blob", argument],
                cwd=cwd,
                env=git_environment(),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=errors,
            )
        except OSError as exc:
            raise UsageError(f"cannot run git ({exc.strerror or exc})", path=argument) from None
        with process:
            assert process.stdout is not None
            data = process.stdout.read(MAX_BYTES + 1)
            if len(data) > MAX_BYTES:
                process.kill()
                raise UsageError(f"larger than {MAX_BYTES:,} bytes in git", path=argument)
        if process.returncode != 0:
            errors.seek(0)
            problem = errors.read(4096).decode("utf-8", "replace").strip()
            reason = problem.splitlines()[0] if problem else "not a file in git"
            raise UsageError(f"cannot read it from git ({reason})", path=argument)
    return data
