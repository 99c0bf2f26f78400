"""Filters that mark paragraphs a profile knows as boilerplate (rule ``repeated``).

:class:`ProfileFilter` applies a learnt profile (two passes: ``learn``, then
``clean --profile``). :class:`OnlineProfileFilter` learns while it filters, for
pipelines that can read their input once (``clean --jsonl --learn``).
"""

from __future__ import annotations

from collections.abc import Callable

from ..model import Document
from .index import NEAR_SIMILARITY, NearIndex
from .learn import DEFAULT_CAPACITY, ProfileLearner, SiteCounts, distinct, fingerprints
from .normalize import normalize_paragraph, site_key
from .store import Profile

RULE_ID = "repeated"
#: Documents a site needs, in streaming mode, before any of its paragraphs is removed:
#: the first verdict then asks a paragraph to be in 3 of the site's first 5 documents.
#: On the generated benchmark corpus (seed 2, 20,000 documents), warm-ups of 3, 5, 10
#: and 20 gave recall 0.79, 0.76, 0.69, 0.62 at precision 0.9992, 0.9992, 0.9998, 1.0.
DEFAULT_WARMUP = 5


def document_site(doc: Document) -> str | None:
    """The site of a document: its ``site`` metadata, else its ``url``."""
    site = doc.meta.get("site") or doc.meta.get("url")
    return site if isinstance(site, str) else None


class ProfileFilter:
    """Marks kept paragraphs that a profile lists for the document's site.

    ``site_of`` gives the site of a document (a URL, host or name); with no
    site only the corpus-wide entries apply. The site key is recorded in
    ``doc.meta["repeated_site"]`` when a paragraph is marked, for ``--explain``.

    >>> from cleantext.model import Paragraph
    >>> from cleantext.profile import Entry, SiteProfile
    >>> footer = Entry("0 valley news all rights reserved", 9, "© 2024 Valley News. All rights reserved.")
    >>> keep = ProfileFilter(Profile({"valleynews.com": SiteProfile(10, (footer,))}))
    >>> doc = Document([Paragraph("Rain fell."), Paragraph("© 2025 Valley News. All rights reserved.")],
    ...                meta={"url": "https://valleynews.com/rain"})
    >>> [p.dropped for p in keep(doc).paragraphs], doc.meta["repeated_site"]
    ([None, 'repeated'], 'valleynews.com')
    """

    def __init__(
        self,
        profile: Profile,
        site_of: Callable[[Document], str | None] = document_site,
        similarity: float | None = NEAR_SIMILARITY,
    ) -> None:
        self.profile = profile
        self.site_of = site_of
        self.similarity = similarity

    def __call__(self, doc: Document) -> Document:
        site = self.site_of(doc)
        key = site_key(site) if site else None
        marked = False
        for paragraph in doc.paragraphs:
            if paragraph.dropped is None and self.profile.lookup(
                key, normalize_paragraph(paragraph.text), self.similarity
            ):
                paragraph.dropped = RULE_ID
                marked = True
        if marked:
            doc.meta["repeated_site"] = key
        return doc


class _Recurring:
    """A site's paragraphs seen in at least ``min_docs`` documents, for near-exact lookup."""

    __slots__ = ("index", "keys", "prunes")

    def __init__(self, prunes: int = 0) -> None:
        self.index = NearIndex()
        self.keys: set[int] = set()
        self.prunes = prunes

    def add(self, key: int, normalized: str) -> None:
        if key not in self.keys:
            self.keys.add(key)
            self.index.add(key, normalized)


class OnlineProfileFilter:
    """Learns the profile while documents stream, and judges each with the evidence so far.

    The rule, for the n-th document of a site (counting itself, in input order):
    nothing is removed while ``n < warmup``; from then on a paragraph is removed
    when it is in at least ``max(min_docs, ceil(min_share × n))`` of the site's
    first n documents, or is a near-exact copy of such a paragraph.

    The trade-off against learning first: the first ``warmup - 1`` documents of
    every site keep all their paragraphs; a paragraph that becomes frequent late
    (a footer changed in the middle of the stream) is removed only once it is in
    ``min_share`` of all the site's documents so far; and a body paragraph that
    recurs in a burst among a site's first documents can be removed where a
    two-pass profile would keep it. Output depends on the input order only:
    the same documents in the same order give the same verdicts. The filter is
    stateful, so it must see the documents in one process, in order (not in
    parallel workers). Memory is the learner's (see
    :mod:`cleantext.profile.learn`); :meth:`profile` gives what it has learnt.
    """

    def __init__(
        self,
        *,
        min_share: float = 0.3,
        min_docs: int = 3,
        warmup: int = DEFAULT_WARMUP,
        capacity: int = DEFAULT_CAPACITY,
        site_of: Callable[[Document], str | None] = document_site,
        similarity: float | None = NEAR_SIMILARITY,
    ) -> None:
        self.learner = ProfileLearner(min_share=min_share, min_docs=min_docs, capacity=capacity)
        self.warmup = warmup
        self.site_of = site_of
        self.similarity = similarity
        self._recurring: dict[str, _Recurring] = {}

    def __call__(self, doc: Document) -> Document:
        site = self.site_of(doc)
        key = site_key(site) if site else ""
        if not key:
            return doc
        texts = [p.text for p in doc.paragraphs]
        prints = fingerprints(texts)
        counts = self.learner.count(key, distinct(texts, prints))
        recurring = self._update_recurring(key, counts, prints)
        if counts.docs < self.warmup:
            return doc
        needed = self.learner.threshold.needed(counts.docs)

        def frequent(digest: int) -> bool:
            return counts.counts.get(digest, 0) >= needed

        marked = False
        for paragraph, found in zip(doc.paragraphs, prints, strict=True):
            if paragraph.dropped is not None or found is None:
                continue
            normalized, digest = found
            if frequent(digest) or (
                self.similarity is not None and recurring.index.near(normalized, self.similarity, frequent)
            ):
                paragraph.dropped = RULE_ID
                marked = True
        if marked:
            doc.meta["repeated_site"] = key
        return doc

    def _update_recurring(self, key: str, counts: SiteCounts, prints: list[tuple[str, int] | None]) -> _Recurring:
        """The site's recurring paragraphs, with this document's newly recurring ones added."""
        min_docs = self.learner.threshold.min_docs
        recurring = self._recurring.get(key)
        if recurring is None or recurring.prunes != counts.prunes:
            # New site, or its table was pruned since: rebuild from the counts.
            recurring = self._recurring[key] = _Recurring(counts.prunes)
            for digest, count in counts.counts.items():
                if count >= min_docs:
                    recurring.add(digest, normalize_paragraph(counts.texts[digest]))
        for found in prints:
            if found is not None and counts.counts.get(found[1], 0) >= min_docs:
                recurring.add(found[1], found[0])
        return recurring

    def profile(self) -> Profile:
        """The profile learnt from the documents seen so far."""
        return self.learner.profile()
