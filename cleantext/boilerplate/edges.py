"""Foreign-language blocks at the edges of the body.

A publisher's notice in another language than the article sits before its
first or after its last paragraph (a French syndication footer under an English
story). Walking in from each edge over the paragraphs still kept, every
paragraph in another language is dropped, up to the first one in the
document's language. A foreign paragraph between two body paragraphs is a
quotation and stays; so does a paragraph with no language (numbers, symbols).

>>> from cleantext.model import Document, Paragraph
>>> doc = Document([Paragraph("Body.", lang="en"), Paragraph("Cité.", lang="fr"),
...                 Paragraph("Body.", lang="en"), Paragraph("Pied de page.", lang="fr")], lang="en")
>>> [p.dropped for p in ForeignEdgeFilter()(doc).paragraphs]
[None, None, None, 'foreign-edge']
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Document, Paragraph

RULE_ID = "foreign-edge"


class ForeignEdgeFilter:
    """Drops foreign-language runs at the start and the end of the body."""

    def __call__(self, doc: Document) -> Document:
        kept = doc.kept
        if doc.lang is None or not any(p.lang == doc.lang for p in kept):
            return doc
        _drop_foreign_run(kept, doc.lang)
        _drop_foreign_run(reversed(kept), doc.lang)
        return doc


def _drop_foreign_run(paragraphs: Iterable[Paragraph], lang: str) -> None:
    """Drop the leading run of paragraphs whose language is another than ``lang``.

    Undecided paragraphs (``lang is None``) go with the run only when a
    foreign paragraph lies further in, never on their own.
    """
    pending: list[Paragraph] = []
    for p in paragraphs:
        if p.lang == lang:
            return
        pending.append(p)
        if p.lang is not None:
            for q in pending:
                q.dropped = RULE_ID
            pending.clear()
