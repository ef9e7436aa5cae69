"""What the Python artifact declares: one enum per code table, derived from the model.

A status table becomes an `IntEnum` (`StatusCode`) whose members carry `phrase` and
`description` like `http.HTTPStatus`; an error-code table a `StrEnum` (`ErrorCode`) whose
members carry `http_status`, `message`, `description`, `remedy` (and `module`, `cause` when
the table has them); a result-code table (`ResultCode`) an `IntEnum` when every code is an
integer (`0`, `-1`, `0x1000`; a range of them, `3000-3999`, is a row with no member),
else a `StrEnum`, named after its `name` column when it has one (gRPC's `CANCELLED = 1`).
A member stands for the first row that lists its code. When the rows and the members are
not one to one (a code on several rows, a status cell such as
`404/500`, an empty code), the module also holds every row in page order, so nothing is lost.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum as Choice

from . import names, values
from .errors import RenderError
from .headers import Says, labels_its_code, says
from .model import Document, Kind, Role, Row, Table
from .registry import REGISTRY

STATUS_CLASSES = {
    1: "1xx informational",
    2: "2xx success",
    3: "3xx redirection",
    4: "4xx client error",
    5: "5xx server error",
}

Value = str | int | None


class Source(Choice):
    """Where an attribute's value comes from."""

    TEXT = "text"
    """The text of the row's cell in the attribute's column ('' without one)."""
    STATUS = "status"
    """The row's typed HTTP status (None when its status cell states none)."""
    INTEGER = "integer"
    """The integer the cell states (None when it is not an integer)."""
    WRITTEN_PHRASE = "written-phrase"
    """The reason phrase the status cell writes beside its code (`200 - OK`): a status
    table's phrase when no column holds phrases."""


@dataclass(frozen=True)
class Attribute:
    """A member attribute: its name, its annotation, the column it is read from, and how."""

    name: str
    annotation: str
    role: Role | None
    source: Source = Source.TEXT


@dataclass(frozen=True)
class Member:
    """One enum member: name, value, attribute values, and a comment opening its group."""

    name: str
    value: Value
    values: tuple[Value, ...]
    comment: str


@dataclass(frozen=True)
class Enum:
    """One generated enum class, and, when it cannot hold every row, the rows beside it."""

    kind: Kind
    class_name: str
    base: str
    value_type: str
    title: str
    attributes: tuple[Attribute, ...]
    members: tuple[Member, ...]
    row_class: str
    row_fields: tuple[Attribute, ...]
    rows_name: str
    rows: tuple[tuple[Value, ...], ...]
    """Every table row (as `row_fields`) when members do not cover them one to one, else ()."""
    hex_values: bool = False
    """Whether the page writes the codes in hexadecimal (`0x1000`), as the module does."""
    integer_text: bool = False
    """Whether the codes are integers kept as text (error codes `-1`, `40001`: a `StrEnum`):
    the lookup takes the integer an API answers with too."""
    aliases: tuple[tuple[str, str], ...] = ()
    """`(registry name, member name)` for each status whose registry name (`http.HTTPStatus`:
    `GATEWAY_TIMEOUT`) is not the page's (`SERVER_TIMEOUT`), so code written against the
    standard names finds the member."""

    @property
    def is_http(self) -> bool:
        return self.kind is Kind.HTTP_STATUS


@dataclass(frozen=True)
class Flavour:
    """What each kind of table is called in Python."""

    class_name: str
    prefix: str
    lookup: str


FLAVOURS = {
    Kind.HTTP_STATUS: Flavour("StatusCode", "STATUS", "lookup"),
    Kind.ERROR_CODE: Flavour("ErrorCode", "ERROR", "lookup_error"),
    Kind.RESULT_CODE: Flavour("ResultCode", "CODE", "lookup_result"),
}
"""Per kind: the enum's class name (`StatusCode2`… for more), the prefix of a member named
after a code alone (`ERROR_01`), and the module's lookup function."""

