"""The chain as data: every step in the order it runs, what it writes, and what it reads.

A step drops paragraphs under the rule ids it ``writes`` (``disable`` switches it off by its
``name``), and some read the verdicts of steps before them (``reads``): the links after a
``*/related`` phrase are dropped as ``link-list``, the foreign block under a headline is at
the edge only once the ``title`` is out, and ``trailing-heading`` looks at every verdict
(``*``), so it comes last. ``tests/test_chain.py`` checks every ``reads`` against the order.

A step is a filter, ``(Document) -> Document``; one that judges each paragraph on its own
is a :class:`~cleantext.model.ParagraphRule`. Adding a filter means one class and one line
in :data:`STEPS`.

>>> [step.name for step in STEPS if step.wanted(Options())]  # doctest: +NORMALIZE_WHITESPACE
['language', 'phrases', 'markup', 'letterless', 'title', 'foreign-edge', 'pull-quote',
 'link-list', 'trailing-heading']
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from .boilerplate.edges import ForeignEdgeFilter
from .boilerplate.headings import TrailingHeadingFilter
from .boilerplate.letterless import LetterlessFilter
from .boilerplate.links import LinkListFilter
from .boilerplate.markup import MarkupFilter
from .boilerplate.phrases import CATEGORIES, PhraseFilter, PhraseRules
from .boilerplate.pull_quote import PullQuoteFilter
from .boilerplate.title import TitleFilter
from .language import LanguageIdentifier
from .model import Filter
from .options import Options
from .profile import RULE_ID as PROFILE_RULE
from .profile import OnlineProfileFilter, Profile, ProfileFilter


@dataclass(frozen=True)
class Step:
    """One step of the chain.

    Attributes:
        name: the id ``disable`` switches the step off by (``language`` and ``phrases``
            cannot be: phrase rules are switched off by their own ids).
        build: makes the filter from the options.
        writes: the rule ids it drops paragraphs as (``*/related``: any language's).
        reads: the rule ids of earlier steps whose verdicts it reads (``*``: every one).
        needed: whether the options call for the step at all (a profile, ``learn``).
    """

    name: str
    build: Callable[[Options], Filter]
    writes: tuple[str, ...] = ()
    reads: tuple[str, ...] = ()
    needed: Callable[[Options], bool] = lambda options: True

    @property
    def switchable(self) -> bool:
        """Whether ``disable`` switches the step off by its name."""
        return self.name not in ("language", "phrases")

    def wanted(self, options: Options) -> bool:
        """Whether the step is in the chain for ``options``."""
        return self.needed(options) and (not self.switchable or options.rule_enabled(self.name))


def _profile_filter(options: Options) -> Filter:
    assert options.profile is not None
    return ProfileFilter(load_profile(options.profile))


def _single(name: str, make: Callable[[], Filter], reads: tuple[str, ...] = ()) -> Step:
    """A step built without options, writing its own name."""
    return Step(name, lambda options: make(), writes=(name,), reads=reads)


#: The chain, in the order it runs.
STEPS: tuple[Step, ...] = (
    Step("language", lambda options: LanguageIdentifier(options.seed)),
    Step("phrases", PhraseFilter, writes=tuple(f"*/{category}" for category in CATEGORIES)),
    Step(PROFILE_RULE, _profile_filter, writes=(PROFILE_RULE,), needed=lambda options: options.profile is not None),
    Step(PROFILE_RULE, lambda options: OnlineProfileFilter(), writes=(PROFILE_RULE,),
         needed=lambda options: options.learn),
    _single("markup", MarkupFilter),
    _single("letterless", LetterlessFilter),
    _single("title", TitleFilter),
    _single("foreign-edge", ForeignEdgeFilter, reads=("title",)),
    _single("pull-quote", PullQuoteFilter),
    _single("link-list", LinkListFilter, reads=("*/related",)),
    _single("trailing-heading", TrailingHeadingFilter, reads=("*",)),
)


def build_chain(options: Options) -> list[Filter]:
    """The filters for ``options``, in the order they run."""
    return [step.build(options) for step in STEPS if step.wanted(options)]


def check_options(options: Options) -> None:
    """Raise ``ValueError`` for a phrase file that does not parse, or for an id in ``options.disable``
    that names no rule (nor, ending in ``/``, a family of rules): a typo would otherwise leave the
    rule running, silently."""
    steps = [step.name for step in STEPS if step.switchable]
    known = [*dict.fromkeys(steps), *PhraseRules.load(options.phrase_files).rule_ids()]
    for off in options.disable:
        if not any(rule == off or (off.endswith("/") and rule.startswith(off)) for rule in known):
            close = difflib.get_close_matches(off, known + sorted({r.partition("/")[0] + "/" for r in known}), 1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise ValueError(f"unknown rule id {off!r} in disable{hint}")


def load_profile(profile: str | Profile) -> Profile:
    """A profile object as it is, or a profile file, read once per process."""
    if isinstance(profile, Profile):
        return profile
    stat = os.stat(profile)
    return _load_profile_file(os.path.abspath(profile), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=8)
def _load_profile_file(path: str, _mtime_ns: int, _size: int) -> Profile:
    return Profile.load(path)
