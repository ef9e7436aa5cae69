"""The codetables command: generate, check and parse, exit codes, messages, atomic writes."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from codetables import artifacts, cli, commands, stamp, workers
from codetables import project as project_module
from codetables.cli import main
from codetables.errors import CodetablesError, SourceError
from conftest import CASES, ROOT, SEED, run_python

ARTIFACTS = ["cci_status_codes.json", "cci_status_codes.md", "cci_status_codes.py"]
MANIFEST = ".codetables-manifest.json"
"""The artifact that lists, per project, the artifacts it wrote in the directory."""
BAD_CASES = sorted(path.name for path in CASES.glob("bad-*"))
WARN_CASES = sorted(path.name for path in CASES.glob("warn-*"))


def case_source(case: str) -> bytes:
    """A bad case's page: its `source.md`, or what its `build.py` makes (for huge inputs)."""
    builder = CASES / case / "build.py"
    if not builder.exists():
        return (CASES / case / "source.md").read_bytes()
    namespace: dict[str, object] = {}
    exec(builder.read_text(encoding="utf-8"), namespace)
    data = namespace["build"]()  # type: ignore[operator]
    assert isinstance(data, bytes)
    return data


def test_the_bad_input_catalogue_has_at_least_20_cases() -> None:
    """Every case has a page (or a builder) and its expected message."""
    assert len(BAD_CASES) >= 20
    for case in BAD_CASES:
        assert (CASES / case / "message.txt").is_file(), case
        assert any((CASES / case / name).is_file() for name in ("source.md", "build.py")), case


