"""Shared fixtures: the sample workshop, built once, and readers for what was built."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import docx
import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
import pyphen
import pytest
from hypothesis import settings
from PIL import Image

from educpop.cli import main
from educpop.generators import Generator, registry
from educpop.plan import Options, make_plan
from educpop.session.load import load_workshop

# On CI the generated examples are the same at every run, so that a red build
# always means a change of ours; locally they vary, to keep finding new cases.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sessions" / "revolution-russe-1917"

#: a session of two sub-groups: group A's sheet fits on one page, group B's takes several
TWO_GROUPS = """\
title: Atelier
group: {min: 8, max: 8, subgroup_size: 4}
duration: 60
start: "18:00"
activities:
  - {id: lecture, title: Lecture, method: sous-groupes, grouping: subgroups, duration: 60, questions: [court, long]}
questions:
  - id: court
    title: Un thème court
    items:
      - {level: understand, text: "De quoi parle le texte ?"}
  - id: long
    title: Un thème long
    items:
""" + "".join(
    f'      - {{level: {level}, text: "Question {n} du thème long, assez longue pour tenir sur deux lignes de la fiche '
    f'quand elle est imprimée en A4 avec ses marges ordinaires ?"}}\n'
    for n, level in enumerate(["understand"] * 6 + ["analyse"] * 6 + ["today"] * 6, start=1)
)


def squash(text: str) -> str:
    """Return ``text`` with every kind of space folded to one space and typographic marks made plain.

    Lets a test compare what a user wrote with what a reader extracts after
    typesetting (no-break spaces, curly apostrophes) and line wrapping.
    """
    text = text.replace("\u2019", "'").replace("\u00ad", "")
    return re.sub(r"[\s\u00a0\u202f\u2009\u2060]+", " ", text).strip()


def write_session(session: str | bytes, files: dict[str, str | bytes] | None = None) -> Path:
    """Return ``atelier/`` (relative to the working directory) holding ``session.yaml`` and ``files``.

    Text is written as UTF-8; bytes as they are, for encoding mistakes.
    """
    root = Path("atelier")
    for name, content in {"session.yaml": session, **(files or {})}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
    return root


def pack_generators(session: Path, options: Options | None = None) -> list[Generator]:
    """Return the generators of every document in the pack of ``session``: the registry's, as its plan needs them."""
    plan = make_plan(load_workshop(session), options or Options())
    return [generator for generator in registry().values() if generator.applies(plan)]


#: what PDFium reports in place of a hyphen that the typesetter put at the end of a line
#: (U+FFFE from the whole page, U+0002 from a part of it)
LINE_END_HYPHENS = re.compile("[\ufffe\x02]")


@dataclass(frozen=True)
class Box:
    """A rectangle on a page, in points from the page's top left corner (as a reader of the page sees it)."""

    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class Word(Box):
    """A word of a PDF page (counted from 1) with its box."""

    page: int
    text: str


@dataclass(frozen=True)
class PdfFont:
    """A font a PDF uses, as pdffonts lists it: its name and whether it is embedded, subset and mapped to Unicode."""

    name: str
    embedded: bool
    subset: bool
    unicode: bool

    @property
    def family(self) -> str:
        """Return the name without the subset prefix (``ABCDEF+DejaVuSans-Bold`` → ``DejaVuSans-Bold``)."""
        return self.name.split("+", 1)[-1]


def _page_text(page: pdfium.PdfPage, box: Box | None, raw: bool) -> str:
    """Return the text of an open PDFium page, in ``box`` only when it is given."""
    textpage = page.get_textpage()
    if box is None:
        text = textpage.get_text_range()
    else:
        height = page.get_height()
        text = textpage.get_text_bounded(left=box.x0, bottom=height - box.y1, right=box.x1, top=height - box.y0)
    return LINE_END_HYPHENS.sub("-\n" if raw else "", text.replace("\r\n", "\n"))


