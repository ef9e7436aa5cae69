"""What a column's values hold: HTTP statuses, reason phrases, integers, code tokens,
symbolic names, data types, and placeholders that state nothing.

`profile` counts the shapes over a column's present values; `typed_status` and
`is_status_text` judge one status cell. Pure functions of text; `roles.py` weighs the shares
against what the header says.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from functools import cached_property, lru_cache

from .registry import STATUSES

_CODE3 = r"[1-5](?:[0-9]{2}|[0-9][xX]|[xX]{2})"
_HTTP = r"(?:[Hh][Tt][Tt][Pp](?:/[0-9](?:\.[0-9])?)?\s*)?"
"""`HTTP 404`, `HTTP/1.1 404 Not Found`: the protocol's name before a status."""
_PHRASE_TAIL = r"(?:[\s:\uff1a\-\u2013\u2014]*[(\uff08]?\s*[^\W\d_][^\d()\uff08\uff09]*[)\uff09]?)?"
"""A reason phrase after the code: `404 Not Found`, `200 (OK)`, `200 - OK` (OpenStack's
form; a colon, hyphen, en or em dash between them)."""
_PHRASE_HEAD = r"[^\W\d_][^\d()\uff08\uff09]*?\s*[(\uff08]\s*"
_STATUS_FORM = re.compile(
    rf"{_HTTP}{_CODE3}(?:\s*(?:[/,\uff0c\u3001~\uff5e]|or|and|或|和)\s*{_CODE3}|\s+{_CODE3})*"
    + _PHRASE_TAIL
    + rf"|{_PHRASE_HEAD}{_CODE3}\s*[)\uff09]"
    + "|(?i:default)"  # OpenAPI's response for any status not listed: kept as written
)
_STATUS_START = re.compile(r"(?:^|(?<=[\s/,;\uff0c\u3001\uff1b]))(?=[1-5][0-9]{2}(?![0-9]))")
"""Where a status begins in a cell listing several, each with its phrase (Okta's `400 Bad
Request<br>403 Forbidden`): the cell is split there and each part read alone, in linear
time (one pattern for the whole list backtracked exponentially; found by review)."""


def _status_list(value: str) -> bool:
    """Whether a cell lists two statuses or more, each a status form of its own."""
    parts = [part.strip(" \t\n/,;\uff0c\u3001\uff1b") for part in _STATUS_START.split(value)]
    parts = [part for part in parts if part]
    return len(parts) > 1 and all(_STATUS_FORM.fullmatch(part) for part in parts)


_TYPED = re.compile(
    rf"{_HTTP}([1-9][0-9]{{2}})" + _PHRASE_TAIL + rf"|{_PHRASE_HEAD}([1-9][0-9]{{2}})\s*[)\uff09]"
)
"""A status the cell states: three digits, 600 to 999 too. HTTP defines 1xx to 5xx, and
says services use the others for statuses of their own (RFC 9110, 15): Qiniu answers 612
and 631. Such a value in a status column is a status (lint says it is not registered);
whether a column holds statuses at all is read from the five classes alone (`_STATUS_FORM`:
a service's own `801` beside `401` under `状态码` is a code column)."""
_PLACEHOLDER = re.compile(
    r"(?:[-\u2014\u2013/.\u2026\u00b7*]+|n/?a|none|null|default|无|不涉及|暂无|略"
    r"|\"\"|''|\((?:empty|none|blank)\)|<(?:empty|none|blank)>)",
    re.IGNORECASE,
)
"""What states no value: a dash, `N/A`, `none`, OpenAPI's `default` response (any status
not listed), `无` (none), `不涉及` (not involved), an empty string written as one (`""`,
`(empty)`: Kubernetes' reason of a status given without one)."""
_INTEGER = re.compile(
    r"(-?(?:0|[1-9][0-9]{0,17}))(?:\s*\(0[xX][0-9A-Fa-f]{1,16}\))?|0[xX][0-9A-Fa-f]{1,16}"
)
"""A code written as an integer that fits 64 bits (a longer run of digits is text), perhaps
with its hexadecimal after it, as Microsoft writes system error codes (`5 (0x5)`)."""
_CODE_TOKEN = re.compile(r"-?[A-Za-z0-9_][A-Za-z0-9_.:\-/+#]*")
_SYMBOL = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_TYPE_TOKENS = re.compile(r"[A-Za-z]+[0-9]*|[\u4e00-\u9fff]+")
_FAILING = re.compile(
    r"(?i)exception|error|invalid|not_?found|denied|forbidden|unauthori[sz]ed|unauthenticated"
    r"|conflict|exceeded|exhausted|time_?out|timed_?out|unavailable|fail|fault|throttl"
    r"|too_?(?:many|large|long)|missing|malformed|unsupported|already_?exists|abort"
    r"|cancel|internal|unknown|unimplemented|precondition|out_?of_?range|data_?loss"
    r"|bad_?request|expired|limit|refused|rejected|illegal|incorrect|mismatch|overflow"
    r"|not_?supported|not_?allowed|not_?permitted|duplicate|already|restricted|insufficient"
    r"|declined|cannot|unable|unprocessable|prohibited|violat"
)
"""Words of an identifier that names a failure, in any case, CamelCase or snake_case."""
_CODE_NAME_MARK = re.compile(r"[_0-9]|[a-z][A-Z]")
"""What marks an identifier as a code's name: an underscore, a digit, a capital inside."""
_PREFIXED = re.compile(r"[A-Za-z]{1,12}[._-]?[0-9]{2,}")
"""A code of letters and digits (`E1001`, `APIG.0101`, `ERR_01`, `AUTH-001`)."""

