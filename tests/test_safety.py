"""A user's files are never lost and a run never hangs or ends in a traceback: each test is
named after the harm it prevents, on real file systems, streams and interruptions."""

from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from codetables import artifacts, quick, stamp, textdiff
from codetables import project as project_module
from codetables.cli import main
from conftest import ROOT, SEED, run_python

ARTIFACTS = ["cci_status_codes.json", "cci_status_codes.md", "cci_status_codes.py"]
TEMPORARIES = (".codetables-*.tmp", ".*.tmp")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project configured with the seed as its source, as the working directory."""
    (tmp_path / "docs").mkdir()
    shutil.copyfile(SEED, tmp_path / "docs" / "cci-status-codes.md")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.codetables]\nsources = ["docs/*.md"]\noutput = "out"\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def everything(directory: Path) -> dict[str, tuple[int, bytes]]:
    """Every file below a directory, hidden ones too: its mode and bytes."""
    return {
        path.relative_to(directory).as_posix(): (
            stat.S_IMODE(path.stat().st_mode),
            path.read_bytes(),
        )
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


def edit_the_page(project: Path) -> None:
    page = project / "docs" / "cci-status-codes.md"
    page.write_text(page.read_text("utf-8").replace(">Gone<", ">Went<"), "utf-8")


def program(
    arguments: list[str], cwd: Path, *, shell_redirect: str = ""
) -> subprocess.CompletedProcess[str]:
    """The installed program run by a shell, so a test can close or redirect its streams."""
    command = " ".join([sys.executable, "-m", "codetables", *arguments])
    environment = {**os.environ, "PYTHONPATH": str(ROOT / "parser")}
    return subprocess.run(
        ["sh", "-c", f"{command} {shell_redirect}"],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )


# 1. A source, or a hand-written file, never becomes an artifact.


def test_a_page_in_the_output_folder_is_never_replaced_by_its_own_artifact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`generate docs/status.md --out docs` replaced the page with the generated Markdown."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    shutil.copyfile(SEED, tmp_path / "docs" / "status.md")
    assert main(["generate", "docs/status.md", "--out", "docs"]) == 2
    error = capsys.readouterr().err
    assert error.startswith("error: docs/status.md: is a source page, and its artifact would")
    assert (tmp_path / "docs" / "status.md").read_bytes() == SEED.read_bytes()
    assert sorted(path.name for path in (tmp_path / "docs").iterdir()) == ["status.md"]


def test_a_configured_output_folder_holding_the_pages_never_replaces_one(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`sources = ["docs/*.md"]` with `output = "docs"`: the same harm through the config."""
    config = project / "pyproject.toml"
    config.write_text(config.read_text("utf-8").replace('"out"', '"docs"'), "utf-8")
    page = project / "docs" / "cci-status-codes.md"
    page.rename(project / "docs" / "cci_status_codes.md")
    before = everything(project)
    assert main(["generate"]) == 2
    assert "is a source page" in capsys.readouterr().err
    assert main(["check"]) == 2
    assert everything(project) == before


def test_a_hand_written_file_or_link_with_an_artifacts_name_is_never_replaced(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "out").mkdir()
    (project / "mine.md").write_text("my notes\n", encoding="utf-8")
    (project / "out" / "cci_status_codes.md").symlink_to(project / "mine.md")
    (project / "out" / "cci_status_codes.py").write_text("x = 1\n", encoding="utf-8")
    before = everything(project)
    assert main(["generate"]) == 2
    assert capsys.readouterr().err.startswith("error: ")
    assert everything(project) == before
    assert (project / "out" / "cci_status_codes.md").is_symlink()


# 2. An empty --out is not the current directory.


