"""`codetables diff`: the change in meaning between two versions of a page, in words.

Pinned with the real history of the CCI pages (../shared/corpus), and with small pages for
each kind of change: rows matched by code (and module, or position where codes repeat),
fields old → new, paragraph breaks named as such, markup and layout never a change.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from codetables.cli import main
from codetables.compare import compare
from codetables.model import Role
from codetables.parse import parse
from codetables.render import payload
from conftest import shared_corpus

CORPUS = shared_corpus("corpus", "CODETABLES_CORPUS")
CCI = CORPUS / "pages" / "cci" / "cn.zh-cn"
STATUS = {
    "2018": CCI / "status" / "20181127T183623_b44e11f.md",
    "2019": CCI / "status" / "20191209T145630_686226e.md",
    "2020-06": CCI / "status" / "20200606T161732_e641f7f.md",
    "2021-09": CCI / "status" / "20210913T155222_9fc8aa2.md",
}
ERROR_HTML = CCI / "error" / "20210913T155222_9fc8aa2.md"
ERROR_PIPE = CCI / "error" / "20221031T091004_e6d59a8.md"
needs_corpus = pytest.mark.skipif(
    not CCI.is_dir(), reason=f"the shared corpus is not beside this clone ({CORPUS} is absent)"
)


def run(capsys: pytest.CaptureFixture[str], *arguments: str | Path) -> tuple[int, str, str]:
    code = main(["diff", *(str(argument) for argument in arguments)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@needs_corpus
@pytest.mark.parametrize(("old", "new"), [("2018", "2019"), ("2020-06", "2021-09")])
def test_versions_of_the_cci_status_page_that_differ_in_markup_only(
    capsys: pytest.CaptureFixture[str], old: str, new: str
) -> None:
    """2018 → 2019 (line endings) and 2020-06 → 2021-09 (`<span>` wrappers): no change in
    meaning, exit 0 even with --exit-code."""
    assert run(capsys, STATUS[old], STATUS[new], "--exit-code") == (
        0,
        "no change in meaning\n",
        "",
    )


@needs_corpus
def test_the_cci_status_page_gained_exactly_one_row(capsys: pytest.CaptureFixture[str]) -> None:
    """2019 → 2020-06 adds `200 OK` and nothing else; --exit-code makes that exit 1."""
    expected = "table 1: row 200 added: 200 | OK | GET、PUT、POST操作正常返回。\n"
    assert run(capsys, STATUS["2019"], STATUS["2020-06"]) == (0, expected, "")
    assert run(capsys, STATUS["2019"], STATUS["2020-06"], "--exit-code") == (1, expected, "")


@needs_corpus
def test_the_cci_error_page_from_html_to_pipe_table_changed_two_cells(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """2021-09 (HTML) → 2022-10 (pipe table): one paragraph break lost in the conversion,
    named as such, and one typo fixed; the 108 other rows are the same."""
    code, out, _ = run(capsys, ERROR_HTML, ERROR_PIPE)
    assert (code, out.splitlines()) == (
        0,
        [
            "table 1 (错误码说明): row CCI.01.400308: 处理措施: paragraph breaks only: "
            "'请导入支持的存储格式，如 sas、ssd和sata' → '请导入支持的存储格式，如sas、ssd和sata'",
            "table 1 (错误码说明): row CCI.01.403105: 描述: "
            "'创建命名空间失败，您可能没有ccicci:namespace:create权限' → "
            "'创建命名空间失败，您可能没有cci:namespace:create权限'",
        ],
    )


@needs_corpus
def test_diff_as_json_for_machines(capsys: pytest.CaptureFixture[str]) -> None:
    """`--format json`: both paths, whether the meaning changed, each row and field."""
    code, out, _ = run(capsys, ERROR_HTML, ERROR_PIPE, "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert (data["changed"], data["breaks_only"], data["unreadable"]) == (True, False, False)
    (table,) = data["tables"]
    assert (table["change"], table["table"], table["kind"]) == ("changed", 1, "error-code")
    assert [(row["change"], row["code"]) for row in table["rows"]] == [
        ("changed", "CCI.01.400308"),
        ("changed", "CCI.01.403105"),
    ]
    assert table["rows"][0]["fields"] == [
        {
            "column": "remedy",
            "header": "处理措施",
            "old": "请导入支持的存储格式，如 sas、ssd和sata",
            "new": "请导入支持的存储格式，如sas、ssd和sata",
            "breaks_only": True,
        }
    ]


BEFORE = """# 错误码

**表 1** 错误码