REASON_PHRASES = {status.code: status.phrase for status in STATUSES}
"""The standard reason phrase of each status, from the fixed registry (not from
`http.HTTPStatus`, whose wording changes between Python versions), so artifacts are the same
everywhere."""

_OTHER_PHRASES = (
    "Content Too Large",
    "Payload Too Large",
    "URI Too Long",
    "Request-URI Too Large",
    "Range Not Satisfiable",
    "Unprocessable Content",
    "Switch Proxy",
    "Unused",
    "Request Time-out",
    "Gateway Time-out",
)
"""Other wordings of standard phrases that real pages use (older RFCs, newer RFCs)."""


_NOT_LETTER = re.compile(r"[^a-z]")


def _phrase_key(text: str) -> str:
    return _NOT_LETTER.sub("", text.casefold())


_PHRASE_KEYS = frozenset(_phrase_key(p) for p in (*REASON_PHRASES.values(), *_OTHER_PHRASES))

TYPE_NAMES = frozenset(
    {
        "string", "str", "integer", "int", "long", "short", "byte", "bytes", "boolean", "bool",
        "float", "double", "number", "numeric", "decimal", "object", "array", "list", "map",
        "dict", "set", "date", "datetime", "time", "timestamp", "enum", "json", "jsonobject",
        "jsonarray", "binary", "file", "char", "character", "uuid", "any", "void", "blob",
        "container", "int8", "int16", "int32", "int64", "uint32", "uint64", "float32", "float64",
        "字符串", "整数", "整型", "长整型", "布尔", "布尔型", "布尔值", "数组", "对象", "数字",
        "浮点", "浮点型", "数值", "日期", "时间", "枚举", "字符",
    }
)  # fmt: skip
"""Data-type names: a column of these is a parameter table's `Type`, never a code column."""
_TYPE_WORDS = TYPE_NAMES | {
    "of", "to", "positive", "negative", "non", "signed", "unsigned", "nullable", "optional",
    "nested", "floating", "point", "single", "precision", "fixed", "variable", "unicode",
    "ascii", "utf", "base", "encoded", "正", "非负", "无符号",
}  # fmt: skip
"""What a written data type is made of: type names, the words that join them (`Array of
String`) and those that narrow one (`Positive integer`, `Unsigned long`); a message's words
(`Invalid date`, `Missing file`, `Malformed JSON`) are none of these."""


def _is_type_tokens(tokens: list[str]) -> bool:
    """Whether a value's words are a data type: at most three, the last a type name, every
    one a type name or a joining word (`Invalid date`, `Malformed JSON` are messages)."""
    return 0 < len(tokens) <= 3 and tokens[-1] in TYPE_NAMES and _TYPE_WORDS.issuperset(tokens)


def _is_type(value: str) -> bool:
    """`_is_type_tokens` of a value's words, of which four are enough to tell, and the
    first often is: a description is not split whole (its column is asked whether it
    holds types), and most of them open with a word no data type has."""
    words = _TYPE_TOKENS.finditer(value.casefold())
    first = next(words, None)
    if first is None or first.group() not in _TYPE_WORDS:
        return False
    return _is_type_tokens([first.group(), *(word.group() for word in itertools.islice(words, 3))])


