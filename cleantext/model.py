"""The data that flows through the chain: a Document made of Paragraphs.

Filters never delete a paragraph: they set its ``dropped`` reason, so every
verdict can be shown (``cleantext explain``) and no text is lost from a record.

>>> doc = Document([Paragraph("Hello world."), Paragraph("© 2024 ACME", dropped="en/copyright")])
>>> doc.body
'Hello world.'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

#: Paragraph kinds produced by the readers.
KINDS = ("text", "heading", "item", "quote", "cell", "code")


@dataclass
class Paragraph:
    """One block of text with its language and verdict.

    ``dropped`` is ``None`` for a kept paragraph, else the id of the rule that
    dropped it (``"foreign-edge"``, ``"fr/syndication"``, ``"pull-quote"`` …).
    ``lang`` is an ISO 639-1 code, or ``None`` when the paragraph is undecided.
    ``links`` counts the characters of ``text`` that are link text on the page
    (HTML only; 0 for plain text).
    """

    text: str
    kind: str = "text"
    lang: str | None = None
    lang_prob: float = 0.0
    dropped: str | None = None
    links: int = 0

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
