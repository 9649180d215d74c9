"""One line breaking for source texts, shared by the PDF and the DOCX renderers.

A group says "line 42" whatever copy it reads from, so a source text is broken
into printed lines once, by reportlab's own paragraph wrapping (the PDF's style,
hyphenation and text width), and both renderers print exactly those lines: the
PDF one ``<br/>`` apart, the DOCX with explicit line breaks, so that Word and
LibreOffice number the same lines. A part of a text is broken as the whole text
is, so its lines keep their numbers (the arpentage kit and the dossier agree).

The lines are broken a little narrower than they are printed (:data:`SLACK`): a
note call wider than the one measured, or a word processor's slightly different
metrics, never pushes a word onto a line of its own.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm

from educpop.document import Inlines, Note, SourceText, Text
from educpop.render.pdf_flowables import escape_text, printable, styled
from educpop.render.pdf_hyphenation import line_text
from educpop.render.pdf_notes import NoteParagraph
from educpop.render.pdf_styles import Styles
from educpop.stylesheet import PAGES, Style
from educpop.theme import Theme

#: how much narrower than the text lines are broken, in points
SLACK = 6.0

#: what a note call is measured as, whatever its number (up to 999 in a document): three digits, raised
CALL = "000"


@dataclass(frozen=True)
class Line:
    """A printed line of a source text."""

    #: a word cut at the end of the line ends it with its hyphen
    content: Inlines
    #: whether the line ends with a cut word (it never ends a page)
    cut: bool = False


@dataclass(frozen=True)
class PrintedParagraph:
    """A paragraph of a source text as printed: its lines, and the number of its first line."""

    lines: list[Line]
    first: int
    heading: bool


#: source texts are broken this much narrower than the text, in points: LibreOffice sets text a little wider
#: than reportlab, and must never break a line of the DOCX again
SPARE_WIDTH = 12.0


def source_width(theme: Theme, orientation: str) -> float:
    """Return the width in points that source texts are printed in, on the paper of ``theme``'s source texts.

    The page less its margins and SPARE_WIDTH, in the PDF and in the DOCX alike.
    """
    width, height, margin = PAGES[theme.source_page_size or theme.page_size]
    across = height if orientation == "landscape" else width
    return float((across - 2 * margin) * cm - SPARE_WIDTH)


def printed_paragraphs(text: SourceText, styles: Styles, width: float) -> list[PrintedParagraph]:
    """Return the printed paragraphs of ``text`` laid out ``width`` points wide, numbered from the whole text.

    Every paragraph is broken, printed or not, so that the ones printed have the
    numbers they have in the whole text; a paragraph with no words has no line.
    """
    shown = text.printed()
    number = 1
    out = []
    for index, content in enumerate(text.paragraphs):
        heading = index in text.headings
        style = styles[Style.SOURCE_HEADING if heading else Style.SOURCE]
        lines = list(_broken(_Paragraph(_value(content), content), style, width - SLACK))
        if index in shown and lines:
            out.append(PrintedParagraph(lines, number, heading))
        number += len(lines)
    return out


@dataclass(frozen=True)
class _Paragraph:
    """A paragraph of a source text, equal to another holding the same runs and notes (a cache key)."""

    value: tuple[Text | tuple[Text, ...], ...]
    content: Inlines = field(compare=False)


def _value(content: Inlines) -> tuple[Text | tuple[Text, ...], ...]:
    """Return ``content`` as a hashable value: its runs, and each note's runs."""
    return tuple(run if isinstance(run, Text) else tuple(run.content) for run in content)


@functools.lru_cache(maxsize=4096)
def _broken(paragraph: _Paragraph, style: ParagraphStyle, width: float) -> tuple[Line, ...]:
    """Return :func:`break_lines` of ``paragraph``, broken once for every copy printed in the same style.

    A text is broken whole for each of its parts in the arpentage kit (their lines keep
    the text's numbers): without this, a kit in 8 parts breaks the text 8 times.
    ``style`` counts by identity: the styles of one document.
    """
    return tuple(break_lines(paragraph.content, style, width))


