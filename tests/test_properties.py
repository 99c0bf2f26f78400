"""Properties of cleaning that hold for any input, checked with hypothesis.

What is promised (README, "Guarantees"):

1. For any ``str`` and any ``bytes``, ``Cleaner.process`` returns normally and
   cleans the document (no ``error`` in its meta: small inputs are within the
   limits, and nothing fails).
2. Nothing is invented and the order is kept: the paragraphs of the result are
   exactly the paragraphs the reader produced (decoded, extracted, repaired),
   and the kept ones, which make the body, are a subsequence of them. Without
   repair, every paragraph of a plain text is a piece of the input, verbatim
   but for its white space (normalised: see ``cleantext.read.normalize_space``).
3. Cleaning the output again only removes: the lines of the second output are
   a subsequence of the lines of the first (often equal, but not always: after
   a first pass a new first paragraph may look like a headline, or a new edge
   paragraph may be in another language). This holds for plain text (the
   output of ``clean`` is plain text, and is re-read as text).
4. For any line, ``clean_line`` gives exactly one line of JSON: an object that
   keeps every field of the input record.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleantext import Cleaner, Options
from cleantext.read import normalize_newlines, normalize_space
from cleantext.read.decode import decode
from cleantext.read.repair import without_surrogates
from cleantext.records import RecordFormat, clean_line

from .strategies import html_pages, json_lines, texts

PROPERTY_SETTINGS = settings(max_examples=120, deadline=None,
                             suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

CLEANER = Cleaner()
TEXT_CLEANER = Cleaner(Options(format="text"))
VERBATIM = Cleaner(Options(format="text", repair=False))

def is_subsequence(small: list[str], big: list[str]) -> bool:
    rest = iter(big)
    return all(any(item == other for other in rest) for item in small)


def assert_cleaned_without_invention(cleaner: Cleaner, source: str | bytes) -> None:
    doc = cleaner.process(source)
    assert "error" not in doc.meta, doc.meta["error"]
    read = cleaner.read(source)
    assert [p.text for p in doc.paragraphs] == [p.text for p in read.paragraphs], "a filter edited or invented text"
    kept = [p.text for p in doc.kept]
    assert is_subsequence(kept, [p.text for p in read.paragraphs])
    assert doc.body == "\n\n".join(kept)
    doc.body.encode("utf-8")  # always writable: no lone surrogate


@PROPERTY_SETTINGS
@given(texts)
def test_any_text_is_cleaned_and_nothing_is_invented(text):
    assert_cleaned_without_invention(CLEANER, text)


@PROPERTY_SETTINGS
@given(st.binary(max_size=2000) | texts.map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_any_bytes_are_cleaned_and_nothing_is_invented(data):
    assert_cleaned_without_invention(CLEANER, data)


@PROPERTY_SETTINGS
@given(html_pages)
def test_any_html_is_cleaned_and_nothing_is_invented(page):
    assert_cleaned_without_invention(CLEANER, page)


@PROPERTY_SETTINGS
@given(texts)
def test_without_repair_plain_text_paragraphs_are_verbatim_pieces_of_the_input(text):
    source = normalize_space(normalize_newlines(without_surrogates(text)))
    for paragraph in VERBATIM.process(text).paragraphs:
        assert paragraph.text in source


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


@PROPERTY_SETTINGS
@given(texts)
def test_cleaning_the_output_again_only_removes(text):
    once = TEXT_CLEANER.clean(text)
    twice = TEXT_CLEANER.clean(once)
    assert is_subsequence(lines(twice), lines(once))


def test_cleaning_again_can_remove_more_so_idempotence_is_not_promised():
    """Why property 3 says "only removes" and not "changes nothing"."""
    text = ("Rain returns\n\nStorm warning\n\n"
            "After a dry summer, the first storms reached the valley on Sunday night, forecasters said.")
    once = TEXT_CLEANER.clean(text)
    twice = TEXT_CLEANER.clean(once)
    assert once.startswith("Storm warning") and not twice.startswith("Storm warning")


@PROPERTY_SETTINGS
@given(st.binary(max_size=300))
def test_decoding_any_bytes_gives_writable_text(data):
    decoded = decode(data)
    text, codec = decoded.text, decoded.encoding
    text.encode("utf-8")
    if codec == "utf-8":
        assert text == data.decode("utf-8", errors="replace")
    if data.isascii() and b"\x00" not in data:  # (NUL bytes may make it UTF-16)
        assert text == data.decode("ascii")


@PROPERTY_SETTINGS
@given(json_lines | st.binary(max_size=300), st.sampled_from(["", "\n", "\r\n"]))
def test_any_line_gives_one_json_record_keeping_every_field(line, ending):
    raw = line + (ending if isinstance(line, str) else ending.encode())
    result = clean_line(CLEANER, raw, RecordFormat())
    assert "\n" not in result.line and "\r" not in result.line and len(result.line.splitlines()) == 1
    result.line.encode("utf-8")
    out = json.loads(result.line)
    assert isinstance(out, dict)
    try:
        record = json.loads(line)
    except (ValueError, RecursionError):
        record = None
    if isinstance(record, dict):
        assert set(record) <= set(out)
        assert out.get("error") is None or result.error is not None or record.get("error") is not None
    else:
        assert result.error and out["error"] == result.error


@pytest.mark.parametrize("source", ["", " ", "\n\n\n", "\x00", b"", b"\xff", b"\xfe\xff", "\ud800"])
def test_degenerate_inputs_give_an_empty_or_tiny_clean_document(source):
    assert_cleaned_without_invention(CLEANER, source)
