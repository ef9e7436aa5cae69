"""Names the generated code carries: enum members from the document's own words, and the
artifacts' file names from the sources' paths."""

from __future__ import annotations

import hashlib
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

_CAMEL = re.compile(
    r"(?<=[a-z])(?=[A-Z])|(?<=[0-9])(?=[A-Z][a-z])"
    r"|(?<=[A-Za-z][A-Z])(?=[A-Z](?!v[0-9]|s(?![A-Za-z0-9]))[a-z])"
)
"""Where camelCase starts a word: at a capital after a small letter, at a capital word after
a digit (`Http2Error`), and at the last capital of an acronym before small letters
(`HTTPServer`, `APIIsDisabled`, `InvalidVPCId`, `IsAValidName`), but for a version (`IPv6`)
and a plural that ends the word (`IDs`, `APIs`), which go on with the acronym. One capital
after digits starts no word (SQLSTATE's `22P02`, `0A000`, `HV00B`, Huawei's `S2I` stay
whole), nor does a capital that opens a name before a word's capital (`OAuthException`,
`ETag`)."""
_DIGIT_ACRONYM = re.compile(
    r"(?<=[A-Za-z][0-9])(?=[A-Z]{2})|(?<=[A-Za-z][0-9]{2})(?=[A-Z]{2})"
    r"|(?<=[A-Za-z][0-9]{3})(?=[A-Z]{2})"
)
"""Where an acronym after a word's digits starts a word (`IPv4CIDR`, `S3ARNInvalid`,
`Route53DNSError`), in a camelCase name alone: a name in capitals keeps its digits and
letters together (errno's `E2BIG`)."""
_NON_WORD = re.compile(r"[^A-Za-z0-9]+")
_HEXADECIMAL = re.compile(r"0[xX][0-9A-Fa-f]+")


def constant_name(phrase: str) -> str:
    """`NoContent` → `NO_CONTENT`, `Request-URI Too Large` → `REQUEST_URI_TOO_LARGE`.

    Non-ASCII letters are transliterated where NFKD can, dropped otherwise; the result may be
    empty or start with a digit, which `member_names` handles.
    """
    ascii_text = (
        phrase  # NFKD leaves ASCII as it is
        if phrase.isascii()
        else unicodedata.normalize("NFKD", phrase).encode("ascii", "ignore").decode()
    )
    if _HEXADECIMAL.fullmatch(ascii_text):
        return ascii_text.upper()  # `0x1F` → `0X1F`, one word (not `0X1_F`)
    spaced = _CAMEL.sub("_", ascii_text)
    if not ascii_text.isupper() and any(map(str.isdigit, ascii_text)):
        spaced = _DIGIT_ACRONYM.sub("_", spaced)
    return _NON_WORD.sub("_", spaced).strip("_").upper()


def member_names(entries: Iterable[tuple[str, str]], prefix: str) -> list[str]:
    """A unique, valid, safe identifier for each `(phrase, code)`, in the entries' order.

    A phrase that gives no usable name falls back to `{prefix}_{code}`. A name already taken
    becomes `{name}_{code}`, then `{name}_{code}_2`, … (a name the code itself spells, as an
    error code's is: `{name}_2`, `{name}_3`, …) — each candidate checked against every name
    already given, so the outcome depends only on the entries and their order.
    """
    taken: set[str] = set()
    names: list[str] = []
    for phrase, code in entries:
        name = constant_name(phrase)
        if not name:
            name = f"{prefix}_{constant_name(code) or 'X'}"
        elif not name[0].isalpha():
            name = f"{prefix}_{name}"
        candidate, counter = name, 2
        if not usable(candidate, taken):
            suffix = constant_name(code) or "X"  # made only for a name taken or unusable
            stem = name if suffix == name else f"{name}_{suffix}"  # (the code says it again)
            candidate = stem
            while not usable(candidate, taken):
                candidate, counter = f"{stem}_{counter}", counter + 1
        taken.add(candidate)
        names.append(candidate)
    return names


