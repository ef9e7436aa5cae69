"""The rule that gives columns their meaning: each step, from headers and values together.

Real tables of other families are checked in test_corpus_other.py; these small tables pin
each step of `roles.read_columns` on its own, including the cases it must refuse.
"""

from __future__ import annotations

import pytest

from codetables import headers, roles, values
from codetables.model import Kind, Role
from codetables.roles import Says


def read(
    table: str, overrides: dict[str, Role | None] | None = None, *, of_outcomes: bool = False
) -> roles.Reading:
    """Read a small table written as `header | header` then rows, one line each
    (`of_outcomes`: under a title that names outcomes)."""
    lines = [[cell.strip() for cell in line.split("|")] for line in table.strip().split("\n")]
    headers, body = lines[0], lines[1:]
    columns = [[row[i] for row in body] for i in range(len(headers))]
    return roles.read_columns(headers, columns, overrides, of_outcomes=of_outcomes)


@pytest.mark.parametrize(
    ("header", "heard"),
    [
        ("错误码说明", Role.DESCRIPTION),  # the head word is the last: 说明
        ("状态码说明", Role.DESCRIPTION),
        ("HTTP Status Code", Role.STATUS),
        ("Returned HTTP status code", Role.STATUS),
        ("Error code (English)", Role.ERROR_CODE),
        ("Status Code Description", Role.DESCRIPTION),
        ("原因及解决方案", Role.REMEDY),
        ("可能原因", Role.CAUSE),
        ("Id", Says.NUMBER),
        ("Return code", Says.CODE),
        ("Code", Says.CODE),
        ("Required", Says.PARAMETER),
        ("是否必选", Says.PARAMETER),
        ("Validation", None),  # "id" inside a word is not the word Id
        ("Actions That Return This Code", None),  # the head noun comes before the clause
        ("Description of the error code", Role.DESCRIPTION),
        ("Recommended Error Detail", Role.DESCRIPTION),
        ("Error Information", Role.MESSAGE),
        ("HTTP Error", Role.ERROR_CODE),
        ("HTTP", Role.STATUS),
        ("错误编码", Role.ERROR_CODE),
        ("Error number", Role.ERROR_CODE),  # MySQL's, Oracle's: not a number of something
        ("Error Number (hex)", Role.ERROR_CODE),
        ("错误编号", Role.ERROR_CODE),
        ("错误号", Role.ERROR_CODE),
        ("编号", Says.NUMBER),
        ("业务结果码", Says.CODE),  # a word ending in 码 is some code
        ("错误码名称", Says.NAME),
        ("错误消息", Role.MESSAGE),
        ("参数", None),
        ("Close code", Says.CODE),  # WebSocket's close codes (found by review)
        ("Decline code", Says.CODE),  # a payment's decline codes
        ("Fault code", Says.CODE),  # SOAP's
        ("Exception code", Says.CODE),
        ("Next steps", Role.REMEDY),  # Stripe's (a held-out probe)
        ("Recommended actions", Role.REMEDY),
        ("Possible causes and solutions", Role.REMEDY),  # plurals (found by review)
        ("Solutions", Role.REMEDY),
        ("Possible causes", Role.CAUSE),
        ("定义", Role.DESCRIPTION),
        ("注释", Role.DESCRIPTION),
        ("Subcode", Says.CODE),
        ("RCODE", Says.CODE),
        ("Class Code", Says.CODE),
        ("SQLSTATE", Role.ERROR_CODE),
        ("Warning code", Says.CODE),
        ("Errno", Role.ERROR_CODE),  # C's and the POSIX pages'
        ("Linux errno", Role.ERROR_CODE),
        ("Mitigation", Role.REMEDY),  # Azure's
        ("Troubleshooting", Role.REMEDY),
        ("How to fix", Role.REMEDY),
        ("排查方法", Role.REMEDY),
        ("More information", Role.DESCRIPTION),  # further reading, not the message
        ("See also", Role.DESCRIPTION),
        ("err_code", Role.ERROR_CODE),  # as `errCode` and `error_code` (found by review)
        ("ret", Says.CODE),  # C's return value
        ("rc", Says.CODE),
        ("errmsg", Role.MESSAGE),  # WeChat's, beside `errcode`
        ("Code or Type", Says.CODE),  # Meta's: a header naming its column two ways
        ("Code / Type", Says.CODE),
        ("Return value/code", Says.CODE),  # MS-ERREF's (`value/code` is no `Region code`)
        ("Error Code/Type", Role.ERROR_CODE),
        ("Name or Region code", Says.NAME),  # a region's code is still no response's
        ("Region name/code", Says.NAME),
        ("区域代码\uff0f名称", Says.NAME),
        ("Region Code", None),
        ("Enum value", Says.NAME),  # an SDK's enumerator beside the number
        ("Enumerator", Says.NAME),  # Doxygen's
        ("枚举值", Says.NAME),
        ("宏定义", Says.NAME),  # a C SDK's macro
        ("典型错误码示例", Says.EXAMPLE),  # WeChat Pay's examples beside its statuses
        ("典型错误码", Role.ERROR_CODE),  # the head word is the last: a table's own codes
        ("Error code examples", Says.EXAMPLE),
        ("Typical error code", Role.ERROR_CODE),  # may be a table's only code column
        ("Common error codes", Role.ERROR_CODE),
        ("SOAP fault code prefix", Says.NOTHING),  # AWS's `Client`, `Server`: a prefix
        ("strerror", Role.MESSAGE),  # etcd's and C's: an error code's text
        ("常见错误码", Role.ERROR_CODE),
        ("Symbolic Id", Says.NAME),  # OPC UA's `BadUnexpectedError`: a name, not a number
        ("Symbolic name", Says.NAME),
        ("Decimal", Says.NUMBER),  # LDAP's, beside `Hex` and `Name`
        ("Reason Code Decimal", Says.CODE),  # MQTT's two-level header: the code
    ],
)
def test_a_header_says_what_its_head_word_says(header: str, heard: object) -> None:
    """Headers not in the table are read by their last keyword, whole words in English."""
    assert headers.says(header) == heard


def test_a_header_is_read_alike_asked_again_and_a_long_one_is_not_held() -> None:
    """A header's head word is remembered for the next column that writes it (a row of
    50,000 cells asked it of one empty text 50,000 times: found by review); a long text is
    read again rather than held, so the memory stays bounded whatever the pages."""
    long_header = "x " * 200 + "error code"
    before = headers._head_word.cache_info().currsize
    for _ in range(3):
        assert headers.says("Service error code") == Role.ERROR_CODE
        assert headers.says(long_header) == Role.ERROR_CODE
    held = headers._head_word.cache_info().currsize - before
    assert held <= 1  # the short header, once; never the long one
    assert headers._head_word.cache_info().maxsize == 1024


def test_a_long_status_cell_is_read_alike_and_not_held() -> None:
    """A status cell's reading is remembered only for a short text: a cell as long as its
    page is read again each time, so the process holds no such text."""
    long_cell = "404 " + "Not Found " * 40
    caches = (values._typed_status, values._is_status_text)
    before = [cache.cache_info().currsize for cache in caches]
    for _ in range(2):
        assert values.typed_status(long_cell) == values._typed_status.__wrapped__(long_cell)
        assert values.is_status_text(long_cell) == values._is_status_text.__wrapped__(long_cell)
        assert values.typed_status("404 Not Found") == 404
    after = [cache.cache_info().currsize for cache in caches]
    assert [a - b for a, b in zip(after, before, strict=True)] in ([0, 0], [1, 0])


def test_values_read_as_statuses_make_a_status_column_whatever_its_header() -> None:
    """Nacos: `Error code` over 400, 403… is the status; the reason phrases under
    `Description` are the phrase."""
    found = read("""
        Error code | Description | Meaning
        400 | Bad Request | Syntax error in the client request
        403 | Forbidden | No permission
        200 | OK | Normal
    """)
    assert found.kind is Kind.HTTP_STATUS
    assert found.roles == (Role.STATUS, Role.PHRASE, Role.DESCRIPTION)


def test_a_status_header_keeps_its_role_over_a_few_odd_cells() -> None:
    """One word among statuses is a cell to warn about, not a reason to change the column."""
    found = read("状态码 | 编码\n200 | OK\nabc | Other")
    assert found.roles == (Role.STATUS, Role.PHRASE)


def test_a_status_header_over_code_names_is_a_result_code() -> None:
    """gRPC: `Status code` over GRPC_STATUS_CANCELLED is a code, not an HTTP status."""
    found = read("""
        Case | Status code
        Client cancelled | `GRPC_STATUS_CANCELLED`
        Deadline expired | `GRPC_STATUS_DEADLINE_EXCEEDED`
    """)
    assert (found.kind, found.roles) == (Kind.RESULT_CODE, (Role.CAUSE, Role.CODE))


def test_a_status_column_of_error_names_beside_failure_statuses_is_the_error_code() -> None:
    """Google's error model (JD Cloud's page): `HTTP Code | Status | Description` over
    `400 | INVALID_ARGUMENT`. The names were dropped and the table keyed by the statuses,
    losing every code a status shares (found by a held-out probe). States beside statuses
    of success keep their reading."""
    found = read("""
        HTTP Code | Status | Description
        400 | `INVALID_ARGUMENT` | Client specified an invalid argument.
        400 | `FAILED_PRECONDITION` | Request can not be executed.
        409 | `ABORTED` | Concurrency conflict.
        409 | `ALREADY_EXISTS` | The resource already exists.
        404 | `NOT_FOUND` | Not found.
    """)
    assert (found.kind, found.roles) == (
        Kind.ERROR_CODE,
        (Role.STATUS, Role.ERROR_CODE, Role.DESCRIPTION),
    )
    states = read("Status code | Status | Description\n200 | ACTIVE | on\n202 | BUILD | making")
    assert (states.kind, states.roles) == (Kind.HTTP_STATUS, (Role.STATUS, None, Role.DESCRIPTION))


def test_statuses_under_an_unnamed_header_count_only_when_listed() -> None:
    """A column that lists statuses is one; two that only mention them (endpoint tables,
    statuses repeating) make the table something else."""
    listed = read("Returns | Meaning\n200 | ok\n404 | missing\n500 | broken")
    assert (listed.kind, listed.roles[0]) == (Kind.HTTP_STATUS, Role.STATUS)
    mentioned = read("""
        Endpoint | Success | Failure
        /v2/ | 200 | 404
        /v2/blobs | 200 | 404
        /v2/tags | 200 | 404
    """)
    assert mentioned.kind is None
    two = read("Path | Success | Failure\n/a | 200 | 404\n/b | 201 | 409\n/c | 202 | 410")
    assert two.kind is None
    assert two.reason == "2 columns hold HTTP statuses and none is named as the status column"


def test_a_plain_code_header_is_an_error_code_over_tokens_and_a_code_over_integers() -> None:
    """Docker's `Code` over BLOB_UNKNOWN is an error code; an SDK's `Code` over -1, 0 a code."""
    tokens = read("Code | Message\n`BLOB_UNKNOWN` | blob unknown\n`DENIED` | denied")
    assert (tokens.kind, tokens.roles) == (Kind.ERROR_CODE, (Role.ERROR_CODE, Role.MESSAGE))
    numbers = read("Code | Description\n0 | success\n-1 | failure\n0x1000 | bad handle")
    assert (numbers.kind, numbers.roles) == (Kind.RESULT_CODE, (Role.CODE, Role.DESCRIPTION))


def test_an_error_number_header_keys_an_error_code_table_named_by_its_symbols() -> None:
    """MySQL's `Error number | SQLSTATE | Symbol | Message`: error codes (a held-out probe
    found them read as result codes, `Error number` heard as a plain number), each member
    named by its symbol."""
    found = read(
        "Error number | SQLSTATE | Symbol | Message\n1045 | 28000 | ER_ACCESS_DENIED_ERROR | "
        "Access denied\n1062 | 23000 | ER_DUP_ENTRY | Duplicate entry"
    )
    assert (found.kind, found.roles) == (
        Kind.ERROR_CODE,
        (Role.ERROR_CODE, None, Role.NAME, Role.MESSAGE),
    )


def test_an_error_header_keeps_integer_codes_as_error_codes() -> None:
    """Kafka's 错误码 over 111400002 and Nacos's 错误码 over 10000 stay error codes."""
    found = read("错误码 | 描述\n111400002 | 参数错误\n111400004 | 无权限")
    assert (found.kind, found.roles[0]) == (Kind.ERROR_CODE, Role.ERROR_CODE)


def test_a_code_header_over_prose_is_not_a_code_column() -> None:
    """`Code` over sentences says nothing about codes: the table is not a code table."""
    found = read("Code | Note\nsee the examples below | x\nplease retry later | y")
    assert found.kind is None


def test_names_beside_numbers_are_a_named_result_code() -> None:
    """gRPC's `Code | Id`: distinct symbolic names beside distinct integers."""
    found = read("Code | Id | Description\nOK | 0 | fine\nCANCELLED | 1 | gone\nUNKNOWN | 2 | ?")
    assert (found.kind, found.roles) == (
        Kind.RESULT_CODE,
        (Role.NAME, Role.CODE, Role.DESCRIPTION),
    )


@pytest.mark.parametrize("number", ["Decimal", "Dec"])
def test_a_decimal_header_is_a_number_names_beside_it_name(number: str) -> None:
    """LDAP's `Decimal | Hex | Name | Description` was no code table at all (found by a
    held-out probe): `Decimal` says a number, as `Value` does, and the names name it."""
    found = read(
        f"{number} | Hex | Name | Description\n0 | 0x00 | success | Done.\n"
        "1 | 0x01 | operationsError | Out of sequence.\n49 | 0x31 | invalidCredentials | Bad."
    )
    assert (found.kind, found.roles) == (
        Kind.RESULT_CODE,
        (Role.CODE, None, Role.NAME, Role.DESCRIPTION),
    )


def test_ids_that_are_no_integers_beside_shared_statuses_are_the_error_codes() -> None:
    """Heroku's `Status | Id | Description` over `403 Forbidden | suspended`: the ids were
    dropped and two of them had no member (found by a held-out probe). An id that is no
    integer, distinct, where statuses repeat, identifies the error; integer ids number
    rows, and ids beside distinct statuses stay no code."""
    heroku = read(
        "Status | Id | Description\n403 Forbidden | forbidden | not authorized\n"
        "403 Forbidden | suspended | account suspended\n"
        "422 Unprocessable Entity | invalid_params | validate parameters\n"
        "422 Unprocessable Entity | verification_needed | enter billing information"
    )
    assert (heroku.kind, heroku.roles) == (
        Kind.ERROR_CODE,
        (Role.STATUS, Role.ERROR_CODE, Role.DESCRIPTION),
    )
    numbered = read("Status | Id | Description\n403 | 1 | a\n403 | 2 | b\n422 | 3 | c")
    assert numbered.roles[1] is None
    distinct = read("Status | Id | Description\n400 | bad | a\n403 | no | b\n422 | odd | c")
    assert distinct.roles[1] is None


