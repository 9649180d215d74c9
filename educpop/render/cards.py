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
from educpop.stylesheet import CARDS
from educpop.theme import FontFamily


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
    front = max(CARDS.front_size, base_size * CARDS.front_scale)
    card_width = width / max(1, block.columns)
    face = register_family(family).regular
    texts = ["".join(run.text for run in card.front if isinstance(run, Text)) for card in block.cards]
    lines = max((len(simpleSplit(text, face, front, card_width - 2 * CARDS.padding)) for text in texts), default=1)
    # One spare line: Word and LibreOffice do not break lines exactly where reportlab does.
    least = CARDS.least_height_cm * cm
    card_height = min(max(least, (lines + 1) * front * CARDS.leading + 2 * CARDS.padding), height)
    rows = max(1, int(height // card_height))
    # The rows share the whole page: larger cards, and the cut lines divide the sheet evenly.
    return CardLayout(card_width, height / rows, rows, front, front * CARDS.back_scale)
