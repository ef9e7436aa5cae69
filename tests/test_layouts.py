"""The ownership rule on random file-system layouts, generated.

Whatever the project looks like (a configuration or none, pages at odd paths, hand-written
files where artifacts would go, symbolic links to files and folders inside and outside the
tree, dangling links and loops, another project's artifacts nearby) and whatever sequence
of `generate` and `check` runs on it (pages and artifacts edited by hand between runs),
codetables creates, changes and removes only its own artifacts (a regular file whose first
line, or a JSON artifact's first field, is the generated header), only inside the output
directory as resolved before the run, and never those another project lists: no other
file is touched, no symbolic link is followed to write elsewhere, no temporary file is left
behind, no source changes, `check` changes nothing (and passes right after a `generate`
that succeeded), and every run ends with exit 0, 1 or 2 and one-line messages, never a
traceback. Each example builds its layout in a fresh temporary folder holding the project
(`root/`), files outside it (`outside/`) and the other project (`other/`), and a failure
prints the layout and the runs as a shell script.

The header is recognised here by its own reading of the README, not by `codetables.stamp`,
so the test does not share the tool's idea of what it owns.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shlex
import stat
import tempfile
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from codetables import stamp
from codetables.cli import main
from conftest import SEED

# --- pages ------------------------------------------------------------------------------

SEED_TEXT = SEED.read_text(encoding="utf-8")
SHORT = """# Status codes

| 状态码 | 编码 | 状态说明 |
| --- | --- | --- |
| 200 | OK | 请求成功。 |
| 404 | Not Found | 资源不存在。 |
| 500 | Internal Server Error | 服务内部错误。 |
"""
ERRORS = """# 错误码

| 状态码 | 错误码 | 错误信息 | 处理措施 |
| --- | --- | --- | --- |
| 400 | ECS.0001 | Invalid parameter. | 检查参数 |
| 404 | ECS.0002 | Not found. | 确认资源 |
"""
NOTES = "# Notes\n\nProse only: a 404 means the page is gone. No table here.\n"
PAGES = {
    "short": SHORT,
    "short-edited": SHORT.replace("| 404 | Not Found |", "| 404 | Gone Away |"),
    "errors": ERRORS,
    "seed": SEED_TEXT,
    "seed-edited": SEED_TEXT.replace(">Unauthorized<", ">Unauthenticated<"),
    "notes": NOTES,
}
"""Page variants by name, the quick ones first (Hypothesis shrinks towards them)."""
assert PAGES["seed-edited"] != SEED_TEXT

LONG_STEM = "x" * 240
"""Longer than an artifact's stem may be (200 bytes); `y` * 200 is just within."""
SOURCE_PATHS = [
    "docs/a.md",
    "docs/sub/b.md",
    "c.md",
    "docs/A.md",
    "docs/class.md",
    "docs/con.md",
    f"docs/{LONG_STEM}.md",
    f"docs/{'y' * 200}.md",
    "docs/sub/deep/d.md",
    "seeds/s.md",
    "docs/index.md",
    "docs/a-b.md",
    "docs/状态码.md",
    "out/a.md",
    "docs/.hidden/h.md",
]
"""Where pages may lie, relative to the project root."""

# --- hand-written files, links, configuration --------------------------------------------

HAND_FILES = [
    "README.md",
    "Makefile",
    "docs/notes.md",
    "docs/a.py",
    "docs/a.json",
    "a.py",
    "index.md",
    "out/a.json",
    "out/a.md",
    "out/a.py",
    "out/index.md",
    "out/notes.txt",
    "out/.codetables-manifest.json",
    "out/sub/b.py",
    "out/docs/a.py",
    "output/s.json",
    "docs/generated/a.md",
    "docs/out/a.json",
]
"""Files a person wrote, several where an artifact would go: never to be touched."""

