"""cleantext.warc: pages, skips and errors out of WARC files written by tests/warc_build.py."""

from __future__ import annotations

import base64
import gzip
import io
import json
import random
from itertools import islice

import pytest

from cleantext.warc import SKIP_REASONS, WarcError, WarcItem, WarcPage, WarcSkip, iter_warc

from . import warc_build as wb
from .conftest import SHARED, shared_file

DATE = "2023-11-02T08:15:30Z"
#: (url, body, HTTP Content-Type, expected content type, expected charset): short pages of our own.
PAGES = [
    ("https://news.example.com/en/rain", b"<html><head><title>Rain</title></head><body><article><p>Rain is "
     b"expected over the hills tonight, the weather office said.</p></article></body></html>",
     "text/html; charset=utf-8", "text/html", "utf-8"),
    ("https://gazeta.example.ru/pogoda", "<html><body><p>Завтра в Москве ожидается снег и сильный ветер.</p>"
     "</body></html>".encode("windows-1251"), "text/html; charset=windows-1251", "text/html", "windows-1251"),
    ("https://kairos.example.gr/", "<html><body><p>Αύριο θα βρέξει στην Αθήνα.</p></body></html>".encode("iso-8859-7"),
     'Text/HTML; Charset="ISO-8859-7"', "text/html", "iso-8859-7"),
    ("https://tenki.example.jp/", "<html><body><p>明日は東京で雨が降るでしょう。</p></body></html>".encode("shift_jis"),
     "text/html;charset=Shift_JIS", "text/html", "shift_jis"),
    ("https://meteo.example.fr/", "<?xml version='1.0'?><html xmlns='http://www.w3.org/1999/xhtml'><body><p>Demain, "
     "du soleil sur toute la côte.</p></body></html>".encode(), "application/xhtml+xml", "application/xhtml+xml", None),
]


def page_record(n: int) -> bytes:
    url, body, content_type, _, _ = PAGES[n]
    return wb.response(url, body, [("Content-Type", content_type), ("Server", "test")],
                       rid=wb.record_id("page", url), date=DATE)


