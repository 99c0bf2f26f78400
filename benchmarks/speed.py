"""Speed benchmark: every figure a ratio against a baseline measured in the same run.

* ``html``: HTML page → clean body, one process, against ``trafilatura.extract(html,
  include_comments=False)`` alone, on the pages of ``aeb`` and ``trafilatura-eval``;
  with where cleantext's time goes (reading = extraction and repair, language, other filters).
* ``text``: already-extracted text (the AEB gold bodies and the mixed-language dev
  documents) against the naive chain: ftfy, then plain langdetect on every paragraph
  (seeded, its default 7 trials on the whole text); cleantext reads every paragraph's
  label too (it works out the labels no verdict needs only when they are read); with
  the per-paragraph language accuracy of both on the mixed documents.
* ``cli``: the command end to end (start-up included) on text files, HTML files and a
  JSON Lines file of HTML records with ``--workers 1`` and ``--workers 2``: docs/s, MB/s
  (input bytes) and peak RSS (the largest process).

Timings are CPU-bound and the machine may be shared: each in-process system runs
``--repeat`` times, alternating with its baseline, and the best time of each is kept.
The language detector's cache is emptied before every timed run.

Usage, from the project root::

    /work/.venv/bin/python benchmarks/speed.py                  # everything (a few minutes)
    /work/.venv/bin/python benchmarks/speed.py --only html,text
    /work/.venv/bin/python benchmarks/speed.py --only cli --jsonl-mb 200
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: make `benchmarks` and `cleantext` importable
    sys.path.insert(0, str(ROOT))

from benchmarks.quality import DEFAULT_DATA_DIR, detect_lang, print_table, read_jsonl  # noqa: E402
from cleantext import Cleaner, Options  # noqa: E402
from cleantext.language.detector import langdetect_label  # noqa: E402
from cleantext.read import split_text, views  # noqa: E402
from cleantext.read.agreement import decide  # noqa: E402

SECTIONS = ("html", "text", "cli")
MB = 1_000_000


@dataclass
class Timing:
    """Best wall and CPU seconds of a system over a list of inputs."""

    name: str
    docs: int
    size: int  # input bytes (UTF-8)
    wall: float = float("inf")
    cpu: float = float("inf")

    def row(self, baseline: Timing) -> list[Any]:
        return [self.name, round(self.docs / self.wall, 1), round(self.size / MB / self.wall, 2),
                round(baseline.wall / self.wall, 3), round(baseline.cpu / self.cpu, 3)]


HEADER = ["system", "docs/s", "MB/s", "ratio (wall)", "ratio (CPU)"]


def utf8_size(texts: Sequence[str]) -> int:
    return sum(len(t.encode("utf-8")) for t in texts)


def race(systems: Sequence[tuple[str, Callable[[str], Any]]], inputs: Sequence[str], repeat: int) -> list[Timing]:
    """Run the systems over ``inputs`` interleaved, input by input, the one that goes first taking turns
    (so a slow spell of a shared machine falls on all of them), ``repeat`` rounds; keep each one's best round."""
    size = utf8_size(inputs)
    timings = [Timing(name, len(inputs), size) for name, _ in systems]
    for _ in range(repeat):
        langdetect_label.cache_clear()
        wall, cpu = [0.0] * len(systems), [0.0] * len(systems)
        for i, text in enumerate(inputs):
            for k in range(len(systems)):
                turn = (i + k) % len(systems)
                w, c = time.perf_counter(), time.process_time()
                systems[turn][1](text)
                wall[turn] += time.perf_counter() - w
                cpu[turn] += time.process_time() - c
        for timing, w, c in zip(timings, wall, cpu, strict=True):
            timing.wall, timing.cpu = min(timing.wall, w), min(timing.cpu, c)
    return timings


# ----------------------------------------------------------------------------- html


def html_section(data: Path, repeat: int) -> None:
    import trafilatura

    pages = [r["html"] for name in ("aeb", "trafilatura-eval") for r in read_jsonl(data / name / "pages.jsonl.gz")]
    cleaner = Cleaner(Options(format="html"))
    agreement = Cleaner(Options(format="html", extraction="agreement"))
    metadata = Cleaner(Options(format="html", metadata=True))
    for html in pages[:3]:  # load everything once: profiles, rules, trafilatura's own caches
        cleaner.clean(html), agreement.clean(html), metadata.clean(html)
        trafilatura.extract(html, include_comments=False)
    timings = race([("trafilatura.extract", lambda h: trafilatura.extract(h, include_comments=False)),
                    ("cleantext (html)", cleaner.clean), ("cleantext (html, agreement)", agreement.clean),
                    ("cleantext (html, --with-metadata)", metadata.clean)], pages, repeat)
    print_table(f"HTML → clean body, one process: {len(pages)} pages, {timings[0].size / MB:.1f} MB "
                f"(target: ratio ≥ 0.9)", HEADER, [t.row(timings[0]) for t in timings], sys.stdout)
    print_stages(cleaner, pages)
    print_views(pages)


