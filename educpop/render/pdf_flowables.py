"""Inline markup and the custom flowables of the PDF renderer."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, ListFlowable, Table
from reportlab.platypus.doctemplate import ActionFlowable
from reportlab.platypus.flowables import _Container, _listWrapOn

from educpop.document import Inline, Inlines, Note, Text, inline_text
from educpop.render.pdf_notes import KeepsNoteRoom, NoteParagraph, PageNotes
from educpop.stylesheet import ANSWER_LINES_AFTER, ANSWER_LINES_BEFORE

#: The colour of the lines to write on.
WRITING_LINE_GREY = colors.HexColor("#9A9A9A")

# C0/C1 controls and lone surrogates have no glyph and upset reportlab's parser; they are
# shown as U+FFFD, as the DOCX renderer does, so the reader sees something was there.
# Tabs and newlines become spaces.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_BREAKING_WHITESPACE = re.compile("[\t\n\r]+")
_QUOTES = {'"': "&quot;", "'": "&#39;"}


def printable(text: str) -> str:
    """Return ``text`` as reportlab prints it: controls as U+FFFD, tabs and newlines as spaces.

    reportlab breaks lines at U+202F (narrow no-break space, used before « : ; ! ? »
    in French), so it becomes a no-break space U+00A0, which it does not break at.
    """
    return _CONTROLS.sub("\ufffd", _BREAKING_WHITESPACE.sub(" ", text)).replace("\u202f", "\u00a0")


def escape_text(text: str) -> str:
    """Return ``text`` as reportlab paragraph markup that prints exactly ``text`` (see :func:`printable`).

    User text is data: ``<``, ``>``, ``&`` and quotes are escaped, so no tag can be
    smuggled in.
    """
    return escape(printable(text), _QUOTES)


def styled(run: Text, piece: str) -> str:
    """Return the markup ``piece`` (the escaped text of ``run``) inside ``run``'s <b>/<i> tags."""
    if run.italic:
        piece = f"<i>{piece}</i>"
    if run.bold:
        piece = f"<b>{piece}</b>"
    return piece


def markup(content: Sequence[Inline], notes: PageNotes | None = None) -> str:
    """Return the paragraph markup of ``content``: escaped runs, with <b>/<i> from their flags.

    Each note becomes a call numbered by ``notes``, which must then be given.
    """
    parts = []
    for run in content:
        if isinstance(run, Note):
            if notes is None:
                raise ValueError("une note ne peut être appelée ici : aucune place pour l'imprimer")
            parts.append(notes.call(markup(run.content)))
            continue
        parts.append(styled(run, escape_text(run.text)))
    return "".join(parts)


def plain_text(content: Inlines) -> str:
    """Return ``content`` as one plain string without its notes (for bookmarks)."""
    return " ".join(inline_text(content).split())


class HeadingParagraph(NoteParagraph):
    """A heading that becomes a PDF bookmark once laid out (see the doc template)."""

    outline: tuple[str, int] | None = None

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        parts: list[Flowable] = super().split(availWidth, availHeight)
        # Only the first part carries the bookmark, or a split heading would appear twice.
        if len(parts) > 1:
            parts[0].outline = self.outline
            for part in parts[1:]:
                part.outline = None
        return parts


class RuledParagraph(NoteParagraph):
    """A paragraph with a thick rule on its left, beside its background (text read aloud)."""

    rule_colour: colors.Color = colors.black

    def draw(self) -> None:
        super().draw()
        style = self.style
        top, _right, bottom, left = _trbl(style.borderPadding)
        canvas: Canvas = self.canv
        canvas.saveState()
        canvas.setFillColor(self.rule_colour)
        canvas.rect(style.leftIndent - left, -bottom, 3, self.height + top + bottom, stroke=0, fill=1)
        canvas.restoreState()

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        parts: list[Flowable] = super().split(availWidth, availHeight)
        for part in parts:
            part.rule_colour = self.rule_colour
        return parts


