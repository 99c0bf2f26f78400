"""Hand-computed cases for the three quality metrics of benchmarks/scoring.py."""

from __future__ import annotations

import pytest

from benchmarks.scoring import (
    AebPage,
    MixedScores,
    SnippetCounts,
    Verdict,
    aeb_page,
    aeb_scores,
    normalize_ws,
    shingles,
    snippet_page,
    snippet_scores,
    tokens,
)

# ----------------------------------------------------------------------------- AEB


def test_tokens_are_word_runs_with_case_kept() -> None:
    assert tokens("Hello, world! It's 2024.") == ["Hello", "world", "It", "s", "2024"]
    assert tokens(None) == []


def test_shingles_are_a_multiset_of_four_token_windows() -> None:
    # a b c d a b c d -> abcd, bcda, cdab, dabc, abcd
    assert shingles("a b c d a b c d") == {"a b c d": 2, "b c d a": 1, "c d a b": 1, "d a b c": 1}


def test_short_text_is_one_shingle_and_empty_text_none() -> None:
    assert shingles("a, b") == {"a b": 1}
    assert shingles("  ...  ") == {}


def test_page_counts_are_normalised_by_their_sum() -> None:
    # pred: xabc abcd bcde; gold: abcd bcde cdef -> TP 2, FP 1, FN 1 (sum 4)
    page = aeb_page("x a b c d e", "a b c d e f")
    assert (page.tp, page.fp, page.fn) == (0.5, 0.25, 0.25)
    assert page.precision == pytest.approx(2 / 3)
    assert page.recall == pytest.approx(2 / 3)
    assert not page.exact


def test_repeated_shingles_count_once_per_occurrence() -> None:
    # pred {abcd: 2, bcda, cdab, dabc} vs gold {abcd}: TP 1, FP 4, FN 0
    page = aeb_page("a b c d a b c d", "a b c d")
    assert page.precision == pytest.approx(1 / 5)
    assert page.recall == 1.0


def test_exact_match_ignores_punctuation_and_spacing_but_not_case() -> None:
    assert aeb_page("Hello,   world!", "Hello world").exact
    assert not aeb_page("hello world", "Hello world").exact


def test_benchmark_averages_precision_over_output_and_recall_over_gold() -> None:
    pages = [
        aeb_page("a b c d", "a b c d"),  # perfect: P 1, R 1, exact
        aeb_page("", "a b c d"),  # no output: no precision, R 0
        aeb_page("a b c d", ""),  # no gold: P 0, no recall
        aeb_page("x a b c d e", "a b c d e f"),  # P 2/3, R 2/3
        aeb_page("", ""),  # neither: in no average, exact
    ]
    scores = aeb_scores(pages)
    assert scores.precision == pytest.approx((1 + 0 + 2 / 3) / 3)
    assert scores.recall == pytest.approx((1 + 0 + 2 / 3) / 3)
    assert scores.f1 == pytest.approx(5 / 9)
    assert scores.accuracy == pytest.approx(2 / 5)
    assert scores.pages == 5


def test_page_with_nothing_matched_scores_zero() -> None:
    page = aeb_page("p q r s", "a b c d")
    assert page == AebPage(tp=0.0, fp=0.5, fn=0.5, exact=False)
    assert (page.precision, page.recall) == (0.0, 0.0)


# ----------------------------------------------------------------------------- trafilatura eval


def test_whitespace_is_normalised_on_both_sides() -> None:
    assert normalize_ws(" a\n\n b\u00a0\tc ") == "a b c"
    counts = snippet_page("first line\n\nsecond  line", [" line second\u00a0line "], [])
    assert counts.tp == 1


def test_page_counts_with_and_without_snippets() -> None:
    counts = snippet_page("Body text. Share this!", ["Body text.", "Lost text."], ["Share this", "Menu"])
    assert counts == SnippetCounts(tp=1, fn=1, fp=1, tn=1, pages=1)


