"""langdetect, as cleantext runs it: profiles loaded once per process, seeded, on a capped text
without links, answers cached (boilerplate lines repeat across a crawl).

>>> langdetect_label("Η κυβέρνηση ανακοίνωσε νέα μέτρα για την οικονομία", 0, TRIALS)[0]
'el'
"""

from __future__ import annotations

import os
import threading
from functools import cache, lru_cache

from langdetect.detector import Detector
from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
from langdetect.lang_detect_exception import LangDetectException

from ..model import Label

#: Characters handed to langdetect; the rest adds cost, not accuracy.
MAX_DETECT_CHARS = 200
#: langdetect's random trials per text (its own default is 7) where a label can decide
#: a verdict, and where it only names the language of a paragraph inside the document.
TRIALS = 3
QUICK_TRIALS = 1
#: Detections remembered per process (texts are capped, so this bounds the memory).
CACHE_SIZE = 8192

_factory: DetectorFactory | None = None
_factory_lock = threading.Lock()


def detector_factory() -> DetectorFactory:
    """langdetect's profiles, loaded once per process (thread-safe)."""
    global _factory
    if _factory is None:
        with _factory_lock:
            if _factory is None:
                factory = DetectorFactory()
                factory.load_profile(PROFILES_DIRECTORY)
                _factory = factory
    return _factory


@cache
def detectable_languages() -> frozenset[str]:
    """The ISO codes langdetect can answer (its profile names, normalised)."""
    return frozenset(normalize_code(name) for name in os.listdir(PROFILES_DIRECTORY))


def normalize_code(code: str) -> str:
    """langdetect's codes to ISO 639-1 (``zh-cn`` and ``zh-tw`` are ``zh``)."""
    return code.split("-")[0]


@lru_cache(maxsize=CACHE_SIZE)
def langdetect_label(text: str, seed: int, trials: int) -> Label:
    """langdetect's best (language, probability) for ``text``; (None, 0.0) when it finds nothing."""
    detector = detector_factory().create()
    detector.seed = seed
    detector.n_trial = trials
    detector.append(text)
    try:
        best = detector.get_probabilities()[0]
    except (LangDetectException, IndexError):
        return None, 0.0
    return normalize_code(best.lang), float(best.prob)


def capped(text: str, limit: int | None = None) -> str:
    """``text`` cut to about ``limit`` characters (:data:`MAX_DETECT_CHARS`), at a space when there is one.

    >>> capped("one two three", 9)
    'one two'
    """
    limit = limit or MAX_DETECT_CHARS
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit + 1)
    return text[: cut if cut > limit // 2 else limit]


def without_links(text: str) -> str:
    """``text`` without the URLs and e-mail addresses langdetect ignores.

    >>> without_links("Write to desk@example.com or see https://example.com/a")
    'Write to   or see  '
    """
    if "://" in text:
        text = Detector.URL_RE.sub(" ", text)
    if "@" in text:
        text = Detector.MAIL_RE.sub(" ", text)
    return text
