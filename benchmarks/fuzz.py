"""Fuzz the readers, the cleaner and the JSON Lines path with hypothesis.

Each target is given many inputs (``--examples`` each): generated text,
bytes, HTML-like pages and JSON Lines lines (``tests/strategies.py``), and
real documents damaged at random (the fixtures, and the pages of
``../shared/eval-data`` when present). A target fails when it raises, or
breaks its contract:

- ``decode``: any bytes give text that can be written as UTF-8;
- ``read``: the readers (decode, extract, split, repair) return paragraphs
  with text, for text, HTML and auto-detected input (no limits, no guard);
- ``process``: the cleaner marks nothing as failed, and what it keeps is a
  subsequence of what it read;
- ``jsonl``: every line gives one line of JSON, an object;
- ``cli``: all the lines given to ``jsonl``, as one file through
  ``cleantext clean --jsonl`` (``--workers 2``): as many records out as lines in.

Run::

    python -m benchmarks.fuzz --examples 5000

It prints, per target, the inputs tried, the time and the result, and exits
1 when a target failed (hypothesis shrinks the input and prints it).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleantext import Cleaner, Options
from cleantext.cli import main as cli_main
from cleantext.read import read_document
from cleantext.read.decode import decode
from cleantext.records import RecordFormat, clean_line
from tests.strategies import html_pages, json_lines, mutated, texts

ROOT = Path(__file__).resolve().parent.parent
EVAL_PAGES = [ROOT.parent / "shared" / "eval-data" / name / "pages.jsonl.gz" for name in ("aeb", "trafilatura-eval")]


def seed_documents(limit_pages: int = 40) -> list[bytes]:
    """The fixtures' inputs and the first pages of each evaluation set (if present)."""
    seeds = [path.read_bytes() for path in sorted((ROOT / "fixtures").glob("*/input.*"))]
    for pages in EVAL_PAGES:
        if pages.exists():
            with gzip.open(pages, "rt", encoding="utf-8") as lines:
                for _, line in zip(range(limit_pages), lines, strict=False):
                    seeds.append(json.loads(line)["html"].encode("utf-8"))
    return seeds


def is_subsequence(small: list[str], big: list[str]) -> bool:
    rest = iter(big)
    return all(any(item == other for other in rest) for item in small)


class Fuzzer:
    """The targets, with a count of the inputs each was given."""

    def __init__(self) -> None:
        self.cleaner = Cleaner()
        self.readers = [Options(format=fmt) for fmt in ("text", "html", "auto")]
        self.lines: list[bytes] = []
        self.tried: dict[str, int] = {}

    def count(self, target: str) -> None:
        self.tried[target] = self.tried.get(target, 0) + 1

    def decode(self, data: bytes) -> None:
        self.count("decode")
        text = decode(data).text
        text.encode("utf-8")

    def read(self, source: str | bytes) -> None:
        self.count("read")
        for options in self.readers:
            doc = read_document(source, options)
            assert all(p.text.strip() for p in doc.paragraphs), "an empty paragraph"

    def process(self, source: str | bytes) -> None:
        self.count("process")
        doc = self.cleaner.process(source)
        assert doc.meta.get("skipped") != "failed", doc.meta.get("error")
        assert is_subsequence([p.text for p in doc.kept], [p.text for p in doc.paragraphs])
        doc.body.encode("utf-8")

    def jsonl(self, line: str | bytes) -> None:
        self.count("jsonl")
        raw = line if isinstance(line, bytes) else line.encode("utf-8", "surrogatepass")
        self.lines.append(raw.replace(b"\n", b" ").replace(b"\r", b" ") + b"\n")
        out = clean_line(self.cleaner, line, RecordFormat())
        assert "\n" not in out.line and len(out.line.splitlines()) == 1
        assert isinstance(json.loads(out.line), dict)
        assert not (out.error or "").startswith("failed"), out.error

    def cli(self, workers: int = 2) -> None:
        """Every line given to ``jsonl``, through the command; one record out per line in."""
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "fuzz.jsonl"
            path.write_bytes(b"".join(self.lines))
            result = CliRunner().invoke(cli_main, ["clean", "--jsonl", "--workers", str(workers), str(path)])
        out = result.stdout_bytes.split(b"\n")
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
        assert out[-1] == b"" and len(out) - 1 == len(self.lines), f"{len(out) - 1} records for {len(self.lines)}"
        self.tried["cli"] = len(self.lines)


def run_target(name: str, check: Callable[[Any], None], strategy: st.SearchStrategy[Any], examples: int) -> bool:
    """Run one target for ``examples`` inputs; True when it held."""

    @settings(max_examples=examples, deadline=None, database=None, print_blob=True,
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def target(value: Any) -> None:
        check(value)

    try:
        target()
    except Exception as err:  # the falsifying example has been printed by hypothesis
        print(f"{name}: FAILED: {type(err).__name__}: {err}", file=sys.stderr)
        return False
    return True


def report(target: str, inputs: int, seconds: float, ok: bool) -> None:
    print(f"{target:<8} {inputs:>8,} {seconds:>8.1f}  {'ok' if ok else 'FAILED'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=2000, help="inputs per target (default 2000)")
    args = parser.parse_args(argv)
    fuzzer = Fuzzer()
    damaged = mutated(seed_documents())
    anything = texts | st.binary(max_size=4000) | html_pages | damaged
    targets: list[tuple[str, Callable[[Any], None], st.SearchStrategy[Any]]] = [
        ("decode", fuzzer.decode, st.binary(max_size=4000) | damaged),
        ("read", fuzzer.read, anything),
        ("process", fuzzer.process, anything),
        ("jsonl", fuzzer.jsonl, json_lines | st.binary(max_size=2000)
         | damaged.map(lambda page: json.dumps({"id": 1, "text": page.decode("utf-8", "replace")}))),
    ]
    held = True
    print(f"{'target':<8} {'inputs':>8} {'seconds':>8}  result")
    for name, check, strategy in targets:
        start = time.perf_counter()
        ok = run_target(name, check, strategy, args.examples)
        held &= ok
        report(name, fuzzer.tried.get(name, 0), time.perf_counter() - start, ok)
    start = time.perf_counter()
    try:
        fuzzer.cli()
        ok = True
    except AssertionError as err:
        print(f"cli: FAILED: {err}", file=sys.stderr)
        ok = False
    held &= ok
    report("cli", fuzzer.tried.get("cli", 0), time.perf_counter() - start, ok)
    print(f"total inputs: {sum(fuzzer.tried.values()):,}")
    return 0 if held else 1


if __name__ == "__main__":
    sys.exit(main())
