"""The manifest's record of a full run (`quick.record`) vouches only for what the run read:
a page that changes on disk while the run parses it leaves a record the fast `check` never
answers from, so that `check` still finds the artifacts out of date."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from codetables import artifacts, commands
from codetables.cli import main
from conftest import SEED, fast_and_full_check

PAGE = "docs/cci-status-codes.md"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two pages configured, artifacts in `out/`, as the working directory."""
    (tmp_path / "docs").mkdir()
    shutil.copyfile(SEED, tmp_path / PAGE)
    shutil.copyfile(SEED, tmp_path / "docs" / "other.md")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.codetables]\nsources = ["docs/*.md"]\noutput = "out"\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def edit_after_reading(monkeypatch: pytest.MonkeyPatch, page: Path) -> None:
    """Change `page` on disk once the run has read every page, before its record."""
    real_build = commands.build

    def build(*arguments: Any, **options: Any) -> Any:
        result = real_build(*arguments, **options)
        page.write_text(page.read_text("utf-8").replace(">Gone<", ">Went<"), "utf-8")
        return result

    monkeypatch.setattr(commands, "build", build)


@pytest.mark.parametrize("page", [PAGE, "docs/other.md"])
def test_a_page_edited_while_the_run_parses_it_is_never_vouched_for(
    project: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    page: str,
) -> None:
    """The record's digest is of the bytes the run parsed, never of the page on disk: one
    of the page as edited after it was parsed would have the fast check call artifacts of
    the old text up to date. The edited page's digest is not the record's: declined."""
    edit_after_reading(monkeypatch, project / page)
    assert main(["generate", "-q"]) == 0
    monkeypatch.undo()
    monkeypatch.chdir(project)
    (record,) = artifacts.read_inputs(project / "out").values()
    assert record.digest != quick_digest(project)
    capsys.readouterr()
    fast, full, answered = fast_and_full_check(capsys, monkeypatch)
    assert answered == [None]
    assert fast[0] == full[0] == 1


def quick_digest(project: Path) -> str | None:
    """The inputs' digest `answer` computes from the files on disk now."""
    from codetables import quick

    (record,) = artifacts.read_inputs(project / "out").values()
    assert record.basis is not None
    key = artifacts.project_key(project / "out", project)
    config = (project / "pyproject.toml").read_bytes()
    computed = quick.inputs_digest(
        str(project),
        key,
        quick._digest_of(config),
        output=record.basis.output,
        strict=record.basis.strict,
        patterns=list(record.basis.sources),
        templates=record.basis.templates,
        matched=list(record.basis.matched),
    )
    return None if computed is None else computed[0]


def test_a_run_left_alone_is_vouched_for_and_answered_fast(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same run without the edit: its record holds, and the fast check answers 0."""
    assert main(["generate", "-q"]) == 0
    (record,) = artifacts.read_inputs(project / "out").values()
    assert record.basis is not None
    assert record.basis.matched == (PAGE, "docs/other.md")
    assert record.digest == quick_digest(project)
    capsys.readouterr()
    fast, full, answered = fast_and_full_check(capsys, monkeypatch)
    assert answered == [0]
    assert fast[0] == full[0] == 0


def test_artifacts_in_folders_the_patterns_walk_leave_a_record_that_holds(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Output inside the tree a `**` pattern walks, several artifacts to a folder: the
    record leaves out every one the run writes (they were not there when it looked), so
    the fast check answers right after the run."""
    for folder in ("a", "b"):
        (project / "docs" / folder).mkdir()
        for page in ("x", "y", "z"):
            shutil.copyfile(SEED, project / "docs" / folder / f"{page}.md")
    (project / "pyproject.toml").write_text(
        '[tool.codetables]\nsources = ["docs/**/*.md"]\noutput = "docs/gen"\n', encoding="utf-8"
    )
    assert main(["generate", "-q"]) == 0
    assert len(list((project / "docs" / "gen" / "a").glob("*.md"))) == 3
    capsys.readouterr()
    fast, full, answered = fast_and_full_check(capsys, monkeypatch)
    assert answered == [0]
    assert fast[0] == full[0] == 0


def test_the_artifacts_digest_made_beside_the_sources_reports_its_error_to_the_run(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The record hashes the run's artifacts in a thread while the sources are read again;
    an error there (a spooled artifact's file gone) is the run's error, raised where the
    record waits for it, with nothing written, as it was before the thread."""
    from codetables import quick

    def unreadable(files: object) -> str:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(quick, "texts_digest", unreadable)
    assert main(["generate", "-q"]) == 2
    assert capsys.readouterr().err == "error: Input/output error\n"
    assert not (project / "out").exists()


def test_the_artifacts_digest_is_waited_for_when_the_record_fails_otherwise(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A failure of the record's other half (here a bug) still waits for the thread that
    hashes the artifacts: none outlives the record, reading a spool folder being removed,
    its error lost (found by review)."""
    import time

    from codetables import quick

    done: list[bool] = []

    def slow(files: object) -> str:
        time.sleep(0.3)
        done.append(True)
        return ""

    def broken(*arguments: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(quick, "texts_digest", slow)
    monkeypatch.setattr(quick, "_basis", broken)
    assert main(["generate", "-q"]) != 0
    assert done == [True]
    assert "a bug" in capsys.readouterr().err
    assert not (project / "out").exists()
