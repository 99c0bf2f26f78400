"""trafilatura's view of a page: a second, wider extraction when the first finds almost nothing."""

from __future__ import annotations

import gzip
import json

import trafilatura

from cleantext import Options
from cleantext.html_tree import drop_code, parse_html
from cleantext.views import SHORT_EXTRACTION, trafilatura_view

from .conftest import SHARED, shared_file

PAGE_FILE = "OnlineMarketing.de-Instagram.html"


def _shared_page(name: str) -> tuple[str, dict[str, list[str]]]:
    folder = SHARED / "eval-data" / "trafilatura-eval"
    with shared_file(folder / "gold.jsonl").open(encoding="utf-8") as fh:
        gold = next(g for g in map(json.loads, fh) if g["file"] == name)
    with gzip.open(shared_file(folder / "pages.jsonl.gz"), "rt", encoding="utf-8") as fh:
        page = next(p for p in map(json.loads, fh) if p["id"] == gold["id"])
    return page["html"], gold


def test_a_nearly_empty_extraction_is_widened():
    html, gold = _shared_page(PAGE_FILE)
    first = trafilatura.extract(html, include_comments=False) or ""
    assert len(first) < SHORT_EXTRACTION
    view = trafilatura_view(drop_code(parse_html(html)), Options(format="html"))
    text = " ".join(" ".join(p.text for p in view).split())
    assert all(" ".join(snippet.split()) in text for snippet in gold["with"])


def test_favor_precision_is_not_widened():
    html, _ = _shared_page(PAGE_FILE)
    paragraphs = trafilatura_view(drop_code(parse_html(html)), Options(format="html", favor_precision=True))
    assert sum(len(p.text) for p in paragraphs) < SHORT_EXTRACTION
