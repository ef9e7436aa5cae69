"""At home in a terminal: warnings, --quiet, --verbose, progress and colour, tty or not."""

from __future__ import annotations

import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from codetables.cli import main
from conftest import ROOT, SEED

SHORT_ROW = """# 状态码

<table><tr><th>状态码</th><th>编码</th><th>说明</th></tr>
<tr><td>200</td><td>OK</td><td>成功</td></tr>
<tr><td>201</td><td>Created</td></tr>
</table>

| 参数 | 类型 |
| --- | --- |
| a | String |
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project with the seed and a page that has a short row and a parameter table."""
    (tmp_path / "seeds").mkdir()
    shutil.copyfile(SEED, tmp_path / "seeds" / "cci-status-codes.md")
    (tmp_path / "seeds" / "short.md").write_text(SHORT_ROW, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return tmp_path


def terminal(monkeypatch: pytest.MonkeyPatch, *streams: str) -> None:
    """Make the captured streams claim to be a terminal."""
    for name in streams:
        monkeypatch.setattr(getattr(sys, name), "isatty", lambda: True)


def test_warnings_and_summary_by_default(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Warnings name file:line; the run ends with one summary line; stdout stays empty."""
    assert main(["generate"]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [
        "warning: seeds/short.md:5: row has 2 cells, the header has 3; "
        "the missing cells are left empty at its end",
        "2 sources, 2 tables, 44 rows → 7 files written, 0 unchanged",
    ]


def test_quiet_prints_nothing_when_all_is_well(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With -q, a clean run prints nothing at all, even on a terminal; a page with a
    warning still says it (a warning is a problem)."""
    terminal(monkeypatch, "stdout", "stderr")
    assert main(["generate", "-q"]) == 0
    warning = (
        "warning: seeds/short.md:5: row has 2 cells, the header has 3; the missing cells are "
        "left empty at its end\n"
    )
    assert capsys.readouterr() == ("", warning)
    (project / "seeds" / "short.md").unlink()
    assert main(["generate", "-q"]) == 0
    assert main(["check", "-q"]) == 0
    assert capsys.readouterr() == ("", "")


def test_verbose_lists_skipped_tables_and_files_written(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With -v, tables that are not code tables and every file written are listed."""
    assert main(["generate", "-v"]) == 0
    err = capsys.readouterr().err
    assert (
        "seeds/short.md:8: skipped, not a code table: 参数 | 类型 "
        "(a parameter table: column '类型' holds data types)\n"
    ) in err
    assert "wrote output/short.py\n" in err


def many_sources(project: Path, count: int) -> None:
    for index in range(count):
        shutil.copyfile(SEED, project / "seeds" / f"copy{index}.md")


def test_progress_on_a_terminal_only(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past a handful of sources, a terminal gets a progress line, cleared before the summary."""
    many_sources(project, 6)
    assert main(["check"]) == 1  # nothing generated yet: everything missing
    assert "\r" not in capsys.readouterr().err
    terminal(monkeypatch, "stderr")
    assert main(["generate"]) == 0
    err = capsys.readouterr().err
    assert "\r[1/8] seeds/cci-status-codes.md" in err
    assert "\r[8/8] seeds/short.md" in err
    assert err.endswith("8 sources, 8 tables, 296 rows → 25 files written, 0 unchanged\n")


def test_the_progress_line_shows_a_file_names_controls_escaped(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The progress line wrote a file name as it stands: `\x1b]0;…\a\x1b[2J` in a name set
    the terminal's title and cleared its screen (found by review); warnings and errors
    escaped it already. Control characters and the controls that reorder text are shown
    escaped."""
    many_sources(project, 5)
    name = "x\x1b]0;pwned\x07\x1b[2J\u202e"
    shutil.copyfile(SEED, project / "seeds" / f"{name}.md")
    terminal(monkeypatch, "stderr")
    assert main(["generate"]) == 0
    err = capsys.readouterr().err
    assert "seeds/x\\x1b]0;pwned\\x07\\x1b[2J\\u202e.md" in err
    assert "\x1b" not in err
    assert "\u202e" not in err


def test_no_progress_for_a_few_sources_or_when_quiet(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two sources, or --quiet, never show a progress line."""
    terminal(monkeypatch, "stderr")
    main(["generate"])
    assert "\r" not in capsys.readouterr().err
    many_sources(project, 6)
    main(["generate", "-q"])
    assert all(line.startswith("warning: ") for line in capsys.readouterr().err.splitlines())


def drift(project: Path) -> None:
    main(["generate", "-q"])
    path = project / "output" / "cci_status_codes.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Continue", "Go on"), "utf-8")


@pytest.mark.parametrize(
    ("tty", "no_color", "coloured"),
    [(True, False, True), (False, False, False), (True, True, False)],
    ids=["terminal", "piped", "no-color"],
)
def test_diff_is_coloured_on_a_terminal_only(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tty: bool,
    no_color: bool,
    coloured: bool,
) -> None:
    """Red and green on a terminal; plain text when piped or when NO_COLOR is set."""
    drift(project)
    if tty:
        terminal(monkeypatch, "stdout")
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    capsys.readouterr()
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert ("\033[31m-| 100 | Go on |" in out) is coloured
    assert ("\033[32m+| 100 | Continue |" in out) is coloured
    assert ("\n-| 100 | Go on |" in out) is not coloured


def test_a_real_pseudo_terminal_gets_colour(project: Path) -> None:
    """Run as a program on a pseudo-terminal, check colours its diff."""
    drift(project)
    leader, follower = pty.openpty()
    environment = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    environment["PYTHONPATH"] = str(ROOT)
    process = subprocess.run(
        [sys.executable, "-m", "codetables", "check"],
        stdout=follower,
        stderr=follower,
        cwd=project,
        env=environment,
        check=False,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    shown = b"".join(chunks).decode("utf-8")
    assert process.returncode == 1
    assert "\033[31m-| 100 | Go on |" in shown
    assert "run 'codetables generate'" in shown
