"""`codetables lint`: the pages' departures from the HTTP status registry and from each other."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from codetables.cli import main
from codetables.lint import FORMAT, RULES, Finding, lint
from codetables.model import Document
from codetables.parse import parse
from conftest import ROOT, SEED, read_manifest, shared_corpus, skip_without

CORPUS = shared_corpus("corpus", "CODETABLES_CORPUS")

STATUS_PAGE = """# Status codes

| Status | Phrase | Description |
| --- | --- | --- |
| 204 | NoContent | Nothing to send. |
| 299 | Fine | Not a registered code. |
| 306 | Switch Proxy | Reserved. |
| 408 | Request Time-out | The old wording. |
| 504 | ServerTimeout | Not the registry's phrase. |
| - | Unknown | A row without a code. |
"""
ERROR_PAGE = """# Error codes

| Status Code | Error Code | Error Message |
| --- | --- | --- |
| 400 | APIGW.0101 | The API does not exist. |
| 494 | APIGW.0102 | Not a registered status. |
| 404 | APIGW.0101 | The same code, another status. |
| 4000 | APIGW.0103 | Not a status at all. |
|  | | An empty row. |
"""
CHINESE_PAGE = """# 状态码

| 状态码 | 说明 |
| --- | --- |
| 200 | 请求成功 |
| 404 | 资源不存在 |
"""


def findings(*pages: tuple[str, str]) -> list[tuple[str, int, str, str]]:
    documents = [parse(text, source=path) for path, text in pages]
    return [(f.path, f.line, f.rule, f.code) for f in lint(documents)]


def test_the_seed_departs_from_the_registry_at_306_and_504(seed_document: Document) -> None:
    """The seed's `Request Time-out` for 408 is the registry's phrase in an older wording;
    `ServerTimeout` for 504 is not, and 306 is assigned to nothing."""
    found = lint([seed_document])
    assert [(f.rule, f.code) for f in found] == [
        ("unassigned-status", "306"),
        ("nonstandard-phrase", "504"),
    ]
    assert found[1].message == (
        '504 is "ServerTimeout", expected the registry\'s phrase "Gateway Timeout"'
    )
    lines = SEED.read_text(encoding="utf-8").splitlines()
    assert all(f.line > 0 for f in found)
    assert any("504" in line for line in lines[found[1].line - 1 : found[1].line + 8])


def test_a_status_table_is_checked_code_by_code() -> None:
    assert findings(("s.md", STATUS_PAGE)) == [
        ("s.md", 6, "unregistered-status", "299"),
        ("s.md", 7, "unassigned-status", "306"),
        ("s.md", 9, "nonstandard-phrase", "504"),
        ("s.md", 10, "empty-code", "-"),
    ]


def test_an_error_code_table_is_checked_for_statuses_and_consistency() -> None:
    found = findings(("e.md", ERROR_PAGE))
    assert found == [
        ("e.md", 6, "unregistered-status", "494"),
        ("e.md", 7, "inconsistent-status", "APIGW.0101"),
        ("e.md", 8, "page-warning", ""),
        ("e.md", 9, "empty-code", ""),
    ]
    messages = [f.message for f in lint([parse(ERROR_PAGE, source="e.md")])]
    assert messages[0] == "APIGW.0102: 494 is not in the HTTP status registry"
    assert messages[1] == "APIGW.0101 is given HTTP statuses 400 and 404 in one table"
    assert messages[2].startswith("status cell '4000' is not an HTTP status")


def test_phrases_written_in_another_language_are_not_compared() -> None:
    assert findings(("zh.md", CHINESE_PAGE)) == []


def test_one_status_with_two_phrases_across_pages_is_inconsistent() -> None:
    """Phrases other than the registry's are compared with the first such one; a page using
    the registry's phrase is never the one blamed, whatever the order of pages."""
    pages = {
        name: f"# {name}\n\n| Status | Phrase |\n| --- | --- |\n| 404 | {phrase} |\n"
        for name, phrase in [("a.md", "Not found"), ("b.md", "Missing"), ("c.md", "Absent")]
    }
    assert findings(*pages.items()) == [
        ("b.md", 5, "nonstandard-phrase", "404"),
        ("c.md", 5, "inconsistent-phrase", "404"),
        ("c.md", 5, "nonstandard-phrase", "404"),
    ]
    backwards = findings(*reversed(pages.items()))
    assert [f for f in backwards if f[0] == "a.md"] == []


