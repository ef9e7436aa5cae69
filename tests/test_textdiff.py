"""`textdiff`: unified diffs that rebuild the new text, read like difflib's, and cost
near-linear work on any input, counted (never timed) by recording what difflib is handed."""

from __future__ import annotations

import difflib
import random
import re
from collections.abc import Callable, Iterator, Sequence

import pytest
from hypothesis import given
from hypothesis import strategies as st

from codetables import textdiff
from codetables.textdiff import MAX_LINES, NO_NEWLINE, opcodes, unified

C = 100
"""Most difflib work per input line, as len(a)·len(b) per difflib call: difflib only sees a gap
of x by y lines with x·y ≤ SMALL_GAP = 40,000, and x·y / (x + y) ≤ √(x·y) / 2 ≤ 100, so the
products of all gaps, which never overlap, add up to at most 100 times the input's lines."""
SCANS = 8
"""Most lines counted for anchors per input line: the module's SCAN_BUDGET. Real changes use
one or two (the whole input once, then the short gaps between anchors)."""

_HUNK = re.compile(r"@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@\n\Z")


def apply_opcodes(
    old: Sequence[str], new: Sequence[str], codes: list[textdiff.Opcode]
) -> list[str]:
    """`new` rebuilt from `old` and the opcodes, checking they tile both sides in order."""
    rebuilt: list[str] = []
    i = j = 0
    for tag, i1, i2, j1, j2 in codes:
        assert (i1, j1) == (i, j), "opcodes leave a hole or overlap"
        assert i1 <= i2
        assert j1 <= j2
        if tag == "equal":
            assert list(old[i1:i2]) == list(new[j1:j2])
            rebuilt.extend(old[i1:i2])
        else:
            expected = {"replace": (True, True), "delete": (True, False), "insert": (False, True)}
            assert (i2 > i1, j2 > j1) == expected[tag]
            rebuilt.extend(new[j1:j2])
        i, j = i2, j2
    assert (i, j) == (len(old), len(new))
    return rebuilt


def apply_unified(old: Sequence[str], diff: list[str]) -> list[str]:
    """`new` rebuilt from `old` and printed hunks, checking each header's ranges and counts."""
    assert diff[0].startswith("--- ")
    assert diff[1].startswith("+++ ")
    rebuilt: list[str] = []
    at = 0
    body = diff[2:]
    index = 0
    while index < len(body):
        header = _HUNK.match(body[index])
        assert header, body[index]
        old_start, new_start = int(header[1]), int(header[3])
        old_length = 1 if header[2] is None else int(header[2])
        new_length = 1 if header[4] is None else int(header[4])
        first = old_start - 1 if old_length else old_start
        assert first >= at
        rebuilt.extend(old[at:first])
        at = first
        assert (new_start - 1 if new_length else new_start) == len(rebuilt)
        seen_old = seen_new = 0
        index += 1
        previous = ""
        while index < len(body) and not body[index].startswith("@@"):
            line = body[index]
            mark, text = line[0], line[1:]
            assert line.endswith("\n")
            if mark == "\\":
                assert line == NO_NEWLINE
                if previous in " +":
                    rebuilt[-1] = rebuilt[-1].removesuffix("\n")
                if previous in " -":
                    assert not old[at - 1].endswith("\n")
            elif mark in " -":
                shown = old[at] if old[at].endswith("\n") else old[at] + "\n"
                assert text == shown
                at += 1
                seen_old += 1
                if mark == " ":
                    rebuilt.append(text)
                    seen_new += 1
            else:
                assert mark == "+"
                rebuilt.append(text)
                seen_new += 1
            previous = mark
            index += 1
        assert (seen_old, seen_new) == (old_length, new_length)
    rebuilt.extend(old[at:])
    return rebuilt


def split(text: str) -> list[str]:
    return text.splitlines(keepends=True)


VARIED = [
    ("", ""),
    ("", "a\nb\n"),
    ("a\nb\n", ""),
    ("a\nb\nc\n", "a\nb\nc\n"),
    ("a\nb\nc\n", "x\ny\nz\n"),
    ("a\na\na\nb\n", "b\na\na\na\n"),
    ("a\nb\na\nb\na\n", "b\na\nb\na\nb\n"),
    ("1\n2\n3\n4\n5\n6\n7\n8\n", "1\n6\n7\n2\n3\n4\n5\n8\n"),
    ("{\n}\n{\n}\n", "{\n}\n{\n}\n{\n}\n"),
    ("head\n" + "x\n" * 20 + "tail\n", "head\n" + "x\n" * 19 + "y\n" + "tail\n"),
    ("a\nb", "a\nc"),
    ("a\nb", "a\nb\n"),
]


