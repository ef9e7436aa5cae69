"""The HTTP status registry pages are checked against, and the names code already knows.

A fixed copy of `http.HTTPStatus` as Python 3.11 to 3.13 define it (every member name,
those 3.13 renamed included), with the other wordings of a phrase that RFCs have used, so
artifacts and findings are the same on every Python. `tests/test_members.py` holds it
equal to the running Python's `http.HTTPStatus`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Status:
    """A registered status: its code, its phrase as Python 3.11 words it, the names Python
    3.13 gave it beside the 3.11 one, and other wordings RFCs have registered."""

    code: int
    phrase: str
    renamed: tuple[str, ...] = ()
    wordings: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Every name `http.HTTPStatus` gives the code, the 3.11 one (its phrase's) first."""
        return (re.sub(r"[^A-Z0-9]+", "_", self.phrase.replace("'", "").upper()), *self.renamed)


STATUSES = (
    Status(100, "Continue"),
    Status(101, "Switching Protocols"),
    Status(102, "Processing"),
    Status(103, "Early Hints"),
    Status(200, "OK"),
    Status(201, "Created"),
    Status(202, "Accepted"),
    Status(203, "Non-Authoritative Information"),
    Status(204, "No Content"),
    Status(205, "Reset Content"),
    Status(206, "Partial Content"),
    Status(207, "Multi-Status"),
    Status(208, "Already Reported"),
    Status(226, "IM Used"),
    Status(300, "Multiple Choices"),
    Status(301, "Moved Permanently"),
    Status(302, "Found", wordings=("Moved Temporarily",)),
    Status(303, "See Other"),
    Status(304, "Not Modified"),
    Status(305, "Use Proxy"),
    Status(307, "Temporary Redirect"),
    Status(308, "Permanent Redirect"),
    Status(400, "Bad Request"),
    Status(401, "Unauthorized"),
    Status(402, "Payment Required"),
    Status(403, "Forbidden"),
    Status(404, "Not Found"),
    Status(405, "Method Not Allowed"),
    Status(406, "Not Acceptable"),
    Status(407, "Proxy Authentication Required"),
    Status(408, "Request Timeout"),
    Status(409, "Conflict"),
    Status(410, "Gone"),
    Status(411, "Length Required"),
    Status(412, "Precondition Failed"),
    Status(
        413,
        "Request Entity Too Large",
        ("CONTENT_TOO_LARGE",),
        ("Content Too Large", "Payload Too Large"),
    ),
    Status(
        414,
        "Request-URI Too Long",
        ("URI_TOO_LONG",),
        ("URI Too Long", "Request-URI Too Large"),
    ),
    Status(415, "Unsupported Media Type"),
    Status(
        416,
        "Requested Range Not Satisfiable",
        ("RANGE_NOT_SATISFIABLE",),
        ("Range Not Satisfiable",),
    ),
    Status(417, "Expectation Failed"),
    Status(418, "I'm a Teapot"),
    Status(421, "Misdirected Request"),
    Status(
        422,
        "Unprocessable Entity",
        ("UNPROCESSABLE_CONTENT",),
        ("Unprocessable Content",),
    ),
    Status(423, "Locked"),
    Status(424, "Failed Dependency"),
    Status(425, "Too Early"),
    Status(426, "Upgrade Required"),
    Status(428, "Precondition Required"),
    Status(429, "Too Many Requests"),
    Status(431, "Request Header Fields Too Large"),
    Status(451, "Unavailable For Legal Reasons"),
    Status(500, "Internal Server Error"),
    Status(501, "Not Implemented"),
    Status(502, "Bad Gateway"),
    Status(503, "Service Unavailable"),
    Status(504, "Gateway Timeout"),
    Status(505, "HTTP Version Not Supported"),
    Status(506, "Variant Also Negotiates"),
    Status(507, "Insufficient Storage"),
    Status(508, "Loop Detected"),
    Status(510, "Not Extended"),
    Status(511, "Network Authentication Required"),
)

REGISTRY = {status.code: status for status in STATUSES}
UNASSIGNED = {306: "Unused"}
"""Codes the registry holds but assigns to nothing (RFC 9110 15.4.7: 306 was used once)."""


def phrase_key(text: str) -> str:
    """A phrase without case, spacing or punctuation: `NoContent`, `No content` and
    `no-content` are one phrase; `ServerTimeout` and `Gateway Timeout` are two."""
    return re.sub(r"[^a-z0-9]", "", text.casefold())


def is_registry_phrase(code: int, phrase: str) -> bool:
    """Whether `phrase` is the registry's phrase of `code`, in any of its wordings."""
    status = REGISTRY.get(code)
    if status is None:
        return False
    key = phrase_key(phrase)
    return any(key == phrase_key(known) for known in (status.phrase, *status.wordings))
