"""Compressed streams: gzip, bzip2, xz and zstd, read as recognised from their first bytes
(whatever the name, on stdin too) and written as named by the output's suffix.

>>> import gzip, io
>>> decompressed(io.BytesIO(gzip.compress(b"one\\n") + gzip.compress(b"two\\n"))).read()
b'one\\ntwo\\n'
>>> decompressed(io.BytesIO(b"BZh is not bzip2 unless its block follows")).read()[:6]
b'BZh is'
>>> compression_of(b"\\x28\\xb5\\x2f\\xfd\\x04\\x00"), compression_named("crawl.jsonl.gz")
('zstd', 'gzip')
"""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import os
import re
import zlib
from typing import BinaryIO, cast

import zstandard

#: What reading a compressed stream raises on truncated or corrupt data besides OSError (which
#: gzip and bzip2 raise for some bad data): EOFError for data that ends too soon (zstd's too,
#: with gzip's message), and each library's own error for corrupt data.
DECOMPRESSION_ERRORS: tuple[type[Exception], ...] = (EOFError, zlib.error, lzma.LZMAError, zstandard.ZstdError)

#: The first bytes of each format. bzip2's are its name and level, then the magic number of
#: its first block, or of its end when it is empty: text may well begin with "BZh".
_MAGIC = (
    ("gzip", re.compile(rb"\x1f\x8b\x08")),
    ("bzip2", re.compile(rb"BZh[1-9](1AY&SY|\x17rE8P\x90)")),
    ("xz", re.compile(rb"\xfd7zXZ\x00")),
    ("zstd", re.compile(rb"\x28\xb5\x2f\xfd")),
)
#: How many first bytes :func:`compression_of` needs.
HEAD_SIZE = 10

_SUFFIXES = {".gz": "gzip", ".bz2": "bzip2", ".xz": "xz", ".zst": "zstd"}

#: zstd input fed at a time: bounds what one step puts in memory (a frame of zeros expands
#: 1 KB to some 32 MB) at no cost in speed.
_ZSTD_STEP = 1024
_TRUNCATED = "Compressed file ended before the end-of-stream marker was reached"


def compression_of(head: bytes) -> str | None:
    """The compression of a stream that begins with ``head`` (its first :data:`HEAD_SIZE`
    bytes, fewer when it is shorter): ``"gzip"``, ``"bzip2"``, ``"xz"``, ``"zstd"``, or None.

    >>> compression_of(b"\\x1f\\x8b\\x08\\x00"), compression_of(b"BZh91AY&SY"), compression_of(b"BZh9 text")
    ('gzip', 'bzip2', None)
    """
    return next((name for name, magic in _MAGIC if magic.match(head)), None)


def compression_named(path: str) -> str | None:
    """The compression that ``path``'s suffix names (``.gz``, ``.bz2``, ``.xz``, ``.zst``), or None.

    >>> compression_named("out.jsonl.ZST"), compression_named("out.jsonl")
    ('zstd', None)
    """
    return _SUFFIXES.get(os.path.splitext(path)[1].lower())


def peeked(stream: BinaryIO, size: int = HEAD_SIZE) -> tuple[bytes, BinaryIO]:
    """The first ``size`` bytes of ``stream`` (fewer at its end) and a stream that still gives
    them: ``stream`` itself when it can peek that far (a file), else a buffered one over it
    (a pipe that gave fewer bytes at first, a stream without ``peek``).

    >>> head, stream = peeked(io.BytesIO(b"plain text"), 5)
    >>> head, stream.read()
    (b'plain', b'plain text')
    """
    peek = getattr(stream, "peek", None)
    if peek is not None:
        head = peek(size)[:size]
        if len(head) == size:
            return head, stream
    head = b""
    while len(head) < size:
        more = stream.read(size - len(head))
        if not more:
            break
        head += more
    return head, cast(BinaryIO, io.BufferedReader(_Prefixed(head, stream)))


