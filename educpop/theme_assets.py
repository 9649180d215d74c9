"""The files a theme names — logo, TrueType faces, reference .docx — read once and checked before any build.

Each check reads its file through :func:`educpop.userfile.read_user_file`
and returns what is wrong with it in French (or ""), so that
:mod:`educpop.theme_file` can report it at its line of ``theme.yaml``:

- a logo is a PNG or a JPEG of at most :data:`MAX_LOGO_PIXELS` pixels, read
  from its header before anything is decoded, then decoded once to find
  damaged data;
- a face is a TrueType file whose composite glyphs name glyphs it has
  (read by fontTools, within their bounds) and whose every glyph reportlab
  can embed;
- a reference document is a zip whose directory promises at most
  :data:`MAX_REFERENCE_INFLATED` bytes, whose XML parts declare no DTD or
  entity (XXE) and hold at most :data:`MAX_REFERENCE_ELEMENTS` elements in
  all.

The renderers take the same bytes from :func:`picture_bytes`,
:func:`font_bytes` and :func:`reference_package`: each file is read once per
build, by the check, and never re-read from disk.
"""

from __future__ import annotations

import functools
import io
import struct
import zipfile
from pathlib import Path
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse
from docx.image.exceptions import InvalidImageStreamError, UnexpectedEndOfFileError, UnrecognizedImageError
from docx.image.image import Image as DocxImage

from educpop.userfile import UnreadableFile, read_user_file

#: largest logo file (a logo printed 4 cm wide needs far less)
MAX_LOGO_BYTES = 10_000_000
#: most pixels of a logo: 5000 × 5000, 40 cm wide at 300 dpi; decoded, it takes 75 MB
MAX_LOGO_PIXELS = 25_000_000
#: largest TrueType file (families covering Chinese or Japanese reach 20 MB)
MAX_FONT_BYTES = 30_000_000
#: largest reference .docx file
MAX_REFERENCE_BYTES = 20_000_000
#: most bytes a reference .docx may hold once inflated, as its zip directory says
MAX_REFERENCE_INFLATED = 100_000_000
#: most files inside a reference .docx (Word writes about 15)
MAX_REFERENCE_PARTS = 1_000
#: most XML elements of a reference .docx in all (a 100-page document holds about 200 000)
MAX_REFERENCE_ELEMENTS = 500_000

_PNG, _JPEG = b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff"
#: what Pillow and python-docx raise for a damaged image
_DAMAGED_IMAGE = (
    OSError, SyntaxError, ValueError, struct.error, EOFError,
    InvalidImageStreamError, UnexpectedEndOfFileError, UnrecognizedImageError,
)  # fmt: skip
_TRUETYPE_WANTED = "utilisez une version TrueType (.ttf)"
_RESAVE = "ouvrez-le et enregistrez-le à nouveau au format .docx"


# --- logo ----------------------------------------------------------------------------


def picture_bytes(path: Path, folder: Path | None) -> bytes:
    """Return the bytes of the picture at ``path`` inside ``folder``, read once per build for every cover.

    ``folder`` is the theme folder (see :func:`_key` for a file named outside it).
    Raise UnreadableFile when it cannot be read.
    """
    return _picture_bytes(*_key(path, folder))


@functools.lru_cache(maxsize=4)
def _picture_bytes(path: Path, folder: Path, _version: tuple[int, int, int]) -> bytes:
    return read_user_file(path, folder, MAX_LOGO_BYTES, whose="du thème")


def _key(path: Path, folder: Path | None) -> tuple[Path, Path, tuple[int, int, int]]:
    """Return what a cached read depends on: where the file is, the folder it must stay in, and its version.

    A file named inside the theme ``folder`` must stay inside it, links
    followed; a file named elsewhere (in code: DejaVu Sans, a test's picture)
    stays in its own folder. The version (inode, size, time of change) keeps
    a cached read from going stale when a file is replaced.
    """
    path = path.absolute()
    if folder is None or not path.is_relative_to(folder.absolute()):
        folder = path.parent
    try:
        info = path.stat()
        version = (info.st_ino, info.st_size, info.st_mtime_ns)
    except OSError:
        version = (0, 0, 0)
    return path, folder.absolute(), version


