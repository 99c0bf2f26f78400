"""The chain as data: every step's ``reads`` is written by a step before it, and the order holds."""

from __future__ import annotations

import fnmatch

import pytest

from cleantext import Options
from cleantext.chain import STEPS, build_chain, check_options
from cleantext.model import ParagraphRule


def written_before(index: int) -> list[str]:
    return [rule for step in STEPS[:index] for rule in step.writes]


@pytest.mark.parametrize("index", range(len(STEPS)), ids=[f"{i}-{s.name}" for i, s in enumerate(STEPS)])
def test_every_step_reads_only_what_a_step_before_it_writes(index):
    step = STEPS[index]
    for read in step.reads:
        if read == "*":  # every verdict: nothing may come after it
            assert index == len(STEPS) - 1, f"{step.name} reads every verdict, so it must run last"
        else:
            assert any(fnmatch.fnmatchcase(read, rule) or read == rule for rule in written_before(index)), \
                f"{step.name} reads {read!r}, which no step before it writes"


def test_the_chain_follows_the_steps_and_the_options():
    names = [type(f).__name__ for f in build_chain(Options(disable=("title", "pull-quote"), learn=True))]
    assert names == ["LanguageIdentifier", "PhraseFilter", "OnlineProfileFilter", "MarkupFilter", "LetterlessFilter",
                     "ForeignEdgeFilter", "LinkListFilter", "TrailingHeadingFilter"]


def test_paragraph_steps_are_paragraph_rules():
    filters = {type(f).__name__: f for f in build_chain(Options())}
    assert {name for name, f in filters.items() if isinstance(f, ParagraphRule)} == {
        "PhraseFilter", "MarkupFilter", "LetterlessFilter"}


def test_every_step_that_writes_can_be_switched_off_by_its_name():
    for step in STEPS:
        if step.switchable:
            check_options(Options(disable=(step.name,)))
            assert not step.wanted(Options(disable=(step.name,), learn=True, profile="unused.json"))
