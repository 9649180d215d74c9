"""One line of text measured with the theme's font, so that both renderers shorten it alike."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth


def shortened(text: str, font: str, size: float, room: float) -> str:
    """Return ``text`` (whitespace collapsed), cut with an ellipsis if wider than ``room`` points in ``font``."""
    text = " ".join(text.split())
    if stringWidth(text, font, size) <= room:
        return text
    while text and stringWidth(text + "…", font, size) > room:
        text = text[:-1]
    return text.rstrip() + "…"
