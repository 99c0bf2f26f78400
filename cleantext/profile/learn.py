"""Learning a profile in one pass, in bounded memory, on shards that merge.

For each site the learner counts, per normalised paragraph, the documents it
is in (a paragraph repeated inside one document counts once), keyed by the
paragraph's 64-bit hash. The text of a paragraph is kept only once it recurs
(its second occurrence becomes the entry's example): most paragraphs of a
corpus are body text seen once, and for them only the hash and count are held.

The table of a site is a Misra–Gries summary (the mergeable "frequent items"
counter): when it grows past ``2 × capacity`` entries, the ``capacity + 1``-th
largest count ``c`` is subtracted from every entry and entries left at zero
go. As most entries are seen once, a prune mostly drops those. A count is then
a lower bound, short by at most ``I / (capacity + 1)``, where ``I`` is the
number of (document, paragraph) pairs of the site: with 20 paragraphs a
document and the default capacity of 1000, a footer on every page is
undercounted by at most 2 % of the site's documents. Until a site's table is
first pruned its counts are exact.

Memory: at most ``2 × capacity`` entries per site. For N documents of P
distinct paragraphs over S sites that is at most ``min(N × P, S × 2 × capacity)``
entries: it grows with the number of sites, not with the documents of a site.
An entry costs about 100 bytes, plus its text once the paragraph has recurred:
on the generated corpus of ``benchmarks/profile_bench.py`` (200,000 documents,
1,500 sites) the tables held 412,455 entries and the peak RSS grew by 42 MB
over reading the corpus alone.

Merging learners (``merge_all``) adds the tables and prunes the same way; the
counts of the merged learner are those of the learner of the whole while no
table was pruned (``learner.exact``). A paragraph seen once in each of several
shards recurs only after the merge, and no shard kept its text: learners made
with ``exact_merge=True`` keep the text of every paragraph they count (the
first occurrence becomes the example), so that learning on shards and merging
gives exactly the profile of learning on the whole, at the cost of the text of
every paragraph in the tables. Without it such a paragraph cannot be listed
until it is seen once more.

>>> learner = ProfileLearner()
>>> for day, story in enumerate(["Rain.", "Sun.", "Wind.", "Snow."], start=1):
...     learner.add("https://www.valleynews.com/a", [story, f"© 202{day} Valley News."])
>>> [(e.count, e.example) for e in learner.profile().sites["valleynews.com"].entries]
[(4, '© 2022 Valley News.')]
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..options import Options
from ..read import read_limited
from .entries import Entry, SiteProfile, Threshold
from .normalize import hash_normalized, normalize_paragraph, site_key
from .store import Profile

#: Entries a site's table keeps after a prune (it holds at most twice as many).
DEFAULT_CAPACITY = 1000

def paragraphs_of(source: str | bytes, options: Options | None = None) -> list[str]:
    """The paragraphs the cleaner would see in ``source`` (read, extracted, repaired).

    A document over the limits of ``options`` has none (see :func:`read_limited`).

    >>> paragraphs_of("Title\\nLine one.\\n"), paragraphs_of("A\\nB.\\n\\n C. ")
    (['Title', 'Line one.'], ['A\\nB.', 'C.'])
    """
    return [p.text for p in read_limited(source, options or Options()).paragraphs]


def fingerprints(texts: Iterable[str]) -> list[tuple[str, int] | None]:
    """The normalised form and hash of each paragraph (None for an empty one)."""
    prints: list[tuple[str, int] | None] = []
    for text in texts:
        normalized = normalize_paragraph(text)
        prints.append((normalized, hash_normalized(normalized)) if normalized else None)
    return prints


def distinct(texts: Sequence[str], prints: Sequence[tuple[str, int] | None]) -> dict[int, str]:
    """A document's paragraphs by hash, the first text of each (empty ones left out)."""
    by_hash: dict[int, str] = {}
    for text, found in zip(texts, prints, strict=True):
        if found is not None:
            by_hash.setdefault(found[1], text)
    return by_hash


class SiteCounts:
    """Document frequencies of one site's paragraphs (a Misra–Gries summary)."""

    __slots__ = ("counts", "docs", "prunes", "texts", "undercount")

    def __init__(self) -> None:
        self.docs = 0
        self.counts: dict[int, int] = {}
        self.texts: dict[int, str] = {}  # the example text of recurring paragraphs
        self.undercount = 0  # how much any count may fall short of the truth
        self.prunes = 0

    def add(self, paragraphs: Mapping[int, str], capacity: int, keep_all_texts: bool) -> None:
        """Count one document, given as its distinct paragraphs by hash."""
        self.docs += 1
        counts, texts = self.counts, self.texts
        for key, text in paragraphs.items():
            seen = counts.get(key, 0)
            counts[key] = seen + 1
            if seen or keep_all_texts:
                texts.setdefault(key, text)
        if len(counts) > 2 * capacity:
            self._prune(capacity)

    def absorb(self, other: SiteCounts, capacity: int) -> None:
        """Add another summary of the same site (learnt on later documents) to this one."""
        self.docs += other.docs
        self.undercount += other.undercount
        self.prunes += other.prunes
        for key, count in other.counts.items():
            self.counts[key] = self.counts.get(key, 0) + count
        for key, text in other.texts.items():
            self.texts.setdefault(key, text)
        if len(self.counts) > 2 * capacity:
            self._prune(capacity)

    def _prune(self, capacity: int) -> None:
        cut = heapq.nlargest(capacity + 1, self.counts.values())[-1]
        self.counts = {key: count - cut for key, count in self.counts.items() if count > cut}
        self.texts = {key: text for key, text in self.texts.items() if key in self.counts}
        self.undercount += cut
        self.prunes += 1

    def entries(self, threshold: Threshold) -> list[Entry]:
        """The paragraphs frequent enough to be the site's boilerplate (and whose text is known)."""
        needed = threshold.needed(self.docs)
        return [
            Entry(normalize_paragraph(self.texts[key]), count, self.texts[key])
            for key, count in self.counts.items()
            if count >= needed and key in self.texts
        ]


