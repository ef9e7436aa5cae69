"""Column roles by header text, and what a status cell means: the data that says what is what.

`ROLES` maps a normalised header (see `header_key`) to a role; `AMBIGUOUS` lists headers whose
role the column's values decide; `UNKNOWN` lists headers seen in real pages that deliberately
carry no role. A header in none of them keeps no role, and the corpus test fails on any header
of the reference pages that is not listed, so a new variant cannot slip through.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .model import Role

ROLES: dict[str, Role] = {
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
    "status": Role.STATUS,
    # the reason phrase of a status (OK, Not Found)
    "编码": Role.PHRASE,
    "返回": Role.PHRASE,
    "类型": Role.PHRASE,
    "reasonphrase": Role.PHRASE,
    # the service's own error code (APIG.0101, VPC.0001, 01)
    "错误码": Role.ERROR_CODE,
    "返回错误码": Role.ERROR_CODE,
    "错误码id": Role.ERROR_CODE,
    "errorcode": Role.ERROR_CODE,
    "type": Role.ERROR_CODE,  # nat: the error's name (DnatRuleInvalidProtocol) is its code
    # the error message the API returns
    "错误信息": Role.MESSAGE,
    "英文错误信息": Role.MESSAGE,
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
    "description": Role.DESCRIPTION,
    # what to do about it
    "处理措施": Role.REMEDY,
    "解决方案": Role.REMEDY,
    "处理建议": Role.REMEDY,
    "建议解决方法": Role.REMEDY,
    "描述(处理措施)": Role.REMEDY,
    "solution": Role.REMEDY,
    "remedy": Role.REMEDY,
    # why it happens
    "常见原因": Role.CAUSE,
    "可能的错误原因": Role.CAUSE,
    "cause": Role.CAUSE,
    # the API module an error code belongs to
    "模块": Role.MODULE,
    "module": Role.MODULE,
}

AMBIGUOUS: dict[str, tuple[Role, Role]] = {
    "返回值": (Role.STATUS, Role.ERROR_CODE),
}
"""Headers whose column is a status column when most values are statuses, else the second."""

UNKNOWN = frozenset({"元素名称", "名称", "参数类型", "分类", "分类描述"})
"""Headers of real pages that deliberately carry no role (parameter and category tables)."""

_IGNORED = re.compile("[\\s:\uff1a]+")
_FULLWIDTH_PARENS = str.maketrans("\uff08\uff09", "()")


def header_key(header: str) -> str:
    """A header for lookup: case-folded, no whitespace, no colons, ASCII parentheses."""
    return _IGNORED.sub("", header).translate(_FULLWIDTH_PARENS).casefold()


def role_of(header: str, values: Iterable[str] = ()) -> Role | None:
    """The role a header names, the values deciding where the header is ambiguous."""
    key = header_key(header)
    if key in AMBIGUOUS:
        status_role, other_role = AMBIGUOUS[key]
        present = [value for value in values if value]
        statuses = sum(1 for value in present if typed_status(value) is not None)
        return status_role if present and statuses * 2 > len(present) else other_role
    return ROLES.get(key)


_UNKNOWN_KEYS = frozenset(header_key(header) for header in UNKNOWN)


def is_known(header: str) -> bool:
    """Whether a header is in the role table, ambiguous or deliberately unknown."""
    key = header_key(header)
    return key in ROLES or key in AMBIGUOUS or key in _UNKNOWN_KEYS


_TYPED = re.compile(r"([1-5][0-9]{2})(?:\s+[^\W\d_][^\d]*)?")
_CODE_LIKE = re.compile("[0-9]|(?:n/?a|none|null|无|不涉及|[-\u2014\u2013/])$", re.IGNORECASE)


def typed_status(text: str) -> int | None:
    """The integer status a cell states unambiguously, else None.

    `404` and `404 Not Found` (a code, then a reason phrase without digits) give 404;
    `404/500`, `2xx`, `NA`, `4000` or an empty cell give None, and keep their text.
    """
    match = _TYPED.fullmatch(text)
    return int(match.group(1)) if match else None


def is_status_text(text: str) -> bool:
    """Whether a status cell reads as a status at all: empty, a code form, or not-applicable.

    Anything that starts with a digit qualifies (`404/500`, `2xx`, `500 409`), as do `NA`,
    `N/A`, `-`; a word such as `abc` or `OK` in the status column does not.
    """
    return not text or _CODE_LIKE.match(text) is not None
