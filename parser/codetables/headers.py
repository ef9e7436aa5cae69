"""What a column's header says: a role, a family the values must complete, or nothing.

The normalised header (`header_key`) is looked up in `HEADERS`; a header not there is read by
its head word, the last keyword it contains (`错误码说明` is a description, `Returned HTTP
status code` a status), English keywords matched as whole words and cut before a modifier
clause (`Actions That Return This Code` is about actions). Pure data and lookups; `roles.py`
weighs what a header says against what its values hold.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from enum import Enum

from .model import Role
from .values import HELD_TEXT


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
    """A column only parameter and field tables have (`Required`, `Default`, `参数类型`)."""
    EXAMPLE = "example"
    """An example (`Example`, `示例`): a parameter table's column, or an error's (a response
    body) beside a column that names error codes or statuses."""
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
    "err_code": Role.ERROR_CODE,  # as errCode and error_code read (found by review)
    "err": Role.ERROR_CODE,  # a C library's `Err | Meaning` (EPERM)
    "err_no": Role.ERROR_CODE,  # Douyin's
    "rtncode": Says.CODE,
    "rtn_code": Says.CODE,
    "hresult": Role.ERROR_CODE,  # Microsoft's COM error values (0x80070005)
    "ntstatus": Role.ERROR_CODE,
    "sqlstate": Role.ERROR_CODE,  # ODBC's, Db2's, psycopg's five-character states
    "sqlstatevalue": Role.ERROR_CODE,
    "定义": Role.DESCRIPTION,  # Baidu's `定义` (not `宏定义`, a macro's name: exact only)
    "subcode": Says.CODE,  # Cosmos DB's `Code | Subcode`: the subcode keys the row
    "rcode": Says.CODE,  # DNS's response codes
    "classcode": Says.CODE,  # Db2's SQLSTATE classes (not a `Tax class code`)
    "infocode": Says.CODE,  # AMap's
    "error": Role.ERROR_CODE,
    "type": Says.TYPE,
    # a code that the values must place (status, error code or another code)
    "code": Says.CODE,
    "代码": Says.CODE,
    "返回值": Says.CODE,
    "returncode": Says.CODE,
    "resultcode": Says.CODE,
    "retcode": Says.CODE,
    "ret": Says.CODE,  # C's and Docsify pages' return value
    "retval": Says.CODE,
    "rc": Says.CODE,
    "结果码": Says.CODE,
    "id": Says.NUMBER,
    "number": Says.NUMBER,
    "value": Says.NUMBER,
    "值": Says.NUMBER,
    "数值": Says.NUMBER,
    "symbolicid": Says.NAME,  # OPC UA's `Symbolic Id | Code` over `BadUnexpectedError`
    "symbolicname": Says.NAME,
    "decimal": Says.NUMBER,  # LDAP's `Decimal | Hex | Name`; `Reason Code Decimal` is a code
    "dec": Says.NUMBER,
    "name": Says.NAME,
    "num": Says.NUMBER,
    "код": Says.CODE,
    "コード": Says.CODE,
    "코드": Says.CODE,
    "código": Says.CODE,  # alone: `Código postal`, `Código de país` code other things
    "codigo": Says.CODE,
    "値": Says.NUMBER,
    "값": Says.NUMBER,
    "名称": Says.NAME,
    "constant": Says.NAME,
    "常量": Says.NAME,
    # the error message the API returns
    "错误信息": Role.MESSAGE,
    "英文错误信息": Role.MESSAGE,
    "提示信息": Role.MESSAGE,
    "errormessage": Role.MESSAGE,
    "message": Role.MESSAGE,
    "errmsg": Role.MESSAGE,  # WeChat's, beside errcode
    "strerror": Role.MESSAGE,  # C's and etcd's: the text an error code gives
    "errstr": Role.MESSAGE,
    "errorstring": Role.MESSAGE,
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
    "howtofix": Role.REMEDY,
    "howtoresolve": Role.REMEDY,
    "whattodo": Role.REMEDY,
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
    "example": Says.EXAMPLE,
    "示例": Says.EXAMPLE,
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
    ("error number", Role.ERROR_CODE),
    ("errno", Role.ERROR_CODE),
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
    ("enum", Says.NAME),  # an SDK's `Enum value`, Doxygen's `Enumerator`: a code's name
    ("enum value", Says.NAME),
    ("enumerator", Says.NAME),
    ("enumeration", Says.NAME),
    ("macro", Says.NAME),
    ("message", Role.MESSAGE),
    ("text", Role.MESSAGE),
    ("msg", Role.MESSAGE),
    ("information", Role.MESSAGE),
    ("info", Role.MESSAGE),
    ("more information", Role.DESCRIPTION),  # further reading: not the error's message
    ("more info", Role.DESCRIPTION),
    ("see also", Role.DESCRIPTION),
    ("learn more", Role.DESCRIPTION),
    ("description", Role.DESCRIPTION),
    ("desc", Role.DESCRIPTION),
    ("definition", Role.DESCRIPTION),
    ("comment", Role.DESCRIPTION),
    ("comments", Role.DESCRIPTION),
    ("remark", Role.DESCRIPTION),
    ("meaning", Role.DESCRIPTION),
    ("explanation", Role.DESCRIPTION),
    ("details", Role.DESCRIPTION),
    ("detail", Role.DESCRIPTION),
    ("remarks", Role.DESCRIPTION),
    ("note", Role.DESCRIPTION),
    ("notes", Role.DESCRIPTION),
    ("solution", Role.REMEDY),
    ("solutions", Role.REMEDY),
    ("mitigations", Role.REMEDY),
    ("workarounds", Role.REMEDY),
    ("recommendations", Role.REMEDY),
    ("remedies", Role.REMEDY),
    ("suggestions", Role.REMEDY),
    ("causes", Role.CAUSE),
    ("mitigation", Role.REMEDY),
    ("troubleshooting", Role.REMEDY),
    ("workaround", Role.REMEDY),
    ("recommendation", Role.REMEDY),
    ("recommended action", Role.REMEDY),
    ("recommended actions", Role.REMEDY),
    ("next step", Role.REMEDY),  # Stripe's `Next steps`
    ("next steps", Role.REMEDY),
    ("resolution", Role.REMEDY),
    ("remedy", Role.REMEDY),
    ("action", Role.REMEDY),
    ("suggestion", Role.REMEDY),
    ("cause", Role.CAUSE),
    ("reason", Role.CAUSE),
    ("module", Role.MODULE),
    ("required", Says.PARAMETER),
    ("example", Says.EXAMPLE),
    ("prefix", Says.NOTHING),  # AWS's `SOAP fault code prefix`: `Client`, `Server`
    ("category", Says.NOTHING),  # Square's `Error category`: a class of errors, no code
    ("categories", Says.NOTHING),
    ("suffix", Says.NOTHING),
    ("detail code", Says.CODE),  # a finer code under its class (`Error code | Detail code`)
    ("severity", Says.NOTHING),  # `Error severity`, `errorSource`, `errorCount`: something
    ("source", Says.NOTHING),  # said of an error, not its code
    ("count", Says.NOTHING),
    ("examples", Says.EXAMPLE),  # `Error code examples`: some codes a status may come with
)
"""English head words, matched on whole words (`Status Code Value` is not a status)."""

_CHINESE_HEADS: tuple[tuple[str, Heard], ...] = (
    ("状态码", Role.STATUS),
    ("错误码", Role.ERROR_CODE),
    ("错误代码", Role.ERROR_CODE),
    ("错误编码", Role.ERROR_CODE),
    ("错误编号", Role.ERROR_CODE),
    ("错误号", Role.ERROR_CODE),
    ("返回码", Role.STATUS),
    ("代码", Says.CODE),
    ("编号", Says.NUMBER),
    ("值", Says.NUMBER),
    ("名称", Says.NAME),
    ("枚举", Says.NAME),  # `枚举值`, an SDK's enumerator beside the number
    ("枚举值", Says.NAME),
    ("宏定义", Says.NAME),  # a C SDK's macro for the code
    ("信息", Role.MESSAGE),
    ("消息", Role.MESSAGE),
    ("描述", Role.DESCRIPTION),
    ("说明", Role.DESCRIPTION),
    ("含义", Role.DESCRIPTION),
    ("解释", Role.DESCRIPTION),
    ("释义", Role.DESCRIPTION),
    ("注释", Role.DESCRIPTION),
    ("语义", Role.DESCRIPTION),
    ("备注", Role.DESCRIPTION),
    ("措施", Role.REMEDY),
    ("解决", Role.REMEDY),
    ("建议", Role.REMEDY),
    ("排查", Role.REMEDY),
    ("处理方法", Role.REMEDY),
    ("处理办法", Role.REMEDY),
    ("原因", Role.CAUSE),
    ("模块", Role.MODULE),
    ("必选", Says.PARAMETER),
    ("必填", Says.PARAMETER),
    ("示例", Says.EXAMPLE),  # WeChat Pay's `典型错误码示例` beside its statuses
    ("样例", Says.EXAMPLE),
    ("举例", Says.EXAMPLE),
    ("错误提示", Role.MESSAGE),  # the words an API answers with (`提示` alone: a hint)
    # Japanese (its kanji differ from Chinese: 説明, 値); a bare `コード` or `値` is an exact
    # entry, as `通貨コード` codes a currency and `初期値` is a setting's default
    ("ステータスコード", Role.STATUS),
    ("エラーコード", Role.ERROR_CODE),
    ("結果コード", Says.CODE),
    ("応答コード", Says.CODE),
    ("エラー名", Says.NAME),
    ("名前", Says.NAME),
    ("メッセージ", Role.MESSAGE),
    ("説明", Role.DESCRIPTION),
    ("概要", Role.DESCRIPTION),
    ("意味", Role.DESCRIPTION),
    ("対処", Role.REMEDY),
    ("対応方法", Role.REMEDY),
    ("初期値", Says.PARAMETER),
    ("既定値", Says.PARAMETER),
    ("デフォルト", Says.PARAMETER),
    # Korean (the header as written: its words keep their spaces); `코드`, `값` as above
    ("상태 코드", Role.STATUS),
    ("상태코드", Role.STATUS),
    ("오류 코드", Role.ERROR_CODE),
    ("오류코드", Role.ERROR_CODE),
    ("에러 코드", Role.ERROR_CODE),
    ("에러코드", Role.ERROR_CODE),
    ("결과 코드", Says.CODE),
    ("응답 코드", Says.CODE),
    ("메시지", Role.MESSAGE),
    ("설명", Role.DESCRIPTION),
    ("원인", Role.CAUSE),
    ("조치", Role.REMEDY),
    ("해결", Role.REMEDY),
    ("이름", Says.NAME),
    ("기본값", Says.PARAMETER),
    ("결과코드", Says.CODE),
    ("응답코드", Says.CODE),
    ("리턴코드", Says.CODE),
    ("반환코드", Says.CODE),
    ("메세지", Role.MESSAGE),  # the spelling data.go.kr writes
    # Japanese, more
    ("リターンコード", Says.CODE),
    ("エラー番号", Role.ERROR_CODE),
    ("詳細コード", Says.CODE),  # GMO's detail code under its class (`エラーコード`)
    # Portuguese, Spanish, German, French (whole phrases, case-folded)
    ("código de erro", Role.ERROR_CODE),
    ("código de error", Role.ERROR_CODE),
    ("código do erro", Role.ERROR_CODE),
    ("fehlercode", Role.ERROR_CODE),
    ("code d'erreur", Role.ERROR_CODE),
    ("mensagem", Role.MESSAGE),
    ("mensaje", Role.MESSAGE),
    ("fehlermeldung", Role.MESSAGE),
    ("descrição", Role.DESCRIPTION),
    ("descripción", Role.DESCRIPTION),
    ("beschreibung", Role.DESCRIPTION),
    # Russian (case-folded)
    ("код ошибки", Role.ERROR_CODE),
    ("код состояния", Role.STATUS),
    ("код ответа", Says.CODE),  # a response's code: HTTP's or the service's, as values say
    ("код результата", Says.CODE),
    ("сообщение", Role.MESSAGE),
    ("описание", Role.DESCRIPTION),
    ("причина", Role.CAUSE),
    ("решение", Role.REMEDY),
    ("что делать", Role.REMEDY),
)
"""Chinese, Japanese, Korean and Russian head words, matched anywhere in the header
(Chinese and Japanese have no spaces); the last in the header wins, the longest of those
that end together (`エラーコード` over `コード`)."""


_NOT_CODES = ("密码", "验证码", "编码", "二维码", "条码", "操作码", "功能码", "指令码")
"""Words ending in 码 that are no code of a response (password, captcha, encoding, opcode,
function code, instruction code…)."""

CODE_MODIFIERS = frozenset(
    {"error", "err", "status", "return", "result", "response", "http", "reason", "exit",
     "api", "sdk", "rpc", "grpc", "service", "business", "app", "application", "event",
     "failure", "success", "reply", "resp", "ret", "biz", "sub", "close", "decline", "fault",
     "exception", "warning", "smtp", "sip", "ftp"}
)  # fmt: skip
"""Words that make `… code` the code of a response (a payment's `Decline code`, SOAP's
`Fault code`); `Region Code`, `Language Code` are other codes."""

HEADER_WORDS = (
    frozenset(word for phrase, _ in _ENGLISH_HEADS for word in phrase.split())
    | CODE_MODIFIERS
    | {"msg", "desc", "no", "num"}
)
"""The English words headers are made of (`ERROR_CODE`, `HTTP_STATUS`, `ERR_MSG`, as some
pages write them); `FOO_ERROR_IO` holds others: a code's name, a value."""

