"""Pull quotes: a short paragraph that repeats a sentence of the body.

Magazines lift a sentence of the article into a display quote, often with an
attribution line under it. In extracted text it reads as a duplicate. A
paragraph is a pull quote when it is set off as a quotation (a quote block, or
text wrapped in quotation marks) and its words (quotes and punctuation aside,
case folded) stand, in order, inside another, longer paragraph of the document.
The attribution line right after it ("- Ali Rabiei, spokesman", "— Jane Doe")
goes with it. A heading or a plain sentence that a later paragraph repeats (a
teaser, a lede, a caption) is no pull quote: it stays.

>>> from cleantext.model import Document, Paragraph
>>> doc = Document([Paragraph("He said the plan would cut costs by half within a year, if approved."),
...                 Paragraph("'The plan would cut costs by half within a year'"),
...                 Paragraph("— Jane Doe, mayor"),
...                 Paragraph("The council votes next week.")])
>>> [p.dropped for p in PullQuoteFilter()(doc).paragraphs]
[None, 'pull-quote', 'pull-quote', None]
"""

from __future__ import annotations

import re

from ..model import Document, Kind, Paragraph

RULE_ID = "pull-quote"
#: A pull quote repeats at least this many words.
MIN_WORDS = 6
#: Attribution lines are short and start with a dash.
_ATTRIBUTION = re.compile(r"^\s*[-\u2010-\u2015~]\s*\S")
MAX_ATTRIBUTION_WORDS = 10

_WORD = re.compile(r"\w+")
#: Opening and closing quotation marks of many languages (straight, curly, low-9, guillemets, CJK).
_OPENING = "\"'\u2018\u201a\u201b\u201c\u201e\u201f\u00ab\u00bb\u2039\u203a\u300c\u300e"
_CLOSING = "\"'\u2019\u201b\u201c\u201d\u201f\u00ab\u00bb\u2039\u203a\u300d\u300f"
_TRAILING_PUNCTUATION = ".,;:!?\u2026\u3002 "


class PullQuoteFilter:
    """Drops paragraphs that repeat part of a longer paragraph, with their attribution.

    Linear in the document's words: each candidate is looked up by its first
    ``MIN_WORDS`` words among the word windows of every paragraph, and only
    the hits are compared in full. A document without a candidate (most)
    costs a look at its paragraphs' first and last characters.
    """

    def __call__(self, doc: Document) -> Document:
        kept = doc.kept
        quotes = {i: _words(p) for i, p in enumerate(kept) if _set_off(p)}
        by_opening: dict[tuple[str, ...], list[int]] = {}
        for i, w in quotes.items():
            if len(w) >= MIN_WORDS:
                by_opening.setdefault(tuple(w[:MIN_WORDS]), []).append(i)
        if not by_opening:
            return doc
        words = [quotes[i] if i in quotes else _words(p) for i, p in enumerate(kept)]
        first_words = {opening[0] for opening in by_opening}
        quoted: set[int] = set()
        for j, w in enumerate(words):
            for start in range(len(w) - MIN_WORDS + 1):
                if w[start] not in first_words:  # most windows: no tuple to build
                    continue
                for i in by_opening.get(tuple(w[start : start + MIN_WORDS]), ()):
                    if len(words[j]) > len(words[i]) and w[start : start + len(words[i])] == words[i]:
                        quoted.add(i)
        for i in sorted(quoted):
            kept[i].dropped = RULE_ID
            if i + 1 < len(kept) and kept[i + 1].dropped is None and _is_attribution(kept[i + 1]):
                kept[i + 1].dropped = RULE_ID
        return doc


def _words(p: Paragraph) -> list[str]:
    """The words of ``p``, case folded."""
    return _WORD.findall(p.text.casefold())


def _set_off(p: Paragraph) -> bool:
    """Is ``p`` displayed as a quotation: a quote block, or wrapped in quotation marks?

    >>> _set_off(Paragraph("\u201cThe plan works\u201d.")), _set_off(Paragraph("\u201cThe plan\u201d works."))
    (True, False)
    """
    if p.kind == Kind.QUOTE:
        return True
    if p.kind not in (Kind.TEXT, Kind.ITEM):
        return False
    text = p.text.strip().rstrip(_TRAILING_PUNCTUATION)
    return len(text) > 1 and text[0] in _OPENING and text[-1] in _CLOSING


def _is_attribution(p: Paragraph) -> bool:
    return bool(_ATTRIBUTION.match(p.text)) and len(p.text.split()) <= MAX_ATTRIBUTION_WORDS
