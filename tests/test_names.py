"""Enum member names: derived from the phrase, always valid, safe and unique."""

from __future__ import annotations

import keyword

import pytest

from codetables.names import RESERVED, constant_name, member_names
from codetables.parse import parse
from codetables.pyenum import enums
from conftest import run_python


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("IPv6AddressMalformed", "IPV6_ADDRESS_MALFORMED"),
        ("InvalidParameterValue.IPv4Address", "INVALID_PARAMETER_VALUE_IPV4_ADDRESS"),
        ("TooManyIDs", "TOO_MANY_IDS"),
        ("APIIsDisabled", "API_IS_DISABLED"),
        ("InvalidVPCId", "INVALID_VPC_ID"),
        ("ACLOrPolicyDenied", "ACL_OR_POLICY_DENIED"),
        ("XMLId", "XML_ID"),
        ("ListAPIs", "LIST_APIS"),
        ("S3BucketNotFound", "S3_BUCKET_NOT_FOUND"),
        ("HTTPServerError", "HTTP_SERVER_ERROR"),
        ("IsAValidName", "IS_A_VALID_NAME"),
        ("GetA", "GET_A"),
        ("PointerToA", "POINTER_TO_A"),  # (a rule for etcd's `NaN` ran these together)
        ("ValueIsX", "VALUE_IS_X"),
        ("EcodeRootROnly", "ECODE_ROOT_R_ONLY"),
        ("GetAValue", "GET_A_VALUE"),
        ("0A000", "0A000"),  # SQLSTATE: a capital between digits is no word
        ("22P02", "22P02"),
        ("HV00B", "HV00B"),
        ("SVCSTG.S2I.2027016", "SVCSTG_S2I_2027016"),
        ("Http2Error", "HTTP2_ERROR"),  # a word after a digit is one
        ("2FAEnabled", "2FA_ENABLED"),
        ("OAuthException", "OAUTH_EXCEPTION"),  # one capital opening a word is no word
        ("ETag", "ETAG"),
        ("X-OAuth", "X_OAUTH"),
        ("InvalidIPv4CIDR", "INVALID_IPV4_CIDR"),  # an acronym after a word's digit (review)
        ("S3ARNInvalid", "S3_ARN_INVALID"),
        ("Route53DNSError", "ROUTE53_DNS_ERROR"),
        ("Utf8BOMDetected", "UTF8_BOM_DETECTED"),
        ("Ec2IPAddress", "EC2_IP_ADDRESS"),
        ("InvalidOAuthToken", "INVALID_O_AUTH_TOKEN"),  # inside a name: `IsAValid` alike
        ("E2BIG", "E2BIG"),  # a name in capitals keeps digits and letters together
    ],
)
def test_an_acronyms_version_and_plural_stay_with_it(phrase: str, name: str) -> None:
    """`IPv6`, and `IDs`, `APIs` at a word's end: a version and a plural go on with the
    acronym; any other capital before small letters starts a word (`Is`, `Id`, `Or`: the
    review of a first rule, two small letters or more, found those run together)."""
    assert constant_name(phrase) == name


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("NoContent", "NO_CONTENT"),
        ("Request Time-out", "REQUEST_TIME_OUT"),
        ("Request-URI Too Large", "REQUEST_URI_TOO_LARGE"),
        ("HTTP Version not supported", "HTTP_VERSION_NOT_SUPPORTED"),
        ("HTTPVersionNotSupported", "HTTP_VERSION_NOT_SUPPORTED"),
        ("OK", "OK"),
        ("Non-Authoritative Information", "NON_AUTHORITATIVE_INFORMATION"),
        ("Café  crème", "CAFE_CREME"),
        ("请求成功", ""),
    ],
)
def test_constant_name_splits_words_and_camel_case(phrase: str, name: str) -> None:
    """Words and camelCase humps become UPPER_SNAKE parts; non-ASCII without a Latin form drops."""
    assert constant_name(phrase) == name


def test_unusable_phrases_fall_back_to_the_code() -> None:
    """Empty, non-Latin, digit-leading phrases still give valid names built from the code."""
    assert member_names([("", "200"), ("成功", "201"), ("2xx range", "202")], "STATUS") == [
        "STATUS_200",
        "STATUS_201",
        "STATUS_2XX_RANGE",
    ]


def test_collisions_resolve_in_order_against_every_taken_name() -> None:
    """A repeated name gets the code, then a counter; each candidate is checked again."""
    entries = [("Not Found", "404"), ("NotFound", "410"), ("Not Found 410", "499"), ("x", "1")]
    assert member_names(entries, "STATUS") == [
        "NOT_FOUND",
        "NOT_FOUND_410",
        "NOT_FOUND_410_499",
        "X",
    ]


