"""HTML nested deeper than the parser goes.

libxml2, the parser under lxml and trafilatura, stops reading a page at 256
levels of nesting, and the rest of the page is lost without an exception.
Such pages exist: thousands of unclosed ``<font>`` or ``<div>`` tags, or an
attack. :func:`parse_html` parses a page as trafilatura does; when the parse
hit that limit, the page is tokenised again by the standard library's parser, which has no depth
limit, and written out with its nesting capped (:func:`capped_nesting`): a
tag that would open a level deeper than :data:`MAX_DEPTH` is left out, its
text kept in place; so is a wrapper (a ``div``, ``span``, ``font``…: anything
but a block of text such as ``p``, ``li``, ``h2``) deeper than
:data:`MAX_WRAPPER_DEPTH`, which leaves room for the blocks inside. The text
of the whole page then reaches the extractor.

>>> capped_nesting("<div>" * 4 + "<p>deep &amp; text</p>" + "</div>" * 4, max_depth=3, max_wrapper_depth=2)
'<div><div><p>deep &amp; text</p></div></div>'
"""

from __future__ import annotations

from collections import Counter
from html import escape
from html.parser import HTMLParser

from lxml.html import HtmlElement
from trafilatura import utils as _trafilatura_utils

#: The nesting kept: below libxml2's 256 (it adds levels of its own, html and
#: body) and far above what any real page needs; wrappers stop earlier.
MAX_DEPTH = 200
MAX_WRAPPER_DEPTH = 100

_BLOCKS = frozenset({
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
    "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "blockquote", "pre",
})
_VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
})


def parse_html(html: str) -> HtmlElement | None:
    """The tree trafilatura would parse from ``html`` (None when it finds none),
    with the nesting capped when libxml2 stopped at its depth limit."""
    tree = _trafilatura_utils.load_html(html)
    if _parse_hit_depth_limit():
        tree = _trafilatura_utils.load_html(capped_nesting(html))
    return tree


def _parse_hit_depth_limit() -> bool:
    """True when trafilatura's last HTML parse stopped at libxml2's depth limit."""
    parser = _trafilatura_utils.HTML_PARSER
    return any(e.type_name == "ERR_RESOURCE_LIMIT" and "depth" in e.message for e in parser.error_log)


def capped_nesting(html: str, max_depth: int = MAX_DEPTH, max_wrapper_depth: int = MAX_WRAPPER_DEPTH) -> str:
    """``html`` rewritten with at most ``max_depth`` levels of open elements.

    Comments and processing instructions are left out; text, tags within the
    cap and their attributes are kept.
    """
    writer = _CappedWriter(max_depth, max_wrapper_depth)
    writer.feed(html)
    writer.close()
    return "".join(writer.out)


class _CappedWriter(HTMLParser):
    def __init__(self, max_depth: int, max_wrapper_depth: int) -> None:
        super().__init__(convert_charrefs=True)
        self.max_depth = max_depth
        self.max_wrapper_depth = max_wrapper_depth
        self.out: list[str] = []
        self.open: list[str] = []
        self.left_out: Counter[str] = Counter()  # start tags not written, whose end tags must go too

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            self.out.append(_start_tag(tag, attrs))
        elif len(self.open) >= (self.max_depth if tag in _BLOCKS else self.max_wrapper_depth):
            self.left_out[tag] += 1
        else:
            self.open.append(tag)
            self.out.append(_start_tag(tag, attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(_start_tag(tag, attrs))

    def handle_endtag(self, tag: str) -> None:
        if self.left_out[tag]:
            self.left_out[tag] -= 1
        elif tag in self.open:
            while self.open:
                closed = self.open.pop()
                self.out.append(f"</{closed}>")
                if closed == tag:
                    break

    def handle_data(self, data: str) -> None:
        self.out.append(escape(data, quote=False))

    def handle_decl(self, decl: str) -> None:
        self.out.append(f"<!{decl}>")


def _start_tag(tag: str, attrs: list[tuple[str, str | None]]) -> str:
    written = "".join(f" {name}" if value is None else f' {name}="{escape(value)}"' for name, value in attrs)
    return f"<{tag}{written}>"
