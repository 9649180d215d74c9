"""Hostile files a theme names: huge or damaged logos, a garbled font, reference documents with XXE or bombs.

Each is refused before anything is built, at its line of theme.yaml, in French, with exit status 2.
"""

from __future__ import annotations

import io
import re
import shutil
import struct
import zipfile
import zlib
from pathlib import Path

import docx
import pytest
from PIL import Image

from educpop.theme import DEJAVU_SANS
from educpop.theme_assets import MAX_LOGO_PIXELS
from hostile.conftest import SESSION, errors, run, session

THEME = "atelier/theme/theme.yaml"
TOO_LARGE = (
    "1:7: logo: image trop grande « logo.png » : {} × {} pixels, au plus 25 millions (par exemple 5000 × 5000) ; "
    "réduisez-la, 1000 pixels de large suffisent pour un logo"
)
DAMAGED = "1:7: logo: image abîmée « logo.png » : ouvrez-la et enregistrez-la à nouveau en PNG"
REFUSED = "1:17: reference_docx: document Word refusé « modele.docx » : "
DOCTYPE = (
    REFUSED + "il déclare des entités XML (DOCTYPE), que Word n'écrit jamais et qu'educpop refuse par sécurité ; "
    "ouvrez-le et enregistrez-le à nouveau au format .docx"
)
UNREADABLE = (
    "1:17: reference_docx: document Word illisible « modele.docx » : "
    "ouvrez-le et enregistrez-le à nouveau au format .docx"
)


def themed(theme_yaml: str, files: dict[str, bytes]) -> None:
    theme = {f"theme/{name}": data for name, data in files.items()}
    session(SESSION + "theme: theme/\n", {"theme/theme.yaml": theme_yaml, **theme})


def refused(capsys: pytest.CaptureFixture[str]) -> list[str]:
    """Return the problems of a build that must stop before writing anything, each without the file name."""
    status, err = run(capsys, "build", "atelier", "-o", "sortie")
    assert status == 2 and "Traceback" not in err and not Path("sortie").exists()
    assert err.startswith("educpop : thème invalide :\n")
    return [line.removeprefix(THEME + ":") for line in errors(err)]


# --- logo ----------------------------------------------------------------------------


def png_header(width: int, height: int, body: bytes = b"") -> bytes:
    """Return a PNG that says it is ``width`` × ``height`` (grey), with ``body`` as its compressed pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")


def grey_png(width: int, height: int) -> bytes:
    rows = (b"\x00" + b"\x80" * width) * height
    return png_header(width, height, zlib.compress(rows, 1))


def jpeg(width: int = 40, height: int = 20) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buffer, "JPEG")
    return buffer.getvalue()


def jpeg_saying(width: int, height: int) -> bytes:
    """Return a small JPEG whose frame header says it is ``width`` × ``height``."""
    data = bytearray(jpeg())
    frame = data.index(b"\xff\xc0")
    data[frame + 5 : frame + 9] = struct.pack(">HH", height, width)
    return bytes(data)


@pytest.mark.parametrize("side", [30_000, 12_000, 5_001])
def test_a_logo_too_large_in_pixels_is_refused_from_its_header_as_too_large(
    capsys: pytest.CaptureFixture[str], side: int
) -> None:
    themed("logo: logo.png\n", {"logo.png": png_header(side, 5_000 if side == 5_001 else side)})
    assert refused(capsys) == [TOO_LARGE.format(side, 5_000 if side == 5_001 else side)]


def test_a_jpeg_logo_too_large_in_pixels_is_refused_from_its_header(capsys: pytest.CaptureFixture[str]) -> None:
    themed("logo: logo.png\n", {"logo.png": jpeg_saying(30_000, 30_000)})
    assert refused(capsys) == [TOO_LARGE.format(30_000, 30_000)]


def test_a_logo_of_exactly_the_pixel_cap_is_accepted(capsys: pytest.CaptureFixture[str]) -> None:
    assert MAX_LOGO_PIXELS == 5_000 * 5_000
    themed("logo: logo.png\n", {"logo.png": grey_png(5_000, 5_000)})
    assert run(capsys, "check", "atelier")[0] == 0


@pytest.mark.parametrize(
    "data",
    [
        png_header(60, 30, b"pas des pixels compresses"),
        png_header(60, 30, zlib.compress(b"\x00\x80" * 10)),  # too few rows
        jpeg()[:300],  # cut short
        grey_png(60, 30)[:-20],  # IDAT cut, no IEND
    ],
    ids=["png-garbage", "png-short", "jpeg-cut", "png-cut"],
)
def test_a_logo_whose_image_data_is_damaged_is_refused_in_french(
    capsys: pytest.CaptureFixture[str], data: bytes
) -> None:
    themed("logo: logo.png\n", {"logo.png": data})
    assert refused(capsys) == [DAMAGED]


# --- font ----------------------------------------------------------------------------

FONT_YAML = """\
font:
  name: Corps
  regular: police.ttf
  bold: police.ttf
  italic: police.ttf
  bold_italic: police.ttf
