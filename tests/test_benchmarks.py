"""The profile script runs against the package as it is (it reaches into the stages, so a
change to a stage's signature breaks it; `make bench`'s own run is too long for a test)."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_the_profile_runs_on_two_pages_and_prints_every_section() -> None:
    done = subprocess.run(
        [sys.executable, "benchmarks/profile.py", "--pages", "2", "--rows", "200"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    for section in ("## 1. Plain timing", "## 3. Stages", "## 4. What is left to weigh"):
        assert section in done.stdout
    assert "### Memory of one synthetic page of 200 rows, step by step" in done.stdout
