"""Typography of user text: French spacing, curly apostrophes, guillemets, dashes, ellipses.

Pure functions: :func:`typeset` works on one string, :func:`typeset_document`
returns a typeset copy of a whole :class:`~educpop.document.Document`.

Characters produced: U+202F NARROW NO-BREAK SPACE (before ``; ! ?``, inside
« », between digit groups), U+00A0 NO-BREAK SPACE (before ``:`` and between a
number and its unit), U+2019 apostrophe, U+2026 ellipsis, U+2013 en dash.

Inclusive writing (``député.e.s``, ``travailleur·se·s``) is deliberately left
as typed, with no WORD JOINER: reportlab wraps only at whitespace (and, with
hyphenation on, at hyphens or pyphen points of all-letter words, which these
words are not), and Word and LibreOffice follow Unicode line breaking, where
neither ``.`` between letters nor ``·`` is a break opportunity. U+2060 would
only hurt copy-paste, search and spell checking. (A word longer than the whole
line is cut anywhere by reportlab's ``splitLongWords``; U+2060 cannot prevent
that either.) No rule touches a period, so ``les député.e.s.`` keeps its dot.

Caution for the PDF renderer: reportlab 5 counts U+202F as a breaking space
(it is in ``reportlab.platypus.paragraph._wsc``), so it may wrap before ``?``
or inside « »; mapping U+202F to U+00A0 when building Paragraph markup keeps
the text together. Word honours U+202F as-is.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from itertools import pairwise

from .document import (
    Block,
    Box,
    BulletList,
    Card,
    Cards,
    Checklist,
    Cover,
    Document,
    Heading,
    Inlines,
    Note,
    NumberedList,
    Paragraph,
    Quote,
    RunningHeader,
    SourceText,
    Table,
    Text,
    Timeline,
    TimelineEvent,
)
from .hyphenation import hyphenator

NNBSP = "\u202f"  # narrow no-break space
NBSP = "\u00a0"  # no-break space
SHY = "\u00ad"  # soft hyphen: a break point, drawn "-" only at the end of a line

#: A word this long (letters only, not already hyphenated) gets soft hyphens at
#: its dictionary break points: otherwise no renderer can wrap it in a table cell
#: or a title line but by cutting it anywhere, without a hyphen.
_LONG_WORD = re.compile(r"(?<![\w\u00ad])[^\W\d_]{20,}(?![\w\u00ad])")

#: Private-use character standing for a protected token while the rules run.
_HOLE = "\ue000"
#: Tokens no rule may touch: URLs and e-mail addresses (trailing sentence
#: punctuation is not part of a URL, so "voir https://x.org?" still gets its
#: narrow space before "?"), plus any _HOLE already in the text. An address starts
#: where a word starts and its name is at most 64 characters (RFC 5321): tried
#: at every letter of a long word, it would take a time growing with its square.
_PROTECTED = re.compile(
    r"(?:(?:https?|ftp)://|www\.)\S+?(?=[.,;:!?)\]»\"']*(?:\s|$))"
    r"|(?<![\w.+-])[\w.+-]{1,64}@[\w-]+(?:\.[\w-]+)+"
    rf"|{_HOLE}"
)
_SP = r"[ \t\u00a0\u2009\u202f]"  # horizontal spaces a rule may replace (never a newline)
_UNITS = (  # unit words and symbols that must stay with their number
    r"%|‰|€|\$|£|°C?|[kM]€|millions?|milliards?|mille|Mds?|M|k|km|cm|mm|m|kg|g|ha|h|min|s"
)

_MONTHS = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"

Rule = tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]


def _rule(pattern: str, repl: str | Callable[[re.Match[str]], str]) -> Rule:
    """Return a compiled substitution rule."""
    return re.compile(pattern), repl


#: Rules for every language, in order.
_COMMON: list[Rule] = [
    # three dots are an ellipsis
    _rule(r"\.\.\.", "…"),
    # a straight apostrophe between two letters is a typographic one: l'histoire, don't
    _rule(r"(?<=[^\W\d_])'(?=[^\W\d_])", "’"),
]

#: French rules, run after the common ones, in order.
_FRENCH: list[Rule] = [
    # a double hyphen is an en dash
    _rule(r"(?<!-)--(?!-)", "–"),
    # a spaced hyphen between words is used as a dash
    _rule(r"(?<=\S )-(?= \S)", "–"),
    # paired straight double quotes on one line become guillemets
    _rule(r'"[ \t]*([^"\n]*?)[ \t]*"', rf"«{NNBSP}\1{NNBSP}»"),
    # exactly one narrow no-break space inside guillemets
    _rule(rf"«{_SP}*(?=\S)", f"«{NNBSP}"),
    _rule(rf"(?<=\S){_SP}*»", f"{NNBSP}»"),
    # narrow no-break space before a run of ! and ? (one before "?!", none in "(?)")
    _rule(rf"(?<=[^\s;:!?(\[]){_SP}*(?=[!?]+(?:[\s)\]»\"’.…,;:]|$))", NNBSP),
    # narrow no-break space before ; ending a clause (not the ";)" emoticon)
    _rule(rf"(?<=[^\s;:!?(\[]){_SP}*(?=;(?:\s|$))", NNBSP),
    # no-break space before : ending a clause (not 09:30, 3:1, ":)" nor http:)
    _rule(rf"(?<=[^\s;:!?(\[]){_SP}*(?=:(?:\s|$))", NBSP),
    # narrow no-break space between digit groups: 38 387, 1 000 000 (1917 alone is untouched)
    _rule(
        rf"(?<![\d,.])(?<!\d{_SP})\d{{1,3}}(?:{_SP}\d{{3}})+(?!\d)",
        lambda m: re.sub(_SP, NNBSP, m.group()),
    ),
    # no-break space between a number and its unit: 3 h, 45 min, 10 %, 7,5 millions
    _rule(rf"(?<=\d){_SP}+(?=(?:{_UNITS})(?![^\W\d_]|['’]))", NBSP),
    # ... added when missing before a symbol unit: 10% -> 10 %
    _rule(r"(?<=\d)(?=[%‰€])", NBSP),
    # a date's day stays with its month (8 mars 1917, 1er mai): never one at a line end, the other below
    _rule(rf"(?<![\d,.])\b(\d{{1,2}}|1er){_SP}+(?=(?:{_MONTHS})\b)", lambda m: m.group(1) + NBSP),
]

_RULES: dict[str, list[Rule]] = {"fr": _COMMON + _FRENCH, "en": _COMMON}
_ELLIPSIS_ONLY: list[Rule] = _COMMON[:1]


def _primary(language: str) -> str:
    """Return the primary subtag of a language tag: ``fr_FR`` → ``fr``."""
    return language.strip().lower().replace("_", "-").split("-")[0]


def _substitute(
    pattern: re.Pattern[str], repl: str | Callable[[re.Match[str]], str], text: str, marks: list[int]
) -> tuple[str, list[int]]:
    """Return ``pattern.sub(repl, text)`` and ``marks`` (positions in ``text``) moved with the edits.

    A mark at the start of a replaced span stays before it, so text inserted at
    a run boundary goes to the run after it; a mark inside a span moves with it.
    """
    pieces: list[str] = []
    edits: list[tuple[int, int, int]] = []  # (start, end, length of the replacement)
    last = 0
    for match in pattern.finditer(text):
        replacement = repl(match) if callable(repl) else match.expand(repl)
        pieces += [text[last:match.start()], replacement]
        edits.append((match.start(), match.end(), len(replacement)))
        last = match.end()
    if not edits:
        return text, marks
    pieces.append(text[last:])

    def moved(position: int) -> int:
        shift = 0
        for start, end, length in edits:
            if position <= start:
                break
            if position < end:
                return start + shift + min(position - start, length)
            shift += length - (end - start)
        return position + shift

    return "".join(pieces), [moved(mark) for mark in marks]


def _typeset_marked(text: str, language: str, marks: list[int]) -> tuple[str, list[int]]:
    """Return ``text`` typeset for ``language`` and ``marks`` moved along with its edits."""
    rules = _RULES.get(_primary(language), _ELLIPSIS_ONLY)
    kept = iter(_PROTECTED.findall(text))
    work, marks = _substitute(_PROTECTED, _HOLE, text, marks)
    for pattern, repl in rules:
        work, marks = _substitute(pattern, repl, work, marks)
    dictionary = hyphenator(language)
    if dictionary is not None:
        work, marks = _substitute(_LONG_WORD, lambda m: dictionary.inserted(m.group(), hyphen=SHY), work, marks)
    return _substitute(re.compile(_HOLE), lambda _: next(kept), work, marks)


def typeset(text: str, language: str) -> str:
    """Return ``text`` with the typographic rules of ``language`` applied.

    French gets the full rule set, English only apostrophes and ellipses, other
    languages only ellipses. URLs and e-mail addresses are never changed. The
    result is stable: ``typeset(typeset(t, l), l) == typeset(t, l)``.
    """
    return _typeset_marked(text, language, [])[0]


def _typeset_inlines(content: Inlines, language: str) -> Inlines:
    """Typeset the runs of one line as one string (rules see across runs), then cut it back.

    The run boundaries move with each edit of each rule; a character inserted
    at a boundary goes to the run after it. A note holds no text of the line
    (its call is a number, not a word): its own runs are typeset as a line of their own.
    """
    texts = ["" if isinstance(run, Note) else run.text for run in content]
    ends = [0]
    for text in texts:
        ends.append(ends[-1] + len(text))
    new, cuts = _typeset_marked("".join(texts), language, ends)
    cuts[0], cuts[-1] = 0, len(new)  # whatever a rule adds at either end stays in the line
    # Both ends of a note's empty slice sit at one place, and edits move them alike: it stays empty.
    return [Note([run for run in _typeset_inlines(list(run.content), language) if isinstance(run, Text)])
            if isinstance(run, Note) else replace(run, text=new[a:b])
            for run, (a, b) in zip(content, pairwise(cuts), strict=True)]


def _typeset_block(block: Block, language: str) -> Block:
    """Return a typeset copy of ``block`` (blocks without text are returned as they are)."""
    def t(s: str) -> str:
        return typeset(s, language)

    def inl(content: Inlines) -> Inlines:
        return _typeset_inlines(content, language)

    match block:
        case Heading() | Paragraph():
            return replace(block, content=inl(block.content))
        case Quote():
            return replace(block, content=inl(block.content), attribution=t(block.attribution))
        case BulletList() | NumberedList() | Checklist():
            return replace(block, items=[inl(item) for item in block.items])
        case Table():
            rows = [[inl(cell) for cell in row] for row in block.rows]
            return replace(block, header=[inl(cell) for cell in block.header], rows=rows)
        case Box():
            inner = [_typeset_block(b, language) for b in block.blocks]
            return replace(block, title=t(block.title), blocks=inner)
        case Timeline():
            events = [TimelineEvent(t(e.when), inl(e.content)) for e in block.events]
            return replace(block, events=events)
        case SourceText():
            return replace(block, paragraphs=[inl(p) for p in block.paragraphs])
        case RunningHeader():
            return replace(block, text=t(block.text))
        case Cards():
            return replace(block, cards=[Card(inl(card.front), t(card.back)) for card in block.cards])
        case Cover():
            lines = [t(line) for line in block.lines]
            return replace(block, title=t(block.title), subtitle=t(block.subtitle), lines=lines,
                           kicker=t(block.kicker))
    return replace(block)


def typeset_document(document: Document) -> Document:
    """Return a copy of ``document`` with all its text typeset for ``document.meta.language``.

    Covers every Text run and every plain string shown to readers (titles,
    attributions, timeline dates, cover lines, box titles, the footer's
    title and session title). The original document is not modified.
    """
    lang = document.meta.language
    meta = document.meta
    meta = replace(
        meta,
        title=typeset(meta.title, lang),
        session_title=typeset(meta.session_title, lang),
        subject=typeset(meta.subject, lang),
    )
    return Document(meta=meta, blocks=[_typeset_block(b, lang) for b in document.blocks])
