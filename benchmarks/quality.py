"""Quality benchmark: cleantext and its peers, on the public dev data, in one run.

Data sets (``../shared/eval-data`` beside the project, see its README.md):

* ``aeb``: article-extraction-benchmark pages, AEB shingle metric;
* ``trafilatura-eval``: trafilatura's snippet eval, overall and per page language
  (langdetect on the page's "with" snippets, fixed seed);
* ``wild``: ``wild-dev``, real pages of eight benchmarks in many languages, given to
  the systems as raw bytes; bag-of-tokens F1, macro over pages, per dataset and per
  language, and the "do no harm" counts against trafilatura alone;
* ``mixed``: ``langid/mixed-dev.jsonl``, per-paragraph verdicts of cleantext and of a
  naive baseline (plain langdetect per paragraph, foreign runs at the edges dropped).

Systems on the web pages: ``trafilatura`` (the baseline,
``trafilatura.extract(page, include_comments=False)``, no ``url``),
``trafilatura-precision`` (the same with ``favor_precision=True``), ``readability``
(readability-lxml's summary, its text nodes joined by spaces) and ``cleantext``
(``Cleaner(Options()).process(page)``). On the dev split the baseline gives AEB
P 0.953 R 0.985 F1 0.969 and trafilatura-eval P 0.897 R 0.954 F1 0.925, the team's
reference figures (``extract``'s default ``include_comments=True`` gives F1 0.967 / 0.917).

Each table also gives the figures on the two site-grouped halves of the pages
(:mod:`benchmarks.splits`); ``--half 0`` or ``--half 1`` scores the pages of one half only.

Usage, from the project root::

    .venv/bin/python benchmarks/quality.py                         # everything, ~6 min
    .venv/bin/python benchmarks/quality.py --limit 100             # a quick look
    .venv/bin/python benchmarks/quality.py --only trafilatura      # baseline only
    .venv/bin/python benchmarks/quality.py --only cleantext,trafilatura,wild --half 0
    .venv/bin/python benchmarks/quality.py --only cleantext,aeb --report errors.jsonl

``--only`` takes system names (trafilatura, trafilatura-precision, readability,
cleantext, naive) and/or data set names (aeb, trafilatura-eval, wild, mixed).
``--report`` writes one JSON line per page with errors (on wild: per page where a
system is much worse than trafilatura, which must then be in the run).
"""

from __future__ import annotations

import argparse
import base64
import gzip
import itertools
import json
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO, TypeVar

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: make `benchmarks` and `cleantext` importable
    sys.path.insert(0, str(ROOT))

from benchmarks import scoring  # noqa: E402
from benchmarks.splits import page_half  # noqa: E402

DEFAULT_DATA_DIR = ROOT.parent / "shared" / "eval-data"
SYSTEMS = ("trafilatura", "trafilatura-precision", "readability", "cleantext", "cleantext-agreement", "naive")
DATASETS = ("aeb", "trafilatura-eval", "wild", "mixed")
#: The system the others are compared with page by page ("do no harm").
BASELINE = "trafilatura"
HALVES = (0, 1)
#: How many of the pages where cleantext loses most to the baseline are listed.
WORST_SHOWN = 10
#: How many missing and extra tokens a wild-dev error record lists.
REPORT_TOKENS = 20
LANG_SEED = 0
#: A paragraph "is in the gold" when at least this share of its shingles are.
IN_GOLD = 0.5
NAIVE_REASON = "foreign-edge"
DATA_FILES = {
    "aeb": ("aeb/pages.jsonl.gz", "aeb/gold.jsonl"),
    "trafilatura-eval": ("trafilatura-eval/pages.jsonl.gz", "trafilatura-eval/gold.jsonl"),
    "wild": ("wild-dev/pages.jsonl.gz", "wild-dev/gold.jsonl.gz"),
    "mixed": ("langid/mixed-dev.jsonl",),
}

Record = dict[str, Any]
T = TypeVar("T")


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


#: A system on a web page: the decoded HTML (aeb, trafilatura-eval) or its raw bytes (wild).
HtmlSystem = Callable[[str | bytes], Output]
MixedSystem = Callable[[Sequence[str]], list[scoring.Verdict]]


def lines_output(text: str) -> Output:
    """A peer's plain-text output, one block per non-blank line.

    >>> lines_output("Title\\n\\n  \\nBody").blocks
    (Block(text='Title', dropped=None, kind='text'), Block(text='Body', dropped=None, kind='text'))
    """
    return Output(tuple(Block(line) for line in text.splitlines() if line.strip()))


