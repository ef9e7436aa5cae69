"""The `[tool.codetables]` table of pyproject.toml: sources, output, names, members, roles,
strictness, templates.

Pure: the CLI finds and reads the file; this module validates its text. Unknown keys and wrong
types are errors naming the key, the file and the line the key is written on, so a typo
never silently changes what runs and is found at once.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .errors import ConfigError
from .names import file_name_problem

if TYPE_CHECKING:
    from .model import Role

DEFAULT_SOURCES = ("seeds/*.md",)
DEFAULT_OUTPUT = "output"


@dataclass(frozen=True)
class Config:
    """Settings, with paths relative to the directory holding the pyproject.toml."""

    sources: tuple[str, ...] = DEFAULT_SOURCES
    output: str = DEFAULT_OUTPUT
    names: dict[str, str] = field(default_factory=dict)
    """Source path (relative, `/`-separated) → artifact name, overriding the default name."""
    lines: bool = False
    """Whether JSON artifacts carry source lines (they move whenever text above moves)."""
    roles: dict[str, Role | None] = field(default_factory=dict)
    """Normalised header (`headers.header_key`) → the role its column has (None: no role)."""
    strict: bool = False
    """Whether warnings are errors (exit 2, nothing written), as `--strict` asks."""
    members: dict[str, dict[str, str]] = field(default_factory=dict)
    """Source path → {code as the page writes it → the member name it must have}."""
    templates: str | None = None
    """A folder of templates replacing or adding to the built-ins (`templateset.py`)."""
    text: str = field(default="", compare=False, repr=False)
    """The pyproject.toml text it was read from, for the line of a setting (`line`)."""

    def line(self, *keys: str) -> int | None:
        """The line of `[tool.codetables]`'s setting `keys` (`"members", "a.md"`)."""
        return key_line(self.text, ("tool", "codetables", *keys))


KEYS = ("lines", "members", "names", "output", "roles", "sources", "strict", "templates")
NO_ROLE = "none"
"""What `[tool.codetables.roles]` says for a column that must have no role."""


_KEY = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|'[^'\n]*')"""
_DOTTED = rf"{_KEY}(?:[ \t]*\.[ \t]*{_KEY})*"
_HEADER = re.compile(rf"[ \t]*\[\[?[ \t]*({_DOTTED})[ \t]*\]")
_ASSIGNMENT = re.compile(rf"[ \t]*({_DOTTED})[ \t]*=")
_AT_LINE = re.compile(r"at line ([0-9]+)")


def key_line(text: str, keys: Sequence[str]) -> int | None:
    """The line (from 1) where the key path `keys` is written in a TOML text: the first line
    that writes it (its table header or its assignment) or a key inside it, else the line
    of the nearest table or inline table holding it; None when nothing on its way is
    written. Each key as TOML reads it (quotes, escapes, dots), by tomllib itself."""
    wanted = tuple(keys)
    found, depth = None, 0
    table: tuple[str, ...] = ()
    inside = ""  # the quotes of a multi-line string the line is in
    for number, line in enumerate(text.split("\n"), start=1):
        if inside:  # a line of a multi-line string is no setting's place
            inside = _still_inside(line, inside)
            continue
        if opening := _OPENING.match(line):  # a value's multi-line string opens here
            inside = _still_inside(line[opening.end() :], opening.group(1))
        if header := _HEADER.match(line):
            table = here = _key_path(header.group(1))
        elif assignment := _ASSIGNMENT.match(line):
            here = table + _key_path(assignment.group(1))
        else:
            continue
        if here[: len(wanted)] == wanted:
            return number
        if len(here) > depth and wanted[: len(here)] == here:
            found, depth = number, len(here)
    return found


_TRIPLES = ('"' * 3, "'" * 3)
_OPENING = re.compile(
    r"""(?:[^"'#\n]|"(?:[^"\\\n]|\\.)*"(?!")|'[^'\n]*'(?!'))*?[=\[,][ \t]*("{3}|'{3})"""
)
"""A line up to the multi-line string a value opens on it (after `=`, `[` or `,`, outside
strings and comments), the string's quotes in group 1."""


