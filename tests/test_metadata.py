"""Page metadata (``Options(metadata=True)``): what trafilatura finds in the page, in ``Document.meta``."""

import json

import pytest

from cleantext import Cleaner, Options
from cleantext.options import METADATA_KEYS
from cleantext.write import document_record, explanation, json_line, metadata, render_explanation

ARTICLE = ("After a dry summer, the first storms reached the valley on Sunday night, and the river rose by a "
           "metre before dawn. Farmers said the rain came too late for the harvest.")

PAGE = f"""<!DOCTYPE html><html lang="en"><head><title>Storms reach the valley | Valley News</title>
<meta charset="utf-8">
<meta name="author" content="Ana  Lima">
<meta property="article:published_time" content="2024-03-05T08:00:00Z">
<meta property="og:site_name" content="Valley News">
<meta property="og:image" content="https://valleynews.example/img/storm.jpg">
<meta name="description" content="The first storms after a dry summer reached the valley.">
<meta name="keywords" content="weather, storms,valley">
<meta property="article:section" content="Weather">
<link rel="canonical" href="https://valleynews.example/2024/03/storms">
</head><body><article><h1>Storms reach the valley</h1><p>{ARTICLE}</p></article>
<footer><a rel="license" href="https://creativecommons.org/licenses/by-sa/4.0/">CC BY-SA 4.0</a></footer>
</body></html>"""

EXPECTED = {
    "author": "Ana Lima",
    "date": "2024-03-05",
    "sitename": "Valley News",
    "hostname": "valleynews.example",
    "canonical_url": "https://valleynews.example/2024/03/storms",
    "description": "The first storms after a dry summer reached the valley.",
    "categories": ["Weather"],
    "tags": ["weather", "storms", "valley"],
    "license": "CC BY-SA 4.0",
    "image": "https://valleynews.example/img/storm.jpg",
}

#: No metadata: no meta tags, no canonical link, no date, a title without a site in it.
BARE = (f"<html><head><title>Storms</title></head><body><article><h1>Storms</h1><p>{ARTICLE}</p></article>"
        "</body></html>")

#: Metadata tags with nothing in them.
EMPTY = ('<html><head><title>Storms</title><meta name="description" content="  "><meta name="keywords" '
         f'content=" , ,"><meta name="author" content=""></head><body><article><p>{ARTICLE}</p></article>'
         "</body></html>")

JSON_LD = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Storms",
           "author": {"@type": "Person", "name": "Ana Lima"}, "datePublished": "2024-03-05T08:00:00Z",
           "publisher": {"@type": "Organization", "name": "Valley News"}, "articleSection": "Weather"}
LD_PAGE = (f'<html><head><title>Storms</title><script type="application/ld+json">{json.dumps(JSON_LD)}</script>'
           f"</head><body><article><p>{ARTICLE}</p></article></body></html>")

WITH_METADATA = Cleaner(Options(metadata=True))


@pytest.mark.parametrize("extraction", ["trafilatura", "agreement"])
def test_a_page_with_metadata_gives_every_key(extraction):
    doc = Cleaner(Options(metadata=True, extraction=extraction)).process(PAGE, url="https://valleynews.example/a?x=1")
    assert metadata(doc) == EXPECTED
    assert list(metadata(doc)) == list(METADATA_KEYS)
    assert doc.meta["url"] == "https://valleynews.example/a?x=1" and doc.body == ARTICLE


def test_the_metadata_is_read_from_bytes_too_and_json_ld_counts():
    doc = WITH_METADATA.process(LD_PAGE.encode("utf-8"))
    assert metadata(doc) == {"author": "Ana Lima", "date": "2024-03-05", "sitename": "Valley News",
                             "categories": ["Weather"]}


@pytest.mark.parametrize("page", [BARE, EMPTY], ids=["bare", "empty"])
def test_a_page_without_metadata_gives_no_key(page):
    doc = WITH_METADATA.process(page)
    assert doc.meta == {"format": "html"} and metadata(doc) == {}
    assert doc.body == ARTICLE


def test_the_url_alone_gives_the_host_and_stands_for_the_canonical_url():
    doc = WITH_METADATA.process(BARE, url="https://valleynews.example/storms")
    assert metadata(doc) == {"sitename": "valleynews.example", "hostname": "valleynews.example",
                             "canonical_url": "https://valleynews.example/storms"}


