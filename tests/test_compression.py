"""Compression recognised from the content, not the name: gzip, bzip2, xz and zstd files and
stdin read as their uncompressed bytes; truncated data reported; ``-o x.gz`` / ``.zst`` written
compressed and whole."""

from __future__ import annotations

import bz2
import gc
import gzip
import io
import json
import lzma
import subprocess
import sys
from collections.abc import Callable

import pytest
import zstandard
from click.testing import CliRunner

from cleantext.cli import main
from cleantext.compression import compressing, compression_named, compression_of, decompressed, peeked
from cleantext.sink import open_output
from cleantext.sources import iter_sources

from .conftest import ROOT, messages

CLI = [sys.executable, "-m", "cleantext"]

LEAD = "The ferry to the island leaves twice a day in summer and once a day when the sea is rough."
NEXT = "Passengers with bicycles board first, and the crossing takes a little under forty minutes."
TEXT = f"Island ferry times\n{LEAD}\n{NEXT}\nShare this page\n© 2025 Harbour Gazette. All rights reserved.\n"
HTML = (f"<html><head><title>Island ferry</title></head><body><nav><a href='/'>Home</a> <a href='/news'>News</a>"
        f"</nav><article><h1>Island ferry times</h1><p>{LEAD}</p><p>{NEXT}</p></article>"
        "<footer>© 2025 Harbour Gazette. All rights reserved.</footer></body></html>\n")
JSONL = "".join(json.dumps({"id": n, "text": f"{LEAD} Sailing number {n}.\n{NEXT}"}) + "\n" for n in range(40))
INPUTS = {"text": (TEXT, []), "html": (HTML, []), "jsonl": (JSONL, ["--jsonl"])}


def _zstd(data: bytes) -> bytes:
    return zstandard.ZstdCompressor(write_checksum=True).compress(data)


