r"""Boilerplate phrases: per-language rules that drop short stock paragraphs.

Rules live in data files, one per language (``phrases/en.txt``, ``phrases/fr.txt`` …),
and users may add their own (``Options.phrase_files``, read after the built-ins).

File format::

    # A comment: a whole line starting with '#'. Blank lines are ignored.
    lang: fr                  optional, before the first section (default: the file
                              stem, which must then be a language code)
    [copyright max=200]       a section: a category, and the longest paragraph (in
                              characters, once stripped) its rules may drop
    tous droits réservés      one Python regex per line, searched in the paragraph
    ^©                        ('^' and '$' are the start and end of the paragraph)

- Categories: see :data:`CATEGORIES`. A category may have several sections, each with
  its own ``max``: a long body paragraph that mentions "copyright" must stay, so
  keep ``max`` as small as the boilerplate it aims at.
- Rule id: ``<lang>/<category>`` (``fr/copyright``). ``Options.disable`` switches
  rules off by id or by family (``"fr/"``). The language ``mul`` holds marks of no
  language (©, agency names); its rules only fire when no language rule does, so
  "© 2024 X. Todos los derechos reservados." is ``es/copyright``.
- Matching is case-insensitive: the paragraph is stripped, lower-cased and folded
  (:func:`fold`: Turkish ``ı``/``İ`` become ``i``, ``’`` becomes ``'``, no-break
  spaces become spaces). So patterns are written in lower case (escapes such as
  ``\S`` keep their meaning) and use ``'`` for apostrophes.
- Use non-capturing groups ``(?:…)``; a pattern must not match the empty paragraph.
  A pattern line like ``[a-z…]`` reads as a section: wrap such a pattern in ``(?:…)``.
- Bad data (a bad regex, an unknown category, a section without ``max``) raises
  ``ValueError`` naming the file and line.

Speed: patterns anchored with ``^`` are matched together as one regex; the others
are only searched when a literal they need (read off the pattern) is in the text,
so give unanchored patterns a plain word or two.

>>> rules = PhraseRules.load()
>>> rules.match("© 2024 ACME Corp. All rights reserved.")
'en/copyright'
>>> rules.match("Lire aussi : la réforme des retraites")
'fr/related'
>>> rules.match("A long paragraph that merely mentions copyright law.") is None
True
"""

from __future__ import annotations

import os
import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import cache, lru_cache
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
    "byline",  # date, author, update and reading-time lines: "Posted on", "Lesezeit: 3 Minuten"
    "navigation",  # tables of contents, breadcrumbs, tags, print and back-to-top links, "load more"
    "disclaimer",  # medical, financial, affiliate and editorial disclaimers
    "bio",  # author bios: "About the author", "Jane Doe is a freelance writer based in Oslo."
)

BUILTIN_DIR = Path(__file__).with_name("phrases")
#: The language of marks that belong to no language (©, agency names); its
#: rules are tried after every language's (ISO 639-2 "multiple languages").
NEUTRAL = "mul"

_FOLD = (("ı", "i"), ("\u0307", ""), ("’", "'"), ("\xa0", " "), ("\u202f", " "))
_SECTION = re.compile(r"\[([a-z][a-z_-]*)(?:\s+(.*))?\]")
_MAX = re.compile(r"max\s*=\s*(\d+)")
_LANG_CODE = re.compile(r"[a-z]{2,3}(?:-[a-z0-9]+)*")
_LANG = re.compile(r"lang\s*:\s*(" + _LANG_CODE.pattern + ")")
_ESCAPE = re.compile(r"\\.", re.DOTALL)


def fold(text: str) -> str:
    """The form a paragraph is matched in: lower-cased and folded.

    >>> fold("İLGİLİ Haberler’de\\xa0:")
    "ilgili haberler'de :"
    """
    text = text.lower()
    for old, new in _FOLD:  # str.replace beats str.translate with a dict tenfold
        text = text.replace(old, new)
    return text


@dataclass(frozen=True)
class PhraseRule:
    """One pattern of a section, with where it was read (``file:line``)."""

    rule_id: str
    pattern: str
    max_len: int
    where: str

    @property
    def lang(self) -> str:
        return self.rule_id.partition("/")[0]

    @property
    def anchored(self) -> bool:
        """True when the pattern can only match at the start of the paragraph."""
        atoms = _atoms(self.pattern)
        return self.pattern.startswith("^") and atoms is not None and _Mark.BAR not in atoms

    def keywords(self) -> tuple[str, ...] | None:
        """Literal strings, one of which is in every text the pattern matches.

        None when no such strings of at least :data:`KEYWORD_MIN` characters can
        be read off the pattern; the rule is then tried on every paragraph.
        """
        atoms = _atoms(self.pattern)
        return None if atoms is None else _keywords(atoms)


