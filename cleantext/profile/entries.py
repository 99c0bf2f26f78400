"""The pieces of a profile: thresholds, learned paragraphs, one site's share of them."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar


@dataclass(frozen=True)
class Threshold:
    """When a recurring paragraph counts as boilerplate.

    A paragraph is boilerplate for a site when it is in at least ``min_share``
    of the site's documents and in at least ``min_docs`` of them. It is
    boilerplate everywhere (a corpus-wide entry) when it is boilerplate for at
    least ``min_sites`` sites.

    Why these defaults: a site's header and footer are in nearly all its
    documents, and blocks shown on one section only (a newsletter pitch, an
    opinion disclaimer) still in a good third of them, so 0.3 keeps them; a body
    paragraph that legitimately recurs (a quote repeated in follow-up stories, a
    standard sentence about a running story) is in a few documents, far below a
    third of any site with more than a handful of articles. ``min_docs=3`` asks
    two more documents to confirm the first, and is the rule that binds for
    sites of fewer than ten documents (two copies can be a story and its update).
    Three sites agreeing is enough to trust a paragraph everywhere, because each
    of them has met the site threshold on its own.

    >>> Threshold().needed(4), Threshold().needed(10), Threshold().needed(101)
    (3, 3, 31)
    """

    min_share: float = 0.3
    min_docs: int = 3
    min_sites: int = 3

    def __post_init__(self) -> None:
        if isinstance(self.min_share, bool) or not 0 < self.min_share <= 1:
            raise ValueError(f"min_share must be in (0, 1], not {self.min_share!r}")
        for name in ("min_docs", "min_sites"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 2:
                raise ValueError(f"{name} must be an integer of at least 2, not {value!r}")

    def needed(self, docs: int) -> int:
        """Documents a paragraph must be in, for a site of ``docs`` documents."""
        # round() first: 0.3 * 10 is 3.0000000000000004 in floating point.
        return max(self.min_docs, math.ceil(round(self.min_share * docs, 9)))

    def as_dict(self) -> dict[str, float | int]:
        return {"min_share": self.min_share, "min_docs": self.min_docs, "min_sites": self.min_sites}


@dataclass(frozen=True)
class Entry:
    """One learned boilerplate paragraph.

    ``text`` is the normalised paragraph (see :func:`normalize_paragraph`),
    ``count`` the number of documents it was seen in (a lower bound once a
    site outgrew the learner's capacity; 0 for an entry added by hand), and
    ``example`` one original paragraph, for people reading the profile.
    """

    text: str
    count: int = 0
    example: str = ""

    def as_dict(self) -> dict[str, str | int]:
        return {"text": self.text, "count": self.count, "example": self.example}


@dataclass(frozen=True)
class GlobalEntry(Entry):
    """A corpus-wide entry: boilerplate for ``sites`` sites, so removed on every site.

    ``count`` is the sum of its counts over those sites.
    """

    sites: int = 0

    def as_dict(self) -> dict[str, str | int]:
        return {"text": self.text, "count": self.count, "sites": self.sites, "example": self.example}


@dataclass(frozen=True)
class SiteProfile:
    """What was learned about one site: its document count and its boilerplate."""

    docs: int
    entries: tuple[Entry, ...] = ()

    def as_dict(self) -> dict[str, object]:
        return {"docs": self.docs, "paragraphs": [e.as_dict() for e in self.entries]}


E = TypeVar("E", bound=Entry)


def ordered(entries: Iterable[E]) -> tuple[E, ...]:
    """Entries in the profile file's order: most frequent first, then by text."""
    return tuple(sorted(entries, key=lambda e: (-e.count, e.text)))
