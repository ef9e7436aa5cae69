"""The seed page: every row of its status table, exactly as the documentation states it."""

from __future__ import annotations

import hashlib

from codetables.model import Document, Kind, Role
from conftest import SEED

SEED_SHA256 = "6040dc4c31c93e7453bd431cc0bdd120884bba80451fe8f9de552e715c311725"

EXPECTED = [
    (100, "Continue"),
    (101, "Switching Protocols"),
    (200, "OK"),
    (201, "Created"),
    (202, "Accepted"),
    (203, "Non-Authoritative Information"),
    (204, "NoContent"),
    (205, "Reset Content"),
    (206, "Partial Content"),
    (300, "Multiple Choices"),
    (301, "Moved Permanently"),
    (302, "Found"),
    (303, "See Other"),
    (304, "Not Modified"),
    (305, "Use Proxy"),
    (306, "Unused"),
    (400, "BadRequest"),
    (401, "Unauthorized"),
    (402, "Payment Required"),
    (403, "Forbidden"),
    (404, "NotFound"),
    (405, "MethodNotAllowed"),
    (406, "Not Acceptable"),
    (407, "Proxy Authentication Required"),
    (408, "Request Time-out"),
    (409, "Conflict"),
    (410, "Gone"),
    (411, "Length Required"),
    (412, "Precondition Failed"),
    (413, "Request Entity Too Large"),
    (414, "Request-URI Too Large"),
    (415, "Unsupported Media Type"),
    (416, "Requested range not satisfiable"),
    (417, "Expectation Failed"),
    (422, "UnprocessableEntity"),
    (429, "TooManyRequests"),
    (500, "InternalServerError"),
    (501, "Not Implemented"),
    (502, "Bad Gateway"),
    (503, "ServiceUnavailable"),
    (504, "ServerTimeout"),
    (505, "HTTP Version not supported"),
]

DESCRIPTIONS = {
    100: ("继续请求。", "这个临时响应用来通知客户端，它的部分请求已经被服务器接收，且仍未被拒绝。"),
    101: ("切换协议。只能切换到更高级的协议。", "例如，切换到HTTP的新版本协议。"),
    200: ("GET、PUT、POST操作正常返回。",),
    204: (
        "请求完全成功，同时HTTP响应不包含响应体。",
        "在响应OPTIONS方法的HTTP请求时返回此状态码。",
    ),
    303: ("查看其它地址。", "使用GET和POST请求查看。"),
    403: (
        "请求被拒绝访问。",
        "返回该状态码，表明请求能够到达服务端，且服务端能够理解用户请求，但是拒绝做更多的事情，"
        "因为该请求被设置为拒绝访问，建议直接修改该请求，不要重试该请求。",
    ),
    503: ("被请求的服务无效。", "建议直接修改该请求，不要重试该请求。"),
}


def test_seed_is_the_shared_document_byte_for_byte() -> None:
    """The committed seed is the unedited source page (its sha256 is pinned)."""
    assert hashlib.sha256(SEED.read_bytes()).hexdigest() == SEED_SHA256


def test_title_and_id_come_from_the_first_heading(seed_document: Document) -> None:
    """The document title is the `#` heading's text and the id its `<a name>` anchor."""
    assert (seed_document.title, seed_document.id) == ("状态码", "cci_02_0068")


def test_one_status_table_with_roles_by_header(seed_document: Document) -> None:
    """The page has one http-status table whose columns get roles from their headers."""
    (table,) = seed_document.tables
    assert table.kind is Kind.HTTP_STATUS
    assert [(c.key, c.header, c.role) for c in table.columns] == [
        ("status", "状态码", Role.STATUS),
        ("phrase", "编码", Role.PHRASE),
        ("description", "状态说明", Role.DESCRIPTION),
    ]


def test_all_42_codes_and_phrases_in_document_order(seed_document: Document) -> None:
    """Every row's typed status and reason phrase, in the order the page lists them."""
    (table,) = seed_document.tables
    assert [(row.status, table.text(row, Role.PHRASE)) for row in table.rows] == EXPECTED
    assert [row.cells[0].text for row in table.rows] == [str(code) for code, _ in EXPECTED]


def test_descriptions_keep_paragraphs_and_join_chinese_without_space(
    seed_document: Document,
) -> None:
    """Multi-paragraph descriptions keep their paragraphs; CJK joins add no space."""
    (table,) = seed_document.tables
    by_status = {row.status: row.cells[2] for row in table.rows}
    for status, paragraphs in DESCRIPTIONS.items():
        assert by_status[status].paragraphs == paragraphs, status
        assert by_status[status].text == "".join(paragraphs), status


def test_span_wrapped_cells_read_as_plain_text(seed_document: Document) -> None:
    """Row 200 wraps its phrase and part of its description in `<span>`: the text is flat."""
    (table,) = seed_document.tables
    row = next(row for row in table.rows if row.status == 200)
    assert [cell.text for cell in row.cells] == ["200", "OK", "GET、PUT、POST操作正常返回。"]


def test_rows_know_their_source_line(seed_document: Document) -> None:
    """Each row records the 1-based line of its `<tr>` in the source."""
    (table,) = seed_document.tables
    lines = SEED.read_text(encoding="utf-8").split("\n")
    assert len(table.rows) == 42
    for row in table.rows:
        assert "<tr" in lines[row.line - 1], row.line
        assert f">{row.status}</p>" in lines[row.line - 1]
