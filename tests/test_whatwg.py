"""cleantext.read.whatwg: legacy CJK encodings decoded exactly as browsers decode them.

The expected strings were made once with the TextDecoder of the npm package @exodus/bytes
1.16.0 (WHATWG-conformant; see benchmarks/whatwg_tables.py), so these tests run without
node. The last test compares with it directly where node and /tmp/whatwg are there.
"""

from __future__ import annotations

import shutil
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.whatwg_tables import NODE_DIR, random_byte_strings, whatwg_decode
from cleantext.read import whatwg
from cleantext.read.whatwg import WHATWG_ENCODINGS, decode_like_browsers

CODECS = sorted(WHATWG_ENCODINGS)


def test_wave_dash() -> None:
    # WHATWG's index jis0208 has U+FF5E FULLWIDTH TILDE at JIS X 0208 0x2141 (pointer 32), as Windows does:
    # Shift_JIS 81 60 reads as Python's cp932 reads it, while EUC-JP A1 C1, the same cell, is U+301C in Python.
    assert decode_like_browsers(b"\x81\x60", "cp932") == "\uff5e"
    assert decode_like_browsers(b"\xa1\xc1", "euc_jp") == "\uff5e"
    assert b"\xa1\xc1".decode("euc_jp") == "\u301c"


def test_gbk_euro() -> None:
    assert decode_like_browsers(b"\x80", "gb18030") == "\u20ac"
    assert decode_like_browsers(b"10\x80 \xd6\xd0", "gb18030") == "10\u20ac 中"


def test_big5_pointers_with_two_code_points() -> None:
    data = b"\x88\x62\x88\x64\x88\xa3\x88\xa5"
    assert decode_like_browsers(data, "big5hkscs") == "\u00ca\u0304\u00ca\u030c\u00ea\u0304\u00ea\u030c"


@pytest.mark.parametrize(
    ("codec", "data", "expected"),
    [
        (
            "cp932",
            b"<p>\x82\xb1\x82\xf1\x81\x60\xb1 \xed\x40\xf0\x40 \xa0\xfd\xfe\xff\x80 \x85\x9f\x81\x20 end\x81",
            "<p>こん\uff5e\uff71 纊\ue000 \ufffd\ufffd\ufffd\ufffd\u0080 \ufffd\ufffd  end\ufffd",
        ),
        (
            "euc_jp",
            b"<p>\xa4\xb3\xa4\xf3 \xa1\xc1\xad\xa1 \x8f\xa2\xb7~ "
            b"\x8f\xb0\xa1\x8f\xa1A \x8e\xb1\x8eA \xa1\x80\xff end\xa4",
            "<p>こん \uff5e\u2460 \uff5e~ 丂\ufffdA \uff71\ufffdA \ufffd\ufffd end\ufffd",
        ),
        (
            "cp949",
            b"<p>\xc7\xd1\xb1\xdb \x81\x41 \xa1\x41 \xc9\xa1\x80\xff end\xb0",
            "<p>한글 갂 좥 \ufffd\ufffd\ufffd end\ufffd",
        ),
        (
            "gb18030",
            b"<p>\xd6\xd0\xce\xc4 \x80 \xa3\xa0\xa6\xd9 \x81\x35\xf4\x37\xa8\xbc \x84\x31\xa4\x39\x90\x30\x81\x30 "
            b"\x85\x30\x81\x30 \x81\x30\x41 \x81\x30\x81\x41 \xff end\x81\x30",
            "<p>中文 \u20ac \u3000\ufe10 \ue7c7\u1e3f \uffff\U00010000 \ufffd \ufffd0A \ufffd0丄 \ufffd end\ufffd",
        ),
        (
            "big5hkscs",
            b"<p>\xa4\xa4\xa4\xe5 \x88\x62\x88\x64 \xa1\x45\xa2\x41\xa1\xfe \x87\x7a \x80\xff \xa1\x30\xa1\x7f end\xa4",
            "<p>中文 \u00ca\u0304\u00ca\u030c \u2027\u2215\uff0f 㡵 \ufffd\ufffd \ufffd0\ufffd\u007f end\ufffd",
        ),
    ],
)
def test_mixed_bytes_read_as_whatwg(codec: str, data: bytes, expected: str) -> None:
    assert decode_like_browsers(data, codec) == expected


