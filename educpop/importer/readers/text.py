"""Plain text and Markdown copied from somewhere: hard-wrapped lines, cut words, notes dropped in the middle."""

from __future__ import annotations

import re
import statistics

from educpop.importer.model import Extracted, ImportFailure, Inline, Line, NoteCall, NoteText, Run
from educpop.importer.report import Entry, Report

#: "1   Texte de la note" at the start of a line: a number, then at least two spaces or a tab
_NOTE_START = re.compile(r"^ {0,3}(\d{1,3})(?: {2,}|\t)(?=\S)")
#: a note number glued to the word it follows: "Kérensky1", "blanche2 comprise", "« soviets »3"
_CALL = re.compile(r"(?<=[a-zàâäçéèêëîïôöùûüÿœæ»”)])(\d{1,2})(?=[\s.,;:!?)»]|$)")
_HEADING = re.compile(r"^#{1,6}\s+")
#: a photo's caption or credit copied with the text: kept apart and listed, never merged into a paragraph
_CAPTION = re.compile(r"^(?:©|(?:photo|illustration|image|dessin|crédits?|légende)\s*(?::|©|-|–))", re.IGNORECASE)
_MARKDOWN_NOTE = re.compile(r"^\[\^[^\]]+\]:")
#: a line counts as reaching the margin when it is at least this share of the usual line length
_FULL = 0.8


def refuse_binary(data: bytes, name: str) -> None:
    """Refuse ``data`` if it holds NUL bytes, which no text has (an image, a program, a word processor file)."""
    if b"\x00" in data:
        raise ImportFailure(f"{name} : ce n'est pas un fichier texte (octets nuls) ; exportez-le en .txt")


def decode(data: bytes, name: str, report: Report) -> str:
    """Return ``data`` as text: UTF-8, else Windows-1252 (said in ``report``)."""
    refuse_binary(data, name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        report.to_check.append(Entry(None, "fichier lu en Windows-1252 (il n'était pas en UTF-8) : "
                                           "vérifiez les lettres accentuées"))
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")


def read_text(text: str, markdown: bool, report: Report) -> Extracted:
    """Return the lines and footnotes of a text copied with its line breaks (``markdown``: a .md file)."""
    raw = text.split("\n")
    bodies = [len(line.rstrip()) for line in raw if line.strip() and not _NOTE_START.match(line)]
    margin = statistics.quantiles(bodies, n=10)[-1] if len(bodies) >= 2 else float(max(bodies, default=1))
    calls = {match.group(1) for line in raw for match in _CALL.finditer(line)}
    lines: list[Line] = []
    notes: list[NoteText] = []
    blank = page = False
    note: NoteText | None = None
    for number, source in enumerate(raw, 1):
        if "\f" in source:
            page, source = True, source.replace("\f", "")
        stripped = source.strip()
        if not stripped:
            blank, note = True, None
            continue
        start = _NOTE_START.match(source)
        if start and start.group(1) in calls and not markdown:
            note = NoteText(start.group(1), [])
            notes.append(note)
            source = source[start.end():]
            stripped = source.strip()
        elif note is not None and len(note.lines[-1].text()) < _FULL * len(note.lines[0].text()):
            note = None
        heading = markdown and _HEADING.match(stripped) is not None
        line = Line(
            _content(stripped, calls if not markdown else set(), markdown),
            number=number,
            room=max(0.0, _FULL * margin - len(source.rstrip())),
            head=len(stripped.split(" ")[0]) + 1,
            blank_before=blank or heading or (markdown and _MARKDOWN_NOTE.match(stripped) is not None),
            indented=source[:1].isspace(),
            new_column=page,
            prominent=heading if markdown else None,
            small=_CAPTION.match(stripped) is not None,
        )
        if heading:
            line.content = [Run(_HEADING.sub("", stripped), markdown=True)]
        if note is not None:
            note.lines.append(line)
        else:
            lines.append(line)
            blank = heading
        page = False
    return Extracted(lines, notes)


def _content(text: str, calls: set[str], markdown: bool) -> list[Inline]:
    """Return ``text`` as runs, each note number in ``calls`` glued to a word made a :class:`NoteCall`."""
    content: list[Inline] = []
    at = 0
    for match in _CALL.finditer(text):
        if match.group(1) in calls:
            content += [Run(text[at:match.start()], markdown=markdown), NoteCall(match.group(1))]
            at = match.end()
    content.append(Run(text[at:], markdown=markdown))
    return [part for part in content if not isinstance(part, Run) or part.text]
