"""HTML pages out of a WARC file: one item per record, in file order, and never an exception
for bad content.

>>> import gzip, io
>>> http = (b"HTTP/1.1 200 OK\\r\\nContent-Type: text/html; charset=windows-1251\\r\\n\\r\\n"
...         b"<p>\\xcf\\xf0\\xe8\\xe2\\xe5\\xf2</p>")
>>> head = (f"WARC/1.1\\r\\nWARC-Type: response\\r\\nWARC-Record-ID: <urn:uuid:1>\\r\\n"
...         f"WARC-Date: 2024-05-01T12:00:00Z\\r\\nWARC-Target-URI: https://example.ru/\\r\\n"
...         f"Content-Type: application/http; msgtype=response\\r\\nContent-Length: {len(http)}\\r\\n\\r\\n")
>>> record = head.encode() + http + b"\\r\\n\\r\\n"
>>> [page] = iter_warc(io.BytesIO(gzip.compress(record)))
>>> page.url, page.status, page.content_type, page.charset, page.body.decode(page.charset), page.offset
('https://example.ru/', 200, 'text/html', 'windows-1251', '<p>Привет</p>', 0)
>>> list(iter_warc(io.BytesIO(gzip.compress(record)[:-30])))
[WarcError(offset=0, message='the file ends inside this gzip member (truncated)', record_id='<urn:uuid:1>')]

What becomes a page: a ``response`` record with an HTTP status in ``statuses`` and an HTML
Content-Type (``text/html``, ``application/xhtml+xml``), or with no Content-Type at all and a
payload that starts like HTML (the WHATWG sniffing patterns: ``<!DOCTYPE HTML``, ``<html``,
``<p``, ``<!--``, …); and a ``resource`` record of HTML, which has no HTTP envelope and counts
as status 200 (crawlers such as browsertrix store pages that way). A ``response`` record that
is not HTTP (Heritrix's ``dns:`` records) is judged like a ``resource`` one. Every other record
is a :class:`WarcSkip`, with one of :data:`SKIP_REASONS`: its WARC-Type (``warcinfo``,
``request``, ``metadata``, ``revisit``, ``conversion``, ``continuation``, ``unknown``),
``status`` or ``not-html``.

The payload is de-chunked (``Transfer-Encoding: chunked``) and de-compressed when its
``Content-Encoding`` is gzip, deflate or br; any other Content-Encoding is left as it is.
HTTP headers may end lines with LF alone. ``charset`` is the HTTP Content-Type's (a
``resource`` record's: its WARC Content-Type's), lower-cased and not checked: the decoder
judges it.

Memory is bounded by ``max_bytes``: a page whose payload is larger is not read. It comes as a
:class:`WarcPage` with ``body=b""`` and its ``size`` (over ``max_bytes``), and the caller
reports it as too large. A record is kept in memory up to ``max_bytes`` + 64 KB, the rest is
skipped as it is read; a compressed payload is inflated once to measure it (no more memory,
but the time of inflating it) and kept only if it fits. Without ``max_bytes`` each record is
read whole.

Errors. A record that is truncated, whose Content-Length does not match its data, whose
headers do not parse or whose payload does not decode is a :class:`WarcError`. In a gzip
file (one member per record, as Common Crawl ships it) reading goes on with the next gzip
member that inflates to a WARC record; in a plain WARC there is no such mark to find the
next record by, and reading ends after the error (as it does in a file gzipped whole, which
is one member). A read error of the stream ends reading too.

``offset`` is where the record starts: in a gzip file, the offset of its gzip member (the
compressed offset; the records of a member that holds several share it); in a plain stream,
the byte offset from where the stream was when reading began.

Why FastWARC, and why the framing is done here. Measured on a WARC of the 1,513 dev pages of
``../shared/eval-data`` (128 MB of HTML, a request and a response record a page; gzip per
record 27.9 MB), both libraries interleaved in one process, best of 3: iterating and reading
every response's body, FastWARC 2.0.1 does 5,700 responses/s (105 MB/s of the gzip file;
plain WARC 31,800/s, 2.7 GB/s), warcio 1.8.1 2,380/s (44 MB/s; plain 9,200/s). Both are far
faster than cleaning (some 35 pages/s a CPU), so speed did not decide; errors did. FastWARC
raises a clear ``OSError`` ("Gzip decompression error", "Invalid WARC header", a payload that
does not decode); warcio takes a corrupt gzip member for uncompressed data, writes warnings to
stderr, and raises ``AttributeError`` on some truncated records. Neither reports a file cut
inside its last gzip member (both drop that record, or give it with no body, in silence),
neither goes on after an error (their iterators are spent), and neither gives the offset of
the record that failed. So records are cut out of the stream here (gzip members with
:mod:`zlib`, which says where a member ends and whether it did; records by their
Content-Length), and FastWARC parses each record's WARC and HTTP headers and decodes its
payload. This reads 1,500 to 1,800 pages/s of the gzip file (``benchmarks/warc.py``: 0.8 to 0.9
times the speed of ``json.loads`` on the same pages as JSON Lines; read and cleaned, the same speed).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from fastwarc.warc import WarcRecord, WarcRecordType

#: The reasons of a :class:`WarcSkip`.
SKIP_REASONS = ("warcinfo", "request", "metadata", "revisit", "conversion", "continuation", "unknown",
                "status", "not-html")
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
#: Content-Encodings that are decoded (FastWARC's ``auto_decode``); others are left as stored.
DECODED_ENCODINGS = frozenset({"gzip", "deflate", "br"})

_GZIP_MAGIC = b"\x1f\x8b\x08"
_READ_SIZE = 1 << 16
#: Inflated bytes per step, so that a small member cannot fill memory at once.
_PIECE = 1 << 20
#: The longest WARC header block read (FastWARC's limit too).
_MAX_HEAD = 32 << 10
#: Room kept past ``max_bytes`` for the HTTP headers of a record.
_HTTP_ROOM = 64 << 10
_READ_ERRORS = (OSError, EOFError, ValueError, zlib.error)
_CONTENT_LENGTH = re.compile(rb"^content-length:[ \t]*(\d+)[ \t\r]*$", re.I | re.M)
_RECORD_ID = re.compile(rb"^warc-record-id:[ \t]*(\S+)", re.I | re.M)
_CHARSET = re.compile(r";\s*charset\s*=\s*[\"']?([^\"';,\s]+)", re.I)
#: The WHATWG patterns that make a resource with no Content-Type HTML.
_LOOKS_HTML = re.compile(rb"(?:\xef\xbb\xbf)?[\t\n\x0c\r ]*<(?:!doctype html|html|head|script|iframe|h1|div|font|"
                         rb"table|a|style|title|b|body|br|p|!--)[ >]", re.I)


@dataclass(frozen=True)
class WarcPage:
    """An HTML response to be cleaned."""

    url: str  # WARC-Target-URI ("" when absent, as record_id and date)
    record_id: str
    date: str  # WARC-Date as written
    status: int
    content_type: str  # the media type, lower-cased, no parameters ("" when absent)
    charset: str | None  # from the HTTP Content-Type header, None when absent
    body: bytes  # the payload, de-chunked and de-compressed; b"" when over max_bytes
    offset: int  # where the record starts (see the module)
    size: int  # the payload's size: len(body), or more than max_bytes when body is b"" for that


@dataclass(frozen=True)
class WarcSkip:
    """A record that is not a page to clean; ``reason`` is one of :data:`SKIP_REASONS`."""

    reason: str
    offset: int


@dataclass(frozen=True)
class WarcError:
    """A truncated or corrupt record."""

    offset: int
    message: str
    record_id: str | None


WarcItem = WarcPage | WarcSkip | WarcError


def iter_warc(stream: BinaryIO, statuses: Collection[int] = (200,),
              max_bytes: int | None = None) -> Iterator[WarcItem]:
    """Each record of the WARC ``stream`` (plain, or gzip per record) as a page, a skip or an
    error, in file order; a read error of the stream comes last, as an error at the offset reached.

    ``statuses``: the HTTP statuses of pages (others are skipped, reason ``status``).
    ``max_bytes``: the largest payload read into memory (see the module); None reads them all.
    """
    source = _Source(stream)
    first = source.read()
    keep = None if max_bytes is None else max_bytes + _HTTP_ROOM
    if first.startswith(_GZIP_MAGIC):
        frames = _gzip_frames(_Gzip(source, first), keep)
    else:
        frames = _frames(_Unit(source.read, first), None, keep)
    for frame in frames:
        yield frame if isinstance(frame, WarcError) else _item(frame, statuses, max_bytes)
    if source.error is not None:
        yield WarcError(source.count, source.error, None)


class _Broken(Exception):
    """The bytes end or cannot be inflated; the message says which."""


class _Source:
    """The stream's bytes: ``read`` gives b"" at its end, or after a read error, which is kept in
    ``error``; ``count`` is the number of bytes read."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self.error: str | None = None
        self.count = 0

    def read(self) -> bytes:
        if self.error is not None:
            return b""
        try:
            data = self._stream.read(_READ_SIZE)
        except _READ_ERRORS as err:
            self.error = f"read error: {err or type(err).__name__}"
            return b""
        self.count += len(data)
        return data