def run_program(
    command: str, *, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -m codetables COMMAND` as a separate program, its output captured."""
    return subprocess.run(
        [sys.executable, "-m", "codetables", command],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
        env=env,
    )


ENDING = """
import atexit, os, sys, types
atexit.register(lambda: sys.stderr.write("the interpreter ended the usual way\\n"))
how = sys.argv[1]
if how == "traced":
    sys.settrace(lambda *args: None)
elif how == "profiled":
    sys.setprofile(lambda *args: None)
elif how == "monitored":  # as cProfile is from Python 3.12
    sys.monitoring.use_tool_id(sys.monitoring.PROFILER_ID, "a profiler")
elif how == "debugged":
    import pdb
elif how == "covered":
    sys.modules["coverage"] = types.ModuleType("coverage")
elif how == "inspected":  # python -i: the prompt after the program (its input is empty)
    os.environ["PYTHONINSPECT"] = "1"
sys.argv = ["codetables", *sys.argv[2:]]
sys.stdout.write("ready\\n")  # a piped stdout holds it in its buffer
from codetables.start import run
run()
"""


@pytest.mark.parametrize(
    ("how", "usual"),
    [
        ("plain", False),
        ("traced", True),
        ("profiled", True),
        pytest.param(
            "monitored",
            True,
            marks=pytest.mark.skipif(
                sys.version_info < (3, 12), reason="sys.monitoring came with Python 3.12"
            ),
        ),
        ("debugged", True),
        ("covered", True),
        ("inspected", True),
    ],
)
def test_the_program_ends_once_its_output_is_out_the_usual_way_when_watched(
    project: Path, how: str, usual: bool
) -> None:
    """The interpreter's own ending (every module freed) took 25 to 45 ms of a `generate`
    with nothing left to do: the program ends at once, its whole output written first.
    Watched (a tracer, a profiler, a debugger, coverage, `python -i`), it ends as usual:
    cProfile on Python 3.12 lost its report, pdb its last prompt (found by review)."""
    result = subprocess.run(
        [sys.executable, "-c", ENDING, how, "parse", "seeds/cci-status-codes.md"],
        cwd=project,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "parser")},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert len(result.stdout) > 8192  # more than the buffer of a piped stdout holds
    assert json.loads(result.stdout.removeprefix("ready\n"))["tables"]
    assert ("the interpreter ended the usual way" in result.stderr) is usual


def test_a_run_that_ends_at_once_holds_what_it_made_and_a_library_caller_lets_it_go(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Freeing a run's Documents and artifacts one object at a time took 8 to 14 ms just
    before `os._exit` ended the process anyway: the program (`start.run`) holds them to the
    end; a library caller of `main` gets them freed as ever, never kept across calls."""
    from codetables import start

    monkeypatch.setattr(start, "_HELD", [])
    assert main(["generate", "-q"]) == 0
    assert start._HELD == []
    monkeypatch.setattr(start, "ENDING", True)
    assert main(["generate", "-q"]) == 0
    (held,) = start._HELD
    assert isinstance(held, commands.Plan)
    assert [d.path for d in held.result.pages.values()] == ["seeds/cci-status-codes.md"]
    script = (
        "import sys\nfrom codetables import start\nreal = start.main\n"
        "start.main = lambda: sys.stdout.write(f'{start.ENDING}\\n') and real()\n"
        "sys.argv = ['codetables', '--version']\nstart.run()\n"
    )
    ran = run_python(script)
    assert (ran.returncode, ran.stdout.split("\n")[0]) == (0, "True")


def test_generate_loads_nothing_that_only_explains_or_shows_a_change(project: Path) -> None:
    """The comparison of models and the diff (difflib) serve `check` and `diff` alone: a
    `generate` that loaded them started 4 ms later. A `check` that finds a drift loads
    them, so the test sees what it looks for."""
    only_for_changes = ("codetables.compare", "codetables.textdiff", "difflib")

    def run(*arguments: str) -> str:
        program = (
            f"import sys\nfrom codetables.cli import main\ncode = main({list(arguments)!r})\n"
            f"print(code, sorted(m for m in {only_for_changes!r} if m in sys.modules))\n"
        )
        return run_python(program, cwd=project).stdout.strip().splitlines()[-1]

    assert run("generate", "-q") == "0 []"
    page = project / "seeds" / "cci-status-codes.md"
    page.write_text(page.read_text("utf-8").replace(">401<", ">409<"), "utf-8")
    assert run("check") == "1 ['codetables.compare', 'codetables.textdiff', 'difflib']"


INTERRUPTED_FLUSH = """
import sys
from codetables import start
real, done = start.main, []
def main():
    code = real()
    done.append(code)
    return code
class Out:
    def __init__(self, stream):
        self.stream = stream
    def write(self, text):
        return self.stream.write(text)
    def flush(self):
        if done:  # the command is over: Ctrl-C as its output goes out
            raise KeyboardInterrupt
        self.stream.flush()
start.main = main
sys.stdout = Out(sys.stdout)
sys.argv = ["codetables", "--version"]
start.run()
"""


def test_ctrl_c_as_the_last_output_goes_out_is_exit_130_without_a_traceback() -> None:
    result = subprocess.run(
        [sys.executable, "-c", INTERRUPTED_FLUSH],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "parser")},
        check=False,
    )
    assert (result.returncode, result.stderr) == (130, "")


@pytest.mark.parametrize(
    ("arguments", "code", "said"),
    [
        (["check"], 1, "missing: output/cci_status_codes.json"),
        (["generate"], 0, "3 files written"),
        (["parse", "nowhere.md"], 2, "error: nowhere.md: cannot read the source"),
    ],
)
def test_the_program_ends_at_once_with_the_commands_exit_code_and_message(
    project: Path, arguments: list[str], code: int, said: str
) -> None:
    """Drift (1: a project never generated), success (0), bad input (2), each said."""
    result = subprocess.run(
        [sys.executable, "-c", ENDING, "plain", *arguments],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "parser")},
        check=False,
    )
    assert result.returncode == code, result.stderr
    assert said in result.stdout + result.stderr
    assert result.stdout.startswith("ready\n")
    assert "the interpreter ended the usual way" not in result.stderr


def snapshot(directory: Path) -> dict[str, bytes]:
    """Every file under a directory, by relative path, with its bytes."""
    return {
        path.relative_to(directory).as_posix(): path.read_bytes()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


def test_generate_writes_three_artifacts_then_leaves_them_alone(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A first run writes every artifact; a second finds nothing to change."""
    assert main(["generate"]) == 0
    assert sorted(snapshot(project / "output")) == [MANIFEST, *ARTIFACTS]
    assert capsys.readouterr().err == "1 source, 1 table, 42 rows → 3 files written, 0 unchanged\n"
    mtimes = {p.name: p.stat().st_mtime_ns for p in (project / "output").iterdir()}
    assert main(["generate"]) == 0
    assert capsys.readouterr().err == "1 source, 1 table, 42 rows → 0 files written, 3 unchanged\n"
    assert {p.name: p.stat().st_mtime_ns for p in (project / "output").iterdir()} == mtimes


def test_generated_artifacts_equal_the_committed_output(project: Path) -> None:
    """Generating the seed anywhere, with this repository's pyproject.toml (the manifest's
    record holds its digest), gives the bytes committed in output/."""
    shutil.copyfile(ROOT / "pyproject.toml", project / "pyproject.toml")
    assert main(["generate"]) == 0
    assert snapshot(project / "output") == snapshot(ROOT / "output")


def test_check_passes_on_a_fresh_generate(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Right after generate, check exits 0 and says what it compared."""
    main(["generate"])
    capsys.readouterr()
    assert main(["check"]) == 0
    assert capsys.readouterr().err == (
        "1 source, 1 table, 42 rows → 3 files compared, all up to date in output/\n"
    )


@pytest.mark.parametrize("name", ARTIFACTS)
def test_check_reports_a_hand_edit_as_such_with_a_diff(
    project: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    """Editing any artifact by hand: check exits 1 saying it was edited by hand (the checksum
    in its header no longer matches), never that the source changed; a diff; the fix."""
    main(["generate"])
    path = project / "output" / name
    path.write_text(path.read_text(encoding="utf-8").replace("Continue", "Go on"), encoding="utf-8")
    capsys.readouterr()
    assert main(["check"]) == 1
    captured = capsys.readouterr()
    assert captured.out.startswith(
        f"edited by hand: output/{name}: its body no longer matches the checksum in its header\n"
        f"--- output/{name} (committed)\n+++ output/{name} (generated)\n"
    )
    assert "source changed" not in captured.out
    assert any(line.startswith("-") and "Go on" in line for line in captured.out.splitlines())
    assert any(line.startswith("+") and "Continue" in line for line in captured.out.splitlines())
    assert captured.err.splitlines()[-2:] == [
        "1 source, 1 table, 42 rows → 3 files compared, 1 out of date; run 'codetables "
        "generate' and commit output/",
        "hint: generate overwrites edits made by hand; make them in the source page",
    ]
    assert main(["generate"]) == 0
    assert main(["check"]) == 0


def test_generate_says_which_hand_edits_it_replaces_and_strict_replaces_none(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`generate` replaced an artifact edited by hand without a word, even with -v and
    --strict, though its checksum told the edit (found by a probe). It says so by name;
    under --strict it is an error, exit 2, and nothing is written."""
    assert main(["generate", "-q"]) == 0
    path = project / "output" / "cci_status_codes.py"
    edited = path.read_text(encoding="utf-8").replace("Continue", "MY EDIT")
    path.write_text(edited, encoding="utf-8")
    before = {p.name: p.read_bytes() for p in (project / "output").iterdir()}
    assert main(["generate", "--strict"]) == 2
    assert capsys.readouterr().err == (
        "error: output/cci_status_codes.py: was edited by hand since it was generated, "
        "expected an artifact as it was generated (--strict replaces no edit made by hand)\n"
        "hint: keep the edits elsewhere, or make them in the source page, then generate\n"
    )
    assert {p.name: p.read_bytes() for p in (project / "output").iterdir()} == before
    assert main(["generate"]) == 0
    err = capsys.readouterr().err
    assert err.startswith(
        "warning: output/cci_status_codes.py: edited by hand since it was generated; "
        "replaced by what its source makes (make edits in the source page)\n"
    )
    assert "MY EDIT" not in path.read_text(encoding="utf-8")
    assert main(["generate"]) == 0
    assert "edited by hand" not in capsys.readouterr().err


def test_check_counts_out_of_date_files_as_it_counts_the_files_compared(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The manifest is not among the files compared, and was counted among those out of
    date: with no output folder, "3 files compared, 4 out of date" (found by review). It
    is named apart, alone too."""
    assert main(["check"]) == 1
    assert capsys.readouterr().err.splitlines()[-1] == (
        "1 source, 1 table, 42 rows → 3 files compared, 3 out of date and the manifest; run "
        "'codetables generate' and commit output/"
    )
    assert main(["generate", "-q"]) == 0
    (project / "output" / artifacts.MANIFEST).unlink()
    assert main(["check"]) == 1
    captured = capsys.readouterr()
    assert f"missing: output/{artifacts.MANIFEST}\n" in captured.out
    assert captured.err.splitlines()[-1] == (
        "1 source, 1 table, 42 rows → 3 files compared, the manifest out of date; run "
        "'codetables generate' and commit output/"
    )


def test_an_artifact_place_that_cannot_be_looked_at_is_said_as_such(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file in an artifact's place that cannot be looked at (EACCES): the run says so at
    that file, as before one `lstat` replaced `exists` and `is_symlink` (`lexists` read it
    as no file there, and the run failed later, naming the folder; found by review)."""
    (project / "output").mkdir()
    real_lstat = os.lstat

    def lstat(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        if os.fspath(path).endswith("cci_status_codes.py"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_lstat(path, *args, **kwargs)

    monkeypatch.setattr(os, "lstat", lstat)
    assert main(["generate", "-q"]) == 2
    assert capsys.readouterr().err.endswith("output/cci_status_codes.py: Permission denied\n")
    monkeypatch.undo()
    assert sorted(path.name for path in (project / "output").iterdir()) == []


def test_check_shows_control_characters_of_an_edited_artifact_escaped_never_sends_them(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An escape sequence written into a committed artifact (clear the screen, set the
    window title, a lone carriage return hiding the line) reaches the diff as text."""
    main(["generate"])
    path = project / "output" / "cci_status_codes.md"
    hostile = "x\x1b[2J\x1b]0;owned\x07\rtab\there\x9b1m"
    with path.open("a", encoding="utf-8", newline="") as stream:
        stream.write(hostile + "\n")
    capsys.readouterr()
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert "-x\\x1b[2J\\x1b]0;owned\\x07\\x0d\n" in out  # the diff's lines end at a \r too
    assert "-tab\there\\x9b1m\n" in out
    assert not {"\x1b", "\x07", "\r", "\x9b"} & set(out)


@pytest.mark.parametrize("name", ARTIFACTS)
def test_check_tells_a_new_rendering_from_a_change_in_the_source(
    project: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    """An artifact written differently by another version of codetables (its checksum is
    right, the meaning is the same) is reported as rendered differently."""
    main(["generate"])
    path = project / "output" / name
    text = path.read_text(encoding="utf-8")
    body = "\n".join(line for line in text.split("\n") if "checksum" not in line)
    path.write_text(stamp.stamp(name, body + "\n"), encoding="utf-8")  # one more blank line
    capsys.readouterr()
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert out.startswith(
        f"renders differently: output/{name}: the same meaning, written differently by this "
        "version of codetables (its templates or code changed) or of Python (its Unicode "
        "data says which characters are printable)\n"
    )


def test_check_reports_a_one_word_change_in_the_source(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Changing one word of the page makes every artifact drift, each with its diff."""
    main(["generate"])
    source = project / "seeds" / "cci-status-codes.md"
    source.write_text(
        source.read_text(encoding="utf-8").replace(">Unauthorized<", ">Unauthenticated<"),
        encoding="utf-8",
    )
    capsys.readouterr()
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    for name in ARTIFACTS:
        assert f"+++ output/{name} (generated)" in out
    assert out.startswith(
        "source changed: output/cci_status_codes.py, output/cci_status_codes.md, "
        "output/cci_status_codes.json: seeds/cci-status-codes.md changed in meaning:\n"
        "  table 1: row 401: 编码: 'Unauthorized' → 'Unauthenticated'\n"
    )
    assert '+        "Unauthenticated",' in out
    assert "+| 401 | Unauthenticated |" in out
    assert '+            "phrase": "Unauthenticated",' in out


def test_check_names_missing_and_extra_files_and_ignores_foreign_ones(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A deleted artifact is missing, the artifacts of a deleted page extra; files that are
    not artifacts (no generated header) are never compared, replaced or removed."""
    old_page = project / "seeds" / "old-page.md"
    shutil.copyfile(SEED, old_page)
    main(["generate"])
    old_page.unlink()
    out = project / "output"
    (out / "cci_status_codes.md").unlink()
    (out / "notes.txt").write_text("mine\n", encoding="utf-8")
    readme = "# Output\n\nThese files are generated by codetables; do not edit them.\n"
    (out / "README.md").write_text(readme, encoding="utf-8")
    (out / "mine.json").write_text('{"format": "codetables/2", "tables": []}\n', "utf-8")
    capsys.readouterr()
    assert main(["check"]) == 1
    captured = capsys.readouterr()
    assert captured.out.startswith(
        "changed: output/.codetables-manifest.json: the artifacts it lists (pages added or "
        "removed)\n"
        "missing: output/cci_status_codes.md\n"
        "extra: output/index.md (no source makes it now)\n"
        "extra: output/old_page.json (no source makes it now)\n"
        "extra: output/old_page.md (no source makes it now)\n"
        "extra: output/old_page.py (no source makes it now)\n"
    )
    for foreign in ("notes.txt", "README.md", "mine.json"):
        assert foreign not in captured.out
    assert main(["generate"]) == 0
    assert sorted(snapshot(out)) == [MANIFEST, "README.md", *ARTIFACTS, "mine.json", "notes.txt"]
    assert (out / "README.md").read_text(encoding="utf-8") == readme


@pytest.mark.parametrize("written", ["", "{}", "\ufeff{}"])
def test_a_manifest_codetables_did_not_write_is_said_so_with_a_hint_that_helps(
    project: Path, capsys: pytest.CaptureFixture[str], written: str
) -> None:
    """An empty or hand-made manifest stopped the run with "set another name in
    [tool.codetables.names]", which cannot rename the manifest (found by a probe): moving it
    away is the way, and the file stays as it was."""
    out = project / "output"
    out.mkdir()
    (out / MANIFEST).write_text(written, encoding="utf-8")
    assert main(["generate", "-q"]) == 2
    assert capsys.readouterr().err.endswith(
        f"error: {out / MANIFEST}: exists and is no manifest codetables wrote (no generated "
        "header), expected codetables' manifest of the directory or nothing there\n"
        "hint: move it away; a manifest is made again by the next generate\n"
    )
    assert snapshot(out) == {MANIFEST: written.encode("utf-8")}


@pytest.mark.parametrize("kind", ["fifo", "file"])
def test_a_foreign_file_at_the_manifest_beside_artifacts_is_an_error_alone(
    project: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    """A FIFO or a file of another's where the manifest goes, beside the artifacts: the run
    warned first that the directory listed no artifacts of this project, then refused the
    file (found by a held-out probe). The error alone is said."""
    if kind == "fifo" and not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this system")
    assert main(["generate", "-q"]) == 0
    manifest = project / "output" / MANIFEST
    manifest.unlink()
    if kind == "fifo":
        os.mkfifo(manifest)
    else:
        manifest.write_text("{}", encoding="utf-8")
    capsys.readouterr()
    assert main(["generate"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {manifest}: exists and is no manifest codetables wrote")
    assert "warning" not in err


def test_generate_never_replaces_a_file_it_did_not_write(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A hand-written file where an artifact would go stops generate: exit 2, nothing
    written, the file as it was."""
    out = project / "output"
    out.mkdir()
    (out / "cci_status_codes.md").write_text("# my notes on codetables\n", encoding="utf-8")
    assert main(["generate"]) == 2
    assert capsys.readouterr().err == (
        f"error: {out / 'cci_status_codes.md'}: exists and was not written by codetables (no "
        "generated header), expected the artifact's place to be free\n"
        "hint: move the file away, or set another name in [tool.codetables.names]\n"
    )
    assert snapshot(out) == {"cci_status_codes.md": b"# my notes on codetables\n"}
    assert main(["check"]) == 2


def test_an_artifact_whose_title_is_long_is_still_recognised(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A 200-character CJK title pushes nothing out of the header: generate twice writes
    once, check passes, and the artifacts are replaced when the page changes."""
    page = project / "seeds" / "long.md"
    title = "状态码说明" * 40
    page.write_text(f"# {title}\n\n| 状态码 | 说明 |\n| --- | --- |\n| 200 | 成功 |\n", "utf-8")
    assert main(["generate", "-q"]) == 0
    assert main(["generate"]) == 0
    assert capsys.readouterr().err.endswith("0 files written, 7 unchanged\n")
    assert main(["check", "-q"]) == 0
    page.write_text(page.read_text("utf-8").replace("成功", "完成"), "utf-8")
    assert main(["generate"]) == 0
    assert capsys.readouterr().err.endswith("3 files written, 4 unchanged\n")


def without_lines(value: Any) -> Any:
    """A JSON model without its source lines."""
    if isinstance(value, dict):
        return {key: without_lines(item) for key, item in value.items() if key != "line"}
    if isinstance(value, list):
        return [without_lines(item) for item in value]
    return value


def test_parse_prints_the_json_model_with_source_lines(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`parse FILE` prints the model of the JSON artifact, with every source line, without
    the artifact's generated header."""
    assert main(["parse", "seeds/cci-status-codes.md"]) == 0
    printed = json.loads(capsys.readouterr().out)
    artifact = json.loads((ROOT / "output" / "cci_status_codes.json").read_text("utf-8"))
    assert artifact.pop("generated").startswith("Generated by codetables; do not edit;")
    assert without_lines(printed) == artifact
    assert [row["line"] for row in printed["tables"][0]["rows"]][:3] == [12, 20, 28]


def test_parse_of_a_page_without_code_table_prints_no_tables(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A page with no code table is no error for parse: `tables` is just empty."""
    shutil.copyfile(CASES / "bad-no-table" / "source.md", project / "page.md")
    assert main(["parse", "page.md"]) == 0
    assert json.loads(capsys.readouterr().out)["tables"] == []


@pytest.mark.parametrize("case", BAD_CASES)
def test_bad_source_fails_with_one_line_and_leaves_output_untouched(
    project: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    """Each broken input, named as the page to generate: exit 2, the exact `file:line`
    message, no artifact changed; check says the same."""
    main(["generate"])
    before = snapshot(project / "output")
    (project / "seeds" / "source.md").write_bytes(case_source(case))
    capsys.readouterr()
    assert main(["generate", "seeds/source.md"]) == 2
    captured = capsys.readouterr()
    assert captured.err == (CASES / case / "message.txt").read_text(encoding="utf-8")
    assert captured.out == ""
    assert snapshot(project / "output") == before
    assert main(["check", "seeds/source.md"]) == 2


def test_the_warning_catalogue_has_a_page_and_both_outcomes_per_case() -> None:
    """Every warn case has its page, the warnings of a normal run and the strict error."""
    assert len(WARN_CASES) >= 10
    for case in WARN_CASES:
        for name in ("source.md", "warnings.txt", "strict.txt"):
            assert (CASES / case / name).is_file(), (case, name)


@pytest.mark.parametrize("case", WARN_CASES)
def test_a_doubtful_cell_is_a_warning_and_strict_makes_it_an_error(
    project: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    """A page with something odd in a cell is generated with `warning: file:line:` lines;
    `--strict` (or `strict = true`) makes the first one an exit-2 error, nothing written."""
    main(["generate"])
    before = snapshot(project / "output")
    (project / "seeds" / "source.md").write_bytes((CASES / case / "source.md").read_bytes())
    capsys.readouterr()
    assert main(["generate", "--strict"]) == 2
    captured = capsys.readouterr()
    assert captured.err == (CASES / case / "strict.txt").read_text(encoding="utf-8")
    assert snapshot(project / "output") == before
    (project / "pyproject.toml").write_text("[tool.codetables]\nstrict = true\n", "utf-8")
    assert main(["check"]) == 2
    assert capsys.readouterr().err == captured.err
    (project / "pyproject.toml").unlink()
    assert main(["generate"]) == 0
    assert capsys.readouterr().err == (CASES / case / "warnings.txt").read_text(encoding="utf-8")
    assert sorted(set(snapshot(project / "output")) - set(before)) == [
        "index.md",
        "source.json",
        "source.md",
        "source.py",
    ]


def test_errors_reach_the_terminal_without_traceback(project: Path) -> None:
    """Run as a program, a bad source gives exit 2 and one line on stderr, no traceback."""
    shutil.copyfile(CASES / "bad-unclosed-table" / "source.md", project / "seeds" / "source.md")
    result = run_program("generate", cwd=project, env={"PYTHONPATH": str(ROOT), "PATH": ""})
    assert result.returncode == 2
    assert result.stderr == (CASES / "bad-unclosed-table" / "message.txt").read_text()
    assert "Traceback" not in result.stdout + result.stderr


def test_two_sources_with_one_artifact_name_is_an_error(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`a-b.md` and `a_b.md` would both write `a_b.*`: refused before anything is written."""
    shutil.copyfile(SEED, project / "seeds" / "cci_status_codes.md")
    assert main(["generate"]) == 2
    assert capsys.readouterr().err == (
        "error: seeds/cci-status-codes.md and seeds/cci_status_codes.md both map to the "
        "artifact name 'cci_status_codes', expected one source per name\n"
        "hint: set distinct names in [tool.codetables.names]\n"
    )
    assert not (project / "output").exists()


def test_configuration_sets_sources_output_and_names(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """[tool.codetables] chooses the sources, the directory and the artifact names."""
    (project / "docs").mkdir()
    shutil.move(project / "seeds" / "cci-status-codes.md", project / "docs" / "page.md")
    (project / "pyproject.toml").write_text(
        '[tool.codetables]\nsources = ["docs/*.md"]\noutput = "gen"\n'
        '[tool.codetables.names]\n"docs/page.md" = "cci"\n',
        encoding="utf-8",
    )
    assert main(["generate"]) == 0
    assert sorted(snapshot(project / "gen")) == [MANIFEST, "cci.json", "cci.md", "cci.py"]
    assert json.loads((project / "gen" / "cci.json").read_text())["source"]["path"] == (
        "docs/page.md"
    )


def test_unknown_configuration_key_is_an_error_naming_key_and_file(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A misspelt key is refused with its name and the file, not silently ignored."""
    (project / "pyproject.toml").write_text('[tool.codetables]\nsource = ["x"]\n')
    assert main(["generate"]) == 2
    assert capsys.readouterr().err == (
        f"error: {project / 'pyproject.toml'}:2: unknown key tool.codetables.source, "
        "expected one of: lines, members, names, output, roles, sources, strict, templates\n"
    )


def test_a_missing_source_file_is_a_usage_error(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Naming a file that does not exist exits 2 with the path and the reason."""
    assert main(["generate", "seeds/nope.md"]) == 2
    assert capsys.readouterr().err == (
        "error: seeds/nope.md: cannot read the source (No such file or directory)\n"
    )


def test_committed_output_is_current() -> None:
    """`codetables check` passes on this repository: output/ matches seeds/."""
    result = run_program("check", cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_configuration_is_found_in_a_parent_directory(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run from a subdirectory, the nearest [tool.codetables] governs, paths relative to it."""
    (project / "pyproject.toml").write_text(
        '[tool.codetables]\nsources = ["seeds/*.md"]\noutput = "artifacts"\n', encoding="utf-8"
    )
    (project / "docs" / "deep").mkdir(parents=True)
    monkeypatch.chdir(project / "docs" / "deep")
    assert main(["generate", "-q"]) == 0
    assert sorted(snapshot(project / "artifacts")) == [MANIFEST, *ARTIFACTS]
    assert main(["check"]) == 0
    assert capsys.readouterr().err.endswith("all up to date in artifacts/\n")


@pytest.mark.parametrize(
    ("table", "message"),
    [
        (
            'sources = "seeds/*.md"',
            "tool.codetables.sources must be a non-empty list of path patterns",
        ),
        ("output = 3", "tool.codetables.output must be a directory path"),
        (
            'names = {"a.md" = "not an identifier"}',
            "tool.codetables.names: 'not an identifier' (for a.md) is not a Python identifier",
        ),
        ("[tool.codetables", "not valid TOML"),
        ('strict = "yes"', "tool.codetables.strict must be true or false"),
        ('roles = ["Kód"]', "tool.codetables.roles must map column headers to role names"),
        (
            'names = {"a.md" = "x\\u0000y"}',
            "tool.codetables.names must map source paths to artifact names",
        ),
        ('output = "out\\u0000"', "tool.codetables.output must be a directory path"),
        (
            'roles = {"Kód" = "bogus"}',
            "tool.codetables.roles: 'Kód' maps to unknown role 'bogus', expected one of: "
            "cause, code, description, error_code, message, module, name, none, phrase, "
            "remedy, status",
        ),
    ],
)
def test_wrong_configuration_types_are_errors_naming_key_and_file(
    project: Path, capsys: pytest.CaptureFixture[str], table: str, message: str
) -> None:
    """A wrong type or a broken file is refused with the key (or the problem), the file and
    the line: the key's, below an unrelated table of the same key names."""
    text = table if table.startswith("[") else f"[other]\n{table}\n\n[tool.codetables]\n{table}\n"
    (project / "pyproject.toml").write_text(text, encoding="utf-8")
    assert main(["generate"]) == 2
    err = capsys.readouterr().err
    line = 1 if table.startswith("[") else 5
    assert err.startswith(f"error: {project / 'pyproject.toml'}:{line}: {message}")


def test_a_configuration_opening_with_a_byte_order_mark_is_said_so(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A BOM (a Windows editor's) was "not valid TOML (Invalid statement (at line 1, column
    1))", which named nothing a user could find (found by review)."""
    (project / "pyproject.toml").write_text(
        '\ufeff[tool.codetables]\nsources = ["seeds/*.md"]\n', encoding="utf-8"
    )
    assert main(["generate"]) == 2
    assert capsys.readouterr().err == (
        f"error: {project / 'pyproject.toml'}:1: the file opens with a byte order mark "
        "(U+FEFF), which TOML does not allow, expected UTF-8 without one\n"
        "hint: save the file as UTF-8 without a BOM\n"
    )


@pytest.mark.parametrize(
    ("pattern", "why"),
    [
        ("seeds/**.md", "Invalid pattern: '**' can only be an entire path component"),
        (".", "it names a folder, not files"),
        ("/", "it names a folder, not files"),
    ],
)
@pytest.mark.parametrize("command", ["generate", "check", "lint"])
def test_a_source_pattern_pathlib_cannot_take_is_a_configuration_error_at_its_line(
    project: Path, capsys: pytest.CaptureFixture[str], pattern: str, why: str, command: str
) -> None:
    """pathlib refuses `**.md` only once asked for matches: it ended as an internal error."""
    (project / "pyproject.toml").write_text(
        f'[tool.codetables]\noutput = "output"\nsources = ["{pattern}"]\n', encoding="utf-8"
    )
    assert main([command]) == 2
    assert capsys.readouterr().err == (
        f"error: {project / 'pyproject.toml'}:3: tool.codetables.sources: cannot use the "
        "source pattern "
        f"{pattern!r} ({why}), expected a pattern of files such as docs/**/*.md\n"
    )


def test_role_overrides_give_a_column_its_meaning(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A header no rule knows becomes the error-code column when configured so; `none`
    takes a role away (here: the page then has no code table)."""
    (project / "seeds" / "cs.md").write_text(
        "# Chyby\n\n| Kód | Popis |\n| --- | --- |\n| E1 | chyba |\n| E2 | jiná |\n", "utf-8"
    )
    assert main(["generate", "-v"]) == 0
    assert "seeds/cs.md: no code table; not a source of artifacts\n" in capsys.readouterr().err
    assert not (project / "output" / "cs.json").exists()
    (project / "pyproject.toml").write_text(
        '[tool.codetables]\nsources = ["seeds/*.md"]\n'
        '[tool.codetables.roles]\n"Kód" = "error_code"\n"popis" = "description"\n',
        encoding="utf-8",
    )
    assert main(["generate"]) == 0
    model = json.loads((project / "output" / "cs.json").read_text("utf-8"))
    assert [(c["header"], c["role"]) for c in model["tables"][0]["columns"]] == [
        ("Kód", "error_code"),
        ("Popis", "description"),
    ]
    assert main(["parse", "seeds/cs.md"]) == 0
    assert json.loads(capsys.readouterr().out)["tables"][0]["kind"] == "error-code"


def test_an_output_path_that_is_a_file_is_a_usage_error(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--out` naming a file exits 2 with a clear message."""
    (project / "taken").write_text("x", encoding="utf-8")
    assert main(["generate", "--out", "taken"]) == 2
    assert capsys.readouterr().err == (
        "error: taken: the artifacts directory is a file, expected a directory\n"
    )


def every_error_class() -> list[type[CodetablesError]]:
    """Every error class of the package, and one a future change might add."""
    found: list[type[CodetablesError]] = [CodetablesError]
    for kind in found:
        found.extend(kind.__subclasses__())
    future = type("FutureSourceError", (SourceError,), {})
    return [*dict.fromkeys(found), future]


@pytest.mark.parametrize("kind", every_error_class(), ids=lambda kind: kind.__name__)
def test_every_error_class_maps_to_exit_2_without_traceback(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, kind: type
) -> None:
    """Exit codes follow the class hierarchy: any CodetablesError, a subclass added later
    included, is one `error:` line and exit 2, never a traceback or exit 1 (drift)."""

    def failing(*arguments: object) -> int:
        raise kind("something is wrong", path="seeds/x.md", line=3)

    monkeypatch.setattr(commands, "generate", failing)
    assert main(["generate"]) == 2
    assert capsys.readouterr().err == "error: seeds/x.md:3: something is wrong\n"
    assert cli.exit_code(kind("x")) == 2


def test_a_source_that_is_not_a_regular_file_never_hangs(project: Path) -> None:
    """A FIFO named like a page would block a plain read forever: named on the command line
    it is refused at once (exit 2); matched by a pattern it is not a page and is passed by."""
    fifo = project / "seeds" / "pipe.md"
    os.mkfifo(fifo)

    def program(*arguments: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "codetables", *arguments],
            cwd=project,
            capture_output=True,
            text=True,
            timeout=30,
            env={**os.environ, "PYTHONPATH": str(ROOT / "parser")},
            check=False,
        )

    named = program("generate", "seeds/pipe.md")
    assert (named.returncode, named.stderr) == (
        2,
        "error: seeds/pipe.md: not a regular file, expected a documentation page\n",
    )
    matched = program("generate")
    assert (matched.returncode, matched.stderr) == (
        0,
        "1 source, 1 table, 42 rows → 3 files written, 0 unchanged\n",
    )


def test_a_source_larger_than_any_page_is_refused_without_reading_it_all(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reads stop past MAX_BYTES: a file too large is an error, not memory without bound."""
    monkeypatch.setattr(project_module, "MAX_BYTES", 1000)
    (project / "seeds" / "big.md").write_bytes(b"# big\n" + b"x" * 5000)
    assert main(["generate"]) == 2
    assert capsys.readouterr().err == (
        "error: seeds/big.md: the file is larger than 1,000 bytes, expected a documentation page\n"
    )


def test_an_untitled_page_renders_no_empty_title(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A page without any heading is named by its path in the module and the Markdown."""
    (project / "seeds").joinpath("cci-status-codes.md").unlink()
    (project / "seeds" / "bare.md").write_text(
        "| 状态码 | 说明 |\n| --- | --- |\n| 200 | OK |\n", "utf-8"
    )
    assert main(["generate", "-q"]) == 0
    module = (project / "output" / "bare.py").read_text("utf-8")
    assert module.splitlines()[1] == '"""HTTP status codes of seeds/bare.md.'
    assert 'page ""' not in module
    assert (project / "output" / "bare.md").read_text("utf-8").splitlines()[1] == "# seeds/bare.md"


def test_pages_without_code_tables_caught_by_a_pattern_are_passed_by(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A broad pattern catches overview pages too: they make no artifacts (said with -v);
    only when no page at all has a code table is it an error."""
    (project / "seeds" / "overview.md").write_text("# Overview\n\nSee the codes.\n", "utf-8")
    assert main(["generate", "-v"]) == 0
    err = capsys.readouterr().err
    assert "seeds/overview.md: no code table; not a source of artifacts\n" in err
    assert err.endswith("1 source, 1 table, 42 rows → 3 files written, 0 unchanged\n")
    (project / "seeds" / "cci-status-codes.md").unlink()
    assert main(["generate"]) == 2
    assert capsys.readouterr().err.startswith("error: seeds/overview.md:1: no code table found")


def test_a_page_that_lost_its_code_tables_is_an_error(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A page whose artifacts exist but whose table is gone upstream: an error naming the
    artifact, never a silent pass; check fails the same way."""
    main(["generate", "-q"])
    (project / "seeds" / "cci-status-codes.md").write_text("# 状态码\n\n见其他页面。\n", "utf-8")
    message = (
        "error: seeds/cci-status-codes.md:1: no code table found, expected the tables "
        "output/cci_status_codes.json was generated from (remove its artifacts if the page no "
        "longer lists codes)\n"
    )
    assert main(["generate"]) == 2
    assert capsys.readouterr().err == message
    assert main(["check"]) == 2
    assert capsys.readouterr().err == message


def test_a_committed_model_nested_without_end_is_no_crash(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A JSON artifact edited into 100,000 nested lists: check says it was edited by hand
    and cannot tell more; no traceback."""
    main(["generate", "-q"])
    path = project / "output" / "cci_status_codes.json"
    lines = path.read_text("utf-8").split("\n")
    path.write_text(
        "\n".join([*lines[:2], '  "deep": ' + "[" * 100_000 + "]" * 100_000 + ","])
        + "\n".join(lines[2:]),
        "utf-8",
    )
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("edited by hand: output/cci_status_codes.json")


def test_codes_too_long_for_an_integer_stay_text(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A code of 5,000 digits is not an integer to convert (Python refuses over 4,300):
    it is a code token, so the table is an error-code StrEnum of text; no crash."""
    digits = "9" * 5000
    (project / "seeds" / "big.md").write_text(
        f"# Codes\n\n| Code | Description |\n| --- | --- |\n| {digits} | big |\n| 1 | one |\n",
        encoding="utf-8",
    )
    assert main(["generate", "-q"]) == 0
    assert "class ErrorCode(StrEnum)" in (project / "output" / "big.py").read_text("utf-8")


@pytest.mark.parametrize("arguments", [["--help"], ["generate", "--help"], ["--version"]])
def test_help_and_usage_that_cannot_be_written_exit_2(arguments: list[str]) -> None:
    """argparse drops its own write errors: `codetables --help > /dev/full` exited 0; the
    version exited 2 without a word (found by a probe)."""
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system to fill the output with")
    with open("/dev/full", "w", encoding="utf-8") as full:
        done = subprocess.run(
            [sys.executable, "-m", "codetables", *arguments],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
            timeout=60,
        )
    assert (done.returncode, done.stderr) == (
        2,
        "error: cannot write to standard output (No space left on device)\n",
    )


def test_the_version_to_a_reader_that_stopped_is_exit_0() -> None:
    """`codetables --version | true` exited 2 without a word; a reader that stops early
    keeps a command's code, as `parse | true` does (found by a probe)."""
    done = subprocess.Popen(
        [sys.executable, "-m", "codetables", "--version"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT / "parser")},
    )
    assert done.stdout is not None
    assert done.stderr is not None
    done.stdout.close()  # the reader is gone before a byte is written
    with done:
        assert (done.wait(timeout=60), done.stderr.read()) == (0, b"")


@pytest.mark.parametrize("command", ["generate", "check"])
def test_an_artifacts_directory_linked_to_nothing_is_an_error_for_both_commands(
    project: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`check` read a link to a missing folder as an empty directory (exit 1, 'run
    codetables generate'), and `generate` then failed to make it: both now say what it is."""
    (project / "output").symlink_to(project / "nowhere")
    assert main([command]) == 2
    err = capsys.readouterr().err
    assert err.splitlines()[0] == (
        f"error: {project / 'output'}: the artifacts directory is a symbolic link to "
        f"{project / 'nowhere'}, which does not exist, expected a directory"
    )
    assert not (project / "nowhere").exists()


STOPS = ["SIGINT", "SIGTERM", "SIGHUP"]


@pytest.mark.parametrize("stop", STOPS)
def test_a_stop_while_the_pool_starts_is_held_until_its_workers_have_started(stop: str) -> None:
    """An interrupt that lands in the standard library's fork handlers is printed as
    'Exception ignored' and lost: the run went on to the end. Held, it comes after; SIGTERM
    and SIGHUP interrupt as Ctrl-C does (found by review: they were not held)."""
    reached: list[str] = []
    with (  # noqa: PT012 (the interrupt comes as the block ends)
        pytest.raises(KeyboardInterrupt),
        cli._interrupt_on_terminate(),
        artifacts.held_signals(),
    ):
        os.kill(os.getpid(), getattr(signal, stop))
        time.sleep(0.05)
        reached.append("the end of the block")  # not interrupted inside it
    assert reached == ["the end of the block"]


def test_a_stop_after_the_interruption_was_said_is_not_said_twice(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real = cli._interrupt_on_terminate

    @contextlib.contextmanager
    def terminated_at_the_end() -> Iterator[None]:
        with real():
            yield
            raise KeyboardInterrupt  # a second Ctrl-C, as the block ends

    def interrupted(args: object, console: Any) -> int:
        console.error("interrupted; no artifact was changed")
        return cli.INTERRUPTED

    monkeypatch.setattr(cli, "_interrupt_on_terminate", terminated_at_the_end)
    monkeypatch.setattr(cli, "_run", interrupted)
    assert main(["generate"]) == 130
    assert capsys.readouterr().err == "error: interrupted; no artifact was changed\n"


def test_worker_processes_started_by_a_fork_server_read_the_pages(project: Path) -> None:
    """Python 3.14 starts worker processes from a fork server on Linux: a worker whose
    parent was not the run took it for dead and ended, and every run of four sources or
    more failed (found by review)."""
    for n in range(4):
        shutil.copyfile(SEED, project / "seeds" / f"page-{n}.md")
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import multiprocessing, sys\n"
            "multiprocessing.set_start_method('forkserver')\n"
            "from codetables.cli import main\n"
            "sys.exit(main(['generate', '-q']))\n",
        ],
        cwd=project,
        env={**os.environ, "PYTHONPATH": str(ROOT / "parser")},
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert len(list((project / "output").glob("*.py"))) == 5


def test_ctrl_c_while_an_import_makes_a_class_is_an_interruption(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Python reports an interrupt inside a class's `__set_name__` (the standard library's
    `ipaddress`, imported on the way) as a RuntimeError: it was an internal error, with a
    traceback when it came before the command line was read."""

    def interrupted_import(*args: object, **kwargs: object) -> int:
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt as exc:
            raise RuntimeError("Error calling __set_name__ on 'cached_property'") from exc

    monkeypatch.setattr(cli, "find_project", interrupted_import)
    assert main(["generate"]) == 130
    assert capsys.readouterr().err == "error: interrupted; no artifact was changed\n"
    assert not (project / "output").exists()


def test_sigterm_as_a_run_ends_is_an_interruption_not_a_traceback(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """SIGTERM after the command returned, before its handler was put back, raised past
    every handler: a traceback (found by review, 1 run in 16)."""
    real = cli._interrupt_on_terminate

    @contextlib.contextmanager
    def terminated_at_the_end() -> Iterator[None]:
        with real():
            yield
            raise KeyboardInterrupt  # the handler's, as the block ends

    monkeypatch.setattr(cli, "_interrupt_on_terminate", terminated_at_the_end)
    assert main(["generate"]) == 130
    err = capsys.readouterr().err
    assert err.endswith("error: interrupted after every artifact was written\n")
    assert len(list((project / "output").iterdir())) == 4


SLOW_FAST_PATH = """
import sys, time
from codetables import quick
real = quick.answer

def slow(*arguments):
    sys.stdout.write("answering\\n")
    sys.stdout.flush()
    time.sleep(10)
    return real(*arguments)

quick.answer = slow
sys.argv = ["codetables", sys.argv[1]]
from codetables.start import run
run()
"""


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="no SIGTERM and SIGHUP to send")
@pytest.mark.parametrize("stop", ["SIGTERM", "SIGHUP"])
@pytest.mark.parametrize("command", ["check", "generate"])
def test_a_stop_signal_as_the_fast_path_answers_is_an_interruption(
    project: Path, stop: str, command: str
) -> None:
    """SIGTERM or SIGHUP while the fast path answered a no-op `check` or `generate` (a
    large project's takes a second or two) ended the process by the signal: exit 143,
    nothing said, where the full path exits 130 with one line (found by a probe)."""
    assert main(["generate", "-q"]) == 0
    run = subprocess.Popen(
        [sys.executable, "-c", SLOW_FAST_PATH, command],
        cwd=project,
        env={**os.environ, "PYTHONPATH": str(ROOT / "parser")},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert run.stdout is not None
        assert run.stdout.readline() == "answering\n"
        run.send_signal(getattr(signal, stop))
        _, err = run.communicate(timeout=30)
    finally:
        run.kill()
        run.wait()
    assert (run.returncode, err) == (130, "error: interrupted; no artifact was changed\n")


def test_the_program_hands_the_stop_signals_to_the_command_line_as_it_found_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The program's own handlers stayed while the command line ran, so a SIGTERM after
    it had put its own back (as its output was flushed) raised past every handler: a
    traceback (found by review). They are put back before the command line starts."""
    from codetables import start

    seen: list[object] = []

    def command_line(argv: object, *, fast: bool = True) -> int:
        seen.append(signal.getsignal(signal.SIGTERM))
        return 0

    monkeypatch.setattr(cli, "main", command_line)
    before = signal.getsignal(signal.SIGTERM)
    assert start.main(["lint"]) == 0
    assert seen == [before]
    assert signal.getsignal(signal.SIGTERM) == before


def signals_held(
    source: object, options: object, folder: object
) -> tuple[object, dict[str, object]]:
    """A worker's step that says which signals the worker holds back."""
    return signal.pthread_sigmask(signal.SIG_BLOCK, []), {}


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="no signal masks here")
def test_worker_processes_hold_back_no_signal(project: Path) -> None:
    """Workers forked while the run held Ctrl-C, SIGTERM and SIGHUP back inherited the mask:
    SIGTERM never reached them, so a pool broken by a worker killed outright waited for
    ever for the others to end (found by review)."""
    sources = [project_module.Source(f"p{n}.md", f"p{n}", b"x") for n in range(4)]
    held = [
        found
        for found, _ in commands._pages(
            sources,
            commands.Options(),
            signals_held,  # type: ignore[arg-type]
        )
    ]
    assert held == [set()] * 4
    assert signal.pthread_sigmask(signal.SIG_BLOCK, []) == set()


def test_ctrl_c_while_the_interim_manifest_is_written_comes_after_every_artifact(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The manifest is written first, listing old and new artifacts, then the artifacts.
    An interrupt held back over the first step came as it ended: the run said 'every
    artifact was written' and left the manifest alone, listing files that did not exist
    (found by review). Both steps are one now."""
    real = artifacts.replace_all
    calls: list[int] = []

    def interrupted_first(*args: Any, **kwargs: Any) -> None:
        calls.append(1)
        if len(calls) == 1:
            os.kill(os.getpid(), signal.SIGINT)
        real(*args, **kwargs)

    monkeypatch.setattr(artifacts, "replace_all", interrupted_first)
    assert main(["generate"]) == 130
    assert capsys.readouterr().err.endswith("error: interrupted after every artifact was written\n")
    assert len(calls) == 2
    assert sorted(path.name for path in (project / "output").iterdir()) == sorted(
        [*ARTIFACTS, MANIFEST]
    )
    monkeypatch.setattr(artifacts, "replace_all", real)
    assert main(["check"]) == 0


def test_a_run_that_fails_after_its_interim_manifest_puts_the_manifest_back(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The interim manifest (old artifacts and new) stayed when writing the artifacts then
    failed, so a run that said 'every artifact is as it was' had changed one (found by
    review)."""
    assert main(["generate", "-q"]) == 0
    shutil.copyfile(SEED, project / "seeds" / "second.md")
    before = snapshot(project / "output")
    real_replace, real_write = artifacts.replace_all, artifacts._write
    calls: list[int] = []

    def disk_full(*args: Any) -> None:
        raise OSError(28, "No space left on device")

    def full_on_the_second(*args: Any, **kwargs: Any) -> None:
        calls.append(1)
        if len(calls) == 2:  # the artifacts, after the interim manifest
            monkeypatch.setattr(artifacts, "_write", disk_full)
        try:
            real_replace(*args, **kwargs)
        finally:
            monkeypatch.setattr(artifacts, "_write", real_write)

    monkeypatch.setattr(artifacts, "replace_all", full_on_the_second)
    assert main(["generate", "-q"]) == 2
    assert "every artifact is as it was" in capsys.readouterr().err
    assert len(calls) == 3  # the interim manifest, the artifacts, the manifest put back
    assert snapshot(project / "output") == before


def test_an_interrupt_as_workers_stop_after_a_page_was_refused_is_said_once(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A page refused while the workers still read the others left them to be stopped when
    the pages' iterator was freed: an interrupt there was printed as 'Exception ignored'
    with a traceback, and lost (exit 2; found by review). They are stopped in line now."""
    (project / "seeds" / "a-none.md").write_text("# Nothing\n\nNo table.\n", encoding="utf-8")
    for n in range(4):
        shutil.copyfile(SEED, project / "seeds" / f"page-{n}.md")
    real = workers._Pool.stop

    def interrupted_stop(pool: Any) -> None:
        os.kill(os.getpid(), signal.SIGINT)
        real(pool)

    monkeypatch.setattr(workers._Pool, "stop", interrupted_stop)
    named = ["seeds/a-none.md", *(f"seeds/page-{n}.md" for n in range(4))]
    assert main(["generate", *named]) == 130
    assert capsys.readouterr().err == "error: interrupted; no artifact was changed\n"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/status")
@pytest.mark.parametrize("command", ["parse", "generate"])
def test_a_run_short_of_memory_says_so_in_one_line(tmp_path: Path, command: str) -> None:
    """Under a memory limit (`ulimit -v`, a container's) a run ended as an internal error
    (exit 3), or, when the limit was met as the signals' handlers were put back, in a
    traceback of 150 lines and exit 1, which `check` means as drift (found by review). It
    is one line now, exit 2, nothing written. The limit is set inside the run: 48 MB past
    what it holds once started, for a page that needs more."""
    rows = "\n".join(f"| E{i} | message number {i} for the row |" for i in range(150_000))
    page = tmp_path / "big.md"
    page.write_text(f"# T\n\n| Code | Message |\n|---|---|\n{rows}\n", encoding="utf-8")
    program = (
        "import resource, sys\n"
        "from codetables.cli import main\n"
        "status = open('/proc/self/status').read().split('VmSize:')[1].split()[0]\n"
        "limit = int(status) * 1024 + (48 << 20)\n"
        "resource.setrlimit(resource.RLIMIT_AS, (limit, resource.RLIM_INFINITY))\n"
        f"sys.exit(main([{command!r}, 'big.md', '--out', 'out'] if {command!r} == 'generate'"
        " else ['parse', 'big.md']))\n"
    )
    done = run_python(program, cwd=tmp_path, timeout=120)
    assert (done.returncode, done.stderr) == (
        2,
        "error: out of memory, expected the run to be allowed more (a memory limit: "
        "ulimit -v, the container's); artifacts are replaced all together or not at all\n",
    )
    assert not (tmp_path / "out").exists()


def test_check_says_at_most_so_many_changes_of_a_page(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every row of a large page changed: `check` said each one (180,000 rows made 187,000
    lines, found by review); it says `MAX_EXPLAINED` and how many more."""
    from codetables.commands import MAX_EXPLAINED

    page = project / "seeds" / "cci-status-codes.md"
    rows = "".join(f"| E{n:04d} | message {n} |\n" for n in range(MAX_EXPLAINED + 50))
    page.write_text(f"# E\n\n| Error code | Message |\n|---|---|\n{rows}", encoding="utf-8")
    main(["generate", "-q"])
    page.write_text(page.read_text(encoding="utf-8").replace("message", "note"), "utf-8")
    capsys.readouterr()
    assert main(["check", "--no-diff"]) == 1
    said = capsys.readouterr().out.splitlines()
    changes = [line for line in said if line.startswith("  table 1: ")]
    assert len(changes) == MAX_EXPLAINED
    assert (
        "  … and 50 more (`codetables diff` of seeds/cci-status-codes.md's two versions lists all)"
        in said
    )
