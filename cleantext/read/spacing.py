"""White space inside a paragraph: layout made one space, typography kept.

>>> normalize_space(" Price:\\t5\\xa0€ \\n\\n\\t per   kilo ")
'Price: 5\\xa0€\\nper kilo'
"""

from __future__ import annotations

import re

from ..model import Kind

#: White space that is layout: a run of several white-space characters, or one that is not a space (a tab,
#: a line break, another control). A single space of any width (U+0020, no-break, thin, ideographic …) is not.
_LAYOUT_SPACE = re.compile(r"\s{2,}|[^\S\u0020\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
#: What ends a line: a line feed, a carriage return, NEL, a line or paragraph separator.
_LINE_END = re.compile(r"[\n\r\x85\u2028\u2029]")


def normalize_space(text: str) -> str:
    """``text`` stripped, with each stretch of layout white space in it made one space, or one line break
    when it holds one.

    Tabs, indentation, runs of spaces and blank lines come from layout (table cells, nested markup,
    ``&nbsp;&nbsp;``). A line break stays, one: a ``<br>``, a dateline under a headline, the lines of an
    address, of a poem or of a table's header, which the filters read (see README "Rules"). A lone space
    character between two others stays as written: a no-break space (``5\xa0km``), a thin space before
    French punctuation, or an ideographic space is typography.

    >>> normalize_space(" Price:\\t5\\xa0€ \\n\\n\\t per   kilo\\xa0\\xa0today ")
    'Price: 5\\xa0€\\nper kilo today'
    """
    return _LAYOUT_SPACE.sub(_one_space, text).strip()


def _one_space(run: re.Match[str]) -> str:
    return "\n" if _LINE_END.search(run.group()) else " "


def tidy(text: str, kind: str) -> str:
    """The text of a paragraph of ``kind``: white space normalised, or for code only stripped."""
    return text.strip() if kind == Kind.CODE else normalize_space(text)
