"""What Word, ODT and HTML readers share: blocks read from a document's structure, tidied and counted."""

from __future__ import annotations

from educpop.importer.joining import tidy
from educpop.importer.model import Block, Imported, NoteRef, Run
from educpop.importer.report import Entry, Report


def finish(blocks: list[Block], notes: dict[str, Block], report: Report) -> Imported:
    """Return ``blocks`` and ``notes`` with spaces folded and empty blocks left out; count them in ``report``.

    A call to a note that the file does not hold is removed and listed; so is a note
    that nothing calls, which is kept at the end.
    """
    kept: list[Block] = []
    for block in blocks:
        block.content = tidy(block.content)
        if block.kind == "heading":
            block.content = [Run(part.text) if isinstance(part, Run) else part for part in block.content]
        if not block.text().strip():
            continue
        kept.append(block)
        if block.kind == "heading":
            report.headings.append(Entry(block, f"« {block.text()} »"))
    for note in notes.values():
        note.content = tidy(note.content)
    called = {part.key for block in kept for part in block.content if isinstance(part, NoteRef)}
    for block in kept:
        for part in block.content:
            if isinstance(part, NoteRef) and part.key not in notes:
                report.to_check.append(Entry(block, "appel de note sans note dans le fichier, retiré, à vérifier"))
    for key, note in notes.items():
        if key not in called:
            report.to_check.append(Entry(note, "note sans appel dans le texte, gardée à la fin, à vérifier"))
    report.paragraphs = sum(block.kind == "paragraph" for block in kept)
    report.notes_moved = len(notes)
    return Imported(kept, notes)
