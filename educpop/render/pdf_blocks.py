"""Blocks to platypus flowables: one method per kind of block of the document model."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import (
    Flowable,
    Image as RLImage,
    KeepTogether,
    ListItem,
    NextPageTemplate,
    PageBreak as RLPageBreak,
    Paragraph as RLParagraph,
    Spacer,
    Table as RLTable,
    TableStyle,
)

from educpop.document import (
    AnswerLines,
    Block,
    Box,
    BulletList,
    Cards,
    Checklist,
    Cover,
    Heading,
    Image,
    Inlines,
    NumberedList,
    PageBreak,
    Paragraph,
    Quote,
    RunningHeader,
    SourceText,
    Table,
    Timeline,
    TimelineEvent,
    inline_text,
    keeps_with_next,
)
from educpop.errors import BuildError
from educpop.hyphenation import is_short_cell
from educpop.render.cards import card_layout
from educpop.render.columns import column_widths
from educpop.render.pdf_flowables import (
    BoxTable,
    FrontPage,
    HeadingParagraph,
    HeldInCell,
    KeepWithNext,
    NoteList,
    NumberedParagraph,
    PartStart,
    RowTable,
    RuledLines,
    RuledParagraph,
    SetRunningHeader,
    escape_text,
    markup,
    plain_text,
)
from educpop.render.pdf_notes import KeepsNoteRoom, NoteParagraph, PageNotes
from educpop.render.pdf_page import BODY, COVER
from educpop.render.pdf_styles import Styles
from educpop.render.source_lines import printed_paragraphs
from educpop.stylesheet import (
    BOX_AFTER,
    BOX_BEFORE,
    BOX_PADDING,
    CARDS,
    CELL_PADDING,
    COVER_LOGO_CM,
    COVER_ROOM_CM,
    COVER_ROOM_UNDER_LOGO_CM,
    HEADINGS,
    TABLE_RULE,
    TIMELINE_PADDING,
    Colour,
    Style,
    paragraph_style,
)
from educpop.theme import Theme
from educpop.theme_assets import picture_bytes
from educpop.userfile import UnreadableFile


def _unbroken(style: ParagraphStyle) -> ParagraphStyle:
    """Return ``style`` for cells whose words are never cut: no hyphenation, no long word split."""
    return ParagraphStyle(f"{style.name}_unbroken", parent=style, hyphenationLang="", splitLongWords=0)


def keep_with_next(held: list[Flowable], following: Flowable) -> Flowable:
    """Return ``held`` (a heading and its furniture) kept with the start of ``following``.

    Built here rather than by reportlab's keepWithNext, which never groups a
    heading with a list (a container) and keeps it with all of a long table.
    """
    for flowable in held:
        flowable.keepWithNext = 0  # grouped already: the doc template must not group them again
    return KeepWithNext([*held, following])


class Builder:
    """Turns blocks into platypus flowables for one render."""

    def __init__(self, styles: Styles, theme: Theme, frame_height: float, notes: PageNotes,
                 source_width: float) -> None:
        self.styles = styles
        #: the width the lines of a source text are printed in, as the DOCX renderer prints them
        self.source_width = source_width
        self.theme = theme
        #: numbers the notes and prints them at the foot of their page
        self.notes = notes
        #: how many tables, lists or boxes the block being built is inside
        self.containers = 0
        #: free height from which a table row may be cut across pages
        self.fresh_height = frame_height * 0.8
        self.frame_height = frame_height
        #: the page each part of the document but the first starts on, as it is laid out (PageBreak.part)
        self.part_starts: list[int] = []

    def table_style(self, commands: Sequence[tuple[object, ...]]) -> TableStyle:
        """Return ``commands`` as a TableStyle in the theme's font (reportlab's default is Helvetica)."""
        font = ("FONT", (0, 0), (-1, -1), self.styles.fonts.regular, self.styles[Style.CELL].fontSize)
        return TableStyle([font, *commands])

    def story(self, blocks: list[Block], width: float) -> list[Flowable]:
        """Return the flowables of a whole document, with covers on pages of their own.

        Breaks are held until content follows them, so that a break at the start,
        at the end, after a cover or after another break never prints a blank page
        (but for the blank back a new sheet may need). A running header, and the
        part a break ends the one before of, start with the block that follows it.
        """
        out: list[Flowable] = []
        #: a heading and the short paragraphs under it, waiting to be kept with what follows
        held: list[Flowable] = []
        started = pending_break = new_sheet = part_end = after_cover = False
        header: str | None = None
        for block in blocks:
            match block:
                case PageBreak():
                    pending_break = started
                    new_sheet = started and (new_sheet or block.new_sheet)
                    part_end = started and (part_end or block.part)
                case RunningHeader(text=text):
                    header = text
                case Cover():
                    out += held
                    held = []
                    if started:
                        out += [NextPageTemplate(COVER), RLPageBreak()]
                    out += [PartStart(self.part_starts)] if part_end else []
                    out += self.cover(block, width)
                    started = pending_break = after_cover = True
                    new_sheet = part_end = False
                case _:
                    if pending_break or header is not None:
                        out += held
                        held = []
                    if pending_break:
                        out += [NextPageTemplate(BODY)] if after_cover else []
                        out.append(RLPageBreak())
                        out += [FrontPage()] if new_sheet else []
                        out += [PartStart(self.part_starts)] if part_end else []
                    if header is not None:
                        out.append(SetRunningHeader(header))
                        header = None
                    flowables = self.flowables(block, width)
                    started = True
                    pending_break = new_sheet = part_end = after_cover = False
                    if keeps_with_next(block):
                        held += flowables
                    elif held and flowables:
                        out += [keep_with_next(held, flowables[0]), *flowables[1:]]
                        held = []
                    else:
                        out += flowables
        return out + held

    def flowables(self, block: Block, width: float) -> list[Flowable]:
        """Return the flowables of one block laid out ``width`` points wide.

        A table, a list or a box keeps room on its page for every note called
        inside it; the paragraphs inside it then keep none of their own.
        """
        called = self.notes.count
        container = not isinstance(block, (Heading, Paragraph, Quote, SourceText))
        self.containers += container
        try:
            flowables = self._flowables(block, width)
        finally:
            self.containers -= container
        held = tuple(range(called + 1, self.notes.count + 1))
        for flowable in flowables:
            if held and isinstance(flowable, KeepsNoteRoom):
                flowable.notes, flowable.held_notes = self.notes, held
        return flowables

    def _flowables(self, block: Block, width: float) -> list[Flowable]:
        s = self.styles
        match block:
            case Heading(level=level, content=content):
                level = min(max(level, 1), 3)
                heading = self.text(content, s[HEADINGS[level]], HeadingParagraph)
                heading.outline = (plain_text(content), level)
                return [heading]
            case Paragraph(content=content, style=style):
                return [self.paragraph(content, style)]
            case BulletList(items=items):
                return self.listing(items, bullet="•", kind="bullet")
            case NumberedList(items=items, start=start):
                return self.listing(items, bullet=str(start), kind="1")
            case Checklist(items=items):
                return self.listing(items, bullet="☐", kind="bullet", bullet_scale=1.3)
            case Table():
                return self.table(block, width)
            case Quote(content=content, attribution=attribution):
                quote = self.text(content, s[Style.QUOTE])
                if not attribution:
                    return [quote]
                who = RLParagraph("— " + escape_text(attribution), s[Style.ATTRIBUTION])
                return [KeepTogether([quote, who])]
            case Box():
                return self.box(block, width)
            case AnswerLines(count=count):
                gap = s.sheet.answer_line_gap_cm * cm
                return [RuledLines(count, gap, s.colour[Colour.WRITING_LINE])] if count > 0 else []
            case Timeline(events=events):
                return self.timeline(events, width)
            case SourceText():
                # in a box, the lines fit the box; no other copy numbers them
                return self.source(block, width if self.containers else self.source_width)
            case Image(path=path, width_cm=width_cm):
                return [self.image(path, width_cm * cm, width)]
            case Cover():
                return self.cover(block, width)
            case PageBreak():
                return [RLPageBreak(), *([FrontPage()] if block.new_sheet else [])]
            case RunningHeader(text=text):
                return [SetRunningHeader(text)]
            case Cards():
                return self.cards(block, width)
        raise TypeError(f"bloc inconnu du rendu PDF : {type(block).__name__}")

    def paragraph(self, content: Inlines, name: str) -> Flowable:
        """Return a paragraph in one of the PARAGRAPH_STYLES."""
        try:
            style = paragraph_style(name)  # type: ignore[arg-type]  # a name from outside the model is refused here
        except KeyError:
            raise ValueError(f"style de paragraphe inconnu : {name!r}") from None
        if self.styles.sheet[style].rule == "left":
            paragraph = self.text(content, self.styles[style], RuledParagraph)
            paragraph.rule_colour = self.styles.colour[Colour.PRIMARY]
            return paragraph
        return self.text(content, self.styles[style])

    def text(self, content: Inlines, style: ParagraphStyle, kind: type[NoteParagraph] = NoteParagraph) -> Any:
        """Return ``content`` as a paragraph of ``kind`` that keeps room on its page for the notes it calls."""
        paragraph = kind(markup(content, self.notes), style)
        paragraph.notes = None if self.containers else self.notes
        return paragraph

    def listing(self, items: list[Inlines], bullet: str, kind: str, bullet_scale: float = 1.0) -> list[Flowable]:
        """Return a bulleted, numbered or check list (nothing for no items)."""
        if not items:
            return []
        body = self.styles[Style.BODY]
        look = self.styles.sheet[Style.CHECKLIST if bullet == "☐" else Style.LIST_NUMBER if kind == "1" else
                                 Style.LIST_BULLET]
        numbered = kind == "1"
        listing = NoteList(
            [ListItem(self.text(item, body), spaceAfter=0 if look.packed else look.after) for item in items],
            bulletType=kind,
            start=bullet,
            bulletFormat="%s." if numbered else None,
            bulletFontName=self.styles.fonts.bold if numbered else self.styles.fonts.regular,
            bulletFontSize=look.size * bullet_scale,
            bulletColor=self.styles.colour[Colour.PRIMARY],
            leftIndent=look.left_indent,
            spaceAfter=look.after,
        )
        return [listing]

    def cells(self, row: list[Inlines], columns: int, style: ParagraphStyle, whole: ParagraphStyle) -> list[Flowable]:
        """Return one wrapped paragraph per cell, padding short rows with empty cells; short cells in ``whole``."""
        if len(row) > columns:
            raise ValueError(f"ligne de tableau à {len(row)} cellules pour {columns} colonnes")
        cells: list[Flowable] = [self.text(cell, whole if is_short_cell(inline_text(cell)) else style) for cell in row]
        cells += [RLParagraph("", style) for _ in range(columns - len(row))]
        return cells

    def table(self, block: Table, width: float) -> list[Flowable]:
        """Return a table whose header row repeats on every page and whose cells wrap."""
        s = self.styles
        columns = len(block.header) or max((len(row) for row in block.rows), default=0)
        if columns == 0:
            return []
        if block.widths and (len(block.widths) != columns or any(w <= 0 for w in block.widths)):
            raise ValueError(f"largeurs de tableau {block.widths!r} pour {columns} colonnes")
        top, right, bottom, left = CELL_PADDING
        col_widths = column_widths(block, width, self.theme.font, s[Style.CELL].fontSize, (left + right) / 2)
        cell, short, header = s[Style.CELL], s.whole(Style.CELL), s[Style.CELL_HEADER]
        if block.unbroken:
            cell, short, header = _unbroken(cell), _unbroken(short), _unbroken(header)
        data = [self.cells(row, columns, cell, short) for row in block.rows]
        if block.header:
            data.insert(0, self.cells(block.header, columns, header, header))
        style = [
            ("GRID", (0, 0), (-1, -1), TABLE_RULE, s.colour[Colour.RULE]),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), left),
            ("RIGHTPADDING", (0, 0), (-1, -1), right),
            ("TOPPADDING", (0, 0), (-1, -1), top),
            ("BOTTOMPADDING", (0, 0), (-1, -1), bottom),
        ]
        if block.header:
            style += [
                ("BACKGROUND", (0, 0), (-1, 0), s.colour[Colour.ACCENT]),
                ("LINEBELOW", (0, 0), (-1, 0), 1, s.colour[Colour.PRIMARY]),
            ]
        row_heights: list[float | None] | None = None
        if block.row_height:
            least = s.sheet.row_height_cm(block.row_height) * cm
            natural = [
                max(cell.wrap(w - left - right, s.base_size * 100)[1] for cell, w in zip(row, col_widths, strict=True))
                + top + bottom
                for row in data
            ]
            row_heights = [None] * bool(block.header) + [max(least, h) for h in natural[bool(block.header):]]
        table = RowTable(
            data,
            colWidths=col_widths,
            rowHeights=row_heights,
            repeatRows=1 if block.header else 0,
            hAlign="LEFT",
            style=self.table_style(style),
        )
        table.fresh_height = self.fresh_height
        return [KeepTogether([table]) if block.keep_together else table, Spacer(1, s.sheet.table_after)]

    def box(self, block: Box, width: float) -> list[Flowable]:
        """Return a framed box; one table row per inner block, so that it splits across pages."""
        s = self.styles
        look = s.box(block.kind)
        background, border = s.colour[look.background], s.colour[look.border]
        inner = width - BOX_PADDING - look.left_padding
        rows: list[list[list[Flowable]]] = []
        #: a paragraph kept with the next block shares that block's row, so no page ends after it
        kept: list[Flowable] = []
        for child in block.blocks:
            if isinstance(child, (PageBreak, Cover)):
                continue
            flowables = self.flowables(child, inner)
            if isinstance(child, Paragraph) and child.keep_with_next:
                kept += flowables
            elif kept and flowables:
                rows.append([[HeldInCell([*kept, flowables[0]]), *flowables[1:]]])
                kept = []
            elif flowables:
                rows.append([flowables])
        if kept:
            rows.append([kept])
        if block.title:
            title_style = s[Style.BOX_TITLE].clone("box_title_kind", textColor=border)
            title = RLParagraph(escape_text(block.title), title_style)
            # The title shares the first row with the first block, so it never ends a page alone.
            if rows:
                rows[0][0].insert(0, title)
            else:
                rows.append([[title]])
        if not rows:
            return []
        style: list[tuple[object, ...]] = [
            ("BACKGROUND", (0, 0), (-1, -1), background),
            ("LEFTPADDING", (0, 0), (-1, -1), look.left_padding),
            ("RIGHTPADDING", (0, 0), (-1, -1), BOX_PADDING),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ("TOPPADDING", (0, 0), (-1, 0), BOX_PADDING),
            ("BOTTOMPADDING", (0, -1), (-1, -1), BOX_PADDING),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
        if look.left_rule:
            style.append(("LINEBEFORE", (0, 0), (0, -1), look.border_width, border))
        else:
            style.append(("BOX", (0, 0), (-1, -1), look.border_width, border))
        # Cut inside a block rather than between blocks, so the part on the first page
        # fills it; never leave less than two lines on either side.
        table = BoxTable(
            rows,
            colWidths=[width],
            splitByRow=0,
            splitInRow=round(s[Style.BODY].leading * 2 + BOX_PADDING),
            hAlign="LEFT",
            style=self.table_style(style),
        )
        table.spaceBefore = s.base_size * BOX_BEFORE
        table.spaceAfter = s.base_size * BOX_AFTER
        table.fresh_height = self.fresh_height
        if block.title:
            # splitInRow may cut right after the title: start on a new page unless a few lines fit.
            # (Not a CondPageBreak: that would stop a heading before the box from keeping with it.)
            table.min_first = s[Style.BODY].leading * 5
        return [table]

    def timeline(self, events: list[TimelineEvent], width: float) -> list[Flowable]:
        """Return a two-column chronology: the date in bold left of a rule, the event right."""
        s = self.styles
        if not events:
            return []
        when_width = min(4.2 * cm, width * 0.3)
        data = [
            [RLParagraph(escape_text(event.when), s[Style.DATE]), self.text(event.content, s[Style.CELL])]
            for event in events
        ]
        table = RowTable(
            data,
            colWidths=[when_width, width - when_width],
            hAlign="LEFT",
            style=self.table_style(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEAFTER", (0, 0), (0, -1), 1.5, s.colour[Colour.PRIMARY]),
                    ("LEFTPADDING", (0, 0), (0, -1), 0),
                    ("RIGHTPADDING", (0, 0), (0, -1), TIMELINE_PADDING[3]),
                    ("LEFTPADDING", (1, 0), (1, -1), TIMELINE_PADDING[3]),
                    ("RIGHTPADDING", (1, 0), (1, -1), TIMELINE_PADDING[1]),
                    ("TOPPADDING", (0, 0), (-1, -1), TIMELINE_PADDING[0]),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), TIMELINE_PADDING[2]),
                ]
            ),
        )
        table.fresh_height = self.fresh_height
        return [table, Spacer(1, s.sheet.table_after)]

    def cards(self, block: Cards, width: float) -> list[Flowable]:
        """Return a page of card fronts then the page of their backs, columns mirrored, for each page of cards."""
        # A point to spare, as in the DOCX.
        layout = card_layout(block, width, self.frame_height - 1, self.theme.font, self.styles.base_size)
        front = self.styles[Style.CELL].clone("card_front", fontSize=layout.front_size, alignment=TA_CENTER,
                                       leading=layout.front_size * CARDS.leading, hyphenationLang="")
        back = front.clone("card_back", fontName=self.styles.fonts.bold, fontSize=layout.back_size,
                           leading=layout.back_size * CARDS.leading)
        style = self.table_style([
            ("GRID", (0, 0), (-1, -1), CARDS.cut_width, self.styles.colour[CARDS.cut_colour], None, CARDS.cut_dash),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            *((side, (0, 0), (-1, -1), CARDS.padding) for side in ("LEFTPADDING", "RIGHTPADDING")),
            *((side, (0, 0), (-1, -1), 0) for side in ("TOPPADDING", "BOTTOMPADDING")),
        ])
        out: list[Flowable] = []
        for page in layout.pages(block):
            fronts = [[self.text(card.front, front) if card else "" for card in row] for row in page]
            # Turned over on the long edge, the left card's back is on the right.
            backs = [[RLParagraph(escape_text(card.back), back) if card else "" for card in reversed(row)]
                     for row in page]
            for rows in (fronts, backs):
                out += [RLPageBreak()] if out else []
                out.append(RowTable(rows, colWidths=[layout.width] * block.columns,
                                    rowHeights=[layout.height] * len(rows), style=style))
        return out

    def source(self, block: SourceText, width: float) -> list[Flowable]:
        """Return the printed paragraphs of a text to study, ``width`` points wide, numbered every few lines."""
        s = self.styles
        numbers = s[Style.LINE_NUMBER]
        out: list[Flowable] = []
        for printed in printed_paragraphs(block, s, width):
            style = s[Style.SOURCE_HEADING if printed.heading else Style.SOURCE]
            lines = [(markup(line.content, self.notes), line.cut) for line in printed.lines]
            paragraph = NumberedParagraph.of_lines(lines, style, printed.first, block.number_every)
            paragraph.notes = None if self.containers else self.notes
            paragraph.number_font = numbers.fontName
            paragraph.number_size = numbers.fontSize
            paragraph.number_colour = numbers.textColor
            out.append(paragraph)
        return out

    def image(self, path: Path, wanted: float, room: float) -> Flowable:
        """Return a picture ``wanted`` points wide (at most ``room``), keeping its aspect ratio."""
        try:
            data = picture_bytes(Path(path), self.theme.folder)
            pixels_wide, pixels_high = ImageReader(io.BytesIO(data)).getSize()
        except UnreadableFile as error:
            raise BuildError(f"image illisible : {path} ({error.message})") from None
        except Exception as error:  # reportlab raises bare OSError/IOError subclasses and more
            raise BuildError(f"image illisible : {path} ({error})") from error
        shown = min(wanted, room)
        picture = RLImage(io.BytesIO(data), width=shown, height=shown * pixels_high / pixels_wide)
        picture.hAlign = "LEFT"
        picture.spaceAfter = self.styles[Style.BODY].spaceAfter
        return picture

    def cover(self, block: Cover, width: float) -> list[Flowable]:
        """Return the contents of a title page (the band is drawn by the cover template)."""
        s = self.styles
        out: list[Flowable] = []
        logo = block.logo or self.theme.logo
        if logo is not None:
            out += [self.image(logo, COVER_LOGO_CM * cm, width)]
        out.append(Spacer(1, (COVER_ROOM_CM if logo is None else COVER_ROOM_UNDER_LOGO_CM) * cm))
        if block.kicker:
            out.append(RLParagraph(escape_text(block.kicker), s[Style.COVER_KICKER]))
        out.append(RLParagraph(escape_text(block.title), s[Style.COVER_TITLE]))
        rule = RLTable([[""]], colWidths=[width * 0.25], rowHeights=[3], hAlign="LEFT")
        rule.setStyle(self.table_style([("BACKGROUND", (0, 0), (-1, -1), s.colour[Colour.PRIMARY])]))
        out += [rule, Spacer(1, s.base_size)]
        if block.subtitle:
            out.append(RLParagraph(escape_text(block.subtitle), s[Style.COVER_SUBTITLE]))
        for line in block.lines:
            out.append(RLParagraph(escape_text(line), s[Style.COVER_LINE]))
        return out

