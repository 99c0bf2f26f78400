"""Extraction by agreement: which paragraphs of the views are the article.

Two views of a page (:mod:`cleantext.read.views`) rarely disagree on the article
itself; they disagree at its edges (one takes the menu and the teaser list,
the other the headline) and on pages where one of them took the wrong block.
:func:`merge` lines up the paragraphs of both in page order, each with the
share of its words the other view found too (its *support*). :func:`features`
describes each paragraph with named, explicit evidence, in the spirit of
jusText's classifier:

- agreement: found by both views, by one, and how much the views agree on the page;
- the paragraph: length, link density, whether it ends like a sentence, its kind;
- position: before the first or after the last paragraph both views found;
- the page's own word: whether the page declares its article body (JSON-LD
  ``articleBody``, ``itemprop``) and whether the paragraph is in it;
- each view's quality on this page (its link density, its share of sentences,
  its cover of the declared body), which says whose paragraphs to trust when
  only one view has them.

:class:`AgreementModel` weighs the evidence: a logistic model whose weights
are data (``agreement.json``), grown by ``benchmarks/train_agreement.py`` on
one half of the dev sites and measured on the other. :func:`decide` keeps the
paragraphs it scores at or above the threshold.

>>> from cleantext.model import Paragraph
>>> merged = merge([Paragraph("Rain fell all night in the valley."), Paragraph("Home")],
...                [Paragraph("Storms"), Paragraph("Rain fell all night in the valley.")])
>>> [(c.paragraph.text, c.source, c.support) for c in merged]  # doctest: +NORMALIZE_WHITESPACE
[('Storms', 'readability', 0.0), ('Rain fell all night in the valley.', 'trafilatura', 1.0),
 ('Home', 'trafilatura', 0.0)]
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Container, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from typing import Any

from ..model import Kind, Paragraph

#: A paragraph is found by both views when the other holds this share of its words.
SUPPORTED = 0.5
_KINDS = (Kind.HEADING, Kind.ITEM, Kind.CELL, Kind.QUOTE, Kind.CODE)
_SENTENCE_END = tuple(".!?。！？:;\"'”»)")
# A word: a run of letters and digits; in Han and kana script, each character.
_HAN_KANA = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORD = re.compile(f"[{_HAN_KANA}]|[^\\W{_HAN_KANA}]+")


def words(text: str) -> list[str]:
    """The words of ``text`` as the views are compared: ``\\w+`` runs, and each Han or kana character alone.

    >>> words("Rain, 2024: 大雨です")
    ['Rain', '2024', '大', '雨', 'で', 'す']
    """
    return _WORD.findall(text)


@dataclass
class Candidate:
    """A paragraph one view found, with the share of its words the other view found (``support``)."""

    paragraph: Paragraph
    source: str  # "trafilatura" or "readability": the view whose paragraph this is
    support: float = 0.0

    @cached_property
    def words(self) -> list[str]:
        """The paragraph's :func:`words`, split once."""
        return words(self.paragraph.text)

    @property
    def agreed(self) -> bool:
        return self.support >= SUPPORTED


def merge(primary: Sequence[Paragraph], secondary: Sequence[Paragraph]) -> list[Candidate]:
    """trafilatura's paragraphs (``primary``) and the readability paragraphs it lacks
    (``secondary``), in page order: a paragraph only the second view has goes after the
    primary paragraph that holds the words of the last secondary paragraph both share."""
    own = [Candidate(p, "trafilatura") for p in primary]
    other = [Candidate(p, "readability") for p in secondary]
    where: dict[str, int] = {}  # the first primary paragraph of each word
    for i, c in enumerate(own):
        for w in c.words:
            where.setdefault(w, i)
    inserted: dict[int, list[Candidate]] = {}  # after which primary paragraph (-1: before all)
    anchor = -1
    for c in other:
        c.support = _share_in(c.words, where)
        if c.agreed:
            places = Counter(where[w] for w in c.words if w in where)
            anchor = max(anchor, places.most_common(1)[0][0])
        else:
            inserted.setdefault(anchor, []).append(c)
    in_other = {w for c in other for w in c.words}
    merged = inserted.get(-1, [])
    for i, c in enumerate(own):
        c.support = _share_in(c.words, in_other)
        merged.append(c)
        merged.extend(inserted.get(i, []))
    return merged


def _share_in(own: list[str], others: Container[str]) -> float:
    return sum(1 for w in own if w in others) / len(own) if own else 0.0


# ----------------------------------------------------------------------------- evidence


FEATURES = (
    "from_trafilatura", "support", "agreed", "log_chars", "link_density", "sentence_end",
    "page_declares_body", "in_declared_body", "before_agreed", "after_agreed", "view_agreement", "length_ratio",
    *(f"kind_{kind}" for kind in _KINDS),
    "trafilatura_only", "trafilatura_only_link_gap", "trafilatura_only_sentence_gap",
    "trafilatura_only_declared_gap", "trafilatura_only_length_ratio", "trafilatura_only_link_density",
    "readability_only", "readability_only_link_gap", "readability_only_sentence_gap",
    "readability_only_declared_gap", "readability_only_length_ratio", "readability_only_link_density",
)


