"""An ordered multi-process map for streams, and the JSON Lines cleaning built on it.

:func:`map_chunks` sends chunks of items to worker processes and yields the
results in input order, with a bounded number of chunks in flight, so memory
stays flat however long the stream. Workers are initialised once (for the
cleaner: from its options, profiles warmed before any work).

A worker that dies (a crash in a C library, the OOM killer) loses no item and
duplicates none: every chunk that was in flight is run again, alone, in a
fresh pool; a chunk that kills its worker again is run item by item, and an
item that kills its worker on its own gets the ``crashed`` result instead.

>>> list(map_chunks(sorted, [("a", [2, 1]), ("b", [3])], workers=1, crashed=str))
[('a', [1, 2]), ('b', [3])]
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from typing import Any, BinaryIO, Generic, TextIO, TypeVar

from .cleaner import Cleaner, cleaner_for
from .language import warm_up
from .options import Options
from .records import LineResult, RecordFormat, clean_line, error_result, is_blank

K = TypeVar("K")
T = TypeVar("T")
R = TypeVar("R")

#: Lines per chunk sent to a worker, and the most bytes a chunk collects.
CHUNK_LINES = 64
CHUNK_BYTES = 4 * 1024 * 1024
#: Chunks in flight per worker (one being cleaned, one queued).
IN_FLIGHT_PER_WORKER = 2
#: The message of an error record for an item that killed its worker.
CRASH_MESSAGE = "worker process died while cleaning this record"
#: Items in a row that kill their worker before the run gives up (workers that cannot live at all).
MAX_CRASHES_IN_A_ROW = 10


class WorkersKeepDying(RuntimeError):
    """Worker processes die whatever they are given: something is wrong with them, not the data."""


def map_chunks(
    func: Callable[[Sequence[T]], list[R]],
    chunks: Iterable[tuple[K, Sequence[T]]],
    *,
    workers: int,
    crashed: Callable[[T], R],
    initializer: Callable[..., None] | None = None,
    initargs: tuple[Any, ...] = (),
) -> Iterator[tuple[K, list[R]]]:
    """``(key, func(items))`` for every ``(key, items)`` chunk, in input order.

    ``workers`` ≤ 1 runs in this process. Otherwise ``func`` (a module-level
    function) runs in ``workers`` processes, each set up once by
    ``initializer(*initargs)``; at most ``2 × workers`` chunks are in flight.
    ``crashed(item)`` is the result of an item that kills its worker twice.
    """
    if workers <= 1:
        if initializer is not None:
            initializer(*initargs)
        for key, items in chunks:
            yield key, func(items)
        return
    pool: _ResilientPool[K, T, R] = _ResilientPool(func, crashed, workers, initializer, initargs)
    try:
        for key, items in chunks:
            yield from pool.drain(suspects_only=True)
            pool.submit(key, items)
            if len(pool.pending) >= IN_FLIGHT_PER_WORKER * workers:
                yield pool.take()
        yield from pool.drain(suspects_only=False)
    finally:
        pool.close()


class _ResilientPool(Generic[K, T, R]):
    """A process pool that survives its workers dying, and the chunks in flight.

    ``pending`` holds the chunks in flight, oldest first, each with its future;
    after a crash the lost ones become suspects (no future) and run alone.
    """

    def __init__(self, func: Callable[[Sequence[T]], list[R]], crashed: Callable[[T], R], workers: int,
                 initializer: Callable[..., None] | None, initargs: tuple[Any, ...]) -> None:
        self.func = func
        self.crashed = crashed
        self.workers = workers
        self.initializer = initializer
        self.initargs = initargs
        self.pending: deque[tuple[K, Sequence[T], Future[list[R]] | None]] = deque()
        self.crashes_in_a_row = 0
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context(),
                                   initializer=self.initializer, initargs=self.initargs)

    def submit(self, key: K, items: Sequence[T]) -> None:
        future: Future[list[R]] | None = None
        try:
            future = self.executor.submit(self.func, items)
        except BrokenProcessPool:  # a worker died since the last result: this chunk is a suspect too
            self._restart()
        self.pending.append((key, items, future))

    def take(self) -> tuple[K, list[R]]:
        """The oldest chunk's results (waiting for them)."""
        key, items, future = self.pending.popleft()
        if future is not None:
            try:
                return key, self._survived(future.result())
            except BrokenProcessPool:
                self._restart()
        return key, self._alone(items)

    def _survived(self, results: list[R]) -> list[R]:
        self.crashes_in_a_row = 0
        return results

    def drain(self, suspects_only: bool) -> Iterator[tuple[K, list[R]]]:
        """Take chunks while any is in flight (or, with ``suspects_only``, while any suspect is)."""
        while self.pending and (not suspects_only or any(f is None for _, _, f in self.pending)):
            yield self.take()

    def _restart(self) -> None:
        """A fresh pool; the chunks lost with the old one become suspects."""
        self.executor.shutdown(wait=True, cancel_futures=True)
        self.executor = self._start()
        self.pending = deque((key, items, _kept(future)) for key, items, future in self.pending)

    def _alone(self, items: Sequence[T]) -> list[R]:
        """Run a suspect chunk with nothing else in flight; item by item if it crashes."""
        try:
            return self._survived(self.executor.submit(self.func, items).result())
        except BrokenProcessPool:
            self._restart()
        if len(items) > 1:
            return [result for item in items for result in self._alone([item])]
        self.crashes_in_a_row += 1
        if self.crashes_in_a_row >= MAX_CRASHES_IN_A_ROW:
            raise WorkersKeepDying(f"{self.crashes_in_a_row} items in a row killed their worker process")
        return [self.crashed(items[0])]

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def _kept(future: Future[R] | None) -> Future[R] | None:
    """``future`` if it finished with a result before its pool broke, else None."""
    if future is not None and future.done() and not future.cancelled() and future.exception() is None:
        return future
    return None