_RAISED = "\u00b9\u00b2\u00b3\u2070\u2074\u2075\u2076\u2077\u2078\u2079"
"""Raised digits: a footnote's mark after a value (`409¹`, from `<sup>1</sup>`)."""
_SIGNS = "*\u2020\u2021"
"""Asterisk and daggers: a footnote's mark after a value (`503 *`, `E1001†`)."""
_FOOTNOTE_ENDS = frozenset(_RAISED + _SIGNS + "])\uff09")
"""The last character of a value that may carry a footnote's mark (`]`: Markdown's
`409[^1]`) or a note in parentheses (`E1001 (deprecated)`)."""
_NOTE_OPENS = {")": "(", "\uff09": "\uff08"}
"""A note's closing parenthesis, ASCII or full-width, and the one that opens it."""
_LABEL = re.compile(r"[A-Za-z0-9]+")
_STATUS_DIGITS = re.compile(r"[1-5][0-9][0-9]")


def strip_code(text: str) -> str:
    """A cell's text as a value: without surrounding backticks (a raw HTML cell keeps
    Markdown's), nor a footnote's mark after it (`409¹`, `503 *`, `409[^1]`: 409, 503)."""
    value = text.strip() if "`" not in text else text.strip().strip("`").strip()
    if value and value[-1] in _FOOTNOTE_ENDS:  # (most cells: one look at the last character)
        core = _unmarked(value)
        if core is not value:
            return core.strip("`").strip() if "`" in core else core
    return value


def without_footnote(text: str) -> str:
    """A code as written, less a footnote's mark after it (`InvalidParameter¹`,
    `E1001 *`): the value a member has."""
    return _unmarked(text) if text and text[-1] in _FOOTNOTE_ENDS else text


def _unmarked(value: str) -> str:
    """A value without the footnote's mark after it, or itself when it carries none: one
    Markdown reference with a plain label (`[^1]`, not `E[^0-9]`); raised digits after
    anything but a number (`E1001¹`; `409¹`, a status; not `2³¹`, a power); one asterisk or
    dagger after a letter, a digit or a space, the value holding no other (not `ERR_SSL_*`,
    `5**`, `**E1001**`). No pattern: a look at the end, linear."""
    last = value[-1]
    if last in _NOTE_OPENS:
        return _unnoted(value, _NOTE_OPENS[last])
    if last == "]":
        start = value.rfind("[^")
        if start < 0 or not _LABEL.fullmatch(value, start + 2, len(value) - 1):
            return value
        core = value[:start].rstrip()
    elif last in _RAISED:
        core = value.rstrip(_RAISED)
        number = core.rstrip()
        if number.isdigit() and not _STATUS_DIGITS.fullmatch(number):
            return value  # a power
        core = number
    else:
        core = value[:-1]
        if any(sign in core for sign in _SIGNS) or not (core[-1:].isalnum() or core[-1:] == " "):
            return value
        core = core.rstrip()
    return core if core else value


def _unnoted(value: str, opening: str) -> str:
    """A code without the note in parentheses after it (`E1001 (deprecated)`,
    `InvalidParameter\uff08已废弃\uff09`: a remark on the code, kept in the cell as written), or
    itself: the note holds a letter and no parenthesis, the code before it is one token
    written as codes are or a status (AWS's `409 Conflict (in all Regions except
    us-east-1)`), and the whole is no status or integer form (`200 (OK)`, `Not
    Found (404)`, Microsoft's `5 (0x5)` keep theirs)."""
    start = value.rfind(opening)
    note = value[start + 1 : -1]
    core = value[:start].rstrip() if start > 0 else ""
    if (
        not core
        or (  # (a sentence fails at its first space; AWS's `409 Conflict (in all Regions…)`)
            _CODE_TOKEN.fullmatch(core) is None and _STATUS_FORM.fullmatch(core) is None
        )
        or "(" in note
        or ")" in note
        or not any(character.isalpha() for character in note)
        or _STATUS_FORM.fullmatch(value) is not None
        or _INTEGER.fullmatch(value) is not None
    ):
        return value
    return core


def _bare(value: str) -> str:
    """`strip_code` of a value stripped once already (`` `x` `` in backticks: `x`): itself
    unless it opens or closes with a backtick."""
    return strip_code(value) if value[0] == "`" or value[-1] == "`" else value


def is_placeholder(text: str) -> bool:
    """Empty, a dash, an ellipsis or a not-applicable marker: a cell that states nothing."""
    return _states_nothing(strip_code(text))


