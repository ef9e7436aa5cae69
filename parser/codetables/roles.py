"""What each column of a table means, from its header and its values together.

The one place where meaning is decided. A header alone no longer settles a column: real pages
call the HTTP status column `Error code` (Nacos), put reason phrases under `Description`, and
use `Type` for an error's name on one site and a parameter's data type on the next. So each
column gets two pieces of evidence and one rule weighs them:

- what the header **says** (`says`): the normalised header looked up in `HEADERS`, else its
  head word (the last keyword it contains: `错误码说明` is a description, `HTTP status code`
  a status), else nothing;
- what the values **hold** (`Profile`): the share of the present values (placeholders such as
  `-`, `NA`, `...` left out) that read as HTTP statuses, standard reason phrases, integers,
  code tokens, symbolic names, data-type names or prose.

`read_columns` applies the rule, step by step, and is documented in the README's "How meaning
is decided". Thresholds are shares of the present values: `STRONG` (0.8) where values must
speak on their own, a majority where the header already points the same way.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum

from .model import Kind, Role

STRONG = 0.8
"""Share of present values that lets the values decide against or without the header."""
FEW = 0.2
"""Share of present values at or below which the values contradict the header."""
MAJORITY = 0.5
"""Share of present values that confirms what the header says."""
SHOWN = 5
"""Headers named in a note before `…`."""


class Says(Enum):
    """Header families that are not a role on their own: the values complete them."""

    CODE = "code"
    """A code of some kind (`Code`, `返回值`, `Return code`): values say which."""
    NUMBER = "number"
    """A number (`Id`, `Value`): the code only beside a column of symbolic names."""
    NAME = "name"
    """A name (`Name`, `名称`): a code's symbolic name only beside its number."""
    TYPE = "type"
    """A type (`Type`, `Error Type`): an error's name (`DnatRuleInvalidProtocol`) beside its
    message, else a data type or a category."""
    PARAMETER = "parameter"
    """A column only parameter and field tables have (`Required`, `Example`, `Default`)."""
    NOTHING = "nothing"
    """Headers real pages use that deliberately carry no role (`序号`, `分类`)."""


Heard = Role | Says