def test_one_error_code_with_other_statuses_on_another_page_is_inconsistent() -> None:
    first = "# A\n\n| Status Code | Error Code |\n| --- | --- |\n| 400 | E.1 |\n| 400 | - |\n"
    second = "# B\n\n| Status Code | Error Code |\n| --- | --- |\n| 404 | E.1 |\n| 500 | - |\n"
    assert findings(("a.md", first), ("b.md", second)) == [
        ("a.md", 6, "empty-code", "-"),
        ("b.md", 5, "inconsistent-status", "E.1"),
        ("b.md", 6, "empty-code", "-"),
    ]


def test_a_code_marked_for_a_footnote_is_the_code_its_statuses_are_told_by() -> None:
    """`E.1¹` and `E.1` are one code, as the module keys it (found by review: the mark hid
    that E.1 was given two statuses)."""
    page = (
        "# A\n\n<table><tr><th>Status Code</th><th>Error Code</th></tr>\n"
        "<tr><td>400</td><td>E.1<sup>1</sup></td></tr>\n<tr><td>500</td><td>E.1</td></tr>\n"
        "</table>\n"
    )
    assert findings(("a.md", page)) == [("a.md", 5, "inconsistent-status", "E.1")]


@pytest.mark.parametrize(
    ("status", "phrase", "departs"),
    [
        ("200", "200 OK", False),
        ("200", "HTTP/1.1 200 OK", False),
        ("403", "Forbidden (403)", False),
        ("Forbidden (403)", "", False),
        ("Not Found (403)", "", True),
        ("404 (Not Found)", "", False),
        ("404：Not Found", "", False),
        ("404", "404", False),
    ],
)
def test_the_status_written_beside_a_phrase_is_not_part_of_it(
    status: str, phrase: str, departs: bool
) -> None:
    page = f"# S\n\n| Status | Phrase |\n| --- | --- |\n| {status} | {phrase} |\n"
    if not phrase:
        page = f"# S\n\n| Status | Meaning |\n| --- | --- |\n| {status} | 说明 |\n"
    rules = [rule for _, _, rule, _ in findings(("s.md", page))]
    assert rules == (["nonstandard-phrase"] if departs else [])


def test_a_phrase_inside_the_status_cell_is_compared() -> None:
    page = "# S\n\n| Status | Meaning |\n| --- | --- |\n| 504 Server Timeout | 超时 |\n"
    assert findings(("s.md", page)) == [("s.md", 5, "nonstandard-phrase", "504")]


def test_the_parsers_warnings_are_findings_too() -> None:
    page = "# S\n\n| Status | Phrase |\n| --- | --- |\n| 200 | OK |\n| 200 | OK |\n"
    found = lint([parse(page, source="s.md")])
    assert [(f.rule, f.line) for f in found] == [("page-warning", 6)]


def test_every_rule_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for rule in RULES:
        assert f"`{rule}`" in readme, rule


def test_lint_prints_findings_with_file_and_line_and_exits_0(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["lint"]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "seeds/cci-status-codes.md:121: unassigned-status: 306 is unassigned in the registry "
        "(Unused)",
        'seeds/cci-status-codes.md:304: nonstandard-phrase: 504 is "ServerTimeout", expected '
        'the registry\'s phrase "Gateway Timeout"',
    ]
    assert err == "2 findings on 1 of 1 page\n"
    assert not (project / "output").exists()


def test_lint_strict_exits_1_on_findings_and_0_without(project: Path) -> None:
    assert main(["lint", "--strict", "-q", "seeds/cci-status-codes.md"]) == 1
    (project / "seeds" / "clean.md").write_text(CHINESE_PAGE, encoding="utf-8")
    assert main(["lint", "--strict", "-q", "seeds/clean.md"]) == 0


