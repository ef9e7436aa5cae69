"""Member names: the registry's names as aliases, and names set per code in the configuration."""

from __future__ import annotations

import subprocess
import sys
import types
from http import HTTPStatus
from pathlib import Path
from typing import Any

import pytest

from codetables import pyenum, registry, values
from codetables.cli import main
from codetables.config import load
from codetables.errors import ConfigError, RenderError
from codetables.model import Document
from codetables.parse import parse
from codetables.render import context as render_context
from codetables.render import render

ERROR_PAGE = """# 错误码

| 状态码 | 错误码 | 错误信息 | 描述 | 处理措施 |
| --- | --- | --- | --- | --- |
| 400 | APIGW.0101 | The API does not exist. | API不存在 | 检查API |
| 504 | APIGW.0201 | Backend timeout. | 后端超时 | 重试 |
"""
RESULT_PAGE = """# Return codes

| Code | Name | Description |
| --- | --- | --- |
| 0x0000 | SUCCESS | The call succeeded. |
| 0x1000 | BUSY | The device is busy. |
"""


def module_of(document: Document, members: dict[str, str] | None = None) -> Any:
    """The page's Python artifact, executed."""
    module = types.ModuleType("page")
    code = render(document, "page", members=members)["page.py"]
    exec(compile(code, "page.py", "exec"), module.__dict__)
    return module


QINIU = """# 错误响应

| HTTP 状态码 | 含义 |
| --- | --- |
| 401 | 认证授权失败。 |
| 579 | 上传成功但是回调失败。 |
| 612 | 指定资源不存在或已被删除。 |
| 631 | 指定空间不存在。 |
| 701 | 上传地址不正确或ctx信息已过期。 |
"""


def test_a_services_own_statuses_past_5xx_are_members_under_their_class() -> None:
    """Qiniu's 612 and 631 under `HTTP 状态码` were kept untyped with a warning each, and
    left out of the enum: `StatusCode(612)` failed for half the page (found by a probe).
    RFC 9110 lets services use 600 to 999; lint still says they are not registered."""
    document = parse(QINIU, source="qiniu.md")
    assert document.warnings == ()
    assert [row.status for row in document.tables[0].rows] == [401, 579, 612, 631, 701]
    module = module_of(document)
    assert module.StatusCode(612).name == "STATUS_612"
    assert module.StatusCode(701).description == "上传地址不正确或ctx信息已过期。"
    assert not module.StatusCode(631).is_server_error
    code = render(document, "page")["page.py"]
    assert "    # 6xx service-defined\n    STATUS_612 = (" in code
    assert "    # 7xx service-defined\n    STATUS_701 = (" in code


@pytest.mark.parametrize(
    ("page", "members", "rows"),
    [
        (  # FTP's reply codes under group headings
            "| Code | Explanation |\n| --- | --- |\n"
            "| **100 Series** | The requested action is being initiated. |\n"
            "| 110 | Restart marker replay. |\n| 120 | Service ready in nnn minutes. |\n"
            "| **200 Series** | The action has been completed. |\n| 200 | Command okay. |\n",
            ["CODE_110", "CODE_120", "CODE_200"],
            5,
        ),
        (  # Baidu Map's class of codes beside its own
            "| 状态码 | 定义 |\n| --- | --- |\n| 0 | 正常 |\n| 1 | 服务器内部错误 |\n"
            "| 101 | 服务禁用 |\n| 2xx | 无权限 |\n",
            ["CODE_0", "CODE_1", "CODE_101"],
            4,
        ),
    ],
    ids=["ftp-series", "baidu-class"],
)
def test_a_group_heading_or_a_class_among_integer_codes_is_a_row_of_no_member(
    page: str, members: list[str], rows: int
) -> None:
    """`100 Series` and `2xx` among integer codes made the enum a `StrEnum` of strings,
    with members `CODE_100_SERIES` (found by a held-out probe): they are rows about the
    codes below them, kept in `*_ROWS`, naming no member."""
    module = module_of(parse("# Codes\n\n" + page, source="codes.md"))
    assert issubclass(module.ResultCode, int)
    assert list(module.ResultCode.__members__) == members
    assert len(module.RESULT_CODE_ROWS) == rows
    assert module.lookup_result(110 if "Series" in page else 101) is not None


def test_a_group_heading_in_a_status_column_is_no_warning() -> None:
    """SIP's `Provisional 1xx` heading its statuses was warned of as no status."""
    page = "| Response Code | Reason |\n| --- | --- |\n| Provisional 1xx | |\n| 100 | Trying |\n"
    page += "| 180 | Ringing |\n| Success 2xx | |\n| 200 | OK |\n"
    document = parse("# SIP\n\n" + page, source="sip.md")
    assert document.warnings == ()
    assert [row.status for row in document.tables[0].rows] == [None, 100, 180, None, 200]


def test_a_heading_row_in_words_in_a_status_column_is_no_warning() -> None:
    """`| **Common error codes of every service** | | |` above the statuses and their
    error codes: a heading, no member, and no status cell that reads as none."""
    page = (
        "| HTTP status | Error code | Message |\n| --- | --- | --- |\n"
        "| **Common error codes of every service** | | |\n"
        "| 400 | APIGW.0101 | Invalid parameter. |\n| 404 Not Found | | |\n"
    )
    document = parse("# Errors\n\n" + page, source="e.md")
    assert document.warnings == ()
    assert [row.status for row in document.tables[0].rows] == [None, 400, 404]


