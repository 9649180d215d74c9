"""The geometry of cards to cut out, shared by both renderers so that a PDF card and a DOCX card match.

Every card of a :class:`~educpop.document.Cards` block has the size of the
fullest one, so that a page of fronts and the page of their backs line up
when printed two-sided; text is measured with the theme's font through reportlab.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import cm
from reportlab.lib.utils import simpleSplit

from educpop.document import Card, Cards, Text
from educpop.render.pdf_fonts import register_family
from educpop.theme import FontFamily

#: the smallest text of a card front, in points: read from across a table
FRONT_SIZE = 16.0
#: the date on the back, this many times the front's size
BACK_SCALE = 1.6
#: line height of a card's text, in font sizes
LEADING = 1.25
#: space between a card's cut lines and its text, in points
PAD = 10.0
#: no card is smaller than this, so that it is easy to handle
LEAST_HEIGHT = 3.2 * cm
#: width of the dashed cut lines, in points: dark and thick enough for a photocopier
CUT_LINE = 0.75
#: colour of the cut lines
CUT_COLOUR = "#333333"
#: dash pattern of the cut lines, in points: on, off
CUT_DASH = (4.0, 3.0)


@dataclass(frozen=True)
class CardLayout:
    """The size of the cards of one block and how many fit on a page, in points."""

    width: float
    height: float
    #: rows of cards on a page
    rows: int
    front_size: float
    back_size: float

    def pages(self, block: Cards) -> list[list[list[Card | None]]]:
        """Return the fronts of ``block`` page by page, row by row; None fills the last row."""
        per_row = block.columns
        cards: list[Card | None] = [*block.cards, *[None] * (-len(block.cards) % per_row)]
        rows = [cards[index:index + per_row] for index in range(0, len(cards), per_row)]
        return [rows[index:index + self.rows] for index in range(0, len(rows), self.rows)]


def card_layout(block: Cards, width: float, height: float, family: FontFamily, base_size: float) -> CardLayout:
    """Return the layout of ``block``'s cards on a text area ``width`` by ``height`` points."""
    front = max(FRONT_SIZE, base_size * 1.5)
    card_width = width / max(1, block.columns)
    face = register_family(family).regular
    texts = ["".join(run.text for run in card.front if isinstance(run, Text)) for card in block.cards]
    lines = max((len(simpleSplit(text, face, front, card_width - 2 * PAD)) for text in texts), default=1)
    # One spare line: Word and LibreOffice do not break lines exactly where reportlab does.
    card_height = min(max(LEAST_HEIGHT, (lines + 1) * front * LEADING + 2 * PAD), height)
    rows = max(1, int(height // card_height))
    # The rows share the whole page: larger cards, and the cut lines divide the sheet evenly.
    return CardLayout(card_width, height / rows, rows, front, front * BACK_SCALE)
