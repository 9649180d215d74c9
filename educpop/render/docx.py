"""DOCX renderer: a :class:`~educpop.document.Document` as a Word file built on named styles.

Styles come from python-docx's default template, restyled with the theme, or
from a reference document whose styles win (like pandoc's ``--reference-doc``).
Blocks are written by :mod:`educpop.render.docx_blocks`, styles and list numbering
by :mod:`educpop.render.docx_styles`, raw OOXML by :mod:`educpop.render.docx_xml`.
"""

from __future__ import annotations

import functools
import io
import os
import time
from datetime import UTC, datetime
from typing import BinaryIO

import docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, Twips
from docx.text.paragraph import Paragraph as DocxParagraph

from educpop.document import Cover, Document, Meta, PageBreak, RunningHeader, SourceText
from educpop.errors import BuildError
from educpop.hyphenation import CONSECUTIVE, ZONE
from educpop.render.docx_blocks import Context, render_block, shrink_final_spacer, write_source
from educpop.render.docx_fonts import embed_fonts
from educpop.render.docx_notes import Footnotes
from educpop.render.docx_styles import Numbering, language_tag, setup_styles, word_name
from educpop.render.docx_xml import (
    add_field,
    element,
    link_to_previous_section,
    mark_right_to_left,
    normalise_zip,
    remove_line_numbering,
    sanitise,
    set_line_numbering,
    suppress_hyphenation,
)
from educpop.render.measure import shortened
from educpop.render.pdf_fonts import register_family
from educpop.render.pdf_styles import Styles, make_styles
from educpop.render.source_lines import PrintedParagraph, printed_paragraphs, source_width
from educpop.stylesheet import FOOTER_ROOM_CM, PAGES, STYLESHEET, Look, Sheet, Style, colours
from educpop.theme import Theme
from educpop.theme_assets import reference_package

#: Gap between the margin line numbers of a source text and the text, in twips (0.4 cm).
LINE_NUMBER_DISTANCE = 227


def render(document: Document, stream: BinaryIO, theme: Theme) -> None:
    """Write ``document`` as DOCX to ``stream``; styles come from ``theme.reference_docx`` when set.

    The reference's styles, headers and settings are kept, its body is dropped;
    page size and margins always come from ``theme``. Nothing is written to
    ``stream`` unless the whole document could be built. Set SOURCE_DATE_EPOCH
    for byte-identical output.
    """
    reference = theme.reference_docx
    try:
        # read and checked once per build (theme_assets caches it)
        package = None if reference is None else reference_package(reference, theme.folder)
        template = _styled_template(theme, document.meta.language, package, tuple(STYLESHEET.items()))
    except Exception as error:  # unreadable, refused, or python-docx's several kinds for a bad package
        raise BuildError(f"document de référence illisible : {reference} ({error})") from error
    doc = docx.Document(io.BytesIO(template))
    text_width = _page_setup(doc, theme, document.meta)
    _settings(doc, theme.base_size)
    style_ids = {style.name: style.style_id for style in doc.styles}
    sheet = Sheet(theme.base_size, theme.min_size)
    footnotes = Footnotes(doc, sheet[Style.NOTE])
    ctx = Context(doc=doc, theme=theme, numbering=Numbering(doc), footnotes=footnotes, width=text_width,
                  style_ids=style_ids, sheet=sheet, palette=colours(theme.primary_colour, theme.accent_colour))
    state = _Sections(doc, sheet[Style.FOOTER].size, register_family(theme.font).bold, text_width / 20)
    lines = _SourceLines(theme, document.meta)
    body = doc.element.body
    top_of_page = True  # the document starts at the top of a page
    for block in document.blocks:
        if isinstance(block, SourceText):
            printed = lines.of(block)
            state.begin_source(block.number_every, printed[0].first if printed else 1)
            start = len(body) - 1  # what is added comes before the body's closing w:sectPr
            write_source(printed, ctx, doc)
            state.source_open = True
        else:
            if state.source_open:
                state.end_source()
            start = len(body) - 1  # what is added comes before the body's closing w:sectPr
            match block:
                case PageBreak(new_sheet=True):
                    state.new_sheet()
                case RunningHeader(text=text):
                    state.running_header(text)
                case _:
                    render_block(block, ctx, doc)
        if isinstance(block, RunningHeader):
            continue
        if top_of_page and not isinstance(block, Cover):  # a cover leaves its own room above its title
            _no_space_above(doc, start)
        top_of_page = isinstance(block, (PageBreak, Cover))
    shrink_final_spacer(doc)
    footnotes.finish()
    starts_with_cover = bool(document.blocks) and isinstance(document.blocks[0], Cover)
    _footer(doc, document.meta, theme, text_width, cover=starts_with_cover)
    mark_right_to_left(doc.element.body)  # Arabic and Hebrew names: w:rtl runs, w:bidi paragraphs
    mark_right_to_left(doc.sections[0].footer._element)
    timestamp = _timestamp()
    _core_properties(doc, document.meta, timestamp)
    if reference is None:  # a reference document's styles name its own fonts
        embed_fonts(doc, theme.font)
    buffer = io.BytesIO()
    doc.save(buffer)
    stream.write(normalise_zip(buffer.getvalue(), max(timestamp.timetuple()[:6], (1980, 1, 1, 0, 0, 0))))


