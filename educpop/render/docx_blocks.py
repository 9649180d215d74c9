"""Block renderers of the DOCX renderer: one function per block type of the document model.

:func:`render_block` adds a block at the end of a container (the document body or
a table cell, for boxes); every paragraph it writes carries a named Word style.
"""

from __future__ import annotations

import dataclasses
import functools
import io
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.image.exceptions import InvalidImageStreamError, UnexpectedEndOfFileError, UnrecognizedImageError
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt, RGBColor, Twips
from docx.table import Table as DocxTable, _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

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
    Note,
    NumberedList,
    PageBreak,
    Paragraph,
    Quote,
    RunningHeader,
    SourceText,
    Table,
    Text,
    Timeline,
    keeps_with_next,
)
from educpop.errors import BuildError
from educpop.hyphenation import names
from educpop.render.cards import card_layout
from educpop.render.columns import column_widths
from educpop.render.docx_notes import Footnotes
from educpop.render.docx_styles import Numbering, word_name
from educpop.render.docx_xml import (
    element,
    forbid_row_split,
    hex_colour,
    mark_header_row,
    page_band,
    sanitise,
    set_cell_margins,
    set_cell_padding,
    set_language,
    set_shading,
    set_table_borders,
    set_table_indent,
    suppress_hyphenation,
)
from educpop.render.source_lines import PrintedParagraph
from educpop.stylesheet import (
    ANSWER_LINES_AFTER,
    ANSWER_LINES_BEFORE,
    BOX_AFTER,
    BOX_PADDING,
    BOXES,
    CARDS,
    CELL_PADDING,
    COVER_BAND_CM,
    COVER_LOGO_CM,
    COVER_ROOM_CM,
    COVER_ROOM_UNDER_LOGO_CM,
    HEADINGS,
    TABLE_RULE,
    TIMELINE_PADDING,
    Colour,
    Sheet,
    Style,
    paragraph_style,
)
from educpop.theme import Theme
from educpop.theme_assets import picture_bytes
from educpop.userfile import UnreadableFile

#: what a hyphen becomes in cells whose words are never cut
NO_BREAK_HYPHEN = "\u2011"
#: the language of names: none, so that neither Word nor LibreOffice hyphenates them
NO_LANGUAGE = "zxx"

#: the least height of the paragraph Word needs after a table, in points: after a box or a page of cards
SPACER_LEAST = 1.0

Container = DocxDocument | _Cell


def _twips(points: float) -> int:
    """Return ``points`` in twips, Word's twentieths of a point."""
    return round(points * 20)


@dataclass(frozen=True)
class Context:
    """What every block renderer needs: the document, the theme and where it stands."""

    doc: DocxDocument
    theme: Theme
    numbering: Numbering
    footnotes: Footnotes
    #: width available for the block, in twips
    width: int
    #: style id of every style name, looked up once (python-docx looks styles up slowly)
    style_ids: dict[str, str]
    #: the stylesheet at this document's body size
    sheet: Sheet
    #: every colour role, as "#RRGGBB"
    palette: dict[Colour, str]
    #: style of "body" paragraphs here (the body, or the text of a box)
    body_style: Style = Style.BODY


@functools.singledispatch
def render_block(block: Block, ctx: Context, container: Container) -> None:
    """Add ``block`` at the end of ``container``."""
    raise TypeError(f"the DOCX renderer does not know {type(block).__name__}")


def _restyle(ctx: Context, paragraph: DocxParagraph, style: Style) -> None:
    """Give ``paragraph`` the Word style of ``style``."""
    paragraph._p.get_or_add_pPr().style = ctx.style_ids[word_name(style)]


def _add(ctx: Context, container: Container, style: Style, text: str = "") -> DocxParagraph:
    """Return a new paragraph in ``style`` at the end of ``container``."""
    paragraph = container.add_paragraph(text)
    _restyle(ctx, paragraph, style)
    return paragraph


def _inlines(ctx: Context, paragraph: DocxParagraph, content: Inlines) -> DocxParagraph:
    """Append ``content`` as runs to ``paragraph`` (a note as a Word footnote) and return it."""
    for piece in content:
        if isinstance(piece, Note):
            ctx.footnotes.call(paragraph, piece)
            continue
        for text, name in _name_pieces(sanitise(piece.text)):
            first, *after_hyphens = text.split("-") if name else [text]
            run = paragraph.add_run(first)
            for part in after_hyphens:
                run._r.append(element("w:noBreakHyphen"))
                run._r.add_t(part)
            if name:
                set_language(run._r.get_or_add_rPr(), NO_LANGUAGE)
            if piece.bold:
                run.bold = True
            if piece.italic:
                run.italic = True
    return paragraph


