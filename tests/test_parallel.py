import io
import json
import multiprocessing
import os
import re

import pytest
from click.testing import CliRunner

from cleantext import Cleaner, parallel
from cleantext.cli import main
from cleantext.parallel import (
    IN_FLIGHT_PER_WORKER,
    Progress,
    WorkersKeepDying,
    map_chunks,
)
from cleantext.tasks import CRASH_MESSAGE

from .conftest import messages

BODY = "The museum reopens on Friday with a new wing for modern art and a larger café for visitors."
FOOTER = "Cet article a été publié à l'origine sur le site de notre partenaire. Tous droits réservés."
POISON = "KILL-THE-WORKER"

fork_only = pytest.mark.skipif(multiprocessing.get_start_method() != "fork",
                               reason="the crash is patched into the workers, which needs the fork start method")


# Module-level, so that worker processes can run them.
def _squares(items):
    return [n * n for n in items]


def _squares_dying_on_13(items):
    if 13 in items:
        os._exit(7)
    return _squares(items)


def _squares_dying_once(items):
    """Dies the first time it sees 13 (a marker file remembers), then works."""
    for n, marker in items:
        if n == 13 and not os.path.exists(marker):
            open(marker, "w").close()
            os._exit(7)
    return [n * n for n, _ in items]


def _always_dying(items):
    os._exit(7)


def chunked(items, size):
    return [(k, items[k:k + size]) for k in range(0, len(items), size)]


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_results_come_in_input_order(workers):
    chunks = chunked(list(range(50)), 4)
    out = list(map_chunks(_squares, chunks, workers=workers, crashed=str))
    assert [key for key, _ in out] == [key for key, _ in chunks]
    assert [r for _, results in out for r in results] == [n * n for n in range(50)]


def test_a_bounded_number_of_chunks_is_in_flight():
    pulled = []

    def chunks():
        for key, items in chunked(list(range(400)), 2):
            pulled.append(key)
            yield key, items

    results = map_chunks(_squares, chunks(), workers=2, crashed=str)
    next(results)
    assert len(pulled) <= IN_FLIGHT_PER_WORKER * 2 + 1
    results.close()


def test_a_record_that_kills_its_worker_gets_the_crashed_result_and_nothing_is_lost():
    chunks = chunked(list(range(40)), 5)
    out = list(map_chunks(_squares_dying_on_13, chunks, workers=2, crashed=lambda n: f"died on {n}"))
    flat = [r for _, results in out for r in results]
    assert flat == [f"died on {n}" if n == 13 else n * n for n in range(40)]


def test_a_chunk_lost_in_a_crash_is_retried(tmp_path):
    marker = str(tmp_path / "died-once")
    items = [(n, marker) for n in range(30)]
    out = list(map_chunks(_squares_dying_once, chunked(items, 4), workers=2, crashed=lambda item: "crashed"))
    assert os.path.exists(marker)  # it did die once
    assert [r for _, results in out for r in results] == [n * n for n in range(30)]


def test_workers_that_die_on_everything_stop_the_run():
    with pytest.raises(WorkersKeepDying):
        list(map_chunks(_always_dying, chunked(list(range(40)), 1), workers=2, crashed=str))


# ----------------------------------------------------------------------------- the command


def jsonl_input(tmp_path, n=24, poison_at=None):
    lines = []
    for i in range(1, n + 1):
        text = POISON if i == poison_at else f"{BODY.replace('Friday', f'day {i}')}\n\n{FOOTER}"
        lines.append(json.dumps({"id": f"r{i}", "text": text}, ensure_ascii=False))
    lines[4] = "not json"
    lines[9] = json.dumps({"id": "r10"})
    path = tmp_path / "input.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(path, *args):
    return CliRunner().invoke(main, ["clean", "--jsonl", str(path), *args])


def test_output_is_identical_for_any_number_of_workers(tmp_path):
    path = jsonl_input(tmp_path)
    results = {n: run(path, "--workers", str(n), str(tmp_path / "missing.jsonl")) for n in (1, 2, 4)}
    assert {r.exit_code for r in results.values()} == {1}
    assert results[1].stdout == results[2].stdout == results[4].stdout
    assert messages(results[1].stderr) == messages(results[2].stderr) == messages(results[4].stderr)
    out = [json.loads(line) for line in results[1].stdout.splitlines()]
    assert len(out) == 24 and out[0]["text"] == BODY.replace("Friday", "day 1")
    assert "input.jsonl:5: invalid JSON" in results[1].stderr and "missing.jsonl: cannot read" in results[1].stderr


@fork_only
def test_a_record_that_kills_its_worker_is_an_error_record(tmp_path, monkeypatch):
    path = jsonl_input(tmp_path, poison_at=7)
    expected = run(path).stdout.splitlines()
    process = Cleaner.process

    def dies_on_poison(self, source, *args, **kwargs):
        if POISON in source:
            os._exit(9)
        return process(self, source, *args, **kwargs)

    monkeypatch.setattr(Cleaner, "process", dies_on_poison)  # inherited by the forked workers
    result = run(path, "--workers", "2")
    assert result.exit_code == 1
    assert f"input.jsonl:7 (id r7): {CRASH_MESSAGE}" in result.stderr
    out = result.stdout.splitlines()
    assert len(out) == len(expected) == 24
    assert json.loads(out[6]) == {"id": "r7", "text": POISON, "error": CRASH_MESSAGE}
    assert out[:6] + out[7:] == expected[:6] + expected[7:]


@fork_only
def test_workers_that_cannot_clean_anything_stop_the_command_without_output(tmp_path, monkeypatch):
    monkeypatch.setattr(Cleaner, "process", lambda *args, **kwargs: os._exit(9))
    monkeypatch.setattr(parallel, "MAX_CRASHES_IN_A_ROW", 3)
    out = tmp_path / "out.jsonl"
    result = run(jsonl_input(tmp_path), "--workers", "2", "-o", str(out))
    assert result.exit_code == 1 and "in a row killed their worker process" in result.stderr
    assert not out.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["input.jsonl"]


def test_progress_reports_documents_and_errors(tmp_path):
    result = run(jsonl_input(tmp_path), "--progress")
    assert re.search(r"cleantext: 24 documents, [\d,]+ docs/s, 2 errors\n$", messages(result.stderr))


def test_workers_cannot_learn(tmp_path):
    assert run(jsonl_input(tmp_path), "--workers", "2", "--learn").exit_code == 2


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_on_a_terminal_rewrites_one_line():
    term = Terminal()
    progress = Progress(term, interval=0)
    progress.add()
    progress.add(error=True)
    progress.clear()
    progress.close()
    shown = term.getvalue()
    assert shown.startswith("\r\033[Kcleantext: 1 documents") and shown.count("\n") == 1
    assert re.search(r"\r\033\[Kcleantext: 2 documents, [\d,]+ docs/s, 1 errors\n$", shown)
