"""Foreign edges, pull quotes and titles: the structural filters."""

from cleantext.boilerplate.edges import ForeignEdgeFilter
from cleantext.boilerplate.pull_quote import PullQuoteFilter
from cleantext.boilerplate.title import TitleFilter
from cleantext.model import Document, Paragraph


def doc_of(*items, lang="en"):
    return Document([Paragraph(text, lang=code) for text, code in items], lang=lang)


def verdicts(doc):
    return [p.dropped for p in doc.paragraphs]


def test_foreign_runs_at_both_edges_are_dropped():
    doc = doc_of(("Kopf", "de"), ("Body one.", "en"), ("Zitat.", "de"), ("Body two.", "en"),
                 ("Pied.", "fr"), ("Fuß.", "de"))
    assert verdicts(ForeignEdgeFilter()(doc)) == ["foreign-edge", None, None, None, "foreign-edge", "foreign-edge"]


def test_undecided_lines_go_only_with_a_foreign_run_beyond_them():
    doc = doc_of(("Body.", "en"), ("2024", None), ("Pied de page.", "fr"), ("***", None))
    assert verdicts(ForeignEdgeFilter()(doc)) == [None, None, "foreign-edge", "foreign-edge"]


def test_edges_skip_paragraphs_already_dropped():
    doc = doc_of(("Body.", "en"), ("Pied.", "fr"), ("© 2024", None))
    doc.paragraphs[2].dropped = "en/copyright"
    assert verdicts(ForeignEdgeFilter()(doc)) == [None, "foreign-edge", "en/copyright"]


def test_document_all_foreign_or_unknown_is_left_alone():
    doc = doc_of(("Un.", "fr"), ("Deux.", "fr"))
    assert verdicts(ForeignEdgeFilter()(doc)) == [None, None]
    assert verdicts(ForeignEdgeFilter()(doc_of(("x", "fr"), lang=None))) == [None]


BODY = "Officials said the new bridge will open to traffic in March, two months later than planned."


def test_pull_quote_and_attribution_are_dropped():
    doc = Document([Paragraph(BODY), Paragraph("\u201cThe new bridge will open to traffic in March\u201d"),
                    Paragraph("– Anna Berg, engineer"), Paragraph("Work continues at night.")])
    assert verdicts(PullQuoteFilter()(doc)) == [None, "pull-quote", "pull-quote", None]


def test_pull_quote_needs_enough_words_and_a_longer_source():
    short = Document([Paragraph(BODY), Paragraph("Open in March")])
    assert verdicts(PullQuoteFilter()(short)) == [None, None]
    twins = Document([Paragraph(BODY), Paragraph(BODY)])
    assert verdicts(PullQuoteFilter()(twins)) == [None, None]


def test_dash_line_not_after_a_pull_quote_stays():
    doc = Document([Paragraph(BODY), Paragraph("- a list item in the text"), Paragraph("More text here.")])
    assert verdicts(PullQuoteFilter()(doc)) == [None, None, None]


def test_title_is_the_leading_headline():
    doc = TitleFilter()(Document([Paragraph("Bridge opening delayed to March"), Paragraph(BODY)]))
    assert doc.title == "Bridge opening delayed to March" and verdicts(doc) == ["title", None]


def test_a_first_sentence_is_not_a_title():
    for first in ("The bridge opens in March.", "Update:", BODY + " " + BODY):
        doc = TitleFilter()(Document([Paragraph(first), Paragraph(BODY + BODY)]))
        assert doc.title is None and verdicts(doc) == [None, None]


def test_title_is_in_the_document_language_and_may_follow_foreign_lines():
    doc = doc_of(("Lire l'article en français", "fr"), ("Bridge opening delayed", "en"), (BODY, "en"))
    assert verdicts(TitleFilter()(doc)) == [None, "title", None]
    foreign_first = doc_of(("Ein deutscher Titel", "de"), (BODY, "de"), lang="en")
    assert verdicts(TitleFilter()(foreign_first)) == [None, None]


def test_single_paragraph_has_no_title():
    doc = TitleFilter()(Document([Paragraph("Just one line")]))
    assert doc.title is None and verdicts(doc) == [None]
