"""Hand-computed cases for the four quality metrics of benchmarks/scoring.py."""

from __future__ import annotations

import pytest

from benchmarks.scoring import (
    AebPage,
    BagPage,
    MixedScores,
    SnippetCounts,
    Verdict,
    aeb_page,
    aeb_scores,
    bag_of_tokens,
    bag_page,
    catastrophic,
    macro_f1,
    much_worse,
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


# ----------------------------------------------------------------------------- wild-dev bag of tokens


def test_cjk_inside_a_latin_run_becomes_bigrams_and_the_latin_part_one_token() -> None:
    # one \w+ run: "iPhone" + 手机很好用 -> 手机 机很 很好 好用
    assert bag_of_tokens("iPhone手机很好用!") == {"iPhone": 1, "手机": 1, "机很": 1, "很好": 1, "好用": 1}


def test_a_lone_kanji_is_one_token() -> None:
    assert bag_of_tokens("中 国") == {"中": 1, "国": 1}
    assert bag_of_tokens("第3章") == {"第": 1, "3": 1, "章": 1}


def test_kana_and_han_share_bigrams_and_the_long_vowel_mark_stays_inside() -> None:
    assert bag_of_tokens("東京タワー") == {"東京": 1, "京タ": 1, "タワ": 1, "ワー": 1}


def test_text_is_nfc_normalised_and_case_kept() -> None:
    assert bag_of_tokens("cafe\u0301 Café") == {"café": 1, "Café": 1}


def test_bag_page_on_a_mixed_japanese_and_latin_page() -> None:
    # pred: 東京 京タ タワ ワー ーは は高 高い Tower (8); gold: 東京 京タ タワ ワー Tower 333m (6); TP 5
    page = bag_page("東京タワーは高い Tower", "東京タワー Tower 333m")
    assert page == BagPage(tp=5, pred=8, gold=6)
    assert (page.precision, page.recall) == (5 / 8, 5 / 6)
    assert page.f1 == pytest.approx(10 / 14)


def test_true_positives_are_the_multiset_intersection() -> None:
    # pred {a: 3, b: 1}, gold {a: 1, b: 2, c: 1}: TP = min(3, 1) + min(1, 2) = 2
    page = bag_page("a a a b", "a b b c")
    assert page == BagPage(tp=2, pred=4, gold=4)
    assert page.f1 == 0.5


def test_empty_output_or_gold_scores_zero() -> None:
    assert bag_page("", "some gold text").f1 == 0.0
    assert bag_page(None, "some gold text") == BagPage(tp=0, pred=0, gold=3)
    assert bag_page("some output", "").f1 == 0.0


def test_macro_f1_is_the_mean_of_page_f1s_not_of_pooled_counts() -> None:
    pages = [bag_page("a", "a"), bag_page("a b c d", "a b c d e f g h")]  # F1 1 and 2/3
    assert macro_f1(pages) == pytest.approx((1 + 2 / 3) / 2)
    assert macro_f1([]) == 0.0


def test_do_no_harm_thresholds() -> None:
    assert much_worse(0.80, 0.86) and not much_worse(0.82, 0.86) and not much_worse(0.9, 0.5)
    assert catastrophic(0.49, 0.9) and not catastrophic(0.5, 0.95) and not catastrophic(0.1, 0.89)


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
