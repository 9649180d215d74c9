"""Markdown source texts -> document blocks (headings, paragraphs, lists, quotes).

Raw HTML is shown as text, never interpreted. Content nested in a list or a
quote is flattened into it: a nested list's items follow their parent item,
each paragraph of a quote is a Quote of its own. Footnotes (``[^1]``) become
Note runs where they are called (:mod:`educpop.session.footnotes`).

Nothing written is dropped. markdown-it skips whatever is nested deeper than
its ``maxNesting`` (a list ten levels deep lost the rest of the text), so
lists and quotes stop nesting at :data:`MAX_NESTING`: deeper, their ``-`` and
``>`` marks are taken off and the lines read as paragraphs of the item around
them, with a warning. Link reference definitions (``[1]: http://…``), which
markdown-it would consume without a trace, are read as text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from educpop.document import (
    Block,
    BulletList,
    Heading,
    Inlines,
    Note,
    NumberedList,
    Paragraph,
    Quote,
    Text,
    inline_text,
)
from educpop.session.footnotes import Warn, attach_notes

#: the token level (one per quote, two per list: the list and its item) past which
#: lists and quotes are flattened; below markdown-it's ``maxNesting`` (20), which drops text
MAX_NESTING = 16
#: what opens a quote or a list at the start of a line: ``>``, a bullet, a number and ``.`` or ``)``
_MARK = re.compile(r"[ \t]*(?:>[ \t]?|[-+*](?:[ \t]+|$)|(\d{1,9}[.)])(?:[ \t]+|$))")

#: a longer paragraph is cut, at a sentence end, into several: reportlab lays a paragraph out
#: in a time growing with the square of its length (a 500 kB one takes 40 s, 8 kB ones 1 ms each)
MAX_PARAGRAPH_CHARS = 8_000
#: a longer heading is printed as a bold paragraph: a heading must fit on one page
MAX_HEADING_CHARS = 300
_SENTENCE_ENDS = (". ", "! ", "? ", "… ", ".» ", ". » ")

#: an open list, or an open quote as the inline tokens of its paragraphs
_Container = BulletList | NumberedList | list[list[Token]]


def markdown_blocks(text: str, warn: Warn | None = None) -> list[Block]:
    """Return the blocks of the Markdown ``text``; line breaks inside a paragraph become spaces.

    ``warn`` is told the line, column and message of each footnote called but
    not written, or written but not called, and of the first line of lists or
    quotes nested deeper than MAX_NESTING, flattened.
    """
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    blocks: list[Block] = []
    open_: list[_Container] = []  # outermost first; all nested content goes to the outermost
    env: dict[str, Any] = {"flattened": []}
    tokens = attach_notes(_PARSER.parse(text, env), env, text, _inlines, warn)
    if env["flattened"] and warn is not None:
        warn(env["flattened"][0], 0, _flattened_message(len(env["flattened"])))
    for index, token in enumerate(tokens):
        match token.type:
            case "heading_open" if not open_:
                content = _inlines(tokens[index + 1].children or [])
                if len(inline_text(content)) > MAX_HEADING_CHARS:
                    bold = [replace(run, bold=True) if isinstance(run, Text) else run for run in content]
                    blocks.extend(Paragraph(piece) for piece in _cut(bold))
                elif content:
                    blocks.append(Heading(min(int(token.tag[1:]), 3), content))
            case "heading_open" | "paragraph_open":
                _add(open_, blocks, tokens[index + 1].children or [])
            case "code_block" | "fence":
                # text indented by a word processor becomes a code block: keep it as prose
                for chunk in token.content.split("\n\n"):
                    _add(open_, blocks, [Token("text", "", 0, content=" ".join(chunk.split()))])
            case "bullet_list_open" | "ordered_list_open" | "blockquote_open" if open_:
                open_.append(open_[0])
            case "bullet_list_open":
                open_.append(BulletList([]))
            case "ordered_list_open":
                open_.append(NumberedList([], int(token.attrs.get("start", 1))))
            case "blockquote_open":
                open_.append([])
            case "list_item_open" if not isinstance(open_[0], list):
                open_[0].items.append([])
            case "bullet_list_close" | "ordered_list_close" | "blockquote_close":
                closed = open_.pop()
                if open_:
                    continue
                if isinstance(closed, list):
                    quotes = (Quote(piece) for content in map(_inlines, closed) for piece in _cut(content))
                    blocks.extend(quote for quote in quotes if quote.content)
                else:
                    closed.items = [item for item in closed.items if item]
                    blocks.append(closed)
    return blocks


def _flat_lines(state: StateBlock, line: int, end: int, silent: bool) -> bool:
    """Read the lines nested past MAX_NESTING, up to a blank line, as one paragraph without marks.

    A block rule of markdown-it, run before all others; the numbers of the
    lines whose marks are taken off go to ``env["flattened"]``. The ``>`` and
    bullets opening lists and quotes are taken off, a number opening a list item is kept.
    """
    if state.level < MAX_NESTING:
        return False
    if silent:
        return True
    first, words = line, []
    while line < end and not state.isEmpty(line) and not 0 <= state.sCount[line] < state.blkIndent:
        source = state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]
        position = 0
        while (mark := _MARK.match(source, position)) and mark.end() > position:
            words += [mark[1]] if mark[1] else []
            position = mark.end()
        if position:
            state.env["flattened"].append(line + 1)
        words.append(source[position:].strip())
        line += 1
    content = " ".join(word for word in words if word)
    if content:
        state.push("paragraph_open", "p", 1).map = [first, line]
        inline = state.push("inline", "", 0)
        inline.content, inline.map, inline.children = content, [first, line], []
        state.push("paragraph_close", "p", -1)
    state.line = max(line, first + 1)
    return True


def _flattened_message(lines: int) -> str:
    """Return the warning for a text whose lists or quotes nest deeper than the documents can show."""
    more = f" ({lines} lignes à partir d'ici)" if lines > 1 else ""
    return (
        f"listes ou citations imbriquées sur trop de niveaux{more} : leurs marques « - » ou « > » "
        "sont retirées et le texte est imprimé à la suite de l'élément qui les contient"
    )


_PARSER = MarkdownIt("commonmark", {"html": False}).use(footnote_plugin).disable("reference")
_PARSER.block.ruler.before("code", "flat_lines", _flat_lines)


def _add(open_: list[_Container], blocks: list[Block], children: list[Token]) -> None:
    """Put a paragraph in the outermost open list or quote, else in ``blocks``."""
    outer = open_[0] if open_ else None
    if isinstance(outer, list):
        outer.append(children)
        return
    content = _inlines(children)
    if not content:
        return
    if outer is None:
        blocks.extend(Paragraph(piece) for piece in _cut(content))
    elif outer.items and outer.items[-1]:
        outer.items[-1][:] = _merge([*outer.items[-1], Text(" "), *content])
    elif outer.items:
        outer.items[-1].extend(content)
    else:
        outer.items.append(content)


def _cut(content: Inlines) -> list[Inlines]:
    """Return ``content`` cut into pieces of at most MAX_PARAGRAPH_CHARS characters, at sentence ends."""
    pieces: list[Inlines] = []
    current: Inlines = []
    size = 0
    for run in content:
        if isinstance(run, Note):  # a note is never cut: it stays after the word it follows
            current.append(run)
            continue
        text = run.text
        while size + len(text) > MAX_PARAGRAPH_CHARS:
            at = _cut_point(text, MAX_PARAGRAPH_CHARS - size)
            if at <= 0 and current:  # no room left in this piece: start the next one
                pieces.append(current)
                current, size = [], 0
                continue
            at = at if at > 0 else MAX_PARAGRAPH_CHARS  # one word longer than a piece: cut anywhere
            current.append(Text(text[:at], run.bold, run.italic))
            pieces.append(current)
            current, size = [], 0
            text = text[at:].lstrip()
        if text:
            current.append(Text(text, run.bold, run.italic))
            size += len(text)
    if current:
        pieces.append(current)
    return [piece for piece in map(_merge, pieces) if piece]


def _cut_point(text: str, room: int) -> int:
    """Return where to cut ``text`` within its first ``room`` characters: after a sentence, else at a space."""
    window = text[: room + 1]
    sentence = max(window.rfind(end) + len(end.rstrip()) for end in _SENTENCE_ENDS)
    if sentence > room // 2:
        return sentence
    return max(window.rfind(" "), 0)


def _inlines(children: list[Token]) -> Inlines:
    """Return the text runs of an inline token's children, with bold and italic."""
    runs: Inlines = []
    bold = italic = 0
    for child in children:
        match child.type:
            case "text" | "code_inline" | "image":
                runs.append(Text(child.content, bold=bold > 0, italic=italic > 0))
            case "softbreak" | "hardbreak":
                runs.append(Text(" ", bold=bold > 0, italic=italic > 0))
            case "footnote_ref":  # a call to a note (a note called inside a note stays as typed)
                runs.append(child.meta.get("note") or Text(f"[^{child.meta['label']}]", bold > 0, italic > 0))
            case "strong_open" | "strong_close":
                bold += 1 if child.type == "strong_open" else -1
            case "em_open" | "em_close":
                italic += 1 if child.type == "em_open" else -1
    return _merge(runs)


def _merge(runs: Inlines) -> Inlines:
    """Return ``runs`` with neighbours of the same emphasis joined and outer spaces trimmed."""
    merged: Inlines = []
    for run in runs:
        last = merged[-1] if merged else None
        if isinstance(run, Text) and isinstance(last, Text) and (last.bold, last.italic) == (run.bold, run.italic):
            merged[-1] = Text(last.text + run.text, run.bold, run.italic)
        elif isinstance(run, Note) or run.text:
            merged.append(run)
    if merged and isinstance(merged[0], Text):
        merged[0] = replace(merged[0], text=merged[0].text.lstrip())
    if merged and isinstance(merged[-1], Text):
        merged[-1] = replace(merged[-1], text=merged[-1].text.rstrip())
    return [run for run in merged if isinstance(run, Note) or run.text]
