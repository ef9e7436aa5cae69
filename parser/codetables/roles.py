"""What each column of a table means, from its header and its values together.

The one place where meaning is decided. A header alone no longer settles a column: real pages
call the HTTP status column `Error code` (Nacos), put reason phrases under `Description`, and
use `Type` for an error's name on one site and a parameter's data type on the next. So each
column gets two pieces of evidence and one rule weighs them:

- what the header **says** (`headers.says`): a role, a family the values must complete
  (a code, a number, a name, a parameter column), or nothing;
- what the values **hold** (`values.profile`): the share of the present values
  (placeholders such as `-`, `NA`, `...` left out) that read as HTTP statuses, standard
  reason phrases, integers, code tokens, symbolic names or data-type names.

`read_columns` applies the rule, step by step, and is documented in the README's "How meaning
is decided". Thresholds are shares of the present values: `STRONG` (0.8) where values must
speak on their own, a majority where the header already points the same way.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from . import values
from .headers import (
    Heard,
    Says,
    header_key,
    header_words,
    labels_its_code,
    says,
    shares_qualifier,
)
from .model import Kind, Role
from .values import (
    CHINESE,
    Profile,
    integer_value,
    is_code_class,
    is_code_token,
    is_integer,
    is_integer_range,
    is_placeholder,
    is_status_range,
    profile,
)

STRONG = 0.8
"""Share of present values that lets the values decide against or without the header."""
FEW = 0.2
"""Share of present values at or below which the values contradict the header."""
MAJORITY = 0.5
"""Share of present values that confirms what the header says."""
SHOWN = 5
"""Headers named in a note before `…`."""

_KEYS = (Role.ERROR_CODE, Role.CODE, Role.STATUS)
"""Roles that can key a table, in the order that decides its kind."""
_TEXT = frozenset({Role.PHRASE, Role.MESSAGE, Role.DESCRIPTION, Role.REMEDY, Role.CAUSE})
_CODE_HEADERS = frozenset({Role.STATUS, Role.ERROR_CODE, Says.CODE, Says.NUMBER})
_SAYING = _TEXT | {Role.STATUS, Role.ERROR_CODE, Says.NAME}
"""Headers of a column that says something of a plain `Code` column's codes: a text, a
status, an error (`Code | Error` over `Invalid parameter`) or a name."""
_CODE_NAMES = frozenset(
    {"name", "名称", "symbol", "constant", "常量", "identifier", "errorname", "codename",
     "conditionname", "exceptionname", "symbolname", "constantname", "enumname",
     "membername", "错误名称", "错误码名称", "错误标识", "常量名", "常量名称", "枚举名",
     "enum", "enumvalue", "enumerator", "enumeration", "macro", "枚举", "枚举值", "宏定义",
     "宏", "エラー名", "名前", "이름", "오류이름", "название", "имя"}
)  # fmt: skip
"""Headers of a column that names the codes (`Error code | Name`, PostgreSQL's `Condition
Name`); `Parameter name`, `API name` name something else."""


@dataclass(frozen=True)
class Reading:
    """The rule's verdict on one table: a role per column, the kind, and why.

    `kind` is None for a table that is not a code table; `reason` then says why. `notes`
    are decisions worth a warning (a second status column left without its role).
    """

    roles: tuple[Role | None, ...]
    kind: Kind | None
    reason: str = ""
    notes: tuple[str, ...] = ()


def read_columns(
    headers: Sequence[str],
    columns: Sequence[Sequence[str]],
    overrides: Mapping[str, Role | None] | None = None,
    *,
    of_errors: bool = False,
    of_outcomes: bool = False,
) -> Reading:
    """Roles for a table's columns from headers and values, and the table's kind.

    1. An override in `[tool.codetables.roles]` settles its column.
    2. A table with a parameter column (`Required`, `Example`, `Default`) or a column of
       data-type names (`String`, `int64`) is a parameter table, never a code table.
    3. **status**: a column whose values read as HTTP statuses: under a status header unless
       no more than one in five do; under any other code header (`Error code`, `Code`,
       `返回值`) a `STRONG` share of statuses HTTP defines (under an error header that does
       not say HTTP, at least half failures: 4xx, 5xx), unless a name column names them;
       under a header that says nothing, such a share of mostly distinct values (a column
       that merely mentions statuses, such as an endpoint's `Success`, repeats them) beside
       a column that says something of them (`_said_of`). A text
       header (`Description`) never makes a status column. Two unnamed candidates: the
       table is about something else. Under a status header, two codes of four digits or
       more among them make them a service's codes; under any header but one naming HTTP,
       distinct codes whose 1xx and 2xx rows say failures (`_failing_successes`).
    4. **Name and number**: in a table with no error header, a column of distinct integers
       under a number or code header (`Id`, `Value`, `值`) beside a column of distinct
       symbolic names is `code`, and the names are `name` (gRPC's `Code | Id`, an SDK's
       `类型 | 值 | 说明`).
    5. **The code**: a code header over values that are mostly one token each: an error
       header gives `error_code`; a status header whose values are not statuses gives `code`
       (gRPC's `GRPC_STATUS_CANCELLED`); a plain `Code` gives `code` over integers, else
       `error_code`, where another column says something of the codes or they are written
       as codes (not `Region | Code`). A code header over prose is not a code column.
       Beside a status column, distinct identifiers naming failures under a header that
       names no role or a type (`Exception`, `gRPC`) are the `error_code` (`_identified`),
       and so are distinct code tokens under a cause's header (`Reason`) where several rows
       share a status; so are they beside sentences in a table with no header
       (`_unheaded`). With no code column yet, distinct integers under a number header
       beside a message column, or, under a title that names outcomes (`of_outcomes`),
       beside texts that say failures on most rows, are the `code` (5e,
       `_numbered_messages`).
    6. **Text roles** from the header (`message`, `description`, `remedy`, `cause`, `module`,
       `phrase`), unless the values are data-type names.
    7. **phrase** by values: in a status table, a column whose values are standard reason
       phrases (`Bad Request`) is `phrase` whatever its header (a message's too).
    7b. Of two code columns, a class repeating its codes before one distinct on every row,
       the distinct one keys the table (`_finer_codes`).
    8. One column per key role: the one whose header names the role, else the first; the
       others lose the role, with a note.
    8a. **number and name** of one error: distinct symbolic names under an error header
       beside distinct integers under an error or code header (Kafka's `Error | Code`,
       MySQL's `Error Code | … | Error`): the integers are the `error_code`, the names
       `name` (before step 8, so neither is warned of as a second error code).
    9. **name** beside an error code (and 9b: a name column in words, the message or the
       description where there is none): distinct symbolic names under a name header, or
       under a code header (TDengine), name the members; 9c, the column that labels what
       the code codes (`_own_label`); 9d, beside integer codes, a description of distinct
       code names names them (`_named_in_descriptions`).
    10. **description** by position: in a code table with no description, the first column
       without a role whose header is empty or says nothing known (`Summary`, `Hint`, `When
       to use`) and whose values are sentences (`_prose`).
    11. **Two of one text role**: of two descriptions in a table with no message (and no
       status table), the shorter texts are the message (`Meaning | Description`); any
       other second column of a role the Python module carries keeps it, with a note.

    The kind: `error-code` with an error-code column, else `result-code` with a code
    column, else `http-status` with a status column, else not a code table. `of_errors`:
    the table's title says it lists error codes (`## ErrorCode` above it), step 5d then
    takes names under a `Name` or `Type` header too (`_named_failures`). `of_outcomes`: the
    title names outcomes (`TLS Alerts`, `… error condition codes`), for step 5e.
    """
    heard: list[Heard | None] = [says(header, overrides) for header in headers]
    profiles = [profile(values) for values in columns]
    if any(_some_ranges(found) for found in profiles):  # DNS's `12-15 | Unassigned`
        columns = _without_ranges(columns, profiles)
        profiles = [profile(values) for values in columns]
    _states_second(headers, heard, profiles)
    width = len(headers)
    roles: list[Role | None] = [None] * width
    fixed = [bool(overrides) and header_key(h) in (overrides or {}) for h in headers]
    for index in range(width):
        if fixed[index]:
            said = heard[index]
            roles[index] = said if isinstance(said, Role) else None
    if not any(role in _KEYS for role in roles):
        reason = _parameter_table(headers, heard, profiles, fixed)
        if reason:
            return Reading(tuple(roles), None, reason)
    open_ = [index for index in range(width) if not fixed[index]]
    _unnamed_codes(headers, heard, profiles, open_)
    reason = _statuses(headers, heard, profiles, columns, open_, roles)
    if reason:
        return Reading(tuple(roles), None, reason)
    if not any(heard[index] is Role.ERROR_CODE for index in open_):
        _name_and_number(headers, heard, profiles, columns, open_, roles)
    _codes(headers, heard, profiles, open_, roles)
    _identified(headers, heard, profiles, open_, roles)
    if not any(header.strip() for header in headers):
        _unheaded(columns, profiles, open_, roles)
    else:
        _named_failures(headers, heard, profiles, columns, open_, roles, of_errors=of_errors)
        _numbered_messages(
            headers, heard, profiles, columns, open_, roles, of_outcomes=of_errors or of_outcomes
        )
    for index in open_:
        said, found = heard[index], profiles[index]
        if (
            roles[index] is None
            and isinstance(said, Role)
            and said not in _KEYS
            and not found.mostly_types(MAJORITY)
            and not (
                said is Role.REMEDY
                and "action" in header_key(headers[index])
                and _categories(columns[index])
            )
        ):
            roles[index] = said
    _own_label(headers, columns, open_, roles)
    _names_beside_numbers(headers, heard, profiles, columns, open_, roles)
    _examples_beside_statuses(profiles, columns, open_, roles)
    _finer_codes(roles, columns)
    notes = _one_per_key(headers, heard, roles, columns)
    kind = next((_KIND[role] for role in _KEYS if role in roles), None)
    if kind is Kind.ERROR_CODE and Role.NAME not in roles:
        for index in open_:  # TDengine: TSDB_CODE_* beside the error code names it
            if roles[index] is Role.CODE:
                named = _all_distinct(profiles[index], "symbol")
                roles[index] = Role.NAME if named else None
        names = (
            index
            for index in open_
            if roles[index] is None
            and header_key(headers[index]) in _CODE_NAMES
            and _all_distinct(profiles[index], "symbol")
        )
        if Role.NAME not in roles and (name := next(names, None)) is not None:
            roles[name] = Role.NAME  # `Error code | Name`: PARAM_ERROR names 1001
    if kind in (Kind.ERROR_CODE, Kind.RESULT_CODE):
        _names_in_words(headers, heard, profiles, open_, roles)
        _named_in_descriptions(heard, profiles, columns, open_, roles)
    if kind is None:
        return Reading(tuple(roles), None, "no column holds codes")
    if kind is Kind.HTTP_STATUS and Role.PHRASE not in roles:
        phrases = (
            index
            for index in open_
            if roles[index] in (None, Role.DESCRIPTION, Role.MESSAGE, Role.CAUSE)
            and profiles[index].share(profiles[index].phrase) >= STRONG
        )
        phrase = next(phrases, None)
        if phrase is not None:
            roles[phrase] = Role.PHRASE
    if Role.DESCRIPTION not in roles:
        untitled = (
            index
            for index in open_
            if roles[index] is None
            and (heard[index] in (None, Says.TYPE) or not headers[index].strip())
            and _prose(columns[index])
            and not _links(columns[index])
        )
        prose = next(untitled, None)
        if prose is not None:  # Stripe's untitled `200 - OK | Everything worked as expected.`,
            # WooCommerce's `Error Type` over `Invalid request, e.g. using an unsupported …`
            roles[prose] = Role.DESCRIPTION
    _reason_labels(headers, columns, roles, kind)
    notes += _second_texts(headers, columns, roles, kind)
    return Reading(tuple(roles), kind, notes=notes)


_CARRIED = (Role.PHRASE, Role.MESSAGE, Role.DESCRIPTION, Role.REMEDY, Role.CAUSE, Role.MODULE)
"""Roles the Python module carries as one attribute each, from the first column of the role."""


def _second_texts(
    headers: Sequence[str],
    columns: Sequence[Sequence[str]],
    roles: list[Role | None],
    kind: Kind,
) -> tuple[str, ...]:
    """Step 11: two columns of one text role. Beside a description, a column of remarks or
    further reading (`Notes`, `Remarks`, `More information`, `Details`) is said beside the
    codes: no role (the JSON and the Markdown carry it). Two descriptions in a table without
    a message (`Error code | Meaning | Description`): the one of shorter texts is the
    message, as a short label beside a sentence is, when it labels every code; of two
    that say the same in English and in Chinese (Xiaomi's `错误描述 | 说明` over `System
    Error | 系统错误`), the English is the message, what the API answers. Any other
    second column of a role keeps it, and a note says that the Python module does not."""
    described = [index for index, role in enumerate(roles) if role is Role.DESCRIPTION]
    asides = [index for index in described if header_key(headers[index]) in _ASIDES]
    if asides and len(asides) < len(described):  # `Description | Notes`: the description
        for index in asides:  # is the one carried; the remarks stay in the JSON and the
            roles[index] = None  # Markdown, as any column of no role
        described = [index for index in described if index not in asides]
    messages = [index for index, role in enumerate(roles) if role is Role.MESSAGE]
    key = next((roles.index(role) for role in _KEYS if role in roles), None)
    own = [i for i in messages if key is not None and shares_qualifier(headers[i], headers[key])]
    if len(messages) == 2 and len(own) == 1:  # Alipay's `code | msg | sub_code | sub_msg`:
        (other,) = (index for index in messages if index != own[0])  # the sub code's own
        roles[other] = None  # message is `sub_msg`
        messages = own
    if len(messages) == 2 and _in_english(messages, columns) == messages[1]:
        chinese = messages[0]  # (English first already: the module carries it)
        roles[chinese] = None if Role.DESCRIPTION in roles else Role.DESCRIPTION
        described = [index for index, role in enumerate(roles) if role is Role.DESCRIPTION]
    translated = _translation(described, headers, columns)
    if kind is not Kind.HTTP_STATUS and Role.MESSAGE not in roles and translated is not None:
        roles[translated] = Role.MESSAGE
    elif kind is not Kind.HTTP_STATUS and Role.MESSAGE not in roles and len(described) > 1:
        coded = _single_codes(columns, roles)  # a range's row labels no code (`1016-2999`)
        lengths = {index: _mean_length(columns[index]) for index in described}
        shortest = min(described, key=lengths.__getitem__)  # the first of equals
        if any(lengths[index] > lengths[shortest] for index in described) and _labels(
            headers[shortest], list(itertools.compress(columns[shortest], coded))
        ):
            roles[shortest] = Role.MESSAGE
    notes = []
    for role in _CARRIED:
        same = [index for index, found in enumerate(roles) if found is role]
        for index in same[1:]:
            notes.append(
                f"column {headers[index]!r} is a second {role.value} column, after "
                f"{headers[same[0]]!r}: the Python module carries the first only (the JSON "
                "and the Markdown carry both)"
            )
    return tuple(notes)


def _translation(
    described: Sequence[int], headers: Sequence[str], columns: Sequence[Sequence[str]]
) -> int | None:
    """Of two description columns, the one in English beside one in Chinese, when it
    labels every code (`_labels`): a text and its translation, the English one the
    message an API answers with (counting characters made the Chinese, shorter, it)."""
    if len(described) != 2 or (index := _in_english(described, columns)) is None:
        return None
    other = described[0] if index == described[1] else described[1]
    english_length = _mean_length(columns[index])
    chinese_length = _mean_length(columns[other])
    if (
        chinese_length / 2 <= english_length <= 4 * chinese_length + 10  # one text
        and _labels(headers[index], columns[index])
    ):
        return index
    return None


def _in_english(pair: Sequence[int], columns: Sequence[Sequence[str]]) -> int | None:
    """Of two text columns, the one in English beside one in Chinese (Tuya's `错误信息`
    over `中文 | English`): the message an API answers with, which the module carries; the
    Chinese describes it (found by a held-out probe: the module kept the Chinese)."""
    chinese = [_share_chinese(columns[index]) for index in pair]
    for english, other in ((0, 1), (1, 0)):
        if (
            chinese[english] == 0
            and chinese[other] >= STRONG
            and any(
                character.isascii() and character.isalpha()
                for value in columns[pair[english]]
                for character in value
            )
        ):
            return pair[english]
    return None


def _share_chinese(texts: Sequence[str]) -> float:
    """The share of a column's present values written with Chinese characters."""
    present = [text for text in texts if text.strip()]
    written = sum(1 for text in present if CHINESE.search(text))
    return written / len(present) if present else 0.0


_ASIDES = frozenset(
    {"remark", "remarks", "note", "notes", "备注", "moreinformation", "moreinfo", "seealso",
     "learnmore", "details", "detail"}
)  # fmt: skip
"""Headers of a column said beside the codes (remarks, further reading): never a message."""


def _examples_beside_statuses(
    profiles: Sequence[Profile],
    columns: Sequence[Sequence[str]],
    open_: Sequence[int],
    roles: list[Role | None],
) -> None:
    """Step 8b: beside distinct statuses, an error-code column listing several codes in a
    cell (Square's `HTTP status | Error category | Typical error codes` over `400 Bad
    Request | … | BAD_REQUEST, INVALID_VALUE`) gives examples of each status's codes: no
    key (its member was `BAD_REQUEST_INVALID_VALUE`); the statuses key the table."""
    if Role.STATUS not in roles or Role.ERROR_CODE not in roles:
        return
    statuses = profiles[roles.index(Role.STATUS)]
    if statuses.present < 2 or statuses.distinct < statuses.present:
        return
    for index in open_:
        if roles[index] is Role.ERROR_CODE and any(map(_several_codes, columns[index])):
            roles[index] = None


_LISTED = re.compile(r"\s*[,;\u3001\uff0c\uff1b]\s*")
"""What separates codes listed in one cell: a comma or semicolon, in either width, `、`."""


def _several_codes(value: str) -> bool:
    """Whether a cell lists two codes or more (`BAD_REQUEST, INVALID_VALUE`)."""
    parts = (
        _LISTED.split(value.strip()) if "," in value or ";" in value or not value.isascii() else ()
    )
    return len(parts) > 1 and all(map(is_code_token, parts))


CATEGORY_CHARACTERS = 20
"""Characters a label holds at most (`Send/Receive`)."""


def _categories(values: Sequence[str]) -> bool:
    """Whether a column's values are a few one-word labels in Latin letters, each on many
    rows (Discord's `Client Action` over `Send`, `Receive`, `Send/Receive`): under an
    `Action` header, no remedy (found by a held-out probe). A remedy is told in words, if
    short and repeated (`Retry later`, `Do not retry`, `请稍后重试`; found by review)."""
    present = [value for value in values if not is_placeholder(value)]
    return (
        len(present) >= 4
        and 2 * len(set(present)) <= len(present)
        and all(
            len(value) <= CATEGORY_CHARACTERS and value.isascii() and " " not in value
            for value in present
        )
    )


def _some_ranges(found: Profile) -> bool:
    """Whether a column holds integers and a minority of ranges of them (DNS's RCODEs:
    `12-15`, `24-3840` among `0` … `23`)."""
    return found.integer < found.ranged == found.present and found.ranged < 2 * found.integer


def _without_ranges(
    columns: Sequence[Sequence[str]], profiles: Sequence[Profile]
) -> list[Sequence[str]]:
    """The columns without the rows whose integer code is a range, in a column of integers
    and a minority of ranges (`_some_ranges`): a row about the codes it covers says nothing
    of what each column holds (DNS's `12-15 | Unassigned`, its name repeated, made its
    names no name column; found by a held-out probe)."""
    index = next(index for index, found in enumerate(profiles) if _some_ranges(found))
    kept = [not is_integer_range(value) for value in columns[index]]
    return [list(itertools.compress(values, kept)) for values in columns]


def _single_codes(columns: Sequence[Sequence[str]], roles: Sequence[Role | None]) -> list[bool]:
    """Per row, whether its key cell states one code: not a range or a class of them
    (WebSocket's `1016-2999`, `4xx`), a row about the codes it covers."""
    key = next((index for index, role in enumerate(roles) if role in _KEYS), None)
    if key is None:
        return [True] * (len(columns[0]) if columns else 0)
    return [
        not (is_integer_range(value) or is_status_range(value) or is_code_class(value))
        for value in columns[key]
    ]


def _reason_labels(
    headers: Sequence[str],
    columns: Sequence[Sequence[str]],
    roles: list[Role | None],
    kind: Kind,
) -> None:
    """Step 10b: a `Reason` column of short labels, one per code, each distinct, beside a
    description is the code's reason phrase, not a cause told: SendGrid's `200 | No error`
    is the status's `phrase`, ACH's `R01 | Insufficient Funds` the code's `message` (found
    by a held-out probe). Sentences under `Reason` stay a cause."""
    wanted = Role.MESSAGE  # (a status's phrase comes from standard phrases alone, step 7:
    if kind is Kind.HTTP_STATUS or wanted in roles or Role.DESCRIPTION not in roles:
        return  # `408 | Network timeout` is a cause; found by review)
    for index, role in enumerate(roles):
        values = columns[index]
        if (
            role is Role.CAUSE
            and header_key(headers[index]) == "reason"
            and _labels(headers[index], values)
            and _short(values, REASON_WORDS)
        ):
            roles[index] = wanted
            return


REASON_WORDS = 12
"""Words a reason phrase holds at most (ACH's `Customer Advises Originator is Not Known to
Receiver and/or Is Not Authorized`)."""


def _short(values: Sequence[str], words: int) -> bool:
    """Whether every value is a label of `words` words at most, no sentence."""
    return all(
        len(value.split()) <= words and not value.rstrip().endswith((".", "\u3002"))
        for value in values
    )


def _labels(header: str, values: Sequence[str]) -> bool:
    """Whether a description column labels each code as a message does: a value on every
    row, each distinct, none a link, and not under a header of remarks or further reading
    (`Remarks` over `-`, `More information` over links)."""
    present = [value.strip() for value in values if not is_placeholder(value)]
    return (
        header_key(header) not in _ASIDES
        and len(present) == len(values) > 0
        and len(set(present)) == len(present)
        and not _links(values)
    )


def _mean_length(values: Sequence[str]) -> float:
    """The average length of a column's values that are present (0 for none)."""
    present = [len(value.strip()) for value in values if value.strip()]
    return sum(present) / len(present) if present else 0.0


_KIND = {
    Role.ERROR_CODE: Kind.ERROR_CODE,
    Role.CODE: Kind.RESULT_CODE,
    Role.STATUS: Kind.HTTP_STATUS,
}


def _parameter_table(
    headers: Sequence[str],
    heard: Sequence[Heard | None],
    profiles: Sequence[Profile],
    fixed: Sequence[bool],
) -> str:
    """Why a table is a parameter or field table ('' if it is not one). An `Example` column
    makes one unless the first header names error codes or statuses and another a text of
    them (`Error code | Message | Example`: an error's example response; not `Parameter |
    Example | Error code | Description`, the error a parameter's wrong value gives), or
    the first names statuses or a code over distinct statuses (Square's `HTTP status |
    Error category | Typical error codes`: the codes each status may come with; Jira's
    `Code | Meaning | Example`: a request that gets each)."""
    first = profiles[0] if profiles else None
    coded = (
        (
            bool(heard)
            and heard[0] in (Role.ERROR_CODE, Role.STATUS)
            and any(said in _TEXT for said in heard)
        )
        or (
            first is not None
            and heard[0] in (Role.STATUS, Says.CODE)
            and first.present >= 2
            and first.distinct == first.present
            and first.share(first.status) >= STRONG
        )
        or (  # Bash's `Exit code | Meaning | Example`: a command that exits so (a probe)
            first is not None
            and heard[0] in (Says.CODE, Says.NUMBER)
            and first.present >= 2
            and first.distinct == first.present
            and first.share(first.code) >= STRONG
            and any(said in _TEXT for said in heard)
        )
    )
    for index, header in enumerate(headers):
        if fixed[index]:
            continue
        if heard[index] is Says.PARAMETER or (heard[index] is Says.EXAMPLE and not coded):
            return f"a parameter table: column {header!r}"
        found = profiles[index]
        if found.present and found.mostly_types(MAJORITY) and not _declared(found, heard, profiles):
            return f"a parameter table: column {header!r} holds data types"
    return ""


def _declared(types: Profile, heard: Sequence[Heard | None], profiles: Sequence[Profile]) -> bool:
    """Whether a column of data types is the one type a list of constants is declared with
    (the Play Billing reference's `Type | Constant | Value` over `int | OK | 0`): one type
    on every row, beside distinct names under a name header and distinct integers under a
    header of values. A parameter table's types differ from row to row."""
    return (
        types.distinct == 1
        and types.present >= 2
        and any(
            said is Says.NAME and _all_distinct(found, "symbol")
            for said, found in zip(heard, profiles, strict=True)
        )
        and any(
            said is Says.NUMBER and _all_distinct(found, "integer")
            for said, found in zip(heard, profiles, strict=True)
        )
    )


def _statuses(
    headers: Sequence[str],
    heard: Sequence[Heard | None],
    profiles: Sequence[Profile],
    columns: Sequence[Sequence[str]],
    open_: Sequence[int],
    roles: list[Role | None],
) -> str:
    """Step 3: mark the status columns; a reason when unnamed candidates make it ambiguous.

    Under a header that names HTTP but no role (`HTTP Mapping`), a `STRONG` share of
    statuses HTTP defines is the status column beside a column that keys the table
    (`_keyed_otherwise`), or, mostly distinct, beside a column that says something of
    them (`_said_of`): not a matrix of conditions whose outcomes they are.
    Under a header that does not name a status, the values must be statuses HTTP defines
    (an application's `237` is not one), and the table must not give them symbolic names
    (`401 | JOB_NOT_FOUND` under `错误码ID | 错误码名称` are the service's own codes).
    """
    named = any(
        heard[index] is Says.NAME and _all_distinct(profiles[index], "symbol") for index in open_
    )
    unnamed: list[int] = []
    for index in open_:
        said, found = heard[index], profiles[index]
        http = "http" in header_key(headers[index])
        if not http and _failing_successes(index, columns):
            continue  # `100 | Invalid API key`, `200 | Quota exceeded`: a service's codes
        if said is Role.STATUS:
            if not found.present or (
                found.share(found.status) > FEW
                and (found.share(found.unlike_status + _service_codes(found)) < FEW or http)
            ):
                roles[index] = Role.STATUS  # (`0`, `2`, `801`, `1001` beside `101`: a service's)
        elif said in _CODE_HEADERS:
            if (
                found.present
                and _standard(found, named)
                and _errors_if_said(said, headers[index], found)
            ):
                roles[index] = Role.STATUS
        elif (
            said is None
            and "http" in header_key(headers[index])
            and _standard(found, False)
            and (
                _keyed_otherwise(index, heard, profiles)
                or (found.distinct * 2 > found.present and _said_of(index, heard, profiles))
            )
        ):
            roles[index] = Role.STATUS  # `HTTP Mapping`: statuses, named or not
        elif said is None and _standard(found, named) and found.distinct * 2 > found.present:
            unnamed.append(index)
    if len(unnamed) > 1 and Role.STATUS not in roles:
        return f"{len(unnamed)} columns hold HTTP statuses and none is named as the status column"
    if unnamed and Role.STATUS not in roles and _said_of(unnamed[0], heard, profiles):
        roles[unnamed[0]] = Role.STATUS
    return ""


def _mostly_failures(columns: Sequence[Sequence[str]]) -> bool:
    """Whether most rows say, in some cell, that something failed (`values.says_failure`)."""
    rows = list(zip(*columns, strict=True))
    failing = sum(any(map(values.says_failure, row)) for row in rows)
    return failing * 2 > len(rows)


def _service_codes(found: Profile) -> int:
    """Integers of four digits or more among statuses, when there are two at least (`1001`,
    `2001` beside `200`, `500`): a service's codes; one alone is a status mistyped
    (`4000`)."""
    return found.longer_integers if found.longer_integers >= 2 else 0


_SUCCESS_FORM = re.compile(r"[123][0-9][0-9]")


def _failing_successes(index: int, columns: Sequence[Sequence[str]]) -> bool:
    """Whether the rows whose code would be an informational or successful status (1xx,
    2xx) say it is a failure, on two rows and half of them at least (`100 | Invalid API
    key`, `200 | Quota exceeded`, Tencent Maps' `110 | 请求来源未被授权`): the codes are a
    service's own, numbered from 100, not HTTP's: one of them 1xx at least (no status table
    gives a 1xx as a failure), or three 2xx (a `200` or `206` whose response holds a
    partial failure is HTTP's). Only codes that are all distinct (a
    status repeated beside error codes, Slack's `200 | invalid_auth`, says what those
    return), and a row that names its status's standard phrase says no failure of it
    (`207 | Multi-Status: one or more items failed`, `200 | OK | errors are returned with
    200`; found by review)."""
    codes = [values.strip_code(value) for value in columns[index]]
    present = [code for code in codes if not values.is_placeholder(code)]
    if len(set(present)) < len(present):
        return False
    rows = [number for number, code in enumerate(codes) if _SUCCESS_FORM.fullmatch(code)]
    failing = informational = 0
    for number in rows:
        texts = [column[number] for other, column in enumerate(columns) if other != index]
        phrase = values.REASON_PHRASES.get(int(codes[number]), "").casefold()
        if any(map(values.says_failure, texts)) and not (
            phrase and any(phrase in text.casefold() for text in texts)
        ):
            failing += 1
            informational += not codes[number].startswith("2")
    return (informational > 0 or failing >= 3) and failing >= 2 and failing * 2 >= len(rows)


LABEL_WORDS = 8
"""Words a code's label holds at most (Adyen's `Issuer Suspected Fraud`)."""


def _own_label(
    headers: Sequence[str],
    columns: Sequence[Sequence[str]],
    open_: Sequence[int],
    roles: list[Role | None],
) -> None:
    """Step 9c: the column that names what the code column codes (Adyen's `Refusal reason
    code | Refusal reason` over `2 | Refused`) holds the code's label, what the API says
    beside it: the message, where its header alone says a cause or nothing. Only short
    labels, each on every row and distinct; sentences stay what their header says."""
    if Role.MESSAGE in roles:
        return
    keys = [index for index, role in enumerate(roles) if role in (Role.ERROR_CODE, Role.CODE)]
    if not keys:
        return
    for index in open_:
        values = columns[index]
        if (
            roles[index] in (None, Role.CAUSE)
            and labels_its_code(headers[index], headers[keys[0]])
            and _labels(headers[index], values)
            and _short(values, LABEL_WORDS)
        ):
            roles[index] = Role.MESSAGE
            return


def _names_beside_numbers(
    headers: Sequence[str],
    heard: Sequence[Heard | None],
    profiles: Sequence[Profile],
    columns: Sequence[Sequence[str]],
    open_: Sequence[int],
    roles: list[Role | None],
) -> None:
    """Step 8a: an error code written twice, as a number and as a symbolic name (Kafka's
    `Error | Code` over `UNKNOWN_SERVER_ERROR | -1`, MySQL's `Error Code | SQLSTATE |
    Error` over `1022 | 23000 | ER_DUP_KEY`, Agora's `错误码 | 值` over `ERR_OK | 0`): the
    numbers are the error code, the names name it. Each column of distinct values, the
    names under an error header, the numbers under an error or code header or one that
    says the name's value (`Value`, `值`; an `ID` or `编号` beside error codes numbers the
    rows)."""
    if Role.NAME in roles:
        return
    names = [
        index
        for index in open_
        if roles[index] is Role.ERROR_CODE
        and _all_distinct(profiles[index], "symbol")
        and not _all_distinct(profiles[index], "integer")
    ]
    numbers = [
        index
        for index in open_
        if roles[index] in (Role.ERROR_CODE, Role.CODE, None)
        and (
            heard[index] in (Role.ERROR_CODE, Says.CODE)
            or _of_values(headers[index], heard[index])
            or (header_key(headers[index]) in _NUMBER_HEADERS and not _counts(columns[index]))
        )
        and _all_distinct(profiles[index], "integer")
    ]
    if len(names) == 1 and numbers:
        roles[names[0]], roles[numbers[0]] = Role.NAME, Role.ERROR_CODE


_VALUE_HEADERS = frozenset({"value", "值", "数值", "decimal", "dec", "値", "값"})
"""Headers of a name's value (`ERR_OK | 0`), not of a row's number (`ID`, `编号`)."""
_ROW_NUMBERS = frozenset({"id", "no", "no.", "number", "num", "index", "#"})
"""Headers whose integers may count the rows (`ID | Message` over 1, 2, 3)."""
_NUMBER_HEADERS = frozenset({"number", "num"})
"""Headers of a name's value (NFS's `NFS4ERR_PERM | 1` under `Number`) unless the values
number the rows, 1, 2, 3… in order (`Number | Error Code | Error Message`)."""


def _counts(column: Sequence[str]) -> bool:
    """Whether a column numbers its rows: 1, 2, 3… (or 0, 1, 2…) in order. Codes numbered
    from elsewhere (1001, 1002, 1003) are codes, however consecutive (found by review)."""
    found = [value.strip() for value in column]
    return len(found) >= 2 and (
        found == [str(n) for n in range(1, len(found) + 1)]
        or found == [str(n) for n in range(len(found))]
    )


_VALUE_WORDS = frozenset({"value", "values", "decimal", "dec"})


def _of_values(header: str, said: Heard | None) -> bool:
    """Whether a header says the value of a name: one of `_VALUE_HEADERS`, or a number
    under a `Value` of two header rows (SNMP's `Value` over `Dec | Hex`: `Value Dec`)."""
    if header_key(header) in _VALUE_HEADERS:
        return True
    words = {word.casefold() for word in re.findall(r"[A-Za-z]+", header)}
    return said is Says.NUMBER and bool(words & _VALUE_WORDS or "\u503c" in header)


PROSE = 20
"""Characters a column's values hold on average, at least, to be read as sentences."""


def _prose(values: Sequence[str]) -> bool:
    """Whether a column's values are sentences: every one present, a `STRONG` share of them
    distinct (Braintree's `Processor approved the transaction.` on two rows of many), and
    each ending as a sentence ends or `PROSE` characters long on average (not a category
    repeated down a rowspan, `Since v1.2`, a `Learn more` link; `请求成功。` is one)."""
    present = [value.strip() for value in values if value.strip()]
    return (
        len(present) == len(values) > 0
        and len(set(present)) >= max(STRONG * len(present), min(len(present), 2))
        and (
            all(len(value) > 3 and value.endswith(_SENTENCE_ENDS) for value in present)
            or sum(map(len, present)) >= PROSE * len(present)
        )
    )


def _links(values: Sequence[str]) -> bool:
    """Whether most values are addresses (`https://…`): where to read, not what it says."""
    return sum("://" in value or value.startswith("www.") for value in values) * 2 > len(values)


_SENTENCE_ENDS = (".", "。", "!", "\uff01", "?", "\uff1f")
"""How a sentence ends, in Latin and full-width punctuation."""


def _keyed_otherwise(
    index: int, heard: Sequence[Heard | None], profiles: Sequence[Profile]
) -> bool:
    """Whether another column keys the table: distinct symbolic names or integers under a
    header that says code, number or name (gRPC's `Name` over `OK`, `CANCELLED`; its
    `Number`), or distinct identifiers that name failures (`_identifiers`: an `Exception`
    column); not operations or a row's number under a header that names neither."""
    return any(
        other != index
        and (
            (
                heard[other] in (Says.CODE, Says.NUMBER, Says.NAME, Role.ERROR_CODE)
                and (_all_distinct(found, "symbol") or _all_distinct(found, "integer"))
            )
            or (heard[other] in (None, Says.TYPE) and _identifiers(found, True))
        )
        for other, found in enumerate(profiles)
    )


def _said_of(index: int, heard: Sequence[Heard | None], profiles: Sequence[Profile]) -> bool:
    """Whether another column says something of an unnamed column's statuses: a text
    header, words rather than one token each (Stripe's untitled `200 - OK | Everything
    worked as expected.`), reason phrases (`200 | OK`), or distinct names (gRPC's `OK |
    200`, `CANCELLED | 499`); a browser table's `1`, `12`, `Yes` say nothing."""
    return any(
        other != index
        and (
            heard[other] in _TEXT
            or (found.present and found.share(found.code) < MAJORITY)
            or (found.present and found.share(found.phrase) >= MAJORITY)
            or _all_distinct(found, "symbol")
        )
        for other, found in enumerate(profiles)
    )


def _codes(
    headers: Sequence[str],
    heard: Sequence[Heard | None],
    profiles: Sequence[Profile],
    open_: Sequence[int],
    roles: list[Role | None],
) -> None:
    """Step 5: the error-code or other code column, from a code header over code tokens.

    A bare `Status` over words (ACTIVE, BUILD) is a state, not a code; a `Type` is an
    error's name only beside a message column, as distinct names. A plain code header
    (`Code`, `代码`) keys a table only where another column says something of the codes (a
    message, description, remedy, cause or phrase, a status, or names written as code names
    are): region, country, currency and language tables have a `Code` and a `Name` column
    too."""
    message = any(heard[index] is Role.MESSAGE for index in open_)
    texts = any(heard[index] in (Role.MESSAGE, Role.DESCRIPTION) for index in open_)
    keyed = any(heard[index] in _CODE_HEADERS for index in open_)
    coded = any(heard[index] in _CODE_HEADERS - {Says.NUMBER} for index in open_)
    said_of = any(role is Role.STATUS or role in _TEXT for role in roles) or any(
        heard[index] in _SAYING and (heard[index] is not Says.NAME or _names_codes(profiles[index]))
        for index in open_
    )
    for index in open_:
        said, found = heard[index], profiles[index]
        if said is Says.TYPE and (
            (message and _all_distinct(found, "symbol"))
            or (
                texts
                and (coded or (keyed and found.share(found.failing) >= MAJORITY))
                and _mostly_distinct_symbols(found)
            )
        ):  # (beside a `Value` or an `Id`, a type names an error only as errors are named:
            # `RateLimitError`, not DNS's `A | 1`)
            said = Role.ERROR_CODE  # Telegram's `Code | Type | Description`: 400, CHANNEL_PRIVATE
        elif (
            said in (Says.TYPE, Says.NAME, None)  # `Exception`: no head word of its own
            and texts
            and not keyed  # `Code | Exception`: the code keys it, the exception names it
            and _names_errors(headers[index])
            and not any(role in _KEYS for role in roles)
            and _mostly_distinct_symbols(found)
        ):
            said = Role.ERROR_CODE  # Stripe's `Error type`, `Error name`, `Exception`: api_error
        if roles[index] is not None or said not in (Role.ERROR_CODE, Role.STATUS, Says.CODE):
            continue
        if said is Says.CODE and not said_of and found.share(found.coded) < MAJORITY:
            continue  # `Region | Code`, `Code | Currency`: nothing is said of the codes
        if found.present and found.share(found.code) < MAJORITY:
            continue  # a code header over prose is not a code column
        if said is Role.STATUS and not _names_a_code(headers[index]):
            if not _status_names(found, roles, profiles):
                continue  # `Status` over ACTIVE, ERROR: states
            said = Role.ERROR_CODE  # `HTTP Code | Status`: 400 | INVALID_ARGUMENT
        integers = found.present > 0 and _integers(found)
        if said is Role.ERROR_CODE:
            roles[index] = Role.ERROR_CODE
        else:  # a status code header over non-statuses, or a plain code header
            roles[index] = Role.CODE if said is Role.STATUS or integers else Role.ERROR_CODE


def _integers(found: Profile) -> bool:
    """Whether a column's codes are integers: all but a few, or all but a few and rows in
    words among a majority of them (`其他`, `Any other value`, a group's heading: they list
    no code, `values.in_words`)."""
    if found.share(found.ranged) >= STRONG:
        return True
    return (
        found.ranged >= 2
        and found.share(found.ranged) >= MAJORITY
        and found.share(found.ranged + found.worded) >= STRONG
    )


def _identified(
    headers: Sequence[str],
    heard: Sequence[Heard | None],
    profiles: Sequence[Profile],
    open_: Sequence[int],
    roles: list[Role | None],
) -> None:
    """Step 5b: beside a status column, and with no code column yet, a column of distinct
    identifiers that name failures (`_identifiers`) under a header that names no role
    (`Exception`, `gRPC`) or a type (`Error type`, `Gateway response type`) is the error
    code: `ResourceNotFoundException | 404` keys the table by the exception, each member
    carrying its status. So is a column of distinct code tokens under a `Reason` header
    where several rows share a status (`_tokens`; a `Cause` or `Case` is told in words), or
    under an `Id` header (Heroku's `403 | suspended`: an id that is no integer is a name)."""
    if Role.STATUS not in roles or Role.ERROR_CODE in roles or Role.CODE in roles:
        return
    statuses = profiles[roles.index(Role.STATUS)]
    shared = statuses.distinct < statuses.present  # several codes map to one status
    for index in open_:
        if roles[index] is None and (
            (heard[index] in (None, Says.TYPE) and _identifiers(profiles[index], shared))
            or (
                heard[index] is Role.CAUSE
                and "reason" in header_key(headers[index])
                and shared
                and _tokens(profiles[index])
            )
            or (heard[index] is Says.NUMBER and shared and _tokens(profiles[index]))
        ):
            roles[index] = Role.ERROR_CODE
            return


_NOT_ERRORS = (
    "event", "setting", "option", "field", "flag", "config", "policy", "header", "parameter",
    "事件", "配置", "字段", "参数",
)  # fmt: skip
"""Header words of names that are no errors, whatever failures they name (an event's
`PAYMENT_FAILED`, a setting's `DUPLICATE_KEY_POLICY`, a response header's
`ratelimit-limit`; found by review and a probe)."""


def _named_failures(
    headers: Sequence[str],
    heard: Sequence[Heard | None],
    profiles: Sequence[Profile],
    columns: Sequence[Sequence[str]],
    open_: Sequence[int],
    roles: list[Role | None],
    *,
    of_errors: bool = False,
) -> None:
    """Step 5d: in a headed table with no code column yet, a column under a header that says
    nothing known (PayPal's `Issue`) whose values are code names, all distinct, a `STRONG`
    share of them naming a failure, beside a column of sentences is the error code:
    `INVALID_COUNTRY_CODE | Country code is invalid.` (not settings, `MAX_RETRIES`, nor
    events, `PAYMENT_CREATED`; under `Name` or `Type`, a field or parameter table's names,
    `error_code | request_id`, stay no code). In a table its title says lists error codes
    (`of_errors`: Square's `Name | Description` under `## ErrorCode`), code names under a
    `Name` or `Type` header too, whatever words they hold."""
    if any(role in _KEYS for role in roles):
        return
    for index in open_:
        found = profiles[index]
        if (
            roles[index] is None
            and (
                heard[index] is None
                or (of_errors and heard[index] in (Says.NAME, Says.TYPE))
                or (heard[index] is Role.CAUSE and _mostly_failing(found))
            )
            and not _names_other_things(headers[index], _NOT_ERRORS)
            and (
                (_all_distinct(found, "code_name") and (of_errors or _mostly_failing(found)))
                or (
                    heard[index] is None
                    and "code" in header_words(headers[index])
                    and _dotted_failures(found)
                )
            )
            and any(_prose(columns[other]) for other in open_ if other != index)
        ):
            roles[index] = Role.ERROR_CODE
            return


def _names_other_things(header: str, words: Sequence[str]) -> bool:
    """Whether a header names one of `words` (English as whole words, `Event` not in
    `Prevention`; Chinese anywhere)."""
    english = header_words(header)
    return any(word in english if word.isascii() else word in header for word in words)


def _mostly_failing(found: Profile) -> bool:
    return found.share(found.failing) >= STRONG


def _dotted_failures(found: Profile) -> bool:
    """Whether every value is a distinct code token, none an integer, a `STRONG` share of
    them naming a failure: codes written as dotted or joined names (Neo4j's
    `Neo.ClientError.Schema.ConstraintValidationFailed` under `Neo4j code`), which no
    identifier pattern takes."""
    return _all_distinct(found, "code") and found.integer == 0 and _mostly_failing(found)


def _numbered_messages(
    headers: Sequence[str],
    heard: Sequence[Heard | None],
    profiles: Sequence[Profile],
    columns: Sequence[Sequence[str]],
    open_: Sequence[int],
    roles: list[Role | None],
    *,
    of_outcomes: bool,
) -> None:
    """Step 5e: in a table no column keys yet, distinct integers under a number header
    (`Return value`, `Value`, Kuaishou's `result`) beside a column its header calls the
    message (`error_msg`, `Message`, `错误信息`), or, in a table its title says lists
    outcomes (`of_outcomes`: `Message error condition codes`, `TLS Alerts`), beside texts
    that say a failure on most rows (HL7's `Value | Description` over `100 | Segment
    sequence error`), are the codes: a message is what a response says
    of its outcome. Not integers that count the rows (`ID | Message` over 1, 2, 3), nor
    those under a header of other things (`Row`, `Line`, `Version`, `Port`, `Limit`: no
    number header; found by review)."""
    if any(role in _KEYS for role in roles):
        return
    if not any(heard[index] is Role.MESSAGE for index in open_) and not (
        of_outcomes and _mostly_failures(columns)
    ):
        return
    for index in open_:
        if (
            roles[index] is None
            and (heard[index] is Says.NUMBER or header_key(headers[index]) == "result")
            and _all_distinct(profiles[index], "integer")
            and not (header_key(headers[index]) in _ROW_NUMBERS and _counts(columns[index]))
        ):
            roles[index] = Role.CODE
            return


def _enumerated(found: Profile) -> bool:
    """Whether every value is a distinct code name, most of them naming a failure
    (Google's `OK`, `CANCELLED`, `INVALID_ARGUMENT`, `NOT_FOUND`)."""
    return _all_distinct(found, "code_name") and found.share(found.failing) >= MAJORITY


def _tokens(found: Profile) -> bool:
    """Whether every value is a distinct code token, none an integer: under a cause's header
    (`Reason`) beside statuses that several rows share, the reasons a response gives
    (Kubernetes' `AlreadyExists`, `Conflict`: both 409), not a cause told in words."""
    return (
        found.present >= 2
        and found.present == found.distinct
        and found.code == found.present
        and found.integer == 0
    )


def _unheaded(
    columns: Sequence[Sequence[str]],
    profiles: Sequence[Profile],
    open_: Sequence[int],
    roles: list[Role | None],
) -> None:
    """Step 5c: in a table with no header at all (it heads its rows, or has no header
    row), with no code column yet, a column of distinct identifiers that name failures
    (`_identifiers`), of codes written as codes are, not integers (`E1001`, `APIG.0101`),
    or of code names, most of them naming a failure (Google's `Enums`: `OK`, `CANCELLED`,
    `INVALID_ARGUMENT`, `NOT_FOUND`), beside a column of sentences is the error code
    (Stripe's `api_error | API errors cover …`; not a numbered list of steps, a glossary of
    acronyms, or a table of settings, `MAX_RETRIES`)."""
    if any(role in _KEYS for role in roles):
        return
    for index in open_:
        found = profiles[index]
        coded = _all_distinct(found, "coded") and found.code == found.present
        if (
            _identifiers(found, False) or (coded and found.integer == 0) or _enumerated(found)
        ) and any(_prose(columns[other]) for other in open_ if other != index):
            roles[index] = Role.ERROR_CODE
            return


def _identifiers(found: Profile, shared: bool) -> bool:
    """Whether every value is a distinct identifier, one code token each, none an integer
    nor mostly reason phrases (`OK`, `NotFound` name statuses), and each names a failure
    (`ResourceNotFoundException`, `INVALID_ARGUMENT`, `THROTTLED`), or most do where
    several map to one status (`shared`: gRPC's `OK` among its failures): a schema,
    operation, header or content type beside a status (`Pet | 200`, `ValidationError |
    400`, `CreateBucket | 200`, `Retry-After | 429`) is no error code."""
    return (
        found.present >= 2
        and found.present == found.distinct
        and found.code == found.present
        and found.integer == 0
        and found.share(found.phrase) < MAJORITY
        and (found.failing == found.present or (shared and found.share(found.failing) > MAJORITY))
    )


def _status_names(
    found: Profile, roles: Sequence[Role | None], profiles: Sequence[Profile]
) -> bool:
    """Whether a `Status` column names the errors of the HTTP statuses beside it, as
    Google's error model writes them (`400 | INVALID_ARGUMENT`, `409 | ABORTED`): distinct
    code names beside a column of failure statuses, most of them. A table of states
    (`ACTIVE`, `ERROR`) has none beside it, or one of successes (`200 | ACTIVE`)."""
    if Role.STATUS not in roles:
        return False
    statuses = profiles[roles.index(Role.STATUS)]
    return (
        statuses.share(statuses.failure) >= MAJORITY
        and _mostly_distinct_symbols(found)
        and found.share(found.code_name) >= STRONG
    )


def _names_a_code(header: str) -> bool:
    """Whether a header says code (`Status code`, `返回码`), not only status."""
    key = header_key(header)
    return "code" in key or "码" in key


_OTHER_NAMES = (
    "parameter",
    "setting",
    "option",
    "event",
    "header",
    "config",
    "参数",
    "事件",
    "配置",
)
"""Header words of names beside numbers that are no codes' names: QUIC's `Value | Parameter
Name` over `0x01 | max_idle_timeout` (a Java `Constant Field` names constants)."""


def _name_and_number(
    headers: Sequence[str],
    heard: Sequence[Heard | None],
    profiles: Sequence[Profile],
    columns: Sequence[Sequence[str]],
    open_: Sequence[int],
    roles: list[Role | None],
) -> None:
    """Step 4: a column of integers, a `STRONG` share of them distinct, beside a column of
    distinct values, a `STRONG` share of them symbolic names (under a `Cause` header too, when
    written as code names are: MongoDB's `Code | Cause` over `1 | InternalError`; not one
    word, `Timeout`, a cause told in a word; found by review). The
    integers may be under a status header whose values are no statuses (DolphinScheduler's
    `状态码 | 枚举名` over `10000 | INTERNAL_SERVER_ERROR_ARGS`: a service's own codes, as
    under `Code`). A name repeated beside the same integer is one name (DNS's `9 | NotAuth`,
    listed once per RFC that defines it). The names are on half the rows at least: a
    column filled on a few (Kubernetes' exit codes, `Signal` over `SIGKILL` beside `137`
    only) says something of those rows, and named some members only (found by a probe)."""
    numbers = [
        index
        for index in open_
        if roles[index] is None
        and heard[index] in (Says.NUMBER, Says.CODE, Role.STATUS)
        and _integers_mostly_distinct(profiles[index])
    ]
    names = [
        index
        for index in open_
        if roles[index] is None
        and heard[index] in (Says.CODE, Says.NAME, Role.PHRASE, Role.CAUSE, None)
        and profiles[index].present >= 2
        and profiles[index].present * 2 >= len(columns[index])  # (Kubernetes' `Signal`)
        and profiles[index].share(profiles[index].symbol) >= STRONG  # (LDAP's `e-sync…`)
        and (heard[index] is not Role.CAUSE or _all_distinct(profiles[index], "code_name"))
        and not _names_other_things(headers[index], _OTHER_NAMES)
    ]
    for number in numbers:
        for name in names:
            if name != number and _one_code_each(columns[name], columns[number]):
                roles[number], roles[name] = Role.CODE, Role.NAME
                return


def _one_code_each(names: Sequence[str], numbers: Sequence[str]) -> bool:
    """Whether each name present stands beside one number only: distinct but where a row
    repeats a name beside the same number (DNS's `9 | NotAuth`, twice)."""
    number_of: dict[str, str] = {}
    for name, number in zip(names, numbers, strict=True):
        if not is_placeholder(name) and number_of.setdefault(name.strip(), number) != number:
            return False
    return True


def _errors_if_said(said: Heard | None, header: str, found: Profile) -> bool:
    """Whether statuses under an error header are at least half failures (4xx, 5xx), as an
    error column's are (Nacos's `Error code` over 400, 403, 200): a service's own codes
    101, 201, 202 under `错误码` are no HTTP statuses. A header that says HTTP (`HTTP错误码`)
    holds statuses whatever they are."""
    if said is not Role.ERROR_CODE or "http" in header_key(header):
        return True
    return found.share(found.failure) >= MAJORITY


def _standard(found: Profile, named: bool) -> bool:
    """Whether a column's values are mostly statuses HTTP defines, in a table that does not
    name them; a minority of ranges of statuses among them (IANA's registry: `102-199 |
    Unassigned` between `101` and `200`) are rows about statuses, counted for neither."""
    if named:
        return False
    ranges = found.status_range if found.status_range * 2 < found.present else 0
    listed = found.present - ranges
    return listed > 0 and found.standard / listed >= STRONG


_ERROR_WORDS = ("error", "exception", "fault", "failure", "错误", "异常")


def _names_errors(header: str) -> bool:
    """Whether a type or name header says what it names are errors (`Error type`, `Error
    name`, `Exception`): beside a text column, the names key the table (no code beside)."""
    key = header_key(header)
    return any(word in key for word in _ERROR_WORDS)


def _names_codes(found: Profile) -> bool:
    """Whether a name column's values name codes (`PARAM_ERROR`, `InvalidArgument`), not
    countries, currencies or regions (`Germany`, `United States`, `华北1`)."""
    return found.present > 0 and found.share(found.code_name) >= MAJORITY


_STATES = frozenset({"sqlstate", "sqlstatevalue"})
"""Headers of SQL's five-character states: the error code of a table of states (ODBC's,
Db2's, psycopg's), an attribute of one keyed by an error header (MySQL's `Error Code |
SQLSTATE | Error`)."""


def _states_second(
    headers: Sequence[str], heard: list[Heard | None], profiles: Sequence[Profile]
) -> None:
    """A `SQLSTATE` column beside another error header over codes says nothing of its own:
    the error code is the other's, and the state is no second one to warn of (ODBC's
    `Error` over `General warning` is the error in words)."""
    states = [index for index, header in enumerate(headers) if header_key(header) in _STATES]
    others = [
        index
        for index, said in enumerate(heard)
        if said is Role.ERROR_CODE
        and index not in states
        and profiles[index].share(profiles[index].code) >= MAJORITY
    ]
    if states and others:
        for index in states:
            if heard[index] is Role.ERROR_CODE:
                heard[index] = None


def _same_integers(first: Sequence[str], second: Sequence[str]) -> bool:
    """Whether two columns write the same integers row by row in another notation (`128`
    and `0x80`), every row stating one (two columns written alike are worth a note)."""
    return (
        bool(first)
        and list(first) != list(second)
        and all(
            is_integer(a) and is_integer(b) and integer_value(a) == integer_value(b)
            for a, b in zip(first, second, strict=True)
        )
    )


def _names_in_words(
    headers: Sequence[str],
    heard: Sequence[Heard | None],
    profiles: Sequence[Profile],
    open_: Sequence[int],
    roles: list[Role | None],
) -> None:
    """Step 9b: a name column left without a role in a table of error or result codes
    names each code in words (Bluetooth's `0x02 | Unknown Connection Identifier`, Modbus'
    `01 | ILLEGAL FUNCTION`; a `Parameter name` names something else): the message where
    there is none, else the description where there is none; a column of data types stays
    without."""
    for index in open_:
        found = profiles[index]
        if roles[index] is not None or not found.present:
            continue
        named = heard[index] is Says.NAME and header_key(headers[index]) in _CODE_NAMES
        if not named and not (
            heard[index] is Role.ERROR_CODE and found.share(found.code) < MAJORITY
        ):
            continue  # (ODBC's `SQLSTATE | Error` over `General warning` names in words too)
        if found.mostly_types(MAJORITY):
            continue
        free = next((role for role in (Role.MESSAGE, Role.DESCRIPTION) if role not in roles), None)
        if free is not None:
            roles[index] = free
        return


def _unnamed_codes(
    headers: Sequence[str],
    heard: list[Heard | None],
    profiles: Sequence[Profile],
    open_: Sequence[int],
) -> None:
    """Step 2b: a column under an empty header, beside a header that names a text of the
    codes, whose values are distinct and each written as codes are (`| | Message |` over
    `E1001 | Bad input`), is heard as under a plain `Code` (a feature matrix's empty corner
    over `Storage`, `Price` is not)."""
    if not any(heard[index] in _TEXT for index in open_):
        return
    for index in open_:
        if (
            not headers[index].strip()
            and heard[index] is None
            and _all_distinct(profiles[index], "coded")
            and profiles[index].integer < profiles[index].present  # (not 1, 2, 3: steps)
        ):
            heard[index] = Says.CODE


def _integers_mostly_distinct(found: Profile) -> bool:
    """Whether a column's values are all integers, a `STRONG` share of them distinct (.NET's
    `HttpStatusCode` gives 300 two names, `Ambiguous` and `MultipleChoices`)."""
    return (
        found.present >= 2
        and found.integer == found.present
        and found.distinct >= STRONG * found.present
    )


def _mostly_distinct_symbols(found: Profile) -> bool:
    """Whether a column's values are distinct and a `STRONG` share of them symbolic names
    (`CHANNEL_PRIVATE` beside one `FLOOD_WAIT_%d`)."""
    return (
        found.present >= 2
        and found.present == found.distinct
        and found.share(found.symbol) >= STRONG
    )


def _all_distinct(
    found: Profile, count: Literal["integer", "symbol", "coded", "code_name", "code"]
) -> bool:
    """Whether every value is distinct and each is of the shape `count` names (counted only
    when the values are distinct)."""
    if found.present < 2 or found.present != found.distinct:
        return False
    counted: int = getattr(found, count)
    return counted == found.present


def _named_in_descriptions(
    heard: Sequence[Heard | None],
    profiles: Sequence[Profile],
    columns: Sequence[Sequence[str]],
    open_: Sequence[int],
    roles: list[Role | None],
) -> None:
    """Step 9d: beside integer codes and no name column, a column of descriptions, or of no
    role under a header that says nothing known (not `API name`), whose every value is a
    distinct code name (IANA's TLS alerts: `0 | close_notify`,
    `20 | bad_record_mac`) names the codes: `CLOSE_NOTIFY`, not `CODE_0` described as
    `close_notify`. A message stays the message."""
    if Role.NAME in roles:
        return
    key = next((i for i, role in enumerate(roles) if role in (Role.CODE, Role.ERROR_CODE)), None)
    if key is None or not _integers(profiles[key]):
        return
    for index in open_:
        if (
            index != key
            and roles[index] is Role.DESCRIPTION
            and _all_distinct(profiles[index], "code_name")
            and profiles[index].present * 2 >= len(columns[index])  # (Kubernetes' `Signal`)
        ):
            roles[index] = Role.NAME
            return


def _finer_codes(roles: list[Role | None], columns: Sequence[Sequence[str]]) -> None:
    """Step 7b: of two code columns, one that repeats its codes down the table (a class of
    codes: Hikvision's `statusCode`, 2 on three rows) before one whose codes are all
    distinct (its `subStatusCode`: `noMemory`, `upgrading`), the distinct one keys the
    table: each row is one of its codes, and the class keeps no role (the JSON and the
    Markdown carry it)."""
    keyed = [index for index, role in enumerate(roles) if role in (Role.CODE, Role.ERROR_CODE)]
    if len(keyed) < 2:
        return
    distinct = [index for index in keyed if _every_row_distinct(columns[index])]
    repeating = [index for index in keyed if index not in distinct]
    if len(distinct) == 1 and repeating and repeating[0] < distinct[0]:
        for index in repeating:
            if _repeats(columns[index]):
                roles[index] = None


def _every_row_distinct(column: Sequence[str]) -> bool:
    """Whether every row holds a code, each another: a finer code left empty on some rows
    (Facebook's `Error subcode`, given for some codes only) keys nothing (found by
    review)."""
    present = [value.strip() for value in column if not is_placeholder(value)]
    return len(present) == len(column) >= 2 and len(set(present)) == len(present)


def _repeats(column: Sequence[str]) -> bool:
    present = [value.strip() for value in column if not is_placeholder(value)]
    return len(set(present)) < len(present)


def _one_per_key(
    headers: Sequence[str],
    heard: Sequence[Heard | None],
    roles: list[Role | None],
    columns: Sequence[Sequence[str]],
) -> tuple[str, ...]:
    """Step 8: one column per key role; the header that names the role wins, else the first.
    A column that writes the kept one's integers again (MQTT's `Decimal | Hex`: `128`,
    `0x80`) loses the role without a note: it is the same code."""
    notes = []
    for role in (*_KEYS, Role.NAME):
        same = [index for index, found in enumerate(roles) if found is role]
        if len(same) < 2:
            continue
        keep = next((index for index in same if heard[index] is role), same[0])
        for index in same:
            if index != keep:
                roles[index] = None
        same = [i for i in same if i == keep or not _same_integers(columns[keep], columns[i])]
        if len(same) < 2:
            continue
        shown = ", ".join(headers[index] for index in same[:SHOWN]) + (
            ", …" if len(same) > SHOWN else ""
        )
        notes.append(
            f"{len(same)} columns read as {role.value} ({shown}); "
            f"{headers[keep]!r} is taken, the others keep no role"
        )
    return tuple(notes)
