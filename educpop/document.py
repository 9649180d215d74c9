"""The neutral document model between generators and renderers.

Generators build a :class:`Document` (metadata plus a flat list of blocks);
renderers walk it. Neither side knows the other: a generator never imports
python-docx or reportlab, a renderer never knows what a facilitator guide is.

All text in the tree is plain user text (never markup): renderers escape it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Literal, get_args


class Audience(str, Enum):
    """Who a document is printed for; facilitator-only content never reaches participants."""

    FACILITATOR = "facilitator"
    PARTICIPANT = "participant"


@dataclass(frozen=True)
class Text:
    """A run of text with optional emphasis."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Note:
    """A note called at this point of the text (pandoc's ``Note``).

    Renderers number the notes of a document in reading order, print the number
    where the note is called and ``content`` at the foot of the page (a Word
    footnote in the DOCX). A note holds no note.
    """

    content: list[Text]


#: what a line of text is made of: runs of text and the notes called among them
Inline = Text | Note
Inlines = list[Inline]


def plain(text: str) -> Inlines:
    """Return ``text`` as a one-run inline list."""
    return [Text(text)]


def inline_text(content: Inlines) -> str:
    """Return the words of ``content`` without its notes (a bookmark, a section title)."""
    return "".join(run.text for run in content if isinstance(run, Text))


def notes_of(content: Inlines) -> list[Note]:
    """Return the notes called in ``content``, in order."""
    return [run for run in content if isinstance(run, Note)]


@dataclass
class Heading:
    """A section heading; level 1 to 3. Headings become PDF bookmarks and Word Heading styles."""

    level: int
    content: Inlines


#: Paragraph styles every renderer must know.
ParagraphStyleName = Literal["body", "small", "lead", "instruction"]
PARAGRAPH_STYLES: tuple[ParagraphStyleName, ...] = get_args(ParagraphStyleName)


@dataclass
class Paragraph:
    """A paragraph of body text in one of :data:`PARAGRAPH_STYLES`.

    ``keep_with_next`` declares a paragraph that belongs to what follows it (the
    time line under an activity's title, a question over its answer lines): see
    :func:`keeps_with_next`.
    """

    content: Inlines
    style: ParagraphStyleName = "body"
    #: never the last thing on a page: printed on the page where the next block starts (a question and
    #: its first answer line, a short title and its list)
    keep_with_next: bool = False


@dataclass
class BulletList:
    """An unordered list; each item is one line of inlines."""

    items: list[Inlines]


@dataclass
class NumberedList:
    """An ordered list numbered from ``start``."""

    items: list[Inlines]
    start: int = 1


@dataclass
class Table:
    """A table with a header row repeated on every page; ``widths`` are relative weights.

    An empty ``header`` means a table without a header row (label | value lists).
    """

    header: list[Inlines]
    rows: list[list[Inlines]]
    widths: list[float] | None = None
    #: body rows are at least as tall as the stylesheet's entry of this name (room to sign, a card);
    #: None lets them fit their text
    row_height: RowHeight | None = None
    #: no word of a cell is ever cut (a programme): no hyphenation, columns as wide as their longest word
    unbroken: bool = False
    #: on one page when it fits on one (a programme); a longer table runs on to the next pages
    keep_together: bool = False


#: Least heights of table rows that the stylesheet gives.
RowHeight = Literal["signature", "handwriting"]


@dataclass
class Quote:
    """A quotation with its attribution (who said it, where)."""

    content: Inlines
    attribution: str = ""


@dataclass
class Box:
    """A framed group of blocks: a facilitator tip, an instruction to read aloud, a warning."""

    title: str
    blocks: list[Block]
    kind: BoxKind = "tip"


#: Box kinds every renderer must know.
BoxKind = Literal["tip", "instruction", "warning"]
BOX_KINDS: tuple[BoxKind, ...] = get_args(BoxKind)


@dataclass
class AnswerLines:
    """Ruled lines for participants to write on."""

    count: int


@dataclass
class Checklist:
    """Items with a box to tick (materials, things to prepare)."""

    items: list[Inlines]


@dataclass
class TimelineEvent:
    """One dated event of a timeline; ``when`` is already formatted for display."""

    when: str
    content: Inlines


@dataclass
class Timeline:
    """A vertical chronology of dated events."""

    events: list[TimelineEvent]


@dataclass
class SourceText:
    """A text to study, printed with a line number in the margin every ``number_every`` lines.

    Numbering starts at 1 on the text's first line and runs across pages, so that a
    group can say "line 42". The paragraphs whose index is in ``headings`` are
    the text's own headings: printed as such, never last on a page.

    A part of a text (an arpentage part) holds the whole text and prints only the
    paragraphs ``shown``: its lines keep the numbers they have in the whole text,
    as renderers break every paragraph into the same lines wherever it is printed.
    """

    paragraphs: list[Inlines]
    number_every: int = 5
    headings: frozenset[int] = frozenset()
    #: the indices of the paragraphs printed; None prints them all
    shown: range | None = None

    def printed(self) -> range:
        """Return the indices of the paragraphs printed."""
        return range(len(self.paragraphs)) if self.shown is None else self.shown


@dataclass
class Image:
    """A picture (a logo, an illustration) ``width_cm`` wide."""

    path: Path
    width_cm: float = 4.0


