"""Artifacts staged ahead (`artifacts.Ahead`): `generate` writes each page's artifacts as
temporary files while later pages are still read, and renames them into place at the end.
A run that fails, is interrupted, or cannot stage ahead leaves the directory exactly as a
run that never staged would: no temporary file, no new folder, the same message."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest

from codetables import artifacts
from codetables.cli import main
from codetables.spool import Text

PAGES = 6
"""Sources of the project: enough for worker processes (`commands.PARALLEL_FROM`)."""


def page(n: int) -> str:
    return f"# Page {n}\n\n| Status Code | Description |\n| --- | --- |\n" + "".join(
        f"| {400 + row} | page {n} row {row} |\n" for row in range(5)
    )


@pytest.fixture
def docs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project of `PAGES` pages in two folders, whose artifacts go to folders of their
    own (`output/a/`, `output/b/`), as the working directory."""
    for n in range(PAGES):
        folder = tmp_path / "docs" / ("a" if n % 2 else "b")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"page-{n}.md").write_text(page(n), encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.codetables]\nsources = ["docs/**/*.md"]\noutput = "output"\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def everything(base: Path) -> dict[str, tuple[int, bytes]]:
    """Every file and folder below `base`, hidden ones too: its mode and bytes."""
    found: dict[str, tuple[int, bytes]] = {}
    for folder, folders, files in os.walk(base):
        for name in folders + files:
            path = Path(folder) / name
            mode = path.lstat().st_mode
            data = path.read_bytes() if stat.S_ISREG(mode) else b""
            found[path.relative_to(base).as_posix()] = (mode, data)
    return found


@pytest.fixture
def staged(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The artifact names staged ahead, as they are staged."""
    names: list[str] = []
    real = artifacts.Ahead._stage

    def spied(self: artifacts.Ahead, name: str, text: Text) -> None:
        real(self, name, text)
        names.append(name)

    monkeypatch.setattr(artifacts.Ahead, "_stage", spied)
    return names


def test_a_run_stages_each_pages_artifacts_ahead_and_a_rerun_stages_none(
    docs: Path, staged: list[str]
) -> None:
    """Every page's three artifacts are staged as the page comes (the index and the
    manifest only at the end); a second run over the same pages stages nothing and leaves
    every file as it was."""
    assert main(["generate", "-q"]) == 0
    assert len(staged) == 3 * PAGES
    assert {name.split("/")[0] for name in staged} == {"a", "b"}
    written = everything(docs / "output")
    assert not [name for name in written if ".codetables-" in name and name.endswith(".tmp")]
    staged.clear()
    assert main(["generate", "-q"]) == 0
    assert staged == []
    assert everything(docs / "output") == written


def test_the_artifacts_are_the_same_bytes_staged_ahead_or_not(
    docs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["generate", "-q"]) == 0
    ahead = everything(docs / "output")
    (docs / "output").rename(docs / "first")
    monkeypatch.setattr(artifacts.Ahead, "add", lambda self, texts: None)
    assert main(["generate", "-q"]) == 0
    assert everything(docs / "output") == ahead


@pytest.mark.parametrize("previous", [False, True])
def test_a_page_refused_after_others_were_staged_leaves_no_trace(
    docs: Path, capsys: pytest.CaptureFixture[str], staged: list[str], previous: bool
) -> None:
    """The last page is broken: the pages before it were staged ahead, and the run, refused
    (exit 2), removes every temporary file and every folder it made; the artifacts of an
    earlier run, if any, are as they were."""
    if previous:
        assert main(["generate", "-q"]) == 0
        staged.clear()
        for n in range(PAGES - 1):  # every artifact but the broken page's changes
            path = docs / "docs" / ("a" if n % 2 else "b") / f"page-{n}.md"
            path.write_text(page(n).replace("row", "line"), encoding="utf-8")
    before = everything(docs)
    last = docs / "docs" / "a" / "zz-last.md"
    last.write_text("# Broken\n\n<table><tr><td>404<td>x</tr>\n", encoding="utf-8")
    before["docs/a/zz-last.md"] = (last.lstat().st_mode, last.read_bytes())
    capsys.readouterr()
    assert main(["generate", "-q"]) == 2
    assert "zz-last.md" in capsys.readouterr().err
    assert len(staged) >= 3, "nothing was staged ahead: the test proves nothing"
    assert everything(docs) == before


def test_an_interrupt_while_pages_are_read_removes_what_was_staged(
    docs: Path, monkeypatch: pytest.MonkeyPatch, staged: list[str]
) -> None:
    """Ctrl-C after some pages were staged: exit 130, and the directory as before."""
    assert main(["generate", "-q"]) == 0
    for path in (docs / "docs").rglob("*.md"):
        path.write_text(path.read_text(encoding="utf-8") + "| 499 | new |\n", encoding="utf-8")
    before = everything(docs)
    real = artifacts.Ahead.add
    calls: list[int] = []

    def interrupted(self: artifacts.Ahead, texts: Any) -> None:
        real(self, texts)
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt

    monkeypatch.setattr(artifacts.Ahead, "add", interrupted)
    staged.clear()
    assert main(["generate", "-q"]) == 130
    assert len(staged) == 3 * 3
    assert everything(docs) == before


@pytest.mark.parametrize("broken", [False, True])
def test_a_place_refused_while_staging_ahead_is_said_as_a_run_that_never_staged_says_it(
    docs: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, broken: bool
) -> None:
    """An artifacts folder that is a link to outside: staging ahead stops there, and the
    run says what it said before staging ahead existed (the same exit, the same words: a
    broken page read later still comes first), nothing written on either side of the
    link."""
    outside = docs.parent / f"{docs.name}-outside"
    outside.mkdir()
    (docs / "output").mkdir()
    (docs / "output" / "b").symlink_to(outside, target_is_directory=True)
    if broken:
        last = docs / "docs" / "b" / "zz-last.md"
        last.write_text("# Broken\n\n<table><tr><td>404<td>x</tr>\n", encoding="utf-8")
    before = everything(docs), everything(outside)
    code = main(["generate", "-q"])
    said = capsys.readouterr().err
    assert code == 2
    if not broken:
        assert "would be written outside the artifacts directory" in said
    assert (everything(docs), everything(outside)) == before
    monkeypatch.setattr(artifacts.Ahead, "add", lambda self, texts: None)
    assert main(["generate", "-q"]) == code
    assert capsys.readouterr().err == said


def test_a_full_disk_while_staging_ahead_leaves_the_end_of_the_run_to_say_it(
    docs: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk fills as the first file is staged ahead: staging ahead stops and removes
    what it made; the run's own writing at the end meets the full disk and says so, every
    artifact as it was."""
    assert main(["generate", "-q"]) == 0
    for path in (docs / "docs").rglob("*.md"):
        path.write_text(path.read_text(encoding="utf-8") + "| 499 | new |\n", encoding="utf-8")
    before = everything(docs)
    real_write = artifacts._write
    tried: list[Path] = []

    def full(handle: int, path: Path, text: Text, mode: int) -> None:
        os.close(handle)
        tried.append(path)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(artifacts, "_write", full)
    assert main(["generate", "-q"]) == 2
    said = capsys.readouterr().err
    assert "No space left on device" in said
    assert "every artifact is as it was" in said
    assert len(tried) == 2  # once ahead, once at the end
    assert everything(docs) == before
    monkeypatch.setattr(artifacts, "_write", real_write)
    assert main(["generate", "-q"]) == 0