class _Unit:
    """Bytes pulled from ``pull`` (a plain stream, or one gzip member inflated) through a buffer;
    ``position`` counts the bytes taken."""

    def __init__(self, pull: Callable[[], bytes], first: bytes = b"") -> None:
        self._pull = pull
        self._buffer = bytearray(first)
        self.position = 0

    def _fill(self, size: int) -> bool:
        """At least ``size`` bytes in the buffer, unless the unit ends first."""
        while len(self._buffer) < size:
            piece = self._pull()
            if not piece:
                return False
            self._buffer += piece
        return True

    def peek(self, size: int) -> bytes:
        self._fill(size)
        return bytes(self._buffer[:size])

    def skip_blank_lines(self) -> None:
        while self._fill(1) and self._buffer[0] in b"\r\n":
            blank = len(self._buffer) - len(self._buffer.lstrip(b"\r\n"))
            self.take(blank)

    def head(self) -> bytes:
        """The WARC header block: the bytes up to and with the first blank line. Raises
        :class:`_Broken` when they are not a WARC header, or end first."""
        start = self.peek(5)
        if start != b"WARC/":
            if len(start) < 5 and b"WARC/".startswith(start):
                raise _Broken("truncated inside the WARC header")
            raise _Broken(f"not a WARC record: {self.peek(16)!r}")
        searched = 0
        while (end := self._buffer.find(b"\r\n\r\n", max(searched - 3, 0))) < 0:
            searched = len(self._buffer)
            if searched > _MAX_HEAD:
                raise _Broken(f"no end of the WARC header in its first {_MAX_HEAD:,} bytes")
            if not self._fill(searched + 1):
                raise _Broken("truncated inside the WARC header")
        return self.take(end + 4)

    def take(self, size: int, keep: int | None = None) -> bytes:
        """The next ``size`` bytes (fewer at the end); only the first ``keep`` are kept, the rest is skipped."""
        kept = size if keep is None else min(size, keep)
        self._fill(kept)
        data = bytes(self._buffer[:kept])
        del self._buffer[:kept]
        skipped = 0
        while kept + skipped < size and self._fill(1):
            step = min(size - kept - skipped, len(self._buffer))
            del self._buffer[:step]
            skipped += step
        self.position += len(data) + skipped
        return data


