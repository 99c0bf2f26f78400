"""``cleantext clean --warc`` and ``learn --warc``: one JSON Lines record per HTML 200 response,
in order, bodies as when the pages are cleaned as files, the HTTP charset honoured, a truncated
record reported and the rest written, the same output with any number of workers (issue 13)."""

from __future__ import annotations

import base64
import gzip
import json
from itertools import islice

import pytest
import zstandard
from click.testing import CliRunner

from cleantext import Cleaner
from cleantext.cli import main

from . import warc_build as wb
from .conftest import ROOT, SHARED, shared_file

RUSSIAN = ("<html><head><title>Погода</title></head><body><article><h1>Погода</h1>"
           "<p>Завтра в Москве ожидается снег, сильный ветер и гололёд на дорогах области.</p>"
           "<p>Синоптики советуют водителям не выезжать без зимних шин и следить за новостями.</p>"
           "</article></body></html>")
ENGLISH = ("<html><head><title>Harbour</title><meta name='author' content='Ada Lovelace'>"
           "<meta property='article:published_time' content='2024-04-30'></head><body><article><h1>Harbour</h1>"
           "<p>The harbour works ended in March, and the ferry to the islands runs twice a day again.</p>"
           "<p>Share this article on Facebook</p></article></body></html>")


def own_crawl(truncate: bool = True) -> tuple[bytes, list[tuple[str, bytes, str | None]]]:
    """A crawl of our own pages: (the .warc.gz bytes, the (url, body, HTTP charset) of each HTML 200 page)."""
    pages = [("https://gazeta.example.ru/pogoda", RUSSIAN.encode("windows-1251"), "windows-1251"),
             ("https://news.example.com/harbour", ENGLISH.encode(), None)]
    records = [wb.warcinfo()]
    for url, body, charset in pages:
        content_type = f"text/html; charset={charset}" if charset else "text/html"
        records += [wb.request(url), wb.response(url, body, [("Content-Type", content_type)]), wb.metadata(url)]
    records += [wb.response("https://news.example.com/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(40),
                            [("Content-Type", "image/png")]),
                wb.response("https://news.example.com/gone", b"<html><body><p>Gone</p></body></html>", status=404),
                wb.response("https://news.example.com/late", ENGLISH.replace("Harbour", "Late").encode())]
    data, offsets = wb.pack(records)
    return (wb.truncated(data, offsets) if truncate else data), pages


def clean(*args: object, input: bytes | None = None):
    return CliRunner().invoke(main, ["clean", *map(str, args)], input=input)


def messages(result) -> list[str]:
    """stderr without the summary's last line (its pace differs from run to run)."""
    lines = result.stderr.splitlines()
    assert "documents read" in lines[-1]
    return lines[:-1]


def records_of(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines()]


def test_one_record_per_html_200_response_in_order(tmp_path):
    data, pages = own_crawl()
    (tmp_path / "crawl.warc.gz").write_bytes(data)
    result = clean("--warc", tmp_path / "crawl.warc.gz", "--stats", tmp_path / "stats.json")
    out = records_of(result.stdout)
    assert [r.get("url") for r in out] == [url for url, _, _ in pages] + [None]
    russian, english, truncated = out
    assert list(russian)[:9] == ["url", "warc_record_id", "warc_date", "http_status", "content_type", "charset",
                                 "title", "lang", "text"]
    assert russian["charset"] == "windows-1251" and russian["lang"] == "ru" and russian["http_status"] == 200
    assert russian["text"].startswith("Завтра в Москве ожидается снег")  # the HTTP charset decoded it
    assert english["charset"] is None and "Share this article" not in english["text"]
    assert "truncated" in truncated["error"] and truncated["warc_file"] == str(tmp_path / "crawl.warc.gz")
    assert result.exit_code == 1
    assert f"crawl.warc.gz: offset {truncated['warc_offset']}" in result.stderr
    stats = json.loads((tmp_path / "stats.json").read_text())
    assert stats["documents"] == {"read": 10, "cleaned": 2, "skipped": 7, "failed": 1}
    assert stats["skipped"] == {"metadata": 2, "not-html": 1, "request": 2, "status": 1, "warcinfo": 1}


def test_the_bodies_are_those_of_the_pages_cleaned_one_by_one(tmp_path):
    data, pages = own_crawl(truncate=False)
    (tmp_path / "crawl.warc.gz").write_bytes(data)
    out = records_of(clean("--warc", tmp_path / "crawl.warc.gz").stdout)
    cleaner = Cleaner()
    assert [r["text"] for r in out[:2]] == [cleaner.process(body, url=url, charset=charset).body
                                            for url, body, charset in pages]


def test_explain_and_metadata(tmp_path):
    data, _ = own_crawl(truncate=False)
    (tmp_path / "crawl.warc.gz").write_bytes(data)
    out = records_of(clean("--warc", "--explain", "--with-metadata", tmp_path / "crawl.warc.gz").stdout)
    english = out[1]
    assert english["author"] == "Ada Lovelace" and english["date"] == "2024-04-30"
    assert english["hostname"].endswith("example.com")
    assert [p["reason"] for p in english["paragraphs"]] == ["title", None, "en/social"]
    assert "author" not in records_of(clean("--warc", tmp_path / "crawl.warc.gz").stdout)[1]


