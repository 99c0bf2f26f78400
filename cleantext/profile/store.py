"""A learned profile: per-site boilerplate, corpus-wide boilerplate, the file format.

The profile file is JSON, UTF-8, meant to be read and edited by a person::

    {
      "format": "cleantext-profile",      // required, this exact string
      "version": 1,                       // required; this cleantext reads version 1
      "threshold": {"min_share": 0.3, "min_docs": 3, "min_sites": 3},   // optional
      "sites": {                          // required; one key per site
        "eastgazette.co.uk": {
          "docs": 120,                    // documents of the site when learnt (optional)
          "paragraphs": [                 // the site's boilerplate (required)
            {"text": "0 east gazette all rights reserved",   // required
             "count": 118,                                   // optional, default 0
             "example": "© 2024 East Gazette. All rights reserved."}  // optional
          ]
        }
      },
      "global": [                         // optional: boilerplate on every site
        {"text": "share this article", "count": 310, "sites": 4, "example": "Share this article"}
      ]
    }

(JSON has no comments: they are here for the reader only.) ``text`` is the
normalised paragraph, and is normalised again when the file is read, so an
original paragraph can be pasted in as it is. To stop a paragraph from being
removed, delete its entry; to remove one, add it. A site key is normalised like
a record's site (a URL becomes its registered domain). ``threshold`` records how
the profile was learnt; entries are used as they are. Unknown keys, a wrong
type, a paragraph listed twice in one list (once normalised) or an unknown
version raise :class:`ProfileError` naming the key path, so a typo never turns
into a silently ignored entry. Corpus-wide entries are derived when learning:
a paragraph that is boilerplate for at least ``min_sites`` sites; they are
kept in their sites' lists too.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from .entries import E, Entry, GlobalEntry, SiteProfile, Threshold, ordered
from .index import NEAR_SIMILARITY, Match, NearIndex, Scope
from .normalize import hash_normalized, normalize_paragraph, site_key
from .schema import FORMAT, VERSION, ProfileError, parse


@dataclass
class _Index:
    """The entries of one scope, by hash and by their ends."""

    entries: dict[int, Entry] = field(default_factory=dict)
    near: NearIndex = field(default_factory=NearIndex)

    @classmethod
    def of(cls, entries: Iterable[Entry]) -> _Index:
        index = cls()
        for entry in entries:
            key = hash_normalized(entry.text)
            index.entries[key] = entry
            index.near.add(key, entry.text)
        return index


_NOTHING = _Index()  # the index of a site the profile does not know


class Profile:
    """Boilerplate paragraphs learnt per site, and corpus-wide.

    Build one with :class:`~cleantext.profile.ProfileLearner` or
    :func:`~cleantext.profile.learn_profile`, or :meth:`load` a file.
    ``global_entries=None`` derives the corpus-wide entries from the sites.

    >>> footer = Entry("0 valley news all rights reserved", 9, "© 2024 Valley News. All rights reserved.")
    >>> profile = Profile({"valleynews.com": SiteProfile(10, (footer,))})
    >>> profile.match("https://www.valleynews.com/x", "© 2025 Valley News. All Rights Reserved").scope
    'site'
    >>> profile.match("other.org", "© 2025 Valley News. All Rights Reserved") is None
    True
    """

    def __init__(
        self,
        sites: Mapping[str, SiteProfile] | None = None,
        threshold: Threshold | None = None,
        global_entries: Iterable[GlobalEntry] | None = None,
    ) -> None:
        self.threshold = threshold or Threshold()
        sites = sites or {}
        self.sites = {name: SiteProfile(sites[name].docs, ordered(sites[name].entries)) for name in sorted(sites)}
        if global_entries is None:
            global_entries = derive_global(self.sites, self.threshold)
        self.global_entries = ordered(global_entries)
        self._indexes: dict[str | None, _Index] = {}

    # -- matching ---------------------------------------------------------------

    def match(self, site: str | None, text: str, similarity: float | None = NEAR_SIMILARITY) -> Match | None:
        """The entry that ``text`` repeats, for a document of ``site``, or None.

        ``site`` may be a URL, a host or a site key (``None``: corpus-wide
        entries only). Exact matches (after normalisation) win over near ones;
        ``similarity=None`` asks for exact matches only.
        """
        key = site_key(site) if site else None
        return self.lookup(key, normalize_paragraph(text), similarity)

    def lookup(self, key: str | None, normalized: str, similarity: float | None = NEAR_SIMILARITY) -> Match | None:
        """:meth:`match` for a site key and an already normalised paragraph (the fast path)."""
        if not normalized:
            return None
        scopes: list[tuple[_Index, Scope]] = [(self._index(None), "global")]
        if key:
            scopes.insert(0, (self._index(key), "site"))
        digest = hash_normalized(normalized)
        for index, scope in scopes:
            if digest in index.entries:
                return Match(index.entries[digest], scope, 1.0)
        if similarity is None:
            return None
        for index, scope in scopes:
            found = index.near.near(normalized, similarity)
            if found is not None:
                return Match(index.entries[found[0]], scope, found[1])
        return None

    def _index(self, key: str | None) -> _Index:
        """The lookup structure of a site (``None``: the corpus-wide entries), built on first use."""
        index = self._indexes.get(key)
        if index is None:
            if key is not None and key not in self.sites:
                return _NOTHING
            index = self._indexes[key] = _Index.of(self.sites[key].entries if key else self.global_entries)
        return index

    # -- combining --------------------------------------------------------------

    def merge(self, other: Profile) -> Profile:
        """This profile and ``other`` in one; see :meth:`merge_all`."""
        return Profile.merge_all([self, other])

    @classmethod
    def merge_all(cls, profiles: Iterable[Profile]) -> Profile:
        """Profiles learnt on separate shards, combined.

        A site's documents and its entries' counts add up; an entry found in
        any shard is kept; corpus-wide entries are derived again from the
        merged sites (entries added to a file by hand are kept). When the shards
        split the corpus by site, the result equals the profile learnt on the
        whole corpus. When one site is spread over several shards, merge the
        learners instead (:meth:`ProfileLearner.merge_all`): a finished profile
        no longer holds the counts of paragraphs below the threshold.
        Every profile must have the same threshold.
        """
        profiles = list(profiles)
        threshold = profiles[0].threshold if profiles else Threshold()
        if any(p.threshold != threshold for p in profiles):
            raise ValueError("cannot merge profiles learnt with different thresholds")
        docs: dict[str, int] = {}
        entries: dict[str, dict[str, Entry]] = {}
        for profile in profiles:
            for name, site in profile.sites.items():
                docs[name] = docs.get(name, 0) + site.docs
                _add_counts(entries.setdefault(name, {}), site.entries)
        sites = {name: SiteProfile(docs[name], tuple(entries[name].values())) for name in docs}
        derived = {e.text: e for e in derive_global(sites, threshold)}
        by_hand: dict[str, GlobalEntry] = {}
        for profile in profiles:
            _add_counts(by_hand, (e for e in profile.global_entries if e.text not in derived))
        return cls(sites, threshold, [*derived.values(), *by_hand.values()])

    # -- the file ---------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """The profile as the JSON object of its file."""
        return {
            "format": FORMAT,
            "version": VERSION,
            "threshold": self.threshold.as_dict(),
            "sites": {name: site.as_dict() for name, site in self.sites.items()},
            "global": [e.as_dict() for e in self.global_entries],
        }

    @classmethod
    def from_dict(cls, data: Any, source: str | None = None) -> Profile:
        """A profile from the decoded JSON of a file; :class:`ProfileError` if malformed."""
        threshold, sites, global_entries = parse(data, source)
        return cls(sites, threshold, global_entries)

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the profile file (UTF-8 JSON, sites sorted, entries most frequent first)."""
        with open(path, "w", encoding="utf-8") as out:
            out.write(self.to_json())

    def to_json(self) -> str:
        """The profile file's text (what :meth:`save` writes)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Profile:
        """Read a profile file; :class:`ProfileError` names the problem and its key path."""
        source = os.fspath(path)
        with open(path, "rb") as file:
            raw = file.read()
        try:
            data = json.loads(raw.decode("utf-8-sig"))
        except UnicodeDecodeError as error:
            raise ProfileError(f"not UTF-8 text (byte {error.start})", source=source) from None
        except json.JSONDecodeError as error:
            problem = f"not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})"
            raise ProfileError(problem, source=source) from None
        return cls.from_dict(data, source)

    # -- the object ---------------------------------------------------------------

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Profile) and self.to_dict() == other.to_dict()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        entries = sum(len(s.entries) for s in self.sites.values())
        return f"<Profile: {len(self.sites)} sites, {entries} entries, {len(self.global_entries)} global>"

    def __getstate__(self) -> dict[str, Any]:
        # The lookup indexes are rebuilt on first use: pickles stay small.
        return {"threshold": self.threshold, "sites": self.sites, "global_entries": self.global_entries}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state, _indexes={})


def _add_counts(into: dict[str, E], entries: Iterable[E]) -> None:
    """Add ``entries`` into ``into`` (keyed by text): counts add up, the first example stays."""
    for entry in entries:
        known = into.get(entry.text)
        if known is None:
            into[entry.text] = entry
        elif isinstance(known, GlobalEntry) and isinstance(entry, GlobalEntry):
            into[entry.text] = replace(known, count=known.count + entry.count, sites=known.sites + entry.sites)
        else:
            into[entry.text] = replace(known, count=known.count + entry.count)


def derive_global(sites: Mapping[str, SiteProfile], threshold: Threshold) -> tuple[GlobalEntry, ...]:
    """Paragraphs that are boilerplate for at least ``threshold.min_sites`` sites."""
    found: dict[str, GlobalEntry] = {}
    for name in sorted(sites):
        for entry in sites[name].entries:
            known = found.get(entry.text)
            count, n_sites = (known.count, known.sites) if known else (0, 0)
            example = known.example if known else entry.example
            found[entry.text] = GlobalEntry(entry.text, count + entry.count, example, n_sites + 1)
    return ordered(e for e in found.values() if e.sites >= threshold.min_sites)
