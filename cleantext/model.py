"""The data that flows through the chain: a Document made of Paragraphs.

Filters never delete a paragraph: they set its ``dropped`` reason, so every
verdict can be shown (``cleantext explain``) and no text is lost from a record.

>>> doc = Document([Paragraph("Hello world."), Paragraph("© 2024 ACME", dropped="en/copyright")])
>>> doc.body
'Hello world.'
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol


class Kind(StrEnum):
    """What a paragraph is in its page: the readers' kinds (a plain text has ``TEXT`` only).

    >>> Kind.HEADING == "heading"
    True
    """

    TEXT = "text"
    HEADING = "heading"
    ITEM = "item"
    QUOTE = "quote"
    CELL = "cell"
    CODE = "code"


#: A paragraph's (language, probability).
Label = tuple[str | None, float]


class Paragraph:
    """One block of text with its language and verdict.

    ``dropped`` is ``None`` for a kept paragraph, else the id of the rule that
    dropped it (``"foreign-edge"``, ``"fr/syndication"``, ``"pull-quote"`` …).
    ``lang`` is an ISO 639-1 code, or ``None`` when the paragraph is undecided.
    ``links`` counts the characters of ``text`` that are link text on the page,
    for a paragraph short enough to be a link (HTML only; else 0).

    A label no verdict depends on may be worked out only when it is read
    (:meth:`label_later`): a body cleaned for its text never pays for it.

    >>> p = Paragraph("Hola a todos.")
    >>> p.label_later(lambda: ("es", 0.99))
    >>> p.lang, p.lang_prob
    ('es', 0.99)
    """

    __slots__ = ("_lang", "_lang_prob", "_later", "dropped", "kind", "links", "text")

    def __init__(self, text: str, kind: str = Kind.TEXT, lang: str | None = None, lang_prob: float = 0.0,
                 dropped: str | None = None, links: int = 0) -> None:
        self.text = text
        self.kind = str(kind)  # a Kind, kept as the plain string it equals
        self.dropped = dropped
        self.links = links
        self._lang = lang
        self._lang_prob = lang_prob
        self._later: Callable[[], Label] | None = None

    def label_later(self, label: Callable[[], Label]) -> None:
        """Let ``label()`` give ``lang`` and ``lang_prob``, the first time either is read."""
        self._later = label

    def _settle(self) -> None:
        if self._later is not None:
            self._lang, self._lang_prob = self._later()
            self._later = None

    @property
    def lang(self) -> str | None:
        self._settle()
        return self._lang

    @lang.setter
    def lang(self, lang: str | None) -> None:
        self._later = None  # a label set outright replaces one still to work out
        self._lang = lang

    @property
    def lang_prob(self) -> float:
        self._settle()
        return self._lang_prob

    @lang_prob.setter
    def lang_prob(self, prob: float) -> None:
        self._later = None
        self._lang_prob = prob

    @property
    def kept(self) -> bool:
        return self.dropped is None

    def as_dict(self) -> dict[str, Any]:
        """The paragraph as a JSON-ready record (``--explain`` output)."""
        return {
            "text": self.text,
            "kind": self.kind,
            "lang": self.lang,
            "kept": self.kept,
            "reason": self.dropped,
        }

    def _fields(self) -> tuple[Any, ...]:
        return self.text, self.kind, self.lang, self.lang_prob, self.dropped, self.links

    def __eq__(self, other: object) -> bool:
        return type(other) is Paragraph and self._fields() == other._fields()

    __hash__ = None  # type: ignore[assignment]  # mutable

    def __repr__(self) -> str:
        names = ("text", "kind", "lang", "lang_prob", "dropped", "links")
        return f"Paragraph({', '.join(f'{n}={v!r}' for n, v in zip(names, self._fields(), strict=True))})"

    def __getstate__(self) -> tuple[Any, ...]:
        return self._fields()

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        self.__init__(*state)  # type: ignore[misc]


@dataclass
class Document:
    """A cleaned (or being cleaned) document."""

    paragraphs: list[Paragraph]
    lang: str | None = None
    title: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def kept(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.dropped is None]

    @property
    def body(self) -> str:
        """The kept paragraphs joined by a blank line."""
        return "\n\n".join(p.text for p in self.paragraphs if p.dropped is None)


class Filter(Protocol):
    """A step of the chain: marks paragraphs of a document, returns it.

    Any callable ``(Document) -> Document`` is a filter. A filter must only set
    ``dropped`` on paragraphs that are still kept, and never edit their text.
    """

    def __call__(self, doc: Document) -> Document: ...


class ParagraphRule:
    """A filter that judges each kept paragraph on its own, in the spirit of datatrove's
    ``filter(doc) -> bool | (bool, reason)``: :meth:`judge` gives the rule id that drops a
    paragraph, or None to keep it; calling the rule on a document marks every kept paragraph.

    >>> class Shouting(ParagraphRule):
    ...     def judge(self, p: Paragraph) -> str | None:
    ...         return "shouting" if p.text.isupper() else None
    >>> [p.dropped for p in Shouting()(Document([Paragraph("Calm."), Paragraph("LOUD!")])).paragraphs]
    [None, 'shouting']
    """

    def judge(self, p: Paragraph) -> str | None:
        raise NotImplementedError

    def __call__(self, doc: Document) -> Document:
        for p in doc.kept:
            p.dropped = self.judge(p)
        return doc