LINKS = [
    ("docs/self", "."),
    ("docs/up", ".."),
    ("docs/linked.md", "../../outside/page.md"),
    ("docs/dangling.md", "missing.md"),
    ("docs/loop.md", "loop.md"),
    ("docs/loop1.md", "loop2.md"),
    ("docs/loop2.md", "loop1.md"),
    ("linkout", "../outside/gen"),
    ("dangling-out", "../outside/nowhere"),
    ("out", "docs"),
    ("out/a.py", "../../outside/theirs.py"),
    ("out/a.json", "../../outside/theirs.json"),
    ("out/a.md", "../docs/a.md"),
    ("out/sub", "../../outside"),
    ("out/sub", "."),
    ("out/docs", "../docs"),
    ("out/docs", "."),
    ("output/s.json", "../../outside/theirs.json"),
    ("docs/generated", "../../outside/gen"),
    ("docs/generated", "."),
    ("docs/a.json", "../../outside/theirs.json"),
    ("a.py", "../outside/theirs.py"),
]
"""Symbolic links (path relative to the root, target relative to the link's folder)."""

PATTERNS = ["docs/*.md", "docs/**/*.md", "**/*.md", "*.md", "seeds/*.md", "docs/sub/*.md"]
OUTPUTS = ["out", "docs", "docs/generated", ".", "", "output", "linkout", "docs/self/out"]
OUT_ARGUMENTS = [
    "out",
    "",
    ".",
    "docs",
    "docs/generated",
    "docs/self/out",
    "linkout",
    "../x",
    "dangling-out",
    "out/sub",
    "README.md",
    "ABS:abs-out",
]
"""`--out` values relative to the root (`ABS:` → an absolute path; `""` stays empty: the
working directory)."""
NAMED = [
    "docs/self/a.md",
    "docs/up/c.md",
    "docs/linked.md",
    "../outside/page.md",
    "docs/notes.md",
    "README.md",
    "missing.md",
    "docs",
    "docs/loop1.md",
    "docs/sub/../a.md",
    "ABS:docs/a.md",
]
"""Odd pages to name on the command line besides the pages a layout has, relative to the
root (`ABS:` → an absolute path)."""
FLAGS = [(), ("-q",), ("--strict",)]
NEIGHBOURS = [
    "../outside/gen",
    "../root/output",
    "../root/output/docs",
    "../root/output/sub",
    "../root/out/docs",
    "../root/docs",
    "../root",
]
"""Where another project beside the root may have put its artifacts (its `--out`)."""

# --- what is an artifact, what changed ------------------------------------------------------

_WORDS = r"Generated by codetables; do not edit; checksum [0-9a-f]{16}"
_HEADERS = {
    ".py": re.compile(rf"# {_WORDS}"),
    ".md": re.compile(rf"<!-- {_WORDS} -->"),
    ".json": re.compile(rf'  "generated": "{_WORDS}",'),
}
SUMMARY = re.compile(r"[\d,]+ sources?, [\d,]+ tables?, [\d,]+ rows? → .+")


def is_artifact(name: str, data: bytes) -> bool:
    """Whether a file is codetables' own, as the README says: the generated header as the
    first line of a Python or Markdown file, or the first field of a JSON one."""
    suffix = next((s for s in _HEADERS if name.endswith(s)), None)
    if suffix is None:
        return False
    lines = data.decode("utf-8", "replace").replace("\r\n", "\n").split("\n")
    if suffix == ".json":
        return len(lines) > 1 and lines[0] == "{" and bool(_HEADERS[suffix].fullmatch(lines[1]))
    return bool(_HEADERS[suffix].fullmatch(lines[0]))


Entry = tuple[str, bytes | str | None, int]
"""What a path is: its type (file, dir, link, other), its bytes or link target, its mode."""


def snapshot(base: Path) -> dict[Path, Entry]:
    """Every path below `base`, never following a symbolic link."""
    found: dict[Path, Entry] = {}
    stack = [base]
    while stack:
        with os.scandir(stack.pop()) as entries:
            for entry in entries:
                path = Path(entry.path)
                info = entry.stat(follow_symlinks=False)
                mode = stat.S_IMODE(info.st_mode)
                if stat.S_ISLNK(info.st_mode):
                    found[path] = ("link", os.readlink(path), 0)
                elif stat.S_ISDIR(info.st_mode):
                    found[path] = ("dir", None, mode)
                    stack.append(path)
                elif stat.S_ISREG(info.st_mode):
                    found[path] = ("file", path.read_bytes(), mode)
                else:
                    found[path] = ("other", None, mode)
    return found


