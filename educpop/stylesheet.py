"""The one stylesheet of the pack: every size, space, colour and rule both renderers print with.

Sizes and spaces are multiples of the body size, so that a larger body (large
print) enlarges everything; a size never falls under the paper's smallest size.
Both renderers translate these entries, one by one, into reportlab paragraph
styles and Word styles: a new look is one entry here, and the two formats cannot
disagree. Looks inherit from a ``parent`` entry (as rst2pdf's stylesheets do).
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from enum import Enum
from typing import Literal

from educpop.document import BoxKind, ParagraphStyleName, RowHeight

#: the body size the measures in centimetres are given for; they grow with a larger body
REFERENCE_SIZE = 11.0


class Style(str, Enum):
    """Every style a document is printed in."""

    BODY = "body"
    SMALL = "small"
    LEAD = "lead"
    INSTRUCTION = "instruction"
    HEADING_1 = "heading-1"
    HEADING_2 = "heading-2"
    HEADING_3 = "heading-3"
    LIST_BULLET = "list-bullet"
    LIST_NUMBER = "list-number"
    CHECKLIST = "checklist"
    CELL = "cell"
    CELL_HEADER = "cell-header"
    QUOTE = "quote"
    ATTRIBUTION = "attribution"
    BOX_TEXT = "box-text"
    BOX_TITLE = "box-title"
    DATE = "date"
    SOURCE = "source"
    SOURCE_HEADING = "source-heading"
    LINE_NUMBER = "line-number"
    ANSWER_LINE = "answer-line"
    NOTE = "note"
    COVER_KICKER = "cover-kicker"
    COVER_TITLE = "cover-title"
    COVER_SUBTITLE = "cover-subtitle"
    COVER_LINE = "cover-line"
    COVER_BAND = "cover-band"
    FOOTER = "footer"
    FOOTER_NOTE = "footer-note"


class Colour(str, Enum):
    """What a colour is for; :func:`colours` gives each its value for a theme."""

    TEXT = "text"
    MUTED = "muted"
    FOOTER = "footer"
    PRIMARY = "primary"
    ACCENT = "accent"
    RULE = "rule"
    WRITING_LINE = "writing-line"
    WHITE = "white"
    INSTRUCTION_BACKGROUND = "instruction-background"
    INSTRUCTION_BORDER = "instruction-border"
    WARNING_BACKGROUND = "warning-background"
    WARNING_BORDER = "warning-border"
    CUT_LINE = "cut-line"


#: fixed colours; PRIMARY and ACCENT come from the theme
FIXED_COLOURS = {
    Colour.TEXT: "#1A1A1A",
    Colour.MUTED: "#6B6B6B",
    Colour.FOOTER: "#555555",
    Colour.RULE: "#B8B8B8",
    Colour.WRITING_LINE: "#9A9A9A",
    Colour.WHITE: "#FFFFFF",
    Colour.INSTRUCTION_BACKGROUND: "#EAF1F7",
    Colour.INSTRUCTION_BORDER: "#2F5F8A",
    Colour.WARNING_BACKGROUND: "#FFF3DC",
    Colour.WARNING_BORDER: "#B25E00",
    Colour.CUT_LINE: "#333333",
}


def colours(primary: str, accent: str) -> dict[Colour, str]:
    """Return every colour role as "#RRGGBB", with the theme's ``primary`` and ``accent``."""
    return {**FIXED_COLOURS, Colour.PRIMARY: primary, Colour.ACCENT: accent}


@dataclass(frozen=True)
class Look:
    """How one style prints. Sizes and spaces are multiples of the body size; ``leading`` of the style's own size.

    ``None`` means: as the ``parent`` entry says.
    """

    parent: Style | None = None
    #: the Word style it becomes ("" for what Word draws by other means)
    word: str = ""
    size: float | None = None
    leading: float | None = None
    before: float | None = None
    after: float | None = None
    left_indent: float | None = None
    right_indent: float | None = None
    first_line_indent: float | None = None
    bold: bool | None = None
    italic: bool | None = None
    colour: Colour | None = None
    background: Colour | None = None
    align: Literal["left", "right"] | None = None
    #: never the last thing on a page
    keep_with_next: bool | None = None
    #: a rule drawn beside the text: on its left, or under it
    rule: Literal["", "left", "below"] | None = None
    #: space between the text and its background's edge (top, right, bottom, left)
    padding: tuple[float, float, float, float] | None = None
    #: words may be cut at line ends, as :mod:`educpop.hyphenation` allows (running text); never in titles and labels
    hyphenate: bool | None = None
    #: no space between two paragraphs in a row of this style (a list's items): ``after`` follows the last
    packed: bool | None = None


