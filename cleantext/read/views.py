"""Views of a page's main content: what each extractor finds in one parsed tree.

No single extractor is best everywhere: trafilatura's own extractor wins on
some sites, a readability-style scorer on others. cleantext reads the page
once and asks several views, then lets :mod:`cleantext.read.agreement` decide,
paragraph by paragraph, with the evidence of all of them:

- :func:`trafilatura_view`: trafilatura's main extractor (its ``fast`` mode),
  and its whole cascade when that finds little;
- :func:`readability_view`: the readability algorithm (trafilatura's port of
  readability-lxml, which trafilatura's default already runs on every page)
  on a copy of the same tree: no second parse;
- :func:`structured_body`: the article body the page declares about itself
  (JSON-LD ``articleBody``, ``itemprop="articleBody"``), when it does.

>>> from cleantext.read.html_tree import parse_html
>>> tree = parse_html("<html><body><div><h1>Storms</h1><p>Rain <b>fell</b> all night.</p>"
...                   "<ul><li>One</li></ul></div></body></html>")
>>> [(p.kind, p.text) for p in render_blocks(tree)]
[('heading', 'Storms'), ('text', 'Rain fell all night.'), ('item', 'One')]
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from copy import deepcopy
from typing import Any

import trafilatura
from lxml.etree import _Element
from lxml.html import HtmlElement
from trafilatura.metadata import Document as Extraction
from trafilatura.readability_lxml import Document as Readability
from trafilatura.utils import fromstring_bytes
from trafilatura.xml import xmltotxt

from ..model import Kind, Paragraph
from ..options import Options
from .agreement import Candidate, merge
from .html_tree import drop_code, parse_html
from .links import mark_links
from .repair import invisible, ready_to_parse, unmask_format_chars
from .spacing import tidy

#: trafilatura's own extractor alone (its ``fast`` mode) is trusted when it finds an
#: article of at least this many characters; a shorter result goes through its whole
#: cascade (readability and jusText compared, baseline, recall), which costs 40 % more.
FAST_ENOUGH = 800
#: … and when less than this share of its characters is link text: a fast result made of links is a
#: teaser list or a menu that the extractor took for the article (seen where the article is in plain
#: ``<div>``s), and the whole cascade finds the article.
FAST_MAX_LINKS = 0.5
#: An extraction shorter than this (characters) found (almost) nothing: extract again for recall.
SHORT_EXTRACTION = 300

# trafilatura's XML tags mapped to paragraph kinds.
_KIND_OF_TAG = {"p": Kind.TEXT, "head": Kind.HEADING, "item": Kind.ITEM, "code": Kind.CODE, "row": Kind.CELL}

# HTML block elements, and the paragraph kind of the text inside them (else the enclosing kind).
_HTML_KINDS = {
    **{f"h{n}": Kind.HEADING for n in range(1, 7)},
    "li": Kind.ITEM, "dd": Kind.ITEM, "dt": Kind.ITEM, "td": Kind.CELL, "th": Kind.CELL, "pre": Kind.CODE,
    "blockquote": Kind.QUOTE,
}
_HTML_BLOCKS = frozenset(_HTML_KINDS) | {
    "p", "div", "br", "hr", "tr", "table", "ul", "ol", "dl", "section", "article", "header", "footer",
    "figure", "figcaption", "caption", "form", "center", "main", "aside", "nav", "address",
}

_LOG = logging.getLogger(__name__)


def page_tree(html: str) -> HtmlElement | None:
    """The tree every view reads (None when the page has none): parsed as trafilatura would parse it,
    but whole when nested deeper than libxml2 goes, with the invisible characters that trafilatura
    would drop (joiners, bidi marks) written out, and without the scripts and styles that the views'
    copies of the page would only carry around."""
    tree = parse_html(ready_to_parse(html))
    return None if tree is None else drop_code(tree)


def extraction_candidates(html: str, options: Options, url: str | None = None) -> tuple[list[Candidate], str]:
    """The paragraphs the views find in ``html``, lined up (:func:`cleantext.read.agreement.merge`), with the
    link characters of every one counted, and the article body the page declares ("" when none)."""
    tree = page_tree(html)
    if tree is None:
        return [], ""
    return tree_candidates(tree, options, url)


def tree_candidates(tree: HtmlElement, options: Options, url: str | None = None) -> tuple[list[Candidate], str]:
    """:func:`extraction_candidates` of a page already parsed (:func:`page_tree`)."""
    candidates = merge(trafilatura_view(tree, options, url), readability_view(tree))
    # the views read copies: the page's links are all there
    mark_links(tree, [c.paragraph for c in candidates], every=True)
    return candidates, structured_body(tree)


# ----------------------------------------------------------------------------- trafilatura


def trafilatura_view(tree: HtmlElement, options: Options, url: str | None = None) -> list[Paragraph]:
    """trafilatura's main extractor on ``tree``; its whole cascade when that finds under
    :data:`FAST_ENOUGH` characters or mostly links (:data:`FAST_MAX_LINKS`), and a
    recall-oriented extraction when even that finds almost nothing (the filters and the
    agreement cut what is too much)."""
    paragraphs = _trafilatura_paragraphs(tree, options, url, fast=True)
    if _length(paragraphs) < FAST_ENOUGH or _mostly_links(tree, paragraphs):
        paragraphs = _trafilatura_paragraphs(tree, options, url)
    if not options.favor_precision and _length(paragraphs) < SHORT_EXTRACTION:
        wider = _trafilatura_paragraphs(tree, options, url, favor_recall=True)
        if _length(wider) > _length(paragraphs):
            paragraphs = wider
    return paragraphs


def _trafilatura_paragraphs(
    tree: HtmlElement, options: Options, url: str | None, favor_recall: bool = False, fast: bool = False
) -> list[Paragraph]:
    result: Extraction | dict[str, Any] | None = trafilatura.bare_extraction(
        tree,
        url=url,
        fast=fast,
        include_comments=False,
        include_tables=True,
        favor_precision=options.favor_precision,
        favor_recall=favor_recall,
        with_metadata=False,
    )
    paragraphs: list[Paragraph] = []
    if result is not None and result.body is not None:  # type: ignore[union-attr]
        for element in result.body:  # type: ignore[union-attr]
            _collect(element, paragraphs, quoted=False)
    return paragraphs


def _length(paragraphs: list[Paragraph]) -> int:
    return sum(len(p.text) for p in paragraphs)


def _mostly_links(tree: HtmlElement, paragraphs: list[Paragraph]) -> bool:
    """Whether :data:`FAST_MAX_LINKS` of the paragraphs' characters are link text (counted in place)."""
    mark_links(tree, paragraphs)
    return sum(p.links for p in paragraphs) >= FAST_MAX_LINKS * _length(paragraphs)


