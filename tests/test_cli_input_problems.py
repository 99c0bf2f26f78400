"""What the command says about its input and options: before work starts when the options are
wrong, on stderr with the place when a document or record is doubtful, and nothing for what
is not a problem (blank lines in JSON Lines)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from cleantext import Cleaner, Options
from cleantext.cli import main

from .conftest import messages

BODY = "The museum reopens on Friday with a new wing for modern art and a larger café for visitors."


def record(n: int, **fields: object) -> str:
    return json.dumps({"id": n, "text": BODY, **fields}, ensure_ascii=False) + "\n"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


# ----------------------------------------------------------------------------- blank lines


@pytest.mark.parametrize("workers", ["1", "2"])
def test_blank_lines_in_json_lines_are_skipped_and_line_numbers_stay_right(runner, tmp_path, workers):
    path = tmp_path / "with-blanks.jsonl"
    path.write_text(record(1) + "\n  \t\n" + record(2) + "not json\n\n\n", encoding="utf-8")
    result = runner.invoke(main, ["clean", "--jsonl", "--workers", workers, str(path)])
    assert result.exit_code == 1  # for the line that is not JSON, not for the blank ones
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r.get("id") for r in out] == [1, 2, None] and "raw" in out[2]
    assert messages(result.stderr).count("cleantext:") == 1 and f"{path}:5: invalid JSON" in result.stderr


def test_a_file_ending_in_an_extra_newline_is_no_error(runner):
    result = runner.invoke(main, ["clean", "--jsonl"], input=record(1) + record(2) + "\n")
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 2 and messages(result.stderr) == ""


def test_learning_skips_blank_lines_too(runner):
    lines = "".join(record(n, url=f"https://news.example/{n}") + "\n" for n in range(3))
    result = runner.invoke(main, ["learn", "--jsonl"], input=lines)
    assert result.exit_code == 0 and "skipped" not in result.stderr


# ----------------------------------------------------------------------------- options that are wrong


def test_an_unknown_rule_id_is_refused_before_any_input_is_read(runner):
    result = runner.invoke(main, ["clean", "--disable", "titel"], input=BODY)
    assert result.exit_code == 2 and "unknown rule id 'titel'" in result.stderr
    assert "did you mean 'title'" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("rule", ["title", "foreign-edge", "repeated", "letterless", "fr/", "en/newsletter"])
def test_known_rule_ids_and_families_are_accepted(rule):
    assert not Cleaner(Options(disable=(rule,))).options.rule_enabled(rule)


@pytest.mark.parametrize("args", [["--jsonl"], [], ["--jsonl", "--workers", "2"]])
def test_a_bad_phrase_file_is_a_usage_error_not_an_error_per_record(runner, tmp_path, args):
    bad = tmp_path / "phrases.txt"
    bad.write_text("a pattern before any section\n", encoding="utf-8")
    result = runner.invoke(main, ["clean", *args, "--phrases", str(bad)], input=record(1) + record(2))
    assert result.exit_code == 2 and f"{bad}:1: pattern before any" in result.stderr
    assert result.stdout == "" and "Traceback" not in result.output


def test_the_library_refuses_bad_options_when_the_cleaner_is_made(tmp_path):
    bad = tmp_path / "phrases.txt"
    bad.write_text("lang: en\n[newsletter]\nno maximum\n", encoding="utf-8")
    with pytest.raises(ValueError, match="needs a maximum length"):
        Cleaner(Options(phrase_files=(str(bad),)))
    with pytest.raises(ValueError, match=r"unknown rule id 'pull_quote'.*'pull-quote'"):
        Cleaner(Options(disable=("pull_quote",)))


def test_a_site_field_that_no_record_has_is_said_once_with_a_count(runner):
    lines = "".join(record(n, link=f"https://news.example/{n}") for n in range(4))
    result = runner.invoke(main, ["clean", "--jsonl", "--learn", "--site-field", "url"], input=lines)
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 4
    assert result.stderr.count("no site: field 'url' is missing") == 2  # the first place, then the count
    assert "<stdin>:1 (id 0): warning: no site" in result.stderr and "3 more like this" in result.stderr


def test_without_a_profile_the_site_field_is_not_needed(runner):
    result = runner.invoke(main, ["clean", "--jsonl"], input=record(1))
    assert result.exit_code == 0 and messages(result.stderr) == ""


# ----------------------------------------------------------------------------- bytes that are doubtful


def test_a_lying_charset_is_read_right_said_on_stderr_and_in_explain(runner, tmp_path):
    page = tmp_path / "lying.html"
    text = "Правительство обсудило бюджет на следующий год, новые школы и больницы в регионах страны."
    page.write_bytes(f'<html><head><meta charset="utf-8"></head><body><article><p>{text}</p>'
                     f"<p>{text}</p></article></body></html>".encode("cp1251"))
    result = runner.invoke(main, ["clean", str(page)])
    assert result.exit_code == 0 and text in result.stdout
    assert "warning: the declared utf-8 leaves invalid byte sequences: read as cp1251" in result.stderr
    explained = json.loads(runner.invoke(main, ["clean", "--explain", str(page)]).stdout)
    assert (explained["encoding"], explained["declared"]) == ("cp1251", "utf-8") and "encoding_note" in explained


def test_binary_junk_is_reported_and_the_exit_code_says_so(runner, tmp_path):
    junk = tmp_path / "image.png"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x08\x06\x00\x00" * 50)
    result = runner.invoke(main, ["clean", str(junk)])
    assert result.exit_code == 1 and f"{junk}: doubtful decoding: binary data?" in result.stderr


def test_a_utf8_text_file_raises_no_doubt(runner, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(BODY, encoding="utf-8")
    result = runner.invoke(main, ["clean", "--explain", str(path)])
    assert result.exit_code == 0 and result.stderr == ""
    assert json.loads(result.stdout)["encoding"] == "utf-8"
