"""Unicode scripts, and the languages a script alone decides.

>>> dominant_script("Καλημέρα κόσμε")
'Greek'
>>> script_language("Καλημέρα κόσμε"), script_language("Hello there")
('el', None)
>>> script_language("東京で会議が開かれました")
'ja'
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter

# (first code point, script) for the blocks that matter here; a code point
# belongs to the last range starting at or before it, "Other" ends a block.
_RANGES: list[tuple[int, str]] = sorted(
    [
        (0x0041, "Latin"), (0x005B, "Other"), (0x0061, "Latin"), (0x007B, "Other"),
        (0x00C0, "Latin"), (0x0250, "Other"), (0x1E00, "Latin"), (0x1F00, "Greek"),
        (0x2000, "Other"),
        (0x0370, "Greek"), (0x0400, "Cyrillic"), (0x0530, "Armenian"), (0x0590, "Hebrew"),
        (0x0600, "Arabic"), (0x0700, "Other"), (0x0750, "Arabic"), (0x0780, "Other"),
        (0x0900, "Devanagari"), (0x0980, "Bengali"), (0x0A00, "Gurmukhi"),
        (0x0A80, "Gujarati"), (0x0B00, "Other"), (0x0B80, "Tamil"), (0x0C00, "Telugu"),
        (0x0C80, "Kannada"), (0x0D00, "Malayalam"), (0x0D80, "Other"), (0x0E00, "Thai"),
        (0x0E80, "Other"), (0x10A0, "Georgian"), (0x1100, "Hangul"), (0x1200, "Other"),
        (0x3040, "Kana"), (0x3100, "Other"), (0x3130, "Hangul"), (0x3190, "Other"),
        (0x3400, "Han"), (0x4DC0, "Other"), (0x4E00, "Han"), (0xA000, "Other"),
        (0xAC00, "Hangul"), (0xD7B0, "Other"), (0xF900, "Han"), (0xFB00, "Other"),
        (0xFB50, "Arabic"), (0xFE00, "Other"), (0xFE70, "Arabic"), (0xFF00, "Other"),
        (0xFF41, "Latin"), (0xFF5B, "Other"), (0xFF66, "Kana"), (0xFFA0, "Other"),
        (0x20000, "Han"), (0x2FA20, "Other"),
    ]
)
_STARTS = [start for start, _ in _RANGES]
_NAMES = [name for _, name in _RANGES]

#: Scripts used by one language only (of those a detector would name).
SCRIPT_LANGUAGE = {
    "Greek": "el",
    "Hebrew": "he",
    "Thai": "th",
    "Hangul": "ko",
    "Kana": "ja",
    "Georgian": "ka",
    "Armenian": "hy",
    "Bengali": "bn",
    "Gurmukhi": "pa",
    "Gujarati": "gu",
    "Tamil": "ta",
    "Telugu": "te",
    "Kannada": "kn",
    "Malayalam": "ml",
}

#: The script each detectable language is written in (Latin when absent).
LANGUAGE_SCRIPT = {lang: script for script, lang in SCRIPT_LANGUAGE.items()} | {
    "zh": "Han",
    "ja": "Han",
    **dict.fromkeys(("ru", "uk", "bg", "mk", "sr", "be", "kk"), "Cyrillic"),
    **dict.fromkeys(("ar", "fa", "ur"), "Arabic"),
    **dict.fromkeys(("hi", "mr", "ne"), "Devanagari"),
}


def script_of(char: str) -> str:
    """The script of one character ("Other" for digits, punctuation, symbols)."""
    index = bisect_right(_STARTS, ord(char)) - 1
    return "Other" if index < 0 else _NAMES[index]


#: One character stands for each script in translated text (see :class:`_LetterScripts`).
_SCRIPTS = sorted(set(_NAMES))
_CODE = {name: chr(ord("A") + i) for i, name in enumerate(_SCRIPTS)}
_NAME_OF_CODE = {code: name for name, code in _CODE.items()}


class _LetterScripts(dict[int, str | None]):
    """A ``str.translate`` table: a letter becomes its script's code, anything
    else is deleted. Filled lazily, one code point at a time, so counting the
    scripts of a text is one pass in C instead of a Python loop per character."""

    def __missing__(self, point: int) -> str | None:
        char = chr(point)
        code = _CODE[script_of(char)] if char.isalpha() else None
        self[point] = code
        return code


_LETTER_SCRIPTS = _LetterScripts()


def script_counts(text: str) -> Counter[str]:
    """How many letters of each script ``text`` holds.

    >>> script_counts("Ελλάδα and 3 more")
    Counter({'Latin': 7, 'Greek': 6})
    """
    codes = text.translate(_LETTER_SCRIPTS)
    return Counter({_NAME_OF_CODE[code]: codes.count(code) for code in sorted(set(codes))})  # in a fixed order


def dominant_script(text: str) -> str | None:
    """The script of most letters; kana and Han count together as Japanese
    writing when any kana is present. None for text without letters."""
    return dominant_of(script_counts(text))


def dominant_of(counts: Counter[str]) -> str | None:
    """:func:`dominant_script` from the counts of :func:`script_counts`; a tie goes
    to the script counted first (by name: the same in every process)."""
    kana = counts.get("Kana", 0)
    best, most = None, 0
    for script, count in counts.items():
        if script == "Kana":
            count += counts.get("Han", 0)
        elif script == "Other" or (script == "Han" and kana):
            continue
        if count > most:
            best, most = script, count
    return best


def script_language(text: str) -> str | None:
    """The language the script of ``text`` alone decides, or None."""
    script = dominant_script(text)
    return None if script is None else SCRIPT_LANGUAGE.get(script)


def language_script(lang: str) -> str:
    """The script a language code is written in."""
    return LANGUAGE_SCRIPT.get(lang, "Latin")