def test_workers_give_the_same_bytes(tmp_path):
    data, _ = own_crawl()
    (tmp_path / "crawl.warc.gz").write_bytes(data)
    archive = tmp_path / "crawl.warc.gz"
    one, two = clean("--warc", archive), clean("--warc", "--workers", "2", archive)
    assert one.stdout == two.stdout and messages(one) == messages(two) and one.exit_code == two.exit_code == 1


@pytest.mark.parametrize("compress", [lambda plain: plain, zstandard.ZstdCompressor().compress], ids=["plain", "zstd"])
def test_stdin_plain_or_compressed_whole(compress):
    data, _ = own_crawl(truncate=False)
    plain = gzip.decompress(data)  # every member: the records, one after the other
    expected = records_of(clean("--warc", "-", input=data).stdout)
    got = records_of(clean("--warc", input=compress(plain)).stdout)
    assert [r["text"] for r in got] == [r["text"] for r in expected] and len(got) == 3


def test_other_statuses_on_request(tmp_path):
    data, _ = own_crawl(truncate=False)
    (tmp_path / "crawl.warc.gz").write_bytes(data)
    out = records_of(clean("--warc", "--warc-status", "200", "--warc-status", "404", tmp_path / "crawl.warc.gz").stdout)
    assert [r["http_status"] for r in out] == [200, 200, 404, 200]