def _in_two(compress: Callable[[bytes], bytes]) -> Callable[[bytes], bytes]:
    """Two members or frames one after the other (a WARC file is gzip per record)."""
    return lambda data: compress(data[: len(data) // 2]) + compress(data[len(data) // 2 :])


COMPRESSORS: dict[str, Callable[[bytes], bytes]] = {
    "gzip": _in_two(gzip.compress), "bzip2": _in_two(bz2.compress), "xz": lzma.compress, "zstd": _in_two(_zstd)}
DECOMPRESSORS: dict[str, Callable[[bytes], bytes]] = {
    ".gz": gzip.decompress, ".bz2": bz2.decompress, ".xz": lzma.decompress,
    ".zst": lambda data: zstandard.ZstdDecompressor().stream_reader(io.BytesIO(data), read_across_frames=True).read()}


@pytest.fixture
def runner():
    return CliRunner()


def _clean(runner: CliRunner, args: list[str], data: bytes | None = None):
    result = runner.invoke(main, ["clean", *args], input=data)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


@pytest.mark.parametrize("kind", INPUTS)
@pytest.mark.parametrize("fmt", COMPRESSORS)
def test_a_compressed_file_without_a_telling_name_reads_as_its_content(runner, tmp_path, fmt, kind):
    text, flags = INPUTS[kind]
    plain, packed = tmp_path / "plain.dat", tmp_path / "packed.dat"
    plain.write_text(text, encoding="utf-8")
    packed.write_bytes(COMPRESSORS[fmt](text.encode()))
    expected = _clean(runner, [*flags, str(plain)])
    assert expected.exit_code == 0 and LEAD in expected.stdout and "rights reserved" not in expected.stdout
    got = _clean(runner, [*flags, str(packed)])
    assert (got.exit_code, got.stdout, messages(got.stderr)) == (0, expected.stdout, messages(expected.stderr))


@pytest.mark.parametrize("kind", INPUTS)
@pytest.mark.parametrize("fmt", COMPRESSORS)
def test_compressed_stdin_reads_as_its_content(runner, fmt, kind):
    text, flags = INPUTS[kind]
    expected = _clean(runner, flags, text.encode())
    assert expected.exit_code == 0 and LEAD in expected.stdout
    got = _clean(runner, flags, COMPRESSORS[fmt](text.encode()))
    assert (got.exit_code, got.stdout, messages(got.stderr)) == (0, expected.stdout, messages(expected.stderr))


@pytest.mark.parametrize("fmt", COMPRESSORS)
def test_compressed_stdin_through_a_real_pipe(fmt):
    """A pipe, not CliRunner's in-memory stdin: the first bytes are peeked at, not lost."""
    expected = subprocess.run([*CLI, "clean", "--jsonl"], input=JSONL.encode(), capture_output=True, cwd=ROOT)
    got = subprocess.run([*CLI, "clean", "--jsonl"], input=COMPRESSORS[fmt](JSONL.encode()),
                         capture_output=True, cwd=ROOT)
    assert expected.returncode == 0 and expected.stdout.count(b"\n") == 40
    assert (got.returncode, got.stdout, messages(got.stderr)) == (0, expected.stdout, messages(expected.stderr))


def _many_records() -> bytes:
    return "".join(json.dumps({"id": n, "text": f"{LEAD} Sailing {n}."}) + "\n" for n in range(3000)).encode()


@pytest.mark.parametrize("fmt", ["gzip", "zstd"])
def test_truncated_data_is_reported_and_what_came_before_is_kept(runner, tmp_path, fmt):
    packed = {"gzip": gzip.compress, "zstd": _zstd}[fmt](_many_records())
    cut = tmp_path / "cut.records"
    cut.write_bytes(packed[: len(packed) // 2])
    for args, data, name in (([str(cut)], None, str(cut)), ([], cut.read_bytes(), "<stdin>")):
        result = _clean(runner, ["--jsonl", *args], data)
        assert result.exit_code == 1
        prefix = f"cleantext: {name}: cannot read: after line "
        said = messages(result.stderr)
        assert said.startswith(prefix), said
        assert said.endswith(": Compressed file ended before the end-of-stream marker was reached\n")
        read_before = int(said[len(prefix):].split(":")[0])
        ids = [json.loads(line)["id"] for line in result.stdout.splitlines()]
        assert 0 < read_before < 3000 and ids == list(range(read_before))


def test_truncated_zstd_through_a_real_pipe_is_reported():
    packed = _zstd(_many_records())
    proc = subprocess.run([*CLI, "clean", "--jsonl"], input=packed[:-3], capture_output=True, cwd=ROOT)
    assert proc.returncode == 1
    assert proc.stderr.decode().startswith("cleantext: <stdin>: cannot read: after line ")
    assert proc.stdout.count(b"\n") > 2000


def test_corrupt_zstd_is_reported(runner, tmp_path):
    packed = bytearray(_zstd(_many_records()))
    packed[300:340] = b"x" * 40
    bad = tmp_path / "bad.jsonl.zst"
    bad.write_bytes(bytes(packed))
    result = _clean(runner, ["--jsonl", str(bad)])
    assert result.exit_code == 1 and f"cleantext: {bad}: cannot read: " in result.stderr
    assert "zstd decompressor error" in result.stderr


@pytest.mark.parametrize("suffix", DECOMPRESSORS)
def test_output_named_compressed_is_written_compressed_and_whole(runner, tmp_path, suffix):
    source = tmp_path / "in.jsonl"
    source.write_text(JSONL, encoding="utf-8")
    plain, packed = tmp_path / "out.jsonl", tmp_path / f"out.jsonl{suffix}"
    assert _clean(runner, ["--jsonl", str(source), "-o", str(plain)]).exit_code == 0
    result = _clean(runner, ["--jsonl", str(source), "-o", str(packed)])
    assert result.exit_code == 0 and result.stdout == ""
    assert packed.read_bytes() != plain.read_bytes()
    assert DECOMPRESSORS[suffix](packed.read_bytes()) == plain.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["in.jsonl", "out.jsonl", packed.name]), "no temp file"
    assert packed.stat().st_mode == plain.stat().st_mode
    again = _clean(runner, ["--jsonl", str(packed)])  # and it reads back
    assert again.exit_code == 0 and [json.loads(line)["id"] for line in again.stdout.splitlines()] == list(range(40))


def test_gzip_output_is_the_same_bytes_every_run(runner, tmp_path):
    source = tmp_path / "in.txt"
    source.write_text(TEXT, encoding="utf-8")
    outputs = []
    for name in ("a.txt.gz", "b.txt.gz"):
        assert _clean(runner, [str(source), "-o", str(tmp_path / name)]).exit_code == 0
        outputs.append((tmp_path / name).read_bytes())
    assert outputs[0] == outputs[1] and gzip.decompress(outputs[0]).decode() == f"{LEAD}\n\n{NEXT}\n"


@pytest.mark.parametrize("suffix", DECOMPRESSORS)
def test_a_failed_run_leaves_no_compressed_file(tmp_path, capfd, suffix):
    target = tmp_path / f"out.jsonl{suffix}"
    with pytest.raises(RuntimeError), open_output(str(target)) as sink:
        sink.write(JSONL * 50)
        raise RuntimeError("the run fails")
    gc.collect()
    assert list(tmp_path.iterdir()) == [] and capfd.readouterr().err == "", "no file, nothing written late"


def test_stdout_stays_text(runner):
    result = _clean(runner, ["-o", "-"], TEXT.encode())
    assert result.exit_code == 0 and result.stdout == f"{LEAD}\n\n{NEXT}\n"


@pytest.mark.parametrize("content", [
    b"BZh, said the bee, and flew off over the harbour wall.\n",  # bzip2's name, not its data
    b"\xfd7z is no xz header without the rest\n",
    b"(\xb5/ almost zstd\n",
    b"Hi\n",  # shorter than the bytes looked at
    b"",
])
def test_uncompressed_data_reads_unchanged(tmp_path, content):
    path = tmp_path / "note.txt"
    path.write_bytes(content)
    assert [(name, stream.read()) for name, stream in iter_sources([str(path)])] == [(str(path), content)]


def test_empty_stdin_still_works(runner):
    for flags in ([], ["--jsonl"]):
        result = _clean(runner, flags, b"")
        assert (result.exit_code, result.stdout, messages(result.stderr)) == (0, "", "")
    proc = subprocess.run([*CLI, "clean", "--jsonl"], input=b"", capture_output=True, cwd=ROOT)
    assert (proc.returncode, proc.stdout, messages(proc.stderr)) == (0, b"", "")


def test_the_content_wins_over_the_suffix(runner, tmp_path):
    """A ``.gz`` that holds zstd is read as zstd; one that is not compressed at all is refused, as gzip would."""
    odd = tmp_path / "odd.jsonl.gz"
    odd.write_bytes(_zstd(JSONL.encode()))
    result = _clean(runner, ["--jsonl", str(odd)])
    assert result.exit_code == 0 and result.stdout.count("\n") == 40
    fake = tmp_path / "fake.jsonl.zst"
    fake.write_text(JSONL, encoding="utf-8")
    result = _clean(runner, ["--jsonl", str(fake)])
    assert result.exit_code == 1 and result.stdout == ""
    message = "Not a zstd file (its name says zstd, its first bytes do not)"
    assert messages(result.stderr) == f"cleantext: {fake}: cannot read: {message}\n"


class _Trickle(io.RawIOBase):
    """A pipe that gives one byte at a time, without ``peek``."""

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        byte = self._data.read(1)
        buffer[: len(byte)] = byte
        return len(byte)


def test_first_bytes_are_peeked_not_consumed():
    data = gzip.compress(b"first line\nsecond line\n")
    head, stream = peeked(_Trickle(data))  # type: ignore[arg-type]
    assert head == data[:10] and stream.read() == data
    assert list(decompressed(_Trickle(data))) == [b"first line\n", b"second line\n"]  # type: ignore[arg-type]
    buffered = io.BufferedReader(_Trickle(data))  # has peek, which gives one byte at first
    assert decompressed(buffered).read() == b"first line\nsecond line\n"  # type: ignore[arg-type]


def test_names_of_formats():
    assert [compression_of(fmt(b"x")) for fmt in COMPRESSORS.values()] == list(COMPRESSORS)
    assert [compression_of(fmt(b"")) for fmt in COMPRESSORS.values()] == list(COMPRESSORS), "empty, yet compressed"
    assert compression_of(b"") is None and compression_of(b"<html>") is None
    assert [compression_named(f"a.jsonl{s}") for s in DECOMPRESSORS] == list(COMPRESSORS)
    assert compression_named("a.tar") is None and compression_named("gz") is None


def test_closing_the_streams_leaves_the_underlying_one_open():
    for fmt, compress in COMPRESSORS.items():
        raw = io.BytesIO(compress(b"kept open\n"))
        stream = decompressed(raw)
        assert stream.read() == b"kept open\n"
        stream.close()
        assert not raw.closed, fmt
    for suffix, decompress in DECOMPRESSORS.items():
        raw = io.BytesIO()
        with compressing(raw, f"out{suffix}") as out:
            out.write(b"kept open\n")
        assert not raw.closed and decompress(raw.getvalue()) == b"kept open\n", suffix
