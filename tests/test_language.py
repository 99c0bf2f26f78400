import pickle

import pytest

from cleantext.language import LanguageIdentifier, stop_words
from cleantext.model import Document, Paragraph
from cleantext.read import split_text
from cleantext.scripts import dominant_script, script_language

from .conftest import SEED, shared_file

EN = [
    "The city council approved the new budget on Tuesday after a long debate about the cost of public transport.",
    "Opposition members said the plan would raise fares for the poorest residents, while the mayor defended it.",
    "The budget takes effect in January and will be reviewed by an independent auditor next summer.",
]


def label(texts):
    return LanguageIdentifier()(Document([Paragraph(t) for t in texts]))


def test_document_language_is_the_language_of_most_text():
    doc = label([*EN, "Tous droits réservés"])
    assert doc.lang == "en"
    assert [p.lang for p in doc.paragraphs] == ["en", "en", "en", "fr"]


def test_short_lines_between_body_paragraphs_take_the_document_language():
    doc = label([EN[0], "- Ali Rabiei, spokesman", EN[1], "US says no 'partial deal'", EN[2]])
    assert [p.lang for p in doc.paragraphs] == ["en"] * 5


def test_long_foreign_quotation_keeps_its_language():
    quote = ("Der Bürgermeister erklärte am Abend, dass die Stadt die Kosten nicht allein tragen könne "
             "und auf die Hilfe des Landes angewiesen sei.")
    doc = label([EN[0], quote, EN[1]])
    assert [p.lang for p in doc.paragraphs] == ["en", "de", "en"]


def test_script_decides_where_it_can():
    assert script_language("Η κυβέρνηση ανακοίνωσε νέα μέτρα") == "el"
    assert script_language("정부는 오늘 새로운 정책을 발표했다") == "ko"
    assert script_language("東京で会議が開かれました") == "ja"
    assert script_language("Москва") is None and dominant_script("Москва") == "Cyrillic"
    assert dominant_script("12:30 — 2024") is None


def test_foreign_script_line_is_foreign_even_when_short():
    doc = label([*EN, "Читайте также"])
    assert doc.paragraphs[-1].lang == "ru"


def test_han_line_in_japanese_document_is_japanese():
    ja = ["東京都は今日、新しい防災計画を発表しました。計画では、地震に備えた避難所の数を増やします。",
          "都の担当者は、来年の春までにすべての区で訓練を行うと説明しました。"]
    doc = label([ja[0], "防災計画", ja[1]])
    assert doc.lang == "ja" and [p.lang for p in doc.paragraphs] == ["ja", "ja", "ja"]


def test_no_letters_no_language():
    doc = label([*EN, "12:30 | 4/5 ★★★"])
    assert doc.paragraphs[-1].lang is None


def test_detection_is_deterministic_and_seeded():
    text = "Ein kurzer Satz"
    first = [LanguageIdentifier().detect(text) for _ in range(5)]
    assert len(set(first)) == 1


def test_picklable_without_profiles():
    ident = LanguageIdentifier(seed=3)
    ident.detect(EN[0])
    clone = pickle.loads(pickle.dumps(ident))
    assert clone.seed == 3 and len(pickle.dumps(ident)) < 200


def test_stop_words_come_from_justext():
    assert "the" in stop_words("en") and "der" in stop_words("de")
    assert stop_words("xx") == frozenset()


def test_seed_labels_every_body_line_english():
    doc = LanguageIdentifier()(Document(split_text(shared_file(SEED).read_text(encoding="utf-8"))))
    assert doc.lang == "en"
    foreign = [p.text for p in doc.paragraphs if p.lang != "en"]
    assert len(foreign) == 1 and foreign[0].startswith("Middle East Eye propose")


@pytest.mark.parametrize("text", ["- Ali Rabiei, spokesman", "US says no 'partial deal'"])
def test_seed_short_lines_are_not_wild(text):
    doc = label([EN[0], text, EN[1]])
    assert doc.paragraphs[1].lang == "en"
