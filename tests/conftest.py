"""Shared test helpers: the project root and the read-only shared data."""

from __future__ import annotations

import gzip
import json
from itertools import islice
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "000_bb2b38e4e2c2791f.txt"


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
