import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleantext import __version__
from cleantext.cli import main

from .conftest import SEED, shared_file

BODY = "The museum reopens on Friday with a new wing for modern art and a larger café for visitors."
ARTICLE = f"Museum reopens\n{BODY}\n{BODY.replace('Friday', 'Monday')}\n© 2024 City Herald. All rights reserved."


@pytest.fixture
def runner():
    return CliRunner()


def test_clean_stdin_to_stdout(runner):
    result = runner.invoke(main, ["clean"], input=ARTICLE)
    assert result.exit_code == 0
    assert result.output == f"{BODY}\n\n{BODY.replace('Friday', 'Monday')}\n"


def test_clean_file_to_output_file(runner, tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out.txt"
    result = runner.invoke(main, ["clean", str(src), "-o", str(out)])
    assert result.exit_code == 0 and result.output == ""
    assert out.read_text(encoding="utf-8").startswith(BODY)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "out.txt"]  # no temporary file left


def test_several_files_get_headers(runner, tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(main, ["clean", str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
    assert result.output.count("==> ") == 2 and result.exit_code == 0


def test_unreadable_file_is_reported_and_others_go_on(runner, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(main, ["clean", str(tmp_path / "missing.txt"), str(good)])
    assert result.exit_code == 1
    assert "missing.txt: cannot read" in result.stderr
    assert BODY in result.stdout


def test_jsonl_contract(runner):
    lines = [
        json.dumps({"id": "a", "html": f"<html><body><article><p>{BODY}</p></article></body></html>", "n": 1}),
        "not json",
        json.dumps({"id": "c"}),
        json.dumps({"id": "d", "html": BODY}),
    ]
    result = runner.invoke(main, ["clean", "--jsonl", "--field", "html", "--output-field", "text"],
                           input="\n".join(lines) + "\n")
    assert result.exit_code == 1
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == 4
    assert out[0]["id"] == "a" and out[0]["n"] == 1 and out[0]["text"] == BODY
    assert out[1]["raw"] == "not json" and "invalid JSON" in out[1]["error"]
    assert out[2] == {"id": "c", "error": "missing field 'html'"}
    assert out[3]["text"] == BODY
    assert "<stdin>:2: invalid JSON" in result.stderr
    assert "<stdin>:3 (id c): missing field 'html'" in result.stderr


def test_jsonl_explain(runner):
    result = runner.invoke(main, ["clean", "--jsonl", "--explain"], input=json.dumps({"text": ARTICLE}) + "\n")
    record = json.loads(result.stdout)
    assert record["title"] == "Museum reopens" and record["lang"] == "en"
    assert [p["reason"] for p in record["paragraphs"]] == ["title", None, None, "en/copyright"]


def test_disable_rule(runner):
    result = runner.invoke(main, ["clean", "--disable", "title", "--disable", "en/", "--disable", "mul/"],
                           input=ARTICLE)
    assert result.output.startswith("Museum reopens\n\n") and "© 2024" in result.output


def test_explain_command_shows_verdicts(runner, tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(main, ["explain", str(src)])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].startswith("language: en   title: Museum reopens   kept 2 of 4")
    assert "title" in lines[2] and "en/copyright" in lines[-1]


def test_version_and_help(runner):
    assert __version__ in runner.invoke(main, ["--version"]).output
    help_text = runner.invoke(main, ["clean", "--help"]).output
    assert "--jsonl" in help_text and "Examples:" in help_text


def test_bad_usage_exits_2(runner):
    assert runner.invoke(main, ["clean", "--format", "pdf"]).exit_code == 2


def test_installed_command_through_a_pipe():
    beside_python = Path(sys.executable).parent / "cleantext"
    exe = str(beside_python) if beside_python.exists() else shutil.which("cleantext")
    assert exe, "the cleantext command is not installed"
    text = shared_file(SEED).read_bytes()
    proc = subprocess.run([exe, "clean"], input=text, capture_output=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    body = proc.stdout.decode("utf-8")
    assert body.startswith("Iran is preparing to hold talks") and "Middle East Eye propose" not in body


def test_stdout_is_utf8_whatever_the_locale():
    beside_python = Path(sys.executable).parent / "cleantext"
    env = {"PATH": "/usr/bin:/bin", "LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0"}
    text = "Der Bürgermeister erklärte am Abend, dass die Stadt die Kosten nicht allein tragen könne."
    proc = subprocess.run([str(beside_python), "clean"], input=text.encode("utf-8"), env=env,
                          capture_output=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode("utf-8") == text + "\n"
