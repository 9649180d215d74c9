"""Characters a font cannot print, found in a document before it is rendered.

A PDF built with a font that lacks a character prints an empty box (or
nothing) in its place, and nobody sees it before the morning of the workshop.
:func:`missing_glyphs` lists each such character once per document, with the
face it would be printed in and a little of the text around it, so that
``educpop build`` can warn about it (the DOCX is not affected as much: Word
and LibreOffice fall back to another font).

Coverage is read from each face's character-to-glyph map (reportlab's
``TTFontFile.charToGlyph``, already a dependency), once per font file.
"""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.pdfbase.ttfonts import TTFError, TTFontFile

from educpop.document import Document, Role, Text, text_runs
from educpop.errors import BuildError
from educpop.theme import FontFamily
from educpop.theme_assets import font_bytes
from educpop.userfile import UnreadableFile

#: characters of each side of the missing one shown in a warning
CONTEXT = 20

#: Unicode categories never drawn as glyphs: controls, format characters
#: (soft hyphen, joiners), line and paragraph separators.
_NOT_DRAWN = {"Cc", "Cf", "Zl", "Zp"}


@dataclass(frozen=True)
class MissingGlyph:
    """One character of a document that its face cannot print."""

    #: the document, as its file is named (e.g. "dossier-participant")
    document: str
    #: the family's display name, e.g. "DejaVu Sans"
    font: str
    char: str
    #: the text around the first occurrence, on one line
    context: str

    def __str__(self) -> str:
        return (
            f"{self.document} : caractère absent de la police {self.font} : "
            f"« {self.char} » (U+{ord(self.char):04X}) dans « {self.context} »"
        )


@cache
def coverage(path: Path, folder: Path | None = None) -> frozenset[int]:
    """Return the code points that the TrueType file at ``path`` (in the theme ``folder``) maps to a glyph."""
    try:
        return frozenset(TTFontFile(io.BytesIO(font_bytes(path, folder))).charToGlyph)
    except UnreadableFile as error:
        raise BuildError(f"police illisible : {path} ({error.message})") from None
    except (OSError, TTFError) as error:
        raise BuildError(f"police illisible : {path} ({error})") from error


def _face(family: FontFamily, bold: bool, italic: bool) -> Path:
    """Return the file of the face of ``family`` that prints bold/italic text."""
    if bold and italic:
        return family.bold_italic
    if bold:
        return family.bold
    return family.italic if italic else family.regular


#: roles the renderers print bold or italic whatever their runs say
_BOLD = {Role.HEADING, Role.TABLE_HEADER, Role.BOX_TITLE, Role.DATE, Role.KICKER, Role.TITLE}
_ITALIC = {Role.QUOTE}


def _context(text: str, index: int) -> str:
    """Return the text around ``text[index]`` on one line, with … where it was cut."""
    start, end = max(0, index - CONTEXT), min(len(text), index + CONTEXT + 1)
    piece = " ".join(text[start:end].split())
    return ("…" if start > 0 else "") + piece + ("…" if end < len(text) else "")


def missing_glyphs(document: Document, family: FontFamily, name: str = "") -> list[MissingGlyph]:
    """Return every character of ``document`` that ``family`` cannot print, once each, in reading order.

    ``name`` names the document in the result (its meta title when empty). The
    footer's session title is checked too. Spaces, controls and format
    characters (soft hyphen, joiners) are not printed as glyphs and never listed.
    """
    found: dict[str, MissingGlyph] = {}
    runs = [(Text(document.meta.session_title), Role.BODY), *text_runs(document.blocks)]
    for run, role in runs:
        text = run.text
        covered = coverage(_face(family, run.bold or role in _BOLD, run.italic or role in _ITALIC), family.folder)
        for index, char in enumerate(text):
            if char in found or ord(char) in covered or char.isspace():
                continue
            if unicodedata.category(char) in _NOT_DRAWN:
                continue
            found[char] = MissingGlyph(name or document.meta.title, family.name, char, _context(text, index))
    return list(found.values())