def pdf_text(path: Path, *, raw: bool = False) -> str:
    """Return the text of a PDF, pages separated by a form feed, as PDFium reads it.

    A word the typesetter cut at the end of a line comes back whole; with
    ``raw``, it stays cut: "démocra-" then a newline then "tique".
    """
    document = pdfium.PdfDocument(path)
    try:
        return "\f".join(_page_text(page, None, raw) for page in document)
    finally:
        document.close()


def pdf_page_text(path: Path, page: int, box: Box | None = None) -> str:
    """Return the text of page ``page`` (counted from 1) of a PDF, only what stands inside ``box`` if given."""
    document = pdfium.PdfDocument(path)
    try:
        return _page_text(document[page - 1], box, raw=False)
    finally:
        document.close()


def pdf_pages(path: Path) -> int:
    """Return the page count of a PDF."""
    document = pdfium.PdfDocument(path)
    try:
        return len(document)
    finally:
        document.close()


def _page_words(page: pdfium.PdfPage, number: int) -> list[Word]:
    """Return the words of an open PDFium page, numbered ``number``."""
    height = page.get_height()
    textpage = page.get_textpage()
    words: list[Word] = []
    for index in range(textpage.count_chars()):
        char = chr(pdfium_raw.FPDFText_GetUnicode(textpage, index))
        if char.isspace():
            words.append(Word(0, 0, 0, 0, number, ""))  # a separator, dropped below
            continue
        line_end_hyphen = LINE_END_HYPHENS.fullmatch(char) is not None
        left, bottom, right, top = textpage.get_charbox(index, loose=True)
        glyph = Word(left, height - top, right, height - bottom, number, "-" if line_end_hyphen else char)
        last = words[-1] if words else None
        if (last is None or not last.text
                or glyph.x0 - last.x1 > (glyph.y1 - glyph.y0) / 2 or glyph.x0 < last.x0
                or glyph.y0 >= last.y1 or glyph.y1 <= last.y0):
            words.append(glyph)
        else:
            words[-1] = Word(last.x0, min(last.y0, glyph.y0), max(last.x1, glyph.x1), max(last.y1, glyph.y1),
                             number, last.text + glyph.text)
        if line_end_hyphen:
            words.append(Word(0, 0, 0, 0, number, ""))
    return [word for word in words if word.text]


def pdf_words(path: Path) -> list[Word]:
    """Return every word of a PDF with its box (the font's full height, as pdftotext -bbox gives it).

    A word ends at a space, at the end of a line, or at a gap wider than half
    its letters' height; a hyphen that ends a line is kept as "-".
    """
    document = pdfium.PdfDocument(path)
    try:
        return [word for number, page in enumerate(document, start=1) for word in _page_words(page, number)]
    finally:
        document.close()


@dataclass(frozen=True)
class PrintedLine:
    """A line of a PDF page as a reader sees it: its words, left to right (a table cell's line is a line of its own)."""

    words: tuple[Word, ...]

    @property
    def page(self) -> int:
        """Return the page the line is on (counted from 1)."""
        return self.words[0].page

    @property
    def height(self) -> float:
        """Return the height of the line's letters (the font's size, near enough)."""
        return max(word.y1 - word.y0 for word in self.words)

    @property
    def cut(self) -> bool:
        """Return whether the line ends in a hyphen (a word cut by the typesetter, or a hyphen of the text)."""
        return self.words[-1].text.endswith("-")

    @property
    def text(self) -> str:
        """Return the words of the line, one space apart."""
        return " ".join(word.text for word in self.words)


def pdf_lines(path: Path) -> list[PrintedLine]:
    """Return every line of a PDF, in reading order.

    Words follow each other on a line when they stand at one height and less
    than twice their letters' height apart: the cells of a table row, a line
    number in the margin and the two pages of a booklet's sheet are lines apart.
    """
    lines: list[list[Word]] = []
    for word in pdf_words(path):
        last = lines[-1][-1] if lines else None
        height = word.y1 - word.y0
        if (last is None or last.page != word.page or word.x0 < last.x1 - 1
                or abs((word.y0 + word.y1) - (last.y0 + last.y1)) / 2 > height / 2
                or word.x0 - last.x1 > 2 * height):
            lines.append([word])
        else:
            lines[-1].append(word)
    return [PrintedLine(tuple(words)) for words in lines]