def trafilatura_system(favor_precision: bool = False) -> HtmlSystem:
    """Trafilatura alone (the team's baseline, or with ``favor_precision``)."""
    import trafilatura

    def run(page: str | bytes) -> Output:
        text = trafilatura.extract(page, include_comments=False, favor_precision=favor_precision)
        return lines_output(text or "")

    return run


def readability_system() -> HtmlSystem:
    """readability-lxml's summary, its text nodes joined by spaces (``text_content()``
    would glue words across tags); a page it fails on gives an empty output."""
    try:
        import lxml.html
        import readability
    except ImportError as exc:
        raise BenchmarkError(f"cannot import readability-lxml ({exc}); install it or leave out readability") from exc

    def run(page: str | bytes) -> Output:
        try:
            summary = readability.Document(page).summary()
            return lines_output(" ".join(lxml.html.fromstring(summary).itertext()))
        except Exception:  # a peer's failure on one page is an empty output, not the end of the run
            return Output(())

    return run


def cleantext_systems(extraction: str = "trafilatura") -> tuple[HtmlSystem, MixedSystem]:
    """cleantext (default options, format told apart, HTML extracted as ``extraction`` says) on web
    pages, and on the mixed-language plain-text documents."""
    try:
        from cleantext import Cleaner, Options
    except ImportError as exc:
        raise BenchmarkError(f"cannot import cleantext's Cleaner ({exc}); run with --only trafilatura,naive") from exc
    html_cleaner = Cleaner(Options(extraction=extraction))  # type: ignore[arg-type]
    text_cleaner = Cleaner(Options(format="text"))

    def run_html(page: str | bytes) -> Output:
        doc = html_cleaner.process(page)
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


def in_half(records: list[Record], dataset: str, half: int | None) -> list[Record]:
    """The records of sites in ``half`` (all of them for ``None``)."""
    return records if half is None else [r for r in records if page_half(r, dataset) == half]


def with_raw_bytes(page: Record) -> Record:
    """A wild-dev page with its bytes decoded from base64 into ``raw``."""
    rest = {k: v for k, v in page.items() if k != "html_base64"}
    return {**rest, "raw": base64.b64decode(page["html_base64"])}


def load_pages(
    data_dir: Path, dataset: str, limit: int | None = None, half: int | None = None
) -> tuple[list[Record], dict[str, Record]]:
    """Pages of an extraction data set (the first ``limit``, those of ``half``) and
    their gold records, by page id; wild-dev pages carry their bytes in ``raw``."""
    pages_file, gold_file = DATA_FILES[dataset]
    pages = in_half(read_jsonl(data_dir / pages_file, limit), dataset, half)
    gold = {g["id"]: g for g in read_jsonl(data_dir / gold_file)}
    missing = [p["id"] for p in pages if p["id"] not in gold]
    if missing:
        raise BenchmarkError(f"{len(missing)} pages of {dataset} have no gold record, e.g. {missing[0]}")
    if dataset == "wild":
        pages = [with_raw_bytes(p) for p in pages]
    return pages, gold


def index_by(values: Iterable[str]) -> dict[str, list[int]]:
    """Positions grouped by value, groups in the order of the values.

    >>> index_by(["en", "zh", "en"])
    {'en': [0, 2], 'zh': [1]}
    """
    groups: dict[str, list[int]] = defaultdict(list)
    for i, value in enumerate(values):
        groups[value].append(i)
    return dict(sorted(groups.items()))


def of_half(items: Sequence[T], halves: Sequence[int], half: int) -> list[T]:
    """The items whose page is in ``half``.

    >>> of_half("abc", [0, 1, 0], 0)
    ['a', 'c']
    """
    return [x for x, h in zip(items, halves, strict=True) if h == half]


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


def wild_report(output: Output, gold_body: str) -> Record:
    """The gold tokens most missed, the output tokens most in excess, and the
    paragraphs dropped (by cleantext's rules) on one wild-dev page."""
    pred, gold = scoring.bag_of_tokens(output.text), scoring.bag_of_tokens(gold_body)
    return {
        "missing": [t for t, _ in (gold - pred).most_common(REPORT_TOKENS)],
        "extra": [t for t, _ in (pred - gold).most_common(REPORT_TOKENS)],
        "dropped": [block_record(b) for b in output.blocks if b.dropped is not None],
    }


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


