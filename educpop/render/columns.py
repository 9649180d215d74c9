"""Column widths of tables: the document's relative weights, widened so that no word is cut.

Both renderers size columns here, so a table breaks its lines alike in the PDF
and in the DOCX. Words are measured with the theme's font through reportlab.
"""

from __future__ import annotations

import re

from reportlab.pdfbase.pdfmetrics import stringWidth

from educpop.document import Inlines, Note, Table
from educpop.render.pdf_fonts import register_family
from educpop.theme import FontFamily

#: where a line may break: ordinary spaces (not the no-break ones typography puts in "10 min")
_BREAKS = re.compile(r"[ \t\n]+")


#: a word up to this long is never cut; a longer one may be hyphenated, so a column
#: need not be as wide as "Socialistes-révolutionnaires"
_UNBROKEN = 14


#: a word that must never be cut gets this much more room: LibreOffice sets text a little wider than reportlab
_SLACK = 1.05


def _widest_word(cell: Inlines, faces: tuple[str, str], size: float, bold: bool, longest: int | None) -> float:
    """Return the width in points of the widest word of ``cell``, words cut after ``longest`` letters if given."""
    widest = 0.0
    for run in cell:
        if isinstance(run, Note):  # its call is a small number, never the widest word
            continue
        face = faces[1] if bold or run.bold else faces[0]
        for word in _BREAKS.split(run.text):
            widest = max(widest, stringWidth(word[:longest], face, size))
    return widest


def fit_columns(weights: list[float], width: float, needs: list[float]) -> list[float]:
    """Return column widths summing to ``width``: shared by ``weights``, each at least its need if possible.

    A column narrower than its need takes width from the columns wider than
    theirs, in proportion to what they can spare; the smallest shortfalls are
    met first, so that as few columns as possible have to cut a word.
    """
    widths = [width * weight / sum(weights) for weight in weights]
    short = sorted((i for i in range(len(widths)) if widths[i] < needs[i]), key=lambda i: needs[i] - widths[i])
    for index in short:
        spare = {i: widths[i] - needs[i] for i in range(len(widths)) if widths[i] > needs[i]}
        total = sum(spare.values())
        taken = min(needs[index] - widths[index], total)
        if taken <= 0:
            break
        for i, amount in spare.items():
            widths[i] -= taken * amount / total
        widths[index] += taken
    return widths


def column_widths(table: Table, width: float, family: FontFamily, size: float, padding: float) -> list[float]:
    """Return the widths in points of ``table``'s columns on ``width`` points at ``size`` pt.

    ``padding`` is the space inside a cell on each side, in points.
    """
    columns = max([len(table.header), *(len(row) for row in table.rows)], default=0)
    weights = list(table.widths or [])[:columns]
    weights += [1.0] * (columns - len(weights))
    if any(weight <= 0 for weight in weights):
        weights = [1.0] * columns
    # A table whose words are never cut needs its longest words whole.
    longest = None if table.unbroken else _UNBROKEN
    names = register_family(family)
    faces = (names.regular, names.bold)
    needs = [2 * padding] * columns
    for row, bold in [(table.header, True), *((row, False) for row in table.rows)]:
        for index, cell in enumerate(row):
            widest = _widest_word(cell, faces, size, bold, longest) * (1 if longest else _SLACK)
            needs[index] = max(needs[index], widest + 2 * padding)
    return fit_columns(weights, width, needs)
