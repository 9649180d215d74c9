"""Renderers: one module per output format, each with ``render(document, stream, theme)``.

A new output format is one new module plus one line in :data:`RENDERERS`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import BinaryIO

from educpop.document import Document
from educpop.render.docx import render as render_docx
from educpop.render.pdf import render as render_pdf
from educpop.theme import Theme

Renderer = Callable[[Document, BinaryIO, Theme], None]

#: output formats by file extension, in the order they are written
RENDERERS: dict[str, Renderer] = {"docx": render_docx, "pdf": render_pdf}
