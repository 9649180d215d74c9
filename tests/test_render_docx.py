"""The DOCX renderer: render small documents, read them back with python-docx, check what a reader gets."""

from __future__ import annotations

import struct
import zipfile
import zlib
from dataclasses import replace
from io import BytesIO
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import RGBColor

from educpop.document import (
    AnswerLines,
    Audience,
    Block,
    Box,
    BulletList,
    Checklist,
    Cover,
    Document,
    Heading,
    Image,
    Meta,
    Note,
    NumberedList,
    PageBreak,
    Paragraph,
    Quote,
    SourceText,
    Table,
    Text,
    Timeline,
    TimelineEvent,
    plain,
)
from educpop.errors import BuildError
from educpop.render.docx import render
from educpop.render.docx_styles import language_tag
from educpop.render.docx_xml import sanitise
from educpop.stylesheet import STYLESHEET
from educpop.theme import Theme

SESSION = "1917 : quelles leçons pour aujourd'hui ?"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

def png(width: int = 2, height: int = 1) -> bytes:
    """Return a small valid white PNG, for logo tests."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = b"".join(b"\x00" + b"\xff\xff\xff" * width for _ in range(height))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(pixels)) + chunk(b"IEND", b"")


def meta(**changes: object) -> Meta:
    values: dict[str, object] = dict(
        title="Guide d'animation",
        kind="guide",
        audience=Audience.FACILITATOR,
        session_title=SESSION,
        author="Collectif Éduc'Pop",
        subject="Révolution russe",
        language="fr",
    )
    values.update(changes)
    return Meta(**values)  # type: ignore[arg-type]


def render_blocks(*blocks: Block, theme: Theme | None = None, reference: Path | None = None, **meta_changes: object):
    """Render ``blocks`` and return the result reopened by python-docx."""
    stream = BytesIO()
    theme = replace(theme or Theme(), reference_docx=reference) if reference else theme or Theme()
    render(Document(meta(**meta_changes), list(blocks)), stream, theme)
    return docx.Document(BytesIO(stream.getvalue()))


def body_paragraphs(document) -> list[tuple[str, str]]:
    """Return (style name, text) of each non-empty body paragraph."""
    return [(p.style.name, p.text) for p in document.paragraphs if p.text]


class TestSanitise:
    def test_replaces_control_characters_visibly(self) -> None:
        assert sanitise("a\x00b\x07c\x0bd\x1f") == "a\ufffdb\ufffdc\ufffdd\ufffd"

    def test_keeps_tabs_newlines_and_every_printable_character(self) -> None:
        text = "é œ « » ’ Ленин\tсовет\nQ&R <nom> a<b \U0001f600"
        assert sanitise(text) == text

    def test_normalises_carriage_returns_to_newlines(self) -> None:
        assert sanitise("a\r\nb\rc") == "a\nb\nc"

    def test_replaces_lone_surrogates_and_noncharacters(self) -> None:
        assert sanitise("a\ud800b\uffffc") == "a\ufffdb\ufffdc"


class TestText:
    def test_writes_user_text_as_data_not_markup(self) -> None:
        out = render_blocks(Paragraph(plain("Q&R : AT&T <nom> a<b")))
        assert body_paragraphs(out) == [("Normal", "Q&R : AT&T <nom> a<b")]

    def test_keeps_accents_typography_and_cyrillic(self) -> None:
        text = "é œ « » ’ Ленин совет travailleur·se·s député.e.s"
        out = render_blocks(Heading(1, plain(text)), Paragraph(plain(text)))
        assert [t for _s, t in body_paragraphs(out)] == [text, text]

    def test_replaces_control_characters_instead_of_crashing(self) -> None:
        out = render_blocks(Paragraph(plain("Contrôle\x01\x0b ici")), Cover(title="Titre\x02"))
        texts = [t for _s, t in body_paragraphs(out)]
        assert "Contrôle\ufffd\ufffd ici" in texts
        assert "Titre\ufffd" in texts

    def test_renders_emphasis_as_bold_and_italic_runs(self) -> None:
        out = render_blocks(Paragraph([Text("a "), Text("gras", bold=True), Text(" et "), Text("ital", italic=True)]))
        runs = {r.text: (r.bold, r.italic) for r in out.paragraphs[0].runs}
        assert runs["gras"] == (True, None)
        assert runs["ital"] == (None, True)


class TestStyles:
    def test_gives_headings_their_word_heading_styles(self) -> None:
        out = render_blocks(Heading(1, plain("Objectifs")), Heading(2, plain("Déroulé")), Heading(3, plain("Matériel")))
        assert body_paragraphs(out) == [("Heading 1", "Objectifs"), ("Heading 2", "Déroulé"), ("Heading 3", "Matériel")]

    def test_maps_paragraph_styles_to_named_word_styles(self) -> None:
        out = render_blocks(
            Paragraph(plain("corps")),
            Paragraph(plain("petit"), style="small"),
            Paragraph(plain("chapeau"), style="lead"),
            Paragraph(plain("consigne"), style="instruction"),
        )
        assert body_paragraphs(out) == [
            ("Normal", "corps"), ("Petit", "petit"), ("Chapeau", "chapeau"), ("Consigne", "consigne"),
        ]  # fmt: skip

    def test_defines_a_word_style_for_every_entry_of_the_stylesheet(self) -> None:
        out = render_blocks(Paragraph([Text("x"), Note(plain("a note"))]))
        names = {style.name for style in out.styles}
        assert {look.word for look in STYLESHEET.values() if look.word} <= names

    def test_sets_theme_font_size_and_heading_colour(self) -> None:
        out = render_blocks(Heading(1, plain("x")), theme=Theme(primary_colour="#123456", base_size=12))
        normal = out.styles["Normal"]
        assert normal.font.size.pt == 12
        fonts = normal.element.rPr.find(qn("w:rFonts"))
        assert {fonts.get(qn(f"w:{a}")) for a in ("ascii", "hAnsi", "eastAsia", "cs")} == {"DejaVu Sans"}
        assert out.styles["Heading 1"].font.color.rgb == RGBColor(0x12, 0x34, 0x56)
        # A theme font would win over the explicit one in Word.
        assert out.styles["Heading 1"].element.rPr.find(qn("w:rFonts")) is None

    @pytest.mark.parametrize(("language", "tag"), [("fr", "fr-FR"), ("fr-BE", "fr-BE"), ("fr_be", "fr-BE")])
    def test_sets_the_document_language_on_normal(self, language: str, tag: str) -> None:
        assert language_tag(language) == tag
        out = render_blocks(Paragraph(plain("x")), language=language)
        assert out.styles["Normal"].element.rPr.find(qn("w:lang")).get(qn("w:val")) == tag

    def test_lets_a_reference_documents_styles_win(self, tmp_path: Path) -> None:
        reference = docx.Document()
        reference.styles["Heading 1"].font.color.rgb = RGBColor(0x00, 0x80, 0x00)
        reference.add_paragraph("contenu du modèle à ne pas garder")
        path = tmp_path / "modele.docx"
        reference.save(str(path))
        out = render_blocks(Heading(1, plain("Objectifs")), reference=path, theme=Theme(primary_colour="#8C1D2C"))
        assert out.styles["Heading 1"].font.color.rgb == RGBColor(0x00, 0x80, 0x00)
        assert body_paragraphs(out) == [("Heading 1", "Objectifs")]
        assert "Consigne" in {style.name for style in out.styles}  # missing custom styles are added

    def test_replaces_a_reference_documents_footer_in_every_section(self, tmp_path: Path) -> None:
        reference = docx.Document()
        reference.sections[0].footer.paragraphs[0].text = "ancien pied de page"
        path = tmp_path / "modele.docx"
        reference.save(str(path))
        out = render_blocks(Paragraph(plain("a")), SourceText([plain("b")]), Paragraph(plain("c")), reference=path)
        assert len(out.sections) == 3
        for section in out.sections:
            assert section.footer.paragraphs[0].text.startswith(SESSION)  # linked sections resolve to the first
        footers = [rel for rel in out.part.rels.values() if rel.reltype.endswith("/footer")]
        assert footers and all(not rel.is_external and rel.target_part is not None for rel in footers)

    def test_fills_a_reference_document_that_lacks_list_styles(self, tmp_path: Path) -> None:
        reference = docx.Document()
        for name in ("List Number", "List Bullet", "Table Grid"):
            style = reference.styles[name].element
            style.getparent().remove(style)
        path = tmp_path / "nu.docx"
        reference.save(str(path))
        out = render_blocks(
            NumberedList([plain("un"), plain("deux")]), Table([plain("A")], [[plain("b")]]), reference=path
        )
        assert body_paragraphs(out) == [("List Number", "un"), ("List Number", "deux")]
        ids = num_ids(out, "List Number")
        assert ids[0] == ids[1]
        assert out.part.numbering_part.element.num_having_numId(ids[0]) is not None
        assert out.tables[0].style.name == "Table Grid"
        assert out.tables[0].cell(1, 0).paragraphs[0].style.name == "Cellule"


def num_ids(document, style: str) -> list[int]:
    return [
        int(p._p.pPr.numPr.numId.val)
        for p in document.paragraphs
        if p.style.name == style and p._p.pPr.numPr is not None
    ]


class TestLists:
    def test_uses_list_bullet_and_list_number_styles(self) -> None:
        out = render_blocks(BulletList([plain("a"), plain("b")]), NumberedList([plain("un"), plain("deux")]))
        assert body_paragraphs(out) == [
            ("List Bullet", "a"), ("List Bullet", "b"), ("List Number", "un"), ("List Number", "deux"),
        ]  # fmt: skip

    def test_restarts_each_numbered_list_at_its_start(self) -> None:
        out = render_blocks(
            NumberedList([plain("a"), plain("b")]),
            Paragraph(plain("entre les deux")),
            NumberedList([plain("c"), plain("d")]),
            NumberedList([plain("e")], start=4),
        )
        ids = num_ids(out, "List Number")
        assert ids[0] == ids[1] and ids[2] == ids[3]
        assert len({ids[0], ids[2], ids[4]}) == 3
        numbering = out.part.numbering_part.element
        style_num = out.styles["List Number"].element.pPr.numPr.numId.val
        style_abstract = numbering.num_having_numId(style_num).abstractNumId.val
        for num_id, start in ((ids[0], 1), (ids[2], 1), (ids[4], 4)):
            num = numbering.num_having_numId(num_id)
            assert num.abstractNumId.val == style_abstract
            override = num.find(qn("w:lvlOverride"))
            assert override.get(qn("w:ilvl")) == "0"
            assert override.find(qn("w:startOverride")).get(qn("w:val")) == str(start)

    def test_prefixes_checklist_items_with_a_box(self) -> None:
        out = render_blocks(Checklist([plain("Marqueurs")]))
        assert body_paragraphs(out) == [("Case à cocher", "\u2610\tMarqueurs")]


class TestTables:
    def test_uses_table_grid_with_a_repeating_bold_shaded_header(self) -> None:
        table = Table(
            header=[plain("Heure"), plain("Activité")],
            rows=[[plain("09:30"), plain("Accueil")], [plain("09:50"), plain("Arpentage")]],
            widths=[1, 3],
        )
        out = render_blocks(table, theme=Theme(accent_colour="#ABCDEF"))
        (t,) = out.tables
        assert t.style.name == "Table Grid"
        assert [[c.text for c in row.cells] for row in t.rows] == [
            ["Heure", "Activité"], ["09:30", "Accueil"], ["09:50", "Arpentage"],
        ]  # fmt: skip
        header = t.rows[0]._tr
        assert header.trPr.find(qn("w:tblHeader")) is not None
        assert t.rows[1]._tr.trPr is None or t.rows[1]._tr.trPr.find(qn("w:tblHeader")) is None
        for cell in t.rows[0].cells:
            assert cell.paragraphs[0].style.name == "Cellule en-tête" and cell.paragraphs[0].style.font.bold
            assert cell._tc.tcPr.find(qn("w:shd")).get(qn("w:fill")) == "ABCDEF"
        widths = [c.width for c in t.rows[1].cells]
        assert widths[1] == pytest.approx(3 * widths[0], rel=0.01)

    def test_draws_a_timeline_without_vertical_borders(self) -> None:
        out = render_blocks(Timeline([TimelineEvent("avril 1917", plain("Thèses d’avril"))]))
        (t,) = out.tables
        assert [c.text for c in t.rows[0].cells] == ["avril 1917", "Thèses d’avril"]
        assert t.rows[0].cells[0].paragraphs[0].style.font.bold
        borders = t._tbl.tblPr.find(qn("w:tblBorders"))
        assert {side: borders.find(qn(f"w:{side}")).get(qn("w:val")) for side in ("left", "insideV", "insideH")} == {
            "left": "nil", "insideV": "nil", "insideH": "single",
        }  # fmt: skip

    def test_puts_box_content_in_one_shaded_column_its_title_in_a_row_that_never_splits(self) -> None:
        box = Box("Conseil", [Paragraph(plain("Laissez le silence s'installer.")), BulletList([plain("Relancer")])])
        out = render_blocks(box)
        (t,) = out.tables
        assert len(t.columns) == 1
        assert [(p.style.name, p.text) for row in t.rows for p in row.cells[0].paragraphs] == [
            ("Encadré titre", "Conseil"), ("Encadré", "Laissez le silence s'installer."), ("List Bullet", "Relancer"),
        ]  # fmt: skip
        assert all(row.cells[0]._tc.tcPr.find(qn("w:shd")) is not None for row in t.rows)
        title, rest = t.rows
        assert title._tr.trPr.find(qn("w:cantSplit")) is not None  # the title never ends a page alone
        assert rest._tr.trPr is None or rest._tr.trPr.find(qn("w:cantSplit")) is None  # a long box runs on
        assert title.cells[0].paragraphs[0].paragraph_format.keep_with_next is False
        assert t._tbl.tblPr.find(qn("w:tblBorders")).find(qn("w:top")).get(qn("w:val")) == "single"


class TestOtherBlocks:
    def test_attributes_quotes_after_an_em_dash(self) -> None:
        out = render_blocks(Quote(plain("Tout le pouvoir aux soviets !"), attribution="Lénine"))
        assert body_paragraphs(out) == [("Quote", "Tout le pouvoir aux soviets !"), ("Attribution", "— Lénine")]

    def test_rules_answer_lines_with_bottom_borders(self) -> None:
        out = render_blocks(AnswerLines(3))
        lines = [p for p in out.paragraphs if p.style.name == "Ligne réponse"]
        assert len(lines) == 3
        pBdr = out.styles["Ligne réponse"].element.pPr.find(qn("w:pBdr"))
        assert pBdr.find(qn("w:bottom")) is not None and pBdr.find(qn("w:between")) is not None
        assert out.styles["Ligne réponse"].paragraph_format.line_spacing.cm == pytest.approx(0.9, abs=0.01)

    def test_lays_out_a_cover_then_breaks_the_page(self, tmp_path: Path) -> None:
        logo = tmp_path / "logo.png"
        logo.write_bytes(png())
        out = render_blocks(Cover("1917", "Guide", ["Liège"], logo=logo), Heading(1, plain("Suite")))
        assert body_paragraphs(out)[:3] == [("Title", "1917"), ("Subtitle", "Guide"), ("Couverture", "Liège")]
        assert len(out.inline_shapes) == 1
        breaks = out.element.body.xpath(".//w:br[@w:type='page']")
        assert len(breaks) == 1
        suite = next(p for p in out.paragraphs if p.text == "Suite")
        assert not suite._p.xpath(".//w:br")  # the next page starts with the heading, no empty line

    def test_sizes_images_in_centimetres(self, tmp_path: Path) -> None:
        logo = tmp_path / "logo.png"
        logo.write_bytes(png())
        out = render_blocks(Image(logo, width_cm=3))
        assert out.inline_shapes[0].width.cm == pytest.approx(3)

    def test_reports_a_missing_image_as_a_user_error(self, tmp_path: Path) -> None:
        with pytest.raises(BuildError, match="image introuvable"):
            render_blocks(Image(tmp_path / "absent.png"))

    def test_reports_an_unreadable_image_as_a_user_error(self, tmp_path: Path) -> None:
        fake = tmp_path / "logo.png"
        fake.write_bytes(png()[:30])
        with pytest.raises(BuildError, match="image illisible"):
            render_blocks(Image(fake))

    def test_breaks_pages_on_request(self) -> None:
        out = render_blocks(Paragraph(plain("a")), PageBreak(), Paragraph(plain("b")))
        assert len(out.element.body.xpath(".//w:br[@w:type='page']")) == 1


def section_texts(document) -> list[list[str]]:
    """Return the non-empty paragraph texts of each section, in order."""
    sections: list[list[str]] = [[]]
    for p in document.paragraphs:
        if p.text:
            sections[-1].append(p.text)
        if p._p.pPr is not None and p._p.pPr.sectPr is not None:
            sections.append([])
    return sections


class TestSourceText:
    def test_numbers_lines_every_n_in_a_section_of_its_own(self) -> None:
        out = render_blocks(
            Heading(2, plain("Texte")),
            SourceText([plain("Ligne un."), plain("Ligne deux.")], number_every=5),
            Paragraph(plain("Après")),
            SourceText([plain("Autre texte.")], number_every=10),
        )
        line_numbering = [s._sectPr.find(qn("w:lnNumType")) for s in out.sections]
        texts = section_texts(out)
        assert len(out.sections) == len(texts) == 4
        assert texts[1] == ["Ligne un.", "Ligne deux."] and texts[3] == ["Autre texte."]
        assert line_numbering[0] is None and line_numbering[2] is None
        assert line_numbering[1].get(qn("w:countBy")) == "5"
        assert line_numbering[1].get(qn("w:restart")) == "newSection"
        assert line_numbering[3].get(qn("w:countBy")) == "10"
        assert all(s.start_type == 0 for s in out.sections[1:])  # WD_SECTION.CONTINUOUS

    def test_excludes_every_other_paragraph_from_line_numbering(self) -> None:
        # LibreOffice numbers the whole document once a section asks for numbering.
        out = render_blocks(SourceText([plain("x")]))
        defaults = out.styles.element.find(f"{W}docDefaults/{W}pPrDefault/{W}pPr/{W}suppressLineNumbers")
        assert defaults is not None
        opt_in = out.styles["Texte source"].element.pPr.find(qn("w:suppressLineNumbers"))
        assert opt_in.get(qn("w:val")) == "0"


class TestFooterAndProperties:
    def test_prints_the_session_title_and_page_x_of_n_on_every_section(self) -> None:
        out = render_blocks(
            Paragraph(plain("a")), SourceText([plain("b")]), Paragraph(plain("c")), theme=Theme(footer="CC BY-SA")
        )
        first = out.sections[0].footer
        assert not first.is_linked_to_previous
        assert [p.text.split("\t")[0] for p in first.paragraphs] == [SESSION, "CC BY-SA"]
        instructions = " ".join(t.text for t in first._element.iter(qn("w:instrText")))
        assert "PAGE" in instructions.split() and "NUMPAGES" in instructions.split()
        assert first.paragraphs[0].text.endswith("page 1 / 1")
        assert all(s.footer.is_linked_to_previous for s in out.sections[1:])
        assert not any(s.different_first_page_header_footer for s in out.sections)

    def test_fills_the_core_properties(self) -> None:
        out = render_blocks(Paragraph(plain("x")), language="fr-BE")
        props = out.core_properties
        assert (props.title, props.author, props.subject, props.language, props.keywords) == (
            "Guide d'animation", "Collectif Éduc'Pop", "Révolution russe", "fr-BE", "guide",
        )  # fmt: skip

    @pytest.mark.parametrize(("size", "width_cm", "height_cm"), [("A4", 21.0, 29.7), ("A5", 14.8, 21.0)])
    def test_uses_the_theme_paper_size(self, size: str, width_cm: float, height_cm: float) -> None:
        out = render_blocks(Paragraph(plain("x")), SourceText([plain("y")]), theme=Theme(page_size=size))
        for section in out.sections:
            assert section.page_width.cm == pytest.approx(width_cm, abs=0.01)
            assert section.page_height.cm == pytest.approx(height_cm, abs=0.01)

    def test_rejects_an_unknown_paper_size(self) -> None:
        with pytest.raises(BuildError, match="format de page inconnu"):
            render_blocks(Paragraph(plain("x")), theme=Theme(page_size="Letter"))

    def test_writes_the_same_bytes_twice_for_a_fixed_source_date(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1710000000")
        blocks = [Heading(1, plain("x")), NumberedList([plain("a")]), SourceText([plain("b")])]
        outputs = []
        for _ in range(2):
            stream = BytesIO()
            render(Document(meta(), list(blocks)), stream, Theme())
            outputs.append(stream.getvalue())
        assert outputs[0] == outputs[1]
        with zipfile.ZipFile(BytesIO(outputs[0])) as archive:
            assert {info.date_time for info in archive.infolist()} == {(2024, 3, 9, 16, 0, 0)}
