from cleantext import read
from cleantext.encoding import ready_to_parse
from cleantext.html_tree import drop_code, parse_html
from cleantext.options import Options
from cleantext.read import extract_html, looks_like_html, split_text

from .conftest import shared_eval_pages

PAGE = """<!DOCTYPE html><html><head><title>Harbour reopens</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<article>
<h1>Harbour reopens after two years of works</h1>
<p>The old harbour of the town reopened on Saturday after two years of repairs, and hundreds of residents
came to watch the first boats sail in under a clear sky.</p>
<h2>A long wait</h2>
<p>The works were delayed twice, first by a storm that damaged the new quay and then by a shortage of
steel, the mayor said in a speech on the pier.</p>
<ul><li>New quay of 300 metres for fishing boats</li><li>A public walkway along the water</li></ul>
<blockquote><p>We waited a long time, but the harbour is finally ours again, said one fisherman.</p></blockquote>
<p>The next phase of the project, a small marina for visiting yachts, should start in the spring.</p>
</article>
<footer><p>Copyright 2024 Town Gazette</p></footer>
</body></html>"""


def test_split_on_blank_lines_keeps_inner_line_breaks():
    paragraphs = split_text("First line\nstill first.\n\n  \nSecond.\r\n\r\nThird.")
    assert [p.text for p in paragraphs] == ["First line\nstill first.", "Second.", "Third."]


def test_split_one_paragraph_per_line_without_blank_lines():
    assert [p.text for p in split_text("A\r\nB\rC\n\n")] == ["A", "B", "C"]


def test_split_empty_and_blank_input():
    assert split_text("") == []
    assert split_text(" \n \t\n") == []


def test_looks_like_html():
    assert looks_like_html(PAGE)
    assert looks_like_html("\ufeff  <html><body><p>x</p></body></html>")
    assert not looks_like_html("Dear reader, <b> is bold in HTML.\nBut this is a letter.")


def test_html_keeps_structure_and_drops_page_template():
    paragraphs = extract_html(PAGE, Options())
    kinds = {p.text: p.kind for p in paragraphs}
    assert kinds["A long wait"] == "heading"
    assert kinds["New quay of 300 metres for fishing boats"] == "item"
    assert kinds["A public walkway along the water"] == "item"
    assert any(p.kind == "quote" and p.text.startswith("We waited") for p in paragraphs)
    texts = " ".join(kinds)
    assert "Home" not in texts.split()
    assert "Copyright 2024" not in texts


def test_html_without_content_gives_no_paragraphs():
    assert extract_html("<html><body></body></html>", Options()) == []


def test_html_paragraphs_are_repaired_as_the_options_say():
    page = PAGE.replace("under a clear sky", "under a clear sky, said the cafÃ© owner")
    assert any(p.text.endswith("said the café owner.") for p in extract_html(page, Options()))
    assert any(p.text.endswith("said the cafÃ© owner.") for p in extract_html(page, Options(repair=False)))


def _texts(result):
    return [p.text for p in read._paragraphs(result)]


def test_trafilatura_alone_decides_a_long_article_and_the_whole_cascade_a_short_one():
    options = Options(format="html")
    article = "".join(f"<p>Paragraph {n} of the report on the valley floods, with the figures of the week.</p>"
                      for n in range(20))
    long_page = f"<html><body><nav><a href='/'>Home</a></nav><article>{article}</article></body></html>"
    short_page = ("<html><body><div><div><span>A short note: the museum stays closed on Monday.</span>"
                  "</div></div><footer>Contact</footer></body></html>")
    for page, fast in ((long_page, True), (short_page, False)):
        tree = drop_code(parse_html(page))
        expected = _texts(read._bare_extraction(tree, options, None, fast=fast))
        assert [p.text for p in extract_html(page, options)] == expected
    assert len("".join(_texts(read._bare_extraction(drop_code(parse_html(long_page)), options, None, fast=True)))) \
        >= read.FAST_ENOUGH


def test_a_short_fast_result_is_replaced_by_the_whole_cascade_on_real_pages():
    pages = shared_eval_pages(60)
    options = Options(format="html", repair=False)
    rescued = 0
    for page in pages:
        tree = drop_code(parse_html(ready_to_parse(page)))
        fast = _texts(read._bare_extraction(tree, options, None, fast=True))
        if len("".join(fast)) < read.FAST_ENOUGH:
            full = _texts(read._bare_extraction(tree, options, None))
            assert [p.text for p in extract_html(page, options)] == full
            rescued += len("".join(full)) > 2 * len("".join(fast))
    assert rescued >= 3  # pages (17, 34, 48 here) where trafilatura's fallbacks find the article
