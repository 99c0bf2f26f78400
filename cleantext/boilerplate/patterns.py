r"""What a regex pattern requires of every text it matches, read off the pattern.

Phrase rules are only tried on the paragraphs they may match; these readings say
which. ``^(?:les )?plus\b`` is anchored: it only matches at the start of a text,
and every text it matches starts with ``les`` or ``plu`` (its heads). Every text
that ``\b(?:sign up|subscribe) to (?:our|the) newsletter\b`` matches holds the word
``newsletter``, and so the literal `` newsletter`` (a keyword).

>>> pattern = r"^(?:les )?plus\b"
>>> is_anchored(pattern), sorted(heads(pattern))
(True, ['les', 'plu'])
>>> pattern = r"\b(?:sign up|subscribe) to (?:our|the) newsletter\b"
>>> words(pattern), keywords(pattern)
(frozenset({'newsletter'}), frozenset({' newsletter'}))

All readings come from the parse of ``re`` itself, with its private parser. A reading is None
when nothing can be read off: a rule is then tried more often, never wrongly skipped. Where that
parser is missing or not the one these readings know, every reading raises :class:`Unreadable`,
and the phrase index does without them (:mod:`cleantext.boilerplate.phrases`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache, wraps
from typing import Any, TypeVar

try:  # the private parser of ``re``, and the opcodes these readings group
    from re import _parser  # type: ignore[attr-defined]

    _CATEGORIES = {_parser.CATEGORY_DIGIT: "0", _parser.CATEGORY_SPACE: " "}
    _EDGES = {_parser.AT_BOUNDARY, _parser.AT_BEGINNING, _parser.AT_BEGINNING_LINE, _parser.AT_BEGINNING_STRING,
              _parser.AT_END, _parser.AT_END_LINE, _parser.AT_END_STRING}
    _MISSING: str | None = None
except (ImportError, AttributeError) as err:  # another Python's re
    _parser, _CATEGORIES, _EDGES = None, {}, set()
    _MISSING = f"re._parser is missing or changed ({err})"


class Unreadable(Exception):
    """The parser of ``re`` is missing, or not the one these readings know."""


R = TypeVar("R")


def _reading(read: Callable[..., R]) -> Callable[..., R]:
    """``read``, cached, raising :class:`Unreadable` where the parser is missing or reads otherwise."""

    @cache
    @wraps(read)
    def guarded(*args: Any) -> R:
        if _MISSING is not None:
            raise Unreadable(_MISSING)
        try:
            return read(*args)
        except (AttributeError, TypeError, ValueError, IndexError, KeyError) as err:
            raise Unreadable(f"re._parser reads patterns otherwise than expected ({err!r})") from err

    return guarded

#: How many leading characters :func:`heads` reads.
HEAD = 3
#: The shortest literal worth a substring test before a regex search.
KEYWORD_MIN = 4

_Item = tuple[Any, Any]  # an atom as ``re`` parses it: (opcode, argument)


@_reading
def is_anchored(pattern: str) -> bool:
    """True when ``pattern`` can only match at the start of the text: it starts with ``^`` (not under
    ``(?m)``) or ``\\A``.

    >>> is_anchored(r"^read more"), is_anchored(r"^read|more"), is_anchored(r"(?m)^read")
    (True, False, False)
    """
    parsed = _parsed(pattern)
    start = parsed[0] if len(parsed) else None
    if start == (_parser.AT, _parser.AT_BEGINNING):
        return not parsed.state.flags & re.MULTILINE
    return start == (_parser.AT, _parser.AT_BEGINNING_STRING)


@_reading
def heads(pattern: str) -> frozenset[str] | None:
    """For an anchored pattern, strings of up to :data:`HEAD` characters, one of which starts every text
    it matches once read with :data:`SHAPES` (digits as ``0``, spaces as ``' '``); None when none can be
    read off or the pattern is not anchored.

    >>> sorted(heads(r"^\\d{1,2}\\.? (?:mai|juin)"))
    ['0 j', '0 m', '0. ', '00 ', '00.']
    >>> heads(r"^\\w+ said") is None, heads(r"read more") is None
    (True, True)
    """
    parsed = _parse(pattern) if is_anchored(pattern) else None
    found = {head for head, _ in _then(_START, parsed)} if parsed else set()
    return frozenset(found) if found and "" not in found else None


@_reading
def words(pattern: str) -> frozenset[str] | None:
    """Words (whole ``\\w+`` runs), one of which is in every text ``pattern`` matches; None when none can be read off.

    >>> sorted(words(r"\\b(?:utilizziamo|usiamo) (?:i )?cookie"))
    ['usiamo', 'utilizziamo']
    >>> words(r"newsletter") is None  # may be part of "newsletters"
    True
    """
    return _read(pattern, _WORDS)


@_reading
def keywords(pattern: str, least: int = KEYWORD_MIN) -> frozenset[str] | None:
    """Literal strings of at least ``least`` characters (see :func:`long_enough`), one of which is in
    every text ``pattern`` matches; None when none can be read off.

    The best that can be read off: telling keywords (at least 6 characters), then as few as possible.

    >>> sorted(keywords(r"(?:newsletters?|mailing list)"))
    ['mailing list', 'newsletter']
    >>> keywords(r"abc|defgh") is None  # "abc" is too short
    True
    """
    return _read(pattern, _keywords(least))


def long_enough(keyword: str, least: int = KEYWORD_MIN) -> bool:
    """At least ``least`` characters, not counting spaces around them, or 2 Han or kana characters.

    >>> long_enough(" to "), long_enough("所有")
    (False, True)
    """
    keyword = keyword.strip()
    cjk = len(keyword) >= 2 and min(map(ord, keyword)) >= 0x3040
    return cjk or len(keyword) >= least


@cache
def _parsed(pattern: str) -> Any:
    """The parse of ``pattern`` by ``re`` (a ``SubPattern``: a list of :data:`_Item` with the pattern's flags)."""
    return _parser.parse(pattern)


def _parse(pattern: str) -> list[_Item] | None:
    """The atoms ``re`` parses ``pattern`` into; None under flags that change what a
    character or a word is (``(?i)``, ``(?a)``), which these readings do not follow."""
    parsed = _parsed(pattern)
    return None if parsed.state.flags & (re.IGNORECASE | re.ASCII) else list(parsed)


_HEADS_MAX = 64  # more possible heads than this: read fewer characters

_Heads = frozenset[tuple[str, bool]]  # (characters a match may start with, whether more may follow)
_START: _Heads = frozenset({("", True)})
_UNREAD: _Heads = frozenset({("", False)})


class _Shapes(dict[int, int]):
    """A ``str.translate`` table that reads every digit (``\\d``) as ``0`` and every space (``\\s``) as ``' '``.

    Filled as it is used.
    """

    def __missing__(self, code: int) -> int:
        char = chr(code)
        self[code] = shape = ord("0" if char.isdecimal() else " " if char.isspace() else char)
        return shape


SHAPES = _Shapes()


def _then(heads: _Heads, items: Iterable[_Item]) -> _Heads:
    """``heads`` followed by the parsed atoms ``items``."""
    for op, arg in items:
        if not any(more for _, more in heads):
            break
        heads = _join(heads, _atom_heads(op, arg))
    return heads


def _join(heads: Iterable[tuple[str, bool]], more: _Heads) -> _Heads:
    """Each of ``heads`` that may grow followed by each of ``more``, cut to :data:`HEAD` characters."""
    joined: set[tuple[str, bool]] = set()
    for head, grows in heads:
        if grows:
            joined.update(((head + h)[:HEAD], g and len(head + h) < HEAD) for h, g in more)
        else:
            joined.add((head, False))
    return _fewer(joined)


def _fewer(heads: set[tuple[str, bool]]) -> _Heads:
    """``heads``, the longest cut shorter until at most :data:`_HEADS_MAX` remain."""
    size = HEAD
    while len(heads) > _HEADS_MAX:
        size -= 1
        heads = {(head[:size], grows and len(head) < size) for head, grows in heads}
    return frozenset(heads)


def _atom_heads(op: Any, arg: Any) -> _Heads:
    """The heads of one parsed atom; :data:`_UNREAD` for what is not read (``\\w``, ``.``, lookarounds …)."""
    p = _parser
    if op is p.LITERAL:
        return frozenset({(chr(arg).translate(SHAPES), True)})
    if op is p.IN:
        chars = _class_chars(arg)
        return _UNREAD if chars is None else frozenset((c, True) for c in chars)
    if op is p.AT:
        return _START
    if op is p.BRANCH:
        return _fewer(set().union(*(_then(_START, side) for side in arg[1])))
    if op is p.SUBPATTERN:
        _, add_flags, del_flags, items = arg
        return _UNREAD if add_flags or del_flags else _then(_START, items)
    if op is p.ATOMIC_GROUP:
        return _then(_START, arg)
    if op in (p.MAX_REPEAT, p.MIN_REPEAT, p.POSSESSIVE_REPEAT):
        least, most, items = arg
        once = _then(_START, items)
        heads, found = _START, set[tuple[str, bool]]()
        for times in range(min(most, HEAD) + 1):
            if times >= min(least, HEAD):
                found |= heads
            heads = _join(heads, once)
        return _fewer(found)
    return _UNREAD



def _class_chars(items: Iterable[_Item]) -> set[str] | None:
    """The characters a parsed class ``[…]`` matches (digits read as ``0``, spaces as ``' '``).

    None for negated or large classes.
    """
    chars = set()
    for op, arg in items:
        if op is _parser.LITERAL:
            chars.add(chr(arg))
        elif op is _parser.RANGE and arg[1] - arg[0] < _HEADS_MAX:
            chars.update(map(chr, range(arg[0], arg[1] + 1)))
        elif op is _parser.CATEGORY and arg in _CATEGORIES:
            chars.add(_CATEGORIES[arg])
        else:
            return None
    return {c.translate(SHAPES) for c in chars}


@dataclass(frozen=True)
class _Reading:
    """How :func:`_runs` reads strings off parsed atoms: runs of the literal characters it ``joins``, each
    between atoms that ``ends`` runs, or going on into each side of a branch; ``keeps`` says which are kept,
    ``rank`` which set of them is best (the greatest). ``at_ends``: whether the start and the end of a match
    end a run (not for words: a match may start or end inside a word)."""

    joins: Callable[[str], bool]
    ends: Callable[[Any, Any], bool]
    keeps: Callable[[str], bool]
    rank: Callable[[frozenset[str]], Any]
    at_ends: bool

    def best(self, options: list[frozenset[str]]) -> frozenset[str] | None:
        return max(options, key=self.rank, default=None)


def _read(pattern: str, reading: _Reading) -> frozenset[str] | None:
    """The best set of runs read off ``pattern``, one of which is in every text it matches."""
    parsed = _parse(pattern)
    return reading.best(_runs(parsed, reading, reading.at_ends, reading.at_ends)) if parsed else None


def _runs(items: Sequence[_Item], reading: _Reading, left: bool, right: bool, run: str = "") -> list[frozenset[str]]:
    """Sets of runs, one run of each set in every match of ``run`` then the parsed ``items``.

    ``left``, ``right``: whether what comes right before, after them ends a run.
    """
    found = []
    bounded = left  # whether what comes right before ``run`` ends it
    for i, (op, arg) in enumerate(items):
        if op is _parser.LITERAL and reading.joins(chr(arg)):
            run += chr(arg)
            continue
        edge = reading.ends(op, arg)
        if run and bounded and edge and reading.keeps(run):
            found.append(frozenset({run}))
        after = reading.ends(*items[i + 1]) if i + 1 < len(items) else right
        options = [reading.best(_runs(side, reading, bounded, after, run)) for side in _sides(op, arg)]
        if options and all(options):
            found.append(frozenset().union(*options))  # type: ignore[arg-type]
        run, bounded = "", edge
    if run and bounded and right and reading.keeps(run):
        found.append(frozenset({run}))
    return found


def _sides(op: Any, arg: Any) -> list[list[_Item]]:
    """The alternatives of a branch or of a class of literal characters (``[ab]``), the inside of a
    capturing group without flags; else none.

    (``re`` unpacks ``(?:…)`` groups without flags into the atoms around them, and moves the start that
    all the alternatives of a branch share out of it: ``(?:下载|下載)`` is parsed as ``下[载載]``.)
    """
    if op is _parser.BRANCH:
        return arg[1]
    if op is _parser.IN and all(o is _parser.LITERAL for o, _ in arg):
        return [[item] for item in arg]
    if op is _parser.SUBPATTERN and not (arg[1] or arg[2]):
        return [arg[3]]
    return []




def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _is_edge(op: Any, arg: Any) -> bool:
    """Whether a parsed atom makes a word edge: ``\\b``, ``^``, ``$``, or only non-word characters (``\\s+``)."""
    if op is _parser.AT:
        return arg in _EDGES
    if op is _parser.LITERAL:
        return not _is_word(chr(arg))
    if op is _parser.IN:
        chars = _class_chars(arg)
        return chars is not None and not any(map(_is_word, chars))
    if op in (_parser.MAX_REPEAT, _parser.MIN_REPEAT, _parser.POSSESSIVE_REPEAT):
        least, _, items = arg
        return least > 0 and len(items) == 1 and _is_edge(*items[0])
    return False


def _always(*_: Any) -> bool:
    return True


#: Words: whole runs of word characters; best, the set whose shortest word is longest, then the smallest.
_WORDS = _Reading(_is_word, _is_edge, _always, lambda o: (min(map(len, o)), -len(o)), at_ends=False)


@cache
def _keywords(least: int) -> _Reading:
    """Keywords: runs of any literal characters, at least ``least`` long; best, the telling sets (each
    keyword at least 6 long), then the smallest, then the one whose shortest keyword is longest."""
    return _Reading(
        _always,
        _always,
        lambda run: long_enough(run, least),
        lambda o: (all(long_enough(k, 6) for k in o), -len(o), min(map(len, o))),
        at_ends=True,
    )