def names_no_code(text: str) -> bool:
    """Whether a code cell names no code: a placeholder that is no word (`-`, `—`, `...`,
    `N/A`, `无`). A word may be a code: Kafka's `NONE` is its error 0, Azure's `None` a
    value of an enum, `NA` a result code."""
    value = strip_code(text)
    return _states_nothing(value) and not (value.isascii() and value.isalpha())


def in_words(text: str) -> bool:
    """Whether a code cell is written in words rather than as a code: a row for the codes
    a table does not list, or a group's heading (`其他`, `Other`, `Any other value`,
    `Authentication errors`, `见业务错误码`, `100 Series`). No digit (but in a group's
    heading, `_GROUP_LABEL`); words in a script without ASCII letters, several words, or
    one word of `_CATCH_ALL` (not `Timeout`, `Cancelled`: one word may be a code; found by
    review). Beside integer codes such a row names no member
    (`pyenum`); among codes that are names, `Access Denied` may well be one."""
    value = strip_code(text)
    if not value or _states_nothing(value):
        return False
    if any(char.isdigit() for char in value):
        return _GROUP_LABEL.fullmatch(value) is not None
    if value.isupper() and not any(char.isspace() for char in value):
        return False  # one token in capitals of any script is a code (`ОШИБКА`, a full-width `ABC`)
    if not any(char.isascii() and char.isalnum() for char in value):
        return any(char.isalpha() for char in value)  # (`:` is no words)
    if _CODE_TOKEN.fullmatch(value) is None:
        return True
    return value.casefold() in _CATCH_ALL  # one word: `Timeout` may be a code, `Other` not


_CLASS = r"[0-9]+[xX]+"
_ROUND = r"[0-9]*[1-9]00"
_GROUPS = r"(?i:series|class|range|group|level|block|family)"
_GROUP_LABEL = re.compile(
    rf"[A-Za-z]{{3,}}\s+{_CLASS}|{_CLASS}\s+[A-Za-z]{{3,}}"
    rf"|{_GROUPS}\s+{_ROUND}|{_ROUND}\s+{_GROUPS}"
)
"""A group's heading that names its codes by their first digits and one word: a class
and any word (SIP's `Provisional 1xx`, `Class 4xx`), or a round hundred and a word for a
group (FTP's `100 Series`); `200 OK`, `Error 400`, `HTTPS 404` are no group."""
_CATCH_ALL = frozenset({"other", "others", "default", "else", "otherwise", "rest"})
"""The one words a code cell says "the codes not listed" with."""


def _states_nothing(value: str) -> bool:
    """`is_placeholder` of a value stripped already."""
    return not value or _PLACEHOLDER.fullmatch(value) is not None


def reads_as_status(text: str) -> bool:
    """`404`, `404 Not Found`, `200 (OK)`, `Not Found (404)`, `5xx`, `404/500`, `400, 404`:
    an HTTP status form."""
    return _STATUS_FORM.fullmatch(strip_code(text)) is not None


def is_integer(text: str) -> bool:
    """A code written as an integer: `0`, `-1`, `10000`, `0x1000`, `5 (0x5)` (not `01`)."""
    return _INTEGER.fullmatch(strip_code(text)) is not None


_INTEGER_RANGE = re.compile(
    r"(?:-?[0-9]+|0x[0-9a-f]+)\s*(?:[-\u2013\u2014~\uff5e]|\.\.|to|至)\s*(?:-?[0-9]+|0x[0-9a-f]+)",
    re.IGNORECASE,
)


_SHORT_INTEGER = re.compile(r"-?[0-9]{1,3}")
_RANGE_STARTS = frozenset("-0123456789")
_BOUNDS = re.compile(r"(?<![0-9])-?[0-9]+")
_CODE_CLASS = re.compile(
    r"(?i)[0-9]+x{2,}(?:\s+(?:series|class|codes?))?|[0-9]+\s+(?:series|class)"
    r"|(?:series|class)\s+[0-9]+"
)


def code_and_name(paragraphs: Sequence[str]) -> bool:
    """A cell holding a code and its name as two paragraphs, as Microsoft's MS-ERREF writes
    `0xC0000001` over `STATUS_UNSUCCESSFUL`: an integer, then a name in capitals or with an
    underscore (`code_name`'s test)."""
    if len(paragraphs) != 2:
        return False
    code, name = (strip_code(paragraph) for paragraph in paragraphs)
    return _INTEGER.fullmatch(code) is not None and _written_as_code_name(name)


