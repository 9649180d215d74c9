"""Renderers: one module per output format, each with ``render(document, stream, theme)``.

A new output format is one new module plus one :class:`Format` line in :data:`FORMATS`.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO

from pypdf import PdfReader

from educpop.document import Document
from educpop.render.docx import render as render_docx
from educpop.render.pdf import render as render_pdf
from educpop.theme import Theme

#: writes a document to a stream; a format that fixes its pages returns the pages of each part of the document
Renderer = Callable[[Document, BinaryIO, Theme], tuple[int, ...] | None]


def pdf_pages(content: bytes) -> int:
    """Return the page count of the PDF ``content``."""
    return len(PdfReader(io.BytesIO(content)).pages)


@dataclass(frozen=True)
class Format:
    """An output format: its renderer and what the pack may do with its files."""

    #: as typed after ``--format``; also the file extension
    name: str
    render: Renderer
    #: built when no ``--format`` is given
    default: bool = True
    #: its pages can be imposed two to a sheet, for a booklet
    imposable: bool = False
    #: its files join the pack's combined PDF
    combinable: bool = False
    #: counts the pages of one of its files (None: a word processor lays them out, the count is its own)
    pages: Callable[[bytes], int] | None = None

    @property
    def suffix(self) -> str:
        """Return the file suffix of this format's files (".pdf")."""
        return f".{self.name}"


#: output formats by name, in the order they are written
FORMATS: dict[str, Format] = {
    fmt.name: fmt
    for fmt in (
        Format("docx", render_docx),
        Format("pdf", render_pdf, imposable=True, combinable=True, pages=pdf_pages),
    )
}
