"""Which legacy code page undeclared bytes are in: chardet's guess, read as browsers read labels.

chardet 7 was chosen by measurement (``benchmarks/decoding.py``, README "Decoding"): on texts in
many languages, each in the code pages the web used for it, it finds the code page more often than
charset_normalizer or cchardet, at a cost that only documents that are not UTF-8 pay.

>>> czech = "Vítr foukal celou noc a ráno bylo v ulicích plno listí. Děti šly do školy v teplých bundách."
>>> detect(czech.encode("cp1250"))
'cp1250'
"""

from __future__ import annotations

import chardet
from chardet.enums import EncodingEra

from .charsets import codec_for_label

#: The code pages of the web, its legacy ISO ones and DOS's; not Mac, mainframe (EBCDIC) or
#: regional ones (KZ-1048, PTCP154), which tie with windows-1251 on Macedonian and which the
#: web hardly used. Measured: the same exact decodings as every era (``benchmarks/decoding.py``),
#: at two thirds of the cost.
_ERAS = EncodingEra.MODERN_WEB | EncodingEra.LEGACY_ISO | EncodingEra.DOS

#: Codecs that only a byte-order mark or a NUL pattern can vouch for.
_WIDE = ("utf-16", "utf-32")


def detect(data: bytes) -> str:
    """The Python codec ``data`` is most likely in; windows-1252 when nothing else fits."""
    label = chardet.detect(data, encoding_era=_ERAS)["encoding"]
    codec = codec_for_label(label) if label else None
    return "cp1252" if codec is None or codec.startswith(_WIDE) else codec