def logo_problem(path: Path, folder: Path, typed: str) -> str:
    """Return what keeps the file at ``path`` from printing as a logo, or ""."""
    try:
        data = picture_bytes(path, folder)
    except UnreadableFile as error:
        return f"« {typed} » {error.predicate}"
    if path.suffix.lower() == ".svg" or data[:512].lstrip().startswith(b"<"):
        return (
            f"« {typed} » est une image SVG, que educpop ne sait pas imprimer : "
            "exportez le logo en PNG (dans Inkscape : Fichier › Exporter), puis indiquez ce fichier"
        )
    if not data.startswith((_PNG, _JPEG)):
        return f"attendu une image PNG ou JPEG, trouvé « {typed} »"
    from PIL import JpegImagePlugin, PngImagePlugin

    damaged = f"image abîmée « {typed} » : ouvrez-la et enregistrez-la à nouveau en PNG"
    plugin = PngImagePlugin.PngImageFile if data.startswith(_PNG) else JpegImagePlugin.JpegImageFile
    try:
        # the format's own reader looks at the header only: a 30000 × 30000 image is measured, not decoded
        image = plugin(io.BytesIO(data))
    except _DAMAGED_IMAGE:
        return damaged
    width, height = image.size
    if width * height > MAX_LOGO_PIXELS:
        return (
            f"image trop grande « {typed} » : {width} × {height} pixels, au plus {MAX_LOGO_PIXELS // 1_000_000} "
            "millions (par exemple 5000 × 5000) ; réduisez-la, 1000 pixels de large suffisent pour un logo"
        )
    try:
        image.load()
        DocxImage.from_blob(data)  # what python-docx reads of it, which Pillow may forgive (no IEND)
    except _DAMAGED_IMAGE:
        return damaged
    return ""


# --- TrueType faces ------------------------------------------------------------------


def font_bytes(path: Path, folder: Path | None) -> bytes:
    """Return the bytes of the TrueType face at ``path`` inside ``folder``, read once per build.

    ``folder`` is the theme folder (see :func:`_key` for a face named outside it, like DejaVu Sans).
    Raise UnreadableFile when it cannot be read.
    """
    return _font_bytes(*_key(path, folder))


@functools.lru_cache(maxsize=8)
def _font_bytes(path: Path, folder: Path, _version: tuple[int, int, int]) -> bytes:
    return read_user_file(path, folder, MAX_FONT_BYTES, whose="du thème")


def font_problem(path: Path, folder: Path, typed: str) -> str:
    """Return what keeps the file at ``path`` from being embedded in a PDF, or ""."""
    try:
        data = font_bytes(path, folder)
    except UnreadableFile as error:
        return f"« {typed} » {error.predicate}"
    if data[:4] == b"OTTO":
        return f"police OpenType CFF non prise en charge « {typed} » : {_TRUETYPE_WANTED}"
    if data[:4] in (b"wOFF", b"wOF2"):
        return f"police Web (WOFF) non prise en charge « {typed} » : {_TRUETYPE_WANTED}"
    from reportlab.pdfbase.ttfonts import TTFont

    try:
        face = TTFont("educpop-check", io.BytesIO(data)).face
    except Exception as error:  # reportlab raises many kinds for a damaged font
        if "embedding" in str(error):
            return f"la licence de la police « {typed} » interdit de l'incorporer dans un PDF : choisissez-en une autre"
        return f"police illisible « {typed} » : attendu un fichier de police TrueType (.ttf)"
    characters = sorted(face.charToGlyph)
    try:
        _check_composite_glyphs(data)
        # what the PDF renderer does with the characters it prints, for every character: a damaged
        # glyph table fails here (IndexError, struct.error…), not in the middle of a build
        for start in range(0, len(characters), 256):
            face.makeSubset(characters[start : start + 256])
    except Exception:  # fontTools and reportlab raise many kinds for a damaged glyph table
        return f"police abîmée « {typed} » : sa table des glyphes est illisible ; téléchargez à nouveau le fichier"
    return ""