def test_no_output_misses_every_with_snippet() -> None:
    assert snippet_page(None, ["a", "b"], ["c"]) == SnippetCounts(tp=0, fn=2, fp=0, tn=1, pages=1)


def test_counts_are_summed_over_pages_before_the_ratios() -> None:
    pages = [
        SnippetCounts(tp=2, fn=1, fp=1, tn=0, pages=1),
        SnippetCounts(tp=1, fn=0, fp=1, tn=2, pages=1),
    ]
    total = snippet_scores(pages)  # TP 3, FN 1, FP 2, TN 2
    assert total == SnippetCounts(tp=3, fn=1, fp=2, tn=2, pages=2)
    assert total.precision == pytest.approx(3 / 5)
    assert total.recall == pytest.approx(3 / 4)
    assert total.f1 == pytest.approx(6 / 9)
    assert total.accuracy == pytest.approx(5 / 8)


def test_empty_counts_score_zero() -> None:
    assert (SnippetCounts().precision, SnippetCounts().recall, SnippetCounts().f1) == (0.0, 0.0, 0.0)


# ----------------------------------------------------------------------------- mixed-language documents


def para(label: str, form: str = "sentences", lang: str = "en") -> dict[str, str]:
    return {"text": "…", "label": label, "form": form, "lang": lang}


def test_mixed_verdicts_are_scored_per_paragraph() -> None:
    gold = [
        para("body", "short"),  # title line, reported as the title
        para("body"),
        para("body"),
        para("quote-foreign", lang="fr"),  # wrongly dropped: FP, quote lost
        para("body"),
        para("body"),
        para("boilerplate-foreign", "short", lang="fr"),  # dropped: TP, short
        para("boilerplate-foreign", lang="fr"),  # kept: FN
    ]
    verdicts = [
        Verdict("title", "en"),
        Verdict(None, "en"),
        Verdict(None, "et"),  # language wrong
        Verdict("foreign-edge", "fr"),
        Verdict(None, "en"),
        Verdict(None, "en"),
        Verdict("fr/copyright", "fr"),
        Verdict(None, None),  # language wrong
    ]
    s = MixedScores()
    s.add(gold, verdicts)
    assert (s.tp, s.fn, s.fp) == (1, 1, 1)
    assert (s.precision, s.recall, s.f1) == (0.5, 0.5, 0.5)
    assert (s.short_tp, s.short_total, s.short_recall) == (1, 1, 1.0)
    assert (s.quote_dropped, s.body_dropped, s.title_lines_dropped) == (1, 0, 0)
    assert s.titles == 1
    assert s.lang_accuracy == pytest.approx(6 / 8)
    assert s.misaligned_docs == 0


def test_dropped_body_and_title_lines_are_counted_apart() -> None:
    gold = [para("body", "short"), para("body"), para("body")]
    s = MixedScores()
    s.add(gold, [Verdict("foreign-edge", "et"), Verdict(None, "en"), Verdict("en/newsletter", "en")])
    assert (s.title_lines_dropped, s.body_dropped, s.quote_dropped, s.fp) == (1, 1, 0, 2)
    assert s.precision == 0.0


def test_foreign_paragraph_taken_as_title_is_not_a_drop() -> None:
    s = MixedScores()
    s.add(
        [para("boilerplate-foreign", "short", "de"), para("body")],
        [Verdict("title", "de"), Verdict(None, "en")],
    )
    assert (s.tp, s.fn, s.short_tp, s.short_total, s.titles) == (0, 1, 0, 1, 1)


def test_misaligned_document_is_flagged_and_scored_on_the_common_prefix() -> None:
    s = MixedScores()
    s.add([para("body"), para("boilerplate-foreign", lang="fr")], [Verdict(None, "en")])
    assert s.misaligned_docs == 1
    assert (s.paragraphs, s.tp, s.fn) == (1, 0, 0)