def test_an_empty_out_never_writes_among_the_projects_files(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--out "$UNSET"` wrote artifacts among README, Makefile and pyproject, and with the
    manifest of a run there could remove them."""
    (project / "README.md").write_text("# mine\n", encoding="utf-8")
    before = everything(project)
    for command in ("generate", "check"):
        assert main([command, "-v", "--out", ""]) == 2
        assert capsys.readouterr().err == (
            "error: --out is empty, expected a directory (write --out . for this one)\n"
        )
    assert everything(project) == before


# 4. check costs what generate costs.


def error_code_page(rows: int, *, inserted: bool) -> str:
    """An error-code page of `rows` rows, with one more at the top when `inserted`."""
    lines = [f"| APIGW.{n:04d} | {400 + n % 100} | Message {n} | Check {n} |" for n in range(rows)]
    if inserted:
        lines.insert(0, "| APIGW.9999 | 400 | inserted | fix |")
    head = (
        "# Error codes\n\n"
        "| Error Code | Status Code | Error Message | Solution |\n| --- | --- | --- | --- |\n"
    )
    return head + "\n".join(lines) + "\n"


def test_one_row_inserted_atop_4000_shows_a_bounded_diff(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """With lines in the JSON, one row inserted at the top shifted ~8,000 lines of a
    96,000-line artifact: difflib took 200 s and printed 36,000 lines. The diff is now
    found in near-linear time (counted in test_textdiff) and cut at MAX_LINES per file."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.codetables]\nsources = ["p.md"]\noutput = "out"\nlines = true\n', "utf-8"
    )
    page = tmp_path / "p.md"
    page.write_text(error_code_page(4000, inserted=False), "utf-8")
    assert main(["generate", "-q"]) == 0
    page.write_text(error_code_page(4000, inserted=True), "utf-8")
    assert main(["check"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[1] == "  table 1: row APIGW.9999 added: APIGW.9999 | 400 | inserted | fix"
    cut = [line for line in out if line.startswith("… ")]
    assert cut
    assert all(line.endswith(" more lines of diff") for line in cut)
    assert len(out) <= 3 * (textdiff.MAX_LINES + 4) + 5
    assert main(["check", "--no-diff"]) == 1
    quiet = capsys.readouterr().out.splitlines()
    assert not [line for line in quiet if line.startswith(("---", "+++", "@@"))]
    assert quiet[:2] == out[:2]


# 5. Interrupted and failing runs leave every artifact as it was, and nothing else.


def stop_at(
    monkeypatch: pytest.MonkeyPatch,
    where: Any,
    name: str,
    call: int,
    error: BaseException,
    *,
    lasting: bool = False,
) -> list[int]:
    """Make the `call`-th call of `where.name` raise `error` (`lasting`: every call from
    then on, as a full disk stays full); the calls made, counted."""
    real: Callable[..., Any] = getattr(where, name)
    calls: list[int] = []

    def failing(*arguments: Any, **keywords: Any) -> Any:
        calls.append(1)
        if len(calls) == call or (lasting and len(calls) > call):
            raise error
        return real(*arguments, **keywords)

    monkeypatch.setattr(where, name, failing)
    return calls


@pytest.mark.parametrize(
    ("error", "code", "message"),
    [
        (OSError(21, "Is a directory"), 2, "cannot write the artifacts (Is a directory)"),
        (KeyboardInterrupt(), 130, "interrupted; no artifact was changed"),
    ],
)
def test_a_failure_between_two_renames_puts_back_the_artifacts_already_replaced(
    project: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    error: BaseException,
    code: int,
    message: str,
) -> None:
    """The second rename failing left the first artifact new and the rest old (and Ctrl-C
    there printed a traceback)."""
    assert main(["generate", "-q"]) == 0
    before = everything(project)
    edit_the_page(project)
    calls = stop_at(monkeypatch, os, "replace", 2, error)
    assert main(["generate"]) == code
    assert len(calls) >= 2
    assert message in capsys.readouterr().err.splitlines()[0]
    monkeypatch.undo()
    after = everything(project)
    assert {k: v for k, v in after.items() if k.startswith("out/")} == {
        k: v for k, v in before.items() if k.startswith("out/")
    }


def test_artifacts_that_cannot_be_renamed_over_are_kept_and_no_temporary_is_left(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """In a shared folder (sticky, the artifacts another user's), no rename onto an artifact
    is allowed, the undo's neither: the copy kept of the first artifact was left behind,
    and `check` then called it a temporary left by an interrupted run (found by review)."""
    assert main(["generate", "-q"]) == 0
    before = everything(project)
    edit_the_page(project)
    real = os.replace

    def refused(source: object, target: object) -> None:
        if Path(str(target)).name in ARTIFACTS:
            raise PermissionError(1, "Operation not permitted")
        real(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", refused)
    assert main(["generate"]) == 2
    assert "cannot write the artifacts (Operation not permitted)" in capsys.readouterr().err
    monkeypatch.undo()
    after = everything(project)
    assert {k: v for k, v in after.items() if k.startswith("out/")} == {
        k: v for k, v in before.items() if k.startswith("out/")
    }


@pytest.mark.parametrize(
    ("error", "code"), [(OSError(28, "No space left on device"), 2), (KeyboardInterrupt(), 130)]
)
def test_a_failure_while_staging_changes_no_artifact_and_leaves_no_temporary(
    project: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    error: BaseException,
    code: int,
) -> None:
    """A full disk or Ctrl-C on the second file staged: exit 2 or 130, one line. The disk
    stays full: the files staged ahead, as the page came, are removed, and the run's
    staging at the end meets the full disk again (`artifacts.Ahead`)."""
    assert main(["generate", "-q"]) == 0
    before = everything(project / "out")
    edit_the_page(project)
    stop_at(monkeypatch, os, "chmod", 2, error, lasting=True)
    assert main(["generate"]) == code
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1
    assert "Traceback" not in err
    assert everything(project / "out") == before


def test_removing_stale_artifacts_is_undone_when_the_run_fails_after(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page gone and another changed: a failure after the removal puts the files back."""
    shutil.copyfile(SEED, project / "docs" / "other.md")
    assert main(["generate", "-q"]) == 0
    before = everything(project / "out")
    (project / "docs" / "other.md").unlink()
    real_unlink = Path.unlink

    def failing(self: Path, missing_ok: bool = False) -> None:
        if self.name.startswith(".codetables-"):
            raise KeyboardInterrupt
        real_unlink(self, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", failing)
    assert main(["generate", "-q"]) == 130
    monkeypatch.undo()
    after = everything(project / "out")
    assert {k: v for k, v in after.items() if not k.endswith(".tmp")} == before


def test_ctrl_c_while_parsing_is_one_line_and_exit_130(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ctrl-C while reading pages printed a 20-line traceback."""
    stop_at(monkeypatch, project_module, "read_bytes", 1, KeyboardInterrupt())
    assert main(["generate"]) == 130
    assert capsys.readouterr().err == "error: interrupted; no artifact was changed\n"
    assert not (project / "out").exists()


def test_sigterm_while_replacing_waits_for_the_last_artifact(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A CI job's timeout sends SIGTERM between two renames: it is held back until every
    artifact is written, then stops the run with one line saying so."""
    assert main(["generate", "-q"]) == 0
    before = everything(project / "out")
    edit_the_page(project)
    real_replace = os.replace
    calls: list[int] = []

    def terminated(*arguments: Any) -> None:
        calls.append(1)
        real_replace(*arguments)
        if len(calls) == 1:
            os.kill(os.getpid(), signal.SIGTERM)

    with monkeypatch.context() as patched:
        patched.setattr(os, "replace", terminated)
        assert main(["generate"]) == 130
    assert len(calls) == 4  # three artifacts and the manifest, all after the signal
    assert capsys.readouterr().err == "error: interrupted after every artifact was written\n"
    assert everything(project / "out") != before
    assert main(["check", "-q"]) == 0
    assert not list((project / "out").glob(".*.tmp"))
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL


def test_a_stale_artifact_edited_by_hand_is_never_removed(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Its page renamed, an artifact edited by hand was removed with the edit, and `check`
    said nothing of it (found by review): `check` says generate refuses, and `generate`
    exits 2 naming it, every file as it was."""
    assert main(["generate", "-q"]) == 0
    artifact = project / "out" / "cci_status_codes.py"
    with artifact.open("a", encoding="utf-8") as stream:
        stream.write("# my note\n")
    (project / "docs" / "cci-status-codes.md").rename(project / "docs" / "renamed.md")
    capsys.readouterr()
    assert main(["check", "--no-diff"]) == 1
    assert (
        "extra: out/cci_status_codes.py (no source makes it now; edited by hand, generate "
        "refuses to remove it)\n"
    ) in capsys.readouterr().out
    before = everything(project / "out")
    assert main(["generate"]) == 2
    assert capsys.readouterr().err == (
        "error: out/cci_status_codes.py: was edited by hand and no source makes it now, "
        "expected an artifact as it was generated before it is removed\n"
        "hint: keep the edits elsewhere and remove the file, or restore its source page\n"
    )
    assert everything(project / "out") == before
    artifact.unlink()
    assert main(["generate", "-q"]) == 0
    assert not (project / "out" / "cci_status_codes.md").exists()


def test_temporary_files_a_killed_run_left_are_removed_by_the_next(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`kill -9` during the renames left `.codetables-XXXXXXXX.tmp` files for good, and `git
    add output` staged them. Check names them; generate removes them, and only them: not a
    user's copy of an artifact named as codetables 0.1 named its temporaries (removed
    before, found by a probe)."""
    assert main(["generate", "-q"]) == 0
    out = project / "out"
    left = [out / ".codetables-a1b2c3d4.tmp", out / ".codetables-x9_y8z7w.tmp"]
    left[0].write_bytes(b"")  # made, never written
    left[1].write_bytes(b'{\n  "generated": "Generated by codetab')  # a write cut short
    mine = [
        out / ".notes.tmp",
        out / ".codetables-notes.tmp",
        out / ".other.json.a1b2c3d4.tmp",
        out / ".codetables-zz9_8yy7.tmp",  # the reserved name, a user's words
        out / ".cci_status_codes.py.backup01.tmp",
        out / ".cci_status_codes.json.backup02.tmp",  # a user's copy of the artifact
    ]
    for path in mine:
        path.write_text("a user's file\n", encoding="utf-8")
    shutil.copyfile(out / "cci_status_codes.json", mine[-1])
    assert main(["check"]) == 1
    out_text = capsys.readouterr().out
    assert out_text.count("left by an interrupted run") == 2
    assert main(["generate", "-v"]) == 0
    assert not any(path.exists() for path in left)
    assert all(path.exists() for path in mine)
    assert main(["check", "-q"]) == 0


def test_artifacts_get_the_umask_mode_and_keep_a_mode_given_them(project: Path) -> None:
    """Generated files were written 0600, private, from the temporary file."""
    previous = os.umask(0o022)
    try:
        assert main(["generate", "-q"]) == 0
        modes = {name: stat.S_IMODE((project / "out" / name).stat().st_mode) for name in ARTIFACTS}
        assert set(modes.values()) == {0o644}
        (project / "out" / ARTIFACTS[0]).chmod(0o640)
        edit_the_page(project)
        assert main(["generate", "-q"]) == 0
        assert stat.S_IMODE((project / "out" / ARTIFACTS[0]).stat().st_mode) == 0o640
    finally:
        os.umask(previous)


def test_concurrent_runs_on_one_directory_all_succeed(project: Path) -> None:
    """Four runs at once: none fails, none removes another's temporary files."""
    shutil.copyfile(SEED, project / "docs" / "second.md")
    environment = {**os.environ, "PYTHONPATH": str(ROOT / "parser")}
    for _ in range(3):
        runs = [
            subprocess.Popen(
                [sys.executable, "-m", "codetables", "generate", "-q"],
                cwd=project,
                env=environment,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
            for _ in range(4)
        ]
        results = [(run.wait(timeout=120), run.communicate()) for run in runs]
        assert [code for code, _ in results] == [0, 0, 0, 0], results
        edit_the_page(project)
    assert main(["generate", "-q"]) == 0
    assert main(["check", "-q"]) == 0
    assert not list((project / "out").rglob(".*.tmp"))


# 6. Reads are bounded.


def test_a_huge_file_with_an_artifacts_name_is_read_no_further_than_its_head(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every file in the output directory was read whole to look at its first 512 bytes: a
    3 GB data file there cost 16 s and 3.2 GB. This one is sparse, 64 GB."""
    (project / "out").mkdir()
    with (project / "out" / ARTIFACTS[0]).open("wb") as stream:
        stream.truncate(64 * 1024**3)
    assert main(["generate"]) == 2
    assert "was not written by codetables" in capsys.readouterr().err


# 8. Names that cannot be imported, or cannot live on every file system.


@pytest.mark.parametrize(
    ("page", "name"),
    [
        ("class.md", "class_"),
        ("None.md", "None_"),
        ("con.md", "con_"),
        ("LPT1.md", "LPT1_"),
        ("enum.md", "enum_"),
        ("x" * 240 + ".md", "x" * 189 + "_"),
    ],
)
def test_artifact_names_import_and_fit_every_file_system(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, page: str, name: str
) -> None:
    """`class.md` and `None.md` gave modules `import` refuses, `con.md` names Windows keeps
    for devices, `enum.md` a module shadowing the one it imports; stems of 237+ bytes
    failed on their temporary file's name."""
    monkeypatch.chdir(tmp_path)
    shutil.copyfile(SEED, tmp_path / page)
    assert main(["generate", "-q", "--out", "out", page]) == 0
    modules = sorted(path.stem for path in (tmp_path / "out").glob("*.py"))
    assert len(modules) == 1
    assert modules[0].startswith(name)
    assert len(modules[0].encode()) <= 200
    imported = subprocess.run(
        [sys.executable, "-c", f"import {modules[0]} as m; print(len(m.StatusCode))"],
        cwd=tmp_path / "out",
        capture_output=True,
        text=True,
        check=False,
    )
    assert imported.stdout == "42\n", imported.stderr


def test_a_configured_name_that_cannot_be_imported_is_refused(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = project / "pyproject.toml"
    config.write_text(
        config.read_text("utf-8")
        + '\n[tool.codetables.names]\n"docs/cci-status-codes.md" = "aux"\n',
        "utf-8",
    )
    assert main(["generate"]) == 2
    assert "'aux' (for docs/cci-status-codes.md) cannot be imported" in capsys.readouterr().err


def test_a_file_name_that_is_not_utf8_is_a_clear_error_in_every_command(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`caf\\xe9.md` exited 3 on generate and left check failing forever."""
    latin = os.fsdecode(b"caf\xe9.md")
    shutil.copyfile(SEED, project / "docs" / latin)
    for arguments in (["generate"], ["check"], ["generate", f"docs/{latin}"]):
        assert main(arguments) == 2
        assert capsys.readouterr().err == (
            "error: docs/caf\\xe9.md: the path is not valid UTF-8, expected a UTF-8 file name "
            "(rename it)\n"
        )
    assert not (project / "out").exists()


def test_one_page_reached_by_two_paths_is_one_source(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A link beside its page (`latest.md -> cci-status-codes.md`) made two sets of
    artifacts of one text; sources are now told apart by the file they are."""
    (project / "docs" / "latest.md").symlink_to("cci-status-codes.md")
    assert main(["generate", "-q"]) == 0
    assert sorted(path.name for path in (project / "out").iterdir()) == [
        ".codetables-manifest.json",
        *ARTIFACTS,
    ]
    assert main(["generate", "-q", "docs/latest.md", "docs/./cci-status-codes.md"]) == 0
    assert capsys.readouterr().err == ""


# 9. Streams and the environment.


@pytest.fixture
def drifted(project: Path) -> Path:
    """A project whose artifacts are stale by one row."""
    assert main(["generate", "-q"]) == 0
    edit_the_page(project)
    return project


def test_a_reader_that_stops_early_ends_check_quietly_with_its_exit_code(drifted: Path) -> None:
    """`check | head -1` with a large diff died on BrokenPipeError, exit 3 or 120."""
    shell = subprocess.run(
        [
            "bash",
            "-c",
            f"{sys.executable} -m codetables check | head -c 1 >/dev/null; echo ${{PIPESTATUS[0]}}",
        ],
        cwd=drifted,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "parser")},
        check=False,
    )
    assert shell.stdout == "1\n"
    assert "Traceback" not in shell.stderr
    assert "Exception ignored" not in shell.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_on_stdout_is_one_line_and_never_a_clean_exit(drifted: Path) -> None:
    """Output to /dev/full exited 3 (internal error); a model that cannot be printed is lost."""
    check = program(["check"], drifted, shell_redirect=">/dev/full")
    assert check.returncode == 1
    assert "Traceback" not in check.stderr
    parse = program(["parse", "docs/cci-status-codes.md"], drifted, shell_redirect=">/dev/full")
    assert parse.returncode == 2
    assert parse.stderr == "error: cannot write to standard output (No space left on device)\n"


def test_closed_streams_give_the_commands_exit_code_without_a_traceback(drifted: Path) -> None:
    """`2>&-` gave exit 3; a closed stdout must not pass a `parse` whose output is gone."""
    assert program(["check"], drifted, shell_redirect="2>&-").returncode == 1
    assert program(["check"], drifted, shell_redirect=">&- 2>&-").returncode == 1
    closed = program(["parse", "docs/cci-status-codes.md"], drifted, shell_redirect=">&-")
    assert closed.returncode == 2
    assert closed.stderr == "error: cannot write to standard output (the stream is closed)\n"


@pytest.mark.skipif(sys.platform == "win32", reason="a file name with a newline (POSIX)")
def test_control_characters_in_a_file_name_are_escaped_in_warnings_findings_and_checks(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Errors showed such a name escaped; warnings, `-v` lines, `check`'s lines and `lint`'s
    findings sent it as it is: one finding over two lines, and an escape sequence that
    clears the screen (found by review)."""
    (project / "docs" / "cci-status-codes.md").unlink()
    page = "# t\n\n| 状态码 | 说明 |\n|---|---|\n| 404 | x |\n| 299 | y |\n| 404 | x |\n"
    (project / "docs" / "b\nc\x1b[2J.md").write_text(page, encoding="utf-8")
    shown = "docs/b\\nc\\x1b[2J.md"
    outputs = []
    for arguments in (["lint"], ["generate", "-v"], ["check"], ["check", "-v"]):
        main(arguments)
        outputs.append(capsys.readouterr())
    for out, err in outputs:
        assert "\x1b" not in out + err
    lint, generate = outputs[0], outputs[1]
    assert lint.out.splitlines() == [
        f"{shown}:6: unregistered-status: 299 is not in the HTTP status registry",
        f"{shown}:7: page-warning: row repeats line 5 exactly",
    ]
    assert f"warning: {shown}:7: row repeats line 5 exactly" in generate.err.splitlines()
    edited = project / "docs" / "b\nc\x1b[2J.md"
    edited.write_text(page.replace("| y |", "| z |"), encoding="utf-8")
    main(["check"])
    drift = capsys.readouterr()
    assert "\x1b" not in drift.out + drift.err
    assert any(f": {shown} changed in meaning:" in line for line in drift.out.splitlines())


def test_a_closed_stdout_that_a_command_never_writes_to_loses_nothing(drifted: Path) -> None:
    """`generate >&-` wrote every artifact, then exited 2 for output it never had: the
    flush of a stream closed from the start failed (found by review)."""
    generate = program(["generate"], drifted, shell_redirect=">&-")
    assert (generate.returncode, generate.stdout) == (0, "")
    assert generate.stderr.endswith("3 files written, 0 unchanged\n"), generate.stderr
    assert "error" not in generate.stderr
    check = program(["check"], drifted, shell_redirect=">&-")
    assert check.returncode == 0
    assert check.stderr.endswith("all up to date in out/\n"), check.stderr


def test_a_committed_json_of_the_wrong_shape_is_drift_not_a_crash(
    drifted: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A JSON artifact with `"tables": null` and a checksum to match exited 3."""
    path = drifted / "out" / ARTIFACTS[0]
    model = json.loads(path.read_text("utf-8"))
    del model["generated"]
    model["tables"] = None
    body = json.dumps(model, ensure_ascii=False, indent=2) + "\n"
    path.write_text(stamp.stamp(path.name, body), "utf-8")
    assert main(["check"]) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    assert "out/cci_status_codes.json" in captured.out


def test_an_unreadable_configuration_is_exit_2_naming_it(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unreadable pyproject.toml in a parent directory exited 3. (Opened by
    `find_project`, which reads it bounded: the test fails its `open`, as root reads any
    file whatever its mode.)"""

    def unreadable(file: object, *args: Any, **kwargs: Any) -> Any:
        if Path(str(file)).name == "pyproject.toml":
            raise PermissionError(13, "Permission denied")
        return open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(project_module, "open", unreadable, raising=False)
    assert main(["generate"]) == 2
    assert capsys.readouterr().err == (
        f"error: {project / 'pyproject.toml'}: cannot read the configuration (Permission denied)\n"
    )


def test_an_unreadable_file_in_the_output_directory_is_exit_2_naming_it(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["generate", "-q"]) == 0
    real = Path.open

    def unreadable(self: Path, *arguments: Any, **keywords: Any) -> Any:
        if self.name == ARTIFACTS[1]:
            raise PermissionError(13, "Permission denied")
        return real(self, *arguments, **keywords)

    monkeypatch.setattr(Path, "open", unreadable)
    monkeypatch.setattr(quick, "check", lambda *arguments, **options: None)  # reads with os
    for command in ("generate", "check"):
        assert main([command]) == 2
        assert capsys.readouterr().err == (
            f"error: {project / 'out' / ARTIFACTS[1]}: cannot read it (Permission denied)\n"
        )


def test_the_lock_is_released_and_the_directory_kept_only_when_used(project: Path) -> None:
    """A failed first run leaves no empty output directory behind."""
    (project / "docs" / "cci-status-codes.md").write_text("no table here\n", encoding="utf-8")
    assert main(["generate", "-q"]) == 2
    assert not (project / "out").exists()
    with artifacts.locked(project / "out2"):
        assert (project / "out2").is_dir()
    assert not (project / "out2").exists()


def test_a_source_that_is_a_symlink_loop_is_exit_2_naming_it(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "docs" / "loop1.md").symlink_to("loop2.md")
    (project / "docs" / "loop2.md").symlink_to("loop1.md")
    assert main(["generate", "docs/loop1.md"]) == 2
    assert capsys.readouterr().err == (
        "error: docs/loop1.md: cannot read the source (Too many levels of symbolic links)\n"
    )
    assert main(["generate", "-q"]) == 0  # a pattern passes links to no file by


def walked_project(project: Path) -> Path:
    """The project's pages under `docs/**`: the seed at the top, a copy in `docs/sub/`."""
    (project / "docs" / "sub").mkdir()
    shutil.copyfile(SEED, project / "docs" / "sub" / "other.md")
    (project / "pyproject.toml").write_text(
        '[tool.codetables]\nsources = ["docs/**/*.md"]\noutput = "out"\n', encoding="utf-8"
    )
    return project