MEMBER_NAME = re.compile(r"[A-Z][A-Z0-9_]*")
"""What a member name set by hand must be: an upper-case constant, the generated members'
style, clear of every attribute and method an enum member has."""

_TEXT = "str"
_OPTIONAL_INT = "int | None"


def enums(document: Document, overrides: Mapping[str, str] | None = None) -> list[Enum]:
    """The enums of a page: `StatusCode`…, then `ErrorCode`…, then `ResultCode`…

    `overrides` maps a code as the page writes it (`504`, `APIGW.0101`) to the member name it
    must have, in every enum that lists the code; `override_problems` says which cannot apply.
    """
    if overrides and (problems := override_problems(document, overrides)):
        raise RenderError(f"member names: {problems[0]}")
    out = []
    for kind, flavour in FLAVOURS.items():
        tables = [table for table in document.tables if table.kind is kind]
        for index, table in enumerate(tables):
            class_name = flavour.class_name if index == 0 else f"{flavour.class_name}{index + 1}"
            out.append(_enum(table, class_name, flavour.prefix, overrides or {}))
    return out


def override_problems(document: Document, overrides: Mapping[str, str]) -> list[str]:
    """What is wrong with a page's member-name overrides: a code no enum of the page lists,
    or a name another member of the same enum already has. Empty when all apply."""
    problems = [
        f"{name!r} (for code {code!r}) is not an upper-case name such as GATEWAY_TIMEOUT"
        for code, name in overrides.items()
        if not MEMBER_NAME.fullmatch(name)
    ]
    listed: set[str] = set()
    for kind, flavour in FLAVOURS.items():
        for table in (table for table in document.tables if table.kind is kind):
            entries = _entries(table, flavour.prefix, overrides)
            listed.update(spelling for entry in entries for spelling in entry.spellings)
            problems += _clashes(entries, overrides)
            for entry in entries:
                spelled = [word for word in entry.spellings if word in overrides]
                if len(spelled) > 1:
                    problems.append(f"{' and '.join(map(repr, spelled))} are one code")
    for code in overrides:
        if code not in listed:
            problems.append(f"the page lists no code {code!r}")
    return problems


def lookups(declared: list[Enum]) -> list[tuple[str, Enum]]:
    """`(function name, enum)` for each kind present: the first enum of the kind answers."""
    found: list[tuple[str, Enum]] = []
    for kind, flavour in FLAVOURS.items():
        first = next((enum for enum in declared if enum.kind is kind), None)
        if first is not None:
            found.append((flavour.lookup, first))
    return found


def public_names(declared: list[Enum], *, aliases: bool = False) -> list[str]:
    """`__all__` of the module, in the order `ruff` expects (constants, classes, functions);
    with `aliases`, the built-in template's too: `AnyErrorCode`, the union a lookup of
    several tables returns (not in `public`, which a template of the user's may list
    without defining them; found by review)."""
    found: list[str] = []
    for enum in declared:
        found.append(enum.class_name)
        if enum.rows:
            found += [enum.row_class, enum.rows_name]
    for name, enum in lookups(declared):
        found.append(name)
        if aliases and sum(other.kind is enum.kind for other in declared) > 1:
            found.append(f"Any{enum.class_name}")
    return sorted(found, key=_isort_key)


def _isort_key(name: str) -> tuple[int, list[str | int]]:
    """ruff's isort-style order for `__all__`: CONSTANTS, then Classes, then functions,
    each in natural order (`ResultCode2` before `ResultCode10`)."""
    category = 0 if name.isupper() else 1 if name[0].isupper() else 2
    return category, [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)]


