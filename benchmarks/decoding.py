"""Decoding benchmark: bytes in legacy code pages back to the author's text, per decoder.

The battery (:func:`battery`) is the texts of ``fixtures/languages/`` (one paragraph per language,
written for this project), each encoded in each of the code pages the web used for its language
(``code_pages.json``), with no byte-order mark and no declaration:

* ``text``: the paragraph alone;
* ``html``: the paragraph in a small page without ``<meta charset>``;
* ``lying``: the page with ``<meta charset="utf-8">``, which the bytes are not;
* ``short``: the first two sentences alone (62 to 307 characters; Thai, written without sentence stops,
  whole), where detection has less to go on.

A document counts as decoded when the decoder gives back exactly the text that was encoded.
Decoders: cleantext, chardet, charset_normalizer, cchardet (each detector alone: its guess,
decoded with Python's codec of that name) and trafilatura's ``decode_file``; their cost per
document is measured on the same documents, in turn, page by page, the order rotating. The cost
is measured again on the real pages of ``../shared/eval-data/wild-dev`` that are not UTF-8
(when that folder is there), where no gold encoding is known: there only the time counts.

Usage, from the project root::

    .venv/bin/python benchmarks/decoding.py            # the table and each decoder's failures
    .venv/bin/python benchmarks/decoding.py --quiet    # the table only
"""

from __future__ import annotations

import argparse
import base64
import codecs
import gzip
import json
import re
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: make `cleantext` importable
    sys.path.insert(0, str(ROOT))

from cleantext.read.decode import decode  # noqa: E402

LANGUAGES = ROOT / "fixtures" / "languages"
WILD_PAGES = ROOT.parent / "shared" / "eval-data" / "wild-dev" / "pages.jsonl.gz"
FORMS = ("text", "html", "lying", "short")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[。！？])")


@dataclass(frozen=True)
class Sample:
    """One document of the battery: its language, code page, form, the text and its bytes."""

    lang: str
    code_page: str
    form: str
    text: str
    data: bytes

    @property
    def name(self) -> str:
        return f"{self.lang}/{self.code_page}/{self.form}"


def page(text: str, declaration: str = "") -> str:
    """``text`` as the one paragraph of a small HTML page, with ``declaration`` in its head."""
    title = text.split(".")[0][:60]
    return (f"<!DOCTYPE html>\n<html><head>{declaration}<title>{title}</title></head>\n"
            f"<body><article><p>{text}</p></article></body></html>\n")


def first_sentences(text: str, count: int = 2) -> str:
    """The first ``count`` sentences of ``text``.

    >>> first_sentences("One. Two? Three."), first_sentences("一。二。三。")
    ('One. Two?', '一。二。')
    """
    ends = [m.start() for m in _SENTENCE_END.finditer(text)]
    return text[: ends[count - 1]] if len(ends) >= count else text


def battery(folder: Path = LANGUAGES, forms: tuple[str, ...] = FORMS) -> Iterator[Sample]:
    """Every text of ``folder`` in every code page listed for it, in each of ``forms``."""
    code_pages: dict[str, list[str]] = json.loads((folder / "code_pages.json").read_text(encoding="utf-8"))
    for lang, pages in sorted(code_pages.items()):
        text = (folder / f"{lang}.txt").read_text(encoding="utf-8").strip()
        sources = {"text": text, "html": page(text), "lying": page(text, '<meta charset="utf-8">'),
                   "short": first_sentences(text)}
        for code_page in pages:
            for form in forms:
                yield Sample(lang, code_page, form, sources[form], sources[form].encode(code_page))


def _decoded_as(data: bytes, label: str | None) -> str:
    """``data`` decoded with Python's codec for a detector's ``label`` (windows-1252 when it has none)."""
    try:
        codec = codecs.lookup(label or "cp1252").name
    except LookupError:
        codec = "cp1252"
    return data.decode(codec, errors="replace")


def _chardet(data: bytes) -> str:
    import chardet

    return _decoded_as(data, chardet.detect(data)["encoding"])


