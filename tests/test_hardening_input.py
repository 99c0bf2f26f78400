"""Named bad inputs, each with its defined result (README, "Guarantees").

Big inputs are generated here, at run time; none is cleaned paragraph by
paragraph for long: what is over the size limit is refused at once.
"""

from __future__ import annotations

import codecs
import time

import pytest
from click.testing import CliRunner

from cleantext import Cleaner, Options
from cleantext.cli import main
from cleantext.options import DEFAULT_MAX_BYTES

BODY = "The museum reopens on Friday with a new wing for modern art and a larger café for visitors."
BODY2 = "Its director expects twice as many visitors this summer, and longer opening hours for schools."
BODY3 = "Tickets are free for children under twelve, and the new wing stays open late on Thursdays."


def page(*paragraphs: str, head: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"<html><head>{head}<title>t</title></head><body><article>{body}</article></body></html>"


@pytest.fixture(scope="module")
def cleaner():
    return Cleaner(Options(disable=("title",)))


@pytest.fixture
def runner():
    return CliRunner()


@pytest.mark.parametrize("source", ["", b"", "   \t ", "\n\n\r\n \u00a0\u3000\n", b" \n\t\r\n"])
def test_empty_and_white_space_only_give_an_empty_body(cleaner, source):
    doc = cleaner.process(source)
    assert doc.body == "" and doc.paragraphs == [] and "error" not in doc.meta


def test_empty_input_on_the_command_line_gives_no_output_and_success(runner):
    result = runner.invoke(main, ["clean"], input=b"")
    assert result.exit_code == 0 and result.stdout == "" and result.stderr == ""


def test_a_100_mb_text_is_refused_at_once_as_too_large(runner, tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(f"{BODY}\n\n".encode() * (100 * 2**20 // (len(BODY) + 2) + 1))
    start = time.perf_counter()
    result = runner.invoke(main, ["clean", str(big)])
    assert time.perf_counter() - start < 15
    assert result.exit_code == 1 and result.stdout == ""
    size = big.stat().st_size
    assert size >= 100 * 2**20
    assert result.stderr == f"cleantext: {big}: too-large: {size:,} bytes, over the limit of 16,777,216 bytes " \
                            "(--max-bytes)\n"


def test_a_50_mb_html_page_is_refused_at_once_as_too_large(cleaner):
    html = page(*[BODY] * (50 * 2**20 // len(BODY))).encode()
    start = time.perf_counter()
    doc = cleaner.process(html)
    assert time.perf_counter() - start < 2
    assert doc.meta["skipped"] == "too-large" and doc.paragraphs == []
    assert doc.meta["error"].startswith(f"too-large: {len(html):,} bytes, over the limit of {DEFAULT_MAX_BYTES:,}")


def test_the_size_limit_counts_utf8_bytes_and_is_configurable():
    text = "é" * 600  # 1,200 bytes
    assert Cleaner(Options(max_bytes=1200)).process(text).meta.get("skipped") is None
    assert Cleaner(Options(max_bytes=1199)).process(text).meta["skipped"] == "too-large"
    assert Cleaner(Options(max_bytes=0)).process(text).meta.get("skipped") is None


def test_html_nested_100000_levels_deep_is_read_whole(cleaner):
    deep = "<div>" * 100_000 + "<span>" * 100_000 + f"<p>{BODY2}</p>" + "</span>" * 100_000 + "</div>" * 100_000
    html = f"<html><body><article><p>{BODY}</p>{deep}<p>{BODY3}</p></article></body></html>"
    start = time.perf_counter()
    doc = cleaner.process(html)
    assert time.perf_counter() - start < 20
    assert [p.text for p in doc.kept] == [BODY, BODY2, BODY3], "content below the deep part was lost"


def test_thousands_of_unclosed_tags_lose_nothing(cleaner):
    html = f"<html><body><article><p>{BODY}</p>" + "<font><b>" * 3000 + f"<p>{BODY2}</p></article></body></html>"
    assert [p.text for p in cleaner.process(html).kept] == [BODY, BODY2]


def test_a_single_10_mb_line_is_cleaned_quickly(cleaner):
    line = (BODY + " ") * (10 * 10**6 // (len(BODY) + 1))
    start = time.perf_counter()
    doc = cleaner.process(line)
    assert time.perf_counter() - start < 20
    assert doc.body == line.strip() and "error" not in doc.meta


@pytest.mark.parametrize("fmt", ["text", "html"])
def test_nul_and_control_characters_are_removed(cleaner, fmt):
    dirty = "The museum\x00 reopens\x01 on Friday\x1b with\x7f a new wing\x0b for modern art and more.\x85"
    source = dirty if fmt == "text" else page(dirty, BODY2)
    kept = cleaner.process(source).kept
    assert kept[0].text.startswith("The museum reopens on Friday with a new wing for modern art")
    assert not any(ch in kept[0].text for ch in "\x00\x01\x1b\x7f\x0b")


def test_nul_bytes_in_bytes_input_are_removed(cleaner):
    doc = cleaner.process(page(f"{BODY}\x00", BODY2).encode())
    assert [p.text for p in doc.kept] == [BODY, BODY2]


def test_without_repair_control_characters_stay_as_they_were():
    assert Cleaner(Options(repair=False)).process("abc\x00def\x01 ghi").body == "abc\x00def\x01 ghi"


def test_invalid_utf8_bytes_become_replacement_characters_and_the_rest_is_intact(cleaner):
    french = " ".join(LANGUAGE_SAMPLES["windows-1252"])
    data = page(french, BODY2).encode().replace(b"rouvre", b"rou\xffvre", 1) + b"\xe2\x82"  # a stray byte, a cut end
    doc = cleaner.process(data)
    assert doc.meta["encoding"] == "utf-8"
    assert [p.text for p in doc.paragraphs] == [french.replace("rouvre", "rou\ufffdvre"), BODY2]


def test_invalid_utf8_with_few_other_characters_is_still_read_right(cleaner):
    data = page(BODY, BODY2).encode() + b"\xe2\x82"  # one "é" for one cut character: read as windows-1252, repaired
    assert [p.text for p in cleaner.process(data).kept] == [BODY, BODY2]


def test_lone_surrogates_in_text_become_replacement_characters(cleaner):
    doc = cleaner.process(page(f"{BODY} \ud800", BODY2))
    assert [p.text for p in doc.kept] == [f"{BODY} \ufffd", BODY2]


@pytest.mark.parametrize("codec, bom", [("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE)])
@pytest.mark.parametrize("with_bom", [True, False])
@pytest.mark.parametrize("fmt", ["text", "html"])
def test_utf16_with_and_without_bom(cleaner, codec, bom, with_bom, fmt):
    source = f"{BODY}\n\n{BODY2}" if fmt == "text" else page(BODY, BODY2)
    data = (bom if with_bom else b"") + source.encode(codec)
    assert [p.text for p in cleaner.process(data).kept] == [BODY, BODY2]


LANGUAGE_SAMPLES = {  # two paragraphs in each language
    "windows-1252": ("Le musée rouvre vendredi avec une nouvelle aile consacrée à l’art moderne et un café plus grand.",
                     "« C’est un grand jour », a déclaré la directrice, qui espère 50 000 visiteurs et 2 M€ cet été."),
    "iso-8859-1": ("El museo reabre el viernes con una nueva ala dedicada al arte moderno y una cafetería más grande.",
                   "La directora espera muchos visitantes este año y una mañana de puertas abiertas para los niños."),
    "shift_jis": ("美術館は金曜日に現代美術の新しい棟とともに再開し、来館者のためのカフェも広くなります。",
                  "館長は多くの来館者を期待しており、夏休みには開館時間を延長する予定です。"),
    "gb18030": ("博物馆将于周五重新开放，新增一个现代艺术展厅和一个更大的咖啡馆。",
                "馆长表示，预计今年夏天将有大量游客前来参观，学校假期将延长开放时间。"),
    "koi8-r": ("Музей вновь откроется в пятницу с новым крылом современного искусства и большим кафе.",
               "Директор ожидает вдвое больше посетителей этим летом и продлит часы работы для школ."),
}


@pytest.mark.parametrize("label", LANGUAGE_SAMPLES)
@pytest.mark.parametrize("form", ["declared", "undeclared html", "undeclared text"])
def test_legacy_encodings_declared_and_undeclared(cleaner, label, form):
    paragraphs = LANGUAGE_SAMPLES[label]
    if form == "undeclared text":
        source = "\n\n".join(paragraphs)
    else:
        source = page(*paragraphs, head=f'<meta charset="{label}">' if form == "declared" else "")
    doc = cleaner.process(source.encode(label))
    assert [p.text for p in doc.paragraphs] == list(paragraphs), f"read as {doc.meta.get('encoding')}"


def test_mixed_line_endings_split_paragraphs_alike(cleaner):
    text = f"{BODY}\r\n\r\n{BODY2}\n\nA third paragraph, long enough to stand as body text here.\r\rLast one."
    assert [p.text for p in cleaner.process(text).paragraphs] == [
        BODY, BODY2, "A third paragraph, long enough to stand as body text here.", "Last one."]


def test_single_line_breaks_of_every_kind_are_one_paragraph_a_line(cleaner):
    assert [p.text for p in cleaner.process("One line here.\r\nTwo lines here.\rThree lines here.\n").paragraphs] \
        == ["One line here.", "Two lines here.", "Three lines here."]


RTL = {
    "ar": ("أعاد المتحف فتح أبوابه يوم الجمعة بجناح جديد للفن الحديث ومقهى أكبر للزوار.",
           "وتتوقع المديرة ضعف عدد الزوار هذا الصيف وساعات عمل أطول للمدارس."),
    "he": ("המוזיאון נפתח מחדש ביום שישי עם אגף חדש לאמנות מודרנית ובית קפה גדול יותר למבקרים.",
           "המנהלת מצפה לכפליים מבקרים בקיץ הזה ולשעות פתיחה ארוכות יותר לבתי הספר."),
}


@pytest.mark.parametrize("lang", RTL)
@pytest.mark.parametrize("fmt", ["text", "html"])
def test_right_to_left_text_is_kept_as_written(cleaner, lang, fmt):
    first, second = RTL[lang]
    marked = f"\u202b{first}\u202c (2024) \u200fCNN\u200f"  # embedding and direction marks, left-to-right inside
    source = f"{marked}\n\n{second}" if fmt == "text" else page(marked, second)
    doc = cleaner.process(source)
    assert [p.text for p in doc.kept] == [marked, second] and doc.lang == lang


def test_emoji_and_combining_marks_survive_whole(cleaner):
    text = ("Cafe\u0301 reopening 🎉👩🏽‍🎨 with the artist's family 👨‍👩‍👧 and flags 🇫🇷🇯🇵; "
            "Hindi क्षत्रिय and Vietnamese Tiê\u0301ng Viê\u0323t stay composed.")
    doc = cleaner.process(page(text, BODY2))
    expected = text.replace("e\u0301", "é").replace("ê\u0301", "ế").replace("ê\u0323", "ệ")  # NFC, nothing lost
    assert doc.kept[0].text == expected
