import codecs

import ftfy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleantext.encoding import FTFY_CONFIG, codec_for_label, declared_charset, decode, repair

PHRASES = {
    "cp1252": "Ça va très bien, merci. L'élève arrive à l'école à huit heures, et le problème est réglé.",
    "koi8-r": "Сегодня в Москве прошло заседание правительства, на котором обсуждали бюджет на следующий год.",
    "shift_jis": "東京都は今日、新しい防災計画を発表しました。計画では、地震に備えた避難所の数を増やします。",
    "gb18030": "北京市政府今天发布了新的交通规划，计划在未来五年内新建多条地铁线路，以缓解交通拥堵。",
}


@pytest.mark.parametrize("codec", sorted(PHRASES))
def test_undeclared_legacy_encodings_are_detected(codec):
    text = PHRASES[codec]
    assert decode(text.encode(codec))[0] == text


@pytest.mark.parametrize("codec", sorted(PHRASES))
def test_declared_charset_is_honoured(codec):
    text = PHRASES[codec]
    page = f'<html><head><meta charset="{codec}"></head><body><p>{text}</p></body></html>'
    decoded, _ = decode(page.encode(codec))
    assert text in decoded


def test_latin1_label_means_windows_1252():
    page = b'<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">' + b"\x93quoted\x94"
    assert declared_charset(page) == "cp1252"
    assert decode(page)[0].endswith("\u201cquoted\u201d")


@pytest.mark.parametrize("bom, codec", [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                                        (codecs.BOM_UTF16_BE, "utf-16-be")])
def test_bom_wins(bom, codec):
    text, _ = decode(bom + "Grüße aus Köln".encode(codec))
    assert text == "Grüße aus Köln"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(codec):
    assert decode("Plain words in a wide encoding".encode(codec)) == ("Plain words in a wide encoding", codec)


def test_invalid_utf8_never_raises():
    text, _ = decode(b"valid start \xff\xfe\xfa and end")
    assert text.startswith("valid start") and text.endswith("and end")


def test_codec_labels():
    assert codec_for_label("GB2312") == "gb18030"
    assert codec_for_label("Shift_JIS") == "cp932"
    assert codec_for_label("no-such-charset") is None


def test_repair_fixes_mojibake_entities_and_controls():
    assert repair("Le cafÃ© de la gare") == "Le café de la gare"
    assert repair("Fish &amp; chips") == "Fish & chips"
    assert repair("bell\x07 and\x00 nul") == "bell and nul"


def test_repair_keeps_what_the_author_wrote():
    text = "\u201cCurly\u201d \u2018quotes\u2019, \ufb01ligature, ＦＵＬＬ width"
    assert repair(text) == text


def test_repair_normalises_to_nfc():
    assert repair("Cafe\u0301") == "Caf\u00e9"


# The shortcut in repair() must never change the result of ftfy.
_SAMPLES = st.text(alphabet=st.characters(codec="utf-8"), max_size=80) | st.sampled_from(
    ["Straße “quoted” über", "Привет, мир", "naïve café", "東京の天気", "l’été à Paris", "Ã\u00a0bientôt"]
)


@settings(max_examples=400, deadline=None)
@given(_SAMPLES, st.sampled_from(["", "cp1252", "latin-1", "macroman"]))
def test_repair_shortcut_agrees_with_ftfy(text, misread_as):
    if misread_as:
        text = text.encode("utf-8").decode(misread_as, errors="replace")
    assert repair(text) == ftfy.fix_text(text, FTFY_CONFIG)
