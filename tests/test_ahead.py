"""Artifacts staged ahead (`artifacts.Ahead`): `generate` writes each page's artifacts as
temporary files while later pages are still read, and renames them into place at the end.
A run that fails, is interrupted, or cannot stage ahead leaves the directory exactly as a
run that never staged would: no temporary file, no new folder, the same message."""

from __future__ import annotations

import os
import signal
import stat
from pathlib import Path
from typing import Any

import pytest

from codetables import artifacts
from codetables.cli import main
from codetables.spool import Text
from conftest import files_below

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
    written = files_below(docs / "output")
    assert not [name for name in written if ".codetables-" in name and name.endswith(".tmp")]
    staged.clear()
    assert main(["generate", "-q"]) == 0
    assert staged == []
    assert files_below(docs / "output") == written


def test_the_artifacts_are_the_same_bytes_staged_ahead_or_not(
    docs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["generate", "-q"]) == 0
    ahead = files_below(docs / "output")
    (docs / "output").rename(docs / "first")
    monkeypatch.setattr(artifacts.Ahead, "add", lambda self, texts: None)
    assert main(["generate", "-q"]) == 0
    assert files_below(docs / "output") == ahead


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
    before = files_below(docs)
    last = docs / "docs" / "a" / "zz-last.md"
    last.write_text("# Broken\n\n<table><tr><td>404<td>x</tr>\n", encoding="utf-8")
    before["docs/a/zz-last.md"] = (last.lstat().st_mode, last.read_bytes())
    capsys.readouterr()
    assert main(["generate", "-q"]) == 2
    assert "zz-last.md" in capsys.readouterr().err
    assert len(staged) >= 3, "nothing was staged ahead: the test proves nothing"
    assert files_below(docs) == before


def test_an_interrupt_while_pages_are_read_removes_what_was_staged(
    docs: Path, monkeypatch: pytest.MonkeyPatch, staged: list[str]
) -> None:
    """Ctrl-C after some pages were staged: exit 130, and the directory as before."""
    assert main(["generate", "-q"]) == 0
    for path in (docs / "docs").rglob("*.md"):
        path.write_text(path.read_text(encoding="utf-8") + "| 499 | new |\n", encoding="utf-8")
    before = files_below(docs)
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
    assert files_below(docs) == before


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
    before = files_below(docs), files_below(outside)
    code = main(["generate", "-q"])
    said = capsys.readouterr().err
    assert code == 2
    if not broken:
        assert "would be written outside the artifacts directory" in said
    assert (files_below(docs), files_below(outside)) == before
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
    before = files_below(docs)
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
    assert files_below(docs) == before
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


BROKEN = "# Broken\n\n<table><tr><td>404<td>x</tr>\n"


