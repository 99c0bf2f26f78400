"""Readers: turn text or HTML into a list of paragraphs.

Plain text is split on blank lines; text without any blank line is read one
paragraph a line (as scrapers often deliver it). HTML goes through the
extraction views (:mod:`cleantext.read.views`: trafilatura, readability, the page's
declared article body) and the paragraphs they agree on
(:mod:`cleantext.read.agreement`); its structure is kept: each heading, paragraph,
list item, quotation block and table row is a paragraph.

>>> [p.text for p in split_text("Title\\nFirst line.\\nSecond line.")]
['Title', 'First line.', 'Second line.']
>>> [p.text for p in split_text("One\\ntwo.\\n\\n  Three\\t\\tand  four.")]
['One\\ntwo.', 'Three and four.']

Inside a paragraph, white space is normalised (:func:`normalize_space`): tabs,
indentation and runs of spaces become one space, and the line breaks in it one
line break each. Code keeps its layout.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from itertools import accumulate
from typing import Any

from lxml.html import HtmlElement
from trafilatura.metadata import extract_metadata

from ..limits import Deadline, within_limits
from ..model import Document, Paragraph
from ..options import METADATA_KEYS, Options
from .agreement import decide
from .decode import decode
from .links import mark_links
from .repair import repair, unmask_format_chars, without_surrogates
from .spacing import normalize_space, tidy
from .views import page_tree, trafilatura_view, tree_candidates

_LOG = logging.getLogger(__name__)

_BLANK_LINE = re.compile(r"\n[ \t\f\v\u00a0]*\n")
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


def read_document(
    source: str | bytes, options: Options, url: str | None = None, *, charset: str | None = None
) -> Document:
    """Decode, extract and split ``source`` into a document, repaired, not yet filtered.

    ``charset`` is the charset label of the HTTP header that bytes came with (``Content-Type:
    text/html; charset=...``, as in a WARC archive), if any: it outranks the page's own
    declaration (see :func:`cleantext.read.decode.decode`). Text (``str``) ignores it.

    ``meta`` records the ``format`` read, the ``url`` when given and, for bytes, how they were
    decoded: the ``encoding``, the ``declared`` one (``charset_source`` ``"http"`` when it is the
    header's), why they differ and why the text is doubtful when it is
    (:meth:`cleantext.read.decode.Decoded.meta`); with ``options.metadata``, an HTML page's metadata
    too (:func:`page_metadata`).
    """
    meta: dict[str, Any] = {}
    if isinstance(source, bytes):
        decoded = decode(source, charset)
        source = decoded.text
        meta.update(decoded.meta())
    fmt = options.format
    if fmt == "auto":
        fmt = "html" if looks_like_html(source) else "text"
    meta["format"] = fmt
    if url:
        meta["url"] = url
    if fmt == "html":
        paragraphs, metadata = read_html(source, options, url)
        meta.update(metadata)
    else:
        paragraphs = split_text(without_surrogates(source))
        if options.repair:
            paragraphs = _repaired(paragraphs)
    return Document(paragraphs, meta=dict(meta))


def read_limited(
    source: str | bytes, options: Options, url: str | None = None, *, charset: str | None = None
) -> Document:
    """:func:`read_document` within the limits of ``options`` (see :mod:`cleantext.limits`);
    ``charset``: the HTTP header's, for bytes (see :func:`read_document`)."""
    return within_limits(
        source, options, lambda deadline: read_interrupted(source, options, url, deadline, charset=charset)
    )


def read_interrupted(
    source: str | bytes, options: Options, url: str | None, deadline: Deadline, *, charset: str | None = None
) -> Document:
    """:func:`read_document`, interrupted when ``deadline`` passes (see :meth:`Deadline.interrupting`);
    ``charset``: the HTTP header's, for bytes (see :func:`read_document`)."""
    with deadline.interrupting():
        return read_document(source, options, url, charset=charset)


def _repaired(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """The paragraphs left with text once each is repaired (in place), white space normalised again where
    the repair changed the text (a control character removed between two spaces, ``&nbsp;`` unescaped)."""
    for p in paragraphs:
        fixed = repair(p.text)
        if fixed != p.text:
            p.text = tidy(fixed, p.kind)
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
    counts = (len(_HTML_TAG.findall(piece)) for piece in _outside_code(text, start.end()))
    return any(tags >= 2 for tags in accumulate(counts))


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


def split_text(text: str) -> list[Paragraph]:
    """Paragraphs of plain text: blank-line separated, else one per line."""
    text = normalize_newlines(text).strip()
    chunks = _BLANK_LINE.split(text) if _BLANK_LINE.search(text) else text.split("\n")
    return [Paragraph(normal) for normal in map(normalize_space, chunks) if normal]


def extract_html(html: str, options: Options, url: str | None = None) -> list[Paragraph]:
    """The article's paragraphs in an HTML page, repaired when ``options.repair``, their link
    characters counted: trafilatura's (:func:`cleantext.read.views.trafilatura_view`), or with
    ``options.extraction == "agreement"`` what the views agree on (:mod:`cleantext.read.agreement`).

    Returns an empty list when no view finds any content.
    """
    return read_html(html, options, url)[0]


def read_html(html: str, options: Options, url: str | None = None) -> tuple[list[Paragraph], dict[str, Any]]:
    """:func:`extract_html`'s paragraphs, and the page's metadata with ``options.metadata``
    (:func:`page_metadata`, read from the same tree; ``{}`` without)."""
    tree = page_tree(html)
    if tree is None:
        return [], {}
    metadata = page_metadata(tree, url, options.repair) if options.metadata else {}
    if options.extraction == "agreement":
        paragraphs = decide(*tree_candidates(tree, options, url))
        return (_repaired(paragraphs) if options.repair else paragraphs), metadata
    paragraphs = trafilatura_view(tree, options, url)
    extracted = [p.text for p in paragraphs]  # where the link text is counted
    kept = _repaired(paragraphs) if options.repair else paragraphs
    # trafilatura read a copy: the page's links are all there; the repaired size tells which may be links
    mark_links(tree, paragraphs, extracted)
    return kept, metadata


#: trafilatura's names for the keys of :data:`~cleantext.options.METADATA_KEYS`, where they differ.
_TRAFILATURA_NAMES = {"canonical_url": "url"}


def page_metadata(tree: HtmlElement, url: str | None = None, repaired: bool = True) -> dict[str, Any]:
    """The metadata that trafilatura finds in a page's ``tree`` (``url``: where the page was found), under the
    keys of :data:`~cleantext.options.METADATA_KEYS` that it has: each value on one line (repaired when
    ``repaired``), lists of strings for ``categories`` and ``tags`` (the page's comma-separated keywords
    one tag each); no empty value.

    >>> from cleantext.read.html_tree import parse_html
    >>> page_metadata(parse_html('<html><head><meta name="author" content="Ana  Lima">'
    ...     '<meta name="keywords" content="rain, storms"></head><body><p>Text.</p></body></html>'))
    {'author': 'Ana Lima', 'tags': ['rain', 'storms']}
    """
    try:
        found = extract_metadata(tree, default_url=url)
    except Exception as exc:  # a third-party reader: its failure costs the metadata, not the document
        _LOG.debug("no metadata: %s", exc)
        return {}
    metadata: dict[str, Any] = {}
    for key in METADATA_KEYS:
        value = getattr(found, _TRAFILATURA_NAMES.get(key, key), None)
        if isinstance(value, str):
            value = _one_line(value, repaired)
        elif isinstance(value, list):
            pieces = (piece for item in value if isinstance(item, str)
                      for piece in (item.split(",") if key == "tags" else [item]))
            value = list(dict.fromkeys(filter(None, (_one_line(piece, repaired) for piece in pieces))))
        else:
            continue
        if value:
            metadata[key] = value
    return metadata


def _one_line(text: str, repaired: bool) -> str:
    text = unmask_format_chars(text)
    return " ".join((repair(text) if repaired else text).split())