@pytest.mark.parametrize(("old_text", "new_text"), VARIED)
def test_opcodes_and_printed_hunks_rebuild_new_for_varied_inputs(
    old_text: str, new_text: str
) -> None:
    old, new = split(old_text), split(new_text)
    assert apply_opcodes(old, new, opcodes(old, new)) == new
    diff = unified(old, new, fromfile="a", tofile="b", limit=None)
    if old == new:
        assert diff == []
    else:
        assert apply_unified(old, diff) == new


def test_lines_split_at_other_breaks_are_each_printed_on_their_own_line() -> None:
    """`splitlines` also ends lines at `\\r`, `\\f`, U+2028…; each still gets its own line."""
    old, new = split("a\r\nb\rc\x0cd\u2028"), split("a\r\nB\rc\x0cD\u2028")
    assert unified(old, new, fromfile="a", tofile="b")[2:] == [
        "@@ -1,4 +1,4 @@\n",
        " a\r\n",
        "-b\r\n",
        "+B\r\n",
        " c\x0c\n",
        "-d\u2028\n",
        NO_NEWLINE,
        "+D\u2028\n",
        NO_NEWLINE,
    ]


_LINES = st.sampled_from(["a\n", "b\n", "c\n", "{\n", "}\n"] + [f"u{n}\n" for n in range(12)])
_TEXTS = st.builds(
    lambda lines, tail: lines + ([tail] if tail else []),
    st.lists(_LINES, max_size=40),
    st.sampled_from(["", "", "a", "z"]),
)


@given(old=_TEXTS, new=_TEXTS, context=st.integers(0, 4))
def test_opcodes_and_printed_hunks_rebuild_new_from_old(
    old: list[str], new: list[str], context: int
) -> None:
    """Over lines that repeat often (and a few that do not), whatever anchors are picked."""
    assert apply_opcodes(old, new, opcodes(old, new)) == new
    diff = unified(old, new, fromfile="a", tofile="b", context=context, limit=None)
    if old == new:
        assert diff == []
    else:
        assert apply_unified(old, diff) == new


NUMBERED = [f"line {n}\n" for n in range(40)]


def _moved(lines: list[str]) -> list[str]:
    return lines[:5] + lines[9:25] + lines[5:9] + lines[25:]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        pytest.param(NUMBERED, [*NUMBERED[:17], "inserted\n", *NUMBERED[17:]], id="insert"),
        pytest.param(NUMBERED, [*NUMBERED[:17], "changed\n", *NUMBERED[18:]], id="change"),
        pytest.param(NUMBERED, NUMBERED[:17] + NUMBERED[18:], id="delete"),
        pytest.param(NUMBERED, _moved(NUMBERED), id="moved-block"),
        pytest.param(
            NUMBERED,
            ["first\n", *NUMBERED[:10], "x\n", *NUMBERED[11:30], *NUMBERED[32:]],
            id="three-hunks",
        ),
    ],
)
@pytest.mark.parametrize("context", [0, 1, 3, 5])
def test_output_equals_difflib_where_difflib_does_well(
    old: list[str], new: list[str], context: int
) -> None:
    expected = [
        line if line.endswith("\n") else line + "\n"
        for line in difflib.unified_diff(old, new, "old", "new", n=context)
    ]
    assert unified(old, new, fromfile="old", tofile="new", context=context) == expected


def test_identical_inputs_give_no_diff() -> None:
    assert unified(NUMBERED, list(NUMBERED), fromfile="a", tofile="b") == []
    assert unified([], [], fromfile="a", tofile="b") == []
    assert opcodes([], []) == []


class Recorded:
    """What the diff cost: each difflib construction's len(a)·len(b), and the lines counted
    for anchors."""

    def __init__(self) -> None:
        self.products: list[int] = []
        self.scanned = 0
        self.cap: int | None = None  # fail as soon as the products pass it, not after hours

    def bound(self, old: Sequence[str], new: Sequence[str]) -> int:
        """C times the input's lines, the most difflib work allowed, enforced from now on."""
        self.cap = C * (len(old) + len(new))
        return self.cap