def test_names_under_an_error_header_beside_their_values_name_them() -> None:
    """Agora's `错误码 | 值 | 描述` over `ERR_OK | 0`: the integers were dropped, the names
    made the codes (found by a held-out probe). The values are the codes, the names name
    them, as under Kafka's `Error | Code`; an `ID` beside error codes numbers the rows."""
    agora = read("错误码 | 值 | 描述\nERR_OK | 0 | 没有错误。\nERR_FAILED | 1 | 一般性的错误。")
    assert (agora.kind, agora.roles) == (
        Kind.ERROR_CODE,
        (Role.NAME, Role.ERROR_CODE, Role.DESCRIPTION),
    )
    numbered = read("Error code | ID | Description\nERR_OK | 1 | fine\nERR_FAILED | 2 | bad")
    assert numbered.roles[:2] == (Role.ERROR_CODE, None)


def test_names_beside_their_values_under_two_header_rows_name_them() -> None:
    """SNMP's `error-status | Value (Dec, Hex) | Description`, `Value` over two header rows,
    reads `Value Dec`: a number said of a value as `Value` is, so the integers are the
    codes and `noError` names them (found by a held-out probe: the names were the codes and
    the values no column). A number that only counts the rows (`ID`) still is not."""
    snmp = read(
        "error-status | Value Dec | Value Hex | Description\n"
        "noError | 0 | 0x00 | No error occurred.\ntooBig | 1 | 0x01 | Too big.\n"
        "noSuchName | 2 | 0x02 | No such name."
    )
    assert (snmp.kind, snmp.roles) == (
        Kind.ERROR_CODE,
        (Role.NAME, Role.ERROR_CODE, None, Role.DESCRIPTION),
    )
    numbered = read("Error code | Row ID | Description\nERR_OK | 1 | fine\nERR_FAILED | 2 | bad")
    assert numbered.roles[:2] == (Role.ERROR_CODE, None)


def test_the_one_type_constants_are_declared_with_makes_no_parameter_table() -> None:
    """Play Billing's `BillingResponseCode` (`Type | Constant | Value | Description` over
    `int | OK | 0`) was passed by as a parameter table, its response codes lost (found by a
    held-out probe): one type on every row, beside distinct names and distinct values, is
    what the constants are declared with. Types that differ from row to row still make a
    parameter table."""
    constants = read(
        "Type | Constant | Value | Description\nint | SERVICE_DISCONNECTED | -1 | Not connected.\n"
        "int | OK | 0 | Success.\nint | USER_CANCELED | 1 | Canceled by the user."
    )
    assert (constants.kind, constants.roles) == (
        Kind.RESULT_CODE,
        (None, Role.NAME, Role.CODE, Role.DESCRIPTION),
    )
    fields = read(
        "Type | Constant | Value | Description\nint | SIZE | 1 | A size.\n"
        "string | LABEL | 2 | A label.\nboolean | SHOWN | 3 | Whether shown."
    )
    assert fields.kind is None
    assert fields.reason == "a parameter table: column 'Type' holds data types"


def test_sentences_under_a_type_header_describe_the_codes() -> None:
    """WooCommerce's `Error Code | Error Type` over `400 Bad Request | Invalid request, e.g.
    using an unsupported HTTP method`: the module carried no text (found by a held-out
    probe). Sentences under a type header are the description; names stay no text."""
    woo = read(
        "Error Code | Error Type\n400 Bad Request | Invalid request, e.g. using an unsupported "
        "HTTP method\n401 Unauthorized | Authentication or permission error, e.g. incorrect API "
        "keys\n404 Not Found | Requests to resources that don't exist or are missing"
    )
    assert woo.roles == (Role.STATUS, Role.DESCRIPTION)


def test_names_on_a_few_rows_name_no_members() -> None:
    """Kubernetes' exit codes (`Exit code | Signal | Meaning`, `SIGKILL` beside `137` only,
    three rows of eight) named three members `SIGKILL`… and the rest `CODE_1`… (found by a
    held-out probe): names on fewer than half the rows say something of those rows."""
    exits = read(
        "Exit code | Signal | Meaning\n0 | | Stopped.\n1 | | Application error.\n"
        "125 | | Failed to run.\n126 | | Invoke error.\n127 | | Not found.\n"
        "137 | SIGKILL | Killed.\n139 | SIGSEGV | Segmentation fault.\n143 | SIGTERM | Ended."
    )
    assert exits.roles[:2] == (Role.CODE, None)
    named = read("Code | Name | Meaning\n1 | EPERM | a\n2 | | b\n3 | ESRCH | c\n4 | | d")
    assert named.roles[:2] == (Role.CODE, Role.NAME)  # half the rows: names


def test_of_two_messages_in_chinese_then_english_the_module_carries_the_english() -> None:
    """Tuya's `错误信息` over `中文 | English`: both columns were messages, and the module
    carried the first, the Chinese, with a warning (found by a held-out probe). The English
    is what the API answers: the message; the Chinese describes it where nothing else
    does. English first already, both stay messages, as before."""
    tuya = read(
        "错误码 | 错误信息 中文 | 错误信息 English\n500 | 系统错误 | system error\n"
        "1001 | 签名无效 | sign invalid\n1004 | 签名错误 | sign invalid"
    )
    assert (tuya.roles, tuya.notes) == ((Role.ERROR_CODE, Role.DESCRIPTION, Role.MESSAGE), ())
    english_first = read(
        "错误码 | 错误信息 English | 错误信息 中文\n500 | system error | 系统错误\n"
        "1001 | sign invalid | 签名无效"
    )
    assert english_first.roles == (Role.ERROR_CODE, Role.MESSAGE, Role.MESSAGE)


def test_types_beside_their_values_are_no_error_codes() -> None:
    """DNS's RR TYPEs (`TYPE | Value | Meaning` over `A | 1 | a host address`) were an
    `ErrorCode` of record types (found by a held-out probe): beside a `Value`, a type is a
    kind of thing. Beside a code, it is an error's name (Telegram's `Code | Type`)."""
    dns = read(
        "TYPE | Value | Meaning\nA | 1 | a host address\nNS | 2 | an authoritative name server\n"
        "CNAME | 5 | the canonical name for an alias"
    )
    assert dns.kind is None
    errors = read(  # found by review: these name failures
        "Id | Type | Description\n1 | InvalidRequestError | The request was invalid.\n"
        "2 | AuthenticationError | The API key is wrong.\n3 | RateLimitError | Too many."
    )
    assert errors.kind is Kind.ERROR_CODE
    telegram = read(
        "Code | Type | Description\n400 | CHANNEL_PRIVATE | The channel is private.\n"
        "401 | SESSION_REVOKED | The session was revoked."
    )
    assert telegram.roles[:2] == (Role.STATUS, Role.ERROR_CODE)


def test_sentences_with_one_repeated_are_a_description() -> None:
    """Braintree's `Code | Text | Implications`: one sentence on two rows of many made the
    column no description in two tables of four alike (found by a held-out probe). A
    category repeated down the rows is still none."""
    rows = [
        "1000 | Approved | Processor approved the transaction.",
        "1001 | Approved, check customer ID | Processor approved the transaction.",
        "2000 | Do Not Honor | The bank is unwilling to accept the transaction.",
        "2001 | Insufficient Funds | The account did not have sufficient funds.",
        "2002 | Limit Exceeded | The limit on the account was exceeded.",
        "2003 | Activity Limit | The activity limit on the account was exceeded.",
    ]
    found = read("Code | Text | Implications\n" + "\n".join(rows))
    assert found.roles == (Role.CODE, Role.MESSAGE, Role.DESCRIPTION)
    category = read(
        "Code | Text | Kind\n1 | Approved | Soft decline.\n2 | Refused | Soft decline.\n"
        "3 | Blocked | Hard decline.\n4 | Expired | Hard decline."
    )
    assert category.roles[2] is None


def test_a_range_row_with_no_label_keeps_the_shorter_texts_a_message() -> None:
    """MDN's close codes: `Status code | Meaning | Description` with a row `1016-2999 | |
    For definition by future revisions`: the empty label made `Meaning` a second
    description, warned of (found by a held-out probe). A range's row labels no code."""
    found = read(
        "Status code | Meaning | Description\n1000 | Normal Closure | The connection closed.\n"
        "1001 | Going Away | The server is going down or a browser left the page.\n"
        "1016\u20132999 | | For definition by future revisions of the protocol.\n"
        "3000 | Unauthorized | The endpoint needs authorization, as 401 in HTTP."
    )
    assert (found.roles, found.notes) == ((Role.CODE, Role.MESSAGE, Role.DESCRIPTION), ())


def test_names_beside_integers_and_ranges_of_them_name_them() -> None:
    """DNS's RCODEs: `RCODE | Name | Description` with `12-15 | Unassigned` rows and `9 |
    NotAuth` listed once per RFC: the names were read as messages and the members were
    `CODE_0`... (found by a held-out probe). A range's row says nothing of the columns, and a
    name repeated beside the same code is one name; beside two codes it is none."""
    rows = (
        "0 | NoError | No Error\n1 | FormErr | Format Error\n9 | NotAuth | Not Authoritative\n"
        "9 | NotAuth | Not Authorized\n12-15 | Unassigned |\n16 | BADVERS | Bad OPT Version\n"
        "24-3840 | Unassigned |\n"
    )
    dns = read("RCODE | Name | Description\n" + rows)
    assert (dns.kind, dns.roles) == (Kind.RESULT_CODE, (Role.CODE, Role.NAME, Role.DESCRIPTION))
    twice = read("RCODE | Name | Description\n" + rows.replace("16 | BADVERS", "16 | NotAuth"))
    assert twice.roles[1] is not Role.NAME


def test_a_few_labels_repeated_are_no_remedy_but_a_repeated_sentence_is() -> None:
    """Discord's `Code | Name | Client Action | Description` over `Send`, `Receive`: the
    labels were the members' remedy (found by a held-out probe). A remedy is told in
    sentences, which may repeat down the rows (`请检查请求体。`)."""
    actions = read(
        "Code | Name | Client Action | Description\n0 | Dispatch | Receive | An event.\n"
        "1 | Heartbeat | Send/Receive | Keeps it alive.\n2 | Identify | Send | Starts it.\n"
        "3 | Presence | Send | Updates it.\n4 | Voice | Send | Joins it.\n"
        "7 | Reconnect | Receive | Asks for it again."
    )
    assert actions.roles[2] is None
    repeated = read(
        "错误码 | 错误信息 | 处理措施\nE.1 | 参数错误 | 请检查请求体。\n"
        "E.2 | 参数缺失 | 请检查请求体。\nE.3 | 格式错误 | 请检查请求体。\n"
        "E.4 | 超出限制 | 请稍后重试。"
    )
    assert repeated.roles[2] is Role.REMEDY
    for remedy in ("Solution", "处理措施", "Recommended action"):  # found by review
        short = read(
            f"Error code | Message | {remedy}\nE.1 | Internal | Retry later\n"
            "E.2 | Busy | Retry later\nE.3 | Bad | Do not retry\nE.4 | Worse | Do not retry"
        )
        assert short.roles[2] is Role.REMEDY, remedy


def test_codes_listed_beside_distinct_statuses_are_examples_and_a_category_no_code() -> None:
    """Square's `HTTP status | Error category | Typical error codes`: the category was the
    error code, the typical codes a second one, warned of (and once keyed, a member
    `BAD_REQUEST_INVALID_VALUE`). A category is no code, and codes listed beside distinct
    statuses are examples of them: the statuses key the table. Beside shared statuses,
    a cell of two codes stays a code's row."""
    square = read(
        "HTTP status | Error category | Typical error codes\n"
        "400 Bad Request | INVALID_REQUEST_ERROR | BAD_REQUEST, INVALID_VALUE\n"
        "401 Unauthorized | AUTHENTICATION_ERROR | UNAUTHORIZED\n"
        "403 Forbidden | AUTHENTICATION_ERROR | FORBIDDEN"
    )
    assert (square.kind, square.roles, square.notes) == (
        Kind.HTTP_STATUS,
        (Role.STATUS, None, None),
        (),
    )
    shared = read(
        "Error code | Description | HTTP status\nInvalidParameterValue, InvalidParameter.Format "
        "| Bad value. | 400\nMissingParameter | A parameter is missing. | 400\n"
        "AccessDenied | No access. | 403"
    )
    assert shared.roles == (Role.ERROR_CODE, Role.DESCRIPTION, Role.STATUS)


def test_a_numbered_list_is_not_a_result_code() -> None:
    """`Id | Title` over prose titles has no symbolic names: no code at all."""
    found = read("Id | Title\n1 | The first chapter\n2 | The second chapter")
    assert found.kind is None


@pytest.mark.parametrize(
    "table",
    [
        "Header | Type | Required | Description\nx-oss-a | String | No | a\nx-b | Enum | Yes | b",
        "name | type | description\nCode | string | the code\nstatus | int | the status",
        "错误码 | 类型 | 说明\nE.1 | String | x\nE.2 | Integer | y",
        "Parameter | Example | Error code\nmarker | abc | InvalidArgument",
    ],
)
def test_parameter_and_field_tables_are_never_code_tables(table: str) -> None:
    """A `Required` or `Example` column, or a column of data types, marks a parameter table,
    even when another column looks like a code."""
    found = read(table)
    assert found.kind is None
    assert found.reason.startswith("a parameter table")


def test_one_column_per_key_role_with_a_note() -> None:
    """Two status columns: the one named as such is kept, the other loses its role."""
    found = read("状态码 | HTTP状态码 | 说明\n200 | 200 | 成功")
    assert found.roles == (Role.STATUS, None, Role.DESCRIPTION)
    assert found.notes == (
        "2 columns read as status (状态码, HTTP状态码); '状态码' is taken, the others keep no role",
    )