def test_default_options_give_no_metadata():
    doc = Cleaner().process(PAGE, url="https://valleynews.example/a")
    assert not set(METADATA_KEYS) & set(doc.meta) and metadata(doc) == {}
    record = document_record(doc)
    assert not set(METADATA_KEYS) & set(record)
    assert render_explanation(doc).splitlines()[1].startswith("  #  verdict")


def test_the_metadata_changes_nothing_else():
    for page in (PAGE, LD_PAGE, BARE):
        plain, rich = Cleaner().process(page), WITH_METADATA.process(page)
        assert rich.paragraphs == plain.paragraphs
        assert {key: value for key, value in rich.meta.items() if key not in METADATA_KEYS} == plain.meta


def test_plain_text_has_no_metadata():
    text = "Author: Ana Lima\nDate: 2024-03-05\n\n" + ARTICLE
    assert WITH_METADATA.process(text).meta == {"format": "text"}
    assert metadata(Cleaner(Options(metadata=True, format="text")).process(PAGE)) == {}


def test_the_explain_record_and_table_show_the_metadata():
    doc = WITH_METADATA.process(PAGE, url="https://valleynews.example/a")
    record = document_record(doc)
    assert {key: record[key] for key in METADATA_KEYS} == EXPECTED
    assert list(record)[:3] == ["text", "title", "lang"] and list(record)[-1] == "paragraphs"
    assert json.loads(json_line(record))["tags"] == ["weather", "storms", "valley"]
    assert explanation(doc)["canonical_url"] == "https://valleynews.example/2024/03/storms"
    lines = render_explanation(doc).splitlines()
    assert lines[1:5] == [
        "author: Ana Lima   date: 2024-03-05   sitename: Valley News   hostname: valleynews.example",
        "canonical url: https://valleynews.example/2024/03/storms   license: CC BY-SA 4.0   "
        "image: https://valleynews.example/img/storm.jpg",
        "categories: Weather   tags: weather, storms, valley",
        "description: The first storms after a dry summer reached the valley.",
    ]
    assert lines[5].startswith("  #  verdict")


def test_the_table_cuts_long_values_and_shows_only_the_lines_it_has():
    long = "word " * 60
    page = PAGE.replace("The first storms after a dry summer reached the valley.", long)
    doc = WITH_METADATA.process(page)
    description = render_explanation(doc, width=40).splitlines()[4]
    assert description == "description: " + long[:39] + "…"
    only_author = WITH_METADATA.process(BARE.replace("<title>", '<meta name="author" content="Ana Lima"><title>'))
    assert render_explanation(only_author).splitlines()[1] == "author: Ana Lima"
    assert render_explanation(only_author).splitlines()[2].startswith("  #  verdict")


def test_the_option_is_hashable_and_off_by_default():
    assert Options().metadata is False
    assert hash(Options(metadata=True)) != hash(Options()) and Options(metadata=True) != Options()


def test_the_command_adds_the_metadata_to_json_lines_records_and_explain():
    from click.testing import CliRunner

    from cleantext.cli import main

    line = json.dumps({"id": 1, "html": PAGE}) + "\n"
    with_it = CliRunner().invoke(main, ["clean", "--jsonl", "--field", "html", "--output-field", "text",
                                        "--with-metadata"], input=line)
    record = json.loads(with_it.stdout)
    assert with_it.exit_code == 0 and {key: record[key] for key in EXPECTED} == EXPECTED
    assert record["text"] == ARTICLE and record["id"] == 1
    without = json.loads(CliRunner().invoke(main, ["clean", "--jsonl", "--field", "html"], input=line).stdout)
    assert not set(METADATA_KEYS) & set(without)
    explained = CliRunner().invoke(main, ["explain", "--with-metadata", "-"], input=PAGE)
    assert "author: Ana Lima" in explained.stdout and "sitename: Valley News" in explained.stdout


def test_the_metadata_changes_nothing_else_in_the_agreement_extraction():
    """The metadata is read from the tree the views then read: it must leave it as it was."""
    plain, rich = Cleaner(Options(extraction="agreement")), Cleaner(Options(extraction="agreement", metadata=True))
    for page in (PAGE, LD_PAGE, BARE):
        assert [p.as_dict() for p in rich.process(page).paragraphs] == \
            [p.as_dict() for p in plain.process(page).paragraphs]
    assert rich.process(PAGE).meta["author"] == "Ana Lima"
