"""The stylesheet as reportlab paragraph styles and colours, for one Theme.

Every value comes from :mod:`educpop.stylesheet`; this module only translates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import pyphen
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from educpop.render.pdf_fonts import FontNames, register_family
from educpop.stylesheet import BOXES, STYLESHEET, BoxLook, Colour, Sheet, Style, colours
from educpop.theme import Theme

#: styles whose words are not hyphenated, except a word too long for any line
_TITLES = {Style.HEADING_1, Style.HEADING_2, Style.HEADING_3, Style.COVER_TITLE, Style.COVER_SUBTITLE,
           Style.COVER_KICKER}


@dataclass(frozen=True)
class Styles:
    """Everything the block builders need to know about looks."""

    fonts: FontNames
    #: the stylesheet at this theme's body size
    sheet: Sheet
    #: every style of the stylesheet, as a reportlab style
    paragraph: dict[Style, ParagraphStyle]
    colour: dict[Colour, colors.Color]

    def __getitem__(self, style: Style) -> ParagraphStyle:
        return self.paragraph[style]

    @property
    def base_size(self) -> float:
        """Return the body size, in points."""
        return self.sheet.body

    def box(self, kind: str) -> BoxLook:
        """Return the look of a box of ``kind``; raise ValueError for an unknown kind."""
        try:
            return BOXES[kind]  # type: ignore[index]  # a kind from outside the model is refused here
        except KeyError:
            raise ValueError(f"type d'encadré inconnu : {kind!r}") from None


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
    """Return the stylesheet's styles for a document written in ``language`` with ``theme``."""
    fonts = register_family(theme.font)
    sheet = Sheet(theme.base_size, theme.min_size)
    palette = {role: colors.HexColor(value)
               for role, value in colours(theme.primary_colour, theme.accent_colour).items()}
    hyphenate = _hyphenator(language)
    # Titles are not hyphenated, except a word too long for any line (else cut anywhere, unmarked).
    hyphenate_long = _hyphenator(language, HEADING_HYPHENATION_MIN)
    paragraph = {}
    for style in STYLESHEET:
        look = sheet[style]
        font = {(False, False): fonts.regular, (True, False): fonts.bold, (False, True): fonts.italic,
                (True, True): fonts.bold_italic}[(look.bold, look.italic)]
        paragraph[style] = ParagraphStyle(
            style.value,
            fontName=font,
            fontSize=look.size,
            leading=look.leading,
            textColor=palette[look.colour],
            backColor=palette[look.background] if look.background else None,
            borderPadding=look.padding if look.background else 0,
            alignment=TA_RIGHT if look.align == "right" else TA_LEFT,
            spaceBefore=look.before,
            spaceAfter=look.after,
            leftIndent=look.left_indent,
            rightIndent=look.right_indent,
            firstLineIndent=look.first_line_indent,
            keepWithNext=int(look.keep_with_next),
            allowWidows=0,
            splitLongWords=1,
            hyphenationLang=(hyphenate_long if style in _TITLES else hyphenate) or "",
        )
    return Styles(fonts=fonts, sheet=sheet, paragraph=paragraph, colour=palette)
