import json
import pickle
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleantext.language import LanguageIdentifier, detector, evidence, stop_words
from cleantext.model import Document, Paragraph
from cleantext.read import split_text
from cleantext.scripts import dominant_of, dominant_script, script_counts, script_language, script_of

from .conftest import SEED, SHARED, shared_file

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


# ----------------------------------------------------------------------------- the detector only where it matters


def detections(texts):
    """How many texts the detector read to label a document of ``texts``."""
    detector.langdetect_label.cache_clear()
    doc = label(texts)
    return detector.langdetect_label.cache_info().misses, doc


def test_one_detection_labels_a_long_article_in_one_language():
    runs, doc = detections([*EN, "- Ali Rabiei, spokesman", *EN, *EN])  # the longest paragraph, for an estimate
    assert runs == 1 and [p.lang for p in doc.paragraphs] == ["en"] * 10


def test_a_foreign_line_at_the_edge_is_detected():
    runs, doc = detections([*EN, *EN, "Tous droits réservés"])
    assert runs == 2 and doc.paragraphs[-1].lang == "fr"


def test_detections_are_cached():
    detector.langdetect_label.cache_clear()
    ident = LanguageIdentifier()
    assert ident.detect("Ein kurzer Satz") == ident.detect("Ein kurzer Satz")
    assert detector.langdetect_label.cache_info().hits == 1


def test_long_text_is_cut_before_detection():
    text = " ".join(["Der Bürgermeister erklärte am Abend die Lage."] * 100)
    assert len(detector.capped(text)) <= detector.MAX_DETECT_CHARS
    assert LanguageIdentifier().detect(text)[0] == "de"


def test_han_without_kana_in_the_document_is_chinese():
    runs, doc = detections(["北京市今天发布了新的交通计划，将在明年增加公交线路。", "市民表示欢迎。"])
    assert runs == 0 and doc.lang == "zh" and [p.lang for p in doc.paragraphs] == ["zh", "zh"]


def test_shortcuts_give_the_labels_of_full_detection():
    data = shared_file(SHARED / "eval-data" / "langid" / "mixed-dev.jsonl")
    docs = [json.loads(line) for line in data.read_text(encoding="utf-8").splitlines()[:80]]
    texts = [[p["text"] for p in d["paragraphs"]] for d in docs]
    texts.append([p.text for p in split_text(shared_file(SEED).read_text(encoding="utf-8"))])
    fast, full = LanguageIdentifier(), LanguageIdentifier(shortcuts=False)
    for paragraphs in texts:
        a, b = (ident(Document([Paragraph(t) for t in paragraphs])) for ident in (fast, full))
        assert (a.lang, [p.lang for p in a.paragraphs]) == (b.lang, [p.lang for p in b.paragraphs])


def test_detection_is_safe_from_threads_on_first_use(monkeypatch):
    texts = [EN[0], "Der Bürgermeister erklärte am Abend die Lage der Stadt.", "Le maire a parlé ce soir de la ville.",
             "El alcalde habló esta noche sobre la ciudad.", "Il sindaco ha parlato stasera della città."] * 4
    expected = [LanguageIdentifier().detect(t) for t in texts]
    monkeypatch.setattr(detector, "_factory", None)  # as in a fresh process: profiles not loaded yet
    detector.langdetect_label.cache_clear()
    with ThreadPoolExecutor(8) as pool:
        assert list(pool.map(LanguageIdentifier().detect, texts)) == expected


def test_script_counts_count_letters_by_script():
    text = "Ελλάδα, 東京で, Москва and 3 more: Ğ ß"
    assert script_counts(text) == Counter(script_of(c) for c in text if c.isalpha())


@given(st.text(alphabet=st.characters(max_codepoint=127)) | st.text())
def test_paragraph_facts_of_ascii_text_are_those_of_the_script_counts(text):
    counts = script_counts(detector.without_links(text))
    expected = (dominant_of(counts), sum(counts.values()), bool(counts.get("Kana")))
    facts = evidence.Facts.of(text)
    assert (facts.script, facts.letters, facts.has_kana) == expected


def test_dominant_script_merges_kana_and_han_and_breaks_ties_by_name():
    assert dominant_script("漢字漢字かな") == "Kana"
    assert dominant_script("ab αβ") == dominant_script("αβ ab") == "Greek"  # not by set order, which varies
    assert dominant_script("1, 2; 3") is None


def test_a_tied_line_next_to_a_foreign_edge_block_joins_it():
    tr = ["Hızlı değişim sürecine bağlı olarak gelişen toplumda, bireylerin beklentileri de hızla değişiyor.",
          "İhale üzerinde kalan istekli ile ekonomik açıdan en avantajlı teklif sahibi arasında fark yoktu."]
    it = "I quattro sono stati arrestati dalla Squadra Mobile della questura nel corso della notte."
    doc = label([*tr, "I provvedimenti dovrebbero", it])
    assert doc.lang == "tr" and [p.lang for p in doc.paragraphs] == ["tr", "tr", "it", "it"]
    # the same line between two paragraphs of the document is the document's
    assert label([tr[0], "I provvedimenti dovrebbero", tr[1]]).paragraphs[1].lang == "tr"


def test_a_label_no_verdict_needs_is_detected_only_when_read():
    quote = "El gobierno de la ciudad anunció que las obras del puerto empiezan en la primavera."
    detector.langdetect_label.cache_clear()
    doc = label([EN[0], EN[1], quote, EN[2], EN[0] + " " + EN[1]])
    before = detector.langdetect_label.cache_info().misses
    assert doc.paragraphs[2]._later is not None, "the quotation inside the body is not detected yet"
    assert doc.paragraphs[2].lang == "es" and doc.paragraphs[2].lang_prob > 0.9
    assert detector.langdetect_label.cache_info().misses == before + 1
    assert [p.lang for p in doc.paragraphs] == ["en", "en", "es", "en", "en"]
    copy = pickle.loads(pickle.dumps(label([EN[0], EN[1], quote, EN[2]])))
    assert [p.lang for p in copy.paragraphs] == ["en", "en", "es", "en"]
