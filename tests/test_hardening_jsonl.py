"""JSON Lines at its worst: one record out per line in, in order, always;
every bad line reported with its file, line and record id."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleantext import Cleaner
from cleantext.cli import main
from cleantext.model import Document
from cleantext.records import RecordFormat, clean_line, clean_records, error_result

from .conftest import messages

BODY = "The museum reopens on Friday with a new wing for modern art and a larger café for visitors."
CLI = [sys.executable, "-m", "cleantext"]


def record(n: int, **fields: object) -> bytes:
    return json.dumps({"id": n, **fields}, ensure_ascii=False).encode() + b"\n"


# (input line, what its output record must show or None for no record, the message on stderr or None)
NASTY_LINES: list[tuple[bytes, dict[str, object] | None, str | None]] = [
    (b"\xef\xbb\xbf" + record(1, text=BODY), {"id": 1, "text": BODY}, None),  # a byte-order mark first
    (record(2, text=None), {"id": 2, "error": "field 'text' is null, not a string"}, "field 'text' is null"),
    (b"not json at all\n", {"raw": "not json at all"}, "invalid JSON"),
    (record(4), {"id": 4, "error": "missing field 'text'"}, "missing field 'text'"),
    (record(5, text=42), {"id": 5, "text": 42}, "field 'text' is int, not a string"),
    (record(6, text=["a", "b"]), {"id": 6, "text": ["a", "b"]}, "field 'text' is list, not a string"),
    (record(7, text={"html": "<p>x</p>"}), {"id": 7}, "field 'text' is dict, not a string"),
    (b"\n", None, None),  # blank lines are skipped, as every JSON Lines reader does
    (b"   \t\r\n", None, None),
    (b"[1, 2, 3]\n", {"raw": [1, 2, 3]}, "a JSON list, not an object"),
    (b"null\n", {"raw": None}, "a JSON NoneType, not an object"),
    (record(12, text=BODY) .replace(b"\n", b"\r\n"), {"id": 12, "text": BODY}, None),  # CRLF
    (record(13, text=BODY), {"id": 13, "text": BODY}, None),  # a duplicate id…
    (record(13, text=BODY, copy=2), {"id": 13, "copy": 2}, None),  # …keeps both, in order
    (b'{"id": 15, "n": ' + b"9" * 5000 + b"}\n", {}, "invalid JSON: Exceeds the limit"),
    (b"[" * 100_000 + b"\n", {}, "invalid JSON: nested too deeply"),
    (b'{"id": 17, "text": "caf\xe9 \xff"}\n', {"id": 17, "text": "caf\ufffd \ufffd"}, None),  # not UTF-8
    (record(18, text="A line\u2028break and a\u2029paragraph sep\x85arator."), {"id": 18}, None),
    (b'{"id": 19, "text": "lone \\ud800 surrogate", "note": "\\udfff"}\n', {"id": 19, "note": "\udfff"}, None),
    (b'{"id": 20, "text": "a bare\rreturn"}\n', {}, "invalid JSON"),
    (b'{"id": 21, "text": "The last line is cut o', {}, "invalid JSON"),  # truncated, no newline
]


@pytest.fixture
def runner():
    return CliRunner()


@pytest.mark.parametrize("workers", [1, 2])
def test_every_line_gives_one_record_in_order_and_bad_ones_are_reported(runner, tmp_path, workers):
    path = tmp_path / "nasty.jsonl"
    path.write_bytes(b"".join(line for line, _, _ in NASTY_LINES))
    result = runner.invoke(main, ["clean", "--jsonl", "--workers", str(workers), str(path)])
    assert result.exit_code == 1
    out = result.stdout.split("\n")
    records = [(number, expected, message) for number, (_, expected, message) in enumerate(NASTY_LINES, start=1)
               if expected is not None]
    assert out[-1] == "" and len(out) - 1 == len(records), "one record per input line that is not blank"
    for (number, expected, message), line in zip(records, out, strict=False):
        got = json.loads(line)
        assert expected.items() <= got.items(), f"line {number}: {got}"
        where = f"cleantext: {path}:{number}" + (f" (id {got['id']})" if "id" in got else "")
        if message is None:
            said = [line for line in result.stderr.splitlines() if line.startswith((where + ":", where + " ("))]
            assert "error" not in got and all(": warning: " in line for line in said)
        else:
            assert got["error"].startswith(message.split(":")[0]) and f"{where}: {message}" in result.stderr
    assert not any(char in out[15] for char in "\u2028\u2029\x85"), "escaped, or repaired into plain text"
    assert json.loads(out[16])["text"] == "lone \ufffd surrogate"
    assert f"{path}:17 (id 17): warning: not valid UTF-8" in result.stderr


def test_output_lines_never_hold_a_line_break_of_any_kind(runner):
    line = record(1, text=BODY, note="a\u2028b\u2029c\x85d\x1ce\x1df\x1eg\x0bh\x0ci")
    result = runner.invoke(main, ["clean", "--jsonl"], input=line)
    assert len(result.stdout.splitlines()) == 1 and result.stdout.endswith("\n")
    assert json.loads(result.stdout)["note"] == "a\u2028b\u2029c\x85d\x1ce\x1df\x1eg\x0bh\x0ci"


def test_a_200_mb_record_is_passed_through_as_too_large_between_clean_ones(tmp_path):
    path, out = tmp_path / "big.jsonl", tmp_path / "out.jsonl"
    huge = "x" * (200 * 2**20)
    path.write_bytes(record(1, text=BODY) + record("big", text=huge, url="u") + record(3, text=BODY))
    del huge
    start = time.perf_counter()
    proc = subprocess.run([*CLI, "clean", "--jsonl", str(path), "-o", str(out)], capture_output=True, timeout=300)
    assert time.perf_counter() - start < 90
    assert proc.returncode == 1
    size = 200 * 2**20
    assert messages(proc.stderr) == (f"cleantext: {path}:2 (id big): too-large: {size:,} characters, "
                                    "over the limit of 16,777,216 bytes (--max-bytes)\n")
    lines = out.read_bytes().split(b"\n")
    assert len(lines) == 4 and lines[-1] == b""
    assert json.loads(lines[0])["text"] == BODY and json.loads(lines[2])["text"] == BODY
    big = json.loads(lines[1])
    assert big["id"] == "big" and big["url"] == "u" and len(big["text"]) == size, "passed through, unchanged"
    assert big["error"].startswith("too-large: ")


def test_a_file_that_cannot_be_read_is_reported_and_the_others_are_cleaned(runner, tmp_path):
    good = tmp_path / "good.jsonl"
    good.write_bytes(record(1, text=BODY))
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(gzip.compress(b"".join(record(n, text=f"{BODY} {n}") for n in range(2000)))[:4000])
    fake = tmp_path / "fake.gz"
    fake.write_bytes(b"this is not gzip\n")
    missing = tmp_path / "missing.jsonl"
    result = runner.invoke(main, ["clean", "--jsonl", str(missing), str(cut), str(fake), str(good)])
    assert result.exit_code == 1
    errors = result.stderr.splitlines()
    assert errors[0] == f"cleantext: {missing}: cannot read: No such file or directory"
    assert errors[1].startswith(f"cleantext: {cut}: cannot read: after line ")
    assert "Compressed file ended before the end-of-stream marker was reached" in errors[1]
    assert errors[2].startswith(f"cleantext: {fake}: cannot read: Not a gzipped file")
    read_before = int(errors[1].split("after line ")[1].split(":")[0])
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in out] == [*range(read_before), 1], "the lines before the damage, then the good file"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_a_file_without_read_permission_is_reported(runner, tmp_path):
    locked = tmp_path / "locked.jsonl"
    locked.write_bytes(record(1, text=BODY))
    locked.chmod(0)
    result = runner.invoke(main, ["clean", "--jsonl", str(locked)])
    assert result.exit_code == 1 and f"{locked}: cannot read: Permission denied" in result.stderr


def test_a_directory_given_as_input_is_read_file_by_file(runner, tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.jsonl").write_bytes(record(2, text=BODY))
    (tmp_path / "1.jsonl").write_bytes(record(1, text=BODY))
    result = runner.invoke(main, ["clean", "--jsonl", str(tmp_path)])
    assert result.exit_code == 0
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == [1, 2]


def explode(doc: Document) -> Document:
    if any("EXPLODE" in p.text for p in doc.paragraphs):
        raise RuntimeError("a bug in a filter")
    return doc


class FailingCleaner(Cleaner):
    """A cleaner whose last filter fails on a marker: a bug, as it would show up."""

    def __init__(self, options=None):
        super().__init__(options)
        self.chain.append(explode)


def test_a_record_that_makes_the_cleaner_fail_is_an_error_record_and_the_stream_goes_on():
    cleaner = FailingCleaner()
    fmt = RecordFormat()
    results = [clean_line(cleaner, record(n, text=text), fmt) for n, text in enumerate([BODY, "EXPLODE now", BODY])]
    assert [r.error is None for r in results] == [True, False, True]
    failed = json.loads(results[1].line)
    assert failed["text"] == "EXPLODE now" and failed["id"] == 1
    assert failed["error"].startswith("failed: RuntimeError: a bug in a filter (at tests/test_hardening_jsonl.py:")
    assert results[1].record_id == "1"


class RaisingCleaner(Cleaner):
    """A cleaner that raises past its own guard: the line still gives one record."""

    def process(self, source, url=None, site=None):
        raise MemoryError("no memory left")


def test_a_cleaner_that_raises_still_gives_one_record_per_line():
    result = clean_line(RaisingCleaner(), record(1, text=BODY), RecordFormat())
    out = json.loads(result.line)
    assert out["id"] == 1 and out["text"] == BODY and result.record_id == "1"
    assert out["error"] == result.error and result.error.startswith("failed: MemoryError: no memory left (at ")


def test_error_result_keeps_the_record_or_the_raw_line():
    fmt = RecordFormat()
    assert json.loads(error_result(b'{"id": 2}\n', "worker died", fmt).line) == {"id": 2, "error": "worker died"}
    assert json.loads(error_result(b"{cut", "worker died", fmt).line) == {"error": "worker died", "raw": "{cut"}
    assert json.loads(error_result("[1]", "worker died", fmt).line) == {"error": "worker died", "raw": "[1]"}


def test_clean_records_gives_one_record_per_item_whatever_the_items():
    items = [{"id": 1, "text": BODY}, "a string", None, {"id": 2, "text": "EXPLODE"}, {"id": 3}, [1], {"text": BODY}]
    out = list(clean_records(iter(items), FailingCleaner()))
    assert len(out) == len(items)
    assert [("error" in r) for r in out] == [False, True, True, True, True, True, False]
    assert out[3]["error"].startswith("failed: RuntimeError") and out[4]["error"] == "missing field 'text'"


def test_timeout_and_size_errors_name_their_option_on_the_command_line(runner, tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_bytes(record("a", text=BODY) + record("b", text=BODY * 40) + record("c", text=BODY))
    result = runner.invoke(main, ["clean", "--jsonl", "--max-bytes", "1k", str(path)])
    assert result.exit_code == 1
    assert f"{path}:2 (id b): too-large: 3,640 characters, over the limit of 1,024 bytes (--max-bytes)" in result.stderr
    assert [json.loads(line).get("error") is None for line in result.stdout.splitlines()] == [True, False, True]


def test_bad_limit_values_are_usage_errors(runner):
    assert runner.invoke(main, ["clean", "--max-bytes", "lots"]).exit_code == 2
    assert runner.invoke(main, ["clean", "--timeout", "-1"]).exit_code == 2


def test_reading_stops_nowhere_on_odd_bytes_in_a_plain_file(tmp_path):
    path = Path(tmp_path / "odd.jsonl")
    lines = [record(n, text=f"{BODY} {n}") for n in range(5)]
    path.write_bytes(b"".join(lines[:2]) + b"\x00\x00\x00\n" + b"".join(lines[2:]))
    result = CliRunner().invoke(main, ["clean", "--jsonl", str(path)])
    assert len(result.stdout.splitlines()) == 6 and f"{path}:3: invalid JSON" in result.stderr
