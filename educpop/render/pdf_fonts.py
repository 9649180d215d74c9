"""Register a theme's TrueType family with reportlab, once per process."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from functools import cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from educpop.errors import BuildError
from educpop.theme import FontFamily
from educpop.theme_assets import font_bytes
from educpop.userfile import UnreadableFile


@dataclass(frozen=True)
class FontNames:
    """The reportlab names of the four faces of a registered family."""

    regular: str
    bold: str
    italic: str
    bold_italic: str


@cache
def register_family(family: FontFamily) -> FontNames:
    """Return the reportlab names of ``family``'s faces, registering them on first use.

    The names carry a digest of the file paths, so two families that share a
    display name but not their files never replace each other.
    """
    digest = hashlib.sha1(
        "\0".join(str(p) for p in (family.regular, family.bold, family.italic, family.bold_italic)).encode()
    ).hexdigest()[:8]
    base = f"{family.name}-{digest}"
    names = FontNames(
        regular=base,
        bold=f"{base}-Bold",
        italic=f"{base}-Italic",
        bold_italic=f"{base}-BoldItalic",
    )
    faces = (
        (names.regular, family.regular),
        (names.bold, family.bold),
        (names.italic, family.italic),
        (names.bold_italic, family.bold_italic),
    )
    for name, path in faces:
        try:
            pdfmetrics.registerFont(TTFont(name, io.BytesIO(font_bytes(path, family.folder))))
        except UnreadableFile as error:
            raise BuildError(f"police illisible : {path} ({error.message})") from None
        except (OSError, TTFError) as error:
            raise BuildError(f"police illisible : {path} ({error})") from error
    pdfmetrics.registerFontFamily(
        base, normal=names.regular, bold=names.bold, italic=names.italic, boldItalic=names.bold_italic
    )
    return names