def test_a_link_in_an_artifacts_place_stops_staging_ahead_and_the_pages_errors_come_first(
    docs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An artifact's place holds a link to a file outside: staging ahead stops there
    quietly (its refusal is the run's to say, in its place), so the broken page read later
    is what the run says, as a run that never staged ahead says it; nothing is written."""
    outside = docs.parent / f"{docs.name}-outside.py"
    outside.write_text("# not codetables'\n", encoding="utf-8")
    (docs / "output" / "b").mkdir(parents=True)
    (docs / "output" / "b" / "page_0.py").symlink_to(outside)
    (docs / "docs" / "b" / "zz-last.md").write_text(BROKEN, encoding="utf-8")
    before = files_below(docs)
    assert main(["generate", "-q"]) == 2
    assert capsys.readouterr().err.startswith("error: docs/b/zz-last.md:")
    assert files_below(docs) == before
    assert outside.read_text(encoding="utf-8") == "# not codetables'\n"


def test_staging_ahead_makes_no_folder_and_writes_only_in_the_artifacts_directory(
    docs: Path, monkeypatch: pytest.MonkeyPatch, staged: list[str]
) -> None:
    """Until `replace_all`, the files staged ahead are all in the artifacts directory
    itself, and no folder of it is made: a run killed then leaves nothing where the next
    run does not look."""
    seen: list[dict[str, tuple[int, bytes]]] = []
    real = artifacts.replace_all

    def at_the_end(directory: Path, *arguments: Any) -> None:
        if len(arguments[0]) > 1:  # the artifacts, not the interim manifest alone
            seen.append(files_below(directory))
        real(directory, *arguments)

    monkeypatch.setattr(artifacts, "replace_all", at_the_end)
    assert main(["generate", "-q"]) == 0
    assert len(staged) == 3 * PAGES
    (found,) = seen
    temporaries = [
        name for name in found if name.startswith(".codetables-") and name.endswith(".tmp")
    ]
    assert len(temporaries) == 3 * PAGES
    assert all("/" not in name for name in found)
    assert not any(stat.S_ISDIR(mode) for mode, _ in found.values())


def test_what_a_killed_run_staged_ahead_is_removed_by_the_next_whatever_its_pages(
    docs: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A run that staged its pages' files and ended without removing them (`kill -9`, the
    OOM killer: here its clean-up is switched off); the sources are then moved to another
    folder: the next run still removes every one of them, and leaves no folder of the old
    pages (found by review: files staged beside their places were never looked for once
    no page went there)."""
    (docs / "docs" / "a" / "zz-last.md").write_text(BROKEN, encoding="utf-8")
    real_discard = artifacts.Ahead.discard
    monkeypatch.setattr(artifacts.Ahead, "discard", lambda self: None)
    assert main(["generate", "-q"]) == 2
    left = list((docs / "output").rglob(".codetables-*.tmp"))
    assert len(left) >= 3
    monkeypatch.setattr(artifacts.Ahead, "discard", real_discard)
    (docs / "docs" / "a" / "zz-last.md").unlink()
    (docs / "docs" / "a").rename(docs / "docs" / "c")
    capsys.readouterr()
    assert main(["generate", "-v"]) == 0
    assert "(left by an interrupted run)" in capsys.readouterr().err
    assert not list((docs / "output").rglob(".codetables-*.tmp"))
    assert sorted(path.name for path in (docs / "output").iterdir() if path.is_dir()) == ["b", "c"]


def test_a_second_interrupt_while_the_staged_files_are_removed_still_removes_them(
    docs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C while the pages are read, and a second one as the files staged ahead are
    removed: the removal goes on to the last file (found by review: hundreds were left, the
    run saying that no artifact was changed)."""
    from codetables.console import Console

    before = files_below(docs)
    real_progress = Console.progress
    calls: list[int] = []

    def interrupted(self: Console, *arguments: Any) -> None:
        calls.append(1)
        if len(calls) == 4:  # three pages read and staged
            raise KeyboardInterrupt
        real_progress(self, *arguments)

    real_undo = artifacts._undo
    undone: list[int] = []

    def interrupted_again(*arguments: Any) -> None:
        undone.append(1)
        if len(undone) == 1:  # as if Ctrl-C came now: held, it waits for the block's end
            signal.raise_signal(signal.SIGINT)
        real_undo(*arguments)

    monkeypatch.setattr(Console, "progress", interrupted)
    monkeypatch.setattr(artifacts, "_undo", interrupted_again)
    assert main(["generate", "-q"]) == 130
    assert undone
    assert files_below(docs) == before


def test_a_folder_that_fails_to_be_made_part_way_is_removed_with_its_parents(
    docs: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`output/c/` made, then `output/c/deep/` refused (no inode left, a quota): the run
    says so and leaves no folder (found by review: the folders made before the failure
    were not known to the run's undo)."""
    assert main(["generate", "-q"]) == 0
    deep = docs / "docs" / "c" / "deep"
    deep.mkdir(parents=True)
    (deep / "p.md").write_text(page(9), encoding="utf-8")
    before = files_below(docs)
    real_mkdir = os.mkdir

    def full(path: Any, mode: int = 0o777, **keywords: Any) -> None:
        if os.fspath(path).endswith("/deep") and os.path.isdir(os.path.dirname(path)):
            raise OSError(28, "No space left on device", os.fspath(path))
        real_mkdir(path, mode, **keywords)

    monkeypatch.setattr(os, "mkdir", full)
    capsys.readouterr()
    assert main(["generate", "-q"]) == 2
    assert "cannot write the artifacts (No space left on device)" in capsys.readouterr().err
    assert files_below(docs) == before


def test_a_folder_where_the_index_goes_is_said_as_a_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Pages in a folder named `index.md`: their artifacts' folder is where the index of
    several pages goes. The run says it cannot write there, as before staging ahead, not
    that a file it did not write is in the way (found by review)."""
    (tmp_path / "docs" / "index.md").mkdir(parents=True)
    for n in range(PAGES):
        (tmp_path / "docs" / "index.md" / f"p{n}.md").write_text(page(n), encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.codetables]\nsources = ["docs/**/*.md"]\noutput = "output"\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    assert main(["generate", "-q"]) == 2
    assert "cannot write the artifacts (Is a directory)" in capsys.readouterr().err
    assert not list((tmp_path / "output").rglob("*"))


def test_an_interrupt_caught_as_the_staged_files_are_removed_still_removes_them(
    docs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C while the pages are read, and a second one caught just as the removal holds
    signals back (its handler runs as the mask changes): every staged file is removed all
    the same, and the signals are held back no longer (found by review)."""
    from codetables.console import Console

    before = files_below(docs)
    real_progress = Console.progress
    calls: list[int] = []

    def interrupted(self: Console, *arguments: Any) -> None:
        calls.append(1)
        if len(calls) == 4:
            raise KeyboardInterrupt
        real_progress(self, *arguments)

    real_mask = signal.pthread_sigmask
    state = {"armed": False, "fired": False}

    def mask(how: int, signals: Any) -> Any:
        result = real_mask(how, signals)
        if how == signal.SIG_BLOCK and signals and state["armed"] and not state["fired"]:
            state["fired"] = True
            raise KeyboardInterrupt  # the handler of a SIGINT caught during the call
        return result

    real_discard = artifacts.Ahead.discard

    def discard(self: artifacts.Ahead) -> None:
        state["armed"] = bool(self.staged)
        real_discard(self)

    monkeypatch.setattr(Console, "progress", interrupted)
    monkeypatch.setattr(signal, "pthread_sigmask", mask)
    monkeypatch.setattr(artifacts.Ahead, "discard", discard)
    try:
        assert main(["generate", "-q"]) == 130
        assert not real_mask(signal.SIG_BLOCK, ()) & set(artifacts.HELD)
    finally:
        real_mask(signal.SIG_SETMASK, set())
    assert state["fired"]
    assert files_below(docs) == before


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="giving a folder another group"
)
@pytest.mark.parametrize("previous", [False, True])
def test_an_artifact_in_a_set_group_id_folder_takes_the_folders_group(
    docs: Path, previous: bool
) -> None:
    """A folder with the set-group-ID bit gives every file made in it its group: an
    artifact staged ahead in the directory is written in such a folder again rather than
    linked there with the directory's group (found by review)."""
    folder = docs / "output" / "b"
    folder.mkdir(parents=True)
    os.chown(folder, -1, 1234)
    folder.chmod(0o2775)
    if previous:
        assert main(["generate", "-q"]) == 0
        for path in (docs / "docs").rglob("*.md"):
            path.write_text(path.read_text(encoding="utf-8") + "| 499 | new |\n", "utf-8")
    assert main(["generate", "-q"]) == 0
    assert (folder / "page_0.py").stat().st_gid == 1234
    assert (docs / "output" / "a" / "page_1.py").stat().st_gid == os.getegid()


def test_a_file_where_a_folder_goes_is_said_as_mkdir_says_it(
    docs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A user's file where the artifacts' folder goes: "File exists", as before the
    folders were made one at a time (found by review), and the file kept."""
    (docs / "output").mkdir()
    (docs / "output" / "b").write_text("user's file\n", encoding="utf-8")
    assert main(["generate", "-q"]) == 2
    assert "cannot write the artifacts (File exists)" in capsys.readouterr().err
    assert (docs / "output" / "b").read_text(encoding="utf-8") == "user's file\n"


@pytest.mark.skipif(not hasattr(os, "fork"), reason="a second run alongside (POSIX locks)")
def test_a_run_of_an_enclosing_project_leaves_another_runs_staged_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Project A writes to `out/sub`, project B to `out/` with a page of its own in
    `out/sub/`. B runs while A reads its pages, A's files staged ahead in `out/sub/`: B
    sweeps no file of a folder another run holds (its lock), and both runs succeed (found
    by review: B removed them as left by an interrupted run, and A failed)."""
    import subprocess
    import sys

    from codetables.console import Console

    table = "| Status Code | Description |\n| --- | --- |\n| 400 | p |\n"
    (tmp_path / "A" / "docs").mkdir(parents=True)
    (tmp_path / "B" / "docs" / "sub").mkdir(parents=True)
    for n in range(PAGES):
        (tmp_path / "A" / "docs" / f"a{n}.md").write_text(f"# A{n}\n\n{table}", "utf-8")
    (tmp_path / "B" / "docs" / "sub" / "bee.md").write_text(f"# B\n\n{table}", "utf-8")
    (tmp_path / "B" / "docs" / "top.md").write_text(f"# T\n\n{table}", "utf-8")
    (tmp_path / "A" / "pyproject.toml").write_text(
        '[tool.codetables]\nsources = ["docs/*.md"]\noutput = "../out/sub"\n', "utf-8"
    )
    (tmp_path / "B" / "pyproject.toml").write_text(
        '[tool.codetables]\nsources = ["docs/**/*.md"]\noutput = "../out"\n', "utf-8"
    )
    environment = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    command = [sys.executable, "-m", "codetables", "generate", "-q"]
    assert subprocess.run(command, cwd=tmp_path / "B", env=environment).returncode == 0
    (tmp_path / "B" / "docs" / "sub" / "bee.md").write_text(f"# B\n\n{table}| 401 | q |\n", "utf-8")
    real_progress = Console.progress
    calls: list[int] = []

    def meanwhile(self: Console, *arguments: Any) -> None:
        calls.append(1)
        if len(calls) == 4:  # three pages of A read and staged: B runs now
            run = subprocess.run(command, cwd=tmp_path / "B", env=environment)
            assert run.returncode == 0
        real_progress(self, *arguments)

    monkeypatch.setattr(Console, "progress", meanwhile)
    monkeypatch.chdir(tmp_path / "A")
    assert main(["generate", "-q"]) == 0, capsys.readouterr().err
    assert len(calls) >= 4
    assert not list((tmp_path / "out").rglob(".codetables-*.tmp"))


@pytest.mark.parametrize("refused", ["in place", "every link"])
def test_a_new_artifact_that_cannot_be_linked_in_place_is_written_as_before(
    docs: Path, monkeypatch: pytest.MonkeyPatch, staged: list[str], refused: str
) -> None:
    """A new artifact staged ahead takes its name by a hard link; where that link is
    refused (a file system without hard links, a file there by then), the file is moved
    beside its place and renamed, or written there again when no link at all can be made:
    the same files either way, and no temporary file left."""
    assert main(["generate", "-q"]) == 0
    expected = files_below(docs / "output")
    (docs / "output").rename(docs / "first")
    real = os.link
    tried: list[str] = []

    def link(source: Any, destination: Any, *args: Any, **kwargs: Any) -> None:
        if refused == "every link" or not os.path.basename(destination).startswith(
            artifacts.TEMPORARY_PREFIX
        ):
            tried.append(os.fspath(destination))
            raise PermissionError(1, "Operation not permitted")
        real(source, destination, *args, **kwargs)

    monkeypatch.setattr(os, "link", link)
    staged.clear()
    assert main(["generate", "-q"]) == 0
    assert len(staged) == 3 * PAGES, "nothing was staged ahead: the test proves nothing"
    assert tried
    assert files_below(docs / "output") == expected


def test_a_failure_after_new_artifacts_took_their_names_puts_every_file_back(
    docs: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A new page's artifacts take their names by links, then the manifest cannot be
    replaced (a full disk): the run says so (exit 2) and leaves the directory as it was,
    those new artifacts gone and no temporary file left."""
    assert main(["generate", "-q"]) == 0
    (docs / "docs" / "a" / "page-new.md").write_text(page(99), encoding="utf-8")
    for n in range(2):
        path = docs / "docs" / ("a" if n % 2 else "b") / f"page-{n}.md"
        path.write_text(page(n).replace("row", "line"), encoding="utf-8")
    before = files_below(docs / "output")
    real = os.replace

    def replace(source: Any, destination: Any, *args: Any, **kwargs: Any) -> None:
        if os.path.basename(destination) == artifacts.MANIFEST and new.is_file():
            raise OSError(28, "No space left on device")
        real(source, destination, *args, **kwargs)

    new = docs / "output" / "a" / "page_new.py"
    monkeypatch.setattr(os, "replace", replace)
    capsys.readouterr()
    assert main(["generate", "-q"]) == 2
    assert "No space left on device" in capsys.readouterr().err
    assert files_below(docs / "output") == before


def test_a_folder_made_a_link_before_a_new_artifact_is_written_there_after_all_is_refused(
    docs: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A new artifact that cannot take its name by a link (here: its folder is swapped for a
    link to a folder outside as the link is tried) is written in its folder after the
    folders were checked: they are checked again before any rename, so the run is refused
    (exit 2) and nothing is left outside the artifacts directory."""
    outside = docs / "outside"
    outside.mkdir()
    real = artifacts._linked_in_place
    swapped: list[Path] = []

    def swap_then_fail(done: Any, staging: Path, path: Path) -> bool:
        if swapped:
            return real(done, staging, path)
        folder = path.parent
        folder.rename(folder.with_name(folder.name + "-moved"))
        folder.symlink_to(outside, target_is_directory=True)
        swapped.append(folder)
        return False

    monkeypatch.setattr(artifacts, "_linked_in_place", swap_then_fail)
    capsys.readouterr()
    assert main(["generate", "-q"]) == 2
    assert swapped
    assert "symbolic link" in capsys.readouterr().err
    assert list(outside.iterdir()) == []


def test_a_full_disk_as_a_new_artifact_is_written_again_in_its_folder_leaves_no_trace(
    docs: Path, monkeypatch: pytest.MonkeyPatch, staged: list[str]
) -> None:
    """No hard links at all (every staged file is written again in its folder), and the disk
    full as those files are written: exit 2, and no temporary file nor folder is left (found
    by review: the file that failed was never recorded, so never removed, nor its folder)."""
    assert main(["generate", "-q"]) == 0
    (docs / "output").rename(docs / "first")  # every artifact new again
    before = files_below(docs)
    real_write = artifacts._write
    ending: list[bool] = []
    real_adopt = artifacts.Ahead.adopt

    def adopt(self: artifacts.Ahead) -> dict[str, tuple[Text, Path]]:
        ending.append(True)  # `replace_all` has begun
        return real_adopt(self)

    def no_link(*args: Any, **kwargs: Any) -> None:
        raise PermissionError(1, "Operation not permitted")

    def write(handle: int, path: Path, text: Text, mode: int) -> None:
        if ending and path.parent.name in ("a", "b"):
            os.close(handle)
            raise OSError(28, "No space left on device")
        real_write(handle, path, text, mode)

    monkeypatch.setattr(artifacts.Ahead, "adopt", adopt)
    monkeypatch.setattr(os, "link", no_link)
    monkeypatch.setattr(artifacts, "_write", write)
    staged.clear()
    assert main(["generate", "-q"]) == 2
    assert len(staged) == 3 * PAGES, "nothing was staged ahead: the test proves nothing"
    assert files_below(docs) == before


def test_a_file_that_comes_where_a_new_artifact_goes_while_the_run_ends_is_never_replaced(
    docs: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A user's file put where a new artifact goes after the run looked there (its end has
    begun): the link in place refuses to replace it, and the run, refused (exit 2) as a
    run that found it first is, leaves it and everything else as it was (found by review:
    it was replaced, as before links in place)."""
    yours = docs / "output" / "a" / "page_1.json"
    real_adopt = artifacts.Ahead.adopt

    def adopt(self: artifacts.Ahead) -> dict[str, tuple[Text, Path]]:
        if not yours.exists():
            yours.parent.mkdir(parents=True)
            yours.write_text("the user's own file\n", encoding="utf-8")
        return real_adopt(self)

    before = files_below(docs)
    monkeypatch.setattr(artifacts.Ahead, "adopt", adopt)
    capsys.readouterr()
    assert main(["generate", "-q"]) == 2
    assert "page_1.json: exists and was not written by codetables" in capsys.readouterr().err
    assert yours.read_text(encoding="utf-8") == "the user's own file\n"
    left = files_below(docs)
    assert {name for name in left if name not in before} == {
        "output",
        "output/a",
        "output/a/page_1.json",
    }


def test_an_artifact_of_codetables_that_comes_where_a_new_one_goes_is_replaced_as_ever(
    docs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """codetables' own artifact put where a new one goes as the run ends (restored from a
    checkout, say) is no user's file: the link in place fails, and the file takes the way of
    a replaced artifact, as before links in place; the run writes what it always wrote."""
    assert main(["generate", "-q"]) == 0
    expected = files_below(docs / "output")
    (docs / "output").rename(docs / "first")
    ours = docs / "output" / "a" / "page_1.json"
    real_adopt = artifacts.Ahead.adopt

    def adopt(self: artifacts.Ahead) -> dict[str, tuple[Text, Path]]:
        if not ours.exists():
            ours.parent.mkdir(parents=True, exist_ok=True)
            ours.write_bytes((docs / "first" / "a" / "page_1.json").read_bytes())
        return real_adopt(self)

    monkeypatch.setattr(artifacts.Ahead, "adopt", adopt)
    assert main(["generate", "-q"]) == 0
    assert files_below(docs / "output") == expected