_CLAUSE = frozenset(
    {"that", "which", "who", "whose", "where", "when", "of", "for", "per", "by", "from", "in",
     "on", "to", "with", "returned", "used"}
)  # fmt: skip
"""English words that start a modifier after the head noun: `Actions That Return This Code`
is about actions, `Description of the error` a description."""

_IGNORED = re.compile("[\\s:\uff1a]+")
_FULLWIDTH_PARENS = str.maketrans("\uff08\uff09", "()")
_WORDS = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+")
"""A header's English words, camelCase split as JSON fields are written (`subStatusCode`,
`returnMsg`, `errorDescription`: `sub status code`, `return msg`, `error description`)."""


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
    if len(header) > HELD_TEXT:
        return _head_word.__wrapped__(header)  # a long text is read again, never held
    return _head_word(header)


@functools.lru_cache(maxsize=1024)
def _head_word(header: str) -> Heard | None:
    """What a header no entry names says by its head word, else None: asked once per text.
    A table's columns repeat their headers: a row of 50,000 cells under a header of two
    asked it of the same empty text 50,000 times (the parse 9.6 s before, 1.4 s now; found
    by review)."""
    found: list[tuple[int, int, Heard]] = []  # (end, length, meaning): the last, longest wins
    header = main_phrase(header)
    words = " ".join(word.casefold() for word in _WORDS.findall(header))
    alternatives = (
        _ALTERNATIVES.search(header) is not None
        and (words[: words.find(" ")] if " " in words else words) in _OPENING_KEYS
    )  # `Code or Type`, `Return value/code`; not `Region name/code`
    for phrase, meaning in _ENGLISH_HEADS:
        if phrase not in words:
            continue  # most headers hold few of the phrases: no pattern made or looked up
        for match in re.finditer(rf"(?<![a-z]){re.escape(phrase)}(?![a-z])", words):
            before = words[: match.start()].split()
            if (
                phrase == "code"
                and before
                and before[-1] not in CODE_MODIFIERS
                and not (alternatives and _alternative_starts(header, words, match.start()))
            ):
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
    if bare.endswith("内容"):  # `错误内容`, `エラー内容`, `返回内容` (not `内容长度限制`)
        found.append((len(bare), 2, Role.DESCRIPTION))
    if not found:
        return None
    last = max(found, key=lambda item: (item[0], item[1]))
    if last[2] in _AFTER_DESCRIPTION and _DESCRIPTION_AND.search(header):
        return Role.DESCRIPTION  # Firebase's: the error described, then what to do
    if alternatives and last[2] in _NAMING:  # `Code or Type`, `Return value/code`: a code
        keys = [item for item in found if item[2] in _KEYED]
        if keys:
            return max(keys, key=lambda item: (item[0], item[1]))[2]
    return last[2]


