"""Finding a paragraph among learned ones: exact by hash, then near-exact.

Numbers are already folded by normalisation, so a changed date or count is an
exact match. Near-exact tolerates a small edit elsewhere (a word changed,
added or dropped) and stays cheap: only a learned paragraph that shares its
first or its last :data:`AFFIX` normalised characters with the paragraph is
compared, by Jaccard similarity of character trigrams, and only when both are
at least :data:`NEAR_MIN_CHARS` long. Whole paragraphs are compared, so a body
paragraph that quotes a boilerplate sentence among others is far from it.

>>> index = NearIndex()
>>> footer = "east gazette publishes in english only for the full story click here"
>>> index.add(1, footer)
>>> key, score = index.near("east gazette publishes in english only for the whole story click here", 0.75)
>>> key, round(score, 2)
(1, 0.82)
>>> index.near(footer + " the minister said that talks would resume in spring", 0.75) is None
True
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from .entries import Entry

#: Default least trigram Jaccard similarity of a near-exact match.
NEAR_SIMILARITY = 0.75
#: Shorter paragraphs match exactly or not at all ("read more" is not "read less").
NEAR_MIN_CHARS = 32
#: Length of the prefix and suffix a near-exact candidate must share.
AFFIX = 16


Scope = Literal["site", "global"]


@dataclass(frozen=True)
class Match:
    """Why a paragraph matched a profile.

    ``scope`` is ``"site"`` for an entry of the document's site, ``"global"``
    for a corpus-wide entry; ``similarity`` is 1.0 for an exact match.
    """

    entry: Entry
    scope: Scope
    similarity: float


def trigrams(normalized: str) -> frozenset[str]:
    """Character trigrams of a normalised paragraph, with its ends marked."""
    padded = f" {normalized} "
    return frozenset(padded[i : i + 3] for i in range(len(padded) - 2))


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard similarity of two sets (0.0 when either is empty)."""
    common = len(a & b)
    union = len(a) + len(b) - common
    return common / union if union else 0.0


def _affixes(normalized: str) -> tuple[str, str]:
    return "<" + normalized[:AFFIX], ">" + normalized[-AFFIX:]


class NearIndex:
    """Normalised paragraphs keyed by their ends, for near-exact lookup.

    Memory: two short keys per paragraph; trigrams are computed only for the
    few candidates that share an end with the paragraph looked up.
    """

    def __init__(self) -> None:
        self._by_affix: dict[str, list[tuple[int, str]]] = {}

    def add(self, key: int, normalized: str) -> None:
        """Index ``normalized`` under ``key`` (a hash); short paragraphs are skipped."""
        if len(normalized) < NEAR_MIN_CHARS:
            return
        for affix in _affixes(normalized):
            self._by_affix.setdefault(affix, []).append((key, normalized))

    def near(
        self, normalized: str, min_similarity: float, accept: Callable[[int], bool] | None = None
    ) -> tuple[int, float] | None:
        """The key and similarity of the most similar indexed paragraph, if similar enough.

        ``accept`` can veto a candidate by its key (the streaming filter uses it
        to skip paragraphs that are not frequent enough yet). Ties go to the
        candidate indexed first, so the answer is deterministic.
        """
        if len(normalized) < NEAR_MIN_CHARS or not self._by_affix:
            return None
        mine: frozenset[str] | None = None
        best: tuple[int, float] | None = None
        seen: set[int] = set()
        for affix in _affixes(normalized):
            for key, other in self._by_affix.get(affix, ()):
                if key in seen or (accept is not None and not accept(key)):
                    continue
                seen.add(key)
                if min(len(other), len(normalized)) < min_similarity * max(len(other), len(normalized)):
                    continue
                mine = mine or trigrams(normalized)
                score = similarity(mine, trigrams(other))
                if score >= min_similarity and (best is None or score > best[1]):
                    best = (key, score)
        return best