def test_output_dir_gives_a_jsonl_per_archive(tmp_path):
    data, _ = own_crawl(truncate=False)
    (tmp_path / "in" / "2024").mkdir(parents=True)
    (tmp_path / "in" / "2024" / "crawl-0.warc.gz").write_bytes(data)
    result = clean("--warc", tmp_path / "in", "--output-dir", tmp_path / "out")
    assert result.exit_code == 0
    lines = (tmp_path / "out" / "2024" / "crawl-0.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3


def test_learn_and_clean_with_the_profile(tmp_path):
    """Five pages of one site sharing a footer: learned from the archive, dropped as repeated."""
    footer = "<p>Gazette of the Valley is published by the Valley Press cooperative since 1921.</p>"
    records = []
    for n in range(5):
        body = (f"<html><body><article><h1>Story {n}</h1><p>Story number {n} tells how the valley "
                f"changed in year {1990 + n}, and what the farmers made of it.</p>{footer}</article></body></html>")
        records.append(wb.response(f"https://gazette.example.org/{n}", body.encode()))
    (tmp_path / "site.warc.gz").write_bytes(wb.pack(records)[0])
    learned = CliRunner().invoke(main, ["learn", "--warc", str(tmp_path / "site.warc.gz"),
                                        "-o", str(tmp_path / "profile.json")])
    assert learned.exit_code == 0, learned.output
    out = records_of(clean("--warc", "--profile", tmp_path / "profile.json", "--explain",
                           tmp_path / "site.warc.gz").stdout)
    assert len(out) == 5
    assert all("Valley Press" not in r["text"] for r in out)
    assert all(p["reason"] == "repeated" for r in out for p in r["paragraphs"] if "Valley Press" in p["text"])
    online = records_of(clean("--warc", "--learn", tmp_path / "site.warc.gz").stdout)
    assert "Valley Press" in online[0]["text"] and "Valley Press" not in online[-1]["text"]


def test_dev_pages_in_a_warc_clean_as_the_files_do(tmp_path):
    """Real pages, many languages and encodings, with a request record before each, an image, a 404,
    pages whose charset is only in the HTTP header, and a truncated last record; the same bodies as
    the pages cleaned as files (with the same URL and charset), and with two workers."""
    path = shared_file(SHARED / "eval-data" / "wild-dev" / "pages.jsonl.gz")
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        pages = [json.loads(line) for line in islice(lines, 40)]
    records, expected = [], []
    for n, page in enumerate(pages):
        url, body = f"https://dev{n % 7}.example.org/{n}", base64.b64decode(page["html_base64"])
        charset = page["declared_charset"] if n % 2 else None  # half with the charset in the header too
        content_type = f"text/html; charset={charset}" if charset else "text/html"
        records += [wb.request(url), wb.response(url, body, [("Content-Type", content_type)])]
        expected.append((url, body, charset))
        if n == 10:
            image = [("Content-Type", "image/png")]
            records += [wb.response("https://dev.example.org/a.png", b"\x89PNG" + bytes(30), image),
                        wb.response("https://dev.example.org/404", b"<html><p>no</p></html>", status=404)]
    records.append(wb.response("https://dev.example.org/cut", base64.b64decode(pages[0]["html_base64"])))
    data, offsets = wb.pack(records)
    (tmp_path / "dev.warc.gz").write_bytes(wb.truncated(data, offsets))
    one = clean("--warc", tmp_path / "dev.warc.gz")
    out = records_of(one.stdout)
    assert [r["url"] for r in out[:-1]] == [url for url, _, _ in expected] and "error" in out[-1]
    cleaner = Cleaner()
    assert [r["text"] for r in out[:-1]] == [cleaner.process(body, url=url, charset=charset).body
                                             for url, body, charset in expected]
    files = tmp_path / "files"
    files.mkdir()
    for n, (_, body, charset) in enumerate(expected):
        if charset is None:
            (files / f"{n:03}.html").write_bytes(body)
    assert clean(files, "--output-dir", tmp_path / "out").exit_code in (0, 1)
    for n, record in enumerate(out[:-1]):
        if expected[n][2] is None:
            assert record["text"] == Cleaner().process(expected[n][1], url=expected[n][0]).body
            assert (tmp_path / "out" / f"{n:03}.txt").read_text(encoding="utf-8").rstrip("\n") == \
                Cleaner().process(expected[n][1]).body
    two = clean("--warc", "--workers", "2", tmp_path / "dev.warc.gz")
    assert two.stdout == one.stdout and messages(two) == messages(one)


def test_learn_reports_a_truncated_record(tmp_path):
    data, _ = own_crawl()
    (tmp_path / "crawl.warc.gz").write_bytes(data)
    result = CliRunner().invoke(main, ["learn", "--warc", str(tmp_path / "crawl.warc.gz")])
    assert result.exit_code == 1 and "truncated" in result.stderr and "from 2 documents" in result.stderr


def test_a_missing_archive_is_reported(tmp_path):
    result = clean("--warc", tmp_path / "nope.warc.gz")
    assert result.exit_code == 1 and "nope.warc.gz: cannot read" in result.stderr


def test_dask_reads_warc_files_one_partition_each(tmp_path):
    pytest.importorskip("dask.bag")
    from cleantext.dask import read_warc

    data, _ = own_crawl()
    for n in range(2):
        (tmp_path / f"c{n}.warc.gz").write_bytes(data)
    expected = records_of(clean("--warc", tmp_path / "c0.warc.gz").stdout)
    bag = read_warc(str(tmp_path / "c*.warc.gz"))
    assert bag.npartitions == 2
    got = bag.compute(scheduler="sync")
    assert len(got) == 2 * len(expected)
    assert [r.get("text") for r in got[:3]] == [r.get("text") for r in expected]
    assert got[2]["warc_file"].endswith("c0.warc.gz") and "truncated" in got[2]["error"]



def test_the_example_archive_is_what_its_script_makes_and_cleans_as_the_readme_says(tmp_path):
    """README "WARC" and "Folders" run on fixtures/crawl: the archive of the site's pages, and the pages."""
    from fixtures.crawl.make_warc import example

    archive = ROOT / "fixtures" / "crawl" / "example.warc.gz"
    assert archive.read_bytes() == example(), "run: python fixtures/crawl/make_warc.py"
    result = clean("--warc", "--with-metadata", archive)
    out = records_of(result.stdout)
    assert result.exit_code == 0 and [r["lang"] for r in out] == ["en", "en", "en", "ru"]
    assert out[0]["author"] == "Maren Holt" and out[3]["charset"] == "windows-1251"
    assert out[3]["text"].startswith("После восьми месяцев")
    assert not any("Share" in r["text"] or "©" in r["text"] or "Tous droits" in r["text"] for r in out)
    folder = clean(ROOT / "fixtures" / "crawl" / "site", "--output-dir", tmp_path / "clean")
    assert folder.exit_code == 0
    written = sorted(p.relative_to(tmp_path / "clean").as_posix() for p in (tmp_path / "clean").rglob("*"))
    assert written == ["news", "news/ferry-returns.txt", "news/library-hours.txt", "opinion",
                       "opinion/bridge-letter.txt"]
    assert (tmp_path / "clean" / "news" / "ferry-returns.txt").read_text(encoding="utf-8") == out[0]["text"] + "\n"


def test_progress_counts_the_skipped_records():
    archive = ROOT / "fixtures" / "crawl" / "example.warc.gz"
    result = clean("--warc", "--progress", archive)
    assert "cleantext: 4 documents, 8 skipped, " in result.stderr and ", 0 errors" in result.stderr


@pytest.mark.parametrize("mode, kind", [([], "a document"), (["--jsonl"], "JSON Lines")])
def test_an_archive_given_without_warc_is_one_clear_error(mode, kind):
    archive = ROOT / "fixtures" / "crawl" / "example.warc.gz"
    result = clean(*mode, archive)
    assert result.exit_code == 1 and result.stdout == ""
    said = [line for line in result.stderr.splitlines() if "documents read" not in line]
    assert said == [f"cleantext: {archive}: {'cannot read: ' if mode else ''}a WARC archive, "
                    f"not {kind}: clean it with --warc"]


@pytest.mark.parametrize("command", ["explain", "learn"])
def test_explain_and_learn_say_so_too(command):
    archive = ROOT / "fixtures" / "crawl" / "example.warc.gz"
    result = CliRunner().invoke(main, [command, str(archive)])
    assert result.exit_code == 1 and "a WARC archive, not a document: clean it with --warc" in result.stderr
    assert "language:" not in result.stdout
