"""The Cleaner: builds the chain of filters once from Options and runs it.

>>> cleaner = Cleaner(Options())
>>> print(cleaner.clean("Rain returns to the valley\\n"
...                     "After a dry summer, the first storms reached the valley on Sunday night.\\n"
...                     "© 2024 Valley News. All rights reserved."))
After a dry summer, the first storms reached the valley on Sunday night.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .boilerplate.edges import ForeignEdgeFilter
from .boilerplate.phrases import PhraseFilter
from .boilerplate.pull_quote import PullQuoteFilter
from .boilerplate.title import TitleFilter
from .encoding import decode, repair
from .language import LanguageIdentifier
from .model import Document, Filter, Paragraph
from .options import Options
from .read import extract_html, looks_like_html, split_text


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
        """Decode, extract and split ``source`` into a document (no filtering)."""
        meta: dict[str, Any] = {}
        if isinstance(source, bytes):
            source, meta["encoding"] = decode(source)
        fmt = self.options.format
        if fmt == "auto":
            fmt = "html" if looks_like_html(source) else "text"
        meta["format"] = fmt
        if url:
            meta["url"] = url
        paragraphs = extract_html(source, self.options, url) if fmt == "html" else split_text(source)
        if self.options.repair:
            paragraphs = _repaired(paragraphs)
        return Document(paragraphs, meta=meta)

    def process(self, source: str | bytes, url: str | None = None) -> Document:
        """The document with every paragraph's text, language and verdict."""
        doc = self.read(source, url)
        for step in self.chain:
            doc = step(doc)
        return doc

    def clean(self, source: str | bytes, url: str | None = None) -> str:
        """The clean body: kept paragraphs joined by a blank line."""
        return self.process(source, url).body

    def __getstate__(self) -> dict[str, Any]:
        return {"options": self.options}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["options"])  # type: ignore[misc]


def _repaired(paragraphs: list[Paragraph]) -> list[Paragraph]:
    for p in paragraphs:
        p.text = repair(p.text).strip()
    return [p for p in paragraphs if p.text]


def build_chain(options: Options) -> list[Filter]:
    """The filters for ``options``: language first, then boilerplate evidence."""
    chain: list[Filter] = [LanguageIdentifier(options.seed), PhraseFilter(options)]
    optional: list[tuple[str, Callable[[], Filter]]] = [
        ("title", TitleFilter),
        ("foreign-edge", ForeignEdgeFilter),
        ("pull-quote", PullQuoteFilter),
    ]
    chain.extend(make() for rule_id, make in optional if options.rule_enabled(rule_id))
    return chain


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
