"""Per-paragraph language, and the document's dominant language.

langdetect is accurate on sentences but wild on short lines (it calls
"- Ali Rabiei, spokesman" Estonian). So a label is trusted only with evidence:

1. a script that only one language uses decides alone (Greek, Hangul, kana…);
   Han without kana anywhere in the document is Chinese;
2. otherwise langdetect, seeded (deterministic), profiles loaded once per process;
3. the document language is the language of most letters;
4. a paragraph whose label differs from the document's keeps it only if it is
   written in another script, or if that language's stop words outnumber the
   document language's in it (jusText's stop-word lists). Otherwise it takes
   the document's language: a short heading or byline is never "foreign" on
   the word of the detector alone.

Rule 4 makes the detector unnecessary for most paragraphs, and it runs only
where its answer can change a label (see :class:`_Labelling`):

- the document language is first estimated: from the stop words of the whole
  document when one language clearly leads, else by detecting its longest
  paragraph (the next longest while the stop words contradict the label);
- a paragraph in that language's script in which no other language's stop words
  outnumber the document language's is in the document's language whatever the
  detector says;
- one where another language leads by a single stop word can only be foreign at
  the edges (between two paragraphs in the document's language rule 4 asks for
  two), so the detector runs on it only there;
- one where another language leads by two stop words or more is detected when
  it stands at an edge; between two paragraphs in the document's language no
  verdict depends on its label, so it is detected only when the label is read
  (:meth:`Paragraph.label_later`; a body cleaned for its text never pays), unless
  such paragraphs hold enough letters to change the vote below;
- if the letters then vote for another language than the estimate, every
  paragraph is detected, as if there were no shortcut.

The detector reads at most :data:`MAX_DETECT_CHARS` characters, with
:data:`TRIALS` trials (:data:`QUICK_TRIALS` inside the document, where no
verdict depends on a label), and its answers are cached per process
(boilerplate lines repeat across a crawl).

>>> ident = LanguageIdentifier()
>>> doc = ident(Document([Paragraph("The talks resumed on Monday after a pause of three weeks, officials said."),
...                       Paragraph("- Ali Rabiei, spokesman"),
...                       Paragraph("Both sides said they hoped to reach an agreement before the end of the year."),
...                       Paragraph("Tous droits réservés")]))
>>> doc.lang, [p.lang for p in doc.paragraphs]
('en', ['en', 'en', 'en', 'fr'])
"""

from __future__ import annotations

import os
import re
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache, partial
from itertools import chain
from typing import Any

import justext
from langdetect.detector import Detector
from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
from langdetect.lang_detect_exception import LangDetectException

from .model import Document, Label, Paragraph
from .scripts import SCRIPT_LANGUAGE, dominant_of, language_script, script_counts

#: Paragraphs with fewer letters than this are "short": their label is weak.
SHORT_LETTERS = 60
#: langdetect labels below this probability are weak too.
STRONG_PROB = 0.90
#: Han text without kana this long is Chinese, not a line of Japanese.
MIN_HAN_LETTERS = 20
#: Characters handed to langdetect; the rest adds cost, not accuracy.
MAX_DETECT_CHARS = 200
#: langdetect's random trials per text (its own default is 7) where a label can decide
#: a verdict, and where it only names the language of a paragraph inside the document.
TRIALS = 3
QUICK_TRIALS = 1
#: The estimate of the document language skips the detector when the stop words of one
#: language are at least this many and this many times those of the next.
STOP_WORD_MIN = 8
STOP_WORD_LEAD = 2.0
#: Else the detector labels the longest paragraph, or the next ones (at most this many in
#: all) while the stop words contradict it (the label's are under half the leader's).
ESTIMATE_TRIES = 3
#: Detections remembered per process (texts are capped, so this bounds the memory).
CACHE_SIZE = 8192

_WORD = re.compile(r"\w+")
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


def warm_up() -> None:
    """Load everything detection needs (profiles, stop words) now, not on first use.

    Call it where the work starts (a worker's initializer), so that the first document
    does not pay for it, and before threads share this process.
    """
    detector_factory()
    for lang in detectable_languages():
        stop_words(lang)
        _stop_index(language_script(lang))


@cache
def detectable_languages() -> frozenset[str]:
    """The ISO codes langdetect can answer (its profile names, normalised)."""
    return frozenset(normalize_code(name) for name in os.listdir(PROFILES_DIRECTORY))


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
def _stop_index(script: str) -> dict[str, tuple[str, ...]]:
    """Stop word → the detectable languages written in ``script`` that list it."""
    index: dict[str, list[str]] = {}
    for lang in sorted(detectable_languages()):
        if language_script(lang) == script:
            for word in stop_words(lang):
                index.setdefault(word, []).append(lang)
    return {word: tuple(langs) for word, langs in index.items()}