def test_a_name_made_from_its_own_code_takes_a_counter_not_the_code_again() -> None:
    """Two error codes that spell one name (`InvalidParameterValue`, `InvalidParameter.Value`;
    `InvalidInstanceId.NotFound`, `InvalidInstanceID.NotFound`) are told apart by a counter:
    the code appended would only say the name twice."""
    entries = [
        ("InvalidParameterValue", "InvalidParameterValue"),
        ("InvalidParameter.Value", "InvalidParameter.Value"),
        ("InvalidInstanceId.NotFound", "InvalidInstanceId.NotFound"),
        ("InvalidInstanceID.NotFound", "InvalidInstanceID.NotFound"),
        ("INVALID_PARAMETER_VALUE_2", "E2"),
    ]
    assert member_names(entries, "ERROR") == [
        "INVALID_PARAMETER_VALUE",
        "INVALID_PARAMETER_VALUE_2",
        "INVALID_INSTANCE_ID_NOT_FOUND",
        "INVALID_INSTANCE_ID_NOT_FOUND_2",
        "INVALID_PARAMETER_VALUE_2_E2",
    ]


def test_reserved_and_keyword_names_are_never_given() -> None:
    """Names of int/Enum attributes and keywords are avoided even if a phrase spells them."""
    names = member_names([(word, str(i)) for i, word in enumerate(sorted(RESERVED))], "S")
    for name in names:
        assert name.isidentifier()
        assert not keyword.iskeyword(name)
        assert name not in RESERVED
        assert not name.startswith("_")
    assert len(set(names)) == len(names)


def test_a_status_table_without_phrases_borrows_the_standard_names() -> None:
    """`状态码 | 描述` tables still give readable members: 200 → OK, 404 → NOT_FOUND."""

    page = "# t\n\n| 状态码 | 描述 |\n| --- | --- |\n| 200 | 成功 |\n| 404 | 无 |\n| 299 | 自 |\n"
    (enum,) = enums(parse(page, source="p.md"))
    assert [(m.name, m.value, m.values) for m in enum.members] == [
        ("OK", 200, ("", "成功")),
        ("STATUS_299", 299, ("", "自")),
        ("NOT_FOUND", 404, ("", "无")),
    ]


def test_a_placeholder_in_the_code_column_names_no_member() -> None:
    """`N/A`, `-`, `—`, `...` and `无` under `Error code` state no code (as lint says:
    `empty-code`): their rows stay in `*_ROWS`, and make no `N_A` or `ERROR_X` member
    (found by review, on Google's HTTP to gRPC mapping). A word is a code: Kafka's `NONE`,
    Azure's `None`, a result code `NA` (found by the next reviews)."""
    codes = ["E1", "N/A", "-", "—", "...", "无", "NA", "NONE", "None"]
    rows = "".join(f"| {code} | row {n} |\n" for n, code in enumerate(codes))
    page = f"# t\n\n| Error code | Description |\n| --- | --- |\n{rows}"
    (enum,) = enums(parse(page, source="p.md"))
    assert [m.value for m in enum.members] == ["E1", "NA", "NONE", "None"]
    assert len(enum.rows) == len(codes)


def test_a_status_cell_that_writes_its_phrase_gives_the_members_phrase() -> None:
    """Stripe's untitled `200 - OK | …` and GitLab's `` `422 Unprocessable` ``: with no
    phrase column, the phrase the status cell writes (up to five words, an explanation
    after it left out) is the member's `phrase`, as lint reads it (found by review). A
    status of the registry keeps the registry's name (`402 - Request Failed` is
    `PAYMENT_REQUIRED`: a category word such as `Error` would name members otherwise);
    one outside it is named by the phrase. Words in another script only describe."""
    page = (
        "# t\n\n| | |\n| --- | --- |\n| 200 - OK | Everything worked as expected. |\n"
        "| 402 - Request Failed | The parameters were valid but it failed. |\n"
        "| `422 Unprocessable` | The request could not be processed. |\n"
        "| 404 未找到 | The resource does not exist here. |\n"
        "| 400 Bad Request: missing parameters | A parameter is missing here. |\n"
        "| 499 - Client Closed Request | The client went away too soon. |\n"
    )
    (enum,) = enums(parse(page, source="p.md"))
    assert [(m.name, m.value, m.values[0]) for m in enum.members] == [
        ("OK", 200, "OK"),
        ("PAYMENT_REQUIRED", 402, "Request Failed"),
        ("UNPROCESSABLE_ENTITY", 422, "Unprocessable"),
        ("NOT_FOUND", 404, ""),
        ("BAD_REQUEST", 400, "Bad Request"),
        ("CLIENT_CLOSED_REQUEST", 499, "Client Closed Request"),
    ]
    assert enum.members[0].values[1] == "Everything worked as expected."


