"""One options object, passed down the chain instead of many loose flags.

>>> opts = Options(format="html", disable=("foreign-edge", "fr/"))
>>> opts.rule_enabled("fr/syndication"), opts.rule_enabled("en/copyright")
(False, True)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from .profile import Profile

#: 16 MiB: ten times the largest page of the evaluation sets (1.6 MB); a
#: 16 MB page takes trafilatura about 18 s and 700 MB of memory.
DEFAULT_MAX_BYTES = 16 * 2**20
#: 30 s: fifty times the slowest page of the evaluation sets (0.6 s).
DEFAULT_TIMEOUT = 30.0

Format = Literal["auto", "text", "html"]
FORMATS: tuple[str, ...] = ("auto", "text", "html")
Extraction = Literal["agreement", "trafilatura"]
EXTRACTIONS: tuple[str, ...] = ("agreement", "trafilatura")
#: The page metadata that ``Options(metadata=True)`` adds to an HTML document's ``meta``, when the page
#: has it (trafilatura's ``extract_metadata``; ``canonical_url`` is its ``url``): strings, and lists of
#: strings for ``categories`` and ``tags``.
METADATA_KEYS: tuple[str, ...] = (
    "author", "date", "sitename", "hostname", "canonical_url", "description", "categories", "tags", "license",
    "image",
)


@dataclass(frozen=True)
class Options:
    """Everything that shapes a :class:`~cleantext.Cleaner`.

    Attributes:
        format: ``"auto"`` tells HTML from plain text; ``"text"`` or ``"html"`` force one.
        repair: repair encoding (mojibake, entities, control characters) with ftfy.
        disable: rule ids to switch off; an id ending in ``/`` switches off a whole
            family (``"fr/"`` for every French phrase rule, ``"en/newsletter"`` for one).
            Rule ids: ``title``, ``foreign-edge``, ``pull-quote``, ``repeated``, ``<lang>/<category>``.
        phrase_files: extra phrase rule files, read after the built-in ones.
        seed: seed of the language detector (the same seed gives the same labels).
        favor_precision: ask trafilatura for less text but fewer mistakes.
        extraction: how HTML's main content is found: ``"trafilatura"`` takes trafilatura's
            paragraphs; ``"agreement"`` keeps the paragraphs that trafilatura, readability and
            the page's declared article body agree on (:mod:`cleantext.read.agreement`; better on
            many-language real pages, worse on trafilatura's own eval: see README "Quality").
        profile: a learned publisher profile (``cleantext learn``): the path of its
            JSON file (loaded once per process) or a :class:`~cleantext.profile.Profile`.
            Paragraphs it lists for the document's site are dropped as ``repeated``.
        learn: learn repeated paragraphs per site while documents stream, and drop
            them as ``repeated`` (one pass; see :class:`~cleantext.profile.OnlineProfileFilter`).
            The cleaner then keeps state: feed it documents in order, in one process.
        max_bytes: a document bigger than this (bytes; text counts its UTF-8 bytes) is
            not cleaned but marked ``too-large``; ``None`` or 0 for no limit.
        timeout: seconds a document may take; a slower one is abandoned and marked
            ``timeout``; ``None`` or 0 for no limit. See :mod:`cleantext.limits`.
        metadata: add an HTML page's metadata, as trafilatura finds it, to the document's
            ``meta``: the keys of :data:`METADATA_KEYS` that the page has (author, date, site
            name, host name, canonical URL, description, categories, tags, licence, image).
            Plain text has none. Off by default: it costs a look through the page.
    """

    format: Format = "auto"
    repair: bool = True
    disable: tuple[str, ...] = ()
    phrase_files: tuple[str, ...] = ()
    seed: int = 0
    favor_precision: bool = False
    extraction: Extraction = "trafilatura"
    profile: str | Profile | None = field(default=None, hash=False)  # a Profile is mutable: not hashed
    learn: bool = False
    max_bytes: int | None = DEFAULT_MAX_BYTES
    timeout: float | None = DEFAULT_TIMEOUT
    metadata: bool = False

    def __post_init__(self) -> None:
        if self.format not in FORMATS:
            raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {self.format!r}")
        if self.extraction not in EXTRACTIONS:
            raise ValueError(f"extraction must be one of {', '.join(EXTRACTIONS)}, not {self.extraction!r}")
        if (self.max_bytes or 0) < 0 or (self.timeout or 0) < 0:
            raise ValueError("max_bytes and timeout must be positive, or 0/None for no limit")
        # Accept lists from callers, keep the object hashable and picklable.
        object.__setattr__(self, "disable", tuple(self.disable))
        object.__setattr__(self, "phrase_files", tuple(str(f) for f in self.phrase_files))

    def rule_enabled(self, rule_id: str) -> bool:
        """False when ``rule_id`` or a family prefix of it is in ``disable``."""
        return not any(
            rule_id == off or (off.endswith("/") and rule_id.startswith(off)) for off in self.disable
        )
