"""Bytes to text: the author's characters, or a clear word that they could not be found.

The order is a browser's: a byte-order mark; UTF-16 without one (NUL bytes at every other
position); valid UTF-8; the charset the document declares (``<meta charset>``,
``http-equiv``, ``<?xml encoding?>``, read with the WHATWG meaning of its label), when the
bytes fit it; and detection. A declaration that does not fit the bytes (more than a trace of
invalid sequences: see :func:`fits`) is not believed: the page is detected instead, and
:class:`Decoded` says so. Multi-byte legacy encodings are decoded with WHATWG's tables
(:mod:`cleantext.read.whatwg`), as browsers do.

The charset of an HTTP header (``Content-Type: text/html; charset=...``, as a WARC archive keeps
it), when the caller gives it, outranks the page's declaration, as in browsers: it takes the
declaration's place in that order (a byte-order mark still wins) and is believed on the same
terms, when the bytes fit it. A header that does not fit them falls back on the page's
declaration, when that fits, before detection.

>>> decode("caf\\xe9 \\u201cr\\xe9sum\\xe9\\u201d".encode("cp1252")).text
'café “résumé”'
>>> lying = decode('<meta charset="utf-8"><p>Стоимость</p>'.encode("cp1251"))
>>> lying.text, lying.encoding, lying.declared
('<meta charset="utf-8"><p>Стоимость</p>', 'cp1251', 'utf-8')
>>> served = decode('<meta charset="utf-8"><p>Стоимость</p>'.encode("cp1251"), charset="windows-1251")
>>> served.text, served.encoding, served.declared, served.note, served.meta()["charset_source"]
('<meta charset="utf-8"><p>Стоимость</p>', 'cp1251', 'cp1251', None, 'http')
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from .charsets import codec_for_label
from .detection import detect
from .whatwg import decode_like_browsers

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)"""
    rb"""|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)

#: An escape sequence that shifts 7-bit ISO-2022 text (Japanese, Korean, Chinese) into a
#: double-byte set: such text is valid ASCII, and only detection reads it.
_ISO_2022_SHIFT = re.compile(rb"\x1b\$(?:[@B]|\)[ACG])")

#: How much of the input the declaration search and detection look at.
SNIFF_BYTES = 64 * 1024
#: Binary data is told by its first characters (as git tells it by its first 8,000 bytes).
BINARY_SNIFF = 8000
#: A decoded text is doubtful when more than this share of its characters are
#: replacement characters or control characters that text does not hold.
DOUBTFUL_SHARE = 0.02

_REPLACEMENT = "\ufffd"
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Decoded:
    """Decoded text, and how it was decoded.

    Attributes:
        text: the text.
        encoding: the Python codec it was decoded with.
        declared: the codec the document's own declaration names, if any; the HTTP header's
            when one was given (and known): see ``charset_source``.
        note: why ``encoding`` is not the declared one, when it is not.
        doubt: why the text may not be the author's (many bytes undecodable, control
            characters of binary data), or None.
        charset_source: ``"http"`` when ``declared`` is the charset of an HTTP header, else None
            (the page's own declaration, or none).
    """

    text: str
    encoding: str
    declared: str | None = None
    note: str | None = None
    doubt: str | None = None
    charset_source: str | None = None

    def meta(self) -> dict[str, str]:
        """What a document's ``meta`` records: ``encoding``, and ``declared``, ``charset_source``,
        ``encoding_note`` and ``encoding_doubt`` when there are any."""
        found = {"encoding": self.encoding, "declared": self.declared, "charset_source": self.charset_source,
                 "encoding_note": self.note, "encoding_doubt": self.doubt}
        return {key: value for key, value in found.items() if value is not None}


def declared_charset(data: bytes) -> str | None:
    """The codec named by the document's own charset declaration, if any.

    >>> declared_charset(b'<html><head><meta charset="Shift_JIS">')
    'cp932'
    """
    match = _DECLARED_CHARSET.search(data[:SNIFF_BYTES])
    if match is None:
        return None
    return _ascii_compatible(codec_for_label((match.group(1) or match.group(2)).decode("ascii", "replace")))


def header_charset(label: str | None) -> str | None:
    """The codec that the charset of an HTTP header names (a label, quoted or not), if known.

    >>> header_charset("ISO-8859-1"), header_charset('"utf-8"'), header_charset("utf-16"), header_charset("nope")
    ('cp1252', 'utf-8', 'utf-8', None)
    """
    return _ascii_compatible(codec_for_label(label.strip().strip("\"'"))) if label else None


def _ascii_compatible(codec: str | None) -> str | None:
    """A declared codec, for the bytes it is believed for: they are not UTF-16 (told before, by a byte-order
    mark or NUL bytes at every other position), so a UTF-16 label means UTF-8, as browsers read a page
    that says UTF-16 in ASCII bytes."""
    return "utf-8" if codec in ("utf-16", "utf-16-le", "utf-16-be", "utf-32") else codec


def utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when NUL bytes sit at every other position.

    >>> utf16_without_bom("Hello there".encode("utf-16-le"))
    'utf-16-le'
    """
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls > 0.4 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.4 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    return None


def utf8_text(data: bytes) -> str | None:
    """``data`` as UTF-8, or None when it is not UTF-8 text: invalid, or 7-bit ISO-2022 text
    (valid ASCII, but shifted into a double-byte set by escape sequences).

    >>> utf8_text("Grüße".encode()), utf8_text("Grüße".encode("cp1252")), utf8_text("日本".encode("iso2022_jp"))
    ('Grüße', None, None)
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return None if _iso_2022(data) else text


def _iso_2022(data: bytes) -> bool:
    return b"\x1b" in data and _ISO_2022_SHIFT.search(data, 0, SNIFF_BYTES) is not None


def invalid_sequences(data: bytes, codec: str) -> tuple[int, int]:
    """(invalid sequences, characters beyond ASCII) when ``codec`` reads ``data``; a sequence cut
    off at the very end (a file cut in the middle of a character) is not counted.

    >>> invalid_sequences("naïve café".encode() + b"\\xff" + "é".encode()[:1], "utf-8")
    (1, 2)
    """
    decoder = codecs.getincrementaldecoder(codec)(errors="replace")
    text = decoder.decode(data, final=False)
    literal = _REPLACEMENT.encode(codec, errors="ignore")  # U+FFFD in the data itself, where it can be
    invalid = text.count(_REPLACEMENT) - (data.count(literal) if literal else 0)
    return invalid, len(text) - len(text.encode("ascii", errors="ignore")) - invalid


def fits(data: bytes, codec: str) -> bool:
    """True when ``codec`` reads ``data`` leaving at most a trace of invalid sequences: no more of
    them than characters beyond ASCII that it reads. Text in another code page almost never forms
    valid UTF-8 sequences (Shift_JIS and GB18030 about one for three invalid ones), so a UTF-8
    page with stray bytes fits, and a windows-1252 one declared UTF-8 does not. (Detection is no
    better on mostly-UTF-8 bytes: chardet reads Chinese UTF-8 with one stray byte as cp737.)

    >>> fits("Grüße".encode("cp1252"), "utf-8"), fits("Grüße".encode(), "utf-8")
    (False, True)
    """
    if codec == "utf-8" and _iso_2022(data):
        return False
    invalid, others = invalid_sequences(data, codec)
    return invalid <= others


def decode(data: bytes, charset: str | None = None) -> Decoded:
    """Decode bytes to text, and say how (see the module's documentation).

    ``charset`` is the charset label of the HTTP header the bytes came with, if any: when it is
    known, it is what ``declared`` names, in place of the page's own declaration (and
    ``charset_source`` is ``"http"``).

    Bytes that the chosen codec cannot read become U+FFFD; nothing raises.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decoded(data, codec)
    wide = utf16_without_bom(data)
    if wide:
        return _decoded(data, wide)
    header = header_charset(charset)
    source = "http" if header else None
    declared = header or declared_charset(data)
    text = utf8_text(data)
    if text is not None:
        return Decoded(text, "utf-8", declared, doubt=binary_doubt(text), charset_source=source)
    if declared and fits(data, declared):
        return _decoded(data, declared, declared, source=source)
    if header:  # a header that does not fit the bytes: the page's own declaration, when they fit it
        page = declared_charset(data)
        if page and page != header and fits(data, page):
            return _decoded(data, page, header, _note(header, page), source)
    if declared != "utf-8" and fits(data, "utf-8"):  # UTF-8 with a stray byte, or cut off
        return _decoded(data, "utf-8", declared, _note(declared, "utf-8"), source)
    detected = detect(data[:SNIFF_BYTES])
    return _decoded(data, detected, declared, _note(declared, detected), source)


def _note(declared: str | None, used: str) -> str | None:
    if declared is None:
        return None
    return f"the declared {declared} leaves invalid byte sequences: read as {used}"


def _decoded(
    data: bytes, codec: str, declared: str | None = None, note: str | None = None, source: str | None = None
) -> Decoded:
    text = decode_like_browsers(data, codec)
    return Decoded(text, codec, declared, note, doubt(text, codec), source)


def doubt(text: str, codec: str) -> str | None:
    """Why ``text``, decoded with ``codec``, is likely not what its author wrote, or None: more than
    :data:`DOUBTFUL_SHARE` of it is replacement characters (bytes the codec could not read) or control
    characters (:func:`binary_doubt`).

    >>> doubt("a\\ufffd\\ufffd", "utf-8")
    '2 of 3 characters could not be decoded as utf-8'
    >>> doubt("Plain text.", "utf-8") is None
    True
    """
    replaced = text.count(_REPLACEMENT)
    if replaced > DOUBTFUL_SHARE * len(text):
        return f"{replaced:,} of {len(text):,} characters could not be decoded as {codec}"
    return binary_doubt(text)


def binary_doubt(text: str) -> str | None:
    """"binary data?" when more than :data:`DOUBTFUL_SHARE` of the first :data:`BINARY_SNIFF` characters
    of ``text`` are control characters that text does not hold (even valid UTF-8 may be binary data),
    else None.

    >>> binary_doubt("\\x00\\x01PNG\\x1a\\x00"), binary_doubt("Tabs\\tand\\nbreaks") is None
    ('binary data? 4 of 7 characters are control characters', True)
    """
    controls = len(_CONTROL.findall(text, 0, BINARY_SNIFF))
    if controls > DOUBTFUL_SHARE * min(len(text), BINARY_SNIFF):
        return f"binary data? {controls:,} of {min(len(text), BINARY_SNIFF):,} characters are control characters"
    return None