_DESCRIPTION_AND = re.compile(r"(?i)\bdesc(?:ription)?\s*(?:\band\b|&)")
_AFTER_DESCRIPTION: frozenset[Heard] = frozenset({Role.REMEDY, Role.CAUSE})
"""What a column holds after its description, when its header opens with the word and
joins both (`Description and Resolution Steps`, `Description & Cause`): a description
still, which every row has (`Notes and Solution` is a remedy; found by review)."""
_ALTERNATIVES = re.compile("(?i)\\s/\\s|[A-Za-z]/[A-Za-z]|\\bor\\b|\uff0f")
"""A header naming one column two ways (`Code or Type`, `Return value/code`)."""
_OPENING_KEYS = CODE_MODIFIERS | {"code", "errno"}
"""A header's first word that makes its alternatives a response's code: what a `code`
after it codes (`Return value/code`), or the code itself (`Code or Type`)."""
_NAMING: frozenset[Heard] = frozenset({Says.TYPE, Says.NAME, Says.NUMBER})
_KEYED: frozenset[Heard] = frozenset({Role.ERROR_CODE, Role.STATUS, Says.CODE})


def _alternative_starts(header: str, words: str, start: int) -> bool:
    """Whether the English word at `start` of `words` opens an alternative of the header:
    after a `/` or an `or` (`value/code` is a code, as `Region Code` is not)."""
    count = len(words[:start].split())
    matches = list(_WORDS.finditer(header))
    if not 0 < count < len(matches):
        return False
    between = header[matches[count - 1].end() : matches[count].start()]
    return "/" in between or "\uff0f" in between or matches[count - 1].group().casefold() == "or"