def test_of_two_descriptions_the_shorter_texts_are_the_message() -> None:
    """`Meaning | Description` beside error codes: the short label is the message, the
    sentence the description; neither is lost from the module (found by review)."""
    found = read(
        "Error code | Meaning | Description\n"
        "E1001 | Bad input | The request body could not be parsed.\n"
        "E1002 | Too many | Rate limit exceeded; retry in a minute."
    )
    assert found.roles == (Role.ERROR_CODE, Role.MESSAGE, Role.DESCRIPTION)
    assert found.notes == ()
    later = read("Error code | Description | Meaning\nE1 | The body could not be parsed. | Bad")
    assert later.roles[1:] == (Role.DESCRIPTION, Role.MESSAGE)


def test_a_second_column_of_a_carried_text_role_is_noted() -> None:
    """Two remedies, or two descriptions in a status table (whose module carries a phrase,
    not a message): the second keeps its role for the JSON and the Markdown, and a note
    says the Python module carries the first only."""
    remedies = read("Error code | Message | Solution | Suggestion\nE1 | bad | Retry. | Call us.")
    assert remedies.roles == (Role.ERROR_CODE, Role.MESSAGE, Role.REMEDY, Role.REMEDY)
    assert remedies.notes == (
        "column 'Suggestion' is a second remedy column, after 'Solution': the Python module "
        "carries the first only (the JSON and the Markdown carry both)",
    )
    statuses = read("Status | Meaning | Description\n400 | Invalid input | The body is bad.")
    assert statuses.roles == (Role.STATUS, Role.DESCRIPTION, Role.DESCRIPTION)
    assert len(statuses.notes) == 1
    equal = read("Error code | Description | 说明\nE1 | same | same")
    assert equal.roles == (Role.ERROR_CODE, Role.DESCRIPTION, Role.DESCRIPTION)
    assert len(equal.notes) == 1


def test_ranges_of_statuses_among_them_leave_a_registry_a_status_table() -> None:
    """IANA's registry lists `102-199 | Unassigned` between its statuses under `Value`:
    two ranges in seven rows left too few statuses HTTP defines, and the table was passed
    by (found by a held-out probe). A minority of ranges counts for neither side, in any
    column: the descriptions of the statuses are their reason phrases; a column of ranges
    alone is no status column."""
    iana = read(
        "Value | Description | Reference\n100 | Continue | [RFC9110]\n"
        "101 | Switching Protocols | [RFC9110]\n102-199 | Unassigned |\n200 | OK | [RFC9110]\n"
        "201 | Created | [RFC9110]\n202-299 | Unassigned |\n300 | Multiple Choices | [RFC9110]"
    )
    assert (iana.kind, iana.roles[:2]) == (Kind.HTTP_STATUS, (Role.STATUS, Role.PHRASE))
    ranges = read("Value | Description\n100-199 | Informational\n200-299 | Success\n300 | x")
    assert ranges.roles[0] is not Role.STATUS


def test_a_column_of_example_codes_beside_statuses_keys_nothing() -> None:
    """WeChat Pay's `状态码 | 错误类型 | 一般的解决方案 | 典型错误码示例`: the table was keyed
    by the example codes (two statuses share `SERVICE_UNAVAILABLE`; found by a held-out
    probe). A header ending in `examples` (`示例`) is an example column; one opening with a
    word such as `Sample` or `Typical` is not (found by review: a table's only code column
    was dropped)."""
    wechat = read(
        "状态码 | 错误类型 | 一般的解决方案 | 典型错误码示例\n200 - OK | 处理成功 | / | /\n"
        "400 - Bad Request | 协议或者参数非法 | 请检查您的程序 | PARAM_ERROR\n"
        "502 - Bad Gateway | 服务下线 | 请稍后重试 | SERVICE_UNAVAILABLE\n"
        "503 - Service Unavailable | 服务不可用 | 请稍后重试 | SERVICE_UNAVAILABLE"
    )
    assert (wechat.kind, wechat.roles[0], wechat.roles[3]) == (Kind.HTTP_STATUS, Role.STATUS, None)
    parameters = read("Name | Type | Example\nstatus | string | 200\ncode | int | 404")
    assert parameters.kind is None
    sample = read('Code | Message | Sample\n1001 | Invalid token | {"code":1001}\n1002 | x | y')
    assert sample.kind is Kind.RESULT_CODE  # `Sample` is no example column (found by review)


def test_a_code_column_of_distinct_statuses_keys_a_table_with_examples() -> None:
    """Jira's `Code | Meaning | Example` over statuses was skipped as a parameter table for
    its example column (found by a held-out probe): a code column of distinct statuses
    keeps a table with examples a code table, as a status column does. Repeated statuses
    under `Code` beside examples do not."""
    jira = read(
        "Code | Meaning | Example\n200 | OK. The request was successful. | `GET /issue/1`\n"
        "400 | Bad Request. The input is invalid. |\n500 | Internal Server Error. |"
    )
    assert (jira.kind, jira.roles) == (Kind.HTTP_STATUS, (Role.STATUS, Role.DESCRIPTION, None))
    repeated = read("Code | Meaning | Example\n200 | a | x\n200 | b | y\n200 | c | z")
    assert repeated.kind is None


def test_names_beside_a_services_own_codes_under_a_status_header_name_them() -> None:
    """DolphinScheduler's `状态码 | 枚举名` over `10000 | INTERNAL_SERVER_ERROR_ARGS`: the
    names were read as messages and the members were `CODE_10000`, where under `Code`
    they named them (found by a held-out probe). Beside HTTP statuses they still do not."""
    rows = "0 | SUCCESS | success\n10000 | INTERNAL_SERVER_ERROR_ARGS | Internal error: {0}\n"
    rows += "10001 | REQUEST_PARAMS_NOT_VALID_ERROR | request parameter {0} is not valid"
    for header in ("状态码 | 枚举名 | 描述", "Status code | Name | Description"):
        found = read(f"{header}\n{rows}")
        assert (found.kind, found.roles) == (
            Kind.RESULT_CODE,
            (Role.CODE, Role.NAME, Role.DESCRIPTION),
        )
    http = read("Status code | Name | Description\n200 | OK | fine\n404 | NOT_FOUND | gone")
    assert (http.kind, http.roles[0]) == (Kind.HTTP_STATUS, Role.STATUS)
    assert http.roles[1] is not Role.NAME


def test_code_names_of_failures_under_an_unknown_header_beside_sentences_are_error_codes() -> None:
    """PayPal's `Issue | Description` over `DUPLICATE_INVOICE_ID`, `ORDER_ALREADY_CAPTURED`:
    the table was skipped, no column holding codes (found by a held-out probe). Names of
    settings or events, or a field table's names under `Name`, stay no code."""
    issues = read(
        "Issue | Description\nAMOUNT_MISMATCH | Should equal the item total.\n"
        "CURRENCY_NOT_SUPPORTED | Currency code is not currently supported.\n"
        "DUPLICATE_INVOICE_ID | Duplicate Invoice ID detected.\n"
        "ORDER_ALREADY_CAPTURED | Order already captured.\n"
        "PAYEE_ACCOUNT_RESTRICTED | The merchant account is restricted."
    )
    assert (issues.kind, issues.roles) == (Kind.ERROR_CODE, (Role.ERROR_CODE, Role.DESCRIPTION))
    settings = read(
        "Setting | Description\nMAX_RETRIES | How many times a call is retried.\n"
        "TIMEOUT_SECONDS | How long a call may take.\nLOG_LEVEL | How much is logged."
    )
    events = read(
        "Event | Description\nPAYMENT_CREATED | A payment was created.\n"
        "PAYMENT_FAILED | A payment failed.\nREFUND_CREATED | A refund was created."
    )
    fields = read(
        "Name | Description\nerror_code | The error code.\nerror_message | The message.\n"
        "request_id | The request."
    )
    assert (settings.kind, events.kind, fields.kind) == (None, None, None)


def test_symbolic_names_under_a_cause_header_beside_integers_name_the_codes() -> None:
    """MongoDB's `Code | Cause` over `1 | InternalError`: the names were causes and the
    members `CODE_1` (found by a held-out probe). A cause told in words stays a cause."""
    mongo = read("Code | Cause\n1 | InternalError\n2 | BadValue\n11000 | DuplicateKey")
    assert (mongo.kind, mongo.roles) == (Kind.RESULT_CODE, (Role.CODE, Role.NAME))
    words = read("Code | Cause\n1 | The server failed.\n2 | A value was bad.")
    assert words.roles[1] is Role.CAUSE


def test_a_status_with_a_note_after_it_is_typed_and_a_prefix_column_no_code() -> None:
    """AWS S3's `409 Conflict (in all Regions except us-east-1)` was untyped with a warning,
    and its `SOAP fault code prefix` column (`Client`, `Server`) a second error code column,
    warned of: `--strict` refused the page (found by a held-out probe)."""
    s3 = read(
        "Error code | Description | HTTP status code | SOAP fault code prefix\n"
        "AccessDenied | Access Denied | 403 Forbidden | Client\n"
        "BucketAlreadyOwnedByYou | It is yours. | 409 Conflict (in all Regions except "
        "us-east-1) | Client\nInternalError | An internal error. | 500 Internal Server Error "
        "| Server"
    )
    assert (s3.kind, s3.roles, s3.notes) == (
        Kind.ERROR_CODE,
        (Role.ERROR_CODE, Role.DESCRIPTION, Role.STATUS, None),
        (),
    )
    assert values.typed_status("409 Conflict (in all Regions except us-east-1)") == 409
    assert values.typed_status("E1001 (deprecated)") is None


def test_of_a_text_in_english_and_its_chinese_the_english_is_the_message() -> None:
    """Xiaomi's `错误码 | 错误描述 | 说明` over `10001 | System Error | 系统错误`: the Chinese,
    fewer characters, was the message, the string the API answers the description (found
    by a held-out probe). Two English texts keep the shorter as the message."""
    xiaomi = read(
        "错误码 | 错误描述 | 说明\n0 | Success | 成功\n10001 | System Error | 系统错误\n"
        "10008 | Param Error | 参数错误，请参考API文档"
    )
    assert xiaomi.roles == (Role.ERROR_CODE, Role.MESSAGE, Role.DESCRIPTION)
    english = read(
        "Error code | Meaning | Description\nE1 | Bad input | The request body could not be "
        "read.\nE2 | Missing | A field the request needs is missing."
    )
    assert english.roles == (Role.ERROR_CODE, Role.MESSAGE, Role.DESCRIPTION)


def test_rules_for_other_families_leave_ordinary_tables_as_they_were() -> None:
    """Found by review: events and settings naming failures, one-word causes, and an
    English text beside a Chinese one that it does not translate."""
    events = read(
        "Event | Description\nPAYMENT_DECLINED | A payment was declined.\n"
        "PAYMENT_FAILED | A payment failed.\nREFUND_FAILED | A refund failed.\n"
        "PAYOUT_REJECTED | A payout was rejected."
    )
    settings = read(
        "Setting | Description\nUNKNOWN_FIELD_POLICY | What an unknown field does.\n"
        "DUPLICATE_KEY_POLICY | What a duplicate key does."
    )
    assert (events.kind, settings.kind) == (None, None)
    causes = read("Code | Cause | Solution\n1 | Timeout | Retry.\n2 | Network | Check it.")
    assert causes.roles[1] is Role.CAUSE
    advice = read(
        "错误码 | 描述 | 说明\n1001 | 参数错误 | Check the parameter named in the message.\n"
        "1002 | 无权限 | Ask the owner of the resource for the permission."
    )
    assert advice.roles == (Role.ERROR_CODE, Role.MESSAGE, Role.DESCRIPTION)


def test_a_status_header_over_a_services_own_codes_is_a_code_column() -> None:
    """Baidu Map's `状态码` over `0`, `2`, `3` beside `101`, `401`: a service's codes, a
    result-code table whose every code is a member (it was a status table of three
    members; found by review). A `4000` among statuses is a status mistyped."""
    baidu = read(
        "状态码 | 定义 | 注释\n0 | 正常 | 服务请求正常召回\n2 | 请求参数非法 | 参数漏传\n"
        "3 | 权限校验失败 | 无权限\n101 | 服务禁用 | 服务未开通\n401 | 并发超限 | 请控制并发"
    )
    assert (baidu.kind, baidu.roles) == (
        Kind.RESULT_CODE,
        (Role.CODE, Role.MESSAGE, Role.DESCRIPTION),
    )
    typo = read("Status Code | Message\n400 | bad\n404 | missing\n500 | oops\n4000 | typo")
    assert (typo.kind, typo.roles[0]) == (Kind.HTTP_STATUS, Role.STATUS)


def test_a_type_column_of_error_names_beside_statuses_is_the_error_code() -> None:
    """Telegram's `Code | Type | Description`: the names are the error codes, each carrying
    its status, one odd name (`FLOOD_WAIT_%d`) among them (found by review)."""
    names = [f"ERROR_NUMBER_{n}" for n in range(5)]
    rows = "".join(f"400 | {name} | text {n}.\n" for n, name in enumerate(names))
    found = read("Code | Type | Description\n" + rows + "420 | FLOOD_WAIT_%d | wait.")
    assert (found.kind, found.roles) == (
        Kind.ERROR_CODE,
        (Role.STATUS, Role.ERROR_CODE, Role.DESCRIPTION),
    )
    events = read("Type | Description\nMESSAGE_CREATE | Sent.\nMESSAGE_DELETE | Gone.")
    assert events.kind is None  # event types, no code beside them


@pytest.mark.parametrize(
    ("header", "names"),
    [
        ("Error type", ("api_error", "card_error", "invalid_request_error")),  # Stripe's
        ("Error name", ("not_authed", "invalid_auth", "account_inactive")),  # Slack's
        ("Exception", ("ResourceNotFoundException", "ThrottlingException", "Validation")),
    ],
)
def test_names_of_errors_beside_their_description_are_the_error_codes(
    header: str, names: tuple[str, ...]
) -> None:
    """A type, name or exception header that says it names errors, over distinct names
    beside a description, keys the table: there is no code beside them (a held-out probe
    found Stripe's, Slack's and AWS's tables skipped). A name column of anything else is
    a parameter table's, and one of errors beside a code names the codes."""
    rows = "".join(f"{name} | What {name} means. |\n" for name in names)
    found = read(f"{header} | Description\n{rows}")
    assert (found.kind, found.roles) == (Kind.ERROR_CODE, (Role.ERROR_CODE, Role.DESCRIPTION))
    parameters = "".join(f"{name} | What {name} holds. |\n" for name in names)
    assert read(f"Name | Description\n{parameters}").kind is None
    coded = "".join(f"{n} | {name} | What {name} means.\n" for n, name in enumerate(names))
    beside = read(f"Code | {header} | Description\n{coded}")
    if header == "Error type":  # Telegram's `Code | Type`: the names key it (its own test)
        return
    assert (beside.kind, beside.roles) == (
        Kind.RESULT_CODE,
        (Role.CODE, Role.NAME, Role.DESCRIPTION),
    )  # an `IntEnum` named by them, as with `Name` (found by review: `Exception` made
    # the integers strings of an error-code table)


