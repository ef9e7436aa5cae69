"""Large artifacts go through files on their way out, never whole in memory, and change
nothing a run gives: the same bytes written, the same answers from `check`, the same
errors, the output untouched when a temporary file cannot be written."""

from __future__ import annotations

import errno
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from codetables import artifacts, quick, spool
from codetables.cli import main
from codetables.spool import Text
from conftest import SEED, generate_with_workers

SMALL = 64
"""A spool threshold every artifact of the seed is past."""


def snapshot(directory: Path) -> dict[str, bytes]:
    return {
        path.relative_to(directory).as_posix(): path.read_bytes()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def folders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every spool folder the run makes (they must be gone once it is over)."""
    made: list[str] = []
    real = tempfile.mkdtemp

    def mkdtemp(*args: Any, **kwargs: Any) -> str:
        path = real(*args, **kwargs)
        made.append(path)
        return path

    monkeypatch.setattr(tempfile, "mkdtemp", mkdtemp)
    return made


def full_check(monkeypatch: pytest.MonkeyPatch) -> int:
    """`check` by the full path (the fast one reads the files' digests, not the artifacts)."""
    with monkeypatch.context() as patched:
        patched.setattr(quick, "check", lambda *arguments, **options: None)
        return main(["check"])


@given(st.binary(max_size=300), st.binary(max_size=300), st.integers(1, 70))
def test_two_texts_are_the_same_when_their_bytes_are_however_they_are_held(
    one: bytes, other: bytes, chunk: int
) -> None:
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patched:
        patched.setattr(spool, "CHUNK", chunk)
        on_disk = Path(folder) / "t"
        on_disk.write_bytes(other)
        for left in (Text.of(one), Text(len(one), path=_written(Path(folder) / "o", one))):
            for right in (Text.of(other), Text(len(other), path=str(on_disk))):
                assert spool.same(left, right) == (one == other)
                assert right.read() == other


def _written(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    return str(path)


def test_no_file_is_only_the_same_as_no_file() -> None:
    assert spool.same(None, None)
    assert not spool.same(None, Text.of(b""))
    assert not spool.same(Text.of(b""), None)


def generate_both_ways(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """The project generated with artifacts held in memory, then through files."""
    assert main(["generate", "--out", "in-memory"]) == 0
    monkeypatch.setattr(spool, "SPOOL_BYTES", SMALL)
    assert main(["generate", "--out", "spooled"]) == 0
    return snapshot(project / "in-memory"), snapshot(project / "spooled")


def test_artifacts_spooled_to_files_are_the_bytes_made_in_memory(
    project: Path, monkeypatch: pytest.MonkeyPatch, folders: list[str]
) -> None:
    in_memory, through_files = generate_both_ways(project, monkeypatch)
    assert folders, "no spool folder was made"
    assert not any(os.path.exists(folder) for folder in folders)
    manifest = artifacts.MANIFEST
    assert {k: v for k, v in through_files.items() if k != manifest} == {
        k: v for k, v in in_memory.items() if k != manifest
    }
    assert len(in_memory) == 4


def test_several_sources_spooled_by_worker_processes_give_the_same_bytes(
    project: Path, monkeypatch: pytest.MonkeyPatch, folders: list[str]
) -> None:
    """From four sources pages are read in worker processes, which spool into the folder
    their parent made."""
    for n in range(2, 5):
        shutil.copyfile(SEED, project / "seeds" / f"page-{n}.md")
    in_memory, through_files = generate_both_ways(project, monkeypatch)
    assert len(folders) == 2  # one a run, made by the parent for its workers
    assert not any(os.path.exists(folder) for folder in folders)
    assert [k for k in through_files if k.endswith(".json")] == [
        k for k in in_memory if k.endswith(".json")
    ]
    for name, data in in_memory.items():
        if name != artifacts.MANIFEST:
            assert through_files[name] == data, name


def test_check_compares_spooled_artifacts_with_committed_files_read_a_chunk_at_a_time(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(spool, "SPOOL_BYTES", SMALL)
    monkeypatch.setattr(spool, "CHUNK", 7)
    assert main(["generate"]) == 0
    assert full_check(monkeypatch) == 0
    page = project / "output" / "cci_status_codes.md"
    page.write_bytes(page.read_bytes().replace(b"| Accepted |", b"| Accepter |"))
    capsys.readouterr()
    assert full_check(monkeypatch) == 1
    shown = capsys.readouterr().out
    assert "edited by hand: output/cci_status_codes.md" in shown
    assert "-| 202 | Accepter |" in shown
    assert main(["generate"]) == 0
    assert full_check(monkeypatch) == 0


def test_a_large_committed_artifact_with_crlf_line_ends_is_current(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A checkout with `core.autocrlf` turns line ends into CRLF: read as LF, as before."""
    monkeypatch.setattr(spool, "SPOOL_BYTES", SMALL)
    assert main(["generate"]) == 0
    for path in (project / "output").iterdir():
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert full_check(monkeypatch) == 0


def test_the_source_a_large_model_records_is_read_from_its_head(tmp_path: Path) -> None:
    head = b'{\n  "generated": "x",\n  "format": "codetables/2",\n  "source": {\n'
    model = head + b'    "path": "docs/a.md",\n    "title": "T"\n  },\n  "tables": [' + b" " * 5000
    text = Text(len(model), path=_written(tmp_path / "m.json", model))
    assert artifacts.recorded_source(text) == "docs/a.md"  # the rest is not even JSON
    assert artifacts.recorded_source(Text.of(b'{"source": {"path": "b.md"}}')) == "b.md"
    assert artifacts.recorded_source(Text.of(b"not json")) is None
    assert artifacts.recorded_source(None) is None


def test_without_a_temporary_folder_large_artifacts_stay_in_memory(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(*args: Any, **kwargs: Any) -> str:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkdtemp", refused)
    monkeypatch.setattr(spool, "SPOOL_BYTES", SMALL)
    assert main(["generate"]) == 0
    assert full_check(monkeypatch) == 0


def test_a_full_temporary_disk_is_an_error_and_leaves_every_artifact_as_it_was(
    project: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    folders: list[str],
) -> None:
    assert main(["generate"]) == 0
    before = snapshot(project / "output")
    (project / "seeds" / "cci-status-codes.md").write_text(
        SEED.read_text(encoding="utf-8").replace("Accepted", "Taken"), encoding="utf-8"
    )
    real_write, real_mkstemp = os.write, tempfile.mkstemp
    spooling: set[int] = set()

    def mkstemp(*args: Any, **kwargs: Any) -> tuple[int, str]:
        handle, path = real_mkstemp(*args, **kwargs)
        spooling.add(handle)
        return handle, path

    def full(handle: int, data: Any) -> int:
        if handle in spooling:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(handle, data)

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    monkeypatch.setattr(os, "write", full)
    monkeypatch.setattr(spool, "SPOOL_BYTES", SMALL)
    capsys.readouterr()
    assert main(["generate"]) == 2
    err = capsys.readouterr().err
    assert "cannot write a large artifact to a temporary file (No space left on device)" in err
    assert "Traceback" not in err
    assert snapshot(project / "output") == before
    assert folders
    assert not any(os.path.exists(folder) for folder in folders)


def test_an_artifact_given_up_halfway_leaves_no_file_and_no_descriptor(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A template that fails once its artifact has gone to a file (`render.write` then
    discards it) leaves nothing behind, even where the run goes on (a worker process)."""
    monkeypatch.setattr(spool, "SPOOL_BYTES", SMALL)
    with spool.Folder() as folder:
        out = spool.Writer(folder)("page.json")
        out.write(b"x" * (SMALL + 1))
        where = folder.path()
        assert where is not None
        assert len(os.listdir(where)) == 1
        handle = out.handle
        assert handle is not None
        out.discard()
        assert os.listdir(where) == []
        with pytest.raises(OSError, match="Bad file descriptor"):
            os.fstat(handle)


def test_a_model_whose_head_holds_no_whole_source_is_read_whole(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A title of a million characters puts the source's end past the head: read whole,
    not taken for no record (which let a named run take over another page's artifacts;
    found by review)."""
    monkeypatch.setattr(spool, "CHUNK", 40)
    model = b'{\n  "generated": "x",\n  "source": {\n    "title": "' + b"t" * 100
    model += b'",\n    "path": "docs/a.md"\n  }\n}\n'
    assert artifacts.recorded_source(spooled(tmp_path / "m.json", model)) == "docs/a.md"


def test_text_before_the_source_is_counted_in_characters_not_bytes(tmp_path: Path) -> None:
    """A JSON template of the user's may write text before the source: the head is searched
    as text (a byte offset into the decoded text missed the field; found by review)."""
    model = '{\n  "title": "状态码说é",\n  "source": {"path": "docs/a.md"},\n  "x": ['
    model += " " * 100 + "]\n}\n"
    assert artifacts.recorded_source(spooled(tmp_path / "m.json", model.encode())) == "docs/a.md"


def spooled(path: Path, data: bytes) -> Text:
    """Bytes held in a file, as a large artifact is."""
    path.write_bytes(data)
    return Text(len(data), path=str(path))


def test_workers_never_make_a_spool_folder_of_their_own(
    project: Path, monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The parent makes the folder and removes it; a page handed to a worker after an error
    ended the run must find no folder, not make one that no one removes (found by review:
    every failed run with four sources or more left some)."""
    temporary = tmp_path_factory.mktemp("temporary")
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    monkeypatch.setattr(spool, "SPOOL_BYTES", SMALL)
    (project / "seeds" / "a-broken.md").write_text("<<<<<<< HEAD\n| a |\n", encoding="utf-8")
    for n in range(6):
        shutil.copyfile(SEED, project / "seeds" / f"page-{n}.md")
    for _ in range(3):
        assert main(["generate", "-q"]) == 2
        for child in multiprocessing.active_children():  # the workers finish what they hold
            child.join()
        assert list(temporary.iterdir()) == []
    given = spool.Folder().for_workers()
    assert given.path() is not None
    shutil.rmtree(str(given.path()))
    assert given.path() is not None  # the same, gone: never another
    assert list(temporary.iterdir()) == []


def dead_pid() -> int:
    """The number of a process that has ended."""
    done = subprocess.Popen([sys.executable, "-c", "pass"])
    done.wait()
    return done.pid


@pytest.mark.skipif(os.name != "posix", reason="process numbers are checked on POSIX only")
def test_the_spool_folders_of_killed_runs_are_removed_and_nothing_else(tmp_path: Path) -> None:
    """A run killed outright (`kill -9`) cannot remove its spool folder: the next one to
    spool removes it, when it is this user's, named for a process that no longer runs, and
    holds spooled artifacts only (found by review: each such run left its artifacts in the
    temporary folder for good)."""
    dead, alive = dead_pid(), os.getpid()
    abandoned = tmp_path / f"codetables-{dead}-abc_12"
    abandoned.mkdir(mode=0o700)
    (abandoned / "tmpa1b2c3.part").write_bytes(b"x" * 100)
    kept = {
        f"codetables-{alive}-running": "tmpq.part",
        f"codetables-{dead}-mixed": "notes.txt",
        f"other-{dead}-x": "tmpa.part",
        f"codetables-{dead}": "tmpb.part",
        f"codetables-{dead}-locked": "tmpc.part",  # a run in another container holds it
    }
    for name, inside in kept.items():
        (tmp_path / name).mkdir(mode=0o700)
        (tmp_path / name / inside).write_bytes(b"mine")
    (tmp_path / f"codetables-{dead}-open").mkdir(mode=0o755)  # not made as codetables does
    (tmp_path / f"codetables-{dead}-link").symlink_to(tmp_path / f"codetables-{dead}-mixed")
    lock = spool._locked(str(tmp_path / f"codetables-{dead}-locked"))
    try:
        assert spool.remove_abandoned(str(tmp_path)) == [str(abandoned)]
    finally:
        os.close(lock)
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(
        [*kept, f"codetables-{dead}-open", f"codetables-{dead}-link"]
    )


@pytest.mark.skipif(os.name != "posix", reason="process numbers are checked on POSIX only")
def test_a_run_that_spools_removes_the_folders_killed_runs_left(
    project: Path, monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    temporary = tmp_path_factory.mktemp("temporary")
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    monkeypatch.setattr(spool, "SPOOL_BYTES", SMALL)
    abandoned = temporary / f"codetables-{dead_pid()}-xyz"
    abandoned.mkdir(mode=0o700)
    (abandoned / "tmpxyz.part").write_bytes(b"left by a killed run")
    assert main(["generate", "-q"]) == 0
    assert list(temporary.iterdir()) == []


def running(pid: int) -> bool:
    """Whether a process runs (an ended one waiting to be reaped does not)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux's parent-death signal")
def test_worker_processes_end_with_a_run_killed_outright(project: Path) -> None:
    """`kill -9` (or the OOM killer) on a run left its workers waiting for pages for ever,
    holding the caller's pipes open, so a harness reading them hung (found by review)."""
    run, workers = generate_with_workers(project, pages=8, rows=30_000)
    try:
        assert workers, "the run started no worker"
    finally:
        run.kill()
        run.communicate()
    for _ in range(100):  # they end at once; give the system 10 s
        if not any(running(worker) for worker in workers):
            break
        time.sleep(0.1)
    alive = [worker for worker in workers if running(worker)]
    for worker in alive:  # leave none behind, whatever the outcome
        os.kill(worker, signal.SIGKILL)
    assert alive == []
