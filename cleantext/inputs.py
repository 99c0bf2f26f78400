"""The inputs of a run: files and folders named on the command line, each file with its path
relative to the folder it was found in, and the output file it maps to under ``--output-dir``.

A folder's files come in the order of their relative paths (the same order on every machine), skipping hidden files
and folders (``.git``, ``.DS_Store``) and the output folder when it lies inside. A file named
on its own is relative to its own folder: ``a/b.html`` given as a folder ``a`` gives ``b.html``.

>>> output_path("out", "news/2024/story.html.gz", ".txt")
'out/news/2024/story.txt'
>>> output_path("out", "crawl.warc.gz", ".jsonl")
'out/crawl.jsonl'
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from typing import NamedTuple

#: Suffixes of compressed files, taken off before the output's suffix is put on.
COMPRESSED = (".gz", ".bz2", ".xz", ".zst")


class Input(NamedTuple):
    """A file to read: ``path`` as it is opened (``-``: stdin), ``relative`` to the folder it was
    found in (for ``--output-dir``)."""

    path: str
    relative: str


def expand(paths: Sequence[str], skip: str | None = None) -> Iterator[Input]:
    """Every file of ``paths`` (none: stdin), folders walked (see the module's documentation),
    ``skip`` (a folder) left out. A path that does not exist is passed on, to fail when opened."""
    for path in paths or ("-",):
        if path != "-" and os.path.isdir(path):
            yield from _walk(path, skip)
        else:
            yield Input(path, os.path.basename(path) or path)


def _walk(folder: str, skip: str | None) -> list[Input]:
    """The files under ``folder``, in the order of their relative paths (as ``find | sort`` lists them)."""
    skipped = os.path.realpath(skip) if skip else None
    found = []
    for root, folders, files in os.walk(folder):
        folders[:] = [f for f in folders if not f.startswith(".")
                      and os.path.realpath(os.path.join(root, f)) != skipped]
        for name in files:
            if not name.startswith("."):
                path = os.path.join(root, name)
                found.append(Input(path, os.path.relpath(path, folder)))
    return sorted(found, key=lambda item: item.relative.split(os.sep))


def output_path(out_dir: str, relative: str, suffix: str) -> str:
    """The output file of the input file ``relative`` under ``out_dir``: its compression suffix
    and then its own suffix replaced by ``suffix``."""
    stem = relative
    for compressed in COMPRESSED:
        stem = stem.removesuffix(compressed)
    stem = os.path.splitext(stem)[0] if os.path.splitext(stem)[0] else stem
    return os.path.join(out_dir, stem + suffix)


def clashes(inputs: Sequence[Input], out_dir: str, suffix: str) -> list[tuple[str, str, str]]:
    """``(first input, second input, output)`` for every two inputs that map to one output file
    (``a.html`` and ``a.htm``).

    >>> clashes([Input("x/a.html", "a.html"), Input("x/a.htm", "a.htm")], "out", ".txt")
    [('x/a.html', 'x/a.htm', 'out/a.txt')]
    """
    seen: dict[str, str] = {}
    found = []
    for item in inputs:
        target = output_path(out_dir, item.relative, suffix)
        if target in seen:
            found.append((seen[target], item.path, target))
        seen.setdefault(target, item.path)
    return found