def test_an_enum_value_column_names_the_error_codes() -> None:
    """`错误码 | 枚举值 | 描述`, `Code | Enum value | Description`: the enumerator names
    the code's member (it had no role: `ERROR_1`, `ERROR_2`)."""
    found = read(
        "错误码 | 枚举值 | 描述\n1 | `ERR_FAILED` | 一般性的错误。\n"
        "2 | `ERR_INVALID_ARGUMENT` | 无效的参数。\n3 | `ERR_NOT_READY` | 状态不正确。"
    )
    assert found.roles == (Role.ERROR_CODE, Role.NAME, Role.DESCRIPTION)


def test_a_header_naming_its_column_two_ways_keys_a_table() -> None:
    """Meta's `Code or Type | Name | What To Do` was skipped: its head word is `Type`."""
    found = read(
        "Code or Type | Name | What To Do\nOAuthException | | Log in again.\n"
        "102 | API Session | Log in again.\n1 | API Unknown | Retry later.\n"
        "2 | API Service | Retry later.\n4 | API Too Many Calls | Slow down."
    )
    assert (found.kind, found.roles) == (
        Kind.RESULT_CODE,
        (Role.CODE, Role.MESSAGE, Role.REMEDY),
    )
    regions = read("Region name/code | Description\ncn-north-1 | Beijing\ncn-east-2 | Shanghai")
    assert regions.kind is None  # a region's code, named two ways (found by review)


def test_a_reason_given_as_an_empty_string_is_a_placeholder() -> None:
    """Kubernetes' row of a status with no reason (`""`, `*(empty)*`) states no code: the
    reasons stay the error codes (one such row made them causes; found by review)."""
    rows = "AlreadyExists | 409 | x\nConflict | 409 | y\nNotFound | 404 | z\n"
    for empty in ('""', "(empty)"):
        found = read(f"Reason | HTTP status | Description\n{rows}{empty} | 500 | none")
        assert found.roles == (Role.ERROR_CODE, Role.STATUS, Role.DESCRIPTION), empty


def test_names_beside_numbers_may_hold_one_that_is_no_symbol() -> None:
    """LDAP's `Value | Result Code` over `4096 | e-syncRefreshRequired` among symbolic
    names: the values are still the codes, the names name them (found by review)."""
    names = ["success", "operationsError", "protocolError", "noSuchObject", "busy"]
    rows = "".join(f"{n} | {name} | d\n" for n, name in enumerate(names))
    found = read("Value | Result Code | Description\n" + rows + "4096 | e-syncRefreshRequired | d")
    assert (found.kind, found.roles) == (
        Kind.RESULT_CODE,
        (Role.CODE, Role.NAME, Role.DESCRIPTION),
    )


def test_sqlstate_keys_a_table_of_states_and_is_no_second_error_code_elsewhere() -> None:
    """ODBC's `SQLSTATE | Error` over `01000 | General warning`: the states are the error
    codes, the error in words their message (the table was skipped). MySQL's `Error Code |
    SQLSTATE | Error` stays keyed by its error code, with no warning."""
    odbc = read("SQLSTATE | Error\n01000 | General warning\n01001 | Cursor operation conflict")
    assert odbc.roles == (Role.ERROR_CODE, Role.MESSAGE)
    mysql = read(
        "Error Code | SQLSTATE | Error\n1022 | 23000 | ER_DUP_KEY\n1045 | 28000 | ER_ACCESS"
    )
    assert (mysql.roles[1], mysql.notes) == (None, ())


def test_the_kind_follows_the_most_specific_code() -> None:
    """An error code beside a status is an error-code table; a result code beside a status
    a result-code table (the status becomes an attribute)."""
    errors = read("状态码 | 错误码 | 错误信息\n400 | APIG.0101 | bad")
    results = read("Return code | HTTP status | Message\n0 | 200 | ok\n-1 | 500 | failed")
    assert (errors.kind, results.kind) == (Kind.ERROR_CODE, Kind.RESULT_CODE)
    assert results.roles == (Role.CODE, Role.STATUS, Role.MESSAGE)


def test_a_message_column_whose_messages_end_in_a_type_word_is_still_a_message() -> None:
    """`Invalid date`, `Malformed JSON`: the last word is a type name, the message is not a
    data type; the table was skipped as a parameter table (found by review)."""
    table = (
        "Error code | Message\nE1001 | Invalid date\nE1002 | Invalid number\n"
        "E1003 | Missing file\nE1004 | Malformed JSON\nE1005 | Internal error"
    )
    found = read(table)
    assert (found.kind, found.roles) == (Kind.ERROR_CODE, (Role.ERROR_CODE, Role.MESSAGE))


def test_overrides_settle_a_column_whatever_the_values() -> None:
    """`[tool.codetables.roles]`: a header mapped to a role gets it; to none, loses it."""
    table = "Kód | Popis\nE1 | chyba\nE2 | jiná chyba"
    assert read(table).kind is None
    overridden = read(table, {headers.header_key("Kód"): Role.ERROR_CODE})
    assert (overridden.kind, overridden.roles) == (Kind.ERROR_CODE, (Role.ERROR_CODE, None))
    silenced = read("状态码 | 说明\n200 | ok", {headers.header_key("状态码"): None})
    assert silenced.kind is None


@pytest.mark.parametrize(
    ("value", "shape"),
    [
        ("String", "type"),
        ("Array of String", "type"),
        ("List<String>", "type"),
        ("int64", "type"),
        ("布尔", "type"),
        ("Positive integer", "type"),
        ("Unsigned long", "type"),
        ("Map of String", "type"),
        ("Invalid date", "none"),
        ("Missing file", "none"),
        ("Malformed JSON", "none"),
        ("InvalidObject", "code"),
        ("APIG.0101", "code"),
        ("Not Found", "phrase"),
        ("NoContent", "phrase"),
        ("Request-URI Too Large", "phrase"),
        ("0x1000", "integer"),
        ("-1", "integer"),
        ("01", "code"),
    ],
)
def test_value_shapes(value: str, shape: str) -> None:
    """What a value is: a data type, a code token, a reason phrase, an integer."""
    found = values.profile([value])
    counts = {
        "type": found.type_name,
        "phrase": found.phrase,
        "integer": found.integer,
        "code": found.code and not found.integer and not found.type_name,
        "none": not (found.type_name or found.phrase or found.integer or found.code),
    }
    assert counts[shape] == 1, found


def test_a_column_profile_counts_each_value_as_often_as_it_appears() -> None:
    """A column's counts, each made when first asked for over its distinct values, are the
    sums of its values' own counts: repeats and placeholders included, and values whose
    backticks strip twice (`` ` `404` ` ``)."""
    column = ["404", "404", "` `404` `", "Not Found", "-", "InvalidArgument", "0x10", "-1"]
    column += ["String", "int64", "APIG.0101", "Not Found (404)", "`CANCELLED`", "01", "x" * 81]
    found = values.profile(column)
    singles = [values.profile([value]) for value in column]
    counts = ("status", "standard", "phrase", "integer", "code", "symbol", "type_name")
    for name in counts:
        assert getattr(found, name) == sum(getattr(one, name) for one in singles), name
    assert found.present == len(column) - 1
    assert found.distinct == len(set(column)) - 1
    assert "status=" in repr(found)


@pytest.mark.parametrize(
    ("written", "value", "status"),
    [
        ("409\N{SUPERSCRIPT ONE}", "409", 409),
        ("409 *", "409", 409),
        ("503\N{DAGGER}", "503", 503),
        ("409[^1]", "409", 409),
        ("`E1001`\N{SUPERSCRIPT TWO}", "E1001", None),
        ("InvalidParameter\N{SUPERSCRIPT ONE}\N{SUPERSCRIPT TWO}", "InvalidParameter", None),
        ("*", "*", None),  # a placeholder, no value's mark
        ("[^1]", "[^1]", None),
        ("a[^two words]", "a[^two words]", None),
        ("x]", "x]", None),
        # found by review: a power, emphasis, wildcards, a pattern's class, two marks
        ("2\N{SUPERSCRIPT THREE}\N{SUPERSCRIPT ONE}", "2\u00b3\u00b9", None),
        ("1001\N{SUPERSCRIPT ONE}", "1001\u00b9", None),
        ("E1001\N{SUPERSCRIPT ONE}", "E1001", None),
        ("**E1001**", "**E1001**", None),
        ("ERR_SSL_*", "ERR_SSL_*", None),
        ("5**", "5**", None),
        ("E[^0-9]", "E[^0-9]", None),
        ("409 * *", "409 * *", None),
    ],
)
def test_a_footnotes_mark_after_a_value_is_no_part_of_it(
    written: str, value: str, status: int | None
) -> None:
    """`409¹` (a `<sup>1</sup>` read raised), `409 *`, `503†`, `409[^1]`: the page marks a
    value for a footnote; the value is 409 (a status typed, a code as members key it)."""
    assert values.strip_code(written) == value
    assert values.typed_status(written) == status
    assert values.is_placeholder("*")


@pytest.mark.parametrize("value", ["", "-", "—", "...", "…", "NA", "n/a", "无", "不涉及"])
def test_placeholders_state_nothing(value: str) -> None:
    """Dashes, ellipses and not-applicable markers are left out of every share."""
    assert values.is_placeholder(value)
    assert values.profile([value, "400"]).present == 1


def test_a_status_written_phrase_first_is_a_status() -> None:
    """Azure writes `Unauthorized (401)`: a status, typed 401."""
    assert values.typed_status("Unauthorized (401)") == 401
    found = read("Error code | HTTP status code\nAuthFailed | Forbidden (403)\nBusy | 503")
    assert found.roles == (Role.ERROR_CODE, Role.STATUS)


def test_three_digit_codes_that_http_does_not_define_are_not_statuses() -> None:
    """An application's 210…237 under an error header are its own codes, even beside 200."""
    found = read("错误编码 | 错误信息\n200 | 成功\n210 | 参数错误\n211 | 无权限\n237 | 超时")
    assert (found.kind, found.roles[0]) == (Kind.ERROR_CODE, Role.ERROR_CODE)


def test_codes_with_symbolic_names_are_not_http_statuses() -> None:
    """`401 | JOB_NOT_FOUND` under `错误码ID | 错误码名称`: the service names its own codes."""
    found = read("错误码ID | 错误码名称 | 含义\n401 | JOB_NOT_FOUND | x\n500 | JOB_FAILED | y")
    assert (found.kind, found.roles[0]) == (Kind.ERROR_CODE, Role.ERROR_CODE)


def test_an_sdk_enum_table_is_a_named_result_code() -> None:
    """`类型 | 值 | 说明` over kErrorCodeOk, -1: names and negative values."""
    found = read("类型 | 值 | 说明\nkErrorCodeOk | 0 | 成功\nkErrorCodeFailed | -1 | 失败")
    assert (found.kind, found.roles) == (
        Kind.RESULT_CODE,
        (Role.NAME, Role.CODE, Role.DESCRIPTION),
    )
    beside_status = read(
        "Identifier | Code | HTTP Code\nErrSuccess | 100001 | 200\nErrBind | 100003 | 400"
    )
    assert beside_status.roles == (Role.NAME, Role.CODE, Role.STATUS)


def test_negative_and_listed_codes_are_codes() -> None:
    """`-1`, `3004/3005` and one `其他` row under 错误码 make an error-code column."""
    found = read("错误码 | 说明\n0 | 成功\n-1 | 失败\n3004/3005 | 过期\n其他 | 未知")
    assert (found.kind, found.roles[0]) == (Kind.ERROR_CODE, Role.ERROR_CODE)


@pytest.mark.parametrize(
    "table",
    [
        "HTTP Method | Description\nGET | read\nPOST | create\nDELETE | remove",
        "Status | Description\nACTIVE | running\nBUILD | being created\nERROR | failed",
        "Type | Description\nSender | the sender's fault\nReceiver | the receiver's fault",
        "编码格式 | 说明\nH264 | 常用\nH265 | 高效",
        "密码 | 说明\nabc123 | 弱\nQw3rTy | 一般",
        "Region Code | Region\ncn-north-1 | Beijing\nap-southeast-1 | Singapore",
        "Language Code | Language\nen | English\nzh | Chinese",
    ],
)
def test_tables_about_other_things_are_not_code_tables(table: str) -> None:
    """HTTP methods, resource states, categories, encodings, passwords, region and language
    codes: the header's head word or its modifier says these are not codes of a response."""
    assert read(table).kind is None, read(table)


def test_a_decline_fault_or_errno_table_is_an_error_code_table() -> None:
    """Codes a response gives under other words than error: a payment's decline codes,
    SOAP's fault codes, C's errno beside its symbolic names."""
    declined = read(
        "Decline code | Description\ncall_issuer | The card was declined for an unknown "
        "reason.\nexpired_card | The card has expired."
    )
    assert (declined.kind, declined.roles) == (
        Kind.ERROR_CODE,
        (Role.ERROR_CODE, Role.DESCRIPTION),
    )
    fault = read("Fault code | Meaning\nsoap:Client | Bad message\nsoap:Server | Server failed")
    assert (fault.kind, fault.roles[0]) == (Kind.ERROR_CODE, Role.ERROR_CODE)
    errno = read(
        "Errno | Name | Description\n1 | EPERM | Operation not permitted\n"
        "2 | ENOENT | No such file or directory"
    )
    assert (errno.kind, errno.roles) == (
        Kind.ERROR_CODE,
        (Role.ERROR_CODE, Role.NAME, Role.DESCRIPTION),
    )