def _check_composite_glyphs(data: bytes) -> None:
    """Raise ValueError when a glyph made of others names one the font does not have.

    reportlab follows such a glyph's parts past its end, through the whole
    table, for minutes before failing; fontTools reads each glyph within its
    bounds, and only glyphs made of others need reading (0.1 s for DejaVu Sans).
    """
    from fontTools.ttLib import TTFont as FontFile

    font = FontFile(io.BytesIO(data))
    glyphs = font["glyf"]
    order = font.getGlyphOrder()
    names = set(order)
    for name in order:
        if glyphs.glyphs[name].isComposite():  # looked at before expanding: simple glyphs stay unread
            if any(part.glyphName not in names for part in glyphs[name].components):
                raise ValueError(f"glyphe {name} fait d'un glyphe absent")


# --- reference .docx -----------------------------------------------------------------


class ReferenceRefused(Exception):
    """A reference document educpop will not open (entities, too large); the message says why, in French."""


def reference_problem(path: Path, folder: Path, typed: str) -> str:
    """Return what keeps the file at ``path`` from serving as a reference .docx, or ""."""
    if path.suffix.lower() != ".docx":
        return (
            f"attendu un document Word .docx, trouvé « {typed} » ; "
            "ouvrez-le dans Word ou LibreOffice et enregistrez-le au format .docx"
        )
    try:
        reference_package(path, folder)
    except UnreadableFile as error:
        return f"« {typed} » {error.predicate}"
    except ReferenceRefused as error:
        return f"document Word refusé « {typed} » : {error}"
    except ValueError:
        return f"document Word illisible « {typed} » : {_RESAVE}"
    return ""


def reference_package(path: Path, folder: Path | None) -> bytes:
    """Return the bytes of the reference .docx at ``path`` inside ``folder``, checked, read once per build.

    ``folder`` is the theme folder (see :func:`_key` for a file named outside it).
    Raise UnreadableFile when the file cannot be read, ReferenceRefused when
    it is dangerous or too large, ValueError when it is not a Word document.
    """
    return _reference_package(*_key(path, folder))


@functools.lru_cache(maxsize=4)
def _reference_package(path: Path, folder: Path, _version: tuple[int, int, int]) -> bytes:
    data = read_user_file(path, folder, MAX_REFERENCE_BYTES, whose="du thème")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            _check_package(package)
    except DefusedXmlException:  # a ValueError: caught first
        never = "que Word n'écrit jamais et qu'educpop refuse par sécurité"
        raise ReferenceRefused(f"il déclare des entités XML (DOCTYPE), {never} ; {_RESAVE}") from None
    except (zipfile.BadZipFile, ParseError, EOFError, NotImplementedError, RuntimeError, OSError, ValueError) as error:
        raise ValueError(str(error)) from error  # not a zip, damaged, encrypted (RuntimeError), bad XML
    import docx

    try:
        docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises several kinds for a bad package
        raise ValueError(str(error)) from error
    return data


def _check_package(package: zipfile.ZipFile) -> None:
    """Refuse a package too large once inflated, or whose XML declares entities or holds too many elements."""
    parts = package.infolist()
    if len(parts) > MAX_REFERENCE_PARTS:
        raise ReferenceRefused(f"il contient {len(parts)} fichiers, au plus {MAX_REFERENCE_PARTS}")
    inflated = sum(part.file_size for part in parts)
    if inflated > MAX_REFERENCE_INFLATED:
        million = 1_000_000
        raise ReferenceRefused(
            f"il ferait {inflated // million} Mo une fois décompressé, au plus {MAX_REFERENCE_INFLATED // million} Mo"
        )
    elements = 0
    for part in parts:
        if not part.filename.endswith((".xml", ".rels")):
            continue
        # zipfile stops at the size its directory promises (a lying entry fails its CRC check)
        with package.open(part) as stream:
            for _event, element in iterparse(stream, forbid_dtd=True):
                element.clear()
                elements += 1
                if elements > MAX_REFERENCE_ELEMENTS:
                    raise ReferenceRefused(f"il contient plus de {MAX_REFERENCE_ELEMENTS} éléments XML")
