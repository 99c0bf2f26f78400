"""Clean on a Dask cluster: bags of records, DataFrame columns, JSON Lines files.

Needs the ``[dask]`` extra (``pip install 'cleantext-boilerplate[dask]'``);
``import cleantext`` alone never imports Dask.

The same code runs on a laptop and on a cluster: it uses whatever scheduler
is active (``Client("tcp://scheduler:8786")``, a ``LocalCluster``, or none:
Dask's default threads). The cleaner travels as its options only, once per
worker (a small pickle: never the loaded language profiles, which load lazily
in each worker process, once). A learned profile travels with the options,
once per worker, or is loaded by each worker from a path
(``Options(profile="/shared/profile.json")``); :func:`learn_profile` learns
one per partition and merges them.

The work per partition is :func:`cleantext.records.clean_records` (records in,
records out), which any other engine can call too. Example::

    import dask.bag as db
    bag = db.from_sequence([{"id": 1, "text": "A sentence that stays as it is."}])
    clean_bag(bag).compute()  # [{'id': 1, 'text': 'A sentence that stays as it is.'}]

This module imports Dask only when a function needs it, so that it can be
imported (and its per-partition functions used) without Dask installed.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterable, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

from .chain import check_options
from .cleaner import Cleaner, cleaner_for
from .language import warm_up
from .options import Options
from .profile import Profile, ProfileLearner
from .records import RecordFormat, clean_line, clean_records, is_blank
from .sources import warc_stream
from .tasks import WarcTask, warc_failure
from .warc import WarcError, WarcPage, iter_warc
from .write import json_line

if TYPE_CHECKING:
    import dask.bag as db
    import dask.dataframe as dd
    import pandas as pd

__all__ = ["clean_bag", "clean_column", "clean_jsonl_lines", "learn_profile", "read_jsonl", "read_warc", "to_jsonl",
           "to_parquet"]

#: The default record format: clean the ``text`` field in place.
TEXT_FIELD = RecordFormat()
def _cleaner(options: Options) -> Cleaner:
    """This worker process's cleaner for ``options`` (:func:`cleantext.cleaner.cleaner_for`), its
    language profiles loaded: a worker builds its cleaner, loads the profiles and reads a profile
    file once, not once per partition or per computation."""
    warm_up()
    return cleaner_for(options)


def _shared(options: Options | Cleaner | None) -> Any:
    """The options as one key of the graph, sent once to each worker that needs them."""
    if isinstance(options, Cleaner):
        options = options.options
    options = options or Options()
    check_options(options)  # here, on the client, not in every task
    if options.learn:
        raise ValueError("Options.learn learns from documents in order, in one process: "
                         "learn a profile with learn_profile() and clean with Options(profile=…)")
    return _need("dask").delayed(options, pure=True, traverse=False)


def _clean_partition(records: Iterable[Any], options: Options, fmt: RecordFormat) -> list[dict[str, Any]]:
    return list(clean_records(records, _cleaner(options), fmt))


def clean_bag(records: db.Bag, options: Options | Cleaner | None = None, fmt: RecordFormat = TEXT_FIELD) -> db.Bag:
    """A bag of cleaned records: one out per one in, in order (see :func:`~cleantext.records.clean_records`)."""
    return records.map_partitions(_clean_partition, _shared(options), fmt)


def _clean_line_partition(lines: Iterable[str], options: Options, fmt: RecordFormat) -> list[str]:
    cleaner = _cleaner(options)
    return [clean_line(cleaner, line, fmt).line for line in lines if not is_blank(line)]


def clean_jsonl_lines(lines: db.Bag, options: Options | Cleaner | None = None,
                      fmt: RecordFormat = TEXT_FIELD) -> db.Bag:
    """A bag of JSON Lines lines in, a bag of output lines out, exactly as the
    command writes them (bad lines become error records, blank lines are skipped)."""
    return lines.map_partitions(_clean_line_partition, _shared(options), fmt)


def read_jsonl(urlpath: str | Sequence[str], options: Options | Cleaner | None = None,
               fmt: RecordFormat = TEXT_FIELD, blocksize: int | str | None = None,
               **read_text_kw: Any) -> db.Bag:
    """JSON Lines files (plain or gzip; local, ``s3://``, …) read by the
    workers straight into a bag of cleaned records.

    One partition per file by default; ``blocksize`` (e.g. ``"64MiB"``) cuts
    big uncompressed files. Other keywords go to :func:`dask.bag.read_text`.
    """
    lines = _need("dask.bag").read_text(urlpath, blocksize=blocksize, **read_text_kw)
    return clean_jsonl_lines(lines, options, fmt).map(json.loads)


def _clean_warc_partition(files: Iterable[Any], options: Options, task: WarcTask,
                          statuses: Sequence[int]) -> list[dict[str, Any]]:
    cleaner = _cleaner(options)
    records: list[dict[str, Any]] = []
    for file in files:
        with file as raw:
            for item in iter_warc(warc_stream(raw), statuses, options.max_bytes):
                if isinstance(item, WarcPage):
                    records.append(task.record(cleaner, item))
                elif isinstance(item, WarcError):
                    records.append(warc_failure(file.path, item))
    return records


def read_warc(urlpath: str | Sequence[str], options: Options | Cleaner | None = None, explain: bool = False,
              statuses: Sequence[int] = (200,), **open_files_kw: Any) -> db.Bag:
    """WARC files (gzip per record, plain, or compressed whole; local, ``s3://``, …) read by the
    workers straight into a bag of records, one partition per file: one record per HTML response
    whose HTTP status is in ``statuses``, as ``cleantext clean --warc`` writes them, and one error
    record (``warc_file``, ``warc_offset``, ``error``) per record that is truncated or corrupt.
    Other keywords go to :func:`fsspec.open_files`."""
    files = _need("fsspec").open_files(urlpath, mode="rb", **open_files_kw)
    bag = _need("dask.bag").from_sequence(files, npartitions=max(len(files), 1))
    return bag.map_partitions(_clean_warc_partition, _shared(options), WarcTask(explain), tuple(statuses))


def to_jsonl(records: db.Bag, urlpath: str | Sequence[str], **to_textfiles_kw: Any) -> Any:
    """Write a bag of records as JSON Lines, one file per partition (``urlpath``
    has a ``*`` for the partition number, or is a list of names); a ``.gz``
    name is compressed. The workers write; nothing passes through the client."""
    lines = records.map(json_line)
    return lines.to_textfiles(urlpath, last_endline=True, **to_textfiles_kw)


def _row(columns: Sequence[str], record: dict[str, Any]) -> dict[str, str | None]:
    """A record as a row of text columns: strings as they are, other values as JSON, missing ones null."""
    return {c: _as_text(record.get(c)) for c in columns}


def _as_text(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


def to_parquet(records: db.Bag, path: str, columns: Sequence[str] | None = None, **to_parquet_kw: Any) -> Any:
    """Write a bag of records as Parquet, every column text (strings as they
    are, numbers and lists as JSON, missing values null), so that all
    partitions share one schema.

    ``columns``: the fields to write; by default those of the first partition's
    records (computed once more for that), plus ``error``.
    """
    if columns is None:
        sample = records.take(1000, npartitions=1, warn=False)
        columns = list(dict.fromkeys([*(key for record in sample for key in record), "error"]))
    pd = _need("pandas")
    meta = pd.DataFrame({c: pd.Series(dtype="string") for c in columns})
    frame = records.map(partial(_row, list(columns))).to_dataframe(meta=meta)
    return frame.to_parquet(path, write_index=False, **to_parquet_kw)


def _clean_frame(frame: pd.DataFrame, column: str, output_column: str, options: Options) -> pd.DataFrame:
    fmt = RecordFormat(field=column, output_field=output_column)
    out = clean_records(({column: value} for value in frame[column]), _cleaner(options), fmt)
    texts = [None if "error" in record else record[output_column] for record in out]
    return frame.assign(**{output_column: _need("pandas").Series(texts, index=frame.index, dtype="string")})


def clean_column(frame: dd.DataFrame, column: str, options: Options | Cleaner | None = None,
                 output_column: str | None = None) -> dd.DataFrame:
    """``frame`` with the text or HTML of ``column`` cleaned into ``output_column``
    (default: ``column`` itself); a value that is not a string gives null."""
    output_column = output_column or column
    meta = frame._meta.assign(**{output_column: _need("pandas").Series(dtype="string")})
    return frame.map_partitions(_clean_frame, column, output_column, _shared(options), meta=meta)


def _learn_partition(records: Iterable[dict[str, Any]], field: str, site_field: str, options: Options | None,
                     learner_kw: dict[str, Any]) -> ProfileLearner:
    return ProfileLearner(**learner_kw).add_records(records, field, site_field, options)


def learn_profile(records: db.Bag, field: str = "text", site_field: str = "url", options: Options | None = None,
                  **learner_kw: Any) -> db.Item:
    """A publisher profile learned on each partition and merged (a Dask
    object: ``.compute()`` it). Keywords go to :class:`~cleantext.profile.ProfileLearner`;
    ``exact_merge=True`` gives exactly the profile of one pass over all records."""
    learners = records.reduction(partial(_learn_partition, field=field, site_field=site_field, options=options,
                                         learner_kw=learner_kw), ProfileLearner.merge_all)
    return learners.apply(_profile_of)


def _profile_of(learner: ProfileLearner) -> Profile:
    return learner.profile()


def _need(module: str) -> Any:
    """``module``, imported now; a clear message when the dask extra is missing."""
    try:
        return importlib.import_module(module)
    except ImportError as err:
        raise ImportError(f"cleantext.dask needs the dask extra (no {module}): "
                          "pip install 'cleantext-boilerplate[dask]'") from err
