"""Make ``cleantext/read/whatwg_differences.json``: where Python's CJK codecs read bytes otherwise than browsers.

For each Python codec that cleantext uses for a WHATWG multi-byte encoding (``cp932``,
``euc_jp``, ``cp949``, ``gb18030``, ``big5hkscs``), every WHATWG unit is decoded with
Python and with a WHATWG decoder: every byte that is not a lead byte, every lead byte with
every byte after it, every EUC-JP ``0x8F`` unit (``8F``, ``A1``-``FE``, any byte) and every
four-byte gb18030 unit (``81``-``FE``, digit, ``81``-``FE``, digit: all 1,587,600 of them,
the BMP, the supplementary planes and the pointers WHATWG leaves unassigned). A unit goes
into the file, with WHATWG's reading, when that reading differs from
``cleantext.read.whatwg.python_or_error_reading`` (Python's strict reading, or WHATWG's U+FFFD
where Python rejects the unit). A differing unit whose Python reading can't be told apart from
the same reading of other bytes (so replacing the character afterwards can't fix it) is
listed as ambiguous.

Before writing, the script checks that every unit Python reads as a whole is a WHATWG unit
(the error handler of ``cleantext.read.whatwg`` relies on it); after writing, it checks
``decode_like_browsers`` against the reference on all the strings above (all one- and
two-byte strings among them) and on random strings made to hit the corner cases.

The reference is the TextDecoder of the npm package ``@exodus/bytes`` (WHATWG-conformant,
the one jsdom uses), run by node. node's own TextDecoder is not a reference: its ICU
decoders read thousands of two-byte strings otherwise (Shift_JIS 0x1A, 0x1C, 0x7F, 0x80;
stray bytes in EUC-JP, EUC-KR and Big5 as C1 controls or private-use characters). Install
it outside the project once::

    mkdir -p /tmp/whatwg && cd /tmp/whatwg && npm install @exodus/bytes

Usage, from the project root (about a minute)::

    .venv/bin/python benchmarks/whatwg_tables.py [--node-dir /tmp/whatwg]
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from cleantext.read import whatwg
from cleantext.read.whatwg import WHATWG_ENCODINGS, python_or_error_reading, python_reading, whatwg_unit_length

OUTPUT = Path(__file__).resolve().parent.parent / "cleantext" / "read" / "whatwg_differences.json"
NODE_DIR = Path("/tmp/whatwg")

_NODE_SCRIPT = """
import { TextDecoder } from '@exodus/bytes/encoding.js'
let input = ''
for await (const chunk of process.stdin) input += chunk
const decoders = new Map()
const decode = ([encoding, hex]) => {
  if (!decoders.has(encoding)) decoders.set(encoding, new TextDecoder(encoding))
  return decoders.get(encoding).decode(Buffer.from(hex, 'hex'))
}
process.stdout.write(JSON.stringify(JSON.parse(input).map(decode)))
"""

_BYTES = [bytes([byte]) for byte in range(256)]
_HIGH = range(0x81, 0xFF)
_DIGITS = range(0x30, 0x3A)


def whatwg_decode(strings: Iterable[tuple[str, bytes]], node_dir: Path = NODE_DIR) -> list[str]:
    """Each (Python codec, byte string) decoded by @exodus/bytes' TextDecoder for the codec's WHATWG
    encoding (replacement mode, the whole string at once), all in one node process."""
    payload = json.dumps([[WHATWG_ENCODINGS[codec], string.hex()] for codec, string in strings])
    command = ["node", "--input-type=module", "-e", _NODE_SCRIPT]
    result = subprocess.run(command, input=payload, capture_output=True, encoding="utf-8", cwd=node_dir, check=True)
    decoded: list[str] = json.loads(result.stdout)
    return decoded


def _whatwg_readings(codec: str, strings: list[bytes], node_dir: Path) -> dict[bytes, str]:
    return dict(zip(strings, whatwg_decode(((codec, string) for string in strings), node_dir), strict=True))


def reference_strings(codec: str) -> list[bytes]:
    """All one- and two-byte strings, and the longer WHATWG units."""
    strings = _BYTES + [lead + trail for lead in _BYTES for trail in _BYTES]
    if codec == "euc_jp":
        strings += [bytes([0x8F, second, third]) for second in range(0xA1, 0xFF) for third in range(256)]
    if codec == "gb18030":
        strings += [bytes([a, b, c, d]) for a in _HIGH for b in _DIGITS for c in _HIGH for d in _DIGITS]
    return strings


def is_complete_unit(string: bytes, codec: str) -> bool:
    return whatwg_unit_length(string, 0, codec) == (len(string), True)


def python_units(codec: str) -> dict[bytes, str]:
    """Every byte string that Python's codec reads as one unit, with its reading. Python's
    gb18030 reads four bytes after a lead and a digit: all of them are tried where the third
    byte is 81-FE and the fourth a digit, and for a few leads and digits with any third and
    fourth byte."""
    leads = [single for single in _BYTES if python_reading(single, codec) is None]
    candidates = _BYTES + [lead + trail for lead in leads for trail in _BYTES]
    if codec == "euc_jp":
        candidates += [bytes([0x8F, second, third]) for second in range(256) for third in range(256)]
    if codec == "gb18030":
        firsts = [lead[0] for lead in leads]
        candidates += [bytes([a, b, c, d]) for a in firsts for b in _DIGITS for c in _HIGH for d in _DIGITS]
        candidates += [
            bytes([a, b, c, d])
            for a in (0x80, 0x81, 0xFE, 0xFF)
            for b in (0x30, 0x39)
            for c in range(256)
            for d in range(256)
        ]
    return {unit: text for unit in candidates if (text := python_reading(unit, codec)) is not None}


def ambiguous_units(codec: str, differences: dict[bytes, str], units: dict[bytes, str]) -> list[bytes]:
    """The differing units that Python reads as something that replacing characters afterwards
    can't trace back to them: more than one character, a character Python also reads from another
    unit, or one that the error handler itself writes (U+FFFD, ASCII, WHATWG's readings of units
    Python rejects)."""
    counts = Counter(char for text in units.values() for char in text)
    rejected = [text for unit, text in differences.items() if python_reading(unit, codec) is None]
    written = set("".join(rejected)) | {"\ufffd"} | {chr(byte) for byte in range(0x80)}
    ambiguous = []
    for unit in differences:
        python = python_reading(unit, codec)
        if python is not None and (len(python) != 1 or counts[python] != 1 or python in written):
            ambiguous.append(unit)
    return ambiguous


def random_byte_strings(codec: str, count: int, seed: int = 0) -> list[bytes]:
    """Byte strings made to hit WHATWG's corner cases: lead bytes followed by ASCII, digits
    or other leads, differing units, characters, units cut off by the end of the string."""
    rng = random.Random(seed)
    differing = sorted(bytes.fromhex(unit) for unit in _recorded_differences(codec))
    pieces = [
        lambda: rng.choice(_BYTES),
        lambda: bytes([rng.choice(_HIGH)]),
        lambda: bytes([rng.choice(_DIGITS)]),
        lambda: bytes([rng.choice(b"AZaz@[`{~\\\x7f\x00\x80\xa0\xff\x8e\x8f")]),
        lambda: rng.choice(differing) if differing else b"",
        lambda: chr(rng.randrange(0xA0, 0x30000)).encode(codec, errors="ignore"),
    ]
    return [b"".join(rng.choice(pieces)() for _ in range(rng.randint(1, 24))) for _ in range(count)]


def _recorded_differences(codec: str) -> dict[str, str]:
    recorded: dict[str, str] = json.loads(OUTPUT.read_text(encoding="utf-8"))["differences"][codec]
    return recorded


def tables(codec: str, node_dir: Path) -> tuple[dict[bytes, str], list[bytes], dict[bytes, str]]:
    """The differing units, the ambiguous ones among them, and the reference reading of every reference string."""
    strings = reference_strings(codec)
    reference = _whatwg_readings(codec, strings, node_dir)
    differences = {
        string: text
        for string, text in reference.items()
        if is_complete_unit(string, codec) and text != python_or_error_reading(string, codec)
    }
    units = python_units(codec)
    stray = [unit.hex() for unit in units if not is_complete_unit(unit, codec)]
    if stray:
        sys.exit(f"{codec}: Python reads {len(stray)} units that WHATWG does not, e.g. {stray[:5]}")
    return differences, ambiguous_units(codec, differences, units), reference


def dump(differences: dict[str, dict[bytes, str]], ambiguous: dict[str, list[bytes]]) -> str:
    """The JSON file: one line per codec, keys sorted."""
    lines = [
        f"{_compact(codec)}:{_compact({unit.hex(): text for unit, text in units.items()})}"
        for codec, units in sorted(differences.items())
    ]
    listed = {codec: sorted(unit.hex() for unit in units) for codec, units in ambiguous.items()}
    return '{"differences":{\n' + ",\n".join(lines) + '},\n"ambiguous":' + _compact(listed) + "}\n"


def _compact(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def check(codec: str, reference: dict[bytes, str], node_dir: Path) -> int:
    """How many strings decode_like_browsers reads otherwise than the reference (printing a few)."""
    randoms = random_byte_strings(codec, 20000)
    reference = reference | _whatwg_readings(codec, randoms, node_dir)
    wrong = [string for string, text in reference.items() if whatwg.decode_like_browsers(string, codec) != text]
    for string in wrong[:5]:
        print(f"  WRONG {string.hex()}: {whatwg.decode_like_browsers(string, codec)!r} != {reference[string]!r}")
    return len(wrong)


def describe(codec: str, differences: dict[bytes, str], ambiguous: list[bytes]) -> None:
    rejected = [unit for unit in differences if python_reading(unit, codec) is None]
    print(
        f"{codec}: {len(differences)} units differ ({len(rejected)} that Python rejects, "
        f"{len(differences) - len(rejected)} that it reads otherwise), {len(ambiguous)} ambiguous"
    )
    read_otherwise = [unit for unit in differences if unit not in rejected]
    for unit in rejected[:3] + read_otherwise[:4]:
        print(f"  {unit.hex()}: WHATWG {differences[unit]!r}, Python {python_reading(unit, codec)!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--node-dir", type=Path, default=NODE_DIR, help="where @exodus/bytes is installed")
    args = parser.parse_args()
    differences, ambiguous, references = {}, {}, {}
    for codec in WHATWG_ENCODINGS:
        differences[codec], ambiguous[codec], references[codec] = tables(codec, args.node_dir)
        describe(codec, differences[codec], ambiguous[codec])
    OUTPUT.write_text(dump(differences, ambiguous), encoding="utf-8")
    print(f"wrote {OUTPUT} ({OUTPUT.stat().st_size} bytes)")
    whatwg._recorded.cache_clear()
    whatwg._fixes.cache_clear()
    wrong = sum(check(codec, references[codec], args.node_dir) for codec in WHATWG_ENCODINGS)
    print(f"checked against the reference: {wrong} strings read otherwise")
    sys.exit(1 if wrong else 0)


if __name__ == "__main__":
    main()
