"""DOCX laid out as the PDF: rows kept whole, headings kept with what follows, room to write, the cover,
and as many pages through LibreOffice as in the PDF."""

from __future__ import annotations

import subprocess
from io import BytesIO
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Length
from docx.text.paragraph import Paragraph as DocxParagraph
from test_render_docx import meta, png

from conftest import LIBREOFFICE_PDF, SAMPLE, pack_generators, pdf_pages, pdf_rules, pdf_words
from educpop.document import (
    AnswerLines,
    Block,
    Box,
    Cover,
    Document,
    Heading,
    PageBreak,
    Paragraph,
    Table,
    Text,
    Timeline,
    TimelineEvent,
    plain,
)
from educpop.render import FORMATS
from educpop.render.docx import render
from educpop.theme import Theme

#: how far LibreOffice may set a measure from where the PDF has it, in points: it puts a line's extra
#: leading above its text, reportlab below
TOLERANCE = 3.0
#: seconds LibreOffice may take to convert a pack
LIBREOFFICE_TIMEOUT = 300


def rendered(*blocks: Block, theme: Theme | None = None) -> docx.document.Document:
    """Render ``blocks`` as DOCX and return them reopened by python-docx."""
    stream = BytesIO()
    render(Document(meta(), list(blocks)), stream, theme or Theme())
    return docx.Document(BytesIO(stream.getvalue()))


def keeps_with_next(paragraph: DocxParagraph) -> bool:
    """Return whether Word keeps ``paragraph`` with the next one: its own setting, else its styles'."""
    own = paragraph.paragraph_format.keep_with_next
    style = paragraph.style
    while own is None and style is not None:
        own, style = style.paragraph_format.keep_with_next, style.base_style
    return bool(own)


def points(length: Length | None) -> float:
    """Return ``length`` in points, 0 when unset."""
    return 0.0 if length is None else float(length.pt)


def test_no_row_of_a_table_a_timeline_or_a_box_title_is_split_across_two_pages() -> None:
    out = rendered(Table([plain("Heure"), plain("Activité")], [[plain("9h30"), plain("Accueil " * 80)]] * 3),
                   Timeline([TimelineEvent("1917", plain("Grève"))] * 2),
                   Box("Notes", [Paragraph(plain("Une note."))]))
    rows = list(out.element.body.iter(qn("w:tr")))
    assert len(rows) == 7
    assert all(row.find(qn("w:trPr")) is not None and row.find(qn("w:trPr")).find(qn("w:cantSplit")) is not None
               for row in rows)
    header = out.tables[0].rows[0]._tr.trPr
    assert header.find(qn("w:tblHeader")) is not None  # and the header is repeated on each page


def test_headings_and_paragraphs_kept_with_next_stay_with_what_follows_whatever_the_template(tmp_path: Path) -> None:
    template = docx.Document()
    for level in (1, 2, 3):
        template.styles[f"Heading {level}"].paragraph_format.keep_with_next = False
    reference = tmp_path / "modele.docx"
    template.save(str(reference))
    out = rendered(Heading(1, plain("Objectifs")), Heading(3, plain("Étapes")),
                   Paragraph([Text("9h30 – 9h40", bold=True)], keep_with_next=True), Paragraph(plain("Du texte.")),
                   theme=Theme(reference_docx=reference))
    assert [(p.text, keeps_with_next(p)) for p in out.paragraphs if p.text] == [
        ("Objectifs", True), ("Étapes", True), ("9h30 – 9h40", True), ("Du texte.", False)]


def test_every_answer_line_is_one_gap_high_with_room_above_the_first_and_under_the_last() -> None:
    out = rendered(Paragraph(plain("1. Question ?")), AnswerLines(3), Paragraph(plain("2. Question ?")))
    lines = [p for p in out.paragraphs if p.style.name == "Ligne réponse"]
    assert len(lines) == 3
    assert {p.paragraph_format.line_spacing for p in lines} == {None}  # every line the style's exact height
    gap = out.styles["Ligne réponse"].paragraph_format.line_spacing.cm
    assert gap > 0.8
    assert [round(points(p.paragraph_format.space_before), 1) > 0 for p in lines] == [True, False, False]
    assert [points(p.paragraph_format.space_after) for p in lines[:-1]] == [0.0, 0.0]
    assert lines[-1].paragraph_format.space_after.cm >= gap / 3  # the next question does not sit on the line


