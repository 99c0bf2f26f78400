"""The Cleaner: builds the chain of filters once from Options and runs it.

>>> cleaner = Cleaner(Options())
>>> print(cleaner.clean("Rain returns to the valley\\n"
...                     "After a dry summer, the first storms reached the valley on Sunday night.\\n"
...                     "© 2024 Valley News. All rights reserved."))
After a dry summer, the first storms reached the valley on Sunday night.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from .chain import build_chain, check_options
from .limits import Deadline, within_limits
from .model import Document, Filter
from .options import Options
from .profile import RULE_ID as PROFILE_RULE
from .read import read_interrupted, read_limited


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

    def read(self, source: str | bytes, url: str | None = None, *, charset: str | None = None) -> Document:
        """Decode, extract and split ``source`` into a document (no filtering),
        within the limits of the options, as :meth:`process` reads it (``charset``: see there)."""
        return read_limited(source, self.options, url, charset=charset)

    def process(
        self, source: str | bytes, url: str | None = None, site: str | None = None, *, charset: str | None = None
    ) -> Document:
        """The document with every paragraph's text, language and verdict.

        ``site`` names the publisher for a learned profile (a URL, a host or a
        name); without it the ``url`` stands for the site.

        ``charset`` is the charset label of the HTTP header that bytes came with
        (``Content-Type: text/html; charset=...``, as a WARC archive keeps it): it
        outranks the page's own declaration, as in browsers (a byte-order mark still
        wins; a header the bytes do not fit is not believed). Text (``str``) ignores it.

        Never raises for the content of ``source``: a document over a limit
        (``Options.max_bytes``, ``Options.timeout``) or one that fails comes back
        with no paragraphs, ``meta["skipped"]`` (``too-large``, ``timeout``,
        ``failed``) and ``meta["error"]`` (see :mod:`cleantext.limits`).
        """

        return within_limits(
            source, self.options, lambda deadline: self._clean(source, url, site, deadline, charset)
        )

    def _clean(
        self, source: str | bytes, url: str | None, site: str | None, deadline: Deadline, charset: str | None = None
    ) -> Document:
        """Read (interrupted when the deadline passes), then run the steps (the deadline checked before
        each: they keep state, so none is cut short)."""
        doc = read_interrupted(source, self.options, url, deadline, charset=charset)
        if site:
            doc.meta["site"] = site
        for step in self.chain:
            deadline.check()
            doc = step(doc)
        return doc

    def clean(
        self, source: str | bytes, url: str | None = None, site: str | None = None, *, charset: str | None = None
    ) -> str:
        """The clean body: kept paragraphs joined by a blank line (``charset``: see :meth:`process`)."""
        return self.process(source, url, site, charset=charset).body

    def __getstate__(self) -> dict[str, Any]:
        return {"options": self.options}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["options"])  # type: ignore[misc]


#: Cleaners kept per process by :func:`cleaner_for` (one per distinct options, the latest used).
CLEANERS_KEPT = 4


@lru_cache(maxsize=CLEANERS_KEPT)
def cleaner_for(options: Options) -> Cleaner:
    """This process's cleaner for ``options``, built once: the one cache of the worker pool, of
    Dask's workers and of :func:`clean`. (Not for ``Options.learn``, whose cleaner keeps state.)

    >>> cleaner_for(Options()) is cleaner_for(Options())
    True
    """
    return Cleaner(options)


def clean(source: str | bytes, url: str | None = None) -> str:
    """Clean one text or HTML page with the default options.

    >>> clean("<html><body><article><p>Only this paragraph is here, and it stays as it is.</p></article></body></html>")
    'Only this paragraph is here, and it stays as it is.'
    """
    return cleaner_for(Options()).clean(source, url)