#: a line of running text has at least this many words (headings, cells, labels and line numbers have fewer)
RUNNING_TEXT_WORDS = 5


@dataclass(frozen=True)
class HyphenRate:
    """How many lines of running text a PDF has, and how many of them end in a hyphen."""

    lines: int
    cut: int

    @property
    def percent(self) -> float:
        """Return the share of lines of running text that end in a hyphen, in per cent."""
        return 100 * self.cut / self.lines if self.lines else 0.0


def hyphen_rate(path: Path) -> HyphenRate:
    """Return the hyphen rate of a PDF: its lines of running text (RUNNING_TEXT_WORDS words or more) that end in "-"."""
    running = [line for line in pdf_lines(path) if len(line.words) >= RUNNING_TEXT_WORDS]
    return HyphenRate(len(running), sum(line.cut for line in running))


@dataclass(frozen=True)
class Glyph:
    """A character of a PDF page (counted from 1) and the size of its font, in points (0 for a space PDFium adds)."""

    page: int
    char: str
    size: float


def pdf_glyphs(path: Path) -> list[Glyph]:
    """Return every character of a PDF with its font size, in reading order, as PDFium reads them."""
    document = pdfium.PdfDocument(path)
    try:
        glyphs = []
        for number, page in enumerate(document, start=1):
            textpage = page.get_textpage()
            for index in range(textpage.count_chars()):
                char = chr(pdfium_raw.FPDFText_GetUnicode(textpage, index))
                added = pdfium_raw.FPDFText_IsGenerated(textpage, index) == 1
                size = 0.0 if added else round(pdfium_raw.FPDFText_GetFontSize(textpage, index), 2)
                glyphs.append(Glyph(number, char, size))
        return glyphs
    finally:
        document.close()


def pdf_rules(path: Path, page: int, least_width: float) -> list[float]:
    """Return the heights (points from the page's top) of the horizontal lines at least ``least_width`` long."""
    document = pdfium.PdfDocument(path)
    try:
        sheet = document[page - 1]
        height = sheet.get_height()
        rules = []
        for thing in sheet.get_objects(filter=[pdfium_raw.FPDF_PAGEOBJ_PATH]):
            left, bottom, right, top = thing.get_bounds()
            if right - left >= least_width and top - bottom < 2:
                rules.append(round(height - (top + bottom) / 2, 2))
        return sorted(rules)
    finally:
        document.close()


def pdf_page_image(path: Path, page: int, dpi: float = 72) -> Image.Image:
    """Return page ``page`` (counted from 1) of a PDF drawn by PDFium at ``dpi``, as an RGB image."""
    document = pdfium.PdfDocument(path)
    try:
        return document[page - 1].render(scale=dpi / 72).to_pil().convert("RGB")
    finally:
        document.close()