@pytest.mark.parametrize(
    ("codec", "data", "expected"),
    [
        ("cp932", b"\x85\x9f", "\ufffd"),  # a lead and a non-ASCII byte: one error (Python: two)
        ("cp932", b"\x81\x20", "\ufffd "),  # an ASCII byte after a lead is read again
        ("euc_jp", b"\x8f\xa1A", "\ufffdA"),  # Python: two errors
        ("euc_jp", b"\xa1\x80", "\ufffd"),
        ("euc_jp", b"\x8f\xa1", "\ufffd"),  # cut by the end of the input
        ("cp949", b"\xc9\xa1", "\ufffd"),
        ("gb18030", b"\x85\x30\x81\x30", "\ufffd"),  # an unassigned four-byte pointer: one error (Python: 0 and two)
        ("gb18030", b"\x81\x30\x81", "\ufffd"),  # cut by the end of the input
        ("gb18030", b"\x81\x30\x41", "\ufffd0A"),  # the bytes after the lead are read again (Python: one error)
        ("gb18030", b"\xff\x30", "\ufffd0"),
        ("big5hkscs", b"\xa1\x30", "\ufffd0"),
        ("big5hkscs", b"\xa1\x80", "\ufffd"),
    ],
)
def test_invalid_bytes_counted_as_whatwg(codec: str, data: bytes, expected: str) -> None:
    assert decode_like_browsers(data, codec) == expected


def test_other_codecs_pass_through() -> None:
    assert decode_like_browsers(b"caf\xe9", "cp1252") == "café"
    assert decode_like_browsers(b"ok \xff", "utf-8") == "ok \ufffd"
    # Python's own shift_jis is not one of the codecs cleantext uses for a WHATWG encoding.
    assert decode_like_browsers(b"\x87\x40\xa0", "shift_jis") == b"\x87\x40\xa0".decode("shift_jis", "replace")


@cache
def _safe_characters(codec: str) -> str:
    """The characters that Python encodes in ``codec`` as a unit that WHATWG reads as Python does."""
    differing = whatwg._fixes(codec).differences
    safe = []
    for code in range(0x30000):
        try:
            unit = chr(code).encode(codec)
        except UnicodeEncodeError:
            continue
        if unit not in differing and unit.decode(codec) == chr(code):
            safe.append(chr(code))
    return "".join(safe)


@pytest.mark.parametrize("codec", CODECS)
def test_text_without_differing_characters_round_trips(codec: str) -> None:
    @settings(max_examples=200, deadline=None)
    @given(st.text(alphabet=_safe_characters(codec), max_size=60))
    def round_trips(text: str) -> None:
        assert decode_like_browsers(text.encode(codec), codec) == text

    round_trips()


def _interesting_pieces(codec: str) -> list[bytes]:
    """Differing units and bytes that start, continue or break units."""
    singles = [bytes([byte]) for byte in (0x00, 0x30, 0x39, 0x41, 0x7E, 0x7F, 0x80, 0x81, 0x8E, 0x8F, 0xA1, 0xFE, 0xFF)]
    return sorted(whatwg._fixes(codec).differences) + singles


@pytest.mark.parametrize("codec", CODECS)
def test_fast_way_agrees_with_reading_unit_by_unit(codec: str) -> None:
    pieces = st.one_of(st.binary(min_size=1, max_size=4), st.sampled_from(_interesting_pieces(codec)))

    @settings(max_examples=300, deadline=None)
    @given(st.lists(pieces, max_size=30).map(b"".join))
    def agrees(data: bytes) -> None:
        assert decode_like_browsers(data, codec) == whatwg._decode_unit_by_unit(data, codec)

    agrees()


@pytest.mark.skipif(
    shutil.which("node") is None or not (NODE_DIR / "node_modules" / "@exodus" / "bytes").is_dir(),
    reason=f"needs node and @exodus/bytes in {NODE_DIR} (cd {NODE_DIR} && npm install @exodus/bytes)",
)
def test_agrees_with_exodus_bytes_on_random_bytes() -> None:
    strings = [(codec, data) for codec in CODECS for data in random_byte_strings(codec, 3000, seed=7)]
    expected = whatwg_decode(strings)
    wrong = [
        (codec, data)
        for (codec, data), text in zip(strings, expected, strict=True)
        if decode_like_browsers(data, codec) != text
    ]
    assert wrong == []
