"""Link text in an HTML page's paragraphs: how many of a paragraph's characters are the text of
the page's links, counted as the page is read.

As in jusText, a paragraph made (almost) only of link text is a link, not prose. The reader counts
the link characters of each HTML paragraph short enough to be a link (:func:`mark_links`: the page's
anchor texts, found at word starts in the paragraph, left to right) into ``Paragraph.links``; a
longer paragraph, and plain text, have none counted. What is then dropped is the filter's business
(:mod:`cleantext.boilerplate.links`).

>>> from lxml.html import fromstring
>>> from cleantext.model import Paragraph
>>> paragraphs = [Paragraph("Home"), Paragraph("Read more: Rain returns")]
>>> mark_links(fromstring('<div><a href="/">Home</a> <a href="/r">Rain returns</a></div>'), paragraphs)
>>> [p.links for p in paragraphs]
[4, 12]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from lxml.etree import tostring
from lxml.html import HtmlElement

from ..model import Paragraph

#: A paragraph longer than this (characters, white space collapsed) is prose with links in it, not a link.
MAX_LINK_CHARS = 150

_WORD = re.compile(r"\w+")

#: Anchor texts by the first word (lower case): (offset of that word in the text, text), longest first.
LinkIndex = dict[str, list[tuple[int, str]]]


def collapsed(text: str) -> str:
    """``text`` with each run of white space made one space, and none at the ends.

    >>> collapsed("  Read\\n more ")
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
        text = collapsed(raw)
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
    text = collapsed(text)
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
    short = [(p, collapsed(t)) for p, t in zip(paragraphs, texts, strict=True)] if every else _short_paragraphs(
        paragraphs, texts)
    if not short:
        return
    found_in = "\n".join(text for _, text in short)  # no anchor spans two of them: it holds no newline
    index = link_index(anchor for anchor in map(collapsed, dict.fromkeys(_anchor_texts(tree))) if anchor in found_in)
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
        link = _collapsed_link(p.text)
        if link is not None:
            short.append((p, link if text == p.text else collapsed(text)))
    return short


def _collapsed_link(text: str) -> str | None:
    """``text`` collapsed when it is short enough to be a link, else None.

    A long text is seen to be too long from its start (collapsed, a start of the whole collapsed).

    >>> _collapsed_link(" Home "), _collapsed_link("word " * 100), _collapsed_link(" " * 400 + "Home")
    ('Home', None, 'Home')
    """
    start = collapsed(text[: 2 * MAX_LINK_CHARS])
    whole = collapsed(text) if len(text) > 2 * MAX_LINK_CHARS and len(start) <= MAX_LINK_CHARS else start
    return whole if 0 < len(whole) <= MAX_LINK_CHARS else None


def _anchor_texts(tree: HtmlElement) -> list[str]:
    """The text of each link of the page: all the text inside it, as ``text_content()`` gives it, at less cost."""
    return [tostring(a, method="text", encoding=str, with_tail=False) if len(a) else a.text or ""
            for a in tree.iter("a")]
