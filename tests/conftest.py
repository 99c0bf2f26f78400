"""Shared test helpers: the project root and the read-only shared data."""

from __future__ import annotations

import gzip
import json
import re
from itertools import islice
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "000_bb2b38e4e2c2791f.txt"


#: The summary line that ends a run over many documents (its pace differs from run to run).
_SUMMARY = re.compile(r"^cleantext: [\d,]+ documents read: .*(?:\n|$)", re.M)


def messages(stderr: str | bytes) -> str:
    r"""``stderr`` without the run's summary line: the messages about the input.

    >>> messages("cleantext: a.txt: cannot read: gone\ncleantext: 2 documents read: 1 cleaned, …\n")
    'cleantext: a.txt: cannot read: gone\n'
    """
    text = stderr.decode() if isinstance(stderr, bytes) else stderr
    return _SUMMARY.sub("", text)


def shared_file(path: Path) -> Path:
    """``path`` under ../shared, or skip the test saying what is missing."""
    if not path.exists():
        pytest.skip(f"needs the project's shared data at {path} (not present on this machine)")
    return path


def shared_eval_pages(count: int) -> list[str]:
    """The HTML of the first ``count`` trafilatura-eval pages, or skip the test when the shared data is missing."""
    path = shared_file(SHARED / "eval-data" / "trafilatura-eval" / "pages.jsonl.gz")
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        return [json.loads(line)["html"] for line in islice(lines, count)]
