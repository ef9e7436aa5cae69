"""Each folder of the artifacts is checked once (`artifacts.Places`), and still every
artifact in it is held to `artifacts.target`'s rules: never written outside the directory,
nor through a link to a folder inside it, and a failure part way through a folder puts
everything back. Real folders and links in a temporary directory."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from codetables import artifacts, project
from codetables.errors import UsageError
from codetables.spool import Text

OUTSIDE = "would be written outside the artifacts directory"
THROUGH = "would be written through a symbolic link to a folder"


def texts(files: dict[str, bytes]) -> dict[str, Text]:
    """Artifacts' bytes as a run holds them."""
    return {name: Text.of(data) for name, data in files.items()}


def tree(base: Path) -> dict[str, tuple[int, bytes | str]]:
    """Everything below `base`, links not followed: each entry's mode, and its bytes or
    where it points."""
    found: dict[str, tuple[int, bytes | str]] = {}
    for folder, folders, files in os.walk(base):
        for name in folders + files:
            path = Path(folder) / name
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                found[path.relative_to(base).as_posix()] = (mode, os.readlink(path))
            else:
                data = path.read_bytes() if stat.S_ISREG(mode) else b""
                found[path.relative_to(base).as_posix()] = (mode, data)
    return found


def layout(base: Path) -> Path:
    """`out/` holding a real folder `a/` (a file in it, a link there to a file outside),
    a link to `a/`, a link to a folder outside, and a dangling link; `outside/` beside it."""
    out = base / "out"
    (out / "a").mkdir(parents=True)
    (base / "outside").mkdir()
    (base / "outside" / "x.json").write_bytes(b"not yours\n")
    (out / "a" / "file.json").write_bytes(b"old\n")
    (out / "a" / "flink.json").symlink_to("../../outside/x.json")
    (out / "alias").symlink_to("a")
    (out / "away").symlink_to("../outside")
    (out / "dangling").symlink_to("../nowhere")
    return out


def refusal(call: Callable[[], Any]) -> str:
    """The words `call` is refused with (it must be refused)."""
    with pytest.raises(UsageError) as caught:
        call()
    return caught.value.message


@pytest.mark.parametrize("writing", [True, False])
def test_every_artifact_in_a_folder_linked_outside_is_refused(
    tmp_path: Path, writing: bool
) -> None:
    """The first artifact of a folder failing its check must not let the next ones of the
    same folder through, nor an artifact in a good folder vouch for a bad one."""
    out = layout(tmp_path)
    places = artifacts.Places(out, writing=writing)
    assert places("a/one.json") == out / "a" / "one.json"
    for name in ("away/one.json", "away/two.json", "away/three.py", "away/x.json"):
        assert OUTSIDE in refusal(lambda name=name: places(name))
    assert places("a/two.json") == out / "a" / "two.json"


@pytest.mark.parametrize("writing", [True, False])
def test_every_artifact_in_a_folder_linked_to_a_sibling_is_refused(
    tmp_path: Path, writing: bool
) -> None:
    """`alias -> a`: two names for each file of `a/`; every one through `alias/` is refused,
    while `a/` itself stays usable."""
    out = layout(tmp_path)
    places = artifacts.Places(out, writing=writing)
    for name in ("alias/one.json", "alias/two.json", "alias/file.json"):
        assert THROUGH in refusal(lambda name=name: places(name))
    assert places("a/file.json") == out / "a" / "file.json"


def test_a_write_through_a_linked_folder_writes_nothing_anywhere(tmp_path: Path) -> None:
    """Artifacts in a good folder first, then several in a folder linked outside: refused
    before any is written, on either side of the link."""
    out = layout(tmp_path)
    before = tree(tmp_path)
    changed = texts({"a/one.json": b"1\n", "a/two.json": b"2\n", "away/x.json": b"3\n"})
    changed |= {f"away/{n}.json": b"n\n" for n in range(5)}
    assert OUTSIDE in refusal(lambda: artifacts.replace_all(out, changed, []))
    assert tree(tmp_path) == before


