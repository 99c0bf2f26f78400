"""`cleantext learn`, `clean --profile` and `clean --learn` from the command line."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleantext.cli import main
from cleantext.profile import Profile

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "profile-corpus"
FILES = sorted(str(p) for p in CORPUS.glob("*/*.txt"))
FOOTER = "Join {n} readers who get our morning briefing by email. Sign up for free, unsubscribe at any time."
STORIES = [
    "Dock workers extended their strike on Monday, leaving ships waiting outside the harbour for days.",
    "The council approved a new cycle lane along the river after a long and heated public meeting.",
    "A heatwave pushed temperatures past forty degrees in the south, and schools closed early.",
    "Farmers in the valley reported the best cherry harvest in a decade after a mild spring.",
    "The city library reopened after repairs to its roof, with a new reading room for children.",
    "Train services between the two cities resumed after engineers repaired a damaged bridge.",
]


def records():
    return [{"id": i, "url": f"https://www.eastgazette.co.uk/news/{i}",
             "text": f"{story}\n\n{FOOTER.format(n=12000 + i)}"} for i, story in enumerate(STORIES)]


def jsonl(rows):
    return "".join(json.dumps(r) + "\n" for r in rows)


@pytest.fixture
def runner():
    return CliRunner()


def test_learn_files_sites_from_folders(runner, tmp_path):
    out = tmp_path / "profile.json"
    result = runner.invoke(main, ["learn", *FILES, "-o", str(out)])
    assert result.exit_code == 0, result.output
    profile = Profile.load(out)
    assert "eastgazette.co.uk" in profile.sites
    assert "learned" in result.stderr


def test_learn_jsonl_then_clean_with_profile(runner, tmp_path):
    profile = tmp_path / "p.json"
    learned = runner.invoke(main, ["learn", "--jsonl", "-o", str(profile)], input=jsonl(records()))
    assert learned.exit_code == 0
    assert list(Profile.load(profile).sites) == ["eastgazette.co.uk"]
    result = runner.invoke(main, ["clean", "--jsonl", "--explain", "--profile", str(profile)],
                           input=jsonl(records()))
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["text"] for r in out] == STORIES
    assert all(r["site"] == "eastgazette.co.uk" for r in out)
    assert all(r["paragraphs"][1]["reason"] == "repeated" for r in out)


def test_profile_applies_only_to_its_site(runner, tmp_path):
    profile = tmp_path / "p.json"
    runner.invoke(main, ["learn", "--jsonl", "-o", str(profile)], input=jsonl(records()))
    other = [{**r, "url": "https://another.example/x"} for r in records()]
    result = runner.invoke(main, ["clean", "--jsonl", "--profile", str(profile)], input=jsonl(other))
    assert all("Join 1" in json.loads(line)["text"] for line in result.stdout.splitlines())


def test_streaming_learn_is_deterministic_and_warms_up(runner):
    first = runner.invoke(main, ["clean", "--jsonl", "--learn"], input=jsonl(records()))
    second = runner.invoke(main, ["clean", "--jsonl", "--learn"], input=jsonl(records()))
    assert first.stdout == second.stdout
    texts = [json.loads(line)["text"] for line in first.stdout.splitlines()]
    assert "Join" in texts[0]  # the first documents of a site are judged with too little evidence
    assert texts[-1] == STORIES[-1]  # by then the footer has recurred enough


def test_learn_reports_bad_lines_and_goes_on(runner, tmp_path):
    rows = jsonl(records()[:3]) + "not json\n" + json.dumps({"id": 9, "text": "x"}) + "\n"
    result = runner.invoke(main, ["learn", "--jsonl", "-o", str(tmp_path / "p.json")], input=rows)
    assert result.exit_code == 1
    assert "<stdin>:4: skipped: invalid JSON: Expecting value" in result.stderr
    assert "<stdin>:5: skipped: missing field 'url'" in result.stderr


def test_malformed_profile_is_a_usage_error(runner, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "cleantext-profile", "version": 99}', encoding="utf-8")
    result = runner.invoke(main, ["clean", "--profile", str(bad)], input="text")
    assert result.exit_code == 2
    assert "--profile" in result.stderr and "bad.json: missing key 'sites'" in result.stderr


def test_learn_reports_documents_over_the_limits(runner, tmp_path):
    rows = jsonl(records()[:2]) + json.dumps({"id": 7, "url": "https://a.example/x", "text": "x" * 5000}) + "\n"
    result = runner.invoke(main, ["learn", "--jsonl", "--max-bytes", "4k", "-o", str(tmp_path / "p.json")],
                           input=rows)
    assert result.exit_code == 1
    assert "<stdin>:3: skipped: too-large" in result.stderr
