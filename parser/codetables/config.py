"""The `[tool.codetables]` table of pyproject.toml: sources, output, names, members, roles,
strictness, templates.

Pure: the CLI finds and reads the file; this module validates its text. Unknown keys and wrong
types are errors naming the key and the file, so a typo never silently changes what runs.
"""

from __future__ import annotations

import tomllib
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


KEYS = ("lines", "members", "names", "output", "roles", "sources", "strict", "templates")
NO_ROLE = "none"
"""What `[tool.codetables.roles]` says for a column that must have no role."""


def has_section(text: str, *, path: str) -> bool:
    """Whether a pyproject.toml text has a `[tool.codetables]` table; broken TOML is an error
    (whether it configures codetables cannot be told)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML ({exc})", path=path) from None
    tool = data.get("tool")
    return isinstance(tool, dict) and "codetables" in tool


def load(text: str, *, path: str) -> Config:
    """Validate the `[tool.codetables]` table of a pyproject.toml text."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML ({exc})", path=path) from None
    table: Any = data.get("tool", {}).get("codetables", {})
    if not isinstance(table, dict):
        raise ConfigError("[tool.codetables] must be a table", path=path)
    unknown = sorted(set(table) - set(KEYS))
    if unknown:
        raise ConfigError(
            f"unknown key tool.codetables.{unknown[0]}, expected one of: {', '.join(KEYS)}",
            path=path,
        )
    sources = table.get("sources", list(DEFAULT_SOURCES))
    if not (
        isinstance(sources, list)
        and sources
        and all(isinstance(s, str) and s.strip() and _plain(s) for s in sources)
    ):
        raise ConfigError(
            "tool.codetables.sources must be a non-empty list of path patterns", path=path
        )
    output = table.get("output", DEFAULT_OUTPUT)
    if not (isinstance(output, str) and output and _plain(output)):
        raise ConfigError("tool.codetables.output must be a directory path", path=path)
    names = table.get("names", {})
    if not (
        isinstance(names, dict)
        and all(isinstance(v, str) and _plain(v) and _plain(k) for k, v in names.items())
    ):
        raise ConfigError(
            "tool.codetables.names must map source paths to artifact names", path=path
        )
    for source, name in names.items():
        if problem := file_name_problem(name):
            raise ConfigError(
                f"tool.codetables.names: {name!r} (for {source}) {problem}", path=path
            )
    templates = table.get("templates")
    if templates is not None and not (
        isinstance(templates, str) and templates and _plain(templates)
    ):
        raise ConfigError("tool.codetables.templates must be a folder path", path=path)
    flags = {key: table.get(key, False) for key in ("lines", "strict")}
    for key, value in flags.items():
        if not isinstance(value, bool):
            raise ConfigError(f"tool.codetables.{key} must be true or false", path=path)
    return Config(
        sources=tuple(sources),
        output=output,
        names=dict(names),
        lines=flags["lines"],
        roles=_roles(table["roles"], path) if "roles" in table else {},
        strict=flags["strict"],
        members=_members(table.get("members", {}), path),
        templates=templates,
    )


def _plain(text: str) -> bool:
    """Whether a path in the configuration can name a file at all (no NUL, no control)."""
    return not any(ord(char) < 0x20 for char in text)


def _members(table: Any, path: str) -> dict[str, dict[str, str]]:
    """`[tool.codetables.members]`: source path → {code → member name}, each name an
    upper-case Python constant (the generated members' style, clear of every attribute)."""
    shape = "tool.codetables.members must map source paths to tables of code = NAME"
    if not (isinstance(table, dict) and all(isinstance(v, dict) for v in table.values())):
        raise ConfigError(shape, path=path)
    if not table:
        return {}
    from .pyenum import MEMBER_NAME  # here: pyenum loads the model, the registry, values

    found: dict[str, dict[str, str]] = {}
    for source, codes in table.items():
        if not (_plain(source) and source.strip()):
            raise ConfigError(shape, path=path)
        for code, name in codes.items():
            if not (isinstance(name, str) and MEMBER_NAME.fullmatch(name) and code.strip()):
                raise ConfigError(
                    f"tool.codetables.members: {source} code {code!r} maps to {name!r}, "
                    "expected an upper-case name such as GATEWAY_TIMEOUT",
                    path=path,
                )
        stripped = {code.strip(): name for code, name in codes.items()}
        if len(stripped) != len(codes):
            raise ConfigError(f"tool.codetables.members: {source} names one code twice", path=path)
        found[source] = stripped
    return found


def _roles(table: Any, path: str) -> dict[str, Role | None]:
    """`[tool.codetables.roles]`: header → role name (or "none"), checked name by name."""
    from .headers import header_key  # here: a run without roles starts without them
    from .model import Role

    choices = sorted([role.value for role in Role] + [NO_ROLE])
    if not (isinstance(table, dict) and all(isinstance(v, str) for v in table.values())):
        raise ConfigError("tool.codetables.roles must map column headers to role names", path=path)
    found: dict[str, Role | None] = {}
    for header, name in table.items():
        if name != NO_ROLE and name not in {role.value for role in Role}:
            raise ConfigError(
                f"tool.codetables.roles: {header!r} maps to unknown role {name!r}, "
                f"expected one of: {', '.join(choices)}",
                path=path,
            )
        found[header_key(header)] = None if name == NO_ROLE else Role(name)
    return found
