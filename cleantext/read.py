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
>>> [p.text for p in split_text("One\\ntwo.\\n\\n  Three\\t\\tand  four.")]
['One\\ntwo.', 'Three and four.']

Inside a paragraph, white space is normalised (:func:`normalize_space`): tabs,
indentation and runs of spaces become one space, and the line breaks in it one
line break each. Code keeps its layout.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import accumulate
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
#: White space that is layout: a run of several white-space characters, or one that is not a space (a tab,
#: a line break, another control). A single space of any width (U+0020, no-break, thin, ideographic …) is not.
_LAYOUT_SPACE = re.compile(r"\s{2,}|[^\S\u0020\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
#: What ends a line: a line feed, a carriage return, NEL, a line or paragraph separator (what the repair
#: makes a line feed; it removes the other controls that ``str.splitlines`` reads as line ends).
_LINE_END = re.compile(r"[\n\r\x85\u2028\u2029]")
_HTML_TAG = re.compile(
    r"<(?:!doctype\s+html|html|head|body|meta|title|div|p|article|section|span|br|table|a\s)\b",
    re.IGNORECASE,
)
#: Where a page's markup starts: after a byte-order mark and white space, and after what a broken page may
#: carry before it: a few stray characters before the doctype ("?"), or the end of a script cut off at its
#: start (text without "<" up to a closing script or style tag that markup follows).
_PAGE_START = re.compile(
    r"[\s\ufeff]*+(?:[^\w\s<]{1,8}+\s*(?=<!doctype\s)|[^<]{1,4096}+(?=</(?:script|style)\s*>\s*<))?(?=<)",
    re.IGNORECASE,
)
#: Markup that hides tags from a look at the start of a page: comments, declarations, scripts and styles.
_HIDDEN_START = re.compile(r"<(?:!--|\?|script\b|style\b)", re.IGNORECASE)
_HIDDEN = re.compile(r"<!--.*?-->|<\?.*?>|<script\b.*?</script\s*>|<style\b.*?</style\s*>", re.IGNORECASE | re.DOTALL)
#: HTML tags are looked for in this many characters at the start of a page, comments, scripts and styles not
#: counted …
HTML_HEAD = 4096
#: … each of which is looked past when it is at most this long (a longer one hides the rest of the page).
MAX_HIDDEN = 1 << 20

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
    """The paragraphs left with text once each is repaired (in place), white space normalised again where
    the repair changed the text (a control character removed between two spaces, ``&nbsp;`` unescaped)."""
    for p in paragraphs:
        fixed = repair(p.text)
        if fixed != p.text:
            p.text = _tidy(fixed, p.kind)
    return [p for p in paragraphs if p.text]


def looks_like_html(text: str) -> bool:
    """True when ``text`` starts like markup and holds several HTML tags near its start.

    Comments, XML declarations, scripts and styles, however long, may come first: tags are looked for
    in the first :data:`HTML_HEAD` characters outside them (:func:`_outside_code`).

    >>> looks_like_html("<!DOCTYPE html><html><body><p>Hi</p></body></html>")
    True
    >>> looks_like_html("<!-- v2 --><script>var ads = 1;</script><p>Hi</p><p>there</p>")
    True
    >>> looks_like_html("Prices < 5 dollars are a <p> away.")
    False
    """
    start = _PAGE_START.match(text)
    if start is None:
        return False
    tags = accumulate(len(_HTML_TAG.findall(piece)) for piece in _outside_code(text, start.end()))
    return any(count >= 2 for count in tags)


def _outside_code(text: str, start: int) -> Iterator[str]:
    """The pieces of ``text`` from ``start`` on that are outside comments, declarations, scripts and
    styles: :data:`HTML_HEAD` characters in all, fewer when the text ends or when one of those is left
    open (or is longer than :data:`MAX_HIDDEN`).

    >>> list(_outside_code("<p>a<!-- b --><script>c</script>d<style>e", 0))
    ['<p>a', '', 'd']
    """
    left = HTML_HEAD
    while left > 0:
        hidden = _HIDDEN_START.search(text, start, start + left)
        end = hidden.start() if hidden else start + left
        yield text[start:end]
        left -= end - start
        closed = hidden and _HIDDEN.match(text, end, end + MAX_HIDDEN)
        if not closed:
            return
        start = closed.end()


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def normalize_space(text: str) -> str:
    """``text`` stripped, with each stretch of layout white space in it made one space, or one line break
    when it holds one.

    Tabs, indentation, runs of spaces and blank lines come from layout (table cells, nested markup,
    ``&nbsp;&nbsp;``). A line break stays, one: a ``<br>``, a dateline under a headline, the lines of an
    address, of a poem or of a table's header, which the filters read (see README "Rules"). A lone space
    character between two others stays as written: a no-break space (``5\xa0km``), a thin space before
    French punctuation, or an ideographic space is typography.

    >>> normalize_space(" Price:\\t5\\xa0€ \\n\\n\\t per   kilo\\xa0\\xa0today ")
    'Price: 5\\xa0€\\nper kilo today'
    """
    return _LAYOUT_SPACE.sub(_one_space, text).strip()


def _one_space(run: re.Match[str]) -> str:
    return "\n" if _LINE_END.search(run.group()) else " "


def _tidy(text: str, kind: str) -> str:
    """The text of a paragraph of ``kind``: white space normalised, or for code only stripped."""
    return text.strip() if kind == "code" else normalize_space(text)


def split_text(text: str) -> list[Paragraph]:
    """Paragraphs of plain text: blank-line separated, else one per line."""
    text = normalize_newlines(text).strip()
    chunks = _BLANK_LINE.split(text) if _BLANK_LINE.search(text) else text.split("\n")
    return [Paragraph(normal) for normal in map(normalize_space, chunks) if normal]


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
    kind = "quote" if quoted or tag == "quote" else _KIND_OF_TAG.get(str(tag), "text")
    text = _tidy(unmask_format_chars(xmltotxt(element, False)), kind)
    if tag == "item":
        text = text.removeprefix("- ")
    if invisible(text):
        return
    out.append(Paragraph(text, kind=kind))


def _has_blocks(element: _Element) -> bool:
    return any(child.tag in ("p", "head", "list", "quote", "table", "code") for child in element)