HEADERS: dict[str, Heard] = {
    # the HTTP status code of a response
    "状态码": Role.STATUS,
    "http状态码": Role.STATUS,
    "http响应码": Role.STATUS,
    "响应状态码": Role.STATUS,
    "http返回码": Role.STATUS,
    "返回码": Role.STATUS,
    "正常返回码": Role.STATUS,
    "错误返回码": Role.STATUS,
    "正常状态码": Role.STATUS,
    "错误状态码": Role.STATUS,
    "错误码状态": Role.STATUS,
    "statuscode": Role.STATUS,
    "httpstatuscode": Role.STATUS,
    "httpstatus": Role.STATUS,
    "httpcode": Role.STATUS,
    "status": Role.STATUS,
    "http": Role.STATUS,
    "responsecode": Role.STATUS,
    # the reason phrase of a status (OK, Not Found)
    "编码": Role.PHRASE,
    "返回": Role.PHRASE,
    "类型": Role.PHRASE,
    "reasonphrase": Role.PHRASE,
    "phrase": Role.PHRASE,
    # the service's own error code (APIG.0101, VPC.0001, 01)
    "错误码": Role.ERROR_CODE,
    "错误代码": Role.ERROR_CODE,
    "返回错误码": Role.ERROR_CODE,
    "错误码id": Role.ERROR_CODE,
    "errorcode": Role.ERROR_CODE,
    "errcode": Role.ERROR_CODE,
    "error": Role.ERROR_CODE,
    "type": Says.TYPE,
    # a code that the values must place (status, error code or another code)
    "code": Says.CODE,
    "代码": Says.CODE,
    "返回值": Says.CODE,
    "returncode": Says.CODE,
    "resultcode": Says.CODE,
    "retcode": Says.CODE,
    "结果码": Says.CODE,
    "id": Says.NUMBER,
    "number": Says.NUMBER,
    "value": Says.NUMBER,
    "值": Says.NUMBER,
    "数值": Says.NUMBER,
    "name": Says.NAME,
    "名称": Says.NAME,
    "constant": Says.NAME,
    "常量": Says.NAME,
    # the error message the API returns
    "错误信息": Role.MESSAGE,
    "英文错误信息": Role.MESSAGE,
    "提示信息": Role.MESSAGE,
    "errormessage": Role.MESSAGE,
    "message": Role.MESSAGE,
    "错误描述(english)": Role.MESSAGE,
    # what the status or error means, for a reader
    "描述": Role.DESCRIPTION,
    "说明": Role.DESCRIPTION,
    "描述信息": Role.DESCRIPTION,
    "状态说明": Role.DESCRIPTION,
    "状态码说明": Role.DESCRIPTION,
    "错误码说明": Role.DESCRIPTION,
    "错误码描述": Role.DESCRIPTION,
    "错误说明": Role.DESCRIPTION,
    "错误描述": Role.DESCRIPTION,
    "错误描述(中文)": Role.DESCRIPTION,
    "中文错误信息": Role.DESCRIPTION,
    "中文说明": Role.DESCRIPTION,
    "语义": Role.DESCRIPTION,
    "含义": Role.DESCRIPTION,
    "description": Role.DESCRIPTION,
    "meaning": Role.DESCRIPTION,
    "semantics": Role.DESCRIPTION,
    # what to do about it
    "处理措施": Role.REMEDY,
    "解决方案": Role.REMEDY,
    "处理建议": Role.REMEDY,
    "建议解决方法": Role.REMEDY,
    "描述(处理措施)": Role.REMEDY,
    "原因及解决方案": Role.REMEDY,
    "solution": Role.REMEDY,
    "remedy": Role.REMEDY,
    # why it happens
    "常见原因": Role.CAUSE,
    "可能的错误原因": Role.CAUSE,
    "原因": Role.CAUSE,
    "cause": Role.CAUSE,
    "case": Role.CAUSE,
    # the API module an error code belongs to
    "模块": Role.MODULE,
    "module": Role.MODULE,
    # columns only parameter and field tables have
    "required": Says.PARAMETER,
    "mandatory": Says.PARAMETER,
    "必选": Says.PARAMETER,
    "是否必选": Says.PARAMETER,
    "必填": Says.PARAMETER,
    "是否必填": Says.PARAMETER,
    "是否必须": Says.PARAMETER,
    "example": Says.PARAMETER,
    "示例": Says.PARAMETER,
    "default": Says.PARAMETER,
    "defaultvalue": Says.PARAMETER,
    "默认值": Says.PARAMETER,
    "参数类型": Says.PARAMETER,
    "parametertype": Says.PARAMETER,
    "datatype": Says.PARAMETER,
    "数据类型": Says.PARAMETER,
    "取值范围": Says.PARAMETER,
    # seen on real pages, deliberately no role
    "元素名称": Says.NOTHING,
    "分类": Says.NOTHING,
    "分类描述": Says.NOTHING,
    "序号": Says.NOTHING,
    "no.": Says.NOTHING,
    "#": Says.NOTHING,
}
"""Normalised header (see `header_key`) → what it says. Exact entries win over head words."""

_ENGLISH_HEADS: tuple[tuple[str, Heard], ...] = (
    ("http status code", Role.STATUS),
    ("status code", Role.STATUS),
    ("http status", Role.STATUS),
    ("error code", Role.ERROR_CODE),
    ("return code", Says.CODE),
    ("result code", Says.CODE),
    ("reason phrase", Role.PHRASE),
    ("code", Says.CODE),
    ("error", Role.ERROR_CODE),
    ("type", Says.TYPE),
    ("id", Says.NUMBER),
    ("number", Says.NUMBER),
    ("value", Says.NUMBER),
    ("name", Says.NAME),
    ("identifier", Says.NAME),
    ("constant", Says.NAME),
    ("symbol", Says.NAME),
    ("message", Role.MESSAGE),
    ("msg", Role.MESSAGE),
    ("information", Role.MESSAGE),
    ("info", Role.MESSAGE),
    ("description", Role.DESCRIPTION),
    ("meaning", Role.DESCRIPTION),
    ("explanation", Role.DESCRIPTION),
    ("details", Role.DESCRIPTION),
    ("detail", Role.DESCRIPTION),
    ("remarks", Role.DESCRIPTION),
    ("note", Role.DESCRIPTION),
    ("notes", Role.DESCRIPTION),
    ("solution", Role.REMEDY),
    ("resolution", Role.REMEDY),
    ("remedy", Role.REMEDY),
    ("action", Role.REMEDY),
    ("suggestion", Role.REMEDY),
    ("cause", Role.CAUSE),
    ("reason", Role.CAUSE),
    ("module", Role.MODULE),
    ("required", Says.PARAMETER),
    ("example", Says.PARAMETER),
)
"""English head words, matched on whole words (`Status Code Value` is not a status)."""