def _trbl(padding: Any) -> tuple[float, float, float, float]:
    """Return a CSS-like padding (one to four numbers) as top, right, bottom, left."""
    if isinstance(padding, (int, float)):
        return (padding,) * 4
    values = list(padding)
    if len(values) == 1:
        values *= 4
    elif len(values) == 2:
        values *= 2
    elif len(values) == 3:
        values.append(values[1])
    return values[0], values[1], values[2], values[3]


class NumberedParagraph(NoteParagraph):
    """A paragraph of a SourceText: draws a line number in the left margin every ``every`` lines.

    Made of the markup of the lines the text was broken into (see
    :mod:`educpop.render.source_lines`), one per ``<br/>``, so it prints exactly
    those lines; its first line is numbered ``first_line``, and the piece left
    over by a split goes on from the number where the piece before it stopped.
    A page never ends with a cut word: the paragraph is split a line earlier.
    """

    #: the markup of each printed line, and whether it ends with a cut word
    lines: tuple[tuple[str, bool], ...] = ()
    first_line: int = 1
    every: int = 0
    #: distance from the paragraph's left edge to the right edge of the numbers
    gutter: float = 0.35 * cm
    number_font: str = "Helvetica"
    number_size: float = 8.0
    number_colour: colors.Color = colors.HexColor("#808080")

    @classmethod
    def of_lines(cls, lines: Sequence[tuple[str, bool]], style: ParagraphStyle, first_line: int = 1,
                 every: int = 0) -> NumberedParagraph:
        """Return the paragraph printing the markup ``lines``, its first line numbered ``first_line``."""
        paragraph = cls("<br/>".join(markup for markup, _cut in lines), style)
        paragraph.lines, paragraph.first_line, paragraph.every = tuple(lines), first_line, every
        return paragraph

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if len(self.lines) > self._head(availHeight):
            # Far taller than the room: the frame splits it, only its head is laid out (see split).
            return availWidth, len(self.lines) * self.style.leading
        # The lines were broken to fit already: laid out in twice the width, reportlab never breaks one again
        # (a line with many note calls may be a little wider than it was measured).
        _width, height = super().wrap(2 * availWidth, availHeight)
        return availWidth, height

    def _head(self, availHeight: float) -> int:
        """Return how many lines surely hold the split of a page ``availHeight`` high: twice as many as fit."""
        return 2 * int(availHeight / self.style.leading) + 4

    def draw(self) -> None:
        super().draw()
        if self.every <= 0:
            return
        lines = self.blPara.lines
        style = self.style
        canvas: Canvas = self.canv
        first = lines[0] if self.blPara.kind == 1 and lines else self.blPara
        baseline = self.height - getattr(first, "ascent", style.fontSize)
        canvas.saveState()
        canvas.setFont(self.number_font, self.number_size)
        canvas.setFillColor(self.number_colour)
        for index in range(len(lines)):
            number = self.first_line + index
            if number % self.every == 0:
                y = baseline - index * style.leading
                canvas.drawRightString(style.leftIndent - self.gutter, y, str(number))
        canvas.restoreState()

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        head = self._head(availHeight)
        if len(self.lines) > head:
            # Only the head can reach the page's foot: it is split as the whole would be, in time that does
            # not grow with the rest of a long text (laid out page after page, the rest would be each time).
            parts = self._piece(self.lines[:head], self.style, self.first_line, self.notes).split(
                availWidth, availHeight)
            if len(parts) != 2:
                return parts
            done = len(parts[0].lines)
            return [parts[0], self._piece(self.lines[done:], parts[1].style, self.first_line + done, parts[1].notes)]
        parts = super().split(availWidth, availHeight)
        if len(parts) != 2:
            return parts
        # Both pieces are made again of their lines: reportlab's rest would start with an empty line (the
        # <br/> before the cut), and its pieces, laid out again, lose their breaks.
        done = len(parts[0].blPara.lines)
        first = self._piece(self.lines[:done], parts[0].style, self.first_line, parts[0].notes)
        for fewer in range(done, 1, -1):  # reportlab leaves no line alone at the foot of a page either
            # A cut word goes on to the next page whole; the piece must fit with the notes it calls.
            candidate = self._piece(self.lines[:fewer], parts[0].style, self.first_line, parts[0].notes)
            if not self.lines[fewer - 1][1] and candidate.wrap(availWidth, availHeight)[1] <= availHeight:
                first, done = candidate, fewer
                break
        else:
            if not getattr(getattr(self, "_frame", None), "_atTop", False):
                return []  # on the next page
        return [first, self._piece(self.lines[done:], parts[1].style, self.first_line + done, parts[1].notes)]

    def _piece(self, lines: Sequence[tuple[str, bool]], style: ParagraphStyle, first_line: int,
               notes: PageNotes | None) -> NumberedParagraph:
        """Return a piece of this paragraph: ``lines``, the first numbered ``first_line``, in this paragraph's looks."""
        piece = self.of_lines(lines, style, first_line, self.every)
        piece.notes = notes
        piece.number_font, piece.number_size, piece.number_colour = (
            self.number_font, self.number_size, self.number_colour)
        return piece