def own(path: Path, entry: Entry | None) -> bool:
    return (
        entry is not None
        and entry[0] == "file"
        and isinstance(entry[1], bytes)
        and is_artifact(path.name, entry[1])
    )


def violations(
    before: dict[Path, Entry], after: dict[Path, Entry], outputs: list[Path], base: Path
) -> list[str]:
    """Every change that is not one of the tool's own: an artifact written, replaced or
    removed inside a resolved output directory, or a folder made to hold artifacts (the
    output directory, its missing parents, folders inside it) or left empty inside it."""
    problems = []
    for path in sorted(set(before) | set(after)):
        old, new = before.get(path), after.get(path)
        if old == new:
            continue
        shown = path.relative_to(base).as_posix()
        inside = any(path.is_relative_to(r) and path != r for r in outputs)
        on_the_way = any(path.is_relative_to(r) or r.is_relative_to(path) for r in outputs)
        if new is not None and path.name.endswith(".tmp"):
            problems.append(f"left a temporary file: {shown}")
        elif new is not None and new[0] == "file":
            if not own(path, new):
                problems.append(f"wrote a file that is not an artifact: {shown}")
            elif old is not None and not own(path, old):
                problems.append(f"replaced a {old[0]} that is not its own: {shown}")
            elif not inside:
                problems.append(f"wrote an artifact outside the output directory: {shown}")
        elif new is None and old is not None:
            if old[0] == "dir" and inside:
                continue  # a folder left empty by removing artifacts (its files are judged)
            if not own(path, old):
                problems.append(f"removed a {old[0]} that is not its own: {shown}")
            elif not inside:
                problems.append(f"removed an artifact outside the output directory: {shown}")
        elif new is not None and new[0] == "dir" and old is None:
            if not on_the_way:
                problems.append(f"made a folder outside the output directory: {shown}")
        else:
            problems.append(f"changed {shown}: {describe(old)} → {describe(new)}")
    return problems


def describe(entry: Entry | None) -> str:
    if entry is None:
        return "nothing"
    kind, content, mode = entry
    if kind == "link":
        return f"a link to {content}"
    return f"a {kind} (mode {mode:o})"


def stderr_problems(err: str) -> list[str]:
    """Lines of stderr that are neither a message (error:, hint:, warning:) nor the summary."""
    allowed = ("error: ", "hint: ", "warning: ")
    return [
        line
        for line in err.splitlines()
        if not (line.startswith(allowed) or SUMMARY.fullmatch(line))
    ]


# --- layouts -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Command:
    verb: str
    named: tuple[str, ...] | None
    """Pages named on the command line (relative to the root), or None for a full run."""
    flags: tuple[str, ...]


@dataclass(frozen=True)
class Layout:
    sources: dict[str, str]
    """Path → page variant."""
    hand: tuple[str, ...]
    links: tuple[tuple[str, str], ...]
    config: tuple[tuple[str, ...], str | None] | None
    """(source patterns, output or None) for `[tool.codetables]`, or None for no section."""
    out: str | None
    """The `--out` every command takes, or None."""
    cwd: str
    commands: tuple[Command, ...]
    neighbour: str | None
    """Where another project (`other/`, pages `a` and `sub/b`) wrote its artifacts first, as
    its `--out`, or None."""


