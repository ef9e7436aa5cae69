"""A docs team's tree of pages: zero-config names, the index, and no churn from layout."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from codetables.cli import main
from conftest import ROOT, SEED

ERRORS = """# 错误码

| 状态码 | 错误码 | 错误信息 | 处理措施 |
| --- | --- | --- | --- |
| 400 | {service}.0001 | Invalid parameter. | 检查参数 |
| 404 | {service}.0002 | Not found. | 确认资源 |
"""
SERVICES = ("ecs", "vpc", "cci")
MANIFEST = ".codetables-manifest.json"
LISTS = ("index.md", MANIFEST)
PAGE = "docs/{}/cn.zh-cn/API参考/状态码.md"
"""The files that list every page, so change when a page is added."""
CONFIG = """[tool.codetables]
sources = ["docs/*/cn.zh-cn/**/状态码.md", "docs/*/cn.zh-cn/**/错误码.md"]
output = "generated"
"""


def add_service(root: Path, service: str) -> None:
    """A service's two pages, `状态码.md` and `错误码.md`, as docs trees lay them out."""
    folder = root / "docs" / service / "cn.zh-cn" / "API参考"
    folder.mkdir(parents=True)
    shutil.copyfile(SEED, folder / "状态码.md")
    (folder / "错误码.md").write_text(ERRORS.format(service=service.upper()), "utf-8")


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Three services, each with a 状态码.md and an 错误码.md, and no names configured."""
    for service in SERVICES:
        add_service(tmp_path, service)
    (tmp_path / "pyproject.toml").write_text(CONFIG, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def files(directory: Path) -> dict[str, bytes]:
    return {
        path.relative_to(directory).as_posix(): path.read_bytes()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


def load(path: Path) -> ModuleType:
    """Import a generated module from its file, under its own name."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_docs_tree_generates_with_no_names_configured(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Pages with the same file name in several services get artifacts of their own, in
    the tree's own layout below the patterns' fixed directory, and every module imports."""
    assert main(["generate"]) == 0
    assert capsys.readouterr().err.endswith(
        "6 sources, 6 tables, 132 rows → 19 files written, 0 unchanged\n"
    )
    produced = files(tree / "generated")
    for service in SERVICES:
        for page in ("状态码", "错误码"):
            for suffix in (".py", ".md", ".json"):
                assert f"{service}/cn.zh-cn/API参考/{page}{suffix}" in produced
    assert len(produced) == 20  # and the manifest
    for service in SERVICES:
        folder = tree / "generated" / service / "cn.zh-cn" / "API参考"
        assert load(folder / "状态码.py").StatusCode(404).name == "NOT_FOUND"
        errors = load(folder / "错误码.py")
        assert errors.ErrorCode(f"{service.upper()}.0002").http_status == 404
        assert json.loads((folder / "错误码.json").read_text("utf-8"))["source"]["path"] == (
            f"docs/{service}/cn.zh-cn/API参考/错误码.md"
        )


def test_names_are_stable_when_pages_are_added(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A new service adds its artifacts; every existing artifact is left byte for byte, only
    the index changes."""
    main(["generate", "-q"])
    before = files(tree / "generated")
    add_service(tree, "obs")
    assert main(["generate", "-v"]) == 0
    err = capsys.readouterr().err
    after = files(tree / "generated")
    assert {name: data for name, data in after.items() if name in before and name not in LISTS} == {
        name: data for name, data in before.items() if name not in LISTS
    }
    written = sorted(
        line.removeprefix("wrote ") for line in err.splitlines() if line.startswith("wrote ")
    )
    assert written == sorted(
        [
            f"generated/obs/cn.zh-cn/API参考/{page}{suffix}"
            for page in ("状态码", "错误码")
            for suffix in (".py", ".md", ".json")
        ]
        + ["generated/index.md", f"generated/{MANIFEST}"]
    )


