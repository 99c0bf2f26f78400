from cleantext.options import Options
from cleantext.read import extract_html, looks_like_html, split_text

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
