"""The command as a real process: a closed pipe, SIGINT and SIGTERM mid-run
(where output goes is in ``test_safety.py``)."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

CLI = [sys.executable, "-m", "cleantext"]
WORDS = ["river", "mountain", "city", "paper", "market", "school", "morning", "evening", "table", "window",
         "garden", "letter", "station"]


def article(n: int, paragraphs: int = 6) -> str:
    """A plain-text article of its own (distinct paragraphs, nothing to drop)."""
    return "\n\n".join(
        " ".join(WORDS[(n * 7 + p * 3 + w) % len(WORDS)] for w in range(60)).capitalize() + f" {n}.{p}."
        for p in range(paragraphs)
    )


def write_jsonl(path: Path, count: int, paragraphs: int = 6) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            out.write(json.dumps({"id": n, "text": article(n, paragraphs)}) + "\n")
    return path


def wait_for(condition, timeout: float = 60) -> None:
    end = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < end, "the run never got there"
        time.sleep(0.02)


@pytest.mark.parametrize("jsonl", [True, False])
def test_a_closed_pipe_ends_the_run_quietly(tmp_path, jsonl):
    if jsonl:
        source = write_jsonl(tmp_path / "big.jsonl", 400)
    else:
        source = tmp_path / "big.txt"
        source.write_text("\n\n".join(article(n, 1) for n in range(3000)), encoding="utf-8")
    command = " ".join([*CLI, "clean", *(["--jsonl"] if jsonl else []), str(source)])
    proc = subprocess.run(["bash", "-c", f"{command} 2>{tmp_path}/err | head -1; echo ${{PIPESTATUS[0]}}"],
                          capture_output=True, timeout=120, text=True)
    first, status = proc.stdout.splitlines()
    assert status == "0" and (tmp_path / "err").read_text() == "", "no traceback, no message, exit 0"
    assert json.loads(first)["id"] == 0 if jsonl else first.startswith("River")


def start(args: list[str], **kwargs) -> subprocess.Popen:
    return subprocess.Popen([*CLI, "clean", *args], stderr=subprocess.PIPE, **kwargs)


@pytest.mark.parametrize("signum, status, workers", [(signal.SIGTERM, 143, "1"), (signal.SIGINT, 130, "1"),
                                                     (signal.SIGTERM, 143, "2")])
def test_a_signal_mid_run_leaves_the_output_file_as_it_was(tmp_path, signum, status, workers):
    source = write_jsonl(tmp_path / "in.jsonl", 3000)
    out = tmp_path / "out.jsonl"
    out.write_text("the previous version\n", encoding="utf-8")

    def partial_written() -> bool:
        return any(p.stat().st_size > 0 for p in tmp_path.glob(".cleantext-*.part"))

    proc = start(["--jsonl", "--workers", workers, str(source), "-o", str(out)])
    wait_for(partial_written)
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == status, err
    assert out.read_text(encoding="utf-8") == "the previous version\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out.jsonl"], "no temporary file left"
    name = signal.Signals(signum).name
    assert err.decode().endswith(f"cleantext: interrupted by {name}; {out} is written only when complete\n")


@pytest.mark.parametrize("signum, status", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_mid_run_leaves_stdout_at_the_end_of_a_whole_record(tmp_path, signum, status):
    source = write_jsonl(tmp_path / "in.jsonl", 3000, paragraphs=40)  # records of ~16 kB: flushes split them
    stdout = tmp_path / "stdout.jsonl"
    with stdout.open("wb") as sink:
        proc = start(["--jsonl", str(source)], stdout=sink)
        wait_for(lambda: stdout.stat().st_size > 200_000)
        proc.send_signal(signum)
        _, err = proc.communicate(timeout=120)
    assert proc.returncode == status
    data = stdout.read_bytes()
    assert data.endswith(b"\n"), "a half-written record at the end"
    records = [json.loads(line) for line in data.splitlines()]
    assert [r["id"] for r in records] == list(range(len(records)))
    assert err.decode().endswith("the output ends at the last whole record\n")
