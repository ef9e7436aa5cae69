"""The profile script runs against the package as it is (it reaches into the stages, so a
change to a stage's signature breaks it; `make bench`'s own run is too long for a test)."""

from __future__ import annotations

import argparse
import subprocess
import sys
from typing import Any

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


def _bench() -> Any:
    """`benchmarks/bench.py` as a module (its peers, pandas and matplotlib, are imported only
    where they run)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import bench
    finally:
        sys.path.pop(0)
    return bench


def test_paired_ratios_divide_each_repetition_by_its_own_and_pair_a_short_list_first() -> None:
    bench = _bench()
    assert bench.paired([2.0, 3.0, 4.0], [1.0, 2.0]) == [2.0, 1.5]
    assert bench.spread([1.5, 0.9, 1.1]) == "1.10 x (0.90 to 1.50 x, 3 pairs)"
    assert bench.spread([]) == ""


def test_the_report_gives_generate_over_pandas_paired_by_repetition_and_each_step_paired() -> None:
    """The best of each contender may come from different minutes of the run: the report
    also pairs each repetition's `generate` with its own `pandas.read_html`, and each
    scaling point with the point ten times smaller of the same repetition."""
    bench = _bench()
    pages = bench.Pages([bench.Page("a.md", "<table></table>", "html-table")], "one page")
    args = argparse.Namespace(quick=False, repeat=3, revision="abc1234", load_before="0.0")

    def timed(*seconds: float) -> Any:
        entry = bench.Timed(outcome=bench.Outcome())
        for value in seconds:
            entry.add(value, value)
        return entry

    results = {
        "lxml floor (lxml.html + cell texts)": timed(1.0, 1.0, 1.0),
        bench.PANDAS: timed(2.0, 1.0, 4.0),
        "codetables generate (CLI)": timed(1.8, 1.5, 3.0),
    }

    def point(rows: int, *totals: float) -> Any:
        run = {"bytes": 1000, "peak_rss": 0.0, "baseline_rss": 0.0, "lifted": False}
        runs = [
            {**run, "parse": total, "render": 0.0, "cpu": total, "limit": None} for total in totals
        ]
        return bench.Scaled("html", rows, runs)

    series = [point(1_000, 0.1, 0.2, 0.15), point(10_000, 1.3, 1.9, 1.2)]
    text = bench.report(pages, args, results, {}, 5, series, 60.0)
    # each repetition: 0.9, 1.5, 0.75; the best over the best 1.5 / 1.0
    assert "**0.90 x (0.75 to 1.50 x, 3 pairs)**; by the best times 1.50 x" in text
    row = "| html | 10,000 | 3 | 0.0 | 1.200 | 0.000 | 1.200 | 1.300 | 1.200 | 12.0 | 9.5 | 12.0 |"
    assert row in text  # the best over the best 12.0; paired: 13, 9.5 and 8