def _charset_normalizer(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return str(best) if best is not None else _decoded_as(data, None)


def _cchardet(data: bytes) -> str:
    import cchardet

    return _decoded_as(data, cchardet.detect(data)["encoding"])


def _trafilatura(data: bytes) -> str:
    from trafilatura.utils import decode_file

    return str(decode_file(data))


def _cleantext(data: bytes) -> str:
    return decode(data).text


DECODERS: dict[str, Callable[[bytes], str]] = {
    "cleantext": _cleantext,
    "chardet": _chardet,
    "charset_normalizer": _charset_normalizer,
    "cchardet": _cchardet,
    "trafilatura decode_file": _trafilatura,
}


def available() -> dict[str, Callable[[bytes], str]]:
    """The decoders whose library is installed."""
    found = {}
    for name, decoder in DECODERS.items():
        try:
            decoder(b"caf\xe9")
        except ImportError:
            print(f"({name}: not installed, left out)")
            continue
        found[name] = decoder
    return found


def run(samples: list[Sample], decoders: dict[str, Callable[[bytes], str]]) -> dict[str, tuple[list[str], float]]:
    """Per decoder, the names of the samples it got wrong and its seconds in all; the decoders
    take each sample in turn, the order rotating from one sample to the next."""
    failures: dict[str, list[str]] = {name: [] for name in decoders}
    seconds = dict.fromkeys(decoders, 0.0)
    names = list(decoders)
    for number, sample in enumerate(samples):
        turn = number % len(names)
        for name in names[turn:] + names[:turn]:
            start = time.perf_counter()
            text = decoders[name](sample.data)
            seconds[name] += time.perf_counter() - start
            if text != sample.text:
                failures[name].append(sample.name)
    return {name: (failures[name], seconds[name]) for name in names}


def legacy_pages(path: Path = WILD_PAGES) -> list[bytes]:
    """The pages of ``path`` (JSON Lines of ``html_base64``) that are not valid UTF-8."""
    pages = []
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            page = base64.b64decode(json.loads(line)["html_base64"])
            try:
                page.decode("utf-8")
            except UnicodeDecodeError:
                pages.append(page)
    return pages


def print_cost(pages: list[bytes], decoders: dict[str, Callable[[bytes], str]]) -> None:
    """Milliseconds per page of each decoder on real pages, against cleantext's."""
    seconds = run([Sample("", "", "", "", page) for page in pages], decoders)
    base = seconds["cleantext"][1]
    print(f"\nCost on the {len(pages)} wild-dev pages that are not UTF-8 "
          f"({sum(map(len, pages)) / len(pages) / 1000:.0f} kB on average):\n")
    print("| decoder | ms per page | × cleantext |\n|---|---|---|")
    for name, (_, spent) in seconds.items():
        print(f"| {name} | {1000 * spent / len(pages):.2f} | {spent / base:.2f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quiet", action="store_true", help="the table only, not each decoder's failures")
    args = parser.parse_args()
    samples = list(battery())
    langs = {s.lang for s in samples}
    decoders = available()
    results = run(samples, decoders)
    print(f"{len(samples)} documents: {len(langs)} languages, {len({(s.lang, s.code_page) for s in samples})} "
          f"(language, code page) pairs, forms {', '.join(FORMS)}\n")
    header = f"| decoder | {' | '.join(FORMS)} | all | ms per document |"
    print(header + "\n|" + "---|" * (len(FORMS) + 3))
    for name, (failed, seconds) in results.items():
        per_form = [sum(s.form == form for s in samples) - sum(f.endswith("/" + form) for f in failed)
                    for form in FORMS]
        row = " | ".join(f"{n}/{sum(s.form == f for s in samples)}" for n, f in zip(per_form, FORMS, strict=True))
        print(f"| {name} | {row} | {len(samples) - len(failed)}/{len(samples)} | "
              f"{1000 * seconds / len(samples):.2f} |")
    if not args.quiet:
        for name, (failed, _) in results.items():
            if failed:
                print(f"\n{name} fails on: {', '.join(failed)}")
    if WILD_PAGES.exists():
        print_cost(legacy_pages(), decoders)
    else:
        print(f"\n({WILD_PAGES} is not there: no cost on real pages)")


if __name__ == "__main__":
    main()
