import re._parser

import ftfy
import pytest
from ftfy.badness import BADNESS_RE, is_bad
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from cleantext.read.repair import (
    _BADNESS_WIDTH,
    _REPAIRABLE,
    FTFY_CONFIG,
    _is_bad,
    repair,
)


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


# Short strings of the characters mojibake is made of, every combination: the shortcut's reasoning, checked.
_TRICKY = " ?.a\n" + "àâïÃÂœŒ©€РвЂðí\xa0éü´™"


@pytest.mark.parametrize("first", _TRICKY)
def test_repair_shortcut_agrees_with_ftfy_on_every_short_combination(first):
    for second in _TRICKY:
        for third in _TRICKY:
            for text in (first + second + third, first + second + third + "."):
                assert repair(text) == ftfy.fix_text(text, FTFY_CONFIG), repr(text)


@pytest.mark.parametrize("text", [
    "Cafe\nlist\n\tdone",  # white space no fix touches: ftfy is not needed
    "Fish & chips, R&D; A&B",  # an ampersand that starts no entity
    "x â?œ. y",  # lossy UTF-8 ('?' after a lead byte) that ftfy replaces
    "1\nÃ y",  # mojibake at the start of a line, not of the text
])
def test_repair_agrees_with_ftfy_on_lines_entities_and_lossy_sequences(text):
    assert repair(text) == ftfy.fix_text(text, FTFY_CONFIG)


# _is_bad searches BADNESS_RE around seeds only: every match must lie around one (a match found is
# always a match of is_bad, so only a missed one can make them differ).
def test_badness_matches_are_short():
    assert re._parser.parse(BADNESS_RE.pattern, BADNESS_RE.flags).getwidth()[1] <= _BADNESS_WIDTH


@settings(max_examples=2000, deadline=None)
@given(st.from_regex(BADNESS_RE, fullmatch=True), st.sampled_from(["", "ab ", "x"]), st.sampled_from(["", " cd", "."]))
def test_is_bad_around_seeds_finds_every_badness_match(match, before, after):
    text = before + match + after
    assume(_REPAIRABLE.search(text) is None)  # what _is_bad is used for
    assert _is_bad(text) == is_bad(text)
