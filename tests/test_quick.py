"""The fast no-op `check` answers only when the full path would say the same: every kind of
change is tried with both paths (the one `start.py` takes before argparse loads, and the
command line's), and the fast one never loads the parser, the renderer, argparse or tomllib."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from codetables import artifacts, package, quick, stamp, start, templateset
from codetables import project as project_module
from codetables.cli import main
from conftest import ROOT, SEED, fast_and_full_check, files_below, run_python

PAGE = "docs/cci-status-codes.md"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two pages configured, generated once, as the working directory."""
    (tmp_path / "docs").mkdir()
    shutil.copyfile(SEED, tmp_path / PAGE)
    text = SEED.read_text("utf-8").replace(">401<", ">409<").replace("Unauthorized", "Conflict")
    (tmp_path / "docs" / "other.md").write_text(text, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.codetables]\nsources = ["docs/*.md"]\noutput = "out"\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    assert main(["generate", "-q"]) == 0
    return tmp_path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


CHANGES: dict[str, Callable[[Path], None]] = {
    "nothing": lambda root: None,
    "a row's meaning": lambda root: edit(root / PAGE, ">Gone<", ">Went<"),
    "layout only": lambda root: edit(root / PAGE, "\n", "\n\nA sentence above everything.\n\n"),
    "an artifact edited by hand": lambda root: edit(
        root / "out" / "other.md", "Conflict", "Conflicts"
    ),
    "an artifact removed": lambda root: (root / "out" / "other.json").unlink(),
    "an artifact replaced by a foreign file": lambda root: (root / "out" / "other.py").write_text(
        "x = 1\n", encoding="utf-8"
    ),
    "the manifest's record edited": lambda root: edit(
        root / "out" / ".codetables-manifest.json", '"digest": "', '"digest": "0'
    ),
    "a temporary file left": lambda root: (root / "out" / ".codetables-a1b2c3d4.tmp").write_bytes(
        b""
    ),
    "a page added": lambda root: shutil.copyfile(SEED, root / "docs" / "third.md"),
    "a page removed": lambda root: (root / "docs" / "other.md").unlink(),
    "a name configured": lambda root: edit(
        root / "pyproject.toml",
        'output = "out"\n',
        'output = "out"\n[tool.codetables.names]\n"docs/other.md" = "renamed"\n',
    ),
    "lines switched on": lambda root: edit(
        root / "pyproject.toml", 'output = "out"\n', 'output = "out"\nlines = true\n'
    ),
    "a page that warns": lambda root: edit(
        root / PAGE, ">Gone<", ">Gone</p></td></tr><tr><td><p>410</p></td><td><p>Gone"
    ),
    "CRLF line ends in the artifacts": lambda root: [
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
        for path in (root / "out").iterdir()
    ],
    "pyproject.toml edited, the settings not": lambda root: edit(
        root / "pyproject.toml", 'output = "out"\n', 'output = "out"\n\n[tool.other]\nx = 1\n'
    ),
    "pyproject.toml broken outside codetables' table": lambda root: edit(
        root / "pyproject.toml", 'output = "out"\n', 'output = "out"\n[tool.other\n'
    ),
    "pyproject.toml removed": lambda root: (root / "pyproject.toml").unlink(),
    "a file the pattern does not match added": lambda root: (
        root / "docs" / "notes.txt"
    ).write_text("notes\n", encoding="utf-8"),
    "a hidden page added": lambda root: shutil.copyfile(SEED, root / "docs" / ".draft.md"),
    "a folder of pages added below": lambda root: (
        (root / "docs" / "sub").mkdir(),
        shutil.copyfile(SEED, root / "docs" / "sub" / "deeper.md"),
    ),
    "a page made a link to the other": lambda root: (
        (root / "docs" / "other.md").unlink(),
        (root / "docs" / "other.md").symlink_to("cci-status-codes.md"),
    ),
    "a link to a page added": lambda root: (root / "docs" / "latest.md").symlink_to("other.md"),
    "a file beside the artifacts": lambda root: (root / "out" / "README.md").write_text(
        "Generated; see the docs.\n", encoding="utf-8"
    ),
    "a user's .tmp file beside the artifacts": lambda root: (
        root / "out" / ".notes.tmp"
    ).write_text("mine\n", encoding="utf-8"),
    "a user's copy of an artifact named as codetables 0.1's temporaries": lambda root: (
        shutil.copyfile(
            root / "out" / "cci_status_codes.py", root / "out" / ".cci_status_codes.py.backup01.tmp"
        )
    ),
    "the manifest's basis edited": lambda root: edit(
        root / "out" / ".codetables-manifest.json", '"strict": false', '"strict": true'
    ),
    "a record of an older codetables": lambda root: older_record(root / "out"),
    "a field added to the manifest by hand": lambda root: edit(
        root / "out" / ".codetables-manifest.json", '"format"', '"note": "mine",\n  "format"'
    ),
}
"""Each a change after a full `generate`; the fast path answers for these only."""
ANSWERED = {
    "nothing",
    "CRLF line ends in the artifacts",
    "a hidden page added",
    "a file beside the artifacts",
    "a user's .tmp file beside the artifacts",  # no run's: it turned the fast path off
    "a user's copy of an artifact named as codetables 0.1's temporaries",  # (found by review)
}