def test_configured_names_still_win(tree: Path) -> None:
    """`[tool.codetables.names]` overrides a default name, directories allowed."""
    (tree / "pyproject.toml").write_text(
        CONFIG + '[tool.codetables.names]\n"docs/ecs/cn.zh-cn/API参考/状态码.md" = "ecs/status"\n',
        encoding="utf-8",
    )
    assert main(["generate", "-q"]) == 0
    assert (tree / "generated" / "ecs" / "status.py").is_file()
    assert not (tree / "generated" / "ecs" / "cn.zh-cn" / "API参考" / "状态码.py").exists()


def test_the_index_lists_every_page_with_its_kinds_counts_and_links(tree: Path) -> None:
    """`index.md`: one row per page, sorted by artifact name, linked to its artifacts."""
    main(["generate", "-q"])
    index = (tree / "generated" / "index.md").read_text("utf-8").splitlines()
    assert index[0].startswith("<!-- Generated by codetables; do not edit; checksum ")
    assert index[1:7] == [
        "# Code tables",
        "",
        "Generated by codetables from 6 source pages; do not edit.",
        "",
        "| Page | Source | Kinds | Artifacts |",
        "| --- | --- | --- | --- |",
    ]
    quoted = "cci/cn.zh-cn/API%E5%8F%82%E8%80%83/%E7%8A%B6%E6%80%81%E7%A0%81"
    assert index[7] == (
        f"| [状态码]({quoted}.md) | docs/cci/cn.zh-cn/API参考/状态码.md | http-status: 42 codes | "
        f"[Python]({quoted}.py), [JSON]({quoted}.json) |"
    )
    assert len(index) == 13


GROUPED = """# Error codes

| HTTP status | Error code | Message |
| --- | --- | --- |
| **Common error codes of every service, listed first** | | |
| 400 | APIGW.0101 | Invalid parameter. |
| 404 | APIGW.0102 | Not found. |
| 404 | APIGW.0102 | Not found, on another path. |
| 500 | - | Any other error. |
"""


def test_the_index_counts_codes_not_rows(tree: Path) -> None:
    """A heading row, a code on a second row and a row that names no code list no code of
    their own: the index counts the page's codes, as its enum has them (it counted rows)."""
    page = tree / "docs" / "ecs" / "cn.zh-cn" / "API参考" / "错误码.md"
    page.write_text(GROUPED, "utf-8")
    assert main(["generate", "-q"]) == 0
    index = (tree / "generated" / "index.md").read_text("utf-8")
    row = next(line for line in index.splitlines() if "docs/ecs/cn.zh-cn/API参考/错误码.md" in line)
    assert "| error-code: 2 codes |" in row
    module = (tree / "generated" / "ecs" / "cn.zh-cn" / "API参考" / "错误码.py").read_text("utf-8")
    assert re.findall(r"^    (\w+) = \($", module, re.MULTILINE) == ["APIGW_0101", "APIGW_0102"]


def test_a_single_page_has_no_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One source: its three artifacts, nothing else."""
    monkeypatch.chdir(tmp_path)
    add_service(tmp_path, "ecs")
    assert main(["generate", "docs/ecs/cn.zh-cn/API参考/状态码.md", "--out", "out", "-q"]) == 0
    assert sorted(files(tmp_path / "out")) == [MANIFEST, "状态码.json", "状态码.md", "状态码.py"]


def test_a_source_named_index_cannot_hide_the_index(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A page configured to the artifact name `index` (any case) is refused with the
    configuration, before any page is read: the index takes `index.md`."""
    (tree / "pyproject.toml").write_text(
        CONFIG + '[tool.codetables.names]\n"docs/ecs/cn.zh-cn/API参考/状态码.md" = "Index"\n',
        encoding="utf-8",
    )
    assert main(["generate"]) == 2
    assert capsys.readouterr().err == (
        f"error: {tree / 'pyproject.toml'}:5: tool.codetables.names: 'Index' (for "
        "docs/ecs/cn.zh-cn/API参考/状态码.md) is the index's name (index.md lists the pages), "
        "expected another\n"
    )


