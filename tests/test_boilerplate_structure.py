"""Foreign edges, pull quotes, titles and trailing headings: the structural filters."""

from cleantext.boilerplate.edges import ForeignEdgeFilter
from cleantext.boilerplate.headings import TrailingHeadingFilter
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


# ---- titles in documents with headings (HTML)


def test_in_a_document_with_headings_the_title_is_the_leading_heading():
    doc = Document([Paragraph("Bridge opening delayed", kind="heading"), Paragraph("Order reprints", kind="item"),
                    Paragraph(BODY)])
    assert TitleFilter()(doc).title == "Bridge opening delayed" and verdicts(doc) == ["title", None, None]


def test_in_a_document_with_headings_a_leading_text_line_is_no_title():
    doc = Document([Paragraph("BAAR, SWITZERLAND"), Paragraph(BODY), Paragraph("Details", kind="heading"),
                    Paragraph(BODY)])
    assert TitleFilter()(doc).title is None and verdicts(doc) == [None, None, None, None]


def test_a_heading_title_may_carry_a_dateline_but_not_more():
    dated = "Stock car calendar 2018\nMonday, 22 January 2018, 0:13"
    doc = TitleFilter()(Document([Paragraph(dated, kind="heading"), Paragraph(BODY)]))
    assert doc.title == dated
    three = "Stock car calendar 2018\nMonday\n22 January 2018"
    assert TitleFilter()(Document([Paragraph(three, kind="heading"), Paragraph(BODY)])).title is None


# ---- pull quotes must be set off as quotations


def test_a_repeated_heading_or_plain_sentence_is_no_pull_quote():
    for kind, text in (("heading", "The new bridge will open to traffic in March"),
                       ("text", "The new bridge will open to traffic in March.")):
        doc = Document([Paragraph(BODY), Paragraph(text, kind=kind), Paragraph("Work continues at night.")])
        assert verdicts(PullQuoteFilter()(doc)) == [None, None, None]


def test_a_quote_block_repeating_the_body_is_a_pull_quote():
    doc = Document([Paragraph(BODY), Paragraph("The new bridge will open to traffic in March", kind="quote")])
    assert verdicts(PullQuoteFilter()(doc)) == [None, "pull-quote"]


def test_quotation_marks_must_wrap_the_whole_paragraph():
    half = "\u201eThe new bridge\u201c will open to traffic in March, they said"
    doc = Document([Paragraph(BODY), Paragraph(half)])
    assert verdicts(PullQuoteFilter()(doc)) == [None, None]
    guillemets = Document([Paragraph(BODY), Paragraph("\u00abThe new bridge will open to traffic in March\u00bb.")])
    assert verdicts(PullQuoteFilter()(guillemets)) == [None, "pull-quote"]


# ---- headings with nothing under them


def test_trailing_headings_are_dropped_up_to_the_body():
    doc = Document([Paragraph("Intro", kind="heading"), Paragraph(BODY), Paragraph("More stories", kind="heading"),
                    Paragraph("Sign up", dropped="en/newsletter"), Paragraph("Newsletter", kind="heading")])
    assert verdicts(TrailingHeadingFilter()(doc)) == [None, None, "trailing-heading", "en/newsletter",
                                                      "trailing-heading"]


def test_headings_followed_by_text_and_all_heading_documents_stay():
    doc = Document([Paragraph(BODY), Paragraph("Outlook", kind="heading"), Paragraph("More to come.")])
    assert verdicts(TrailingHeadingFilter()(doc)) == [None, None, None]
    only = Document([Paragraph("A", kind="heading"), Paragraph("B", kind="heading")])
    assert verdicts(TrailingHeadingFilter()(only)) == [None, None]
    assert verdicts(TrailingHeadingFilter()(Document([]))) == []