#: The shortest literal worth a substring test before a regex search.
KEYWORD_MIN = 4
_QUANTIFIER = re.compile(r"(?:[?*+]|\{\d*(?:,\d*)?\})[?+]?")


class _Mark(Enum):
    """Top-level atoms of a pattern other than literal characters and groups."""

    BAR = "|"  # an alternation at this level
    OTHER = "?"  # anything else: classes, escapes like \s, optional atoms


@dataclass(frozen=True)
class _Group:
    """An unquantified ``(?:…)`` group."""

    inner: str


_Atom = str | _Group | _Mark  # a str is one literal character


@cache
def _atoms(pattern: str) -> tuple[_Atom, ...] | None:
    """The top-level atoms of ``pattern``; None for constructs not analysed.

    >>> _atoms(r"ab?(?:c|d)\\.")
    ('a', <_Mark.OTHER: '?'>, _Group(inner='c|d'), '.')
    """
    atoms: list[_Atom] = []
    i = 0
    while i < len(pattern):
        atom, i = _next_atom(pattern, i)
        if atom is None:
            return None
        quantifier = _QUANTIFIER.match(pattern, i)
        if quantifier:
            atom, i = _Mark.OTHER, quantifier.end()
        atoms.append(atom)
    return tuple(atoms)


def _next_atom(pattern: str, i: int) -> tuple[_Atom | None, int]:
    c = pattern[i]
    if c == "\\":
        escaped = pattern[i + 1]
        if escaped in "xuUN0123456789":  # escapes with a payload: not analysed
            return None, i
        return (_Mark.OTHER if escaped.isalnum() else escaped), i + 2
    if c == "[":
        return _Mark.OTHER, _class_end(pattern, i)
    if c == "(":
        end = _group_end(pattern, i)
        inner = pattern[i + 1 : end - 1]
        if inner.startswith("?:"):
            return _Group(inner[2:]), end
        return (_Mark.OTHER, end) if inner.startswith(("?=", "?!", "?<=", "?<!")) else (None, i)
    if c in ".^$":
        return _Mark.OTHER, i + 1
    return (_Mark.BAR if c == "|" else c), i + 1


def _class_end(pattern: str, i: int) -> int:
    """The index after the ``]`` closing the class opened at ``i``."""
    j = i + 1
    j += pattern.startswith("^", j)
    j += pattern.startswith("]", j)  # a ']' first in a class is a literal
    while pattern[j] != "]":
        j += 2 if pattern[j] == "\\" else 1
    return j + 1


