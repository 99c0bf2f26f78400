"""Benchmark learned profiles on a generated corpus: quality, speed, memory.

Modes, each run in its own process so that its peak RSS is its own:

* ``read``: read and split the records only (the baseline cost of the I/O);
* ``learn-clean``: learn a profile in one pass, then clean in a second pass
  (``cleantext learn`` followed by ``cleantext clean --profile``);
* ``streaming``: learn and clean in one pass (``cleantext clean --jsonl --learn``).

Precision and recall are of removed paragraphs against the generator's labels
(``benchmarks/profile_corpus.py``); docs/s counts every record of a pass, reading and
JSON decoding included; peak RSS is ``ru_maxrss`` of the mode's process. Usage::

    python benchmarks/profile_corpus.py --docs 200000 -o /tmp/profile-corpus.jsonl
    python benchmarks/profile_bench.py /tmp/profile-corpus.jsonl             # all modes
    python benchmarks/profile_bench.py /tmp/profile-corpus.jsonl --mode streaming --warmup 5
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: make `benchmarks` and `cleantext` importable
    sys.path.insert(0, str(ROOT))

from benchmarks.profile_corpus import BOILERPLATE, KINDS  # noqa: E402
from cleantext.model import Document, Paragraph  # noqa: E402
from cleantext.profile import (  # noqa: E402
    DEFAULT_CAPACITY,
    DEFAULT_WARMUP,
    OnlineProfileFilter,
    ProfileFilter,
    ProfileLearner,
    Threshold,
    site_key,
)
from cleantext.profile.learn import paragraphs_of  # noqa: E402

MODES = ("read", "learn-clean", "streaming")


def records(path: str) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            yield json.loads(line)


def document(record: dict[str, Any]) -> Document:
    paragraphs = [Paragraph(text) for text in paragraphs_of(record["text"])]
    if len(paragraphs) != len(record["labels"]):
        raise ValueError(f"{record['url']}: {len(paragraphs)} paragraphs but {len(record['labels'])} labels")
    return Document(paragraphs, meta={"url": record["url"]})


class Tally:
    """Paragraphs per generator kind and how many were removed; boilerplate per site."""

    def __init__(self) -> None:
        self.total: Counter[str] = Counter()
        self.removed: Counter[str] = Counter()
        self.site_boilerplate: Counter[str] = Counter()
        self.site_removed: Counter[str] = Counter()

    def add(self, record: dict[str, Any], doc: Document) -> None:
        site = site_key(record["url"])
        for kind, paragraph in zip(record["labels"], doc.paragraphs, strict=True):
            removed = paragraph.dropped == "repeated"
            self.total[kind] += 1
            self.removed[kind] += removed
            if kind in BOILERPLATE:
                self.site_boilerplate[site] += 1
                self.site_removed[site] += removed

    def summary(self, learner: ProfileLearner) -> dict[str, Any]:
        """Precision, recall, and recall on the sites with at least ``min_docs`` documents."""
        tp = sum(self.removed[k] for k in BOILERPLATE)
        removed = sum(self.removed.values())
        boilerplate = sum(self.total[k] for k in BOILERPLATE)
        min_docs = learner.threshold.min_docs
        big = [site for site, counts in learner.sites.items() if counts.docs >= min_docs]
        big_boilerplate = sum(self.site_boilerplate[site] for site in big)
        return {
            "precision": round(tp / removed, 4) if removed else None,
            "recall": round(tp / boilerplate, 4) if boilerplate else None,
            f"recall_sites_{min_docs}plus_docs": round(sum(self.site_removed[s] for s in big) / big_boilerplate, 4),
            f"boilerplate_share_in_sites_{min_docs}plus_docs": round(big_boilerplate / boilerplate, 4),
            "removed_by_kind": {k: f"{self.removed[k]}/{self.total[k]}" for k in KINDS if self.total[k]},
        }


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def run_read(path: str) -> dict[str, Any]:
    start = time.perf_counter()
    docs = 0
    for record in records(path):
        document(record)
        docs += 1
    return {"docs": docs, "seconds": time.perf_counter() - start}


def run_learn_clean(path: str, thresholds: dict[str, Any]) -> dict[str, Any]:
    start = time.perf_counter()
    learner = ProfileLearner(**thresholds).add_records(records(path))
    entries = learner.entries
    learn_rss = peak_rss_mb()
    profile = learner.profile()
    learnt = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        profile.save(Path(tmp) / "profile.json")
        size = (Path(tmp) / "profile.json").stat().st_size
    keep = ProfileFilter(profile)
    tally = Tally()
    docs = 0
    for record in records(path):
        tally.add(record, keep(document(record)))
        docs += 1
    end = time.perf_counter()
    return {
        "docs": docs,
        "seconds": end - start,
        "learn_docs_per_s": round(docs / (learnt - start)),
        "clean_docs_per_s": round(docs / (end - learnt)),
        "learner_entries": entries,
        "learner_exact": learner.exact,
        "peak_rss_mb_after_learning": learn_rss,
        "profile_sites": len(profile.sites),
        "profile_entries": sum(len(site.entries) for site in profile.sites.values()),
        "profile_global": len(profile.global_entries),
        "profile_bytes": size,
        **tally.summary(learner),
    }


def run_streaming(path: str, thresholds: dict[str, Any], warmup: int) -> dict[str, Any]:
    start = time.perf_counter()
    online = OnlineProfileFilter(warmup=warmup, **thresholds)
    tally = Tally()
    docs = 0
    for record in records(path):
        tally.add(record, online(document(record)))
        docs += 1
    return {
        "docs": docs,
        "seconds": time.perf_counter() - start,
        "learner_entries": online.learner.entries,
        **tally.summary(online.learner),
    }


def run_mode(args: argparse.Namespace) -> dict[str, Any]:
    thresholds = {"min_share": args.min_share, "min_docs": args.min_docs, "capacity": args.capacity}
    if args.mode == "read":
        result = run_read(args.corpus)
    elif args.mode == "learn-clean":
        result = run_learn_clean(args.corpus, thresholds)
    else:
        result = run_streaming(args.corpus, thresholds, args.warmup)
    result["docs_per_s"] = round(result["docs"] / result["seconds"])
    result["seconds"] = round(result["seconds"], 1)
    result["peak_rss_mb"] = peak_rss_mb()
    return {"mode": args.mode, **thresholds, "warmup": args.warmup, **result}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", help="JSON Lines from benchmarks/profile_corpus.py")
    parser.add_argument("--mode", choices=(*MODES, "all"), default="all")
    parser.add_argument("--min-share", type=float, default=Threshold.min_share)
    parser.add_argument("--min-docs", type=int, default=Threshold.min_docs)
    parser.add_argument("--capacity", type=int, default=DEFAULT_CAPACITY)
    parser.add_argument("--warmup", type=int, default=DEFAULT_WARMUP, help="streaming mode only")
    args = parser.parse_args(argv)
    if args.mode != "all":
        print(json.dumps(run_mode(args), ensure_ascii=False))
        return
    for mode in MODES:  # one process per mode, one after the other
        command = [
            sys.executable,
            __file__,
            args.corpus,
            "--mode",
            mode,
            "--min-share",
            str(args.min_share),
            "--min-docs",
            str(args.min_docs),
            "--capacity",
            str(args.capacity),
            "--warmup",
            str(args.warmup),
        ]
        subprocess.run(command, check=True)


if __name__ == "__main__":
    main()
