"""The same input gives byte-identical output: across runs, across
``--workers 1/2/4``, across the library and the command, and whatever
``PYTHONHASHSEED`` is."""

from __future__ import annotations

import gzip
import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cleantext import Cleaner
from cleantext.records import RecordFormat, clean_line

from .conftest import ROOT, SHARED

CLI = [sys.executable, "-m", "cleantext"]
EVAL_PAGES = SHARED / "eval-data" / "aeb" / "pages.jsonl.gz"


def corpus() -> list[dict[str, object]]:
    """Every fixture input (many languages, text and HTML, each with boilerplate),
    and the first evaluation pages when the shared data is there."""
    records: list[dict[str, object]] = [
        {"id": path.parent.name, "text": path.read_text(encoding="utf-8")}
        for path in sorted((ROOT / "fixtures").glob("*/input.*"))
    ]
    if EVAL_PAGES.exists():
        with gzip.open(EVAL_PAGES, "rt", encoding="utf-8") as pages:
            records += [json.loads(line) for line in itertools.islice(pages, 15)]
    return [{"id": r["id"], "text": r.get("text") or r.get("html"), "url": r.get("url")} for r in records]


@pytest.fixture(scope="module")
def corpus_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("determinism") / "corpus.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in corpus()), encoding="utf-8")
    return path


def run_cli(args: list[str], hash_seed: str = "0") -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    proc = subprocess.run([*CLI, "clean", *args], capture_output=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr.decode()
    return proc.stdout


@pytest.fixture(scope="module")
def reference(corpus_file) -> bytes:
    out = run_cli(["--jsonl", "--explain", "--url-field", "url", str(corpus_file)])
    assert out.count(b"\n") == len(corpus()) >= 18  # the fixtures at least, with or without ../shared
    return out


def assert_same(out: bytes, reference: bytes) -> None:
    """Equal bytes; else say which record differs first, and how."""
    if out == reference:
        return
    pairs = itertools.zip_longest(out.splitlines(), reference.splitlines(), fillvalue=b"")
    number, (got, expected) = next((n, pair) for n, pair in enumerate(pairs, 1) if pair[0] != pair[1])
    raise AssertionError(f"record {number} differs:\n  got      {got[:300]!r}\n  expected {expected[:300]!r}")


def test_two_runs_give_the_same_bytes(corpus_file, reference):
    assert_same(run_cli(["--jsonl", "--explain", "--url-field", "url", str(corpus_file)]), reference)


@pytest.mark.parametrize("hash_seed", ["1", "random"])
def test_the_hash_seed_changes_nothing(corpus_file, reference, hash_seed):
    assert_same(run_cli(["--jsonl", "--explain", "--url-field", "url", str(corpus_file)], hash_seed), reference)


@pytest.mark.parametrize("workers", ["2", "4"])  # the reference ran with one
def test_the_number_of_workers_changes_nothing(corpus_file, reference, workers):
    args = ["--jsonl", "--explain", "--url-field", "url", "--workers", workers, str(corpus_file)]
    assert_same(run_cli(args, hash_seed="random"), reference)


def test_the_library_gives_what_the_command_gives(corpus_file, reference):
    cleaner, fmt = Cleaner(), RecordFormat(explain=True, url_field="url")
    lines = corpus_file.read_bytes().splitlines(keepends=True)
    assert_same(b"".join(clean_line(cleaner, line, fmt).line.encode() + b"\n" for line in lines), reference)


def test_files_give_what_the_library_gives(tmp_path):
    sources = sorted((ROOT / "fixtures").glob("*/input.*"))[:8]
    cleaner = Cleaner()
    expected = b"".join(f"==> {path} <==\n".encode() + (cleaner.clean(path.read_bytes()) + "\n").encode()
                        for path in sources)
    assert run_cli([str(path) for path in sources], hash_seed="random") == expected


def test_a_document_comes_out_the_same_whatever_came_before_it():
    """What lets workers split the stream anyhow: no state leaks from one document to the next."""
    records = corpus()[:30]
    fmt = RecordFormat(explain=True)
    forward = [clean_line(Cleaner(), json.dumps(r), fmt).line for r in records]
    cleaner = Cleaner()
    backward = [clean_line(cleaner, json.dumps(r), fmt).line for r in reversed(records)]
    assert forward == backward[::-1]
