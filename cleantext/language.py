"""Per-paragraph language, and the document's dominant language.

langdetect is accurate on sentences but wild on short lines (it calls
"- Ali Rabiei, spokesman" Estonian). So a label is trusted only with evidence:

1. a script that only one language uses decides alone (Greek, Hangul, kana…);
2. otherwise langdetect, seeded (deterministic), profiles loaded once per process;
3. the document language is the language of most letters;
4. a paragraph whose label differs from the document's keeps it only if it is
   written in another script, or if that language's stop words outnumber the
   document language's in it (jusText's stop-word lists). Otherwise it takes
   the document's language: a short heading or byline is never "foreign" on
   the word of the detector alone.

>>> ident = LanguageIdentifier()
>>> doc = ident(Document([Paragraph("The talks resumed on Monday after a pause of three weeks, officials said."),
...                       Paragraph("- Ali Rabiei, spokesman"),
...                       Paragraph("Both sides said they hoped to reach an agreement before the end of the year."),
...                       Paragraph("Tous droits réservés")]))
>>> doc.lang, [p.lang for p in doc.paragraphs]
('en', ['en', 'en', 'en', 'fr'])
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from functools import cache
from typing import Any

import justext
from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
from langdetect.lang_detect_exception import LangDetectException

from .model import Document, Paragraph
from .scripts import dominant_script, language_script, script_language

#: Paragraphs with fewer letters than this are "short": their label is weak.
SHORT_LETTERS = 60
#: langdetect labels below this probability are weak too.
STRONG_PROB = 0.90
#: Han text without kana this long is Chinese, not a line of Japanese.
MIN_HAN_LETTERS = 20
#: Characters handed to langdetect; the rest adds cost, not accuracy.
MAX_DETECT_CHARS = 1000

_WORD = re.compile(r"\w+")

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

_factory: DetectorFactory | None = None
_factory_lock = threading.Lock()


def detector_factory() -> DetectorFactory:
    """langdetect's profiles, loaded once per process (thread-safe)."""
    global _factory
    if _factory is None:
        with _factory_lock:
            if _factory is None:
                factory = DetectorFactory()
                factory.load_profile(PROFILES_DIRECTORY)
                _factory = factory
    return _factory


@cache
def stop_words(lang: str) -> frozenset[str]:
    """jusText's stop-word list for an ISO 639-1 code (empty when it has none)."""
    name = _JUSTEXT_NAMES.get(lang)
    return frozenset(justext.get_stoplist(name)) if name else frozenset()


def stop_word_hits(words: list[str], lang: str) -> int:
    stops = stop_words(lang)
    return sum(1 for w in words if w in stops)


def normalize_code(code: str) -> str:
    """langdetect's codes to ISO 639-1 (``zh-cn`` and ``zh-tw`` are ``zh``)."""
    return code.split("-")[0]


class LanguageIdentifier:
    """Labels every paragraph's language and the document's; a filter step.

    Picklable: it holds only its seed; the profiles load lazily per process.
    """

    def __init__(self, seed: int = 0) -> None:
        self.seed = seed

    def detect(self, text: str) -> tuple[str | None, float]:
        """Raw label of one text: (ISO code or None, probability)."""
        by_script = script_language(text)
        if by_script:
            return by_script, 1.0
        if dominant_script(text) is None:
            return None, 0.0
        detector = detector_factory().create()
        detector.seed = self.seed
        detector.append(text[:MAX_DETECT_CHARS])
        try:
            best = detector.get_probabilities()[0]
        except (LangDetectException, IndexError):
            return None, 0.0
        lang = normalize_code(best.lang)
        if lang == "zh" and dominant_script(text) == "Han" and "Kana" in text:
            lang = "ja"
        return lang, float(best.prob)

    def __call__(self, doc: Document) -> Document:
        letters: Counter[str] = Counter()
        for p in doc.paragraphs:
            p.lang, p.lang_prob = self.detect(p.text)
            if p.lang:
                letters[p.lang] += _letter_count(p.text)
        if not letters:
            return doc
        doc.lang = home = letters.most_common(1)[0][0]
        at_home = [i for i, p in enumerate(doc.paragraphs) if p.lang == home]
        for i, p in enumerate(doc.paragraphs):
            if p.lang and p.lang != home:
                inside = at_home[0] < i < at_home[-1]
                if not _foreign_evidence(p, home, inside):
                    p.lang = home
        return doc

    def __getstate__(self) -> dict[str, Any]:
        return {"seed": self.seed}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.seed = state["seed"]


def _letter_count(text: str) -> int:
    return sum(1 for c in text if c.isalpha())


def _foreign_evidence(p: Paragraph, home: str, inside: bool) -> bool:
    """Does ``p`` hold enough evidence that it is in ``p.lang``, not ``home``?

    Another script is enough. In the same script, ``p.lang``'s stop words must
    outnumber ``home``'s: at least one at the edges of the document, at least
    two between paragraphs in the home language (a lone name between two
    English paragraphs is no Estonian sentence).
    """
    assert p.lang is not None
    script = dominant_script(p.text)
    if language_script(p.lang) != language_script(home):
        return script != language_script(home)
    if script == "Han":  # Han without kana: Japanese text this long has kana
        return _letter_count(p.text) >= MIN_HAN_LETTERS
    if not stop_words(p.lang) or not stop_words(home):
        return _letter_count(p.text) >= SHORT_LETTERS and p.lang_prob >= STRONG_PROB
    words = _WORD.findall(p.text.lower())
    own, theirs = stop_word_hits(words, p.lang), stop_word_hits(words, home)
    return own > theirs and own >= (2 if inside else 1)