def test_layout_changes_in_the_source_leave_every_artifact_byte_identical(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A sentence added above the table moves every row's line: nothing is rewritten and
    check passes, because committed artifacts carry no source lines."""
    main(["generate", "-q"])
    page = tree / "docs" / "ecs" / "cn.zh-cn" / "API参考" / "错误码.md"
    page.write_text(
        page.read_text("utf-8").replace("# 错误码\n", "# 错误码\n\n调用接口出错后返回错误码。\n\n"),
        encoding="utf-8",
    )
    assert main(["check"]) == 0
    assert main(["generate"]) == 0
    assert capsys.readouterr().err.endswith("0 files written, 19 unchanged\n")


def test_lines_in_json_artifacts_when_configured(tree: Path) -> None:
    """`lines = true` puts every table's and row's source line into the JSON artifacts."""
    (tree / "pyproject.toml").write_text(CONFIG + "lines = true\n", encoding="utf-8")
    main(["generate", "-q"])
    model = json.loads(
        (tree / "generated" / "ecs" / "cn.zh-cn" / "API参考" / "错误码.json").read_text("utf-8")
    )
    assert model["tables"][0]["line"] == 3
    assert [row["line"] for row in model["tables"][0]["rows"]] == [5, 6]


def test_artifacts_inside_the_docs_tree_are_never_read_as_sources(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With the output directory inside the tree the patterns search, the generated pages
    are not sources: a second run writes nothing new, however often it runs."""
    (tree / "pyproject.toml").write_text(
        CONFIG.replace('output = "generated"', 'output = "docs/generated"').replace(
            '"docs/*/cn.zh-cn/**/状态码.md", "docs/*/cn.zh-cn/**/错误码.md"', '"docs/**/*.md"'
        ),
        encoding="utf-8",
    )
    assert main(["generate", "-q"]) == 0
    first = files(tree / "docs" / "generated")
    for _ in range(2):
        assert main(["generate"]) == 0
        assert capsys.readouterr().err.endswith("0 files written, 19 unchanged\n")
    assert files(tree / "docs" / "generated") == first
    assert main(["generate", "docs/generated/index.md"]) == 2
    assert capsys.readouterr().err == (
        "error: docs/generated/index.md: is an artifact codetables generated, expected a "
        "documentation page\n"
    )


def test_two_processes_with_different_hash_seeds_write_identical_bytes(tree: Path) -> None:
    """Deterministic: set and dict ordering never leaks into an artifact or the index."""
    outputs = []
    for seed in ("1", "2"):
        out = tree / f"out-{seed}"
        subprocess.run(
            [sys.executable, "-m", "codetables", "generate", "--out", str(out), "-q"],
            cwd=tree,
            env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT / "parser")},
            check=True,
        )
        outputs.append(files(out))
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) == 20


def test_a_symlinked_page_never_makes_its_target_an_artifact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page that is a symbolic link to a page elsewhere is named where the tree shows it;
    its artifacts go to the artifacts directory, and the page it points to stays as it was."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "seeds").mkdir()
    shutil.copyfile(SEED, tmp_path / "seeds" / "status.md")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "status.md").symlink_to(Path("..") / "seeds" / "status.md")
    (tmp_path / "pyproject.toml").write_text('[tool.codetables]\nsources = ["docs/*.md"]\n')
    before = SEED.read_bytes()
    assert main(["generate", "-q"]) == 0
    assert main(["generate", "-q"]) == 0
    assert (tmp_path / "seeds" / "status.md").read_bytes() == before
    assert sorted(files(tmp_path / "output")) == [MANIFEST, "status.json", "status.md", "status.py"]