def _attributes(table: Table) -> tuple[Attribute, ...]:
    """Member attributes: fixed for status and error-code tables, as present for the rest."""
    present = {column.role for column in table.columns}
    status = Attribute("http_status", _OPTIONAL_INT, Role.STATUS, Source.STATUS)
    if table.kind is Kind.HTTP_STATUS and Role.PHRASE not in present:
        return (
            Attribute("phrase", _TEXT, Role.STATUS, Source.WRITTEN_PHRASE),
            *_attributes_of(table, [("description", Role.DESCRIPTION, True)], present),
        )
    if table.kind is Kind.HTTP_STATUS:
        wanted = [("phrase", Role.PHRASE, True), ("description", Role.DESCRIPTION, True)]
    else:
        always = table.kind is Kind.ERROR_CODE
        wanted = [
            ("phrase", Role.PHRASE, False),  # SIP's `180 | Ringing`, a `Reason phrase` column
            ("message", Role.MESSAGE, always),
            ("description", Role.DESCRIPTION, True),
            ("remedy", Role.REMEDY, always),
            ("module", Role.MODULE, False),
        ]
    found = _attributes_of(table, wanted, present)
    if table.kind is Kind.ERROR_CODE or (table.kind is Kind.RESULT_CODE and Role.STATUS in present):
        found.insert(0, status)
    return tuple(found)


def _attributes_of(
    table: Table, wanted: list[tuple[str, Role, bool]], present: set[Role | None]
) -> list[Attribute]:
    """The text attributes wanted (those not `always` only where a column has the role),
    and `cause` where one does."""
    wanted = [*wanted, ("cause", Role.CAUSE, False)]
    return [
        Attribute(name, _TEXT, role) for name, role, always in wanted if always or role in present
    ]


def _reader(table: Table, attributes: tuple[Attribute, ...]) -> Callable[[Row], tuple[Value, ...]]:
    """What reads a row's values of `attributes`: each attribute's column is looked up once
    per table, not once per cell."""
    plan = [
        (attribute.source, None if attribute.role is None else table.column(attribute.role))
        for attribute in attributes
    ]

    getters = [_getter(source, index) for source, index in plan]

    def read(row: Row) -> tuple[Value, ...]:
        return tuple([get(row) for get in getters])

    return read


def _getter(source: Source, index: int | None) -> Callable[[Row], Value]:
    """What reads one attribute's value of a row, from the cell at `index` (None: no
    column, the text is '') as `source` says."""
    if source is Source.STATUS:
        return _status_of
    if source is Source.WRITTEN_PHRASE:
        return lambda row: values.written_phrase(_text_at(row, index), row.status)
    if source is Source.INTEGER:
        return lambda row: _integer_or_none(_text_at(row, index))
    if index is None:
        return _no_text
    return lambda row: row.cells[index].text


def _status_of(row: Row) -> Value:
    return row.status


def _no_text(row: Row) -> Value:
    return ""


def _text_at(row: Row, index: int | None) -> str:
    return "" if index is None else row.cells[index].text


def _integer_or_none(text: str) -> int | None:
    return values.integer_value(text) if values.is_integer(text) else None


_KEY_ROLES = {
    Kind.HTTP_STATUS: Role.STATUS,
    Kind.ERROR_CODE: Role.ERROR_CODE,
    Kind.RESULT_CODE: Role.CODE,
}
"""The column each kind of table lists its codes in."""


@dataclass(frozen=True)
class _Entry:
    """A code that becomes a member: its key, its first row, its name, and the ways a
    configuration may write the code (`504`; `0x1000` and `4096`; `APIGW.0101`)."""

    key: Value
    row: Row
    name: str
    spellings: tuple[str, ...]


def _codes(table: Table, headings: list[bool] | None = None) -> list[str]:
    """The text of each row's code cell (the status, error code or result code column);
    '' for a heading row (`is_heading`, or `headings` when they are told already), which
    names no code."""
    index = table.column(_KEY_ROLES[table.kind])
    if index is None:
        return [""] * len(table.rows)
    if headings is None:
        headings = list(map(is_heading, table.rows))
    return [
        "" if heading else row.cells[index].text
        for row, heading in zip(table.rows, headings, strict=True)
    ]


def is_heading(row: Row) -> bool:
    """Whether a row is a heading inside its table (`values.is_heading`): it stays a row of
    the table, and names no member."""
    cells = row.cells  # (most rows are told by their first two cells at once)
    return (
        len(cells) > 1
        and values.maybe_heading(cells[0].text, cells[1].text)
        and values.is_heading([cell.text for cell in cells])
    )


