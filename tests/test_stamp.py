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


def stamped_as_written(name: str, pieces: list[str]) -> tuple[bytes, bool]:
    """What a `Stamper` writes for the pieces, its header put in place at the end, and
    whether it found the header's place as `headed` would."""
    written: list[bytes] = []
    stamper = stamp.Stamper(name, written.append)
    for piece in pieces:
        stamper.write(piece)
    headed = stamper.headed
    offset, header = stamper.close()
    whole = bytearray(b"".join(written))
    assert whole[offset : offset + len(header)].replace(b"0", b"") != header.replace(b"0", b"")
    whole[offset : offset + len(header)] = header
    return bytes(whole), headed


@given(
    st.sampled_from(["x.json", "x.py", "x.md", "x.ts"]),
    st.lists(st.text(st.characters(exclude_categories=["Cs"]), max_size=6), max_size=6),
    st.integers(min_value=1, max_value=4),
)
def test_an_artifact_written_in_pieces_is_the_body_stamped(
    name: str, pieces: list[str], size: int
) -> None:
    """The header's checksum is known only once the body is whole: the writer puts a
    placeholder of the same length and the real header over it, the same bytes as `stamp`
    of the whole body, however the body is cut and sliced."""
    pieces = [*pieces[:1], "{\n", *pieces[1:]] if size == 2 else pieces
    body = "".join(pieces)
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(stamp, "_SLICE", size)
        written, headed = stamped_as_written(name, pieces)
    expected = stamp.stamp(name, body)
    assert written == expected.encode("utf-8")
    assert headed == stamp.headed(name, expected)


def test_a_lone_surrogate_is_no_artifact_text() -> None:
    stamper = stamp.Stamper("x.md", lambda data: None)
    with pytest.raises(UnicodeEncodeError):
        stamper.write("a\ud800")
