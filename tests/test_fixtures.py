"""End-to-end checks against the hand-written fixtures in ``fixtures/``.

Each fixture folder holds an input (``input.txt`` or ``input.html``), the exact
expected body (``expected.txt``) and ``expected.json`` with the title, the
dominant language and the drop reasons that must fire. See fixtures/README.md.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
#: Folders under fixtures/ that are not input/expected pairs.
NOT_FIXTURES = frozenset({"profile-corpus", "languages", "crawl", "__pycache__"})
INPUT_NAMES = ("input.txt", "input.html")


def fixture_dirs() -> list[Path]:
    """Every fixture folder, sorted by name."""
    return sorted(p for p in FIXTURES.iterdir() if p.is_dir() and p.name not in NOT_FIXTURES)


def input_path(folder: Path) -> Path:
    """The one input file of a fixture folder."""
    found = [folder / name for name in INPUT_NAMES if (folder / name).is_file()]
    assert len(found) == 1, f"{folder.name}: expected exactly one of {INPUT_NAMES}, found {found}"
    return found[0]


def load_expected(folder: Path) -> tuple[str, dict[str, Any]]:
    """The expected body (read byte-exact, no newline translation) and expected.json."""
    body = (folder / "expected.txt").read_bytes().decode("utf-8")
    meta = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    return body, meta


def reason_matches(expected: str, reason: str) -> bool:
    """Whether a drop ``reason`` satisfies an expected entry.

    An entry is one or more alternatives separated by ``|``; an alternative
    ending in ``/`` is a family prefix.

    >>> reason_matches("foreign-edge|fr/", "fr/syndication"), reason_matches("en/", "title")
    (True, False)
    """
    return any(reason == alt or (alt.endswith("/") and reason.startswith(alt)) for alt in expected.split("|"))


CASES = [pytest.param(folder, id=folder.name) for folder in fixture_dirs()]


def test_fixture_set_is_broad() -> None:
    """The set keeps covering many languages (guards against fixtures lost by mistake)."""
    langs = {load_expected(folder)[1]["lang"] for folder in fixture_dirs()}
    assert len(CASES) >= 14
    assert len(langs) >= 8, langs


@pytest.mark.parametrize("folder", CASES)
def test_fixture_is_well_formed(folder: Path) -> None:
    """Fixture files follow the documented layout, so a failure below is about the cleaner."""
    input_path(folder)
    body, meta = load_expected(folder)
    assert set(meta) == {"title", "lang", "dropped"}
    title = meta["title"]
    assert title is None or (isinstance(title, str) and title and title == title.strip())
    assert isinstance(meta["lang"], str) and len(meta["lang"]) == 2 and meta["lang"].islower()
    assert isinstance(meta["dropped"], list) and all(isinstance(r, str) and r for r in meta["dropped"])
    assert body and body == body.strip(), "expected.txt has no leading/trailing blank space"
    paragraphs = body.split("\n\n")
    assert all(p and p == p.strip() for p in paragraphs), "paragraphs are joined by exactly one blank line"


@pytest.fixture(scope="module")
def cleaner() -> Any:
    """One cleaner with default options for the whole module (imported here so a
    missing or broken package fails each case instead of the collection)."""
    import cleantext

    return cleantext.Cleaner(cleantext.Options())


@pytest.mark.parametrize("folder", CASES)
def test_fixture(folder: Path, cleaner: Any) -> None:
    """The cleaner's body, title, language and drop reasons match the fixture."""
    body, meta = load_expected(folder)
    doc = cleaner.process(input_path(folder).read_bytes())

    # Compared paragraph by paragraph for a readable diff; equal lists mean equal strings.
    assert doc.body.split("\n\n") == body.split("\n\n")
    assert doc.title == meta["title"]
    assert doc.lang == meta["lang"]
    reasons = [p.dropped for p in doc.paragraphs if p.dropped is not None]
    missing = [e for e in meta["dropped"] if not any(reason_matches(e, r) for r in reasons)]
    assert not missing, f"expected drop reasons {missing} not among {reasons}"
