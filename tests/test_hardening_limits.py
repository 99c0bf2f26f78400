"""The per-document time and size limits: a document over them is reported
and passed through, and never holds up the others."""

from __future__ import annotations

import contextlib
import json
import random
import signal
import threading
import time

import pytest
from click.testing import CliRunner

from cleantext import Cleaner, Options
from cleantext.cli import main
from cleantext.limits import Deadline, LimitExceeded, parse_size, within_limits
from cleantext.model import Document, Paragraph

from .conftest import messages

# pytest-timeout's default method holds the process's one real-time timer (SIGALRM), and the
# cleaner leaves a timer it finds alone: here the time limit must be free to use it.
pytestmark = pytest.mark.timeout(300, method="thread")

BODY = "The museum reopens on Friday with a new wing for modern art and a larger café for visitors."
WORDS = ["river", "mountain", "city", "paper", "market", "school", "morning", "evening", "table", "window",
         "garden", "letter", "station"]


def slow_page(megabytes: float) -> str:
    """A long article: many paragraphs of varied words (trafilatura takes about a second a megabyte)."""
    rnd = random.Random(7)
    paragraphs = []
    while sum(map(len, paragraphs)) < megabytes * 2**20:
        words = " ".join(rnd.choice(WORDS) for _ in range(40))
        paragraphs.append(f"<div class='c{len(paragraphs) % 5}'><p>{words.capitalize()}.</p></div>")
    return f"<html><body><article>{''.join(paragraphs)}</article></body></html>"


@pytest.fixture(scope="module")
def big_page():
    return slow_page(4)


def test_a_slow_document_is_abandoned_at_its_deadline(big_page):
    cleaner = Cleaner(Options(timeout=0.2))
    cleaner.process("Warm up: the language profiles load once.")
    start = time.perf_counter()
    doc = cleaner.process(big_page)
    assert time.perf_counter() - start < 1.2, "the extraction was not interrupted"
    assert doc.paragraphs == [] and doc.meta == {
        "skipped": "timeout", "error": "timeout: not cleaned within 0.2 s (--timeout)"}
    assert cleaner.clean(BODY) == BODY, "the cleaner works on after a timeout"


def test_an_interruption_swallowed_on_the_way_comes_again():
    def read(deadline):  # as when the alarm lands in a gc callback or a __del__, which ignore exceptions
        with deadline.interrupting():
            with contextlib.suppress(BaseException):
                time.sleep(3)
            time.sleep(3)
        return Document([Paragraph("never read")])

    start = time.perf_counter()
    doc = within_limits("page", Options(timeout=0.1), read)
    assert time.perf_counter() - start < 1.5, "the second sleep was not interrupted"
    assert doc.meta["skipped"] == "timeout"
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_the_alarm_leaves_other_signal_handlers_and_timers_as_they_were(big_page):
    fired = []
    previous = signal.signal(signal.SIGALRM, lambda *_: fired.append(1))
    try:
        assert Cleaner(Options(timeout=0.1)).process(big_page).meta["skipped"] == "timeout"
        assert signal.getsignal(signal.SIGALRM) is not previous and fired == []
        signal.setitimer(signal.ITIMER_REAL, 50)  # someone else's timer: not touched, no alarm of ours
        doc = Cleaner(Options(timeout=0.05)).process(slow_page(0.3))
        assert 49 < signal.getitimer(signal.ITIMER_REAL)[0] <= 50
        assert doc.meta["skipped"] == "timeout", "checked when reading ends, as in a thread"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert fired == []


def test_in_a_thread_the_deadline_is_checked_when_reading_ends():
    page, results = slow_page(0.3), []
    handler = signal.getsignal(signal.SIGALRM)
    thread = threading.Thread(target=lambda: results.append(Cleaner(Options(timeout=0.01)).process(page)))
    thread.start()
    thread.join(60)
    assert results[0].meta["skipped"] == "timeout" and signal.getsignal(signal.SIGALRM) is handler


def test_no_limit_means_no_limit():
    cleaner = Cleaner(Options(timeout=0, max_bytes=0))
    assert cleaner.clean(BODY * 3) == BODY * 3


def test_a_slow_record_in_a_stream_is_an_error_record_and_the_others_are_cleaned(runner, big_page):
    lines = [json.dumps({"id": i, "text": text}) for i, text in enumerate([BODY, big_page, BODY])]
    start = time.perf_counter()
    result = runner.invoke(main, ["clean", "--jsonl", "--timeout", "0.3"], input="\n".join(lines) + "\n")
    assert time.perf_counter() - start < 10
    assert result.exit_code == 1
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r.get("error") for r in out] == [None, "timeout: not cleaned within 0.3 s (--timeout)", None]
    assert out[1]["text"] == big_page, "passed through as it came"
    assert messages(result.stderr) == "cleantext: <stdin>:2 (id 1): timeout: not cleaned within 0.3 s (--timeout)\n"


def test_a_slow_file_is_reported_and_gives_no_text(runner, tmp_path, big_page):
    slow, fast = tmp_path / "slow.html", tmp_path / "fast.txt"
    slow.write_text(big_page, encoding="utf-8")
    fast.write_text(BODY, encoding="utf-8")
    result = runner.invoke(main, ["clean", "--timeout", "0.3", str(slow), str(fast)])
    assert result.exit_code == 1
    assert result.stdout == f"==> {slow} <==\n==> {fast} <==\n{BODY}\n"
    assert messages(result.stderr) == f"cleantext: {slow}: timeout: not cleaned within 0.3 s (--timeout)\n"


def test_the_explain_command_reports_a_document_it_did_not_clean(runner):
    result = runner.invoke(main, ["explain", "--max-bytes", "10"], input=BODY)
    assert result.exit_code == 1 and "kept 0 of 0 paragraphs" in result.stdout
    assert result.stderr.startswith("cleantext: <stdin>: too-large: ")


@pytest.fixture
def runner():
    return CliRunner()


def test_deadline_check():
    deadline = Deadline(0.01)
    time.sleep(0.02)
    with pytest.raises(LimitExceeded, match=r"timeout: not cleaned within 0\.01 s"):
        deadline.check()


@pytest.mark.parametrize("text, size", [("1000", 1000), ("16M", 16 * 2**20), ("512k", 512 * 1024),
                                        ("1.5GiB", 3 * 2**29), ("2 MB", 2 * 2**20), ("0", 0)])
def test_sizes(text, size):
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "M", "-1", "1T", "ten"])
def test_bad_sizes(text):
    with pytest.raises(ValueError, match="not a size"):
        parse_size(text)


def test_negative_limits_are_refused():
    with pytest.raises(ValueError, match="max_bytes and timeout"):
        Options(timeout=-1)
