"""Writing a document: its body, its JSON record, one line of JSON Lines, the ``explain`` table.

The command, the records path (:mod:`cleantext.records`) and :mod:`cleantext.dask` all write
through here, so a document looks the same whichever way it leaves.

>>> from cleantext.model import Document, Paragraph
>>> doc = Document([Paragraph("Body."), Paragraph("© ACME", dropped="en/copyright")], lang="en")
>>> print(json_line(document_record(doc))[:60])
{"text": "Body.", "title": null, "lang": "en", "paragraphs":
>>> print(render_explanation(doc))
language: en   title: -   kept 1 of 2 paragraphs
  #  verdict          lang kind    text
  1  kept             -    text    Body.
  2  en/copyright     -    text    © ACME
"""

from __future__ import annotations

import json
import re
from typing import Any

from .model import Document
from .options import METADATA_KEYS

#: How a document's bytes were decoded, in its ``meta`` (see :meth:`cleantext.read.decode.Decoded.meta`).
ENCODING_KEYS = ("encoding", "declared", "charset_source", "encoding_note", "encoding_doubt")
#: Of those, what the ``explain`` table shows: what is worth a person's attention.
_ENCODING_WARNINGS = ("encoding_note", "encoding_doubt")
#: The page metadata (``Options.metadata``, :data:`~cleantext.options.METADATA_KEYS`) on each line of the
#: ``explain`` table that shows it.
_METADATA_LINES = (
    ("author", "date", "sitename", "hostname"),
    ("canonical_url", "license", "image"),
    ("categories", "tags"),
    ("description",),
)


def metadata(doc: Document) -> dict[str, Any]:
    """The page metadata in ``doc.meta`` (``Options.metadata``): the keys of
    :data:`~cleantext.options.METADATA_KEYS` that it has, in that order; ``{}`` without.

    >>> metadata(Document([], meta={"url": "https://example.org/a", "tags": ["rain"], "author": "Ana Lima"}))
    {'author': 'Ana Lima', 'tags': ['rain']}
    """
    return {key: doc.meta[key] for key in METADATA_KEYS if key in doc.meta}


def explanation(doc: Document) -> dict[str, Any]:
    """What ``--explain`` adds: title, language, how bytes were decoded, the page's metadata
    (:func:`metadata`), the site a profile matched, paragraphs, and the error when the document
    was not cleaned."""
    extra: dict[str, Any] = {"title": doc.title, "lang": doc.lang}
    extra.update((key, doc.meta[key]) for key in ENCODING_KEYS if key in doc.meta)
    extra.update(metadata(doc))
    if "repeated_site" in doc.meta:
        extra["site"] = doc.meta["repeated_site"]
    extra["paragraphs"] = [p.as_dict() for p in doc.paragraphs]
    if "error" in doc.meta:
        extra["error"] = doc.meta["error"]
    return extra


def document_record(doc: Document) -> dict[str, Any]:
    """A document as a JSON-ready record: body, title, language, paragraphs."""
    return {"text": doc.body, **explanation(doc)}


def render_explanation(doc: Document, width: int = 100) -> str:
    """A table for a person: number, verdict, language, kind, text; above it, the encoding's
    warnings and the page's metadata (values cut to ``width`` characters)."""
    kept = len(doc.kept)
    site = f"   repeated for site: {doc.meta['repeated_site']}" if "repeated_site" in doc.meta else ""
    lines = [
        f"language: {doc.lang or '-'}   title: {doc.title or '-'}   "
        f"kept {kept} of {len(doc.paragraphs)} paragraphs{site}",
        *(f"{key.replace('_', ' ')}: {doc.meta[key]}" for key in _ENCODING_WARNINGS if key in doc.meta),
        *_metadata_lines(metadata(doc), width),
        f"{'#':>3}  {'verdict':<16} {'lang':<4} {'kind':<7} text",
    ]
    for number, p in enumerate(doc.paragraphs, start=1):
        lines.append(f"{number:>3}  {p.dropped or 'kept':<16} {p.lang or '-':<4} {p.kind:<7} {_cut(p.text, width)}")
    return "\n".join(lines)


def _metadata_lines(found: dict[str, Any], width: int) -> list[str]:
    """The lines of :data:`_METADATA_LINES` that ``found`` has keys of: ``key: value`` pairs, lists joined
    by commas, each value cut to ``width`` characters."""
    lines = []
    for keys in _METADATA_LINES:
        pairs = [(key, found[key]) for key in keys if key in found]
        if pairs:
            lines.append("   ".join(f"{key.replace('_', ' ')}: {_cut(value, width)}" for key, value in pairs))
    return lines


def _cut(value: Any, width: int) -> str:
    """``value`` on one line (a list joined by commas), cut to ``width`` characters."""
    text = " ".join((", ".join(value) if isinstance(value, list) else str(value)).split())
    return text if len(text) <= width else text[: width - 1] + "…"


#: Characters that ``str.splitlines`` and some JSON Lines readers take for line breaks.
_LINE_BREAKS = {"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"}
_SURROGATE = re.compile("[\ud800-\udfff]")


def json_line(record: Any) -> str:
    """One line of JSON, valid UTF-8: lone surrogates (from ``\\ud800`` escapes
    in the input) are written as escapes, and so are line-break look-alikes."""
    out = json.dumps(record, ensure_ascii=False, default=str)
    if _SURROGATE.search(out):
        return json.dumps(record, default=str)
    for char, escape in _LINE_BREAKS.items():
        if char in out:
            out = out.replace(char, escape)
    return out
