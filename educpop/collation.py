"""Sorting words as a French dictionary does: « état » with « Etat », before « eux ».

Python's ``sorted`` puts every accented or capital letter after « z »; the
Unicode Collation Algorithm (pyuca, with its bundled table) compares letters
first, then accents, then case.
"""

from __future__ import annotations

from functools import cache

from pyuca import Collator


@cache
def _collator() -> Collator:
    return Collator()  # reads the collation table (about 0.4 s): only when something is sorted


def dictionary_key(text: str) -> tuple[int, ...]:
    """Return the key that sorts ``text`` in dictionary order (accents and case count last)."""
    return tuple(_collator().sort_key(text))