def crawl() -> tuple[list[bytes], list[str | None]]:
    """Records as a crawler writes them, and what each one should give: a skip reason, or None for a page."""
    records: list[bytes] = [wb.warcinfo()]
    expected: list[str | None] = ["warcinfo"]
    for n, (url, *_) in enumerate(PAGES):
        records += [wb.request(url), page_record(n), wb.metadata(url)]
        expected += ["request", None, "metadata"]
    records += [
        wb.response("https://example.com/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), [("Content-Type", "image/png")]),
        wb.response("https://example.com/gone", b"<html><body><p>Not found</p></body></html>", status=404),
        wb.response("https://example.com/old", b"", [("Location", "https://example.com/new")], status=301),
        wb.response("https://example.com/data.json", b'{"a": 1}', [("Content-Type", "application/json")]),
    ]
    expected += ["not-html", "status", "status", "not-html"]
    return records, expected


def items(data: bytes, **kwargs: object) -> list[WarcItem]:
    return list(iter_warc(io.BytesIO(data), **kwargs))  # type: ignore[arg-type]


def pages_of(found: list[WarcItem]) -> list[WarcPage]:
    return [item for item in found if isinstance(item, WarcPage)]


def strip_offset(page: WarcPage) -> tuple[object, ...]:
    return page.url, page.record_id, page.date, page.status, page.content_type, page.charset, page.body, page.size


@pytest.mark.parametrize("gzip_records", [True, False], ids=["gzip", "plain"])
def test_one_item_per_record_in_file_order(gzip_records: bool) -> None:
    records, expected = crawl()
    data, offsets = wb.pack(records, gzip_records)
    found = items(data)
    assert [item.offset for item in found] == offsets
    assert [item.reason if isinstance(item, WarcSkip) else None for item in found] == expected
    assert {item.reason for item in found if isinstance(item, WarcSkip)} <= set(SKIP_REASONS)


@pytest.mark.parametrize("gzip_records", [True, False], ids=["gzip", "plain"])
def test_page_fields(gzip_records: bool) -> None:
    records, _ = crawl()
    pages = pages_of(items(wb.pack(records, gzip_records)[0]))
    assert len(pages) == len(PAGES)
    for page, (url, body, _, content_type, charset) in zip(pages, PAGES, strict=True):
        assert (page.url, page.record_id, page.date, page.status) == (url, wb.record_id("page", url), DATE, 200)
        assert (page.content_type, page.charset, page.body, page.size) == (content_type, charset, body, len(body))


def test_the_charset_of_the_http_header_decodes_the_page() -> None:
    [page] = pages_of(items(wb.pack([page_record(1)])[0]))
    assert b"charset" not in page.body and page.charset == "windows-1251"
    assert "снег" in page.body.decode(page.charset)


def test_plain_and_gzip_give_the_same_pages() -> None:
    records, _ = crawl()
    gzipped, plain = (pages_of(items(wb.pack(records, flag)[0])) for flag in (True, False))
    assert [strip_offset(p) for p in gzipped] == [strip_offset(p) for p in plain]


@pytest.mark.parametrize("gzip_records", [True, False], ids=["gzip", "plain"])
def test_a_truncated_last_record_is_an_error_and_the_rest_is_intact(gzip_records: bool) -> None:
    records, _ = crawl()
    records.append(page_record(0))
    data, offsets = wb.pack(records, gzip_records)
    whole = items(data)[:-1]
    last = len(data) - offsets[-1]
    for cut in (3, 40, last // 3, last // 2, last - 12):
        found = items(data[:offsets[-1] + cut])
        assert found[:-1] == whole, cut
        assert isinstance(found[-1], WarcError) and found[-1].offset == offsets[-1], (cut, found[-1])
        assert "truncated" in found[-1].message


def test_a_corrupt_gzip_member_is_an_error_and_reading_goes_on() -> None:
    records, _ = crawl()
    data, offsets = wb.pack(records, corrupt=5)
    whole = items(wb.pack(records)[0])
    found = items(data)
    assert isinstance(found[5], WarcError) and found[5].offset == offsets[5]
    assert "corrupt gzip member" in found[5].message
    assert found[:5] + found[6:] == whole[:5] + whole[6:]


def test_a_corrupt_record_in_a_plain_warc_ends_reading() -> None:
    """Documented: a plain WARC has no mark to find the next record by."""
    records, _ = crawl()
    data, offsets = wb.pack(records, gzip_records=False, corrupt=5)
    found = items(data)
    assert found[:5] == items(wb.pack(records, gzip_records=False)[0])[:5]
    assert len(found) == 6 and isinstance(found[5], WarcError) and found[5].offset == offsets[5]
    assert "not a WARC record" in found[5].message


def test_junk_between_gzip_members_is_skipped() -> None:
    records, _ = crawl()
    data, offsets = wb.pack(records)
    junk = b"\x1f\x8b\x08 not really gzip " * 3
    found = items(data[:offsets[3]] + junk + data[offsets[3]:])
    assert isinstance(found[3], WarcError) and found[3].offset == offsets[3]
    assert [item.offset for item in found[4:]] == [offset + len(junk) for offset in offsets[3:]]


@pytest.mark.parametrize("gzip_records", [True, False], ids=["gzip", "plain"])
@pytest.mark.parametrize("delta", [+500, -10], ids=["longer", "shorter"])
def test_a_content_length_that_does_not_match_is_an_error(gzip_records: bool, delta: int) -> None:
    http = wb.http_response(b"<html><body><p>Short.</p></body></html>")
    bad = wb.response("https://example.com/bad", b"<html><body><p>Short.</p></body></html>",
                      rid="<urn:uuid:bad>", content_length=len(http) + delta)
    records = [page_record(0), bad, page_record(2), page_record(3)]
    data, offsets = wb.pack(records, gzip_records)
    found = items(data)
    assert isinstance(found[0], WarcPage)
    assert isinstance(found[1], WarcError) and (found[1].offset, found[1].record_id) == (offsets[1], "<urn:uuid:bad>")
    if gzip_records:  # the next gzip member is the next record
        assert [p.url for p in pages_of(found[2:])] == [PAGES[2][0], PAGES[3][0]]
    else:
        assert len(found) == 2


def test_payloads_are_de_chunked_and_decompressed() -> None:
    body = PAGES[0][1]
    records = [
        wb.response("https://a.example/", wb.chunked(body, 17), [("Content-Type", "text/html"),
                                                                 ("Transfer-Encoding", "chunked")]),
        wb.response("https://b.example/", gzip.compress(body), [("Content-Type", "text/html"),
                                                                ("Content-Encoding", "gzip")]),
        wb.response("https://c.example/", wb.chunked(gzip.compress(body), 9),
                    [("Content-Type", "text/html"), ("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")]),
        wb.response("https://d.example/", body, [("Content-Type", "text/html"), ("Content-Encoding", "identity")]),
    ]
    assert [p.body for p in pages_of(items(wb.pack(records)[0]))] == [body] * 4


def test_a_payload_that_does_not_decode_is_an_error() -> None:
    records = [wb.response("https://a.example/", b"<html>not gzip at all</html>",
                           [("Content-Type", "text/html"), ("Content-Encoding", "gzip")], rid="<urn:uuid:gz>"),
               page_record(0)]
    found = items(wb.pack(records)[0])
    assert isinstance(found[0], WarcError) and found[0].record_id == "<urn:uuid:gz>"
    assert isinstance(found[1], WarcPage)


def test_http_headers_ended_by_lf_alone_are_read() -> None:
    block = b"HTTP/1.1 200 OK\nContent-Type: text/html; charset=koi8-r\n\n<html><p>\xf0\xd2\xc9\xd7\xc5\xd4</p></html>"
    record = wb.record("response", "https://a.example/", block, "application/http; msgtype=response")
    [page] = items(wb.pack([record])[0])
    assert isinstance(page, WarcPage) and page.body.decode(page.charset or "") == "<html><p>Привет</p></html>"


def test_no_content_type_is_html_when_the_payload_starts_like_html() -> None:
    records = [wb.response("https://a.example/", b"\n  <!DOCTYPE html><html><p>Hi</p></html>", []),
               wb.response("https://b.example/", b"<P>Old page</P>", []),
               wb.response("https://c.example/", b"Just text, no markup.", []),
               wb.response("https://d.example/", b"%PDF-1.4 ...", [])]
    found = items(wb.pack(records)[0])
    assert [(p.url, p.content_type) for p in pages_of(found)] == [("https://a.example/", ""),
                                                                   ("https://b.example/", "")]
    assert [item.reason for item in found if isinstance(item, WarcSkip)] == ["not-html", "not-html"]


def test_resource_records_of_html_are_pages() -> None:
    records = [wb.resource("https://a.example/", b"<html><p>A resource.</p></html>", "text/html; charset=utf-8"),
               wb.resource("https://a.example/img.gif", b"GIF89a", "image/gif")]
    found = items(wb.pack(records)[0])
    assert isinstance(found[0], WarcPage) and (found[0].status, found[0].charset) == (200, "utf-8")
    assert found[1] == WarcSkip("not-html", found[1].offset)


def test_statuses() -> None:
    records, _ = crawl()
    found = items(wb.pack(records)[0], statuses=(200, 404))
    assert [p.status for p in pages_of(found)] == [200] * len(PAGES) + [404]


def test_max_bytes_keeps_large_payloads_out_of_memory() -> None:
    paragraphs = b"<p>A paragraph of a very long page.</p>" * 5000
    big, medium = b"<html><body>" + paragraphs + b"</body></html>", b"<html>" + paragraphs[:120_000] + b"</html>"
    bomb = gzip.compress(big)
    gzipped = [("Content-Type", "text/html"), ("Content-Encoding", "gzip")]
    records = [page_record(0), wb.response("https://big.example/", big), page_record(1),
               wb.response("https://medium.example/", medium, []), wb.response("https://bomb.example/", bomb, gzipped)]
    limit = 100_000
    assert len(bomb) < limit < len(medium) < limit + 64_000 < len(big)  # read whole, and kept in part
    for gzip_records in (True, False):
        found = pages_of(items(wb.pack(records, gzip_records)[0], max_bytes=limit))
        assert [p.body for p in found] == [PAGES[0][1], b"", PAGES[1][1], b"", b""]
        assert [p.size for p in found] == [len(PAGES[0][1]), len(big), len(PAGES[1][1]), len(medium), len(big)]
        assert [p.body for p in pages_of(items(wb.pack(records, gzip_records)[0]))][3:] == [medium, big]


@pytest.mark.parametrize("data", [b"", b"\n"], ids=["empty", "blank"])
def test_an_empty_stream_has_no_records(data: bytes) -> None:
    assert items(data) == []


@pytest.mark.parametrize("data", [b"<html><p>Not a WARC file.</p></html>", b"\x28\xb5\x2f\xfdzstd?", b"WARC"])
def test_a_stream_that_is_not_a_warc_is_one_error(data: bytes) -> None:
    [error] = items(data)
    assert isinstance(error, WarcError) and error.offset == 0


def test_a_read_error_comes_last() -> None:
    class Failing(io.BytesIO):
        def read(self, size: int | None = -1) -> bytes:
            if self.tell() > 0:
                raise OSError("device error")
            return super().read(size)

    records, _ = crawl()
    stream = Failing(wb.pack(records * 40, gzip_records=False)[0])
    found = list(iter_warc(stream))
    assert isinstance(found[-2], WarcError) and "truncated" in found[-2].message
    assert found[-1] == WarcError(stream.tell(), "read error: device error", None)


def test_never_raises_on_damaged_archives() -> None:
    records, _ = crawl()
    rng = random.Random(13)
    for gzip_records in (True, False):
        data, _ = wb.pack(records, gzip_records)
        for _ in range(150):
            damaged = bytearray(data)
            for _ in range(rng.randint(1, 4)):
                damaged[rng.randrange(len(damaged))] = rng.randrange(256)
            found = items(bytes(damaged[:rng.randint(0, len(damaged))]))
            offsets = [item.offset for item in found]
            assert offsets == sorted(offsets)


def test_dev_pages_come_out_as_they_went_in() -> None:
    """Real pages, in many languages and encodings, with their bytes as crawled (wild-dev)."""
    path = shared_file(SHARED / "eval-data" / "wild-dev" / "pages.jsonl.gz")
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        pages = [json.loads(line) for line in islice(lines, 60)]
    bodies = [base64.b64decode(p["html_base64"]) for p in pages]
    records = [wb.response(f"https://example.org/{n}", body) for n, body in enumerate(bodies)]
    for gzip_records in (True, False):
        found = items(wb.pack(records, gzip_records)[0])
        assert [p.body for p in pages_of(found)] == bodies


def test_a_warc_gzipped_whole_gives_the_same_pages_at_the_offset_of_its_one_member() -> None:
    records, _ = crawl()
    plain = wb.pack(records, gzip_records=False)[0]
    found = items(gzip.compress(plain))
    assert [strip_offset(p) for p in pages_of(found)] == [strip_offset(p) for p in pages_of(items(plain))]
    assert {item.offset for item in found} == {0}