@dataclass(frozen=True)
class _ViewQuality:
    """How a view's whole text looks on this page."""

    link_density: float
    sentences: float  # share of its characters in paragraphs that end like a sentence
    declared: float  # share of its words in the page's declared body

    @classmethod
    def of(cls, view: Sequence[Candidate], declared: Container[str]) -> _ViewQuality:
        chars = sum(len(c.paragraph.text) for c in view) or 1
        return cls(
            sum(c.paragraph.links for c in view) / chars,
            sum(len(c.paragraph.text) for c in view if _ends_sentence(c.paragraph.text)) / chars,
            _share_in([w for c in view for w in c.words], declared) if declared else 0.0,
        )


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(_SENTENCE_END)


def features(candidates: Sequence[Candidate], declared_body: str = "") -> list[list[float]]:
    """The evidence on each candidate, in the order of :data:`FEATURES`."""
    declared = set(words(declared_body))
    # the readability view as it was: its paragraphs that trafilatura lacks, and the shared ones
    views = {source: [c for c in candidates if c.source == source or c.agreed]
             for source in ("trafilatura", "readability")}
    trafilatura_words = sum(len(c.words) for c in views["trafilatura"])
    shared = sum(len(c.words) * c.support for c in candidates if c.source == "trafilatura")
    readability_words = sum(len(c.words) for c in candidates if c.source == "readability") + shared
    view_agreement = shared / max(1.0, min(trafilatura_words, readability_words))
    length_ratio = math.log((trafilatura_words + 1) / (readability_words + 1))
    quality_t = _ViewQuality.of(views["trafilatura"], declared)
    quality_r = _ViewQuality.of(views["readability"], declared)
    gaps = (quality_t.link_density - quality_r.link_density, quality_t.sentences - quality_r.sentences,
            quality_t.declared - quality_r.declared, length_ratio)
    agreed_at = [i for i, c in enumerate(candidates) if c.source == "trafilatura" and c.agreed]
    first, last = (agreed_at[0], agreed_at[-1]) if agreed_at else (-1, len(candidates))
    rows = []
    for i, c in enumerate(candidates):
        p = c.paragraph
        from_t = float(c.source == "trafilatura")
        link_density = p.links / len(p.text) if p.text else 0.0
        only_t = float(from_t and not c.agreed)
        only_r = 1.0 - from_t
        rows.append([
            from_t, c.support, from_t * c.support, math.log1p(len(p.text)), link_density,
            float(_ends_sentence(p.text)), float(bool(declared)),
            _share_in(c.words, declared) if declared else 0.0,
            float(i < first), float(i > last), view_agreement, length_ratio,
            *(float(p.kind == kind) for kind in _KINDS),
            only_t, *(only_t * gap for gap in gaps), only_t * link_density,
            only_r, *(only_r * gap for gap in gaps), only_r * link_density,
        ])
    return rows


# ----------------------------------------------------------------------------- the decision


@dataclass(frozen=True)
class AgreementModel:
    """A logistic model over :data:`FEATURES`: standardised evidence, weights, bias, threshold."""

    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float = 0.5

    def probability(self, row: Sequence[float]) -> float:
        """The probability that a paragraph with this evidence is the article's."""
        terms = zip(self.weights, row, self.mean, self.scale, strict=True)
        z = self.bias + sum(w * (x - m) / s for w, x, m, s in terms)
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AgreementModel:
        """The model of a dict as :meth:`to_dict` writes it; its features must be :data:`FEATURES`."""
        if tuple(data["features"]) != FEATURES:
            raise ValueError("the agreement model was trained on other features; train it again")
        return cls(tuple(data["mean"]), tuple(data["scale"]), tuple(data["weights"]),
                   float(data["bias"]), float(data["threshold"]))

    def to_dict(self) -> dict[str, Any]:
        return {"features": list(FEATURES), "mean": list(self.mean), "scale": list(self.scale),
                "weights": list(self.weights), "bias": self.bias, "threshold": self.threshold}


@lru_cache(maxsize=1)
def default_model() -> AgreementModel:
    """The model shipped with cleantext (``cleantext/read/agreement.json``), read once per process."""
    data = json.loads(resources.files("cleantext.read").joinpath("agreement.json").read_text(encoding="utf-8"))
    return AgreementModel.from_dict(data["model"])


def decide(candidates: Sequence[Candidate], declared_body: str = "",
           model: AgreementModel | None = None) -> list[Paragraph]:
    """The paragraphs of the article, in page order: the candidates the model keeps.

    When it keeps none, trafilatura's view stands (or readability's, when trafilatura found nothing).
    """
    model = model or default_model()
    rows = features(candidates, declared_body)
    kept = [c.paragraph for c, row in zip(candidates, rows, strict=True) if model.probability(row) >= model.threshold]
    if kept:
        return kept
    own = [c.paragraph for c in candidates if c.source == "trafilatura"]
    return own or [c.paragraph for c in candidates]