def _written_as_code_name(value: str) -> bool:
    """An identifier written as code names are: in capitals, or with an underscore, a digit
    or a capital inside (`CANCELLED`, `PARAM_ERROR`, `InvalidArgument`, `E2BIG`)."""
    return _SYMBOL.fullmatch(value) is not None and (
        value.isupper() or _CODE_NAME_MARK.search(value) is not None
    )


_STATUS_RANGE = re.compile(
    r"([1-5][0-9]{2})\s*(?:[-\u2013\u2014~\uff5e]|\.\.|to)\s*([1-5][0-9]{2})", re.IGNORECASE
)


def is_status_range(text: str) -> bool:
    """A range of statuses, its second bound greater (IANA's `102-199 | Unassigned`): a row
    about the statuses it covers, no status of its own."""
    match = _STATUS_RANGE.fullmatch(strip_code(text))
    return match is not None and int(match.group(2)) > int(match.group(1))


_FAILING_WORDS = re.compile(
    r"(?i)\bno such\b|\bnot (?:permitted|allowed|found|supported|granted|authori[sz]ed)"
    r"|\bdenied\b|\bcould not\b|\bfailed\b"
    r"|错误|失败|无效|无权|不存在|不支持|超时|超过|超出|拒绝|繁忙|异常|非法|缺少|已存在|不足"
    r"|禁止|未授权|过期|不合法|不正确|冲突|重复|不允许|不能|无法"
)
"""Failures as prose and Chinese say them (`No such file or directory`, `参数错误`)."""


def mentions_failure(text: str) -> bool:
    """Whether a text names a failure anywhere (`Invalid parameter`, `NOT_FOUND`, `Operation
    not permitted`, `签名校验失败`)."""
    return _FAILING.search(text) is not None or _FAILING_WORDS.search(text) is not None


_NO_FAILURE = re.compile(
    r"(?i)\b(?:no|without|not an?)\s+(?:errors?|failures?|exceptions?)\b|\bsuccess"
    r"|\bsucceed|成功|无错误|没有错误|无异常|正常"
)
"""What says a failure did not happen (`no error`, `Success`, `请求成功`)."""


def says_failure(text: str) -> bool:
    """Whether a text says something failed: it names a failure (`mentions_failure`) and
    says no success, nor that there was no error (Docker's `200 | no error`)."""
    return mentions_failure(text) and _NO_FAILURE.search(text) is None


def is_code_class(text: str) -> bool:
    """A class of codes written with placeholders for digits (`5xxxx`, `40XXX`), or named as
    one (FTP's `100 Series`, `Class 2`): a row about the codes it covers, not a code."""
    return _CODE_CLASS.fullmatch(strip_code(text)) is not None


def is_integer_range(text: str) -> bool:
    """A range of integer codes written in one cell (`1016\u20132999`, `3000-3999`, `4000 to
    4999`, `1000~1999`): a row about the codes in it, not a code. Its second bound is the
    greater and has as many digits (`400-01`, `2-1` are codes written with a hyphen)."""
    written = _INTEGER_RANGE.fullmatch(strip_code(text))
    if written is None:
        return False
    hexadecimal = _HEX_BOUNDS.findall(written.group())
    if hexadecimal:  # Bluetooth's `0x80-0x9F`: both bounds in hexadecimal
        return len(hexadecimal) == 2 and int(hexadecimal[1], 16) > int(hexadecimal[0], 16)
    low, high = _BOUNDS.findall(written.group())
    if low[:1] == high[:1] == "-":  # JSON-RPC's `-32000 to -32099`: from the smaller magnitude
        return int(high) != int(low) and len(high) == len(low)
    return int(high) > int(low) and len(high.lstrip("-")) >= len(low.lstrip("-"))


_HEX_BOUNDS = re.compile(r"0[xX]([0-9A-Fa-f]+)")


def integer_value(text: str) -> int:
    """The value of a text `is_integer` accepts (`5 (0x5)`: its decimal)."""
    value = strip_code(text)
    if value[:2] in ("0x", "0X"):
        return int(value, 16)
    written = _INTEGER.fullmatch(value)
    return int(written.group(1) if written and written.group(1) else value)


def is_code_token(text: str) -> bool:
    """One token, as a code is written (`APIG.0101`, `BLOB_UNKNOWN`, `-1`): not words."""
    value = strip_code(text)
    return len(value) <= 80 and _CODE_TOKEN.fullmatch(value) is not None


