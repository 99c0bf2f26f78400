"""The lists of links that trafilatura leaves around an article.

As in jusText, a paragraph made (almost) only of link text is a link, not
prose: the reader counts each short HTML paragraph's link characters into
``Paragraph.links`` (:mod:`cleantext.read.links`).

A link alone may be body text (a source, a list of resources). Lists of links
are dropped (rule ``link-list``) where they are boilerplate:

- before the body: a run of at least :data:`MIN_RUN` links before the first
  paragraph that is not a link and has :data:`BODY_CHARS` characters or more
  (menus, "related" headlines between the title and the article);
- after a "related" label: the links right after a paragraph that a
  ``<lang>/related`` phrase rule dropped ("Auch interessant:", "Related stories").

>>> from cleantext.model import Document, Paragraph
>>> doc = Document([Paragraph("Home", links=4), Paragraph("World", links=5),
...                 Paragraph("Storms reached the valley on Sunday night, flooding two villages."),
...                 Paragraph("Related:", dropped="en/related"), Paragraph("Rain returns", links=12)])
>>> [p.dropped for p in LinkListFilter()(doc).paragraphs]
['link-list', 'link-list', None, 'en/related', 'link-list']
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Document, Paragraph
from ..read.links import MAX_LINK_CHARS, collapsed

RULE_ID = "link-list"
#: A paragraph is a link when this share of its characters is link text (and it is
#: no longer than :data:`~cleantext.read.links.MAX_LINK_CHARS`).
LINK_SHARE = 0.9
#: The body starts at the first paragraph of this many characters that is not a link.
BODY_CHARS = 100
#: The fewest links in a row that make a list.
MIN_RUN = 2

def is_link(p: Paragraph) -> bool:
    """A short paragraph made (almost) only of link text."""
    if p.links <= 0:  # most paragraphs: decided without measuring the text
        return False
    size = len(collapsed(p.text))
    return 0 < size <= MAX_LINK_CHARS and p.links >= LINK_SHARE * size


class LinkListFilter:
    """Drops lists of links before the body and after a "related" label."""

    def __call__(self, doc: Document) -> Document:
        kept = doc.kept
        links = [is_link(p) for p in kept]
        body = next((i for i, p in enumerate(kept) if not links[i] and len(p.text) >= BODY_CHARS), len(kept))
        for start, end in _runs(links[:body]):
            if end - start >= MIN_RUN:
                for p in kept[start:end]:
                    p.dropped = RULE_ID
        _drop_after_labels(doc.paragraphs)
        return doc


def _runs(flags: Sequence[bool]) -> list[tuple[int, int]]:
    """``(start, end)`` of each run of true flags.

    >>> _runs([True, True, False, True])
    [(0, 2), (3, 4)]
    """
    runs, start = [], None
    for i, flag in enumerate([*flags, False]):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            runs.append((start, i))
            start = None
    return runs


def _drop_after_labels(paragraphs: Sequence[Paragraph]) -> None:
    """Drop the links that follow a paragraph dropped by a ``related`` phrase rule."""
    label = False
    for p in paragraphs:
        if p.dropped is not None:
            label = p.dropped.endswith("/related")
        elif label and is_link(p):
            p.dropped = RULE_ID
        else:
            label = False
