"""Footnotes of the PDF renderer: numbered in reading order, printed at the foot of the page of their call.

A call is a raised number followed by an ``<onDraw>`` mark. A paragraph that
calls notes (:class:`NoteParagraph`) only agrees to sit where its text and the
notes it calls both fit; when the mark is drawn, :class:`PageNotes` lifts the
bottom of the frame by the note's height, so nothing laid out after it on the
page can take that room, and at the end of the page it draws the notes there,
under a short rule. Notes are not SourceText paragraphs: line numbers never
count them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame, Paragraph as RLParagraph

from educpop.render.pdf_hyphenation import HyphenatedParagraph

#: the name of the ``<onDraw>`` callback that places a note on its page
CALLBACK = "educpop_note"


class PageNotes:
    """The notes of one PDF: their numbers, their paragraphs, and those placed on the page being laid out."""

    def __init__(
        self, style: ParagraphStyle, width: float, height: float, rule_colour: colors.Color, smallest: float = 0.0
    ) -> None:
        self.style = style
        #: a raised number is smaller than its text, but never smaller than the paper allows (large print)
        self._raised = f'<super size="{smallest:g}">' if smallest else "<super>"
        self.width = width
        #: a note taller than this is cut (the Markdown reader warns of it): the text must keep most of the page
        self.tallest = height / 3
        self.rule_colour = rule_colour
        #: space above the first note of a page, where the rule is drawn
        self.separator = style.fontSize * 1.6
        self._paragraphs: list[HyphenatedParagraph] = []
        self._heights: list[float] = []
        self._page: list[int] = []

    @property
    def count(self) -> int:
        """Return how many notes have been called so far."""
        return len(self._paragraphs)

    def call(self, note_markup: str) -> str:
        """Return the markup of a call to the next note, whose text is ``note_markup``."""
        number = len(self._paragraphs) + 1
        paragraph = HyphenatedParagraph(f"{self._raised}{number}</super>\u00a0{note_markup}", self.style)
        _width, height = paragraph.wrap(self.width, 1e9)
        if height > self.tallest:
            paragraph = paragraph.split(self.width, self.tallest)[0]
            _width, height = paragraph.wrap(self.width, self.tallest)
        self._paragraphs.append(paragraph)
        self._heights.append(height + self.style.spaceAfter)
        return f'{self._raised}{number}</super><onDraw name="{CALLBACK}" label="{number}"/>'

    def room(self, numbers: list[int]) -> float:
        """Return the height that the notes ``numbers`` would add at the foot of the current page."""
        new = [number for number in numbers if number not in self._page]
        if not new:
            return 0.0
        return sum(self._heights[number - 1] for number in new) + (0.0 if self._page else self.separator)

    def placed(self, canvas: Canvas, _kind: str, label: str) -> None:
        """Take note ``label`` onto the current page (the ``<onDraw>`` callback of its call)."""
        number = int(label)
        frame: Frame = canvas._doctemplate.frame
        frame._y1p += self.room([number])  # what is laid out after the call keeps clear of the note
        self._page.append(number)

    def end_page(self, canvas: Canvas, frame: Frame) -> None:
        """Draw the notes of the page at the foot of ``frame``, then give the next page its full frame."""
        if self._page:
            bottom = frame._y1 + frame._bottomPadding
            top = bottom + sum(self._heights[number - 1] for number in self._page)
            x = frame._x1 + frame._leftPadding
            canvas.saveState()
            canvas.setStrokeColor(self.rule_colour)
            canvas.setLineWidth(0.5)
            rule_y = top + self.separator * 0.55
            canvas.line(x, rule_y, x + self.width * 0.3, rule_y)
            canvas.restoreState()
            y = top
            for number in self._page:
                paragraph = self._paragraphs[number - 1]
                _width, height = paragraph.wrap(self.width, self.tallest)
                y -= self._heights[number - 1]
                paragraph.drawOn(canvas, x, y + self._heights[number - 1] - height)
            self._page = []
        frame._geom()  # the bottom goes back down: reportlab does not reset it between pages


class NoteParagraph(HyphenatedParagraph):
    """A paragraph that keeps room at the foot of its page for the notes it calls."""

    notes: PageNotes | None = None

    def note_numbers(self) -> list[int]:
        """Return the numbers of the notes this paragraph (or piece of one) calls."""
        numbers: list[int] | None = self.__dict__.get("_note_numbers")
        if numbers is None:  # read once: frames wrap a paragraph many times
            numbers = self.__dict__["_note_numbers"] = [int(label) for label in _call_labels(self.frags)]
        return numbers

    def _room(self) -> float:
        return self.notes.room(self.note_numbers()) if self.notes is not None else 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        width, height = super().wrap(availWidth, availHeight)
        room = self._room()
        # Too tall with its notes: the frame then splits it, or moves it to the next page.
        return (width, height + room) if room and height + room > availHeight else (width, height)

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        parts: list[Any] = super().split(availWidth, availHeight)
        if self._room():
            parts = self._split_with_room(availWidth, availHeight)
        for part in parts:
            part.notes = self.notes
        return parts

    def _split_with_room(self, availWidth: float, availHeight: float) -> list[Any]:
        """Return the split whose first piece has the most lines that fit in ``availHeight`` with its notes.

        More lines call more notes, so the number of lines is found by bisection.
        At the top of a page, where nothing would be gained by waiting, a piece
        whose notes cannot fit at all is laid out without their room rather than never.
        """
        best: list[Any] = []
        low, high = 1, max(1, int(availHeight // self.style.leading))
        while low <= high:
            lines = (low + high) // 2
            parts: list[Any] = super().split(availWidth, lines * self.style.leading + 1e-6)
            first = parts[0] if parts else None
            if isinstance(first, NoteParagraph) and self.notes is not None:
                _width, height = RLParagraph.wrap(first, availWidth, availHeight)
                if height + self.notes.room(first.note_numbers()) <= availHeight:
                    best, low = parts, lines + 1
                    continue
            high = lines - 1
        if not best and getattr(getattr(self, "_frame", None), "_atTop", False):
            best = super().split(availWidth, availHeight)
        return best


def _call_labels(frags: Any) -> Iterator[str]:
    """Yield the label of each note call among reportlab's fragments.

    Once a paragraph is laid out or split, its fragments may be words: lists
    of a width and (fragment, text) pairs; the calls are looked for inside them.
    """
    for frag in frags:
        if isinstance(frag, (list, tuple)):
            yield from _call_labels(frag)
        elif getattr(getattr(frag, "cbDefn", None), "name", None) == CALLBACK:
            yield frag.cbDefn.label


class KeepsNoteRoom:
    """A mixin for the flowables that hold paragraphs (tables, lists): room is kept for all their notes.

    A paragraph inside a table cell is laid out by the table, not by the frame,
    so the whole flowable reserves its notes' height; a piece of it split off
    keeps reserving them all, which may leave a little unused room, never too little.
    """

    notes: PageNotes | None = None
    #: the numbers of the notes called anywhere inside
    held_notes: tuple[int, ...] = ()

    def _held_room(self) -> float:
        return self.notes.room(list(self.held_notes)) if self.notes is not None else 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        width: float
        height: float
        width, height = super().wrap(availWidth, availHeight)  # type: ignore[misc]
        room = self._held_room()
        return (width, height + room) if room and height + room > availHeight else (width, height)

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        parts: list[Any] = super().split(availWidth, availHeight - self._held_room())  # type: ignore[misc]
        for part in parts:
            if isinstance(part, KeepsNoteRoom):
                part.notes, part.held_notes = self.notes, self.held_notes
        return parts