def names_no_code(table: Table) -> Callable[[str], bool]:
    """What tells a code cell of `table` that names no member: a placeholder in a status
    table; among error or result codes that are all integers anything but an integer
    (`NULL` among `1001`, `1002`; `All other values` among `0x01`, `0x02`); else a
    placeholder that is no word (`-`, `N/A`; `None` is a code). Lint's
    `empty-code` asks the same."""
    if table.kind is Kind.HTTP_STATUS:
        return values.is_placeholder
    if _all_integers(_codes(table)):  # (error codes too: `All other values` among `0x01`)
        return lambda code: (
            not (
                values.is_integer(code)
                or values.is_integer_range(code)
                or values.is_code_class(code)
            )
        )
    return values.names_no_code  # (a range or class of codes states codes: no member)


def _no_member(code: str) -> bool:
    """Whether an error or result code cell names no member: a placeholder that is no word,
    a range of codes (`1000~1999`) or a class of them (`5xxxx`): rows about codes (both
    open with a digit: most codes are passed by at their first character)."""
    if values.names_no_code(code):
        return True
    first = code.lstrip(" `-")[:1]
    return first.isdigit() and (values.is_integer_range(code) or values.is_code_class(code))


def _unnamed_words(codes: list[str]) -> frozenset[str]:
    """Codes in words of no Latin letter or digit among codes mostly written in them:
    Alipay's `对应业务错误码…` below `isv.invalid-parameter`, a row about the codes
    not listed (`values.in_words`); its member would be `ERROR_X`. Where most codes are
    such words, each is a member still (`lookup_error` finds it by its text)."""
    worded = [code for code in codes if not _latin(code) and values.in_words(code)]
    if not worded or len(worded) * 2 >= sum(1 for code in codes if code):
        return frozenset()
    return frozenset(worded)


def _latin(code: str) -> bool:
    return any(char.isascii() and char.isalnum() for char in code)


def _integral(table: Table, codes: list[str]) -> bool:
    """Whether the enum is an `IntEnum`: statuses, and result codes that are all integers
    but ranges or classes of them (WebSocket's `1016\u20132999` beside `1000`, Baidu Map's
    `2xx`: a row, no member) and
    fewer rows in words (`values.in_words`: `其他`, a group's heading; a row, no member)."""
    if table.kind is Kind.HTTP_STATUS:
        return True
    return table.kind is Kind.RESULT_CODE and _all_integers(codes)


def _all_integers(codes: list[str]) -> bool:
    """Whether the codes that state something are integers (`-1`, `40001`, `0x1000`; not
    `01`), but ranges or classes of them and fewer rows in words, which name no member."""
    integers = worded = 0
    for code in codes:
        if values.is_placeholder(code):
            continue
        if values.is_integer(code):
            integers += 1
        elif values.in_words(code):
            worded += 1  # `其他`, `Any other value`: the codes not listed, no member
        elif not (values.is_integer_range(code) or values.is_code_class(code)):
            return False  # (a range, `1016-2999`, or a class, `2xx`: a row, no member)
    return integers > worded


def _keys(table: Table, codes: list[str]) -> list[Value]:
    """Each row's member key: its status, its integer, or its code as written; None for a
    row that names no member, as a code the row says is unassigned (`_unassigned`)."""
    if table.kind is Kind.HTTP_STATUS:
        keys: list[Value] = [row.status for row in table.rows]
    elif _integral(table, codes):
        keys = [values.integer_value(code) if values.is_integer(code) else None for code in codes]
    else:
        unnamed = _unnamed_words(codes)
        numbered = _all_integers(codes)  # `All other values` among `0x01`: codes not listed
        keys = [
            None
            if _no_member(code) or code in unnamed or (numbered and values.in_words(code))
            else values.without_footnote(code)
            for code in codes
        ]
    key = table.column(_KEY_ROLES[table.kind])
    name = table.column(Role.NAME)
    for number, row in enumerate(table.rows):
        if keys[number] is not None and _unassigned(row, key, name):
            keys[number] = None
    return keys


