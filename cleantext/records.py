"""JSON Lines records: clean a field of each record, keep everything else.

One output record per input line that is not blank, in order, always (a stream skips
blank lines: :func:`is_blank`). A line that is not a JSON
object, a record whose field is missing or not a string, and a record that
could not be cleaned (over a limit, or a failure: see :mod:`cleantext.limits`)
come out as error records (``"error"`` says what) instead of stopping the
stream. An output line never contains a character that some readers take for
a line break (U+2028, U+2029, U+0085 are escaped) nor a lone surrogate, so it
is always one line of valid UTF-8.

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
from typing import Any, NamedTuple

from .cleaner import Cleaner
from .limits import describe
from .model import Document
from .summary import Tally
from .write import explanation, json_line, metadata


@dataclass(frozen=True)
class RecordFormat:
    """Where a record's input and output live.

    Attributes:
        field: the field holding the text or HTML to clean.
        output_field: where the clean body goes (default: ``field`` itself).
        explain: add ``paragraphs`` (text, kind, lang, kept, reason), ``title`` and ``lang``.
        id_field: the field that names a record in error messages.
        url_field: a field holding the page URL, handed to trafilatura (optional).
        site_field: a field naming the record's site for a learned profile (a URL,
            a host or a name); without it the ``url_field`` stands for the site.
    """

    field: str = "text"
    output_field: str | None = None
    explain: bool = False
    id_field: str = "id"
    url_field: str | None = None
    site_field: str | None = None

    @property
    def target(self) -> str:
        return self.output_field or self.field


class RecordError(ValueError):
    """A record that cannot be cleaned; the message says why, and ``raw`` is what an error
    record carries of a line that is no record (the line, or the JSON value on it)."""

    def __init__(self, message: str, raw: Any = None) -> None:
        super().__init__(message)
        self.raw = raw


def parse_record(line: bytes | str) -> dict[str, Any]:
    """The JSON object on one JSON Lines line (UTF-8, its end and a byte-order mark ignored);
    :class:`RecordError` says why there is none.

    >>> parse_record(b'\\xef\\xbb\\xbf{"id": 1}\\n')
    {'id': 1}
    >>> parse_record("[1, 2]")
    Traceback (most recent call last):
    ...
    cleantext.records.RecordError: a JSON list, not an object
    """
    text = _line_text(line)
    try:
        record = json.loads(text)
    except (ValueError, RecursionError) as err:  # JSONDecodeError, over-long integer, deep nesting
        problem = "empty line" if not text.strip() else f"invalid JSON: {_json_problem(err)}"
        raise RecordError(problem, raw=text) from None
    if not isinstance(record, dict):
        raise RecordError(f"a JSON {type(record).__name__}, not an object", raw=record)
    return record


def clean_record(cleaner: Cleaner, record: dict[str, Any], fmt: RecordFormat) -> dict[str, Any]:
    """The record with its field cleaned, or with an ``error`` field saying why not."""
    return _clean(cleaner, record, fmt)[0]


def _clean(cleaner: Cleaner, record: dict[str, Any],
           fmt: RecordFormat) -> tuple[dict[str, Any], str | None, Tally | None]:
    """The output record, the error if any, and the tally of a cleaned document."""
    try:
        doc = cleaner.process(field_text(record, fmt.field), url=_text_field(record, fmt.url_field),
                              site=_text_field(record, fmt.site_field))
    except RecordError as err:
        return {**record, "error": str(err)}, str(err), None
    if "error" in doc.meta:  # not cleaned (too large, too slow, failed): passed through, marked
        return {**record, "error": doc.meta["error"]}, doc.meta["error"], None
    return _with_document(record, doc, fmt), None, Tally.of(doc)


def field_text(record: dict[str, Any], field: str) -> str:
    """The string in ``record[field]``; :class:`RecordError` says why there is none."""
    if field not in record:
        raise RecordError(f"missing field {field!r}")
    value = record[field]
    if not isinstance(value, str):
        kind = "null" if value is None else type(value).__name__
        raise RecordError(f"field {field!r} is {kind}, not a string")
    return value


def _text_field(record: dict[str, Any], name: str | None) -> str | None:
    value = record.get(name) if name else None
    return value if isinstance(value, str) else None


def _with_document(record: dict[str, Any], doc: Document, fmt: RecordFormat) -> dict[str, Any]:
    out = dict(record)
    out[fmt.target] = doc.body
    out.update(metadata(doc))
    if fmt.explain:
        out.update(explanation(doc))
    return out


def record_id(record: Any, fmt: RecordFormat) -> str | None:
    """The record's id as text, for messages; None when it has none."""
    if isinstance(record, dict) and record.get(fmt.id_field) is not None:
        return str(record[fmt.id_field])
    return None