def _name_pieces(text: str) -> Iterator[tuple[str, bool]]:
    """Yield ``text`` in pieces, each with whether it is a name, never to be cut at a line end.

    Word and LibreOffice hyphenate no text in a language without a dictionary;
    the hyphens of a name become ``w:noBreakHyphen``, at which they break no line
    (« Saint-Pétersbourg »), and which python-docx and Word's search read as "-".
    """
    start = 0
    for begin, end in names(text):
        if begin > start:
            yield text[start:begin], False
        yield text[begin:end], True
        start = end
    if start < len(text) or not text:
        yield text[start:], False


def _last_paragraph(container: Container) -> DocxParagraph | None:
    """Return the last block of ``container`` when it is a paragraph, else None."""
    parent = container._tc if isinstance(container, _Cell) else container.element.body
    # From the end: the body ends with its sectPr, a cell may start with its tcPr.
    last = next((c for c in reversed(parent) if c.tag in (qn("w:p"), qn("w:tbl"))), None)
    if last is not None and last.tag == qn("w:p"):
        return DocxParagraph(last, container)
    return None


@render_block.register
def _(block: Heading, ctx: Context, container: Container) -> None:
    if block.level not in (1, 2, 3):
        raise ValueError(f"heading level must be 1 to 3, got {block.level}")
    heading = _inlines(ctx, _add(ctx, container, HEADINGS[block.level]), block.content)
    heading.paragraph_format.keep_with_next = True  # whatever a reference document's Heading styles say


@render_block.register
def _(block: Paragraph, ctx: Context, container: Container) -> None:
    try:
        style = ctx.body_style if block.style == "body" else paragraph_style(block.style)
    except KeyError:
        raise ValueError(f"unknown paragraph style {block.style!r}") from None
    paragraph = _inlines(ctx, _add(ctx, container, style), block.content)
    if keeps_with_next(block):
        paragraph.paragraph_format.keep_with_next = True


@render_block.register
def _(block: BulletList, ctx: Context, container: Container) -> None:
    for item in block.items:
        _inlines(ctx, _add(ctx, container, Style.LIST_BULLET), item)


@render_block.register
def _(block: NumberedList, ctx: Context, container: Container) -> None:
    num_id = ctx.numbering.new_list(word_name(Style.LIST_NUMBER), block.start)
    for item in block.items:
        paragraph = _add(ctx, container, Style.LIST_NUMBER)
        numPr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        numPr.get_or_add_ilvl().val = 0
        numPr.get_or_add_numId().val = num_id
        _inlines(ctx, paragraph, item)


