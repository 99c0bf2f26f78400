"""The page tree handed to trafilatura: parsed as trafilatura parses, a little
faster, whole when nested deeper than libxml2 goes, without scripts and styles.

:func:`parse_html` follows trafilatura's ``load_html`` for a string, with the
same parser settings, but its parser makes every element a plain
``HtmlElement`` from C: lxml.html's own lookup calls back into Python for each
element it wraps, to give forms and inputs classes of their own that
trafilatura never uses, and trafilatura wraps every element many times
(identical output, about 4 % less extraction time on real pages).

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

:func:`drop_code` then takes out the scripts and style sheets, which every
reader of trafilatura drops first, before trafilatura copies the page.

>>> capped_nesting("<div>" * 4 + "<p>deep &amp; text</p>" + "</div>" * 4, max_depth=3, max_wrapper_depth=2)
'<div><div><p>deep &amp; text</p></div></div>'
"""

from __future__ import annotations

from collections import Counter
from html import escape
from html.parser import HTMLParser

import lxml.html
from lxml.etree import ElementDefaultClassLookup, XPath
from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HtmlProcessingInstruction
from trafilatura.utils import is_dubious_html, repair_faulty_html

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


def _plain_element_parser() -> lxml.html.HTMLParser:
    """trafilatura's HTML parser settings, with a lookup that never calls Python."""
    parser = lxml.html.HTMLParser(
        collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True
    )
    parser.set_element_class_lookup(
        ElementDefaultClassLookup(
            element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity
        )
    )
    return parser


_PARSER = _plain_element_parser()


def parse_html(html: str) -> HtmlElement | None:
    """The tree trafilatura would parse from ``html`` (None when it finds none),
    with the nesting capped when libxml2 stopped at its depth limit.

    >>> tree = parse_html("<html><body><form><p>Hello</p></form></body></html>")
    >>> type(tree.find(".//form")).__name__, tree.findtext(".//p")
    ('HtmlElement', 'Hello')
    """
    tree = _load(html)
    if _parse_hit_depth_limit():
        tree = _load(capped_nesting(html))
    return tree


def _load(html: str) -> HtmlElement | None:
    """trafilatura's ``load_html`` for a string: repaired as it repairs, parsed
    from the string, else from its UTF-8 bytes, and refused when it starts
    without "html" and holds a single element."""
    beginning = html[:50].lower()
    html = repair_faulty_html(html, beginning)
    try:
        tree = lxml.html.fromstring(html, parser=_PARSER)
    except Exception:  # as in trafilatura, e.g. a string that declares an encoding: try the bytes
        tree = None
    if tree is None or len(tree) < 1:
        try:
            tree = lxml.html.fromstring(html.encode("utf-8", "surrogatepass"), parser=_PARSER)
        except Exception:  # as in trafilatura: no tree
            return None
    if tree is not None and is_dubious_html(beginning) and len(tree) < 2:
        return None
    return tree


#: What no extractor reads: every reader of trafilatura drops scripts and styles
#: first, except JSON-LD, where its baseline looks for an article body.
_CODE = XPath('//script[not(@type="application/ld+json")]|//style')


def drop_code(tree: HtmlElement) -> HtmlElement:
    """``tree`` without its scripts and style sheets (JSON-LD kept), their tails kept.

    trafilatura copies the page several times while it extracts; without the code
    (often half of a page's bytes) each copy is cheaper, and the text is the same.

    >>> tree = drop_code(parse_html("<html><body><script>var x;</script><p>Text</p></body></html>"))
    >>> [e.tag for e in tree.iter()]
    ['html', 'body', 'p']
    """
    for element in _CODE(tree):
        element.drop_tree()
    return tree


def _parse_hit_depth_limit() -> bool:
    """True when the last HTML parse stopped at libxml2's depth limit."""
    return any(e.type_name == "ERR_RESOURCE_LIMIT" and "depth" in e.message for e in _PARSER.error_log)


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
