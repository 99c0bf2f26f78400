"""Folders and many files: names mirrored under --output-dir, --skip-existing, --workers, the
JSON Lines of --explain over many files, and the run's summary (issue 13)."""

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleantext import Cleaner
from cleantext.cli import main

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
BODY = "The ferry to the islands runs twice a day again, after the harbour works ended in March."
FOOTER = "Cet article a été publié à l'origine par notre partenaire. Tous droits réservés."


def page(title: str, body: str) -> str:
    return (f"<html><head><title>{title}</title></head><body><nav><a href='/'>Home</a></nav>"
            f"<article><h1>{title}</h1><p>{body}</p><p>{body.replace('twice', 'three times')}</p>"
            f"<p>Share this article on Facebook</p></article></body></html>")


@pytest.fixture
def corpus(tmp_path):
    """A folder of pages, text and compressed text, in sub-folders, with a hidden file."""
    root = tmp_path / "in"
    (root / "news" / "2024").mkdir(parents=True)
    (root / "blog").mkdir()
    (root / "news" / "2024" / "ferry.html").write_text(page("Ferry", BODY), encoding="utf-8")
    (root / "news" / "bridge.html").write_text(page("Bridge", BODY.replace("ferry", "bridge")), encoding="utf-8")
    (root / "blog" / "note.txt").write_text(f"{BODY}\n\n{FOOTER}\n", encoding="utf-8")
    (root / ".DS_Store").write_bytes(b"\0\1\2")
    return root


def run(*args, input=None):
    return CliRunner().invoke(main, ["clean", *map(str, args)], input=input)


def tree(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): p.read_text(encoding="utf-8")
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_folder_in_folder_out_mirrors_names(corpus, tmp_path):
    result = run("--input-dir", corpus, "--output-dir", tmp_path / "out")
    assert result.exit_code == 0, result.output
    out = tree(tmp_path / "out")
    assert sorted(out) == ["blog/note.txt", "news/2024/ferry.txt", "news/bridge.txt"]
    cleaner = Cleaner()
    for name, text in out.items():
        source = next(corpus.glob(os.path.splitext(name)[0] + ".*"))
        assert text == cleaner.clean(source.read_bytes(), site=source.parent.name) + "\n"
    assert FOOTER not in out["blog/note.txt"] and BODY in out["blog/note.txt"]


def test_folder_as_argument_is_the_same_as_input_dir(corpus, tmp_path):
    assert run(corpus, "--output-dir", tmp_path / "a").exit_code == 0
    assert run("--input-dir", corpus, "--output-dir", tmp_path / "b").exit_code == 0
    assert tree(tmp_path / "a") == tree(tmp_path / "b")


def test_explain_writes_json_files(corpus, tmp_path):
    assert run(corpus, "--explain", "--output-dir", tmp_path / "out").exit_code == 0
    out = tree(tmp_path / "out")
    assert sorted(out) == ["blog/note.json", "news/2024/ferry.json", "news/bridge.json"]
    record = json.loads(out["blog/note.json"])
    assert record["text"].startswith(BODY) and "source" not in record
    assert record["paragraphs"][-1]["text"] == FOOTER and not record["paragraphs"][-1]["kept"]


def test_skip_existing_resumes(corpus, tmp_path):
    out = tmp_path / "out"
    assert run(corpus, "--output-dir", out).exit_code == 0
    (out / "news" / "bridge.txt").unlink()
    (out / "blog" / "note.txt").write_text("kept as it was\n", encoding="utf-8")
    result = run(corpus, "--output-dir", out, "--skip-existing", "--stats", tmp_path / "stats.json")
    assert result.exit_code == 0
    assert (out / "news" / "bridge.txt").read_text(encoding="utf-8").startswith(BODY.replace("ferry", "bridge"))
    assert (out / "blog" / "note.txt").read_text(encoding="utf-8") == "kept as it was\n"
    stats = json.loads((tmp_path / "stats.json").read_text())
    assert stats["documents"] == {"read": 3, "cleaned": 1, "skipped": 2, "failed": 0}
    assert stats["skipped"] == {"exists": 2}


def test_workers_give_the_same_folder(corpus, tmp_path):
    assert run(corpus, "--output-dir", tmp_path / "one").exit_code == 0
    assert run(corpus, "--output-dir", tmp_path / "two", "--workers", "2").exit_code == 0
    assert tree(tmp_path / "one") == tree(tmp_path / "two")


