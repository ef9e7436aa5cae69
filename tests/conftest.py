"""Shared fixtures: the seed, the repository root, and golden files with an update switch."""

from __future__ import annotations

import csv
import difflib
import gc
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from codetables.model import Document
from codetables.parse import parse

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "cci-status-codes.md"
SEED_LABEL = "seeds/cci-status-codes.md"
GOLDEN = Path(__file__).resolve().parent / "golden"
CASES = Path(__file__).resolve().parent / "cases"


def shared_corpus(name: str, variable: str) -> Path:
    """A corpus of real pages beside the clone (`../shared/NAME`), or where `variable` says."""
    return Path(os.environ.get(variable, ROOT.parent / "shared" / name))


def read_manifest(corpus: Path) -> list[dict[str, str]]:
    """The rows of a corpus's `manifest.tsv`; none when the corpus is absent."""
    if not (corpus / "manifest.tsv").is_file():
        return []
    with (corpus / "manifest.tsv").open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream, delimiter="\t"))


@pytest.fixture(autouse=True)
def _nothing_left_frozen() -> Iterator[None]:
    """A test that runs the program's `main` in this process as the program (`start.ENDING`)
    freezes the collector's objects, as the program does (`commands.collect_less`): undone
    after it, so no test finds another's objects past the collector's reach."""
    yield
    if gc.get_freeze_count():
        gc.unfreeze()


def skip_without(corpus: Path, what: str) -> pytest.MarkDecorator:
    """Skip a module's tests, saying why, when the corpus is not beside the clone."""
    return pytest.mark.skipif(
        not (corpus / "manifest.tsv").is_file(),
        reason=f"{what} is not beside this clone ({corpus} is absent)",
    )


# Property tests: a quick run by default (CI), 10,000 examples with --hypothesis-profile=fuzz.
_PROPERTY = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
# The default run is derandomized, so CI sees the same examples each time and a red run is
# a change's doing; `make fuzz` draws new ones on every run, to find what is still unknown.
settings.register_profile(
    "default",
    max_examples=200,
    derandomize=True,
    **_PROPERTY,  # type: ignore[arg-type]
)
settings.register_profile("fuzz", max_examples=10_000, **_PROPERTY)  # type: ignore[arg-type]
settings.load_profile("default")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/* from the current behaviour instead of comparing",
    )


@pytest.fixture(scope="session")
def seed_document() -> Document:
    """The seed page parsed once per session."""
    return parse(SEED.read_text(encoding="utf-8"), source=SEED_LABEL)


class Golden:
    """Compare text with a golden file, or rewrite it under --update-golden."""

    def __init__(self, update: bool) -> None:
        self.update = update

    def check(self, name: str, actual: str) -> None:
        path = GOLDEN / name
        if self.update:
            path.write_bytes(actual.encode("utf-8"))
            return
        if not path.exists():
            pytest.fail(f"golden file {name} is missing; run pytest --update-golden")
        expected = path.read_bytes().decode("utf-8")
        if actual != expected:
            diff = "".join(
                difflib.unified_diff(
                    expected.splitlines(keepends=True),
                    actual.splitlines(keepends=True),
                    fromfile=f"golden/{name}",
                    tofile="actual",
                )
            )
            pytest.fail(f"{name} differs from its golden file:\n{diff}", pytrace=False)


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Golden:
    """The golden-file comparer, honouring --update-golden."""
    return Golden(bool(request.config.getoption("--update-golden")))


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh project directory holding a copy of the seed, as the working directory."""
    (tmp_path / "seeds").mkdir()
    shutil.copyfile(SEED, tmp_path / "seeds" / "cci-status-codes.md")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run_python(
    program: str, cwd: Path = ROOT, timeout: float | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -c PROGRAM` in a fresh interpreter that imports this checkout's package
    (`timeout`: seconds before the test fails as hung)."""
    return subprocess.run(
        [sys.executable, "-c", program],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "parser")},
        check=False,
        timeout=timeout,
    )


def fast_and_full_check(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> tuple[tuple[object, ...], tuple[object, ...], list[int | None]]:
    """`check` run twice, letting the fast path answer if it can, then with the full path
    only: (exit code, stdout, stderr) of each, and what the fast path answered."""
    from codetables import quick
    from codetables.cli import main

    answered: list[int | None] = []
    real = quick.check

    def spied(*arguments: object, **options: object) -> int | None:
        answered.append(real(*arguments, **options))  # type: ignore[arg-type]
        return answered[-1]

    monkeypatch.setattr(quick, "check", spied)
    fast = (main(["check"]), *capsys.readouterr())
    monkeypatch.setattr(quick, "check", lambda *arguments, **options: None)
    full = (main(["check"]), *capsys.readouterr())
    return fast, full, answered


def files_below(root: Path) -> dict[str, tuple[int, bytes]]:
    """Every file, folder and link below `root`, hidden ones too: its mode and bytes (a
    link's target)."""
    found: dict[str, tuple[int, bytes]] = {}
    for path in sorted(root.rglob("*")):
        mode = path.lstat().st_mode
        if path.is_symlink():
            data = os.readlink(path).encode()
        else:
            data = path.read_bytes() if path.is_file() else b""
        found[path.relative_to(root).as_posix()] = (mode, data)
    return found


def children(pid: int) -> list[int]:
    """The processes `pid` started that have not been reaped (Linux)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        found += [int(child) for child in task.read_text().split()]
    return found


def generate_with_workers(
    project: Path, *, pages: int, rows: int
) -> tuple[subprocess.Popen[str], list[int]]:
    """`codetables generate -q` started on `pages` pages of `rows` status rows each (read in
    worker processes), and its workers once at least two run (at most 30 s; Linux). Its
    stderr is piped; the caller ends it."""
    lines = "".join(f"| {400 + n % 100} | row {n} |\n" for n in range(rows))
    for n in range(pages):
        (project / "seeds" / f"page-{n}.md").write_text(
            f"# Page {n}\n\n| Status Code | Text |\n| --- | --- |\n{lines}", encoding="utf-8"
        )
    run = subprocess.Popen(
        [sys.executable, "-m", "codetables", "generate", "-q"],
        cwd=project,
        env={**os.environ, "PYTHONPATH": str(ROOT / "parser")},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    started: list[int] = []
    for _ in range(600):
        started = children(run.pid)
        if len(started) >= 2 or run.poll() is not None:
            break
        time.sleep(0.05)
    return run, started
