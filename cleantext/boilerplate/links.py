"""Link text, and the lists of links that trafilatura leaves around an article.

As in jusText, a paragraph made (almost) only of link text is a link, not
prose. Readers count the link characters of each HTML paragraph short enough
to be a link (:func:`mark_links`: the page's anchor texts, found at word
starts in the paragraph, left to right) into ``Paragraph.links``; a longer
paragraph, and plain text, have none counted.

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

import re
from collections.abc import Iterable, Sequence

from lxml.etree import tostring
from lxml.html import HtmlElement

from ..model import Document, Paragraph

RULE_ID = "link-list"
#: A paragraph is a link when this share of its characters is link text …
LINK_SHARE = 0.9
#: … and it is no longer than this (a long paragraph is prose with links in it).
MAX_LINK_CHARS = 150
#: The body starts at the first paragraph of this many characters that is not a link.
BODY_CHARS = 100
#: The fewest links in a row that make a list.
MIN_RUN = 2

_WORD = re.compile(r"\w+")

#: Anchor texts by the first word (lower case): (offset of that word in the text, text), longest first.
LinkIndex = dict[str, list[tuple[int, str]]]


def _collapsed(text: str) -> str:
    """``text`` with each run of white space made one space, and none at the ends.

    >>> _collapsed("  Read\\n more ")
    'Read more'
    """
    return " ".join(text.split())


def link_index(anchor_texts: Iterable[str]) -> LinkIndex:
    """The anchor texts of a page, ready for :func:`count_link_chars`.

    >>> link_index(["Home", " [Read  more] "])
    {'home': [(0, 'Home')], 'read': [(1, '[Read more]')]}
    """
    index: LinkIndex = {}
    for raw in anchor_texts:
        text = _collapsed(raw)
        word = _WORD.search(text)
        if word and len(text) >= 2:
            index.setdefault(word.group().lower(), []).append((word.start(), text))
    for entries in index.values():
        entries.sort(key=lambda entry: -len(entry[1]))
    return index


def count_link_chars(text: str, index: LinkIndex) -> int:
    """Characters of ``text`` (white space collapsed) that are anchor texts of the page.

    >>> count_link_chars("Read more: Rain returns to the valley", link_index(["Rain returns to the valley"]))
    26
    """
    text = _collapsed(text)
    total = end = 0
    for word in _WORD.finditer(text):
        if word.start() < end:
            continue
        for offset, anchor in index.get(word.group().lower(), ()):
            start = word.start() - offset
            if start >= end and text.startswith(anchor, start):
                total += len(anchor)
                end = start + len(anchor)
                break
    return total


def mark_links(tree: HtmlElement, paragraphs: Sequence[Paragraph], texts: Sequence[str] | None = None,
               every: bool = False) -> None:
    """Set ``links`` of each paragraph extracted from the page ``tree`` that is short enough to
    be a link (:func:`is_link`), or of ``every`` paragraph (the link density of long ones is
    evidence for the extraction, :mod:`cleantext.read.agreement`); the others keep theirs.

    The link text is counted in the paragraph's text as extracted: ``texts``, one per
    paragraph, when their own text has changed since (repaired). Only the anchors found in
    those short paragraphs are indexed, and only the paragraphs that hold one are counted.
    """
    texts = [p.text for p in paragraphs] if texts is None else texts
    short = [(p, _collapsed(t)) for p, t in zip(paragraphs, texts, strict=True)] if every else _short_paragraphs(
        paragraphs, texts)
    if not short:
        return
    found_in = "\n".join(text for _, text in short)  # no anchor spans two of them: it holds no newline
    index = link_index(anchor for anchor in map(_collapsed, dict.fromkeys(_anchor_texts(tree))) if anchor in found_in)
    anchors = {anchor for entries in index.values() for _, anchor in entries}
    for p, text in short:
        if text in anchors:  # one whole link, which no other can outdo: counted at once
            p.links = len(text)
        else:
            p.links = count_link_chars(text, index) if any(anchor in text for anchor in anchors) else 0


def _short_paragraphs(paragraphs: Sequence[Paragraph], texts: Sequence[str]) -> list[tuple[Paragraph, str]]:
    """The paragraphs that are short enough to be links, with their ``texts`` collapsed."""
    short = []
    for p, text in zip(paragraphs, texts, strict=True):
        collapsed = _collapsed_link(p.text)
        if collapsed is not None:
            short.append((p, collapsed if text == p.text else _collapsed(text)))
    return short


def _collapsed_link(text: str) -> str | None:
    """``text`` collapsed when it is short enough to be a link, else None.

    A long text is seen to be too long from its start (collapsed, a start of the whole collapsed).

    >>> _collapsed_link(" Home "), _collapsed_link("word " * 100), _collapsed_link(" " * 400 + "Home")
    ('Home', None, 'Home')
    """
    collapsed = _collapsed(text[: 2 * MAX_LINK_CHARS])
    if len(text) > 2 * MAX_LINK_CHARS and len(collapsed) <= MAX_LINK_CHARS:
        collapsed = _collapsed(text)
    return collapsed if 0 < len(collapsed) <= MAX_LINK_CHARS else None


def _anchor_texts(tree: HtmlElement) -> list[str]:
    """The text of each link of the page: all the text inside it, as ``text_content()`` gives it, at less cost."""
    return [tostring(a, method="text", encoding=str, with_tail=False) if len(a) else a.text or ""
            for a in tree.iter("a")]


def is_link(p: Paragraph) -> bool:
    """A short paragraph made (almost) only of link text."""
    if p.links <= 0:  # most paragraphs: decided without measuring the text
        return False
    size = len(_collapsed(p.text))
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