@dataclass(frozen=True)
class Settings:
    """What the data set runs share: the data, which pages, where the tables go."""

    data_dir: Path
    limit: int | None
    half: int | None  # None: every page, and the two halves reported apart too
    out: TextIO

    @property
    def halves_shown(self) -> tuple[int, ...]:
        """The halves given their own figures: both when every page is scored."""
        return HALVES if self.half is None else ()

    def half_header(self) -> list[str]:
        """The column names of the per-half F1s."""
        return [f"F1 half {h}" for h in self.halves_shown]

    def half_f1s(self, items: Sequence[T], halves: Sequence[int], f1: Callable[[list[T]], float]) -> list[float]:
        """``f1`` of the items of each half shown."""
        return [f1(of_half(items, halves, h)) for h in self.halves_shown]

    def pages_title(self, n: int, unit: str, halves: Sequence[int]) -> str:
        """How many pages, and how many in each half (or which half they are)."""
        if self.half is not None:
            return f"{n} {unit} of sites in half {self.half}"
        counts = Counter(halves)
        return f"{n} {unit} (" + ", ".join(f"half {h}: {counts[h]}" for h in HALVES) + ")"


def run_aeb(systems: dict[str, HtmlSystem], settings: Settings) -> list[Record]:
    pages, gold = load_pages(settings.data_dir, "aeb", settings.limit, settings.half)
    halves = [page_half(p, "aeb") for p in pages]
    rows, reports = [], []
    rule_counts: RuleCounts = {}
    for name, system in systems.items():
        outputs, secs = timed(system, [p["html"] for p in pages])
        bodies = [gold[p["id"]]["body"] for p in pages]
        page_scores = [scoring.aeb_page(o.text, b) for o, b in zip(outputs, bodies, strict=True)]
        s = scoring.aeb_scores(page_scores)
        by_half = settings.half_f1s(page_scores, halves, lambda ps: scoring.aeb_scores(ps).f1)
        rows.append([name, s.precision, s.recall, s.f1, s.accuracy, *by_half, ms_per_item(secs, len(pages))])
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
    header = ["system", "P", "R", "F1", "acc", *settings.half_header(), "ms/page"]
    title = f"aeb: {settings.pages_title(len(pages), 'pages', halves)}, shingle P/R averaged per page"
    print_table(title, header, rows, settings.out)
    print_rule_tables("aeb", rule_counts, ["in gold", "not in gold"], settings.out)
    return reports


