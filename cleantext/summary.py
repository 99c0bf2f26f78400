"""The account of a run over many documents: what was read, cleaned, skipped and failed,
the paragraphs kept and dropped per rule id, bytes in and out, and the pace.

A worker gives each document's :class:`Tally` (small, picklable) with its output; the main
process adds them up in a :class:`RunSummary`, which ends the run with one line on stderr
and, with ``--stats FILE``, a JSON object. The per-rule counts are those of the paragraphs
in ``--explain``: a rule's count is the number of paragraphs whose ``reason`` it is.

>>> from cleantext.model import Document, Paragraph
>>> doc = Document([Paragraph("Body."), Paragraph("© ACME", dropped="en/copyright")])
>>> summary = RunSummary(clock=lambda: 0.0)
>>> summary.add(Tally.of(doc), bytes_in=40, bytes_out=6)
>>> summary.add(None, bytes_in=3, failed=True)
>>> summary.skip("not-html")
>>> summary.as_dict()["dropped"], summary.as_dict()["documents"]
({'en/copyright': 1}, {'read': 3, 'cleaned': 1, 'skipped': 1, 'failed': 1})
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from typing import Any, NamedTuple

from .model import Document

#: The rules the one-line summary names, most frequent first (``--stats`` has them all).
RULES_SHOWN = 8


class Tally(NamedTuple):
    """One cleaned document's paragraphs: how many were kept, and how many each rule dropped."""

    kept: int
    dropped: tuple[tuple[str, int], ...]

    @classmethod
    def of(cls, doc: Document) -> Tally:
        dropped = Counter(p.dropped for p in doc.paragraphs if p.dropped is not None)
        return cls(len(doc.kept), tuple(sorted(dropped.items())))


class RunSummary:
    """The counts of a run, added up document by document (see the module's documentation).

    Documents ``read`` are those ``cleaned``, ``skipped`` (not meant to be cleaned: a WARC
    request or image, an output that exists under ``--skip-existing``; per reason in
    ``skipped_by``) and ``failed`` (an error: unreadable, not a record, over a limit).
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.start = clock()
        self.cleaned = self.failed = 0
        self.skipped: Counter[str] = Counter()
        self.kept = 0
        self.dropped: Counter[str] = Counter()
        self.bytes_in = self.bytes_out = 0

    def add(self, tally: Tally | None, bytes_in: int = 0, bytes_out: int = 0, failed: bool = False) -> None:
        """Count one document: cleaned (its ``tally``), or ``failed``."""
        self.bytes_in += bytes_in
        self.bytes_out += bytes_out
        if failed or tally is None:
            self.failed += 1
            return
        self.cleaned += 1
        self.kept += tally.kept
        self.dropped.update(dict(tally.dropped))

    def skip(self, reason: str, bytes_in: int = 0) -> None:
        """Count one document not meant to be cleaned, and why."""
        self.skipped[reason] += 1
        self.bytes_in += bytes_in

    @property
    def read(self) -> int:
        return self.cleaned + self.failed + self.skipped.total()

    def as_dict(self) -> dict[str, Any]:
        """The summary as JSON-ready data (``--stats``)."""
        seconds = max(self.clock() - self.start, 1e-9)
        return {
            "documents": {"read": self.read, "cleaned": self.cleaned, "skipped": self.skipped.total(),
                          "failed": self.failed},
            "skipped": dict(sorted(self.skipped.items())),
            "paragraphs": {"kept": self.kept, "dropped": self.dropped.total()},
            "dropped": dict(sorted(self.dropped.items(), key=lambda item: (-item[1], item[0]))),
            "bytes": {"in": self.bytes_in, "out": self.bytes_out},
            "seconds": round(seconds, 3),
            "docs_per_second": round(self.read / seconds, 1),
        }

    def line(self) -> str:
        """The summary in one line, for stderr (the :data:`RULES_SHOWN` rules that dropped most).

        >>> summary = RunSummary(clock=lambda: 0.0)
        >>> summary.add(Tally(3, (("en/share", 2), ("title", 1))), bytes_in=2048, bytes_out=512)
        >>> print(summary.line())  # doctest: +NORMALIZE_WHITESPACE
        cleantext: 1 documents read: 1 cleaned, 0 skipped, 0 failed; paragraphs 3 kept,
        3 dropped (en/share 2, title 1); 2.0 kB in, 0.5 kB out; 1,000,000,000 docs/s
        """
        data = self.as_dict()
        docs, paragraphs = data["documents"], data["paragraphs"]
        counts = list(data["dropped"].items())
        rules = ", ".join(f"{rule} {count:,}" for rule, count in counts[:RULES_SHOWN])
        if len(counts) > RULES_SHOWN:
            rules += f", {len(counts) - RULES_SHOWN} more rules"
        skipped = ", ".join(f"{reason} {count:,}" for reason, count in data["skipped"].items())
        return (f"cleantext: {docs['read']:,} documents read: {docs['cleaned']:,} cleaned, "
                f"{docs['skipped']:,} skipped{f' ({skipped})' if skipped else ''}, {docs['failed']:,} failed; "
                f"paragraphs {paragraphs['kept']:,} kept, {paragraphs['dropped']:,} dropped"
                f"{f' ({rules})' if rules else ''}; "
                f"{self.bytes_in / 1024:,.1f} kB in, {self.bytes_out / 1024:,.1f} kB out; "
                f"{data['docs_per_second']:,.0f} docs/s")
