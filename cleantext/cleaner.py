"""The Cleaner: builds the chain of filters once from Options and runs it.

>>> cleaner = Cleaner(Options())
>>> print(cleaner.clean("Rain returns to the valley\\n"
...                     "After a dry summer, the first storms reached the valley on Sunday night.\\n"
...                     "© 2024 Valley News. All rights reserved."))
After a dry summer, the first storms reached the valley on Sunday night.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from .boilerplate.edges import ForeignEdgeFilter
from .boilerplate.headings import TrailingHeadingFilter
from .boilerplate.letterless import LetterlessFilter
from .boilerplate.links import LinkListFilter
from .boilerplate.markup import MarkupFilter
from .boilerplate.phrases import PhraseFilter
from .boilerplate.pull_quote import PullQuoteFilter
from .boilerplate.title import TitleFilter
from .language import LanguageIdentifier
from .limits import run_limited
from .model import Document, Filter
from .options import Options
from .profile import RULE_ID as PROFILE_RULE
from .profile import OnlineProfileFilter, Profile, ProfileFilter
from .read import read_document, read_limited


class Cleaner:
    """A reusable cleaner. Build once, call many times; safe to pickle.

    Pickling ships the options only; the chain (language profiles, phrase
    rules) is built lazily, once per process, on first use.
    """

    def __init__(self, options: Options | None = None) -> None:
        self.options = options or Options()
        self._chain: list[Filter] | None = None

    @property
    def chain(self) -> list[Filter]:
        """The filters, in the order they run."""
        if self._chain is None:
            self._chain = build_chain(self.options)
        return self._chain

    def read(self, source: str | bytes, url: str | None = None) -> Document:
        """Decode, extract and split ``source`` into a document (no filtering),
        within the limits of the options, as :meth:`process` reads it."""
        return read_limited(source, self.options, url)

    def process(self, source: str | bytes, url: str | None = None, site: str | None = None) -> Document:
        """The document with every paragraph's text, language and verdict.

        ``site`` names the publisher for a learned profile (a URL, a host or a
        name); without it the ``url`` stands for the site.

        Never raises for the content of ``source``: a document over a limit
        (``Options.max_bytes``, ``Options.timeout``) or one that fails comes back
        with no paragraphs, ``meta["skipped"]`` (``too-large``, ``timeout``,
        ``failed``) and ``meta["error"]`` (see :mod:`cleantext.limits`).
        """

        def read() -> Document:
            doc = read_document(source, self.options, url)
            if site:
                doc.meta["site"] = site
            return doc

        return run_limited(source, self.options, read, self.chain)

    def clean(self, source: str | bytes, url: str | None = None, site: str | None = None) -> str:
        """The clean body: kept paragraphs joined by a blank line."""
        return self.process(source, url, site).body

    def __getstate__(self) -> dict[str, Any]:
        return {"options": self.options}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["options"])  # type: ignore[misc]


def build_chain(options: Options) -> list[Filter]:
    """The filters for ``options``: language first, then boilerplate evidence."""
    chain: list[Filter] = [LanguageIdentifier(options.seed), PhraseFilter(options)]
    if options.rule_enabled(PROFILE_RULE):
        if options.profile is not None:
            chain.append(ProfileFilter(load_profile(options.profile)))
        if options.learn:
            chain.append(OnlineProfileFilter())
    optional: list[tuple[str, Callable[[], Filter]]] = [
        ("markup", MarkupFilter),
        ("letterless", LetterlessFilter),
        ("title", TitleFilter),
        ("foreign-edge", ForeignEdgeFilter),
        ("pull-quote", PullQuoteFilter),
        ("link-list", LinkListFilter),
        ("trailing-heading", TrailingHeadingFilter),  # last: it reads every other verdict
    ]
    chain.extend(make() for rule_id, make in optional if options.rule_enabled(rule_id))
    return chain


def load_profile(profile: str | Profile) -> Profile:
    """A profile object as it is, or a profile file, read once per process."""
    if isinstance(profile, Profile):
        return profile
    stat = os.stat(profile)
    return _load_profile_file(os.path.abspath(profile), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=8)
def _load_profile_file(path: str, _mtime_ns: int, _size: int) -> Profile:
    return Profile.load(path)


_default: Cleaner | None = None


def clean(source: str | bytes, url: str | None = None) -> str:
    """Clean one text or HTML page with the default options.

    >>> clean("<html><body><article><p>Only this paragraph is here, and it stays as it is.</p></article></body></html>")
    'Only this paragraph is here, and it stays as it is.'
    """
    global _default
    if _default is None:
        _default = Cleaner()
    return _default.clean(source, url)