def decompressed(stream: BinaryIO) -> BinaryIO:
    """A stream of ``stream``'s content, decompressed when its first bytes are those of gzip
    (all its members), bzip2, xz or zstd (all its frames), else ``stream`` itself (or a buffered
    stream over it that still gives the bytes peeked at). Closing it leaves ``stream`` open.

    Reading it raises OSError or one of :data:`DECOMPRESSION_ERRORS` when the data is corrupt or
    ends too soon.

    >>> import lzma
    >>> list(decompressed(io.BytesIO(lzma.compress(b"one\\ntwo\\n"))))
    [b'one\\n', b'two\\n']
    """
    head, stream = peeked(stream)
    kind = compression_of(head)
    if kind == "gzip":
        return cast(BinaryIO, gzip.GzipFile(fileobj=stream, mode="rb"))
    if kind == "bzip2":
        return cast(BinaryIO, bz2.BZ2File(stream, "rb"))
    if kind == "xz":
        return cast(BinaryIO, lzma.LZMAFile(stream, "rb"))
    if kind == "zstd":
        return cast(BinaryIO, io.BufferedReader(_ZstdReader(stream)))
    return stream


def compressing(binary: BinaryIO, path: str) -> BinaryIO:
    """``binary`` wrapped in the compressor that ``path``'s suffix names (:func:`compression_named`),
    else ``binary`` itself. Closing the compressor ends its data (a complete file) and leaves
    ``binary`` open, unflushed. gzip's header holds no name and no time, so that the same output
    gives the same bytes.

    >>> import gzip
    >>> raw = io.BytesIO()
    >>> with compressing(raw, "out.txt.gz") as out:
    ...     _ = out.write(b"clean text\\n")
    >>> gzip.decompress(raw.getvalue())
    b'clean text\\n'
    """
    kind = compression_named(path)
    if kind == "gzip":
        return cast(BinaryIO, gzip.GzipFile(filename="", mode="wb", compresslevel=6, fileobj=binary, mtime=0))
    if kind == "bzip2":
        return cast(BinaryIO, bz2.BZ2File(binary, "wb"))
    if kind == "xz":
        return cast(BinaryIO, lzma.LZMAFile(binary, "wb"))
    if kind == "zstd":
        compressor = zstandard.ZstdCompressor(write_checksum=True)
        writer = compressor.stream_writer(binary, write_return_read=True, closefd=False)
        return cast(BinaryIO, io.BufferedWriter(cast(io.RawIOBase, writer)))
    return binary


class _Prefixed(io.RawIOBase):
    """``head``, then what remains of ``stream`` (read as it comes, never waiting for more)."""

    def __init__(self, head: bytes, stream: BinaryIO) -> None:
        self._head = head
        self._stream = stream
        self._read = getattr(stream, "read1", stream.read)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._head:
            data, self._head = self._head[:len(buffer)], self._head[len(buffer):]
        else:
            data = self._read(len(buffer))
        buffer[:len(data)] = data
        return len(data)


class _ZstdReader(io.RawIOBase):
    """zstd frames decompressed one after another; unlike zstandard's ``stream_reader``, data that
    ends within a frame raises EOFError (gzip's message) instead of ending quietly."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self._decompressor = zstandard.ZstdDecompressor()
        self._frame = self._decompressor.decompressobj()
        self._within = False  # bytes of a frame are in, its end is not
        self._out = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        while not self._out:
            data = self._stream.read(_ZSTD_STEP)
            if not data:
                if self._within:
                    raise EOFError(_TRUNCATED)
                return 0
            self._out = memoryview(self._decompress(data))
        size = min(len(buffer), len(self._out))
        buffer[:size] = self._out[:size]
        self._out = self._out[size:]
        return size

    def _decompress(self, data: bytes) -> bytes:
        out = []
        while data:
            self._within = True
            out.append(self._frame.decompress(data))
            if not self._frame.eof:
                break
            data, self._within = self._frame.unused_data, False
            self._frame = self._decompressor.decompressobj()
        return b"".join(out)