def print_stages(cleaner: Cleaner, pages: Sequence[str]) -> None:
    """Where cleantext's time goes, per page: reading, then each filter."""
    langdetect_label.cache_clear()
    start = time.process_time()
    docs = [cleaner.read(html) for html in pages]
    stages = {"read (trafilatura, repair)": time.process_time() - start}
    for step in cleaner.chain:
        start = time.process_time()
        for doc in docs:
            step(doc)
        stages[type(step).__name__] = time.process_time() - start
    rows = [[name, round(seconds * 1000 / len(pages), 2)] for name, seconds in stages.items()]
    print_table("cleantext per stage (CPU ms per page)", ["stage", "ms/page"], rows, sys.stdout)


def print_views(pages: Sequence[str]) -> None:
    """What each extraction view and the agreement cost, per page (pages with no tree are left out)."""
    options = Options(format="html", extraction="agreement")
    costs: dict[str, float] = {}

    def timed(name: str, run: Callable[[], Any]) -> Any:
        start = time.process_time()
        result = run()
        costs[name] = costs.get(name, 0.0) + time.process_time() - start
        return result

    for html in pages:
        tree = timed("parse (page_tree)", lambda: views.page_tree(html))  # noqa: B023
        if tree is None:
            continue
        timed("trafilatura view", lambda: views.trafilatura_view(tree, options))  # noqa: B023
        timed("readability view", lambda: views.readability_view(tree))  # noqa: B023
        timed("declared body", lambda: views.structured_body(tree))  # noqa: B023
        timed("all of agreement extraction", lambda: decide(*views.extraction_candidates(html, options)))  # noqa: B023
    rows = [[name, round(seconds * 1000 / len(pages), 2)] for name, seconds in costs.items()]
    print_table("extraction views (CPU ms per page)", ["step", "ms/page"], rows, sys.stdout)


# ----------------------------------------------------------------------------- text


def naive_chain(text: str) -> list[str | None]:
    """ftfy on the text, then langdetect on every paragraph."""
    import ftfy

    return [detect_lang(p.text) for p in split_text(ftfy.fix_text(text))]


def labels(cleaner: Cleaner) -> Callable[[str], list[str | None]]:
    """Clean a text and read every paragraph's language, as the naive chain gives them
    (cleantext works out a label no verdict needs only when it is read)."""
    return lambda text: [p.lang for p in cleaner.process(text).paragraphs]


def text_section(data: Path, repeat: int) -> None:
    mixed = read_jsonl(data / "langid" / "mixed-dev.jsonl")
    mixed_texts = ["\n\n".join(p["text"] for p in doc["paragraphs"]) for doc in mixed]
    texts = [r["body"] for r in read_jsonl(data / "aeb" / "gold.jsonl")] + mixed_texts
    cleaner = Cleaner(Options(format="text"))
    cleaner.clean(texts[0]), naive_chain(texts[0])
    baseline, ours = race([("naive (ftfy + langdetect)", naive_chain), ("cleantext (text)", labels(cleaner))],
                          texts, repeat)
    print_table(f"Text mode: {len(texts)} documents (AEB gold bodies, mixed-dev), {baseline.size / MB:.2f} MB "
                f"(target: ratio ≥ 5)", HEADER, [baseline.row(baseline), ours.row(baseline)], sys.stdout)
    gold = [p["lang"] for doc in mixed for p in doc["paragraphs"]]
    naive = [lang for text in mixed_texts for lang in naive_chain(text)]
    labelled = [lang for text in mixed_texts for lang in labels(cleaner)(text)]
    rows = [[name, len(labels), round(accuracy(labels, gold), 4)]
            for name, labels in (("naive", naive), ("cleantext", labelled))]
    print_table("Per-paragraph language accuracy on mixed-dev", ["system", "paragraphs", "accuracy"], rows, sys.stdout)


