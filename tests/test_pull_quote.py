"""The pull-quote filter against its definition, on documents made of few words."""

from hypothesis import given, settings
from hypothesis import strategies as st

from cleantext.boilerplate.pull_quote import MIN_WORDS, PullQuoteFilter, _is_attribution, _set_off, _words
from cleantext.model import Document, Paragraph


def quoted_by_definition(paragraphs: list[Paragraph]) -> set[int]:
    """Set off, of MIN_WORDS words or more, which stand in order inside a paragraph of more words."""
    words = [_words(p) for p in paragraphs]
    return {i for i, p in enumerate(paragraphs)
            if _set_off(p) and len(words[i]) >= MIN_WORDS
            and any(len(w) > len(words[i]) and f" {' '.join(words[i])} " in f" {' '.join(w)} " for w in words)}


_WORDS = st.lists(st.sampled_from(["the", "The", "plan", "cuts", "costs", "by", "half"]), min_size=5, max_size=12)


@st.composite
def documents(draw):
    """Paragraphs of few words: whole ones, and pieces of them, quoted or not; some attributions."""
    bodies = draw(st.lists(_WORDS, min_size=1, max_size=3))
    paragraphs = []
    for _ in range(draw(st.integers(1, 8))):
        words = draw(st.sampled_from(bodies))
        start = draw(st.integers(0, 3))
        piece = " ".join(words[start : start + draw(st.integers(MIN_WORDS - 1, len(words)))])
        text = draw(st.sampled_from([" ".join(words), piece, f"\u201c{piece}\u201d", "— Jane Doe, mayor"]))
        paragraphs.append(Paragraph(text or "now", kind=draw(st.sampled_from(["text", "quote", "heading"]))))
    return paragraphs


@settings(max_examples=500, deadline=None)
@given(documents())
def test_pull_quotes_are_the_set_off_paragraphs_another_one_repeats(paragraphs):
    quoted = quoted_by_definition(paragraphs)
    expected = [None] * len(paragraphs)
    for i in sorted(quoted):
        expected[i] = "pull-quote"
        if i + 1 < len(paragraphs) and expected[i + 1] is None and _is_attribution(paragraphs[i + 1]):
            expected[i + 1] = "pull-quote"
    assert [p.dropped for p in PullQuoteFilter()(Document(paragraphs)).paragraphs] == expected


def test_a_document_without_a_quotation_is_left_alone():
    doc = Document([Paragraph("The plan cuts costs by half, the mayor said on Monday."),
                    Paragraph("The plan cuts costs by half")])
    assert [p.dropped for p in PullQuoteFilter()(doc).paragraphs] == [None, None]
