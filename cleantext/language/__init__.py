"""Per-paragraph language, and the document's dominant language.

langdetect is accurate on sentences but wild on short lines (it calls
"- Ali Rabiei, spokesman" Estonian). So a label is trusted only with evidence:

1. a script that only one language uses decides alone (Greek, Hangul, kana…);
   Han without kana anywhere in the document is Chinese;
2. otherwise langdetect, seeded (deterministic), profiles loaded once per process;
3. the document language is the language of most letters;
4. a paragraph whose label differs from the document's keeps it only if it is
   written in another script, or if that language's stop words outnumber the
   document language's in it (jusText's stop-word lists). Otherwise it takes
   the document's language: a short heading or byline is never "foreign" on
   the word of the detector alone.

Rule 4 makes the detector unnecessary for most paragraphs, and it runs only
where its answer can change a label (see :class:`Labelling`):

- the document language is first estimated: from the stop words of the whole
  document when one language clearly leads, else by detecting its longest
  paragraph (the next longest while the stop words contradict the label);
- a paragraph in that language's script in which no other language's stop words
  outnumber the document language's is in the document's language whatever the
  detector says;
- one where another language leads by a single stop word can only be foreign at
  the edges (between two paragraphs in the document's language rule 4 asks for
  two), so the detector runs on it only there;
- one where another language leads by two stop words or more is detected when
  it stands at an edge; between two paragraphs in the document's language no
  verdict depends on its label, so it is detected only when the label is read
  (:meth:`Paragraph.label_later`; a body cleaned for its text never pays), unless
  such paragraphs hold enough letters to change the vote below;
- if the letters then vote for another language than the estimate, every
  paragraph is detected, as if there were no shortcut.

The package's parts: :mod:`.detector` (langdetect: at most ``MAX_DETECT_CHARS``
characters, ``TRIALS`` trials, ``QUICK_TRIALS`` inside the document where no
verdict depends on a label, answers cached per process), :mod:`.evidence` (the
script, the letters and the stop words of a text: pure functions) and
:mod:`.labelling` (one document's labels, the detector run where it matters).

>>> from cleantext.model import Paragraph
>>> ident = LanguageIdentifier()
>>> doc = ident(Document([Paragraph("The talks resumed on Monday after a pause of three weeks, officials said."),
...                       Paragraph("- Ali Rabiei, spokesman"),
...                       Paragraph("Both sides said they hoped to reach an agreement before the end of the year."),
...                       Paragraph("Tous droits réservés")]))
>>> doc.lang, [p.lang for p in doc.paragraphs]
('en', ['en', 'en', 'en', 'fr'])
"""

from __future__ import annotations

from typing import Any

from ..model import Document, Label
from ..scripts import language_script
from .detector import TRIALS, capped, detectable_languages, detector_factory, langdetect_label
from .evidence import Facts, script_label, stop_index, stop_words
from .labelling import Labelling

__all__ = ["LanguageIdentifier", "stop_words", "warm_up"]


def warm_up() -> None:
    """Load everything detection needs (profiles, stop words) now, not on first use.

    Call it where the work starts (a worker's initializer), so that the first document
    does not pay for it, and before threads share this process.
    """
    detector_factory()
    for lang in detectable_languages():
        stop_words(lang)
        stop_index(language_script(lang))


class LanguageIdentifier:
    """Labels every paragraph's language and the document's; a filter step.

    ``shortcuts=False`` runs the detector on every paragraph the script does
    not decide (slower; for measuring what the shortcuts cost in accuracy).
    Picklable: it holds only its settings; the profiles load lazily per process.
    """

    def __init__(self, seed: int = 0, shortcuts: bool = True) -> None:
        self.seed = seed
        self.shortcuts = shortcuts

    def detect(self, text: str) -> Label:
        """Raw label of one text: (ISO code or None, probability).

        >>> LanguageIdentifier().detect("Η κυβέρνηση ανακοίνωσε νέα μέτρα")
        ('el', 1.0)
        """
        facts = Facts.of(text)
        if facts.script is None:
            return None, 0.0
        return script_label(facts, han_is_chinese=False) or self._detector(text, TRIALS)

    def _detector(self, text: str, trials: int) -> Label:
        return langdetect_label(capped(text), self.seed, trials)

    def __call__(self, doc: Document) -> Document:
        doc.lang = Labelling(doc.paragraphs, self._detector).run(self.shortcuts)
        return doc

    def __getstate__(self) -> dict[str, Any]:
        return {"seed": self.seed, "shortcuts": self.shortcuts}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(**state)  # type: ignore[misc]
