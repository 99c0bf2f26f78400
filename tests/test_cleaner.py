import pickle

import pytest

import cleantext
from cleantext import Cleaner, Options
from cleantext.profile import learn_profile

BODY = [
    "The regional parliament passed the new water law on Thursday after months of negotiations between the parties.",
    "Farmers welcomed the rules on irrigation, while environmental groups said the limits were still too generous.",
]
FOOTER = "The Valley Post is an independent weekly paper covering the towns of the upper valley since 1952."


def test_clean_accepts_text_bytes_and_html():
    text = "\n\n".join(BODY)
    assert cleantext.clean(text) == text
    assert cleantext.clean(text.encode("utf-16")) == text
    html = "<html><body><article>" + "".join(f"<p>{p}</p>" for p in BODY) + "</article></body></html>"
    assert cleantext.clean(html) == text


def test_format_can_be_forced():
    html = "<html><body><p>" + BODY[0] + "</p><p>" + BODY[1] + "</p></body></html>"
    doc = Cleaner(Options(format="text")).process(html)
    assert doc.meta["format"] == "text" and doc.body.startswith("<html>")


def test_options_are_validated():
    with pytest.raises(ValueError, match="format must be one of"):
        Options(format="pdf")  # type: ignore[arg-type]


def test_options_are_hashable_with_a_profile_object_too():
    with_profile = Options(profile=learn_profile([{"url": "https://a.example/1", "text": "Body."}]))
    assert hash(with_profile) == hash(Options()) and with_profile != Options()
    assert len({Options(), Options(), with_profile}) == 2


def test_cleaner_pickles_as_its_options_only():
    cleaner = Cleaner(Options(disable=("title",)))
    cleaner.clean("\n\n".join(BODY))  # builds the chain, loads the language profiles
    data = pickle.dumps(cleaner)
    assert len(data) < 1000
    clone = pickle.loads(data)
    assert clone.options == cleaner.options and clone.clean("\n\n".join(BODY)) == "\n\n".join(BODY)


def test_empty_input_gives_empty_document():
    for source in ("", "   \n\n  ", b""):
        doc = Cleaner().process(source)
        assert doc.paragraphs == [] and doc.body == "" and doc.lang is None


def test_profile_through_options():
    records = [{"url": f"https://valleypost.example/{i}", "text": f"Story {i} about the valley.\n\n{FOOTER}"}
               for i in range(4)]
    cleaner = Cleaner(Options(profile=learn_profile(records)))
    text = "\n\n".join([*BODY, FOOTER])
    doc = cleaner.process(text, site="https://www.valleypost.example/new")
    assert doc.body == "\n\n".join(BODY)
    assert doc.paragraphs[-1].dropped == "repeated" and doc.meta["repeated_site"] == "valleypost.example"
    assert cleaner.clean(text, site="other.example").endswith(FOOTER)  # another site: kept
    assert Cleaner(Options(profile=learn_profile(records), disable=("repeated",))).clean(
        text, site="valleypost.example").endswith(FOOTER)


def test_profile_file_path_in_options(tmp_path):
    records = [{"url": f"https://valleypost.example/{i}", "text": f"Story {i}.\n\n{FOOTER}"} for i in range(4)]
    path = tmp_path / "profile.json"
    learn_profile(records).save(path)
    cleaner = Cleaner(Options(profile=str(path)))
    assert cleaner.clean("\n\n".join([*BODY, FOOTER]), site="valleypost.example") == "\n\n".join(BODY)
    assert len(pickle.dumps(cleaner)) < 1000
