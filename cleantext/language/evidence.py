"""The evidence for a paragraph's language: its script, its letters, and jusText's stop words.

Pure functions of the text: no detector, no document.

>>> Facts.of("Η κυβέρνηση ανακοίνωσε").script, script_label(Facts.of("Η κυβέρνηση"), han_is_chinese=False)
('Greek', ('el', 1.0))
>>> foreign_evidence("Tous droits réservés pour le texte", "fr", 0.99, Facts.of("Tous droits"), "en", inside=False)
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import justext

from ..model import Label
from ..scripts import SCRIPT_LANGUAGE, dominant_of, language_script, script_counts
from .detector import detectable_languages, without_links

#: Paragraphs with fewer letters than this are "short": their label is weak.
SHORT_LETTERS = 60
#: langdetect labels below this probability are weak too.
STRONG_PROB = 0.90
#: Han text without kana this long is Chinese, not a line of Japanese.
MIN_HAN_LETTERS = 20

WORD = re.compile(r"\w+")
_ASCII_NOT_LETTERS = bytes(b for b in range(128) if not chr(b).isalpha())

_JUSTEXT_NAMES = {
    "af": "Afrikaans", "ar": "Arabic", "bg": "Bulgarian", "bn": "Bengali", "ca": "Catalan",
    "cs": "Czech", "cy": "Welsh", "da": "Danish", "de": "German", "el": "Greek",
    "en": "English", "es": "Spanish", "et": "Estonian", "fa": "Persian", "fi": "Finnish",
    "fr": "French", "gu": "Gujarati", "he": "Hebrew", "hi": "Hindi", "hr": "Croatian",
    "hu": "Hungarian", "id": "Indonesian", "it": "Italian", "kn": "Kannada", "ko": "Korean",
    "lt": "Lithuanian", "lv": "Latvian", "mk": "Macedonian", "ml": "Malayalam",
    "mr": "Marathi", "ne": "Nepali", "nl": "Dutch", "no": "Norwegian_Bokmal",
    "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sk": "Slovak",
    "sl": "Slovenian", "sq": "Albanian", "sv": "Swedish", "sw": "Swahili", "ta": "Tamil",
    "te": "Telugu", "tl": "Tagalog", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu",
    "vi": "Vietnamese",
}

@cache
def stop_words(lang: str) -> frozenset[str]:
    """jusText's stop-word list for an ISO 639-1 code (empty when it has none)."""
    name = _JUSTEXT_NAMES.get(lang)
    return frozenset(justext.get_stoplist(name)) if name else frozenset()


def stop_word_hits(words: list[str], lang: str) -> int:
    """How many of ``words`` are stop words of ``lang``."""
    stops = stop_words(lang)
    return sum(1 for w in words if w in stops)


@cache
def stop_index(script: str) -> dict[str, tuple[str, ...]]:
    """Stop word → the detectable languages written in ``script`` that list it."""
    index: dict[str, list[str]] = {}
    for lang in sorted(detectable_languages()):
        if language_script(lang) == script:
            for word in stop_words(lang):
                index.setdefault(word, []).append(lang)
    return {word: tuple(langs) for word, langs in index.items()}


@dataclass(frozen=True)
class Facts:
    """What one paragraph's letters say (links aside), computed once."""

    script: str | None
    letters: int
    has_kana: bool

    @classmethod
    def of(cls, text: str) -> Facts:
        text = without_links(text)
        if text.isascii():  # most lines of Latin-script pages: no table lookups
            letters = len(text.encode("ascii").translate(None, _ASCII_NOT_LETTERS))
            return cls("Latin" if letters else None, letters, False)
        counts = script_counts(text)
        return cls(dominant_of(counts), sum(counts.values()), bool(counts.get("Kana")))


def script_label(facts: Facts, han_is_chinese: bool) -> Label | None:
    """The label the script alone gives, or None when it does not decide."""
    if facts.script == "Han" and han_is_chinese:
        return "zh", 1.0
    lang = SCRIPT_LANGUAGE.get(facts.script or "")
    return (lang, 1.0) if lang else None


def foreign_evidence(text: str, lang: str, prob: float, facts: Facts, home: str, inside: bool) -> bool:
    """Does ``text`` hold enough evidence that it is in ``lang`` (label probability ``prob``), not ``home``?

    Another script is enough. In the same script, ``p.lang``'s stop words must
    outnumber ``home``'s: at least one at the edges of the document, at least
    two between paragraphs in the home language (a lone name between two
    English paragraphs is no Estonian sentence).
    """
    if language_script(lang) != language_script(home):
        return facts.script != language_script(home)
    if facts.script == "Han":  # Han without kana: Japanese text this long has kana
        return facts.letters >= MIN_HAN_LETTERS
    if not stop_words(lang) or not stop_words(home):
        return facts.letters >= SHORT_LETTERS and prob >= STRONG_PROB
    words = WORD.findall(text.lower())
    own, theirs = stop_word_hits(words, lang), stop_word_hits(words, home)
    return own > theirs and own >= (2 if inside else 1)