def test_a_link_in_an_artifacts_place_is_refused_in_a_folder_already_checked(
    tmp_path: Path,
) -> None:
    """The folder `a/` passes for `a/file.json`; `a/flink.json` beside it, a link to a file
    outside, is still refused for a write and the file it points to kept."""
    out = layout(tmp_path)
    before = tree(tmp_path)
    changed = texts({"a/file.json": b"new\n", "a/flink.json": b"new\n"})
    assert OUTSIDE in refusal(lambda: artifacts.replace_all(out, changed, []))
    assert tree(tmp_path) == before


def test_a_folder_swapped_for_a_link_once_made_is_checked_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder the run made, replaced by a link to outside before its first file is
    staged (another process, a race), is refused: each folder is checked again after it
    is made, and nothing is written through it."""
    out = layout(tmp_path)
    real_make = artifacts._make_folders

    def make_then_swap(folder: Path) -> list[Path]:
        made = real_make(folder)
        if folder.name == "new":
            folder.rmdir()
            folder.symlink_to(tmp_path / "outside")
        return made

    monkeypatch.setattr(artifacts, "_make_folders", make_then_swap)
    changed = texts({"a/one.json": b"1\n", "new/one.json": b"2\n", "new/two.json": b"3\n"})
    assert OUTSIDE in refusal(lambda: artifacts.replace_all(out, changed, []))
    assert sorted(os.listdir(tmp_path / "outside")) == ["x.json"]
    assert not (out / "a" / "one.json").exists()


@pytest.mark.parametrize("swapped_after", [1, 2])
def test_a_folder_swapped_for_a_link_while_its_files_are_staged_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, swapped_after: int
) -> None:
    """A checked folder moved away and replaced by a link once some of its files are staged
    (a race): the next file looks at its folders again, and every folder is checked once
    more before any file is renamed into place, so nothing lands through the link."""
    out = layout(tmp_path)
    real_write = artifacts._write
    written: list[object] = []

    def write_then_swap(*args: Any) -> None:
        real_write(*args)
        written.append(args)
        if len(written) == swapped_after:
            (out / "a").rename(tmp_path / "moved")
            (out / "a").symlink_to(tmp_path / "moved", target_is_directory=True)

    monkeypatch.setattr(artifacts, "_write", write_then_swap)
    changed = texts({"a/one.json": b"1\n", "a/two.json": b"2\n"})
    assert OUTSIDE in refusal(lambda: artifacts.replace_all(out, changed, []))
    landed = [path.name for path in (tmp_path / "moved").iterdir()]
    assert "one.json" not in landed
    assert "two.json" not in landed
    assert sorted(os.listdir(tmp_path / "outside")) == ["x.json"]


@pytest.mark.parametrize("failing", [1, 3, 5, 7])
def test_a_failure_writing_the_nth_file_of_a_folder_puts_everything_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: int
) -> None:
    """Six artifacts of one folder replaced and a new folder made: a full disk on any one
    write leaves every file, folder and mode as before, and no temporary file."""
    out = tmp_path / "out"
    (out / "sub").mkdir(parents=True)
    for n in range(6):
        (out / "sub" / f"{n}.json").write_bytes(b"old %d\n" % n)
    (out / "sub" / "3.json").chmod(0o640)
    before = tree(tmp_path)
    changed = texts({f"sub/{n}.json": b"new %d\n" % n for n in range(6)})
    changed |= texts({"made/deeper/x.json": b"new\n"})
    real_write = os.write
    calls: list[int] = []

    def full_disk(handle: int, data: Any) -> int:
        calls.append(handle)
        if len(calls) == failing:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(handle, data)

    monkeypatch.setattr(os, "write", full_disk)
    message = refusal(lambda: artifacts.replace_all(out, changed, []))
    assert "No space left on device" in message
    assert "every artifact is as it was" in message
    assert len(calls) == failing
    assert tree(tmp_path) == before


def test_a_short_write_still_stages_every_byte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`os.write` may write less than asked: the staged file is filled to the end anyway,
    and gets the mode a new artifact gets."""
    out = tmp_path / "out"
    out.mkdir()
    data = bytes(range(256)) * 1000
    real_write = os.write
    monkeypatch.setattr(os, "write", lambda handle, chunk: real_write(handle, chunk[:4093]))
    artifacts.replace_all(out, texts({"sub/big.json": data, "sub/small.json": b"1\n"}), [])
    monkeypatch.undo()
    assert (out / "sub" / "big.json").read_bytes() == data
    assert (out / "sub" / "small.json").read_bytes() == b"1\n"
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE((out / "sub" / "big.json").stat().st_mode) == 0o666 & ~mask
    assert sorted(os.listdir(out / "sub")) == ["big.json", "small.json"]


