import json

import pytest

from cleantext import Cleaner
from cleantext.records import RecordFormat, clean_line, clean_record, clean_records

BODY = "The museum reopens on Friday with a new wing for modern art and a larger café for visitors."
PAGE = f"<html><body><article><h1>Museum reopens</h1><p>{BODY}</p><p>{BODY}</p></article></body></html>"


@pytest.fixture(scope="module")
def cleaner():
    return Cleaner()


def test_record_keeps_unknown_fields_and_cleans_in_place(cleaner):
    out = clean_record(cleaner, {"id": "a", "text": BODY, "extra": [1, 2]}, RecordFormat())
    assert out == {"id": "a", "text": BODY, "extra": [1, 2]}


def test_output_field_leaves_input_field(cleaner):
    fmt = RecordFormat(field="html", output_field="text")
    out = clean_record(cleaner, {"html": PAGE}, fmt)
    assert out["html"] == PAGE and BODY in out["text"] and "<" not in out["text"]


def test_explain_adds_paragraphs_title_and_lang(cleaner):
    out = clean_record(cleaner, {"text": f"Museum reopens\n{BODY}"}, RecordFormat(explain=True))
    assert out["title"] == "Museum reopens" and out["lang"] == "en"
    assert out["paragraphs"] == [
        {"text": "Museum reopens", "kind": "text", "lang": "en", "kept": False, "reason": "title"},
        {"text": BODY, "kind": "text", "lang": "en", "kept": True, "reason": None},
    ]


@pytest.mark.parametrize("value, problem", [
    (None, "field 'text' is null, not a string"),
    (3, "field 'text' is int, not a string"),
    (["a"], "field 'text' is list, not a string"),
])
def test_non_string_field_is_an_error_record(cleaner, value, problem):
    out = clean_record(cleaner, {"id": 1, "text": value}, RecordFormat())
    assert out == {"id": 1, "text": value, "error": problem}


def test_line_errors_are_records(cleaner):
    fmt = RecordFormat()
    line, problem, *_ = clean_line(cleaner, b'{"id": 1, "text": ', fmt)
    assert problem.startswith("invalid JSON") and json.loads(line)["raw"] == '{"id": 1, "text": '
    line, problem, *_ = clean_line(cleaner, b"[1, 2]\n", fmt)
    assert problem == "a JSON list, not an object" and json.loads(line)["raw"] == [1, 2]
    line, problem, *_ = clean_line(cleaner, b"\n", fmt)
    assert problem == "empty line" and json.loads(line)["error"] == "empty line"


def test_upstream_error_field_is_not_mistaken_for_ours(cleaner):
    line, problem, *_ = clean_line(cleaner, json.dumps({"text": BODY, "error": "upstream"}), RecordFormat())
    assert problem is None and json.loads(line)["error"] == "upstream"


def test_clean_records_is_one_to_one_and_ordered(cleaner):
    records = [{"id": i, "text": f"Record number {i}. {BODY}"} for i in range(5)] + [{"id": 5}]
    out = list(clean_records(iter(records), cleaner))
    assert [r["id"] for r in out] == list(range(6))
    assert "error" in out[-1] and all("error" not in r for r in out[:-1])