def test_pages_in_several_folders_named_on_the_command_line_stay_inside_the_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`generate ../other/a.md sub/b.md`: names below the folders' common directory, every
    file inside `--out`, and a second run finds them its own."""
    (tmp_path / "other").mkdir()
    (tmp_path / "project" / "sub").mkdir(parents=True)
    shutil.copyfile(SEED, tmp_path / "other" / "a.md")
    shutil.copyfile(SEED, tmp_path / "project" / "sub" / "b.md")
    monkeypatch.chdir(tmp_path / "project")
    for _ in range(2):
        assert main(["generate", "../other/a.md", "sub/b.md", "--out", "out", "-q"]) == 0
    assert sorted(files(tmp_path / "project" / "out")) == [
        MANIFEST,
        "other/a.json",
        "other/a.md",
        "other/a.py",
        "project/sub/b.json",
        "project/sub/b.md",
        "project/sub/b.py",
    ]


def test_a_run_on_named_pages_keeps_every_other_artifact(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`generate docs/ecs/…/状态码.md` writes that page under the name a full run gives it,
    and removes nothing: not the other pages' artifacts, not the index."""
    main(["generate", "-q"])
    before = files(tree / "generated")
    page = tree / "docs" / "ecs" / "cn.zh-cn" / "API参考" / "状态码.md"
    page.write_text(page.read_text("utf-8").replace(">Unauthorized<", ">Unauthenticated<"), "utf-8")
    assert main(["generate", "docs/ecs/cn.zh-cn/API参考/状态码.md", "-v"]) == 0
    err = capsys.readouterr().err
    assert not [line for line in err.splitlines() if line.startswith("removed ")]
    after = files(tree / "generated")
    assert set(after) == set(before)
    assert sorted(name for name in after if after[name] != before[name]) == [
        "ecs/cn.zh-cn/API参考/状态码.json",
        "ecs/cn.zh-cn/API参考/状态码.md",
        "ecs/cn.zh-cn/API参考/状态码.py",
    ]
    assert main(["check", "docs/ecs/cn.zh-cn/API参考/状态码.md"]) == 0