@st.composite
def layouts(draw: st.DrawFn) -> Layout:
    """A layout biased towards runs that get as far as writing: patterns and named pages
    mostly among the pages that exist, the odd ones (links, loops, folders, missing files)
    now and then."""
    sources = draw(
        st.dictionaries(
            st.sampled_from(SOURCE_PATHS), st.sampled_from(list(PAGES)), min_size=1, max_size=4
        )
    )
    present = sorted(sources)
    folders = sorted({posixpath_parent("./" + path) + "/*.md" for path in present})
    pattern = st.one_of(
        st.sampled_from(["docs/**/*.md", "**/*.md", "docs/*.md"]),
        st.sampled_from([f.removeprefix("./") for f in folders]),
        st.sampled_from(PATTERNS),
    )
    config = draw(
        st.none()
        | st.tuples(
            st.lists(pattern, min_size=1, max_size=2, unique=True).map(tuple),
            st.none() | st.sampled_from(OUTPUTS),
        )
    )
    pages = st.lists(st.sampled_from(present), min_size=1, max_size=3).map(tuple)
    odd = st.tuples(st.lists(st.sampled_from(present), max_size=2), st.sampled_from(NAMED))
    named = st.one_of(pages, pages, odd.map(lambda both: (*both[0], both[1])))
    command = st.builds(
        Command,
        verb=st.sampled_from(["generate", "check"]),
        # without a configuration a full run reads seeds/*.md
        named=st.none() | named if config or "seeds/s.md" in sources else named,
        flags=st.sampled_from(FLAGS),
    )
    return Layout(
        sources=sources,
        hand=tuple(draw(st.lists(st.sampled_from(HAND_FILES), max_size=6, unique=True))),
        links=tuple(
            draw(st.lists(st.sampled_from(LINKS), max_size=5, unique_by=lambda link: link[0]))
        ),
        config=config,
        out=draw(st.none() | st.sampled_from(OUT_ARGUMENTS)),
        cwd=draw(st.sampled_from([".", ".", ".", "docs"])),
        commands=tuple(draw(st.lists(command, min_size=1, max_size=3))),
        neighbour=draw(st.none() | st.sampled_from(NEIGHBOURS)),
    )


def pyproject(layout: Layout) -> str:
    if layout.config is None:
        return '[project]\nname = "docs"\n'
    patterns, output = layout.config
    text = "[tool.codetables]\nsources = [" + ", ".join(f'"{p}"' for p in patterns) + "]\n"
    return text + (f'output = "{output}"\n' if output is not None else "")


def hand_text(path: str) -> bytes:
    if path.endswith(".json"):
        return b'{\n  "written": "by hand, not by codetables"\n}\n'
    if path.endswith(".py"):
        return b"# Written by hand; generated by codetables? No.\nVALUE = 1\n"
    return f"Hand-written {path}: keep me.\n".encode()


def free(root: Path, relative: str) -> bool:
    """Whether the test may create `relative`: nothing there, and no link or file on the
    way (so what it makes lands where its path says)."""
    path = root / relative
    if os.path.lexists(path):
        return False
    for parent in Path(relative).parents:
        folder = root / parent
        if folder.is_symlink() or (os.path.lexists(folder) and not folder.is_dir()):
            return False
    return True


def make(root: Path, relative: str, data: bytes) -> bool:
    if not free(root, relative):
        return False
    (root / relative).parent.mkdir(parents=True, exist_ok=True)
    (root / relative).write_bytes(data)
    return True


def build(base: Path, layout: Layout, script: list[str]) -> dict[Path, bytes]:
    """The layout on disk (and as a shell script); the sources made, with their bytes."""
    root, outside = base / "root", base / "outside"
    (outside / "gen").mkdir(parents=True)
    root.mkdir()
    script += ["mkdir -p root outside/gen"]
    theirs = {
        "page.md": SEED_TEXT,
        "theirs.py": stamp.stamp("theirs.py", "VALUE = 'theirs'\n"),
        "theirs.json": stamp.stamp("theirs.json", '{\n  "theirs": true\n}\n'),
        "secret.txt": "not yours\n",
    }
    for name, text in theirs.items():
        (outside / name).write_text(text, encoding="utf-8")
        script.append(write_script(f"outside/{name}", text))
    sources: dict[Path, bytes] = {}
    for relative, page in layout.sources.items():
        data = PAGES[page].encode("utf-8")
        if make(root, relative, data):
            sources[root / relative] = data
            script.append(write_script(f"root/{relative}", PAGES[page]))
    files = {relative: hand_text(relative) for relative in layout.hand}
    files["pyproject.toml"] = pyproject(layout).encode("utf-8")
    for relative, data in files.items():
        if make(root, relative, data):
            script.append(write_script(f"root/{relative}", data.decode("utf-8")))
    for relative, link in layout.links:
        if free(root, relative):
            (root / relative).parent.mkdir(parents=True, exist_ok=True)
            (root / relative).symlink_to(link)
            folder = posixpath_parent(f"root/{relative}")
            script.append(
                f"mkdir -p {shlex.quote(folder)} && "
                f"ln -s {shlex.quote(link)} {shlex.quote('root/' + relative)}"
            )
    (root / layout.cwd).mkdir(parents=True, exist_ok=True)
    return sources