_UNASSIGNED = re.compile(r"\(?\s*(?:unassigned|not assigned|unallocated|未分配)\s*\)?\.?", re.I)
"""What a registry writes beside a code no one has: IANA's `509 | Unassigned`."""
_UNASSIGNED_STARTS = frozenset("(UuNn\u672a")


def _unassigned(row: Row, key: int | None, name: int | None) -> bool:
    """Whether the row says only that its code is unassigned: a row of the registry, no
    member (IANA's `509 | Unassigned` is no status a server sends). Not a code's name
    (`3 | UNASSIGNED | The shard is not allocated`), nor a text beside others (`Unassigned |
    The ticket has no assignee`): its only text beside the code says so."""
    if not any(cell.text[:1] in _UNASSIGNED_STARTS for cell in row.cells):
        return False  # (most rows: told by their first characters)
    said = [
        (number, cell.text)
        for number, cell in enumerate(row.cells)
        if number != key and cell.text and not values.is_placeholder(cell.text)
    ]
    return len(said) == 1 and said[0][0] != name and _UNASSIGNED.fullmatch(said[0][1]) is not None


def _named_again(
    table: Table, codes: list[str], entries: list[_Entry]
) -> tuple[tuple[str, str], ...]:
    """`(name, member name)` for each other name a `name` column gives a code on a later
    row (POSIX's `EWOULDBLOCK` below `EAGAIN`, both 11): aliases of the member, as Python's
    own `errno` has both. A name that is no identifier, or taken, is passed by."""
    index = table.column(Role.NAME)
    if index is None or table.kind is Kind.HTTP_STATUS:
        return ()
    member = {entry.key: entry for entry in entries}
    taken = {entry.name for entry in entries}
    found = []
    for key, row in zip(_keys(table, codes), table.rows, strict=True):
        entry = member.get(key)
        if entry is None or entry.row is row:
            continue
        name = names.constant_name(values.strip_code(row.cells[index].text))
        if names.usable(name, taken):
            taken.add(name)
            found.append((name, entry.name))
    return tuple(found)


def _entries(
    table: Table, prefix: str, overrides: Mapping[str, str], codes: list[str] | None = None
) -> list[_Entry]:
    """One entry per distinct code, in page order, named by the override for the code if
    there is one, else from the page's words (`codes`: `_codes` of the table, if known)."""
    codes = _codes(table) if codes is None else codes
    keys = _keys(table, codes)
    first: dict[Value, Row] = {}
    for key, row in zip(keys, table.rows, strict=True):
        if key is not None:
            first.setdefault(key, row)
    phrased = _naming_words(table, codes)  # (asked once a table: it reads every row)
    sources = [_name_source(table, row, key, phrased) for key, row in first.items()]
    bare = [_unnoted(source) for source in sources]
    twice = {name for name, count in Counter(map(names.constant_name, bare)).items() if count > 1}
    generated = names.member_names(
        (
            (
                source if names.constant_name(unnoted) in twice else unnoted,
                _code_word(key, _written(table, row)),
            )
            for source, unnoted, (key, row) in zip(sources, bare, first.items(), strict=True)
        ),
        prefix,
    )
    entries = []
    for name, (key, row) in zip(generated, first.items(), strict=True):
        written = values.strip_code(_written(table, row))
        spellings = tuple(dict.fromkeys(word for word in (str(key), written) if word))
        chosen = (
            next((overrides[word] for word in spellings if word in overrides), name)
            if overrides
            else name
        )
        entries.append(_Entry(key, row, chosen, spellings))
    return entries


def _clashes(entries: list[_Entry], overrides: Mapping[str, str]) -> list[str]:
    """Member names an override gives that another member of the same enum has."""
    problems = []
    owner: dict[str, str] = {}
    for entry in entries:
        code = entry.spellings[0]
        other = owner.setdefault(entry.name, code)
        if other != code:
            renamed, holder = (
                (code, other)
                if any(word in overrides for word in entry.spellings)
                else (other, code)
            )
            problems.append(
                f"code {renamed!r} cannot be named {entry.name!r}: code {holder!r} has that name"
            )
    return problems


