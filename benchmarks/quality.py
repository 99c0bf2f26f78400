"""Quality benchmark: trafilatura alone vs cleantext, on the public dev data.

Data sets (``../shared/eval-data`` beside the project, see its README.md):

* ``aeb``: article-extraction-benchmark pages, AEB shingle metric;
* ``trafilatura-eval``: trafilatura's snippet eval, overall and per page language
  (langdetect on the page's "with" snippets, fixed seed);
* ``mixed``: ``langid/mixed-dev.jsonl``, per-paragraph verdicts of cleantext and of a
  naive baseline (plain langdetect per paragraph, foreign runs at the edges dropped).

The trafilatura baseline is ``trafilatura.extract(html, include_comments=False)``
(no ``url``): on the dev split it gives AEB P 0.953 R 0.985 F1 0.969 and
trafilatura-eval P 0.897 R 0.954 F1 0.925, the team's reference figures.
``extract``'s default ``include_comments=True`` gives F1 0.967 / 0.917.

Usage, from the project root::

    /work/.venv/bin/python benchmarks/quality.py                       # everything
    /work/.venv/bin/python benchmarks/quality.py --only trafilatura    # baseline only
    /work/.venv/bin/python benchmarks/quality.py --only cleantext,aeb --report errors.jsonl

``--only`` takes system names (trafilatura, cleantext, naive) and/or data set names
(aeb, trafilatura-eval, mixed). ``--report`` writes one JSON line per page with errors.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: make `benchmarks` and `cleantext` importable
    sys.path.insert(0, str(ROOT))

from benchmarks import scoring  # noqa: E402

DEFAULT_DATA_DIR = ROOT.parent / "shared" / "eval-data"
SYSTEMS = ("trafilatura", "cleantext", "naive")
DATASETS = ("aeb", "trafilatura-eval", "mixed")
HTML_SYSTEMS = ("trafilatura", "cleantext")
MIXED_SYSTEMS = ("naive", "cleantext")
LANG_SEED = 0
#: A paragraph "is in the gold" when at least this share of its shingles are.
IN_GOLD = 0.5
NAIVE_REASON = "foreign-edge"
DATA_FILES = {
    "aeb": ("aeb/pages.jsonl.gz", "aeb/gold.jsonl"),
    "trafilatura-eval": ("trafilatura-eval/pages.jsonl.gz", "trafilatura-eval/gold.jsonl"),
    "mixed": ("langid/mixed-dev.jsonl",),
}

Record = dict[str, Any]


class BenchmarkError(Exception):
    """A problem with the set-up (data, imports): reported in one line, exit status 2."""


# ----------------------------------------------------------------------------- systems


@dataclass(frozen=True)
class Block:
    """One paragraph of a system's output, kept (``dropped is None``) or not."""

    text: str
    dropped: str | None = None
    kind: str = "text"


@dataclass(frozen=True)
class Output:
    """What a system made of one page."""

    blocks: tuple[Block, ...]

    @property
    def text(self) -> str:
        """The kept text, paragraphs joined by a blank line."""
        return "\n\n".join(b.text for b in self.blocks if b.dropped is None)


HtmlSystem = Callable[[str], Output]
MixedSystem = Callable[[Sequence[str]], list[scoring.Verdict]]


def trafilatura_system() -> HtmlSystem:
    """Trafilatura alone, as the team measured it; one block per output line."""
    import trafilatura

    def run(html: str) -> Output:
        text = trafilatura.extract(html, include_comments=False) or ""
        return Output(tuple(Block(line) for line in text.splitlines() if line.strip()))

    return run