def neighbour(base: Path, out: str, script: list[str]) -> tuple[dict[Path, Entry], Path, str]:
    """Another project's artifacts, written by codetables before the runs: its files (the
    manifest aside), its manifest, and its key there. None of it is the root's to change."""
    other = base / "other"
    pages = {"docs/a.md": SHORT, "docs/sub/b.md": ERRORS}
    pages["pyproject.toml"] = '[tool.codetables]\nsources = ["docs/**/*.md"]\n'
    for relative, text in pages.items():
        make(other, relative, text.encode("utf-8"))
        script.append(write_script(f"other/{relative}", text))
    before = snapshot(base)
    code, _, err = run(["generate", "-q", "--out", out], other)
    script.append(f"(cd other && codetables generate -q --out {shlex.quote(out)})  # → {code}")
    assert code in (0, 2), err
    directory = Path(os.path.realpath(other / out))
    manifest = directory / ".codetables-manifest.json"
    theirs = {
        path: entry
        for path, entry in snapshot(base).items()
        if own(path, entry) and before.get(path) != entry and path != manifest
    }
    return theirs, manifest, os.path.relpath(other, directory)


def listed(manifest: Path, key: str) -> object:
    """What a manifest lists for one project (None when it has no such entry or file)."""
    try:
        text = manifest.read_text(encoding="utf-8")
        return json.loads(text)["projects"].get(key)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def posixpath_parent(path: str) -> str:
    return path.rsplit("/", 1)[0]


def write_script(path: str, text: str) -> str:
    """A shell line writing `text` to `path` (the seed pages by copying or editing it)."""
    folder = f"mkdir -p {shlex.quote(posixpath_parent(path))} && "
    quoted = shlex.quote(path)
    if text == SEED_TEXT:
        return folder + f"cp {shlex.quote(str(SEED))} {quoted}"
    if text == PAGES["seed-edited"]:
        return (
            folder
            + f"sed 's/>Unauthorized</>Unauthenticated</' {shlex.quote(str(SEED))} > {quoted}"
        )
    return folder + f"printf %s {shlex.quote(text)} > {quoted}"


def argument(value: str, root: Path, cwd: Path) -> str:
    """A path relative to the root as the command line in `cwd` names it."""
    if value.startswith("ABS:"):
        return str(root / value.removeprefix("ABS:"))
    return os.path.relpath(root / value, cwd) if value else value


def output_directory(layout: Layout, root: Path, cwd: Path) -> Path:
    """The output directory as the README defines it, every link resolved (before the run)."""
    if layout.out is not None:
        return Path(os.path.realpath(cwd / argument(layout.out, root, cwd)))
    project = root if layout.config is not None else cwd
    output = layout.config[1] if layout.config is not None else None
    return Path(os.path.realpath(project / (output if output is not None else "output")))


@contextlib.contextmanager
def working_directory(path: Path) -> Iterator[None]:
    previous = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(previous)


def run(argv: list[str], cwd: Path) -> tuple[int, str, str]:
    """`codetables ARGV` in process, in `cwd`: exit code, stdout, stderr. An exception that
    escapes `main` is reported as exit 3 with its traceback."""
    out, err = io.StringIO(), io.StringIO()
    with working_directory(cwd), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse
            code = exc.code if isinstance(exc.code, int) else 2
        except Exception as exc:
            err.write("Traceback (escaped main):\n" + "".join(traceback.format_exception(exc)))
            code = 3
    return code, out.getvalue(), err.getvalue()


# --- mutations between runs ---------------------------------------------------------------


