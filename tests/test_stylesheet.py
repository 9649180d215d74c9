"""The stylesheet: both renderers print every style at the size it gives, and large print is large everywhere."""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile
from collections import Counter
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Length

from conftest import SAMPLE, pdf_glyphs, pdf_rules
from educpop import document as model
from educpop.cli import main
from educpop.generators import registry
from educpop.render import FORMATS
from educpop.stylesheet import CARDS, FIXED_COLOURS, STYLESHEET, Sheet, Style, half_points
from educpop.theme import Theme

#: a word printed in each style, found again in the PDF
MARKERS = {
    Style.BODY: "qqbody", Style.SMALL: "qqsmall", Style.LEAD: "qqlead", Style.INSTRUCTION: "qqinstruction",
    Style.HEADING_1: "qqheadone", Style.HEADING_2: "qqheadtwo", Style.HEADING_3: "qqheadthree",
    Style.LIST_BULLET: "qqbullet", Style.LIST_NUMBER: "qqnumber", Style.CHECKLIST: "qqcheck",
    Style.CELL: "qqcell", Style.CELL_HEADER: "qqheader", Style.QUOTE: "qqquote", Style.ATTRIBUTION: "qqwho",
    Style.BOX_TEXT: "qqboxtext", Style.BOX_TITLE: "qqboxtitle", Style.DATE: "qqdate", Style.SOURCE: "qqsource",
    Style.SOURCE_HEADING: "qqsourcehead", Style.NOTE: "qqnote", Style.COVER_KICKER: "qqkicker",
    Style.COVER_TITLE: "qqtitle", Style.COVER_SUBTITLE: "qqsubtitle", Style.COVER_LINE: "qqline",
    Style.FOOTER: "qqsession", Style.FOOTER_NOTE: "qqlicence",
}  # fmt: skip


def every_style() -> model.Document:
    """Return a document that prints each marker in its style, and line numbers up to 10."""
    m = {style: model.plain(word) for style, word in MARKERS.items()}
    source = [m[Style.SOURCE_HEADING], *[model.plain(f"{MARKERS[Style.SOURCE]} ligne") for _ in range(11)]]
    blocks: list[model.Block] = [
        model.Cover(MARKERS[Style.COVER_TITLE], MARKERS[Style.COVER_SUBTITLE], [MARKERS[Style.COVER_LINE]],
                    kicker=MARKERS[Style.COVER_KICKER]),
        model.Heading(1, m[Style.HEADING_1]), model.Heading(2, m[Style.HEADING_2]),
        model.Heading(3, m[Style.HEADING_3]),
        model.Paragraph([model.Text(MARKERS[Style.BODY]), model.Note(m[Style.NOTE])]),
        model.Paragraph(m[Style.SMALL], "small"), model.Paragraph(m[Style.LEAD], "lead"),
        model.Paragraph(m[Style.INSTRUCTION], "instruction"),
        model.BulletList([m[Style.LIST_BULLET]]), model.NumberedList([m[Style.LIST_NUMBER]]),
        model.Checklist([m[Style.CHECKLIST]]),
        model.Table([m[Style.CELL_HEADER]], [[m[Style.CELL]]]),
        model.Quote(m[Style.QUOTE], MARKERS[Style.ATTRIBUTION]),
        model.Box(MARKERS[Style.BOX_TITLE], [model.Paragraph(m[Style.BOX_TEXT])]),
        model.Timeline([model.TimelineEvent(MARKERS[Style.DATE], model.plain("événement"))]),
        model.SourceText(source, headings=frozenset({0})),
    ]
    meta = model.Meta("Essai", "guide", model.Audience.FACILITATOR, MARKERS[Style.FOOTER])
    return model.Document(meta, blocks)


def rendered(fmt: str, theme: Theme, tmp_path: Path) -> Path:
    """Return the file of :func:`every_style` rendered in ``fmt`` with ``theme``."""
    stream = io.BytesIO()
    FORMATS[fmt].render(every_style(), stream, theme)
    path = tmp_path / f"styles.{fmt}"
    path.write_bytes(stream.getvalue())
    return path


