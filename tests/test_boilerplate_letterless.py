"""Letterless paragraphs: table debris and separators are dropped, figures and words in any script stay."""

import pytest

from cleantext import Cleaner, Options
from cleantext.boilerplate.letterless import LetterlessFilter, is_letterless
from cleantext.model import Document, Paragraph

BODY = "The storm reached the valley on Sunday night, and the river rose by two metres before dawn."


@pytest.mark.parametrize(
    "text",
    ["| |", "| | | |", "***", "* * *", "- - -", "———", "| » | |", "|---|---|", ".", "→", "•", "©", "＊＊＊",
     "| \xa0 |"],
)
def test_debris_without_letters_or_digits_is_letterless(text):
    assert is_letterless(text)


@pytest.mark.parametrize(
    "text",
    [
        "2024", "12:30", "| 14/01/2008 | |", "$47,747,115", "½", "Ⅻ", "___",  # figures, the separator of agency copy
        "a", "| Tokyo |", "東京", "ソウル", "서울", "Αθήνα", "Москва", "القاهرة", "תל אביב", "मुंबई", "ভাষা", "กรุงเทพ",
    ],
)
def test_letters_of_any_script_digits_and_underscores_are_not(text):
    assert not is_letterless(text)


def test_the_filter_marks_only_kept_letterless_paragraphs():
    doc = Document([Paragraph("| | |"), Paragraph(BODY), Paragraph("***", dropped="markup"), Paragraph("| 2024 |")])
    assert [p.dropped for p in LetterlessFilter()(doc).paragraphs] == ["letterless", None, "markup", None]


def test_html_table_debris_is_dropped_and_the_rule_can_be_switched_off():
    rows = "<tr><td>12:30</td><td>Rain</td></tr><tr><td>\t»\n</td><td>&nbsp;</td></tr>"
    page = (f"<html><body><article><p>{BODY}</p><table>{rows}</table><p>{BODY}</p><p>* * *</p>"
            f"<p>{BODY.replace('Sunday', 'Monday')}</p></article></body></html>")
    doc = Cleaner(Options(format="html")).process(page)
    reasons = {p.text: p.dropped for p in doc.paragraphs}
    assert reasons["| 12:30 | Rain |"] is None
    assert reasons["| » | |"] == reasons["* * *"] == "letterless"
    kept = Cleaner(Options(format="html", disable=("letterless",))).process(page)
    assert "* * *" in kept.body and all(p.dropped is None for p in kept.paragraphs)


def test_plain_text_separators_are_dropped():
    text = f"{BODY}\n\n* * *\n\n{BODY.replace('Sunday', 'Monday')}\n\n2024"
    assert Cleaner(Options(format="text")).clean(text) == f"{BODY}\n\n{BODY.replace('Sunday', 'Monday')}\n\n2024"