def test_reasons_written_as_codes_that_share_a_status_key_the_table() -> None:
    """Kubernetes' `Reason | HTTP code | Description`: distinct one-token reasons, several
    for one status (`AlreadyExists`, `Conflict`: 409), are the codes a response gives, not
    a cause told in words; keyed by status, the second reason of 409 had no member."""
    found = read(
        "Reason | HTTP code | Description\nNotFound | 404 | Not found.\n"
        "AlreadyExists | 409 | The resource exists.\nConflict | 409 | The operation conflicts.\n"
        "Invalid | 422 | Invalid data."
    )
    assert (found.kind, found.roles) == (
        Kind.ERROR_CODE,
        (Role.ERROR_CODE, Role.STATUS, Role.DESCRIPTION),
    )
    told = read(
        "Cause | HTTP code | Description\nQuota exceeded | 429 | Slow down.\n"
        "Disk full | 507 | No room.\nNode lost | 507 | Gone."
    )  # a cause in words stays a cause
    assert (told.kind, told.roles) == (
        Kind.HTTP_STATUS,
        (Role.CAUSE, Role.STATUS, Role.DESCRIPTION),
    )
    cases = read("Case | Status code | Description\nA | 200 | x\nB | 200 | y\nC | 404 | z")
    assert cases.kind is Kind.HTTP_STATUS  # (found by review: a case is no reason code)
    once = read("Reason | HTTP code\nNotFound | 404\nConflict | 409")
    assert once.kind is Kind.HTTP_STATUS  # one reason a status: the status keys it, losing none


def test_a_type_beside_a_message_is_the_error_name() -> None:
    """Huawei NAT's `Type` holds DnatRuleInvalidProtocol beside `Error Message`: the code."""
    found = read(
        "http状态码 | Type | Error Message\n400 | DnatRuleInvalidProtocol | bad protocol\n"
        "400 | SnatRuleExists | exists"
    )
    assert (found.kind, found.roles) == (
        Kind.ERROR_CODE,
        (Role.STATUS, Role.ERROR_CODE, Role.MESSAGE),
    )


def test_a_code_header_over_a_few_statuses_is_not_a_status_column() -> None:
    """返回码 over 0, 200, 40001…: one value in five reads as a status; these are codes."""
    found = read(
        "返回码 | 说明\n0 | 成功\n200 | 成功\n40001 | 参数错误\n40002 | 无权限\n40003 | 超时"
    )
    assert (found.kind, found.roles[0]) == (Kind.RESULT_CODE, Role.CODE)


def test_symbolic_names_beside_an_error_code_name_its_members() -> None:
    """TDengine: `状态码` over TSDB_CODE_* beside `错误码` over hex codes: the names."""
    found = read(
        "状态码 | 错误码（十六进制） | 错误描述\nTSDB_CODE_RPC_ACTION_IN_PROGRESS | 0x0001 | a\n"
        "TSDB_CODE_RPC_AUTH_REQUIRED | 0x0002 | b"
    )
    assert (found.kind, found.roles) == (
        Kind.ERROR_CODE,
        (Role.NAME, Role.ERROR_CODE, Role.DESCRIPTION),
    )


@pytest.mark.parametrize(
    "table",
    [
        "Region | Code\nUS East (N. Virginia) | us-east-1\nEurope (Frankfurt) | eu-central-1",
        "地域 | 地域代码\n华北-北京一 | cn-north-1\n华东-上海一 | cn-east-3",
        "云服务 | 服务代码\n弹性云服务器 | ECS\n虚拟私有云 | VPC",
        "Code | Currency\nUSD | US Dollar\nEUR | Euro",
        "Language | SDK | Code\nPython | huaweicloudsdk | GitHub\nJava | sdk-java | Gitee",
    ],
)
def test_a_plain_code_column_with_nothing_said_of_its_codes_keys_no_table(table: str) -> None:
    """Region, service, currency and language tables have a `Code` column too: a plain code
    header keys a table only beside a message, description, remedy, cause, phrase or status
    column."""
    assert read(table).kind is None, read(table)


@pytest.mark.parametrize(
    ("table", "kind", "key"),
    [
        ("Code | Description\nOK | Success\nE01 | Bad input", Kind.ERROR_CODE, Role.ERROR_CODE),
        ("Error code | Description\nEOF | End of file\nNAK | Refused", Kind.ERROR_CODE,
         Role.ERROR_CODE),
        ("Code | Message\nNOAUTH | Not signed in\nSYSERR | System busy", Kind.ERROR_CODE,
         Role.ERROR_CODE),
        ("Code | Meaning\n0 | OK\n-1 | Busy", Kind.RESULT_CODE, Role.CODE),
        ("Code | Description\nno_permission | Not allowed\ndo_not_honor | Declined",
         Kind.ERROR_CODE, Role.ERROR_CODE),
    ],
)  # fmt: skip
def test_short_codes_key_the_table_under_an_error_header_or_beside_a_written_code(
    table: str, kind: Kind, key: Role
) -> None:
    """Short codes key the table under an error header (`EOF`), beside a code written as
    codes are (`E01`), and as longer names (`NOAUTH`, `no_permission`)."""
    found = read(table)
    assert (found.kind, found.roles[0]) == (kind, key)


@pytest.mark.parametrize(
    "table",
    [
        "Code | Description\nOK | The call succeeded\nERR | The call failed",
        "Code | Description\nAA | Application Accept\nAE | Application Error\n"
        "AR | Application Reject\nCA | Commit Accept",
        "Code | Meaning\nACK | Command accepted\nNAK | Command rejected\nBSY | Device busy",
        "Code | Message\nok | Request accepted\nerr | Request failed\nnak | Request rejected",
        "结果码 | 描述\nOK | 检测合格\nNG | 检测不合格\nNA | 未检测",
        "Result code | Meaning\nOK | Completed\nNO | Operational problem\nBAD | Protocol problem",
        "Reason code | Description\nAP | Recurring transactions\nAW | Altered amount",
    ],
)
def test_short_tags_that_are_outcomes_key_the_table(table: str) -> None:
    """Short codes of outcomes (HL7's acknowledgment codes, ACK and NAK, OK and NG, IMAP's
    results): a probe of 96 pages found a rule for the tags of languages and currencies
    dropping these, and it was withdrawn."""
    assert read(table).kind is Kind.ERROR_CODE, read(table)


@pytest.mark.parametrize(
    "table",
    [
        "Code | Description\nAP | Recurring transactions\nAW | Altered amount",
        "Code | Message | Solution\nPE | Parameter empty | Fill it in\nUE | User exists | "
        "Use another name",
        "RetCode | Description\nOK | 操作完成\nNG | 操作未完成",
        "Code | HTTP Status | Description\nNF | 404 | Not found\nAD | 403 | Access denied",
        "Code | Description\nerr_001 | Bad input\nsys_100 | System busy",
    ],
)
def test_short_codes_beside_terse_texts_key_the_table(table: str) -> None:
    """Codes as short as a language's or a currency's tag (`AP`, `PE`, `NF`, `err_001`)
    key the table beside any text: a rule that read such tags as the names of things
    (`Code | Language | Comment` over `en`, `zh-CN`) dropped real tables like these (found
    by review), and was withdrawn."""
    found = read(table)
    assert found.kind is Kind.ERROR_CODE, found
    assert found.roles[0] is Role.ERROR_CODE


@pytest.mark.parametrize(
    ("table", "kind", "key"),
    [
        ("Code | Message\nBLOB_UNKNOWN | blob unknown\nDIGEST_INVALID | bad digest",
         Kind.ERROR_CODE, Role.ERROR_CODE),
        ("代码 | 说明\nE1001 | 参数错误\nE1002 | 鉴权失败", Kind.ERROR_CODE, Role.ERROR_CODE),
        ("Code | Description\n0 | OK\n1 | Failed\n2 | Busy", Kind.RESULT_CODE, Role.CODE),
        ("返回值 | 原因\nA01 | 超时\nA02 | 断开", Kind.ERROR_CODE, Role.ERROR_CODE),
    ],
)  # fmt: skip
def test_a_plain_code_column_beside_what_is_said_of_its_codes_keys_the_table(
    table: str, kind: Kind, key: Role
) -> None:
    found = read(table)
    assert (found.kind, found.roles[0]) == (kind, key)


@pytest.mark.parametrize(
    "table",
    [
        "Status code | Description\n200 - OK | Request was successful.\n"
        "404 - Not Found | The requested resource could not be found.",
        "Code | Reason\n202 \u2013 Accepted | queued\n409 \u2013 Conflict | in use",
        "状态码 | 说明\nHTTP 200 | 成功\nHTTP 404 | 资源不存在",
    ],
)
def test_a_status_written_with_a_dash_or_after_http_is_a_status(table: str) -> None:
    """OpenStack writes `200 - OK`; Chinese pages `HTTP 404`: both are statuses, typed."""
    found = read(table)
    assert (found.kind, found.roles[0]) == (Kind.HTTP_STATUS, Role.STATUS)
    body = [line.split(" | ")[0] for line in table.split("\n")[1:]]
    assert all(values.typed_status(cell) is not None for cell in body)


def test_a_name_column_beside_an_error_code_names_its_members() -> None:
    """`Error code | Name`: the symbolic names are the `name`; PostgreSQL's `Condition
    Name` too. Names that are words (`Parameter error`) are no symbolic names: they name
    the code in words, its message (Bluetooth's `Unknown HCI Command`; found by review)."""
    found = read(
        "Error code | Name | Description\n1001 | PARAM_ERROR | Invalid parameter.\n"
        "1002 | AUTH_FAILED | Authentication failed."
    )
    assert (found.kind, found.roles) == (
        Kind.ERROR_CODE,
        (Role.ERROR_CODE, Role.NAME, Role.DESCRIPTION),
    )
    postgres = read("Error Code | Condition Name\n00000 | successful_completion\n01000 | warning")
    assert postgres.roles == (Role.ERROR_CODE, Role.NAME)
    words = read(
        "Error code | Name | Description\n1001 | Parameter error | x\n1002 | Auth failed | y"
    )
    assert words.roles == (Role.ERROR_CODE, Role.MESSAGE, Role.DESCRIPTION)
    described = read("Code | Name | Message\n0x01 | Unknown command | Bad\n0x02 | Busy | Wait")
    assert described.roles == (Role.CODE, Role.DESCRIPTION, Role.MESSAGE)
    types = read("Error code | Name | Description\n1001 | String | x\n1002 | Integer | y")
    assert types.kind is None  # a parameter table: data types


@pytest.mark.parametrize(
    "table",
    [
        "Exception | HTTP status code | Description\n"
        "ResourceNotFoundException | 404 | The resource was not found.\n"
        "ValidationException | 400 | Invalid input.",
        "gRPC | HTTP | Description\nINVALID_ARGUMENT | 400 | bad argument\n"
        "FAILED_PRECONDITION | 400 | not in a state\nOUT_OF_RANGE | 400 | past the end",
        "Gateway response type | Status code | Description\n"
        "ACCESS_DENIED | 403 | denied\nAPI_CONFIGURATION_ERROR | 500 | bad configuration",
    ],
)
def test_identifiers_beside_a_status_are_the_error_codes(table: str) -> None:
    """An exception, gRPC or response-type name beside its status keys the table, each
    member carrying its status: the status alone would merge three gRPC codes into one 400."""
    found = read(table)
    assert (found.kind, found.roles[:2]) == (Kind.ERROR_CODE, (Role.ERROR_CODE, Role.STATUS))


@pytest.mark.parametrize(
    "table",
    [
        "Method | Success status code | Description\nGET | 200 | read\nPOST | 201 | made",
        "HTTP Status | Text | Description\n200 | OK | fine\n404 | NotFound | missing",
        "Status | Category | Description\n400 | client | a\n401 | client | b",
    ],
)
def test_methods_phrases_and_repeated_words_beside_a_status_are_no_error_codes(
    table: str,
) -> None:
    assert Role.ERROR_CODE not in read(table).roles


def test_statuses_under_an_error_header_must_be_mostly_failures() -> None:
    """Youdao's 错误码 over 101, 201, 202 are its own codes, though HTTP defines each: an
    error column of HTTP statuses lists failures (Nacos's 400, 403, 200 stay statuses)."""
    own = read("错误码 | 含义\n101 | 缺少必填的参数\n201 | 解密失败\n202 | 签名检验失败")
    assert (own.kind, own.roles[0]) == (Kind.ERROR_CODE, Role.ERROR_CODE)
    plain = read("Code | Meaning\n101 | switching\n201 | created\n202 | accepted")
    assert (plain.kind, plain.roles[0]) == (Kind.HTTP_STATUS, Role.STATUS)
    failures = read("Error code | Meaning\n200 | fine\n400 | bad\n404 | gone\n500 | broken")
    assert (failures.kind, failures.roles[0]) == (Kind.HTTP_STATUS, Role.STATUS)


def test_statuses_under_a_silent_header_need_something_said_of_them() -> None:
    """A browser-compatibility matrix lists statuses under a blank header beside version
    numbers: nothing is said of them, no code table. Stripe's untitled summary says what
    each status means in words: a status table."""
    matrix = read(" | Chrome | Firefox\n200 OK | 1 | 1\n404 Not Found | 1 | Yes\n500 | 4 | 2")
    assert matrix.kind is None
    operations = read("""
        Operation | HTTP response | Description
        CreateBucket | 200 OK | Creates a new bucket.
        DeleteBucket | 204 No Content | Deletes the bucket.
        GetObject | 200 OK | Retrieves an object.
        PutObject | 200 OK | Adds an object to a bucket.
    """)
    assert operations.kind is None  # operations are no key of statuses (found by review)
    numbered = read("""
        Condition | Header | HTTP result
        1 | If-Match | 200 OK
        2 | If-None-Match | 304 Not Modified
        3 | If-Modified-Since | 304 Not Modified
        4 | If-Unmodified-Since | 412 Precondition Failed
        5 | If-Match (mismatch) | 412 Precondition Failed
    """)
    assert numbered.kind is None  # nor does a row's number, nothing said of them
    summary = read(
        " | \n200 - OK | Everything worked as expected.\n"
        "402 - Request Failed | The parameters were valid but the request failed.\n"
        "404 - Not Found | The requested resource doesn't exist."
    )
    assert (summary.kind, summary.roles[0]) == (Kind.HTTP_STATUS, Role.STATUS)


@pytest.mark.parametrize(
    "table",
    [
        "Status | Meaning | Description | Schema\n200 | OK | Successful Response | "
        "ProductListResponse\n422 | Unprocessable Entity | Validation Error | HTTPValidationError",
        "Status code | Response header | Description\n301 | Location | moved\n"
        "429 | Retry-After | slow down",
        "Status code | Content type | Description\n200 | application/json | ok\n"
        "415 | text/plain | refused",
        "Operation | Status code\nCreateBucket | 200\nDeleteBucket | 204\nPutObject | 200",
        "Resource | HTTP status code\nInstance | 200\nVolume | 202",
    ],
)
def test_names_that_are_no_failures_beside_a_status_leave_it_a_status_table(table: str) -> None:
    """A response's schema, header or content type, an operation, a resource: identifiers
    beside a status that name no failure do not key the table (found by review: the OpenAPI
    `Status | Meaning | Description | Schema` table became an error-code table)."""
    found = read(table)
    assert Role.ERROR_CODE not in found.roles
    assert found.kind in (Kind.HTTP_STATUS, None)


