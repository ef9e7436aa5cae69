"""Python identifiers for generated enum members, derived from the document's own words."""

from __future__ import annotations

import keyword
import re
import unicodedata
from collections.abc import Iterable

RESERVED = frozenset(dir(int)) | frozenset(
    {
        "phrase",
        "description",
        "is_informational",
        "is_success",
        "is_redirection",
        "is_client_error",
        "is_server_error",
        "mro",
        "name",
        "value",
    }
)
"""Attribute names a member must not shadow: those of `int`, `Enum` and the generated class."""

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_NON_WORD = re.compile(r"[^A-Za-z0-9]+")


def constant_name(phrase: str) -> str:
    """`NoContent` → `NO_CONTENT`, `Request-URI Too Large` → `REQUEST_URI_TOO_LARGE`.

    Non-ASCII letters are transliterated where NFKD can, dropped otherwise; the result may be
    empty or start with a digit, which `member_names` handles.
    """
    ascii_text = unicodedata.normalize("NFKD", phrase).encode("ascii", "ignore").decode()
    spaced = _CAMEL.sub("_", ascii_text)
    return _NON_WORD.sub("_", spaced).strip("_").upper()


def member_names(entries: Iterable[tuple[str, str]], prefix: str) -> list[str]:
    """A unique, valid, safe identifier for each `(phrase, code)`, in the entries' order.

    A phrase that gives no usable name falls back to `{prefix}_{code}`. A name already taken
    becomes `{name}_{code}`, then `{name}_{code}_2`, … — each candidate checked against every
    name already given, so the outcome depends only on the entries and their order.
    """
    taken: set[str] = set()
    names: list[str] = []
    for phrase, code in entries:
        suffix = constant_name(code) or "X"
        name = constant_name(phrase)
        if not name or not name[0].isalpha():
            name = f"{prefix}_{suffix}" if not name else f"{prefix}_{name}"
        candidate, counter = name, 2
        if not _usable(candidate, taken):
            candidate = f"{name}_{suffix}"
        while not _usable(candidate, taken):
            candidate, counter = f"{name}_{suffix}_{counter}", counter + 1
        taken.add(candidate)
        names.append(candidate)
    return names


def _usable(name: str, taken: set[str]) -> bool:
    return (
        name.isidentifier()
        and not keyword.iskeyword(name)
        and not keyword.issoftkeyword(name)
        and name not in RESERVED
        and not name.startswith("_")
        and name not in taken
    )
