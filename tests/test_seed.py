"""The article this project was started from comes out exactly right."""

import cleantext
from cleantext import Cleaner

from .conftest import SEED, shared_file


def seed_lines():
    return shared_file(SEED).read_text(encoding="utf-8").splitlines()


def test_seed_body_is_exact():
    lines = seed_lines()
    assert lines[1].startswith("Iran is preparing to hold talks")
    assert lines[3].startswith("'Iran is ready to exchange") and lines[4] == "- Ali Rabiei, spokesman"
    assert lines[-2].startswith("Last year, Iran announced")
    expected = "\n\n".join([lines[1], lines[2], *lines[5:-1]])
    assert "US says no 'partial deal'" in expected.split("\n\n")
    assert cleantext.clean(SEED.read_bytes()) == expected


def test_seed_verdicts():
    doc = Cleaner().process(shared_file(SEED).read_bytes())
    lines = seed_lines()
    assert doc.title == lines[0]
    assert doc.lang == "en"
    reasons = {p.text: p.dropped for p in doc.paragraphs if p.dropped}
    assert reasons.pop(lines[0]) == "title"
    assert reasons.pop(lines[3]) == reasons.pop(lines[4]) == "pull-quote"
    footer_reason = reasons.pop(lines[-1])
    assert footer_reason == "foreign-edge" or footer_reason.startswith("fr/")
    assert reasons == {}
