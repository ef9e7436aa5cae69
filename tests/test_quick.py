"""The fast no-op `check` answers only when the full path would say the same: every kind of
change is tried with both paths, and the fast one never loads the parser or the renderer."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from codetables import quick
from codetables.cli import main
from conftest import SEED, fast_and_full_check, run_python

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
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_the_fast_check_and_the_full_check_agree(
    project: Path,
    change: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Same exit code, same words on stdout and stderr, whichever path answers."""
    CHANGES[change](project)
    fast, full, answered = fast_and_full_check(capsys, monkeypatch)
    assert fast == full
    assert answered == [0 if change in ("nothing", "CRLF line ends in the artifacts") else None]


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


def quick_arguments(root: Path) -> tuple[object, Path, object]:
    from codetables.console import Console
    from codetables.project import find_project

    return find_project(root), root / "out", Console(quiet=True)


def test_a_no_op_check_loads_no_parser_renderer_or_markdown_reader(project: Path) -> None:
    """What makes it fast: BeautifulSoup, markdown-it and Jinja are never imported."""
    program = (
        "import sys\nfrom codetables.start import main\ncode = main(['check', '-q'])\n"
        "print(code, sorted(m for m in ('bs4', 'jinja2', 'markdown_it', 'lxml') "
        "if m in sys.modules))\n"
    )

    def check() -> subprocess.CompletedProcess[str]:
        return run_python(program, cwd=project)

    run = check()
    assert run.stdout == "0 []\n", run.stderr
    CHANGES["a row's meaning"](project)
    run = check()
    code, loaded = run.stdout.splitlines()[-1].split(" ", 1)
    assert code == "1"
    assert {"'bs4'", "'jinja2'", "'markdown_it'"} <= set(loaded.strip("[]").split(", "))
