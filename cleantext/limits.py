"""Per-document limits: size and time, and a last line of defence.

A document bigger than ``Options.max_bytes`` is not read at all; one that
takes longer than ``Options.timeout`` seconds is abandoned; one that makes the
code fail (a bug, a recursion limit, memory) is abandoned too. In every case
:func:`within_limits` returns an empty :class:`~cleantext.model.Document` whose
``meta`` says why (``skipped``: ``too-large``, ``timeout`` or ``failed``) and
what (``error``: a message naming the limit), and the run goes on.

The time limit interrupts the slow part, reading (decoding, trafilatura's
extraction, repair), with ``SIGALRM`` when the document is cleaned in the main
thread of a process on a POSIX system and no other real-time timer is running
(a timer found running, pytest-timeout's for one, is left alone). The filters,
which are linear in the size of a document and keep state (``--learn``), are
never interrupted: the deadline is checked before each of them. In other
threads (a threaded Dask scheduler), or beside another timer, no signal is
used, and a slow read is only noticed when it ends.

>>> from cleantext.options import Options
>>> doc = within_limits("x" * 20, Options(max_bytes=10), lambda deadline: Document([]))
>>> doc.meta["skipped"], doc.meta["error"]
('too-large', 'too-large: 20 characters, over the limit of 10 bytes (--max-bytes)')
>>> parse_size("16M"), parse_size("1.5k"), parse_size("0")
(16777216, 1536, 0)
"""

from __future__ import annotations

import contextlib
import re
import signal
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from .model import Document

if TYPE_CHECKING:
    from .options import Options

#: Once the time is up, the alarm comes again this often (seconds) until the document is abandoned.
REPEAT = 0.1

_UNITS = {"": 1, "k": 2**10, "m": 2**20, "g": 2**30}
_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?\s*", re.IGNORECASE)


def parse_size(text: str) -> int:
    """Bytes in a size such as ``16M``, ``512k``, ``1.5GiB`` or ``1000`` (binary units)."""
    match = _SIZE.fullmatch(text)
    if match is None:
        raise ValueError(f"not a size: {text!r} (try 16M, 512k or a number of bytes)")
    return int(float(match.group(1)) * _UNITS[match.group(2).lower()])


class LimitExceeded(Exception):
    """A document that cannot be cleaned; ``reason`` is a stable id."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(f"{reason}: {message}")
        self.reason = reason


class _Expired(BaseException):
    """Raised by the alarm. A BaseException, so that no ``except Exception``
    inside a library swallows it and carries on."""


def within_limits(source: str | bytes, options: Options, work: Callable[[Deadline], Document]) -> Document:
    """``work(deadline)``, the cleaning of ``source``, within the limits of ``options``: not begun
    when ``source`` is too large; ``work`` runs its slow part in ``deadline.interrupting()`` and
    checks ``deadline`` between its steps.

    Never raises for the content of ``source``: a document over a limit, or
    one that fails, comes back empty and marked (see the module docstring).
    """
    try:
        check_size(source, options.max_bytes)
        return work(Deadline(options.timeout))
    except LimitExceeded as err:
        return skipped(err.reason, str(err))
    except Exception as err:  # a bug or a resource error must not cost the other documents
        return skipped("failed", f"failed: {describe(err)}")


def skipped(reason: str, message: str) -> Document:
    """The empty document that stands for one that was not cleaned."""
    return Document([], meta={"skipped": reason, "error": message})


def describe(err: BaseException) -> str:
    """An exception as one line: type, message (shortened) and where it was raised."""
    text = " ".join(str(err).split())
    text = text if len(text) <= 200 else text[:199] + "…"
    frames = traceback.extract_tb(err.__traceback__)
    where = f" (at {_short_path(frames[-1].filename)}:{frames[-1].lineno})" if frames else ""
    return f"{type(err).__name__}: {text}{where}" if text else f"{type(err).__name__}{where}"


def _short_path(path: str) -> str:
    parts = re.split(r"[\\/]", path)
    return "/".join(parts[-2:])


def check_size(source: str | bytes, max_bytes: int | None) -> None:
    """Raise :class:`LimitExceeded` (``too-large``) when ``source`` is over ``max_bytes``.

    Text counts its UTF-8 bytes; it is only encoded to count them when its
    length alone does not decide (between a quarter of the limit and the limit).
    """
    if not max_bytes:
        return
    size, unit = len(source), "bytes" if isinstance(source, bytes) else "characters"
    if isinstance(source, str) and max_bytes // 4 < size <= max_bytes and not source.isascii():
        size, unit = len(source.encode("utf-8", "surrogatepass")), "bytes"
    if size > max_bytes:
        raise too_large(size, unit, max_bytes)


def too_large(size: int, unit: str, max_bytes: int) -> LimitExceeded:
    """The error of a document of ``size`` ``unit`` (bytes, characters) over ``max_bytes``."""
    return LimitExceeded("too-large", f"{size:,} {unit}, over the limit of {max_bytes:,} bytes (--max-bytes)")


class Deadline:
    """The time budget of one document, from its creation.

    >>> Deadline(None).check()  # no limit: never raises
    """

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds or None
        self.end = time.monotonic() + self.seconds if self.seconds else None

    def exceeded(self) -> LimitExceeded:
        return LimitExceeded("timeout", f"not cleaned within {self.seconds:g} s (--timeout)")

    def check(self) -> None:
        """Raise :class:`LimitExceeded` (``timeout``) when the budget is spent."""
        if self.end is not None and time.monotonic() > self.end:
            raise self.exceeded()

    @contextlib.contextmanager
    def interrupting(self) -> Iterator[None]:
        """Interrupt the block with :class:`LimitExceeded` (``timeout``) when the budget runs out,
        if a signal can do it here (else the block runs to its end)."""
        try:
            with self._alarm():
                yield
        except _Expired:
            raise self.exceeded() from None

    @contextlib.contextmanager
    def _alarm(self) -> Iterator[None]:
        """Raise :class:`_Expired` in the block when the budget runs out, if a signal can."""
        remaining = None if self.end is None else self.end - time.monotonic()
        if remaining is None or not _alarm_usable():
            yield
            return
        if remaining <= 0:
            raise _Expired
        previous = signal.signal(signal.SIGALRM, _expire)
        try:
            try:
                # then again every REPEAT seconds: code that swallows exceptions (a gc
                # callback, a __del__) may have been running when the first came
                signal.setitimer(signal.ITIMER_REAL, remaining, REPEAT)
                yield
            finally:
                _disarm()
        finally:
            signal.signal(signal.SIGALRM, previous)


def _alarm_usable() -> bool:
    """SIGALRM exists, this is the main thread, and no one else's timer is running."""
    return (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    )


def _disarm() -> None:
    """Stop the timer; an alarm that comes before it stops is ignored: after this, no _Expired can come."""
    while True:
        try:
            signal.setitimer(signal.ITIMER_REAL, 0)
            return
        except _Expired:
            continue


def _expire(_signum: int, _frame: Any) -> None:
    raise _Expired