@pytest.mark.parametrize("command", ["generate", "check", "lint"])
def test_a_folder_the_patterns_walk_that_cannot_be_listed_is_exit_2_and_removes_nothing(
    project: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: str,
) -> None:
    """pathlib's glob passes by a folder it cannot list: its pages were taken for gone, and
    `generate` removed their artifacts (exit 0; found by review). The run is refused,
    naming the folder, and every artifact stays."""
    walked_project(project)
    assert main(["generate", "-q"]) == 0
    before = everything(project / "out")
    assert "sub/other.py" in before
    real = os.scandir

    def unlistable(path: Any = ".") -> Any:
        if os.path.basename(os.fspath(path)) == "sub":
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", unlistable)
    assert main([command]) == 2
    assert capsys.readouterr().err == (
        "error: docs/sub: cannot list this folder (Permission denied), expected every folder "
        "the source patterns walk to be readable\n"
    )
    monkeypatch.undo()  # (for the look below)
    assert everything(project / "out") == before


def test_a_folder_a_wildcard_reaches_through_a_link_is_checked_too(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """pathlib's `*` goes on through a symbolic link to a folder (its `**` does not): such a
    folder that cannot be listed is refused too (found by review), its artifacts kept."""
    (project / "docs" / "a").mkdir()
    shutil.copyfile(SEED, project / "docs" / "a" / "one.md")
    (project / "elsewhere").mkdir()
    shutil.copyfile(SEED, project / "elsewhere" / "two.md")
    (project / "docs" / "linked").symlink_to(project / "elsewhere")
    (project / "pyproject.toml").write_text(
        '[tool.codetables]\nsources = ["docs/*/*.md"]\noutput = "out"\n', encoding="utf-8"
    )
    assert main(["generate", "-q"]) == 0
    before = everything(project / "out")
    assert "linked/two.py" in before
    real = os.scandir

    def unlistable(path: Any = ".") -> Any:
        if os.path.basename(os.fspath(path)) in ("linked", "elsewhere"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", unlistable)
    assert main(["generate"]) == 2
    assert capsys.readouterr().err == (
        "error: docs/linked: cannot list this folder (Permission denied), expected every folder "
        "the source patterns walk to be readable\n"
    )
    monkeypatch.undo()
    assert everything(project / "out") == before


def test_folders_nested_past_the_bound_are_exit_2_not_an_internal_error(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A thousand nested folders under `docs/**` ended in a RecursionError in pathlib's glob
    (exit 3; found by review): past `MAX_FOLDER_DEPTH` levels the run is refused."""
    walked_project(project)
    chain = [project / "docs" / "d"]
    for _ in range(999):
        chain.append(chain[-1] / "d")
    try:
        for folder in chain:
            folder.mkdir()
        for command in ("generate", "check"):
            assert main([command]) == 2
            assert capsys.readouterr().err == (
                f"error: docs: folders nest more than {project_module.MAX_FOLDER_DEPTH} levels "
                "deep below it, expected a shallower tree for the source patterns to walk\n"
            )
    finally:  # deepest first: shutil.rmtree, and so pytest's own clean-up, would recurse
        for folder in reversed(chain):
            if folder.is_dir():
                folder.rmdir()


def deep_tree(project: Path, depth: int) -> None:
    folder = project / "docs"
    for level in range(depth):
        folder = folder / f"d{level}"
    folder.mkdir(parents=True)
    shutil.copyfile(SEED, folder / "deep.md")


def sources(project: Path, pattern: str) -> None:
    (project / "pyproject.toml").write_text(
        f'[tool.codetables]\nsources = ["{pattern}"]\noutput = "out"\n', encoding="utf-8"
    )


@pytest.mark.parametrize("command", ["generate", "check", "lint"])
def test_a_pattern_of_many_recursive_parts_in_a_row_walks_the_tree_once(
    project: Path, command: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`docs/**/**/**/**/**/**/*.md` took 20 s on a tree 12 deep, and grew without bound
    with more `**` (found by a probe): pathlib's glob walks the tree again below every
    folder each `**` reaches. A run of `**` matches what one does, and is globbed as one."""
    deep_tree(project, 12)
    sources(project, "docs/" + "**/" * 8 + "*.md")
    if command == "check":
        assert main(["generate", "-q"]) == 0
    globbed: list[str] = []
    real = Path.glob

    def glob(self: Path, pattern: str) -> Any:
        globbed.append(pattern)
        return real(self, pattern)

    monkeypatch.setattr(Path, "glob", glob)
    assert main([command, "-q"] if command != "check" else ["check", "--full"]) == 0
    assert globbed
    assert set(globbed) == {"docs/**/*.md"}
    if command != "lint":
        assert [path.name for path in (project / "out").rglob("deep.json")] == ["deep.json"]


def test_recursive_parts_with_no_folder_named_between_them_are_refused(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`docs/**/*/**/*/**/*.md` took 11 s on a tree 60 deep and grows as its depth to the
    power of three: more than `MAX_RECURSIVE` such parts is a setting to change, said at
    its line, exit 2; with a folder named between them, or two, the pattern is read."""
    deep_tree(project, 3)
    sources(project, "docs/**/*/**/*/**/*.md")
    assert main(["generate"]) == 2
    assert capsys.readouterr().err == (
        f"error: {project / 'pyproject.toml'}:2: tool.codetables.sources: cannot use the "
        "source pattern 'docs/**/*/**/*/**/*.md' (more than 2 `**` parts with no folder "
        "named between them: its walk grows without bound with the tree's depth), expected "
        "a pattern of files such as docs/**/*.md\n"
    )
    for fine in ("docs/**/d1/**/d2/**/*.md", "docs/**/*/**/*.md"):
        sources(project, fine)
        assert main(["generate", "-q"]) == 0


def test_a_manifest_past_its_bound_is_exit_2_never_read_whole(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A manifest of 300 MB with a valid checksum took `check` to 1.2 GB (found by review):
    one past `MAX_MANIFEST_BYTES` is refused, as a file codetables did not write, and no
    artifact changes."""
    assert main(["generate", "-q"]) == 0
    before = everything(project / "out")
    size = (project / "out" / artifacts.MANIFEST).stat().st_size
    monkeypatch.setattr(artifacts, "MAX_MANIFEST_BYTES", size - 1)
    monkeypatch.setattr(quick, "check", lambda *arguments, **options: None)  # the full path
    for command in ("generate", "check"):
        assert main([command]) == 2
        assert capsys.readouterr().err == (
            f"error: {project / 'out' / artifacts.MANIFEST}: the manifest has {size:,} bytes, "
            f"expected at most {size - 1:,}: codetables writes a list of artifact names\n"
        )
    assert everything(project / "out") == before


def test_a_nul_in_a_configured_path_is_exit_2_naming_the_configuration(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "pyproject.toml").write_text(
        '[tool.codetables]\nsources = ["docs/\\u0000.md"]\noutput = "out\\u0000"\n', "utf-8"
    )
    assert main(["generate"]) == 2
    assert capsys.readouterr().err.startswith(f"error: {project / 'pyproject.toml'}:2: ")


def test_the_help_states_the_diff_bound_check_applies() -> None:
    from codetables import cli

    assert cli.MAX_DIFF_LINES == textdiff.MAX_LINES


# Found by review: links, the manifest's order, readers during a write, the environment.


def test_a_link_to_another_artifact_is_never_replaced_or_removed(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A link where an artifact goes, pointing at another artifact, passed as codetables'
    own: generate replaced it with a file, or removed it as stale."""
    assert main(["generate", "-q"]) == 0
    out = project / "out"
    (out / ARTIFACTS[1]).unlink()
    (out / ARTIFACTS[1]).symlink_to(ARTIFACTS[0])
    assert main(["generate"]) == 2
    assert "was not written by codetables" in capsys.readouterr().err
    assert (out / ARTIFACTS[1]).is_symlink()


def test_the_manifest_lists_new_artifacts_before_any_is_written(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`kill -9` after a new page's artifacts were renamed in, before the manifest, left
    artifacts no manifest listed: never removed once the page went."""
    assert main(["generate", "-q"]) == 0
    shutil.copyfile(SEED, project / "docs" / "new.md")
    real_replace = os.replace
    order: list[str] = []

    def spied(source: Any, destination: Any) -> None:
        if Path(destination).name == ".codetables-manifest.json" and not order:
            listed = json.loads(Path(source).read_text("utf-8"))["projects"][".."]
            assert {"new.py", "new.md", "new.json"} <= set(listed)
        order.append(Path(destination).name)
        real_replace(source, destination)

    monkeypatch.setattr(os, "replace", spied)
    assert main(["generate", "-q"]) == 0
    assert order[0] == ".codetables-manifest.json"
    assert order[-1] == ".codetables-manifest.json"


def test_a_run_killed_as_it_removes_stale_artifacts_leaves_them_listed_for_the_next(
    project: Path,
) -> None:
    """`kill -9` after the new manifest was renamed in, before the stale artifacts were
    removed, left them listed nowhere: the next run said "0 written" and `check` passed
    with them still there (found by review). The manifest now goes last."""
    shutil.copyfile(SEED, project / "docs" / "gone.md")
    assert main(["generate", "-q"]) == 0
    assert (project / "out" / "gone.py").exists()
    (project / "docs" / "gone.md").unlink()
    killed = run_python(
        "import os, pathlib, signal, sys\n"
        "unlink = pathlib.Path.unlink\n"
        "def dying(self, *args, **kwargs):\n"
        "    if self.name.startswith('gone.'):\n"
        "        os.kill(os.getpid(), signal.SIGKILL)  # as a power cut would\n"
        "    return unlink(self, *args, **kwargs)\n"
        "pathlib.Path.unlink = dying\n"
        "from codetables.start import main\n"
        "sys.exit(main(['generate', '-q']))\n",
        cwd=project,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert main(["generate", "-q"]) == 0
    assert sorted(path.name for path in (project / "out").iterdir()) == [
        ".codetables-manifest.json",
        "cci_status_codes.json",
        "cci_status_codes.md",
        "cci_status_codes.py",
    ]
    assert main(["check", "-q"]) == 0


def test_check_waits_for_a_run_that_is_writing(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """check during a generate saw a file half replaced: "exists and was not written by
    codetables", exit 2. It now takes a shared lock, so it waits (here, past the limit)."""
    assert main(["generate", "-q"]) == 0
    monkeypatch.setattr(artifacts, "LOCK_WAIT", 0.2)
    with artifacts.locked(project / "out"):
        assert main(["check"]) == 2
    assert "another codetables run has been writing here" in capsys.readouterr().err
    assert main(["check", "-q"]) == 0


def test_a_working_directory_that_was_removed_is_exit_2_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    assert main(["check"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ")
    assert len(err.splitlines()) == 1


def test_control_characters_in_a_file_name_never_reach_the_terminal(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A newline in a name split the one-line error in two (the second forgeable)."""
    assert main(["generate", "docs/a\nerror: forged.md"]) == 2
    assert capsys.readouterr().err == (
        "error: docs/a\\nerror: forged.md: cannot read the source (No such file or directory)\n"
    )


def test_a_configuration_that_is_not_utf8_is_exit_2_at_the_byte(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A byte that is not UTF-8 in a setting was replaced: `out\\xff` made `out\ufffd`."""
    (project / "pyproject.toml").write_bytes(b'[tool.codetables]\n\noutput = "out\xff"\n')
    assert main(["generate"]) == 2
    assert capsys.readouterr().err == (
        f"error: {project / 'pyproject.toml'}:3: byte 0xff is not valid UTF-8, expected a "
        "UTF-8 text file\n"
    )
    assert sorted(path.name for path in project.iterdir() if path.name.startswith("out")) == []


def test_a_configuration_that_is_a_link_to_nothing_is_exit_2_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """It was passed by: the defaults, or a parent's configuration, ran instead."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").symlink_to("loop")
    (tmp_path / "loop").symlink_to("pyproject.toml")
    assert main(["check"]) == 2
    assert capsys.readouterr().err == (
        f"error: {tmp_path / 'pyproject.toml'}: cannot read the configuration (a symbolic "
        "link to nothing, or a loop)\n"
    )


@pytest.mark.parametrize("kind", ["folder", "fifo"])
@pytest.mark.parametrize("command", ["check", "generate"])
def test_a_configuration_that_is_no_regular_file_is_exit_2_naming_it(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    kind: str,
    command: str,
) -> None:
    """A folder or a FIFO named pyproject.toml was passed by, and the run went on with a
    parent's configuration or the defaults, without a word (found by a probe). A FIFO is
    never opened: that would wait for a writer."""
    if kind == "fifo" and not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "seeds").mkdir()
    shutil.copy(SEED, tmp_path / "seeds" / "page.md")
    if kind == "folder":
        (tmp_path / "pyproject.toml").mkdir()
    else:
        os.mkfifo(tmp_path / "pyproject.toml")
    assert main([command]) == 2
    assert capsys.readouterr().err == (
        f"error: {tmp_path / 'pyproject.toml'}: is not a regular file, expected the "
        "project's configuration (a TOML file)\n"
    )
    assert sorted(path.name for path in tmp_path.iterdir()) == ["pyproject.toml", "seeds"]


@pytest.mark.parametrize("command", ["check", "generate"])
def test_a_configuration_past_its_size_bound_is_exit_2_unread(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: str,
) -> None:
    """A 900 MB pyproject.toml was read whole: `check` ended in a MemoryError traceback with
    exit 1, and a 3 GB one took 6 GB (found by a probe). Past `CONFIG_MAX_BYTES` it is
    refused, one line, and read no further (a sparse file: no disk spent)."""
    monkeypatch.chdir(tmp_path)
    with open(tmp_path / "pyproject.toml", "wb") as stream:
        stream.truncate(quick.CONFIG_MAX_BYTES + 1)
    assert main([command]) == 2
    assert capsys.readouterr().err == (
        f"error: {tmp_path / 'pyproject.toml'}: the file is larger than "
        f"{quick.CONFIG_MAX_BYTES:,} bytes, expected a project's configuration\n"
    )


@pytest.mark.parametrize("nested", ["[" * 600 + "]" * 600, "{a=" * 600 + "1" + "}" * 600])
def test_a_configuration_nested_past_the_toml_readers_depth_is_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], nested: str
) -> None:
    """`x = [[[…]]]` 500 deep, valid TOML, in any pyproject.toml on the way up ended every
    command in exit 3, `internal error: RecursionError` (found by a probe)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text(f"[tool.other]\n\nx = {nested}\n", encoding="utf-8")
    assert main(["check"]) == 2
    assert capsys.readouterr().err == (
        f"error: {tmp_path / 'pyproject.toml'}:3: arrays or inline tables nest too deep for a "
        "TOML reader, expected a shallower value\n"
    )


def on_an_ascii_console(project: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """The command in a fresh interpreter whose standard streams are ASCII."""
    return subprocess.run(
        [sys.executable, "-m", "codetables", *arguments],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "parser"), "PYTHONIOENCODING": "ascii"},
        check=False,
    )


def test_a_console_that_cannot_show_the_text_says_so(project: Path) -> None:
    """An ASCII stdout was reported as "the stream is closed"."""
    result = on_an_ascii_console(project, "parse", "docs/cci-status-codes.md")
    assert result.returncode == 2
    assert result.stderr == (
        "error: cannot write to standard output (its encoding, ascii, cannot hold this "
        "text; set PYTHONIOENCODING=utf-8)\n"
    )


def test_a_console_that_cannot_show_a_drift_says_its_output_was_cut_short(
    project: Path,
) -> None:
    """`check` of a drift on an ASCII stdout printed the first line of what changed and
    nothing else, with exit 1 and no word (found by review): the drift's code stays, and
    the one line says the output is not all shown."""
    assert main(["generate", "-q"]) == 0
    source = project / "docs" / "cci-status-codes.md"
    source.write_text(source.read_text("utf-8").replace("继续请求", "继续"), "utf-8")
    result = on_an_ascii_console(project, "check")
    assert result.returncode == 1
    assert result.stderr.endswith(
        "error: cannot write to standard output (its encoding, ascii, cannot hold this "
        "text; set PYTHONIOENCODING=utf-8); what was found is not all shown\n"
    )


def test_ctrl_c_while_starting_is_exit_130_said_without_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from codetables import start

    class Starting(types.ModuleType):
        def __getattr__(self, name: str) -> Any:
            raise KeyboardInterrupt

    monkeypatch.setitem(sys.modules, "codetables.cli", Starting("codetables.cli"))
    monkeypatch.setitem(sys.modules, "codetables.quick", Starting("codetables.quick"))
    outcomes = []
    for command in ("check", "generate"):
        outcomes.append((start.main([command]), *capsys.readouterr()))
    monkeypatch.undo()  # (a failure's report would touch the modules that interrupt)
    said = "error: interrupted; no artifact was changed\n"
    assert outcomes == [(130, "", said), (130, "", said)]


def test_ctrl_c_while_the_arguments_are_read_is_exit_130_said_without_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A Ctrl-C inside argparse, in the first tens of milliseconds of a run, ended in a
    traceback (found by review)."""
    from codetables import cli

    class Interrupted:
        def parse_args(self, argv: object) -> None:
            raise KeyboardInterrupt

    monkeypatch.setattr(cli, "argument_parser", Interrupted)
    assert cli.main(["generate"]) == 130
    assert capsys.readouterr() == ("", "error: interrupted; no artifact was changed\n")


@pytest.mark.parametrize(
    ("page", "artifact"),
    [
        ("docs/ﬁle.md", "out/file.py"),
        ("docs/cafe\u0301.md", "out/caf\u00e9.py"),
        ("docs/__init__.md", "out/__init___.py"),
        ("docs/a:b/q?/p.md", "out/a_b/q_/p.py"),
        ("docs/trail./p.md", "out/trail._/p.py"),
    ],
)
def test_names_python_and_windows_would_read_otherwise_are_made_plain(
    project: Path, page: str, artifact: str
) -> None:
    """`ﬁle.py` imported as `file`, a decomposed `café` could not be imported, `__init__.py`
    made the folder a package, `a:b/` and `trail./` cannot exist on Windows."""
    (project / page).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SEED, project / page)
    (project / "docs" / "cci-status-codes.md").unlink()
    config = project / "pyproject.toml"
    config.write_text(config.read_text("utf-8").replace("docs/*.md", "docs/**/*.md"), "utf-8")
    assert main(["generate", "-q"]) == 0
    assert (project / artifact).is_file()


def test_a_page_named_index_never_takes_the_index(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`Index.md` beside other pages wrote `Index.md` and `index.md`, one file on macOS and
    Windows; a run on `docs/index.md` alone overwrote the index of the full run."""
    shutil.copyfile(SEED, project / "docs" / "Index.md")
    assert main(["generate", "-q"]) == 0
    assert main(["generate", "-q", "docs/Index.md"]) == 0
    names = sorted(path.name for path in (project / "out").iterdir())
    assert "Index_.md" in names
    assert "index.md" in names
    assert "Index.md" not in names


def test_patterns_that_see_only_artifacts_find_no_source(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Sources and output in one folder, the page named on the command line elsewhere: a
    full generate then saw only artifacts, removed them and passed, and check failed
    (found by the layout property). Both now say no source matches."""
    config = project / "pyproject.toml"
    config.write_text(config.read_text("utf-8").replace('"out"', '"docs"'), "utf-8")
    page = project / "docs" / "cci-status-codes.md"
    page.rename(project / "page.md")
    assert main(["generate", "-q", "page.md"]) == 0
    before = everything(project)
    for command in ("generate", "check"):
        assert main([command]) == 2
        assert capsys.readouterr().err == (
            f"error: {config}:2: tool.codetables.sources: no source matches 'docs/*.md' in "
            f"{project.name}/ (every file they match is an artifact codetables generated), "
            "expected a pattern that matches the source pages\n"
        )
    assert everything(project) == before


def test_a_pattern_that_matches_no_file_is_said_at_its_line(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`sources = ["DOCS/a.md"]` said `error: no source matches 'DOCS/a.md' in cfg/`, the
    one setting error without its line (found by a probe)."""
    config = project / "pyproject.toml"
    config.write_text(
        '[tool.codetables]\noutput = "out"\nsources = [\n  "docs/*.md",\n  "DOCS/a.md",\n]\n',
        encoding="utf-8",
    )
    for command in ("generate", "check", "lint"):
        assert main([command]) == 2
        assert capsys.readouterr().err == (
            f"error: {config}:3: tool.codetables.sources: no file matches 'DOCS/a.md' in "
            f"{project.name}/, expected a pattern that matches the source pages\n"
        )


def test_a_run_under_nohup_keeps_ignoring_hangups(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SIGHUP stops a run like Ctrl-C, unless it was ignored (nohup): then it stays so."""
    previous = signal.signal(signal.SIGHUP, signal.SIG_IGN)
    try:
        real_replace = os.replace

        def hung_up(*arguments: Any) -> None:
            real_replace(*arguments)
            os.kill(os.getpid(), signal.SIGHUP)

        monkeypatch.setattr(os, "replace", hung_up)
        assert main(["generate", "-q"]) == 0
        assert signal.getsignal(signal.SIGHUP) == signal.SIG_IGN
    finally:
        signal.signal(signal.SIGHUP, previous)


def test_a_link_to_a_folder_inside_the_output_is_never_written_through(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`out/docs -> .` gave `docs/index` and the index one file: generate wrote both and
    check failed (found by the layout property in CI). Refused before anything is written."""
    (project / "docs" / "sub").mkdir()
    shutil.copyfile(SEED, project / "docs" / "sub" / "index.md")
    config = project / "pyproject.toml"
    config.write_text(config.read_text("utf-8").replace("docs/*.md", "docs/**/*.md"), "utf-8")
    (project / "out").mkdir()
    (project / "out" / "sub").symlink_to(".")
    assert main(["generate"]) == 2
    assert "would be written through a symbolic link to a folder" in capsys.readouterr().err
    assert sorted(path.name for path in (project / "out").iterdir()) == ["sub"]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_warnings_or_a_summary_lost_on_stderr_are_never_a_clean_exit(drifted: Path) -> None:
    """`check 2>&-`, `generate 2>/dev/full` exited 0 with their summary gone (found by
    review): output lost on standard error makes a clean run exit 2, as on standard output.
    With nothing to say (`-q`), nothing is lost."""
    assert program(["generate"], drifted, shell_redirect="2>/dev/full").returncode == 2
    assert program(["check"], drifted, shell_redirect="2>&-").returncode == 2
    assert program(["check", "-q"], drifted, shell_redirect="2>&-").returncode == 0
    assert program(["check"], drifted, shell_redirect="2>/dev/null").returncode == 0


@pytest.mark.parametrize(
    ("start", "html"),
    [
        ("<!---->\n" * 200, False),  # a pattern took hours on forty of these
        ("<!-- x -->\r\n" * 200, False),
        ("<!-- built -->\n<!---->\n<!DOCTYPE html>\n", True),
        ("<!-- never closed <html>\n", False),
    ],
)
def test_comments_before_a_page_are_passed_by_in_linear_time(start: str, html: bool) -> None:
    """A Markdown page that opens with comments: whether a rendered HTML page follows them
    was asked of a pattern that backtracked across every `-->`, so forty `<!---->` lines
    hung every command (found by a held-out probe). Each comment is now one `find`."""
    from codetables.parse import is_html_page, parse

    page = start + "<table><tr><th>Error code</th><th>Message</th></tr>"
    page += "<tr><td>E1</td><td>Bad</td></tr></table>\n"
    assert is_html_page("a.md", page) is html
    if "never" not in start:  # (a comment never closed is refused, at its line)
        read = parse(page, source="a.md").tables
        assert [table.rows[0].cells[0].text for table in read] == ["E1"]


@pytest.mark.parametrize(
    "markup",
    [
        "<p>one<br>two</br>three<br/>four</p></br></br>",
        "<table><tr><td>a<img src=x></img><img></td></tr></table></img></img></img>",
        "<br><hr><wbr></hr></br></wbr></br><col></col></i></b>",
        "<p>" + "<br>" * 50 + "</br>" * 60 + "</p>",
    ],
)
def test_void_elements_counted_read_as_the_stock_reader_reads_them(markup: str) -> None:
    """The reference reader counts the void elements whose end tag may come (`_Tally`)
    where BeautifulSoup keeps a list: the same tree for end tags that close them, come
    twice, or close nothing."""
    from bs4 import BeautifulSoup

    from codetables import soup

    assert str(soup.soup(markup, source="p.html")) == str(BeautifulSoup(markup, "html.parser"))


def test_void_elements_and_end_tags_are_read_in_linear_time() -> None:
    """100,000 `<br>` then 100,000 end tags: BeautifulSoup looked each end tag up in a list
    of every `<br>` so far (40,000 of each: 36 s; found by a held-out probe). A watchdog
    of 60 s ends the run if that returns (about 4 minutes; a second or two now)."""
    from codetables.parse import parse

    page = "<table><tr><th>Error code</th><th>Message</th></tr>"
    page += "<tr><td>E1</td><td>x</td></tr></table>\n" + "<br>" * 100_000 + "</i>" * 100_000
    previous = signal.signal(signal.SIGALRM, _watchdog)
    signal.alarm(60)
    try:
        document = parse(page + "\n", source="p.html", fast_tree=False)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert [table.rows[0].cells[0].text for table in document.tables] == ["E1"]


def _watchdog(signum: int, frame: object) -> None:
    raise TimeoutError("the page was not read in 60 s")


def test_a_builder_that_takes_no_parser_class_reads_as_ever(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The void elements are counted through the builder's parser class, which
    BeautifulSoup's builder takes from 4.14.3 on: without it, its own builder reads the
    page, the same tree (slower on many `<br>`)."""
    from codetables import soup

    markup = "<p>one<br>two</br><img></img></p>"
    counted = str(soup.soup(markup, source="p.html"))
    monkeypatch.setattr(soup, "_COUNTS_VOIDS", False)
    assert str(soup.soup(markup, source="p.html")) == counted
