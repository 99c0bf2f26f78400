"""Phrase rules: every category of every language file fires on its boilerplate
and leaves body text that shares its words alone."""

from __future__ import annotations

import json
import pickle
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleantext.boilerplate import patterns
from cleantext.boilerplate.phrases import (
    BUILTIN_DIR,
    CATEGORIES,
    NEUTRAL,
    PhraseFilter,
    PhraseRule,
    PhraseRules,
    _compile,
    fold,
    parse_file,
)
from cleantext.model import Document, Paragraph
from cleantext.options import Options

from .conftest import SEED, SHARED, shared_file
from .test_patterns import TRICKY

#: The cases, as data (as ftfy keeps its own): per language file, a paragraph of each category that
#: must be dropped (``positive``), body text sharing their words that must stay (``negative``), and
#: paragraphs of real pages (rewritten) that rules were grown for (``grown``).
CASES = json.loads((Path(__file__).parent / "data" / "phrase_cases.json").read_text(encoding="utf-8"))
POSITIVE: dict[str, list[tuple[str, str]]] = {lang: [tuple(c) for c in cs] for lang, cs in CASES["positive"].items()}
NEGATIVE: dict[str, list[str]] = CASES["negative"]
GROWN: list[tuple[str, str]] = [tuple(c) for c in CASES["grown"]]


@pytest.fixture(scope="module")
def rules() -> PhraseRules:
    return PhraseRules.load()


@pytest.mark.parametrize(
    ("text", "rule_id"), [(text, f"{lang}/{cat}") for lang, cases in POSITIVE.items() for text, cat in cases]
)
def test_boilerplate_is_matched(rules, text, rule_id):
    assert rules.match(text) == rule_id


@pytest.mark.parametrize(("text", "rule_id"), GROWN)
def test_grown_rules_match_their_kind(rules, text, rule_id):
    assert rules.match(text) == rule_id


@pytest.mark.parametrize("text", [text for texts in NEGATIVE.values() for text in texts])
def test_body_text_is_kept(rules, text):
    assert rules.match(text) is None


def test_tables_cover_every_file_and_category():
    files = {path.stem for path in BUILTIN_DIR.glob("*.txt")}
    assert files == set(POSITIVE) >= {"en", "fr", "de", "es", "it", "pt", "nl", "ru", "ar", "zh"}
    assert files - {NEUTRAL} <= set(NEGATIVE)
    for lang, cases in POSITIVE.items():
        categories = {category for _, category in cases}
        assert categories == ({r.rule_id.split("/")[1] for r in parse_file(BUILTIN_DIR / f"{lang}.txt")})
        if lang != NEUTRAL:
            assert categories == set(CATEGORIES)


def test_match_agrees_with_the_reference(rules):
    texts = [t for cases in POSITIVE.values() for t, _ in cases] + [t for ts in NEGATIVE.values() for t in ts]
    assert [rules.match(t) for t in texts] == [rules.reference_match(t) for t in texts]


def _fixture_paragraphs() -> list[str]:
    """Paragraphs and lines of the fixtures' text inputs and expected bodies (in the repository)."""
    root = Path(__file__).resolve().parent.parent / "fixtures"
    texts = [path.read_text(encoding="utf-8") for path in root.glob("*/*.txt")]
    return sorted({p.strip() for text in texts for p in [*text.split("\n\n"), *text.splitlines()] if p.strip()})


def _variants(text: str) -> list[str]:
    """``text`` in the shapes the fast matcher reads differently: case, digits and marks first, length."""
    return [text, text.upper(), f"- {text}", f"12 {text}", f"{text} 2024", text[: len(text) // 2], text[-40:]]


def test_match_agrees_with_the_reference_on_many_paragraphs(rules):
    tables = [t for cases in POSITIVE.values() for t, _ in cases] + [t for ts in NEGATIVE.values() for t in ts]
    texts = [v for text in _fixture_paragraphs() + tables + [t for t, _ in GROWN] for v in _variants(text)]
    assert len(texts) > 2000
    assert [rules.match(t) for t in texts] == [rules.reference_match(t) for t in texts]


_ALL = PhraseRules.load().rules
_AROUND = st.sampled_from(["", " ", "x", "- ", "1 ", "٣ ", "(", "Read more: ", " foo", ". Bar", "\n", "…"])


def _around(data: st.DataObject, texts: st.SearchStrategy[str]) -> str:
    """A drawn text with drawn bits of text before and after it."""
    return data.draw(_AROUND) + data.draw(texts) + data.draw(_AROUND)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.data())
def test_match_agrees_with_the_reference_on_generated_text(rules, data):
    rule = data.draw(st.sampled_from(_ALL))
    text = _around(data, st.from_regex(rule.pattern))
    if data.draw(st.booleans()):
        text = text.upper()
    assert rules.match(text) == rules.reference_match(text)


_TRICKY_RULES = PhraseRules(
    PhraseRule(f"{'mul' if i % 5 == 4 else 'en'}/ads", pattern, 10 + 7 * i, f"test:{i}")
    for i, pattern in enumerate(TRICKY)
)
_TRICKY_TEXT = ["cafés", "café", "3 comments", "١٢ comments", "One comment", "  -\u2003anzeige", "٣ x", "xyz", "12foo"]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.data())
def test_user_patterns_match_as_the_reference(data):
    pattern = data.draw(st.sampled_from(TRICKY))
    text = _around(data, st.from_regex(pattern))
    for variant in [text, *_TRICKY_TEXT]:
        assert _TRICKY_RULES.match(variant) == _TRICKY_RULES.reference_match(variant)


