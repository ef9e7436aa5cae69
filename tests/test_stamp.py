"""The generated header: its checksum and where it goes, on large bodies as on small ones."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from codetables import stamp


def whole_checksum(body: str) -> str:
    """The checksum's definition: the SHA-256 of the whole body's UTF-8, encoded at once."""
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]


def test_the_checksum_of_a_body_of_many_slices_is_that_of_its_whole_utf8() -> None:
    # characters of one, two, three and four bytes, across the boundaries of the slices
    body = "a é 错误码 \U0001f600\n" * 400_000
    assert len(body) > 3 * stamp._SLICE
    assert stamp.checksum(body) == whole_checksum(body)


@given(st.text(), st.integers(min_value=1, max_value=7))
def test_the_checksum_is_the_same_whatever_the_slice(body: str, size: int) -> None:
    try:
        expected = whole_checksum(body)
    except UnicodeEncodeError:  # a lone surrogate: no artifact holds one (escaped first)
        with pytest.raises(UnicodeEncodeError):
            stamp.checksum(body)
        return
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(stamp, "_SLICE", size)
        assert stamp.checksum(body) == expected


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("x.json", '{\n  "a": 1\n}'),
        ("x.py", '"""Doc."""\n\nA = 1\n'),
        ("x.md", "# T\n"),
    ],
)
def test_a_body_stamped_reads_back_with_its_checksum_and_body(name: str, body: str) -> None:
    stamped = stamp.stamp(name, body)
    assert stamp.headed(name, stamped)
    found = stamp.read(name, stamped)
    assert found is not None
    assert found.checksum == whole_checksum(body)
    assert not found.edited
    assert stamp._split(name, stamped) == (found.checksum, body)


def test_the_json_header_is_the_first_field_after_the_opening_brace() -> None:
    body = '{\n  "a": "line\\nbreak"\n}'
    stamped = stamp.stamp("x.json", body)
    first, header, rest = stamped.split("\n", 2)
    assert first == "{"
    assert whole_checksum(body) in header
    assert rest == '  "a": "line\\nbreak"\n}'
