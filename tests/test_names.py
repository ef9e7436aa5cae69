"""Enum member names: derived from the phrase, always valid, safe and unique."""

from __future__ import annotations

import keyword

import pytest

from codetables.names import RESERVED, constant_name, member_names
from codetables.parse import parse
from codetables.pyenum import enums


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
    """`N/A`, `-`, `—`, `...`, `NA` and `None` under `Error code` state no code (as lint
    says: `empty-code`): their rows stay in `*_ROWS`, and make no `N_A` or `ERROR_X`
    member (found by review, on Google's HTTP to gRPC mapping)."""
    rows = "".join(
        f"| {code} | row {n} |\n" for n, code in enumerate(["E1", "N/A", "-", "—", "...", "NA"])
    )
    page = f"# t\n\n| Error code | Description |\n| --- | --- |\n{rows}| None | last |\n"
    (enum,) = enums(parse(page, source="p.md"))
    assert [(m.name, m.value) for m in enum.members] == [("E1", "E1")]
    assert len(enum.rows) == 7


def test_a_code_written_in_capitals_as_a_placeholder_word_is_a_code() -> None:
    """Kafka's `NONE` (error 0) is written as its other codes are: a member, not a
    placeholder; `None` written as a word is one."""
    page = (
        "# t\n\n| Error code | Description |\n| --- | --- |\n"
        "| UNKNOWN_SERVER_ERROR | a |\n| NONE | b |\n| NULL | c |\n| None | d |\n"
    )
    (enum,) = enums(parse(page, source="p.md"))
    assert [m.name for m in enum.members] == ["UNKNOWN_SERVER_ERROR", "NONE", "NULL"]


def test_a_status_cell_that_writes_its_phrase_gives_the_members_phrase() -> None:
    """Stripe's untitled `200 - OK | …` and GitLab's `` `422 Unprocessable` ``: with no
    phrase column, the phrase the status cell writes is the member's `phrase` and name, as
    lint already read it (found by review); a phrase in another script only describes."""
    page = (
        "# t\n\n| | |\n| --- | --- |\n| 200 - OK | it worked |\n"
        "| 402 - Request Failed | it failed |\n"
        "| `422 Unprocessable` | not valid |\n| 404 未找到 | not here |\n| 500 | it broke |\n"
    )
    (enum,) = enums(parse(page, source="p.md"))
    assert [(m.name, m.value, m.values) for m in enum.members] == [
        ("OK", 200, ("OK", "it worked")),
        ("REQUEST_FAILED", 402, ("Request Failed", "it failed")),
        ("UNPROCESSABLE", 422, ("Unprocessable", "not valid")),
        ("NOT_FOUND", 404, ("", "not here")),
        ("INTERNAL_SERVER_ERROR", 500, ("", "it broke")),
    ]