def _group_end(pattern: str, i: int) -> int:
    """The index after the ``)`` closing the group opened at ``i``."""
    depth, j = 0, i
    while True:
        c = pattern[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            j = _class_end(pattern, j)
            continue
        depth += {"(": 1, ")": -1}.get(c, 0)
        j += 1
        if depth == 0:
            return j


def _keywords(atoms: Sequence[_Atom]) -> tuple[str, ...] | None:
    """Keywords of a sequence of atoms: the best of its literal runs and groups.

    A run of literal characters is one keyword; an unquantified group gives the
    keywords of its alternatives, each of which needs some. Best: telling
    keywords (see :func:`_telling`), then as few as possible.
    """
    if _Mark.BAR in atoms:
        found = [_keywords(side) for side in _split(atoms)]
        return None if None in found else tuple(k for side in found for k in side or ())
    options: list[tuple[str, ...]] = []
    run = ""
    for atom in [*atoms, _Mark.OTHER]:
        if isinstance(atom, str):
            run += atom
            continue
        if _long_enough(run):
            options.append((run,))
        run = ""
        if isinstance(atom, _Group):
            inner = _atoms(atom.inner)
            group = None if inner is None else _keywords(inner)
            if group:
                options.append(group)
    if not options:
        return None
    # fewest keywords among the telling ones (each at least 6 characters, or CJK)
    return max(options, key=lambda o: (all(_telling(k) for k in o), -len(o), min(len(k) for k in o)))


def _long_enough(keyword: str, least: int = KEYWORD_MIN) -> bool:
    """At least ``least`` characters, or 2 Han or kana characters."""
    keyword = keyword.strip()
    cjk = len(keyword) >= 2 and min(map(ord, keyword)) >= 0x3040
    return cjk or len(keyword) >= least


def _telling(keyword: str) -> bool:
    """Long enough to be rare in body text."""
    return _long_enough(keyword, 6)


def _split(atoms: Sequence[_Atom]) -> list[list[_Atom]]:
    """The sides of a top-level alternation."""
    sides: list[list[_Atom]] = [[]]
    for atom in atoms:
        if atom is _Mark.BAR:
            sides.append([])
        else:
            sides[-1].append(atom)
    return sides


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
            if not _LANG_CODE.fullmatch(lang):
                raise ValueError(f"{where}: {lang!r} is no language code: add a 'lang: xx' line")
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
class _Tier:
    """Rules of one tier allowed at some paragraph length, ready to match.

    Anchored rules form one regex of ``(?:pattern)()`` alternatives matched at
    the start; ``m.lastindex`` tells which one matched (the empty group at the
    end keeps each alternative starting with its own first literal, which
    ``re`` skips fast). The other rules are searched one by one, and only when
    one of their keywords is in the text: a substring test is far cheaper than
    a regex search over a long alternation.
    """

    start: re.Pattern[str] | None
    start_ids: tuple[str, ...]
    keywords: tuple[tuple[str, tuple[int, ...]], ...]
    always: frozenset[int]
    anywhere: tuple[tuple[re.Pattern[str], str], ...]

    @classmethod
    def build(cls, rules: Sequence[PhraseRule]) -> _Tier:
        start = [r for r in rules if r.anchored]
        rest = [r for r in rules if not r.anchored]
        regex = "|".join(f"(?:{r.pattern[1:]})()" for r in start)
        by_keyword: dict[str, set[int]] = {}
        for i, rule in enumerate(rest):
            for keyword in rule.keywords() or ("",):
                by_keyword.setdefault(keyword, set()).add(i)
        by_keyword = _merge(by_keyword)
        return cls(
            start=re.compile(regex) if start else None,
            start_ids=tuple(r.rule_id for r in start),
            keywords=tuple((k, tuple(sorted(v))) for k, v in by_keyword.items() if k),
            always=frozenset(by_keyword.get("", ())),
            anywhere=tuple((_regex(r.pattern), r.rule_id) for r in rest),
        )

    def find(self, folded: str) -> str | None:
        m = self.start.match(folded) if self.start else None
        if m and m.lastindex:
            return self.start_ids[m.lastindex - 1]
        hits = self.always.union(*(rules for keyword, rules in self.keywords if keyword in folded))
        for i in sorted(hits):
            regex, rule_id = self.anywhere[i]
            if regex.search(folded):
                return rule_id
        return None


def _merge(by_keyword: dict[str, set[int]]) -> dict[str, set[int]]:
    """Give the rules of a keyword that contains another keyword to the shorter one.

    Fewer substring tests; the shorter keyword is tested anyway.
    """
    merged: dict[str, set[int]] = {}
    for keyword in sorted(by_keyword, key=len):
        home = next((k for k in merged if k and k in keyword), keyword)
        merged.setdefault(home, set()).update(by_keyword[keyword])
    return merged


@cache
def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _tiers(rules: Sequence[PhraseRule]) -> tuple[_Tier, ...]:
    """Language rules first, then the ``mul`` ones."""
    return tuple(_Tier.build([r for r in rules if (r.lang == NEUTRAL) is neutral]) for neutral in (False, True))


@lru_cache(maxsize=8)
def _compile(rules: tuple[PhraseRule, ...]) -> tuple[list[int], list[tuple[_Tier, ...]]]:
    """Tiers per distinct ``max``: those of the rules whose cap is at least that length."""
    caps = sorted({r.max_len for r in rules})
    return caps, [_tiers([r for r in rules if r.max_len >= cap]) for cap in caps]


class PhraseRules:
    """A compiled set of phrase rules.

    >>> PhraseRules.load().match("Lesen Sie auch: Die Lage in Berlin")
    'de/related'
    """

    def __init__(self, rules: Iterable[PhraseRule]) -> None:
        self.rules = tuple(rules)
        self._caps, self._tiers = _compile(self.rules)

    @classmethod
    def load(cls, extra_files: Sequence[str | os.PathLike[str]] = ()) -> PhraseRules:
        """The built-in rules (parsed once per process), then those of ``extra_files``."""
        extra = [r for path in extra_files for r in parse_file(path)]
        return cls(_builtin_rules() + tuple(extra))

    def match(self, text: str) -> str | None:
        """The id of the rule that drops ``text``, or None.

        Only rules whose ``max`` is at least the stripped length apply. Language
        rules win over ``mul`` ones; among them, rules anchored at the start
        (``^…``) are tried first; otherwise the rule read first wins.
        """
        text = text.strip()
        i = bisect_left(self._caps, len(text))
        if i == len(self._caps):
            return None
        folded = fold(text)
        for tier in self._tiers[i]:
            rule_id = tier.find(folded)
            if rule_id is not None:
                return rule_id
        return None

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
