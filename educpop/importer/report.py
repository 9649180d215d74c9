"""The French report printed after an import: what was changed, removed, and what to check by hand."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from educpop.importer.model import Block


@dataclass
class Entry:
    """One thing done to the text, at the output line of ``block`` (None: not in the output)."""

    block: Block | None
    message: str


@dataclass
class Report:
    """Counts and entries gathered while a text is imported; :meth:`render` writes it in French."""

    rejoined: list[Entry] = field(default_factory=list)
    hyphens_kept: list[Entry] = field(default_factory=list)
    headings: list[Entry] = field(default_factory=list)
    notes_moved: int = 0
    dropped: list[str] = field(default_factory=list)  # each line removed, with where it was
    to_check: list[Entry] = field(default_factory=list)
    paragraphs: int = 0

    def render(self, source: str, output: str, lines: Mapping[Block, int]) -> str:
        """Return the report of importing ``source`` into ``output``; ``lines`` gives each block's line."""

        def at(entry: Entry) -> str:
            line = lines.get(entry.block) if entry.block is not None else None
            return f"  ligne {line} : {entry.message}" if line else f"  {entry.message}"

        out = [
            f"Import de « {source} » vers « {output} »",
            f"  paragraphes : {self.paragraphs}",
            f"  titres : {len(self.headings)}",
            f"  mots recollés : {len(self.rejoined)}",
            f"  traits d'union gardés : {len(self.hyphens_kept)}",
            f"  notes déplacées en fin de texte : {self.notes_moved}",
            f"  lignes retirées : {len(self.dropped)}",
            f"  à vérifier : {len(self.to_check)}",
        ]
        for title, entries in (
            ("Titres reconnus", self.headings),
            ("Mots recollés", self.rejoined),
            ("Traits d'union gardés", self.hyphens_kept),
        ):
            if entries:
                out += ["", f"{title} :", *(at(entry) for entry in entries)]
        if self.dropped:
            out += ["", "Lignes retirées :", *(f"  {line}" for line in self.dropped)]
        if self.to_check:
            out += ["", "À vérifier :", *(at(entry) for entry in self.to_check)]
        return "\n".join(out) + "\n"


def shorten(text: str, length: int = 60) -> str:
    """Return ``text``, cut after a whole word with "…" when longer than ``length`` characters."""
    if len(text) <= length:
        return text
    return text[: length].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"