def test_the_cover_has_the_pdfs_band_across_the_top_of_the_paper_the_logo_and_no_footer(tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    logo.write_bytes(png())
    theme = Theme(organisation="Maison de quartier", logo=logo, primary_colour="#123456")
    out = rendered(Cover("1917", "Guide", ["Liège"], kicker="Guide d'animation"), Heading(1, plain("Suite")),
                   theme=theme)
    (band,) = [anchor for anchor in out.element.body.iter(qn("wp:anchor"))
               if anchor.find(qn("wp:docPr")).get("name") == "Bandeau"]
    section = out.sections[0]
    assert [band.find(f"{qn(f'wp:position{axis}')}").get("relativeFrom") for axis in "HV"] == ["page", "page"]
    assert [int(offset.text) for offset in band.iter(qn("wp:posOffset"))] == [0, 0]  # the paper's top left corner
    assert band.find(qn("wp:wrapNone")) is not None and band.get("behindDoc") == "1"  # it takes no room from the text
    extent = band.find(qn("wp:extent"))
    assert int(extent.get("cx")) == section.page_width  # from one edge of the paper to the other
    assert Length(int(extent.get("cy"))).cm == pytest.approx(1.6, abs=0.01)
    assert [fill.get("val") for fill in band.iter(qn("a:srgbClr"))] == ["123456"]
    name = "".join(t.text for t in band.iter(qn("w:t")))
    assert name == "Maison de quartier"
    assert all(colour.get(qn("w:val")) == "FFFFFF" for colour in band.iter(qn("w:color")))
    pictures = out.element.body.xpath(".//pic:pic")
    assert len(pictures) == 1  # the logo, at the top of the page as in the PDF
    texts = [p.text for p in out.paragraphs if p.text]
    assert texts[:4] == ["Guide d'animation", "1917", "Guide", "Liège"]
    assert section.different_first_page_header_footer
    assert [p.text for p in section.first_page_footer.paragraphs] == [""]
    assert "page" in section.footer.paragraphs[0].text


def test_a_page_opens_without_space_above_its_first_line_but_a_cover_keeps_its_room_above_the_title() -> None:
    out = rendered(Cover("1917", "Guide", [], kicker="Guide d'animation"), Heading(1, plain("Objectifs")),
                   Paragraph(plain("Du texte.")), PageBreak(), Heading(1, plain("Annexe")))
    before = {p.text: points(p.paragraph_format.space_before) for p in out.paragraphs if p.text}
    assert before["Guide d'animation"] > 100  # the PDF's 5 cm above the kicker
    assert before["Objectifs"] == before["Annexe"] == 0.0
    assert out.styles["Heading 1"].paragraph_format.space_before.pt > 0  # elsewhere, headings keep their room


# -- through LibreOffice ------------------------------------------------------------------------


def convert(soffice: str, profile: str, sources: list[Path], folder: Path) -> None:
    """Convert ``sources`` to PDF in ``folder`` with LibreOffice (French hyphenation, blank backs kept)."""
    done = subprocess.run([soffice, profile, "--headless", "--norestore", "--convert-to", LIBREOFFICE_PDF,
                           "--outdir", str(folder), *map(str, sources)],
                          capture_output=True, text=True, timeout=LIBREOFFICE_TIMEOUT)
    assert done.returncode == 0, done.stderr


def room_around(path: Path, word: str) -> tuple[float, float]:
    """Return the room in points between ``word`` (on page 1) and the nearest full-width rules above and under it."""
    (found,) = [w for w in pdf_words(path) if w.text == word]
    rules = pdf_rules(path, 1, 150)
    above = max((y for y in rules if y < found.y0), default=0.0)
    under = min((y for y in rules if y > found.y1), default=found.y1)
    return found.y0 - above, under - found.y1


def test_libreoffice_leaves_the_pdfs_room_in_table_cells_and_under_the_last_answer_line(
    soffice: str, libreoffice_profile: str, tmp_path: Path
) -> None:
    document = Document(meta(), [
        Table([plain("Heure"), plain("Activité")], [[plain("qqcellule"), plain("Accueil")]]),
        Paragraph(plain("1. Question ?")), AnswerLines(3), Paragraph(plain("qqsuite ?")),
    ])
    for fmt in FORMATS.values():
        stream = BytesIO()
        fmt.render(document, stream, Theme())
        (tmp_path / f"essai{fmt.suffix}").write_bytes(stream.getvalue())
    convert(soffice, libreoffice_profile, [tmp_path / "essai.docx"], tmp_path / "lo")
    ours, theirs = tmp_path / "essai.pdf", tmp_path / "lo" / "essai.pdf"
    cell, cell_pdf = room_around(theirs, "qqcellule"), room_around(ours, "qqcellule")
    assert cell == pytest.approx(cell_pdf, abs=TOLERANCE)  # above and under the text of a cell
    # the room between the last answer line and the next question
    assert room_around(theirs, "qqsuite")[0] == pytest.approx(room_around(ours, "qqsuite")[0], abs=TOLERANCE)


@pytest.fixture(scope="module")
def sample_through_libreoffice(
    soffice: str, libreoffice_profile: str, sample_pack: Path, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """Return the folder of LibreOffice's PDF of every DOCX of the sample pack, converted in one call."""
    folder = tmp_path_factory.mktemp("libreoffice-sample")
    stems = [generator.file_stem for generator in pack_generators(SAMPLE)]
    convert(soffice, libreoffice_profile, [sample_pack / f"{stem}.docx" for stem in stems], folder)
    return folder


def test_libreoffice_prints_every_docx_of_the_sample_on_as_many_pages_as_its_pdf(
    sample_through_libreoffice: Path, sample_pack: Path
) -> None:
    counts = {generator.file_stem: (pdf_pages(sample_pack / f"{generator.file_stem}.pdf"),
                                    pdf_pages(sample_through_libreoffice / f"{generator.file_stem}.pdf"))
              for generator in pack_generators(SAMPLE)}
    assert len(counts) > 5
    assert {stem: pages for stem, pages in counts.items() if pages[0] != pages[1]} == {}


def test_libreoffice_prints_each_a5_booklet_docx_on_as_many_a5_pages_as_its_pdf_before_folding(
    soffice: str, libreoffice_profile: str, tmp_path: Path
) -> None:
    from dataclasses import replace

    from educpop.inputs import load_inputs
    from educpop.pack import make_documents, render_all
    from educpop.paper import PAPERS
    from educpop.plan import make_plan

    workshop, theme = load_inputs(SAMPLE)
    plan = make_plan(workshop)
    booklets = [g.name for g in pack_generators(SAMPLE) if g.printing == "booklet"]
    assert booklets
    unfolded = replace(FORMATS["pdf"], imposable=False)  # the A5 pages, before two are set on each side
    outputs = render_all(make_documents(plan, booklets), [unfolded, FORMATS["docx"]], theme, PAPERS["a5-livret"])
    for output in outputs:
        (tmp_path / output.name).write_bytes(output.content)
    convert(soffice, libreoffice_profile, sorted(tmp_path.glob("*.docx")), tmp_path / "lo")
    counts = {pdf.name: (pdf_pages(pdf), pdf_pages(tmp_path / "lo" / pdf.name)) for pdf in tmp_path.glob("*.pdf")}
    assert len(counts) == len(booklets)
    assert {name: pages for name, pages in counts.items() if pages[0] != pages[1]} == {}