| 模块 | 状态码 | 错误码 | 错误信息 |
| --- | --- | --- | --- |
| 公共 | 400 | E.1 | bad |
| 网络 | 400 | E.1 | bad network |
| 公共 | 404 | E.2 | missing |
| 公共 | 409 | E.3 | first |
| 公共 | 409 | E.3 | second |
"""


def changes(old: str, new: str) -> list[str]:
    return compare(
        payload(parse(old, source="old.md"), lines=False),
        payload(parse(new, source="new.md"), lines=False),
    ).lines()


def test_layout_and_markup_are_no_change() -> None:
    """Text added above the table, the table as HTML instead of a pipe table: no change."""
    moved = BEFORE.replace("# 错误码\n", "# 错误码\n\n调用接口出错后，将返回错误码。\n\n")
    assert changes(BEFORE, moved) == ["no change in meaning"]
    html = (
        "# 错误码\n\n**表 1** 错误码\n\n<table><tr><th>模块</th><th>状态码</th><th>错误码</th>"
        "<th>错误信息</th></tr>\n"
        + "".join(
            "<tr>" + "".join(f"<td><p>{c}</p></td>" for c in row) + "</tr>\n"
            for row in (
                ("公共", "400", "E.1", "bad"),
                ("网络", "400", "E.1", "bad network"),
                ("公共", "404", "E.2", "missing"),
                ("公共", "409", "E.3", "first"),
                ("公共", "409", "E.3", "second"),
            )
        )
        + "</table>\n"
    )
    assert changes(BEFORE, html) == ["no change in meaning"]


def test_rows_are_matched_by_code_and_module_or_by_position_where_codes_repeat() -> None:
    """E.1 under two modules stays two rows; the second E.3 is matched with the second."""
    new = BEFORE.replace("| 网络 | 400 | E.1 | bad network |", "| 网络 | 400 | E.1 | worse |")
    new = new.replace("| 公共 | 409 | E.3 | second |", "| 公共 | 409 | E.3 | later |")
    assert changes(BEFORE, new) == [
        "table 1 (表 1 错误码): row E.1 (网络): 错误信息: 'bad network' → 'worse'",
        "table 1 (表 1 错误码): row E.3 (公共) #2: 错误信息: 'second' → 'later'",
    ]


def test_rows_added_removed_and_reordered() -> None:
    """A row removed and one added are named by code; a new order is said once."""
    new = BEFORE.replace("| 公共 | 404 | E.2 | missing |\n", "")
    new = new.replace("| 公共 | 400 | E.1 | bad |\n", "") + "| 公共 | 400 | E.1 | bad |\n"
    new += "| 公共 | 500 | E.9 | broken |\n"
    assert changes(BEFORE, new) == [
        "table 1 (表 1 错误码): rows reordered (first out of place: E.1 (网络))",
        "table 1 (表 1 错误码): row E.9 (公共) added: 公共 | 500 | E.9 | broken",
        "table 1 (表 1 错误码): row E.2 (公共) removed: 公共 | 404 | E.2 | missing",
    ]


def test_a_footnotes_mark_added_to_a_code_changes_its_row_not_the_rows() -> None:
    """`E.2` becoming `E.2¹` (a footnote added): the same row, its cell changed, not a row
    removed and another added (found by review)."""
    new = BEFORE.replace(
        "| 公共 | 404 | E.2 | missing |", "| 公共 | 404 | E.2<sup>1</sup> | missing |"
    )
    found = changes(BEFORE, new)
    assert not any("added" in line or "removed" in line for line in found), found
    assert any("E.2" in line for line in found), found


def test_tables_added_and_removed_and_page_title() -> None:
    """A table of another kind added, the page retitled: said in words."""
    status = "\n| 状态码 | 说明 |\n| --- | --- |\n| 200 | OK |\n| 404 | missing |\n"
    assert changes(BEFORE, BEFORE.replace("# 错误码", "# 错误码说明") + status) == [
        "page title: '错误码' → '错误码说明'",
        "table 2 added: http-status, 2 rows (200, 404)",
    ]
    assert changes(BEFORE + status, BEFORE) == ["table 2 removed: http-status, 2 rows (200, 404)"]


def test_a_header_renamed_is_said_once() -> None:
    """The same column under another header: one line, not a change in every row."""
    new = BEFORE.replace(
        "| 模块 | 状态码 | 错误码 | 错误信息 |", "| 模块 | 状态码 | 错误码 | 错误消息 |"
    )
    assert changes(BEFORE, new) == [
        "table 1 (表 1 错误码): column 4 renamed '错误信息' → '错误消息'"
    ]


def test_a_header_renamed_into_another_role_keeps_the_cells_together() -> None:
    """`错误信息` → `说明` changes the column's role (message → description): said once,
    the cells are the same, so no row changed."""
    new = BEFORE.replace(
        "| 模块 | 状态码 | 错误码 | 错误信息 |", "| 模块 | 状态码 | 错误码 | 说明 |"
    )
    assert changes(BEFORE, new) == [
        "table 1 (表 1 错误码): column 4 renamed '错误信息' → '说明'",
        "table 1 (表 1 错误码): column '说明': role message → description",
    ]


def test_a_column_added_or_removed_is_said_once() -> None:
    """A new column is one line, not one per row; so is a column dropped."""
    wider = BEFORE.replace(
        "| 错误信息 |\n| --- | --- | --- | --- |",
        "| 错误信息 | 处理措施 |\n| --- | --- | --- | --- | --- |",
    )
    wider = "\n".join(
        line + " 请重试 |" if line.startswith("| 公共") or line.startswith("| 网络") else line
        for line in wider.split("\n")
    )
    assert changes(BEFORE, wider) == ["table 1 (表 1 错误码): column '处理措施' added"]
    assert changes(wider, BEFORE) == ["table 1 (表 1 错误码): column '处理措施' removed"]


def test_a_table_split_in_two_says_which_rows_moved() -> None:
    """Two rows taken out into a second table of the same kind: moved, not removed and
    added."""
    split = BEFORE.replace("| 公共 | 409 | E.3 | first |\n| 公共 | 409 | E.3 | second |\n", "")
    split += (
        "\n**表 2** 冲突\n\n| 模块 | 状态码 | 错误码 | 错误信息 |\n| --- | --- | --- | --- |\n"
        "| 公共 | 409 | E.3 | first |\n| 公共 | 409 | E.3 | second |\n"
    )
    assert changes(BEFORE, split) == [
        "table 1 (表 1 错误码): row E.3 (公共) moved to table 2",
        "table 1 (表 1 错误码): row E.3 (公共) #2 moved to table 2",
        "table 2 (表 2 冲突) added: error-code, 2 rows; 2 moved from other tables",
    ]


def test_a_role_override_is_a_change_of_role_not_of_every_cell() -> None:
    """The same page read with `[tool.codetables.roles]` giving 错误信息 another role:
    one line for the column, no row."""
    before = payload(parse(BEFORE, source="p.md"), lines=False)
    after = payload(parse(BEFORE, source="p.md", roles={"错误信息": Role.DESCRIPTION}), lines=False)
    assert compare(before, after).lines() == [
        "table 1 (表 1 错误码): column '错误信息': role message → description"
    ]


def git_in(folder: Path, *arguments: str) -> None:
    """git run in `folder` with no user or system configuration, and an author."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    environment = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    author = ["-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    subprocess.run(["git", *author, "-C", str(folder), *arguments], check=True, env=environment)


