"""Legacy CJK encodings decoded exactly as browsers decode them (the WHATWG Encoding Standard).

Python's codecs for Shift_JIS (``cp932``), EUC-JP (``euc_jp``), EUC-KR (``cp949``), GBK and
gb18030 (``gb18030``) and Big5 (``big5hkscs``) read some byte sequences otherwise than the
WHATWG decoders every browser uses, and count invalid input otherwise: WHATWG reads a lead
byte and the byte after it as one unit, with a single U+FFFD for a bad unit, and reads the
second byte again only when it is ASCII.

:func:`decode_like_browsers` lets Python's C codec do the work and fixes up what differs:
an error handler gives WHATWG's reading wherever Python rejects a unit, and the few
characters Python reads from a unit that WHATWG reads otherwise are replaced afterwards
(each of them comes from that one unit only). The differing units are data,
``whatwg_differences.json``, made by ``benchmarks/whatwg_tables.py``; the rare units that
Python reads as a character it also reads from elsewhere send the document to a slower
decoder that walks the WHATWG units one by one.

>>> decode_like_browsers(b"\\xa1\\xc1 \\x8f\\xa1A", "euc_jp")  # wave dash; one U+FFFD, then the ASCII byte
'～ \\ufffdA'
>>> decode_like_browsers(b"\\x80", "gb18030"), decode_like_browsers(b"\\x88\\x62", "big5hkscs")
('€', 'Ê̄')
"""

from __future__ import annotations

import codecs
import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

#: The Python codecs handled here, with the WHATWG encoding each stands for.
WHATWG_ENCODINGS = {
    "cp932": "shift_jis",
    "euc_jp": "euc-jp",
    "cp949": "euc-kr",
    "gb18030": "gb18030",
    "big5hkscs": "big5",
}


def _bytes(first: int, last: int) -> frozenset[int]:
    return frozenset(range(first, last + 1))


#: Bytes that the WHATWG decoder reads as the first byte of a longer unit.
_LEADS = {
    "cp932": _bytes(0x81, 0x9F) | _bytes(0xE0, 0xFC),
    "euc_jp": _bytes(0xA1, 0xFE) | {0x8E, 0x8F},
    "cp949": _bytes(0x81, 0xFE),
    "gb18030": _bytes(0x81, 0xFE),
    "big5hkscs": _bytes(0x81, 0xFE),
}
_DIGITS = _bytes(0x30, 0x39)
_HIGH = _bytes(0x81, 0xFE)  # third byte of a four-byte gb18030 unit
_JIS0212_SECOND = _bytes(0xA1, 0xFE)  # second byte of a three-byte EUC-JP unit (after 0x8F)
_REPLACEMENT = "\ufffd"
_ERROR_HANDLER = "cleantext-whatwg"


@dataclass(frozen=True)
class _Fixes:
    """What one codec needs to read like WHATWG."""

    #: WHATWG's reading of each unit that Python reads otherwise.
    differences: dict[bytes, str]
    #: Character Python reads from exactly one unit, which WHATWG reads otherwise -> WHATWG's reading.
    translation: dict[str, str]
    #: Finds the characters of ``translation`` (None if there are none), to replace them all at once
    #: when some replacement is itself a character of ``translation``.
    chained: re.Pattern[str] | None
    #: Differing units that Python reads as it reads other units too, with Python's reading.
    ambiguous: dict[bytes, str]


def decode_like_browsers(data: bytes, codec: str) -> str:
    """``data`` decoded as a browser's TextDecoder decodes it, for the Python ``codec`` that
    stands for a WHATWG encoding (see :data:`WHATWG_ENCODINGS`); any other codec decodes with
    ``errors="replace"``.

    >>> decode_like_browsers(b"\\x81\\x60 \\xa0", "cp932"), decode_like_browsers(b"caf\\xe9", "cp1252")
    ('～ \\ufffd', 'café')
    """
    name = codecs.lookup(codec).name
    if name not in WHATWG_ENCODINGS:
        return data.decode(name, errors="replace")
    fixes = _fixes(name)
    text = data.decode(name, errors=_ERROR_HANDLER)
    if any(_may_hold(data, text, unit, python) for unit, python in fixes.ambiguous.items()):
        return _decode_unit_by_unit(data, name)
    return _translate(text, fixes)


def _may_hold(data: bytes, text: str, unit: bytes, python: str) -> bool:
    """Whether ``data`` may hold ``unit``, which Python reads as ``python``: the cheap tests first
    (searching for one byte is much faster than for several)."""
    return python in text and unit[0] in data and unit in data


def _translate(text: str, fixes: _Fixes) -> str:
    """``text`` with the characters of ``fixes.translation`` replaced by WHATWG's readings."""
    present = [char for char in fixes.translation if char in text]
    if len(present) > 1 and fixes.chained is not None:
        return fixes.chained.sub(lambda match: fixes.translation[match.group()], text)
    for char in present:
        text = text.replace(char, fixes.translation[char])
    return text


