"""The charset of an HTTP header (a WARC record's ``Content-Type``) outranks the page's declaration."""

import codecs

import pytest

from cleantext import Cleaner, Options
from cleantext.read import read_document
from cleantext.read.decode import decode, header_charset
from cleantext.write import explanation

#: Short capitals, which detection alone reads as KOI8-R (an undeclared page has nothing else to go by).
PRICE = "<html><body><p>ЦЕНА: 5 РУБ.</p></body></html>"

ARTICLE = ("Правительство обсудило бюджет на следующий год. Министр финансов сказал, что расходы на школы "
           "и больницы вырастут, а новые дороги построят в каждом регионе страны до конца десятилетия.")


def _page(head: str, body: str) -> str:
    return f"<html><head>{head}<title>Новости</title></head><body><article><p>{body}</p></article></body></html>"


def test_an_undeclared_windows_1251_page_is_read_with_the_header_charset():
    decoded = decode(PRICE.encode("cp1251"), charset="windows-1251")
    assert decoded.text == PRICE
    assert (decoded.encoding, decoded.declared, decoded.note, decoded.doubt) == ("cp1251", "cp1251", None, None)
    assert decoded.meta() == {"encoding": "cp1251", "declared": "cp1251", "charset_source": "http"}


def test_the_header_charset_outranks_a_wrong_declaration_in_the_page():
    # KOI8-R reads every byte: the page's declaration fits, and without the header the text is garbled
    page = _page('<meta charset="koi8-r">', ARTICLE)
    data = page.encode("cp1251")
    assert decode(data).text != page and decode(data).declared == "koi8-r"
    decoded = decode(data, charset="windows-1251")
    assert (decoded.text, decoded.encoding, decoded.declared, decoded.charset_source) == (
        page, "cp1251", "cp1251", "http")
    assert Cleaner().clean(data, charset="windows-1251") == ARTICLE
    assert Cleaner().clean(data) != ARTICLE


def test_a_lying_header_is_not_believed_and_a_note_says_so():
    page = "<p>L’éditeur propose une couverture indépendante – et c’est « gratuit ».</p>"
    decoded = decode(page.encode("cp1252"), charset="utf-8")
    assert decoded.text == page
    assert (decoded.encoding, decoded.declared, decoded.charset_source) == ("cp1252", "utf-8", "http")
    assert decoded.note == "the declared utf-8 leaves invalid byte sequences: read as cp1252"
    assert decoded.doubt is None


def test_a_lying_header_falls_back_on_the_page_declaration_when_the_bytes_fit_it():
    page = _page('<meta charset="windows-1251">', ARTICLE)
    decoded = decode(page.encode("cp1251"), charset="utf-8")
    assert (decoded.text, decoded.encoding, decoded.declared) == (page, "cp1251", "utf-8")
    assert decoded.note == "the declared utf-8 leaves invalid byte sequences: read as cp1251"


@pytest.mark.parametrize("bom, codec", [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le")])
def test_a_byte_order_mark_still_wins(bom, codec):
    decoded = decode(bom + "<p>Grüße aus Köln</p>".encode(codec), charset="windows-1251")
    assert decoded.text == "<p>Grüße aus Köln</p>"
    assert decoded.encoding != "cp1251" and decoded.note is None


def test_valid_utf8_stays_utf8_whatever_the_header_says():
    page = _page("", ARTICLE)
    decoded = decode(page.encode(), charset="windows-1251")
    assert (decoded.text, decoded.encoding, decoded.declared, decoded.charset_source) == (
        page, "utf-8", "cp1251", "http")


def test_an_unknown_or_empty_header_charset_leaves_the_page_declaration():
    data = _page('<meta charset="windows-1251">', ARTICLE).encode("cp1251")
    for charset in ("no-such-charset", "", None):
        assert decode(data, charset=charset) == decode(data)
        assert "charset_source" not in decode(data, charset=charset).meta()


def test_header_labels_are_read_as_browsers_read_them():
    assert header_charset("ISO-8859-1") == "cp1252"
    assert header_charset(' "Windows-1251" ') == "cp1251"
    assert header_charset("utf-16") == "utf-8"  # bytes that get this far are not UTF-16


def test_the_charset_goes_through_every_reader_into_the_record():
    data = _page('<meta charset="koi8-r">', ARTICLE).encode("cp1251")
    options = Options(format="html")
    cleaner = Cleaner(options)
    for doc in (read_document(data, options, charset="windows-1251"), cleaner.read(data, charset="windows-1251"),
                cleaner.process(data, charset="windows-1251")):
        assert [p.text for p in doc.paragraphs if p.kind == "text"] == [ARTICLE]
        assert (doc.meta["encoding"], doc.meta["declared"], doc.meta["charset_source"]) == ("cp1251", "cp1251", "http")
    record = explanation(cleaner.process(data, charset="windows-1251"))
    assert (record["declared"], record["charset_source"]) == ("cp1251", "http")
    assert "charset_source" not in explanation(cleaner.process(data))


def test_text_sources_ignore_the_charset():
    text = _page('<meta charset="koi8-r">', ARTICLE)
    cleaner = Cleaner()
    with_charset = cleaner.process(text, charset="windows-1251")
    assert with_charset.meta == cleaner.process(text).meta == {"format": "html"}
    assert with_charset.body == cleaner.clean(text) == ARTICLE
