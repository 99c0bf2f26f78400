"""parse_html: the tree trafilatura's own load_html gives, with plain HtmlElement proxies;
drop_code: without scripts and styles, trafilatura extracts the same text."""

from __future__ import annotations

import pytest
import trafilatura
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.utils import load_html
from trafilatura.xml import xmltotxt

from cleantext.read.html_tree import drop_code, parse_html

from .conftest import ROOT, shared_eval_pages

PAGES = sorted((ROOT / "fixtures").glob("*/input.html"))

ODD_INPUTS = [
    "",
    "   ",
    "plain words, no markup",
    "<p>a single fragment</p>",
    "<div><p>one</p><p>two</p></div>",
    '<?xml version="1.0" encoding="utf-8"?><html><body><p>declares an encoding</p></body></html>',
    "<!DOCTYPE html>\n<html/>\n<body><p>self-closing html</p></body>",
    "<html><body><p>control \x01 characters \x0b</p></body></html>",
    "<html><body><p>unclosed <b>tags <i>everywhere</body>",
    "<html><body>" + "<div>" * 300 + "<p>deep</p>" + "</div>" * 300 + "</body></html>",
]


def serialized(tree: HtmlElement | None) -> bytes | None:
    return None if tree is None else etree.tostring(tree, encoding="utf-8")


@pytest.mark.parametrize("html", [p.read_text(encoding="utf-8") for p in PAGES] + ODD_INPUTS)
def test_the_same_tree_as_trafilatura(html: str) -> None:
    if html.count("<div>") >= 300:  # trafilatura's tree stops at libxml2's depth limit; ours is whole
        assert b"deep" in serialized(parse_html(html)) and b"deep" not in serialized(load_html(html))
    else:
        assert serialized(parse_html(html)) == serialized(load_html(html))


def test_every_element_is_a_plain_html_element() -> None:
    tree = parse_html("<html><body><form><input name='q'><select><option>a</option></select>"
                      "<textarea>t</textarea><label>l</label></form><p>text</p></body></html>")
    assert tree is not None
    assert {type(e) for e in tree.iter()} == {HtmlElement}
    assert tree.find(".//p").text_content() == "text"


def test_fixture_pages_are_found() -> None:
    assert len(PAGES) >= 3


def extraction(tree: HtmlElement) -> str | None:
    result = trafilatura.bare_extraction(tree, include_comments=False, with_metadata=False)
    return None if result is None else xmltotxt(result.body, False)


@pytest.mark.parametrize("html", [p.read_text(encoding="utf-8") for p in PAGES] + [
    "<html><head><script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"articleBody\": "
    "\"The body lives only in the JSON-LD of this page, long enough for the baseline to take it, "
    "as some sites deliver it before their scripts draw the page.\"}</script>"
    "<style>p {color: red}</style></head><body><div id='app'></div><script>draw()</script>tail</body></html>",
])
def test_dropping_code_leaves_the_extraction_as_it_is(html: str) -> None:
    assert extraction(drop_code(parse_html(html))) == extraction(parse_html(html))


def test_dropping_code_keeps_json_ld_and_tails() -> None:
    tree = drop_code(parse_html("<html><head><script type='application/ld+json'>{}</script><style>p{}</style>"
                                "</head><body><p>a<script>x()</script>b</p></body></html>"))
    assert [e.tag for e in tree.iter("script", "style")] == ["script"]
    assert tree.findtext(".//p") == "ab"


def test_dropping_code_leaves_real_pages_extracted_as_they_were() -> None:
    pages = shared_eval_pages(120)
    changed = [i for i, html in enumerate(pages)
               if extraction(drop_code(parse_html(html))) != extraction(parse_html(html))]
    assert len(pages) == 120 and changed == []
