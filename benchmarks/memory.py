"""Memory benchmark: cleaning a big JSON Lines file streams in constant memory.

Generates a JSON Lines file of HTML pages (the ``aeb`` and ``trafilatura-eval``
pages repeated under new ids) of each requested size in a temporary folder,
cleans it with the command (``--workers`` 1 and 2 by default), and samples the
resident memory of every process of the run from ``/proc`` twice a second. It
prints, per run, the throughput and the peak RSS of the command's own process
and of its largest worker, and the RSS of the largest process at each quarter
of the run: flat means constant memory. The generated files are deleted.

Usage, from the project root (Linux)::

    /work/.venv/bin/python benchmarks/memory.py                        # 100 MB and 1 GB
    /work/.venv/bin/python benchmarks/memory.py --mb 200 --workers 2
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.quality import DEFAULT_DATA_DIR, print_table, read_jsonl  # noqa: E402
from benchmarks.speed import MB, write_jsonl  # noqa: E402

SAMPLE_SECONDS = 0.5


@dataclass
class Run:
    """RSS samples (MB) of one command run: the command's process, and its workers."""

    parent: list[float] = field(default_factory=list)
    workers: dict[int, list[float]] = field(default_factory=dict)
    largest: list[float] = field(default_factory=list)  # the largest process, per sample
    wall: float = 0.0

    def quarter(self, q: int) -> float:
        return self.largest[min(len(self.largest) - 1, len(self.largest) * q // 4)] if self.largest else 0.0


def rss_mb(pid: int) -> float | None:
    """Resident set size of ``pid`` in MB, None once it is gone."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as listing:
            return [int(p) for p in listing.read().split()]
    except OSError:
        return []


def measure(args: Sequence[str]) -> Run:
    """Run the command, sampling the RSS of its process tree until it ends."""
    run = Run()
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "cleantext", *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, cwd=ROOT)
    while proc.poll() is None:
        parent = rss_mb(proc.pid)
        if parent is not None:
            run.parent.append(parent)
            sizes = [parent]
            for child in children(proc.pid):
                size = rss_mb(child)
                if size is not None:
                    run.workers.setdefault(child, []).append(size)
                    sizes.append(size)
            run.largest.append(max(sizes))
        time.sleep(SAMPLE_SECONDS)
    run.wall = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"cleantext {' '.join(args)} exited with {proc.returncode}")
    return run


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", default="100,1000", help="sizes of the generated inputs, in MB (comma-separated)")
    parser.add_argument("--workers", default="1,2", help="--workers values to run (comma-separated)")
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR, help="the shared eval-data folder")
    args = parser.parse_args(argv)
    pages = [r for name in ("aeb", "trafilatura-eval") for r in read_jsonl(args.data_dir / name / "pages.jsonl.gz")]
    rows = []
    for size in (float(s) for s in args.mb.split(",")):
        with tempfile.TemporaryDirectory(prefix="cleantext-memory-") as tmp:
            path, docs = write_jsonl(Path(tmp) / "pages.jsonl", pages, size)
            megabytes = path.stat().st_size / MB
            for workers in args.workers.split(","):
                run = measure(["clean", "--jsonl", "--field", "html", "--output-field", "text",
                               "--workers", workers, str(path)])
                worker_peak = max((max(s) for s in run.workers.values()), default=0.0)
                rows.append([f"{megabytes:,.0f} MB, --workers {workers}", docs, round(run.wall),
                             round(docs / run.wall, 1), round(megabytes / run.wall, 2), round(max(run.parent)),
                             round(worker_peak) if run.workers else "-",
                             " ".join(f"{run.quarter(q):.0f}" for q in (1, 2, 3, 4))])
                print("done:", *rows[-1], file=sys.stderr, flush=True)
    print_table("Memory (RSS in MB; quarters: the largest process at 25/50/75/100 % of the run)",
                ["input", "docs", "seconds", "docs/s", "MB/s", "peak: command", "peak: worker", "quarters"],
                rows, sys.stdout)


if __name__ == "__main__":
    main()
