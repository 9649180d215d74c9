"""Rendered PDFs put together: an A5 booklet imposed on A4 sheets, and the pack in one file.

A booklet sheet carries four A5 pages, two on each side of an A4 landscape
sheet. Printed recto verso (turning on the short edge), stacked in order and
folded in the middle, the sheets read as pages 1, 2, 3... The page count is
padded with blank pages to a multiple of four.
"""

from __future__ import annotations

import io
import itertools
import string
from collections.abc import Iterator

from pypdf import PageObject, PdfReader, PdfWriter, Transformation
from pypdf.generic import DictionaryObject, NameObject
from reportlab.lib.pagesizes import A4, landscape

#: the sheet a booklet is printed on, in points (841.89 x 595.28)
SHEET = landscape(A4)

Side = tuple[int | None, int | None]


def booklet_order(pages: int) -> list[Side]:
    """Return each printed side in order as (left, right) page indexes from 0; None is a blank page.

    The first side shows the last page and the first: ``booklet_order(8)[0] == (7, 0)``.
    """
    total = max(4, -(-pages // 4) * 4)
    sides: list[Side] = []
    for sheet in range(total // 4):
        front = (total - 1 - 2 * sheet, 2 * sheet)
        back = (2 * sheet + 1, total - 2 - 2 * sheet)
        for left, right in (front, back):
            sides.append((left if left < pages else None, right if right < pages else None))
    return sides


def impose_booklet(pdf: bytes) -> bytes:
    """Return ``pdf`` (A5 pages) imposed two pages per A4 landscape side, in booklet order."""
    reader = PdfReader(io.BytesIO(pdf))
    if not reader.pages:
        return pdf
    writer = PdfWriter()
    sheet_width, sheet_height = SHEET
    half = sheet_width / 2
    for side in booklet_order(len(reader.pages)):
        sheet = writer.add_blank_page(sheet_width, sheet_height)
        for slot, index in enumerate(side):
            if index is None:
                continue
            page = reader.pages[index]
            width, height = float(page.mediabox.width), float(page.mediabox.height)
            scale = min(1.0, half / width, sheet_height / height)
            # Centre each page in its half, so the fold falls in the middle of the gutter.
            x = slot * half + (half - width * scale) / 2
            y = (sheet_height - height * scale) / 2
            sheet.merge_transformed_page(page, Transformation().scale(scale, scale).translate(x, y))
    _copy_info(reader, writer)
    return _bytes(writer)


def combine(parts: list[tuple[str, bytes]], title: str) -> bytes:
    """Return the PDFs of ``parts`` one after the other, each under a top-level bookmark with its name.

    Each part's own bookmarks hang under its entry. Printed recto verso, every
    part starts on a right-hand page: a blank verso follows a part of an odd
    number of pages. Each part's font subsets are renamed apart, since every
    document names its first subset ``AAAAAA+`` and a printer may take two
    different subsets of one name for the same font. Every page is shown
    upright (see :func:`_all_upright`), so that one print setting fits the file.
    """
    writer = PdfWriter()
    tags = _subset_tags()
    for name, pdf in parts:
        if len(writer.pages) % 2:
            last = writer.pages[-1].mediabox
            writer.add_blank_page(float(last.width), float(last.height))
        start = len(writer.pages)
        writer.append(PdfReader(io.BytesIO(pdf)), outline_item=name, import_outline=True)
        _rename_subsets(list(writer.pages)[start:], tags)
    _all_upright(writer)
    if parts:
        first = PdfReader(io.BytesIO(parts[0][1]))
        _copy_info(first, writer)
    writer.add_metadata({"/Title": title})
    writer.page_mode = "/UseOutlines"
    return _bytes(writer)


def _all_upright(writer: PdfWriter) -> None:
    """Turn every landscape page of ``writer`` upright: rectos a quarter turn right, versos left.

    An A5 pack mixes booklet sheets (A4 landscape, to print turning on the short
    edge) with loose A4 portrait sheets (turning on the long edge). Turned this
    way, the whole file prints recto verso on the long edge: turning a portrait
    sheet over its long edge turns a landscape side upside down, which the
    opposite quarter turn of the verso makes up for.
    """
    for index, page in enumerate(writer.pages):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        if (width > height) != (page.rotation % 180 == 90):
            page.rotate(90 if index % 2 == 0 else 270)


def _subset_tags() -> Iterator[str]:
    """Yield six-letter font subset tags, each once: AAAAAA, AAAAAB…"""
    for letters in itertools.product(string.ascii_uppercase, repeat=6):
        yield "".join(letters)


def _rename_subsets(pages: list[PageObject], tags: Iterator[str]) -> None:
    """Give every font subset used on ``pages`` (one part of a combined PDF) a tag of its own from ``tags``."""
    renamed: dict[str, NameObject] = {}  # old subset name -> new, within this part
    for page in pages:
        resources = page.get("/Resources")
        fonts = resources.get_object().get("/Font") if resources is not None else None
        for reference in fonts.get_object().values() if fonts is not None else ():
            font = reference.get_object()
            old = str(font.get("/BaseFont", ""))
            if "+" not in old or old in {str(name) for name in renamed.values()}:
                continue  # not a subset, or renamed already (a font shared by two pages)
            if old not in renamed:
                renamed[old] = NameObject(f"/{next(tags)}+{old.split('+', 1)[1]}")
            font[NameObject("/BaseFont")] = renamed[old]
            descriptor = font.get("/FontDescriptor")
            if descriptor is not None:
                descriptor.get_object()[NameObject("/FontName")] = renamed[old]


def _copy_info(reader: PdfReader, writer: PdfWriter) -> None:
    """Copy the document information (title, author...) and language of ``reader`` to ``writer``."""
    if reader.metadata:
        writer.add_metadata({key: value for key, value in reader.metadata.items() if isinstance(value, str)})
    catalog = reader.trailer["/Root"]
    lang = catalog.get("/Lang") if isinstance(catalog, DictionaryObject) else None  # a PDF's catalog is a dictionary
    if lang is not None:
        writer.root_object[NameObject("/Lang")] = lang


def _bytes(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