_OTHER_LISTS = frozenset(
    {"opcode", "opcodes", "level", "levels", "type", "types", "flag", "flags", "mode", "modes",
     "option", "options", "permission", "permissions", "scope", "scopes", "command", "commands",
     "method", "methods", "intent", "intents", "capability", "capabilities", "feature",
     "features", "format", "formats", "version", "versions", "state", "states", "category",
     "categories", "kind", "kinds", "region", "regions", "language", "languages", "locale",
     "locales", "currency", "currencies", "country", "countries", "unit", "units", "priority",
     "priorities", "algorithm", "algorithms", "character", "characters", "charset", "role",
     "roles", "channel", "channels", "event", "events", "setting", "settings", "parameter",
     "parameters", "header", "headers"}
)  # fmt: skip
"""Head nouns of a title that lists things other than outcomes: a `Code | Name` or `Value
| Name` table under `Gateway Opcodes` or `Consistency levels` numbers opcodes or levels,
not the results of a request. Not the sections an API reference lists an enum's members
under (.NET's `Fields` of `HttpStatusCode`, `Properties`, `Members`)."""
_CONTAINERS = frozenset(
    {"registry", "registries", "list", "lists", "table", "tables", "definitions", "summary",
     "reference", "values"}
)  # fmt: skip
"""Words after a title's head noun that name what holds the list (`Frame Type Registry`,
`Transport Parameter Definitions`)."""
_OTHER_LISTS_CHINESE = (
    "类型", "级别", "等级", "模式", "权限", "操作码", "功能码", "指令码", "选项", "事件", "命令",
    "地域", "区域", "语言", "字符", "枚举值", "优先级", "角色", "渠道", "币种", "单位",
)  # fmt: skip
"""Their Chinese counterparts, at the end of a title (`消息类型`, `一致性级别`)."""
_OUTCOMES = frozenset(
    {"error", "errors", "err", "errno", "exception", "exceptions", "failure", "failures",
     "fault", "faults", "status", "statuses", "result", "results", "return", "returned",
     "reason", "reasons", "response", "responses", "reply", "replies", "exit", "close",
     "abort", "alarm", "alarms", "alert", "alerts", "warning", "warnings", "diagnostic",
     "diagnostics", "rcode", "rcodes", "sqlstate", "retcode", "retcodes", "outcome",
     "outcomes", "completion", "decline", "declines", "refusal", "rejection", "rejections"}
)  # fmt: skip
"""Words that make a title one of outcomes, whatever its head noun (`Error types`, `Exit
status values`, `Close event codes`)."""
_OUTCOMES_CHINESE = ("错误", "异常", "失败", "返回", "结果", "状态", "响应", "原因", "告警")