class _Gzip:
    """The gzip members of a stream, inflated one at a time; ``at`` is the stream offset of the
    first byte not inflated yet."""

    def __init__(self, source: _Source, first: bytes) -> None:
        self._source = source
        self._raw = first
        self.at = 0
        self._inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self._corrupt = False

    def _more(self) -> bool:
        piece = self._source.read()
        self._raw += piece
        return bool(piece)

    def _drop(self, size: int) -> None:
        self._raw = self._raw[size:]
        self.at += size

    def start(self) -> int | None:
        """Begin the member at ``at``; its offset, or None at the end of the stream."""
        if not self._raw and not self._more():
            return None
        self._inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self._corrupt = False
        return self.at

    def inflate(self) -> bytes:
        """The next piece of the member begun, or b"" at its end; raises :class:`_Broken`."""
        inflater = self._inflater
        while not inflater.eof and not self._corrupt:
            if not self._raw and not self._more():
                raise _Broken("the file ends inside this gzip member (truncated)")
            data = self._raw[:_READ_SIZE]
            try:
                piece = inflater.decompress(data, _PIECE)
            except zlib.error as err:
                self._corrupt = True
                raise _Broken(f"corrupt gzip member ({err})") from None
            self._drop(len(data) - len(inflater.unconsumed_tail) - len(inflater.unused_data))
            if piece:
                return piece
        return b""

    def finish(self, start: int) -> None:
        """Move past the member that began at ``start``: to its end or, when it is corrupt, to
        the next gzip member that inflates to a WARC record (or the end of the stream)."""
        try:
            while self.inflate():
                pass
        except _Broken:
            pass
        if not self._corrupt:
            return
        self._drop(max(start + 1 - self.at, 0))
        while True:
            found = self._raw.find(_GZIP_MAGIC)
            if found < 0:
                self._drop(max(len(self._raw) - 2, 0))
                if not self._more():
                    self._drop(len(self._raw))
                    return
                continue
            self._drop(found)
            while len(self._raw) < _READ_SIZE and self._more():
                pass
            if _inflates_to_warc(self._raw[:_READ_SIZE]):
                return
            self._drop(1)


