"""Readers: turn text or HTML into a list of paragraphs.

Plain text is split on blank lines; text without any blank line is read one
paragraph a line (as scrapers often deliver it). HTML goes through
trafilatura's main-content extraction, and its structure is kept: each
heading, paragraph, list item, quotation block and table row is a paragraph.
trafilatura's own extractor runs alone first; only when it finds less than
:data:`FAST_ENOUGH` characters does the page go through trafilatura's whole
cascade of fallbacks (on the dev pages: 15 % less extraction time, and F1
within 0.001 of the cascade's once the filters have run; see README "Design notes").

>>> [p.text for p in split_text("Title\\nFirst line.\\nSecond line.")]
['Title', 'First line.', 'Second line.']
>>> [p.text for p in split_text("One\\ntwo.\\n\\nThree.")]
['One\\ntwo.', 'Three.']
"""

from __future__ import annotations

import re
from typing import Any

import trafilatura
from lxml.etree import _Element
from lxml.html import HtmlElement
from trafilatura.metadata import Document as Extraction
from trafilatura.xml import xmltotxt

from .boilerplate.links import mark_links
from .encoding import decode, invisible, ready_to_parse, repair, unmask_format_chars, without_surrogates
from .html_tree import drop_code, parse_html
from .limits import run_limited
from .model import Document, Paragraph
from .options import Options

_BLANK_LINE = re.compile(r"\n[ \t\f\v\u00a0]*\n")
_HTML_TAG = re.compile(
    r"<(?:!doctype\s+html|html|head|body|meta|title|div|p|article|section|span|br|table|a\s)\b",
    re.IGNORECASE,
)

#: trafilatura's own extractor alone (its ``fast`` mode) is trusted when it finds an
#: article of at least this many characters; a shorter result goes through its whole
#: cascade (readability and jusText compared, baseline, recall), which costs 40 % more.
FAST_ENOUGH = 800
#: An extraction shorter than this (characters) found (almost) nothing: extract again for recall.
SHORT_EXTRACTION = 300

# trafilatura's XML tags mapped to paragraph kinds.
_KIND_OF_TAG = {"p": "text", "head": "heading", "item": "item", "code": "code", "row": "cell"}


def read_document(source: str | bytes, options: Options, url: str | None = None) -> Document:
    """Decode, extract and split ``source`` into a document, repaired, not yet filtered.

    ``meta`` records the ``format`` read, the ``encoding`` bytes were decoded
    with, and the ``url`` when given.
    """
    meta: dict[str, str] = {}
    if isinstance(source, bytes):
        source, meta["encoding"] = decode(source)
    fmt = options.format
    if fmt == "auto":
        fmt = "html" if looks_like_html(source) else "text"
    meta["format"] = fmt
    if url:
        meta["url"] = url
    if fmt == "html":
        paragraphs = extract_html(source, options, url)
    else:
        paragraphs = split_text(without_surrogates(source))
        if options.repair:
            paragraphs = _repaired(paragraphs)
    return Document(paragraphs, meta=dict(meta))


def read_limited(source: str | bytes, options: Options, url: str | None = None) -> Document:
    """:func:`read_document` within the limits of ``options`` (see :mod:`cleantext.limits`)."""
    return run_limited(source, options, lambda: read_document(source, options, url), ())


def _repaired(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """The paragraphs left with text once each is repaired (in place)."""
    for p in paragraphs:
        p.text = repair(p.text).strip()
    return [p for p in paragraphs if p.text]


def looks_like_html(text: str) -> bool:
    """True when ``text`` starts like markup and holds several HTML tags.

    >>> looks_like_html("<!DOCTYPE html><html><body><p>Hi</p></body></html>")
    True
    >>> looks_like_html("Prices < 5 dollars are a <p> away.")
    False
    """
    head = text[:4096].lstrip("\ufeff \t\r\n")
    return head.startswith("<") and len(_HTML_TAG.findall(head)) >= 2


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_text(text: str) -> list[Paragraph]:
    """Paragraphs of plain text: blank-line separated, else one per line."""
    text = normalize_newlines(text).strip()
    chunks = _BLANK_LINE.split(text) if _BLANK_LINE.search(text) else text.split("\n")
    return [Paragraph(chunk.strip()) for chunk in chunks if chunk.strip()]


def extract_html(html: str, options: Options, url: str | None = None) -> list[Paragraph]:
    """Main-content paragraphs of an HTML page, via trafilatura, repaired when
    ``options.repair``, their link characters counted (:func:`mark_links`).

    Returns an empty list when trafilatura finds no main content.
    """
    # Parsed as trafilatura would, but whole when nested deeper than libxml2 goes, with the
    # invisible characters that trafilatura would drop (joiners, bidi marks) written out, and
    # without the scripts and styles that its copies of the page would only carry around.
    tree = parse_html(ready_to_parse(html))
    if tree is None:
        return []
    drop_code(tree)
    paragraphs = _paragraphs(_bare_extraction(tree, options, url, fast=True))
    if _length(paragraphs) < FAST_ENOUGH:
        paragraphs = _paragraphs(_bare_extraction(tree, options, url))
    if not options.favor_precision and _length(paragraphs) < SHORT_EXTRACTION:
        # (almost) nothing found: ask trafilatura for recall; the filters cut what is too much
        wider = _paragraphs(_bare_extraction(tree, options, url, favor_recall=True))
        if _length(wider) > _length(paragraphs):
            paragraphs = wider
    extracted = [p.text for p in paragraphs]  # where the link text is counted
    kept = _repaired(paragraphs) if options.repair else paragraphs
    # trafilatura parsed a copy: the page's links are all there; the repaired size tells which may be links
    mark_links(tree, paragraphs, extracted)
    return kept


def _paragraphs(result: Extraction | dict[str, Any] | None) -> list[Paragraph]:
    paragraphs: list[Paragraph] = []
    if result is not None and result.body is not None:  # type: ignore[union-attr]
        for element in result.body:  # type: ignore[union-attr]
            _collect(element, paragraphs, quoted=False)
    return paragraphs


def _length(paragraphs: list[Paragraph]) -> int:
    return sum(len(p.text) for p in paragraphs)


def _bare_extraction(
    tree: HtmlElement, options: Options, url: str | None, favor_recall: bool = False, fast: bool = False
) -> Extraction | dict[str, Any] | None:
    return trafilatura.bare_extraction(
        tree,
        url=url,
        fast=fast,
        include_comments=False,
        include_tables=True,
        favor_precision=options.favor_precision,
        favor_recall=favor_recall,
        with_metadata=False,
    )


def _collect(element: _Element, out: list[Paragraph], quoted: bool) -> None:
    """Append the paragraphs of one element of trafilatura's XML tree."""
    tag = element.tag
    if tag in ("list", "table", "div") or (tag == "quote" and _has_blocks(element)):
        for child in element:
            _collect(child, out, quoted or tag == "quote")
        return
    text = unmask_format_chars(xmltotxt(element, False)).strip()
    if tag == "item":
        text = text.removeprefix("- ")
    if invisible(text):
        return
    kind = "quote" if quoted or tag == "quote" else _KIND_OF_TAG.get(str(tag), "text")
    out.append(Paragraph(text, kind=kind))


def _has_blocks(element: _Element) -> bool:
    return any(child.tag in ("p", "head", "list", "quote", "table", "code") for child in element)