def _still_inside(line: str, inside: str) -> str:
    """The quotes of a multi-line string still open after `line`, given those open before
    it ('' for none)."""
    position = 0
    while True:
        if inside:
            end = line.find(inside, position)
            if end < 0:
                return inside
            position, inside = end + 3, ""
            continue
        starts = [(at, quotes) for quotes in _TRIPLES if (at := line.find(quotes, position)) >= 0]
        if not starts:
            return ""
        at, inside = min(starts)
        position = at + 3


def _key_path(dotted: str) -> tuple[str, ...]:
    """A dotted key as written (`tool."code tables".x`) as the keys TOML reads."""
    try:
        data: Any = tomllib.loads(f"{dotted} = 0")
    except tomllib.TOMLDecodeError:
        return ()
    path: list[str] = []
    while isinstance(data, dict) and len(data) == 1:
        key, data = next(iter(data.items()))
        path.append(key)
    return tuple(path)


def _error(message: str, path: str, text: str, *keys: str) -> ConfigError:
    """A ConfigError citing the line of `[tool.codetables]`'s setting `keys`."""
    return ConfigError(message, path=path, line=key_line(text, ("tool", "codetables", *keys)))


def _toml(text: str, path: str) -> dict[str, Any]:
    """The TOML text read; broken TOML is an error at the line tomllib names, a byte order
    mark one of its own (tomllib said only "Invalid statement"; pip refuses it alike)."""
    if text.startswith("\ufeff"):
        raise ConfigError(
            "the file opens with a byte order mark (U+FEFF), which TOML does not allow, "
            "expected UTF-8 without one",
            path=path,
            line=1,
            hint="save the file as UTF-8 without a BOM",
        )
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        at = _AT_LINE.search(str(exc))
        line = int(at.group(1)) if at else max(1, len(text.splitlines()))
        raise ConfigError(f"not valid TOML ({exc})", path=path, line=line) from None
    except RecursionError:  # valid TOML, `x = [[[…]]]` 500 deep: tomllib recurses per level
        raise ConfigError(
            "arrays or inline tables nest too deep for a TOML reader, expected a shallower value",
            path=path,
            line=_deep_line(text),
        ) from None


TOML_DEPTH = 100
"""Levels of brackets past which `_deep_line` names the line (tomllib fails near 500)."""


def _deep_line(text: str) -> int:
    """The line where brackets first nest past `TOML_DEPTH` (quotes not told apart: only
    said once tomllib failed), else 1."""
    depth = 0
    line = 1
    for character in text:
        if character == "\n":
            line += 1
        elif character in "[{":
            depth += 1
            if depth > TOML_DEPTH:
                return line
        elif character in "]}":
            depth -= 1
    return 1


def has_section(text: str, *, path: str) -> bool:
    """Whether a pyproject.toml text has a `[tool.codetables]` table; broken TOML is an error
    (whether it configures codetables cannot be told)."""
    tool = _toml(text, path).get("tool")
    return isinstance(tool, dict) and "codetables" in tool


def load(text: str, *, path: str) -> Config:
    """Validate the `[tool.codetables]` table of a pyproject.toml text."""
    table: Any = _toml(text, path).get("tool", {}).get("codetables", {})
    if not isinstance(table, dict):
        raise _error("[tool.codetables] must be a table", path, text)
    unknown = sorted(set(table) - set(KEYS))
    if unknown:
        raise _error(
            f"unknown key tool.codetables.{unknown[0]}, expected one of: {', '.join(KEYS)}",
            path,
            text,
            unknown[0],
        )
    sources = table.get("sources", list(DEFAULT_SOURCES))
    if not (
        isinstance(sources, list)
        and sources
        and all(isinstance(s, str) and s.strip() and _plain(s) for s in sources)
    ):
        raise _error(
            "tool.codetables.sources must be a non-empty list of path patterns",
            path,
            text,
            "sources",
        )
    output = table.get("output", DEFAULT_OUTPUT)
    if not (isinstance(output, str) and output and _plain(output)):
        raise _error("tool.codetables.output must be a directory path", path, text, "output")
    names = table.get("names", {})
    if not (
        isinstance(names, dict)
        and all(isinstance(v, str) and _plain(v) and _plain(k) for k, v in names.items())
    ):
        raise _error(
            "tool.codetables.names must map source paths to artifact names", path, text, "names"
        )
    for source, name in names.items():
        if problem := file_name_problem(name):
            raise _error(
                f"tool.codetables.names: {name!r} (for {source}) {problem}",
                path,
                text,
                "names",
                source,
            )
    templates = table.get("templates")
    if templates is not None and not (
        isinstance(templates, str) and templates and _plain(templates)
    ):
        raise _error("tool.codetables.templates must be a folder path", path, text, "templates")
    flags = {key: table.get(key, False) for key in ("lines", "strict")}
    for key, value in flags.items():
        if not isinstance(value, bool):
            raise _error(f"tool.codetables.{key} must be true or false", path, text, key)
    return Config(
        sources=tuple(sources),
        output=output,
        names=dict(names),
        lines=flags["lines"],
        roles=_roles(table["roles"], path, text) if "roles" in table else {},
        strict=flags["strict"],
        members=_members(table.get("members", {}), path, text),
        templates=templates,
        text=text,
    )


