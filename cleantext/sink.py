"""Where output goes: stdout, or a file written atomically.

A file named with ``-o`` is written to a temporary file beside it and renamed
into place only when the run completes, so an interrupted run never leaves a
half-written file: the target is either absent (or as it was) or complete.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from typing import TextIO


@contextlib.contextmanager
def open_output(path: str | None) -> Iterator[TextIO]:
    """A text stream for ``path``; stdout for None or ``-``."""
    if path is None or path == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    target = os.path.abspath(path)
    fd, temp = tempfile.mkstemp(prefix=".cleantext-", suffix=".part", dir=os.path.dirname(target))
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
