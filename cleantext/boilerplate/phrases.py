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

Speed: a rule is only tried on the paragraphs it may match, judged by what is
read off its pattern: an anchored pattern (``^…``) when the paragraph starts
with what the pattern can start with, another when the paragraph holds a whole
word or a literal the pattern needs (see :mod:`cleantext.boilerplate.patterns`).
So start anchored patterns plainly (not with ``\w`` or ``.``), and give the others
a plain word or two.

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
import warnings
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from cleantext.boilerplate import patterns
from cleantext.model import Paragraph, ParagraphRule
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
        """True when the pattern can only match at the start of the paragraph (see :func:`patterns.is_anchored`)."""
        return patterns.is_anchored(self.pattern)

    def keywords(self, least: int = patterns.KEYWORD_MIN) -> frozenset[str] | None:
        """Literal strings of at least ``least`` characters, one of which is in every text the pattern
        matches (see :func:`patterns.keywords`)."""
        return patterns.keywords(self.pattern, least)

    def heads(self) -> frozenset[str] | None:
        """For an anchored pattern, the strings one of which starts every text it matches (see
        :func:`patterns.heads`)."""
        return patterns.heads(self.pattern)

    def words(self) -> frozenset[str] | None:
        """Words, one of which is a word of every text the pattern matches (see :func:`patterns.words`)."""
        return patterns.words(self.pattern)


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


_WORD = re.compile(r"\w+")
#: Splitting a text into words costs about as much as this many substring tests
#: per character: a cap allowing fewer words than its length over this tests substrings.
_WORD_COST = 4


@dataclass(frozen=True)
class _Matcher:
    """Rules ready to match, in the order they are tried: language rules, then the
    ``mul`` ones; in each, the anchored rules, then the others; else as read.

    A rule is only tried on a paragraph it may match: an anchored rule when the
    paragraph starts with one of its heads (see :func:`patterns.heads`), another when one
    of its words is a word of the paragraph (see :func:`patterns.words`), else when one of
    its keywords is in the paragraph; the few with none of these always.
    """

    caps: list[int]  # each distinct ``max``, ascending
    tries: tuple[tuple[Callable[[str], object], int, str], ...]  # per rule: regex test, max, id
    by_head: dict[str, tuple[int, ...]]  # per head: the rules to try, the always-tried included ("": those only)
    by_word: list[dict[str, frozenset[int]]]  # per cap: the words of the rules it allows
    keywords: list[_Keywords]  # per cap: the keywords of the rules it allows

    @classmethod
    def build(cls, rules: Sequence[PhraseRule]) -> _Matcher:
        rules = sorted(rules, key=lambda r: (r.lang == NEUTRAL, not r.anchored))
        caps = sorted({r.max_len for r in rules})
        by_head: dict[str, set[int]] = {"": set()}
        by_word: list[dict[str, set[int]]] = [{} for _ in caps]
        by_keyword: list[dict[str, set[int]]] = [{} for _ in caps]
        for i, rule in enumerate(rules):
            heads = rule.heads()
            words = None if heads else rule.words()
            keywords = None if heads or words else rule.keywords() or rule.keywords(1)
            if not (words or keywords):
                for head in heads or ("",):  # "": tried on every paragraph
                    by_head.setdefault(head, set()).add(i)
                continue
            allowing = bisect_left(caps, rule.max_len) + 1  # the caps that allow the rule
            for by_key in (by_word if words else by_keyword)[:allowing]:
                for key in words or keywords or ():
                    by_key.setdefault(key, set()).add(i)
        for cap, cap_words, cap_keywords in zip(caps, by_word, by_keyword, strict=True):
            if len(cap_words) * _WORD_COST < cap:  # few words: substring tests beat splitting long texts into words
                for word, word_rules in cap_words.items():
                    cap_keywords.setdefault(word, set()).update(word_rules)
                cap_words.clear()
        return cls(
            caps=caps,
            tries=tuple((_test(r), r.max_len, r.rule_id) for r in rules),
            by_head={head: _tried(head, by_head) for head in by_head},
            by_word=[{w: frozenset(v) for w, v in by_cap.items()} for by_cap in by_word],
            keywords=[_Keywords.build(_merge(by_cap)) for by_cap in by_keyword],
        )

    def find(self, text: str) -> str | None:
        """The first rule that matches the stripped ``text`` and allows its length, if any."""
        length = len(text)
        cap = bisect_left(self.caps, length)
        if cap == len(self.caps):
            return None
        folded = fold(text)
        head = folded[: patterns.HEAD].translate(patterns.SHAPES)
        while head not in self.by_head:
            head = head[:-1]
        tried: Iterable[int] = self.by_head[head]
        by_word = self.by_word[cap]
        hits = [by_word[word] for word in by_word.keys() & _WORD.findall(folded)] if by_word else []
        hits += self.keywords[cap].hits(folded)
        if hits:
            tried = sorted(set(tried).union(*hits))
        for i in tried:
            test, max_len, rule_id = self.tries[i]
            if length <= max_len and test(folded):
                return rule_id
        return None