def test_either_side_may_be_read_from_git(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`REV:PATH` reads the page as committed; a bad revision is a usage error, exit 2."""
    monkeypatch.chdir(tmp_path)
    git_in(tmp_path, "init", "-q")
    (tmp_path / "page.md").write_text(BEFORE, encoding="utf-8")
    git_in(tmp_path, "add", "page.md")
    git_in(tmp_path, "commit", "-qm", "page")
    (tmp_path / "page.md").write_text(BEFORE.replace("missing", "gone"), encoding="utf-8")
    assert run(capsys, "HEAD:page.md", "page.md", "--exit-code") == (
        1,
        "table 1 (表 1 错误码): row E.2 (公共): 错误信息: 'missing' → 'gone'\n",
        "",
    )
    code, out, err = run(capsys, "HEAD~5:page.md", "page.md")
    assert (code, out) == (2, "")
    assert err.startswith("error: HEAD~5:page.md: cannot read it from git (fatal: ")
    code, out, err = run(capsys, "HEAD:./", "page.md")  # a folder, not a page
    assert (code, out, err) == (
        2,
        "",
        "error: HEAD:./: cannot read it from git (a folder, not a file), expected REV:PATH "
        "of a page\n",
    )
    injected = tmp_path / "x:y"
    code, out, err = run(capsys, "--", f"--output={injected}", "page.md")
    assert (code, err) == (
        2,
        f"error: --output={injected}: a revision cannot start with '-', expected REV:PATH\n",
    )
    assert not injected.exists()


def test_a_symbolic_link_committed_in_git_is_read_as_the_file_it_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`HEAD:docs/latest.md`, a link to `v2.md` in the tree, reads `v2.md` as a checkout
    shows it (the blob held the link's text, `v2.md`, read as a page without tables). A
    link out of the repository, to nothing, or in a loop is a usage error, exit 2."""
    monkeypatch.chdir(tmp_path)
    git_in(tmp_path, "init", "-q")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "v2.md").write_text(BEFORE, encoding="utf-8")
    links = {"latest.md": "v2.md", "out.md": "../../elsewhere.md", "gone.md": "v3.md"}
    links |= {"a.md": "b.md", "b.md": "a.md"}
    for name, target in links.items():
        (docs / name).symlink_to(target)
    (docs / "sub").mkdir()
    (docs / "sub" / "e.md").write_text(BEFORE, encoding="utf-8")
    (docs / "current").symlink_to("sub")  # a link to a folder: its blob is its text
    git_in(tmp_path, "add", "-A")
    git_in(tmp_path, "commit", "-qm", "pages")
    (docs / "v2.md").write_text(BEFORE.replace("missing", "gone"), encoding="utf-8")
    changed = "table 1 (表 1 错误码): row E.2 (公共): 错误信息: 'missing' → 'gone'\n"
    assert run(capsys, "HEAD:docs/latest.md", "docs/v2.md") == (0, changed, "")
    monkeypatch.chdir(docs)
    assert run(capsys, "HEAD:./latest.md", "v2.md") == (0, changed, "")
    assert run(capsys, "HEAD:./current", "v2.md") == (
        2,
        "",
        "error: HEAD:./current: cannot read it from git (a folder, not a file), expected "
        "REV:PATH of a page\n",
    )
    for name, problem in [
        ("out.md", "is a symbolic link in git to '../elsewhere.md', outside the repository"),
        ("gone.md", "is a symbolic link in git to no file (dangling)"),
        ("a.md", "is a loop of symbolic links in git"),
    ]:
        assert run(capsys, f"HEAD:./{name}", "v2.md") == (
            2,
            "",
            f"error: HEAD:./{name}: {problem}, expected a file\n",
        )