def older_record(directory: Path) -> None:
    """The manifest as codetables 0.1 wrote it: a record without its basis."""
    path = directory / artifacts.MANIFEST
    data = json.loads(path.read_text("utf-8"))
    del data["generated"]
    for record in data["inputs"].values():
        del record["basis"]
    body = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    path.write_text(stamp.stamp(artifacts.MANIFEST, body), encoding="utf-8")


def answers_of_the_fast_path(monkeypatch: pytest.MonkeyPatch) -> list[int | None]:
    """What `quick.answer` answers from now on, each time it is asked, in order."""
    answered: list[int | None] = []
    real = quick.answer

    def spied(*arguments: object) -> int | None:
        answered.append(real(*arguments))  # type: ignore[arg-type]
        return answered[-1]

    monkeypatch.setattr(quick, "answer", spied)
    return answered


def start_and_full_check(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> tuple[tuple[object, ...], tuple[object, ...], list[int | None]]:
    """`codetables check` as the program starts it (`start.main`, the fast path before
    argparse), then with the full path only: (exit code, stdout, stderr) of each, and what
    the fast path answered."""
    answered = answers_of_the_fast_path(monkeypatch)
    fast = (start.main(["check"]), *capsys.readouterr())
    full = (main(["check"], fast=False), *capsys.readouterr())
    return fast, full, answered


def decided_in_full(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> object:
    """The exit code of a `check` the fast path declines, having required the same words
    on both paths."""
    fast, full, answered = start_and_full_check(capsys, monkeypatch)
    assert fast == full
    assert answered == [None]
    return fast[0]


@pytest.mark.parametrize("change", list(CHANGES))
def test_the_fast_check_and_the_full_check_agree(
    project: Path,
    change: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Same exit code, same words on stdout and stderr, whichever path answers, from the
    start of the program or from the command line."""
    CHANGES[change](project)
    expected = [0 if change in ANSWERED else None]
    fast, full, answered = start_and_full_check(capsys, monkeypatch)
    assert fast == full
    assert answered == expected
    fast, full, answered = fast_and_full_check(capsys, monkeypatch)
    assert fast == full
    assert answered == ([] if "broken" in change else expected)  # the settings failed first


def fast_and_full_generate(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    arguments: Sequence[str] = (),
) -> tuple[tuple[object, ...], tuple[object, ...], list[int | None], Path]:
    """`generate` as the program starts it (the fast path first) in the project, and with
    the full path only in a copy of it made first (its twin): (exit code, stdout, stderr)
    of each, an error's words naming the project's folder where the twin's named its own,
    what the fast path answered, and the twin."""
    twin = project.parent / f"{project.name}-twin"
    shutil.copytree(project, twin, symlinks=True)
    answered = answers_of_the_fast_path(monkeypatch)
    capsys.readouterr()
    fast = (start.main(["generate", *arguments]), *capsys.readouterr())
    monkeypatch.chdir(twin)
    code, out, err = main(["generate", *arguments]), *capsys.readouterr()
    full = (code, out.replace(twin.name, project.name), err.replace(twin.name, project.name))
    return fast, full, answered, twin


@pytest.mark.parametrize("change", list(CHANGES))
def test_the_fast_generate_and_the_full_generate_agree(
    project: Path,
    change: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A `generate` the fast path answers writes nothing and says what the full path says
    when it finds nothing to write: after each kind of change, the program's `generate`
    (the fast path first) and the command line's (the full path only), each in a copy of
    the project of its own, end with the same exit code, the same words on stdout and
    stderr, and the same files."""
    CHANGES[change](project)
    fast, full, answered, twin = fast_and_full_generate(project, capsys, monkeypatch)
    assert fast == full  # (an error may name its copy's folder)
    assert answered == [0 if change in ANSWERED else None]
    assert files_below(project) == files_below(twin)


@pytest.mark.parametrize("quiet", [[], ["-q"], ["--strict"]])
def test_a_no_op_generate_after_a_run_that_warned_says_its_warnings_as_the_full_path(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    quiet: list[str],
) -> None:
    """The recorded warnings, in the full path's words and order, quiet or not; under
    `--strict` the full path answers (exit 2 at the warning's line), as for `check`."""
    CHANGES["a page that warns"](project)
    assert main(["generate", "-q"]) == 0
    fast, full, answered, twin = fast_and_full_generate(project, capsys, monkeypatch, quiet)
    assert fast == full
    assert answered == [None if quiet == ["--strict"] else 0]
    assert "warning: docs/cci-status-codes.md:" in fast[2]
    assert files_below(project) == files_below(twin)


def shared_with(
    directory: Path, change: Callable[[dict[str, object]], None], indent: int = 2
) -> None:
    """The manifest as if another project (`../other`) wrote its artifacts here too, its
    record a copy of this project's, then `change`d, laid out with `indent` and stamped as
    codetables stamps it; a name holding `@@` holds an escaped lone surrogate there."""
    path = directory / artifacts.MANIFEST
    data = json.loads(path.read_text("utf-8"))
    del data["generated"]
    projects, inputs = data["projects"], data["inputs"]
    (mine,) = projects
    projects["../other"] = ["other/" + name for name in projects[mine]]
    inputs["../other"] = json.loads(json.dumps(inputs[mine]))
    data["projects"] = dict(sorted(projects.items()))
    data["inputs"] = dict(sorted(inputs.items()))
    change(data)
    body = json.dumps(data, ensure_ascii=False, indent=indent).replace("@@", "\\udcff") + "\n"
    path.write_text(stamp.stamp(artifacts.MANIFEST, body), encoding="utf-8")


def _other(data: dict[str, object]) -> dict[str, object]:
    inputs = data["inputs"]
    assert isinstance(inputs, dict)
    record: dict[str, object] = inputs["../other"]
    return record


SHARED: dict[str, Callable[[dict[str, object]], None]] = {
    "as this version writes it": lambda data: None,
    "a record without warnings (an older version's)": lambda data: _other(data).pop("warnings"),
    "a record without its basis": lambda data: _other(data).pop("basis"),
    "a count written as a number with a point": lambda data: _other(data).update(files=3.0),
    "strictness written as 1": lambda data: _other(data)["basis"].update(strict=1),  # type: ignore[attr-defined]
    "a field added to a record": lambda data: _other(data).update(note="mine"),
    "projects out of order": lambda data: data.update(
        projects=dict(reversed(list(data["projects"].items())))  # type: ignore[attr-defined]
    ),
    "another project's names out of order": lambda data: data["projects"][  # type: ignore[index]
        "../other"
    ].reverse(),
    "a field added at the top": lambda data: data.update(note="mine"),
    "a basis's fields out of order": lambda data: _other(data).update(
        basis=dict(reversed(list(_other(data)["basis"].items())))  # type: ignore[attr-defined]
    ),
    "a basis of null": lambda data: _other(data).update(basis=None),
    "a templates folder written as 0": lambda data: _other(data)["basis"].update(  # type: ignore[attr-defined]
        templates=0
    ),
    "a name no file system can hold (a lone surrogate)": lambda data: data["projects"][  # type: ignore[index]
        "../other"
    ].append("other/x@@.json"),
    "laid out with four spaces": lambda data: None,  # (the test lays it out so)
}


@pytest.mark.parametrize("change", list(SHARED))
def test_a_no_op_generate_answers_only_where_the_manifest_is_as_a_run_writes_it(
    project: Path,
    change: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Another project's record in another version's form is written again in this one's by
    the full path: the fast `generate` leaves such a manifest to it (found by review), and
    both end with the same files and words."""
    indent = 4 if change == "laid out with four spaces" else 2
    shared_with(project / "out", SHARED[change], indent)
    fast, full, answered, twin = fast_and_full_generate(project, capsys, monkeypatch)
    assert fast[0] == 0, fast
    assert fast == full
    written_so = ("as this version writes it", "a record without its basis")  # (one it
    assert answered == [0 if change in written_so else None]  # cannot vouch for has none)
    assert files_below(project) == files_below(twin)


def test_a_no_op_generate_is_answered_without_the_parser_and_a_change_is_written(
    project: Path,
) -> None:
    """`generate` with nothing to write imports none of `FULL_PATH_ONLY`; after a change it
    takes the full path and writes it."""
    program = (
        "import sys\nbefore = set(sys.modules)\nfrom codetables.start import main\n"
        "code = main(['generate', '-q'])\n"
        f"print(code, sorted(m for m in {FULL_PATH_ONLY!r} if m in set(sys.modules) - before))\n"
    )
    run = run_python(program, cwd=project)
    assert run.stdout == "0 []\n", run.stderr
    CHANGES["a row's meaning"](project)
    run = run_python(program, cwd=project)
    assert run.stdout.splitlines()[-1].startswith("0 ["), run.stderr
    assert "Went" in (project / "out" / "cci_status_codes.md").read_text("utf-8")
    assert run_python(program, cwd=project).stdout == "0 []\n"


def test_the_fast_check_shows_the_warnings_of_the_run_it_stands_for(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A docs set with a doubtful cell still checks fast, and still says so; under --strict
    the full path answers, with exit 2 at the warning's line."""
    CHANGES["a page that warns"](project)
    assert main(["generate", "-q"]) == 0
    assert quick.check(*quick_arguments(project), strict=False) == 0
    capsys.readouterr()
    fast = (main(["check"]), *capsys.readouterr())
    assert "warning: docs/cci-status-codes.md:" in fast[2]
    with monkeypatch.context() as patched:
        patched.setattr(quick, "check", lambda *arguments, **options: None)
        assert (main(["check"]), *capsys.readouterr()) == fast
    assert quick.check(*quick_arguments(project), strict=True) is None
    assert main(["check", "--strict"]) == 2


def test_a_layout_change_records_new_inputs_and_changes_no_other_artifact(project: Path) -> None:
    """The record moves with the sources' bytes; the artifacts, which carry meaning, do not."""
    before = {path.name: path.read_bytes() for path in (project / "out").iterdir()}
    CHANGES["layout only"](project)
    assert quick.check(*quick_arguments(project), strict=False) is None
    assert main(["generate", "-q"]) == 0
    after = {path.name: path.read_bytes() for path in (project / "out").iterdir()}
    assert {name for name in after if after[name] != before[name]} == {".codetables-manifest.json"}
    assert quick.check(*quick_arguments(project), strict=False) == 0


def test_a_change_in_codetables_itself_takes_the_full_path(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another version, or edited templates, may render differently: never trust the record."""
    assert quick.check(*quick_arguments(project), strict=False) == 0
    monkeypatch.setattr(quick, "tool_digest", lambda: "another codetables")
    assert quick.check(*quick_arguments(project), strict=False) is None
    assert main(["check", "-q"]) == 0


def test_another_pythons_unicode_data_takes_the_full_path(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Python 3.13 writes a character Unicode 15 assigned as is, where 3.11 escapes it:
    the record one Python left vouched for the other's artifacts, and `check` passed where
    `check --full` failed (found by a held-out probe). The Unicode data is part of the
    tool's digest."""
    assert quick.check(*quick_arguments(project), strict=False) == 0
    monkeypatch.setattr(quick.unicodedata, "unidata_version", "99.0.0")
    monkeypatch.setattr(quick, "_TOOL", [])
    assert quick.check(*quick_arguments(project), strict=False) is None


def quick_arguments(root: Path) -> tuple[object, Path, object]:
    from codetables.console import Console
    from codetables.project import find_project

    return find_project(root), root / "out", Console(quiet=True)


FULL_PATH_ONLY = (
    "bs4",
    "jinja2",
    "markdown_it",
    "lxml",
    "argparse",
    "tomllib",
    "pathlib",
    "dataclasses",
    "codetables.cli",
    "codetables.project",
    "codetables.config",
    "codetables.artifacts",
    "codetables.stamp",
)
"""What a no-op `check` never imports: the parser, the renderer, the Markdown reader, the
command line, the settings and the artifacts' own module (and all they import)."""


def test_a_no_op_check_loads_no_parser_renderer_argparse_or_tomllib(project: Path) -> None:
    """What makes it fast: of `FULL_PATH_ONLY`, nothing is imported by a `check` with
    nothing to do (what Python itself loaded before is not counted); a page that changed
    loads what the full path needs."""
    program = (
        "import sys\nbefore = set(sys.modules)\nfrom codetables.start import main\n"
        "code = main(['check', '-q'])\n"
        f"print(code, sorted(m for m in {FULL_PATH_ONLY!r} if m in set(sys.modules) - before))\n"
    )

    def check() -> subprocess.CompletedProcess[str]:
        return run_python(program, cwd=project)

    run = check()
    assert run.stdout == "0 []\n", run.stderr
    CHANGES["a row's meaning"](project)
    run = check()
    code, loaded = run.stdout.splitlines()[-1].split(" ", 1)
    assert code == "1"
    assert {"'lxml'", "'jinja2'", "'markdown_it'", "'argparse'", "'tomllib'"} <= set(
        loaded.strip("[]").split(", ")
    )


@pytest.mark.parametrize(
    ("arguments", "plain"),
    [
        ([], (False, False, None)),
        (["-q", "--strict"], (True, True, None)),
        (["--quiet", "--no-diff", "--debug"], (True, False, None)),
        (["--out", "gen"], (False, False, "gen")),
        (["--out=gen", "--diff"], (False, False, "gen")),
        (["-v"], None),
        (["-qv"], None),
        (["--qu"], None),  # argparse reads an abbreviation: it decides
        (["docs/a.md"], None),
        (["--templates", "t"], None),
        (["--out"], None),
        (["--out", "-q"], None),
        (["--out="], None),
        (["--help"], None),
        (["--", "-q"], None),
    ],
)
def test_only_a_plain_check_is_answered_before_argparse(
    arguments: list[str], plain: tuple[bool, bool, str | None] | None
) -> None:
    """Arguments a no-op answer does not depend on, read as argparse reads them; anything
    else (verbosity, sources, templates, help, an abbreviation) is argparse's to read."""
    assert quick.options(arguments) == plain


@pytest.mark.parametrize(
    ("arguments", "plain"),
    [
        (["-q", "--strict", "--debug"], (True, True, None)),
        (["--out=gen"], (False, False, "gen")),
        (["--diff"], None),  # not an option of generate: argparse says so
        (["--no-diff"], None),
        (["-v"], None),
        (["docs/a.md"], None),
    ],
)
def test_only_a_plain_generate_is_answered_before_argparse(
    arguments: list[str], plain: tuple[bool, bool, str | None] | None
) -> None:
    assert quick.options(arguments, "generate") == plain


def test_the_fast_path_answers_for_out_and_from_a_subfolder(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--out` names the artifacts directory as the full path reads it (from the working
    directory); from a subfolder, the project is found upwards, as `find_project` does."""
    assert quick.answer(False, False, "out") == 0
    assert capsys.readouterr().err.endswith("all up to date in out/\n")
    monkeypatch.chdir(project / "docs")
    assert quick.answer(False, False, None) == 0
    assert capsys.readouterr().err.endswith("all up to date in out/\n")  # from the root
    assert quick.answer(False, False, "../out") == 0
    assert quick.answer(False, False, "elsewhere") is None
    (project / "docs" / "pyproject.toml").write_text("[tool.other]\n", encoding="utf-8")
    assert quick.answer(False, False, None) is None  # the nearest file may hold settings
    capsys.readouterr()
    assert start.main(["check"]) == 0
    assert capsys.readouterr().err.endswith("all up to date in out/\n")  # the full path's


def test_an_output_the_guess_cannot_read_takes_the_full_path(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The output folder is found from a plain `output = "DIR"` line; any other spelling
    (an escape) finds no record, and the full path answers."""
    edit(project / "pyproject.toml", 'output = "out"', 'output = "o\\u0075t"')
    assert main(["generate", "-q"]) == 0
    assert decided_in_full(capsys, monkeypatch) == 0


def test_a_writer_holding_the_lock_sends_the_check_to_the_full_path(project: Path) -> None:
    """The fast path never waits nor reads a run half done: with the directory locked for
    writing, it declines (the full path waits for the lock, then decides)."""
    with artifacts.locked(project / "out"):
        assert quick.answer(True, False, None) is None
    assert quick.answer(True, False, None) == 0


def test_a_strict_check_after_a_run_that_warned_takes_the_full_path(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--strict`, or `strict = true`, with recorded warnings: the full path fails at the
    warning's line."""
    CHANGES["a page that warns"](project)
    assert main(["generate", "-q"]) == 0
    capsys.readouterr()
    assert quick.answer(False, False, None) == 0
    assert quick.answer(False, True, None) is None
    assert start.main(["check", "--strict"]) == 2
    assert "warning; --strict makes it an error" in capsys.readouterr().err


def test_a_folder_linked_under_a_double_star_pattern_is_never_vouched_for(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`**` does not follow a linked folder, but what comes after it may: the record keeps
    no basis, and every check takes the full path. Without the link, `**` is fast."""
    edit(project / "pyproject.toml", '"docs/*.md"', '"docs/**/*.md"')
    (project / "docs" / "sub" / "deeper").mkdir(parents=True)
    assert main(["generate", "-q"]) == 0
    assert quick.answer(True, False, None) == 0
    shutil.copyfile(SEED, project / "docs" / "sub" / "deeper" / "page.md")
    assert decided_in_full(capsys, monkeypatch) == 1
    assert main(["generate", "-q"]) == 0
    (project / "elsewhere").mkdir()
    (project / "docs" / "linked").symlink_to(project / "elsewhere")
    assert main(["generate", "-q"]) == 0
    inputs = artifacts.read_inputs(project / "out")
    assert [record.basis for record in inputs.values()] == [None]
    assert decided_in_full(capsys, monkeypatch) == 0


def test_one_file_reached_twice_through_a_link_outside_the_patterns_folder(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two pages linked into `docs/` through a folder link outside it: when the link moves
    so that both reach one file (of the same bytes), that file is one source, not two, and
    no name or byte the patterns see changed. The fast path follows the links."""
    for version in ("v1", "v2"):
        (project / version).mkdir()
        shutil.copyfile(SEED, project / version / "page.md")
    (project / "current").symlink_to("v1")
    (project / "docs" / "other.md").unlink()
    (project / "docs" / "other.md").symlink_to("../current/page.md")
    (project / "docs" / "pinned.md").symlink_to("../v2/page.md")
    assert main(["generate", "-q"]) == 0
    assert quick.answer(True, False, None) == 0
    (project / "current").unlink()
    (project / "current").symlink_to("v2")
    assert decided_in_full(capsys, monkeypatch) == 1


def test_artifacts_written_where_the_patterns_look_leave_a_record_that_holds(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the output folder inside the tree a `**` pattern walks, the record leaves out
    what the run writes (it did not exist when the run looked): the first run's record
    holds after it, a second run writes the same manifest, and a page of the user's put
    among the artifacts is a new source the fast path sees."""
    edit(project / "pyproject.toml", '"docs/*.md"]\noutput = "out"', '"docs/**/*.md"]')
    edit(project / "pyproject.toml", "]\n", ']\noutput = "docs/gen/erated"\n')
    assert main(["generate", "-q"]) == 0
    manifest = project / "docs" / "gen" / "erated" / artifacts.MANIFEST
    first = manifest.read_bytes()
    assert quick.answer(True, False, None) == 0
    assert main(["generate", "-q"]) == 0
    assert manifest.read_bytes() == first
    shutil.copyfile(SEED, project / "docs" / "gen" / "erated" / "mine.md")
    assert decided_in_full(capsys, monkeypatch) == 1


def test_an_artifact_among_the_pages_is_recorded_as_matched_and_never_a_source(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A generated file the pattern matches (a copy of an artifact beside the pages) is no
    source: the record keeps it among the files matched, with its bytes; edited into a
    page of the user's, it is a source, and the fast path sees it."""
    shutil.copyfile(project / "out" / "other.md", project / "docs" / "copied.md")
    assert main(["generate", "-q"]) == 0
    (record,) = artifacts.read_inputs(project / "out").values()
    assert record.basis is not None
    assert "docs/copied.md" in record.basis.matched
    assert quick.answer(True, False, None) == 0
    copied = project / "docs" / "copied.md"
    copied.write_text(copied.read_text("utf-8").replace("by codetables", "by hand"), "utf-8")
    assert decided_in_full(capsys, monkeypatch) == 1


def test_a_pattern_that_names_hidden_files_sees_them_added(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Hidden files are matched only by a pattern naming them (`docs/.*.md`); then a hidden
    page added is a new source, and the fast path must see it."""
    edit(project / "pyproject.toml", '"docs/*.md"', '"docs/*.md", "docs/.*.md"')
    shutil.copyfile(SEED, project / "docs" / ".one.md")
    assert main(["generate", "-q"]) == 0
    assert quick.answer(True, False, None) == 0
    CHANGES["a hidden page added"](project)
    assert decided_in_full(capsys, monkeypatch) == 1


def test_a_project_without_pyproject_is_answered_with_the_defaults(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No pyproject.toml up the tree: the defaults, recorded as such."""
    (tmp_path / "seeds").mkdir()
    shutil.copyfile(SEED, tmp_path / "seeds" / "page.md")
    monkeypatch.chdir(tmp_path)
    if quick.nearest_pyproject(str(tmp_path.resolve()))[1] is not None:
        pytest.skip("a pyproject.toml above the temporary folder")
    assert main(["generate", "-q"]) == 0
    (record,) = artifacts.read_inputs(tmp_path / "output").values()
    assert record.basis is not None
    assert record.basis.pyproject == ""
    assert quick.answer(True, False, None) == 0
    (tmp_path / "pyproject.toml").write_text("[tool.other]\n", encoding="utf-8")
    assert quick.answer(True, False, None) is None


def test_a_record_round_trips_with_its_basis_and_without(project: Path) -> None:
    """Another project's record (this codetables', or an older one's) is kept as it was
    when a project sharing the directory writes the manifest."""
    manifest = project / "out" / artifacts.MANIFEST
    (record,) = artifacts.read_inputs(project / "out").values()
    assert record.basis is not None
    assert record.basis.matched == ("docs/cci-status-codes.md", "docs/other.md")
    old = artifacts.Inputs(record.digest, record.artifacts, record.figures, record.files)
    inputs = {"../a": record, "../b": old}
    text = artifacts.render_manifest({"../a": ["x.py"], "../b": ["y.py"]}, inputs)
    manifest.write_text(text, encoding="utf-8")
    assert artifacts.read_inputs(project / "out") == inputs


def test_the_fast_path_constants_are_those_of_the_full_path() -> None:
    """Kept apart so the fast path imports neither `artifacts`, `stamp`, `project`,
    `templateset` nor `package` (pathlib, dataclasses, re)."""
    assert quick.MANIFEST == artifacts.MANIFEST
    assert quick.MANIFEST_FORMAT == artifacts.MANIFEST_FORMAT
    assert stamp.stamp(artifacts.MANIFEST, "{\n}\n").startswith(quick.HEADER)
    assert quick.MAX_BYTES == project_module.MAX_BYTES
    assert quick.TEMPLATE_MAX_BYTES == templateset.MAX_BYTES
    assert tuple(map(Path, quick._TEMPLATE_DIRS)) == package.TEMPLATE_DIRS
    assert Path(quick._HERE) == package.HERE
    basis = artifacts.Basis("", "output", False, (), None, ())
    assert tuple(basis.to_json()) == quick._BASIS
    assert tuple(artifacts.Inputs("", "", "", 0, (), basis).to_json()) == (*quick._RECORD, "basis")
    assert (ROOT / "parser" / "codetables" / "quick.py").is_file()


@pytest.mark.parametrize(
    "pattern", ["../elsewhere/*.md", "docs/**/../docs/*.md", "{root}/docs/*.md"], ids=str
)
def test_a_pattern_that_climbs_or_is_absolute_is_always_checked_in_full(
    project: Path,
    pattern: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A source's label is its path from the project's root: through `..` or from `/` the
    same label may name another file once the project moves, and `..` after `**` leaves
    the folders the listing walks. Such a record has no basis: the full path answers."""
    (project.parent / "elsewhere").mkdir(exist_ok=True)
    shutil.copyfile(SEED, project.parent / "elsewhere" / "page.md")
    (project / "pyproject.toml").write_text(
        f'[tool.codetables]\nsources = ["{pattern.format(root=project)}"]\noutput = "out"\n',
        encoding="utf-8",
    )
    shutil.rmtree(project / "out")
    assert main(["generate", "-q"]) == 0
    (record,) = artifacts.read_inputs(project / "out").values()
    assert record.basis is None
    decided_in_full(capsys, monkeypatch)


def test_a_stray_json_named_for_a_page_without_tables_is_checked_in_full(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The full path reads `NAME.json` as the lost artifacts of a page without tables and
    refuses it (exit 2); the fast path must not say all is up to date."""
    (project / "docs" / "overview.md").write_text("# Overview\n\nNo tables.\n", "utf-8")
    assert main(["generate", "-q"]) == 0
    shutil.copyfile(project / "out" / "other.json", project / "out" / "overview.json")
    assert decided_in_full(capsys, monkeypatch) == 2


def test_a_linked_folder_where_a_page_without_tables_would_go_is_checked_in_full(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "pyproject.toml").write_text(
        '[tool.codetables]\nsources = ["docs/**/*.md"]\noutput = "out"\n', encoding="utf-8"
    )
    (project / "docs" / "sub").mkdir()
    (project / "docs" / "sub" / "notes.md").write_text("# Notes\n\nNo tables.\n", "utf-8")
    assert main(["generate", "-q"]) == 0
    (project / "elsewhere").mkdir()
    (project / "out" / "sub").symlink_to(project / "elsewhere")
    assert decided_in_full(capsys, monkeypatch) == 2


def test_a_manifest_listing_a_name_outside_its_folder_is_checked_in_full(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Re-stamped by hand (the checksum is no secret), a manifest may list a name outside
    the artifacts folder for another project: the full path drops it, and so must not the
    fast path vouch for the manifest."""
    path = project / "out" / artifacts.MANIFEST
    data = json.loads(path.read_text("utf-8"))
    del data["generated"]
    data["projects"]["../elsewhere"] = ["../../etc/passwd"]
    body = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    path.write_text(stamp.stamp(artifacts.MANIFEST, body), encoding="utf-8")
    assert decided_in_full(capsys, monkeypatch) == 1


@pytest.mark.parametrize(
    ("change", "fast_answer"),
    [
        ("nothing", 0),
        ("an artifact edited by hand", None),
        ("CRLF line ends in the artifacts", None),
        ("an artifact removed", None),
    ],
)
def test_large_artifacts_are_checked_fast_a_chunk_at_a_time(
    project: Path,
    change: str,
    fast_answer: int | None,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An artifact too large to read whole (a 100,000-row table's JSON is 67 MB) is hashed a
    chunk at a time; one with carriage returns in it is left to the full path, which reads
    CRLF as LF. Either way the two paths give the same answer."""
    monkeypatch.setattr(quick, "WHOLE_BYTES", 64)
    CHANGES[change](project)
    fast, full, answered = start_and_full_check(capsys, monkeypatch)
    assert fast == full
    assert answered == [fast_answer]


def test_a_file_is_read_by_its_size_and_to_the_end_when_it_grew(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`read_at_most` asks for the file's size and one byte more, never for the limit (a
    64 MiB buffer reserved per page); a file longer than its size said (it grew while
    read) is read on to its end, and past the limit only by the one byte that tells."""
    path = tmp_path / "page.md"
    path.write_bytes(b"x" * 5000)
    asked: list[int] = []
    real_read = quick.os.read

    def read(handle: int, count: int) -> bytes:
        asked.append(count)
        return real_read(handle, count)

    monkeypatch.setattr(quick.os, "read", read)

    def contents(limit: int) -> bytes:
        handle = quick.os.open(path, quick.os.O_RDONLY)
        try:
            return quick.read_at_most(handle, limit)
        finally:
            quick.os.close(handle)

    assert contents(1 << 26) == b"x" * 5000
    assert asked[0] == 5001
    assert contents(5000) == b"x" * 5000
    assert contents(4999) == b"x" * 5000  # the limit and one byte: over it
    assert contents(100) == b"x" * 101

    real_fstat = quick.os.fstat

    class Stale:
        st_size = 10

    monkeypatch.setattr(quick.os, "fstat", lambda handle: Stale if real_fstat(handle) else None)
    asked.clear()
    assert contents(1 << 26) == b"x" * 5000
    assert asked[0] == 11
    assert max(asked) <= quick.READ_BYTES
    assert contents(2000) == b"x" * 2001


def forge_record(root: Path) -> None:
    """An artifact edited, its checksum header and the manifest's record made over to vouch
    for it, as anyone who can commit to the repository can (the digests are not secret)."""
    path = root / "out" / "other.py"
    head, body = path.read_text("utf-8").split("\n", 1)
    body = body.replace("from __future__", "print('edited')\nfrom __future__", 1)
    digest = hashlib.sha256(body.encode()).hexdigest()[:16]
    path.write_text(head.rsplit(" ", 1)[0] + f" {digest}\n" + body, encoding="utf-8")
    manifest = root / "out" / ".codetables-manifest.json"
    text = manifest.read_text("utf-8")
    data = json.loads(text)
    ((key, record),) = data["inputs"].items()
    forged = quick._artifacts_digest(str(root / "out"), data["projects"][key])
    text = text.replace(record["artifacts"], forged)
    lines = text.split("\n")
    checksum = hashlib.sha256("\n".join(lines[:1] + lines[2:]).encode()).hexdigest()[:16]
    lines[1] = lines[1].rsplit(" ", 1)[0] + f' {checksum}",'
    manifest.write_text("\n".join(lines), encoding="utf-8")


def test_a_full_check_finds_what_a_forged_record_vouches_for(project: Path) -> None:
    """A record made over to vouch for an edited artifact fools the fast path, which trusts
    the record (found by review); `--full` trusts none: `check --full` fails, `generate
    --full` writes the artifact back."""
    forge_record(project)
    assert start.main(["check", "-q"]) == 0  # the record vouches: documented
    assert main(["check", "--full", "-q"]) == 1
    assert main(["generate", "--full", "-q"]) == 0
    assert "print('edited')" not in (project / "out" / "other.py").read_text("utf-8")
    assert main(["check", "--full", "-q"]) == 0
