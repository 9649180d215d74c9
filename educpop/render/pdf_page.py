"""Pages of the PDF renderer: the doc template (frames, bookmarks) and the footer canvas."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from educpop.render.measure import shortened
from educpop.render.pdf_flowables import HeadingParagraph, KeepWithNext
from educpop.render.pdf_notes import CALLBACK, PageNotes
from educpop.stylesheet import COVER_BAND_CM, FOOTER_ROOM_CM

#: template names
BODY = "body"
COVER = "cover"


@dataclass(frozen=True)
class PageLook:
    """What the page furniture (footer, cover band) shows and in which styles."""

    session_title: str
    footer: str
    organisation: str
    #: the session title and page number
    footer_style: ParagraphStyle
    #: the theme's footer text (a licence), under them
    footer_note_style: ParagraphStyle
    #: the organisation's name in the cover band
    band_style: ParagraphStyle
    primary: colors.Color
    #: distance from the paper edge to the text, on every side
    margin: float


class FooterCanvas(Canvas):
    """A canvas that holds its pages back until the end, to print "page X / N" on each.

    Pages laid out under the cover template set ``educpop_cover`` and get no footer.
    ``educpop_header``, once set, is printed at the top of every page but a blank
    one (``educpop_blank``, the back left empty before a new sheet).
    Bookmarks are held back with their page: a destination names the page the PDF
    document is at when it is made, and pages only reach it in :meth:`save`.
    """

    def __init__(self, *args: Any, look: PageLook, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.look = look
        self.educpop_cover = False
        self.educpop_header = ""
        self.educpop_blank = False
        self._bookmarks: list[tuple[str, dict[str, Any]]] = []
        self._pages: list[dict[str, Any]] = []

    def bookmarkPage(self, key: str, **kwargs: Any) -> None:  # noqa: N802 (reportlab's name)
        self._bookmarks.append((key, kwargs))

    def showPage(self) -> None:  # noqa: N802 (reportlab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()
        self.educpop_blank = False
        self._bookmarks = []

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            for key, kwargs in self._bookmarks:
                super().bookmarkPage(key, **kwargs)
            if not self.educpop_cover:
                self._draw_footer(number, total)
                if self.educpop_header and not self.educpop_blank:
                    self._draw_header(self.educpop_header)
            super().showPage()
        super().save()

    def _draw_footer(self, number: int, total: int) -> None:
        look = self.look
        width, _height = self._pagesize
        left, right = look.margin, width - look.margin
        style, note = look.footer_style, look.footer_note_style
        font, size = style.fontName, style.fontSize
        # the lines sit in the bottom margin, which a larger footer needs more of
        y = max(look.margin * 0.55, note.leading + look.margin * 0.2) if look.footer else look.margin * 0.55
        self.saveState()
        self.setStrokeColor(look.primary)
        self.setLineWidth(0.6)
        self.line(left, y + style.leading, right, y + style.leading)
        self.setFillColor(style.textColor)
        self.setFont(font, size)
        page = f"page {number} / {total}"
        self.drawRightString(right, y, page)
        room = right - left - stringWidth(page, font, size) - size * 2
        self.drawString(left, y, shortened(look.session_title, font, size, room))
        if look.footer:
            self.setFont(note.fontName, note.fontSize)
            self.drawCentredString(
                (left + right) / 2, y - note.leading,
                shortened(look.footer, note.fontName, note.fontSize, right - left),
            )
        self.restoreState()


    def _draw_header(self, text: str) -> None:
        look = self.look
        width, height = self._pagesize
        left, right = look.margin, width - look.margin
        size, font = look.footer_style.fontSize, look.band_style.fontName  # the footer's size, in bold
        y = height - look.margin * 0.55 - size
        self.saveState()
        self.setStrokeColor(look.primary)
        self.setLineWidth(0.6)
        self.line(left, y - size * 0.6, right, y - size * 0.6)
        self.setFillColor(colors.HexColor("#333333"))
        self.setFont(font, size)
        self.drawString(left, y, shortened(text, font, size, right - left))
        self.restoreState()


class EducpopDocTemplate(BaseDocTemplate):
    """A body template and a cover template; every laid-out heading becomes a bookmark."""

    def __init__(self, stream: Any, look: PageLook, note_style: ParagraphStyle, rule: colors.Color, first: str,
                 smallest: float = 0.0, **kwargs: Any) -> None:
        super().__init__(
            stream,
            leftMargin=look.margin,
            rightMargin=look.margin,
            topMargin=look.margin,
            bottomMargin=look.margin + FOOTER_ROOM_CM * cm,
            keepTogetherClass=KeepWithNext,
            **kwargs,
        )
        self.look = look
        #: the footnotes, printed at the foot of the frame of each page
        self.notes = PageNotes(note_style, self.width, self.height, rule, smallest)
        self._bookmarks = 0
        self._outline_level = -1
        # The text fills the margins (reportlab's frames keep 6 points inside them, tables did not),
        # as in the DOCX.
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="text",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        body = PageTemplate(BODY, [frame], onPage=self._on_body_page, onPageEnd=self._on_page_end)
        cover = PageTemplate(COVER, [frame], onPage=self._on_cover_page, onPageEnd=self._on_page_end)
        templates = [cover, body] if first == COVER else [body, cover]
        self.addPageTemplates(templates)

    def _on_body_page(self, canvas: Canvas, _doc: BaseDocTemplate) -> None:
        canvas.educpop_cover = False

    def _on_page_end(self, canvas: Canvas, _doc: BaseDocTemplate) -> None:
        self.notes.end_page(canvas, self.frame)

    def _on_cover_page(self, canvas: Canvas, _doc: BaseDocTemplate) -> None:
        canvas.educpop_cover = True
        look = self.look
        width, height = self.pagesize
        band = COVER_BAND_CM * cm
        canvas.saveState()
        canvas.setFillColor(look.primary)
        canvas.rect(0, height - band, width, band, stroke=0, fill=1)
        if look.organisation:
            style = look.band_style
            canvas.setFillColor(style.textColor)
            canvas.setFont(style.fontName, style.fontSize)
            text = shortened(look.organisation, style.fontName, style.fontSize, width - 2 * look.margin)
            canvas.drawString(look.margin, height - band / 2 - style.fontSize * 0.36, text)
        canvas.restoreState()

    def beforeDocument(self) -> None:  # noqa: N802 (reportlab's name)
        self.canv.showOutline()
        self.canv.setNamedCB(CALLBACK, self.notes.placed)

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 (reportlab's name)
        if not isinstance(flowable, HeadingParagraph) or flowable.outline is None:
            return
        title, level = flowable.outline
        # An outline may only go one level deeper at a time: a level 3 right after a
        # level 1 hangs under it as level 2.
        depth = max(0, min(level - 1, self._outline_level + 1))
        self._outline_level = depth
        self._bookmarks += 1
        key = f"h{self._bookmarks}"
        # Open at the heading itself (its top, a little above), not at the page's top.
        top = self.frame._y + flowable.height + flowable.style.spaceAfter + flowable.style.leading
        self.canv.bookmarkPage(key, fit="XYZ", left=0, top=min(top, self.pagesize[1]))
        self.canv.addOutlineEntry(title, key, level=depth, closed=False)
