"""Link text counted from the page, and the link-list filter that uses it."""

from __future__ import annotations

import lxml.html
from hypothesis import given, settings
from hypothesis import strategies as st

from cleantext import Cleaner, Options
from cleantext.boilerplate.links import LinkListFilter, is_link
from cleantext.model import Document, Paragraph
from cleantext.read.links import MAX_LINK_CHARS, _anchor_texts, count_link_chars, link_index, mark_links
from cleantext.read.repair import repair
from cleantext.read.views import extraction_candidates

BODY = ("The old harbour of the town reopened on Saturday after two years of repairs, and hundreds of "
        "residents came to watch the first boats sail in.")

PAGE = f"""<!DOCTYPE html><html><head><title>Harbour reopens</title></head><body>
<article>
<h1>Harbour reopens after two years</h1>
<h2><a href="/a">Ferry prices rise again</a></h2>
<h2><a href="/b">New bridge opens in March</a></h2>
<p>{BODY}</p>
<p>The works were delayed twice, says the <a href="/mayor">mayor of the town</a>, first by a storm that
damaged the new quay and then by a shortage of steel.</p>
<p>Related stories:</p>
<h3><a href="/c">Fishermen return to the bay</a></h3>
<h3><a href="/d">Storm damage in the north</a></h3>
<p>The next phase of the project, a small marina for visiting yachts, should start in the spring, the town said.</p>
</article></body></html>"""


def test_link_characters_are_counted_at_word_starts():
    index = link_index(["Rain returns", "[More]", "  a  "])
    assert count_link_chars("Read more: Rain  returns to the valley", index) == len("Rain returns")
    assert count_link_chars("[More] news", index) == len("[More]")
    assert count_link_chars("Drain returns", index) == 0  # not at a word start
    assert count_link_chars("Nothing linked here", link_index([])) == 0


def test_the_longest_anchor_wins_and_anchors_do_not_overlap():
    index = link_index(["New", "New bridge opens", "opens"])
    assert count_link_chars("New bridge opens today", index) == len("New bridge opens")


def test_is_link_needs_a_short_paragraph_of_link_text():
    assert is_link(Paragraph("Ferry prices rise again", links=23))
    assert not is_link(Paragraph("Ferry prices rise again", links=10))
    assert not is_link(Paragraph("x" * 200, links=200))
    assert not is_link(Paragraph("", links=0))


def _candidates(page: str) -> dict[str, Paragraph]:
    return {c.paragraph.text: c.paragraph for c in extraction_candidates(page, Options(format="html"))[0]}


def test_html_paragraphs_carry_their_link_characters():
    paragraphs = _candidates(PAGE)
    assert paragraphs["Ferry prices rise again"].links == len("Ferry prices rise again")
    assert paragraphs[BODY].links == 0
    mayor = next(p for text, p in paragraphs.items() if text.startswith("The works were delayed"))
    assert mayor.links == len("mayor of the town")


def test_links_laid_out_over_lines_are_counted_in_the_normalised_paragraphs():
    page = (PAGE.replace(">Ferry prices rise again<", ">\n\t\tFerry  prices\n\t\trise again\n\t<")
            .replace(">New bridge opens in March<", ">New bridge\n opens \tin March<"))
    paragraphs = _candidates(page)
    assert paragraphs["Ferry prices rise again"].links == len("Ferry prices rise again")
    assert paragraphs["New bridge opens in March"].links == len("New bridge opens in March")
    body = Cleaner(Options(format="html")).process(page).body
    assert "Ferry prices rise again" not in body and "New bridge opens in March" not in body


def test_only_paragraphs_short_enough_to_be_links_are_counted_unless_every_one_is_asked_for():
    long = "Ferry prices rise again, the mayor of the town said. " * 4
    tree = lxml.html.fromstring(PAGE.replace("<p>Related stories:</p>", f"<p>{long}</p>"))
    for every, counted in ((False, 0), (True, len("Ferry prices rise again") + len("mayor of the town"))):
        paragraphs = [Paragraph(long.strip()), Paragraph("Ferry prices rise again")]
        mark_links(tree, paragraphs, every=every)
        assert paragraphs[0].links == counted * 4 if every else paragraphs[0].links == 0
        assert paragraphs[1].links == len("Ferry prices rise again")


