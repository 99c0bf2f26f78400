"""What cleaning does with one item of input, in whichever process runs it: a JSON Lines line,
a document (a file, or stdin's bytes), or an HTML page from a WARC archive.

A task is a small picklable object, called with the process's cleaner and one item, that
returns a :class:`~cleantext.records.LineResult`: the output (a JSON Lines line, or a body),
the error, the record's id, a warning and the tally for the run's summary. It never raises:
whatever goes wrong is the item's error. ``crashed(item)`` is the result of an item that kills
the worker process cleaning it (see :mod:`cleantext.parallel`).

>>> from cleantext import Cleaner
>>> result = DocumentTask()(Cleaner(), Source("note.txt", data=b"A note that stays as it is."))
>>> result.line, result.tally
('A note that stays as it is.', Tally(kept=1, dropped=()))
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NamedTuple

from .cleaner import Cleaner
from .limits import describe, too_large
from .model import Document
from .records import LineResult, RecordFormat, clean_line, error_result
from .sources import read_whole
from .summary import Tally
from .warc import WarcError, WarcPage
from .write import document_record, json_line, metadata

#: The message of an error for an item that killed its worker.
CRASH_MESSAGE = "worker process died while cleaning this record"
#: The message for a WARC archive given as something else (a document, JSON Lines).
WARC_GIVEN_AS = "a WARC archive, not {}: clean it with --warc"


def looks_like_warc(head: bytes) -> bool:
    """Whether bytes begin as a WARC archive does (``WARC/1.0``, ``WARC/1.1``).

    >>> looks_like_warc(b"WARC/1.1\\r\\nWARC-Type: warcinfo\\r\\n"), looks_like_warc(b"<html>")
    (True, False)
    """
    return head.startswith(b"WARC/1.")


def _guarded(clean: Callable[[], LineResult], failed: Callable[[str], LineResult]) -> LineResult:
    """``clean()``, or ``failed(message)`` when it raises: one item in, one result out."""
    try:
        return clean()
    except Exception as err:
        return failed(f"failed: {describe(err)}")


@dataclass(frozen=True)
class JsonLineTask:
    """One JSON Lines line into one output record (:func:`cleantext.records.clean_line`)."""

    fmt: RecordFormat

    def __call__(self, cleaner: Cleaner, line: bytes) -> LineResult:
        return clean_line(cleaner, line, self.fmt)

    def crashed(self, line: bytes) -> LineResult:
        """
        >>> JsonLineTask(RecordFormat()).crashed(b'{"id": 3, "text": "..."}').line
        '{"id": 3, "text": "...", "error": "worker process died while cleaning this record"}'
        """
        return error_result(line, CRASH_MESSAGE, self.fmt)


class Source(NamedTuple):
    """A document to clean: a file read where it is cleaned, or bytes read already (stdin)."""

    name: str
    path: str | None = None
    data: bytes | None = None
    site: str | None = None


@dataclass(frozen=True)
class DocumentTask:
    """One document into its body, or with ``explain`` into its JSON record (``source`` naming it
    when ``named``, as in JSON Lines over many files)."""

    explain: bool = False
    named: bool = False

    def __call__(self, cleaner: Cleaner, source: Source) -> LineResult:
        return _guarded(lambda: self._clean(cleaner, source), lambda message: self._failed(source, message))

    def _clean(self, cleaner: Cleaner, source: Source) -> LineResult:
        data = source.data if source.data is not None else read_whole(source.path or source.name)
        if isinstance(data, OSError):
            return self._failed(source, f"cannot read: {data.strerror or data}")
        if looks_like_warc(data):
            return self._failed(source, WARC_GIVEN_AS.format("a document"))
        doc = cleaner.process(data, site=source.site)
        return LineResult(self._output(source, doc), _error(doc), warning=doc.meta.get("encoding_note"),
                          tally=None if "error" in doc.meta else Tally.of(doc))

    def _output(self, source: Source, doc: Document) -> str:
        if not self.explain:
            return doc.body
        record = document_record(doc)
        return json_line({"source": source.name, **record} if self.named else record)

    def _failed(self, source: Source, message: str) -> LineResult:
        if self.explain:
            record = {"source": source.name, "error": message} if self.named else {"error": message}
            return LineResult(json_line(record), message)
        return LineResult("", message)

    def crashed(self, source: Source) -> LineResult:
        return self._failed(source, CRASH_MESSAGE)


def _error(doc: Document) -> str | None:
    """Why a document was not cleaned, or why its text is doubtful (it is passed on, and the run
    does not end with 0); a note on how its bytes were decoded is a warning (``encoding_note``)."""
    if "error" in doc.meta:
        return str(doc.meta["error"])
    if "encoding_doubt" in doc.meta:
        return f"doubtful decoding: {doc.meta['encoding_doubt']}"
    return None


@dataclass(frozen=True)
class WarcTask:
    """One HTML response of a WARC archive into one JSON Lines record: the record's place in the
    crawl (``url``, ``warc_record_id``, ``warc_date``, ``http_status``, ``content_type``, the HTTP
    ``charset``), then ``title``, ``lang`` and the clean ``text``; ``explain`` adds the paragraphs."""

    explain: bool = False

    def __call__(self, cleaner: Cleaner, page: WarcPage) -> LineResult:
        return _guarded(lambda: self._clean(cleaner, page), lambda message: self._failed(page, message))

    def record(self, cleaner: Cleaner, page: WarcPage) -> dict[str, Any]:
        """The page's record (with an ``error`` when it could not be cleaned)."""
        return json.loads(self(cleaner, page).line)

    def _clean(self, cleaner: Cleaner, page: WarcPage) -> LineResult:
        if len(page.body) < page.size:  # a payload over the limit, left unread
            return self._failed(page, str(too_large(page.size, "bytes", cleaner.options.max_bytes or 0)))
        doc = cleaner.process(page.body, url=page.url, charset=page.charset)
        if "error" in doc.meta:
            return self._failed(page, doc.meta["error"])
        record = {**warc_fields(page), "title": doc.title, "lang": doc.lang, "text": doc.body,
                  **metadata(doc)}
        if self.explain:
            record.update(document_record(doc))
        return LineResult(json_line(record), _error(doc), page.record_id, doc.meta.get("encoding_note"),
                          Tally.of(doc))

    def _failed(self, page: WarcPage, message: str) -> LineResult:
        return LineResult(json_line({**warc_fields(page), "error": message}), message, page.record_id)

    def crashed(self, page: WarcPage) -> LineResult:
        return self._failed(page, CRASH_MESSAGE)


def warc_fields(page: WarcPage) -> dict[str, Any]:
    """Where a page is in the crawl, as the first fields of its record."""
    return {"url": page.url, "warc_record_id": page.record_id, "warc_date": page.date,
            "http_status": page.status, "content_type": page.content_type, "charset": page.charset}


def warc_failure(file: str, error: WarcError) -> dict[str, Any]:
    """The record that stands for a truncated or corrupt WARC record: where it is, and what is wrong."""
    return {"warc_file": file, "warc_record_id": error.record_id, "warc_offset": error.offset, "error": error.message}
