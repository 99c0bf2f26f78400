"""Input sources named on the command line: files, ``-`` for stdin, gzip.

A source that fails while it is being read (a truncated or corrupt ``.gz``
file, an I/O error) ends there: what was read before stays read, and the
failure is yielded right after the stream, as an ``OSError`` whose message
says where (``after line N``), like a file that cannot be opened.

>>> [name for name, _ in iter_sources(())]
['<stdin>']
"""

from __future__ import annotations

import errno
import gzip
import sys
import zlib
from collections.abc import Iterator, Sequence
from typing import BinaryIO

#: What reading a stream can raise besides OSError (gzip's truncated stream, bad data).
_READ_ERRORS = (OSError, EOFError, zlib.error)


def iter_sources(paths: Sequence[str]) -> Iterator[tuple[str, BinaryIO | OSError]]:
    """(display name, binary stream or the OSError that opening or reading it raised).

    No path, or ``-``, is standard input. Files ending in ``.gz`` are
    decompressed. Streams are closed when the caller moves to the next one.
    """
    for path in paths or ("-",):
        if path == "-":
            yield from _guarded("<stdin>", sys.stdin.buffer)
            continue
        try:
            stream = gzip.open(path, "rb") if path.endswith(".gz") else open(path, "rb")  # noqa: SIM115
        except OSError as err:
            yield path, err
            continue
        with stream:
            yield from _guarded(path, stream)  # type: ignore[arg-type]


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