# ----------------------------------------------------------------------------- JSON Lines

_worker: tuple[Cleaner, RecordFormat] | None = None


def init_cleaner(options: Options, fmt: RecordFormat) -> None:
    """Set up this worker process's cleaner from its options, everything loaded now."""
    global _worker
    warm_up()
    _worker = cleaner_for(options), fmt


def clean_lines(lines: Sequence[bytes]) -> list[LineResult]:
    """Clean JSON Lines in a worker process set up by :func:`init_cleaner`."""
    assert _worker is not None, "init_cleaner() first"
    return clean_lines_with(*_worker, lines)


def clean_lines_with(cleaner: Cleaner, fmt: RecordFormat, lines: Sequence[bytes]) -> list[LineResult]:
    return [clean_line(cleaner, line, fmt) for line in lines]


def crash_result(fmt: RecordFormat, line: bytes) -> LineResult:
    """The output of a line whose record kills the worker cleaning it.

    >>> crash_result(RecordFormat(), b'{"id": 3, "text": "..."}').line
    '{"id": 3, "text": "...", "error": "worker process died while cleaning this record"}'
    """
    return error_result(line, CRASH_MESSAGE, fmt)


#: A chunk's place: source name, the line number of each of its lines, the error opening the source.
Where = tuple[str, list[int], OSError | None]


def line_chunks(sources: Iterable[tuple[str, BinaryIO | OSError]]) -> Iterator[tuple[Where, list[bytes]]]:
    """Chunks of the non-blank lines of each source, each with where its lines are; a source that
    cannot be opened is an empty chunk carrying the error, in its place."""
    for name, stream in sources:
        if isinstance(stream, OSError):
            yield (name, [], stream), []
            continue
        chunk: list[bytes] = []
        numbers: list[int] = []
        size = 0
        for number, line in enumerate(stream, start=1):
            if is_blank(line):
                continue
            chunk.append(line)
            numbers.append(number)
            size += len(line)
            if len(chunk) >= CHUNK_LINES or size >= CHUNK_BYTES:
                yield (name, numbers, None), chunk
                chunk, numbers, size = [], [], 0
        if chunk:
            yield (name, numbers, None), chunk


def clean_jsonl(sources: Iterable[tuple[str, BinaryIO | OSError]], cleaner: Cleaner, fmt: RecordFormat,
                workers: int = 1) -> Iterator[tuple[str, int, LineResult | OSError]]:
    """``(source name, line number, result)`` for every non-blank line of ``sources``, in
    input order, whatever ``workers``; a source that cannot be opened gives
    ``(name, 0, the OSError)`` in its place. Blank lines give nothing, as in every
    JSON Lines reader (a file ending in an extra newline is not an error).

    ``workers`` ≤ 1 cleans here with ``cleaner``; more clean in that many
    processes, each with a cleaner of its own made once from ``cleaner.options``.
    """
    crashed = partial(crash_result, fmt)
    if workers <= 1:
        results = map_chunks(partial(clean_lines_with, cleaner, fmt), line_chunks(sources), workers=1,
                             crashed=crashed)
    else:
        results = map_chunks(clean_lines, line_chunks(sources), workers=workers, crashed=crashed,
                             initializer=init_cleaner, initargs=(cleaner.options, fmt))
    for (name, numbers, unreadable), lines in results:
        if unreadable is not None:
            yield name, 0, unreadable
        yield from ((name, number, result) for number, result in zip(numbers, lines, strict=True))


class Progress:
    """A status line on stderr: documents, docs/s, errors.

    On a terminal it is rewritten in place (call :meth:`clear` before writing
    anything else to stderr); elsewhere (``--progress`` into a log) a line is
    written every :attr:`interval` seconds. :meth:`close` writes the last one.
    """

    def __init__(self, stream: TextIO | None = None, interval: float | None = None) -> None:
        self.stream = stream or sys.stderr
        self.live = self.stream.isatty()
        self.interval = interval if interval is not None else (0.2 if self.live else 5.0)
        self.start = self.shown = time.monotonic()
        self.docs = self.errors = 0

    def add(self, error: bool = False) -> None:
        """Count one document (and whether it had an error)."""
        self.docs += 1
        self.errors += error
        if time.monotonic() - self.shown >= self.interval:
            self._show()

    def clear(self) -> None:
        """Take the live line off the terminal, so that a message can be written."""
        if self.live:
            self.stream.write("\r\033[K")

    def close(self) -> None:
        self._show(final=True)

    def line(self) -> str:
        rate = self.docs / max(time.monotonic() - self.start, 1e-9)
        return f"cleantext: {self.docs:,} documents, {rate:,.0f} docs/s, {self.errors:,} errors"

    def _show(self, final: bool = False) -> None:
        self.shown = time.monotonic()
        if self.live:
            self.stream.write("\r\033[K" + self.line() + ("\n" if final else ""))
        else:
            self.stream.write(self.line() + "\n")
        self.stream.flush()


def worker_count(requested: int) -> int:
    """``requested`` processes; 0 means one per CPU available to this process."""
    if requested > 0:
        return requested
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