_CHINESE_HEADS: tuple[tuple[str, Heard], ...] = (
    ("状态码", Role.STATUS),
    ("错误码", Role.ERROR_CODE),
    ("错误代码", Role.ERROR_CODE),
    ("错误编码", Role.ERROR_CODE),
    ("返回码", Role.STATUS),
    ("代码", Says.CODE),
    ("编号", Says.NUMBER),
    ("值", Says.NUMBER),
    ("名称", Says.NAME),
    ("信息", Role.MESSAGE),
    ("消息", Role.MESSAGE),
    ("描述", Role.DESCRIPTION),
    ("说明", Role.DESCRIPTION),
    ("含义", Role.DESCRIPTION),
    ("语义", Role.DESCRIPTION),
    ("备注", Role.DESCRIPTION),
    ("措施", Role.REMEDY),
    ("解决", Role.REMEDY),
    ("建议", Role.REMEDY),
    ("原因", Role.CAUSE),
    ("模块", Role.MODULE),
    ("必选", Says.PARAMETER),
    ("必填", Says.PARAMETER),
)
"""Chinese head words, matched anywhere in the header (Chinese has no spaces)."""

_NOT_CODES = ("密码", "验证码", "编码", "二维码", "条码")
"""Words ending in 码 that are no code of a response (password, captcha, encoding…)."""

CODE_MODIFIERS = frozenset(
    {"error", "err", "status", "return", "result", "response", "http", "reason", "exit",
     "api", "sdk", "rpc", "grpc", "service", "business", "app", "application", "event",
     "failure", "success", "reply", "resp", "ret", "biz", "sub"}
)  # fmt: skip
"""Words that make `… code` the code of a response; `Region Code`, `Language Code` are
other codes."""

_CLAUSE = frozenset(
    {"that", "which", "who", "whose", "where", "when", "of", "for", "per", "by", "from", "in",
     "on", "to", "with", "returned", "used"}
)  # fmt: skip
"""English words that start a modifier after the head noun: `Actions That Return This Code`
is about actions, `Description of the error` a description."""

_IGNORED = re.compile("[\\s:\uff1a]+")
_FULLWIDTH_PARENS = str.maketrans("\uff08\uff09", "()")
_WORDS = re.compile(r"[A-Za-z]+")


def header_key(header: str) -> str:
    """A header for lookup: case-folded, no whitespace, no colons, ASCII parentheses."""
    return _IGNORED.sub("", header).translate(_FULLWIDTH_PARENS).casefold()


def says(header: str, overrides: Mapping[str, Role | None] | None = None) -> Heard | None:
    """What a header says: an override, an exact entry, else its head word, else None."""
    key = header_key(header)
    if overrides and key in overrides:
        role = overrides[key]
        return Says.NOTHING if role is None else role
    if key in HEADERS:
        return HEADERS[key]
    found: list[tuple[int, int, Heard]] = []  # (end, length, meaning): the last, longest wins
    header = _main_phrase(header)
    words = " ".join(word.casefold() for word in _WORDS.findall(header))
    for phrase, meaning in _ENGLISH_HEADS:
        for match in re.finditer(rf"(?<![a-z]){re.escape(phrase)}(?![a-z])", words):
            before = words[: match.start()].split()
            if phrase == "code" and before and before[-1] not in CODE_MODIFIERS:
                continue  # `Region Code` codes a region, not a response
            found.append((_position(words, match.end(), header), len(phrase), meaning))
    folded = header.casefold()
    for phrase, meaning in _CHINESE_HEADS:
        start = folded.rfind(phrase)
        if start >= 0:
            found.append((start + len(phrase), len(phrase), meaning))
    bare = re.sub(r"[(\uff08][^()\uff08\uff09]*[)\uff09]\s*$", "", folded).rstrip()
    if bare.endswith("码") and not bare.endswith(_NOT_CODES):  # 结果码, 业务码: some code
        found.append((len(bare), 1, Says.CODE))
    if not found:
        return None
    return max(found, key=lambda item: (item[0], item[1]))[2]