def _collect(element: _Element, out: list[Paragraph], quoted: bool) -> None:
    """Append the paragraphs of one element of trafilatura's XML tree."""
    tag = element.tag
    if tag in ("list", "table", "div") or (tag == "quote" and _has_blocks(element)):
        for child in element:
            _collect(child, out, quoted or tag == "quote")
        return
    text = xmltotxt(element, False)
    if tag == "item":
        text = text.strip().removeprefix("- ")
    kind = Kind.QUOTE if quoted or tag == "quote" else _KIND_OF_TAG.get(str(tag), Kind.TEXT)
    _append(out, text, kind)


def _has_blocks(element: _Element) -> bool:
    return any(child.tag in ("p", "head", "list", "quote", "table", "code") for child in element)


def _append(out: list[Paragraph], text: str, kind: str) -> None:
    """Append ``text`` as a paragraph unless it is empty or invisible."""
    text = tidy(unmask_format_chars(text), kind)
    if not invisible(text):
        out.append(Paragraph(text, kind=kind))


# ----------------------------------------------------------------------------- readability


def readability_view(tree: HtmlElement) -> list[Paragraph]:
    """The paragraphs the readability algorithm finds in (a copy of) ``tree``."""
    try:
        summary = fromstring_bytes(Readability(deepcopy(tree), min_text_length=25).summary())
    except Exception as exc:  # a third-party scorer: any failure of it means "this view found nothing"
        _LOG.debug("readability found nothing: %s", exc)
        return []
    return [] if summary is None else render_blocks(summary)


def render_blocks(root: HtmlElement) -> list[Paragraph]:
    """The text of an HTML element as paragraphs, split at block elements
    (a heading, a paragraph, a list item, a table cell…), each of the kind of
    its innermost block."""
    out: list[Paragraph] = []
    for text, kind in _block_texts(root, Kind.TEXT):
        _append(out, text, kind)
    return out


def _block_texts(element: HtmlElement, kind: str) -> Iterator[tuple[str, str]]:
    """``(text, kind)`` of the runs of text between block boundaries, in document order."""
    pending: list[str] = []
    for text, boundary_kind in _walk(element, kind):
        if boundary_kind is None:
            pending.append(text)
        else:
            if pending:
                yield "".join(pending), boundary_kind
            pending = []


def _walk(element: HtmlElement, kind: str) -> Iterator[tuple[str, str | None]]:
    """Text pieces ``(text, None)`` and block boundaries ``("", kind of the text before it)``."""
    tag = element.tag if isinstance(element.tag, str) else ""
    block = tag in _HTML_BLOCKS
    inner = _HTML_KINDS.get(tag, kind)
    if block:
        yield "", kind
    if element.text:
        yield element.text, None
    for child in element:
        yield from _walk(child, inner)
    if block:
        yield "", inner
    if element.tail:
        yield element.tail, None


# ----------------------------------------------------------------------------- the page's own word


def structured_body(tree: HtmlElement) -> str:
    """The article body the page declares: JSON-LD ``articleBody`` values and the text of
    ``itemprop="articleBody"`` elements, joined ("" when it declares none).

    >>> from cleantext.read.html_tree import parse_html
    >>> structured_body(parse_html('<html><head><script type="application/ld+json">'
    ...     '{"@type": "NewsArticle", "articleBody": "Rain fell."}</script></head>'
    ...     '<body><p>x</p></body></html>'))
    'Rain fell.'
    """
    parts = [body for script in tree.iter("script") if script.get("type") == "application/ld+json"
             for body in _json_ld_bodies(script.text or "")]
    parts.extend(" ".join(element.itertext()) for element in tree.iterfind('.//*[@itemprop="articleBody"]'))
    return "\n".join(part for part in parts if part.strip())


def _json_ld_bodies(source: str) -> list[str]:
    """Every ``articleBody`` string in a JSON-LD block (nested, or in lists); none when it is not JSON."""
    try:
        data = json.loads(source)
    except ValueError:
        return []
    found: list[str] = []
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            body = item.get("articleBody")
            if isinstance(body, str):
                found.append(body)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found
