"""The fast no-op `check`: answer "all up to date" without parsing, when nothing it reads
changed since the last full run.

A full run records in the manifest a digest of what it was made from (`inputs_digest`: this
codetables' own code and templates, the settings, the templates folder's templates, every
source's path, name and bytes), one of the artifacts it made, and its warnings. While both
digests still hold, `check` is decided by reading and hashing files: no BeautifulSoup,
markdown-it or Jinja is imported. Anything else (a digest that moved, an artifact missing or
edited, a temporary file left behind, `-v`, named sources) takes the full path, which stays
the reference and says what changed.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from . import artifacts, templateset
from .console import Console, count
from .package import HERE, INDEX_TEMPLATE, TEMPLATE_DIRS, TEMPLATES
from .project import Project, Source, read_sources
from .templateset import Templates


def _hash(parts: Iterable[bytes | str]) -> str:
    """A digest of several parts, each length-prefixed so no two lists of parts collide."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()[:32]


@functools.cache
def tool_digest() -> str:
    """This codetables: its modules, schema and templates (the first of each name found,
    as the renderer finds it). A change to any of them may change what it renders."""
    parts: list[bytes | str] = []
    for path in sorted(HERE.glob("*.py")) + sorted(HERE.glob("*.json")):
        parts += [path.name, path.read_bytes()]
    for name in [*TEMPLATES, INDEX_TEMPLATE]:
        found = next((folder / name for folder in TEMPLATE_DIRS if (folder / name).is_file()), None)
        parts += [name, found.read_bytes() if found else b""]
    return _hash(parts)


def inputs_digest(
    project: Project, sources: Sequence[Source], key: str, templates: Templates
) -> str:
    """What a full run over `sources` renders from, for the project known as `key` in the
    manifest: with the templates folder's setting and templates, by name and text."""
    parts: list[bytes | str] = ["codetables-inputs/1", tool_digest(), key, repr(project.settings)]
    parts += templates.fingerprint()
    for source in sources:
        parts += [source.label, source.name, hashlib.sha256(source.data).digest()]
    return _hash(parts)


def artifacts_digest(files: Mapping[str, bytes]) -> str:
    """The artifacts' names and bytes, in name order."""
    return _hash(part for name in sorted(files) for part in (name, files[name]))


def check(
    project: Project,
    directory: Path,
    console: Console,
    *,
    strict: bool,
    templates: Templates | None = None,
) -> int | None:
    """0, after the warnings and the summary the full path would print, when the
    manifest's record for this project still holds; None when the full path must decide
    (also for a run that warned, under `strict`: it fails, and says where). `templates`:
    the run's (default: as configured)."""
    if not directory.is_dir():
        return None
    if templates is None:
        templates = templateset.of_run(project, None)
    with artifacts.locked(directory, shared=True):  # never a run half done
        return _check(project, directory, console, strict=strict, templates=templates)


def _check(
    project: Project, directory: Path, console: Console, *, strict: bool, templates: Templates
) -> int | None:
    key = artifacts.project_key(directory, project.root)
    record = artifacts.read_inputs(directory).get(key)
    listed = (artifacts.read_manifest(directory) or {}).get(key)
    if record is None or listed is None or (strict and record.warnings):
        return None
    sources = read_sources(project, [])
    if inputs_digest(project, sources, key, templates) != record.digest:
        return None
    files = artifacts.owned(directory, listed)
    if len(files) != len(listed) or artifacts_digest(files) != record.artifacts:
        return None
    if artifacts.stale_temporaries(directory, listed):
        return None
    for warning in record.warnings:
        console.warning(warning)
    shown = project.label(directory)
    console.summary(
        f"{record.figures} → {count(record.files, 'file')} compared, all up to date in {shown}/"
    )
    return 0