def _main_phrase(header: str) -> str:
    """An English header up to its first modifier clause (`Code returned by X` → `Code`)."""
    for index, word in enumerate(_WORDS.finditer(header)):
        if index and word.group().casefold() in _CLAUSE:
            return header[: word.start()]
    return header


def _position(words: str, end: int, header: str) -> int:
    """Where, in the header, the English phrase ending at `end` of `words` ends."""
    count = len(words[:end].split())
    matches = list(_WORDS.finditer(header))
    return matches[count - 1].end() if 0 < count <= len(matches) else 0


# --- values -----------------------------------------------------------------------------------

_CODE3 = r"[1-5](?:[0-9]{2}|[0-9][xX]|[xX]{2})"
_PHRASE_TAIL = r"(?:[\s:\uff1a]*[(\uff08]?\s*[^\W\d_][^\d()\uff08\uff09]*[)\uff09]?)?"
_PHRASE_HEAD = r"[^\W\d_][^\d()\uff08\uff09]*?\s*[(\uff08]\s*"
_STATUS_FORM = re.compile(
    rf"{_CODE3}(?:\s*(?:[/,\uff0c\u3001~\uff5e]|or|and|或|和)\s*{_CODE3}|\s+{_CODE3})*"
    + _PHRASE_TAIL
    + rf"|{_PHRASE_HEAD}{_CODE3}\s*[)\uff09]"
)
_TYPED = re.compile(
    r"([1-5][0-9]{2})" + _PHRASE_TAIL + rf"|{_PHRASE_HEAD}([1-5][0-9]{{2}})\s*[)\uff09]"
)
_PLACEHOLDER = re.compile(
    r"(?:[-\u2014\u2013/.\u2026\u00b7*]+|n/?a|none|null|无|不涉及|暂无|略)", re.IGNORECASE
)
_INTEGER = re.compile(r"-?(?:0|[1-9][0-9]{0,17})|0[xX][0-9A-Fa-f]{1,16}")
"""A code written as an integer that fits 64 bits (a longer run of digits is text)."""
_CODE_TOKEN = re.compile(r"-?[A-Za-z0-9_][A-Za-z0-9_.:\-/+#]*")
_SYMBOL = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_TYPE_TOKENS = re.compile(r"[A-Za-z]+[0-9]*|[\u4e00-\u9fff]+")

REASON_PHRASES = {
    100: "Continue",
    101: "Switching Protocols",
    102: "Processing",
    103: "Early Hints",
    200: "OK",
    201: "Created",
    202: "Accepted",
    203: "Non-Authoritative Information",
    204: "No Content",
    205: "Reset Content",
    206: "Partial Content",
    207: "Multi-Status",
    208: "Already Reported",
    226: "IM Used",
    300: "Multiple Choices",
    301: "Moved Permanently",
    302: "Found",
    303: "See Other",
    304: "Not Modified",
    305: "Use Proxy",
    307: "Temporary Redirect",
    308: "Permanent Redirect",
    400: "Bad Request",
    401: "Unauthorized",
    402: "Payment Required",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    406: "Not Acceptable",
    407: "Proxy Authentication Required",
    408: "Request Timeout",
    409: "Conflict",
    410: "Gone",
    411: "Length Required",
    412: "Precondition Failed",
    413: "Request Entity Too Large",
    414: "Request-URI Too Long",
    415: "Unsupported Media Type",
    416: "Requested Range Not Satisfiable",
    417: "Expectation Failed",
    418: "I'm a Teapot",
    421: "Misdirected Request",
    422: "Unprocessable Entity",
    423: "Locked",
    424: "Failed Dependency",
    425: "Too Early",
    426: "Upgrade Required",
    428: "Precondition Required",
    429: "Too Many Requests",
    431: "Request Header Fields Too Large",
    451: "Unavailable For Legal Reasons",
    500: "Internal Server Error",
    501: "Not Implemented",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
    505: "HTTP Version Not Supported",
    506: "Variant Also Negotiates",
    507: "Insufficient Storage",
    508: "Loop Detected",
    510: "Not Extended",
    511: "Network Authentication Required",
}
"""The standard reason phrase of each status, fixed here (not taken from `http.HTTPStatus`,
whose wording changes between Python versions) so artifacts are the same everywhere."""

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


