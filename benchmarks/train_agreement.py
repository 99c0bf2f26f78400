"""Grow the weights of the extraction agreement (``cleantext/read/agreement.json``) on one
half of the dev sites, and measure them on the other half.

Training pages: ``wild-dev`` (raw bytes, gold bodies), ``aeb`` (gold bodies) and
``trafilatura-eval`` (snippets that must or must not be found). Each page is read as
cleantext reads it (:func:`cleantext.read.views.extraction_candidates`). A candidate
paragraph's label, where the gold is a body, is whether most of its words are in it;
where the gold is snippets, a paragraph that holds a "with" snippet (or lies inside
one) is the article's, one that holds a "without" snippet is not, and the others
teach nothing. The model is a
logistic regression over :data:`cleantext.read.agreement.FEATURES`, each page weighing the
same whatever its length (a paragraph weighs the square root of its share of the
page's words), with an L2 penalty.

Sites are split in halves by ``benchmarks/splits.py``. The script trains on each half
and reports, on the other half, bag-of-tokens F1 (macro over pages) and trafilatura-eval's
snippet F1 (extraction only, before the filters), against each view alone; it writes the model grown on ``--train-half``
(default 0), so that half 1 stays a held-back check (``quality.py --half 1``).

Usage, from the project root::

    python benchmarks/train_agreement.py                 # report both directions, write the model
    python benchmarks/train_agreement.py --no-write      # report only
"""

from __future__ import annotations

import argparse
import base64
import gzip
import json
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from multiprocessing import Pool
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import scoring  # noqa: E402
from benchmarks.splits import page_half  # noqa: E402
from cleantext import Options  # noqa: E402
from cleantext.read.agreement import FEATURES, AgreementModel, Candidate, decide, features, words  # noqa: E402
from cleantext.read.decode import decode  # noqa: E402
from cleantext.read.views import extraction_candidates  # noqa: E402

DATA_DIR = ROOT.parent / "shared" / "eval-data"
MODEL_FILE = ROOT / "cleantext" / "read" / "agreement.json"
#: A candidate is the article's when this share of its words is in the gold.
IN_GOLD = 0.5
L2 = 1.0

Page = dict[str, Any]  # id, dataset, group, half, html, and gold (a body) or with/without (snippets)
#: A paragraph this short inside a "with" snippet is not evidence of it.
MIN_INSIDE = 20


def load_pages(data_dir: Path) -> list[Page]:
    """The dev pages with a whole gold body, decoded, with their site half."""
    pages: list[Page] = []
    wild = data_dir / "wild-dev"
    gold = {g["id"]: g["body"] for g in _jsonl(wild / "gold.jsonl.gz")}
    for rec in _jsonl(wild / "pages.jsonl.gz"):
        html = decode(base64.b64decode(rec["html_base64"])).text
        pages.append({"id": rec["id"], "dataset": "wild", "group": rec["dataset"], "half": page_half(rec, "wild"),
                      "gold": gold[rec["id"]], "html": html})
    aeb_gold = {g["id"]: g["body"] for g in _jsonl(data_dir / "aeb" / "gold.jsonl")}
    for rec in _jsonl(data_dir / "aeb" / "pages.jsonl.gz"):
        pages.append({"id": rec["id"], "dataset": "aeb", "group": "aeb", "half": page_half(rec, "aeb"),
                      "gold": aeb_gold[rec["id"]], "html": rec["html"]})
    snippets = {g["id"]: g for g in _jsonl(data_dir / "trafilatura-eval" / "gold.jsonl")}
    for rec in _jsonl(data_dir / "trafilatura-eval" / "pages.jsonl.gz"):
        gold_rec = snippets[rec["id"]]
        pages.append({"id": rec["id"], "dataset": "trafilatura-eval", "group": "trafilatura-eval",
                      "half": page_half(rec, "trafilatura-eval"), "with": gold_rec["with"],
                      "without": gold_rec["without"], "html": rec["html"]})
    return pages


def _jsonl(path: Path) -> Iterable[dict[str, Any]]:
    with (gzip.open(path, "rt", encoding="utf-8") if path.suffix == ".gz" else open(path, encoding="utf-8")) as fh:
        yield from map(json.loads, fh)


def _candidates(page: Page) -> tuple[list[Candidate], str]:
    return extraction_candidates(page["html"], Options(repair=False))


def examples(page: Page, candidates: Sequence[Candidate], declared: str) -> tuple[list[list[float]], list[float],
                                                                                 list[float]]:
    """Features, labels and weights of one page's candidates (weight 0: no label)."""
    labels = _labels(page, candidates)
    sizes = [len(c.words) if label is not None else 0 for c, label in zip(candidates, labels, strict=True)]
    total = sum(sizes) or 1
    weights = [(n / total) ** 0.5 for n in sizes]
    return features(candidates, declared), [label or 0.0 for label in labels], weights


def _labels(page: Page, candidates: Sequence[Candidate]) -> list[float | None]:
    """1.0 for a paragraph of the article, 0.0 for one that is not, None when the gold does not say."""
    if "gold" in page:
        gold_words = Counter(words(page["gold"]))
        return [float(_in_gold(c.paragraph.text, gold_words) >= IN_GOLD) for c in candidates]
    wanted = [scoring.normalize_ws(s) for s in page["with"]]
    unwanted = [scoring.normalize_ws(s) for s in page["without"]]
    labels: list[float | None] = []
    for c in candidates:
        text = scoring.normalize_ws(c.paragraph.text)
        inside = len(text) >= MIN_INSIDE
        if any(s in text or (inside and text in s) for s in wanted):
            labels.append(1.0)
        elif any(s in text or (inside and text in s) for s in unwanted):
            labels.append(0.0)
        else:
            labels.append(None)
    return labels