@pytest.mark.parametrize(
    ("page", "members", "rows"),
    [
        (
            "| Status code | Description |\n| --- | --- |\n| 508 | Loop Detected |\n"
            "| 509 | Unassigned |\n| 510 | Not Extended |\n",
            ["LOOP_DETECTED", "NOT_EXTENDED"],
            3,
        ),
        (
            "| Code | Name | Meaning |\n| --- | --- | --- |\n| 1000 | Normal | Closed. |\n"
            "| 1004 | (Unassigned) | |\n| 1005 | No status | None given. |\n",
            ["NORMAL", "NO_STATUS"],
            3,
        ),
        (
            "| 错误码 | 说明 |\n| --- | --- |\n| E100 | 参数错误 |\n| E101 | 未分配 |\n",
            ["E100"],
            2,
        ),
        (  # a code named so, or described beside it, is a code (found by review)
            "| Value | Name | Description |\n| --- | --- | --- |\n"
            "| 0 | INITIALIZING | The shard is initializing. |\n"
            "| 3 | UNASSIGNED | The shard is not allocated to any node. |\n",
            ["INITIALIZING", "UNASSIGNED"],
            0,  # a member per row: no rows beside the enum
        ),
        (
            "| Error code | Message | Description |\n| --- | --- | --- |\n"
            "| TICKET_CLOSED | Closed | The ticket is closed. |\n"
            "| TICKET_UNASSIGNED | Unassigned | The ticket has no assignee. |\n",
            ["TICKET_CLOSED", "TICKET_UNASSIGNED"],
            0,
        ),
    ],
)
def test_a_code_its_row_says_is_unassigned_is_a_row_of_no_member(
    page: str, members: list[str], rows: int
) -> None:
    """IANA's registry lists `509 | Unassigned` between statuses (found by a held-out
    probe: a member `STATUS_509` that `lookup_status(509)` found): a row, no member."""
    module = vars(module_of(parse("# Codes\n\n" + page, source="codes.md")))
    enum = next(
        module[name] for name in ("StatusCode", "ErrorCode", "ResultCode") if name in module
    )
    assert list(enum.__members__) == members
    listed = [value for name, value in module.items() if name.endswith("_ROWS")]
    assert [len(value) for value in listed] == ([rows] if rows else [])


@pytest.mark.parametrize(
    ("page", "members"),
    [
        (
            "| Error Code | Name |\n| --- | --- |\n| 0x00 | Success |\n"
            "| 0x02 | Unknown Connection Identifier |\n| 0x03 | Hardware Failure |\n",
            ["SUCCESS", "UNKNOWN_CONNECTION_IDENTIFIER", "HARDWARE_FAILURE"],
        ),
        (
            "| Code | Name | Description |\n| --- | --- | --- |\n| 0 | Dispatch | An event. |\n"
            "| 1 | Heartbeat | Keeps it alive. |\n",
            ["DISPATCH", "HEARTBEAT"],
        ),
        (  # a name repeated names no member: the codes do
            "| Code | Name | Description |\n| --- | --- | --- |\n| 0 | Soft | An event. |\n"
            "| 1 | Soft | Keeps it alive. |\n",
            ["CODE_0", "CODE_1"],
        ),
        (  # sentences under a name header name nothing
            "| Code | Name |\n| --- | --- |\n| 0 | The request worked. |\n"
            "| 1 | The request failed. |\n",
            ["CODE_0", "CODE_1"],
        ),
        (  # nor names that are one name in any case (found by review)
            "| Code | Name | Description |\n| --- | --- | --- |\n| 0 | Not found | a |\n"
            "| 1 | Not Found | b |\n",
            ["CODE_0", "CODE_1"],
        ),
        (  # a code that is no integer names itself (found by review)
            "| Error code | Name | Description |\n| --- | --- | --- |\n"
            "| APIG.0101 | Invalid parameter | The request has a bad parameter. |\n"
            "| APIG.0102 | Not found | The API does not exist. |\n",
            ["APIG_0101", "APIG_0102"],
        ),
    ],
)
def test_a_name_column_in_words_names_the_members(page: str, members: list[str]) -> None:
    """Bluetooth's `Error Code | Name` over `0x02 | Unknown Connection Identifier` and
    Discord's `Code | Name` over `0 | Dispatch` made `ERROR_0X02` and `CODE_0` (found by a
    held-out probe): distinct short names in words under a name header name the members,
    as SIP's phrases do."""
    module = vars(module_of(parse("# Codes\n\n" + page, source="codes.md")))
    enum = next(module[name] for name in ("ErrorCode", "ResultCode") if name in module)
    assert list(enum.__members__) == members


@pytest.mark.parametrize(
    ("page", "members", "messages"),
    [
        (
            "| Refusal reason code | Refusal reason | Description |\n| --- | --- | --- |\n"
            "| 2 | Refused | The transaction was refused. |\n"
            "| 5 | Blocked Card | The card used for the transaction is blocked. |\n",
            ["REFUSED", "BLOCKED_CARD"],
            ["Refused", "Blocked Card"],
        ),
        (
            "| info | infocode | 状态描述 |\n| --- | --- | --- |\n| OK | 10000 | 请求正常 |\n"
            "| INVALID_USER_KEY | 10001 | key不正确或过期 |\n",
            ["OK", "INVALID_USER_KEY"],
            ["OK", "INVALID_USER_KEY"],
        ),
        (  # sentences under it stay the cause its header says
            "| Reason code | Reason |\n| --- | --- |\n| 1 | The card was declined by the bank. |\n"
            "| 2 | The card has expired and cannot be used. |\n",
            ["CODE_1", "CODE_2"],
            ["", ""],
        ),
    ],
)
def test_the_column_a_code_column_codes_labels_the_codes(
    page: str, members: list[str], messages: list[str]
) -> None:
    """Adyen's `Refusal reason code | Refusal reason` over `2 | Refused` read the labels as
    causes and named the members `CODE_2` (found by a held-out probe); AMap's `info |
    infocode` over `INVALID_USER_KEY | 10001` read them as messages, the members `CODE_10001`.
    The column the code column's header names less its `code` holds the code's label, what
    the API says beside it: the message, and in short words the member's name."""
    module = vars(module_of(parse("# Codes\n\n" + page, source="codes.md")))
    enum = module["ResultCode"]
    assert list(enum.__members__) == members
    assert [getattr(member, "message", "") for member in enum] == messages