def _phrase_key(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.casefold())


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


def strip_code(text: str) -> str:
    """A cell's text without surrounding backticks (a raw HTML cell keeps Markdown's)."""
    return text.strip().strip("`").strip()


def is_placeholder(text: str) -> bool:
    """Empty, a dash, an ellipsis or a not-applicable marker: a cell that states nothing."""
    value = strip_code(text)
    return not value or _PLACEHOLDER.fullmatch(value) is not None


def reads_as_status(text: str) -> bool:
    """`404`, `404 Not Found`, `200 (OK)`, `Not Found (404)`, `5xx`, `404/500`, `400, 404`:
    an HTTP status form."""
    return _STATUS_FORM.fullmatch(strip_code(text)) is not None


def is_integer(text: str) -> bool:
    """A code written as an integer: `0`, `-1`, `10000`, `0x1000` (not `01`)."""
    return _INTEGER.fullmatch(strip_code(text)) is not None


def integer_value(text: str) -> int:
    """The value of a text `is_integer` accepts."""
    value = strip_code(text)
    return int(value, 16) if value[:2] in ("0x", "0X") else int(value)


def is_phrase(text: str) -> bool:
    """A standard HTTP reason phrase, however spaced or cased (`NoContent`, `Not found`)."""
    return _phrase_key(strip_code(text)) in _PHRASE_KEYS


def is_type_name(text: str) -> bool:
    """A data type as parameter tables write it: `String`, `Array of String`, `int64`, `布尔`."""
    tokens = _TYPE_TOKENS.findall(strip_code(text).casefold())
    return 0 < len(tokens) <= 3 and tokens[-1] in TYPE_NAMES


def typed_status(text: str) -> int | None:
    """The integer status a cell states unambiguously, else None.

    `404`, `404 Not Found`, `200 (OK)` (a code, then a reason phrase without digits) and
    `Unauthorized (401)` give the code; `404/500`, `2xx`, `NA`, `4000` or an empty cell give
    None, and keep their text.
    """
    match = _TYPED.fullmatch(strip_code(text))
    return int(match.group(1) or match.group(2)) if match else None


def is_status_text(text: str) -> bool:
    """Whether a status cell is in order: a status form, or a placeholder (`-`, `NA`, `...`).

    Anything else (`abc`, `OK`, `4000`, `GRPC_STATUS_CANCELLED`) is kept as written, untyped,
    and reported.
    """
    return is_placeholder(text) or reads_as_status(text)


@dataclass(frozen=True)
class Profile:
    """What a column's values hold: counts over the values that state something."""

    present: int
    distinct: int
    status: int
    standard: int
    """Statuses among them that HTTP defines (`404`, `Not Found (404)`; not `237`)."""
    phrase: int
    integer: int
    code: int
    """One token (`APIG.0101`, `BLOB_UNKNOWN`, `01`, `-1`): what a code looks like."""
    symbol: int
    """A symbolic name (`CANCELLED`, `InvalidArgument`): an identifier with a letter."""
    type_name: int

    def share(self, count: int) -> float:
        return count / self.present if self.present else 0.0


def profile(values: Sequence[str]) -> Profile:
    """Count what a column's present values are."""
    present = [strip_code(v) for v in values if not is_placeholder(v)]
    return Profile(
        present=len(present),
        distinct=len(set(present)),
        status=sum(1 for v in present if reads_as_status(v)),
        standard=sum(1 for v in present if typed_status(v) in REASON_PHRASES),
        phrase=sum(1 for v in present if is_phrase(v)),
        integer=sum(1 for v in present if is_integer(v)),
        code=sum(1 for v in present if len(v) <= 80 and _CODE_TOKEN.fullmatch(v)),
        symbol=sum(1 for v in present if _SYMBOL.fullmatch(v) and not is_integer(v)),
        type_name=sum(1 for v in present if is_type_name(v)),
    )


# --- the rule ---------------------------------------------------------------------------------