@dataclass
class Cover:
    """A title page: renderers lay it out on a page of its own, followed by a page break."""

    title: str
    subtitle: str = ""
    lines: list[str] = field(default_factory=list)
    logo: Path | None = None
    #: what the document is, printed above the title (e.g. "Guide d'animation")
    kicker: str = ""


@dataclass
class PageBreak:
    """Start the next block on a new page.

    With ``new_sheet``, on the front of a new sheet of paper: documents are printed
    two-sided, so a blank back is left when the page before the break is a front.
    With ``part``, the break also ends a part of the document printed apart (one
    question sheet, one sitting's attendance sheet): the PDF renderer counts the
    pages of each part, and the print plan their sheets. A document without such a
    break is one part; a break before any content ends none.
    """

    #: start on an odd (right-hand, front) page
    new_sheet: bool = False
    #: end the part before it: the pages after it are printed apart
    part: bool = False


@dataclass
class RunningHeader:
    """Print ``text`` at the top of every page from the one the next block starts on, until the next RunningHeader."""

    text: str


@dataclass
class Card:
    """A card to cut out: ``front`` to read, ``back`` printed behind it (a date)."""

    front: Inlines
    back: str


@dataclass
class Cards:
    """Cards to cut out, ``columns`` side by side, printed two-sided on the long edge.

    Renderers print a page of fronts then the page of their backs, the columns in
    the opposite order, so that each back falls behind its front on the sheet.
    Every card of the block has the same size; its pages hold nothing else.
    """

    cards: list[Card]
    columns: int = 2


Block = (
    Heading
    | Paragraph
    | BulletList
    | NumberedList
    | Table
    | Quote
    | Box
    | AnswerLines
    | Checklist
    | Timeline
    | SourceText
    | Image
    | Cover
    | PageBreak
    | RunningHeader
    | Cards
)


@dataclass
class Meta:
    """What a document is: used for the footer, PDF metadata and DOCX core properties."""

    title: str
    kind: str  # generator name, e.g. "guide"
    audience: Audience
    session_title: str
    author: str = ""
    subject: str = ""
    language: str = "fr"
    #: which way up the pages are, as the generator lays them out
    orientation: Orientation = "portrait"


#: Which way up a page is.
Orientation = Literal["portrait", "landscape"]


def keeps_with_next(block: Block) -> bool:
    """Return whether ``block`` must stay on the page where the block after it starts.

    A heading always does; a paragraph when its generator says so. A run of such
    blocks stays together with the start of the first block that does not.
    """
    return isinstance(block, Heading) or isinstance(block, Paragraph) and block.keep_with_next


@dataclass
class Document:
    """A whole printable document: metadata and blocks in reading order."""

    meta: Meta
    blocks: list[Block] = field(default_factory=list)

    def add(self, *blocks: Block) -> None:
        """Append ``blocks`` at the end of the document."""
        self.blocks.extend(blocks)


class Role(str, Enum):
    """What part of a document a run of text belongs to (renderers give each its look)."""

    BODY = "body"
    HEADING = "heading"
    QUOTE = "quote"
    ATTRIBUTION = "attribution"
    TABLE_HEADER = "table-header"
    BOX_TITLE = "box-title"
    DATE = "date"
    KICKER = "kicker"
    TITLE = "title"
    SUBTITLE = "subtitle"
    COVER_LINE = "cover-line"
    NOTE = "note"
    HEADER = "header"


def text_runs(blocks: list[Block]) -> Iterator[tuple[Text, Role]]:
    """Yield every run of text of ``blocks`` in reading order, with the role of its place.

    The runs of a note follow its call, with the role NOTE.
    """

    def runs(content: Inlines, role: Role = Role.BODY) -> Iterator[tuple[Text, Role]]:
        for run in content:
            if isinstance(run, Note):
                yield from ((text, Role.NOTE) for text in run.content)
            else:
                yield run, role

    for block in blocks:
        match block:
            case Heading(content=content):
                yield from runs(content, Role.HEADING)
            case Paragraph(content=content):
                yield from runs(content)
            case Quote(content=content, attribution=attribution):
                yield from runs(content, Role.QUOTE)
                yield Text(attribution), Role.ATTRIBUTION
            case BulletList(items=items) | NumberedList(items=items) | Checklist(items=items):
                for item in items:
                    yield from runs(item)
            case Table(header=header, rows=rows):
                for cell in header:
                    yield from runs(cell, Role.TABLE_HEADER)
                for row in rows:
                    for cell in row:
                        yield from runs(cell)
            case Box(title=title, blocks=inner):
                yield Text(title), Role.BOX_TITLE
                yield from text_runs(inner)
            case Timeline(events=events):
                for event in events:
                    yield Text(event.when), Role.DATE
                    yield from runs(event.content)
            case SourceText(paragraphs=paragraphs):
                for index in block.printed():
                    yield from runs(paragraphs[index])
            case RunningHeader(text=text):
                yield Text(text), Role.HEADER
            case Cards(cards=cards):
                for card in cards:
                    yield from runs(card.front)
                    yield Text(card.back), Role.DATE
            case Cover(title=title, subtitle=subtitle, lines=lines, kicker=kicker):
                yield Text(kicker), Role.KICKER
                yield Text(title), Role.TITLE
                yield Text(subtitle), Role.SUBTITLE
                for line in lines:
                    yield Text(line), Role.COVER_LINE


def walk_text(blocks: list[Block]) -> list[str]:
    """Return every string of ``blocks`` in reading order (for checks and warnings)."""
    return [run.text for run, _role in text_runs(blocks) if run.text]
