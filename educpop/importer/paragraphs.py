"""Paragraphs, headings and list items rebuilt from the printed lines of a PDF or a text file."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from educpop.importer.hyphens import Decision, Verdict
from educpop.importer.joining import join, vocabulary
from educpop.importer.model import Block, Extracted, Imported, Line, Run
from educpop.importer.notes import link
from educpop.importer.report import Entry, Report, shorten
from educpop.importer.words import Vocabulary

_SENTENCE_END = re.compile(r"[.!?…]\W*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-–•▪◦*]|(\d{1,2})[.)])\s+(?=\S)")
_LONE_NUMBER = re.compile(r"^\W*\d{1,4}\W*$")
#: a line ending with one of these words goes on: "d'un" cannot end a title or a paragraph
_GOES_ON = {"de", "d'un", "d'une", "d’un", "d’une", "du", "des", "le", "la", "les", "l'", "l’", "un", "une", "et",
            "ou", "à", "au", "aux", "en", "pour", "sur", "dans", "par", "avec", "qui", "que", "dont", "ne", "ce"}
#: a text heading has no more words than this (a PDF one says it by its size or weight)
_HEADING_WORDS = 12
_MAX_HEADING_CHARS = 200


def rebuild(extracted: Extracted, report: Report) -> Imported:
    """Return the blocks of ``extracted``'s lines, with its notes linked; record what was done in ``report``."""
    words = vocabulary([*extracted.lines, *(line for note in extracted.notes for line in note.lines)])
    notes = link(extracted, words, report)
    blocks: list[Block] = []
    for group in _groups(extracted.lines):
        block = _block(group, words, report)
        if block is not None:
            blocks.append(block)
    report.paragraphs = sum(block.kind == "paragraph" for block in blocks)
    return Imported(blocks, notes)


@dataclass
class _Group:
    """The lines of one block, and the doubts met while gathering them."""

    lines: list[Line]
    doubts: list[str] = field(default_factory=list)


def _groups(lines: list[Line]) -> list[_Group]:
    """Return ``lines`` cut where a paragraph, a heading or an item ends.

    Small lines (a caption, a box) make groups of their own, put after the
    paragraph they interrupt, which goes on around them.
    """
    groups: list[_Group] = []
    text: _Group | None = None  # the last group of lines of the text's size
    for line in lines:
        if not line.text().strip() and not line.content:
            continue
        if line.small:
            last = groups[-1] if groups else None
            if last is not None and last.lines[-1].small and not _ends(last, line):
                last.lines.append(line)
            else:
                groups.append(_Group([line]))
        elif text is not None and not _ends(text, line):
            text.lines.append(line)
        else:
            text = _Group([line])
            groups.append(text)
    return groups


def _ends(group: _Group, line: Line) -> bool:
    """Return whether ``line`` starts a new block after ``group``."""
    previous = group.lines[-1]
    before, text = previous.text().rstrip(), line.text().lstrip()
    if _LIST_ITEM.match(text):
        return True
    if previous.prominent is not None and previous.prominent != line.prominent:
        return True
    goes_on = before.endswith(("-", ",")) or before.rpartition(" ")[2].lower() in _GOES_ON
    full = previous.room <= line.head or goes_on
    if line.blank_before:
        bridge = len(group.lines) >= 2 and full and not _SENTENCE_END.search(before) and not before.endswith(":")
        if bridge and not _starts_lower(text) and not goes_on:
            group.doubts.append(f"paragraphe continué par-dessus un saut (« …{before[-25:]} » / "
                                f"« {text[:25]}… », {line.where()}), à vérifier")
        return not bridge
    if not full:  # a line ended early, unless the next one goes on with the sentence
        return not _starts_lower(text) or bool(_SENTENCE_END.search(before))
    return line.indented and not _starts_lower(text)


def _starts_lower(text: str) -> bool:
    letter = next((char for char in text if char.isalpha()), "")
    return letter.islower()


def _block(group: _Group, words: Vocabulary, report: Report) -> Block | None:
    """Return the block of one group of lines, or None for a lone number (listed in ``report``)."""
    lines = group.lines
    cuts: list[tuple[Decision, str]] = []
    content = join(lines, words, cuts)
    block = Block("paragraph", content)
    text = block.text().strip()
    if not text:
        return None
    if len(lines) == 1 and _LONE_NUMBER.match(text) and all(isinstance(part, Run) for part in content):
        report.dropped.append(f"{lines[0].where()} : « {text} » (nombre seul : numéro de page ?)")
        return None
    item = _LIST_ITEM.match(text)
    if item:
        block.kind = "numbered" if item.group(1) else "item"
        _strip_start(block, item.end())
    elif _is_heading(lines, text):
        block.kind = "heading"
        block.content = [Run(part.text, markdown=part.markdown) if isinstance(part, Run) else part
                         for part in block.content]  # a heading is bold already
        report.headings.append(Entry(block, f"« {text} »"))
    elif lines[0].small:
        report.to_check.append(Entry(block, f"« {shorten(text)} » : légende ou encadré ?, "
                                            "gardé en paragraphe à part, à vérifier"))
    elif sum(char.isalpha() for char in text) <= 3:
        report.to_check.append(Entry(block, f"« {text} » seul sur sa ligne (reste de mise en page ?), à vérifier"))
    report.to_check += [Entry(block, doubt) for doubt in group.doubts]
    for decision, message in cuts:
        entries = (report.rejoined if decision.verdict is Verdict.JOIN else report.hyphens_kept)
        (entries if decision.sure else report.to_check).append(Entry(block, message))
    return block


def _is_heading(group: list[Line], text: str) -> bool:
    """Return whether a group of lines is a heading: short, no final full stop, larger or bold in a PDF."""
    if len(text) > _MAX_HEADING_CHARS or text[-1] in ".,;:" or not text[0].isupper() and not text[0].isdigit():
        return False
    if group[0].prominent is not None:
        return group[0].prominent and len(group) <= 3
    words = text.split()
    return len(group) <= 2 and len(words) <= _HEADING_WORDS and "," not in text and text[-1] not in "»\"…"


def _strip_start(block: Block, length: int) -> None:
    """Remove the first ``length`` characters (a list mark) of ``block``'s text."""
    first = block.content[0]
    if isinstance(first, Run):  # a block starts with text: join() strips it and notes follow words
        first.text = first.text[length:]
