"""`make bench`: codetables beside two peers, in one run, on the same pages.

codetables reads every page in full (Markdown structure, pipe tables, BeautifulSoup with the
`html.parser` builder for line numbers, roles, checks) and renders all three artifacts. The
peers only pull the cell texts of every `<table>` out of the same pages: BeautifulSoup with the
`lxml` builder, and lxml.html alone. Their gap to codetables is the price of line numbers,
Markdown awareness and the checks (the peers do not read pipe tables at all, so they count
fewer rows). Pages: ../shared/corpus and ../shared/corpus-other if present, else the seed.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import lxml.html
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "parser"))

from codetables.errors import SourceError  # noqa: E402
from codetables.parse import parse  # noqa: E402
from codetables.render import render  # noqa: E402

CORPUS = Path(os.environ.get("CODETABLES_CORPUS", ROOT.parent / "shared" / "corpus"))
OTHER = Path(os.environ.get("CODETABLES_CORPUS_OTHER", ROOT.parent / "shared" / "corpus-other"))


def pages() -> list[tuple[str, str]]:
    """(name, text) of every page: the name tells codetables a Markdown page from HTML."""
    found = sorted((CORPUS / "pages").glob("*/*/*/*.md")) + sorted((OTHER / "pages").glob("*/*.*"))
    found = found or [ROOT / "seeds" / "cci-status-codes.md"]
    return [(path.name, path.read_text(encoding="utf-8-sig")) for path in found]


def codetables(page: tuple[str, str]) -> int:
    name, text = page
    try:
        document = parse(text, source=name)
    except SourceError:
        return 0
    if document.tables:
        render(document, "page")
    return sum(len(table.rows) for table in document.tables)


def bs4_lxml(page: tuple[str, str]) -> int:
    text = page[1]
    soup = BeautifulSoup(text, "lxml")
    return sum(
        len([[c.get_text(" ", strip=True) for c in tr.find_all(["td", "th"])] for tr in t("tr")])
        for t in soup("table")
    )


def lxml_alone(page: tuple[str, str]) -> int:
    text = page[1]
    tree = lxml.html.fromstring(text or "<p></p>")
    return sum(
        len([[c.text_content().strip() for c in tr.xpath("td|th")] for tr in t.iter("tr")])
        for t in tree.iter("table")
    )


def measure(
    function: Callable[[tuple[str, str]], int], texts: list[tuple[str, str]], runs: int
) -> tuple[float, int]:
    times, rows = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        rows = sum(function(text) for text in texts)
        times.append(time.perf_counter() - start)
    return min(times), rows


def main() -> None:
    texts = pages()
    runs = int(os.environ.get("BENCH_RUNS", "3"))
    megabytes = sum(len(t.encode()) for _, t in texts) / 1e6
    print(f"{len(texts)} pages, {megabytes:.1f} MB, best of {runs} runs\n")
    print(f"{'tool':<44}{'seconds':>9}{'ms/page':>9}{'MB/s':>7}{'rows':>8}")
    base = None
    for label, function in (
        ("codetables (parse + render, html.parser)", codetables),
        ("peer: BeautifulSoup + lxml, cells only", bs4_lxml),
        ("peer: lxml.html alone, cells only", lxml_alone),
    ):
        seconds, rows = measure(function, texts, runs)
        base = base or seconds
        print(
            f"{label:<44}{seconds:>9.2f}{seconds / len(texts) * 1000:>9.1f}"
            f"{megabytes / seconds:>7.1f}{rows:>8}  ({seconds / base:.2f}x)"
        )
    print(f"\nstatistics: median page {statistics.median(len(t) for _, t in texts):,} characters")


if __name__ == "__main__":
    main()