def cleantext_systems() -> tuple[HtmlSystem, MixedSystem]:
    """cleantext on HTML pages and on the mixed-language plain-text documents."""
    try:
        from cleantext import Cleaner, Options
    except ImportError as exc:
        raise BenchmarkError(f"cannot import cleantext's Cleaner ({exc}); run with --only trafilatura,naive") from exc
    html_cleaner = Cleaner(Options(format="html"))
    text_cleaner = Cleaner(Options(format="text"))

    def run_html(html: str) -> Output:
        doc = html_cleaner.process(html)
        return Output(tuple(Block(p.text, p.dropped, p.kind) for p in doc.paragraphs))

    def run_mixed(texts: Sequence[str]) -> list[scoring.Verdict]:
        doc = text_cleaner.process("\n\n".join(texts))
        return [scoring.Verdict(p.dropped, p.lang) for p in doc.paragraphs]

    return run_html, run_mixed


def detect_lang(text: str) -> str | None:
    """langdetect's language with a fixed seed, as an ISO 639-1 code (``zh-cn`` -> ``zh``).

    >>> detect_lang("Le chat dort sur le canapé pendant que la pluie tombe.")
    'fr'
    """
    from langdetect import DetectorFactory, detect
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = LANG_SEED
    try:
        return str(detect(text)).split("-")[0]
    except LangDetectException:
        return None


def naive_verdicts(texts: Sequence[str]) -> list[scoring.Verdict]:
    """The naive baseline: plain langdetect per paragraph; the document language is
    the one with most characters; runs of other-language paragraphs at the start
    and the end are dropped."""
    langs = [detect_lang(t) for t in texts]
    weight: Counter[str | None] = Counter()
    for lang, text in zip(langs, texts, strict=True):
        weight[lang] += len(text)
    main = weight.most_common(1)[0][0] if weight else None
    inside = [i for i, lang in enumerate(langs) if lang == main]
    first, last = (inside[0], inside[-1]) if inside else (len(texts), -1)
    return [scoring.Verdict(None if first <= i <= last else NAIVE_REASON, lang) for i, lang in enumerate(langs)]


# ----------------------------------------------------------------------------- data