def test_length_cap(rules):
    note = "© 2024 ACME Corp. All rights reserved."
    body = (
        "The label insisted that all rights reserved by the estate remained valid, and the judge, after "
        "hearing two days of testimony from archivists, musicians and the heirs of the composer, agreed "
        "that the recordings could not be released without a new licence being negotiated first."
    )
    assert rules.match(note) == "en/copyright"
    assert len(body) > 250
    assert rules.match(body) is None
    # "all rights reserved" may drop paragraphs of up to 250 characters, stripped
    end = " All rights reserved."
    assert rules.match(body[: 250 - len(end)] + end + "   ") == "en/copyright"
    assert rules.match(body[: 251 - len(end)] + end) is None
    assert rules.match("Advertisement " + "x" * 200) is None


def test_language_rules_win_over_neutral_marks(rules):
    assert rules.match("© 2024 El Eco. Todos los derechos reservados.") == "es/copyright"
    assert rules.match("© 2024 El Eco.") == "mul/copyright"


def test_fold():
    assert fold("İLGİLİ Haberler’de\xa0:") == "ilgili haberler'de :"


def test_seed_matches_only_its_french_footer(rules):
    lines = shared_file(SEED).read_text(encoding="utf-8").splitlines()
    verdicts = [rules.match(line) for line in lines]
    assert verdicts[:-1] == [None] * (len(lines) - 1)
    assert verdicts[-1] is not None and verdicts[-1].startswith("fr/")


def _eval_paragraphs() -> list[str]:
    aeb = shared_file(SHARED / "eval-data" / "aeb" / "gold.jsonl")
    traf = shared_file(SHARED / "eval-data" / "trafilatura-eval" / "gold.jsonl")
    lines = aeb.read_text(encoding="utf-8").splitlines()
    paragraphs = [p for line in lines for p in json.loads(line)["body"].split("\n\n")]
    paragraphs += [s for line in traf.read_text(encoding="utf-8").splitlines() for s in json.loads(line)["with"]]
    return [p.strip() for p in paragraphs if p.strip()]


# Gold body paragraphs that are boilerplate all the same (the benchmark kept them).
ACCEPTED_IN_GOLD = {
    "See more photos:",
    "(Reporting by Will Dunham; Editing by Tom Brown)",
    "© Reuters",
    "Main image credit: Getty",
    "Originally published on Live Science.",
    "This article was reprinted on Wired.com.",
    "1. Januar 2023",  # a "with" snippet cut out of a sentence: alone, it is a dateline
}


def test_gold_body_text_is_kept(rules):
    dropped = {p for p in _eval_paragraphs() if rules.match(p)}
    assert dropped <= ACCEPTED_IN_GOLD


def test_match_agrees_with_the_reference_on_gold(rules):
    texts = _eval_paragraphs()
    assert [rules.match(t) for t in texts] == [rules.reference_match(t) for t in texts]


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_user_file_extends_the_rules(tmp_path):
    extra = _write(tmp_path, "house.txt", "# our site\nlang: de\n[ads max=40]\n^werbeblock\\b\n")
    rules = PhraseRules.load([extra])
    assert rules.match("WERBEBLOCK 3") == "de/ads"
    assert rules.rules[-1].rule_id == "de/ads" and len(rules.rules) == len(PhraseRules.load().rules) + 1
    doc = PhraseFilter(Options(phrase_files=(str(extra),)))(Document([Paragraph("Werbeblock")]))
    assert doc.paragraphs[0].dropped == "de/ads"


def test_user_file_language_from_its_name(tmp_path):
    extra = _write(tmp_path, "fr.txt", "[newsletter max=60]\nla lettre du matin\n")
    assert PhraseRules.load([extra]).match("Recevez la lettre du matin") == "fr/newsletter"


