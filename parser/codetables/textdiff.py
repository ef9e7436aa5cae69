"""Unified diffs whose cost stays near-linear on any input, and whose printed length is bounded.

`check` prints a diff of each artifact that drifted. difflib's SequenceMatcher is quadratic
when many scattered lines change: a row inserted at the top of a page shifts every
`"line": N` of a 96,000-line JSON artifact, and difflib then takes minutes. Here the matching
lines are found by patience-style anchoring instead, and difflib is left only gaps small
enough that its cost per gap is bounded.

Cost, for n = len(old) + len(new) lines (each line hashed or compared a bounded number of
times per pass):

- common prefixes and suffixes are stripped in every region; each comparison either matches
  a line, which then leaves all further work, or ends the strip: O(n) in all;
- anchoring counts the lines of a region and takes a longest increasing subsequence,
  O(r log r) for r lines; the lines counted are capped at `SCAN_BUDGET` * n, so O(n log n);
- difflib sees only a gap of x by y lines with no anchor and x·y ≤ `SMALL_GAP`; since
  x·y / (x + y) ≤ √(x·y) / 2, the products of all such gaps add up to at most
  √`SMALL_GAP` / 2 * n = 100 n, and each gap costs difflib a bounded amount;
- grouping the changes into hunks and formatting them: O(n).

A gap too big for difflib and without anchors is shown as a plain replace, all old lines
removed and all new ones added: correct, if not the shortest diff.
"""

from __future__ import annotations

import difflib
from bisect import bisect_left
from collections import deque
from collections.abc import Iterator, Sequence
from itertools import chain, islice

MAX_LINES = 400
"""Most lines of diff shown per file. A drift check is read in a terminal or a CI log, where
a few screens tell what kind of change happened; a page whose every row shifted could
otherwise print hundreds of thousands of lines. `codetables generate` then `git diff` shows
all of it."""

SMALL_GAP = 10_000
"""The largest product of a gap's two sizes handed to difflib (100 by 100 lines): small
enough that difflib's quadratic matching costs little, big enough for the short runs of
repeated lines (`{`, `},`) between two anchors."""

DIFFLIB_BUDGET = 2
DIFFLIB_ALLOWANCE = 10_000
"""The products of all gaps handed to difflib add up to at most DIFFLIB_BUDGET lines per
input line plus DIFFLIB_ALLOWANCE: a crafted input of many anchor-less gaps (cells of 190
paragraphs alternating between two values) took difflib minutes; past the budget a gap is
a plain replace."""

SCAN_BUDGET = 8
"""Lines counted for anchors, in all regions together, as a multiple of the input's lines.
Patience anchoring nests a few levels deep on real changes; a crafted input could make it
peel one anchor per level, n levels, so the count is capped rather than trusted."""

NO_NEWLINE = "\\ No newline at end of file\n"
"""Printed after a shown last line that had no newline, as diff and git do, so `-x` and `+x`
that differ only in that newline do not look identical."""

Opcode = tuple[str, int, int, int, int]
"""difflib's form: a tag ('equal', 'replace', 'delete', 'insert') and old[i1:i2], new[j1:j2]."""

_Block = tuple[int, int, int]  # old[i:i+size] == new[j:j+size]
_Region = tuple[int, int, int, int]  # old[a_lo:a_hi] against new[b_lo:b_hi]


def unified(
    old: Sequence[str],
    new: Sequence[str],
    *,
    fromfile: str,
    tofile: str,
    context: int = 3,
    limit: int | None = MAX_LINES,
) -> list[str]:
    """Lines (each ending in "\\n") of a unified diff, like difflib.unified_diff's output format
    (---/+++ headers, @@ -a,b +c,d @@ hunks, ' ', '-', '+' lines), found in near-linear time.

    `old` and `new` are lines as `str.splitlines(keepends=True)` gives them. After the two
    header lines at most `limit` lines are kept, then `… N more lines of diff` says how many
    were left out; `limit=None` keeps all. Identical inputs give no lines at all.
    """
    if context < 0:
        raise ValueError(f"context must be 0 or more, not {context}")
    if limit is not None and limit < 0:
        raise ValueError(f"limit must be 0 or more, not {limit}")
    codes = opcodes(old, new)
    body = _body(old, new, codes, context)
    first = next(body, None)
    if first is None:
        return []
    lines = [f"--- {fromfile}\n", f"+++ {tofile}\n"]
    if limit is None:
        lines.append(first)
        lines.extend(body)
        return lines
    lines.extend(map(_clipped, islice(chain((first,), body), limit)))
    left_out = _length(old, new, codes, context) - (len(lines) - 2)
    if left_out > 0:
        lines.append(f"… {left_out:,} more lines of diff\n")
    return lines


