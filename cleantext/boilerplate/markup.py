"""Template debris: page templates that reached the text unrendered.

A page built in the browser ships its templates in the HTML (Mustache,
Handlebars, Jinja, ERB…); an extractor may take their placeholders for text.
A paragraph with a line that is nothing but template tags is debris (rule
``markup``). Code blocks keep theirs, and so does prose that only mentions a
tag inside a sentence.

>>> from cleantext.model import Document, Paragraph
>>> doc = Document([Paragraph("Use {{ name }} to print the name."),
...                 Paragraph("{{#items}}\\n  {{{title}}}\\n{{/items}}")])
>>> [p.dropped for p in MarkupFilter()(doc).paragraphs]
[None, 'markup']
"""

from __future__ import annotations

import re

from ..model import Kind, Paragraph, ParagraphRule

RULE_ID = "markup"

_OPENERS = ("{{", "{%", "<%", "${")
#: One template tag: {{x}}, {{{x}}}, {{#x}}, {{/x}}, {% x %}, <%= x %>, ${x}.
_TAG = r"(?:\{\{\{?[^{}\n]{0,80}\}?\}\}|\{%[^%\n]{0,80}%\}|<%[^%\n]{0,80}%>|\$\{[^{}\n]{0,80}\})"
_TAG_LINE = re.compile(rf"^[ \t]*{_TAG}(?:[ \t]*{_TAG})*[ \t]*$", re.MULTILINE)


class MarkupFilter(ParagraphRule):
    """Drops paragraphs with a line made only of template tags."""

    def judge(self, p: Paragraph) -> str | None:
        return RULE_ID if is_debris(p) else None


def is_debris(p: Paragraph) -> bool:
    """A paragraph, not code, with a line of template tags only.

    >>> is_debris(Paragraph("Profil {{#id}}")), is_debris(Paragraph("{{.}}"))
    (False, True)
    """
    if p.kind == Kind.CODE or not any(opener in p.text for opener in _OPENERS):
        return False
    return _TAG_LINE.search(p.text) is not None