def normalize_code(code: str) -> str:
    """langdetect's codes to ISO 639-1 (``zh-cn`` and ``zh-tw`` are ``zh``)."""
    return code.split("-")[0]


@lru_cache(maxsize=CACHE_SIZE)
def _langdetect(text: str, seed: int, trials: int) -> Label:
    """langdetect's best (language, probability) for ``text``; (None, 0.0) when it finds nothing."""
    detector = detector_factory().create()
    detector.seed = seed
    detector.n_trial = trials
    detector.append(text)
    try:
        best = detector.get_probabilities()[0]
    except (LangDetectException, IndexError):
        return None, 0.0
    return normalize_code(best.lang), float(best.prob)


def capped(text: str, limit: int | None = None) -> str:
    """``text`` cut to about ``limit`` characters (:data:`MAX_DETECT_CHARS`), at a space when there is one.

    >>> capped("one two three", 9)
    'one two'
    """
    limit = limit or MAX_DETECT_CHARS
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit + 1)
    return text[: cut if cut > limit // 2 else limit]


def without_links(text: str) -> str:
    """``text`` without the URLs and e-mail addresses langdetect ignores.

    >>> without_links("Write to desk@example.com or see https://example.com/a")
    'Write to   or see  '
    """
    if "://" in text:
        text = Detector.URL_RE.sub(" ", text)
    if "@" in text:
        text = Detector.MAIL_RE.sub(" ", text)
    return text


@dataclass(frozen=True)
class _Facts:
    """What one paragraph's letters say (links aside), computed once."""

    script: str | None
    letters: int
    has_kana: bool

    @classmethod
    def of(cls, text: str) -> _Facts:
        text = without_links(text)
        if text.isascii():  # most lines of Latin-script pages: no table lookups
            letters = len(text.encode("ascii").translate(None, _ASCII_NOT_LETTERS))
            return cls("Latin" if letters else None, letters, False)
        counts = script_counts(text)
        return cls(dominant_of(counts), sum(counts.values()), bool(counts.get("Kana")))


class LanguageIdentifier:
    """Labels every paragraph's language and the document's; a filter step.

    ``shortcuts=False`` runs the detector on every paragraph the script does
    not decide (slower; for measuring what the shortcuts cost in accuracy).
    Picklable: it holds only its settings; the profiles load lazily per process.
    """

    def __init__(self, seed: int = 0, shortcuts: bool = True) -> None:
        self.seed = seed
        self.shortcuts = shortcuts

    def detect(self, text: str) -> Label:
        """Raw label of one text: (ISO code or None, probability).

        >>> LanguageIdentifier().detect("Η κυβέρνηση ανακοίνωσε νέα μέτρα")
        ('el', 1.0)
        """
        facts = _Facts.of(text)
        if facts.script is None:
            return None, 0.0
        return _script_label(facts, han_is_chinese=False) or self._detector(text, TRIALS)

    def _detector(self, text: str, trials: int) -> Label:
        return _langdetect(capped(text), self.seed, trials)

    def __call__(self, doc: Document) -> Document:
        doc.lang = _Labelling(doc.paragraphs, self._detector).run(self.shortcuts)
        return doc

    def __getstate__(self) -> dict[str, Any]:
        return {"seed": self.seed, "shortcuts": self.shortcuts}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(**state)  # type: ignore[misc]


def _script_label(facts: _Facts, han_is_chinese: bool) -> Label | None:
    """The label the script alone gives, or None when it does not decide."""
    if facts.script == "Han" and han_is_chinese:
        return "zh", 1.0
    lang = SCRIPT_LANGUAGE.get(facts.script or "")
    return (lang, 1.0) if lang else None


class _Labelling:
    """The languages of one document's paragraphs, running the detector only
    where its answer can change a label.

    ``raw`` holds the labels given by the script or the detector. A paragraph
    in ``anchors`` is in the document's language by its stop words (they lead
    every other language's). Of the others, the detector runs on those outside
    the first and last paragraph in the document's language (they could be
    foreign at the edges). Any other paragraph without a raw label takes the
    document's language: the detector could not change it.

    The detector takes :data:`TRIALS` trials where a label can decide a verdict
    (at the edges), :data:`QUICK_TRIALS` between two paragraphs known to be in
    the document's language (by script or stop words), where it only names a
    paragraph's language (the edge filters never reach there), and for the
    estimate, which the vote checks. Those ``deferred`` inside paragraphs are
    detected when their label is first read, once the vote is sure without them.
    """

    def __init__(self, paragraphs: Sequence[Paragraph], detector: Callable[[str, int], Label]) -> None:
        self.paragraphs = paragraphs
        self.detector = detector
        self.facts = [_Facts.of(p.text) for p in paragraphs]
        self.raw: dict[int, Label] = {}
        self.anchors: set[int] = set()
        self.hits: dict[int, Counter[str]] = {}
        self.estimated: int | None = None  # the paragraph detected for the estimate
        self.deferred: list[int] = []  # suspects inside the document: detected when their label is read

    def run(self, shortcuts: bool = True) -> str | None:
        """Label every paragraph; return the document's language."""
        han_is_chinese = not any(f.has_kana for f in self.facts)
        pending = []
        for i, facts in enumerate(self.facts):
            label = (None, 0.0) if facts.script is None else _script_label(facts, han_is_chinese)
            if label:
                self.raw[i] = label
            else:
                pending.append(i)
        home = self._estimate(pending) if shortcuts else None
        if home is not None:
            self._label_around(home, pending)
            if not self._deferred_cannot_change_vote(home):
                for i in self.deferred:
                    self._detect(i, QUICK_TRIALS)
                self.deferred.clear()
            if self._vote(home) == home:
                return self._resolve(home)
        self.deferred.clear()
        for i in pending:  # no estimate, or a wrong one: detect everything, as without shortcuts
            self.raw.pop(i, None)
            self._detect(i)
        self.anchors.clear()
        return self._resolve(self._vote(None))

    def _detect(self, i: int, trials: int = TRIALS) -> str | None:
        if i not in self.raw:
            self.raw[i] = self.detector(self.paragraphs[i].text, trials)
        return self.raw[i][0]

    def _estimate(self, pending: list[int]) -> str | None:
        """The likely document language: the language of most letters, the undecided
        paragraphs of the main script counting for :meth:`_main_language`; None when
        that cannot be told without detecting everything."""
        letters: Counter[str] = Counter()
        for i, (lang, _) in sorted(self.raw.items()):
            if lang:
                letters[lang] += self.facts[i].letters
        if pending:
            by_script: Counter[str | None] = Counter()
            for i in pending:
                by_script[self.facts[i].script] += self.facts[i].letters
            script, size = by_script.most_common(1)[0]
            lang = self._main_language([i for i in pending if self.facts[i].script == script])
            if lang is None:
                return None
            letters[lang] += size
        return letters.most_common(1)[0][0] if letters else None

    def _main_language(self, main: list[int]) -> str | None:
        """The language of the paragraphs ``main``: the one their stop words clearly
        favour; else the detector's label of the longest of them (away from the
        edges if it can be) whose label their stop words do not contradict, trying
        :data:`ESTIMATE_TRIES` of them."""
        total: Counter[str] = Counter()
        for i in main:
            total.update(self._hits(i))
        (first, hits), (_, runner_up) = [*total.most_common(2), ("", 0), ("", 0)][:2]
        if hits >= STOP_WORD_MIN and hits >= STOP_WORD_LEAD * runner_up:
            return first
        for i in sorted(main[1:-1] or main, key=lambda i: -self.facts[i].letters)[:ESTIMATE_TRIES]:
            lang = self._detect(i, QUICK_TRIALS)
            if self.raw[i][1] < STRONG_PROB:  # one trial was not sure: take the time
                del self.raw[i]
                lang = self._detect(i)
            if lang and total[lang] * STOP_WORD_LEAD >= hits:
                self.estimated = i
                return lang
            del self.raw[i]  # a label the stop words contradict: this paragraph is not typical
        return None

    def _hits(self, i: int) -> Counter[str]:
        """Stop words in paragraph ``i``, per language written in its script."""
        if i not in self.hits:
            index = _stop_index(self.facts[i].script or "")
            words = _WORD.findall(self.paragraphs[i].text.lower())
            self.hits[i] = Counter(chain.from_iterable(filter(None, map(index.get, words))))
        return self.hits[i]

    def _label_around(self, home: str, pending: list[int]) -> None:
        """Sort the undecided paragraphs by what ``home``'s stop words say, then
        detect the ones whose label depends on the detector."""
        suspects = [i for i in pending if i not in self.raw and self._is_suspect(i, home)]
        known = [i for i in range(len(self.paragraphs)) if self._is_home(i, home) and i != self.estimated]

        def inside(i: int) -> bool:
            return bool(known) and known[0] < i < known[-1]

        if self.estimated is not None and not inside(self.estimated):  # it may stand at an edge
            del self.raw[self.estimated]
            self._detect(self.estimated)
        for i in suspects:
            if inside(i):
                self.deferred.append(i)
            else:
                self._detect(i)
        self._detect_edges(home)

    def _is_suspect(self, i: int, home: str) -> bool:
        """Is paragraph ``i``'s label up to the detector wherever it stands?
        Otherwise it goes to the anchors, or it is detected at the edges, or it takes the document's language."""
        facts = self.facts[i]
        if facts.script == "Han" == language_script(home):
            return facts.letters >= MIN_HAN_LETTERS
        if facts.script != language_script(home) or not stop_words(home):
            return True
        hits = self._hits(i)
        own = hits[home]
        rival = max((n for lang, n in hits.items() if lang != home), default=0)
        if own > rival:
            self.anchors.add(i)
        return rival > own and rival >= 2

    def _is_home(self, i: int, home: str) -> bool:
        return i in self.anchors or (i in self.raw and self.raw[i][0] == home)

    def _detect_edges(self, home: str) -> None:
        """Detect the paragraphs before the first and after the last one in ``home``
        (by stop words or by the detector): the edges, where a label decides a verdict."""
        for order in (range(len(self.paragraphs)), reversed(range(len(self.paragraphs)))):
            for i in order:
                if self._is_home(i, home) or (self.facts[i].script is not None and self._detect(i) == home):
                    break

    def _vote(self, estimate: str | None) -> str | None:
        """The language of most letters; paragraphs not detected count for ``estimate``."""
        letters = self._letters(estimate)
        if not letters:
            return None
        return letters.most_common(1)[0][0]

    def _letters(self, estimate: str | None) -> Counter[str]:
        letters: Counter[str] = Counter()
        for i, facts in enumerate(self.facts):
            lang = self.raw[i][0] if i in self.raw else estimate
            if lang:
                letters[lang] += facts.letters
        return letters

    def _deferred_cannot_change_vote(self, home: str) -> bool:
        """Would ``home`` win the vote whatever language the deferred paragraphs are in?"""
        letters = self._letters(home)
        deferred = sum(self.facts[i].letters for i in self.deferred)
        runner_up = max((n for lang, n in letters.items() if lang != home), default=0)
        return letters[home] - deferred > runner_up + deferred

    def _resolve(self, home: str | None) -> str | None:
        """Give every paragraph its final label under the evidence rule; return ``home``."""
        at_home = [i for i in range(len(self.paragraphs)) if home and self._is_home(i, home)]
        deferred = set(self.deferred)
        for i, p in enumerate(self.paragraphs):
            if i in deferred:  # between two paragraphs in the home language, as at_home stands
                p.label_later(partial(self._deferred_label, i, home))
            else:
                inside = bool(at_home) and at_home[0] < i < at_home[-1]
                p.lang, p.lang_prob = self._final_label(self.raw.get(i, (home, 0.0)), i, home, inside)
        if home and at_home:
            self._join_edge_blocks(home, range(at_home[0] - 1, -1, -1))
            self._join_edge_blocks(home, range(at_home[-1] + 1, len(self.paragraphs)))
        return home

    def _deferred_label(self, i: int, home: str | None) -> Label:
        """The final label of a deferred paragraph, between two in the ``home`` language."""
        self._detect(i, QUICK_TRIALS)
        return self._final_label(self.raw[i], i, home, inside=True)

    def _final_label(self, raw: Label, i: int, home: str | None, inside: bool) -> Label:
        """``raw``, unless it names another language than ``home`` without the evidence for it."""
        lang, prob = raw
        if lang and home and lang != home and not _foreign_evidence(self.paragraphs[i].text, lang, prob,
                                                                    self.facts[i], home, inside):
            return home, prob
        return lang, prob

    def _join_edge_blocks(self, home: str, outward: range) -> None:
        """Walking in from an edge, a paragraph next to a foreign block takes the
        block's language when the detector is sure of it and the stop words do not
        speak for ``home`` (a tie: "I provvedimenti dovrebbero" has one stop word,
        "i", that Italian and Turkish share)."""
        block: str | None = None
        for i in reversed(outward):  # from the edge in
            p = self.paragraphs[i]
            lang, prob = self.raw.get(i, (None, 0.0))
            if p.lang == home and block is not None and lang == block and prob >= STRONG_PROB:
                words = _WORD.findall(p.text.lower())
                if stop_word_hits(words, block) >= stop_word_hits(words, home):
                    p.lang, p.lang_prob = lang, prob
            block = p.lang if p.lang not in (home, None) else None


def _foreign_evidence(text: str, lang: str, prob: float, facts: _Facts, home: str, inside: bool) -> bool:
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
    words = _WORD.findall(text.lower())
    own, theirs = stop_word_hits(words, lang), stop_word_hits(words, home)
    return own > theirs and own >= (2 if inside else 1)
