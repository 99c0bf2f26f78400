"""Bytes to text, and repair of broken text with ftfy.

Decoding honours, in order: a byte-order mark; UTF-16 without a BOM (NUL bytes
at every other position); valid UTF-8; a charset declared in the document
(``<meta charset>``, ``http-equiv``, ``<?xml encoding?>``), read with the WHATWG
meaning of its label; UTF-8 with a few invalid bytes (a file cut in the middle
of a character, a stray byte: at least as many valid multi-byte characters
as invalid bytes), which become U+FFFD; charset detection (charset_normalizer);
and finally windows-1252, which decodes any byte.

>>> decode("caf\\xe9".encode("latin-1"))
('café', 'cp1252')
>>> repair("The cafÃ© on the Ã®le")
'The café on the île'
"""

from __future__ import annotations

import codecs
import re
import unicodedata

import ftfy
from charset_normalizer import from_bytes
from ftfy.badness import BADNESS_RE, MOJIBAKE_CATEGORIES
from ftfy.chardata import HTML_ENTITY_RE

#: Repair what is broken, leave what the author wrote: no quote straightening,
#: no full-width folding, no ligature breaking.
FTFY_CONFIG = ftfy.TextFixerConfig(
    uncurl_quotes=False,
    fix_character_width=False,
    fix_latin_ligatures=False,
    normalization="NFC",
    explain=False,
)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Labels whose WHATWG meaning differs from Python's codec of the same name.
_WHATWG_LABELS = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "iso-8859-9": "cp1254",
    "latin5": "cp1254",
    "iso-8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "ms_kanji": "cp932",
    "euc-kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "big5": "big5hkscs",
}

_DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)"""
    rb"""|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)

#: JIS X 0213 codecs read almost any byte soup as rare kanji and half-width
#: kana; the web does not use them (browsers do not even support them).
_NEVER_DETECT = ["shift_jis_2004", "shift_jisx0213", "euc_jis_2004", "euc_jisx0213",
                 "iso2022_jp_2004", "iso2022_jp_3"]

#: How much of the input declaration search and charset detection look at.
_SNIFF_BYTES = 64 * 1024


def codec_for_label(label: str) -> str | None:
    """Python codec for a charset label as browsers read it, or None if unknown.

    >>> codec_for_label("ISO-8859-1"), codec_for_label("utf8"), codec_for_label("nope")
    ('cp1252', 'utf-8', None)
    """
    label = label.strip().lower()
    if label in _WHATWG_LABELS:
        return _WHATWG_LABELS[label]
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return "utf-8" if name == "utf-8" else name


