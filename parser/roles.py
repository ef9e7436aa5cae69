"""Column roles by header text: the one table that says what a column means.

Keys are normalised header texts (see `header_key`); a header not listed keeps no role.
"""

from __future__ import annotations

import re

from .model import Role

ROLES: dict[str, Role] = {
    # HTTP status code
    "状态码": Role.STATUS,
    "http状态码": Role.STATUS,
    "statuscode": Role.STATUS,
    "httpstatuscode": Role.STATUS,
    # reason phrase
    "编码": Role.PHRASE,
    "reasonphrase": Role.PHRASE,
    # description
    "状态说明": Role.DESCRIPTION,
    "描述": Role.DESCRIPTION,
    "说明": Role.DESCRIPTION,
    "description": Role.DESCRIPTION,
}

_IGNORED = re.compile("[\\s:\uff1a]+")


def header_key(header: str) -> str:
    """Normalise a header for lookup: case-folded, without whitespace or trailing colons."""
    return _IGNORED.sub("", header).casefold()


def role_of(header: str) -> Role | None:
    """The role a header names, or None when the header is not in the table."""
    return ROLES.get(header_key(header))
