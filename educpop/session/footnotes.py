"""Markdown footnotes (``[^1]`` in the text, ``[^1]: …`` below it) as notes of the document model.

markdown-it's footnote plugin finds the calls and the notes; here each call gets
its note, the notes' own block is taken out of the text, and a note called but
never written, or written but never called, is reported with its line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, MutableMapping
from typing import Any

from markdown_it.token import Token

from educpop.document import Inlines, Note, Text, inline_text

#: (line, column, message): how a problem of the text is reported, both 1-based
Warn = Callable[[int, int, str], None]

#: a longer note may not fit in the third of a page the PDF gives the notes: it is cut there
MAX_NOTE_CHARS = 800

#: a call the parser left as text, because no note of that name is written anywhere
_UNDEFINED_CALL = re.compile(r"\[\^([^\]\s]+)\]")


def attach_notes(
    tokens: list[Token], env: MutableMapping[str, Any], text: str, inlines: Callable[[list[Token]], Inlines],
    warn: Warn | None,
) -> list[Token]:
    """Return ``tokens`` without the notes' block, each call (``footnote_ref``) holding its Note in ``meta["note"]``.

    ``env`` is the parser's environment, ``text`` the Markdown source (for the
    lines of warnings), ``inlines`` turns an inline token's children into runs.
    A note of several paragraphs becomes one, its paragraphs joined by a space.
    """
    start = next((i for i, token in enumerate(tokens) if token.type == "footnote_block_open"), len(tokens))
    end = next((i for i, token in enumerate(tokens) if token.type == "footnote_block_close"), len(tokens))
    notes: dict[int, Note] = {}
    note_id, line = -1, 0
    children: list[Token] = []
    for token in tokens[start:end]:
        if token.type == "footnote_open":
            note_id, line, children = token.meta["id"], 0, []
        elif token.type == "inline":
            line = line or (token.map[0] + 1 if token.map else 0)
            children += [*([Token("softbreak", "", 0)] if children else []), *(token.children or [])]
        elif token.type == "footnote_close":
            note = notes[note_id] = Note([run for run in inlines(children) if isinstance(run, Text)])
            size = len(inline_text(list(note.content)))
            if warn is not None and size > MAX_NOTE_CHARS:
                warn(line, 1 if line else 0,
                     f"note trop longue pour le bas d'une page ({size} caractères, au plus {MAX_NOTE_CHARS}) : "
                     "le PDF la coupe ; mettez ce texte dans le corps du texte")
    body = tokens[:start] + tokens[end + 1:]
    for token in body:
        for child in token.children or []:
            if child.type == "footnote_ref" and child.meta["id"] in notes:
                child.meta["note"] = notes[child.meta["id"]]
    if warn is not None:
        _report(body, env, text.split("\n"), warn)
    return body


def _report(body: list[Token], env: MutableMapping[str, Any], lines: list[str], warn: Warn) -> None:
    """Warn of each call to a note that is not written, and of each note that is never called."""
    for token in body:
        if token.type != "inline" or token.map is None:
            continue
        line = token.map[0] + 1
        for child in token.children or []:
            if child.type in ("softbreak", "hardbreak"):
                line += 1
            elif child.type == "text":
                for match in _UNDEFINED_CALL.finditer(child.content):
                    column = lines[line - 1].find(match[0]) + 1 if line <= len(lines) else 0
                    warn(line, max(column, 0), f"la note « {match[0]} » est appelée mais n'est écrite nulle part "
                                               f"(ajoutez une ligne « {match[0]}: texte de la note »)")
    refs: dict[str, int] = env.get("footnotes", {}).get("refs", {})
    for key, used in refs.items():
        if used < 0:
            label = key[1:]  # the plugin keys notes as ":label"
            written = re.compile(rf"^ {{0,3}}\[\^{re.escape(label)}\]:")
            line = next((n for n, text in enumerate(lines, start=1) if written.match(text)), 0)
            warn(line, 1 if line else 0,
                 f"la note « [^{label}] » est écrite mais jamais appelée dans le texte : elle ne sera pas imprimée")