def pdf_fonts(path: Path) -> list[PdfFont]:
    """Return every font a PDF's pages use (their forms included), once each, as pdffonts lists them."""
    fonts: dict[tuple[int, int], PdfFont] = {}

    def visit(resources: pikepdf.Object) -> None:
        for font in resources.get("/Font", pikepdf.Dictionary()).values():
            descriptor = (font.DescendantFonts[0] if "/DescendantFonts" in font else font).get("/FontDescriptor")
            name = str(font.BaseFont)[1:]
            embedded = descriptor is not None and any(
                key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts[font.objgen] = PdfFont(name, embedded, re.match(r"[A-Z]{6}\+", name) is not None,
                                         "/ToUnicode" in font)
        for xobject in resources.get("/XObject", pikepdf.Dictionary()).values():
            if xobject.get("/Subtype") == "/Form" and "/Resources" in xobject:
                visit(xobject.Resources)

    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            visit(page.Resources)
    return list(fonts.values())


def pdf_problems(path: Path) -> list[str]:
    """Return what qpdf's check finds wrong in a PDF (syntax, structure, a stream that cannot be decoded).

    An empty list is a sound file.
    """
    with pikepdf.open(path) as pdf:
        problems = [str(problem) for problem in pdf.check_pdf_syntax()]
        for thing in pdf.objects:
            if isinstance(thing, pikepdf.Stream):
                try:
                    thing.read_bytes()
                except pikepdf.PdfError as error:
                    problems.append(f"{thing.objgen}: {error}")
    return problems


def docx_text(path: Path) -> str:
    """Return every paragraph of a DOCX, body and tables (nested too), one per line."""
    document = docx.Document(str(path))
    lines: list[str] = []

    def walk(container: object) -> None:
        for paragraph in container.paragraphs:  # type: ignore[attr-defined]
            lines.append(paragraph.text)
        for table in container.tables:  # type: ignore[attr-defined]
            for row in table.rows:
                for cell in row.cells:
                    walk(cell)

    walk(document)
    return "\n".join(lines)


@pytest.fixture(scope="session")
def sample_pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the folder of the sample workshop's pack, built once through the CLI."""
    out = tmp_path_factory.mktemp("pack")
    assert main(["build", str(SAMPLE), "-o", str(out)]) == 0
    return out


#: LibreOffice's PDF export keeping the blank backs an odd-page section leaves: they are printed, but
#: LibreOffice leaves them out of a PDF unless told
LIBREOFFICE_PDF = 'pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}'

#: LibreOffice's command, which only the DOCX round trip needs; .ci/run installs it
SOFFICE = shutil.which("soffice")
NO_LIBREOFFICE = "LibreOffice absent : apt-get install libreoffice-writer-nogui"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Skip every test that needs the ``soffice`` fixture when LibreOffice is absent, except on CI.

    Marked at collection, so that pytest folds them into one line of its summary.
    """
    if SOFFICE is None and not os.environ.get("CI"):
        for item in items:
            if "soffice" in getattr(item, "fixturenames", ()):
                item.add_marker(pytest.mark.skip(reason=NO_LIBREOFFICE))


def libreoffice_pdfs(soffice: str, documents: list[Path], work: Path) -> dict[str, Path]:
    """Return LibreOffice's PDF of each DOCX of ``documents`` (converted in one call, in ``work``), by stem."""
    done = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{work / 'profile'}", "--headless", "--norestore",
         "--convert-to", LIBREOFFICE_PDF, "--outdir", str(work / "pdf"), *map(str, documents)],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return {path.stem: work / "pdf" / f"{path.stem}.pdf" for path in documents}


@pytest.fixture(scope="session")
def soffice() -> str:
    """Return the path of LibreOffice's command; fail on CI when it is absent (elsewhere the test is skipped)."""
    if SOFFICE is None:
        pytest.fail(f"{NO_LIBREOFFICE} (.ci/run l'installe)", pytrace=False)
    return SOFFICE


#: a LibreOffice profile's settings registering pyphen's French hyphenation dictionary, as a dictionary
#: extension would: an office PC hyphenates French, a bare LibreOffice (without hyphen-fr) does not
_HYPHENATION_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema">
<item oor:path="/org.openoffice.Office.Linguistic/ServiceManager/Dictionaries">
<node oor:name="HyphDic_fr" oor:op="fuse">
<prop oor:name="Locations" oor:op="fuse"><value>{location}</value></prop>
<prop oor:name="Format" oor:op="fuse"><value>DICT_HYPH</value></prop>
<prop oor:name="Locales" oor:op="fuse"><value>fr-FR fr-BE fr-CA fr-CH fr-LU</value></prop>
</node></item>
</oor:items>
"""


@pytest.fixture(scope="session")
def libreoffice_profile(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Return a LibreOffice ``-env:UserInstallation`` option for a fresh profile that hyphenates French."""
    profile = tmp_path_factory.mktemp("libreoffice-profile")
    (profile / "user").mkdir()
    location = Path(pyphen.LANGUAGES["fr"]).as_uri()
    (profile / "user" / "registrymodifications.xcu").write_text(_HYPHENATION_PROFILE.format(location=location))
    return f"-env:UserInstallation={profile.as_uri()}"