def read_jsonl(path: Path, limit: int | None = None) -> list[Record]:
    """The first ``limit`` records of a (possibly gzipped) JSON Lines file."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in itertools.islice(fh, limit)]


def load_pages(folder: Path, limit: int | None) -> tuple[list[Record], dict[str, Record]]:
    """Pages of an extraction data set and their gold records, by page id."""
    pages = read_jsonl(folder / "pages.jsonl.gz", limit)
    gold = {g["id"]: g for g in read_jsonl(folder / "gold.jsonl")}
    missing = [p["id"] for p in pages if p["id"] not in gold]
    if missing:
        raise BenchmarkError(f"{len(missing)} pages of {folder} have no gold record, e.g. {missing[0]}")
    return pages, gold


def timed(fn: Callable[[Any], Any], items: Sequence[Any]) -> tuple[list[Any], float]:
    """``[fn(x) for x in items]`` and the seconds it took."""
    start = time.perf_counter()
    results = [fn(x) for x in items]
    return results, time.perf_counter() - start


# ----------------------------------------------------------------------------- tables


def fmt(value: Any) -> str:
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def print_table(title: str, header: Sequence[str], rows: Iterable[Sequence[Any]], out: TextIO) -> None:
    """A plain aligned table; the first column left-aligned, the others right."""
    cells = [list(header)] + [[fmt(v) for v in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    print(f"\n{title}", file=out)
    for n, row in enumerate(cells):
        first, rest = row[0].ljust(widths[0]), [c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)]
        print("  ".join([first, *rest]), file=out)
        if n == 0:
            print("  ".join("-" * w for w in widths), file=out)


def ms_per_item(seconds: float, n: int) -> str:
    return f"{1000 * seconds / max(n, 1):.0f}"


# ----------------------------------------------------------------------------- per-page error reports


def in_gold_share(text: str, gold_shingles: Counter[str], gold_tokens: str) -> float:
    """Share of a paragraph's shingles found in the gold; for a paragraph of fewer
    than 4 tokens, 1.0 if its token sequence occurs in the gold, else 0.0."""
    toks = scoring.tokens(text)
    if not toks:
        return 1.0
    if len(toks) < scoring.SHINGLE_SIZE:
        return float(f" {' '.join(toks)} " in gold_tokens)
    own = scoring.shingles(text)
    return sum(n for s, n in own.items() if s in gold_shingles) / sum(own.values())


def block_record(block: Block, share: float | None = None) -> Record:
    rec: Record = {"text": block.text, "kind": block.kind, "reason": block.dropped}
    if share is not None:
        rec["in_gold"] = round(share, 2)
    return rec


def aeb_report(output: Output, gold_body: str) -> Record | None:
    """Kept paragraphs mostly absent from the gold, dropped ones mostly in it, and
    how many gold shingles no paragraph (kept or dropped) holds; None if no error."""
    gold_shingles = scoring.shingles(gold_body)
    gold_tokens = f" {' '.join(scoring.tokens(gold_body))} "
    kept_not_gold, dropped_gold = [], []
    for block in output.blocks:
        share = in_gold_share(block.text, gold_shingles, gold_tokens)
        if block.dropped is None and share < IN_GOLD:
            kept_not_gold.append(block_record(block, share))
        elif block.dropped is not None and share >= IN_GOLD:
            dropped_gold.append(block_record(block, share))
    extracted = scoring.shingles("\n\n".join(b.text for b in output.blocks))
    lost = sum((gold_shingles - extracted).values())
    if not (kept_not_gold or dropped_gold or lost):
        return None
    return {
        "kept_not_in_gold": kept_not_gold,
        "dropped_in_gold": dropped_gold,
        "gold_shingles_not_extracted": lost,
    }


def dropping_rules(snippet: str, blocks: Sequence[Block]) -> list[str] | None:
    """Rules of the dropped paragraphs a snippet falls in; ``None`` if the snippet
    is in no paragraph at all (lost before the filters)."""
    spans, parts, pos = [], [], 0
    for block in blocks:
        text = scoring.normalize_ws(block.text)
        if text:
            spans.append((pos, pos + len(text), block.dropped))
            parts.append(text)
            pos += len(text) + 1
    start = " ".join(parts).find(scoring.normalize_ws(snippet))
    if start < 0:
        return None
    end = start + len(scoring.normalize_ws(snippet))
    return sorted({r for s, e, r in spans if r is not None and s < end and start < e})


def snippet_report(output: Output, gold: Record) -> Record | None:
    """Snippets in error: "without" ones found in the output, "with" ones missing from
    it (and the rules that dropped them, ``null`` when never extracted); None if none."""
    text = scoring.normalize_ws(output.text)
    found_without = [s for s in gold["without"] if scoring.snippet_found(s, text)]
    missing_with = [
        {"snippet": s, "dropped_by": dropping_rules(s, output.blocks)}
        for s in gold["with"]
        if not scoring.snippet_found(s, text)
    ]
    if not (found_without or missing_with):
        return None
    return {"found_without": found_without, "missing_with": missing_with}


def mixed_report(doc: Record, verdicts: Sequence[scoring.Verdict]) -> Record | None:
    """Paragraphs whose keep/drop verdict disagrees with the label; None if none
    and the verdicts align with the paragraphs."""
    wrong = []
    for i, (g, v) in enumerate(zip(doc["paragraphs"], verdicts, strict=False)):
        if v.drops != (g["label"] == scoring.FOREIGN):
            wrong.append(
                {
                    "index": i,
                    "label": g["label"],
                    "form": g["form"],
                    "lang": g["lang"],
                    "detected": v.lang,
                    "reason": v.dropped,
                    "text": g["text"],
                }
            )
    if not wrong and len(verdicts) == len(doc["paragraphs"]):
        return None
    return {
        "main_lang": doc["main_lang"],
        "scenario": doc["scenario"],
        "wrong": wrong,
        "paragraphs": len(doc["paragraphs"]),
        "verdicts": len(verdicts),
    }


# ----------------------------------------------------------------------------- what each rule drops

#: Per system, per rule id: dropped paragraphs counted by what the gold says of them.
RuleCounts = dict[str, dict[str, Counter[str]]]


def aeb_rule_labels(output: Output, gold_body: str) -> list[tuple[str, str]]:
    """``(rule, "in gold" | "not in gold")`` for each dropped paragraph of a page."""
    gold_shingles = scoring.shingles(gold_body)
    gold_tokens = f" {' '.join(scoring.tokens(gold_body))} "
    return [
        (b.dropped, "in gold" if in_gold_share(b.text, gold_shingles, gold_tokens) >= IN_GOLD else "not in gold")
        for b in output.blocks
        if b.dropped is not None
    ]


def snippet_rule_labels(output: Output, gold: Record) -> list[tuple[str, str]]:
    """``(rule, label)`` for each dropped paragraph of a page: ``"with"`` when it holds a
    snippet that must occur (a wrong drop), else ``"without"`` when it holds one that must
    not (a right one), else ``"neither"``."""
    labels = []
    for b in output.blocks:
        if b.dropped is None:
            continue
        text = scoring.normalize_ws(b.text)
        if any(scoring.snippet_found(s, text) for s in gold["with"]):
            labels.append((b.dropped, "with"))
        elif any(scoring.snippet_found(s, text) for s in gold["without"]):
            labels.append((b.dropped, "without"))
        else:
            labels.append((b.dropped, "neither"))
    return labels


def print_rule_tables(dataset: str, counts: RuleCounts, columns: Sequence[str], out: TextIO) -> None:
    """One table per system that dropped paragraphs: per rule, how many and of which label."""
    for name, per_rule in counts.items():
        if not per_rule:
            continue
        rows = [
            [rule, sum(c.values()), *(c[col] for col in columns)]
            for rule, c in sorted(per_rule.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))
        ]
        total: Counter[str] = sum(per_rule.values(), Counter())
        rows.append(["all rules", sum(total.values()), *(total[col] for col in columns)])
        print_table(f"{dataset}: paragraphs {name} dropped, per rule", ["rule", "dropped", *columns], rows, out)


def tally(counts: RuleCounts, system: str, labels: Iterable[tuple[str, str]]) -> None:
    per_rule = counts.setdefault(system, {})
    for rule, label in labels:
        per_rule.setdefault(rule, Counter())[label] += 1


# ----------------------------------------------------------------------------- data set runs


def run_aeb(folder: Path, systems: dict[str, HtmlSystem], limit: int | None, out: TextIO) -> list[Record]:
    pages, gold = load_pages(folder, limit)
    rows, reports = [], []
    rule_counts: RuleCounts = {}
    for name, system in systems.items():
        outputs, secs = timed(system, [p["html"] for p in pages])
        bodies = [gold[p["id"]]["body"] for p in pages]
        page_scores = [scoring.aeb_page(o.text, b) for o, b in zip(outputs, bodies, strict=True)]
        s = scoring.aeb_scores(page_scores)
        rows.append([name, s.precision, s.recall, s.f1, s.accuracy, ms_per_item(secs, len(pages))])
        for page, output, ps in zip(pages, outputs, page_scores, strict=True):
            tally(rule_counts, name, aeb_rule_labels(output, gold[page["id"]]["body"]))
            rec = aeb_report(output, gold[page["id"]]["body"])
            if rec:
                reports.append(
                    {
                        "dataset": "aeb",
                        "system": name,
                        "id": page["id"],
                        "url": page["url"],
                        "precision": round(ps.precision, 3),
                        "recall": round(ps.recall, 3),
                        **rec,
                    }
                )
    header = ["system", "P", "R", "F1", "acc", "ms/page"]
    print_table(f"aeb: {len(pages)} pages (shingle P/R averaged per page)", header, rows, out)
    print_rule_tables("aeb", rule_counts, ["in gold", "not in gold"], out)
    return reports


def run_traf_eval(folder: Path, systems: dict[str, HtmlSystem], limit: int | None, out: TextIO) -> list[Record]:
    pages, gold = load_pages(folder, limit)
    langs = [detect_lang(" ".join(gold[p["id"]]["with"])) or "und" for p in pages]
    lang_count = Counter(langs)
    by_lang: dict[str, dict[str, scoring.SnippetCounts]] = defaultdict(dict)
    rows, reports = [], []
    rule_counts: RuleCounts = {}
    for name, system in systems.items():
        outputs, secs = timed(system, [p["html"] for p in pages])
        counts = [
            scoring.snippet_page(o.text, gold[p["id"]]["with"], gold[p["id"]]["without"])
            for p, o in zip(pages, outputs, strict=True)
        ]
        s = scoring.snippet_scores(counts)
        ms = ms_per_item(secs, len(pages))
        rows.append([name, s.precision, s.recall, s.f1, s.tp, s.fn, s.fp, s.tn, ms])
        for lang in lang_count:
            of_lang = (c for c, lg in zip(counts, langs, strict=True) if lg == lang)
            by_lang[lang][name] = scoring.snippet_scores(of_lang)
        for page, output, lang in zip(pages, outputs, langs, strict=True):
            tally(rule_counts, name, snippet_rule_labels(output, gold[page["id"]]))
            rec = snippet_report(output, gold[page["id"]])
            if rec:
                reports.append(
                    {
                        "dataset": "trafilatura-eval",
                        "system": name,
                        "id": page["id"],
                        "file": gold[page["id"]]["file"],
                        "lang": lang,
                        **rec,
                    }
                )
    header = ["system", "P", "R", "F1", "TP", "FN", "FP", "TN", "ms/page"]
    print_table(f"trafilatura-eval: {len(pages)} pages (snippet counts summed)", header, rows, out)
    lang_header = ["lang", "pages"] + [f"{n} {m}" for n in systems for m in ("P", "R", "F1")]
    lang_rows = [
        [lang, n] + [v for name in systems for v in _prf(by_lang[lang][name])]
        for lang, n in sorted(lang_count.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    print_table("trafilatura-eval per page language (langdetect on the 'with' snippets)", lang_header, lang_rows, out)
    print_rule_tables("trafilatura-eval", rule_counts, ["with", "without", "neither"], out)
    return reports


def _prf(c: scoring.SnippetCounts) -> tuple[float, float, float]:
    return c.precision, c.recall, c.f1


def run_mixed(path: Path, systems: dict[str, MixedSystem], limit: int | None, out: TextIO) -> list[Record]:
    docs = read_jsonl(path, limit)
    rows, reports = [], []
    for name, system in systems.items():
        verdicts, secs = timed(system, [[p["text"] for p in d["paragraphs"]] for d in docs])
        s = scoring.MixedScores()
        for doc, v in zip(docs, verdicts, strict=True):
            s.add(doc["paragraphs"], v)
            rec = mixed_report(doc, v)
            if rec:
                reports.append({"dataset": "mixed", "system": name, "id": doc["id"], **rec})
        rows.append(
            [
                name,
                s.precision,
                s.recall,
                s.f1,
                s.short_recall,
                s.body_dropped,
                s.title_lines_dropped,
                s.quote_dropped,
                s.titles,
                s.lang_accuracy,
                s.misaligned_docs,
                ms_per_item(secs, len(docs)),
            ]
        )
    n_par = sum(len(d["paragraphs"]) for d in docs)
    header = [
        "system",
        "drop P",
        "drop R",
        "F1",
        "short R",
        "body lost",
        "title lines lost",
        "quotes lost",
        "titles",
        "lang acc",
        "misaligned",
        "ms/doc",
    ]
    print_table(f"mixed: {len(docs)} documents, {n_par} paragraphs (drop = boilerplate-foreign)", header, rows, out)
    return reports


# ----------------------------------------------------------------------------- main


def parse_only(values: Sequence[str]) -> tuple[set[str], set[str]]:
    """Systems and data sets selected by ``--only`` (all of a kind when none named).

    >>> parse_only(["trafilatura"]) == ({"trafilatura"}, set(DATASETS))
    True
    """
    names = {n.strip() for v in values for n in v.split(",") if n.strip()}
    unknown = names - set(SYSTEMS) - set(DATASETS)
    if unknown:
        raise BenchmarkError(
            f"unknown name(s) for --only: {', '.join(sorted(unknown))}; choose from {', '.join(SYSTEMS + DATASETS)}"
        )
    systems = names & set(SYSTEMS) or set(SYSTEMS)
    datasets = names & set(DATASETS) or set(DATASETS)
    return systems, datasets


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument(
        "--data-dir",
        type=Path,
        default=DEFAULT_DATA_DIR,
        help=f"eval-data folder (default: {DEFAULT_DATA_DIR})",
    )
    p.add_argument(
        "--only",
        action="append",
        default=[],
        help="comma-separated systems and/or data sets: " + ", ".join(SYSTEMS + DATASETS),
    )
    p.add_argument("--limit", type=int, default=None, help="first N pages/documents of each data set")
    p.add_argument("--report", type=Path, default=None, help="write per-page errors (JSON Lines) to this file")
    return p


def build_systems(names: set[str]) -> tuple[dict[str, HtmlSystem], dict[str, MixedSystem]]:
    """The selected systems for the HTML data sets and for the mixed documents."""
    html: dict[str, HtmlSystem] = {}
    mixed: dict[str, MixedSystem] = {}
    if "trafilatura" in names:
        html["trafilatura"] = trafilatura_system()
    if "naive" in names:
        mixed["naive"] = naive_verdicts
    if "cleantext" in names:
        html["cleantext"], mixed["cleantext"] = cleantext_systems()
    return html, mixed


def run_all(data_dir: Path, systems: set[str], datasets: set[str], limit: int | None, out: TextIO) -> list[Record]:
    """Run each selected data set with the systems that apply to it; the error records."""
    html, mixed = build_systems(systems)
    reports: list[Record] = []
    if "aeb" in datasets and html:
        reports += run_aeb(data_dir / "aeb", html, limit, out)
    if "trafilatura-eval" in datasets and html:
        reports += run_traf_eval(data_dir / "trafilatura-eval", html, limit, out)
    if "mixed" in datasets and mixed:
        reports += run_mixed(data_dir / "langid" / "mixed-dev.jsonl", mixed, limit, out)
    return reports


def check_data(data_dir: Path, datasets: set[str]) -> None:
    """Fail with one clear message when a file of a selected data set is missing."""
    missing = [f for d in sorted(datasets) for f in DATA_FILES[d] if not (data_dir / f).is_file()]
    if missing:
        raise BenchmarkError(
            f"eval data not found in {data_dir} (missing {', '.join(missing)}); it is expected in "
            "../shared/eval-data beside the project, or pass --data-dir"
        )


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    data_dir = args.data_dir.resolve()
    start = time.perf_counter()
    try:
        systems, datasets = parse_only(args.only)
        check_data(data_dir, datasets)
        print(f"data: {data_dir}; systems: {', '.join(sorted(systems))}; limit: {args.limit or 'none'}")
        reports = run_all(data_dir, systems, datasets, args.limit, sys.stdout)
    except BenchmarkError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.report:
        with open(args.report, "w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in reports)
        print(f"\nreport: {len(reports)} pages with errors -> {args.report}")
    print(f"\ntotal {time.perf_counter() - start:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
