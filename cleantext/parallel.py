"""An ordered multi-process map for streams, and the cleaning tasks run on it.

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

:func:`run_tasks` runs a cleaning task (:mod:`cleantext.tasks`: a JSON Lines line, a document, a
WARC page) on chunks of items (:func:`chunked`), each worker with its own cleaner.
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
from typing import Any, Generic, Protocol, TextIO, TypeVar

from .cleaner import Cleaner, cleaner_for
from .language import warm_up
from .options import Options
from .records import LineResult

K = TypeVar("K")
P = TypeVar("P")
T = TypeVar("T")
R = TypeVar("R")
T_item = TypeVar("T_item", contravariant=True)

#: Lines per chunk sent to a worker (a chunk of JSON Lines), and the most bytes a chunk collects.
CHUNK_LINES = 64
CHUNK_BYTES = 4 * 1024 * 1024
#: Chunks in flight per worker (one being cleaned, one queued).
IN_FLIGHT_PER_WORKER = 2
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


# ----------------------------------------------------------------------------- cleaning tasks

_worker: Cleaner | None = None


def init_cleaner(options: Options) -> None:
    """Set up this worker process's cleaner from its options, everything loaded now."""
    global _worker
    warm_up()
    _worker = cleaner_for(options)


class Task(Protocol[T_item]):
    """What cleaning does with one item (see :mod:`cleantext.tasks`)."""

    def __call__(self, cleaner: Cleaner, item: T_item, /) -> LineResult: ...

    def crashed(self, item: T_item, /) -> LineResult: ...


#: An item that is its own result: a source that could not be read (``OSError``), or a record found
#: broken while reading (a ``LineResult``); it passes through a run as it is, in its place.
Done = LineResult | OSError


def run_in_worker(task: Task[T], items: Sequence[T | Done]) -> list[Done]:
    """Run ``task`` on ``items`` in a worker process set up by :func:`init_cleaner`."""
    assert _worker is not None, "init_cleaner() first"
    return run_with(_worker, task, items)


def run_with(cleaner: Cleaner, task: Task[T], items: Sequence[T | Done]) -> list[Done]:
    """``task`` run on each item; an item that is :data:`Done` passes as it is."""
    return [item if isinstance(item, Done) else task(cleaner, item) for item in items]


def run_tasks(chunks: Iterable[tuple[K, Sequence[T | Done]]], cleaner: Cleaner, task: Task[T],
              workers: int = 1) -> Iterator[tuple[K, list[Done]]]:
    """``(key, results)`` for every ``(key, items)`` chunk, ``task`` run on each item, in input order
    whatever ``workers`` (:func:`map_chunks`). ``workers`` ≤ 1 cleans here with ``cleaner``; more
    clean in that many processes, each with a cleaner of its own made once from ``cleaner.options``.
    An item that is :data:`Done` already passes through."""
    crashed = partial(_crashed, task)
    if workers <= 1:
        return map_chunks(partial(run_with, cleaner, task), chunks, workers=1, crashed=crashed)
    return map_chunks(partial(run_in_worker, task), chunks, workers=workers, crashed=crashed,
                      initializer=init_cleaner, initargs=(cleaner.options,))


def _crashed(task: Task[T], item: T | Done) -> Done:
    return item if isinstance(item, Done) else task.crashed(item)


def chunked(items: Iterable[tuple[P, T]], size: Callable[[Any], int],
            most: int = CHUNK_LINES) -> Iterator[tuple[list[P], list[T]]]:
    """``(places, items)`` chunks of at most ``most`` items or about :data:`CHUNK_BYTES`, each item's
    size told by ``size``.

    >>> list(chunked(((n, "x" * n) for n in range(3)), len))
    [([0, 1, 2], ['', 'x', 'xx'])]
    """
    places: list[P] = []
    chunk: list[T] = []
    total = 0
    for place, item in items:
        places.append(place)
        chunk.append(item)
        total += 0 if isinstance(item, Done) else size(item)
        if len(chunk) >= most or total >= CHUNK_BYTES:
            yield places, chunk
            places, chunk, total = [], [], 0
    if chunk:
        yield places, chunk


class Progress:
    """A status line on stderr: documents, those skipped (not meant to be cleaned), docs/s, errors.

    On a terminal it is rewritten in place (call :meth:`clear` before writing
    anything else to stderr); elsewhere (``--progress`` into a log) a line is
    written every :attr:`interval` seconds. :meth:`close` writes the last one.
    """

    def __init__(self, stream: TextIO | None = None, interval: float | None = None) -> None:
        self.stream = stream or sys.stderr
        self.live = self.stream.isatty()
        self.interval = interval if interval is not None else (0.2 if self.live else 5.0)
        self.start = self.shown = time.monotonic()
        self.docs = self.errors = self.skipped = 0

    def skip(self) -> None:
        """Count one document skipped (a WARC request, an output that exists)."""
        self.skipped += 1

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
        skipped = f", {self.skipped:,} skipped" if self.skipped else ""
        return f"cleantext: {self.docs:,} documents{skipped}, {rate:,.0f} docs/s, {self.errors:,} errors"

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