#: the root every look inherits from
_ROOT = Look(size=1.0, leading=1.4, before=0.0, after=0.6, left_indent=0.0, right_indent=0.0,
             first_line_indent=0.0, bold=False, italic=False, colour=Colour.TEXT, background=None,
             align="left", keep_with_next=False, rule="", padding=(0.0, 0.0, 0.0, 0.0), hyphenate=True,
             packed=False)


def _heading(level: int, size: float, before: float) -> Look:
    return Look(Style.BODY, f"Heading {level}", size=size, leading=1.25, before=before, after=0.5, bold=True,
                colour=Colour.PRIMARY, keep_with_next=True, hyphenate=False)


#: the stylesheet: one entry per style
STYLESHEET: dict[Style, Look] = {
    Style.BODY: Look(None, "Normal"),
    Style.SMALL: Look(Style.BODY, "Petit", size=0.85),
    Style.LEAD: Look(Style.BODY, "Chapeau", size=1.2, after=1.0),
    # Read aloud: upright (italic is harder for weak readers) on a light background, a rule on its left.
    Style.INSTRUCTION: Look(Style.BODY, "Consigne", before=0.9, after=1.2, left_indent=1.2, right_indent=0.7,
                            background=Colour.ACCENT, rule="left", padding=(0.5, 0.7, 0.5, 0.9)),
    Style.HEADING_1: _heading(1, 1.8, 1.2),
    Style.HEADING_2: _heading(2, 1.4, 1.1),
    Style.HEADING_3: _heading(3, 1.15, 0.9),
    # the mark of an item hangs in its indent
    Style.LIST_BULLET: Look(Style.BODY, "List Bullet", after=0.4, left_indent=1.9, first_line_indent=-1.9,
                            packed=True),
    Style.LIST_NUMBER: Look(Style.BODY, "List Number", after=0.4, left_indent=1.9, first_line_indent=-1.9,
                            packed=True),
    Style.CHECKLIST: Look(Style.BODY, "Case à cocher", after=0.4, left_indent=1.9, first_line_indent=-1.9,
                          packed=True),
    Style.CELL: Look(Style.BODY, "Cellule", leading=1.3, after=0.0),
    Style.CELL_HEADER: Look(Style.CELL, "Cellule en-tête", bold=True, hyphenate=False),
    Style.QUOTE: Look(Style.BODY, "Quote", italic=True, before=0.4, left_indent=3.1, right_indent=3.1),
    Style.ATTRIBUTION: Look(Style.QUOTE, "Attribution", italic=False, align="right", colour=Colour.MUTED,
                            before=0.0, after=1.0, hyphenate=False),
    Style.BOX_TEXT: Look(Style.BODY, "Encadré"),
    Style.BOX_TITLE: Look(Style.CELL, "Encadré titre", bold=True, after=0.3, keep_with_next=True, hyphenate=False),
    Style.DATE: Look(Style.CELL, "Date", bold=True, colour=Colour.PRIMARY, hyphenate=False),
    Style.SOURCE: Look(Style.BODY, "Texte source", after=0.5),
    Style.SOURCE_HEADING: Look(Style.SOURCE, "Texte source titre", bold=True, keep_with_next=True,
                              hyphenate=False),
    Style.LINE_NUMBER: Look(Style.BODY, "Line Number", size=0.7, colour=Colour.MUTED, hyphenate=False),
    Style.ANSWER_LINE: Look(Style.BODY, "Ligne réponse", after=0.0, colour=Colour.WRITING_LINE, hyphenate=False),
    Style.NOTE: Look(Style.BODY, "footnote text", size=0.8, leading=1.25, after=0.2, left_indent=0.9,
                     first_line_indent=-0.9),
    Style.COVER_KICKER: Look(Style.BODY, "Surtitre", size=1.3, leading=1.3, bold=True, colour=Colour.PRIMARY,
                             after=0.8, hyphenate=False),
    Style.COVER_TITLE: Look(Style.BODY, "Title", size=2.6, leading=1.2, bold=True, colour=Colour.PRIMARY,
                            after=1.0, rule="below", hyphenate=False),
    Style.COVER_SUBTITLE: Look(Style.BODY, "Subtitle", size=1.45, leading=1.3, after=2.0, hyphenate=False),
    Style.COVER_LINE: Look(Style.BODY, "Couverture", colour=Colour.MUTED, after=0.3, hyphenate=False),
    Style.COVER_BAND: Look(Style.BODY, "", bold=True, colour=Colour.WHITE, hyphenate=False),
    Style.FOOTER: Look(Style.BODY, "Footer", size=0.77, leading=1.4, after=0.0, colour=Colour.FOOTER,
                       hyphenate=False),
    Style.FOOTER_NOTE: Look(Style.FOOTER, "Pied de page petit", size=0.7, leading=1.5),
}

