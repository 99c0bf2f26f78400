"""Clean a folder of JSON Lines files (plain or gzip) on a Dask cluster, and
write the cleaned records as JSON Lines or Parquet.

The workers read and write the files themselves: on a remote cluster, both
folders must be paths the workers can reach (a shared file system, or URLs
such as ``s3://bucket/crawl``).

    # a local cluster, one worker process per CPU
    python examples/dask_clean_folder.py pages/ cleaned/ --field html --output-field text
    # an existing cluster, Parquet out, a learned publisher profile
    python examples/dask_clean_folder.py /shared/pages /shared/cleaned --scheduler tcp://10.0.0.5:8786 \\
        --field html --output-field text --parquet --profile /shared/profile.json
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Sequence

from distributed import Client, LocalCluster

from cleantext import Options
from cleantext.dask import read_jsonl, to_jsonl, to_parquet
from cleantext.records import RecordFormat


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input", help="folder of *.jsonl / *.jsonl.gz files")
    parser.add_argument("output", help="folder to write (created)")
    parser.add_argument("--scheduler", help="address of a running scheduler, e.g. tcp://10.0.0.5:8786 "
                                            "[default: start a local cluster]")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="worker processes of the local cluster")
    parser.add_argument("--field", default="text", help="field with the text or HTML")
    parser.add_argument("--output-field", help="field for the clean body [default: --field]")
    parser.add_argument("--format", choices=("auto", "text", "html"), default="auto")
    parser.add_argument("--profile", help="a learned publisher profile (JSON), read by each worker once")
    parser.add_argument("--blocksize", help="cut uncompressed files into partitions of this size, e.g. 64MiB")
    parser.add_argument("--parquet", action="store_true", help="write Parquet instead of JSON Lines")
    return parser.parse_args(argv)


def connect(scheduler: str | None, workers: int) -> Client:
    """A client of the given scheduler, or of a new local cluster of worker processes."""
    if scheduler:
        return Client(scheduler)
    return Client(LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"))


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    options = Options(format=args.format, profile=args.profile)
    fmt = RecordFormat(field=args.field, output_field=args.output_field)
    start = time.perf_counter()
    with connect(args.scheduler, args.workers) as client:
        print(f"cluster: {client.dashboard_link}")
        records = read_jsonl(f"{args.input.rstrip('/')}/*.jsonl*", options, fmt, blocksize=args.blocksize)
        if args.parquet:
            to_parquet(records, args.output)
        else:
            to_jsonl(records, f"{args.output.rstrip('/')}/part-*.jsonl")
    print(f"{records.npartitions} partitions cleaned into {args.output} in {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
