"""A run of ``cleantext clean`` over its inputs: JSON Lines records, documents (files, folders,
stdin) or WARC archives, cleaned in order by one process or many, written to one stream or to
one file per input under ``--output-dir``, reported on stderr, and summed up at the end.

The main process reads the inputs, hands :mod:`cleantext.tasks` items to the workers
(:func:`cleantext.parallel.run_tasks`), and writes each result in input order where it belongs:

- one stream (stdout or ``-o``): JSON Lines records; documents' bodies, each under a
  ``==> name <==`` header when there are several; with ``--explain`` one JSON object per
  document, with its ``source`` when there are several (JSON Lines);
- ``--output-dir``: the output of ``a/b.html`` in ``OUT/a/b.txt`` (``.json`` with ``--explain``),
  of a JSON Lines or WARC file ``x.jsonl.gz`` in ``OUT/x.jsonl``, each written atomically, so that
  ``--skip-existing`` resumes a stopped run where it stopped. A document that could not be
  cleaned gets no file (a resumed run tries it again).
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO, NamedTuple, Protocol, TextIO

from .cleaner import Cleaner
from .inputs import Input, output_path
from .parallel import Progress, Task, chunked, run_tasks
from .records import LineResult, RecordFormat, is_blank
from .sink import open_output
from .sources import iter_sources, open_warc, read_whole
from .summary import RunSummary
from .tasks import WARC_GIVEN_AS, DocumentTask, JsonLineTask, Source, WarcTask, looks_like_warc, warc_failure
from .warc import WarcError, WarcPage, iter_warc
from .write import json_line

#: WARC pages per chunk sent to a worker, and files (read by the worker): fewer than JSON Lines'
#: lines (:data:`cleantext.parallel.CHUNK_LINES`), each being a whole page, so that the workers share
#: a short run evenly.
PAGES_PER_CHUNK = 16
FILES_PER_CHUNK = 1


class Diagnostics(Protocol):
    """Where errors and warnings go (the command's reporter)."""

    def error(self, where: str, message: str) -> None: ...

    def warning(self, where: str, message: str) -> None: ...


class Place(NamedTuple):
    """Where an item comes from: its input file, its place for messages (``file:line``, ``file:
    offset N``, the file), and its size in bytes (for the summary)."""

    input: Input
    where: str
    size: int = 0


@dataclass
class Run:
    """One run's settings and state: the cleaner, the workers, where the output goes, the reporter,
    the progress line and the summary."""

    cleaner: Cleaner
    reporter: Diagnostics
    summary: RunSummary
    workers: int = 1
    progress: Progress | None = None
    out_dir: str | None = None
    skip_existing: bool = False

    def clean_jsonl(self, inputs: Sequence[Input], fmt: RecordFormat, sink: TextIO | None) -> None:
        """Clean JSON Lines files, one record out per non-blank line in."""
        self._write(chunked(self._jsonl_items(inputs), len), JsonLineTask(fmt), sink, ".jsonl")

    def clean_warc(self, inputs: Sequence[Input], task: WarcTask, statuses: Sequence[int],
                   sink: TextIO | None) -> None:
        """Clean the HTML responses of WARC files, one record out per page."""
        pages = chunked(self._warc_items(inputs, statuses), lambda page: len(page.body), PAGES_PER_CHUNK)
        self._write(pages, task, sink, ".jsonl")

    def clean_documents(self, inputs: Sequence[Input], task: DocumentTask, site: str | None,
                        sink: TextIO | None) -> None:
        """Clean documents, one output per file."""
        headers = sink is not None and len(inputs) > 1 and not task.explain
        suffix = ".json" if task.explain else ".txt"
        documents = chunked(self._document_items(inputs, site, suffix), lambda source: 0, FILES_PER_CHUNK)
        self._write(documents, task, sink, suffix, headers)

    # -- reading

    def _todo(self, inputs: Sequence[Input], suffix: str) -> Iterator[Input]:
        """The inputs whose output is still to be written (all, without ``--skip-existing``)."""
        for item in inputs:
            if self.skip_existing and self.out_dir and os.path.exists(output_path(self.out_dir, item.relative, suffix)):
                self._skip("exists")
            else:
                yield item

    def _jsonl_items(self, inputs: Sequence[Input]) -> Iterator[tuple[Place, bytes | OSError]]:
        for item in self._todo(inputs, ".jsonl"):
            for (name, number), line in _numbered_lines(iter_sources((item.path,))):
                if number == 1 and isinstance(line, bytes) and looks_like_warc(line):  # not one error per line
                    yield Place(item, name), OSError(errno.EINVAL, WARC_GIVEN_AS.format("JSON Lines"))
                    break
                where = f"{name}:{number}" if number else name
                yield Place(item, where, 0 if isinstance(line, OSError) else len(line)), line

    def _warc_items(self, inputs: Sequence[Input],
                    statuses: Sequence[int]) -> Iterator[tuple[Place, WarcPage | LineResult | OSError]]:
        for item in self._todo(inputs, ".jsonl"):
            name, stream = open_warc(item.path)
            if isinstance(stream, OSError):
                yield Place(item, name), stream
                continue
            with stream:
                yield from self._warc_records(item, name, stream, statuses)

    def _warc_records(self, item: Input, name: str, stream: BinaryIO,
                      statuses: Sequence[int]) -> Iterator[tuple[Place, WarcPage | LineResult]]:
        for record in iter_warc(stream, statuses, self.cleaner.options.max_bytes):
            place = Place(item, f"{name}: offset {record.offset}")
            if isinstance(record, WarcPage):
                yield place._replace(size=record.size), record
            elif isinstance(record, WarcError):
                failure = json_line(warc_failure(name, record))
                yield place, LineResult(failure, record.message, record.record_id)
            else:
                self._skip(record.reason)

    def _document_items(self, inputs: Sequence[Input], site: str | None,
                        suffix: str) -> Iterator[tuple[Place, Source | OSError]]:
        for item in self._todo(inputs, suffix):
            if item.path == "-":  # read here: a worker process cannot read this one's stdin
                data = read_whole("-")
                size = 0 if isinstance(data, OSError) else len(data)
                yield Place(item, "<stdin>", size), (data if isinstance(data, OSError)
                                                     else Source("<stdin>", data=data, site=site))
            else:
                source = Source(item.path, item.path, site=file_site(item.path, site))
                yield Place(item, item.path, _size(item.path)), source

    def _skip(self, reason: str) -> None:
        self.summary.skip(reason)
        if self.progress is not None:
            self.progress.skip()

    # -- writing

    def _write(self, chunks: Iterable[tuple[list[Place], list[Any]]], task: Task[Any], sink: TextIO | None,
               suffix: str, headers: bool = False) -> None:
        outputs = _Outputs(sink, self.out_dir, suffix)
        with outputs:
            for places, results in run_tasks(chunks, self.cleaner, task, self.workers):
                for place, result in zip(places, results, strict=True):
                    self._report(place, result)
                    if isinstance(result, LineResult):
                        outputs.write(place, result, headers, documents=isinstance(task, DocumentTask))

    def _report(self, place: Place, result: LineResult | OSError) -> None:
        if self.progress is not None:
            self.progress.add(error=not isinstance(result, LineResult) or bool(result.error))
        if isinstance(result, OSError):
            self._message(lambda: self.reporter.error(place.where, f"cannot read: {result.strerror or result}"))
            self.summary.add(None, failed=True)
            return
        written = len(result.line.encode("utf-8", "surrogatepass")) + 1 if result.line else 0
        self.summary.add(result.tally, place.size, written, failed=result.tally is None)
        where = f"{place.where} (id {result.record_id})" if result.record_id is not None else place.where
        if result.error:
            self._message(lambda: self.reporter.error(where, result.error or ""))
        if result.warning:
            self._message(lambda: self.reporter.warning(where, result.warning or ""))

    def _message(self, say: Any) -> None:
        if self.progress is not None:
            self.progress.clear()
        say()


def _numbered_lines(sources: Iterable[tuple[str, BinaryIO | OSError]],
                   ) -> Iterator[tuple[tuple[str, int], bytes | OSError]]:
    """``((source name, line number), line)`` for the non-blank lines of ``sources``; a source that
    cannot be opened or read gives ``((name, 0), the OSError)`` in its place."""
    for name, stream in sources:
        if isinstance(stream, OSError):
            yield (name, 0), stream
            continue
        for number, line in enumerate(stream, start=1):
            if not is_blank(line):
                yield (name, number), line


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def file_site(name: str, site: str | None) -> str | None:
    """A file's site: ``--site``, else the name of the folder it is in (none for stdin)."""
    if site or name == "<stdin>":
        return site
    return os.path.basename(os.path.dirname(os.path.abspath(name))) or None


class _Outputs:
    """Where results go: one stream, or one file per input under ``out_dir`` (each committed when the
    next input's first result comes, or at the end; removed when the run stops on an error)."""

    def __init__(self, sink: TextIO | None, out_dir: str | None, suffix: str) -> None:
        self.sink, self.out_dir, self.suffix = sink, out_dir, suffix
        self.current: Input | None = None
        self.stack = contextlib.ExitStack()
        self.file: TextIO | None = None

    def write(self, place: Place, result: LineResult, headers: bool, documents: bool) -> None:
        if self.out_dir is None:
            assert self.sink is not None
            if headers:
                self.sink.write(f"==> {place.input.path} <==\n")
            if result.line:
                self.sink.write(result.line + "\n")
            return
        if documents and result.tally is None:  # not cleaned: no file, a resumed run tries again
            return
        self._file_for(place.input).write(result.line + "\n" if result.line else "")

    def _file_for(self, item: Input) -> TextIO:
        if item != self.current or self.file is None:
            self.stack.close()
            assert self.out_dir is not None
            target = output_path(self.out_dir, item.relative, self.suffix)
            os.makedirs(os.path.dirname(target) or ".", exist_ok=True)
            self.file = self.stack.enter_context(open_output(target))
            self.current = item
        return self.file

    def __enter__(self) -> _Outputs:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stack.__exit__(*exc)


def write_stats(path: str, summary: RunSummary) -> None:
    """Write the summary as JSON to ``path`` (``--stats``), atomically."""
    with open_output(path) as out:
        out.write(json.dumps(summary.as_dict(), indent=2) + "\n")
