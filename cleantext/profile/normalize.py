"""Keys for learning: the site of a record, and the normalised form of a paragraph.

A site is the registered domain of a URL (``www.example.co.uk`` → ``example.co.uk``),
read from the public suffix list that ships with the ``tld`` package; this module
never downloads it. A value that is not a URL is a site name as it is.

>>> site_key("https://www.example.co.uk/a/b")
'example.co.uk'
>>> site_key("  Le Monde ")
'le monde'

Paragraphs are compared after normalisation: Unicode compatibility forms, case,
punctuation, whitespace and numbers are folded, so "© 2021 ACME." and
"© 2024 Acme" are the same paragraph. Words in every script are kept.

>>> normalize_paragraph("© 2021 ACME Ltd.  All rights reserved.")
'0 acme ltd all rights reserved'
>>> normalize_paragraph("Mis à jour le 12/03/2024") == normalize_paragraph("MIS À JOUR LE 1.4.2025")
True
>>> paragraph_hash("© 2021 ACME") == paragraph_hash("© 2024 acme")
True
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from functools import lru_cache
from hashlib import blake2b
from urllib.parse import urlsplit

import regex
from tld.exceptions import TldBadUrl, TldDomainNotFound, TldIOError
from tld.utils import MozillaTLDSourceParser, get_fld

_DIGITS = regex.compile(r"\p{Nd}+")
# A word: letters, combining marks (needed by Indic and other scripts) and numbers.
_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+")
_ASCII_DIGITS = re.compile(r"[0-9]+")
_ASCII_WORD = re.compile(r"[a-z0-9]+")
# Numbers next to each other ("12/03/2024", "1,234.5", "10 000", "20:45") are one number.
_NUMBERS = regex.compile(r"(?<!\S)0(?: 0)+(?!\S)")
# The authority of a URL ("https://user@host:8080/…" → "user@host:8080"), and where it ends.
_AUTHORITY = re.compile(r"^(?:[a-z][a-z0-9+.\-]*:)?//([^/?#]*)", re.IGNORECASE)
_AUTHORITY_END = re.compile(r"[/?#]")
# A value that looks like a host name, with an optional port and path.
_HOST_LIKE = re.compile(r"^[^\s/:?#@]+\.[^\s/:?#@]+(?::\d+)?(?:[/?#]\S*)?$")


class _OfflineSuffixList(MozillaTLDSourceParser):
    """The public suffix list shipped inside ``tld``; never fetched from the network."""

    uid = "cleantext-offline"
    source_url = ""  # so tld's bulk updater skips this parser

    @classmethod
    def update_tld_names(cls, fail_silently: bool = False) -> bool:
        if fail_silently:
            return False
        raise TldIOError("the public suffix list shipped with the tld package is missing")


def site_key(value: str) -> str:
    """The site a record belongs to: a registered domain, or the value as a name.

    URLs and bare host names give their registered domain (the public suffix
    list's private section counts, so ``alice.github.io`` is its own site);
    an IP address or ``localhost`` gives the host, and a host under a suffix
    the list does not know gives the host without a leading ``www.``; anything
    else is stripped and lowercased. ``site_key`` of a site key is the same key.

    >>> site_key("http://News.BBC.co.uk:8080/world?id=1"), site_key("www.lemonde.fr")
    ('bbc.co.uk', 'lemonde.fr')
    >>> site_key("http://127.0.0.1/page"), site_key("notes.txt")
    ('127.0.0.1', 'notes.txt')
    >>> site_key("https://www.valleypost.example/a"), site_key("valleypost.example")
    ('valleypost.example', 'valleypost.example')
    """
    value = value.strip()
    url = _AUTHORITY.match(value)
    if url:
        host, domain = _domain(url.group(1))
        return domain or (host and host.removeprefix("www.")) or value.lower()
    if _HOST_LIKE.match(value):
        return _domain(_AUTHORITY_END.split(value, maxsplit=1)[0])[1] or value.lower()
    return value.lower()


@lru_cache(maxsize=65536)
def _domain(authority: str) -> tuple[str | None, str | None]:
    """The host of a URL authority ("user@Host:port") and its registered domain, if any.

    The host is lowercase, with punycode labels shown in Unicode. Cached: a
    corpus has far fewer hosts than URLs.
    """
    try:
        host = urlsplit("//" + authority).hostname
    except ValueError:
        return None, None
    if not host:
        return None, None
    host = host.rstrip(".")
    if "xn--" in host:
        with contextlib.suppress(UnicodeError):
            host = host.encode("ascii").decode("idna")
    try:
        return host, get_fld(host, fix_protocol=True, parser_class=_OfflineSuffixList)
    except (TldBadUrl, TldDomainNotFound, ValueError):
        return host, None


def normalize_paragraph(text: str) -> str:
    """The comparison form of a paragraph: lowercase words separated by one space.

    Compatibility forms are folded (NFKC: full-width letters, ligatures), case
    is folded, every number becomes ``0`` and punctuation and symbols go. A
    paragraph without any letter or digit keeps its symbols ("* * *" → "***").
    The function is idempotent.

    >>> normalize_paragraph("Ｓｕｂｓｃｒｉｂｅ to our newsletter — 3,400 readers!")
    'subscribe to our newsletter 0 readers'
    >>> normalize_paragraph("हिन्दी समाचार"), normalize_paragraph(" * * * ")
    ('हिन्दी समाचार', '***')
    """
    folded, words = _ascii_words(text) if text.isascii() else _unicode_words(text)
    return _NUMBERS.sub("0", " ".join(words)) if words else "".join(folded.split())


def _unicode_words(text: str) -> tuple[str, list[str]]:
    """The folded text and its words, numbers as ``0``."""
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    return folded, _WORD.findall(_DIGITS.sub("0", folded))


def _ascii_words(text: str) -> tuple[str, list[str]]:
    """:func:`_unicode_words` for ASCII text, 2-3 times faster (NFKC changes no ASCII)."""
    folded = text.lower()
    return folded, _ASCII_WORD.findall(_ASCII_DIGITS.sub("0", folded))


def hash_normalized(normalized: str) -> int:
    """A stable unsigned 64-bit hash of an already normalised paragraph.

    BLAKE2b, not Python's ``hash``: the value is the same in every process,
    whatever ``PYTHONHASHSEED`` is.

    >>> hash_normalized("0 acme ltd all rights reserved")
    577288288295495700
    """
    return int.from_bytes(blake2b(normalized.encode("utf-8"), digest_size=8).digest(), "big")


def paragraph_hash(text: str) -> int:
    """The stable 64-bit hash of ``normalize_paragraph(text)``."""
    return hash_normalized(normalize_paragraph(text))