def mutate(
    data: st.DataObject,
    base: Path,
    sources: dict[Path, bytes],
    state: dict[Path, Entry],
    script: list[str],
    keep: set[Path],
) -> None:
    """A person's edit between two runs: a page edited or deleted, an artifact edited by
    hand, replaced by a file of their own, or by a link."""
    artifacts = sorted(
        path
        for path, entry in state.items()
        if own(path, entry) and not path.name.startswith("theirs.") and path not in keep
    )
    choices = ["none"] * 3
    choices += ["edit page", "edit page", "delete page"] if sources else []
    choices += ["edit artifact", "foreign artifact", "link artifact"] if artifacts else []
    choice = data.draw(st.sampled_from(choices), label="edit between runs")
    if choice == "edit page":
        path = data.draw(st.sampled_from(sorted(sources)), label="page")
        page = data.draw(st.sampled_from(list(PAGES)), label="variant")
        sources[path] = PAGES[page].encode("utf-8")
        path.write_bytes(sources[path])
        script.append(write_script(path.relative_to(base).as_posix(), PAGES[page]))
    elif choice == "delete page":
        path = data.draw(st.sampled_from(sorted(sources)), label="page")
        del sources[path]
        path.unlink()
        script.append(f"rm {quoted(path, base)}")
    elif choice == "edit artifact":
        path = data.draw(st.sampled_from(artifacts), label="artifact")
        with path.open("ab") as stream:
            stream.write(b"\nedited by hand\n")
        script.append(f"echo 'edited by hand' >> {quoted(path, base)}")
    elif choice == "foreign artifact":
        path = data.draw(st.sampled_from(artifacts), label="artifact")
        path.write_bytes(hand_text(path.name))
        script.append(
            write_script(path.relative_to(base).as_posix(), hand_text(path.name).decode())
        )
    elif choice == "link artifact":
        path = data.draw(st.sampled_from(artifacts), label="artifact")
        suffix = stamp.suffix_of(path.name)
        siblings = sorted(
            p.name for p in artifacts if p.parent == path.parent and p != path and p.suffix
        )
        targets = [os.path.relpath(base / "outside" / f"theirs{suffix}", path.parent), *siblings]
        link = data.draw(st.sampled_from(targets), label="link target")
        path.unlink()
        path.symlink_to(link)
        script.append(f"ln -sf {shlex.quote(link)} {quoted(path, base)}")


def quoted(path: Path, base: Path) -> str:
    return shlex.quote(path.relative_to(base).as_posix())


# --- the property ---------------------------------------------------------------------------


@given(layout=layouts(), data=st.data())
def test_runs_touch_only_their_own_artifacts_inside_the_output_directory(
    layout: Layout, data: st.DataObject
) -> None:
    """Any layout, any sequence of runs (with edits by hand between them): only artifacts
    change, only inside the output directory, through no link, and never another
    project's; exit 0, 1 or 2; one-line messages; no temporary file; sources unchanged;
    and a check right after a generate that succeeded passes."""
    with tempfile.TemporaryDirectory(prefix="codetables-layout-") as temporary:
        base = Path(os.path.realpath(temporary))
        script: list[str] = []
        sources = build(base, layout, script)
        root = base / "root"
        cwd = root / layout.cwd
        theirs: dict[Path, Entry] = {}
        if layout.neighbour is not None:
            theirs, manifest, key = neighbour(base, layout.neighbour, script)
            their_list = listed(manifest, key)
        state = snapshot(base)
        for step, command in enumerate(layout.commands):
            if step:
                keep = {*theirs, manifest} if layout.neighbour is not None else set()
                mutate(data, base, sources, state, script, keep)
                state = snapshot(base)
            argv = [command.verb]
            argv += [argument(name, root, cwd) for name in command.named or ()]
            if layout.out is not None:
                argv += ["--out", argument(layout.out, root, cwd)]
            argv += command.flags
            output = output_directory(layout, root, cwd)
            code, out, err = run(argv, cwd)
            script.append(
                f"(cd {shlex.quote(os.path.relpath(cwd, base))} && codetables "
                f'{shlex.join(argv)}); echo "exit $?"  # → {code}'
            )
            after = snapshot(base)
            written = sum(own(p, e) and state.get(p) != e for p, e in after.items())
            event(f"{command.verb} exits {code}" + (", writes artifacts" if written else ""))
            problems = violations(state, after, [output], base)
            if code not in ((0, 2) if command.verb == "generate" else (0, 1, 2)):
                problems.append(f"exit {code}")
            if command.verb == "check" and after != state:
                problems.append("check changed the file system")
            if "Traceback" in out + err:
                problems.append("a traceback")
            problems += [f"stderr line: {line!r}" for line in stderr_problems(err)]
            problems += [
                f"changed another project's artifact: {path.relative_to(base)}"
                for path, entry in theirs.items()
                if after.get(path) != entry
            ]
            if layout.neighbour is not None and listed(manifest, key) != their_list:
                problems.append(f"changed another project's list in {manifest.relative_to(base)}")
            problems += [
                f"source changed: {path.relative_to(base)}"
                for path, content in sources.items()
                if not (path.is_file() and path.read_bytes() == content)
            ]
            if command.verb == "generate" and code == 0 and not problems:
                # what generate wrote is current: the same check passes, touching nothing
                again, again_out, _ = run(["check", *argv[1:]], cwd)
                script.append(
                    f"(cd {shlex.quote(os.path.relpath(cwd, base))} && codetables check "
                    f"{shlex.join(argv[1:])})  # → {again}"
                )
                if again != 0:
                    problems.append(f"check right after it exits {again}:\n{again_out[:2000]}")
                elif snapshot(base) != after:
                    problems.append("check right after it changed the file system")
            assert not problems, (
                "\n".join(problems)
                + f"\n\nstderr:\n{err}\nreproduction (in an empty folder):\n"
                + "\n".join(script)
            )
            state = after