LINE_CHARACTERS = 1_000
"""Most characters of one diff line shown: a line of an artifact edited into 600 MB was
printed whole, 600 MB on stdout (found by a probe); past it, how many were left out."""


def _clipped(line: str) -> str:
    """A diff line of at most `LINE_CHARACTERS` characters and its line end."""
    if len(line) <= LINE_CHARACTERS + 1:
        return line
    ending = "\n" if line.endswith("\n") else ""
    more = len(line) - len(ending) - LINE_CHARACTERS
    return f"{line[:LINE_CHARACTERS]} … ({more:,} more characters){ending or chr(10)}"


def _length(old: Sequence[str], new: Sequence[str], codes: list[Opcode], context: int) -> int:
    """How many lines `_body` gives, counted, not formatted: the lines left out of a long
    diff were formatted one by one only to be counted (half of `check`'s diff of a page of
    100,000 changed rows; found by a probe). A last line without a newline that is shown
    adds `NO_NEWLINE` once (once for both sides when it is one line of an `equal` run)."""
    total = 0
    old_shown = new_shown = both = False
    for group in _groups(codes, context):
        total += 1  # the `@@` line
        for tag, i1, i2, j1, j2 in group:
            total += (i2 - i1) if tag == "equal" else (i2 - i1) + (j2 - j1)
            old_shown |= i1 < len(old) <= i2
            new_shown |= j1 < len(new) <= j2
            both |= tag == "equal" and i2 == len(old) and j2 == len(new)
    old_open = bool(old) and not old[-1].endswith("\n")
    new_open = bool(new) and not new[-1].endswith("\n")
    total += old_open and old_shown
    total += new_open and new_shown and not (old_open and both)
    return total


def opcodes(old: Sequence[str], new: Sequence[str]) -> list[Opcode]:
    """How to turn `old` into `new`, as difflib.SequenceMatcher.get_opcodes gives it, without
    its quadratic search: the cost is the module's (near-linear on any input)."""
    codes: list[Opcode] = []
    i = j = 0
    for a, b, size in chain(_matching_blocks(old, new), ((len(old), len(new), 0),)):
        if i < a and j < b:
            codes.append(("replace", i, a, j, b))
        elif i < a:
            codes.append(("delete", i, a, j, b))
        elif j < b:
            codes.append(("insert", i, a, j, b))
        i, j = a + size, b + size
        if size:
            codes.append(("equal", a, i, b, j))
    return codes


def _matching_blocks(old: Sequence[str], new: Sequence[str]) -> list[_Block]:
    """Runs of equal lines, in order, none adjacent to the next. Regions wait in a queue, not
    on the call stack, so no input is deep enough to reach Python's recursion limit; the
    queue is worked level by level, so a capped budget is spent where matches are largest."""
    blocks: list[_Block] = []
    budget = SCAN_BUDGET * (len(old) + len(new))
    difflib_budget = DIFFLIB_BUDGET * (len(old) + len(new)) + DIFFLIB_ALLOWANCE
    regions: deque[_Region] = deque([(0, len(old), 0, len(new))])
    while regions:
        a_lo, a_hi, b_lo, b_hi = regions.popleft()
        start = a_lo
        while a_lo < a_hi and b_lo < b_hi and old[a_lo] == new[b_lo]:
            a_lo += 1
            b_lo += 1
        if a_lo > start:
            blocks.append((start, b_lo - (a_lo - start), a_lo - start))
        end = a_hi
        while a_lo < a_hi and b_lo < b_hi and old[a_hi - 1] == new[b_hi - 1]:
            a_hi -= 1
            b_hi -= 1
        if a_hi < end:
            blocks.append((a_hi, b_hi, end - a_hi))
        if a_lo == a_hi or b_lo == b_hi:
            continue  # only lines added, or only removed
        size = (a_hi - a_lo) + (b_hi - b_lo)
        shared = True  # not known without counting: difflib will tell
        if size <= budget:
            budget -= size
            anchors, shared = _anchors(old, new, a_lo, a_hi, b_lo, b_hi)
            if anchors:
                for i, j in anchors:
                    blocks.append((i, j, 1))
                    regions.append((a_lo, i, b_lo, j))
                    a_lo, b_lo = i + 1, j + 1
                regions.append((a_lo, a_hi, b_lo, b_hi))
                continue
        product = (a_hi - a_lo) * (b_hi - b_lo)
        if shared and product <= min(SMALL_GAP, difflib_budget):
            difflib_budget -= product
            matcher = difflib.SequenceMatcher(None, old[a_lo:a_hi], new[b_lo:b_hi], autojunk=False)
            for i, j, length in matcher.get_matching_blocks():
                if length:
                    blocks.append((a_lo + i, b_lo + j, length))
        # otherwise a plain replace: no block
    blocks.sort()
    merged: list[_Block] = []
    for i, j, length in blocks:
        if merged:
            i0, j0, length0 = merged[-1]
            if i0 + length0 == i and j0 + length0 == j:
                merged[-1] = (i0, j0, length0 + length)
                continue
        merged.append((i, j, length))
    return merged


