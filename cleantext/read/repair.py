"""Repair of broken text with ftfy, and the invisible characters an extractor would drop.

(Bytes become text in :mod:`cleantext.read.decode`.)

>>> repair("The cafÃ© on the Ã®le")
'The café on the île'
"""

from __future__ import annotations

import re
import unicodedata

import ftfy
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