def test_workers_give_the_same_stream_for_files(corpus):
    one, two = run(corpus), run(corpus, "--workers", "2")
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout and one.stdout.count("==> ") == 3


def test_an_unreadable_file_is_named_and_the_run_goes_on(corpus, tmp_path):
    broken = corpus / "news" / "broken.html.gz"
    broken.write_bytes(b"\x1f\x8b\x08\x00" + b"not really gzip")
    result = run(corpus, "--output-dir", tmp_path / "out")
    assert result.exit_code == 1
    assert "broken.html.gz" in result.stderr and "cannot read" in result.stderr
    assert sorted(tree(tmp_path / "out")) == ["blog/note.txt", "news/2024/ferry.txt", "news/bridge.txt"]


def test_explain_over_many_files_is_json_lines_with_sources(corpus):
    result = run(corpus, "--explain")
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["source"] for r in records] == [str(corpus / n) for n in
                                              ("blog/note.txt", "news/2024/ferry.html", "news/bridge.html")]


def test_one_file_explained_is_one_object_without_source(corpus):
    result = run(corpus / "blog" / "note.txt", "--explain")
    record = json.loads(result.stdout)
    assert "source" not in record and record["text"].startswith(BODY)


def test_two_inputs_mapping_to_one_output_is_a_usage_error(tmp_path):
    (tmp_path / "in").mkdir()
    for name in ("a.html", "a.htm"):
        (tmp_path / "in" / name).write_text(page("A", BODY), encoding="utf-8")
    result = run(tmp_path / "in", "--output-dir", tmp_path / "out")
    assert result.exit_code == 2 and "would both be written to" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("args, message", [
    (["--skip-existing"], "--skip-existing needs --output-dir"),
    (["--jsonl", "--warc"], "exclude each other"),
    (["-o", "x.txt", "--output-dir", "out"], "exclude each other"),
    (["--output-dir", "out", "-"], "not stdin"),
])
def test_options_that_do_not_go_together(args, message, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run(*args, input="")
    assert result.exit_code == 2 and message in result.stderr


def test_output_dir_inside_the_input_is_not_read_back(corpus):
    assert run(corpus, "--output-dir", corpus / "out").exit_code == 0
    again = run(corpus, "--output-dir", corpus / "out", "--stats", corpus.parent / "stats.json")
    assert again.exit_code == 0
    assert json.loads((corpus.parent / "stats.json").read_text())["documents"]["read"] == 3


def test_the_summary_counts_add_up_to_the_explained_paragraphs(tmp_path):
    records = [json.dumps({"id": p.parent.name, "text": p.read_text(encoding="utf-8")})
               for p in sorted(FIXTURES.glob("*/input.*"))]
    records.append("not json")
    (tmp_path / "in.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    result = run("--jsonl", "--explain", tmp_path / "in.jsonl", "--stats", tmp_path / "stats.json")
    assert result.exit_code == 1
    out = [json.loads(line) for line in result.stdout.splitlines()]
    reasons: dict[str, int] = {}
    kept = 0
    for record in out:
        for p in record.get("paragraphs", []):
            if p["reason"]:
                reasons[p["reason"]] = reasons.get(p["reason"], 0) + 1
            kept += p["kept"]
    stats = json.loads((tmp_path / "stats.json").read_text())
    assert stats["dropped"] == reasons and sum(reasons.values()) > 10
    assert stats["paragraphs"] == {"kept": kept, "dropped": sum(reasons.values())}
    assert stats["documents"] == {"read": len(records), "cleaned": len(records) - 1, "skipped": 0, "failed": 1}
    assert stats["bytes"]["in"] == (tmp_path / "in.jsonl").stat().st_size  # every line with its newline
    summary = result.stderr.strip().splitlines()[-1]
    assert summary.startswith(f"cleantext: {len(records)} documents read: {len(records) - 1} cleaned")
    top, count = next(iter(stats["dropped"].items()))  # the rule that dropped most comes first
    assert f"dropped ({top} {count}, " in summary and summary.count(", ") < 20  # the others in --stats


def test_one_document_has_no_summary_line(tmp_path):
    result = run(input=f"{BODY}\n")
    assert result.exit_code == 0 and result.stderr == ""


def test_progress_counts_files(corpus):
    result = run(corpus, "--progress")
    lines = result.stderr.splitlines()
    assert result.exit_code == 0 and lines[-2].startswith("cleantext: 3 documents, ")
    assert lines[-1].startswith("cleantext: 3 documents read: 3 cleaned, 0 skipped, 0 failed")