def lists_other_things(title: str) -> str:
    """The head noun of a table's title when it lists things that are not outcomes
    (`Gateway Opcodes`: `Opcodes`; `消息类型`: `类型`), else ''. A title that names
    outcomes anywhere (`Error types`, `错误类型`) lists outcomes."""
    if names_outcomes(title):
        return ""
    phrase = main_phrase(title).strip()
    written = _CAMEL_WORDS.findall(phrase)  # `EPersonaState`: its last word is `State`
    while len(written) > 1 and written[-1].casefold() in _CONTAINERS:
        written.pop()  # `Frame Type Registry` lists frame types
    words = [word.casefold() for word in written]
    bare = phrase.rstrip(" :.\uff1a\u3002)\uff09")
    chinese = next((word for word in _OTHER_LISTS_CHINESE if bare.endswith(word)), "")
    if chinese:
        return chinese
    if words and words[-1] in _OTHER_LISTS and re.search(r"[A-Za-z]+\W*$", bare):
        return str(written[-1])
    return ""


_CAMEL_WORDS = _WORDS
"""Words, those of a camelCase identifier apart (`cudaMemcpyKind`: `cuda`, `Memcpy`, `Kind`)."""


def names_outcomes(title: str) -> bool:
    """Whether a title names outcomes or codes anywhere (`Error types`, `VkResult`, `Reply
    codes`, `错误码`): a table under it may list what a request returns."""
    words = {word.casefold() for word in _CAMEL_WORDS.findall(title)}
    if words & (_OUTCOMES | {"code", "codes"}):
        return True
    if any(word in title for word in _OUTCOMES_CHINESE):
        return True
    return "\u7801" in title and not any(word in title for word in _NOT_CODES)


