"""The site-grouped halves of benchmarks/splits.py: fixed, balanced, one half per site."""

from __future__ import annotations

import pytest

from benchmarks.splits import page_half, site_half, site_of, url_host


@pytest.mark.parametrize(
    ("site", "half"),
    [
        ("nytimes.com", 1),  # sha256("half:nytimes.com") starts 5c696c67: odd
        ("theguardian.com", 0),  # 581379fe: even
        ("iatronet.gr", 0),  # d83c9e3c
        ("dragnet/113", 0),  # 2bcbafd6
    ],
)
def test_the_split_is_pinned(site: str, half: int) -> None:
    # Scripts that train on one half rely on these values: the formula must not drift.
    assert site_half(site) == half


def test_halves_are_roughly_balanced() -> None:
    halves = [site_half(f"site-{i}.example") for i in range(1000)]
    assert 450 < sum(halves) < 550


def test_host_is_lower_cased_without_www_port_or_path() -> None:
    assert url_host("https://WWW.Example.org:8443/a/b?c=d#e") == "example.org"
    assert url_host("http://www2.example.org/") == "www2.example.org"
    assert url_host("http://news.example.org") == "news.example.org"


def test_url_less_pages_are_their_own_site() -> None:
    page = {"id": "hard::blog.python.org.html", "url": None}
    assert site_of(page, "trafilatura-eval") == "hard::blog.python.org.html"
    assert site_of({"id": "dev-0001"}, "mixed") == "dev-0001"
    assert site_of({"id": "p", "url": "not a url"}, "aeb") == "p"


def test_wild_pages_use_their_site_field_not_the_url() -> None:
    page = {"id": "cleaneval/dev/13", "site": "aseigo.blogspot.com", "url": "http://other.example/x"}
    assert site_of(page, "wild") == "aseigo.blogspot.com"


def test_pages_of_one_site_share_a_half() -> None:
    pages = [{"id": str(i), "url": f"https://{sub}example.com/{i}"} for i, sub in enumerate(["", "www.", "WWW."])]
    assert {page_half(p, "aeb") for p in pages} == {site_half("example.com")}
