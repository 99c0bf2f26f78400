"""Readers: turn text or HTML into a list of paragraphs.

Plain text is split on blank lines; text without any blank line is read one
paragraph a line (as scrapers often deliver it). HTML goes through
trafilatura's main-content extraction, and its structure is kept: each
heading, paragraph, list item, quotation block and table row is a paragraph.

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
from .encoding import decode, invisible, mask_format_chars, repair, unmask_format_chars, without_surrogates
from .limits import run_limited
from .model import Document, Paragraph
from .nesting import parse_html
from .options import Options

_BLANK_LINE = re.compile(r"\n[ \t\f\v\u00a0]*\n")
_HTML_TAG = re.compile(
    r"<(?:!doctype\s+html|html|head|body|meta|title|div|p|article|section|span|br|table|a\s)\b",
    re.IGNORECASE,
)

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
    else:
        source = without_surrogates(source)
    fmt = options.format
    if fmt == "auto":
        fmt = "html" if looks_like_html(source) else "text"
    meta["format"] = fmt
    if url:
        meta["url"] = url
    paragraphs = extract_html(source, options, url) if fmt == "html" else split_text(source)
    if options.repair:
        paragraphs = _repaired(paragraphs)
    return Document(paragraphs, meta=dict(meta))


def read_limited(source: str | bytes, options: Options, url: str | None = None) -> Document:
    """:func:`read_document` within the limits of ``options`` (see :mod:`cleantext.limits`)."""
    return run_limited(source, options, lambda: read_document(source, options, url), ())


def _repaired(paragraphs: list[Paragraph]) -> list[Paragraph]:
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
    """Main-content paragraphs of an HTML page, via trafilatura.

    Returns an empty list when trafilatura finds no main content.
    """
    # Parsed as trafilatura would, but whole when nested deeper than libxml2 goes, and with
    # the invisible characters that trafilatura would drop (joiners, bidi marks) written out.
    tree = parse_html(mask_format_chars(html))
    if tree is None:
        return []
    paragraphs = _paragraphs(_bare_extraction(tree, options, url))
    if not options.favor_precision and _length(paragraphs) < SHORT_EXTRACTION:
        # (almost) nothing found: ask trafilatura for recall; the filters cut what is too much
        wider = _paragraphs(_bare_extraction(tree, options, url, favor_recall=True))
        if _length(wider) > _length(paragraphs):
            paragraphs = wider
    mark_links(tree, paragraphs)  # trafilatura parsed a copy: the page's links are all there
    return paragraphs


def _paragraphs(result: Extraction | dict[str, Any] | None) -> list[Paragraph]:
    paragraphs: list[Paragraph] = []
    if result is not None and result.body is not None:  # type: ignore[union-attr]
        for element in result.body:  # type: ignore[union-attr]
            _collect(element, paragraphs, quoted=False)
    return paragraphs


def _length(paragraphs: list[Paragraph]) -> int:
    return sum(len(p.text) for p in paragraphs)


def _bare_extraction(
    tree: HtmlElement, options: Options, url: str | None, favor_recall: bool = False
) -> Extraction | dict[str, Any] | None:
    return trafilatura.bare_extraction(
        tree,
        url=url,
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