def test_a_name_column_names_members_only_when_its_header_names_the_codes() -> None:
    """`Parameter name`, `API name` are names of something else (found by review)."""
    parameter = read(
        "Error code | Parameter name | Description\nInvalidParameter.Zone | zone | bad zone\n"
        "InvalidParameter.Size | size | bad size"
    )
    assert parameter.roles == (Role.ERROR_CODE, None, Role.DESCRIPTION)
    api = read(
        "Error code | API name | Error message\n1001 | CreateUser | x\n1002 | DeleteUser | y"
    )
    assert api.roles == (Role.ERROR_CODE, None, Role.MESSAGE)
    for header in ("Constant name", "Enum name", "常量名", "枚举名"):  # (found by review)
        named = read(f"Error code | {header}\n1001 | PARAM_ERROR\n1002 | AUTH_FAILED")
        assert named.roles == (Role.ERROR_CODE, Role.NAME), header


@pytest.mark.parametrize(
    "table",
    [
        "Code | Desc\nE01 | bad input\nE02 | no access",
        "Code | Definition\nE01 | bad input\nE02 | no access",
        "Code | Comment\nE01 | bad input\nE02 | no access",
        "Code | Text\nE01 | bad input\nE02 | no access",
        "Code | Error\nE01 | Invalid parameter\nE02 | Access denied",
        "Code | Name\nE01 | Invalid parameter\nE02 | Access denied",
        "返回值 | 解释\nE01 | 参数错误\nE02 | 无权限",
    ],
)
def test_a_plain_code_column_beside_a_text_error_or_name_column_keys_the_table(
    table: str,
) -> None:
    """The plain `Code` rule kept these tables (found by review: they were dropped)."""
    found = read(table)
    assert (found.kind, found.roles[0]) == (Kind.ERROR_CODE, Role.ERROR_CODE)


def test_a_message_column_of_reason_phrases_is_the_phrase_of_a_status_table() -> None:
    found = read("Status | Status text\n200 | OK\n404 | Not Found")
    assert found.roles == (Role.STATUS, Role.PHRASE)


@pytest.mark.parametrize(
    ("table", "kind"),
    [
        ("Code | Summary\nE1001 | Invalid parameter supplied\nE1002 | Request timed out",
         Kind.ERROR_CODE),
        ("返回值 | 提示\n0 | 操作成功\n-1 | 系统繁忙，请稍后再试", Kind.RESULT_CODE),
        ("代码 | 场景\nInvalidParameter | 参数错误\nAccessDenied | 无权限", Kind.ERROR_CODE),
    ],
)  # fmt: skip
def test_a_plain_code_column_of_codes_keys_the_table_beside_any_header(
    table: str, kind: Kind
) -> None:
    """Codes written as codes (`E1001`, `0`, `-1`, `InvalidParameter`) key the table beside a
    header no list knows (`Summary`, `提示`); a region's `us-east-1` does not (found by
    review: the first rule dropped these)."""
    assert read(table).kind is kind


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ("Status | Schema\n200 | Pet\n400 | ValidationError\n404 | NotFoundError\n"
         "500 | ServerError", (Role.STATUS, None)),
        ("HTTP错误码 | 说明\n200 | 成功\n201 | 已创建\n400 | 参数错误\n500 | 内部错误",
         (Role.STATUS, Role.DESCRIPTION)),
        ("错误码 | 说明\n200 | 成功\n201 | 已创建\n204 | 无内容\n400 | 参数错误\n401 | 未认证\n"
         "500 | 内部错误", (Role.STATUS, Role.DESCRIPTION)),
        ("Response | \n200 | OK\n400 | BadRequest\n404 | NotFound", (Role.STATUS, Role.PHRASE)),
        ("gRPC status | HTTP mapping\nOK | 200\nCANCELLED | 499\nINVALID_ARGUMENT | 400\n"
         "DEADLINE_EXCEEDED | 504\nNOT_FOUND | 404\nFAILED_PRECONDITION | 400\n"
         "OUT_OF_RANGE | 400", (Role.ERROR_CODE, Role.STATUS)),
    ],
)  # fmt: skip
def test_statuses_read_as_before_the_new_rules_where_those_rules_were_wrong(
    table: str, expected: tuple[Role | None, ...]
) -> None:
    """A second review's cases: an error schema beside its status, an HTTP-named error
    header, half failures under 错误码, reason phrases under a blank header, and gRPC's
    mapping to HTTP (its names key it, as several map to one status)."""
    assert read(table).roles == expected


def test_statuses_under_a_header_naming_http_are_the_status_column_though_repeated() -> None:
    """google.rpc.Code's `HTTP Mapping` repeats `400 Bad Request`: a header that names HTTP
    over statuses HTTP defines is the status column (found by review); the numbers beside
    the names key the table."""
    reading = read("""
        Name | HTTP Mapping | Number | Description
        OK | 200 OK | 0 | Success.
        CANCELLED | 499 Client Closed Request | 1 | Cancelled.
        INVALID_ARGUMENT | 400 Bad Request | 3 | Bad argument.
        FAILED_PRECONDITION | 400 Bad Request | 9 | Bad state.
        OUT_OF_RANGE | 400 Bad Request | 11 | Past range.
    """)
    assert reading.kind is Kind.RESULT_CODE
    assert reading.roles == (Role.NAME, Role.STATUS, Role.CODE, Role.DESCRIPTION)
    method = read("Endpoint | HTTP Method | Description\n/a | GET | x\n/b | POST | y")
    assert method.kind is None


def test_an_error_written_as_a_number_and_a_name_is_keyed_by_the_number() -> None:
    """Kafka's `Error | Code` and MySQL's `Error Code | SQLSTATE | Error` write each error
    twice: the numbers are the error code, the symbolic names name it (found by review:
    Kafka's numbers were dropped, MySQL's names warned of as a second error code)."""
    kafka = read("""
        Error | Code | Retriable | Description
        UNKNOWN_SERVER_ERROR | -1 | False | The server experienced an unexpected error.
        NONE | 0 | False | No error.
        OFFSET_OUT_OF_RANGE | 1 | False | The requested offset is out of range.
    """)
    assert kafka.roles == (Role.NAME, Role.ERROR_CODE, None, Role.DESCRIPTION)
    assert kafka.notes == ()
    mysql = read("""
        Error Code | SQLSTATE | Error
        1022 | 23000 | ER_DUP_KEY
        1045 | 28000 | ER_ACCESS_DENIED_ERROR
        1062 | 23000 | ER_DUP_ENTRY
    """)
    assert (mysql.kind, mysql.roles, mysql.notes) == (
        Kind.ERROR_CODE,
        (Role.ERROR_CODE, None, Role.NAME),
        (),
    )


def test_a_row_number_beside_error_codes_numbers_the_rows() -> None:
    """`ID | Error Code | Error Message` over `1 | InvalidAccessKeyId | …`: the integers under
    a number header number the rows; the error codes keep their role (found by two
    reviews, after the number-and-name rule took the numbers)."""
    for number in ("ID", "编号", "Number"):
        reading = read(f"""
            {number} | Error Code | Error Message
            1 | InvalidAccessKeyId | The AccessKey ID does not exist.
            2 | SignatureDoesNotMatch | The signature does not match.
            3 | Throttling | Request was denied due to throttling.
        """)
        assert reading.roles == (None, Role.ERROR_CODE, Role.MESSAGE), number


def test_statuses_repeated_beside_conditions_are_outcomes_not_a_status_column() -> None:
    """`If-Match condition | … | HTTP result` over `true | true | 200 OK`: statuses that
    repeat under an HTTP header, with nothing else keying the table, are outcomes of a
    matrix (found by review); google.rpc.Code's names key its `HTTP Mapping`."""
    matrix = read("""
        If-Match condition | If-Unmodified-Since condition | HTTP result
        true | true | 200 OK
        true | false | 200 OK
        false | true | 412 Precondition Failed
        false | false | 412 Precondition Failed
    """)
    assert matrix.kind is None


def test_an_untitled_column_is_the_description_only_when_it_holds_sentences() -> None:
    """Stripe's untitled `Everything worked as expected.` describes its statuses; an
    untitled `Since v1.2`, a `Learn more` link or a category repeated down a rowspan does
    not (found by review)."""
    stripe = read("""
        |
        200 - OK | Everything worked as expected.
        402 - Request Failed | The parameters were valid but the request failed.
        404 - Not Found | The requested resource does not exist.
    """)
    assert stripe.roles == (Role.STATUS, Role.DESCRIPTION)
    for untitled in (["Since v1.2", "Since v1.3", "Since v2.0"], ["Learn more"] * 3):
        rows = "\n".join(
            f"{status} | {phrase} | {note}"
            for status, phrase, note in zip(
                (400, 404, 500), ("Bad Request", "Not Found", "Server Error"), untitled, strict=True
            )
        )
        reading = read("Status | Reason phrase | \n" + rows)
        assert reading.roles == (Role.STATUS, Role.PHRASE, None), untitled


def test_distinct_exceptions_key_statuses_under_an_http_header() -> None:
    """`Exception | HTTP equivalent | Description`: the exceptions key the table, each
    carrying its status, though the statuses repeat (found by review)."""
    reading = read("""
        Exception | HTTP equivalent | Description
        InvalidArgumentException | 400 | An argument is not valid.
        MissingParameterException | 400 | A parameter is missing.
        ValidationException | 400 | The input fails validation.
        ResourceNotFoundException | 404 | The resource does not exist.
        NoSuchKeyException | 404 | The key does not exist.
        InternalFailureException | 500 | The service failed.
    """)
    assert (reading.kind, reading.roles) == (
        Kind.ERROR_CODE,
        (Role.ERROR_CODE, Role.STATUS, Role.DESCRIPTION),
    )


def test_a_column_of_numbers_ending_in_a_period_is_no_description() -> None:
    """`1.`, `2.`, `3.` end as sentences do but are no sentences (found by review: they
    were the description, the text beside them none)."""
    columns = [
        ["1.", "2.", "3."],
        ["INVALID_TOKEN", "EXPIRED_TOKEN", "TOKEN_NOT_FOUND"],
        ["Token invalid", "Token expired", "Token revoked"],
    ]
    reading = roles.read_columns(["", "", ""], columns)
    assert reading.roles[0] is not Role.DESCRIPTION


@pytest.mark.parametrize(
    "table",
    [
        "Error code | HTTP status | Message | Example\n"
        'InvalidParameter | 400 | The parameter is invalid. | {"code": "InvalidParameter"}\n'
        'NotFound | 404 | The resource was not found. | {"code": "NotFound"}',
        "错误码 | 错误信息 | 示例\nE.1 | 参数错误 | {}\nE.2 | 资源不存在 | {}",
    ],
)
def test_an_example_beside_error_codes_and_their_text_is_an_errors_example(table: str) -> None:
    """An `Example` column marked any table a parameter table, even under `Error code` and
    `Message` headers (found by review: an error's example response body). Beside a column
    named for error codes or statuses and one of their text, it is a column of the code
    table, with no role."""
    found = read(table)
    assert found.kind is Kind.ERROR_CODE
    assert found.roles[-1] is None


def test_openapis_default_response_is_no_status_that_counts() -> None:
    """OpenAPI's `default` response (any status not listed) under a plain `Code` kept the
    share of statuses under 0.8, and the table was read as error codes `"200"`, `"400"`
    (found by review: Swagger UI, Redoc). It states no status: the table is a status table,
    its `default` row kept as written, untyped and unwarned."""
    found = read(
        "Code | Description\n200 | Successful operation\n400 | Invalid input\n"
        "422 | Validation exception\ndefault | Unexpected error"
    )
    assert found.kind is Kind.HTTP_STATUS
    assert found.roles == (Role.STATUS, Role.DESCRIPTION)
    assert values.is_status_text("default")
    assert values.typed_status("default") is None
    phrased = read("Status | Meaning | Description\n200 | OK | Success\ndefault | Default | Else")
    assert phrased.roles == (Role.STATUS, Role.PHRASE, Role.DESCRIPTION)


@pytest.mark.parametrize("header", ["Summary", "When to use", "Hint", "What it means", "提示"])
def test_sentences_under_a_header_that_says_nothing_describe_the_codes(header: str) -> None:
    """Text columns under headers the rule does not know got no role, and members lost their
    text (found by review: Mintlify's `Summary`, MDN's `When to use`). Sentences under a
    header that says nothing known describe the codes, where nothing else does."""
    found = read(
        f"Error code | {header}\nE1 | The first thing failed.\nE2 | The second thing failed."
    )
    assert found.roles == (Role.ERROR_CODE, Role.DESCRIPTION)
    said = read("Error code | Message | Hint\nE1 | Failed. | Retry later.\nE2 | Gone. | Stop.")
    assert said.roles == (Role.ERROR_CODE, Role.MESSAGE, Role.DESCRIPTION)
    kept = read("Error code | Description | Hint\nE1 | Failed. | Retry.\nE2 | Gone. | Stop.")
    assert kept.roles == (Role.ERROR_CODE, Role.DESCRIPTION, None)  # one description
    category = read("Error code | Category\nE1 | Client\nE2 | Server")
    assert category.roles == (Role.ERROR_CODE, None)  # words, not sentences


@pytest.mark.parametrize(
    "table",
    [
        "Name | Code\nUnited States | US\nGermany | DE\nFrance | FR",
        "地域名称 | 地域代码\n华北1（北京） | cn-beijing-6\n华东1（上海） | cn-shanghai-2",
        "货币名称 | 货币代码\n人民币 | CNY\n美元 | USD",
    ],
)
def test_a_name_column_says_nothing_of_codes_that_are_not_named_as_codes(table: str) -> None:
    """A `Name` column counted as saying something of a plain `Code` column's codes: tables
    of countries, regions and currencies became error-code tables with members `US`,
    `cn-beijing-6` (found by review). A name column says something of the codes when its
    values are written as code names are (`CANCELLED`, `InvalidArgument`)."""
    assert read(table).kind is None
    assert read("Code | Name\n0 | OK\n1 | CANCELLED").roles == (Role.CODE, Role.NAME)
    named = read("Code | Name\nE1 | InvalidArgument\nE2 | PermissionDenied")
    assert named.roles == (Role.ERROR_CODE, Role.NAME)


