"""Files the import tests make themselves: a two-column magazine PDF, a Word file with notes, an HTML page."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from educpop.importer import import_file
from educpop.importer.markdown import write
from educpop.importer.report import Report

FONTS = Path(__file__).resolve().parents[2] / "educpop" / "fonts"
pdfmetrics.registerFont(TTFont("Corps", str(FONTS / "DejaVuSans.ttf")))
pdfmetrics.registerFont(TTFont("Corps-Bold", str(FONTS / "DejaVuSans-Bold.ttf")))

#: A4, two columns of 230 points with a 25-point gutter
WIDTH, HEIGHT = 595.0, 842.0
COLUMNS = ((50.0, 280.0), (315.0, 545.0))
SIZE, LEADING = 10.0, 12.5


@dataclass
class Page:
    """What one page shows: lines of each column, footnotes at its foot.

    A line starting with "#" is a bold heading, "!" a caption in small print, "  " an
    indented first line, "" a gap; "^1" in a line is a raised note number.
    """

    columns: tuple[list[str], ...]
    notes: list[str] = field(default_factory=list)
    title: str = ""


def make_pdf(path: Path, pages: list[Page], running_title: str = "Revue Chantiers — numéro 12",
             columns: tuple[tuple[float, float], ...] = COLUMNS) -> Path:
    """Write ``pages`` as a magazine PDF at ``path``: running title on top, page number at the foot."""
    canvas = Canvas(str(path), pagesize=(WIDTH, HEIGHT))
    for number, page in enumerate(pages, 1):
        canvas.setFont("Corps", 8)
        canvas.drawString(50, HEIGHT - 30, running_title)
        canvas.drawCentredString(WIDTH / 2, 25, str(number))
        top = HEIGHT - 70
        if page.title:
            canvas.setFont("Corps-Bold", 16)
            canvas.drawString(50, top, page.title)
            top -= 32
        for (left, _), lines in zip(columns, page.columns, strict=False):
            y = top
            for line in lines:
                _draw_line(canvas, line, left, y)
                y -= LEADING
        y = 40 + LEADING * 0.8 * (len(page.notes) - 1)
        for note in page.notes:
            _draw_line(canvas, note, 50, y, size=8.0)
            y -= LEADING * 0.8
        canvas.showPage()
    canvas.save()
    return path


def wrap(text: str, width: float = COLUMNS[0][1] - COLUMNS[0][0]) -> list[str]:
    """Return ``text`` cut into the lines a typesetter would make in a column ``width`` points wide."""
    from reportlab.lib.utils import simpleSplit

    return list(simpleSplit(text, "Corps", SIZE, width))


def _draw_line(canvas: Canvas, line: str, x: float, y: float, size: float = SIZE) -> None:
    font = "Corps"
    if line.startswith("#"):
        font, line = "Corps-Bold", line[1:]
    if line.startswith("!"):
        size, line = 8.0, line[1:]
    if line.startswith("  "):
        x += 12
    for index, piece in enumerate(line.strip().split("^")):
        if index:
            number, piece = piece[0], piece[1:]
            canvas.setFont("Corps", size * 0.6)
            canvas.drawString(x, y + size * 0.4, number)
            x += canvas.stringWidth(number, "Corps", size * 0.6)
        canvas.setFont(font, size)
        canvas.drawString(x, y, piece)
        x += canvas.stringWidth(piece, font, size)


def imported(path: Path) -> tuple[str, str]:
    """Return the Markdown and the report of importing ``path``."""
    report = Report()
    markdown, lines = write(import_file(path, report))
    return markdown, report.render(path.name, "sources/texte.md", lines)


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_FOOTNOTES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes xmlns:w="{_W}">
  <w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
  <w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
  {{notes}}
</w:footnotes>"""


def make_docx(path: Path, notes: dict[int, str]) -> Path:
    """Write a Word file at ``path`` with a heading, emphasis, both kinds of lists and the footnotes ``notes``.

    python-docx cannot write footnotes: the part is built here as XML and the
    calls are ``w:footnoteReference`` runs, as Word writes them.
    """
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_heading("Les conseils ouvriers", level=1)
    intro = document.add_paragraph("Un texte ")
    intro.add_run("important").bold = True
    intro.add_run(" et une idée ")
    intro.add_run("neuve").italic = True
    intro.add_run(" dans le premier paragraphe.")
    _call(intro, 1)
    document.add_heading("Ce qu'ils décident", level=2)
    for item in ("La paix immédiate", "La terre aux paysans"):
        document.add_paragraph(item, style="List Bullet")
    for item in ("Élire les délégué·e·s", "Révoquer les mandats"):
        document.add_paragraph(item, style="List Number")
    closing = document.add_paragraph("Un dernier paragraphe qui appelle la seconde note.")
    _call(closing, 2)
    xml = "".join(
        f'<w:footnote w:id="{number}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/><w:sz w:val="16"/></w:rPr>'
        f'<w:footnoteRef/></w:r><w:r><w:rPr><w:sz w:val="16"/></w:rPr><w:t xml:space="preserve"> {text}'
        "</w:t></w:r></w:p></w:footnote>"
        for number, text in notes.items()
    )
    part = Part(PackURI("/word/footnotes.xml"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
                _FOOTNOTES.format(notes=xml).encode(), document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)
    document.save(str(path))
    assert parse_xml(part.blob) is not None
    return path


def _call(paragraph: object, number: int) -> None:
    from docx.oxml import parse_xml

    run = paragraph.add_run()  # type: ignore[attr-defined]
    run._r.append(parse_xml(f'<w:footnoteReference xmlns:w="{_W}" w:id="{number}"/>'))


def make_columns_docx(path: Path, paragraphs: list[str], notes: dict[int, str], running_title: str) -> Path:
    """Write a Word file in two columns with a running title, whose paragraph ``i`` calls note ``i`` if any."""
    import docx
    from docx.oxml import parse_xml

    make_docx(path, notes)  # for its footnotes part; its body is replaced below
    document = docx.Document(str(path))
    body = document.element.body
    for child in list(body):
        if child.tag != f"{{{_W}}}sectPr":
            body.remove(child)
    for index, text in enumerate(paragraphs, 1):
        paragraph = document.add_paragraph(text)
        if index in notes:
            _call(paragraph, index)
    section = document.sections[0]
    section.header.paragraphs[0].text = running_title
    section._sectPr.append(parse_xml(f'<w:cols xmlns:w="{_W}" w:num="2" w:space="567"/>'))
    document.save(str(path))
    return path


_SUBJECTS = ("Le comité de la rue des Lilas", "Une assemblée de locataires", "La coopérative du marché couvert",
             "Le syndicat des cheminots", "Un groupe de lectrices", "La maison du peuple", "Notre association")
_VERBS = ("discute longuement", "vote à main levée", "organise chaque semaine", "prépare avec soin",
          "raconte sans détour")
_OBJECTS = ("la question des loyers", "une caisse de grève", "des cours du soir pour adultes",
            "le partage des tâches", "une fête de quartier", "la défense des services publics",
            "un journal mural", "les tours de parole", "une bibliothèque ambulante", "la cantine commune",
            "un atelier de réparation")


def sentence(number: int) -> str:
    """Return a sentence of our own, different for each ``number`` (so the order can be checked)."""
    return (f"{_SUBJECTS[number % 7]} {_VERBS[number % 5]} {_OBJECTS[number % 11]} "
            f"(phrase {number}).")