@pytest.mark.parametrize(
    ("text", "lineno", "problem"),
    [
        ("[ads max=40]\n^(?:unclosed\n", 3, "bad regex"),
        ("[adverts max=40]\n^advert$\n", 2, "unknown category 'adverts'"),
        ("[ads]\n^advert$\n", 2, "needs a maximum length"),
        ("[ads max=0]\n^advert$\n", 2, "needs a maximum length"),
        ("^advert$\n", 2, "before any [category max=N] section"),
        ("[ads max=40]\n^Advert$\n", 3, "lower case"),
        ("[ads max=40]\n^(advert)$\n", 3, "non-capturing"),
        ("[ads max=40]\n(?:advert)?\n", 3, "empty paragraph"),
    ],
)
def test_malformed_file_names_file_and_line(tmp_path, text, lineno, problem):
    path = _write(tmp_path, "en.txt", "# line 1 is a comment\n" + text)
    with pytest.raises(ValueError, match=re.escape(problem)) as error:
        PhraseRules.load([path])
    assert str(error.value).startswith(f"{path}:{lineno}: ")


def test_file_stem_must_be_a_language(tmp_path):
    path = _write(tmp_path, "My Rules.txt", "[ads max=40]\n^advert$\n")
    with pytest.raises(ValueError, match=r"My Rules.txt:1: .*lang: xx"):
        parse_file(path)


def test_disabled_rules_never_fire():
    doc = Document([Paragraph("Read more: Other story"), Paragraph("© 2024 ACME. All rights reserved.")])
    PhraseFilter(Options(disable=("en/related", "en/copyright")))(doc)
    # the related teaser stays; the copyright line falls through to the next rule
    assert [p.dropped for p in doc.paragraphs] == [None, "mul/copyright"]
    doc = Document([Paragraph("© 2024 ACME. All rights reserved.")])
    PhraseFilter(Options(disable=("en/", "mul/")))(doc)
    assert doc.paragraphs[0].dropped is None


def test_filter_marks_only_kept_paragraphs_whatever_their_language():
    footer = "Cet article a été initialement publié sur The Conversation."
    doc = Document(
        [
            Paragraph("Body text about floods.", lang="en"),
            Paragraph(footer, lang="en"),  # a wrong label must not matter
            Paragraph("Read more: x", dropped="repeated"),
        ]
    )
    out = PhraseFilter(Options())(doc)
    assert out is doc
    assert [p.dropped for p in doc.paragraphs] == [None, "fr/syndication", "repeated"]
    assert doc.paragraphs[1].text == footer


def test_filter_pickles_as_its_options():
    options = Options(disable=("en/ads",))
    phrase_filter = PhraseFilter(options)
    data = pickle.dumps(phrase_filter)
    assert b"rights reserved" not in data and len(data) < 1000
    clone = pickle.loads(data)
    assert clone.options == options
    doc = clone(Document([Paragraph("Advertisement"), Paragraph("Lesen Sie auch: x")]))
    assert [p.dropped for p in doc.paragraphs] == [None, "de/related"]


def test_without_the_private_re_parser_the_rules_fall_back_to_the_reference_with_one_warning(monkeypatch):
    texts = [t for cases in POSITIVE.values() for t, _ in cases] + [t for ts in NEGATIVE.values() for t in ts]
    expected = [PhraseRules.load().match(t) for t in texts]
    monkeypatch.setattr(patterns, "_MISSING", "re._parser is missing (a test)")
    readings = (patterns.is_anchored, patterns.heads, patterns.words, patterns.keywords, _compile)
    for reading in readings:
        reading.cache_clear()
    try:
        with pytest.warns(RuntimeWarning, match="tried one by one") as warned:
            fallback = PhraseRules.load()
            assert [fallback.match(t) for t in texts] == expected
            PhraseRules.load().match("Read more: x")  # the same rules again: no second warning
        assert len(warned) == 1
    finally:
        for reading in readings:
            reading.cache_clear()


def test_rules_pickle_without_compiled_regexes(rules):
    clone = pickle.loads(pickle.dumps(rules))
    assert clone.rules == rules.rules
    assert clone.match("Lire aussi : x") == "fr/related"


def test_rule_ids_are_lang_slash_category(rules):
    ids = rules.rule_ids()
    assert len(ids) == len(set(ids))
    assert "fr/syndication" in ids and "en/newsletter" in ids
    assert all(re.fullmatch(r"[a-z]{2,3}/[a-z]+", i) and i.split("/")[1] in CATEGORIES for i in ids)
