"""The PDF renderer: a Document becomes an A4 or A5 PDF with embedded fonts and bookmarks.

Each block becomes platypus flowables (:mod:`educpop.render.pdf_blocks`), laid out
by :class:`~educpop.render.pdf_page.EducpopDocTemplate`; the footer reads
"session title ... page X / N".
"""

from __future__ import annotations

from typing import Any, BinaryIO

from reportlab.lib.pagesizes import landscape, portrait
from reportlab.lib.units import cm
from reportlab.platypus import Spacer

from educpop.document import Cover, Document, PageBreak
from educpop.errors import BuildError
from educpop.render.pdf_blocks import Builder
from educpop.render.pdf_page import BODY, COVER, EducpopDocTemplate, FooterCanvas, PageLook
from educpop.render.pdf_styles import make_styles
from educpop.render.source_lines import source_width
from educpop.stylesheet import PAGES, Colour, Style
from educpop.theme import Theme


def render(document: Document, stream: BinaryIO, theme: Theme) -> tuple[int, ...]:
    """Write ``document`` as PDF to ``stream``; return the pages of each of its parts, in order.

    Its parts are what its ``PageBreak(part=True)`` breaks separate, with the
    blank back a new sheet leaves at the end of the part before it.
    """
    meta = document.meta
    styles = make_styles(theme, meta.language)
    if theme.page_size not in PAGES:
        raise BuildError(f"format de page inconnu : {theme.page_size!r} (attendu : {', '.join(PAGES)})")
    width, height, margin = PAGES[theme.page_size]
    turn = landscape if meta.orientation == "landscape" else portrait
    pagesize = turn((width * cm, height * cm))
    look = PageLook(
        session_title=meta.session_title,
        footer=theme.footer,
        organisation=theme.organisation,
        footer_style=styles[Style.FOOTER],
        footer_note_style=styles[Style.FOOTER_NOTE],
        band_style=styles[Style.COVER_BAND],
        primary=styles.colour[Colour.PRIMARY],
        margin=margin * cm,
    )
    opening = next((block for block in document.blocks if not isinstance(block, PageBreak)), None)
    doc = EducpopDocTemplate(
        stream,
        look,
        styles[Style.NOTE],
        styles.colour[Colour.RULE],
        smallest=theme.min_size,
        first=COVER if isinstance(opening, Cover) else BODY,
        pagesize=pagesize,
        title=meta.title,
        author=meta.author,
        subject=meta.subject,
        creator="educpop",
        lang=meta.language or None,
        displayDocTitle=1,
        invariant=1,
        initialFontName=styles.fonts.regular,
        initialFontSize=theme.base_size,
    )
    builder = Builder(styles, theme, doc.height, doc.notes, source_width(theme, meta.orientation))
    story = builder.story(document.blocks, doc.width)
    if not story:
        story = [Spacer(1, 1)]  # platypus writes no page at all for an empty story

    def canvasmaker(*args: Any, **kwargs: Any) -> FooterCanvas:
        return FooterCanvas(*args, look=look, **kwargs)

    doc.build(story, canvasmaker=canvasmaker)
    starts = [1, *builder.part_starts]
    return tuple(end - start for start, end in zip(starts, [*starts[1:], doc.page + 1], strict=True))
