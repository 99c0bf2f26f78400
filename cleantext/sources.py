"""Input sources named on the command line: files, ``-`` for stdin, gzip.

>>> [name for name, _ in iter_sources(())]
['<stdin>']
"""

from __future__ import annotations

import gzip
import sys
from collections.abc import Iterator, Sequence
from typing import BinaryIO


def iter_sources(paths: Sequence[str]) -> Iterator[tuple[str, BinaryIO | OSError]]:
    """(display name, binary stream or the OSError that opening it raised).

    No path, or ``-``, is standard input. Files ending in ``.gz`` are
    decompressed. Streams are closed when the caller moves to the next one.
    """
    for path in paths or ("-",):
        if path == "-":
            yield "<stdin>", sys.stdin.buffer
            continue
        try:
            stream = gzip.open(path, "rb") if path.endswith(".gz") else open(path, "rb")  # noqa: SIM115
        except OSError as err:
            yield path, err
            continue
        with stream:
            yield path, stream  # type: ignore[misc]