def _plain(text: str) -> bool:
    """Whether a path in the configuration can name a file at all (no NUL, no control)."""
    return not any(ord(char) < 0x20 for char in text)


def _members(table: Any, path: str, text: str) -> dict[str, dict[str, str]]:
    """`[tool.codetables.members]`: source path → {code → member name}, each name an
    upper-case Python constant (the generated members' style, clear of every attribute)."""
    shape = "tool.codetables.members must map source paths to tables of code = NAME"
    if not (isinstance(table, dict) and all(isinstance(v, dict) for v in table.values())):
        raise _error(shape, path, text, "members")
    if not table:
        return {}
    from .pyenum import MEMBER_NAME  # here: pyenum loads the model, the registry, values

    found: dict[str, dict[str, str]] = {}
    for source, codes in table.items():
        if not (_plain(source) and source.strip()):
            raise _error(shape, path, text, "members", source)
        for code, name in codes.items():
            if not code.strip():  # (the name is not what is wrong: found by a probe)
                raise _error(
                    f"tool.codetables.members: {source} maps an empty code to {name!r}, "
                    "expected a code of the page such as 504",
                    path,
                    text,
                    "members",
                    source,
                    code,
                )
            if not (isinstance(name, str) and MEMBER_NAME.fullmatch(name)):
                raise _error(
                    f"tool.codetables.members: {source} code {code!r} maps to {name!r}, "
                    "expected an upper-case name such as GATEWAY_TIMEOUT",
                    path,
                    text,
                    "members",
                    source,
                    code,
                )
        stripped = {code.strip(): name for code, name in codes.items()}
        if len(stripped) != len(codes):
            raise _error(
                f"tool.codetables.members: {source} names one code twice",
                path,
                text,
                "members",
                source,
            )
        found[source] = stripped
    return found


def _roles(table: Any, path: str, text: str) -> dict[str, Role | None]:
    """`[tool.codetables.roles]`: header → role name (or "none"), checked name by name."""
    from .headers import header_key  # here: a run without roles starts without them
    from .model import Role

    choices = sorted([role.value for role in Role] + [NO_ROLE])
    if not (isinstance(table, dict) and all(isinstance(v, str) for v in table.values())):
        raise _error(
            "tool.codetables.roles must map column headers to role names", path, text, "roles"
        )
    found: dict[str, Role | None] = {}
    said: dict[str, str] = {}
    for header, name in table.items():
        key = header_key(header)
        if key in said and table[said[key]] != name:
            raise _error(
                f"tool.codetables.roles: {said[key]!r} and {header!r} name one header (case, "
                f"spaces and colons aside) with two roles, expected one",
                path,
                text,
                "roles",
                header,
            )
        said.setdefault(key, header)
        if name != NO_ROLE and name not in {role.value for role in Role}:
            raise _error(
                f"tool.codetables.roles: {header!r} maps to unknown role {name!r}, "
                f"expected one of: {', '.join(choices)}",
                path,
                text,
                "roles",
                header,
            )
        found[header_key(header)] = None if name == NO_ROLE else Role(name)
    return found
