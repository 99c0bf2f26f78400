"""WARC input against JSON Lines input: the same dev pages, read, and read then cleaned, in one run.

The dev pages of ``aeb``, ``trafilatura-eval`` and ``wild-dev`` (wild-dev's as their raw bytes,
with the page's declared charset in the HTTP header) are written, in a temporary folder, as a
WARC file gzipped per record, as Common Crawl ships it (a ``request``, the ``response`` and a
``metadata`` record per page), and as a JSON Lines file of ``{"url", "html"}`` records (the
page as text). Then, in this process, interleaved page by page, the system that goes first
taking turns:

* reading: the next page out of :func:`cleantext.warc.iter_warc` (the file opened as it is,
  gzip and all; the request and metadata records read and skipped) against ``json.loads`` of
  the next line; FastWARC's own iterator and warcio's (when installed: the ``bench`` extra) over
  the same file (response records only, bodies read) for reference; ``--repeat`` rounds, the
  best of each kept;
* reading and cleaning, on every k-th page (``--clean`` of them): the same, then
  ``Cleaner(Options(format="html")).process(page, url=...)`` (the WARC page's bytes, with the
  HTTP charset; the JSON Lines page's text).

Usage, from the project root::

    .venv/bin/python benchmarks/warc.py                 # about 1 minute on 2 CPUs
    .venv/bin/python benchmarks/warc.py --limit 300 --clean 100
"""

from __future__ import annotations

import argparse
import base64
import gzip
import importlib.util
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: make `benchmarks`, `cleantext` and `tests` importable
    sys.path.insert(0, str(ROOT))

from benchmarks.quality import DEFAULT_DATA_DIR, print_table, read_jsonl  # noqa: E402
from cleantext import Cleaner, Options  # noqa: E402
from cleantext.language.detector import langdetect_label  # noqa: E402
from cleantext.warc import WarcError, WarcPage, iter_warc  # noqa: E402
from tests import warc_build  # noqa: E402

MB = 1_000_000


@dataclass(frozen=True)
class DevPage:
    url: str
    raw: bytes  # as served
    charset: str | None  # for the HTTP header
    text: str  # as a JSON Lines record holds it


def dev_pages(data: Path, limit: int | None) -> list[DevPage]:
    """The dev pages of the three extraction sets, the first ``limit`` of them."""
    pages = []
    for name in ("aeb", "trafilatura-eval"):
        for r in read_jsonl(data / name / "pages.jsonl.gz"):
            url = r["url"] or f"https://example.org/{name}/{r['id']}"
            pages.append(DevPage(url, r["html"].encode("utf-8"), "utf-8", r["html"]))
    for r in read_jsonl(data / "wild-dev" / "pages.jsonl.gz"):
        raw, charset = base64.b64decode(r["html_base64"]), r.get("declared_charset")
        pages.append(DevPage(r["url"] or f"https://example.org/wild/{r['id']}", raw, charset, as_text(raw, charset)))
    return pages[:limit]


def as_text(raw: bytes, charset: str | None) -> str:
    try:
        return raw.decode(charset or "utf-8", "replace")
    except LookupError:
        return raw.decode("utf-8", "replace")


def write_inputs(folder: Path, pages: Sequence[DevPage]) -> tuple[Path, Path]:
    """The pages as a WARC file gzipped per record, and as JSON Lines."""
    warc, jsonl = folder / "pages.warc.gz", folder / "pages.jsonl"
    with open(warc, "wb") as out:
        out.write(gzip.compress(warc_build.warcinfo(), 6))
        for page in pages:
            content_type = f"text/html; charset={page.charset}" if page.charset else "text/html"
            for record in (warc_build.request(page.url), warc_build.response(page.url, page.raw, [
                    ("Content-Type", content_type)]), warc_build.metadata(page.url)):
                out.write(gzip.compress(record, 6))
    with open(jsonl, "w", encoding="utf-8") as out:
        for page in pages:
            out.write(json.dumps({"url": page.url, "html": page.text}, ensure_ascii=False) + "\n")
    return warc, jsonl


@dataclass
class Timing:
    """A system's best wall time over ``pages`` pages read from ``path``, ``html`` bytes of them as served."""

    name: str
    path: Path
    pages: int
    html: int
    wall: float = float("inf")


Step = Callable[[], object]  # reads (and cleans) the next page


def warc_pages(path: Path) -> Iterator[WarcPage]:
    with open(path, "rb") as stream:
        for item in iter_warc(stream):
            if isinstance(item, WarcPage):
                yield item
            elif isinstance(item, WarcError):
                raise RuntimeError(f"{path}: {item}")


def jsonl_records(path: Path) -> Iterator[dict[str, Any]]:
    with open(path, "rb") as lines:
        for line in lines:
            yield json.loads(line)


def fastwarc_bodies(path: Path) -> Iterator[bytes]:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    with open(path, "rb") as stream:
        for record in ArchiveIterator(stream, record_types=WarcRecordType.response, auto_decode="all"):
            yield record.reader.read()