def labels_its_code(label: str, code: str) -> bool:
    """Whether a header names what its table's code column codes: `Refusal reason` beside
    `Refusal reason code`, `结果` beside `结果码`."""
    label, code = header_key(label), header_key(code)
    return bool(label) and code in (label + "code", label + "\u7801")


def header_words(header: str) -> frozenset[str]:
    """A header's English words, case-folded, camelCase apart (`errorSource`: `error`,
    `source`)."""
    return frozenset(word.casefold() for word in _WORDS.findall(header))


def shares_qualifier(one: str, other: str) -> bool:
    """Whether two headers open with the same English word, which neither is made of alone:
    `sub_msg` beside `sub_code`, `subStatusString` beside `subStatusCode` (not `msg` beside
    `code`)."""
    first, second = _WORDS.findall(one), _WORDS.findall(other)
    return (
        len(first) > 1
        and len(second) > 1
        and first[0].casefold() == second[0].casefold()
        and first[0].casefold() not in _GENERIC_QUALIFIERS
    )


_GENERIC_QUALIFIERS = frozenset(
    {"error", "err", "errors", "status", "http", "return", "result", "response", "resp", "ret",
     "api", "code"}
)  # fmt: skip
"""First words every column of an error table may open with (`Error code | Message | Error
message (Chinese)`): they tie no message to its code."""


def main_phrase(header: str) -> str:
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
