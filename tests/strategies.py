"""Hypothesis strategies for inputs from the web at its worst: text in many
scripts with boilerplate, mojibake, controls and odd line breaks; any
characters (lone surrogates included); HTML-like pages; JSON Lines lines.
Shared by ``tests/test_properties.py`` and ``benchmarks/fuzz.py``.
"""

from __future__ import annotations

import json

from hypothesis import strategies as st

# Pieces of web text: several scripts, boilerplate that the rules drop,
# mojibake, entities, controls, odd white space and line breaks.
FRAGMENTS = [
    "The museum reopens on Friday with a new wing for modern art.",
    "Le musée rouvre vendredi avec une nouvelle aile.", "Das Museum öffnet am Freitag wieder.",
    "Музей вновь откроется в пятницу.", "美術館は金曜日に再開します。", "博物馆将于周五重新开放。",
    "المتحف يعيد فتح أبوابه يوم الجمعة.", "המוזיאון נפתח מחדש ביום שישי.", "संग्रहालय शुक्रवार को फिर से खुलेगा।",
    "© 2024 Valley News. All rights reserved.", "Subscribe to our newsletter", "Lire aussi :",
    "Share on Facebook", "Photo: Reuters", "— Jane Doe, curator", "Read more", "Museum reopens",
    "cafÃ© Ã®le", "&eacute;&amp;&#x1F600;&#0;", "😀👍🏽", "e\u0301 a\u0308 \u0915\u094d\u0937",
    "\u200f\u202e\u2066", "\x00\x01\x1b\x7f\x85", "\ufeff", "\ufffd", "<p>", "</div>", "{\"a\": 1}",
]
SEPARATORS = [" ", "\n", "\n\n", "\r\n", "\r", "\r\n\r\n", "\t", "\u2028", "\u00a0\n", "\n \n", ""]

any_char_text = st.text(st.characters(exclude_categories=()), max_size=300)  # surrogates included
web_text = st.lists(
    st.tuples(st.sampled_from(FRAGMENTS) | any_char_text, st.sampled_from(SEPARATORS)), max_size=25,
).map(lambda parts: "".join(a + b for a, b in parts))
texts = web_text | any_char_text

TAGS = ["p", "div", "span", "h1", "h2", "ul", "li", "blockquote", "table", "tr", "td", "article", "main",
        "nav", "footer", "header", "aside", "script", "style", "pre", "code", "a", "br", "img", "b", "font"]


def _element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.builds(lambda tag, attr, inner, close: f"<{tag}{attr}>{inner}" + (f"</{tag}>" if close else ""),
                     st.sampled_from(TAGS),
                     st.sampled_from(["", ' class="content"', ' href="http://example.com/x"', " hidden", ' id=x"y']),
                     st.lists(children, max_size=4).map("".join), st.booleans())


html_body = st.recursive(st.sampled_from(FRAGMENTS) | any_char_text, _element, max_leaves=20)
html_pages = st.builds(
    lambda head, body, tail: f"{head}<html><head><title>t</title></head><body>{body}</body></html>{tail}",
    st.sampled_from(["", "<!DOCTYPE html>", '<?xml version="1.0" encoding="utf-8"?>', "\ufeff", "<!-- c -->"]),
    html_body, st.sampled_from(["", "</html>", "<p>", "\x00"]),
)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | texts,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)
records = st.fixed_dictionaries({}, optional={"id": json_values, "text": json_values | texts, "url": json_values})
json_lines = (records.map(lambda r: json.dumps(r, ensure_ascii=False))
              | records.map(json.dumps)
              | json_values.map(json.dumps)
              | texts)


def mutated(seeds: list[bytes]) -> st.SearchStrategy[bytes]:
    """Real documents damaged the way transfers and scrapers damage them:
    bytes flipped, inserted, deleted, a stretch duplicated, the end cut off."""

    def damage(seed: bytes, edits: list[tuple[int, int, int, int]]) -> bytes:
        data = bytearray(seed)
        for kind, where, length, byte in edits:
            at = where % (len(data) + 1)
            if kind == 0 and data:
                data[at % len(data)] ^= byte or 0x80
            elif kind == 1:
                data[at:at] = bytes([byte]) * (length % 8 + 1)
            elif kind == 2:
                del data[at:at + length]
            elif kind == 3:
                data[at:at] = data[at:at + length * 16]
            else:
                del data[at:]
        return bytes(data)

    edit = st.tuples(st.integers(0, 4), st.integers(0, 2**31), st.integers(0, 64), st.integers(0, 255))
    return st.builds(damage, st.sampled_from(seeds), st.lists(edit, max_size=6))