#: the style of each paragraph style of the document model
_PARAGRAPH: dict[ParagraphStyleName, Style] = {
    "body": Style.BODY, "small": Style.SMALL, "lead": Style.LEAD, "instruction": Style.INSTRUCTION,
}

#: the style of a heading of each level
HEADINGS = {1: Style.HEADING_1, 2: Style.HEADING_2, 3: Style.HEADING_3}


def paragraph_style(name: ParagraphStyleName) -> Style:
    """Return the style of the document model's paragraph style ``name``."""
    return _PARAGRAPH[name]


@dataclass(frozen=True)
class BoxLook:
    """How one kind of Box is drawn."""

    background: Colour
    border: Colour
    #: width of the frame (or of the rule), in points
    border_width: float
    #: full frame when False, a thick rule on the left only when True
    left_rule: bool
    #: padding between the frame (or the rule) and the text on the left, in points; BOX_PADDING elsewhere
    left_padding: float


#: the look of each kind of Box
BOXES: dict[BoxKind, BoxLook] = {
    "tip": BoxLook(Colour.ACCENT, Colour.PRIMARY, 1.0, left_rule=False, left_padding=8.0),
    "instruction": BoxLook(Colour.INSTRUCTION_BACKGROUND, Colour.INSTRUCTION_BORDER, 4.0, left_rule=True,
                           left_padding=10.0),
    "warning": BoxLook(Colour.WARNING_BACKGROUND, Colour.WARNING_BORDER, 1.0, left_rule=False, left_padding=8.0),
}
#: padding inside a box above, right of and under its text, in points
BOX_PADDING = 6.0

@dataclass(frozen=True)
class CardLook:
    """How cards to cut out print (a :class:`~educpop.document.Cards` block); sizes in points."""

    #: the smallest text of a card front: read from across a table
    front_size: float
    #: the front's text at least this many times the body size (large print)
    front_scale: float
    #: the date on the back, this many times the front's size
    back_scale: float
    #: line height of a card's text, in font sizes
    leading: float
    #: space between a card's cut lines and its text
    padding: float
    #: no card is smaller than this, in centimetres, so that it is easy to handle
    least_height_cm: float
    #: width of the dashed cut lines: dark and thick enough for a photocopier
    cut_width: float
    cut_colour: Colour
    #: dash pattern of the cut lines: on, off
    cut_dash: tuple[float, float]


#: the look of the timeline cards, in both renderers
CARDS = CardLook(front_size=16.0, front_scale=1.5, back_scale=1.6, leading=1.25, padding=10.0, least_height_cm=3.2,
                 cut_width=0.75, cut_colour=Colour.CUT_LINE, cut_dash=(4.0, 3.0))

#: measures given in centimetres at REFERENCE_SIZE, which grow with the body size
ANSWER_LINE_GAP_CM = 0.9
#: room above the first of a run of answer lines and under the last, in gaps between two lines
ANSWER_LINES_BEFORE = 0.2
ANSWER_LINES_AFTER = 0.4
#: "signature": room to sign the attendance sheet; "handwriting": room to write the real time on the roadmap
ROW_HEIGHTS_CM: dict[RowHeight, float] = {"signature": 1.0, "handwriting": 1.1}


