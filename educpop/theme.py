"""What a pack looks like: the Theme every renderer reads, and the font family it prints in."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

FONTS_DIR = Path(__file__).parent / "fonts"


@dataclass(frozen=True)
class FontFamily:
    """A font family with its four faces (TrueType files, embedded in PDFs)."""

    #: the family name Word looks for on the computer that opens the DOCX
    name: str
    regular: Path
    bold: Path
    italic: Path
    bold_italic: Path
    #: the theme folder the faces may not leave (None: faces named in code, such as DejaVu Sans)
    folder: Path | None = field(default=None, compare=False)


DEJAVU_SANS = FontFamily(
    name="DejaVu Sans",
    regular=FONTS_DIR / "DejaVuSans.ttf",
    bold=FONTS_DIR / "DejaVuSans-Bold.ttf",
    italic=FONTS_DIR / "DejaVuSans-Oblique.ttf",
    bold_italic=FONTS_DIR / "DejaVuSans-BoldOblique.ttf",
)


@dataclass(frozen=True)
class Theme:
    """Everything a renderer needs to know about looks; renderers read nothing else."""

    #: shown in the cover band of PDFs; stands in for the session's when it names none
    organisation: str = ""
    #: a PNG or JPEG file, on every cover
    logo: Path | None = None
    #: headings, rules and the cover band, as "#RRGGBB"
    primary_colour: str = "#8C1D2C"
    #: backgrounds of boxes and table headers, as "#RRGGBB"
    accent_colour: str = "#F4ECE4"
    font: FontFamily = field(default=DEJAVU_SANS)
    #: body text size in points (at least 11 for adult learners)
    base_size: float = 11.0
    #: no text is printed smaller than this, in points (large print); 0 for no limit
    min_size: float = 0.0
    #: "A4" or "A5"
    page_size: str = "A4"
    #: the paper whose text width source texts are broken to, so that a line has one number in every
    #: document of a pack (the A5 dossier's, in a kit laid out on A4); empty: ``page_size``
    source_page_size: str = ""
    #: extra footer text, e.g. a licence
    footer: str = ""
    #: a .docx whose styles win over the theme's in DOCX output (like pandoc's --reference-doc)
    reference_docx: Path | None = None
    #: the folder of ``theme.yaml``, which the files it names may not leave (None: a theme made in code);
    #: where a theme comes from is not part of its looks, so two themes differing only by it are equal
    folder: Path | None = field(default=None, compare=False)
