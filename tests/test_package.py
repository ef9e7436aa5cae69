"""Installable anywhere: the built wheel alone runs all three commands, and serves as a
library, far from this checkout."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from codetables import __version__
from conftest import ROOT, SEED

PACKAGED = [
    "codetables/templates/python.py.j2",
    "codetables/templates/markdown.md.j2",
    "codetables/templates/json.json.j2",
    "codetables/codetables-2.schema.json",
    "codetables/py.typed",  # PEP 561: type checkers read the package's own annotations
]


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An sdist and a wheel built from this checkout (sdist first, wheel from the sdist)."""
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    return out


def test_the_wheel_and_the_sdist_carry_templates_schema_and_typing_marker(dist: Path) -> None:
    """Templates live outside the package in the source tree; both archives must hold them."""
    (wheel,) = dist.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert set(PACKAGED) <= names
    assert not [name for name in names if name.startswith("parser/")]
    (sdist,) = dist.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        members = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {
        "templates/python.py.j2",
        "parser/codetables/codetables-2.schema.json",
        "parser/codetables/py.typed",
    } <= members


def test_the_installed_wheel_works_in_an_unrelated_folder(
    dist: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A fresh venv with only the wheel installed runs generate, check, parse and --version,
    and its library API renders the seed as the committed artifacts are."""
    home = tmp_path_factory.mktemp("elsewhere")
    venv = home / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    (wheel,) = dist.glob("*.whl")
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    subprocess.run([*pip, str(wheel)], check=True, capture_output=True)
    docs = home / "docs" / "api"
    docs.mkdir(parents=True)
    shutil.copyfile(SEED, docs / "状态码.md")
    environment = {"PATH": str(venv / "bin") + os.pathsep + os.environ["PATH"], "HOME": str(home)}

    def run(program: str, *arguments: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(venv / "bin" / program), *arguments],
            cwd=home,
            env=environment,
            capture_output=True,
            text=True,
            check=False,
        )

    def codetables(*arguments: str) -> subprocess.CompletedProcess[str]:
        return run("codetables", *arguments)

    located = run("python", "-c", "import codetables; print(codetables.__file__)")
    assert Path(located.stdout.strip()).is_relative_to(venv)
    missing = run("python", "-c", "import parser")
    assert "No module named 'parser'" in missing.stderr

    assert codetables("--version").stdout == f"codetables {__version__}\n"
    generated = codetables("generate", "docs/api/状态码.md", "--out", "gen")
    assert generated.returncode == 0, generated.stderr
    assert sorted(p.name for p in (home / "gen").iterdir()) == [
        ".codetables-manifest.json",
        "状态码.json",
        "状态码.md",
        "状态码.py",
    ]
    generated_model = json.loads((home / "gen" / "状态码.json").read_text("utf-8"))
    committed_model = json.loads((ROOT / "output" / "cci_status_codes.json").read_text("utf-8"))
    for model in (generated_model, committed_model):
        model.pop("generated")
        model["source"].pop("path")
    assert generated_model == committed_model
    checked = codetables("check", "docs/api/状态码.md", "--out", "gen")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    parsed = codetables("parse", "docs/api/状态码.md")
    assert len(json.loads(parsed.stdout)["tables"][0]["rows"]) == 42

    library = (
        "import pathlib, sys, codetables\n"
        "page = pathlib.Path('docs/api/状态码.md').read_bytes()\n"
        "document = codetables.parse_page(page, source='seeds/cci-status-codes.md')\n"
        "for name, text in codetables.render_artifacts(document, 'cci_status_codes').items():\n"
        "    committed = pathlib.Path(sys.argv[1], name).read_text(encoding='utf-8')\n"
        "    print(name, text == committed)\n"
    )
    rendered = run("python", "-c", library, str(ROOT / "output"))
    assert rendered.returncode == 0, rendered.stderr
    assert sorted(rendered.stdout.splitlines()) == [
        "cci_status_codes.json True",
        "cci_status_codes.md True",
        "cci_status_codes.py True",
    ]
