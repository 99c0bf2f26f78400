"""The headline at the top of a document is its title, not its body.

The title is the first paragraph in the document's language (publisher lines
in other languages may stand above it) when it reads like a headline. In a
document with headings (HTML), the page marks its headline: the title is that
paragraph when it is a short heading (of one line, or two when the page set a
date or a byline under the headline in the same heading), and there is none
when the first paragraph is not a heading (a dateline, a kicker, a first
sentence). In plain text it must be short, not end like a sentence, and be
followed by a longer paragraph. It is reported as the document's title and
dropped from the body.

This filter runs before the foreign-edge filter, so a foreign block between the
headline and the body is still at the body's edge.

>>> from cleantext.model import Document, Paragraph
>>> doc = TitleFilter()(Document([Paragraph("Rain returns to the valley"),
...                               Paragraph("After a dry summer, the first storms reached the valley on Sunday.")]))
>>> doc.title, doc.paragraphs[0].dropped
('Rain returns to the valley', 'title')
"""

from __future__ import annotations

from ..model import Document, Kind, Paragraph

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
        if first is None or first + 1 >= len(kept):
            return doc
        structured = any(p.kind == Kind.HEADING for p in doc.paragraphs)
        if _is_headline(kept[first], kept[first + 1], structured):
            kept[first].dropped = RULE_ID
            doc.title = kept[first].text
        return doc


def _is_headline(first: Paragraph, following: Paragraph, structured: bool = False) -> bool:
    """Does ``first`` read as the headline, ``following`` coming next?

    ``structured``: the document marks its headings (HTML), so only a heading can be the headline.
    """
    text = first.text
    if first.kind not in (Kind.TEXT, Kind.HEADING):
        return False
    if len(text) > MAX_TITLE_CHARS or len(text.split()) > MAX_TITLE_WORDS:
        return False
    if structured:  # a heading may carry a second line: a date, a byline, a photo credit
        return first.kind == Kind.HEADING and text.count("\n") <= 1
    if "\n" in text:
        return False
    if text.rstrip().endswith(_SENTENCE_END):
        return False
    return len(following.text) > len(text)