def test_lint_json_lists_every_finding(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", "--format", "json", "-q"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["format"] == FORMAT
    assert [(f["rule"], f["code"], f["line"]) for f in data["findings"]] == [
        ("unassigned-status", "306", 121),
        ("nonstandard-phrase", "504", 304),
    ]
    assert set(data["findings"][0]) == {"path", "line", "rule", "code", "message"}


def test_lint_of_a_page_without_code_tables_is_an_error(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "seeds" / "prose.md").write_text("# Prose\n\nNo table.\n", encoding="utf-8")
    assert main(["lint", "seeds/prose.md"]) == 2
    assert capsys.readouterr().err.startswith("error: seeds/prose.md:")


def test_lint_reports_a_broken_page_and_exits_2(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "seeds" / "broken.md").write_bytes(b"# X\n\n\xff\xfe not utf-8 | a |\n")
    assert main(["lint"]) == 2
    assert "seeds/broken.md" in capsys.readouterr().err


@skip_without(CORPUS, "the Huawei corpus")
def test_every_cci_status_page_version_is_told_504_is_not_server_timeout() -> None:
    """Over the real pages: each version of the CCI status page that calls 504
    `ServerTimeout` gets the finding, and every finding names a known rule and a line."""
    rows = [
        row
        for row in read_manifest(CORPUS)
        if row["kind"] == "status" and row["file"].startswith("pages/cci/")
    ]
    documents = [
        parse((CORPUS / row["file"]).read_text(encoding="utf-8"), source=row["file"])
        for row in rows
    ]
    found: list[Finding] = lint(documents)
    assert all(f.rule in RULES and f.line > 0 for f in found)
    server_timeout = [d for d in documents if "ServerTimeout" in (CORPUS / d.path).read_text()]
    assert server_timeout
    flagged = {f.path for f in found if f.rule == "nonstandard-phrase" and f.code == "504"}
    assert flagged == {d.path for d in server_timeout}


def test_lint_says_empty_code_of_every_row_the_module_gives_no_member() -> None:
    """`NULL` among integer result codes makes no member of the `IntEnum` (its row is in
    `*_ROWS` only): lint says so, as it says of `-`; `None` among error codes is a code, a
    member, and no finding (found by review: the two disagreed)."""
    page = (
        "| Code | Description |\n| --- | --- |\n| 0 | ok |\n| 1 | bad |\n| NULL | x |\n| - | y |\n"
    )
    found = lint([parse(page, source="r.md")])
    assert [(f.rule, f.code) for f in found if f.rule == "empty-code"] == [
        ("empty-code", "NULL"),
        ("empty-code", "-"),
    ]
    errors = "| Error code | Description |\n| --- | --- |\n| E1 | a |\n| None | b |\n| - | c |\n"
    found = lint([parse(errors, source="e.md")])
    assert [f.code for f in found if f.rule == "empty-code"] == ["-"]


def test_lint_says_no_empty_code_of_a_heading_row() -> None:
    """A heading row (`<td colspan="2">Common codes</td>`) names no code and no member:
    it is no finding, in a table of integer codes too (found by review)."""
    page = (
        "<table><tr><th>Code</th><th>Description</th></tr>\n"
        '<tr><td colspan="2">Common codes</td></tr>\n'
        "<tr><td>0</td><td>ok</td></tr>\n<tr><td>1</td><td>bad</td></tr>\n"
        "<tr><td>NULL</td><td>x</td></tr></table>\n"
    )
    found = lint([parse(page, source="h.md")])
    assert [f.code for f in found if f.rule == "empty-code"] == ["NULL"]


def test_lint_says_no_empty_code_of_a_row_in_words_among_integer_codes() -> None:
    """`其他` and `Any other value` below integer codes are the codes not listed, written
    on purpose: no finding, as a heading row is none; `NULL` among them still is one."""
    page = (
        "| Code | Description |\n| --- | --- |\n| 0 | ok |\n| 1 | bad |\n| 2 | worse |\n"
        "| 其他 | 未知错误 |\n| Any other value | unknown |\n| NULL | x |\n"
    )
    found = lint([parse(page, source="r.md")])
    assert [f.code for f in found if f.rule == "empty-code"] == ["NULL"]
