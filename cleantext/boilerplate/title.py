"""The headline at the top of a document is its title, not its body.

The title is the first paragraph in the document's language (publisher lines
in other languages may stand above it) when it reads like a headline: short,
not ending like a sentence, a heading or plain text, and followed by a longer
paragraph. It is reported as the document's title and dropped from the body.
This filter runs before the foreign-edge filter, so a foreign block between the
headline and the body is still at the body's edge.

>>> from cleantext.model import Document, Paragraph
>>> doc = TitleFilter()(Document([Paragraph("Rain returns to the valley"),
...                               Paragraph("After a dry summer, the first storms reached the valley on Sunday.")]))
>>> doc.title, doc.paragraphs[0].dropped
('Rain returns to the valley', 'title')
"""

from __future__ import annotations

from ..model import Document, Paragraph

RULE_ID = "title"
MAX_TITLE_CHARS = 150
MAX_TITLE_WORDS = 20
#: A headline does not end like a sentence, or like a lead-in to one.
_SENTENCE_END = (".", ":", ";", ",", "。", "：", "；", "，", "…")


class TitleFilter:
    """Marks the leading headline as the title."""

    def __call__(self, doc: Document) -> Document:
        kept = doc.kept
        first = next((i for i, p in enumerate(kept) if doc.lang is None or p.lang == doc.lang), None)
        if first is not None and first + 1 < len(kept) and _is_headline(kept[first], kept[first + 1]):
            kept[first].dropped = RULE_ID
            doc.title = kept[first].text
        return doc


def _is_headline(first: Paragraph, following: Paragraph) -> bool:
    text = first.text
    if first.kind not in ("text", "heading") or "\n" in text:
        return False
    if len(text) > MAX_TITLE_CHARS or len(text.split()) > MAX_TITLE_WORDS:
        return False
    if first.kind == "text" and text.rstrip().endswith(_SENTENCE_END):
        return False
    return len(following.text) > len(text)
