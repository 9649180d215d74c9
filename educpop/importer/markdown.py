"""Write an imported text as Markdown for ``sources/``: one line per block, notes at the end."""

from __future__ import annotations

import re

from educpop.importer.model import Block, Imported, Inline, NoteCall, NoteRef, Run

#: characters that Markdown would read as markup anywhere in a line
_INLINE = re.compile(r"([\\`*_\[\]<>]|&(?=#|\w+;))")
#: what Markdown would read as markup at the start of a line: a heading, a quote, a list, a rule
_LINE_START = re.compile(r"^(?:#|>|[-+=](?:\s|$))")
_ORDERED_START = re.compile(r"^\d+(?=[.)])")


def write(imported: Imported) -> tuple[str, dict[Block, int]]:
    """Return the Markdown of ``imported`` and the line where each block (notes included) is written.

    Notes are numbered in the order they are first called; a note never called comes last.
    """
    numbers: dict[str, int] = {}
    for block in imported.blocks:
        for part in block.content:
            if isinstance(part, NoteRef) and part.key in imported.notes:
                numbers.setdefault(part.key, len(numbers) + 1)
    for key in imported.notes:
        numbers.setdefault(key, len(numbers) + 1)
    lines: list[str] = []
    where: dict[Block, int] = {}
    previous: Block | None = None
    count = 0
    for block in imported.blocks:
        listed = block.kind in ("item", "numbered")
        if lines and not (listed and previous is not None and previous.kind == block.kind):
            lines.append("")
        count = count + 1 if listed and previous is not None and previous.kind == block.kind else 1
        lines.append(_prefix(block, count) + _inlines(block.content, numbers))
        where[block] = len(lines)
        previous = block
    for key, note in sorted(imported.notes.items(), key=lambda item: numbers[item[0]]):
        lines += ["", f"[^{numbers[key]}]: {_inlines(note.content, numbers)}"]
        where[note] = len(lines)
    return "\n".join(lines) + "\n", where


def _prefix(block: Block, count: int) -> str:
    match block.kind:
        case "heading":
            return "#" * max(1, min(block.level, 6)) + " "
        case "item":
            return "- "
        case "numbered":
            return f"{count}. "
        case "quote":
            return "> "
    return ""


def _inlines(content: list[Inline], numbers: dict[str, int]) -> str:
    out: list[str] = []
    for part in content:
        match part:
            case NoteRef() if part.key in numbers:
                out.append(f"[^{numbers[part.key]}]")
            case NoteRef() | NoteCall():
                continue
            case Run():
                out.append(_emphasis(part))
    text = "".join(out).strip()
    if any(isinstance(part, Run) and part.markdown for part in content[:1]):
        return text
    if _LINE_START.match(text):
        return "\\" + text
    number = _ORDERED_START.match(text)
    return text if number is None else f"{number.group()}\\{text[number.end():]}"


def _emphasis(run: Run) -> str:
    """Return ``run`` escaped, its emphasis marks hugging the words (Markdown needs that)."""
    text = re.sub(r"\s+", " ", run.text)
    text = text if run.markdown else _INLINE.sub(r"\\\1", text)
    core = text.strip()
    if not core or not (run.bold or run.italic):
        return text
    mark = "***" if run.bold and run.italic else "**" if run.bold else "*"
    return text[: len(text) - len(text.lstrip())] + mark + core + mark + text[len(text.rstrip()):]