def is_heading(texts: Sequence[str]) -> bool:
    """Whether a row's cells are a heading inside its table, not a code's row: every cell
    reads the same (`<td colspan="2">公共错误码</td>`, PostgreSQL's `Class 00 — Successful
    Completion`), and not as one code token (`Forbidden | Forbidden | Forbidden` is a
    code's row, and so, unavoidably, is a one-word heading); or the first alone says
    anything, in three words at least, and not as a status (`| **Class 23 — Integrity
    Constraint Violation** | |`; `404 Not Found | |`, `NO CARRIER | |`, `ERR 42 | |`,
    `Access Denied | |` are codes' rows, their text left empty beside them)."""
    first = texts[0] if texts else ""
    if len(texts) < 2 or not first or not maybe_heading(first, texts[1]):
        return False
    if all(text == first for text in texts):
        return not is_code_token(first)
    return (
        not any(texts[1:])
        and len(first.split(None, 2)) > 2
        and not reads_as_status(first)
        and not is_placeholder(first)
    )


def maybe_heading(first: str, second: str) -> bool:
    """What a heading row's first two cells are (`is_heading` asks the rest): the same
    text, or a text and nothing. Most rows are not, and are told so at once."""
    return first == second or not second


def is_phrase(text: str) -> bool:
    """A standard HTTP reason phrase, however spaced or cased (`NoContent`, `Not found`)."""
    return _phrase_key(strip_code(text)) in _PHRASE_KEYS


def is_type_name(text: str) -> bool:
    """A data type as parameter tables write it: `String`, `Array of String`, `int64`, `布尔`."""
    return _is_type(strip_code(text))


HELD_TEXT = 200
"""Longest cell text whose reading is remembered (1,024 texts at most per question): a
longer one is read again each time, never held, so what a process holds stays small
whatever the pages (a status cell may be as long as its page)."""


def typed_status(text: str) -> int | None:
    """The integer status a cell states unambiguously, else None.

    `404`, `404 Not Found`, `200 (OK)` (a code, then a reason phrase without digits),
    `Unauthorized (401)` and a service's own `612` give the code; `404/500`, `2xx`, `NA`,
    `4000` or an empty cell give None, and keep their text.
    """
    return _typed_status(text) if len(text) <= HELD_TEXT else _typed_status.__wrapped__(text)


@lru_cache(maxsize=1024)  # a status column repeats a few values down its rows
def _typed_status(text: str) -> int | None:
    if _GROUP_LABEL.fullmatch(value := strip_code(text)):
        return None  # `200 Series` heads the statuses below it (found by review)
    match = _TYPED.fullmatch(value)
    return int(match.group(1) or match.group(2)) if match else None


def is_status_text(text: str) -> bool:
    """Whether a status cell is in order: a status form, or a placeholder (`-`, `NA`, `...`).

    Anything else (`abc`, `OK`, `4000`, `GRPC_STATUS_CANCELLED`) is kept as written, untyped,
    and reported; three digits past 599 (`612`) are a service's own status, typed.
    """
    return _is_status_text(text) if len(text) <= HELD_TEXT else _is_status_text.__wrapped__(text)


@lru_cache(maxsize=1024)
def _is_status_text(text: str) -> bool:
    return (
        is_placeholder(text)
        or reads_as_status(text)
        or _typed_status(text) is not None
        or _GROUP_LABEL.fullmatch(strip_code(text)) is not None  # SIP's `Provisional 1xx`
        or is_status_range(text)  # IANA's `102-199`
        or _status_list(strip_code(text))
    )


