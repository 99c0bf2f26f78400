"""Template debris: lines of template tags are dropped, prose and code keep theirs."""

import pytest

from cleantext import Cleaner, Options
from cleantext.boilerplate.markup import MarkupFilter, is_debris
from cleantext.model import Document, Paragraph


@pytest.mark.parametrize(
    "text",
    [
        "{{#topArticle.elements}}\n    {{#title}}\n        {{{title}}}\n{{/title}}",
        "Good examples are here.\n{{/topArticle}}",
        "{% block content %}",
        "<%= article.body %>",
        "${headline}",
        "{{.}}",
    ],
)
def test_template_lines_are_debris(text):
    assert is_debris(Paragraph(text))


@pytest.mark.parametrize(
    "text",
    [
        "Use {{ name }} in the template to print the name.",
        "Profil {{#id}}",
        "Prices rose by 5 % in {{region}} and elsewhere.",
        "Plain words without any template.",
    ],
)
def test_prose_is_no_debris(text):
    assert not is_debris(Paragraph(text))


def test_code_keeps_its_templates():
    assert not is_debris(Paragraph("{{#items}}\n{{/items}}", kind="code"))


def test_filter_marks_debris_and_can_be_switched_off():
    doc = MarkupFilter()(Document([Paragraph("Body text."), Paragraph("{{/title}}")]))
    assert [p.dropped for p in doc.paragraphs] == [None, "markup"]
    text = "The storm reached the valley on Sunday night.\n\n{{/title}}"
    assert Cleaner(Options(format="text")).clean(text) == "The storm reached the valley on Sunday night."
    assert "{{/title}}" in Cleaner(Options(format="text", disable=("markup",))).clean(text)