def test_links_and_parameters_stay_out_of_the_codes_text() -> None:
    """The review of rules widened this session: addresses under an unknown header are
    where to read, not a description; `Parameter | Example | Error code | Description` is
    a parameter table (the error a parameter's wrong value gives), whatever its text."""
    linked = read(
        "Error code | Link\nE1 | https://example.com/errors/e1\nE2 | https://example.com/e2"
    )
    assert linked.roles == (Role.ERROR_CODE, None)
    parameters = read(
        "Parameter | Example | Error code | Description\n"
        "name | foo | E1 | The name is wrong.\nsize | 10 | E2 | The size is wrong."
    )
    assert parameters.kind is None


def test_names_beside_integers_that_repeat_now_and_then_are_an_enum_of_codes() -> None:
    """.NET's `HttpStatusCode` (`Name | Value | Description`) names 300 twice, `Ambiguous`
    and `MultipleChoices`: the table was skipped (`no column holds codes`, found by review).
    Values mostly repeated (settings of one value) are no codes."""
    found = read(
        "Name | Value | Description\nAmbiguous | 300 | a\nBadRequest | 400 | b\n"
        "MultipleChoices | 300 | c\nNotFound | 404 | d\nOK | 200 | e"
    )
    assert (found.kind, found.roles) == (
        Kind.RESULT_CODE,
        (Role.NAME, Role.CODE, Role.DESCRIPTION),
    )
    settings = read("Name | Value | Description\nRetries | 3 | a\nAttempts | 3 | b\nTries | 3 | c")
    assert settings.kind is None


def test_remarks_links_and_macro_names_are_never_made_the_message() -> None:
    """Of two descriptions, the shorter is the message only where it labels every code:
    `Remarks` over `-`, `More information` over links, are said beside the codes, and
    carried by the JSON and the Markdown alone, without a warning (`--strict` pages have
    them); `宏定义` over `ERR_INVALID_PARAM` is no description at all (found by review of
    step 11)."""
    remarks = read(
        "Error code | Description | Remarks\nE1001 | The body could not be parsed. | -\n"
        "E1002 | The key is not valid. | Since v2.\nE1003 | The quota is used up. | -"
    )
    assert (remarks.roles, remarks.notes) == ((Role.ERROR_CODE, Role.DESCRIPTION, None), ())
    more = read(
        "Error code | Description | More information\nE1 | Bad body here. | https://x.example/a\n"
        "E2 | Bad key here. | https://x.example/b"
    )
    assert Role.MESSAGE not in more.roles
    macro = read("错误码 | 宏定义 | 描述\n1001 | ERR_INVALID_PARAM | 参数错误，请检查参数。")
    assert macro.roles[2] is Role.DESCRIPTION
    assert macro.roles[1] is not Role.DESCRIPTION


@pytest.mark.parametrize(
    ("table", "kind"),
    [
        ("| Description\n1 | Open the console.\n2 | Click Create Bucket.\n3 | Enter a name.", None),
        ("Tax class code | Description\n01 | Standard rate.\n02 | Reduced rate.", None),
        (
            "HTTP status code | Description\n0 | Not sent.\n200 | OK.\n400 | Bad.\n401 | Who?\n"
            "500 | Oops.",
            Kind.HTTP_STATUS,
        ),
    ],
)
def test_steps_tax_classes_and_an_http_header_keep_their_reading(
    table: str, kind: Kind | None
) -> None:
    """Steps numbered under an empty header are no result codes; a `Tax class code` is no
    error code; one `0` (a status not sent) under a header naming HTTP leaves its column
    the statuses (found by review)."""
    assert read(table).kind is kind


def test_dotted_names_of_failures_under_an_unknown_code_header_are_error_codes() -> None:
    """Neo4j's `Neo4j code | Description` over `Neo.ClientError.Schema.ConstraintValidation
    Failed`: both tables were skipped, no column holding codes, a dotted name being no
    identifier (found by a held-out probe). A response header's names (`ratelimit-reset`)
    and dotted names that name no failure stay no code."""
    neo4j = read(
        "Neo4j code | Description\n"
        "Neo.ClientError.Database.DatabaseNotFound | The database does not exist.\n"
        "Neo.ClientError.Security.Unauthorized | The client is unauthorized.\n"
        "Neo.TransientError.Transaction.DeadlockDetected | The transaction was aborted."
    )
    assert (neo4j.kind, neo4j.roles) == (Kind.ERROR_CODE, (Role.ERROR_CODE, Role.DESCRIPTION))
    headers = read(
        "Header | Description\nratelimit-limit | Requests you may make per hour.\n"
        "ratelimit-remaining | Requests left before the limit.\n"
        "ratelimit-reset | When the oldest request expires, in epoch time."
    )
    properties = read(
        "Property | Description\nspring.datasource.url | Where the database is.\n"
        "spring.datasource.username | Who connects to it.\n"
        "server.port | The port the server listens on."
    )
    assert (headers.kind, properties.kind) == (None, None)


def test_distinct_integers_beside_a_message_column_are_result_codes() -> None:
    """Kuaishou's `result | error_msg | 说明` over `100200101 | invalid app | 非法的应用`:
    skipped, no column holding codes, `result` saying nothing of its own (found by a
    held-out probe); so was `Return value | Message`. A row's number (`序号`, `No.`), or
    integers beside descriptions alone, stay no code."""
    rows = "1 | success | 成功\n100200101 | invalid app | 非法的应用\n-1 | unknown error | 未知错误"
    for header in ("result | error_msg | 说明", "Return value | Message | Description"):
        found = read(f"{header}\n{rows}")
        assert (found.kind, found.roles) == (
            Kind.RESULT_CODE,
            (Role.CODE, Role.MESSAGE, Role.DESCRIPTION),
        )
    numbered = read("序号 | 消息 | 说明\n1 | ORDER_CREATE | 订单创建\n2 | ORDER_PAY | 订单支付")
    described = read("result | 说明\n1 | 成功\n2 | 失败\n3 | 未知")
    repeated = read("result | error_msg\n1 | success\n1 | again\n2 | failed")
    assert (numbered.kind, described.kind, repeated.kind) == (None, None, None)


@pytest.mark.parametrize(
    ("header", "heard"),
    [
        ("returnMsg", Role.MESSAGE),
        ("errorDescription", Role.DESCRIPTION),
        ("subStatusCode", Role.STATUS),
        ("reasonCode", Says.CODE),
        ("HTTPStatus", Role.STATUS),
        ("regionCode", None),
    ],
)
def test_a_camel_case_header_is_read_word_by_word(header: str, heard: object) -> None:
    """JSON field names as headers (`returnMsg`, `errorDescription`): read as one word, they
    said nothing, where `return_msg` said a message (found by a held-out probe)."""
    assert headers.says(header) == heard


def test_distinct_codes_beside_a_class_of_codes_key_the_table() -> None:
    """Hikvision's `statusCode | statusString | subStatusCode | 描述`: the members were the
    seven classes, each with its first row's description, and the fourteen codes of the
    device were no member (found by a held-out probe). A column that repeats no code
    keeps the key where it is."""
    hikvision = read(
        "statusCode | statusString | subStatusCode | 描述\n1 | OK | ok | 操作成功\n"
        "2 | Device Busy | noMemory | 设备内存不足\n2 | Device Busy | upgrading | 设备正在升级\n"
        "4 | Invalid Operation | notSupport | 不支持该操作\n"
        "4 | Invalid Operation | lowPrivilege | 权限不足"
    )
    assert (hikvision.kind, hikvision.roles) == (
        Kind.RESULT_CODE,
        (None, None, Role.CODE, Role.DESCRIPTION),
    )
    rows = "1001 | a.b | x\n1002 | c.d | y\n1003 | e.f | z"
    distinct = read(f"Error code | Sub code | Message\n{rows}")
    assert distinct.roles == (Role.ERROR_CODE, None, Role.MESSAGE)
    both = read("Error code | Sub code | Message\n1001 | a.b | x\n1001 | a.b | y\n1003 | e.f | z")
    assert both.roles == (Role.ERROR_CODE, None, Role.MESSAGE)  # (no code is distinct there)


def test_of_two_messages_the_one_named_as_the_key_is_its_message() -> None:
    """Alipay's `code | msg | sub_code | sub_msg`: keyed by the distinct `sub_code`, the
    module carried `msg`, the gateway's words for a class of codes, with a warning; the
    sub code's own is `sub_msg`."""
    alipay = read(
        "code | msg | sub_code | sub_msg\n"
        "40001 | Missing Required Arguments | isv.missing-method | 缺少方法名参数\n"
        "40001 | Missing Required Arguments | isv.missing-signature | 缺少签名参数\n"
        "40004 | Business Failed | ACQ.TRADE_HAS_SUCCESS | 交易已被支付"
    )
    assert (alipay.kind, alipay.roles, alipay.notes) == (
        Kind.ERROR_CODE,
        (None, None, Role.ERROR_CODE, Role.MESSAGE),
        (),
    )


def test_codes_numbered_from_100_that_say_failures_are_a_services_own() -> None:
    """`Code | Description` over `100 | Invalid API key`, `200 | Quota exceeded` was read as
    HTTP statuses (`CONTINUE`, `OK`), and so was Tencent Maps' `状态码` over `110 | 请求来源
    未被授权` (found by a held-out probe): where the informational and successful codes say
    failures, they are a service's codes. A status table whose 2xx say `no error` or
    `OK` stays one."""
    own = read(
        "Code | Description\n100 | Invalid API key.\n101 | Missing parameter.\n"
        "200 | Quota exceeded.\n201 | Unknown method.\n404 | Not found."
    )
    tencent = read(
        "状态码 | 说明\n0 | 正常\n110 | 请求来源未被授权\n111 | 签名验证失败\n311 | 参数错误"
    )
    assert (own.kind, own.roles) == (Kind.RESULT_CODE, (Role.CODE, Role.DESCRIPTION))
    assert (tencent.kind, tencent.roles) == (Kind.RESULT_CODE, (Role.CODE, Role.DESCRIPTION))
    docker = read(
        "Status code | Meaning\n200 | no error\n201 | Container created successfully\n"
        "204 | no error\n400 | bad parameter\n404 | no such container\n500 | server error"
    )
    assert docker.kind is Kind.HTTP_STATUS


def test_a_status_header_over_a_services_longer_codes_keys_result_codes() -> None:
    """`状态码 | 说明` over `200`, `1001`, `1002`, `1003`, `2001`, `500`: an HTTP table whose
    four service codes were untyped with warnings, and no members (found by a held-out
    probe). A `4000` among many statuses is still one mistyped."""
    found = read(
        "状态码 | 说明\n200 | 成功\n1001 | 参数错误\n1002 | 签名错误\n1003 | 权限不足\n"
        "2001 | 余额不足\n500 | 服务器错误"
    )
    assert (found.kind, found.roles) == (Kind.RESULT_CODE, (Role.CODE, Role.DESCRIPTION))
    rows = "\n".join(f"{status} | x" for status in (200, 201, 400, 401, 403, 404, 409, 500))
    mistyped = read(f"状态码 | 说明\n{rows}\n4000 | y")
    assert mistyped.kind is Kind.HTTP_STATUS


HL7 = (
    "Value | Description | Comment\n0 | Message accepted | Success.\n"
    "100 | Segment sequence error | Error: segments out of order.\n"
    "101 | Required field missing | Error: a required field is missing.\n"
    "200 | Unsupported message type | Rejection: the type is not supported.\n"
    "207 | Application internal error | Rejection: an internal error."
)


def test_distinct_integers_beside_texts_of_failures_are_result_codes() -> None:
    """HL7's `Value | Description | Comment` over `100 | Segment sequence error | Error: …`:
    read as HTTP statuses before, and no code table once 100 and 200 were seen to be the
    service's (found by a held-out probe): under a title that names outcomes (`Message
    error condition codes`) they are result codes. Values described without failures stay
    none."""
    hl7 = read(HL7)
    assert hl7.kind is None  # (a setting's values may say failures too: found by review)
    titled = read(HL7, of_outcomes=True)
    assert (titled.kind, titled.roles[0]) == (Kind.RESULT_CODE, Role.CODE)
    plain = "Value | Description\n0 | Disabled\n1 | Enabled\n2 | Paused"
    assert read(plain, of_outcomes=True).kind is None


@pytest.mark.parametrize(
    ("header", "heard"),
    [
        ("エラーコード", Role.ERROR_CODE),
        ("ステータスコード", Role.STATUS),
        ("メッセージ", Role.MESSAGE),
        ("説明", Role.DESCRIPTION),
        ("対処方法", Role.REMEDY),
        ("오류 코드", Role.ERROR_CODE),
        ("상태 코드", Role.STATUS),
        ("오류 메시지", Role.MESSAGE),
        ("조치 방안", Role.REMEDY),
        ("Код ошибки", Role.ERROR_CODE),
        ("Описание", Role.DESCRIPTION),
        ("Что делать", Role.REMEDY),
        ("错误提示", Role.MESSAGE),
        ("Кодировка", None),
        # found by a second held-out probe
        ("결과코드", Says.CODE),
        ("에러메세지", Role.MESSAGE),
        ("リターンコード", Says.CODE),
        ("エラー番号", Role.ERROR_CODE),
        ("Código de erro", Role.ERROR_CODE),
        ("Fehlercode", Role.ERROR_CODE),
        ("Descrição", Role.DESCRIPTION),
        ("err_no", Role.ERROR_CODE),
        ("rtnCode", Says.CODE),
        ("Detail code", Says.CODE),
        ("Código", Says.CODE),
        ("Código postal", None),  # a postal code, as `Region code` codes a region
    ],
)
def test_japanese_korean_and_russian_headers_say_their_roles(header: str, heard: object) -> None:
    """Backlog's `エラーコード | エラー名 | 説明`, Naver's `오류 코드 | 오류 메시지 | 조치 방안`,
    Yandex's `Код ошибки | Описание` said nothing: the tables were skipped or their texts
    left out of the module (found by a held-out probe)."""
    assert headers.says(header) == heard


