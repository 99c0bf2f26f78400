"""Input sources named on the command line: files, ``-`` for stdin, compressed or not.

A file or stdin compressed with gzip, bzip2, xz or zstd is decompressed, as its
first bytes tell (:mod:`cleantext.compression`), whatever its name. A file named
``.gz``, ``.bz2``, ``.xz`` or ``.zst`` whose content is not compressed at all
cannot be read: its name says it is, so something went wrong.

A source that fails while it is being read (a truncated or corrupt compressed
file, an I/O error) ends there: what was read before stays read, and the
failure is yielded right after the stream, as an ``OSError`` whose message
says where (``after line N``), like a file that cannot be opened.

>>> [name for name, _ in iter_sources(())]
['<stdin>']
"""

from __future__ import annotations

import errno
import sys
from collections.abc import Iterator, Sequence
from typing import BinaryIO

from .compression import DECOMPRESSION_ERRORS, compression_named, compression_of, decompressed, peeked

#: What reading a stream can raise: OSError, and truncated or corrupt compressed data.
_READ_ERRORS: tuple[type[Exception], ...] = (OSError, *DECOMPRESSION_ERRORS)


def iter_sources(paths: Sequence[str]) -> Iterator[tuple[str, BinaryIO | OSError]]:
    """(display name, binary stream or the OSError that opening or reading it raised).

    No path, or ``-``, is standard input. Compressed files and stdin are
    decompressed (see the module's documentation). Streams are closed when the
    caller moves to the next one; stdin is left open.
    """
    for path in paths or ("-",):
        if path == "-":
            yield from _decompressed("<stdin>", sys.stdin.buffer, None)
            continue
        try:
            stream = open(path, "rb")  # noqa: SIM115
        except OSError as err:
            yield path, err
            continue
        with stream:
            yield from _decompressed(path, stream, compression_named(path))


def read_whole(path: str) -> bytes | OSError:
    """The bytes of a file or, for ``-``, of stdin (decompressed), or the error that opening or
    reading it raised."""
    data = b""
    for _, stream in iter_sources((path,)):
        if isinstance(stream, OSError):
            return stream
        data = stream.read()
    return data


def open_warc(path: str) -> tuple[str, BinaryIO | OSError]:
    """(display name, the stream to read WARC records from, or the OSError that opening it raised).
    ``-`` is stdin. See :func:`warc_stream`; the caller closes the stream."""
    if path == "-":
        return "<stdin>", warc_stream(sys.stdin.buffer)
    try:
        return path, warc_stream(open(path, "rb"))
    except OSError as err:
        return path, err


def warc_stream(raw: BinaryIO) -> BinaryIO:
    """The stream a WARC file is read from: as it is when it is plain or gzip (one member per record,
    which the WARC reader inflates one by one, giving each record's offset in the file), else
    decompressed whole (bzip2, xz, zstd)."""
    head, peekable = peeked(raw)
    return peekable if compression_of(head) in (None, "gzip") else decompressed(peekable)


def _decompressed(name: str, stream: BinaryIO, named: str | None) -> Iterator[tuple[str, BinaryIO | OSError]]:
    """``stream`` decompressed and guarded, or the OSError that peeking at it raised; ``named``:
    the compression that the file's name promises."""
    try:
        head, peekable = peeked(stream)
        if named and head and compression_of(head) is None:
            label = "gzipped" if named == "gzip" else named
            raise OSError(errno.EINVAL, f"Not a {label} file (its name says {named}, its first bytes do not)")
        reader = decompressed(peekable)
    except OSError as err:
        yield name, err
        return
    try:
        yield from _guarded(name, reader)
    finally:
        if reader is not stream:
            reader.close()


def _guarded(name: str, stream: BinaryIO) -> Iterator[tuple[str, BinaryIO | OSError]]:
    reader = GuardedReader(stream)
    yield name, reader  # type: ignore[misc]
    if reader.error is not None:
        yield name, reader.error


class GuardedReader:
    """A binary stream that ends, instead of raising, when reading fails;
    ``error`` then holds an ``OSError`` saying where and what.

    ``read()`` gives everything or, after a failure, nothing (a document read
    in part is not a document); iteration gives the lines read before it.
    """

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self.lines = 0
        self.error: OSError | None = None

    def read(self, size: int = -1) -> bytes:
        try:
            return self._stream.read(size)
        except _READ_ERRORS as err:
            self._fail(err, "")
            return b""

    def __iter__(self) -> Iterator[bytes]:
        try:
            for line in self._stream:
                self.lines += 1
                yield line
        except _READ_ERRORS as err:
            self._fail(err, f"after line {self.lines}: " if self.lines else "")

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)

    def _fail(self, err: BaseException, where: str) -> None:
        detail = getattr(err, "strerror", None) or str(err) or type(err).__name__
        self.error = OSError(getattr(err, "errno", None) or errno.EIO, f"{where}{detail}")
