"""Footnotes found at the foot of pages, matched with the numbers that call them in the text."""

from __future__ import annotations

from educpop.importer.hyphens import Decision
from educpop.importer.joining import join
from educpop.importer.model import Block, Extracted, Inline, NoteCall, NoteRef, Run
from educpop.importer.report import Entry, Report
from educpop.importer.words import Vocabulary


def link(extracted: Extracted, words: Vocabulary, report: Report) -> dict[str, Block]:
    """Return the notes of ``extracted`` by key, each call in its lines replaced by a :class:`NoteRef`.

    A call "1" goes to the first note "1" not yet called, in reading order, so that
    two articles numbering their notes from 1 each keep their own. A call without a
    note stays as its number in the text; a note without a call is kept at the end.
    Both are listed in ``report``.
    """
    notes: dict[str, Block] = {}
    numbers: list[str] = []
    for index, note in enumerate(extracted.notes, 1):
        cuts: list[tuple[Decision, str]] = []
        notes[f"n{index}"] = Block("paragraph", join(note.lines, words, cuts))
        numbers.append(note.number)
    called: set[str] = set()
    for line in extracted.lines:
        content: list[Inline] = []
        for part in line.content:
            if isinstance(part, NoteCall):
                key = next((f"n{i}" for i, n in enumerate(numbers, 1) if n == part.number and f"n{i}" not in called),
                           None)
                if key is None:
                    report.to_check.append(Entry(None, f"{line.where()} : appel de note « {part.number} » "
                                                       "sans note en bas de page, laissé dans le texte, à vérifier"))
                    content.append(Run(part.number))
                    continue
                called.add(key)
                part = NoteRef(key)
            content.append(part)
        line.content = content
    for key, block in notes.items():
        if key not in called:
            report.to_check.append(Entry(block, "note sans appel dans le texte, gardée à la fin, à vérifier"))
    report.notes_moved = len(notes)
    return notes
