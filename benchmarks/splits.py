"""Site-grouped halves of the dev data, for cross-validation.

Every page of a site falls in the same half, so that a rule or a model tuned on one
half can be checked on sites it has never seen. The benchmark (``quality.py --half``)
and any training script import the split from here, so that they agree on it.

>>> site_of({"id": "p1", "url": "https://www.Example.org:8080/a?b=c"}, "aeb")
'example.org'
>>> site_half("example.org") in (0, 1)
True
"""

from __future__ import annotations

from collections.abc import Mapping
from hashlib import sha256
from typing import Any
from urllib.parse import urlsplit

#: The data set whose pages carry their site in a ``site`` field.
WILD = "wild"


def site_half(site: str) -> int:
    """The half (0 or 1) a site belongs to, from the SHA-256 of ``"half:" + site``.

    >>> site_half("nytimes.com"), site_half("dragnet/113")
    (1, 0)
    """
    return int(sha256(f"half:{site}".encode()).hexdigest()[:8], 16) % 2


def url_host(url: str | None) -> str | None:
    """The lower-cased host of a URL without a leading ``www.``; None if it has none.

    >>> url_host("http://www.bbc.co.uk/news"), url_host("https://wwwfoo.com/"), url_host(None)
    ('bbc.co.uk', 'wwwfoo.com', None)
    """
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def site_of(record: Mapping[str, Any], dataset: str) -> str:
    """The site a page (or document) of a data set belongs to.

    wild-dev pages name theirs (``site``); elsewhere it is the URL's host without
    ``www.``, or the page id when there is no URL.

    >>> site_of({"id": "hard::blog.html", "url": None}, "trafilatura-eval")
    'hard::blog.html'
    """
    if dataset == WILD:
        return str(record["site"])
    return url_host(record.get("url")) or str(record["id"])


def page_half(record: Mapping[str, Any], dataset: str) -> int:
    """The half of the site a page belongs to."""
    return site_half(site_of(record, dataset))