def _aliases(entries: list[_Entry]) -> tuple[tuple[str, str], ...]:
    """The registry's names of the statuses the page names otherwise, when no member has
    them: `(GATEWAY_TIMEOUT, SERVER_TIMEOUT)`."""
    taken = {entry.name for entry in entries}
    found = []
    for entry in entries:
        status = REGISTRY.get(entry.key) if isinstance(entry.key, int) else None
        for name in status.names if status else ():
            if name not in taken:
                taken.add(name)
                found.append((name, entry.name))
    return tuple(found)


def _untyped_statuses(table: Table, headings: list[bool]) -> bool:
    """Whether a row's status cell says something no one status holds (`404/409`, `5xx`):
    its member's `http_status` is None, so the rows beside the enum keep the text. A cell
    that states nothing (`-`, `N/A`) loses nothing."""
    index = table.column(Role.STATUS)
    return index is not None and any(
        row.status is None and not values.is_placeholder(row.cells[index].text)
        for row, heading in zip(table.rows, headings, strict=True)
        if not heading
    )


def _enum(table: Table, class_name: str, prefix: str, overrides: Mapping[str, str]) -> Enum:
    attributes = _attributes(table)
    kind = table.kind
    headings = list(map(is_heading, table.rows))
    codes = _codes(table, headings)
    integral = _integral(table, codes)
    entries = _entries(table, prefix, overrides, codes)
    if kind is Kind.HTTP_STATUS:  # grouped 1xx…5xx, page order within a class
        entries.sort(key=lambda entry: int(entry.key or 0) // 100)
    members: list[Member] = []
    read = _reader(table, attributes)
    group: str | None = None
    for entry in entries:
        label = _group(table, entry.row, entry.key)
        comment = label if label != group else ""
        members.append(Member(entry.name, entry.key, read(entry.row), comment))
        group = label
    one_to_one = len(entries) == headings.count(False) and not (
        kind is not Kind.HTTP_STATUS and _untyped_statuses(table, headings)
    )
    value_field: tuple[Attribute, ...]
    if kind is Kind.HTTP_STATUS:
        value_field = (
            Attribute("status_text", _TEXT, Role.STATUS),
            Attribute("status", _OPTIONAL_INT, Role.STATUS, Source.STATUS),
        )
    elif kind is Kind.ERROR_CODE:
        value_field = (
            Attribute("code", _TEXT, Role.ERROR_CODE),
            Attribute("status_text", _TEXT, Role.STATUS),
        )
    else:
        value_field = (Attribute("code", _TEXT, Role.CODE),)
        if integral:
            value_field += (Attribute("value", _OPTIONAL_INT, Role.CODE, Source.INTEGER),)
        if table.column(Role.STATUS) is not None:  # as written: `4xx` types as no status
            value_field += (Attribute("status_text", _TEXT, Role.STATUS),)
    row_fields = value_field + attributes
    rows = () if one_to_one else tuple(map(_reader(table, row_fields), table.rows))
    return Enum(
        kind=kind,
        class_name=class_name,
        base="IntEnum" if integral else "StrEnum",
        value_type="int" if integral else "str",
        title=table.title,
        attributes=attributes,
        members=tuple(members),
        row_class=f"{class_name}Row",
        row_fields=row_fields,
        rows_name=re.sub(r"(?<=[a-z])(?=[A-Z0-9])", "_", class_name).upper() + "_ROWS",
        rows=rows,
        hex_values=kind is Kind.RESULT_CODE and integral and _all_hexadecimal(codes),
        integer_text=kind is Kind.ERROR_CODE and _all_integers(codes) and _decimal(codes),
        aliases=_aliases(entries)
        if kind is Kind.HTTP_STATUS
        else _named_again(table, codes, entries),
    )


def _decimal(codes: list[str]) -> bool:
    """Whether every integer code is written as its decimal digits (`-1`, `40001`): the
    integer an API answers with then finds it as text; `0x01` it would not (found by
    review)."""
    return all(
        str(values.integer_value(code)) == values.strip_code(code)
        for code in codes
        if values.is_integer(code)
    )


def _all_hexadecimal(codes: list[str]) -> bool:
    """Whether every code that states something is written in hexadecimal (`0x1000`)."""
    present = [values.strip_code(code) for code in codes if not values.is_placeholder(code)]
    return all(code[:2] in ("0x", "0X") for code in present)


def _written(table: Table, row: Row) -> str:
    """A result code as the page writes it (`0x1000`); '' for other kinds."""
    return table.text(row, Role.CODE) if table.kind is Kind.RESULT_CODE else ""


_NEGATIVE = re.compile(r"-[0-9]+")
"""An error code written as a negative integer (WeCom's `-1`)."""


def _code_word(key: Value, written: str) -> str:
    """The code as a word for a member name: as written (`0x1000`), `-1` as `MINUS_1`."""
    if isinstance(key, int) and key < 0:
        return f"MINUS_{-key}"
    if isinstance(key, str) and key[:1] == "-" and _NEGATIVE.fullmatch(key):
        return f"MINUS_{key[1:]}"
    return values.strip_code(written) if isinstance(key, int) and written else str(key)


def _name_source(table: Table, row: Row, key: Value, phrased: int | None = None) -> str:
    """What a member's name is made from: for a status its phrase (the page's own, else the
    standard one, so `200` is `OK` even in a table of codes); for an error or result code
    its `name` column (gRPC's `CANCELLED`, TDengine's `TSDB_CODE_…`), else its phrase
    column or a name column in words when `phrased` is its index (`_naming_words`: SIP's
    `Ringing`, Discord's `Dispatch`), else the code."""
    if table.kind is not Kind.HTTP_STATUS:
        named = table.text(row, Role.NAME).strip()
        written = values.strip_code(named)
        if written != named and _unnoted(named) == written:
            written = named  # the note a code's name carries: `_entries` drops it if it can
        if not written and phrased is not None:  # SIP's 180 is `RINGING`
            phrase = row.cells[phrased].text
            written = "" if values.is_placeholder(phrase) else phrase
        if written or not isinstance(key, str) or (key[:1] == "-" and _NEGATIVE.fullmatch(key)):
            return written  # `-1` is named by its code word: `ERROR_MINUS_1`, not `ERROR_1`
        return key
    if table.column(Role.PHRASE) is not None:
        phrase = table.text(row, Role.PHRASE)
    elif isinstance(key, int) and key in values.REASON_PHRASES:
        phrase = ""  # a phrase written in the status cell names no member of the registry's
    else:  # `499 - Client Closed Request`: the phrase the status cell writes
        phrase = values.written_phrase(table.text(row, Role.STATUS), row.status)
    if phrase and not values.is_placeholder(phrase):
        return phrase
    return values.REASON_PHRASES.get(key, "") if isinstance(key, int) else ""


_NOTE = re.compile(r"\s*[(\uff08][^()\uff08\uff09]*[)\uff09]\s*$")
"""A note in parentheses after a phrase (`Accepted (Deprecated)`; full-width ones too)."""


def _unnoted(phrase: str) -> str:
    """A phrase without the note in parentheses after it, when words are left: a member's
    name is the phrase's (SIP's `Accepted (Deprecated)` is `ACCEPTED`; found by a held-out
    probe), unless the note is what tells two names apart (`Error (client)`, `Error
    (server)`: `_entries` keeps it; found by review)."""
    bare = _NOTE.sub("", phrase)
    return bare if bare.strip() else phrase


def _naming_words(table: Table, codes: list[str]) -> int | None:
    """The column whose words name an error or result code's members, if any: a result-code
    table's phrase column, a phrase per code, each distinct (SIP's `Ringing`); not a
    category repeated down the rows (`Failure`), and never an error code's, which its code
    names (`InvalidParameter`, not `BAD_REQUEST`). Else, beside integer codes, a message
    under a name header (`Name`, `名称`), short and distinct as names (Bluetooth's `0x02 |
    Unknown Connection Identifier`, Discord's `0 | Dispatch`): `CODE_2` said nothing a
    page's name says. `codes`: `_codes` of the table."""
    if table.kind is Kind.HTTP_STATUS:
        return None
    index = table.column(Role.PHRASE)
    if table.kind is Kind.RESULT_CODE and index is not None:
        return index if _distinct_words(table, index) else None
    index = table.column(Role.MESSAGE)
    key = table.column(_KEY_ROLES[table.kind])
    if index is None or not (
        says(table.columns[index].header) is Says.NAME
        or (
            key is not None
            and labels_its_code(table.columns[index].header, table.columns[key].header)
        )
    ):
        return None
    if not _all_integers(codes):  # `APIG.0101` names itself (found by review); a range or
        return None  # `All other values` among them lists no code (found by a probe)
    return index if _distinct_words(table, index, short=True) else None


NAME_WORDS = 12
"""Words a name in words holds at most (Bluetooth's `Coarse Clock Adjustment Rejected but Will
Try to Adjust Using Clock Dragging`)."""


def _distinct_words(table: Table, index: int, *, short: bool = False) -> bool:
    """Whether a column states something on some row and each such text once (`short`: each
    a few words, no sentence)."""
    texts = [row.cells[index].text for row in table.rows]
    present = [text for text in texts if not values.is_placeholder(text)]
    ends = (".", "\u3002")
    if short and any(len(text.split()) > NAME_WORDS or text.endswith(ends) for text in present):
        return False
    spelled = set(map(names.constant_name, present)) if short else set(present)
    return bool(present) and len(spelled) == len(present)  # `Not found`, `Not Found`: one


def _status_label(value: Value) -> str:
    """The class a status's member is listed under; past 5xx, a service's own class."""
    if not isinstance(value, int):
        return ""
    return STATUS_CLASSES.get(value // 100) or f"{value // 100}xx service-defined"


def _group(table: Table, row: Row, key: Value) -> str:
    if table.kind is Kind.HTTP_STATUS:
        return _status_label(key)
    module = table.text(row, Role.MODULE)
    return f"module: {module}" if module else ""


_KIND_WORDS = {
    Kind.HTTP_STATUS: "HTTP status codes",
    Kind.ERROR_CODE: "error codes",
    Kind.RESULT_CODE: "result codes",
}


def summary(declared: list[Enum]) -> str:
    """What the module holds, for its first docstring line: `HTTP status and error codes`."""
    kinds = [kind for kind in FLAVOURS if any(enum.kind is kind for enum in declared)]
    words = [_KIND_WORDS[kind] for kind in kinds]
    if len(words) > 1:
        words = [word.removesuffix(" codes") for word in words]
        words = [", ".join(words[:-1]) + " and " + words[-1] + " codes"]
    return words[0][:1].upper() + words[0][1:] if words else "Codes"


def about(enum: Enum) -> str:
    """What an enum's members are and carry, for its docstring."""
    if enum.kind is Kind.HTTP_STATUS:
        return "HTTP status codes with the page's reason phrase and description"
    carried = [attribute.name.replace("_", " ") for attribute in enum.attributes]
    carried = ["HTTP status" if name == "http status" else name for name in carried]
    listed = ", ".join(carried[:-1]) + " and " + carried[-1] if len(carried) > 1 else carried[0]
    what = "Error codes" if enum.kind is Kind.ERROR_CODE else "Result codes"
    return f"{what} with the page's {listed}"


def carries(enum: Enum) -> str:
    """`message`, `description` and `remedy`: the attributes a member carries, as prose."""
    quoted = [f"`{attribute.name}`" for attribute in enum.attributes]
    return ", ".join(quoted[:-1]) + " and " + quoted[-1] if len(quoted) > 1 else quoted[0]
