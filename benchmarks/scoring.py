"""Pure scoring functions of the quality benchmark (no I/O, no extraction).

Four metrics, defined in ``../shared/eval-data/README.md`` and
``../shared/eval-data/langid/README.md``:

* AEB (article-extraction-benchmark): 4-token shingles over ``\\w+`` tokens;
  per page TP/FP/FN of the shingle multisets, normalised by their sum;
  precision averaged over pages with output, recall over pages with gold,
  F1 of the two averages; accuracy is the share of exact token-sequence matches.
* trafilatura eval: whitespace-normalised substring matching of the "with"
  (must occur) and "without" (must not occur) snippets, counts summed over pages.
* wild-dev: bag-of-tokens F1 per page (``\\w+`` runs of the NFC text, Han and kana
  as character bigrams), macro-averaged over pages; and the "do no harm" tests of a
  page against trafilatura's F1 on it.
* mixed-language documents: per-paragraph verdicts against ``label``.

>>> page = aeb_page("a b c d", "a b c d e")  # 1 of the 2 gold shingles found
>>> aeb_scores([page]).precision, aeb_scores([page]).recall
(1.0, 0.5)
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import regex

SHINGLE_SIZE = 4
_TOKEN_RE = re.compile(r"\w+")


# ----------------------------------------------------------------------------- shared


def f1(precision: float, recall: float) -> float:
    """Harmonic mean; 0 when both are 0.

    >>> f1(0.5, 1.0)
    0.6666666666666666
    """
    total = precision + recall
    return 2 * precision * recall / total if total else 0.0


def ratio(num: float, den: float) -> float:
    """``num / den``, or 0.0 when ``den`` is 0."""
    return num / den if den else 0.0


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


# ----------------------------------------------------------------------------- AEB


def tokens(text: str | None) -> list[str]:
    """The ``\\w+`` tokens of a text (case kept).

    >>> tokens("Hello, world! It's 2024.")
    ['Hello', 'world', 'It', 's', '2024']
    """
    return _TOKEN_RE.findall(text or "")


def shingles(text: str | None, n: int = SHINGLE_SIZE) -> Counter[str]:
    """Multiset of the ``n``-token shingles of a text.

    A text of fewer than ``n`` tokens (but at least one) is one shingle of all
    its tokens, as in the upstream benchmark; an empty text has none.

    >>> sorted(shingles("a b c d e"))
    ['a b c d', 'b c d e']
    >>> shingles("a b")
    Counter({'a b': 1})
    """
    toks = tokens(text)
    grams = (" ".join(toks[i : i + n]) for i in range(max(1, len(toks) - n + 1)))
    return Counter(g for g in grams if g)


@dataclass(frozen=True)
class AebPage:
    """One page's shingle counts (normalised by their sum) and exact-match flag."""

    tp: float
    fp: float
    fn: float
    exact: bool

    @property
    def precision(self) -> float:
        """Page precision; 1 for a perfect page, 0 when nothing matched."""
        if self.fp == self.fn == 0:
            return 1.0
        return ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        """Page recall; 1 for a perfect page, 0 when nothing matched."""
        if self.fp == self.fn == 0:
            return 1.0
        return ratio(self.tp, self.tp + self.fn)


def aeb_page(pred: str | None, gold: str | None) -> AebPage:
    """Compare one extracted text with the gold article body.

    >>> aeb_page("a b c d x", "a b c d")
    AebPage(tp=0.5, fp=0.5, fn=0.0, exact=False)
    """
    p, g = shingles(pred), shingles(gold)
    counts = (sum((p & g).values()), sum((p - g).values()), sum((g - p).values()))
    total = sum(counts) or 1
    tp, fp, fn = (c / total for c in counts)
    return AebPage(tp=tp, fp=fp, fn=fn, exact=tokens(pred) == tokens(gold))


@dataclass(frozen=True)
class AebScores:
    """Benchmark-level AEB figures."""

    precision: float
    recall: float
    f1: float
    accuracy: float
    pages: int


def aeb_scores(pages: Sequence[AebPage]) -> AebScores:
    """Average page precision (pages with output) and recall (pages with gold).

    >>> aeb_scores([aeb_page("a b c d", "a b c d"), aeb_page("", "a b c d")])
    AebScores(precision=1.0, recall=0.5, f1=0.6666666666666666, accuracy=0.5, pages=2)
    """
    precision = _mean([p.precision for p in pages if p.tp + p.fp > 0])
    recall = _mean([p.recall for p in pages if p.tp + p.fn > 0])
    return AebScores(
        precision=precision,
        recall=recall,
        f1=f1(precision, recall),
        accuracy=_mean([float(p.exact) for p in pages]),
        pages=len(pages),
    )


# ----------------------------------------------------------------------------- trafilatura eval


