"""Shared test helpers: the project root and the read-only shared data."""

from __future__ import annotations

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