def is_blank(line: bytes | str) -> bool:
    """True for a line with nothing but white space: not a record, and skipped, as every
    JSON Lines reader skips it.

    >>> is_blank(b" \\t\\r\\n"), is_blank(b"{}\\n")
    (True, False)
    """
    return not line.strip()


class LineResult(NamedTuple):
    """One cleaned input (a JSON Lines line, a file, a WARC page): the output (no final newline),
    the error if any, the record's id (for messages), a warning about the record's fields (it was
    cleaned, but maybe not as meant), and the tally of its paragraphs when it was cleaned."""

    line: str
    error: str | None = None
    record_id: str | None = None
    warning: str | None = None
    tally: Tally | None = None


def clean_line(cleaner: Cleaner, line: bytes | str, fmt: RecordFormat) -> LineResult:
    """Clean one JSON Lines line into one output line.

    Never raises: the error, if any, is in the output record and returned; a
    line that is not valid UTF-8 is cleaned, with a warning.
    The input is UTF-8 (bytes that are not become U+FFFD); a byte-order mark
    at the start of the line is ignored.
    """
    text = _line_text(line)
    try:
        result = _clean_json_line(cleaner, text, fmt)
    except Exception as err:  # the last resort: one line in, one record out, whatever happened
        result = error_result(text, f"failed: {describe(err)}", fmt)
    if isinstance(line, bytes) and "\ufffd" in text and not _is_utf8(line):
        warnings = [NOT_UTF8] + ([result.warning] if result.warning else [])
        result = result._replace(warning="; ".join(warnings))
    return result


#: The warning for a line that is not valid UTF-8 (JSON Lines must be).
NOT_UTF8 = "not valid UTF-8: the bad bytes were read as U+FFFD"


def _is_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def error_result(line: bytes | str, problem: str, fmt: RecordFormat) -> LineResult:
    """The output of a line that could not be cleaned (a failure, a worker that
    died): its record as it was plus ``"error": problem``, or, when the line is
    not a record that can be written back, ``{"error": problem, "raw": line}``.

    >>> error_result(b'{"id": 3, "text": "..."}', "worker died", RecordFormat()).line
    '{"id": 3, "text": "...", "error": "worker died"}'
    """
    text = _line_text(line)
    try:
        record = json.loads(text)
        if isinstance(record, dict):
            return LineResult(json_line({**record, "error": problem}), problem, record_id(record, fmt))
    except (ValueError, RecursionError):  # not JSON, or too deep to read or write back
        pass
    return LineResult(json_line({"error": problem, "raw": text}), problem)


def _line_text(line: bytes | str) -> str:
    """A line as text: UTF-8 (bad bytes as U+FFFD), without its end or a byte-order mark."""
    if isinstance(line, bytes):
        line = line.decode("utf-8", errors="replace")
    return line.rstrip("\r\n").removeprefix("\ufeff")


def _clean_json_line(cleaner: Cleaner, text: str, fmt: RecordFormat) -> LineResult:
    try:
        record = parse_record(text)
    except RecordError as err:
        return LineResult(json_line({"error": str(err), "raw": err.raw}), str(err))
    out, problem, tally = _clean(cleaner, record, fmt)
    return LineResult(json_line(out), problem, record_id(record, fmt), site_warning(cleaner, record, fmt), tally)


def site_warning(cleaner: Cleaner, record: dict[str, Any], fmt: RecordFormat) -> str | None:
    """Why a record's site is unknown to a cleaner that drops paragraphs by site (a profile,
    ``learn``): neither its ``site_field`` nor its ``url_field`` holds a string. None otherwise.

    >>> from cleantext import Options
    >>> site_warning(Cleaner(Options(learn=True)), {"text": "…", "ulr": "x"}, RecordFormat(site_field="url"))
    "no site: field 'url' is missing, so paragraphs repeated per site are not dropped"
    """
    if not cleaner.uses_sites or _text_field(record, fmt.site_field) or _text_field(record, fmt.url_field):
        return None
    name = fmt.site_field or fmt.url_field
    if name is None:
        return "no site: no site or URL field is given, so paragraphs repeated per site are not dropped"
    state = "missing" if name not in record else "not a string"
    return f"no site: field {name!r} is {state}, so paragraphs repeated per site are not dropped"


def _json_problem(err: BaseException) -> str:
    return "nested too deeply" if isinstance(err, RecursionError) else str(err)


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
