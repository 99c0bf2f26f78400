"""Charset labels as browsers read them: the Python codec each names.

The WHATWG Encoding Standard reads some labels as a larger code page than their name
says (``iso-8859-1`` is windows-1252, ``gb2312`` is GB18030): pages labelled so hold
the larger one's characters, and browsers show them.

>>> codec_for_label("latin1"), codec_for_label("GBK"), codec_for_label("koi8-r")
('cp1252', 'gb18030', 'koi8-r')
"""

from __future__ import annotations

import codecs

#: Labels whose WHATWG meaning differs from Python's codec of the same name.
_WHATWG_LABELS = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "iso-8859-9": "cp1254",
    "latin5": "cp1254",
    "iso-8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "ms_kanji": "cp932",
    "euc-kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "big5": "big5hkscs",
}


def codec_for_label(label: str) -> str | None:
    """Python codec for a charset label as browsers read it, or None if unknown.

    >>> codec_for_label("ISO-8859-1"), codec_for_label("utf8"), codec_for_label("nope")
    ('cp1252', 'utf-8', None)
    """
    label = label.strip().lower()
    if label in _WHATWG_LABELS:
        return _WHATWG_LABELS[label]
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return "utf-8" if name == "utf-8" else name