def test_a_series_heading_among_integer_codes_is_no_member() -> None:
    """FTP's `**100 Series** | The requested action is being initiated.` among `110`,
    `120`: members `CODE_100_SERIES`, and with a second series the enum a `StrEnum`, where
    `ResultCode(110)` failed (found by a held-out probe). A series or class named so is a
    class of codes, as `5xx` is: no member, no share of the column."""
    page = (
        "# FTP codes\n\n| Code | Explanation |\n| --- | --- |\n"
        "| **100 Series** | The requested action is being initiated. |\n"
        "| 110 | Restart marker replay. |\n| 120 | Service ready in nnn minutes. |\n"
        "| **200 Series** | The requested action has been completed. |\n"
        "| 200 | Command okay. |\n| **Class 10000** | Winsock errors. |\n"
        "| 10054 | Connection reset by peer. |\n"
    )
    codes = module_of(parse(page, source="ftp.md")).ResultCode
    assert [member.name for member in codes] == ["CODE_110", "CODE_120", "CODE_200", "CODE_10054"]
    assert codes(110) is codes.CODE_110


ERRNO = """# errno

| Name | Number | Description |
| --- | --- | --- |
| `EPERM` | 1 | Operation not permitted |
| `ENOENT` | 2 | No such file or directory |
| `ESRCH` | 3 | No such process |
| `EINTR` | 4 | Interrupted function call |
| `EIO` | 5 | Input/output error |
| `EAGAIN` | 11 | Resource temporarily unavailable |
| `EWOULDBLOCK` | 11 | Operation would block |
| `ENOMEM` | 12 | Not enough space |
| `EDEADLK` | 35 | Resource deadlock avoided |
| `EDEADLOCK` | 35 | Resource deadlock avoided |
"""


def test_another_name_a_code_is_given_on_a_later_row_is_an_alias() -> None:
    """POSIX's `EWOULDBLOCK | 11` below `EAGAIN | 11`: the second name was in the rows only,
    so `ResultCode.EWOULDBLOCK` failed where Python's own `errno` has both (found by a
    held-out probe). An alias, as the registry's names of a status are; iterating the enum
    lists the members once."""
    module = module_of(parse(ERRNO, source="errno.md"))
    codes = module.ResultCode
    assert codes.EWOULDBLOCK is codes.EAGAIN
    assert codes["EDEADLOCK"] is codes.EDEADLK
    assert [member.name for member in codes][4:] == ["EIO", "EAGAIN", "ENOMEM", "EDEADLK"]
    assert len(module.RESULT_CODE_ROWS) == 10
    code = render(parse(ERRNO, source="errno.md"), "page")["page.py"]
    assert "`ResultCode` also answers to the other names the page gives a code" in code
    assert "        EWOULDBLOCK: ClassVar[ResultCode]\n" in code


def test_a_code_in_capitals_of_another_script_is_a_member() -> None:
    """`ОШИБКА` and a full-width `ABC` among `E1001`… were read as words, rows with no
    member: `lookup_error` found neither, and nothing said so (found by a probe). One
    token in capitals is a code in any script; `其他` and `Ошибка сервера` stay words."""
    rows = "".join(f"| E100{n} | text {n} |\n" for n in range(1, 5))
    rows += "| ОШИБКА | e |\n| ＡＢＣ | f |\n| Ошибка сервера | g |\n"
    module = module_of(parse(f"# E\n\n| 错误码 | 描述 |\n| --- | --- |\n{rows}", source="e.md"))
    assert module.lookup_error("ОШИБКА") is not None
    assert module.lookup_error("ＡＢＣ") is module.ErrorCode.ABC
    assert module.lookup_error("Ошибка сервера") is None
    assert len(module.ERROR_CODE_ROWS) == 7


def test_the_registry_is_this_pythons_http_status() -> None:
    """Every code, name and phrase of the running Python's `http.HTTPStatus` is in the fixed
    copy, and it holds no code Python lacks: a new Python that changes the registry fails
    here, not in a user's artifact."""
    assert set(registry.REGISTRY) == {int(status) for status in HTTPStatus}
    for name, status in HTTPStatus.__members__.items():
        known = registry.REGISTRY[int(status)]
        assert name in known.names, name
        assert registry.is_registry_phrase(int(status), status.phrase), status


@pytest.mark.parametrize(
    ("code", "phrase", "standard"),
    [
        (204, "NoContent", True),
        (204, "no content", True),
        (408, "Request Time-out", True),
        (413, "Payload Too Large", True),
        (418, "I'm a teapot", True),
        (504, "ServerTimeout", False),
        (504, "Gateway Time-out", True),
        (200, "Success", False),
        (306, "Unused", False),
    ],
)
def test_a_phrase_is_the_registrys_after_case_and_spacing(
    code: int, phrase: str, standard: bool
) -> None:
    assert registry.is_registry_phrase(code, phrase) is standard


def test_the_seed_module_answers_to_the_registry_names(seed_document: Document) -> None:
    """504 is `ServerTimeout` on the page and `GATEWAY_TIMEOUT` in the registry: both
    names find one member, which keeps the page's name and is listed once."""
    status = module_of(seed_document).StatusCode
    assert status.GATEWAY_TIMEOUT is status.SERVER_TIMEOUT
    assert status(504).name == "SERVER_TIMEOUT"
    assert status.REQUEST_TIMEOUT is status.REQUEST_TIME_OUT
    assert status.CONTENT_TOO_LARGE is status.REQUEST_ENTITY_TOO_LARGE
    assert len(list(status)) == len({row.status for row in seed_document.tables[0].rows})
    assert "GATEWAY_TIMEOUT" not in [member.name for member in status]


def test_the_module_says_it_answers_to_the_registry_names(seed_document: Document) -> None:
    text = render(seed_document, "page")["page.py"]
    assert "also answers to the registry's names (`http.HTTPStatus`)" in text
    assert '    ("GATEWAY_TIMEOUT", "SERVER_TIMEOUT"),\n' in text
    assert "        GATEWAY_TIMEOUT: ClassVar[StatusCode]\n" in text


