"""The labelling of one document's paragraphs: the detector run only where its answer can change
a label (see the package's documentation, rules 1 to 4, and :class:`Labelling`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from functools import partial
from itertools import chain

from ..model import Label, Paragraph
from ..scripts import language_script
from .detector import QUICK_TRIALS, TRIALS
from .evidence import (
    MIN_HAN_LETTERS,
    STRONG_PROB,
    WORD,
    Facts,
    foreign_evidence,
    script_label,
    stop_index,
    stop_word_hits,
    stop_words,
)

#: The estimate of the document language skips the detector when the stop words of one
#: language are at least this many and this many times those of the next.
STOP_WORD_MIN = 8
STOP_WORD_LEAD = 2.0
#: Else the detector labels the longest paragraph, or the next ones (at most this many in
#: all) while the stop words contradict it (the label's are under half the leader's).
ESTIMATE_TRIES = 3


class Labelling:
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
        self.facts = [Facts.of(p.text) for p in paragraphs]
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
            label = (None, 0.0) if facts.script is None else script_label(facts, han_is_chinese)
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
            index = stop_index(self.facts[i].script or "")
            words = WORD.findall(self.paragraphs[i].text.lower())
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
        if lang and home and lang != home and not foreign_evidence(self.paragraphs[i].text, lang, prob,
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
                words = WORD.findall(p.text.lower())
                if stop_word_hits(words, block) >= stop_word_hits(words, home):
                    p.lang, p.lang_prob = lang, prob
            block = p.lang if p.lang not in (home, None) else None
