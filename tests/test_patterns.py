"""Pattern readings: what a regex requires of every text it matches (start, words, literals)."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleantext.boilerplate.patterns import SHAPES, heads, is_anchored, keywords, words
from cleantext.boilerplate.phrases import PhraseRules

# Patterns a user file might hold, shaped to trip up what the matcher reads off patterns.
TRICKY = [
    r"^(?:x|(?i:READ)) more",  # scoped flags: nothing read off
    r"\b(?i:COOKIES)\b",
    r"(?i)\bSEE ALSO\b",  # global flags (only possible for rules made in code)
    r"(?a)\bcafé\b",  # an ASCII \b: "café" ends inside the word "cafés"
    r"^(?:\d+|one) comments?$",
    r"^\s*[-–]\s*anzeige",
    r"^٣ (?:x|y)",  # a digit other than 0-9
    r"^(?=xy)xyz",
    r"^[^a-z]{1,3}foo",
    r"^(?:ab|cd)*ef",
    r"^.{0,5}bar\b",
    r"^(?:[a-c] ){2}d",
    r"\bfoo(?:bar)?\b",
    r"(?:^|\s)e-mail\b",
    r"\b\w+ said\b",
    r"\b(?:first-time )?subscribers\b",
    r"x(?:y|z)w",
    r"\bnews(?:letter)?s?\b",
    r"\bnews\B",
    r"[.!?]\s*©",
    r"^(?:a|b)",
    r"(?m)^see also$",  # '^' after every newline
]

_PATTERNS = [*dict.fromkeys(r.pattern for r in PhraseRules.load().rules), *TRICKY]


@pytest.mark.parametrize(
    ("pattern", "anchored"),
    [
        (r"^read more", True),
        (r"^(?:les )?plus\b", True),
        (r"^read|^more", True),  # re reads it as ^(?:read|more)
        (r"\Aread", True),
        (r"^read|more", False),
        (r"read more", False),
        (r"(?:^|\s)e-mail\b", False),
        (r"(?m)^read", False),  # '^' after every newline too
    ],
)
def test_anchored_read_off_patterns(pattern, anchored):
    assert is_anchored(pattern) is anchored


@pytest.mark.parametrize(
    ("pattern", "found"),
    [
        (r"^(?:les )?plus\b", {"les", "plu"}),
        (r"^\d{1,2}\s+mai", {"0 m", "0  ", "00 "}),  # digits read as 0, spaces as ' '
        (r"^[-–]? ?ad", {"ad", " ad", "-ad", "- a", "–ad", "– a"}),
        (r"^(?:a|b)", {"a", "b"}),
        (r"^\w+ said", None),
        (r"^x{5}", {"xxx"}),
        (r"^(?:x|(?i:READ)) more", None),
        (r"(?i)^READ more", None),
        (r"^(?=x)y", None),
        (r"read more", None),  # not anchored
    ],
)
def test_heads_read_off_patterns(pattern, found):
    assert heads(pattern) == (None if found is None else frozenset(found))


@pytest.mark.parametrize(
    ("pattern", "found"),
    [
        (r"\ball rights reserved\b", {"reserved"}),
        (r"\b(?:sign up|subscribe) to (?:our|the) newsletter\b", {"newsletter"}),
        (r"\b(?:utilizziamo|usiamo) (?:i )?cookie", {"utilizziamo", "usiamo"}),
        (r"^lesen sie auch:", {"lesen"}),
        (r"\be-mail\b", {"mail"}),
        (r"newsletter", None),  # may be inside a longer word
        (r"\bnewsletter(?:s)?", None),
        (r"(?a)\bcafé\b", None),
        (r"(?i)\bcookies\b", None),
        (r"\bsu correo no (?:será|se) publicad[oa]\b", {"publicada", "publicado"}),  # a class as a branch
        (r"\b(ab|cd)\b", {"ab", "cd"}),  # a capturing group (only in rules made in code)
    ],
)
def test_words_read_off_patterns(pattern, found):
    assert words(pattern) == (None if found is None else frozenset(found))


@pytest.mark.parametrize(
    ("pattern", "found"),
    [
        (r"\ball rights reserved\b", {"all rights reserved"}),
        (r"\b(?:todos los )?derechos reservados\b", {"derechos reservados"}),
        (r"\b(?:sign up|subscribe) to (?:our|the) newsletter\b", {" newsletter"}),
        (r"(?:newsletters?|mailing list)", {"newsletter", "mailing list"}),
        (r"^sei (?:qui|in)\s*:", {"sei qui", "sei in"}),  # a run goes on into the sides of a branch
        (r"版[权權]所有", {"所有"}),
        (r"^(?:下载|下載)[^。]{0,12}app", {"下载", "下載"}),  # parsed as 下[载載]
        (r"abc|defgh", None),  # one side has no keyword
        (r"\x61bc\u00e9f", {"abcéf"}),
        (r"ab\.cd", {"ab.cd"}),
        (r"(?i:abcdef)", None),  # matches "ABCDEF" too
    ],
)
def test_keywords_read_off_patterns(pattern, found):
    assert keywords(pattern) == found


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.data())
def test_every_match_shows_what_was_read(data):
    pattern = data.draw(st.sampled_from(_PATTERNS))
    text = data.draw(st.sampled_from(["", "\n", "- ", " x "])) + data.draw(st.from_regex(pattern))
    regex = re.compile(pattern)
    match = regex.search(text)
    if is_anchored(pattern):  # a search finds what a match at the start finds
        assert (regex.match(text) is None) == (match is None)
    if match is None:
        return
    found = heads(pattern)
    if found is not None:
        assert any(text.translate(SHAPES).startswith(head) for head in found)
    found = words(pattern)
    if found is not None:
        assert found & set(re.findall(r"\w+", text))
    for least in (4, 1):
        found = keywords(pattern, least)
        assert found is None or any(k in text for k in found)
