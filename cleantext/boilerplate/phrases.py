"""Boilerplate phrases: per-language rules that drop short stock paragraphs.

Rules live in data files, one per language (``phrases/en.txt``, ``phrases/fr.txt`` …),
and users may add their own (``Options.phrase_files``, read after the built-ins).

File format::

    # A comment: a whole line starting with '#'. Blank lines are ignored.
    lang: fr                  (optional, before the first section; default: the file stem)
    [copyright max=200]       a section: a category, and the longest paragraph (in
                              characters) its rules may drop
    tous droits réservés      one Python regex per line, searched in the paragraph
    ^©                        ('^' and '$' are the start and end of the paragraph)

- Categories: see :data:`CATEGORIES`. A category may have several sections, each with
  its own ``max``: a long body paragraph that mentions "copyright" must stay, so
  keep ``max`` as small as the boilerplate it aims at.
- Rule id: ``<lang>/<category>`` (``fr/copyright``). ``Options.disable`` switches
  rules off by id or by family (``"fr/"``).
- Matching is case-insensitive: the paragraph is stripped, lower-cased, and folded
  (Turkish ``ı``/``İ`` become ``i``, ``’`` becomes ``'``, no-break spaces become
  spaces). So patterns are written in lower case (escapes such as ``\\S`` keep their
  meaning) and use ``'`` for apostrophes.
- Use non-capturing groups ``(?:…)``; a pattern must not match the empty paragraph.
  A pattern line starting with ``[a-z`` and ending with ``]`` reads as a section:
  wrap such a pattern in ``(?:…)``.

>>> rules = PhraseRules.load()
>>> rules.match("© 2024 ACME Corp. All rights reserved.")
'en/copyright'
>>> rules.match("Lire aussi : la réforme des retraites") is None
False
>>> rules.match("A long paragraph that merely mentions copyright law.") is None
True
"""

from __future__ import annotations

import os
import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from cleantext.model import Document
from cleantext.options import Options

#: The categories a section may name.
CATEGORIES = (
    "copyright",  # © lines, "all rights reserved"
    "syndication",  # "originally published in", agency lines, republishing notes
    "newsletter",  # newsletter and e-mail sign-up prompts
    "paywall",  # subscribe-to-read prompts, donation prompts
    "social",  # share buttons, "follow us on", like counters
    "cookies",  # cookie and consent notices
    "related",  # "Read more:", "Related articles", most-read lists
    "credit",  # photo and image credits, editor bylines
    "contact",  # "click here for more information", contact lines
    "ads",  # "Advertisement", "Anzeige", sponsored labels
    "comments",  # comment prompts and comment-form notes
    "app",  # app download prompts
)

BUILTIN_DIR = Path(__file__).with_name("phrases")

_FOLD = str.maketrans({"ı": "i", "\u0307": None, "’": "'", "\xa0": " ", "\u202f": " "})
_SECTION = re.compile(r"\[([a-z][a-z_-]*)(?:\s+(.*))?\]")
_MAX = re.compile(r"max\s*=\s*(\d+)")
_LANG = re.compile(r"lang\s*:\s*([a-z]{2,3}(?:-[a-z0-9]+)*)")
_ESCAPE = re.compile(r"\\.", re.DOTALL)


def fold(text: str) -> str:
    """The form a paragraph is matched in: lower-cased and folded.

    >>> fold("İLGİLİ Haberler’de\\xa0:")
    "ilgili haberler'de :"
    """
    return text.lower().translate(_FOLD)


@dataclass(frozen=True)
class PhraseRule:
    """One pattern of a section, with where it was read (``file:line``)."""

    rule_id: str
    pattern: str
    max_len: int
    where: str

    @property
    def anchored(self) -> bool:
        """True when the pattern can only match at the start of the paragraph."""
        return self.pattern.startswith("^") and not _has_top_level_bar(self.pattern)


def _has_top_level_bar(pattern: str) -> bool:
    """Whether ``pattern`` has a ``|`` outside any group or character class."""
    depth, i, in_class = 0, 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 1
        elif in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            # a ']' first in the class (after an optional '^') is a literal
            i += 1 if pattern.startswith("^", i + 1) else 0
            i += 1 if pattern.startswith("]", i + 1) else 0
        elif c in "()":
            depth += 1 if c == "(" else -1
        elif c == "|" and depth == 0:
            return True
        i += 1
    return False


def _check_pattern(pattern: str) -> str | None:
    """What is wrong with a pattern line, or None."""
    try:
        compiled = re.compile(f"(?:{pattern})()")
    except re.error as exc:
        return f"bad regex {pattern!r}: {exc}"
    if compiled.groups > 1:
        return f"use non-capturing groups (?:...) in {pattern!r}"
    if compiled.search(""):
        return f"pattern {pattern!r} matches an empty paragraph"
    bare = _ESCAPE.sub("", pattern)
    if fold(bare) != bare:
        return f"write patterns in lower case, with ' for apostrophes: {pattern!r}"
    return None


def parse_file(path: str | os.PathLike[str]) -> list[PhraseRule]:
    """Read one phrase file; raise ``ValueError("file:line: …")`` on bad data."""
    path = Path(path)
    lang = path.stem
    category: str | None = None
    max_len = 0
    rules: list[PhraseRule] = []
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        where = f"{path}:{lineno}"
        if not line or line.startswith("#"):
            continue
        section = _SECTION.fullmatch(line)
        header = _LANG.fullmatch(line) if category is None else None
        if header:
            lang = header.group(1)
        elif section:
            category, max_len = _section(section, where)
        elif category is None:
            raise ValueError(f"{where}: pattern before any [category max=N] section")
        else:
            problem = _check_pattern(line)
            if problem:
                raise ValueError(f"{where}: {problem}")
            rules.append(PhraseRule(f"{lang}/{category}", line, max_len, where))
    return rules


