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

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NamedTuple, TypeVar

from .cleaner import Cleaner
from .limits import describe, too_large
from .model import Document
from .records import LineResult, RecordFormat, clean_line, error_result
from .sources import read_whole
from .summary import Tally
from .warc import WarcError, WarcPage
from .write import document_record, json_line, metadata

R = TypeVar("R")

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


def _guarded(clean: Callable[[], R], failed: Callable[[str], R]) -> R:
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
        error, warning = problems(doc)
        return LineResult(self._output(source, doc), error, warning=warning,
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


def problems(doc: Document) -> tuple[str | None, str | None]:
    """(error, warning) of a cleaned document. The error says why it was not cleaned (too large,
    too slow, failed) or why its text is doubtful (it is passed on, but the run does not end with
    0); the warning, how its bytes were read otherwise than declared (``encoding_note``).

    >>> problems(Document([], meta={"encoding_note": "the declared utf-8 leaves invalid byte sequences"}))
    (None, 'the declared utf-8 leaves invalid byte sequences')
    """
    if "error" in doc.meta:
        return str(doc.meta["error"]), None
    if "encoding_doubt" in doc.meta:
        return f"doubtful decoding: {doc.meta['encoding_doubt']}", None
    return None, doc.meta.get("encoding_note")


#: A WARC page's record, its error, its warning and its tally (None when it was not cleaned).
_Outcome = tuple[dict[str, Any], str | None, str | None, Tally | None]


@dataclass(frozen=True)
class WarcTask:
    """One HTML response of a WARC archive into one JSON Lines record: the record's place in the
    crawl (``url``, ``warc_record_id``, ``warc_date``, ``http_status``, ``content_type``, the HTTP
    ``charset``), then ``title``, ``lang`` and the clean ``text``; ``explain`` adds the paragraphs."""

    explain: bool = False

    def __call__(self, cleaner: Cleaner, page: WarcPage) -> LineResult:
        record, error, warning, tally = self._outcome(cleaner, page)
        return LineResult(json_line(record), error, page.record_id, warning, tally)

    def record(self, cleaner: Cleaner, page: WarcPage) -> dict[str, Any]:
        """The page's record (with an ``error`` when it could not be cleaned)."""
        return self._outcome(cleaner, page)[0]

    def _outcome(self, cleaner: Cleaner, page: WarcPage) -> _Outcome:
        return _guarded(lambda: self._clean(cleaner, page), lambda message: self._failed(page, message))

    def _clean(self, cleaner: Cleaner, page: WarcPage) -> _Outcome:
        if len(page.body) < page.size:  # a payload over the limit, left unread
            return self._failed(page, str(too_large(page.size, "bytes", cleaner.options.max_bytes or 0)))
        doc = cleaner.process(page.body, url=page.url, charset=page.charset)
        if "error" in doc.meta:
            return self._failed(page, doc.meta["error"])
        record = {**warc_fields(page), "title": doc.title, "lang": doc.lang, "text": doc.body,
                  **metadata(doc)}
        if self.explain:
            record.update(document_record(doc))
        return (record, *problems(doc), Tally.of(doc))

    def _failed(self, page: WarcPage, message: str) -> _Outcome:
        return {**warc_fields(page), "error": message}, message, None, None

    def crashed(self, page: WarcPage) -> LineResult:
        return LineResult(json_line(self._failed(page, CRASH_MESSAGE)[0]), CRASH_MESSAGE, page.record_id)



def warc_fields(page: WarcPage) -> dict[str, Any]:
    """Where a page is in the crawl, as the first fields of its record."""
    return {"url": page.url, "warc_record_id": page.record_id, "warc_date": page.date,
            "http_status": page.status, "content_type": page.content_type, "charset": page.charset}


def warc_failure(file: str, error: WarcError) -> dict[str, Any]:
    """The record that stands for a truncated or corrupt WARC record: where it is, and what is wrong."""
    return {"warc_file": file, "warc_record_id": error.record_id, "warc_offset": error.offset, "error": error.message}