def declared_charset(data: bytes) -> str | None:
    """The codec named by the document's own charset declaration, if any."""
    match = _DECLARED_CHARSET.search(data[:_SNIFF_BYTES])
    if match is None:
        return None
    label = (match.group(1) or match.group(2)).decode("ascii", "replace")
    codec = codec_for_label(label)
    # A page that says UTF-16 in ASCII bytes is not UTF-16; browsers read UTF-8.
    return "utf-8" if codec in ("utf-16", "utf-16-le", "utf-16-be", "utf-32") else codec


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when NUL bytes sit at every other position."""
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


def _detected_charset(data: bytes) -> str | None:
    """charset_normalizer's guess; None when unsure or for wide encodings,
    which only a BOM or the NUL pattern above can vouch for."""
    matches = list(from_bytes(data[:_SNIFF_BYTES], cp_exclusion=_NEVER_DETECT))
    if not matches:
        return None
    least_chaos = min(m.chaos for m in matches)
    plausible = [codec_for_label(m.encoding) for m in matches if m.chaos <= least_chaos + 0.02]
    # Equally plausible single-byte readings: windows-1252 is the web's common one.
    codec = "cp1252" if "cp1252" in plausible else plausible[0]
    return None if codec is None or codec.startswith(("utf-16", "utf-32")) else codec


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes to text; returns the text and the codec that was used.

    Bytes that the chosen codec cannot read become U+FFFD; nothing raises.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace"), codec
    wide = _utf16_without_bom(data)
    if wide:
        return data.decode(wide, errors="replace"), wide
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    codec = declared_charset(data) or ("utf-8" if _mostly_utf8(data) else _detected_charset(data)) or "cp1252"
    return data.decode(codec, errors="replace"), codec


def _mostly_utf8(data: bytes) -> bool:
    """True when the start of ``data`` holds at least as many valid multi-byte
    UTF-8 characters as invalid bytes. Single-byte encodings almost never
    form valid sequences by chance; Shift-JIS and GB18030 text does, about
    one for three invalid ones."""
    sample = data[:_SNIFF_BYTES]
    text = sample.decode("utf-8", errors="replace")
    invalid = text.count("\ufffd") - sample.count("\ufffd".encode())
    multibyte = len(text) - len(text.encode("ascii", errors="ignore")) - invalid
    return multibyte > 0 and multibyte >= invalid


_SURROGATES = "\ud800-\udfff"
_SURROGATE = re.compile(f"[{_SURROGATES}]")


def without_surrogates(text: str) -> str:
    """``text`` with lone surrogates (which no encoding can write) as U+FFFD.

    >>> without_surrogates("a\\ud800b")
    'a\ufffdb'
    """
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


#: Invisible characters that carry meaning (zero-width joiners and non-joiners,
#: bidirectional marks, zero-width spaces between Thai words, emoji tag
#: sequences) and that trafilatura drops as unprintable.
_FORMATS = "\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\U000e0020-\U000e007f"
_FORMAT_CHARS = re.compile(f"[{_FORMATS}]")
_SURROGATE_OR_FORMAT = re.compile(f"[{_SURROGATES}{_FORMATS}]")
_MASKED = re.compile("\u2983([0-9a-f]{3,5})\u2984")


def mask_format_chars(text: str) -> str:
    """``text`` with each invisible format character written as visible
    text (``⦃200d⦄``) that an extractor keeps; :func:`unmask_format_chars` undoes it.

    >>> mask_format_chars("a\\u200db")
    'a⦃200d⦄b'
    """
    if not _FORMAT_CHARS.search(text):
        return text
    return _FORMAT_CHARS.sub(lambda m: f"\u2983{ord(m.group()):x}\u2984", text)


def ready_to_parse(html: str) -> str:
    """``html`` as the HTML parser should read it: without lone surrogates
    (:func:`without_surrogates`), its invisible format characters masked
    (:func:`mask_format_chars`); a page with neither (most) is scanned once.

    >>> ready_to_parse("<p>a\\u200db\\ud800</p>") == "<p>a⦃200d⦄b\\ufffd</p>"
    True
    """
    if not _SURROGATE_OR_FORMAT.search(html):
        return html
    return mask_format_chars(without_surrogates(html))


def unmask_format_chars(text: str) -> str:
    """The invisible characters that :func:`mask_format_chars` wrote out, back.

    >>> unmask_format_chars("a⦃200d⦄b ⦃41⦄") == "a\\u200db ⦃41⦄"
    True
    """
    if "\u2983" not in text:
        return text
    return _MASKED.sub(_unmasked, text)


def invisible(text: str) -> bool:
    """True when ``text`` has nothing but white space and invisible format characters.

    >>> invisible(" \u200d "), invisible("\u200dA"), invisible("A")
    (True, False, False)
    """
    start = text.lstrip()
    if start and not _FORMAT_CHARS.match(start):  # a visible first character: most text, decided at once
        return False
    return not _FORMAT_CHARS.sub("", text).strip()


def _unmasked(match: re.Match[str]) -> str:
    char = chr(int(match.group(1), 16))
    return char if _FORMAT_CHARS.fullmatch(char) else match.group()


def repair(text: str, config: ftfy.TextFixerConfig = FTFY_CONFIG) -> str:
    """Fix mojibake, leftover HTML entities and control characters; NFC.

    Text that none of ftfy's fixes can change (no entity, control character,
    line separator, surrogate or replacement character, no mojibake, already
    NFC) is returned as it is without running them: most paragraphs, at a
    fraction of the cost, with the same result.

    >>> repair("Caf&eacute; \\u201cquoted\\u201d \\ufb01ne \\uff21")
    'Café \\u201cquoted\\u201d \\ufb01ne \\uff21'
    """
    if config is FTFY_CONFIG and _needs_no_repair(text):
        return text
    return ftfy.fix_text(text, config)


# What one of FTFY_CONFIG's fixes acts on, but HTML entities (HTML_ENTITY_RE): the C0 and
# C1 controls and other characters ftfy removes, line breaks other than \n, surrogates,
# U+FFFD. White space that no fix touches (\t, \n, \f) is left out: paragraphs often hold it.
_REPAIRABLE = re.compile("[\x00-\x08\x0b\x0d-\x1f\x7f-\x9f\u2028\u2029\u206a-\u206f\ud800-\udfff\ufeff\ufff9-\ufffd]")


# Mojibake is UTF-8 read one byte a character: two non-ASCII characters in a row,
# a lead byte (U+00C2-U+00F4 in Latin-1 and windows-1252) before a space that
# stood for U+00A0, or before a '?' that stands for a lost byte. Text without
# any cannot be mojibake, and is_bad, ftfy's costly test for it, need not run.
_MAYBE_MOJIBAKE = re.compile("[^\x00-\x7f](?:[^\x00-\x7f]|\\?)|[\u00c2-\u00f4] ")

# Every match of ftfy's BADNESS_RE (the regex of is_bad) is at most _BADNESS_WIDTH characters
# long and, but for a lone C1 control (_REPAIRABLE), holds two non-ASCII characters in a row,
# one of them a mojibake character, or "Ã "/"Â ", or "Œ"/"œ" before anything but a Latin
# letter: a seed. :func:`_is_bad` runs BADNESS_RE around the seeds only. (Tested against is_bad.)
_MOJIBAKE_CHARS = "".join(
    MOJIBAKE_CATEGORIES[name]
    for name in ("c1", "bad", "lower_accented", "upper_accented", "box", "start_punctuation",
                 "end_punctuation", "currency", "numeric", "law")
) + "°ÙЂ"
_MOJIBAKE_SEED = re.compile(
    f"[{_MOJIBAKE_CHARS}][^\\x00-\\x7f]|[^\\x00-\\x7f][{_MOJIBAKE_CHARS}]|[ÃÂ] |[Œœ][^A-Za-z]"
)
_BADNESS_WIDTH = 7


def _is_bad(text: str) -> bool:
    """ftfy's ``is_bad(text)`` for text without C1 controls, many times faster on long text.

    >>> _is_bad("The cafÃ© is open"), _is_bad("Le café est ouvert")
    (True, False)
    """
    start = end = 0  # the stretch around the seeds found so far, not yet searched
    for seed in _MOJIBAKE_SEED.finditer(text):
        if seed.start() - _BADNESS_WIDTH > end:
            if end and BADNESS_RE.search(text, start, end):
                return True
            start = max(0, seed.start() - _BADNESS_WIDTH)
        end = seed.end() + _BADNESS_WIDTH
    return bool(end) and BADNESS_RE.search(text, start, end) is not None


def _needs_no_repair(text: str) -> bool:
    """True when :func:`ftfy.fix_text` with :data:`FTFY_CONFIG` would return ``text`` unchanged.

    ftfy fixes a text line by line (a line ends after \\n), so mojibake is looked for
    in each line: a match of is_bad in a line is one in the whole text too, except
    for its pattern ``^[ÃÂ][ ]``, which matches at the start of the whole text only.
    (A line longer than ``max_decode_length`` is cut anywhere: such text goes to ftfy.)
    """
    if (
        _REPAIRABLE.search(text) is not None
        or ("&" in text and HTML_ENTITY_RE.search(text) is not None)
        or len(text) > FTFY_CONFIG.max_decode_length
    ):
        return False
    if text.isascii():  # ASCII is NFC, and no mojibake
        return True
    return unicodedata.is_normalized("NFC", text) and (
        _MAYBE_MOJIBAKE.search(text) is None
        or not (_is_bad(text) or "\nÃ " in text or "\nÂ " in text)
    )