class Profile:
    """What a column's values hold: counts over the values that state something.

    Each count is made the first time it is asked for, over the column's distinct values
    (a value repeated down a column, `400` or `-`, is tested once and counted as often as
    it appears): `roles` asks most columns one or two questions (of a description column,
    only whether it holds data-type names), and the tests are most of its time."""

    present: int
    distinct: int

    def __init__(self, values: Sequence[str]) -> None:
        times: Counter[str] = Counter()
        for value, n in Counter(values).items():  # each distinct text stripped once
            stripped = strip_code(value)
            if not _states_nothing(stripped):
                times[stripped] += n
        self.present = times.total()
        self.distinct = len(times)
        self._times = [(value, _bare(value), n) for value, n in times.items()]

    @cached_property
    def status(self) -> int:
        return sum(n for _, bare, n in self._times if _STATUS_FORM.fullmatch(bare))

    @cached_property
    def standard(self) -> int:
        """Statuses among them that HTTP defines (`404`, `Not Found (404)`; not `237`)."""
        return sum(n for _, bare, n in self._times if _typed_standard(bare))

    @cached_property
    def status_range(self) -> int:
        """Ranges of statuses (`is_status_range`): rows about the statuses they cover."""
        return sum(n for value, _, n in self._times if is_status_range(value))

    @cached_property
    def failure(self) -> int:
        """Statuses HTTP defines for a failure (4xx, 5xx): what an error column lists."""
        return sum(n for _, bare, n in self._times if _typed_standard(bare) >= 400)

    @cached_property
    def phrase(self) -> int:
        return sum(n for _, bare, n in self._times if _phrase_key(bare) in _PHRASE_KEYS)

    @cached_property
    def integer(self) -> int:
        return sum(n for _, bare, n in self._times if _INTEGER.fullmatch(bare))

    @cached_property
    def code(self) -> int:
        """One token (`APIG.0101`, `BLOB_UNKNOWN`, `01`, `-1`): what a code looks like."""
        return sum(n for value, _, n in self._times if is_code_token(value))

    @cached_property
    def symbol(self) -> int:
        """A symbolic name (`CANCELLED`, `InvalidArgument`): an identifier with a letter."""
        return sum(
            n
            for value, bare, n in self._times
            if _SYMBOL.fullmatch(value) and not _INTEGER.fullmatch(bare)
        )

    @cached_property
    def unlike_status(self) -> int:
        """Integers of at most three digits that are no HTTP status (`0`, `2`, `801`,
        `-1`): a service's own codes, where a column under `状态码` holds them beside `101`
        and `401` (a `4000` among statuses is a status mistyped)."""
        return sum(
            n
            for _, bare, n in self._times
            if _SHORT_INTEGER.fullmatch(bare) and not _STATUS_FORM.fullmatch(bare)
        )

    @cached_property
    def longer_integers(self) -> int:
        """Integers of four digits or more (`1001`, `2001`): a service's own codes beside
        `200` and `500` under `状态码`, when they are many."""
        return sum(
            n
            for _, bare, n in self._times
            if _INTEGER.fullmatch(bare) and len(bare.lstrip("-+")) >= 4
        )

    @cached_property
    def worded(self) -> int:
        """Values in words (`in_words`): beside integers, the rows of codes not listed."""
        return sum(n for value, _, n in self._times if in_words(value))

    @cached_property
    def ranged(self) -> int:
        """Integers and ranges of them (`1000~1999`): what an `IntEnum`'s code column holds,
        a range being a row of no member."""
        return self.integer + sum(
            n
            for _, bare, n in self._times
            if bare[:1] in _RANGE_STARTS and _INTEGER_RANGE.fullmatch(bare)
        )

    @cached_property
    def code_name(self) -> int:
        """Symbolic names written as code names are (`CANCELLED`, `PARAM_ERROR`,
        `InvalidArgument`, `E2BIG`): in capitals, or with an underscore, a digit or a
        capital inside; not a word as a country, currency or language is named (`Germany`)."""
        return sum(
            n
            for value, bare, n in self._times
            if _written_as_code_name(value) and not _INTEGER.fullmatch(bare)
        )

    @cached_property
    def coded(self) -> int:
        """Values written as codes are (`0`, `-1`, `E1001`, `APIG.0101`, `ERR_01`, or an
        identifier naming a failure): not a region's `us-east-1` nor a currency's `USD`."""
        return sum(
            n
            for _, bare, n in self._times
            if _INTEGER.fullmatch(bare) or _PREFIXED.fullmatch(bare) or _FAILING.search(bare)
        )

    @cached_property
    def failing(self) -> int:
        """Identifiers that name a failure (`ResourceNotFoundException`, `INVALID_ARGUMENT`,
        `DEADLINE_EXCEEDED`, `THROTTLED`): what exceptions, gRPC codes and error types say."""
        return sum(n for _, bare, n in self._times if _FAILING.search(bare))

    @cached_property
    def type_name(self) -> int:
        return sum(n for _, bare, n in self._times if _is_type(bare))

    def mostly_types(self, majority: float) -> bool:
        """Whether `share(type_name)` is at least `majority`, told without testing every
        value once the rest cannot change the answer (a column of thousands of sentences:
        past half of them, none a type, it is told)."""
        if "type_name" in self.__dict__:
            return self.share(self.type_name) >= majority
        count, left = 0, self.present
        for _, bare, n in self._times:
            if self.share(count) >= majority:
                return True
            if self.share(count + left) < majority:
                return False
            if _is_type(bare):
                count += n
            left -= n
        return self.share(count) >= majority

    def share(self, count: int) -> float:
        return count / self.present if self.present else 0.0

    def __repr__(self) -> str:
        counts = (
            "status",
            "standard",
            "phrase",
            "integer",
            "code",
            "symbol",
            "failure",
            "failing",
            "coded",
            "type_name",
        )
        shown = ", ".join(f"{name}={getattr(self, name)}" for name in counts)
        return f"Profile(present={self.present}, distinct={self.distinct}, {shown})"


