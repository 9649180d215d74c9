"""Paragraph styles and colours for the PDF renderer, all derived from a Theme."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import pyphen
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm

from educpop.render.pdf_fonts import FontNames, register_family
from educpop.theme import Theme

#: body leading as a multiple of the font size
LEADING = 1.4
TEXT = colors.HexColor("#1A1A1A")
MUTED = colors.HexColor("#6B6B6B")
RULE = colors.HexColor("#B8B8B8")


@dataclass(frozen=True)
class BoxLook:
    """How one kind of Box is drawn."""

    background: colors.Color
    border: colors.Color
    #: full frame when False, a thick rule on the left only when True
    left_rule: bool


@dataclass(frozen=True)
class Styles:
    """Everything the block builders need to know about looks."""

    fonts: FontNames
    primary: colors.Color
    accent: colors.Color
    base_size: float
    paragraph: dict[str, ParagraphStyle]
    headings: dict[int, ParagraphStyle]
    cell: ParagraphStyle
    cell_header: ParagraphStyle
    quote: ParagraphStyle
    attribution: ParagraphStyle
    box_title: ParagraphStyle
    when: ParagraphStyle
    source: ParagraphStyle
    #: a footnote, at the foot of the page
    note: ParagraphStyle
    cover_title: ParagraphStyle
    cover_subtitle: ParagraphStyle
    cover_line: ParagraphStyle
    cover_kicker: ParagraphStyle
    boxes: dict[str, BoxLook]


Hyphenator = Callable[[str], Iterator[tuple[str, str]]]

#: shortest word a heading may be hyphenated in: only words too long for a line are cut
HEADING_HYPHENATION_MIN = 20


@lru_cache(maxsize=16)
def _hyphenator(language: str, shortest: int = 0) -> Hyphenator | None:
    """Return a splitter for reportlab's ``hyphenationLang``, or None when pyphen has no dictionary.

    It yields pyphen's break points (at least 2 letters before, 3 after), longest
    head first, for words of at least ``shortest`` letters, and never right after
    a hyphen already in the word. reportlab draws U+002D at each break it takes
    (it cannot draw U+00AD: ``_SHYStr`` strips soft hyphens and breaks them with
    "-" too), and pdftotext joins every line ending in "-" with the next one,
    dropping the "-"; so a line may end in "-" only where the renderer put it,
    or "Saint-" + "Pétersbourg" would be read back as "SaintPétersbourg".
    """
    if not language:
        return None
    try:
        dictionary = pyphen.Pyphen(lang=language, left=2, right=3)
    except KeyError:
        return None

    def split(word: str) -> Iterator[tuple[str, str]]:
        if len(word) < shortest:
            return
        for head, tail in dictionary.iterate(word):
            if not head.endswith(("-", "\u00ad")):
                yield head, tail

    return split


def make_styles(theme: Theme, language: str) -> Styles:
    """Return the styles of a document written in ``language`` with ``theme``."""
    fonts = register_family(theme.font)
    size = theme.base_size
    primary = colors.HexColor(theme.primary_colour)
    accent = colors.HexColor(theme.accent_colour)
    hyphenate = _hyphenator(language)
    # Titles are not hyphenated, except a word too long for any line (else cut anywhere, unmarked).
    hyphenate_long = _hyphenator(language, HEADING_HYPHENATION_MIN)

    body = ParagraphStyle(
        "body",
        fontName=fonts.regular,
        fontSize=size,
        leading=size * LEADING,
        textColor=TEXT,
        alignment=TA_LEFT,
        spaceAfter=size * 0.6,
        allowWidows=0,
        splitLongWords=1,
        hyphenationLang=hyphenate or "",
    )
    small = ParagraphStyle("small", parent=body, fontSize=size * 0.85, leading=size * 0.85 * LEADING)
    lead = ParagraphStyle(
        "lead", parent=body, fontSize=size * 1.2, leading=size * 1.2 * LEADING, spaceAfter=size
    )
    # Read aloud: upright (italic is harder for weak readers) on a light background, framed by a rule
    # drawn by RuledParagraph.
    instruction = ParagraphStyle(
        "instruction",
        parent=body,
        backColor=accent,
        borderPadding=(size * 0.5, size * 0.7, size * 0.5, size * 0.9),
        leftIndent=size * 1.2,
        rightIndent=size * 0.7,
        spaceBefore=size * 0.9,
        spaceAfter=size * 1.2,
    )

    headings = {
        level: ParagraphStyle(
            f"heading{level}",
            parent=body,
            fontName=fonts.bold,
            fontSize=size * scale,
            leading=size * scale * 1.25,
            textColor=primary,
            spaceBefore=size * before,
            spaceAfter=size * 0.5,
            keepWithNext=1,
            hyphenationLang=hyphenate_long or "",
        )
        for level, scale, before in ((1, 1.8, 1.2), (2, 1.4, 1.1), (3, 1.15, 0.9))
    }

    cell = ParagraphStyle("cell", parent=body, spaceAfter=0, leading=size * 1.3)
    cell_header = ParagraphStyle("cell_header", parent=cell, fontName=fonts.bold)
    quote = ParagraphStyle(
        "quote",
        parent=body,
        fontName=fonts.italic,
        leftIndent=1.2 * cm,
        rightIndent=1.2 * cm,
        spaceBefore=size * 0.4,
    )
    attribution = ParagraphStyle(
        "attribution", parent=quote, fontName=fonts.regular, alignment=TA_RIGHT, textColor=MUTED,
        spaceBefore=0, spaceAfter=size,
    )
    box_title = ParagraphStyle("box_title", parent=cell, fontName=fonts.bold, spaceAfter=size * 0.3)
    when = ParagraphStyle("when", parent=cell, fontName=fonts.bold, textColor=primary)
    source = ParagraphStyle("source", parent=body, spaceAfter=size * 0.5)
    note = ParagraphStyle("note", parent=body, fontSize=size * 0.8, leading=size * 0.8 * 1.25, spaceAfter=size * 0.2,
                          leftIndent=size * 0.9, firstLineIndent=-size * 0.9)
    cover_title = ParagraphStyle(
        "cover_title", parent=body, fontName=fonts.bold, fontSize=size * 2.6, leading=size * 3.1,
        textColor=primary, spaceAfter=size, hyphenationLang=hyphenate_long or "",
    )
    cover_subtitle = ParagraphStyle(
        "cover_subtitle", parent=body, fontSize=size * 1.45, leading=size * 1.9, textColor=TEXT,
        spaceAfter=size * 2, hyphenationLang=hyphenate_long or "",
    )
    cover_line = ParagraphStyle("cover_line", parent=body, textColor=MUTED, spaceAfter=size * 0.3)
    cover_kicker = ParagraphStyle(
        "cover_kicker", parent=body, fontName=fonts.bold, fontSize=size * 1.3, leading=size * 1.7,
        textColor=primary, spaceAfter=size * 0.8, hyphenationLang=hyphenate_long or "",
    )

    boxes = {
        "tip": BoxLook(background=accent, border=primary, left_rule=False),
        "instruction": BoxLook(
            background=colors.HexColor("#EAF1F7"), border=colors.HexColor("#2F5F8A"), left_rule=True
        ),
        "warning": BoxLook(
            background=colors.HexColor("#FFF3DC"), border=colors.HexColor("#B25E00"), left_rule=False
        ),
    }
    return Styles(
        fonts=fonts,
        primary=primary,
        accent=accent,
        base_size=size,
        paragraph={"body": body, "small": small, "lead": lead, "instruction": instruction},
        headings=headings,
        cell=cell,
        cell_header=cell_header,
        quote=quote,
        attribution=attribution,
        box_title=box_title,
        when=when,
        source=source,
        note=note,
        cover_title=cover_title,
        cover_subtitle=cover_subtitle,
        cover_line=cover_line,
        cover_kicker=cover_kicker,
        boxes=boxes,
    )