def normalize_ws(text: str | None) -> str:
    """Collapse every run of whitespace to one space and strip the ends.

    >>> normalize_ws("  a\\n\\n b\\tc ")
    'a b c'
    """
    return " ".join((text or "").split())


class _Rates:
    """Precision, recall and F1 of a counter's ``tp``, ``fp`` and ``fn``."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        return ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)


@dataclass(frozen=True)
class SnippetCounts(_Rates):
    """Counts of one page (or a sum of pages) of the trafilatura eval."""

    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0
    pages: int = 0

    def __add__(self, other: SnippetCounts) -> SnippetCounts:
        return SnippetCounts(
            self.tp + other.tp,
            self.fn + other.fn,
            self.fp + other.fp,
            self.tn + other.tn,
            self.pages + other.pages,
        )

    @property
    def accuracy(self) -> float:
        return ratio(self.tp + self.tn, self.tp + self.tn + self.fp + self.fn)


def snippet_found(snippet: str, normalized_text: str) -> bool:
    """Whether a snippet occurs in an already whitespace-normalised text."""
    return normalize_ws(snippet) in normalized_text


def snippet_page(pred: str | None, with_: Iterable[str], without: Iterable[str]) -> SnippetCounts:
    """Score one page: found "with" snippets are TP, found "without" snippets FP.

    >>> snippet_page("keep  this\\ntext", ["keep this", "lost"], ["text", "menu"])
    SnippetCounts(tp=1, fn=1, fp=1, tn=1, pages=1)
    """
    text = normalize_ws(pred)
    found_with = [snippet_found(s, text) for s in with_]
    found_without = [snippet_found(s, text) for s in without]
    return SnippetCounts(
        tp=sum(found_with),
        fn=len(found_with) - sum(found_with),
        fp=sum(found_without),
        tn=len(found_without) - sum(found_without),
        pages=1,
    )


def snippet_scores(pages: Iterable[SnippetCounts]) -> SnippetCounts:
    """Sum page counts; read P/R/F1 from the result."""
    return sum(pages, SnippetCounts())


# ----------------------------------------------------------------------------- wild-dev (bag of tokens)

#: Han and kana, by script extension so that marks shared by both (the prolonged
#: sound mark ー) stay inside a Japanese word.
_CJK_RE = regex.compile(r"[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}]+")
#: A page is much worse than the baseline's when its F1 is lower by more than this.
WORSE_BY = 0.05
#: A page is a catastrophe when its F1 is below ``CATASTROPHE_BELOW`` while the
#: baseline reaches ``BASELINE_GOOD``.
CATASTROPHE_BELOW = 0.5
BASELINE_GOOD = 0.9


def char_bigrams(chars: str) -> list[str]:
    """Overlapping character bigrams; a lone character is one token.

    >>> char_bigrams("東京都"), char_bigrams("中")
    (['東京', '京都'], ['中'])
    """
    if len(chars) < 2:
        return [chars]
    return [chars[i : i + 2] for i in range(len(chars) - 1)]


def split_run(run: str) -> list[str]:
    """The tokens of one ``\\w+`` run: its Han/kana stretches as bigrams, the rest whole.

    >>> split_run("iPhone手机2024"), split_run("word")
    (['iPhone', '手机', '2024'], ['word'])
    """
    pieces, pos = [], 0
    for m in _CJK_RE.finditer(run):
        if m.start() > pos:
            pieces.append(run[pos : m.start()])
        pieces.extend(char_bigrams(m.group()))
        pos = m.end()
    if pos < len(run):
        pieces.append(run[pos:])
    return pieces


def bag_of_tokens(text: str | None) -> Counter[str]:
    """The token multiset of the wild-dev metric (NFC text, case kept).

    >>> sorted(bag_of_tokens("Tokyo 東京タワー, Tokyo!").items())
    [('Tokyo', 2), ('タワ', 1), ('ワー', 1), ('京タ', 1), ('東京', 1)]
    """
    bag: Counter[str] = Counter()
    for run in tokens(unicodedata.normalize("NFC", text or "")):
        bag.update(split_run(run))
    return bag


@dataclass(frozen=True)
class BagPage:
    """One page's token counts: found (``tp``), output (``pred``) and gold (``gold``)."""

    tp: int
    pred: int
    gold: int

    @property
    def precision(self) -> float:
        return ratio(self.tp, self.pred)

    @property
    def recall(self) -> float:
        return ratio(self.tp, self.gold)

    @property
    def f1(self) -> float:
        """Page F1; 0 for an empty output (and for an empty gold)."""
        return f1(self.precision, self.recall)


