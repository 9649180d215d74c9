"""The stylesheet as reportlab paragraph styles and colours, for one Theme.

Every value comes from :mod:`educpop.stylesheet`; this module only translates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from educpop.hyphenation import hyphenator
from educpop.render.pdf_fonts import FontNames, register_family
from educpop.stylesheet import BOXES, STYLESHEET, BoxLook, Colour, Look, Sheet, Style, colours
from educpop.theme import Theme


@dataclass(frozen=True)
class Styles:
    """Everything the block builders need to know about looks."""

    fonts: FontNames
    #: the stylesheet at this theme's body size
    sheet: Sheet
    #: every style of the stylesheet, as a reportlab style
    paragraph: dict[Style, ParagraphStyle]
    colour: dict[Colour, colors.Color]
    _whole: dict[Style, ParagraphStyle] = field(default_factory=dict)

    def __getitem__(self, style: Style) -> ParagraphStyle:
        return self.paragraph[style]

    @property
    def base_size(self) -> float:
        """Return the body size, in points."""
        return self.sheet.body

    def whole(self, style: Style) -> ParagraphStyle:
        """Return ``style`` with no word cut at a line end (a short table cell)."""
        found = self._whole.get(style)
        if found is None:
            found = self._whole[style] = ParagraphStyle(f"{style.value}-whole", parent=self[style], hyphenationLang="")
        return found

    def box(self, kind: str) -> BoxLook:
        """Return the look of a box of ``kind``; raise ValueError for an unknown kind."""
        try:
            return BOXES[kind]  # type: ignore[index]  # a kind from outside the model is refused here
        except KeyError:
            raise ValueError(f"type d'encadré inconnu : {kind!r}") from None


def make_styles(theme: Theme, language: str) -> Styles:
    """Return the stylesheet's styles for a document written in ``language`` with ``theme``.

    Made once per look and language: the documents of a build, PDF and DOCX, share
    them, and with them the source texts' lines already broken (:mod:`source_lines`).
    """
    return _make_styles(theme, language, tuple(STYLESHEET.items()))


@lru_cache(maxsize=16)
def _make_styles(theme: Theme, language: str, entries: tuple[tuple[Style, Look], ...]) -> Styles:
    """Return :func:`make_styles` for the stylesheet's ``entries`` (the key: a test may change an entry)."""
    fonts = register_family(theme.font)
    sheet = Sheet(theme.base_size, theme.min_size)
    palette = {role: colors.HexColor(value)
               for role, value in colours(theme.primary_colour, theme.accent_colour).items()}
    # A style that is not hyphenated still cuts a very long word at the soft hyphens typography gave it.
    splitter = hyphenator(language) or ""
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
            hyphenationLang=splitter if look.hyphenate else "",
        )
    return Styles(fonts=fonts, sheet=sheet, paragraph=paragraph, colour=palette)