@pytest.mark.parametrize("out", [[], ["--out", "output"], ["--out", "docs/../output"]])
def test_a_killed_runs_temporary_files_are_removed_and_this_runs_kept(
    docs: Path, capsys: pytest.CaptureFixture[str], staged: list[str], out: list[str]
) -> None:
    """A temporary file a killed run left beside the artifacts is removed (and said with
    `-v`); the ones this run staged ahead in the same folder are its artifacts now, the
    directory named absolutely or relatively (a relative one lost them: found by a test
    of another project's artifacts)."""
    assert main(["generate", "-q", *out]) == 0
    leftover = docs / "output" / "a" / ".codetables-abcd1234.tmp"
    leftover.write_bytes(b"")
    for path in (docs / "docs").rglob("*.md"):
        path.write_text(path.read_text(encoding="utf-8") + "| 499 | new |\n", encoding="utf-8")
    staged.clear()
    capsys.readouterr()
    assert main(["generate", "-v"]) == 0
    assert "output/a/.codetables-abcd1234.tmp (left by an interrupted run)" in (
        capsys.readouterr().err
    )
    assert len(staged) == 3 * PAGES
    assert not leftover.exists()
    assert not list((docs / "output").rglob(".codetables-*.tmp"))
    assert main(["check", "-q"]) == 0


def test_a_folder_swapped_for_a_link_while_staging_ahead_leaves_the_pages_errors_first(
    docs: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder staging ahead made is replaced by a link to outside (a race): staging
    ahead stops quietly, nothing lands outside, and the broken page read later is what
    the run says, as a run that never staged ahead says it."""
    outside = docs.parent / f"{docs.name}-outside"
    outside.mkdir()
    real_make = artifacts._make_folders

    def make_then_swap(folder: Path) -> list[Path]:
        made = real_make(folder)
        if folder.name == "b" and not folder.is_symlink():
            folder.rmdir()
            folder.symlink_to(outside, target_is_directory=True)
        return made

    monkeypatch.setattr(artifacts, "_make_folders", make_then_swap)
    last = docs / "docs" / "b" / "zz-last.md"
    last.write_text("# Broken\n\n<table><tr><td>404<td>x</tr>\n", encoding="utf-8")
    assert main(["generate", "-q"]) == 2
    assert capsys.readouterr().err.startswith("error: docs/b/zz-last.md:")
    assert list(outside.iterdir()) == []
    assert not list((docs / "output").rglob(".codetables-*.tmp"))