PARTS = ["a", "alias", "away", "dangling", "file.json", "flink.json", "new", "x.json"]
PARTS += ["..", ".", "", "a\x00b"]


def outcome(call: Callable[..., Path], *arguments: Any) -> Path | str:
    """Where a name goes, or the words it is refused with."""
    try:
        return call(*arguments)
    except UsageError as error:
        return error.message
    except ValueError as error:  # a NUL, as the file system rejects it
        return f"ValueError: {error}"


@given(
    names=st.lists(
        st.tuples(st.booleans(), st.lists(st.sampled_from(PARTS), min_size=1, max_size=4)),
        min_size=1,
        max_size=6,
    ),
    writing=st.booleans(),
    recheck=st.booleans(),
)
def test_a_name_goes_where_target_puts_it_or_is_refused_as_target_refuses_it(
    tmp_path_factory: pytest.TempPathFactory,
    names: list[tuple[bool, list[str]]],
    writing: bool,
    recheck: bool,
) -> None:
    """Any names in turn (`..`, `.`, empty parts, a leading `/`, links to folders inside
    and out, dangling, to a file outside, a NUL): the same path as `target` gives, or the
    same refusal, whatever names came before in the same folder, the folders on the way
    looked at again for every file or not (nothing changes them here)."""
    out = layout(tmp_path_factory.mktemp("places"))
    places = artifacts.Places(out, writing=writing, recheck=recheck)
    resolved: dict[Path, Path] = {}
    for leading, parts in names:
        name = ("/" if leading else "") + "/".join(parts)
        expected = outcome(artifacts.target, out, name, None if writing else resolved)
        assert outcome(places, name) == expected, name


@given(
    names=st.lists(
        st.lists(st.sampled_from([p for p in PARTS if "\x00" not in p]), min_size=1, max_size=4),
        min_size=1,
        max_size=6,
    )
)
def test_a_source_resolves_as_realpath_resolves_it_with_its_folders_resolved_once(
    tmp_path_factory: pytest.TempPathFactory, names: list[list[str]]
) -> None:
    """`project._realpath`, which resolves each folder once for the sources of a run, gives
    what `os.path.realpath` gives for any path: links to files and folders inside and out,
    dangling ones, `..`, `.` and empty parts, absolute or relative."""
    base = tmp_path_factory.mktemp("sources")
    out = layout(base)
    folders: dict[str, str] = {}
    for parts in names:
        for path in (
            out / "/".join(parts),
            Path(os.path.relpath(out, Path.cwd())) / "/".join(parts),
        ):
            assert project._realpath(path, folders) == os.path.realpath(path), path


def test_a_folder_on_the_way_is_looked_at_as_pathlib_looks_at_it(tmp_path: Path) -> None:
    """`_through_link` joins strings where it joined path objects, and answers as
    `Path.is_symlink` did (found by review): a `.` or empty part looks at the path so far
    again (the directory itself, a link here), and an error other than "nothing there"
    (a name too long) is raised, not read as "no link", so it is said before any page, as
    on Python 3.11 and 3.12."""
    out = layout(tmp_path)
    linked = tmp_path / "linked-out"
    linked.symlink_to(out, target_is_directory=True)
    assert artifacts._through_link(linked, "./x.json")
    assert artifacts._through_link(linked, "/x.json")
    assert not artifacts._through_link(out, "./a/x.json")
    assert artifacts._through_link(out, "./alias/x.json")
    too_long = "n" * (os.pathconf(out, "PC_NAME_MAX") + 1)
    with pytest.raises(OSError, match="too long") as raised:
        artifacts._through_link(out, f"{too_long}/x.json")
    assert raised.value.errno == errno.ENAMETOOLONG
