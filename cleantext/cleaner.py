"""The Cleaner: builds the chain of filters once from Options and runs it.

>>> cleaner = Cleaner(Options())
>>> print(cleaner.clean("Rain returns to the valley\\n"
...                     "After a dry summer, the first storms reached the valley on Sunday night.\\n"
...                     "© 2024 Valley News. All rights reserved."))
After a dry summer, the first storms reached the valley on Sunday night.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from .boilerplate.edges import ForeignEdgeFilter
from .boilerplate.headings import TrailingHeadingFilter
from .boilerplate.letterless import LetterlessFilter
from .boilerplate.links import LinkListFilter
from .boilerplate.markup import MarkupFilter
from .boilerplate.phrases import PhraseFilter, PhraseRules
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

    The chain is built when the cleaner is made, so bad options (a phrase file
    that does not parse, an unknown rule id in ``disable``) raise ``ValueError``
    here, before any document is read. Pickling ships the options only; the
    chain is built again, once per process (langdetect's profiles load on first use).

    >>> Cleaner(Options(disable=("titel",)))
    Traceback (most recent call last):
    ...
    ValueError: unknown rule id 'titel' in disable (did you mean 'title'?)
    """

    def __init__(self, options: Options | None = None) -> None:
        self.options = options or Options()
        check_options(self.options)
        self.chain: list[Filter] = build_chain(self.options)

    @property
    def uses_sites(self) -> bool:
        """True when paragraphs are dropped by the document's site (a profile, or ``learn``)."""
        return self.options.rule_enabled(PROFILE_RULE) and (self.options.profile is not None or self.options.learn)

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


#: The steps that ``disable`` can switch off one by one, in the order they run after the language,
#: the phrase rules and the publisher profile.
OPTIONAL_STEPS: list[tuple[str, Callable[[], Filter]]] = [
    ("markup", MarkupFilter),
    ("letterless", LetterlessFilter),
    ("title", TitleFilter),
    ("foreign-edge", ForeignEdgeFilter),
    ("pull-quote", PullQuoteFilter),
    ("link-list", LinkListFilter),
    ("trailing-heading", TrailingHeadingFilter),  # last: it reads every other verdict
]


def build_chain(options: Options) -> list[Filter]:
    """The filters for ``options``: language first, then boilerplate evidence."""
    chain: list[Filter] = [LanguageIdentifier(options.seed), PhraseFilter(options)]
    if options.rule_enabled(PROFILE_RULE):
        if options.profile is not None:
            chain.append(ProfileFilter(load_profile(options.profile)))
        if options.learn:
            chain.append(OnlineProfileFilter())
    chain.extend(make() for rule_id, make in OPTIONAL_STEPS if options.rule_enabled(rule_id))
    return chain


def check_options(options: Options) -> None:
    """Raise ``ValueError`` for a phrase file that does not parse, or for an id in ``options.disable``
    that names no rule (nor, ending in ``/``, a family of rules): a typo would otherwise leave the
    rule running, silently."""
    known = [PROFILE_RULE, *(rule for rule, _ in OPTIONAL_STEPS), *PhraseRules.load(options.phrase_files).rule_ids()]
    for off in options.disable:
        if not any(rule == off or (off.endswith("/") and rule.startswith(off)) for rule in known):
            close = difflib.get_close_matches(off, known + sorted({r.partition("/")[0] + "/" for r in known}), 1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise ValueError(f"unknown rule id {off!r} in disable{hint}")


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