_KEYS = (Role.ERROR_CODE, Role.CODE, Role.STATUS)
"""Roles that can key a table, in the order that decides its kind."""
_TEXT = frozenset({Role.PHRASE, Role.MESSAGE, Role.DESCRIPTION, Role.REMEDY, Role.CAUSE})
_CODE_HEADERS = frozenset({Role.STATUS, Role.ERROR_CODE, Says.CODE, Says.NUMBER})


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
) -> Reading:
    """Roles for a table's columns from headers and values, and the table's kind.

    1. An override in `[tool.codetables.roles]` settles its column.
    2. A table with a parameter column (`Required`, `Example`, `Default`) or a column of
       data-type names (`String`, `int64`) is a parameter table, never a code table.
    3. **status**: a column whose values read as HTTP statuses: under a status header unless
       fewer than one in five do; under any other code header (`Error code`, `Code`,
       `返回值`) a `STRONG` share of statuses HTTP defines, unless a name column names them;
       under a header that says nothing, such a share of mostly distinct values (a column
       that merely mentions statuses, such as an endpoint's `Success`, repeats them). A text
       header (`Description`) never makes a status column. Two unnamed candidates: the
       table is about something else.
    4. **Name and number**: in a table with no error header, a column of distinct integers
       under a number or code header (`Id`, `Value`, `值`) beside a column of distinct
       symbolic names is `code`, and the names are `name` (gRPC's `Code | Id`, an SDK's
       `类型 | 值 | 说明`).
    5. **The code**: a code header over values that are mostly one token each: an error
       header gives `error_code`; a status header whose values are not statuses gives `code`
       (gRPC's `GRPC_STATUS_CANCELLED`); a plain `Code` gives `code` over integers, else
       `error_code`. A code header over prose is not a code column.
    6. **Text roles** from the header (`message`, `description`, `remedy`, `cause`, `module`,
       `phrase`), unless the values are data-type names.
    7. **phrase** by values: in a status table, a column whose values are standard reason
       phrases (`Bad Request`) is `phrase` whatever its header.
    8. One column per key role: the one whose header names the role, else the first; the
       others lose the role, with a note.

    The kind: `error-code` with an error-code column, else `result-code` with a code
    column, else `http-status` with a status column, else not a code table.
    """
    heard = [says(header, overrides) for header in headers]
    profiles = [profile(values) for values in columns]
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
    reason = _statuses(heard, profiles, open_, roles)
    if reason:
        return Reading(tuple(roles), None, reason)
    if not any(heard[index] is Role.ERROR_CODE for index in open_):
        _name_and_number(heard, profiles, open_, roles)
    _codes(headers, heard, profiles, open_, roles)
    for index in open_:
        said, found = heard[index], profiles[index]
        if (
            roles[index] is None
            and isinstance(said, Role)
            and said not in _KEYS
            and found.share(found.type_name) < MAJORITY
        ):
            roles[index] = said
    notes = _one_per_key(headers, heard, roles)
    kind = next((_KIND[role] for role in _KEYS if role in roles), None)
    if kind is Kind.ERROR_CODE and Role.NAME not in roles:
        for index in open_:  # TDengine: TSDB_CODE_* beside the error code names it
            if roles[index] is Role.CODE:
                named = _all_distinct(profiles[index], profiles[index].symbol)
                roles[index] = Role.NAME if named else None
    if kind is None:
        return Reading(tuple(roles), None, "no column holds codes")
    if kind is Kind.HTTP_STATUS and Role.PHRASE not in roles:
        phrases = (
            index
            for index in open_
            if roles[index] in (None, Role.DESCRIPTION)
            and profiles[index].share(profiles[index].phrase) >= STRONG
        )
        phrase = next(phrases, None)
        if phrase is not None:
            roles[phrase] = Role.PHRASE
    return Reading(tuple(roles), kind, notes=notes)


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
    """Why a table is a parameter or field table ('' if it is not one)."""
    for index, header in enumerate(headers):
        if fixed[index]:
            continue
        if heard[index] is Says.PARAMETER:
            return f"a parameter table: column {header!r}"
        found = profiles[index]
        if found.present and found.share(found.type_name) >= MAJORITY:
            return f"a parameter table: column {header!r} holds data types"
    return ""