def _anchors(
    old: Sequence[str], new: Sequence[str], a_lo: int, a_hi: int, b_lo: int, b_hi: int
) -> tuple[list[tuple[int, int]], bool]:
    """The lines that occur once in each side of a region, matched and kept where their order
    agrees (a longest increasing subsequence), and whether the sides share any line at all.
    A line seen once on each side is very likely the same line, which is what lets repeated
    lines (`{`, `},`) be left to a small gap instead of being matched far away."""
    in_old: dict[str, int] = {}  # line → its index, or -1 when it repeats
    for i in range(a_lo, a_hi):
        line = old[i]
        in_old[line] = -1 if line in in_old else i
    in_new: dict[str, int] = {}
    for j in range(b_lo, b_hi):
        line = new[j]
        in_new[line] = -1 if line in in_new else j
    pairs: list[tuple[int, int]] = []
    shared = False
    for line, i in in_old.items():  # first-seen order: a unique line's index ascends
        at = in_new.get(line)
        if at is None:
            continue
        shared = True
        if i >= 0 and at >= 0:
            pairs.append((i, at))
    return _increasing(pairs), shared


def _increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A longest run of `pairs` (ascending in their first item) whose second items ascend
    too, by patience sorting: O(k log k)."""
    tails: list[int] = []  # tails[k]: the least j ending a run of k + 1 pairs
    tail_at: list[int] = []  # the index in pairs of that j
    before = [-1] * len(pairs)  # the pair before each one in its run
    for index, (_, j) in enumerate(pairs):
        k = bisect_left(tails, j)
        if k == len(tails):
            tails.append(j)
            tail_at.append(index)
        else:
            tails[k] = j
            tail_at[k] = index
        before[index] = tail_at[k - 1] if k else -1
    run: list[tuple[int, int]] = []
    index = tail_at[-1] if tail_at else -1
    while index >= 0:
        run.append(pairs[index])
        index = before[index]
    run.reverse()
    return run


def _groups(codes: list[Opcode], context: int) -> Iterator[list[Opcode]]:
    """The opcodes of each hunk, with `context` equal lines around changes, hunks merged when
    their context would overlap: the grouping of difflib's get_grouped_opcodes."""
    if not codes or (len(codes) == 1 and codes[0][0] == "equal"):
        return
    codes = list(codes)
    tag, i1, i2, j1, j2 = codes[0]
    if tag == "equal":
        codes[0] = tag, max(i1, i2 - context), i2, max(j1, j2 - context), j2
    tag, i1, i2, j1, j2 = codes[-1]
    if tag == "equal":
        codes[-1] = tag, i1, min(i2, i1 + context), j1, min(j2, j1 + context)
    group: list[Opcode] = []
    for tag, i1, i2, j1, j2 in codes:
        if tag == "equal" and i2 - i1 > 2 * context:
            group.append((tag, i1, min(i2, i1 + context), j1, min(j2, j1 + context)))
            yield group
            group = []
            i1, j1 = max(i1, i2 - context), max(j1, j2 - context)
        group.append((tag, i1, i2, j1, j2))
    if group and not (len(group) == 1 and group[0][0] == "equal"):
        yield group


def _range(start: int, stop: int) -> str:
    """A hunk header's range as difflib writes it: `start,length` counting from 1, `start`
    alone for one line, and for none the line just before."""
    length = stop - start
    if length == 1:
        return f"{start + 1}"
    return f"{start if length == 0 else start + 1},{length}"


def _body(
    old: Sequence[str], new: Sequence[str], codes: list[Opcode], context: int
) -> Iterator[str]:
    """The hunks' lines, lazily, so a limited diff formats only the lines it shows."""

    def shown(mark: str, line: str, last: bool) -> Iterator[str]:
        if line.endswith("\n"):
            yield mark + line
            return
        yield mark + line + "\n"
        if last:
            yield NO_NEWLINE

    for group in _groups(codes, context):
        first, last = group[0], group[-1]
        yield f"@@ -{_range(first[1], last[2])} +{_range(first[3], last[4])} @@\n"
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
                    yield from shown(" ", old[i], i == len(old) - 1 and j == len(new) - 1)
                continue
            for i in range(i1, i2):
                yield from shown("-", old[i], i == len(old) - 1)
            for j in range(j1, j2):
                yield from shown("+", new[j], j == len(new) - 1)