def test_aliases_leave_an_exhaustive_match_exhaustive_for_mypy(tmp_path: Path) -> None:
    """Type checkers see the page's members only: code that handles each of them, and uses
    an alias, passes `mypy --strict`; a case left out is still caught."""
    page = "# S\n\n| Status | Phrase |\n| --- | --- |\n| 200 | OK |\n| 504 | ServerTimeout |\n"
    module = render(parse(page, source="s.md"), "two")["two.py"]
    (tmp_path / "two.py").write_text(module, encoding="utf-8")
    client = (
        "from typing import assert_never\n\nfrom two import StatusCode\n\n\n"
        "def name(status: StatusCode) -> str:\n"
        "    if status is StatusCode.OK:\n        return 'ok'\n"
        "    if status is StatusCode.SERVER_TIMEOUT:\n        return 'late'\n"
        "    assert_never(status)\n\n\n"
        "LATE: StatusCode = StatusCode.GATEWAY_TIMEOUT\n"
    )
    (tmp_path / "client.py").write_text(client, encoding="utf-8")
    (tmp_path / "partial.py").write_text(
        client.replace("    if status is StatusCode.OK:\n        return 'ok'\n", ""),
        encoding="utf-8",
    )

    def mypy(name: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "mypy", "--strict", "--no-incremental", name, "two.py"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=False,
        )

    assert mypy("client.py").returncode == 0, mypy("client.py").stdout
    caught = mypy("partial.py")
    assert caught.returncode == 1
    assert "Literal[StatusCode.OK]" in caught.stdout