def _statuses(
    heard: Sequence[Heard | None],
    profiles: Sequence[Profile],
    open_: Sequence[int],
    roles: list[Role | None],
) -> str:
    """Step 3: mark the status columns; a reason when unnamed candidates make it ambiguous.

    Under a header that does not name a status, the values must be statuses HTTP defines
    (an application's `237` is not one), and the table must not give them symbolic names
    (`401 | JOB_NOT_FOUND` under `错误码ID | 错误码名称` are the service's own codes).
    """
    named = any(
        heard[index] is Says.NAME and _all_distinct(profiles[index], profiles[index].symbol)
        for index in open_
    )
    unnamed: list[int] = []
    for index in open_:
        said, found = heard[index], profiles[index]
        share = found.share(found.status)
        standard = not named and found.share(found.standard) >= STRONG
        if said is Role.STATUS:
            if not found.present or share > FEW:
                roles[index] = Role.STATUS
        elif said in _CODE_HEADERS:
            if found.present and standard:
                roles[index] = Role.STATUS
        elif said is None and standard and found.distinct * 2 > found.present:
            unnamed.append(index)
    if len(unnamed) > 1 and Role.STATUS not in roles:
        return f"{len(unnamed)} columns hold HTTP statuses and none is named as the status column"
    if unnamed and Role.STATUS not in roles:
        roles[unnamed[0]] = Role.STATUS
    return ""


def _codes(
    headers: Sequence[str],
    heard: Sequence[Heard | None],
    profiles: Sequence[Profile],
    open_: Sequence[int],
    roles: list[Role | None],
) -> None:
    """Step 5: the error-code or other code column, from a code header over code tokens.

    A bare `Status` over words (ACTIVE, BUILD) is a state, not a code; a `Type` is an
    error's name only beside a message column, as distinct names."""
    message = any(heard[index] is Role.MESSAGE for index in open_)
    for index in open_:
        said, found = heard[index], profiles[index]
        if said is Says.TYPE and message and _all_distinct(found, found.symbol):
            said = Role.ERROR_CODE
        if roles[index] is not None or said not in (Role.ERROR_CODE, Role.STATUS, Says.CODE):
            continue
        if found.present and found.share(found.code) < MAJORITY:
            continue  # a code header over prose is not a code column
        if said is Role.STATUS and not _names_a_code(headers[index]):
            continue  # `Status` over ACTIVE, ERROR: states
        integers = found.present > 0 and found.share(found.integer) >= STRONG
        if said is Role.ERROR_CODE:
            roles[index] = Role.ERROR_CODE
        else:  # a status code header over non-statuses, or a plain code header
            roles[index] = Role.CODE if said is Role.STATUS or integers else Role.ERROR_CODE


def _names_a_code(header: str) -> bool:
    """Whether a header says code (`Status code`, `返回码`), not only status."""
    key = header_key(header)
    return "code" in key or "码" in key


def _name_and_number(
    heard: Sequence[Heard | None],
    profiles: Sequence[Profile],
    open_: Sequence[int],
    roles: list[Role | None],
) -> None:
    """Step 4: a column of distinct integers beside a column of distinct symbolic names."""
    numbers = [
        index
        for index in open_
        if roles[index] is None
        and heard[index] in (Says.NUMBER, Says.CODE)
        and _all_distinct(profiles[index], profiles[index].integer)
    ]
    names = [
        index
        for index in open_
        if roles[index] is None
        and heard[index] in (Says.CODE, Says.NAME, Role.PHRASE, None)
        and _all_distinct(profiles[index], profiles[index].symbol)
    ]
    for number in numbers:
        for name in names:
            if name != number:
                roles[number], roles[name] = Role.CODE, Role.NAME
                return


def _all_distinct(found: Profile, count: int) -> bool:
    return found.present >= 2 and count == found.present == found.distinct


def _one_per_key(
    headers: Sequence[str], heard: Sequence[Heard | None], roles: list[Role | None]
) -> tuple[str, ...]:
    """Step 8: one column per key role; the header that names the role wins, else the first."""
    notes = []
    for role in (*_KEYS, Role.NAME):
        same = [index for index, found in enumerate(roles) if found is role]
        if len(same) < 2:
            continue
        keep = next((index for index in same if heard[index] is role), same[0])
        for index in same:
            if index != keep:
                roles[index] = None
        shown = ", ".join(headers[index] for index in same[:SHOWN]) + (
            ", …" if len(same) > SHOWN else ""
        )
        notes.append(
            f"{len(same)} columns read as {role.value} ({shown}); "
            f"{headers[keep]!r} is taken, the others keep no role"
        )
    return tuple(notes)