def run_traf_eval(systems: dict[str, HtmlSystem], settings: Settings) -> list[Record]:
    pages, gold = load_pages(settings.data_dir, "trafilatura-eval", settings.limit, settings.half)
    halves = [page_half(p, "trafilatura-eval") for p in pages]
    langs = [detect_lang(" ".join(gold[p["id"]]["with"])) or "und" for p in pages]
    lang_count = Counter(langs)
    lang_f1: dict[str, dict[str, float]] = defaultdict(dict)
    rows, reports = [], []
    rule_counts: RuleCounts = {}
    for name, system in systems.items():
        outputs, secs = timed(system, [p["html"] for p in pages])
        counts = [
            scoring.snippet_page(o.text, gold[p["id"]]["with"], gold[p["id"]]["without"])
            for p, o in zip(pages, outputs, strict=True)
        ]
        s = scoring.snippet_scores(counts)
        by_half = settings.half_f1s(counts, halves, lambda cs: scoring.snippet_scores(cs).f1)
        ms = ms_per_item(secs, len(pages))
        rows.append([name, s.precision, s.recall, s.f1, s.tp, s.fn, s.fp, s.tn, *by_half, ms])
        for lang in lang_count:
            of_lang = (c for c, lg in zip(counts, langs, strict=True) if lg == lang)
            lang_f1[lang][name] = scoring.snippet_scores(of_lang).f1
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
    header = ["system", "P", "R", "F1", "TP", "FN", "FP", "TN", *settings.half_header(), "ms/page"]
    title = f"trafilatura-eval: {settings.pages_title(len(pages), 'pages', halves)}, snippet counts summed"
    print_table(title, header, rows, settings.out)
    lang_rows = [
        [lang, n, *(lang_f1[lang][name] for name in systems)]
        for lang, n in sorted(lang_count.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    lang_title = "trafilatura-eval F1 per page language (langdetect on the 'with' snippets)"
    print_table(lang_title, ["lang", "pages", *systems], lang_rows, settings.out)
    print_rule_tables("trafilatura-eval", rule_counts, ["with", "without", "neither"], settings.out)
    return reports


def run_wild(systems: dict[str, HtmlSystem], settings: Settings) -> list[Record]:
    """Every system on each wild-dev page's raw bytes, one system after the other in
    this process: macro F1 by slice, the do-no-harm counts, cleantext's worst pages."""
    pages, gold = load_pages(settings.data_dir, "wild", settings.limit, settings.half)
    bodies = [gold[p["id"]]["body"] for p in pages]
    outputs: dict[str, list[Output]] = {}
    scores: dict[str, list[scoring.BagPage]] = {}
    speed: list[Any] = ["ms/page", ""]
    for name, system in systems.items():
        outputs[name], secs = timed(system, [p["raw"] for p in pages])
        scores[name] = [scoring.bag_page(o.text, b) for o, b in zip(outputs[name], bodies, strict=True)]
        speed.append(ms_per_item(secs, len(pages)))
    halves = [page_half(p, "wild") for p in pages]
    rows = [*wild_rows(pages, halves, scores, settings.halves_shown), *harm_rows(scores), speed]
    title = f"wild: {settings.pages_title(len(pages), 'pages', halves)}, bag-of-tokens F1 macro over pages"
    print_table(title, ["slice", "pages", *systems], rows, settings.out)
    if BASELINE in scores and "cleantext" in scores:
        print_worst(pages, scores["cleantext"], scores[BASELINE], settings.out)
    return wild_reports(pages, bodies, outputs, scores)


def wild_rows(
    pages: Sequence[Record], halves: Sequence[int], scores: dict[str, list[scoring.BagPage]], shown: Sequence[int]
) -> list[list[Any]]:
    """Macro F1 of each system over all pages, per dataset, the mean over datasets,
    per language and per half shown; each row with its number of pages."""

    def row(label: str, idx: Sequence[int]) -> list[Any]:
        return [label, len(idx), *(scoring.macro_f1(s[i] for i in idx) for s in scores.values())]

    by_dataset = index_by(p["dataset"] for p in pages)
    everything = range(len(pages))
    mean = [scoring.mean_of_groups(s, by_dataset.values()) for s in scores.values()]
    return [
        row("all pages", everything),
        *(row(f"dataset {d}", idx) for d, idx in by_dataset.items()),
        [f"mean over the {len(by_dataset)} datasets", "", *mean],
        *(row(f"lang {lang}", idx) for lang, idx in index_by(p["lang"] for p in pages).items()),
        *(row(f"half {h}", of_half(everything, halves, h)) for h in shown),
    ]


def harm_rows(scores: dict[str, list[scoring.BagPage]]) -> list[list[Any]]:
    """Per system, the pages much worse and catastrophically worse than the baseline's
    (none without the baseline in the run)."""
    if BASELINE not in scores:
        return []
    baseline = [p.f1 for p in scores[BASELINE]]

    def count(worse: Callable[[float, float], bool]) -> list[int]:
        return [sum(worse(p.f1, b) for p, b in zip(s, baseline, strict=True)) for s in scores.values()]

    return [
        [f"pages F1 > {scoring.WORSE_BY} under {BASELINE}", "", *count(scoring.much_worse)],
        [
            f"pages F1 < {scoring.CATASTROPHE_BELOW} where {BASELINE} >= {scoring.BASELINE_GOOD}",
            "",
            *count(scoring.catastrophic),
        ],
    ]


def print_worst(
    pages: Sequence[Record], system: Sequence[scoring.BagPage], baseline: Sequence[scoring.BagPage], out: TextIO
) -> None:
    """The pages where cleantext's F1 falls furthest under the baseline's."""
    order = sorted(range(len(pages)), key=lambda i: (system[i].f1 - baseline[i].f1, pages[i]["id"]))
    rows = [[pages[i]["id"], pages[i]["site"], baseline[i].f1, system[i].f1] for i in order[:WORST_SHOWN]]
    title = f"wild: the {len(rows)} pages where cleantext loses most to {BASELINE}"
    print_table(title, ["id", "site", f"{BASELINE} F1", "cleantext F1"], rows, out)


def wild_reports(
    pages: Sequence[Record],
    bodies: Sequence[str],
    outputs: dict[str, list[Output]],
    scores: dict[str, list[scoring.BagPage]],
) -> list[Record]:
    """One record per system and page much worse than the baseline's (none without it)."""
    if BASELINE not in scores:
        return []
    reports = []
    for name, page_scores in scores.items():
        for i, (ps, base) in enumerate(zip(page_scores, scores[BASELINE], strict=True)):
            if not scoring.much_worse(ps.f1, base.f1):
                continue
            page = pages[i]
            reports.append(
                {
                    "dataset": "wild",
                    "system": name,
                    "id": page["id"],
                    "site": page["site"],
                    "source": page["dataset"],
                    "lang": page["lang"],
                    "precision": round(ps.precision, 3),
                    "recall": round(ps.recall, 3),
                    "f1": round(ps.f1, 3),
                    f"{BASELINE}_f1": round(base.f1, 3),
                    **wild_report(outputs[name][i], bodies[i]),
                }
            )
    return reports


def mixed_scores(pairs: Iterable[tuple[Record, Sequence[scoring.Verdict]]]) -> scoring.MixedScores:
    """The verdict counts of (document, verdicts) pairs."""
    s = scoring.MixedScores()
    for doc, verdicts in pairs:
        s.add(doc["paragraphs"], verdicts)
    return s


def run_mixed(systems: dict[str, MixedSystem], settings: Settings) -> list[Record]:
    path = settings.data_dir / DATA_FILES["mixed"][0]
    docs = in_half(read_jsonl(path, settings.limit), "mixed", settings.half)
    halves = [page_half(d, "mixed") for d in docs]
    rows, reports = [], []
    for name, system in systems.items():
        verdicts, secs = timed(system, [[p["text"] for p in d["paragraphs"]] for d in docs])
        pairs = list(zip(docs, verdicts, strict=True))
        s = mixed_scores(pairs)
        by_half = settings.half_f1s(pairs, halves, lambda ps: mixed_scores(ps).f1)
        for doc, v in pairs:
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
                *by_half,
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
        *settings.half_header(),
        "ms/doc",
    ]
    title = f"mixed: {settings.pages_title(len(docs), 'documents', halves)}, {n_par} paragraphs"
    print_table(f"{title} (drop = boilerplate-foreign)", header, rows, settings.out)
    return reports


# ----------------------------------------------------------------------------- main

#: The peers of cleantext on web pages, in table order.
PEERS: dict[str, Callable[[], HtmlSystem]] = {
    "trafilatura": trafilatura_system,
    "trafilatura-precision": lambda: trafilatura_system(favor_precision=True),
    "readability": readability_system,
}


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


def parse_half(value: str) -> int | None:
    """``--half``: 0 or 1, or ``None`` for both.

    >>> parse_half("1"), parse_half("both")
    (1, None)
    """
    return None if value == "both" else int(value)


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
    p.add_argument(
        "--half",
        choices=["0", "1", "both"],
        default="both",
        help="score only the pages of the sites in one half (benchmarks/splits.py); "
        "default: all pages, each half also reported apart",
    )
    p.add_argument("--report", type=Path, default=None, help="write per-page errors (JSON Lines) to this file")
    return p


def build_systems(names: set[str]) -> tuple[dict[str, HtmlSystem], dict[str, MixedSystem]]:
    """The selected systems for the web pages and for the mixed documents."""
    html = {name: make() for name, make in PEERS.items() if name in names}
    mixed: dict[str, MixedSystem] = {}
    if "naive" in names:
        mixed["naive"] = naive_verdicts
    if "cleantext" in names:
        html["cleantext"], mixed["cleantext"] = cleantext_systems()
    if "cleantext-agreement" in names:
        html["cleantext-agreement"], _ = cleantext_systems("agreement")
    return html, mixed


def run_all(systems: set[str], datasets: set[str], settings: Settings) -> list[Record]:
    """Run each selected data set with the systems that apply to it; the error records."""
    html, mixed = build_systems(systems)
    reports: list[Record] = []
    if "aeb" in datasets and html:
        reports += run_aeb(html, settings)
    if "trafilatura-eval" in datasets and html:
        reports += run_traf_eval(html, settings)
    if "wild" in datasets and html:
        reports += run_wild(html, settings)
    if "mixed" in datasets and mixed:
        reports += run_mixed(mixed, settings)
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
    settings = Settings(args.data_dir.resolve(), args.limit, parse_half(args.half), sys.stdout)
    start = time.perf_counter()
    try:
        systems, datasets = parse_only(args.only)
        check_data(settings.data_dir, datasets)
        print(
            f"data: {settings.data_dir}; systems: {', '.join(sorted(systems))}; "
            f"limit: {args.limit or 'none'}; half: {args.half}"
        )
        reports = run_all(systems, datasets, settings)
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