class RuledLines(Flowable):
    """``count`` full-width ruled lines to write on, ``gap`` apart; splits between lines."""

    def __init__(self, count: int, gap: float = 0.9 * cm, colour: colors.Color = WRITING_LINE_GREY) -> None:
        super().__init__()
        self.count = max(count, 0)
        self.gap = gap
        self.colour = colour
        self.spaceBefore = gap * ANSWER_LINES_BEFORE
        self.spaceAfter = gap * ANSWER_LINES_AFTER

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = self.count * self.gap
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        fits = int((availHeight + 1e-6) // self.gap)
        if fits <= 0 or fits >= self.count:
            return [] if fits <= 0 else [self]
        return [RuledLines(fits, self.gap, self.colour), RuledLines(self.count - fits, self.gap, self.colour)]

    def draw(self) -> None:
        canvas: Canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(self.colour)
        canvas.setLineWidth(0.5)
        for index in range(self.count):
            y = self.height - (index + 1) * self.gap
            canvas.line(0, y, self.width, y)
        canvas.restoreState()


class NoteList(KeepsNoteRoom, ListFlowable):
    """A bulleted, numbered or check list that keeps room on its page for the notes of its items."""


class RowTable(KeepsNoteRoom, Table):
    """A table that splits between rows, and inside a row only when that row fills a page.

    reportlab's ``splitInRow`` also splits rows at the bottom of a page, and then
    lays the rest of the table, repeated header first, in the space left on the
    same page. Here a row is cut only when at least ``fresh_height`` points are
    free (a page that has little else on it), so a row taller than a page never
    raises a LayoutError and no header is printed twice on a page.
    """

    #: free height from which a row may be cut; infinite means never
    fresh_height: float = float("inf")

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts: list[Flowable] = super().split(availWidth, availHeight)
        if not parts and availHeight >= self.fresh_height:
            self.splitInRow = 1
            try:
                parts = super().split(availWidth, availHeight)
            finally:
                self.splitInRow = 0
        for part in parts:
            part.splitInRow = 0
            part.fresh_height = self.fresh_height
        return parts


class BoxTable(KeepsNoteRoom, Table):
    """The table of a framed box: it starts on the next page rather than with less than ``min_first`` points.

    Its first row (the title and the first block, as the DOCX's row that never
    splits) is cut only when ``fresh_height`` points are free: a box whose
    opening does not fit starts on the next page, in both formats alike.
    """

    #: least free height in which the box may begin (its title and a few lines)
    min_first: float = 0.0
    #: free height from which the first row may be cut; infinite means never
    fresh_height: float = float("inf")

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        if availHeight < self.min_first:
            return []
        self._calc(availWidth, availHeight)
        if self._rowHeights[0] > availHeight and availHeight < self.fresh_height:
            return []
        parts: list[Flowable] = super().split(availWidth, availHeight)
        for part in parts:
            part.fresh_height = 0.0  # what follows the opening runs on freely, as in the DOCX
        return parts


class FrontPage(ActionFlowable):
    """Placed right after a page break: leaves the page blank when it is a back (an even page).

    The blank page is marked on the canvas (``educpop_blank``), which prints no running header on it.
    """

    def apply(self, doc: Any) -> None:
        if doc.page % 2 == 0:
            doc.canv.educpop_blank = True
            doc.handle_pageBreak()


class PartStart(ActionFlowable):
    """Placed after the break that ends a part of the document: notes in ``starts`` the page the next part starts on."""

    def __init__(self, starts: list[int]) -> None:
        super().__init__()
        self.starts = starts

    def apply(self, doc: Any) -> None:
        self.starts.append(doc.page)


class SetRunningHeader(ActionFlowable):
    """Sets the running header (``educpop_header`` of the canvas) from the page it is laid out on."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def apply(self, doc: Any) -> None:
        doc.canv.educpop_header = self.text


class HeldInCell(_Container, Flowable):
    """Paragraphs held with the block after them in a cell of a box, which may be cut across pages.

    A cell is cut between its flowables, which could leave « Conseils de méthode »
    at the foot of a page; this group is only cut inside its last flowable, once
    the paragraphs and a first piece of it fit.
    """

    def __init__(self, content: list[Flowable]) -> None:
        super().__init__()
        self._content = content

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        # A table wraps and splits its cells' flowables without a canvas.
        self.width, self.height = _listWrapOn(self._content, availWidth, getattr(self, "canv", None))
        return self.width, self.height

    def getSpaceBefore(self) -> float:  # noqa: N802 (reportlab's name)
        space: float = self._content[0].getSpaceBefore()
        return space

    def getSpaceAfter(self) -> float:  # noqa: N802 (reportlab's name)
        space: float = self._content[-1].getSpaceAfter()
        return space

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        *lead, last = self._content
        canvas = getattr(self, "canv", None)
        _width, lead_height = _listWrapOn(lead, availWidth, canvas)
        room = availHeight - lead_height - max(lead[-1].getSpaceAfter(), last.getSpaceBefore())
        pieces = last.splitOn(canvas, availWidth, room) if lead and room > 0 else []
        if len(pieces) != 2:
            return []  # nothing of what follows fits: the whole group goes to the next page
        return [HeldInCell([*lead, pieces[0]]), pieces[1]]


class KeepWithNext(KeepTogether):
    """Headings kept with the *start* of what follows them (the doc template's keepTogetherClass).

    reportlab's KeepTogether moves a heading and the whole next flowable to the
    next page as soon as they do not fit together, leaving most of a page blank
    before a long table or text. Here the group stays on the page when the
    headings and a first piece of the next flowable fit (a piece the next
    flowable agrees to split off: two lines of a paragraph, the header and a row
    of a table), and moves to the next page otherwise, so that a heading never
    ends a page.
    """

    def split(self, aW: float, aH: float) -> list[Flowable]:
        content = list(self._content)
        if len(content) < 2:
            parts: list[Flowable] = super().split(aW, aH)
            return parts
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        frame = getattr(self, "_frame", None)
        if self._H <= aH:
            return content
        *lead, last = content
        if frame is not None and getattr(frame, "_atTop", False):
            # Already at the top of a page: nothing is gained by moving. Let the
            # flowables run on their own, or a heading taller than the page would
            # be regrouped and retried forever.
            for flowable in lead:
                flowable.keepWithNext = 0
            _w, height = lead[0].wrapOn(self.canv, aW, aH)
            if height > aH:  # a heading longer than the page: cut it like a paragraph
                return [*lead[0].splitOn(self.canv, aW, aH), *content[1:]]
            return content
        _width, lead_height = _listWrapOn(lead, aW, self.canv)
        # The frame puts the larger of the two spaces between the held flowables and the next one.
        room = aH - lead_height - max(lead[-1].getSpaceAfter(), last.getSpaceBefore())
        if room > 0 and _starts_in(last, self.canv, aW, room):
            return content
        return [self.FrameBreak(), *content]


def _starts_in(flowable: Flowable, canv: Canvas, width: float, room: float) -> bool:
    """Return whether ``flowable``, or a first piece of it that it agrees to split off, fits in ``room``."""
    _w, height = flowable.wrapOn(canv, width, room)
    if height <= room:
        return True
    parts = flowable.splitOn(canv, width, room)
    if len(parts) < 2 or isinstance(parts[0], ActionFlowable):
        return False
    first: float
    _w, first = parts[0].wrapOn(canv, width, room)
    return 0 < first <= room