def test_links_are_counted_as_extracted_and_judged_on_the_repaired_text():
    # 173 characters as extracted, 148 once the mojibake is repaired: a link, its link text found as extracted
    link = "CafÃ© " * 25 + "news desk, the old town"
    paragraph = _candidates(PAGE.replace("Ferry prices rise again", link))[link]
    assert paragraph.links == len(link) and not is_link(paragraph)  # too long as extracted
    paragraph.text = repair(paragraph.text)
    assert len(link) > MAX_LINK_CHARS >= len(paragraph.text) and is_link(paragraph)


def test_anchor_texts_are_the_text_content_of_each_link():
    tree = lxml.html.fromstring("<div><a>Home</a><a> <b>Read</b> more<!-- x --> now</a><a><img src='x'></a>"
                                "<a>&amp; co</a></div>")
    assert _anchor_texts(tree) == [a.text_content() for a in tree.iter("a")] == ["Home", " Read more now", "", "& co"]


_WORDS = st.sampled_from(["Home", "home", "News", "news", "Read", "more", "a", "(more)", "1", "in", "the", "town",
                          "Ferry", "prices", "rise", "»", "–"])
_TEXTS = st.lists(_WORDS, max_size=8).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(anchors=st.lists(_TEXTS, max_size=8), texts=st.lists(_TEXTS, min_size=1, max_size=6))
def test_marked_links_are_the_link_characters_against_all_anchors(anchors, texts):
    tree = lxml.html.fromstring("<div>" + "".join(f"<a href='#'>{a}</a>" for a in anchors) + "</div>")
    paragraphs = [Paragraph(text) for text in texts]
    mark_links(tree, paragraphs)
    index = link_index(_anchor_texts(tree))
    assert [p.links for p in paragraphs] == [count_link_chars(text, index) if text.strip() else 0 for text in texts]


def test_plain_text_has_no_links():
    doc = Cleaner(Options(format="text")).process("Ferry prices rise again\n\n" + BODY)
    assert all(p.links == 0 for p in doc.paragraphs)


def test_links_before_the_body_and_after_a_related_label_are_dropped():
    doc = Cleaner(Options(format="html", extraction="trafilatura")).process(PAGE)
    reasons = {p.text: p.dropped for p in doc.paragraphs}
    assert reasons["Harbour reopens after two years"] == "title"
    assert reasons["Ferry prices rise again"] == reasons["New bridge opens in March"] == "link-list"
    assert reasons["Related stories:"] == "en/related"
    assert reasons["Fishermen return to the bay"] == reasons["Storm damage in the north"] == "link-list"
    assert reasons[BODY] is None
    assert doc.body.endswith("the town said.")


def test_a_single_link_and_links_inside_the_body_stay():
    single = Document([Paragraph("Ferry prices rise again", links=23), Paragraph(BODY)])
    assert [p.dropped for p in LinkListFilter()(single).paragraphs] == [None, None]
    inside = Document([Paragraph(BODY), Paragraph("Source one", links=10), Paragraph("Source two", links=10)])
    assert [p.dropped for p in LinkListFilter()(inside).paragraphs] == [None, None, None]


def test_links_after_a_label_stop_at_the_first_other_paragraph():
    doc = Document([Paragraph(BODY), Paragraph("Also read:", dropped="en/related"), Paragraph("One", links=3),
                    Paragraph("Plain words"), Paragraph("Two", links=3)])
    assert [p.dropped for p in LinkListFilter()(doc).paragraphs] == [None, "en/related", "link-list", None, None]


def test_link_list_can_be_switched_off():
    doc = Cleaner(Options(format="html", extraction="trafilatura", disable=("link-list",))).process(PAGE)
    assert "Ferry prices rise again" in doc.body