def usable(name: str, taken: set[str]) -> bool:
    """Whether `name` may be a member: an identifier, no keyword, not reserved nor taken."""
    return (
        name.isidentifier()
        and not keyword.iskeyword(name)
        and not keyword.issoftkeyword(name)
        and name not in RESERVED
        and not name.startswith("_")
        and name not in taken
    )


WINDOWS_DEVICES = frozenset(
    {"CON", "PRN", "AUX", "NUL"} | {f"{port}{n}" for port in ("COM", "LPT") for n in range(1, 10)}
)
"""Names Windows keeps for devices, with any extension: `con.json` cannot be a file there."""
IMPORTED = frozenset({"enum", "typing"})
"""Modules the generated code imports, which a module of the same name would shadow."""
MAX_STEM_BYTES = 200
"""Longest artifact stem in UTF-8 bytes: with `.json`, well inside the 255 bytes file systems
allow a name, whatever the source's name."""


def module_name(stem: str) -> str:
    """An artifact's file stem from its source's (`cci-status-codes` → `cci_status_codes`,
    `状态码` stays): a module name `import` takes, that every file system can hold.

    The stem is NFKC-normalised first, as Python normalises the names it imports (`ﬁle`
    is `file`, a decomposed `café` the composed one); characters an identifier cannot have
    become `_`; a keyword (`class`, `None`), a Windows device name (`con`), a module the
    artifact imports (`enum`) or a name Python gives a meaning (`__init__`) gets a `_` after
    it; a stem longer than `MAX_STEM_BYTES` keeps its start and gains a digest of the whole,
    so two long names still differ.
    """
    stem = unicodedata.normalize("NFKC", stem)
    name = "".join(c if ("a" + c).isidentifier() else "_" for c in stem)
    name = name if name.isidentifier() else f"_{name}"
    dunder = name.startswith("__") and name.endswith("__")
    if keyword.iskeyword(name) or name.upper() in WINDOWS_DEVICES or name in IMPORTED or dunder:
        name += "_"
    encoded = name.encode("utf-8")
    if len(encoded) > MAX_STEM_BYTES:
        digest = hashlib.sha256(encoded).hexdigest()[:10]
        start = encoded[: MAX_STEM_BYTES - len(digest) - 1].decode("utf-8", "ignore")
        name = f"{start}_{digest}"
    return name


_NOT_ON_WINDOWS = re.compile(r'[<>:"\\|?*\x00-\x1f]')


def folder_name(part: str) -> str:
    """A folder of artifacts, named as the source's folder (NFKC-normalised), with the
    characters Windows refuses in a name (`:`, `?`, …) as `_`, and a `_` after a name it
    keeps for a device (`aux`, `con.d`) or ends in a dot or a space, which it drops."""
    part = _NOT_ON_WINDOWS.sub("_", unicodedata.normalize("NFKC", part))
    device = part.split(".", 1)[0].upper() in WINDOWS_DEVICES
    return part + "_" if device or part.endswith((".", " ")) else part


def same_on_every_file_system(name: str) -> str:
    """The form under which two names are one file on some file system: macOS and Windows
    ignore case, and macOS normalises Unicode."""
    return unicodedata.normalize("NFKC", name).casefold()


def file_name_problem(name: str) -> str:
    """Why a configured artifact name (`api/status_codes`) cannot be used, or ''."""
    *folders, module = name.split("/")
    if not module.isidentifier() or any(d in ("", ".", "..") for d in folders):
        return "is not a Python identifier (optionally under directories: 'api/status_codes')"
    if not folders and same_on_every_file_system(module) == "index":
        return "is the index's name (index.md lists the pages), expected another"
    if module_name(module) != module or any(folder_name(d) != d for d in folders):
        return (
            "cannot be imported or kept on every file system (a keyword, a Windows device "
            "name, a module the artifact imports, or too long)"
        )
    return ""