def _inflates_to_warc(raw: bytes) -> bool:
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(raw, 5) == b"WARC/"
    except zlib.error:
        return False


@dataclass(frozen=True)
class _Frame:
    """A record cut out of the stream: its WARC header block, its block (only the first ``keep``
    bytes of it when it is longer) and its Content-Length."""

    offset: int
    head: bytes
    block: bytes
    length: int


def _gzip_frames(gzip: _Gzip, keep: int | None) -> Iterator[_Frame | WarcError]:
    while (start := gzip.start()) is not None:
        yield from _frames(_Unit(gzip.inflate), start, keep)
        gzip.finish(start)


def _frames(unit: _Unit, member: int | None, keep: int | None) -> Iterator[_Frame | WarcError]:
    """The records of ``unit``, up to the first that is broken. ``member``: the offset of the
    unit's gzip member, which every record in it takes; None for a plain stream."""
    head = b""
    offset = unit.position if member is None else member
    try:
        while True:
            unit.skip_blank_lines()
            if not unit.peek(1):
                return
            start, head = unit.position, b""
            offset = start if member is None else member
            head = unit.head()
            found = _CONTENT_LENGTH.search(head)
            if found is None:
                raise _Broken("no Content-Length in the WARC header")
            length = int(found[1])
            block = unit.take(length, keep)
            if (got := unit.position - start - len(head)) < length:
                raise _Broken(f"truncated: {got:,} of {length:,} bytes (Content-Length)")
            trailer = unit.peek(4)
            unit.skip_blank_lines()
            if trailer != b"\r\n\r\n" and (after := unit.peek(5)) not in (b"", b"WARC/"):
                raise _Broken(f"the record goes on after its Content-Length ({length:,}): {after!r}")
            yield _Frame(offset, head, block, length)
    except _Broken as err:
        yield WarcError(offset, str(err), _record_id(head))


def _record_id(head: bytes) -> str | None:
    found = _RECORD_ID.search(head)
    return found[1].decode("utf-8", "replace") if found else None


def _item(frame: _Frame, statuses: Collection[int], max_bytes: int | None) -> WarcItem:
    try:
        return _judge(frame, statuses, max_bytes)
    except (OSError, ValueError) as err:  # FastWARC: headers that do not parse, a payload that does not decode
        return WarcError(frame.offset, str(err) or type(err).__name__, _record_id(frame.head))


def _judge(frame: _Frame, statuses: Collection[int], max_bytes: int | None) -> WarcPage | WarcSkip:
    data = frame.head + frame.block
    record = WarcRecord.from_bytes(data)
    if record.record_type not in (WarcRecordType.response, WarcRecordType.resource):
        return WarcSkip(str(record.record_type), frame.offset)
    whole = len(frame.block) == frame.length
    status, content_type = 200, record.headers.get("Content-Type")
    if record.is_http:
        record.parse_http(auto_decode="transfer" if whole else "none", quirks_mode=True)
        if (http_status := record.http_headers.status_code) is None:
            raise OSError("no HTTP status line")
        status, content_type = http_status, record.http_headers.get("Content-Type")
        if whole and (record.http_headers.get("Content-Encoding") or "").strip().lower() in DECODED_ENCODINGS:
            record = WarcRecord.from_bytes(data)
            record.parse_http(auto_decode="all", quirks_mode=True)
    if status not in statuses:
        return WarcSkip("status", frame.offset)
    media, charset = _media_type(content_type or "")
    if media and media not in HTML_TYPES:
        return WarcSkip("not-html", frame.offset)
    # FastWARC knows the size of a whole payload once decoded; a cut one is over max_bytes as stored.
    size = record.content_length if whole else frame.length - (len(frame.block) - record.content_length)
    body = record.reader.read() if max_bytes is None or size <= max_bytes else b""
    if not media and not _LOOKS_HTML.match(body[:1024] or record.reader.read(1024)):
        return WarcSkip("not-html", frame.offset)
    return WarcPage(url=record.headers.get("WARC-Target-URI") or "", record_id=record.record_id or "",
                    date=record.headers.get("WARC-Date") or "", status=status, content_type=media,
                    charset=charset, body=body, offset=frame.offset, size=size)


def _media_type(content_type: str) -> tuple[str, str | None]:
    """(media type, charset) of a Content-Type header value.

    >>> _media_type('Text/HTML;Charset="ISO-8859-1"')
    ('text/html', 'iso-8859-1')
    """
    charset = _CHARSET.search(content_type)
    return content_type.split(";")[0].strip().lower(), charset[1].lower() if charset else None