@cache
def _fixes(codec: str) -> _Fixes:
    recorded = _recorded()
    differences = {bytes.fromhex(unit): text for unit, text in recorded["differences"][codec].items()}
    # Python reads every ambiguous unit (else it would not be ambiguous); "" would only mean the slow way every time.
    ambiguous_units = [bytes.fromhex(unit) for unit in recorded["ambiguous"][codec]]
    ambiguous = {unit: python_reading(unit, codec) or "" for unit in ambiguous_units}
    translation = {}
    for unit, text in differences.items():
        python = python_reading(unit, codec)
        if python is not None and unit not in ambiguous:
            translation[python] = text
    chained = None
    if any(char in translation for text in translation.values() for char in text):
        chained = re.compile("[" + "".join(map(re.escape, translation)) + "]")
    return _Fixes(differences, translation, chained, ambiguous)


@cache
def _recorded() -> dict[str, Any]:
    """``whatwg_differences.json``: ``{"differences": {codec: {hex: text}}, "ambiguous": {codec: [hex]}}``."""
    path = resources.files("cleantext.read").joinpath("whatwg_differences.json")
    recorded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return recorded


def _decode_unit_by_unit(data: bytes, codec: str) -> str:
    """The slow way: WHATWG's reading of every unit in turn."""
    differences = _fixes(codec).differences
    parts = []
    start = 0
    while start < len(data):
        text, length = whatwg_unit(data, start, codec, differences)
        parts.append(text)
        start += length
    return "".join(parts)


def _handle_error(error: UnicodeError) -> tuple[str, int]:
    """Error handler: WHATWG's reading of the unit at which Python's codec failed."""
    if not isinstance(error, UnicodeDecodeError) or error.encoding not in WHATWG_ENCODINGS:
        raise error
    differences = _fixes(error.encoding).differences
    text, length = whatwg_unit(error.object, error.start, error.encoding, differences)
    return text, error.start + length


codecs.register_error(_ERROR_HANDLER, _handle_error)


def whatwg_unit(data: bytes, start: int, codec: str, differences: dict[bytes, str]) -> tuple[str, int]:
    """WHATWG's reading of the unit at ``start``, and its length, given the recorded ``differences``.

    A unit ends where the WHATWG decoder is back in its first state with nothing to read
    again. A lead byte at the end of the input, or a gb18030 four-byte unit cut short, is one
    U+FFFD.

    >>> whatwg_unit(b"\\x82\\xa0!", 0, "cp932", {}), whatwg_unit(b"\\x81\\x30\\x81A", 0, "gb18030", {})
    (('あ', 2), ('\\ufffd', 1))
    """
    length, complete = whatwg_unit_length(data, start, codec)
    if not complete:
        return _REPLACEMENT, length
    unit = data[start : start + length]
    text = differences.get(unit)
    return text if text is not None else python_or_error_reading(unit, codec), length


def whatwg_unit_length(data: bytes, start: int, codec: str) -> tuple[int, bool]:
    """Length of the WHATWG unit at ``start``, and whether it is complete: False when the decoder
    gives up before its table look-up (input cut short, or bytes after the lead read again).

    >>> whatwg_unit_length(b"\\x8f\\xa1", 0, "euc_jp"), whatwg_unit_length(b"\\x8f\\xa1\\xa1", 0, "euc_jp")
    ((2, False), (3, True))
    """
    rest = len(data) - start
    if data[start] not in _LEADS[codec]:
        return 1, True
    if rest == 1:
        return 1, False
    second = data[start + 1]
    if codec == "euc_jp" and data[start] == 0x8F and second in _JIS0212_SECOND:
        return (3, True) if rest >= 3 else (2, False)
    if codec == "gb18030" and second in _DIGITS:
        return _gb18030_four_byte_length(data[start + 2 : start + 4])
    return 2, True


def _gb18030_four_byte_length(tail: bytes) -> tuple[int, bool]:
    """Like :func:`whatwg_unit_length` for a gb18030 lead and digit followed by ``tail`` (at most two bytes)."""
    third_bad = len(tail) >= 1 and tail[0] not in _HIGH
    fourth_bad = len(tail) == 2 and tail[1] not in _DIGITS
    if third_bad or fourth_bad:
        return 1, False  # the bytes after the lead are read again
    return len(tail) + 2, len(tail) == 2


def python_reading(unit: bytes, codec: str) -> str | None:
    """Python's strict reading of ``unit``, or None when Python rejects it."""
    try:
        return unit.decode(codec)
    except UnicodeDecodeError:
        return None


def python_or_error_reading(unit: bytes, codec: str) -> str:
    """WHATWG's reading of a complete unit when it agrees with Python: Python's reading, or, for
    a unit Python rejects, U+FFFD followed by the last byte when WHATWG reads that ASCII byte
    again (the last byte of a two- or three-byte unit; a four-byte gb18030 unit is consumed)."""
    python = python_reading(unit, codec)
    if python is not None:
        return python
    if len(unit) in (2, 3) and unit[-1] < 0x80:
        return _REPLACEMENT + chr(unit[-1])
    return _REPLACEMENT