def test_removing_a_page_removes_its_artifacts_and_the_folders_they_leave_empty(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A deleted service: check names its artifacts extra; generate removes them and their
    now empty folders, nothing else."""
    main(["generate", "-q"])
    shutil.rmtree(tree / "docs" / "cci")
    assert main(["check"]) == 1
    extra = [line for line in capsys.readouterr().out.splitlines() if line.startswith("extra:")]
    assert len(extra) == 6
    assert main(["generate"]) == 0
    assert capsys.readouterr().err.endswith(
        "4 sources, 4 tables, 88 rows → 1 file written, 12 unchanged, 6 removed\n"
    )
    assert not (tree / "generated" / "cci").exists()


def test_a_shared_output_folder_keeps_artifacts_of_pages_that_still_exist(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--out .` over a tree holding another run's artifacts: they belong to pages that
    still exist, so nothing is removed and check lists nothing extra."""
    main(["generate", "-q"])
    before = files(tree / "generated")
    assert main(["generate", "--out", ".", "-v"]) == 0
    assert not [
        line for line in capsys.readouterr().err.splitlines() if line.startswith("removed ")
    ]
    assert files(tree / "generated") == before
    assert main(["check", "--out", "."]) == 0


def test_names_in_hidden_folders_are_found_again(tree: Path) -> None:
    """An artifact name with a hidden folder is written, and recognised on the next run."""
    (tree / "pyproject.toml").write_text(
        CONFIG + '[tool.codetables.names]\n"docs/ecs/cn.zh-cn/API参考/状态码.md" = ".hidden/ecs"\n',
        encoding="utf-8",
    )
    assert main(["generate", "-q"]) == 0
    assert main(["generate", "-q"]) == 0
    assert main(["check", "-q"]) == 0
    assert (tree / "generated" / ".hidden" / "ecs.py").is_file()


def test_a_symlinked_folder_inside_the_output_is_never_written_through(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An artifact whose folder is a symbolic link out of the artifacts directory is refused
    (exit 2) before anything is written; the place it points to stays empty."""
    elsewhere = tree / "elsewhere"
    elsewhere.mkdir()
    (tree / "generated").mkdir()
    (tree / "generated" / "ecs").symlink_to(elsewhere)
    assert main(["generate"]) == 2
    err = capsys.readouterr().err
    assert "would be written outside the artifacts directory" in err
    assert list(elsewhere.iterdir()) == []
    assert sorted(p.name for p in (tree / "generated").iterdir()) == ["ecs"]


def test_artifacts_of_an_older_codetables_are_replaced_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Artifacts written before generated headers (format codetables/1) are codetables'
    own: the upgrade replaces them instead of refusing."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "seeds").mkdir()
    shutil.copyfile(SEED, tmp_path / "seeds" / "cci-status-codes.md")
    out = tmp_path / "output"
    out.mkdir()
    (out / "cci_status_codes.json").write_text(
        '{\n  "format": "codetables/1",\n  "tables": []\n}\n'
    )
    (out / "cci_status_codes.py").write_text(
        '"""HTTP status codes of the page "状态码" (cci_02_0068).\n\n'
        'Generated by codetables from seeds/cci-status-codes.md; do not edit.\n"""\n',
        encoding="utf-8",
    )
    (out / "cci_status_codes.md").write_text(
        "# 状态码\n\nGenerated by codetables from seeds/cci\\-status\\-codes.md (page "
        "cci\\_02\\_0068); do not edit.\n",
        encoding="utf-8",
    )
    assert main(["check"]) == 1
    assert "its committed JSON model is missing, or of another format" in capsys.readouterr().out
    assert main(["generate"]) == 0
    assert capsys.readouterr().err.endswith("3 files written, 0 unchanged\n")
    assert main(["check", "-q"]) == 0


def test_with_lines_in_json_check_says_the_text_moved(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`lines = true`: a sentence above the table moves the lines in the JSON; check says
    the source moved its text, not that the tool changed."""
    (tree / "pyproject.toml").write_text(CONFIG + "lines = true\n", encoding="utf-8")
    main(["generate", "-q"])
    page = tree / "docs" / "vpc" / "cn.zh-cn" / "API参考" / "错误码.md"
    page.write_text(
        page.read_text("utf-8").replace("# 错误码\n", "# 错误码\n\n新的一段。\n"), "utf-8"
    )
    assert main(["check"]) == 1
    assert capsys.readouterr().out.startswith(
        "source changed: generated/vpc/cn.zh-cn/API参考/错误码.json: "
        "docs/vpc/cn.zh-cn/API参考/错误码.md moved its text, not its meaning (the JSON "
        "carries source lines: lines = true)\n"
    )


def test_a_configured_name_for_no_source_is_a_warning(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A name kept for a page that was renamed or removed would silently stop applying."""
    (tree / "pyproject.toml").write_text(
        CONFIG + '[tool.codetables.names]\n"docs/gone.md" = "gone"\n', encoding="utf-8"
    )
    assert main(["generate"]) == 0
    assert capsys.readouterr().err.startswith(
        "warning: tool.codetables.names: 'docs/gone.md' is not among the sources\n"
    )


def test_two_projects_sharing_an_output_folder_never_remove_each_others_artifacts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The manifest lists each project's artifacts under its own key; a full run removes
    only its own stale files, and both projects' checks pass."""
    for project in ("a", "b"):
        (tmp_path / project / "seeds").mkdir(parents=True)
        shutil.copyfile(SEED, tmp_path / project / "seeds" / f"{project}.md")
        (tmp_path / project / "pyproject.toml").write_text(
            '[tool.codetables]\noutput = "../shared"\n', encoding="utf-8"
        )
    for project in ("a", "b", "a"):
        monkeypatch.chdir(tmp_path / project)
        assert main(["generate", "-q"]) == 0
    assert sorted(files(tmp_path / "shared")) == [
        MANIFEST,
        "a.json",
        "a.md",
        "a.py",
        "b.json",
        "b.md",
        "b.py",
    ]
    for project in ("a", "b"):
        monkeypatch.chdir(tmp_path / project)
        assert main(["check", "-q"]) == 0
    manifest = json.loads((tmp_path / "shared" / MANIFEST).read_text("utf-8"))
    assert sorted(manifest["projects"]) == ["../a", "../b"]


def test_an_output_folder_above_other_artifacts_removes_none_of_them(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--out` at a folder holding another run's artifacts deeper down: the directory is
    never searched, so nothing the manifest does not list is removed or called extra."""
    main(["generate", "-q"])
    before = files(tree / "generated")
    assert main(["generate", "docs/ecs/cn.zh-cn/API参考/错误码.md", "--out", ".", "-v"]) == 0
    assert not [
        line for line in capsys.readouterr().err.splitlines() if line.startswith("removed ")
    ]
    assert files(tree / "generated") == before
    assert main(["check", "docs/ecs/cn.zh-cn/API参考/错误码.md", "--out", "."]) == 0


def test_a_renamed_artifact_leaves_no_copy_behind(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A name set in [tool.codetables.names]: the artifacts under the old name are removed
    by the next full run, and check says they are extra until then."""
    main(["generate", "-q"])
    (tree / "pyproject.toml").write_text(
        CONFIG + '[tool.codetables.names]\n"docs/ecs/cn.zh-cn/API参考/状态码.md" = "ecs/status"\n',
        encoding="utf-8",
    )
    assert main(["check"]) == 1
    extra = [line for line in capsys.readouterr().out.splitlines() if line.startswith("extra:")]
    assert extra == [
        f"extra: generated/ecs/cn.zh-cn/API参考/状态码{suffix} (no source makes it now)"
        for suffix in (".json", ".md", ".py")
    ]
    assert main(["generate", "-q"]) == 0
    assert not (tree / "generated" / "ecs" / "cn.zh-cn" / "API参考" / "状态码.py").exists()
    assert (tree / "generated" / "ecs" / "status.py").is_file()
    assert main(["check", "-q"]) == 0


def test_artifacts_checked_out_with_crlf_line_ends_are_still_current(tree: Path) -> None:
    """Git with core.autocrlf rewrites line ends on checkout: the artifacts stay
    codetables' own, and current."""
    main(["generate", "-q"])
    for path in (tree / "generated").rglob("*"):
        if path.is_file():
            path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert main(["check", "-q"]) == 0
    assert main(["generate", "-q"]) == 0


def test_a_symlink_loop_in_the_docs_tree_never_repeats_a_page(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`**` never descends into a link to a folder: a link back up the tree finds each
    page once, in a run that ends."""
    (tree / "docs" / "ecs" / "cn.zh-cn" / "up").symlink_to(Path(".."))
    (tree / "docs" / "vpc" / "here").symlink_to(Path("."))
    assert main(["generate"]) == 0
    assert capsys.readouterr().err.endswith(
        "6 sources, 6 tables, 132 rows → 19 files written, 0 unchanged\n"
    )


@pytest.mark.parametrize(
    ("names", "message", "entry"),
    [
        (
            f'"{PAGE.format("ecs")}" = "Ecs"\n"{PAGE.format("vpc")}" = "ecs"\n',
            "map to artifact names that differ only in case ('Ecs', 'ecs')",
            2,
        ),
        (
            f'"{PAGE.format("ecs")}" = "a"\n"{PAGE.format("vpc")}" = "a.py/b"\n',
            "would go in a folder named like an artifact ('a.py')",
            2,
        ),
        (  # one folder on macOS and Windows (found by review): `Ecs/x` beside the folder
            # `ecs/` of the page named by its path, ecs' 错误码.md
            f'"{PAGE.format("ecs")}" = "Ecs/x"\n"{PAGE.format("vpc")}" = "ecs/y"\n',
            "put their artifacts in folders that differ only in case ('Ecs', 'ecs')",
            1,
        ),
    ],
)
def test_names_that_cannot_live_side_by_side_are_refused_before_writing(
    tree: Path, capsys: pytest.CaptureFixture[str], names: str, message: str, entry: int
) -> None:
    """Names equal but for case (one file on macOS and Windows), or a folder named like an
    artifact: exit 2 before anything is written, at the line of the name that clashes (the
    error named no line; found by a probe)."""
    (tree / "pyproject.toml").write_text(CONFIG + "[tool.codetables.names]\n" + names, "utf-8")
    assert main(["generate"]) == 2
    line = CONFIG.count("\n") + 1 + entry  # the later source's name, where both are named
    err = capsys.readouterr().err
    assert err.startswith(f"error: pyproject.toml:{line}: tool.codetables.names: ")
    assert message in err
    assert not (tree / "generated").exists()


def test_check_blames_the_configuration_not_the_page_when_only_it_changed(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`lines = true` switched on, or a role override added: check says the artifacts are
    written differently, never that the page changed."""
    main(["generate", "-q"])
    (tree / "pyproject.toml").write_text(CONFIG + "lines = true\n", encoding="utf-8")
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert "source changed" not in out
    assert (
        "renders differently: generated/ecs/cn.zh-cn/API参考/错误码.json: the same meaning; "
        "the configuration's `lines = true` changed what the JSON carries\n"
    ) in out
    (tree / "pyproject.toml").write_text(
        CONFIG + '[tool.codetables.roles]\n"处理措施" = "description"\n', encoding="utf-8"
    )
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert "source changed" not in out
    assert out.startswith(
        "renders differently: generated/cci/cn.zh-cn/API参考/错误码.py, "
        "generated/cci/cn.zh-cn/API参考/错误码.json: "
        "the page is the same, read with other column roles ([tool.codetables.roles] or this "
        "version of codetables changed):\n"
        "  table 1: column '处理措施': role remedy → description\n"
    )


def test_a_name_another_project_lists_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two projects sharing a folder with one page name each: the second is refused, the
    first's artifacts stay its own."""
    for project in ("a", "b"):
        (tmp_path / project / "seeds").mkdir(parents=True)
        shutil.copyfile(SEED, tmp_path / project / "seeds" / "状态码.md")
        (tmp_path / project / "pyproject.toml").write_text(
            '[tool.codetables]\noutput = "../shared"\n', encoding="utf-8"
        )
    monkeypatch.chdir(tmp_path / "a")
    assert main(["generate", "-q"]) == 0
    before = files(tmp_path / "shared")
    monkeypatch.chdir(tmp_path / "b")
    assert main(["generate"]) == 2
    assert capsys.readouterr().err.endswith(
        "is listed in the manifest by another project (../a) sharing the directory, expected "
        "names of this project's own\nhint: give each project its own output directory, or "
        "set other names in [tool.codetables.names]\n"
    )
    assert files(tmp_path / "shared") == before


@pytest.mark.parametrize(
    "manifest",
    [
        '{\n<<<<<<< HEAD\n  "projects": {}\n=======\n>>>>>>> other\n}\n',
        '{\n  "format": "codetables-manifest/2",\n  "projects": {"..": {"a": 1}}\n}\n',
    ],
    ids=["merge-conflict", "other-format"],
)
def test_a_manifest_that_cannot_be_read_stops_the_run(
    tree: Path, capsys: pytest.CaptureFixture[str], manifest: str
) -> None:
    """Guessing would orphan artifacts or remove another project's: exit 2, with a hint."""
    main(["generate", "-q"])
    path = tree / "generated" / MANIFEST
    header = path.read_text("utf-8").split("\n")[1]
    path.write_text(manifest.replace("{\n", "{\n" + header + "\n", 1), encoding="utf-8")
    assert main(["generate"]) == 2
    err = capsys.readouterr().err
    assert "the manifest cannot be read, expected the codetables-manifest/1" in err
    assert "hint: resolve a merge conflict in it" in err


def test_artifacts_from_before_the_manifest_are_named_in_a_warning(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An output folder with artifacts but no manifest entry (an upgrade): the run says
    that stale ones cannot be found, once; then the manifest knows them all."""
    main(["generate", "-q"])
    (tree / "generated" / MANIFEST).unlink()
    assert main(["generate"]) == 0
    assert "lists no artifacts of this project yet (no manifest entry)" in capsys.readouterr().err
    assert main(["generate"]) == 0
    assert "warning" not in capsys.readouterr().err


def test_crlf_line_ends_are_read_whole_across_the_first_block(tree: Path) -> None:
    """A CRLF pair that straddles the first 4096 bytes read is still one line end."""
    main(["generate", "-q"])
    for path in (tree / "generated").rglob("*.json"):
        data = path.read_bytes()
        cut = data.rfind(b"\n", 0, 4096)
        padded = data[:cut] + b" " * (4095 - cut) + data[cut:]  # the LF now lands on 4096
        path.write_bytes(padded.replace(b"\n", b"\r\n"))
    assert main(["check", "-q"]) == 1  # the padding changed the body: not current …
    assert main(["generate", "-q"]) == 0
    for path in (tree / "generated").rglob("*.json"):
        data = path.read_bytes()
        path.write_bytes(data.replace(b"\n", b"\r\n"))
    assert main(["check", "-q"]) == 0  # … but line ends alone never make it stale


def test_hidden_files_and_folders_are_no_sources_unless_named(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Editors' folders and macOS `._` files match `**/*.md` only in name: they are not
    pages unless the pattern names them."""
    folder = tree / "docs" / "ecs" / "cn.zh-cn" / "API参考"
    (folder / "._状态码.md").write_bytes(b"\x00\x05\x16\x07 not UTF-8 \xff")
    (tree / "docs" / ".obsidian").mkdir()
    (tree / "docs" / ".obsidian" / "状态码.md").write_text("# scratch\n", "utf-8")
    (tree / "pyproject.toml").write_text(
        CONFIG.replace(
            '"docs/*/cn.zh-cn/**/状态码.md", "docs/*/cn.zh-cn/**/错误码.md"', '"docs/**/*.md"'
        ),
        encoding="utf-8",
    )
    assert main(["generate"]) == 0
    assert capsys.readouterr().err.endswith(
        "6 sources, 6 tables, 132 rows → 19 files written, 0 unchanged\n"
    )


def test_a_named_page_never_takes_over_another_pages_artifacts(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`generate drafts/错误码.md` would be named like a configured page's artifacts:
    refused, and those artifacts stay."""
    main(["generate", "-q"])
    before = files(tree / "generated")
    (tree / "drafts" / "ecs" / "cn.zh-cn" / "API参考").mkdir(parents=True)
    draft = tree / "drafts" / "ecs" / "cn.zh-cn" / "API参考" / "错误码.md"
    draft.write_text(ERRORS.format(service="DRAFT"), encoding="utf-8")
    assert (
        main(
            [
                "generate",
                "drafts/ecs/cn.zh-cn/API参考/错误码.md",
                "--out",
                "generated/ecs/cn.zh-cn/API参考",
            ]
        )
        == 2
    )
    assert capsys.readouterr().err == (
        "error: drafts/ecs/cn.zh-cn/API参考/错误码.md: maps to the artifact name '错误码', which "
        "holds docs/ecs/cn.zh-cn/API参考/错误码.md, expected a name of its own\n"
        "hint: set a name for it in [tool.codetables.names]\n"
    )
    assert files(tree / "generated") == before


@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_pages_read_in_several_processes_give_the_same_artifacts_and_errors(
    tree: Path,
    jobs: int,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Six pages are read by one process per CPU: the artifacts, the messages and the
    first error are those one process gives."""
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    assert main(["generate"]) == 0
    alone = files(tree / "generated"), capsys.readouterr()
    shutil.rmtree(tree / "generated")
    monkeypatch.setattr(os, "cpu_count", lambda: jobs)
    assert main(["generate"]) == 0
    assert (files(tree / "generated"), capsys.readouterr()) == alone
    for service in ("vpc", "ecs"):  # the first bad page in order is the one named
        (tree / PAGE.format(service)).write_text("<table><tr><td>", encoding="utf-8")
    assert main(["generate"]) == 2
    assert capsys.readouterr().err == (
        f"error: {PAGE.format('ecs')}:1: a table opened here is never closed, expected "
        "'</table>' (is the page cut off?)\n"
    )