def printed_sizes(pdf: Path) -> dict[str, set[float]]:
    """Return the font sizes each word of ``pdf`` is printed in (a word: a run of letters, or of digits)."""
    sizes: dict[str, set[float]] = {}
    every = pdf_glyphs(pdf)
    for page in {glyph.page for glyph in every}:
        glyphs = [glyph for glyph in every if glyph.page == page]
        for match in re.finditer(r"[^\W\d_]+|\d+", "".join(glyph.char for glyph in glyphs)):
            sizes.setdefault(match.group(), set()).update(glyph.size for glyph in glyphs[match.start():match.end()])
    return sizes


def word_style_size(built: docx.document.Document, name: str) -> float:
    """Return the font size of the Word style ``name``, in points, following its base styles."""
    style = next(style for style in built.styles if style.name == name)
    while style.font.size is None:
        style = style.base_style
    size: Length = style.font.size
    return float(size.pt)


THEMES = {"a4": Theme(footer=MARKERS[Style.FOOTER_NOTE]),
          "gros-caracteres": Theme(footer=MARKERS[Style.FOOTER_NOTE], base_size=14, min_size=14)}


@pytest.mark.parametrize("theme", THEMES.values(), ids=THEMES.keys())
def test_every_style_prints_at_one_size_in_the_pdf_and_in_the_docx_styles(theme: Theme, tmp_path: Path) -> None:
    sizes = printed_sizes(rendered("pdf", theme, tmp_path))
    built = docx.Document(str(rendered("docx", theme, tmp_path)))
    sheet = Sheet(theme.base_size, theme.min_size)
    for style, word in MARKERS.items():
        assert sizes[word] == {sheet[style].size}, style
        assert word_style_size(built, STYLESHEET[style].word) == sheet[style].size, style
    assert sizes["10"] == {sheet[Style.LINE_NUMBER].size}  # the margin's line number
    assert word_style_size(built, STYLESHEET[Style.LINE_NUMBER].word) == sheet[Style.LINE_NUMBER].size


def test_headings_are_the_same_multiple_of_the_body_in_both_formats(tmp_path: Path) -> None:
    sizes = printed_sizes(rendered("pdf", Theme(), tmp_path))
    built = docx.Document(str(rendered("docx", Theme(), tmp_path)))
    (body,) = sizes[MARKERS[Style.BODY]]
    (heading,) = sizes[MARKERS[Style.HEADING_1]]
    assert heading / body == word_style_size(built, "Heading 1") / word_style_size(built, "Normal") > 1.7