@dataclass(frozen=True)
class _Keywords:
    """Keywords and their rules, by their greatest character: a text holds none greater than its own."""

    tops: list[str]  # the greatest character of each keyword, ascending
    rules: tuple[tuple[str, frozenset[int]], ...]  # keyword, its rules; in the same order

    @classmethod
    def build(cls, by_keyword: dict[str, set[int]]) -> _Keywords:
        keywords = sorted(by_keyword, key=max)
        return cls([max(k) for k in keywords], tuple((k, frozenset(by_keyword[k])) for k in keywords))

    def hits(self, text: str) -> list[frozenset[int]]:
        """The rules of the keywords in ``text``."""
        tried = self.rules[: bisect_right(self.tops, _ceiling(text))]
        return [rules for keyword, rules in tried if keyword in text]


_WIDE = re.compile("[\u3000-\U0010ffff]")  # CJK and beyond


def _ceiling(text: str) -> str:
    """A character no less than any of ``text``, found faster than ``max(text)``.

    >>> [hex(ord(_ceiling(text))) for text in ("abc", "café", "版权所有")]
    ['0x7f', '0x2fff', '0x10ffff']
    """
    if text.isascii():
        return "\x7f"
    return "\U0010ffff" if _WIDE.search(text) else "\u2fff"


def _tried(head: str, by_head: dict[str, set[int]]) -> tuple[int, ...]:
    """The rules to try on a paragraph whose longest known head is ``head``: those of its prefixes."""
    return tuple(sorted(set().union(*(by_head.get(head[:size], ()) for size in range(len(head) + 1)))))


def _test(rule: PhraseRule) -> Callable[[str], object]:
    regex = _regex(rule.pattern)
    return regex.match if rule.anchored else regex.search


def _merge(by_keyword: dict[str, set[int]]) -> dict[str, set[int]]:
    """Give the rules of a keyword that contains another keyword to the shorter one,
    if that one is long enough to be rare (see :func:`patterns.long_enough`).

    Fewer substring tests; the shorter keyword is tested anyway.
    """
    merged: dict[str, set[int]] = {}
    for keyword in sorted(by_keyword, key=len):
        home = next((k for k in merged if k in keyword and patterns.long_enough(k)), keyword)
        merged.setdefault(home, set()).update(by_keyword[keyword])
    return merged


@cache
def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