def test_symbolic_names_beside_their_numbers_under_number_are_keyed_by_the_numbers() -> None:
    """NFS's `Error | Number | Description` over `NFS4ERR_PERM | 1`: a `StrEnum` of the
    names, 10001 found by no lookup; libcurl's `Name | Num | Description` over `CURLE_OK |
    0` was skipped (found by a held-out probe)."""
    nfs = read(
        "Error | Number | Description\nNFS4ERR_PERM | 1 | Caller not privileged.\n"
        "NFS4ERR_NOENT | 2 | No such file.\nNFS4ERR_BADHANDLE | 10001 | Illegal filehandle."
    )
    assert nfs.roles == (Role.NAME, Role.ERROR_CODE, Role.DESCRIPTION)
    curl = read(
        "Name | Num | Description\nCURLE_OK | 0 | All fine.\n"
        "CURLE_UNSUPPORTED_PROTOCOL | 1 | The protocol is not supported.\n"
        "CURLE_FAILED_INIT | 2 | Early initialization failed."
    )
    assert (curl.kind, curl.roles) == (Kind.RESULT_CODE, (Role.NAME, Role.CODE, Role.DESCRIPTION))
    backlog = read(
        "エラーコード | エラー名 | 説明\n1 | InternalError | 内部エラー\n"
        "2 | LicenceError | ライセンスエラー\n5 | AuthenticationError | 認証エラー"
    )
    assert backlog.roles == (Role.ERROR_CODE, Role.NAME, Role.DESCRIPTION)


def test_names_of_parameters_beside_numbers_name_no_codes() -> None:
    """QUIC's `Value | Parameter Name | Specification` over `0x01 | max_idle_timeout` was a
    result-code table (found by a held-out probe); a Java `Constant Field` still names its
    constants."""
    quic = read(
        "Value | Parameter Name | Specification\n0x00 | original_destination_connection_id | "
        "Section 18.2\n0x01 | max_idle_timeout | Section 18.2\n0x02 | stateless_reset_token | "
        "Section 18.2"
    )
    assert quic.kind is None
    java = read(
        "Constant Field | Value\nHTTP_ACCEPTED | 202\nHTTP_BAD_GATEWAY | 502\nHTTP_BAD_METHOD | 405"
    )
    assert java.roles == (Role.NAME, Role.CODE)


def page_table(path: str) -> roles.Reading:
    """`read` of a table written as Markdown rows (`| a | b |`, a rule below the header)."""
    lines = [line.strip().strip("|") for line in path.strip().split("\n")]
    return read("\n".join(line for number, line in enumerate(lines) if number != 1))


def test_status_tables_whose_successes_mention_failures_stay_status_tables() -> None:
    """Found by review of the rule that a service's codes numbered from 100 say failures
    on their 1xx and 2xx rows: a batch API's `200 | … check the errors array for items
    that failed` and `207 | Multi-Status: one or more items failed`, a Chinese `200`
    whose records partly failed beside a `206` that truncated them, and a status
    repeated beside error codes (Slack's `200 | invalid_auth`) are HTTP's."""
    batch = page_table("""
        | Status code | Meaning |
        |---|---|
        | 200 | All items were processed; check the errors array for items that failed. |
        | 207 | Multi-Status: one or more items failed. |
        | 400 | The request body is malformed. |
        | 500 | Internal error. |
    """)
    chinese = page_table("""
        | 状态码 | 说明 |
        |---|---|
        | 200 | 请求已处理，但部分记录写入失败，见响应体 failed 字段 |
        | 206 | 部分内容：超出范围的数据被截断 |
        | 400 | 请求参数错误 |
        | 401 | 未授权 |
    """)
    assert (batch.kind, chinese.kind) == (Kind.HTTP_STATUS, Kind.HTTP_STATUS)
    slack = page_table("""
        | Status | Error | Description |
        |---|---|---|
        | 200 | invalid_auth | Some aspect of authentication cannot be validated. |
        | 200 | channel_not_found | Value passed for channel was invalid. |
        | 200 | not_in_channel | Cannot post to a channel the user is not in. |
        | 429 | ratelimited | The request has been ratelimited. |
    """)
    assert slack.roles == (Role.STATUS, Role.ERROR_CODE, Role.DESCRIPTION)


@pytest.mark.parametrize(
    "table",
    [
        "Row | Column | Error message\n3 | email | Invalid email address\n"
        "7 | phone | Required field missing\n12 | country | Unknown country code",
        "Version | Changes\n12 | Fixed a crash when the upload failed.\n"
        "11 | Fixed incorrect error messages.\n10 | Rate limit raised.",
        "Limit | Description\n100 | Exceeding it returns 429.\n10 | More are rejected.\n"
        "5000 | Larger batches fail.",
        "ID | Message\n1 | Starting the import failed.\n2 | Invalid row.\n3 | Error: done.",
        "Property | Description\nerrors.tolerance | Behavior for tolerating errors.\n"
        "errors.retry.timeout | How long a failed operation is retried.\n"
        "errors.log.enable | Whether errors are logged.",
        "項目 | 初期値 | 説明\ntimeout | 30 | タイムアウトするとエラーになります\n"
        "retries | 3 | 失敗したリクエストの再試行回数\npool | 10 | 接続プールのサイズ",
        "通貨コード | 通貨名 | 説明\nJPY | 日本円 | 小数点以下なし\nUSD | 米ドル | 小数点以下2桁\n"
        "EUR | ユーロ | 小数点以下2桁",
        "리전 코드 | 설명\nap-northeast-2 | 서울\nap-northeast-1 | 도쿄\nus-east-1 | 버지니아 북부",
    ],
)
def test_tables_of_other_things_that_mention_failures_are_no_code_tables(table: str) -> None:
    """Found by review of this release's column readings: an import report's rows, a
    changelog, limits, numbered messages, configuration properties, a setting's default
    (`初期値`), a currency's or a region's code under `コード`, `코드` stay no code table."""
    assert read(table).kind is None


def test_review_cases_of_keys_messages_and_statuses_keep_their_roles() -> None:
    """Found by review: Facebook's `Error subcode`, given for some codes only, keys nothing;
    of `Message` and `Error
    message (Chinese)` the first stays the message; `内容长度限制` is no description;
    `errorSeverity` is no error code; Cloudflare's 520 to 524 stay statuses."""
    facebook = read(
        "Error code | Error subcode | Description\n190 | 458 | The app is not installed.\n"
        "190 | 460 | The password changed.\n102 | - | The session is invalid.\n"
        "4 | - | Too many calls."
    )
    assert facebook.roles[:2] == (Role.ERROR_CODE, None)
    chinese = read(
        "Error code | Message | Error message (Chinese)\nE1001 | Invalid token | 令牌无效\n"
        "E1002 | Quota exceeded | 额度已用完"
    )
    assert chinese.roles[1] is Role.MESSAGE
    limits = read("错误码 | 内容长度限制 | 说明\n1001 | 1024 | 参数错误\n1002 | 2048 | 签名错误")
    assert limits.roles == (Role.ERROR_CODE, None, Role.DESCRIPTION)
    severity = read(
        "Code | errorSeverity | Description\nInvalidToken | FATAL | Invalid token\n"
        "QuotaExceeded | WARNING | Quota exceeded\nTimeout | ERROR | Timed out"
    )
    assert severity.roles[:2] == (Role.ERROR_CODE, None)
    cloudflare = read(
        "Error code | Status code | Description\n1000 | 520 | Unknown error\n"
        "1001 | 521 | Web server is down\n1002 | 522 | Connection timed out"
    )
    assert cloudflare.roles == (Role.ERROR_CODE, Role.STATUS, Role.DESCRIPTION)


def test_code_names_described_beside_integer_codes_name_them() -> None:
    """IANA's TLS alerts, `Value | Description` over `0 | close_notify`: the members were
    `CODE_0` described as `close_notify` (found by a held-out probe). A message stays the
    message, and an `API name` names no code."""
    table = (
        "Value | Description | DTLS-OK\n0 | close_notify | Y\n21 | decryption_failed | Y\n"
        "49 | access_denied | Y\n50 | decode_error | Y\n51 | decrypt_error | Y"
    )
    tls = read(table, of_outcomes=True)  # under `## TLS Alerts`
    assert (tls.kind, tls.roles[:2]) == (Kind.RESULT_CODE, (Role.CODE, Role.NAME))
    messages = read("Code | Message\n1001 | invalid_token\n1002 | quota_exceeded")
    assert messages.roles == (Role.CODE, Role.MESSAGE)


def test_a_protocols_reply_code_header_keys_its_codes() -> None:
    """Mailgun's `Bounce codes`, `SMTP Code | Reason` over `550 | Mailbox does not exist`:
    `SMTP` made no code of `… code`, and the table was skipped (found by a held-out
    probe)."""
    smtp = read(
        "SMTP Code | Reason\n550 | Mailbox does not exist.\n552 | Mailbox full.\n"
        "554 | Transaction failed."
    )
    assert (smtp.kind, smtp.roles[0]) == (Kind.RESULT_CODE, Role.CODE)


def test_a_reason_of_short_labels_beside_a_description_is_the_reason_phrase() -> None:
    """ACH's `Code | Reason | Description` over `R01 | Insufficient Funds | …`: the labels
    were causes, the code had no message (found by a held-out probe). Causes told in
    sentences stay causes, and so do a status table's short ones (SendGrid's `200 | No
    error` beside `408 | Network timeout`: a status's phrase is a standard one)."""
    sendgrid = read(
        "Code | Reason | Description\n200 | No error | The request succeeded.\n"
        "400 | Bad request | The body could not be parsed.\n401 | Requires authentication | "
        "You must give an API key."
    )
    assert sendgrid.roles == (Role.STATUS, Role.CAUSE, Role.DESCRIPTION)  # (a review: a
    # status's phrase is a standard one, `408 | Network timeout` a cause)
    ach = read(
        "Code | Reason | Description\nR01 | Insufficient Funds | The balance is too low.\n"
        "R02 | Account Closed | The customer closed the account.\n"
        "R03 | No Account/Unable to Locate Account | No account matches."
    )
    assert ach.roles == (Role.ERROR_CODE, Role.MESSAGE, Role.DESCRIPTION)
    told = read(
        "Code | Reason | Description\nE1 | The balance was too low. | Top up.\n"
        "E2 | The account was closed. | Open one."
    )
    assert told.roles[1] is Role.CAUSE


def test_reasons_that_are_reason_phrases_or_named_failures_say_so() -> None:
    """Found by a second held-out probe: Amazon's `Status code | Reason | Description` over
    `400 | Bad Request` left the phrase empty (the reason was a cause); a `Reason` column
    of distinct decline identifiers (`card_expired`, `insufficient_funds`) keyed nothing.
    Reasons told in words stay causes."""
    amazon = read(
        "Status code | Reason | Description\n400 | Bad Request | The request is invalid.\n"
        "404 | Not Found | The resource does not exist.\n429 | Too Many Requests | Slow down."
    )
    assert amazon.roles == (Role.STATUS, Role.PHRASE, Role.DESCRIPTION)
    declines = read(
        "Reason | Description\ncard_expired | The card has expired.\n"
        "insufficient_funds | The card has insufficient funds.\n"
        "invalid_card_number | The card number is invalid.\n"
        "card_declined | The issuer declined the card."
    )
    assert (declines.kind, declines.roles) == (Kind.ERROR_CODE, (Role.ERROR_CODE, Role.DESCRIPTION))
    told = read("Reason | Description\nThe card expired | Ask for another.\nNo funds | Retry.")
    assert told.kind is None


def test_second_review_cases_keep_what_the_code_before_read() -> None:
    """Found by the review of the first review's fixes: consecutive codes from 1001 are
    codes, not row numbers; `Return value | Message` over 0 to 3 keys result codes; codes
    from 200 whose 2xx and 3xx say failures are a service's; snake_case under `Field`
    names no member; sentences under `Result` describe; `…内容` describes, `対応方法` is a
    remedy; `Anmeldung` and `Código do banco` say nothing."""
    consecutive = read(
        "Value | Message\n1001 | Invalid API key\n1002 | Expired token\n1003 | Bad sign\n"
        "1004 | Rate limited"
    )
    assert (consecutive.kind, consecutive.roles) == (Kind.RESULT_CODE, (Role.CODE, Role.MESSAGE))
    returns = read("Return value | Message\n0 | OK\n1 | Bad input\n2 | No memory\n3 | Busy")
    assert returns.roles == (Role.CODE, Role.MESSAGE)
    named = read(
        "Error | Number | Description\nERR_TIMEOUT | 1001 | Timed out.\n"
        "ERR_BUSY | 1002 | Busy.\nERR_DENIED | 1003 | Denied."
    )
    assert named.roles == (Role.NAME, Role.ERROR_CODE, Role.DESCRIPTION)
    service = read(
        "Code | Message\n200 | Success\n201 | Invalid access token\n202 | Access token expired\n"
        "300 | Missing required parameter\n301 | Invalid parameter\n500 | System error"
    )
    assert (service.kind, service.roles[0]) == (Kind.RESULT_CODE, Role.CODE)
    fields = read(
        "Error code | Field | Message\n1001 | card_number | The card number is invalid.\n"
        "1002 | expiry_date | The expiry date is invalid.\n1003 | postal_code | Bad code."
    )
    assert fields.roles[1] is not Role.NAME
    result = read(
        "Status code | Result\n200 | The request succeeded and the order was created.\n"
        "404 | The order does not exist on this account.\n500 | The server failed to answer."
    )
    assert result.roles == (Role.STATUS, Role.DESCRIPTION)
    for header, heard in (
        ("エラー内容", Role.DESCRIPTION),
        ("返回内容", Role.DESCRIPTION),
        ("対応方法", Role.REMEDY),
        ("Anmeldung", None),
        ("Código do banco", None),
    ):
        assert headers.says(header) == heard, header


def test_a_code_header_over_distinct_codes_keeps_a_table_with_examples() -> None:
    """Bash's `Exit code | Meaning | Example` over `1 | Catchall for general errors | let
    "var1 = 1/0"` was skipped as a parameter table for its example column (found by a
    held-out probe): a code header over distinct codes beside a text of them keys it, as
    `Error code` did. A parameter's example beside the error its wrong value gives stays a
    parameter table."""
    bash = read(
        'Exit code | Meaning | Example\n1 | Catchall for general errors | let "var1 = 1/0"\n'
        "2 | Misuse of shell builtins | empty_function() {}\n"
        "127 | command not found | illegal_command"
    )
    assert (bash.kind, bash.roles) == (Kind.RESULT_CODE, (Role.CODE, Role.DESCRIPTION, None))
    parameters = read(
        "Parameter | Example | Error code | Description\nzone | cn-1 | InvalidZone | bad zone\n"
        "size | 10 | InvalidSize | bad size"
    )
    assert parameters.kind is None