def _in_gold(text: str, gold_words: Counter[str]) -> float:
    own = words(text)
    return sum(1 for w in own if w in gold_words) / len(own) if own else 0.0


def train(rows: np.ndarray, labels: np.ndarray, weights: np.ndarray) -> AgreementModel:
    """Weighted, L2-penalised logistic regression by Newton's method."""
    mean, scale = rows.mean(0), rows.std(0)
    scale[scale == 0] = 1.0
    z = np.hstack([(rows - mean) / scale, np.ones((len(rows), 1))])
    beta = np.zeros(z.shape[1])
    penalty = L2 * np.diag(np.r_[np.ones(len(beta) - 1), 0.0])
    for _ in range(30):
        p = 1 / (1 + np.exp(-z @ beta))
        gradient = z.T @ (weights * (p - labels)) + penalty @ beta
        hessian = (z * (weights * p * (1 - p))[:, None]).T @ z + penalty
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return AgreementModel(tuple(mean), tuple(scale), tuple(beta[:-1]), float(beta[-1]))


def report(pages: Sequence[Page], cands: dict[str, tuple[list[Candidate], str]], models: dict[int, AgreementModel]
           ) -> dict[str, dict[str, float]]:
    """Per group, of each view alone and of the agreement grown on the other half: macro bag-of-tokens F1
    (body gold), or snippet F1 (trafilatura-eval)."""
    scores: dict[str, dict[str, list[float]]] = {}
    snippets: dict[str, dict[str, scoring.SnippetCounts]] = {}
    for page in pages:
        candidates, declared = cands[page["id"]]
        outputs = {
            "trafilatura": [c.paragraph for c in candidates if c.source == "trafilatura"],
            "readability": [c.paragraph for c in candidates if c.source == "readability" or c.agreed],
            "agreement": decide(candidates, declared, models[1 - page["half"]]),
        }
        for system, paragraphs in outputs.items():
            text = "\n".join(p.text for p in paragraphs)
            if "gold" in page:
                for group in ("body gold: all", page["group"], f"body gold: half {page['half']}"):
                    scores.setdefault(group, {}).setdefault(system, []).append(scoring.bag_page(text, page["gold"]).f1)
            else:
                counts = scoring.snippet_page(text, page["with"], page["without"])
                for group in (page["group"], f"{page['group']}: half {page['half']}"):
                    by = snippets.setdefault(group, {})
                    by[system] = by.get(system, scoring.SnippetCounts()) + counts
    results = {group: {s: float(np.mean(v)) for s, v in by.items()} | {"pages": len(next(iter(by.values())))}
               for group, by in scores.items()}
    for group, by_system in snippets.items():
        results[group] = {s: c.f1 for s, c in by_system.items()} | {"pages": by_system["agreement"].pages}
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=DATA_DIR)
    parser.add_argument("--train-half", type=int, choices=(0, 1), default=0, help="the half the shipped model grows on")
    parser.add_argument("--no-write", action="store_true", help="report only; leave the shipped weights as they are")
    args = parser.parse_args(argv)
    pages = load_pages(args.data_dir)
    with Pool(2) as pool:
        cands = dict(zip((p["id"] for p in pages), pool.map(_candidates, pages, chunksize=8), strict=True))
    data: dict[int, tuple[list[list[float]], list[float], list[float]]] = {0: ([], [], []), 1: ([], [], [])}
    for page in pages:
        for part, values in zip(data[page["half"]], examples(page, *cands[page["id"]]), strict=True):
            part.extend(values)  # type: ignore[arg-type]
    models = {half: train(*(np.array(part, dtype=float) for part in data[half])) for half in (0, 1)}
    results = report(pages, cands, models)
    header = ("F1 on the half not trained on", "pages", "trafilatura", "readability", "agreement")
    print(f"{header[0]:40} {header[1]:>5} {header[2]:>12} {header[3]:>12} {header[4]:>10}")
    for group in sorted(results, key=lambda g: (not g.startswith("body gold"), g)):
        r = results[group]
        scores = f"{r['trafilatura']:12.3f} {r['readability']:12.3f} {r['agreement']:10.3f}"
        print(f"{group:40} {int(r['pages']):5} {scores}")
    model = models[args.train_half]
    print("\nweights (standardised) of the model grown on half", args.train_half)
    for name, weight in sorted(zip(FEATURES, model.weights, strict=True), key=lambda nw: -abs(nw[1])):
        print(f"  {name:36} {weight:+.2f}")
    if not args.no_write:
        counts = Counter(p["dataset"] for p in pages if p["half"] == args.train_half)
        MODEL_FILE.write_text(json.dumps({
            "about": "Weights of cleantext.read.agreement, written by benchmarks/train_agreement.py: a logistic model "
                     f"grown on half {args.train_half} of the dev sites (benchmarks/splits.py) of wild-dev, aeb "
                     "and trafilatura-eval.",
            "trained_on": {"half": args.train_half, "pages": dict(sorted(counts.items()))},
            "held_back_f1": {group: round(r["agreement"], 4) for group, r in results.items()
                             if group.endswith(f"half {1 - args.train_half}")},
            "model": model.to_dict(),
        }, indent=1) + "\n", encoding="utf-8")
        print(f"\nwrote {MODEL_FILE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