def _section(match: re.Match[str], where: str) -> tuple[str, int]:
    category, params = match.group(1), match.group(2) or ""
    if category not in CATEGORIES:
        raise ValueError(f"{where}: unknown category {category!r} (known: {', '.join(CATEGORIES)})")
    cap = _MAX.fullmatch(params.strip())
    if not cap or int(cap.group(1)) == 0:
        raise ValueError(f"{where}: section [{category}] needs a maximum length: [{category} max=N]")
    return category, int(cap.group(1))


@lru_cache(maxsize=1)
def _builtin_rules() -> tuple[PhraseRule, ...]:
    return tuple(r for path in sorted(BUILTIN_DIR.glob("*.txt")) for r in parse_file(path))


@dataclass(frozen=True)
class _Table:
    """The combined regexes of every rule allowed at some paragraph length."""

    start: re.Pattern[str] | None
    start_ids: tuple[str, ...]
    anywhere: re.Pattern[str] | None
    anywhere_ids: tuple[str, ...]

    def match(self, folded: str) -> str | None:
        m = self.start.match(folded) if self.start else None
        if m and m.lastindex:
            return self.start_ids[m.lastindex - 1]
        m = self.anywhere.search(folded) if self.anywhere else None
        if m and m.lastindex:
            return self.anywhere_ids[m.lastindex - 1]
        return None


def _combine(rules: Iterable[PhraseRule]) -> tuple[re.Pattern[str] | None, tuple[str, ...]]:
    """One regex of alternatives ``(?:pattern)()``: ``m.lastindex`` tells which matched.

    The empty group at the end (not a group around each pattern) keeps each
    alternative starting with its own first literal, which ``re`` skips fast.
    """
    rules = list(rules)
    if not rules:
        return None, ()
    return re.compile("|".join(f"(?:{r.pattern})()" for r in rules)), tuple(r.rule_id for r in rules)


def _table(rules: Sequence[PhraseRule]) -> _Table:
    start = [PhraseRule(r.rule_id, r.pattern[1:], r.max_len, r.where) for r in rules if r.anchored]
    return _Table(*_combine(start), *_combine(r for r in rules if not r.anchored))


@lru_cache(maxsize=8)
def _compile(rules: tuple[PhraseRule, ...]) -> tuple[list[int], list[_Table]]:
    """One table per distinct ``max``: the rules whose cap is at least that length."""
    caps = sorted({r.max_len for r in rules})
    return caps, [_table([r for r in rules if r.max_len >= cap]) for cap in caps]


class PhraseRules:
    """A compiled set of phrase rules.

    >>> PhraseRules.load().match("Lesen Sie auch: Die Lage in Berlin")
    'de/related'
    """

    def __init__(self, rules: Iterable[PhraseRule]) -> None:
        self.rules = tuple(rules)
        self._caps, self._tables = _compile(self.rules)

    @classmethod
    def load(cls, extra_files: Sequence[str | os.PathLike[str]] = ()) -> PhraseRules:
        """The built-in rules (parsed once per process), then those of ``extra_files``."""
        extra = [r for path in extra_files for r in parse_file(path)]
        return cls(_builtin_rules() + tuple(extra))

    def match(self, text: str) -> str | None:
        """The id of the rule that drops ``text``, or None.

        Only rules whose ``max`` is at least the stripped length apply. Rules
        anchored at the start (``^…``) are tried first; then the earliest match
        in the text wins; ties go to the rule read first.
        """
        text = text.strip()
        i = bisect_left(self._caps, len(text))
        if i == len(self._caps):
            return None
        return self._tables[i].match(fold(text))

    def rule_ids(self) -> list[str]:
        """Every rule id, once, in the order read."""
        return list(dict.fromkeys(r.rule_id for r in self.rules))

    def __reduce__(self) -> tuple[Any, ...]:
        return (PhraseRules, (self.rules,))


class PhraseFilter:
    """The chain step: marks kept paragraphs that a phrase rule matches.

    Every language's rules apply to every paragraph (a French footer may close
    an English article); rules switched off in ``options`` never fire. Pickles
    as its options only; a worker re-reads the (cached) rules.

    >>> from cleantext.model import Paragraph
    >>> doc = Document([Paragraph("Body text."), Paragraph("Read more: Other story")])
    >>> [p.dropped for p in PhraseFilter(Options())(doc).paragraphs]
    [None, 'en/related']
    """

    def __init__(self, options: Options) -> None:
        self.options = options
        loaded = PhraseRules.load(options.phrase_files)
        self.rules = PhraseRules(r for r in loaded.rules if options.rule_enabled(r.rule_id))

    def __call__(self, doc: Document) -> Document:
        for p in doc.paragraphs:
            if p.dropped is None:
                rule_id = self.rules.match(p.text)
                if rule_id is not None and self.options.rule_enabled(rule_id):
                    p.dropped = rule_id
        return doc

    def __getstate__(self) -> dict[str, Any]:
        return {"options": self.options}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["options"])  # type: ignore[misc]