def _typed_standard(bare: str) -> int:
    """The status HTTP defines that a value states (`404`, `Not Found (404)`), else 0."""
    typed = _TYPED.fullmatch(bare)
    status = int(typed.group(1) or typed.group(2)) if typed else 0
    return status if status in REASON_PHRASES else 0


def profile(values: Sequence[str]) -> Profile:
    """What a column's present values are (`Profile`; each test as its function above, on
    the value as `present` holds it)."""
    return Profile(values)


def without_status(text: str, status: int) -> str:
    """A phrase without the status written beside it: `200 OK`, `HTTP 200 OK`,
    `404 (Not Found)`, `Forbidden (403)` → the words alone; '' when only the code is left."""
    code = str(status)
    match = re.fullmatch(
        rf"\s*(?:HTTP[/ ]?[0-9.]*\s+)?{code}\s*[-\u2013\u2014:\uff1a(\uff08]?"
        rf"\s*(.*?)\s*[)\uff09]?\s*",
        text,
        re.IGNORECASE,
    ) or re.fullmatch(rf"\s*(.*?)\s*[(\uff08]\s*{code}\s*[)\uff09]\s*", text)
    words = match.group(1) if match else text.strip()
    return "" if words == code else words


LATIN = re.compile(r"[A-Za-z]")
CHINESE = re.compile(r"[\u4e00-\u9fff]")
"""A Chinese character (CJK unified ideographs): a header or text written in Chinese."""
CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")
"""Chinese, Japanese and full-width characters: a phrase holding one describes a status,
it does not name it (`200 成功`)."""
_WRITTEN_PHRASE = re.compile(r"[A-Za-z][A-Za-z'-]*(?: [A-Za-z][A-Za-z'-]*){0,4}")
"""A reason phrase as written: up to five words of Latin letters (`Request Failed`,
`I'm a teapot`, `Non-Authoritative Information`)."""
_EXPLAINED = re.compile(r"\s*(?::|\s[-\u2013\u2014]\s|[-\u2013\u2014]{2}|[(\uff08;,]|\s+e\.g\.).*")
"""What follows a phrase to explain it: `: missing parameters`, ` — the pet does not
exist`, `(see below)`."""


def _titled(words: str) -> bool:
    """Whether words before a comma are a phrase: a standard one, or two words or more each
    capitalised (`Client Closed Request`, `Unknown Error`; not `Country`)."""
    if _phrase_key(words) in _PHRASE_KEYS:
        return True
    split = words.split()
    return len(split) >= 2 and all(word[:1].isupper() for word in split)


def written_phrase(text: str, status: int | None) -> str:
    """The reason phrase a status cell writes beside its code (`200 - OK`, `404 (Not
    Found)`, `400 Bad Request: missing parameters` → `Bad Request`, `201 Created*` →
    `Created`): up to five words of Latin letters; '' when it writes none, or other words
    (`200 成功` describes the status, `503 e.g. maintenance` explains it; a comma after
    words that are no standard phrase lists things, `403 - Country, region, or territory
    not supported`: not `Country`)."""
    if status is None:
        return ""
    phrase = without_status(strip_code(text), status)
    explained = _EXPLAINED.search(phrase)
    if explained is not None:
        kept = phrase[: explained.start()]
        if explained.group().lstrip()[:1] in ",;" and not _titled(kept):
            return ""  # `Country, region, or territory not supported`: a list, not a phrase
        phrase = kept
    phrase = phrase.rstrip(".*\u2020\u00b9\u00b2\u00b3 ")
    if CJK.search(phrase) or _WRITTEN_PHRASE.fullmatch(phrase) is None or is_placeholder(phrase):
        return ""
    return phrase
