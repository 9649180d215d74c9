"""Where a word may be cut at the end of a line: the one hyphenation policy of the pack.

Written for people who read little: a cut word is harder to read than a
ragged line, so a word is cut only where leaving it whole would leave a wide
gap at the end of the line, and never

- a name: a word that starts with a capital, and so also a word in capitals and
  the first word of a sentence (which cannot be told from a name without context);
- a compound or a word with a soft hyphen (« sous-groupes », « Saint-Pétersbourg »:
  reportlab would cut inside one of its parts, and a PDF reader joins a line ending
  in "-" with the next, so a cut at the compound's own hyphen would read « sousgroupes »);
- with fewer than :data:`LEAST_LETTERS` letters on either side;
- on a third line in a row, or when the cut word is the last of its paragraph
  (« pro- / cès. » alone on the last line);
- at the last line of a page or a column (see the PDF paragraph's split).

Styles say whether they are hyphenated at all (``hyphenate`` in the stylesheet):
headings, cards, short cells and running headers are not. :func:`hyphenator`
gives the PDF renderer its splitter, and typography the dictionary it marks
very long words with; the DOCX renderer sets Word's and LibreOffice's own
hyphenation to the same limits (:data:`CONSECUTIVE`, :data:`ZONE`), and does
not let them hyphenate table cells at all: their narrow columns are where
their rules and these part most, and the pages with them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache

import pyphen

#: letters kept on either side of a cut
LEAST_LETTERS = 3
#: at most this many lines in a row end in a hyphen
CONSECUTIVE = 2
#: a word is cut only when leaving it whole would leave at least this room at the line's end, in ems of its text
ZONE = 6.0
#: a cell with at most this many words is never hyphenated (a name, a date, a count, a term)
SHORT_CELL_WORDS = 5

_EDGES = re.compile(r"^\W+|\W+$")
#: a word, compounds whole: « Saint-Pétersbourg », and « Assemblée » in « l’Assemblée »
_WORD = re.compile(r"[^\W\d_]+(?:[-\u2011][^\W\d_]+)*")


def word_key(text: str) -> str:
    """Return ``text`` without the punctuation around it: the word a splitter is asked about."""
    return _EDGES.sub("", text)


def is_name(word: str) -> bool:
    """Return whether ``word`` is taken for a name: it starts with a capital."""
    return word[:1].isupper()


def may_cut(word: str) -> bool:
    """Return whether ``word`` (letters, no punctuation around it) may be cut at all."""
    return len(word) >= 2 * LEAST_LETTERS and word.isalpha() and not is_name(word)


def names(text: str) -> Iterator[tuple[int, int]]:
    """Yield the start and end of each name in ``text`` that is long enough to be cut if it were a word."""
    for match in _WORD.finditer(text):
        if is_name(match.group()) and len(match.group()) >= 2 * LEAST_LETTERS:
            yield match.span()


@dataclass(frozen=True)
class Hyphenator:
    """Yields the places where a word may be cut, longest head first: reportlab's ``hyphenationLang`` callable."""

    dictionary: pyphen.Pyphen
    #: words never cut (they broke a rule of the lines they were cut in)
    refused: frozenset[str] = field(default_factory=frozenset)

    def __call__(self, word: str) -> Iterator[tuple[str, str]]:
        if word in self.refused or not may_cut(word):
            return
        yield from self.dictionary.iterate(word)

    def refusing(self, words: frozenset[str]) -> Hyphenator:
        """Return this hyphenator, never cutting ``words`` either."""
        return Hyphenator(self.dictionary, self.refused | words)

    def inserted(self, word: str, hyphen: str) -> str:
        """Return ``word`` with ``hyphen`` at every place it may be cut (names included: only for very long words)."""
        result: str = self.dictionary.inserted(word, hyphen=hyphen)
        return result


@cache
def hyphenator(language: str) -> Hyphenator | None:
    """Return the hyphenator of ``language`` (``fr``, ``fr-BE``, ``fr_FR``…), or None when there is no dictionary."""
    found = pyphen.language_fallback(language.strip().replace("-", "_")) if language.strip() else None
    if not found:
        return None
    return Hyphenator(pyphen.Pyphen(lang=found, left=LEAST_LETTERS, right=LEAST_LETTERS))


@dataclass(frozen=True)
class LineEnd:
    """How one laid-out line of a paragraph ends, as the rules need to know it."""

    #: the word cut at the end of the line, whole and without punctuation ("" when the line ends between words)
    cut: str
    #: the room that would stay empty at the end of the line had the cut word gone whole to the next one, in ems
    slack: float
    #: the words (or pieces of words) on the line
    words: int
    #: the cut word is wider than a whole line: it must be cut somewhere, and is never refused
    forced: bool = False


def refused_cuts(lines: Sequence[LineEnd]) -> frozenset[str]:
    """Return the words cut in ``lines`` (a paragraph, in order) that break a rule, and must be left whole.

    A cut is refused when the line was full enough without it (less than
    :data:`ZONE` ems left empty), when it would be the third line in a row ending in
    a hyphen, or when it leaves the last line of the paragraph to the tail of the
    cut word alone; never a word wider than the line, which would then be cut
    anywhere, without a hyphen.
    """
    refused: set[str] = set()
    run = 0
    for index, line in enumerate(lines):
        if not line.cut:
            run = 0
            continue
        last = index == len(lines) - 2 and lines[-1].words == 1
        if not line.forced and (line.slack < ZONE or run >= CONSECUTIVE or last):
            refused.add(line.cut)
            run = 0  # the line will end between words once the cut is refused
        else:
            run += 1
    return frozenset(refused)


def is_short_cell(text: str) -> bool:
    """Return whether a table cell of ``text`` is short enough never to be hyphenated."""
    return len(text.split()) <= SHORT_CELL_WORDS
