"""Paper variants chosen at build time with ``--paper``: page size, smallest body size, booklet."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from educpop.diagnostics import did_you_mean, fold
from educpop.errors import BuildError
from educpop.theme import Theme


@dataclass(frozen=True)
class Paper:
    """A way to print the pack, chosen at build time with ``--paper``."""

    #: as typed after ``--paper``
    name: str
    #: what it is, for ``--help``
    description: str
    #: paper the documents are laid out on
    page_size: str
    #: smallest body size, and smallest size of any text, in points (headings scale with it)
    min_size: float = 0.0
    #: PDF pages imposed two per A4 landscape sheet, in booklet order
    booklet: bool = False
    #: added to file names, so that a variant never replaces the A4 pack beside it
    suffix: str = ""

    def apply(self, theme: Theme) -> Theme:
        """Return ``theme`` laid out on this paper."""
        return replace(theme, page_size=self.page_size, base_size=max(theme.base_size, self.min_size),
                       min_size=max(theme.min_size, self.min_size))


#: paper variants by name; the first is the default
PAPERS: dict[str, Paper] = {
    paper.name: paper
    for paper in (
        Paper("a4", "A4, le format habituel", "A4"),
        Paper(
            "a5-livret", "livret A5 : feuilles A4 à imprimer recto verso et plier", "A5",
            booklet=True, suffix="-livret",
        ),
        Paper(
            "gros-caracteres", "A4 en gros caractères, texte en 14 points", "A4",
            min_size=14.0, suffix="-gros-caracteres",
        ),
    )
}


def select_paper(typed: str) -> Paper:
    """Return the paper variant ``typed`` names (case, accents and spaces forgiven); raise BuildError otherwise."""
    try:
        return paper_named(typed)
    except ValueError as error:
        raise BuildError(str(error)) from None


def paper_named(typed: str) -> Paper:
    """Return the paper variant ``typed`` names (case, accents and spaces forgiven); raise ValueError otherwise."""
    name = re.sub(r"[\s_]+", "-", fold(typed).strip())
    if name in PAPERS:
        return PAPERS[name]
    known = ", ".join(PAPERS)
    # "a5" or "gros" is the start of a name: suggest it even when too short for difflib.
    partial = [paper for paper in PAPERS if len(name) >= 2 and name in paper]
    hint = f" ; vouliez-vous dire « {partial[0]} » ?" if len(partial) == 1 else did_you_mean(name, list(PAPERS))
    raise ValueError(f"papier inconnu « {typed} » (connus : {known}){hint}")