def test_a_page_missing_from_a_partial_clone_is_never_fetched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A partial clone (`--filter=blob:none`) lacks the page's blob: git fetched it from the
    promisor remote, with no time bound, and a remote that never answers left `diff`
    waiting for ever (found by a probe). git now never fetches; the run says it cannot read
    the page, exit 2. The remote's command records whether it was ever started."""
    source, clone = tmp_path / "source", tmp_path / "clone"
    git_in(tmp_path, "init", "-q", str(source))
    (source / "page.md").write_text(BEFORE, encoding="utf-8")
    git_in(source, "add", "page.md")
    git_in(source, "commit", "-qm", "p")
    git_in(source, "config", "uploadpack.allowFilter", "true")
    git_in(tmp_path, "clone", "-q", "--filter=blob:none", "--no-checkout", source.as_uri(), "clone")
    git_in(clone, "remote", "set-url", "origin", "ssh://example.invalid/r")
    marker = tmp_path / "fetched"
    monkeypatch.setenv("GIT_SSH_COMMAND", f"touch '{marker}'; sleep 5; false")
    monkeypatch.chdir(clone)
    (clone / "page.md").write_text(BEFORE, encoding="utf-8")
    code, out, err = run(capsys, "HEAD:page.md", "page.md")
    assert (code, out) == (2, "")
    assert err.startswith("error: HEAD:page.md: cannot read it from git (")
    assert not marker.exists()


def test_columns_in_another_order_are_a_change_said_once() -> None:
    """The same columns, two of them swapped: one line."""
    swapped = BEFORE.replace(
        "| 模块 | 状态码 | 错误码 | 错误信息 |", "| 状态码 | 模块 | 错误码 | 错误信息 |"
    )
    swapped = "\n".join(
        "| " + " | ".join([cells[1], cells[0], *cells[2:]]) + " |"
        if (
            (cells := [c.strip() for c in line.strip("|").split("|")]) and line.startswith("| 公共")
        )
        or line.startswith("| 网络")
        else line
        for line in swapped.split("\n")
    )
    assert changes(BEFORE, swapped) == ["table 1 (表 1 错误码): columns reordered"]


def test_tables_merged_into_one_say_where_the_rows_went() -> None:
    """A second table folded into the first: its rows moved, said once."""
    second = (
        "\n**表 2** 冲突\n\n| 模块 | 状态码 | 错误码 | 错误信息 |\n| --- | --- | --- | --- |\n"
        "| 公共 | 500 | E.9 | broken |\n"
    )
    merged = BEFORE + "| 公共 | 500 | E.9 | broken |\n"
    assert changes(BEFORE + second, merged) == [
        "table 2 (表 2 冲突) removed: error-code, 1 row (E.9 (公共)); 1 moved to table 1",
    ]