"""
FACES = ["3:12: font.regular", "4:9: font.bold", "5:11: font.italic", "6:16: font.bold_italic"]


def garbled(table: bytes) -> bytes:
    """Return DejaVu Sans with its ``table`` filled with 0xFF bytes (the table directory left intact)."""
    font = bytearray(DEJAVU_SANS.regular.read_bytes())
    for index in range(struct.unpack(">H", font[4:6])[0]):
        tag, _, offset, length = struct.unpack(">4sIII", font[12 + 16 * index : 28 + 16 * index])
        if tag == table:
            font[offset : offset + length] = b"\xff" * length
    return bytes(font)


def test_a_font_whose_glyph_table_is_garbled_is_refused_naming_the_file(capsys: pytest.CaptureFixture[str]) -> None:
    themed(FONT_YAML, {"police.ttf": garbled(b"glyf")})
    assert refused(capsys) == [
        f"{face}: police abîmée « police.ttf » : sa table des glyphes est illisible ; téléchargez à nouveau le fichier"
        for face in FACES
    ]


@pytest.mark.parametrize("table", [b"cmap", b"maxp", b"hhea"])
def test_a_font_whose_tables_are_garbled_is_refused_as_unreadable(
    capsys: pytest.CaptureFixture[str], table: bytes
) -> None:
    themed(FONT_YAML, {"police.ttf": garbled(table)})
    assert refused(capsys) == [
        f"{face}: police illisible « police.ttf » : attendu un fichier de police TrueType (.ttf)" for face in FACES
    ]


# --- reference .docx -----------------------------------------------------------------


def reference(parts: dict[str, bytes] | None = None) -> bytes:
    """Return a valid .docx with ``parts`` replaced or added."""
    blank = io.BytesIO()
    docx.Document().save(blank)
    out = io.BytesIO()
    with zipfile.ZipFile(blank) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, (parts or {}).pop(info.filename, None) or source.read(info))
        for name, data in (parts or {}).items():
            target.writestr(name, data)
    return out.getvalue()


def promising(package: bytes, name: str, size: int) -> bytes:
    """Return ``package`` whose zip directory says that ``name`` inflates to ``size`` bytes."""
    data = bytearray(package)
    for entry in re.finditer(b"PK\x01\x02", data):
        start = entry.start()
        length = struct.unpack("<H", data[start + 28 : start + 30])[0]
        if data[start + 46 : start + 46 + length] == name.encode():
            data[start + 24 : start + 28] = struct.pack("<I", size)
    return bytes(data)


def styles_with(declaration: str, use: str) -> bytes:
    styles = zipfile.ZipFile(io.BytesIO(reference())).read("word/styles.xml").decode()
    head, rest = styles.split("?>", 1)
    return (head + "?>" + declaration + rest.replace("<w:style ", use + "<w:style ", 1)).encode()


REFERENCE = "reference_docx: modele.docx\n"


@pytest.mark.parametrize(
    ("declaration", "use"),
    [
        ('<!DOCTYPE w:styles [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', "&xxe;"),
        ('<!DOCTYPE w:styles [<!ENTITY xxe SYSTEM "http://exemple.org/x">]>', "&xxe;"),
        ('<!DOCTYPE w:styles [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>', "&b;"),
        ('<!DOCTYPE w:styles SYSTEM "http://exemple.org/styles.dtd">', ""),
        ("<!DOCTYPE w:styles>", ""),
    ],
    ids=["xxe-file", "xxe-network", "laughs", "external-dtd", "bare-doctype"],
)
def test_a_reference_document_declaring_entities_is_refused_and_nothing_is_built(
    capsys: pytest.CaptureFixture[str], declaration: str, use: str
) -> None:
    themed(REFERENCE, {"modele.docx": reference({"word/styles.xml": styles_with(declaration, use)})})
    assert refused(capsys) == [DOCTYPE]


def test_a_zip_bomb_is_refused_from_its_directory_before_inflating(capsys: pytest.CaptureFixture[str]) -> None:
    bomb = promising(reference({"word/media/bombe.bin": b"\x00" * 1000}), "word/media/bombe.bin", 1_600_000_000)
    themed(REFERENCE, {"modele.docx": bomb})
    assert refused(capsys) == [REFUSED + "il ferait 1600 Mo une fois décompressé, au plus 100 Mo"]


def test_a_zip_whose_directory_understates_a_part_is_refused_as_unreadable(capsys: pytest.CaptureFixture[str]) -> None:
    themed(REFERENCE, {"modele.docx": promising(reference(), "word/styles.xml", 10)})
    assert refused(capsys) == [UNREADABLE]


def test_millions_of_empty_elements_are_refused_at_the_element_cap(capsys: pytest.CaptureFixture[str]) -> None:
    namespace = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    body = f"<w:document {namespace}><w:body>".encode() + b"<w:p/>" * 8_000_000 + b"</w:body></w:document>"
    themed(REFERENCE, {"modele.docx": reference({"word/document.xml": body})})
    assert refused(capsys) == [REFUSED + "il contient plus de 500000 éléments XML"]


def test_a_package_of_too_many_files_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    themed(REFERENCE, {"modele.docx": reference({f"word/media/{n}.bin": b"x" for n in range(1000)})})
    assert refused(capsys) == [REFUSED + "il contient 1017 fichiers, au plus 1000"]


def test_a_reference_document_too_big_to_read_is_refused_before_it_is_opened(
    capsys: pytest.CaptureFixture[str],
) -> None:
    themed(REFERENCE, {"modele.docx": b"PK" + b"\x00" * 20_000_001})
    assert refused(capsys) == ["1:17: reference_docx: « modele.docx » est trop gros (20000 ko, au plus 20000 ko)"]


def test_a_reference_document_that_is_no_zip_is_unreadable(capsys: pytest.CaptureFixture[str]) -> None:
    themed(REFERENCE, {"modele.docx": b"ceci n'est pas un document Word"})
    assert refused(capsys) == [UNREADABLE]


def test_the_font_and_logo_of_these_tests_are_valid_when_untouched(capsys: pytest.CaptureFixture[str]) -> None:
    themed("logo: logo.png\n" + REFERENCE + FONT_YAML, {"logo.png": jpeg(), "modele.docx": reference()})
    shutil.copy(DEJAVU_SANS.regular, "atelier/theme/police.ttf")
    assert run(capsys, "check", "atelier")[0] == 0