@functools.lru_cache(maxsize=8)
def _styled_template(
    theme: Theme, language: str, reference: bytes | None, entries: tuple[tuple[Style, Look], ...]
) -> bytes:
    """Return an empty DOCX whose styles are set up for ``theme``, ``language`` and the stylesheet's
    ``entries``: python-docx's template restyled, or the ``reference`` package's styles completed.

    Setting the styles up costs python-docx more than writing most documents; it is
    done once per look and language of a build (the key holds the reference's bytes,
    so an edited reference is read afresh, and the entries, which a test may change),
    each document then opening a copy.
    """
    doc = docx.Document(None if reference is None else io.BytesIO(reference))
    if reference is not None:
        _clear_body(doc)
    setup_styles(doc, theme, language, restyle=reference is None)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _no_space_above(doc: DocxDocument, start: int) -> None:
    """Drop the space before the first paragraph from ``start`` in the body: it opens a page, where the PDF has none."""
    first = next((child for child in doc.element.body[start:] if child.tag in (qn("w:p"), qn("w:tbl"))), None)
    if first is not None and first.tag == qn("w:p"):
        DocxParagraph(first, doc).paragraph_format.space_before = Pt(0)


def _clear_body(doc: DocxDocument) -> None:
    """Remove every paragraph and table of ``doc``'s body, keeping the final section properties."""
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _page_setup(doc: DocxDocument, theme: Theme, meta: Meta) -> int:
    """Size the (single, so far) section per ``theme``, turned as ``meta`` says; return the text width in twips."""
    if theme.page_size not in PAGES:
        raise BuildError(f"format de page inconnu : {theme.page_size!r} (attendu : {', '.join(PAGES)})")
    width, height, margin = PAGES[theme.page_size]
    if meta.orientation == "landscape":
        width, height = height, width
    for section in doc.sections:
        section.orientation = WD_ORIENT.LANDSCAPE if meta.orientation == "landscape" else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Cm(width), Cm(height)
        section.left_margin = section.right_margin = Cm(margin)
        section.top_margin, section.bottom_margin = Cm(margin), Cm(margin + FOOTER_ROOM_CM)
        section.header_distance = section.footer_distance = Cm(1)
        section.gutter = Cm(0)
    text_width: int = Cm(width - 2 * margin).twips  # python-docx leaves Length.twips untyped
    return text_width