def accuracy(labels: Sequence[str | None], gold: Sequence[str]) -> float:
    if len(labels) != len(gold):
        raise ValueError(f"{len(labels)} labels for {len(gold)} paragraphs: the paragraphs do not align")
    return sum(a == b for a, b in zip(labels, gold, strict=True)) / len(gold)


# ----------------------------------------------------------------------------- cli


def run_command(args: Sequence[str], stdin: Path | None = None) -> tuple[float, float]:
    """Run the command; (wall seconds, peak RSS in MB of its largest process)."""
    start = time.perf_counter()
    with open(stdin or os.devnull, "rb") as source:
        proc = subprocess.Popen([sys.executable, "-m", "cleantext", *args], stdin=source,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
        _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"cleantext {' '.join(args)} exited with {proc.returncode}")
    return time.perf_counter() - start, usage.ru_maxrss / 1024


def cli_section(data: Path, jsonl_mb: float) -> None:
    pages = [r for name in ("aeb", "trafilatura-eval") for r in read_jsonl(data / name / "pages.jsonl.gz")]
    texts = [r["body"] for r in read_jsonl(data / "aeb" / "gold.jsonl")] + [
        "\n\n".join(p["text"] for p in doc["paragraphs"]) for doc in read_jsonl(data / "langid" / "mixed-dev.jsonl")]
    rows = []
    with tempfile.TemporaryDirectory(prefix="cleantext-speed-") as tmp:
        folder = Path(tmp)
        for kind, docs, suffix in (("text", texts, ".txt"), ("html", [p["html"] for p in pages], ".html")):
            files = write_files(folder / kind, docs, suffix)
            wall, rss = run_command(["clean", "--format", kind, *map(str, files)])
            rows.append([f"{kind} files", len(docs), round(len(docs) / wall, 1),
                         round(utf8_size(docs) / MB / wall, 2), round(rss)])
        jsonl, count = write_jsonl(folder / "pages.jsonl", pages, jsonl_mb)
        single = None
        for workers in (1, 2):
            wall, rss = run_command(["clean", "--jsonl", "--field", "html", "--output-field", "text",
                                     "--workers", str(workers), str(jsonl)])
            single = single or wall
            rows.append([f"jsonl, --workers {workers}", count, round(count / wall, 1),
                         round(jsonl.stat().st_size / MB / wall, 2), round(rss), round(single / wall, 2)])
    print_table("The command end to end (start-up included; peak RSS of the largest process; "
                "target for --workers 2: ≥ 1.8× --workers 1)",
                ["input", "docs", "docs/s", "MB/s", "peak RSS MB", "speed-up"], [r + [""] * (6 - len(r)) for r in rows],
                sys.stdout)


def write_files(folder: Path, docs: Sequence[str], suffix: str) -> list[Path]:
    folder.mkdir()
    files = [folder / f"{n:04d}{suffix}" for n in range(len(docs))]
    for path, doc in zip(files, docs, strict=True):
        path.write_text(doc, encoding="utf-8")
    return files


def write_jsonl(path: Path, pages: Sequence[dict[str, Any]], megabytes: float) -> tuple[Path, int]:
    """The pages as JSON Lines records, repeated (with new ids) to about ``megabytes``."""
    count = size = 0
    with open(path, "w", encoding="utf-8") as out:
        while size < megabytes * MB:
            page = pages[count % len(pages)]
            line = json.dumps({"id": f"{count}", "url": page.get("url"), "html": page["html"]}, ensure_ascii=False)
            size += out.write(line + "\n")
            count += 1
    return path, count


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default=",".join(SECTIONS), help=f"sections to run: {', '.join(SECTIONS)}")
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR, help="the shared eval-data folder")
    parser.add_argument("--repeat", type=int, default=2, help="timed rounds per in-process system (best kept)")
    parser.add_argument("--jsonl-mb", type=float, default=100, help="size of the generated JSON Lines input")
    args = parser.parse_args(argv)
    only = set(args.only.split(","))
    if unknown := only - set(SECTIONS):
        parser.error(f"unknown section(s): {', '.join(sorted(unknown))}")
    print(f"data: {args.data_dir}; CPUs: {len(os.sched_getaffinity(0))}; load average: {os.getloadavg()[0]:.2f}")
    if "html" in only:
        html_section(args.data_dir, args.repeat)
    if "text" in only:
        text_section(args.data_dir, args.repeat)
    if "cli" in only:
        cli_section(args.data_dir, args.jsonl_mb)


if __name__ == "__main__":
    main()