# --- what the property found, one plain test each ------------------------------------------


def two_pages(root: Path) -> None:
    """`docs/a.md` and `docs/b.md` configured, artifacts in `out/`."""
    (root / "docs").mkdir()
    for name in ("a", "b"):
        (root / "docs" / f"{name}.md").write_text(SHORT, encoding="utf-8")
    (root / "pyproject.toml").write_text(
        '[tool.codetables]\nsources = ["docs/*.md"]\noutput = "out"\n', encoding="utf-8"
    )


@pytest.mark.parametrize("page_gone", [False, True])
def test_a_link_put_in_place_of_an_artifact_is_never_replaced_or_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, page_gone: bool
) -> None:
    """A symbolic link is not an artifact, even to one: generate refuses or leaves it, and
    never turns it into a file, nor removes it when its page is gone (both found by the
    property)."""
    two_pages(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["generate", "-q"]) == 0
    if page_gone:
        (tmp_path / "docs" / "b.md").unlink()
    link = tmp_path / "out" / "b.json"
    link.unlink()
    link.symlink_to("a.json")
    assert main(["generate", "-q"]) in (0, 2)
    assert link.is_symlink()
    assert os.readlink(link) == "a.json"


def test_artifacts_another_project_lists_deeper_in_the_tree_are_never_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another project wrote `docs/a_b.*` (listed in `docs/.codetables-manifest.json`);
    this project's output is its root, and its page `docs/a-b.md` is named `docs/a_b`:
    the other project's artifacts are refused or left, never replaced (found by the
    property: they were overwritten, with only the pre-manifest upgrade warning)."""
    (tmp_path / "other" / "docs").mkdir(parents=True)
    (tmp_path / "other" / "docs" / "a-b.md").write_text(SHORT, encoding="utf-8")
    (tmp_path / "other" / "pyproject.toml").write_text(
        '[tool.codetables]\nsources = ["docs/*.md"]\n', encoding="utf-8"
    )
    (tmp_path / "root" / "docs").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "other")
    assert main(["generate", "-q", "--out", "../root/docs"]) == 0
    theirs = {path.name: path.read_bytes() for path in (tmp_path / "root" / "docs").glob("a_b.*")}
    assert len(theirs) == 3
    (tmp_path / "root" / "docs" / "a-b.md").write_text(PAGES["short-edited"], encoding="utf-8")
    (tmp_path / "root" / "pyproject.toml").write_text(
        '[tool.codetables]\nsources = ["**/*.md"]\noutput = "."\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path / "root")
    assert main(["generate", "-q"]) in (0, 2)
    assert {
        path.name: path.read_bytes() for path in (tmp_path / "root" / "docs").glob("a_b.*")
    } == theirs
