"""The templates a run renders with: the built-ins, and a folder of the user's (`--templates
DIR`, or `templates = "DIR"` in `[tool.codetables]`) that replaces or adds to them.

A template in the folder named like a built-in (`python.py.j2`) replaces it; any other
`LABEL.EXT.j2` adds an artifact `{name}.EXT` per page; `_NAME.j2` is a part that others
include or import and renders no artifact of its own. Every problem is found here, before
any page is read, and named by its file: a name of another form, two templates for one
suffix, a suffix of the built-ins' or one with no known comment syntax (the header that
makes a file codetables' own is a comment: `stamp.COMMENTS`). Other files (a README) and
subfolders are not templates and are ignored.

The folder is read once, here: the renderer serves templates from these bytes, so what is
rendered is exactly what the fast `check` hashes (`fingerprint`), and nothing outside the
folder's own `*.j2` files can be loaded from it. No Jinja is imported here.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from . import stamp
from .errors import UsageError
from .package import INDEX_TEMPLATE, TEMPLATES
from .project import Project

NAME = re.compile(r"(?P<label>[A-Za-z0-9][A-Za-z0-9_-]*)\.(?P<ext>[a-z0-9]+)\.j2")
"""An artifact's template: `LABEL.EXT.j2` (`typescript.ts.j2`), EXT in lower case."""
PART = re.compile(r"_[A-Za-z0-9_.-]*\.j2")
"""A part for `{% include %}` or `{% import %}`: `_macros.j2`."""
RESERVED = {".tmp": "the suffix of codetables' temporary files"}
MAX_BYTES = 1024 * 1024
"""Most bytes of one template: far more than any real one, a bound on what is read."""


@dataclass(frozen=True)
class Templates:
    """The templates of a run: the built-ins, and those read from the user's folder."""

    folder: str = ""
    """The folder as messages cite it ('' for the built-ins alone)."""
    files: tuple[tuple[str, str], ...] = ()
    """Every template of the folder, (file name, text), in name order."""
    added: tuple[tuple[str, str], ...] = ()
    """(template, suffix) of each artifact the folder adds, in name order."""

    @property
    def pages(self) -> tuple[tuple[str, str], ...]:
        """(template, suffix) of every artifact of a page: the built-ins', then the added."""
        return (*TEMPLATES.items(), *self.added)

    @property
    def suffixes(self) -> tuple[str, ...]:
        """The suffixes of a page's artifacts."""
        return tuple(suffix for _, suffix in self.pages)

    def is_custom(self, name: str) -> bool:
        """Whether the template `name` is read from the user's folder."""
        return any(name == file for file, _ in self.files)

    def path(self, name: str) -> str:
        """A template as messages cite it: `templates/typescript.ts.j2` for one of the
        folder's, the bare name for a built-in."""
        return f"{self.folder}/{name}" if self.is_custom(name) else name

    def fingerprint(self) -> list[str]:
        """What the templates add to a run's inputs (`quick.inputs_digest`): the folder as
        set, and each template's name and text."""
        return ["templates", self.folder, *(part for file in self.files for part in file)]


BUILT_IN = Templates()
"""The built-in templates alone."""


def of_run(project: Project, option: str | None) -> Templates:
    """The run's templates: the folder `--templates` names (relative to the working
    directory), else the configured one (relative to the project's root), else the
    built-ins alone. An empty `--templates` (an unset shell variable) is refused."""
    if option == "":
        raise UsageError("--templates is empty, expected a folder of templates")
    if option is not None:
        directory, setting = Path(option), "--templates"
    elif project.settings.templates is not None:
        directory, setting = project.root / project.settings.templates, "tool.codetables.templates"
    else:
        return BUILT_IN
    return load(directory, project.label(directory), setting=setting)


def load(directory: Path, folder: str, *, setting: str) -> Templates:
    """The templates of `directory` (cited as `folder`), checked; `setting` says where it
    was set (`--templates`, `tool.codetables.templates`) for the message when it is no
    folder."""
    try:
        entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
    except FileNotFoundError:
        raise UsageError(
            f"no such folder ({setting}), expected a folder of templates", path=folder
        ) from None
    except NotADirectoryError:
        raise UsageError(
            f"is not a folder ({setting}), expected a folder of templates", path=folder
        ) from None
    except OSError as exc:
        raise UsageError(
            f"cannot read the templates folder ({exc.strerror or exc})", path=folder
        ) from None
    files: list[tuple[str, str]] = []
    added: dict[str, str] = {}
    for entry in entries:
        name = entry.name
        if name.startswith(".") or not name.endswith(".j2"):
            continue  # not a template: a README beside them, an editor's file
        where = f"{folder}/{name}"
        if not (PART.fullmatch(name) or name in TEMPLATES or name == INDEX_TEMPLATE):
            suffix = _suffix(name, where)
            if suffix in added:
                raise UsageError(
                    f"renders {suffix} artifacts, as {folder}/{added[suffix]} does, expected "
                    "one template per suffix",
                    path=where,
                )
            added[suffix] = name
        files.append((name, _read(entry, where)))
    return Templates(
        folder=folder,
        files=tuple(files),
        added=tuple((template, suffix) for suffix, template in added.items()),
    )


def _suffix(name: str, where: str) -> str:
    """The suffix of the artifact an added template renders, or the reason it cannot be."""
    match = NAME.fullmatch(name)
    if match is None:
        raise UsageError(
            "is not named LABEL.EXT.j2 (typescript.ts.j2: letters, digits, '-' and '_', "
            "then the artifact's suffix in lower case), nor _NAME.j2 (a part to include), "
            "expected one of those",
            path=where,
        )
    suffix = "." + match.group("ext")
    owner = next((t for t, s in TEMPLATES.items() if s == suffix), None)
    if owner is not None:
        raise UsageError(
            f"renders {suffix} artifacts, which the built-in {owner} makes, expected "
            f"another suffix (name it {owner} to replace that template)",
            path=where,
        )
    if suffix in RESERVED:
        raise UsageError(
            f"renders {suffix} artifacts, {RESERVED[suffix]}, expected another suffix",
            path=where,
        )
    if suffix not in stamp.COMMENTS:
        known = " ".join(sorted(set(stamp.COMMENTS) - set(TEMPLATES.values())))
        raise UsageError(
            f"renders {suffix} artifacts, a kind of file with no comment syntax codetables "
            "knows, so they could carry no header marking them as its own, expected one "
            f"of: {known}",
            path=where,
        )
    return suffix


def _read(entry: os.DirEntry[str], where: str) -> str:
    """A template's text: a regular file (never a symbolic link: a template could not then
    show the text of a file elsewhere), UTF-8, at most `MAX_BYTES`."""
    try:
        if entry.is_symlink():
            raise UsageError(
                "is a symbolic link, expected a regular file (templates are read from the "
                "folder itself)",
                path=where,
            )
        handle = os.open(entry.path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        if not stat.S_ISREG(os.fstat(handle).st_mode):  # a folder, a FIFO: never read
            os.close(handle)
            raise UsageError("is not a regular file, expected a template", path=where)
        with os.fdopen(handle, "rb") as stream:
            data = stream.read(MAX_BYTES + 1)
    except OSError as exc:
        raise UsageError(f"cannot read the template ({exc.strerror or exc})", path=where) from None
    if len(data) > MAX_BYTES:
        raise UsageError(f"is larger than {MAX_BYTES:,} bytes, expected a template", path=where)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise UsageError("is not UTF-8, expected a UTF-8 template", path=where, line=line) from None