def test_a_new_look_is_one_entry_that_both_formats_follow(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(STYLESHEET, Style.SMALL, dataclasses.replace(STYLESHEET[Style.SMALL], size=1.5))
    sizes = printed_sizes(rendered("pdf", Theme(), tmp_path))
    built = docx.Document(str(rendered("docx", Theme(), tmp_path)))
    assert sizes[MARKERS[Style.SMALL]] == {16.5}
    assert word_style_size(built, "Petit") == 16.5


# -- large print --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def large_print(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the folder of the sample's whole pack in large print."""
    out = tmp_path_factory.mktemp("gros")
    assert main(["build", str(SAMPLE), "--paper", "gros-caracteres", "-o", str(out)]) == 0
    return out


def stems(folder: Path, suffix: str) -> list[Path]:
    """Return every document of the pack in ``folder`` in the format of ``suffix``, as the registry names them.

    All but the print plan: it is one A4 page in every paper, set as large as fits (tests/test_print_plan.py).
    """
    found = [folder / f"{generator.file_stem}-gros-caracteres{suffix}" for generator in registry().values()
             if generator.name != "print-plan"]
    present = [path for path in found if path.exists()]
    assert len(present) == len(found), sorted(p.name for p in folder.iterdir())  # the sample needs them all
    return present


def test_nothing_in_a_large_print_pdf_is_smaller_than_14_points(large_print: Path) -> None:
    for pdf in stems(large_print, ".pdf"):
        sizes = Counter(glyph.size for glyph in pdf_glyphs(pdf) if not glyph.char.isspace())
        assert min(sizes) >= 14, (pdf.name, sorted(sizes.items()))


def test_no_style_no_default_and_no_run_of_a_large_print_docx_is_smaller_than_14_points(large_print: Path) -> None:
    for path in stems(large_print, ".docx"):
        with zipfile.ZipFile(path) as package:
            # stylesWithEffects.xml is python-docx's template's copy for Word 2010; styles.xml is what is laid out
            parts = {name: package.read(name).decode() for name in package.namelist()
                     if name.endswith(".xml") and name != "word/stylesWithEffects.xml"}
        sizes = {name: [int(half) / 2 for half in re.findall(r'<w:sz(?:Cs)? w:val="(\d+)"', xml)]
                 for name, xml in parts.items()}
        assert min(size for found in sizes.values() for size in found) >= 14, (path.name, sizes)
        assert re.search(r'<w:rPrDefault>.*?<w:sz w:val="(\d+)"', parts["word/styles.xml"], re.S), path.name
        built = docx.Document(str(path))
        assert all(style.font.size is None or style.font.size.pt >= 14
                   for style in built.styles if hasattr(style, "font")), path.name


def answer_line_gap(pdf: Path) -> float:
    """Return the most common distance between two ruled lines to write on, on the first page of ``pdf``."""
    rules = pdf_rules(pdf, 1, least_width=300)
    return Counter(round(b - a, 1) for a, b in zip(rules, rules[1:], strict=False)).most_common(1)[0][0]


def test_large_print_gives_more_room_to_write_and_to_sign(large_print: Path, sample_pack: Path) -> None:
    large = {path.name.replace("-gros-caracteres", ""): path for path in large_print.iterdir()}
    # question sheets: the lines to write on are further apart, in both formats
    assert answer_line_gap(large["fiches-questions.pdf"]) > answer_line_gap(sample_pack / "fiches-questions.pdf")
    gaps = [docx.Document(str(path)).styles["Ligne réponse"].paragraph_format.line_spacing
            for path in (large["fiches-questions.docx"], sample_pack / "fiches-questions.docx")]
    assert gaps[0] > gaps[1]
    # attendance sheet: taller rows to sign in, in both formats
    assert answer_line_gap(large["liste-presence.pdf"]) > answer_line_gap(sample_pack / "liste-presence.pdf")
    heights = [docx.Document(str(path)).tables[1].rows[1].height
               for path in (large["liste-presence.docx"], sample_pack / "liste-presence.docx")]
    assert heights[0] > heights[1]


def test_the_cards_print_at_the_sizes_of_their_one_entry_in_both_formats(tmp_path: Path) -> None:
    cards = model.Cards([model.Card(model.plain("Prise du palais"), "1917"), model.Card(model.plain("Grève"), "1905")])
    document = model.Document(model.Meta("Essai", "timeline-cards", model.Audience.PARTICIPANT, "Séance"), [cards])
    theme = Theme(base_size=10)  # the front's own least size wins over 1.5 times this body
    paths = {}
    for fmt in ("pdf", "docx"):
        stream = io.BytesIO()
        FORMATS[fmt].render(document, stream, theme)
        paths[fmt] = tmp_path / f"cartes.{fmt}"
        paths[fmt].write_bytes(stream.getvalue())
    sizes = printed_sizes(paths["pdf"])
    assert sizes["Prise"] == {CARDS.front_size}
    assert sizes["1917"] == {CARDS.front_size * CARDS.back_scale}
    built = docx.Document(str(paths["docx"]))
    runs = {run.text: run.font.size.pt for table in built.tables for row in table.rows for cell in row.cells
            for paragraph in cell.paragraphs for run in paragraph.runs}
    assert runs["Prise du palais"] == CARDS.front_size
    assert runs["1917"] == half_points(CARDS.front_size * CARDS.back_scale)
    borders = built.tables[0]._tbl.tblPr.find(qn("w:tblBorders"))
    assert {(side.get(qn("w:val")), int(side.get(qn("w:sz"))), side.get(qn("w:color"))) for side in borders} == {
        ("dashed", round(CARDS.cut_width * 8), FIXED_COLOURS[CARDS.cut_colour].lstrip("#"))}
