"""Behaviour snapshot: a hash of the ``--explain`` record of every document we have, to prove that a
change that should not change behaviour (a refactoring) does not.

The documents: the fixtures' inputs, the fuzz seeds (fixtures and the first pages of the evaluation
sets), every text of the mixed-language set, and every dev page of ``aeb``, ``trafilatura-eval`` and
``wild-dev`` (wild-dev as raw bytes), each cleaned with the default options and, for HTML pages, with
``extraction="agreement"`` too. Only hashes are kept (``tests/snapshots/behaviour.json``): the texts
stay in ``../shared``.

Usage, from the project root::

    .venv/bin/python benchmarks/snapshot.py --record   # write tests/snapshots/behaviour.json (~4 min)
    .venv/bin/python benchmarks/snapshot.py            # check every document against it
    .venv/bin/python benchmarks/snapshot.py --every 10 # check one dev page in ten
"""

from __future__ import annotations

import argparse
import base64
import gzip
import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: make `cleantext` importable
    sys.path.insert(0, str(ROOT))

from cleantext import Cleaner, Options  # noqa: E402
from cleantext.write import document_record, json_line  # noqa: E402

SNAPSHOT = ROOT / "tests" / "snapshots" / "behaviour.json"
EVAL_DATA = ROOT.parent / "shared" / "eval-data"
#: The dev pages: data set, pages file, and how a page's input is read from its record.
DEV_SETS = {
    "aeb": ("aeb/pages.jsonl.gz", "html"),
    "trafilatura-eval": ("trafilatura-eval/pages.jsonl.gz", "html"),
    "wild": ("wild-dev/pages.jsonl.gz", "html_base64"),
}
EXTRACTIONS = ("trafilatura", "agreement")


def fixture_documents() -> Iterator[tuple[str, bytes]]:
    """The inputs of the fixtures (the fuzz seeds' first part)."""
    for path in sorted((ROOT / "fixtures").glob("*/input.*")):
        yield f"fixture:{path.parent.name}", path.read_bytes()


def mixed_documents() -> Iterator[tuple[str, str]]:
    """The mixed-language texts, as the quality benchmark gives them (paragraphs joined by a blank line)."""
    path = EVAL_DATA / "langid" / "mixed-dev.jsonl"
    if path.exists():
        for line in path.open(encoding="utf-8"):
            doc = json.loads(line)
            yield f"mixed:{doc['id']}", "\n\n".join(p["text"] for p in doc["paragraphs"])


def dev_pages(every: int = 1) -> Iterator[tuple[str, str | bytes]]:
    """Every ``every``-th page of each dev set that is there."""
    for dataset, (name, field) in DEV_SETS.items():
        path = EVAL_DATA / name
        if not path.exists():
            continue
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            for number, line in enumerate(lines):
                if number % every == 0:
                    page = json.loads(line)
                    source = base64.b64decode(page[field]) if field == "html_base64" else page[field]
                    yield f"{dataset}:{page['id']}", source


def fingerprint(cleaner: Cleaner, source: str | bytes) -> str:
    """The first 16 hex digits of the SHA-256 of the document's ``--explain`` record."""
    record = json_line(document_record(cleaner.process(source)))
    return hashlib.sha256(record.encode("utf-8")).hexdigest()[:16]


def fingerprints(every: int = 1) -> dict[str, str]:
    """Every document's fingerprint, by name (``name|agreement`` for the agreement extraction)."""
    cleaners = {extraction: Cleaner(Options(extraction=extraction)) for extraction in EXTRACTIONS}  # type: ignore[arg-type]
    found = {}
    for name, source in [*fixture_documents(), *mixed_documents()]:
        found[name] = fingerprint(cleaners["trafilatura"], source)
    for name, source in dev_pages(every):
        found[name] = fingerprint(cleaners["trafilatura"], source)
        found[f"{name}|agreement"] = fingerprint(cleaners["agreement"], source)
    return found


def differences(found: dict[str, str], recorded: dict[str, str]) -> list[str]:
    """The names whose fingerprint is not the recorded one (or that were not recorded)."""
    return [name for name, value in found.items() if recorded.get(name) != value]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--record", action="store_true", help="write the snapshot instead of checking it")
    parser.add_argument("--every", type=int, default=1, help="check one dev page in this many")
    args = parser.parse_args()
    found = fingerprints(1 if args.record else args.every)
    if args.record:
        SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
        SNAPSHOT.write_text(json.dumps(found, indent=0, sort_keys=True) + "\n", encoding="utf-8")
        print(f"recorded {len(found)} documents in {SNAPSHOT.relative_to(ROOT)}")
        return
    changed = differences(found, json.loads(SNAPSHOT.read_text(encoding="utf-8")))
    print(f"{len(found) - len(changed)} of {len(found)} documents as recorded")
    for name in changed:
        print(f"  changed: {name}")
    sys.exit(1 if changed else 0)


if __name__ == "__main__":
    main()
