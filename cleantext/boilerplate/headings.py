"""Headings with nothing under them at the end of the body.

A heading introduces what follows it. When nothing kept follows it, it belonged
to what the extractor or the other filters already left out: a "More from
this site" heading over a list of teasers, the heading of a newsletter box, a
"Tell us what you think" over a comment form. Walking in from the end of the
kept paragraphs, every heading is dropped up to the first paragraph that is
not one. A document whose kept paragraphs are all headings is left alone.

>>> from cleantext.model import Document, Paragraph
>>> doc = Document([Paragraph("Storms reached the valley on Sunday night."),
...                 Paragraph("More stories", kind="heading"), Paragraph("Read more: x", dropped="en/related")])
>>> [p.dropped for p in TrailingHeadingFilter()(doc).paragraphs]
[None, 'trailing-heading', 'en/related']
"""

from __future__ import annotations

from ..model import Document, Kind

RULE_ID = "trailing-heading"


class TrailingHeadingFilter:
    """Drops the run of headings that ends the kept paragraphs."""

    def __call__(self, doc: Document) -> Document:
        kept = doc.kept
        if all(p.kind == Kind.HEADING for p in kept):
            return doc
        while kept[-1].kind == Kind.HEADING:
            kept.pop().dropped = RULE_ID
        return doc
