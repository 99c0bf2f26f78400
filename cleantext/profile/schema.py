"""Reading a profile file: check every key and say exactly where a problem is.

>>> parse({"format": "cleantext-profile", "version": 1, "sites": {"a.com": {"docs": "many", "paragraphs": []}}})
Traceback (most recent call last):
  ...
cleantext.profile.schema.ProfileError: sites["a.com"].docs: expected a non-negative integer, got 'many'
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from .entries import Entry, GlobalEntry, SiteProfile, Threshold
from .normalize import normalize_paragraph, site_key

FORMAT = "cleantext-profile"
VERSION = 1


class ProfileError(ValueError):
    """A profile file that cannot be used, with the key path of the problem.

    ``path`` reads like ``sites["example.com"].paragraphs[2].count`` (empty for
    the whole file), ``source`` is the file name when there is one.
    """

    def __init__(self, problem: str, path: str = "", source: str | None = None) -> None:
        self.problem, self.path, self.source = problem, path, source
        where = ": ".join(part for part in (source, path) if part)
        super().__init__(f"{where}: {problem}" if where else problem)


def parse(data: Any, source: str | None = None) -> tuple[Threshold, dict[str, SiteProfile], list[GlobalEntry]]:
    """The threshold, sites and corpus-wide entries of a decoded profile file.

    Raises :class:`ProfileError` on the first problem found.
    """
    try:
        top = _object(data, "", required=("format", "version", "sites"), optional=("threshold", "global"))
        if top["format"] != FORMAT:
            raise ProfileError(f"not a cleantext profile: expected {FORMAT!r}, got {top['format']!r}", "format")
        version = _integer(top["version"], "version")
        if version != VERSION:
            raise ProfileError(f"unsupported version {version}: this cleantext reads version {VERSION}", "version")
        threshold = _threshold(top.get("threshold", {}), "threshold")
        sites = _sites(top["sites"], "sites")
        global_entries = [_global(item, path) for item, path in _items(top.get("global", []), "global")]
        _no_duplicates(global_entries, "global")
    except ProfileError as error:
        raise ProfileError(error.problem, error.path, source) from None
    return threshold, sites, global_entries


def _child(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    if key.isidentifier():
        return f"{path}.{key}" if path else key
    return f"{path}[{json.dumps(key, ensure_ascii=False)}]"


def _object(value: Any, path: str, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise ProfileError(f"expected an object, got {_kind(value)}", path)
    for key in required:
        if key not in value:
            raise ProfileError(f"missing key {key!r}", path)
    for key in value:
        if key not in required and key not in optional:
            known = ", ".join(repr(k) for k in (*required, *optional))
            raise ProfileError(f"unknown key {key!r} (known keys: {known})", path)
    return value


def _integer(value: Any, path: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ProfileError(f"expected a non-negative integer, got {value!r}", path)
    return value


def _string(value: Any, path: str) -> str:
    if not isinstance(value, str):
        raise ProfileError(f"expected a string, got {_kind(value)}", path)
    return value


def _kind(value: Any) -> str:
    if isinstance(value, str | int | float | bool) or value is None:
        return repr(value)
    if isinstance(value, dict):
        return "an object"
    return "a list" if isinstance(value, list) else type(value).__name__


def _threshold(value: Any, path: str) -> Threshold:
    fields = _object(value, path, required=(), optional=("min_share", "min_docs", "min_sites"))
    share = fields.get("min_share", Threshold.min_share)
    if isinstance(share, bool) or not isinstance(share, int | float):
        raise ProfileError(f"expected a number, got {_kind(share)}", _child(path, "min_share"))
    try:
        return Threshold(**fields)
    except (TypeError, ValueError) as error:
        raise ProfileError(str(error), path) from None


def _items(value: Any, path: str) -> list[tuple[Any, str]]:
    if not isinstance(value, list):
        raise ProfileError(f"expected a list of paragraphs, got {_kind(value)}", path)
    return [(item, _child(path, i)) for i, item in enumerate(value)]


def _entry(value: Any, path: str) -> Entry:
    fields = _object(value, path, required=("text",), optional=("count", "example"))
    return Entry(*_entry_fields(fields, path))


def _global(value: Any, path: str) -> GlobalEntry:
    fields = _object(value, path, required=("text",), optional=("count", "sites", "example"))
    return GlobalEntry(*_entry_fields(fields, path), _integer(fields.get("sites", 0), _child(path, "sites")))


def _entry_fields(fields: Mapping[str, Any], path: str) -> tuple[str, int, str]:
    """The text (normalised), count and example of an entry."""
    text = normalize_paragraph(_string(fields["text"], _child(path, "text")))
    if not text:
        raise ProfileError("empty paragraph", _child(path, "text"))
    count = _integer(fields.get("count", 0), _child(path, "count"))
    return text, count, _string(fields.get("example", ""), _child(path, "example"))


def _no_duplicates(entries: Sequence[Entry], path: str) -> None:
    first: dict[str, int] = {}
    for i, entry in enumerate(entries):
        if entry.text in first:
            where = _child(path, first[entry.text])
            raise ProfileError(f"same paragraph as {where} once normalised", _child(_child(path, i), "text"))
        first[entry.text] = i


def _sites(value: Any, path: str) -> dict[str, SiteProfile]:
    if not isinstance(value, dict):
        raise ProfileError(f"expected an object, got {_kind(value)}", path)
    sites: dict[str, SiteProfile] = {}
    original: dict[str, str] = {}
    for name, body in value.items():
        here = _child(path, name)
        key = site_key(name)
        if not key:
            raise ProfileError("empty site name", here)
        if key in original:
            raise ProfileError(f"same site as {_child(path, original[key])} ({key!r})", here)
        original[key] = name
        fields = _object(body, here, required=("paragraphs",), optional=("docs",))
        paragraphs_path = _child(here, "paragraphs")
        entries = [_entry(item, p) for item, p in _items(fields["paragraphs"], paragraphs_path)]
        _no_duplicates(entries, paragraphs_path)
        sites[key] = SiteProfile(_integer(fields.get("docs", 0), _child(here, "docs")), tuple(entries))
    return sites
