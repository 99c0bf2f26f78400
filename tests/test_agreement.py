"""Extraction by agreement: views, their merge, the evidence, and the decision, on pages written for it."""

from __future__ import annotations

import json

import pytest

from cleantext import Cleaner, Options
from cleantext.model import Paragraph
from cleantext.read import extract_html
from cleantext.read.agreement import FEATURES, AgreementModel, Candidate, decide, default_model, features, merge, words
from cleantext.read.html_tree import drop_code, parse_html
from cleantext.read.views import (
    extraction_candidates,
    page_tree,
    readability_view,
    render_blocks,
    structured_body,
    trafilatura_view,
)

ARTICLE = [
    "The old harbour of the town reopened on Saturday after two years of repairs, and hundreds of residents "
    "came to watch the first boats sail in under a clear sky.",
    "The works were delayed twice, the mayor said, first by a storm that damaged the new quay and then by a "
    "shortage of steel that stopped the builders for most of the winter.",
    "Fishermen, who had moored their boats in the next bay for two seasons, said the new quay was longer and "
    "safer, and that the fish market would open again on Monday morning.",
    "The next phase of the project, a small marina for visiting yachts, should start in the spring, and the "
    "town hopes it will bring visitors back to the cafés along the water.",
]
MENU = ["Home", "News", "Sport", "Weather", "Contact", "About us", "Archive", "Jobs"]


def portal_page(article_in_table: bool = True) -> str:
    """A portal of the old web: a table layout, a menu of links in one cell and the article in another,
    a column of teaser links beside it."""
    menu = "".join(f'<tr><td><a href="/{m}">{m}</a></td></tr>' for m in MENU)
    teasers = "".join(f'<p><a href="/t{n}">Teaser headline number {n} about the region</a></p>' for n in range(12))
    body = "".join(f"<p>{p}</p>" for p in ARTICLE)
    article = f'<td class="main"><h1>Harbour reopens</h1>{body}</td>' if article_in_table else f"<td>{body}</td>"
    return (f"<html><head><title>Harbour</title></head><body><table><tr><td><table>{menu}</table></td>"
            f"{article}<td>{teasers}</td></tr></table></body></html>")


def test_words_compare_han_and_kana_character_by_character():
    assert words("東京タワー is 333 m") == ["東", "京", "タ", "ワ", "ー", "is", "333", "m"]


def test_merge_puts_what_only_the_second_view_has_in_page_order():
    figures = "Quarterly tonnage figures: eleven trawlers unloaded mackerel beside refurbished warehouses."
    t = [Paragraph(ARTICLE[0]), Paragraph(ARTICLE[2]), Paragraph("Home")]
    r = [Paragraph("Harbour reopens"), Paragraph(ARTICLE[0]), Paragraph(figures), Paragraph(ARTICLE[2])]
    merged = merge(t, r)
    assert [c.paragraph.text for c in merged] == ["Harbour reopens", ARTICLE[0], figures, ARTICLE[2], "Home"]
    assert [c.source for c in merged] == ["readability", "trafilatura", "readability", "trafilatura", "trafilatura"]
    assert [c.agreed for c in merged] == [False, True, False, True, False]


def test_the_features_are_named_and_complete():
    candidates = merge([Paragraph(ARTICLE[0]), Paragraph("Home", links=4)], [Paragraph(ARTICLE[0])])
    rows = features(candidates, declared_body=ARTICLE[0])
    assert all(len(row) == len(FEATURES) for row in rows)
    named = [dict(zip(FEATURES, row, strict=True)) for row in rows]
    assert named[0]["agreed"] == 1.0 and named[0]["in_declared_body"] == 1.0 and named[0]["sentence_end"] == 1.0
    assert named[1]["trafilatura_only"] == 1.0 and named[1]["link_density"] == 1.0 and named[1]["after_agreed"] == 1.0


def test_the_shipped_model_keeps_agreed_prose_and_drops_lone_link_lists():
    t = [Paragraph(m, links=len(m)) for m in MENU] + [Paragraph(p) for p in ARTICLE]
    kept = decide(merge(t, [Paragraph(p) for p in ARTICLE]))
    assert [p.text for p in kept] == ARTICLE


def test_when_nothing_is_kept_trafilatura_stands():
    never = AgreementModel(mean=(0.0,) * len(FEATURES), scale=(1.0,) * len(FEATURES),
                           weights=(0.0,) * len(FEATURES), bias=-10.0)
    candidates = [Candidate(Paragraph("Only trafilatura"), "trafilatura", 0.0),
                  Candidate(Paragraph("Only readability"), "readability", 0.0)]
    assert [p.text for p in decide(candidates, model=never)] == ["Only trafilatura"]
    assert [p.text for p in decide(candidates[1:], model=never)] == ["Only readability"]


def test_a_model_for_other_features_is_refused():
    data = default_model().to_dict()
    assert AgreementModel.from_dict(json.loads(json.dumps(data))) == default_model()
    with pytest.raises(ValueError, match="other features"):
        AgreementModel.from_dict({**data, "features": data["features"][:-1]})


def test_readability_view_renders_blocks_with_their_kinds():
    tree = drop_code(parse_html(portal_page()))
    texts = {p.text: p.kind for p in readability_view(tree)}
    assert all(texts.get(p) == "cell" for p in ARTICLE)  # paragraphs in a table cell
    blocks = render_blocks(parse_html("<html><body><ul><li>One <b>two</b></li></ul><pre>a  b</pre></body></html>"))
    assert [(p.kind, p.text) for p in blocks] == [("item", "One two"), ("code", "a  b")]


def test_the_declared_body_comes_from_json_ld_and_microdata():
    page = ('<html><head><script type="application/ld+json">[{"@graph": [{"articleBody": "From JSON-LD."}]}]'
            '</script><script type="application/ld+json">{not json</script></head><body>'
            '<div itemprop="articleBody"><p>From microdata.</p></div></body></html>')
    assert structured_body(drop_code(parse_html(page))).split("\n") == ["From JSON-LD.", "From microdata."]
    assert structured_body(parse_html("<html><body><p>None here.</p></body></html>")) == ""


def test_a_portal_page_gives_its_article_not_its_menu():
    candidates, _ = extraction_candidates(portal_page(), Options(extraction="agreement"))
    assert {c.source for c in candidates} == {"trafilatura"}  # readability's article is inside trafilatura's row
    body = Cleaner(Options(format="html", extraction="agreement")).clean(portal_page())
    assert all(p in body for p in ARTICLE)
    assert not any(m in body for m in MENU)


def test_trafilatura_extraction_alone_is_trafilaturas_view():
    options = Options(extraction="trafilatura", repair=False)
    view = trafilatura_view(page_tree(portal_page()), options)
    assert [p.text for p in extract_html(portal_page(), options)] == [p.text for p in view]
    with pytest.raises(ValueError, match="extraction must be"):
        Options(extraction="both")  # type: ignore[arg-type]