def test_two_tables_with_aliases_pass_mypy_strict(tmp_path: Path) -> None:
    """Each enum's aliases are set by a loop of its own whose names hold strings only: two
    status tables on one page that both need aliases type-check (one loop's member type
    used to clash with the next's, found on a GitHub-style page)."""
    page = (
        "# S\n\n## A\n\n| Status code | Description |\n| --- | --- |\n"
        "| 404 | Resource not found |\n| 422 | Validation failed |\n\n"
        "## B\n\n| Status code | Description |\n| --- | --- |\n"
        "| 413 | Too large |\n| 422 | Unprocessable |\n"
    )
    module = render(parse(page, source="s.md"), "two")["two.py"]
    assert module.count("registry's names (`http.HTTPStatus`) of statuses") == 2
    (tmp_path / "two.py").write_text(module, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "two.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout
    namespace: dict[str, Any] = {}
    exec(compile(module, "two.py", "exec"), namespace)
    first, second = (namespace[name] for name in ("StatusCode", "StatusCode2"))
    assert first.UNPROCESSABLE_CONTENT is first.UNPROCESSABLE_ENTITY
    assert second.CONTENT_TOO_LARGE is second.REQUEST_ENTITY_TOO_LARGE
    assert second.UNPROCESSABLE_CONTENT is second.UNPROCESSABLE_ENTITY
    assert "_alias" not in namespace


def test_an_error_table_keeps_a_status_no_member_can_type_in_its_rows() -> None:
    """A status cell that reads as no one status (`404/409`, `5xx`) gives the member no
    `http_status`; the module keeps the text in `ERROR_CODE_ROWS`, as a status table does,
    so nothing the page says is lost. A table whose statuses all type has no rows."""
    page = (
        "# Errors\n\n| HTTP 状态码 | 错误码 | 描述 |\n| --- | --- | --- |\n"
        "| 404/409 | NoSuchUpload | 分块上传不存在 |\n| 5xx | InternalError | 内部错误 |\n"
        "| 403 | AccessDenied | 拒绝访问 |\n| - | Throttled | 限流 |\n"
    )
    module = module_of(parse(page, source="e.md"))
    assert module.ErrorCode.NO_SUCH_UPLOAD.http_status is None
    rows = {row.code: row.status_text for row in module.ERROR_CODE_ROWS}
    assert rows == {
        "NoSuchUpload": "404/409",
        "InternalError": "5xx",
        "AccessDenied": "403",
        "Throttled": "-",
    }
    typed = page.replace("404/409", "404").replace("5xx", "500")
    assert not hasattr(module_of(parse(typed, source="e.md")), "ERROR_CODE_ROWS")
    results = (  # a result-code table likewise (found by review)
        "# Results\n\n| Result code | HTTP status | Description |\n| --- | --- | --- |\n"
        "| 0 | 200 | Success |\n| 1001 | 4xx | Client side problem |\n"
    )
    rows = module_of(parse(results, source="r.md")).RESULT_CODE_ROWS
    assert [(row.code, row.status_text) for row in rows] == [("0", "200"), ("1001", "4xx")]


def test_a_code_marked_for_a_footnote_is_the_code_without_the_mark() -> None:
    """`InvalidParameter<sup>1</sup>`, `Throttled*`: the member's value and name are the
    code's; the cell keeps the mark as the page writes it."""
    page = (
        "# Errors\n\n<table><tr><th>Error code</th><th>HTTP status</th><th>Description</th></tr>\n"
        '<tr><td>InvalidParameter<sup><a href="#fn1">1</a></sup></td><td>409<sup>1</sup></td>'
        "<td>Bad.</td></tr>\n<tr><td>Throttled*</td><td>503 *</td><td>Slow down.</td></tr>\n"
        "</table>\n"
    )
    document = parse(page, source="e.md")
    assert document.warnings == ()
    assert document.tables[0].rows[0].cells[0].text == "InvalidParameter\N{SUPERSCRIPT ONE}"
    errors = module_of(document).ErrorCode
    assert errors("InvalidParameter") is errors.INVALID_PARAMETER
    assert errors.INVALID_PARAMETER.http_status == 409
    assert errors("Throttled").http_status == 503


def test_a_page_using_registry_names_gets_no_aliases() -> None:
    page = "# S\n\n| 状态码 | 说明 |\n| --- | --- |\n| 200 | OK |\n| 404 | Not Found |\n"
    assert "registry's names" not in render(parse(page, source="s.md"), "s")["s.py"]


def test_a_registry_name_another_status_has_stays_that_members() -> None:
    """A page calling 408 `Gateway Timeout` keeps that member for 408; 504 gets no alias
    that would take the name away."""
    page = (
        "# S\n\n| Status | Phrase |\n| --- | --- |\n"
        "| 408 | Gateway Timeout |\n| 504 | Server Timeout |\n"
    )
    status = module_of(parse(page, source="s.md")).StatusCode
    assert status.GATEWAY_TIMEOUT.value == 408
    assert status.SERVER_TIMEOUT.value == 504
    assert status.REQUEST_TIMEOUT.value == 408


def test_a_configured_name_replaces_the_pages(seed_document: Document) -> None:
    status = module_of(seed_document, {"504": "GATEWAY_TIMEOUT"}).StatusCode
    assert status(504).name == "GATEWAY_TIMEOUT"
    assert not hasattr(status, "SERVER_TIMEOUT")


def test_configured_names_reach_error_and_result_codes() -> None:
    errors = module_of(parse(ERROR_PAGE, source="e.md"), {"APIGW.0201": "BACKEND_TIMEOUT"})
    assert errors.ErrorCode("APIGW.0201").name == "BACKEND_TIMEOUT"
    results = parse(RESULT_PAGE, source="r.md")
    for spelling in ("0x1000", "4096"):
        assert module_of(results, {spelling: "DEVICE_BUSY"}).ResultCode(4096).name == "DEVICE_BUSY"


@pytest.mark.parametrize(
    ("members", "problem"),
    [
        ({"504": "X = 1\n    __import__('os')"}, "is not an upper-case name"),
        ({"504": "class"}, "is not an upper-case name"),
        ({"504": "_value_"}, "is not an upper-case name"),
        ({"999": "NOPE"}, "the page lists no code '999'"),
    ],
)
def test_member_names_from_a_library_caller_are_checked_too(
    seed_document: Document, members: dict[str, str], problem: str
) -> None:
    """A name reaches the module only as a checked constant, whoever passes it."""
    with pytest.raises(RenderError, match=problem):
        render(seed_document, "page", members=members)


def test_two_spellings_of_one_code_are_a_problem() -> None:
    results = parse(RESULT_PAGE, source="r.md")
    assert pyenum.override_problems(results, {"0x1000": "A", "4096": "B"}) == [
        "'4096' and '0x1000' are one code"
    ]


def test_a_configured_code_the_page_lacks_is_a_problem(seed_document: Document) -> None:
    assert pyenum.override_problems(seed_document, {"999": "X", "504": "GATEWAY_TIMEOUT"}) == [
        "the page lists no code '999'"
    ]


def test_a_configured_name_another_member_has_is_a_problem(seed_document: Document) -> None:
    assert pyenum.override_problems(seed_document, {"504": "NOT_FOUND"}) == [
        "code '504' cannot be named 'NOT_FOUND': code '404' has that name"
    ]
    with pytest.raises(RenderError, match="cannot be named 'NOT_FOUND'"):
        render(seed_document, "page", members={"504": "NOT_FOUND"})


@pytest.mark.parametrize(
    ("members", "message"),
    [
        ('members = ["x"]', "must map source paths to tables of code = NAME"),
        ('members = { "a.md" = "X" }', "must map source paths to tables of code = NAME"),
        ('[tool.codetables.members."a.md"]\n504 = "gateway"', "expected an upper-case name"),
        ('[tool.codetables.members."a.md"]\n504 = "1ST"', "expected an upper-case name"),
        ('[tool.codetables.members."a.md"]\n504 = 7', "expected an upper-case name"),
        (  # the name is fine, the code empty (the message blamed the name; found by a probe)
            '[tool.codetables.members."a.md"]\n"" = "MY_OK"',
            "a.md maps an empty code to 'MY_OK', expected a code of the page such as 504",
        ),
    ],
)
def test_malformed_member_names_are_configuration_errors(members: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load(f"[tool.codetables]\n{members}\n", path="pyproject.toml")


def configure(project: Path, members: str) -> None:
    (project / "pyproject.toml").write_text(
        f'[tool.codetables]\nsources = ["seeds/*.md"]\n{members}\n', encoding="utf-8"
    )


def test_generate_names_members_as_configured(project: Path) -> None:
    configure(project, '[tool.codetables.members."seeds/cci-status-codes.md"]\n504 = "TIMEOUT"')
    assert main(["generate", "-q"]) == 0
    text = (project / "output" / "cci_status_codes.py").read_text(encoding="utf-8")
    assert "    TIMEOUT = (\n        504," in text
    assert '    ("GATEWAY_TIMEOUT", "TIMEOUT"),\n' in text
    assert main(["check", "-q"]) == 0


@pytest.mark.parametrize(
    ("members", "message"),
    [
        (
            '[tool.codetables.members."seeds/cci-status-codes.md"]\n999 = "X"',
            "error: pyproject.toml:3: tool.codetables.members: seeds/cci-status-codes.md: "
            "the page lists no code '999'",
        ),
        (
            '[tool.codetables.members."seeds/gone.md"]\n504 = "X"',
            "error: pyproject.toml:3: tool.codetables.members: 'seeds/gone.md' is not among the "
            "sources, expected the path of a configured source",
        ),
        (
            '[tool.codetables.members."seeds/cci-status-codes.md"]\n504 = "NOT_FOUND"',
            "cannot be named 'NOT_FOUND': code '404' has that name",
        ),
    ],
)
def test_member_names_that_cannot_apply_stop_the_run_before_any_write(
    project: Path, capsys: pytest.CaptureFixture[str], members: str, message: str
) -> None:
    configure(project, "")
    assert main(["generate", "-q"]) == 0
    before = {p.name: p.read_bytes() for p in (project / "output").iterdir()}
    configure(project, members)
    assert main(["generate", "-q"]) == 2
    assert message in capsys.readouterr().err
    assert {p.name: p.read_bytes() for p in (project / "output").iterdir()} == before
    assert main(["check", "-q"]) == 2


def test_a_row_spanning_its_table_is_a_heading_and_no_member() -> None:
    """`<td colspan="2">公共错误码</td>` heads the rows below it: it stays a row of the table
    (the JSON and Markdown keep it as written) and names no member. A row whose cells all
    hold one code token is a code's row all the same."""
    page = (
        "<table><tr><th>错误码</th><th>错误信息</th></tr>\n"
        '<tr><td colspan="2">公共错误码</td></tr>\n'
        "<tr><td>AUTH.0001</td><td>Token 无效</td></tr>\n"
        "<tr><td>BLOB_UNKNOWN</td><td>BLOB_UNKNOWN</td></tr>\n"
        "<tr><td>Class 00 — Successful Completion</td>"
        "<td>Class 00 — Successful Completion</td></tr>\n"
        "</table>\n"
    )
    document = parse(page, source="e.md")
    table = document.tables[0]
    assert [pyenum.is_heading(row) for row in table.rows] == [True, False, False, True]
    errors = module_of(document).ErrorCode
    assert [member.value for member in errors] == ["AUTH.0001", "BLOB_UNKNOWN"]
    assert not hasattr(module_of(document), "ERROR_CODE_ROWS")  # the members stand for them
    assert '"公共错误码"' in render(document, "e")["e.json"]


def test_a_heading_among_integer_result_codes_keeps_them_integers() -> None:
    page = (
        "<table><tr><th>Code</th><th>Description</th></tr>\n"
        '<tr><td colspan="2">Device errors</td></tr>\n'
        "<tr><td>1</td><td>busy</td></tr>\n<tr><td>2</td><td>gone</td></tr>\n"
        "</table>\n"
    )
    results = module_of(parse(page, source="r.md")).ResultCode
    assert [member.value for member in results] == [1, 2]


def test_a_row_of_one_code_token_in_every_cell_is_a_codes_row() -> None:
    """`Forbidden | Forbidden | Forbidden` is a code's row, whatever the width (found by
    review: a first rule made it a heading, and its member was lost)."""
    page = (
        "| Error code | Message | Description |\n| --- | --- | --- |\n"
        "| Forbidden | Forbidden | Forbidden |\n"
        "| AUTH.0001 | Token invalid | The token has expired. |\n"
    )
    errors = module_of(parse(page, source="e.md")).ErrorCode
    assert [member.value for member in errors] == ["Forbidden", "AUTH.0001"]


def test_a_row_whose_first_cell_alone_holds_words_is_a_heading_and_no_member() -> None:
    """PostgreSQL's pipe tables head each class with `| **Class 23 — …** | |`: a heading,
    no member (a held-out probe found `CLASS_23_INTEGRITY_CONSTRAINT_VIOLATION`); it stays a
    row of the JSON and the Markdown."""
    page = (
        "| Error Code | Condition Name |\n|---|---|\n"
        "| **Class 00 — Successful Completion** | |\n"
        "| `00000` | successful_completion |\n"
        "| **Class 23 — Integrity Constraint Violation** | |\n"
        "| `23505` | unique_violation |\n"
    )
    document = parse(page, source="e.md")
    table = document.tables[0]
    assert [pyenum.is_heading(row) for row in table.rows] == [True, False, True, False]
    errors = module_of(document).ErrorCode
    assert [member.name for member in errors] == ["SUCCESSFUL_COMPLETION", "UNIQUE_VIOLATION"]
    assert "Class 23 — Integrity Constraint Violation" in render(document, "e")["e.json"]


@pytest.mark.parametrize(
    ("row", "code"),
    [
        ("| 404 Not Found | |", 404),
        ("| InvalidParameter | |", "InvalidParameter"),
        ("| E1001 | |", "E1001"),
        ("| NO CARRIER | |", "NO CARRIER"),
        ("| ERR 42 | |", "ERR 42"),
        ("| Access Denied | |", "Access Denied"),
        ("| InvalidParameterValue, InvalidParameter.Format | |",
         "InvalidParameterValue, InvalidParameter.Format"),
    ],
)  # fmt: skip
def test_a_code_with_nothing_beside_it_is_a_codes_row(row: str, code: object) -> None:
    """A status (`404 Not Found`), a code token, a code of two words (`NO CARRIER`, `ERR
    42`: a heading's first cell alone holds three at least) or two codes in one cell, with
    an empty description, is a code's row, not a heading (found by review)."""
    header = "| Status code | Description |" if code == 404 else "| Error code | Description |"
    page = f"{header}\n| --- | --- |\n{row}\n| 500 | Server error |\n"
    table = parse(page, source="e.md").tables[0]
    assert not pyenum.is_heading(table.rows[0])
    enum = module_of(parse(page, source="e.md"))
    members = enum.StatusCode if code == 404 else enum.ErrorCode
    assert code in [member.value for member in members]


@pytest.mark.parametrize(
    "other",
    [
        "| 其他 | 未知错误，请联系技术支持 |",
        "| Other | Unknown error |",
        "| Any other value | Unknown error; contact support. |",
        "| 见业务错误码 | 业务处理失败 |",
        "| **Storage errors** | |",
    ],
)
def test_a_row_in_words_among_integer_codes_is_a_row_of_no_member(other: str) -> None:
    """`其他`, `Any other value` or a group's heading of two words among integer result
    codes: a row of the table (its JSON, Markdown and `*_ROWS` keep it) naming no member,
    and the codes stay an `IntEnum` that `lookup_result(1001)` answers (a held-out probe
    found `CODE_X` in a `StrEnum`, and `Code` read as error codes)."""
    page = (
        "| Code | Description |\n| --- | --- |\n| 0 | Success |\n"
        f"| 1001 | Invalid parameter |\n{other}\n| 1002 | Bad signature |\n"
    )
    document = parse(page, source="r.md")
    assert [table.kind.value for table in document.tables] == ["result-code"]
    module = module_of(document)
    assert [member.value for member in module.ResultCode] == [0, 1001, 1002]
    assert module.lookup_result(1001) is module.ResultCode.CODE_1001
    written = other.split("|")[1].strip().strip("*")
    assert [row.code for row in module.RESULT_CODE_ROWS][2:4] == [written, "1002"]


def test_one_word_codes_among_integer_codes_stay_members() -> None:
    """`Timeout` and `Cancelled` beside `0`, `1`: codes of one word, each a member of a
    `StrEnum` as before (found by review: a first rule took every one word for words)."""
    page = (
        "| Code | Description |\n| --- | --- |\n| 0 | Success. |\n| 1 | Failed. |\n"
        "| Timeout | The call timed out. |\n| Cancelled | The caller cancelled. |\n"
    )
    module = module_of(parse(page, source="r.md"))
    codes = next(
        value for name, value in vars(module).items() if name in ("ErrorCode", "ResultCode")
    )
    assert [member.value for member in codes] == ["0", "1", "Timeout", "Cancelled"]


def test_a_code_in_words_of_another_script_among_latin_codes_is_no_member() -> None:
    """Alipay's `对应业务错误码…` below `isv.*` codes points at other codes: a row,
    not a member `ERROR_X`. Where such words are most of the codes, each is a member."""
    page = (
        "| 错误码 | 错误描述 |\n| --- | --- |\n"
        "| isv.invalid-parameter | 参数无效 |\n| isv.missing-signature | 缺少签名 |\n"
        "| 对应业务错误码，请参考文档 | 业务处理失败 |\n"
    )
    errors = module_of(parse(page, source="e.md")).ErrorCode
    assert [member.value for member in errors] == ["isv.invalid-parameter", "isv.missing-signature"]
    assert pyenum._unnamed_words(["参数错误", "签名错误", "E1"]) == frozenset()


def test_a_table_of_headings_only_is_no_code_table() -> None:
    """`<td colspan="3">请参见公共错误码。</td>` under an error-code header: a pointer to
    another page, not an empty enum (found by review)."""
    page = (
        "<table><tr><th>错误码</th><th>错误信息</th><th>说明</th></tr>\n"
        '<tr><td colspan="3">请参见公共错误码。</td></tr></table>\n'
    )
    document = parse(page, source="e.md")
    assert document.tables == ()
    assert [notice.message for notice in document.skipped] == [
        "not a code table: 错误码 | 错误信息 | 说明 (headings only)"
    ]


def test_a_range_of_codes_among_integer_codes_is_a_row_not_a_member() -> None:
    """WebSocket's `1016\u20132999` and `3000-3999` beside `1000` made the close codes a
    `StrEnum` with members `CODE_10162999` (found by review). A range of integers written in
    one cell is a row about the codes in it: the enum stays an `IntEnum`, the range in its
    rows with no value."""
    page = (
        "# Close codes\n\n| Status code | Meaning |\n|---|---|\n| 1000 | Normal Closure |\n"
        "| 1001 | Going Away |\n| 1016\u20132999 | Reserved |\n| 4000 to 4999 | Private use |\n"
    )
    module = module_of(parse(page, source="ws.md"))
    assert [(member.name, member.value) for member in module.ResultCode] == [
        ("CODE_1000", 1000),
        ("CODE_1001", 1001),
    ]
    assert [(row.code, row.value) for row in module.RESULT_CODE_ROWS][2:] == [
        ("1016\u20132999", None),
        ("4000 to 4999", None),
    ]


def test_a_value_written_with_its_hexadecimal_is_an_integer_code() -> None:
    """Microsoft writes its system error codes `5 (0x5)`: no column held codes, and the
    table was skipped (found by review). Such a value is the integer, named by its
    constant."""
    page = (
        "# System error codes\n\n| Constant | Value | Description |\n|---|---|---|\n"
        "| ERROR_SUCCESS | 0 (0x0) | The operation completed successfully. |\n"
        "| ERROR_ACCESS_DENIED | 5 (0x5) | Access is denied. |\n"
        "| ERROR_NOT_ENOUGH_MEMORY | 8 (0x8) | Not enough memory resources. |\n"
    )
    module = module_of(parse(page, source="win.md"))
    assert [(member.name, member.value) for member in module.ResultCode] == [
        ("ERROR_SUCCESS", 0),
        ("ERROR_ACCESS_DENIED", 5),
        ("ERROR_NOT_ENOUGH_MEMORY", 8),
    ]


def test_error_codes_written_as_integers_are_found_by_the_integer_too() -> None:
    """WeCom's `错误码` over `-1`, `0`, `40001`: the API answers `{"errcode": 40001}`, and
    `lookup_error(40001)` found nothing, the codes being text (found by a held-out probe).
    The members stay text, as the page writes them; codes that are no integers (`01`,
    `APIG.0101`) take text alone."""
    rows = "| -1 | 系统繁忙 |\n| 0 | 请求成功 |\n| 40001 | 不合法的secret参数 |\n"
    page = f"# 全局错误码\n\n| 错误码 | 说明 |\n| --- | --- |\n{rows}"
    module = module_of(parse(page, source="wecom.md"))
    assert module.lookup_error(40001) is module.ErrorCode.ERROR_40001
    assert module.lookup_error(-1) is module.lookup_error("-1") is module.ErrorCode.ERROR_MINUS_1
    assert module.lookup_error(12345) is None
    assert module.lookup_error(True) is None
    assert module.ErrorCode.ERROR_0 == "0"
    code = render(parse(page, source="wecom.md"), "page")["page.py"]
    assert "def lookup_error(code: str | int) -> ErrorCode | None:" in code
    padded = page.replace("| -1 |", "| 01 |")
    assert "def lookup_error(code: str) -> " in render(parse(padded, source="p.md"), "p")["p.py"]
    hexadecimal = page.replace("| -1 |", "| 0x01 |").replace("| 0 |", "| 0x02 |")
    hexadecimal = hexadecimal.replace("| 40001 |", "| 0x8001 |")  # `1` finds no `0x01`
    code = render(parse(hexadecimal, source="h.md"), "h")["h.py"]  # (found by review)
    assert "def lookup_error(code: str) -> " in code


def test_a_range_in_hexadecimal_or_the_other_values_name_no_member() -> None:
    """Bluetooth ATT's `Name | Error Code` over `Invalid Handle | 0x01`, with `Application
    Error | 0x80 - 0x9F` (an en dash) and `Reserved | All other values` below: both rows
    were members (`ERROR_0X80_0X9F`, `ALL_OTHER_VALUES`) and turned naming by the names off
    for every row (found by a held-out probe)."""
    rows = (
        "| Invalid Handle | 0x01 | The handle was not valid. |\n"
        "| Read Not Permitted | 0x02 | The attribute cannot be read. |\n"
        "| Application Error | 0x80 \u2013 0x9F | Defined by a higher layer. |\n"
        "| Reserved | All other values | Reserved for future use. |\n"
    )
    page = f"# ATT\n\n| Name | Error Code | Description |\n| --- | --- | --- |\n{rows}"
    module = module_of(parse(page, source="att.md"))
    assert [member.name for member in module.ErrorCode] == ["INVALID_HANDLE", "READ_NOT_PERMITTED"]
    assert len(module.ERROR_CODE_ROWS) == 4
    assert values.is_integer_range("0x80 \u2013 0x9F")
    assert values.is_integer_range("0x02-0x03")
    assert values.is_integer_range("-32000 to -32099")  # JSON-RPC's server errors
    assert not values.is_integer_range("0x9F-0x80")
    assert not values.is_integer_range("0x80-159")


def test_a_note_in_parentheses_after_a_phrase_is_no_part_of_the_name() -> None:
    """SIP's `202 | Accepted (Deprecated)` named its member `ACCEPTED_DEPRECATED` (found by
    a held-out probe). The phrase itself keeps the note; a phrase all in parentheses stays
    whole."""
    rows = "| 180 | Ringing |\n| 202 | Accepted (Deprecated) |\n| 486 | Busy Here（已废弃） |\n"
    page = f"# SIP\n\n| Code | Reason phrase |\n| --- | --- |\n{rows}"
    module = module_of(parse(page, source="sip.md"))
    enum = next(
        iter(vars(module)[name] for name in ("ResultCode", "StatusCode") if name in vars(module))
    )
    assert [member.name for member in enum] == ["RINGING", "ACCEPTED", "BUSY_HERE"]


def test_a_lookup_finds_a_code_in_any_of_the_pages_tables_of_its_kind() -> None:
    """Checkout's response codes in three sections, Taobao's by API: `lookup_error('E3')`
    found nothing when `E3` was in the page's second table, the lookup asking the first
    enum alone (found by a held-out probe). Each of its kind is asked in page order; an
    `IntEnum` among them only for an integer; one table keeps the single-enum lookup."""
    page = (
        "# E\n\n## A\n\n| Error code | Description |\n| --- | --- |\n| E1 | x |\n| E2 | y |\n"
        "\n## B\n\n| Error code | Description |\n| --- | --- |\n| E3 | z |\n| E4 | w |\n"
        "\n## R\n\n| Code | Name | Description |\n| --- | --- | --- |\n| 0 | OK | fine |\n"
        "| 1 | CANCELLED | stopped |\n"
        "\n## S\n\n| 状态码 | 说明 |\n| --- | --- |\n| A01 | 成功 |\n| A02 | 失败 |\n"
    )
    module = module_of(parse(page, source="many.md"))
    assert module.lookup_error("E3") is module.ErrorCode2.E3
    assert module.lookup_error("E1") is module.ErrorCode.E1
    assert module.lookup_error("E9") is None
    assert module.lookup_result(1) is module.ResultCode.CANCELLED
    assert module.lookup_result("A02") is module.ResultCode2.A02
    assert module.lookup_result("1") is None
    assert "AnyErrorCode" in module.__all__
    single = module_of(parse(page.split("\n## B")[0], source="one.md"))
    assert "AnyErrorCode" not in single.__all__


def test_a_note_that_tells_two_names_apart_stays_in_them() -> None:
    """Found by review: `Error (client)` and `Error (server)` were `ERROR` and `ERROR_560`
    once notes left the names; a note is dropped only where names stay apart."""
    rows = "| 460 | Error (client) |\n| 560 | Error (server) |\n| 202 | Accepted (Deprecated) |\n"
    page = f"# Codes\n\n| Code | Reason phrase |\n| --- | --- |\n{rows}"
    module = module_of(parse(page, source="notes.md"))
    enum = next(vars(module)[name] for name in ("ResultCode", "StatusCode") if name in vars(module))
    assert [member.name for member in enum] == ["ERROR_CLIENT", "ERROR_SERVER", "ACCEPTED"]


def test_a_users_template_listing_public_names_defines_every_one() -> None:
    """Found by review: a template written for `public` (a copy of the built-in one before
    the lookups asked every table) listed `AnyErrorCode` in `__all__` without defining it.
    `public` names what every template defines; `exports` adds the built-in's alias."""
    page = (
        "# E\n\n## A\n\n| Error code | Description |\n| --- | --- |\n| E1 | x |\n| E2 | y |\n"
        "\n## B\n\n| Error code | Description |\n| --- | --- |\n| E3 | z |\n| E4 | w |\n"
    )
    values_ = render_context(parse(page, source="two.md"))
    assert "AnyErrorCode" not in values_["public"]
    assert "AnyErrorCode" in values_["exports"]