@dataclass(frozen=True)
class _Reference:
    """What :class:`_Matcher` promises, the plain way: every rule that allows the text's length, in the
    same order. The index is tested against it, and it stands in for the index where the private parser
    of ``re`` that reads the patterns is missing or changed (:class:`patterns.Unreadable`): then a rule
    is anchored when it starts with ``^`` or ``\\A`` (without ``(?m)``), as read off its text.
    """

    tries: tuple[tuple[Callable[[str], object], int, str], ...]  # per rule: regex search, max, id

    @classmethod
    def build(cls, rules: Sequence[PhraseRule]) -> _Reference:
        rules = sorted(rules, key=lambda r: (r.lang == NEUTRAL, not _anchored(r)))
        return cls(tuple((_regex(r.pattern).search, r.max_len, r.rule_id) for r in rules))

    def find(self, text: str) -> str | None:
        """The first rule that matches the stripped ``text`` and allows its length, if any."""
        folded = fold(text)
        return next((rule_id for test, max_len, rule_id in self.tries if len(text) <= max_len and test(folded)), None)


def _anchored(rule: PhraseRule) -> bool:
    try:
        return rule.anchored
    except patterns.Unreadable:
        return rule.pattern.startswith(("^", "\\A")) and "(?m)" not in rule.pattern


@lru_cache(maxsize=8)
def _compile(rules: tuple[PhraseRule, ...]) -> _Matcher | _Reference:
    """The index of ``rules``; the reference, with one warning, where patterns cannot be read."""
    try:
        return _Matcher.build(rules)
    except patterns.Unreadable as err:
        warnings.warn(f"cleantext: phrase rules are tried one by one, slower, with the same result: {err}",
                      RuntimeWarning, stacklevel=2)
        return _reference(rules)


@lru_cache(maxsize=8)
def _reference(rules: tuple[PhraseRule, ...]) -> _Reference:
    return _Reference.build(rules)


class PhraseRules:
    """A compiled set of phrase rules.

    >>> PhraseRules.load().match("Lesen Sie auch: Die Lage in Berlin")
    'de/related'
    """

    def __init__(self, rules: Iterable[PhraseRule]) -> None:
        self.rules = tuple(rules)
        self._matcher = _compile(self.rules)

    @classmethod
    def load(cls, extra_files: Sequence[str | os.PathLike[str]] = ()) -> PhraseRules:
        """The built-in rules (parsed once per process), then those of ``extra_files``."""
        extra = [r for path in extra_files for r in parse_file(path)]
        return cls(_builtin_rules() + tuple(extra))

    def reference_match(self, text: str) -> str | None:
        """:meth:`match` the plain way (:class:`_Reference`): the same answer, slower."""
        return _reference(self.rules).find(text.strip())

    def match(self, text: str) -> str | None:
        """The id of the rule that drops ``text``, or None.

        Only rules whose ``max`` is at least the stripped length apply. Language
        rules win over ``mul`` ones; among them, rules anchored at the start
        (``^…``) are tried first; otherwise the rule read first wins.
        """
        return self._matcher.find(text.strip())

    def rule_ids(self) -> list[str]:
        """Every rule id, once, in the order read."""
        return list(dict.fromkeys(r.rule_id for r in self.rules))

    def __reduce__(self) -> tuple[Any, ...]:
        return (PhraseRules, (self.rules,))


class PhraseFilter(ParagraphRule):
    """The chain step: marks kept paragraphs that a phrase rule matches.

    Every language's rules apply to every paragraph (a French footer may close
    an English article); rules switched off in ``options`` never fire. Pickles
    as its options only; a worker re-reads the (cached) rules.

    >>> from cleantext.model import Document
    >>> doc = Document([Paragraph("Body text."), Paragraph("Read more: Other story")])
    >>> [p.dropped for p in PhraseFilter(Options())(doc).paragraphs]
    [None, 'en/related']
    """

    def __init__(self, options: Options) -> None:
        self.options = options
        loaded = PhraseRules.load(options.phrase_files)
        self.rules = PhraseRules(r for r in loaded.rules if options.rule_enabled(r.rule_id))

    def judge(self, p: Paragraph) -> str | None:
        return self.rules.match(p.text)

    def __getstate__(self) -> dict[str, Any]:
        return {"options": self.options}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["options"])  # type: ignore[misc]
