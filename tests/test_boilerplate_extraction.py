"""trafilatura's view of a page: a second, wider extraction when the first finds almost nothing."""

from __future__ import annotations

import gzip
import json

import trafilatura

from cleantext import Cleaner, Options
from cleantext.read.html_tree import drop_code, parse_html
from cleantext.read.views import FAST_ENOUGH, SHORT_EXTRACTION, _trafilatura_paragraphs, trafilatura_view

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


# A page of the shape that made cleantext lose whole articles on a news site: a list of teaser links
# (each headline a paragraph inside its link), then the article in plain <div>s, which trafilatura's
# fast extractor does not take for text. Its fast result is long enough, but it is the teaser list.
GUM = [
    "Researchers at a university in the north say that chewing gum after a meal may help people eat less "
    "later in the day, a finding they call modest but real.",
    "The team asked sixty volunteers to chew gum for ten minutes after lunch on some days and not on others, "
    "and then counted what each of them ate in the afternoon.",
    "On the days with gum the volunteers ate about forty fewer calories of snacks, the study found, and they "
    "said they felt less hungry between meals.",
    "The authors warn that the effect is small and that the study was short, and they plan a longer trial "
    "with a larger group next year.",
]
TEASERS = "".join(f'<li><a href="/n/{n}"><img src="/i/{n}.jpg" alt=""><p>Teaser headline number {n} about a '
                  f"story from the region today</p></a></li>" for n in range(16))
TEASER_PAGE = (f'<html><head><title>Gum</title></head><body><div id="left"><ul class="teasers">{TEASERS}</ul>'
               f'</div><div id="center"><h1>Chewing gum may curb snacking</h1><p class="info">26 November 2011</p>'
               f'<div class="publtxt"><div><p>&nbsp;</p>{"".join(f"<div>{p}</div>" for p in GUM)}</div></div>'
               "</div></body></html>")


def test_a_fast_result_made_of_links_is_replaced_by_the_whole_cascade():
    tree = drop_code(parse_html(TEASER_PAGE))
    fast = _trafilatura_paragraphs(tree, Options(), None, fast=True)
    assert sum(len(p.text) for p in fast) >= FAST_ENOUGH and not {p.text for p in fast} & set(GUM)
    assert [p.text for p in trafilatura_view(tree, Options())] == GUM
    assert Cleaner().clean(TEASER_PAGE) == "\n\n".join(GUM)
