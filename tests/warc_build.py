"""Write WARC files for the tests and ``benchmarks/warc.py``, by hand (no WARC library), so every
reader is judged on the same bytes and broken archives can be made on purpose.

A record is its bytes, as built by :func:`response`, :func:`request`, :func:`metadata`,
:func:`warcinfo` or :func:`resource`; :func:`pack` joins records into a file, plain or gzip per
record (as Common Crawl ships), and gives each record's offset in it. :func:`truncated` cuts a
file inside its last record; ``pack(..., corrupt=i)`` damages record ``i``.

>>> data, offsets = pack([warcinfo(), response("https://example.org/", b"<html><p>Hi</p></html>")])
>>> data[:2], offsets[0]
(b'\\x1f\\x8b', 0)
>>> plain, _ = pack([request("https://example.org/")], gzip_records=False)
>>> plain.split(b"\\r\\n")[:2]
[b'WARC/1.1', b'WARC-Type: request']
"""

from __future__ import annotations

import gzip
import uuid
from collections.abc import Sequence

DATE = "2024-05-01T12:00:00Z"
HTML_UTF8 = (("Content-Type", "text/html; charset=utf-8"),)
Headers = Sequence[tuple[str, str]]


def record_id(*parts: str) -> str:
    """A WARC-Record-ID made from ``parts`` (the same parts, the same id)."""
    return f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, ' '.join(parts))}>"


def record(warc_type: str, url: str | None, block: bytes, content_type: str, *, rid: str | None = None,
           date: str = DATE, content_length: int | None = None) -> bytes:
    """One WARC/1.1 record; ``content_length`` overrides the true length of ``block`` (to break it)."""
    fields = [("WARC-Type", warc_type), ("WARC-Record-ID", rid or record_id(warc_type, url or "", str(len(block)))),
              ("WARC-Date", date)]
    if url is not None:
        fields.append(("WARC-Target-URI", url))
    fields += [("Content-Type", content_type), ("Content-Length", str(len(block) if content_length is None
                                                                      else content_length))]
    head = "".join(f"{name}: {value}\r\n" for name, value in fields)
    return b"WARC/1.1\r\n" + head.encode("utf-8") + b"\r\n" + block + b"\r\n\r\n"


def http_response(body: bytes, headers: Headers = HTML_UTF8, status: int = 200) -> bytes:
    """An HTTP/1.1 response: status line, ``headers`` as given, and ``body`` as it is (no Content-Length added)."""
    head = "".join(f"{name}: {value}\r\n" for name, value in headers)
    return f"HTTP/1.1 {status} {'OK' if status == 200 else 'Status'}\r\n{head}\r\n".encode("latin-1") + body


def chunked(body: bytes, size: int = 100) -> bytes:
    """``body`` in HTTP chunked transfer-encoding, ``size`` bytes per chunk."""
    chunks = [body[i:i + size] for i in range(0, len(body), size)]
    return b"".join(b"%x\r\n%s\r\n" % (len(c), c) for c in chunks) + b"0\r\n\r\n"


def response(url: str, body: bytes, headers: Headers = HTML_UTF8, status: int = 200, *, rid: str | None = None,
             date: str = DATE, content_length: int | None = None) -> bytes:
    """A ``response`` record of an HTTP response."""
    return record("response", url, http_response(body, headers, status), "application/http; msgtype=response",
                  rid=rid, date=date, content_length=content_length)


def request(url: str) -> bytes:
    """A ``request`` record: the GET of ``url``."""
    host = url.split("/")[2]
    block = f"GET / HTTP/1.1\r\nHost: {host}\r\nUser-Agent: test\r\n\r\n".encode()
    return record("request", url, block, "application/http; msgtype=request")


def metadata(url: str, text: str = "fetchTimeMs: 12\r\n") -> bytes:
    """A ``metadata`` record about ``url``."""
    return record("metadata", url, text.encode("utf-8"), "application/warc-fields")


def warcinfo() -> bytes:
    """The ``warcinfo`` record an archive starts with."""
    return record("warcinfo", None, b"software: tests/warc_build.py\r\nformat: WARC File Format 1.1\r\n",
                  "application/warc-fields")


def resource(url: str, body: bytes, content_type: str = "text/html") -> bytes:
    """A ``resource`` record: ``body`` with no HTTP envelope."""
    return record("resource", url, body, content_type)


def pack(records: Sequence[bytes], gzip_records: bool = True, corrupt: int | None = None) -> tuple[bytes, list[int]]:
    """The file of ``records`` (each one its own gzip member, or plain) and the offset of each.

    ``corrupt``: the index of a record to damage. In gzip, the middle of its deflate data is
    overwritten (its gzip header stays good, the member does not inflate); plain, its
    ``WARC/1.1`` line becomes junk.
    """
    parts = [gzip.compress(r, mtime=0) if gzip_records else r for r in records]
    if corrupt is not None:
        parts[corrupt] = _damaged(parts[corrupt], gzip_records)
    offsets, position = [], 0
    for part in parts:
        offsets.append(position)
        position += len(part)
    return b"".join(parts), offsets


def _damaged(part: bytes, gzipped: bool) -> bytes:
    if not gzipped:
        return b"JUNK!!!!" + part[len(b"WARC/1.1"):]
    middle = len(part) // 2
    return part[:middle] + bytes(b ^ 0x5A for b in part[middle:middle + 16]) + part[middle + 16:]


def truncated(data: bytes, offsets: Sequence[int]) -> bytes:
    """``data`` cut in the middle of its last record."""
    return data[:offsets[-1] + (len(data) - offsets[-1]) // 2]