@pytest.fixture
def recorded(monkeypatch: pytest.MonkeyPatch) -> Recorded:
    """Wrap difflib.SequenceMatcher and the anchor search as textdiff uses them."""
    record = Recorded()
    anchors = textdiff._anchors

    class Recording(difflib.SequenceMatcher[str]):  # the real one: defined before the patch
        def __init__(
            self,
            isjunk: Callable[[str], bool] | None,
            a: Sequence[str],
            b: Sequence[str],
            autojunk: bool = True,
        ) -> None:
            record.products.append(len(a) * len(b))
            if record.cap is not None and sum(record.products) > record.cap:
                pytest.fail(f"difflib handed {sum(record.products):,} > {record.cap:,}")
            super().__init__(isjunk, a, b, autojunk)

    def counting(
        old: Sequence[str], new: Sequence[str], a_lo: int, a_hi: int, b_lo: int, b_hi: int
    ) -> tuple[list[tuple[int, int]], bool]:
        record.scanned += (a_hi - a_lo) + (b_hi - b_lo)
        return anchors(old, new, a_lo, a_hi, b_lo, b_hi)

    monkeypatch.setattr(difflib, "SequenceMatcher", Recording)  # textdiff looks it up per call
    monkeypatch.setattr(textdiff, "_anchors", counting)
    return record


def json_rows(first: int, count: int, shift: int) -> Iterator[str]:
    """Rows as a JSON artifact lays them out, 12 lines each, one of them `"line": N,`."""
    for row in range(first, first + count):
        yield "    {\n"
        yield f'      "line": {row + 10 + shift},\n'
        yield f'      "code": "E{row:06d}",\n'
        yield '      "kind": "status",\n'
        yield f'      "description": "Request {row} was refused",\n'
        yield '      "module": "core",\n'
        yield '      "paragraphs": [\n'
        yield f'        "Request {row} was refused"\n'
        yield "      ],\n"
        yield '      "deprecated": false,\n'
        yield '      "source": "seeds/page.md"\n'
        yield "    },\n"


def test_shifted_line_numbers_cost_little_difflib_work(recorded: Recorded) -> None:
    """A row inserted at the top shifts every `"line": N` of a 20,000-line artifact by one:
    the case that made difflib take minutes on 96,000 lines."""
    rows = 20_000 // 12
    old = ["{\n", '  "rows": [\n', *json_rows(0, rows, 0), "  ]\n", "}\n"]
    new = ["{\n", '  "rows": [\n', *json_rows(10**6, 3, 0), *json_rows(0, rows, 1), "  ]\n", "}\n"]
    allowed = recorded.bound(old, new)
    codes = opcodes(old, new)
    assert apply_opcodes(old, new, codes) == new
    assert sum(recorded.products) <= allowed
    assert recorded.scanned <= SCANS * (len(old) + len(new))
    # and the diff is the small one: each shifted line, plus the three rows inserted
    assert sum(i2 - i1 for tag, i1, i2, _, _ in codes if tag != "equal") == rows
    assert sum(j2 - j1 for tag, _, _, j1, j2 in codes if tag != "equal") == rows + 3 * 12


def test_lines_without_unique_ones_cost_no_difflib_work(recorded: Recorded) -> None:
    """50,000 lines of three values against a shuffle: nothing to anchor on, too big for
    difflib, so a plain replace after the common ends."""
    old = [("a\n", "b\n", "c\n")[n % 3] for n in range(50_000)]
    new = list(old)
    random.Random(7).shuffle(new)
    allowed = recorded.bound(old, new)
    assert apply_opcodes(old, new, opcodes(old, new)) == new
    assert sum(recorded.products) <= allowed
    assert recorded.scanned <= SCANS * (len(old) + len(new))


def test_many_small_gaps_full_of_repeats_stay_within_the_budget(recorded: Recorded) -> None:
    """Unique lines every 96 lines with random repeats between: every gap could go to difflib
    at nearly the largest size allowed; the budget stops that, whatever the number of gaps
    (cells of 190 paragraphs alternating between two values took minutes before it)."""

    def noisy(seed: int) -> list[str]:
        rng = random.Random(seed)
        return [
            line
            for anchor in range(200)
            for line in [f"anchor {anchor}\n", *(rng.choice("xyz") + "\n" for _ in range(95))]
        ]

    assert textdiff.SMALL_GAP <= (2 * C) ** 2  # what C rests on
    old, new = noisy(1), noisy(2)
    allowed = recorded.bound(old, new)
    assert apply_opcodes(old, new, opcodes(old, new)) == new
    budget = textdiff.DIFFLIB_BUDGET * (len(old) + len(new)) + textdiff.DIFFLIB_ALLOWANCE
    assert 0 < len(recorded.products) < 200
    assert sum(recorded.products) <= min(budget, allowed)


