"""Letterless paragraphs: debris of layout tables and separators, with no word in them.

A paragraph without a letter (of any script) or a digit says nothing: the
empty cells of a layout table (``| | |``), rules and separators (``***``,
``- - -``, ``———``), a lone punctuation mark or arrow. It is dropped (rule
``letterless``). Two kinds stay, because the article often holds them (on the
dev pages, see README "Rules"): figures (a number, a date or a time in a table),
and underscores (``___``, the separator of news-agency copy). So a paragraph is
letterless when it has no word character (``\\w``: letter, digit, underscore).

>>> from cleantext.model import Document, Paragraph
>>> doc = Document([Paragraph("| | |"), Paragraph("* * *"), Paragraph("| 12:30 |"), Paragraph("| Tokyo |")])
>>> [p.dropped for p in LetterlessFilter()(doc).paragraphs]
['letterless', 'letterless', None, None]
"""

from __future__ import annotations

import re

from ..model import Paragraph, ParagraphRule

RULE_ID = "letterless"

_WORD_CHAR = re.compile(r"\w")


class LetterlessFilter(ParagraphRule):
    """Drops paragraphs without a letter, a digit or an underscore."""

    def judge(self, p: Paragraph) -> str | None:
        return RULE_ID if is_letterless(p.text) else None


def is_letterless(text: str) -> bool:
    """True when ``text`` has no letter of any script, no digit and no underscore.

    >>> is_letterless("| — | » | © |"), is_letterless("2024"), is_letterless("___"), is_letterless("東京")
    (True, False, False, False)
    """
    return _WORD_CHAR.search(text) is None