#: a place in a paragraph: the index of a run and of a character in it (-1: the run is a note)
_Place = tuple[int, int]


def break_lines(content: Inlines, style: ParagraphStyle, width: float) -> list[Line]:
    """Return ``content`` cut into the lines reportlab prints it in, ``width`` points wide in ``style``.

    reportlab's lines are read back as text and matched, letter by letter, with
    the runs: only spaces differ, and the hyphen it adds where it cuts a word.
    """
    pieces: list[str] = []
    #: every letter reportlab prints (no space), with its place among the runs
    letters: list[tuple[str, _Place]] = []
    for index, run in enumerate(content):
        if isinstance(run, Note):
            pieces.append(f"<super>{CALL}</super>")
            letters += [(char, (index, -1)) for char in CALL]
        else:
            pieces.append(styled(run, escape_text(run.text)))
            letters += [(char, (index, offset)) for offset, char in enumerate(printable(run.text))
                        if not char.isspace()]
    paragraph = NoteParagraph("".join(pieces), style)  # as every paragraph of the PDF is laid out
    paragraph.wrap(width, 1e9)
    cuts: list[_Place] = []  # where each line after the first starts
    hyphenated: list[bool] = []
    at = 0
    for line in paragraph.blPara.lines:
        if hyphenated:  # a line after the first
            cuts.append(letters[at][1] if at < len(letters) else (len(content), 0))
        added = False
        chars = [char for char in line_text(line) if not char.isspace()]
        for position, char in enumerate(chars):
            if position == len(chars) - 1 and char == "-" and (at >= len(letters) or letters[at][0] != "-"):
                added = True  # the hyphen of a cut word
                break
            while at < len(letters) and letters[at][0] != char:
                at += 1  # a letter reportlab does not print (a soft hyphen)
            at += 1
        hyphenated.append(added)
    return [Line(_with_hyphen(line, added), added) for line, added in zip(_cut(content, cuts), hyphenated, strict=True)]


def _cut(content: Inlines, cuts: list[_Place]) -> list[Inlines]:
    """Return ``content`` cut before each place of ``cuts`` (in order), spaces at the cuts dropped."""
    lines: list[Inlines] = []
    line: Inlines = []
    bounds = iter([*cuts, None])
    cut = next(bounds)
    for index, run in enumerate(content):
        if isinstance(run, Note):
            while cut is not None and cut[0] == index:
                lines.append(line)
                line, cut = [], next(bounds)
            line.append(run)
            continue
        start = 0
        while cut is not None and cut[0] == index:
            line.append(Text(run.text[start:cut[1]], run.bold, run.italic))
            lines.append(line)
            line, start, cut = [], cut[1], next(bounds)
        line.append(Text(run.text[start:], run.bold, run.italic))
    while cut is not None:  # a cut past the last run
        lines.append(line)
        line, cut = [], next(bounds)
    lines.append(line)
    return [_trimmed(line) for line in lines]


def _trimmed(line: Inlines) -> Inlines:
    """Return ``line`` without the spaces it starts and ends with, nor empty runs."""
    texts = [index for index, run in enumerate(line) if isinstance(run, Text)]
    out = list(line)
    if texts:
        first, last = texts[0], texts[-1]
        for index, strip in ((first, str.lstrip), (last, str.rstrip)):
            run = out[index]
            assert isinstance(run, Text)
            out[index] = Text(strip(run.text, _BREAKS), run.bold, run.italic)
    return [run for run in out if not isinstance(run, Text) or run.text]


#: the spaces reportlab may break a line at (it never breaks at a no-break space)
_BREAKS = "".join(char for char in map(chr, range(0x3001)) if char.isspace() and char not in "\u00a0\u202f")


def _with_hyphen(line: Inlines, added: bool) -> Inlines:
    """Return ``line`` ended by the hyphen of a cut word when ``added``, in its last run's emphasis."""
    if not added:
        return line
    last = next((run for run in reversed(line) if isinstance(run, Text)), Text(""))
    return [*line, Text("-", last.bold, last.italic)]
