"""Both renderers know every block type, paragraph style and box kind of the document model."""

from __future__ import annotations

import io
import typing

import docx
import pytest
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.shared import Cm
from pypdf import PdfReader

from educpop import document as model
from educpop.render import FORMATS
from educpop.stylesheet import ROW_HEIGHTS_CM
from educpop.theme_file import default_theme

EXAMPLES: dict[type, model.Block] = {
    model.Heading: model.Heading(1, model.plain("Titre")),
    model.Paragraph: model.Paragraph(model.plain("Texte")),
    model.BulletList: model.BulletList([model.plain("un")]),
    model.NumberedList: model.NumberedList([model.plain("un")]),
    model.Table: model.Table([model.plain("A")], [[model.plain("1")]]),
    model.Quote: model.Quote(model.plain("Citation"), "Quelqu'un"),
    model.Box: model.Box("Encadré", [model.Paragraph(model.plain("dedans"))]),
    model.AnswerLines: model.AnswerLines(2),
    model.Checklist: model.Checklist([model.plain("Feutres")]),
    model.Timeline: model.Timeline([model.TimelineEvent("1917", model.plain("Février"))]),
    model.SourceText: model.SourceText([model.plain("Une ligne")]),
    model.Image: model.Image(model.Path(__file__).parent / "data" / "logo.png"),
    model.Cover: model.Cover("Titre"),
    model.PageBreak: model.PageBreak(),
    model.RunningHeader: model.RunningHeader("En-tête"),
    model.Cards: model.Cards([model.Card(model.plain("Un événement"), "1917")]),
}


def render(fmt: str, *blocks: model.Block) -> bytes:
    meta = model.Meta("Titre", "essai", model.Audience.PARTICIPANT, "Séance")
    stream = io.BytesIO()
    FORMATS[fmt].render(model.Document(meta, list(blocks)), stream, default_theme())
    return stream.getvalue()


def test_every_block_type_has_an_example() -> None:
    assert set(typing.get_args(model.Block)) == set(EXAMPLES)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("kind", list(EXAMPLES), ids=lambda k: k.__name__)
def test_every_renderer_renders_every_block(fmt: str, kind: type) -> None:
    assert render(fmt, model.Paragraph(model.plain("avant")), EXAMPLES[kind])


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_renderer_knows_every_style_and_box_kind(fmt: str) -> None:
    blocks: list[model.Block] = [model.Paragraph(model.plain(s), s) for s in model.PARAGRAPH_STYLES]
    blocks += [model.Box(k, [model.Paragraph(model.plain(k))], k) for k in model.BOX_KINDS]
    assert render(fmt, *blocks)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_an_unknown_style_is_a_bug_not_a_silent_default(fmt: str) -> None:
    with pytest.raises(ValueError):
        render(fmt, model.Paragraph(model.plain("x"), "inventé"))


def test_a_minimum_row_height_leaves_room_to_sign_in_both_formats() -> None:
    rows = [[model.plain(str(n)), []] for n in range(1, 26)]
    tall = model.Table([model.plain("N°"), model.plain("Signature")], rows, row_height="signature")
    short = model.Table([model.plain("N°"), model.plain("Signature")], rows)
    pages = [len(PdfReader(io.BytesIO(render("pdf", table))).pages) for table in (short, tall)]
    assert pages == [1, 2]
    body_rows = docx.Document(io.BytesIO(render("docx", tall))).tables[0].rows[1:]
    assert {row.height_rule for row in body_rows} == {WD_ROW_HEIGHT_RULE.AT_LEAST}
    assert all(abs(row.height - Cm(ROW_HEIGHTS_CM["signature"])) < Cm(0.01) for row in body_rows)  # in twips


NOTE = model.Note([model.Text("Texte de la note")])
CALLED: list[model.Inlines] = [[model.Text("appel"), NOTE]]

#: every block that holds inlines, calling a note from them
NOTED: dict[type, model.Block] = {
    model.Heading: model.Heading(1, CALLED[0]),
    model.Paragraph: model.Paragraph(CALLED[0]),
    model.BulletList: model.BulletList(CALLED),
    model.NumberedList: model.NumberedList(CALLED),
    model.Table: model.Table(CALLED, [CALLED]),
    model.Quote: model.Quote(CALLED[0], "Quelqu'un"),
    model.Box: model.Box("Encadré", [model.Paragraph(CALLED[0])]),
    model.Checklist: model.Checklist(CALLED),
    model.Timeline: model.Timeline([model.TimelineEvent("1917", CALLED[0])]),
    model.SourceText: model.SourceText(CALLED),
    model.Cards: model.Cards([model.Card(CALLED[0], "1917")]),
}


def test_every_inline_type_is_a_run_of_text_or_a_note() -> None:
    assert set(typing.get_args(model.Inline)) == {model.Text, model.Note}


def test_every_block_holding_inlines_has_a_note_example() -> None:
    plain_text = (model.AnswerLines, model.Image, model.Cover, model.PageBreak, model.RunningHeader)
    holding = {kind for kind in EXAMPLES if kind not in plain_text}
    assert set(NOTED) == holding


@pytest.mark.parametrize("kind", list(NOTED), ids=lambda k: k.__name__)
def test_both_renderers_print_a_note_called_from_every_block(kind: type) -> None:
    pdf_text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(render("pdf", NOTED[kind]))).pages)
    assert "appel1" in pdf_text.replace(" ", "")
    assert "Texte de la note" in pdf_text
    document = docx.Document(io.BytesIO(render("docx", NOTED[kind])))
    footnotes = [rel.target_part.blob for rel in document.part.rels.values() if rel.reltype.endswith("/footnotes")]
    assert len(footnotes) == 1 and b"Texte de la note" in footnotes[0]
    assert b"w:footnoteReference" in document.part.blob
