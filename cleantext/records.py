"""JSON Lines records: clean a field of each record, keep everything else.

One output record per input line, in order, always. A line that is not a JSON
object, or a record whose field is missing or not a string, comes out as an
error record (``"error"`` says what) instead of stopping the stream.

>>> from cleantext import Cleaner
>>> fmt = RecordFormat(field="text")
>>> out = clean_record(Cleaner(), {"id": 7, "text": "A short note that stays as it is."}, fmt)
>>> out["id"], out["text"]
(7, 'A short note that stays as it is.')
>>> clean_record(Cleaner(), {"id": 8}, fmt)["error"]
"missing field 'text'"
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .cleaner import Cleaner
from .model import Document


@dataclass(frozen=True)
class RecordFormat:
    """Where a record's input and output live.

    Attributes:
        field: the field holding the text or HTML to clean.
        output_field: where the clean body goes (default: ``field`` itself).
        explain: add ``paragraphs`` (text, kind, lang, kept, reason), ``title`` and ``lang``.
        id_field: the field that names a record in error messages.
        url_field: a field holding the page URL, handed to trafilatura (optional).
    """

    field: str = "text"
    output_field: str | None = None
    explain: bool = False
    id_field: str = "id"
    url_field: str | None = None

    @property
    def target(self) -> str:
        return self.output_field or self.field


class RecordError(ValueError):
    """A record that cannot be cleaned; the message says why."""


def clean_record(cleaner: Cleaner, record: dict[str, Any], fmt: RecordFormat) -> dict[str, Any]:
    """The record with its field cleaned, or with an ``error`` field saying why not."""
    return _clean(cleaner, record, fmt)[0]


def _clean(cleaner: Cleaner, record: dict[str, Any], fmt: RecordFormat) -> tuple[dict[str, Any], str | None]:
    try:
        doc = cleaner.process(_source(record, fmt), url=_url(record, fmt))
    except RecordError as err:
        return {**record, "error": str(err)}, str(err)
    return _with_document(record, doc, fmt), None


def _source(record: dict[str, Any], fmt: RecordFormat) -> str:
    if fmt.field not in record:
        raise RecordError(f"missing field {fmt.field!r}")
    value = record[fmt.field]
    if not isinstance(value, str):
        kind = "null" if value is None else type(value).__name__
        raise RecordError(f"field {fmt.field!r} is {kind}, not a string")
    return value


def _url(record: dict[str, Any], fmt: RecordFormat) -> str | None:
    url = record.get(fmt.url_field) if fmt.url_field else None
    return url if isinstance(url, str) else None


def _with_document(record: dict[str, Any], doc: Document, fmt: RecordFormat) -> dict[str, Any]:
    out = dict(record)
    out[fmt.target] = doc.body
    if fmt.explain:
        out["title"] = doc.title
        out["lang"] = doc.lang
        out["paragraphs"] = [p.as_dict() for p in doc.paragraphs]
    return out


def record_id(record: Any, fmt: RecordFormat) -> str | None:
    """The record's id as text, for messages; None when it has none."""
    if isinstance(record, dict) and record.get(fmt.id_field) is not None:
        return str(record[fmt.id_field])
    return None


def clean_line(cleaner: Cleaner, line: bytes | str, fmt: RecordFormat) -> tuple[str, str | None]:
    """Clean one JSON Lines line: (output JSON line without newline, error or None).

    Never raises for bad input: the error is in the output record and returned.
    """
    if isinstance(line, bytes):
        line = line.decode("utf-8", errors="replace")
    text = line.rstrip("\r\n")
    try:
        record = json.loads(text)
    except json.JSONDecodeError as err:
        bad_json = "empty line" if not text.strip() else f"invalid JSON: {err}"
        return _dumps({"error": bad_json, "raw": text}), bad_json
    if not isinstance(record, dict):
        not_object = f"a JSON {type(record).__name__}, not an object"
        return _dumps({"error": not_object, "raw": record}), not_object
    out, problem = _clean(cleaner, record, fmt)
    return _dumps(out), problem


def clean_records(
    records: Iterable[dict[str, Any]], cleaner: Cleaner, fmt: RecordFormat = RecordFormat()
) -> Iterator[dict[str, Any]]:
    """Clean a stream of records, one out per one in, in order.

    The per-partition function for engines (Dask, Spark ``mapInPandas``,
    Ray ``map_batches``): records in, records out.
    """
    for record in records:
        if isinstance(record, dict):
            yield clean_record(cleaner, record, fmt)
        else:
            yield {"error": f"a {type(record).__name__}, not a record", "raw": record}


def _dumps(record: Any) -> str:
    return json.dumps(record, ensure_ascii=False, default=str)
