"""The French words known to the importer: a spelling word list, the text's own words, and pyphen's patterns."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

import pyphen
from spellchecker import SpellChecker

#: a word, hyphenated compounds and elisions included ("peut-être", "l'aristocratie" gives two)
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


@cache
def _dictionary() -> SpellChecker:
    # pyspellchecker ships a French list of 140 000 words, hyphenated compounds included
    return SpellChecker(language="fr", distance=1)


@cache
def _patterns() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="fr_FR")


class Vocabulary:
    """Tells whether a word is French, from the word list and from the words of the text itself."""

    def __init__(self, texts: Iterable[str]) -> None:
        self._own: set[str] = set()
        for text in texts:
            for word in WORD.findall(text):
                self._own.add(word.lower())
                self._own.update(part.lower() for part in word.split("-"))

    def knows(self, word: str) -> bool:
        """Return whether ``word`` (any case) is in the text elsewhere or in the word list."""
        lowered = word.lower()
        return lowered in self._own or lowered in _dictionary()

    def in_text(self, word: str) -> bool:
        """Return whether ``word`` (any case) is written elsewhere in the text."""
        return word.lower() in self._own

    @staticmethod
    def can_break(word: str, at: int) -> bool:
        """Return whether French hyphenation may cut ``word`` before its character ``at``."""
        return at in _patterns().positions(word.lower())