def test_anchor_search_that_would_nest_once_per_line_is_capped(recorded: Recorded) -> None:
    """Each region of this input holds one unique line, its split reveals the next one: left
    alone, anchoring would count n lines n times. The budget stops it (and no recursion)."""
    old: list[str] = []
    new: list[str] = []
    for pair in range(10_000):
        old += [f"t{pair + 1}\n", f"t{pair}\n"]
        new += [f"t{pair + 1}\n", f"t{pair}\n", "noise\n"]
    total = len(old) + len(new)
    allowed = recorded.bound(old, new)
    assert apply_opcodes(old, new, opcodes(old, new)) == new
    assert total < recorded.scanned <= SCANS * total
    assert sum(recorded.products) <= allowed


def test_long_diff_is_cut_at_the_limit_with_a_count_of_the_rest() -> None:
    old = [f"old {n}\n" for n in range(10_000)]
    new = [f"new {n}\n" for n in range(10_000)]
    body = 1 + 10_000 + 10_000  # one hunk: its header, every old line, every new line
    cut = unified(old, new, fromfile="a", tofile="b")
    assert len(cut) == 2 + MAX_LINES + 1
    assert cut[:2] == ["--- a\n", "+++ b\n"]
    assert (
        cut[-1] == f"… {body - MAX_LINES:,} more lines of diff\n" == "… 19,601 more lines of diff\n"
    )
    whole = unified(old, new, fromfile="a", tofile="b", limit=None)
    assert len(whole) == 2 + body
    assert cut[:-1] == whole[: 2 + MAX_LINES]
    assert whole == list(difflib.unified_diff(old, new, "a", "b"))
    assert unified(old, new, fromfile="a", tofile="b", limit=0)[2:] == [
        "… 20,001 more lines of diff\n"
    ]


def test_diff_of_exactly_the_limit_is_not_cut() -> None:
    old, new = ["a\n"], ["b\n"]  # a header, a removed line, an added line
    assert unified(old, new, fromfile="a", tofile="b", limit=3) == [
        "--- a\n",
        "+++ b\n",
        "@@ -1 +1 @@\n",
        "-a\n",
        "+b\n",
    ]
    assert unified(old, new, fromfile="a", tofile="b", limit=2)[-1] == "… 1 more lines of diff\n"


def test_last_line_without_newline_is_printed_on_its_own_line() -> None:
    assert unified(split("a\nb"), split("a\nc"), fromfile="a", tofile="b") == [
        "--- a\n",
        "+++ b\n",
        "@@ -1,2 +1,2 @@\n",
        " a\n",
        "-b\n",
        NO_NEWLINE,
        "+c\n",
        NO_NEWLINE,
    ]
    # the newline alone changing is still shown as a change
    assert unified(split("a\nb"), split("a\nb\n"), fromfile="a", tofile="b")[3:] == [
        " a\n",
        "-b\n",
        NO_NEWLINE,
        "+b\n",
    ]
    # an unchanged last line in the context
    assert unified(split("x\nb"), split("y\nb"), fromfile="a", tofile="b")[3:] == [
        "-x\n",
        "+y\n",
        " b\n",
        NO_NEWLINE,
    ]


def test_negative_context_or_limit_is_refused() -> None:
    with pytest.raises(ValueError, match="context"):
        unified(["a\n"], ["b\n"], fromfile="a", tofile="b", context=-1)
    with pytest.raises(ValueError, match="limit"):
        unified(["a\n"], ["b\n"], fromfile="a", tofile="b", limit=-1)


def test_a_long_line_is_shown_clipped_with_what_was_left_out() -> None:
    """A line of an artifact edited into 600 MB was printed whole (found by a probe)."""
    lines = unified(["x" * 5000 + "\n"], ["y\n"], fromfile="a", tofile="b")
    assert lines[3] == "-" + "x" * 999 + " … (4,001 more characters)\n"
    assert lines[4] == "+y\n"


def test_the_lines_left_out_are_counted_as_the_full_diff_has_them() -> None:
    """The count after `limit` lines is worked out from the changes, not by formatting every
    line left out (half of `check`'s time on a page of 100,000 changed rows; found by a
    probe): it must match the full diff on any input, line ends missing or not."""
    generator = random.Random(7)

    def side() -> list[str]:
        lines = [generator.choice("abcde") + "\n" for _ in range(generator.randint(0, 8))]
        if lines and generator.random() < 0.5:
            lines[-1] = lines[-1].rstrip("\n")
        return lines

    for _ in range(3000):
        old, new = side(), side()
        for context in (0, 1, 3):
            full = unified(old, new, fromfile="a", tofile="b", context=context, limit=None)
            cut = unified(old, new, fromfile="a", tofile="b", context=context, limit=0)
            shown = f"… {len(full) - 2:,} more lines of diff\n" if full else None
            assert (cut[-1] if cut else None) == shown, (old, new, context)
