"""Join printed lines into one run of text, rejoining the words cut at their ends."""

from __future__ import annotations

import re
from collections.abc import Iterable

from educpop.importer.hyphens import Decision, Verdict, decide
from educpop.importer.model import Inline, Line, NoteCall, NoteRef, Run
from educpop.importer.words import Vocabulary

#: the last word of a line and the first of the next, as shown in the report
_LAST_WORD = re.compile(r"\S+$")
_FIRST_WORD = re.compile(r"^[^\s,;:.!?)»]+")


def vocabulary(lines: Iterable[Line]) -> Vocabulary:
    """Return the words of ``lines`` with the halves of words cut at line ends left out."""
    texts: list[str] = []
    cut = False
    for line in lines:
        text = line.text().strip()
        if cut:
            text = text.partition(" ")[2]
        cut = text.endswith("-")
        texts.append(text.rpartition(" ")[0] if cut else text)
    return Vocabulary(texts)


def join(lines: list[Line], words: Vocabulary, cuts: list[tuple[Decision, str]]) -> list[Inline]:
    """Return the content of ``lines`` as one run of text; add to ``cuts`` each cut word met, as French."""
    content: list[Inline] = []
    for line in lines:
        parts = [_copy(part) for part in line.content]
        if not parts:
            continue
        if content and isinstance(content[-1], Run) and isinstance(parts[0], Run):
            last, first = content[-1], parts[0]
            before, after = last.text.rstrip(), first.text.lstrip()
            decision = decide(before, after, words) if before.endswith("-") else None
            if decision is None:
                last.text = before + " "
            else:
                shown = f"« {_LAST_WORD.search(before).group()}/{_first_word(after)} »"  # type: ignore[union-attr]
                if decision.verdict is Verdict.JOIN:
                    last.text = before[:-1]
                    result = _LAST_WORD.search(last.text).group() + _first_word(after)  # type: ignore[union-attr]
                    message = f"{shown} → « {result} »" if decision.sure else (
                        f"{shown} recollé en « {result} » ({decision.why}), à vérifier")
                else:
                    last.text = before
                    message = f"{shown} ({decision.why})" if decision.sure else (
                        f"{shown} gardé avec trait d'union ({decision.why}), à vérifier")
                cuts.append((decision, message))
            first.text = after
        elif content and isinstance(content[-1], Run):
            content[-1].text = content[-1].text.rstrip() + " "
        elif content and isinstance(parts[0], Run):
            parts[0].text = " " + parts[0].text.lstrip()
        content.extend(parts)
    return tidy(content)


def _first_word(text: str) -> str:
    found = _FIRST_WORD.match(text)
    return found.group() if found else text


def _copy(part: Inline) -> Inline:
    match part:
        case Run():
            return Run(part.text, part.bold, part.italic, part.markdown)
        case NoteCall():
            return NoteCall(part.number)
        case NoteRef():
            return NoteRef(part.key)


def tidy(content: list[Inline]) -> list[Inline]:
    """Return ``content`` with neighbouring runs of the same emphasis joined, spaces folded, ends trimmed."""
    merged: list[Inline] = []
    for part in content:
        if isinstance(part, Run):
            part = Run(re.sub(r"\s+", " ", part.text.replace("\u00ad", "")), part.bold, part.italic, part.markdown)
            previous = merged[-1] if merged else None
            if isinstance(previous, Run) and (previous.bold, previous.italic, previous.markdown) == (
                    part.bold, part.italic, part.markdown):
                previous.text += part.text
                continue
            if not part.text:
                continue
        merged.append(part)
    if merged and isinstance(merged[0], Run):
        merged[0].text = merged[0].text.lstrip()
    if merged and isinstance(merged[-1], Run):
        merged[-1].text = merged[-1].text.rstrip()
    return [part for part in merged if not isinstance(part, Run) or part.text]