def _new_table(
    ctx: Context, container: Container, rows: int, weights: list[float], padding: int = _twips(CELL_PADDING[3])
) -> DocxTable:
    """Return a Table Grid table of ``rows`` rows with columns sized by relative ``weights``.

    The table spans the available width exactly: Word (before 2013 layout) and
    LibreOffice put the cell text, not the border, on the margin unless the table
    is indented by its cells' left ``padding`` (in twips).
    """
    table = container.add_table(rows=rows, cols=len(weights))
    table.style = ctx.doc.styles["Table Grid"]
    table.autofit = False
    if any(w <= 0 for w in weights):
        weights = [1.0] * len(weights)  # meaningless weights: share the width evenly
    widths = [int(ctx.width * w / sum(weights)) for w in weights]
    tblW = table._tbl.tblPr.find(qn("w:tblW"))
    if tblW is not None:
        tblW.set(qn("w:type"), "dxa")
        tblW.set(qn("w:w"), str(sum(widths)))
    set_table_indent(table._tbl.tblPr, padding)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Twips(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Twips(width)
    return table


def _after_table(ctx: Context, container: Container, space: float, collapsing: float = 0.0) -> None:
    """Leave ``space`` points after a table, then ``collapsing`` points the next paragraph's space before may share.

    Word needs a paragraph after a table (else it glues two tables together): it is
    exactly as high as the PDF's space, not a line of small print and its space
    after. Word and LibreOffice, like reportlab, leave the larger of a paragraph's
    space after and the next one's space before, so the ``collapsing`` part (the
    PDF's space after a box) is the paragraph's space after.
    """
    # python-docx ends a cell with an empty paragraph
    spacer = _last_paragraph(container) if isinstance(container, _Cell) else None
    spacer = spacer or _add(ctx, container, Style.SMALL)
    _restyle(ctx, spacer, Style.SMALL)
    spacing = spacer.paragraph_format
    spacing.space_before = Pt(0)
    spacing.space_after = Pt(collapsing)
    spacing.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    spacing.line_spacing = Pt(space)


def shrink_final_spacer(doc: DocxDocument) -> None:
    """Make the paragraph after a table that ends the document as low as can be.

    Word needs it, the PDF has no space there: a full last page would otherwise
    push it onto a page of its own, blank but for the footer.
    """
    last = _last_paragraph(doc)
    if last is None or last.text or last._p.getprevious() is None or last._p.getprevious().tag != qn("w:tbl"):
        return
    spacing = last.paragraph_format
    spacing.space_before = spacing.space_after = Pt(0)
    spacing.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    spacing.line_spacing = Pt(SPACER_LEAST)


def _cell_text(
    ctx: Context, cell: _Cell, content: Inlines, style: Style = Style.CELL, unbroken: bool = False
) -> None:
    """Write ``content`` into the first paragraph of ``cell`` in ``style``, never hyphenated.

    Word and LibreOffice would cut a narrow cell's words by their own rules, not
    educpop's (:mod:`educpop.hyphenation`), and lay the table out longer or
    shorter than the PDF: a cell is not hyphenated, and keeps the PDF's pages.
    """
    paragraph = cell.paragraphs[0]
    _restyle(ctx, paragraph, style)
    suppress_hyphenation(paragraph._p.get_or_add_pPr())
    if unbroken:
        # Word and LibreOffice break after a hyphen even with hyphenation off: « sous-groupes » must hold.
        content = [dataclasses.replace(run, text=run.text.replace("-", NO_BREAK_HYPHEN))
                   if isinstance(run, Text) else run for run in content]
    _inlines(ctx, paragraph, content)


@render_block.register
def _(block: Table, ctx: Context, container: Container) -> None:
    columns = max([len(block.header), *(len(row) for row in block.rows)], default=0)
    if columns == 0:
        return
    top, right, bottom, left = CELL_PADDING
    weights = column_widths(block, ctx.width / 20, ctx.theme.font, ctx.sheet[Style.CELL].size, (left + right) / 2)
    has_header = bool(block.header)
    table = _new_table(ctx, container, len(block.rows) + has_header, weights)
    # Word and LibreOffice give a row its rule's width besides its padding; reportlab draws the rule over it.
    set_cell_margins(table._tbl.tblPr, top=_twips(top - TABLE_RULE), right=_twips(right), bottom=_twips(bottom),
                     left=_twips(left))
    grid = ("single", round(TABLE_RULE * 8), ctx.palette[Colour.RULE])
    set_table_borders(table._tbl.tblPr, top=grid, left=grid, bottom=grid, right=grid, insideH=grid, insideV=grid)
    if has_header:
        header = table.rows[0]
        mark_header_row(header._tr.get_or_add_trPr())
        forbid_row_split(header._tr.get_or_add_trPr())
        for cell, content in zip(header.cells, block.header, strict=False):  # a short header leaves cells empty
            _cell_text(ctx, cell, content, Style.CELL_HEADER, unbroken=block.unbroken)
        for cell in header.cells:
            set_shading(cell._tc.get_or_add_tcPr(), ctx.palette[Colour.ACCENT])
    for row, contents in zip(table.rows[has_header:], block.rows, strict=True):
        forbid_row_split(row._tr.get_or_add_trPr())  # a row is read whole, as in the PDF
        for cell, content in zip(row.cells, contents, strict=False):  # a short row leaves cells empty
            _cell_text(ctx, cell, content, unbroken=block.unbroken)
        if block.row_height:
            row.height = Cm(ctx.sheet.row_height_cm(block.row_height))
            row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    if block.keep_together:
        _keep_rows_together(table)
    _after_table(ctx, container, ctx.sheet.table_after)


def _keep_rows_together(table: DocxTable) -> None:
    """Keep ``table`` on one page when it fits: each row kept with the next (Word's way)."""
    rows = list(table.rows)
    for index, row in enumerate(rows):
        if index < len(rows) - 1:
            for paragraph in (paragraph for cell in row.cells for paragraph in cell.paragraphs):
                paragraph.paragraph_format.keep_with_next = True


@render_block.register
def _(block: Quote, ctx: Context, container: Container) -> None:
    _inlines(ctx, _add(ctx, container, Style.QUOTE), block.content)
    if block.attribution:
        _add(ctx, container, Style.ATTRIBUTION, "\u2014 " + sanitise(block.attribution))


@render_block.register
def _(block: Box, ctx: Context, container: Container) -> None:
    if block.kind not in BOXES:
        raise ValueError(f"unknown box kind {block.kind!r}")
    look = BOXES[block.kind]
    # The title and the first block (with the paragraphs kept with it) share a row that never
    # splits; the rest has a row of its own that may run onto the next page: a long box is split
    # as in the PDF, but never leaves its title alone at the foot of a page.
    cut = next((index + 1 for index, child in enumerate(block.blocks) if not keeps_with_next(child)),
               len(block.blocks))
    head, rest = block.blocks[:cut], block.blocks[cut:]
    padding, left = _twips(BOX_PADDING), _twips(look.left_padding)
    table = _new_table(ctx, container, 1 + bool(rest), [1.0], padding=left)
    tblPr = table._tbl.tblPr
    border = ctx.palette[look.border]
    side = ("single", round(look.border_width * 8), border)
    others = None if look.left_rule else side
    set_table_borders(tblPr, top=others, left=side, bottom=others, right=others, insideH=None, insideV=None)
    set_cell_margins(tblPr, top=padding, right=padding, bottom=padding, left=left)
    forbid_row_split(table.rows[0]._tr.get_or_add_trPr())
    cells = [row.cells[0] for row in table.rows]
    for cell in cells:
        set_shading(cell._tc.get_or_add_tcPr(), ctx.palette[look.background])
    if rest:  # the two rows read as one box: no padding where they meet
        set_cell_padding(cells[0]._tc.get_or_add_tcPr(), bottom=0)
        set_cell_padding(cells[1]._tc.get_or_add_tcPr(), top=0)
    first = cells[0].paragraphs[0]
    _restyle(ctx, first, Style.BOX_TITLE)
    # The row keeps the title with the text; kept "with next" besides, it would make
    # LibreOffice keep the whole box on one page.
    first.paragraph_format.keep_with_next = False
    first.add_run(sanitise(block.title)).font.color.rgb = RGBColor.from_string(hex_colour(border))
    inner = dataclasses.replace(ctx, width=ctx.width - padding - left, body_style=Style.BOX_TEXT)
    for cell, blocks in zip(cells, (head, rest), strict=False):
        for child in blocks:
            render_block(child, inner, cell)
    if not block.title:
        _drop_first_empty(cells[0])
    if rest:
        _drop_first_empty(cells[1])
    # As in the PDF's cells, the box's padding is all the room above its first line and under its last.
    cells[0].paragraphs[0].paragraph_format.space_before = Pt(0)
    last = _last_paragraph(cells[-1])
    if last is not None:
        last.paragraph_format.space_after = Pt(0)
    _after_table(ctx, container, SPACER_LEAST, collapsing=ctx.sheet.body * BOX_AFTER)


def _drop_first_empty(cell: _Cell) -> None:
    """Remove the empty paragraph a new cell starts with, once something follows it."""
    first = cell.paragraphs[0]
    if not first.text and len(cell.paragraphs) > 1:
        cell._tc.remove(first._p)


@render_block.register
def _(block: AnswerLines, ctx: Context, container: Container) -> None:
    lines = [_add(ctx, container, Style.ANSWER_LINE) for _index in range(max(0, block.count))]
    if lines:
        # Room above the first line and under the last, as in the PDF, so that the
        # next question does not sit on the last line.
        gap = ctx.sheet.answer_line_gap_cm
        lines[0].paragraph_format.space_before = Cm(gap * ANSWER_LINES_BEFORE)
        lines[-1].paragraph_format.space_after = Cm(gap * ANSWER_LINES_AFTER)


@render_block.register
def _(block: Checklist, ctx: Context, container: Container) -> None:
    for item in block.items:
        paragraph = _add(ctx, container, Style.CHECKLIST, "\u2610\t")
        _inlines(ctx, paragraph, item)


@render_block.register
def _(block: Timeline, ctx: Context, container: Container) -> None:
    if not block.events:
        return
    top, right, bottom, left = (_twips(side) for side in TIMELINE_PADDING)
    table = _new_table(ctx, container, len(block.events), [1.0, 3.0], padding=0)
    set_cell_margins(table._tbl.tblPr, top=top, right=right, bottom=bottom, left=left)
    rule = ("single", 4, ctx.palette[Colour.RULE])
    set_table_borders(table._tbl.tblPr, top=rule, bottom=rule, insideH=rule, left=None, right=None, insideV=None)
    for row, event in zip(table.rows, block.events, strict=True):
        forbid_row_split(row._tr.get_or_add_trPr())
        date, what = row.cells
        set_cell_padding(date._tc.get_or_add_tcPr(), left=0, right=left)  # the dates line up with the text
        _cell_text(ctx, date, [Text(event.when)], Style.DATE)
        _cell_text(ctx, what, event.content)
    _after_table(ctx, container, ctx.sheet.table_after)


@render_block.register
def _(block: Cards, ctx: Context, container: Container) -> None:
    section = ctx.doc.sections[-1]
    # The page's text height but for the paragraph Word needs after each table (and a point to spare).
    paper, top, bottom = (int(side or 0) for side in (section.page_height, section.top_margin, section.bottom_margin))
    height = Emu(paper - top - bottom).pt - SPACER_LEAST - 1
    layout = card_layout(block, ctx.width / 20, height, ctx.theme.font, ctx.theme.base_size)
    cut = ("dashed", round(CARDS.cut_width * 8), ctx.palette[CARDS.cut_colour])
    pages = layout.pages(block)
    for number, page in enumerate(pages):
        # Turned over on the long edge, the left card's back is on the right.
        backs: list[list[Inlines]] = [[[Text(card.back, bold=True)] if card else [] for card in reversed(row)]
                                      for row in page]
        fronts: list[list[Inlines]] = [[card.front if card else [] for card in row] for row in page]
        for side, rows in (("front", fronts), ("back", backs)):
            table = _new_table(ctx, container, len(rows), [1.0] * block.columns, padding=round(CARDS.padding * 20))
            set_table_borders(table._tbl.tblPr, top=cut, left=cut, bottom=cut, right=cut, insideH=cut, insideV=cut)
            size = Pt(layout.front_size if side == "front" else layout.back_size)
            for row, contents in zip(table.rows, rows, strict=True):
                row.height = Pt(layout.height)
                row.height_rule = WD_ROW_HEIGHT_RULE.EXACTLY
                forbid_row_split(row._tr.get_or_add_trPr())
                for cell, content in zip(row.cells, contents, strict=True):
                    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
                    paragraph = cell.paragraphs[0]
                    _restyle(ctx, paragraph, Style.CELL)
                    suppress_hyphenation(paragraph._p.get_or_add_pPr())  # a card is read at arm's length: never cut
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                    _inlines(ctx, paragraph, content)
                    for run in paragraph.runs:
                        run.font.size = size
            _after_table(ctx, container, SPACER_LEAST)
            if side == "front" or number < len(pages) - 1:
                render_block(PageBreak(), ctx, container)


@render_block.register
def _(block: RunningHeader, ctx: Context, container: Container) -> None:
    pass  # the header of a section: see educpop.render.docx; inside a box it has no meaning


@render_block.register
def _(block: SourceText, ctx: Context, container: Container) -> None:
    # At top level the renderer writes the printed lines in a line-numbered section
    # (write_source); in a box there is no section to number, so the text is printed plain.
    for index in block.printed():
        style = Style.SOURCE_HEADING if index in block.headings else Style.SOURCE
        _inlines(ctx, _add(ctx, container, style), block.paragraphs[index])


def write_source(printed: list[PrintedParagraph], ctx: Context, container: Container) -> None:
    """Add the paragraphs of a source text, each printed line of the PDF ended by a line break.

    Word and LibreOffice then number exactly the PDF's lines: the lines were broken
    narrower than the DOCX's text, and the paragraphs are not hyphenated again.
    """
    for paragraph in printed:
        out = _add(ctx, container, Style.SOURCE_HEADING if paragraph.heading else Style.SOURCE)
        suppress_hyphenation(out._p.get_or_add_pPr())
        for index, line in enumerate(paragraph.lines):
            if index:
                out.add_run().add_break(WD_BREAK.LINE)
            _inlines(ctx, out, line.content)


def _picture(ctx: Context, paragraph: DocxParagraph, path: Path, width_cm: float) -> None:
    """Add the picture at ``path`` to ``paragraph``, ``width_cm`` wide but never wider than the text."""
    try:
        data = picture_bytes(Path(path), ctx.theme.folder)
    except UnreadableFile as error:
        what = "introuvable" if error.missing else "illisible"
        raise BuildError(f"image {what} : {path} ({error.message})") from None
    width = min(Cm(width_cm), Twips(ctx.width))
    try:
        paragraph.add_run().add_picture(io.BytesIO(data), width=Emu(width))
    except (
        UnrecognizedImageError, InvalidImageStreamError, UnexpectedEndOfFileError, ValueError, struct.error
    ) as error:  # a damaged or unsupported file
        raise BuildError(f"image illisible (PNG, JPEG, GIF ou BMP attendu) : {path}") from error


@render_block.register
def _(block: Image, ctx: Context, container: Container) -> None:
    _picture(ctx, container.add_paragraph(), block.path, block.width_cm)


@render_block.register
def _(block: Cover, ctx: Context, container: Container) -> None:
    logo = block.logo or ctx.theme.logo
    first: DocxParagraph | None = None
    if logo is not None:
        first = _add(ctx, container, Style.COVER_LINE)
        first.paragraph_format.space_after = Pt(ctx.sheet[Style.BODY].after)
        _picture(ctx, first, logo, COVER_LOGO_CM)
    room = Cm(COVER_ROOM_CM if logo is None else COVER_ROOM_UNDER_LOGO_CM)
    if block.kicker:
        kicker = _add(ctx, container, Style.COVER_KICKER, sanitise(block.kicker))
        kicker.paragraph_format.space_before = room
        first = first or kicker
    title = _add(ctx, container, Style.COVER_TITLE, sanitise(block.title))
    if not block.kicker:
        title.paragraph_format.space_before = room
    if not isinstance(container, _Cell):  # in a box, a cover is only its words
        _cover_band(ctx, first or title)
    if block.subtitle:
        _add(ctx, container, Style.COVER_SUBTITLE, sanitise(block.subtitle))
    for line in block.lines:
        _add(ctx, container, Style.COVER_LINE, sanitise(line))
    render_block(PageBreak(), ctx, container)


def _cover_band(ctx: Context, paragraph: DocxParagraph) -> None:
    """Anchor the cover's band to ``paragraph``: across the paper's top in the theme's colour, the organisation white.

    As the PDF draws it: over the top margin, taking no room from the text; the
    name starts where the text does.
    """
    section = ctx.doc.sections[-1]
    paper, margin = int(section.page_width or 0), int(section.left_margin or 0)
    shape_id = 1 + max((int(i) for i in ctx.doc.element.body.xpath("//wp:docPr/@id")), default=0)
    drawing, text = page_band(paper, Cm(COVER_BAND_CM), ctx.palette[Colour.PRIMARY], margin, shape_id)
    paragraph.add_run()._r.append(drawing)
    look = ctx.sheet[Style.COVER_BAND]
    name = DocxParagraph(OxmlElement("w:p"), paragraph._parent)
    text.append(name._p)
    _restyle(ctx, name, Style.COVER_LINE)
    name.paragraph_format.space_after = Pt(0)
    run = name.add_run(sanitise(ctx.theme.organisation))
    run.bold = look.bold
    run.font.size = Pt(look.size)
    run.font.color.rgb = RGBColor.from_string(hex_colour(ctx.palette[look.colour]))


@render_block.register
def _(block: PageBreak, ctx: Context, container: Container) -> None:
    # A break at the end of the previous paragraph, not in a paragraph of its own,
    # so the next page does not start with an empty line.
    paragraph = _last_paragraph(container) or container.add_paragraph()
    paragraph.add_run().add_break(WD_BREAK.PAGE)