#: the settings that follow Word's hyphenation settings, in the schema's order
_AFTER_HYPHENATION = (
    "w:showEnvelope", "w:summaryLength", "w:clickAndTypeStyle", "w:defaultTableStyle",
    "w:evenAndOddHeaders", "w:bookFoldRevPrinting", "w:bookFoldPrinting",
    "w:bookFoldPrintingSheets", "w:drawingGridHorizontalSpacing",
    "w:drawingGridVerticalSpacing", "w:displayHorizontalDrawingGridEvery",
    "w:displayVerticalDrawingGridEvery", "w:doNotUseMarginsForDrawingGridOrigin",
    "w:drawingGridHorizontalOrigin", "w:drawingGridVerticalOrigin", "w:doNotShadeFormData",
    "w:noPunctuationKerning", "w:characterSpacingControl", "w:printTwoOnOne",
    "w:strictFirstAndLastChars", "w:noLineBreaksAfter", "w:noLineBreaksBefore",
    "w:savePreviewPicture", "w:compat", "w:rsids", "m:mathPr", "w:themeFontLang",
    "w:clrSchemeMapping", "w:doNotAutoCompressPictures", "w:shapeDefaults",
    "w:decimalSymbol", "w:listSeparator",
)  # fmt: skip


def _settings(doc: DocxDocument, body_size: float) -> None:
    """Turn on hyphenation as :mod:`educpop.hyphenation` limits it; drop odd/even headers so one footer serves all.

    At most CONSECUTIVE hyphens in a row, no word in capitals cut, and a word cut
    only where keeping it whole would leave ZONE ems of the body empty at the line's end.
    """
    settings = doc.settings.element
    for old in settings.findall(qn("w:evenAndOddHeaders")):
        settings.remove(old)
    wanted: dict[str, dict[str, str]] = {
        "w:autoHyphenation": {},
        "w:consecutiveHyphenLimit": {"val": str(CONSECUTIVE)},
        "w:hyphenationZone": {"val": str(round(ZONE * body_size * 20))},
        "w:doNotHyphenateCaps": {},
    }
    names = list(wanted)
    for index, (tag, attrs) in enumerate(wanted.items()):
        for old in settings.findall(qn(tag)):
            settings.remove(old)
        settings.insert_element_before(element(tag, **attrs), *names[index + 1:], *_AFTER_HYPHENATION)


class _Sections:
    """Puts each source text in a continuous section of its own, with margin line numbers.

    A new sheet starts a section on the next odd page (Word and LibreOffice leave
    the back before it blank), and a running header is the header of the section
    it is in.

    A section ends at the paragraph holding a copy of the running section
    properties (the body's last ``w:sectPr``), so opening and closing a section
    both mean: copy the running properties onto the last paragraph, then change
    the running ones.
    """

    def __init__(self, doc: DocxDocument, header_size: float, header_font: str, width: float) -> None:
        self.doc = doc
        self.source_open = False
        #: a running header prints in bold at the footer's size, on one line ``width`` points wide, as in the PDF
        self.header_size = header_size
        self.header_font = header_font
        self.width = width

    def _close_current(self) -> None:
        """End the running section at the last paragraph (an empty, tiny one if needed)."""
        body = self.doc.element.body
        sentinel = body.get_or_add_sectPr()
        last = sentinel.getprevious()
        if last is None or last.tag != qn("w:p") or last.pPr is not None and last.pPr.sectPr is not None:
            paragraph = self.doc.add_paragraph(style=word_name(Style.SMALL))
            paragraph.paragraph_format.space_after = Pt(0)
            paragraph.paragraph_format.line_spacing = Pt(1)
            last = paragraph._p
        last.set_sectPr(sentinel.clone())
        sentinel.start_type = WD_SECTION.CONTINUOUS

    def new_sheet(self) -> None:
        """Start a section on the next odd page, unless nothing is written yet."""
        body = self.doc.element.body
        if body.find(qn("w:p")) is None and body.find(qn("w:tbl")) is None:
            return
        self._close_current()
        body.sectPr.start_type = WD_SECTION.ODD_PAGE

    def running_header(self, text: str) -> None:
        """Print ``text`` at the top of every page of the running section (a header of its own)."""
        section = self.doc.sections[-1]
        link_to_previous_section(section._sectPr, "header")
        header = section.header
        header.is_linked_to_previous = False
        for child in list(header._element):
            header._element.remove(child)
        # Shortened as the PDF shortens it: a second line would push the page's text down.
        line = shortened(sanitise(text), self.header_font, self.header_size, self.width)
        paragraph = header.add_paragraph(style="Header")
        suppress_hyphenation(paragraph._p.get_or_add_pPr())  # a running header is a title: never cut
        run = paragraph.add_run(line)
        run.bold = True
        run.font.size = Pt(self.header_size)

    def begin_source(self, every: int, first: int) -> None:
        """Start a line-numbered section, numbering every ``every`` lines, its first line numbered ``first``."""
        self._close_current()
        set_line_numbering(self.doc.element.body.sectPr, max(1, every), LINE_NUMBER_DISTANCE, first)

    def end_source(self) -> None:
        """Close the line-numbered section; what follows is not numbered."""
        self._close_current()
        remove_line_numbering(self.doc.element.body.sectPr)
        self.source_open = False


