"""Behaviour does not change by accident: the ``--explain`` record of every fixture, of the
mixed-language texts and of one dev page in ten hashes as recorded in ``tests/snapshots/behaviour.json``
(``benchmarks/snapshot.py``: ``--record`` after a change that is meant to change behaviour, and say so;
without arguments it checks every dev page)."""

from __future__ import annotations

import json

import pytest

from benchmarks.snapshot import (
    EVAL_DATA,
    EXTRACTIONS,
    SNAPSHOT,
    dev_pages,
    fingerprint,
    fixture_documents,
    mixed_documents,
)
from cleantext import Cleaner, Options

RECORDED: dict[str, str] = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
CLEANERS = {extraction: Cleaner(Options(extraction=extraction)) for extraction in EXTRACTIONS}


def changed(documents) -> list[str]:
    return [name for name, source in documents if RECORDED.get(name) != fingerprint(CLEANERS["trafilatura"], source)]


def test_the_fixtures_are_cleaned_as_recorded():
    documents = list(fixture_documents())
    assert documents and changed(documents) == []


@pytest.mark.skipif(not EVAL_DATA.exists(), reason="the dev sets live in ../shared/eval-data, not in this checkout")
def test_the_mixed_language_texts_are_cleaned_as_recorded():
    documents = list(mixed_documents())
    assert len(documents) == 300 and changed(documents) == []


@pytest.mark.skipif(not EVAL_DATA.exists(), reason="the dev sets live in ../shared/eval-data, not in this checkout")
def test_one_dev_page_in_ten_is_cleaned_as_recorded_by_both_extractions():
    pages = list(dev_pages(every=10))
    assert len(pages) > 100 and changed(pages) == []
    agreement = [name for name, source in pages
                 if RECORDED.get(f"{name}|agreement") != fingerprint(CLEANERS["agreement"], source)]
    assert agreement == []