def warcio_bodies(path: Path) -> Iterator[bytes]:
    from warcio.archiveiterator import ArchiveIterator

    with open(path, "rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type == "response":
                yield record.content_stream().read()


def race(systems: Sequence[tuple[Timing, Callable[[], Step]]], count: int, repeat: int) -> None:
    """``count`` steps of every system, interleaved, the one that goes first taking turns; ``repeat``
    rounds (each system's steps start again from its first page), the best kept."""
    for _ in range(repeat):
        langdetect_label.cache_clear()
        steps = [start() for _, start in systems]
        wall = [0.0] * len(systems)
        for i in range(count):
            for k in range(len(systems)):
                turn = (i + k) % len(systems)
                began = time.perf_counter()
                steps[turn]()
                wall[turn] += time.perf_counter() - began
        for (timing, _), seconds in zip(systems, wall, strict=True):
            timing.wall = min(timing.wall, seconds)


def reading(warc: Path, jsonl: Path, pages: Sequence[DevPage]) -> list[tuple[Timing, Callable[[], Step]]]:
    def warc_step() -> Step:
        found = warc_pages(warc)
        return lambda: next(found)

    def jsonl_step() -> Step:
        records = jsonl_records(jsonl)
        return lambda: next(records)

    def reference(read: Callable[[Path], Iterator[bytes]]) -> Callable[[], Step]:
        def start() -> Step:
            bodies = read(warc)
            return lambda: next(bodies)
        return start

    html = sum(len(p.raw) for p in pages)
    systems = [(Timing("JSON Lines: json.loads", jsonl, len(pages), html), jsonl_step),
               (Timing("WARC: iter_warc", warc, len(pages), html), warc_step),
               (Timing("WARC: FastWARC alone (reference)", warc, len(pages), html), reference(fastwarc_bodies))]
    if importlib.util.find_spec("warcio") is not None:  # the other library measured (the "bench" extra)
        systems.append((Timing("WARC: warcio alone (reference)", warc, len(pages), html), reference(warcio_bodies)))
    return systems


def cleaning(warc: Path, jsonl: Path, pages: Sequence[DevPage],
             cleaner: Cleaner) -> list[tuple[Timing, Callable[[], Step]]]:
    def warc_step() -> Step:
        found = warc_pages(warc)

        def step() -> object:
            page = next(found)
            return cleaner.process(page.body, url=page.url, charset=page.charset)
        return step

    def jsonl_step() -> Step:
        records = jsonl_records(jsonl)

        def step() -> object:
            record = next(records)
            return cleaner.process(record["html"], url=record["url"])
        return step

    html = sum(len(p.raw) for p in pages)
    return [(Timing("JSON Lines: json.loads + clean", jsonl, len(pages), html), jsonl_step),
            (Timing("WARC: iter_warc + clean", warc, len(pages), html), warc_step)]


def rows(timings: Sequence[Timing]) -> list[list[Any]]:
    baseline = timings[0]
    return [[t.name, t.pages, f"{t.pages / t.wall:,.1f}", f"{t.path.stat().st_size / MB / t.wall:,.2f}",
             f"{t.html / MB / t.wall:,.2f}", round(baseline.wall / t.wall, 3)] for t in timings]


HEADER = ["input", "pages", "pages/s", "MB/s (file)", "MB/s (HTML as served)", "speed vs JSON Lines"]


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR, help="the shared eval-data folder")
    parser.add_argument("--limit", type=int, default=None, help="use the first N dev pages (default: all)")
    parser.add_argument("--repeat", type=int, default=3, help="rounds of the reading race (best kept)")
    parser.add_argument("--clean", type=int, default=300, help="pages in the cleaning race (every k-th page)")
    args = parser.parse_args(argv)
    print(f"data: {args.data_dir}; CPUs: {len(os.sched_getaffinity(0))}; load average: {os.getloadavg()[0]:.2f}")
    pages = dev_pages(args.data_dir, args.limit)
    sample = pages[::max(len(pages) // max(args.clean, 1), 1)][:args.clean]
    cleaner = Cleaner(Options(format="html"))
    with tempfile.TemporaryDirectory(prefix="cleantext-warc-") as tmp:
        folder = Path(tmp)
        warc, jsonl = write_inputs(folder, pages)
        print(f"{len(pages)} pages, {sum(len(p.raw) for p in pages) / MB:.1f} MB of HTML: WARC (gzip per record) "
              f"{warc.stat().st_size / MB:.1f} MB, JSON Lines {jsonl.stat().st_size / MB:.1f} MB")
        systems = reading(warc, jsonl, pages)
        race(systems, len(pages), args.repeat)
        print_table(f"Reading only: the next page (the WARC has 3 records a page; {args.repeat} rounds, best kept)",
                    HEADER, rows([t for t, _ in systems]), sys.stdout)
        (folder / "sample").mkdir()
        warc, jsonl = write_inputs(folder / "sample", sample)
        for page in sample[:3]:  # load everything once: profiles, rules, trafilatura's own caches
            cleaner.process(page.text)
        systems = cleaning(warc, jsonl, sample, cleaner)
        race(systems, len(sample), 1)
        print_table(f"Reading and cleaning: {len(sample)} pages, one round; the WARC page's bytes go to "
                    "Cleaner.process with the HTTP charset", HEADER,
                    rows([t for t, _ in systems]), sys.stdout)


if __name__ == "__main__":
    main()