class _SourceLines:
    """Breaks source texts into the lines the PDF prints them in (its styles are made at the first text)."""

    def __init__(self, theme: Theme, meta: Meta) -> None:
        self.theme = theme
        self.language = meta.language
        self.width = source_width(theme, meta.orientation)
        self._styles: Styles | None = None

    def of(self, text: SourceText) -> list[PrintedParagraph]:
        """Return the printed paragraphs of ``text``, numbered as the PDF numbers them."""
        if self._styles is None:
            self._styles = make_styles(self.theme, self.language)
        return printed_paragraphs(text, self._styles, self.width)


def _footer(doc: DocxDocument, meta: Meta, theme: Theme, width: int, cover: bool) -> None:
    """Write the footer on the first section; every later section links to it; a ``cover`` has none, as in the PDF."""
    for section in doc.sections[1:]:
        section.different_first_page_header_footer = False
        link_to_previous_section(section._sectPr)
    first = doc.sections[0]
    first.different_first_page_header_footer = cover
    if cover:
        first.first_page_footer.is_linked_to_previous = False  # an empty footer of its own
    footer = first.footer
    footer.is_linked_to_previous = False
    for child in list(footer._element):
        footer._element.remove(child)
    line = footer.add_paragraph(style=word_name(Style.FOOTER))
    tabs = line.paragraph_format.tab_stops
    for stop in doc.styles[word_name(Style.FOOTER)].paragraph_format.tab_stops:
        tabs.add_tab_stop(stop.position, WD_TAB_ALIGNMENT.CLEAR)
    tabs.add_tab_stop(Twips(width), WD_TAB_ALIGNMENT.RIGHT)
    line.add_run(sanitise(meta.session_title))
    line.add_run("\tpage ")
    add_field(line, "PAGE", "1")
    line.add_run(" / ")
    add_field(line, "NUMPAGES", "1")
    if theme.footer:
        footer.add_paragraph(sanitise(theme.footer), style=word_name(Style.FOOTER_NOTE))


def _timestamp() -> datetime:
    """Return SOURCE_DATE_EPOCH as a UTC time when set (reproducible builds), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    seconds = int(epoch) if epoch and epoch.isdigit() else int(time.time())
    return datetime.fromtimestamp(seconds, tz=UTC)


def _core_properties(doc: DocxDocument, meta: Meta, timestamp: datetime) -> None:
    """Fill title, author, subject, language and keywords (the document kind)."""
    props = doc.core_properties
    props.title = _property(meta.title)
    props.author = _property(meta.author)
    props.last_modified_by = _property(meta.author)
    props.subject = _property(meta.subject or meta.session_title)
    props.language = language_tag(meta.language)
    props.keywords = meta.kind
    props.category = meta.audience.value
    props.comments = ""
    props.revision = 1
    props.created = props.modified = timestamp.replace(tzinfo=None)


#: Word's document properties hold at most 255 characters (python-docx refuses more)
MAX_PROPERTY_CHARS = 255


def _property(text: str) -> str:
    """Return ``text`` fit for a document property: printable, and cut with « … » past 255 characters."""
    text = sanitise(text)
    return text if len(text) <= MAX_PROPERTY_CHARS else text[: MAX_PROPERTY_CHARS - 1] + "…"
