"""Renderers: one module per output format, each with ``render(document, stream, theme)``.

A new output format is one new module plus one :class:`Format` line in :data:`FORMATS`.
"""

from __future__ import annotations

import importlib
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO

from educpop.document import Document
from educpop.theme import Theme

#: writes a document to a stream; a format that fixes its pages returns the pages of each part of the document
Renderer = Callable[[Document, BinaryIO, Theme], tuple[int, ...] | None]


def pdf_pages(content: bytes) -> int:
    """Return the page count of the PDF ``content``."""
    from pypdf import PdfReader  # imported only for what it serves (check makes no PDF)

    return len(PdfReader(io.BytesIO(content)).pages)


def _imported_when_used(module: str) -> Renderer:
    """Return the ``render`` of ``educpop.render.<module>``, imported at its first call.

    python-docx and reportlab take a noticeable part of a second to import:
    ``check`` renders nothing, ``build --format pdf`` needs no python-docx.
    """

    def render(document: Document, stream: BinaryIO, theme: Theme) -> tuple[int, ...] | None:
        pages: tuple[int, ...] | None = importlib.import_module(f"educpop.render.{module}").render(
            document, stream, theme
        )
        return pages

    return render


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
        Format("docx", _imported_when_used("docx")),
        Format("pdf", _imported_when_used("pdf"), imposable=True, combinable=True, pages=pdf_pages),
    )
}