#: width of the rules between the cells of a table, in points
TABLE_RULE = 0.5
#: padding inside the cells of a table, in points (top, right, bottom, left), like its rules the same at every size
CELL_PADDING = (3.6, 6.0, 5.4, 6.0)
#: padding inside the cells of a timeline, in points (top, right, bottom, left); its dates have none on their
#: left and the left padding on their right, so that the rule after them stands in the middle
TIMELINE_PADDING = (3.0, 6.0, 4.2, 9.0)
#: space after a table or a timeline, in body sizes
TABLE_AFTER = 0.8
#: space before and after a box, in body sizes
BOX_BEFORE = 0.4
BOX_AFTER = 1.0

#: the cover's coloured band across the top of the paper, with the organisation's name, in centimetres
COVER_BAND_CM = 1.6
#: the width of the logo at the top of a cover, in centimetres
COVER_LOGO_CM = 4.0
#: the room above a cover's title (or kicker), in centimetres: without a logo, and under one
COVER_ROOM_CM = 5.0
COVER_ROOM_UNDER_LOGO_CM = 3.0


@dataclass(frozen=True)
class Resolved:
    """A look with every value known, in points for a given body size."""

    size: float
    leading: float
    before: float
    after: float
    left_indent: float
    right_indent: float
    first_line_indent: float
    bold: bool
    italic: bool
    colour: Colour
    background: Colour | None
    align: Literal["left", "right"]
    keep_with_next: bool
    rule: Literal["", "left", "below"]
    padding: tuple[float, float, float, float]
    hyphenate: bool
    packed: bool


def _merged(style: Style) -> Look:
    """Return the look of ``style`` with what it leaves unsaid taken from its parents."""
    look = STYLESHEET[style]
    parent = _merged(look.parent) if look.parent is not None else _ROOT
    given = {f.name: getattr(look, f.name) for f in fields(Look) if getattr(look, f.name) is not None}
    return replace(parent, **given)


def half_points(size: float) -> float:
    """Return ``size`` rounded to half a point, the finest size Word stores."""
    return round(size * 2) / 2


@dataclass(frozen=True)
class Sheet:
    """The stylesheet set for one body size: every style in points, no size under ``smallest``."""

    body: float
    smallest: float = 0.0

    def __getitem__(self, style: Style) -> Resolved:
        look = _merged(style)
        assert look.size is not None and look.leading is not None and look.padding is not None
        size = max(half_points(self.body * look.size), self.smallest)
        body = self.body
        return Resolved(
            size=size, leading=size * look.leading, before=body * (look.before or 0.0),
            after=body * (look.after or 0.0), left_indent=body * (look.left_indent or 0.0),
            right_indent=body * (look.right_indent or 0.0), first_line_indent=body * (look.first_line_indent or 0.0),
            bold=bool(look.bold), italic=bool(look.italic), colour=look.colour or Colour.TEXT,
            background=look.background, align=look.align or "left", keep_with_next=bool(look.keep_with_next),
            rule=look.rule or "", padding=(body * look.padding[0], body * look.padding[1], body * look.padding[2],
                                           body * look.padding[3]),
            hyphenate=bool(look.hyphenate),
            packed=bool(look.packed),
        )

    def scaled_cm(self, centimetres: float) -> float:
        """Return a measure of ``centimetres`` at REFERENCE_SIZE, grown with this body size, in centimetres."""
        return centimetres * self.body / REFERENCE_SIZE

    @property
    def answer_line_gap_cm(self) -> float:
        """Return the distance between two lines to write on, in centimetres."""
        return self.scaled_cm(ANSWER_LINE_GAP_CM)

    @property
    def table_after(self) -> float:
        """Return the space after a table or a timeline, in points."""
        return self.body * TABLE_AFTER

    def row_height_cm(self, height: RowHeight) -> float:
        """Return the least height of the body rows of a table of ``height``, in centimetres."""
        return self.scaled_cm(ROW_HEIGHTS_CM[height])


#: paper sizes in centimetres (width, height, margin), portrait
PAGES = {"A4": (21.0, 29.7, 2.0), "A5": (14.8, 21.0, 1.5)}
#: room added to the bottom margin for the footer, in centimetres
FOOTER_ROOM_CM = 0.4