class ProfileLearner:
    """Counts recurring paragraphs per site; :meth:`profile` applies the threshold.

    Picklable, so it can learn in a worker process and be merged afterwards.
    """

    def __init__(
        self,
        *,
        min_share: float = 0.3,
        min_docs: int = 3,
        min_sites: int = 3,
        capacity: int = DEFAULT_CAPACITY,
        exact_merge: bool = False,
    ) -> None:
        if isinstance(capacity, bool) or not isinstance(capacity, int) or capacity < 1:
            raise ValueError(f"capacity must be a positive integer, not {capacity!r}")
        self.threshold = Threshold(min_share, min_docs, min_sites)
        self.capacity = capacity
        self.exact_merge = exact_merge
        self.sites: dict[str, SiteCounts] = {}
        self.skipped = 0  # documents without a site

    def add(self, site: str | None, paragraphs: Iterable[str]) -> None:
        """Count one document of ``site`` (a URL, a host or a name; ``None`` skips it)."""
        key = site_key(site) if site else ""
        if not key:
            self.skipped += 1
            return
        texts = list(paragraphs)
        self.count(key, distinct(texts, fingerprints(texts)))

    def count(self, key: str, paragraphs: Mapping[int, str]) -> SiteCounts:
        """Count one document of site ``key`` given as distinct paragraphs by hash."""
        counts = self.sites.get(key)
        if counts is None:
            counts = self.sites[key] = SiteCounts()
        counts.add(paragraphs, self.capacity, self.exact_merge)
        return counts

    def add_records(
        self,
        records: Iterable[Mapping[str, Any]],
        field: str = "text",
        site_field: str = "url",
        options: Options | None = None,
    ) -> ProfileLearner:
        """Count records: ``field`` holds the text or HTML, ``site_field`` the site. Returns self.

        The text is read as the cleaner reads it (``options``: format, repair).
        A record whose text or site is missing or not a string is skipped.
        """
        options = options or Options()
        for record in records:
            text, site = record.get(field), record.get(site_field)
            if isinstance(text, str) and isinstance(site, str):
                self.add(site, paragraphs_of(text, options))
            else:
                self.skipped += 1
        return self

    @property
    def docs(self) -> int:
        """Documents counted (skipped ones excluded)."""
        return sum(counts.docs for counts in self.sites.values())

    @property
    def entries(self) -> int:
        """Paragraphs held in the tables now: what the memory grows with."""
        return sum(len(counts.counts) for counts in self.sites.values())

    @property
    def exact(self) -> bool:
        """True while no site's table was pruned: every count is exact."""
        return all(counts.prunes == 0 for counts in self.sites.values())

    def profile(self) -> Profile:
        """The learnt profile: each site's paragraphs at the threshold, and corpus-wide ones."""
        sites: dict[str, SiteProfile] = {}
        for key, counts in self.sites.items():
            entries = counts.entries(self.threshold)
            if entries:
                sites[key] = SiteProfile(counts.docs, tuple(entries))
        return Profile(sites, self.threshold)

    def merge(self, other: ProfileLearner) -> ProfileLearner:
        """A new learner holding this one's counts and then ``other``'s."""
        return ProfileLearner.merge_all([self, other])

    @classmethod
    def merge_all(cls, learners: Iterable[ProfileLearner]) -> ProfileLearner:
        """One learner from learners of consecutive shards, in shard order.

        The order decides only which example text an entry keeps (the first
        shard's). All learners must share their threshold and capacity; the
        merged learner keeps texts like the first one (``exact_merge``).
        """
        learners = list(learners)
        if not learners:
            return cls()
        first = learners[0]
        if any((lr.threshold, lr.capacity) != (first.threshold, first.capacity) for lr in learners):
            raise ValueError("cannot merge learners with different thresholds or capacities")
        merged = cls(capacity=first.capacity, exact_merge=first.exact_merge, **vars(first.threshold))
        for learner in learners:
            merged.skipped += learner.skipped
            for key, counts in learner.sites.items():
                merged.sites.setdefault(key, SiteCounts()).absorb(counts, merged.capacity)
        return merged


def learn_profile(
    records: Iterable[Mapping[str, Any]],
    field: str = "text",
    site_field: str = "url",
    *,
    min_share: float = 0.3,
    min_docs: int = 3,
    min_sites: int = 3,
    capacity: int = DEFAULT_CAPACITY,
    exact_merge: bool = False,
    options: Options | None = None,
) -> Profile:
    """Learn a profile from records, one pass: ``field`` is the text, ``site_field`` the site.

    Each text is read as the cleaner reads it (HTML extracted, plain text split
    on blank lines or lines, encoding repaired; ``options`` as for the cleaner).
    See :class:`ProfileLearner` for the thresholds.

    >>> records = [{"url": f"https://ex.com/{i}", "text": f"{news}\\n\\nEx.com, 2024"} for i, news in enumerate("ABC")]
    >>> [e.text for e in learn_profile(records).sites["ex.com"].entries]
    ['ex com 0']
    """
    learner = ProfileLearner(
        min_share=min_share, min_docs=min_docs, min_sites=min_sites, capacity=capacity, exact_merge=exact_merge
    )
    return learner.add_records(records, field, site_field, options).profile()