def bag_page(pred: str | None, gold: str | None) -> BagPage:
    """Compare one output with the gold text as token multisets.

    >>> page = bag_page("Home | News: Rain in Paris", "rain in Paris and rain in Lyon")
    >>> page, round(page.f1, 3)  # TP: in, Paris (case kept: "Rain" is not "rain")
    (BagPage(tp=2, pred=5, gold=7), 0.333)
    """
    p, g = bag_of_tokens(pred), bag_of_tokens(gold)
    return BagPage(tp=sum((p & g).values()), pred=sum(p.values()), gold=sum(g.values()))


def macro_f1(pages: Iterable[BagPage]) -> float:
    """The mean of the page F1s (0 for no page).

    >>> macro_f1([bag_page("a b", "a b"), bag_page("", "a b")])
    0.5
    """
    return _mean([p.f1 for p in pages])


def mean_of_groups(pages: Sequence[BagPage], groups: Iterable[Sequence[int]]) -> float:
    """The mean over groups of pages (the datasets) of their macro F1.

    >>> pages = [bag_page("a", "a"), bag_page("a", "a"), bag_page("", "a")]
    >>> mean_of_groups(pages, [[0, 1], [2]])  # (1 + 0) / 2; over the pages it is 2/3
    0.5
    """
    return _mean([macro_f1(pages[i] for i in group) for group in groups])


def much_worse(f1_: float, baseline_f1: float) -> bool:
    """Whether a page's F1 is lower than the baseline's by more than ``WORSE_BY``.

    >>> much_worse(0.90, 0.96), much_worse(0.92, 0.96)
    (True, False)
    """
    return baseline_f1 - f1_ > WORSE_BY


def catastrophic(f1_: float, baseline_f1: float) -> bool:
    """Whether a page fails (F1 under ``CATASTROPHE_BELOW``) where the baseline does well.

    >>> catastrophic(0.4, 0.9), catastrophic(0.4, 0.89), catastrophic(0.5, 1.0)
    (True, False, False)
    """
    return f1_ < CATASTROPHE_BELOW and baseline_f1 >= BASELINE_GOOD


# ----------------------------------------------------------------------------- mixed-language docs

BODY, FOREIGN, QUOTE = "body", "boilerplate-foreign", "quote-foreign"
SHORT = "short"
TITLE_REASON = "title"


@dataclass(frozen=True)
class Verdict:
    """What a cleaner said about one input paragraph.

    ``dropped`` is the rule id (``None`` = kept); ``lang`` the detected language.
    """

    dropped: str | None
    lang: str | None

    @property
    def drops(self) -> bool:
        """Dropped for a reason other than being the title (the title is not lost)."""
        return self.dropped is not None and self.dropped != TITLE_REASON


@dataclass
class MixedScores(_Rates):
    """Per-paragraph verdict counts over the mixed-language documents.

    A paragraph dropped with reason ``title`` counts as a title, not as a drop:
    the title is not lost, it moves to ``Document.title``.
    """

    tp: int = 0  # boilerplate-foreign dropped
    fn: int = 0  # boilerplate-foreign kept (or only taken as title)
    fp: int = 0  # body or quote-foreign dropped
    short_tp: int = 0
    short_total: int = 0
    body_dropped: int = 0  # body paragraphs of whole sentences dropped
    title_lines_dropped: int = 0  # short body lines (title-like) dropped
    quote_dropped: int = 0
    titles: int = 0  # paragraphs reported as the title
    lang_correct: int = 0
    paragraphs: int = 0
    misaligned_docs: int = 0

    @property
    def short_recall(self) -> float:
        return ratio(self.short_tp, self.short_total)

    @property
    def lang_accuracy(self) -> float:
        return ratio(self.lang_correct, self.paragraphs)

    def add(self, gold: Sequence[dict[str, str]], verdicts: Sequence[Verdict]) -> None:
        """Add one document: ``gold`` paragraphs (``label``, ``form``, ``lang``)
        aligned with the cleaner's ``verdicts``.

        A document whose paragraph count differs is counted as misaligned and
        scored on the common prefix.
        """
        if len(gold) != len(verdicts):
            self.misaligned_docs += 1
        for g, v in zip(gold, verdicts, strict=False):
            self._add_paragraph(g, v)

    def _add_paragraph(self, gold: dict[str, str], verdict: Verdict) -> None:
        self.paragraphs += 1
        self.lang_correct += verdict.lang == gold["lang"]
        self.titles += verdict.dropped == TITLE_REASON
        dropped = verdict.drops
        label, short = gold["label"], gold["form"] == SHORT
        if label == FOREIGN:
            self.tp += dropped
            self.fn += not dropped
            if short:
                self.short_total += 1
                self.short_tp += dropped
        else:
            self.fp += dropped
            self.quote_dropped += dropped and label == QUOTE
            self.body_dropped += dropped and label == BODY and not short
            self.title_lines_dropped += dropped and label == BODY and short