def test_a_negative_error_code_and_a_hexadecimal_one_are_named_as_written() -> None:
    """`-1` beside `1` under `错误码`: `ERROR_MINUS_1` and `ERROR_1`, as result codes are
    named (it was `ERROR_1` and `ERROR_1_1`); `0x1F` is `ERROR_0X1F`, not `ERROR_0X1_F`
    (found by review)."""
    page = (
        "# t\n\n| 错误码 | 说明 |\n| --- | --- |\n| -1 | 系统繁忙 |\n| 1 | 未知错误 |\n"
        "| 0x1F | 十六进制 |\n"
    )
    (enum,) = enums(parse(page, source="p.md"))
    assert [(m.name, m.value) for m in enum.members] == [
        ("ERROR_MINUS_1", "-1"),
        ("ERROR_1", "1"),
        ("ERROR_0X1F", "0x1F"),
    ]


@pytest.mark.parametrize("written", ["1000~1999", "40000-49999", "5xxxx", "4XXX"])
def test_a_range_or_class_of_error_codes_is_a_row_of_no_member(written: str) -> None:
    """A cell covering many codes (`1000~1999`, `5xxxx`) is a row about them: no member
    `ERROR_1000_1999` (found by review), as in an `IntEnum` of result codes."""
    page = (
        f"# t\n\n| 错误码 | 说明 |\n| --- | --- |\n| E1001 | 参数错误 |\n| {written} | 系统错误 |\n"
    )
    (enum,) = enums(parse(page, source="p.md"))
    assert [m.value for m in enum.members] == ["E1001"]
    assert len(enum.rows) == 2


def test_result_codes_with_a_phrase_column_carry_it_and_are_named_by_it() -> None:
    """SIP's `Code | Reason phrase | Description`: the phrase is an attribute (it was in no
    artifact's Python, found by review), and names the member, as `http.HTTPStatus`'s
    phrases do."""
    page = (
        "# SIP\n\n| Code | Reason phrase | Description |\n| --- | --- | --- |\n"
        "| 183 | Session Progress | Progress of the call. |\n"
        "| 486 | Busy Here | Callee is busy. |\n"
        "| 603 | Decline | Destination does not wish to participate. |\n"
    )
    (enum,) = enums(parse(page, source="sip.md"))
    assert [attribute.name for attribute in enum.attributes] == ["phrase", "description"]
    assert [(m.name, m.value, m.values) for m in enum.members] == [
        ("SESSION_PROGRESS", 183, ("Session Progress", "Progress of the call.")),
        ("BUSY_HERE", 486, ("Busy Here", "Callee is busy.")),
        ("DECLINE", 603, ("Decline", "Destination does not wish to participate.")),
    ]


def test_a_phrase_names_no_error_code_and_no_repeated_category() -> None:
    """Error codes stay named by their codes beside a `Reason phrase` (not `BAD_REQUEST`),
    and result codes by theirs beside a category repeated down the rows (`Failure`; found
    by review)."""
    errors = (
        "# E\n\n| Error code | HTTP status | Reason phrase | Description |\n|---|---|---|---|\n"
        "| InvalidParameter | 400 | Bad Request | A parameter is not valid. |\n"
        "| NoSuchKey | 404 | Not Found | The key does not exist. |\n"
    )
    (enum,) = enums(parse(errors, source="e.md"))
    assert [m.name for m in enum.members] == ["INVALID_PARAMETER", "NO_SUCH_KEY"]
    results = (
        "# R\n\n| 返回码 | 类型 | 说明 |\n|---|---|---|\n| 1001 | Failure | 参数错误 |\n"
        "| 1002 | Failure | 权限不足 |\n"
    )
    (enum,) = enums(parse(results, source="r.md"))
    assert [m.name for m in enum.members] == ["CODE_1001", "CODE_1002"]


def test_codes_written_with_a_hyphen_are_members_not_ranges() -> None:
    """`400-01` is a code (the second number is no greater bound): the enum was empty."""
    page = (
        "# E\n\n| Error code | Message |\n|---|---|\n| 400-01 | a |\n| 400-02 | b |\n"
        "| 3000-3999 | a range |\n"
    )
    (enum,) = enums(parse(page, source="e.md"))
    assert [m.value for m in enum.members] == ["400-01", "400-02"]


def test_a_long_table_of_result_codes_and_phrases_is_named_in_linear_time() -> None:
    """Whether the phrases name the members was asked at every row, reading every row
    each time: 20,000 rows took minutes (found while measuring)."""
    run = run_python(
        "import time; from codetables.parse import parse; from codetables.render import render\n"
        "rows = ''.join(f'| {i} | Phrase Number {i} | d |\\n' for i in range(1, 20_001))\n"
        "page = '# R\\n\\n| Code | Reason phrase | Description |\\n|---|---|---|\\n' + rows\n"
        "start = time.process_time(); render(parse(page, source='r.md'), 'r')\n"
        "print(time.process_time() - start)",
        timeout=300,
    )
    assert float(run.stdout) < 30, run.stderr
