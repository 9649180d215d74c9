"""DOCX notes: real Word footnotes, in a footnotes part of their own, each linked from its call."""

from __future__ import annotations

import dataclasses
import io
import subprocess
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from conftest import pdf_pages, pdf_words
from educpop import document as model
from educpop.render.docx import render
from educpop.theme import Theme
from educpop.theme_file import default_theme

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def write(path: Path, blocks: list[model.Block], theme: Theme | None = None) -> Path:
    stream = io.BytesIO()
    meta = model.Meta("Titre", "essai", model.Audience.PARTICIPANT, "Séance")
    render(model.Document(meta, blocks), stream, theme or default_theme())
    path.write_bytes(stream.getvalue())
    return path


def note(text: str) -> model.Note:
    return model.Note([model.Text(text + " "), model.Text("penché", italic=True)])


def footnotes(path: Path) -> tuple[list[str], dict[str, str]]:
    """Return the note ids called in the body, in order, and the text of each footnote by id."""
    document = docx.Document(str(path))
    parts = [rel.target_part for rel in document.part.rels.values() if rel.reltype == RT.FOOTNOTES]
    assert len(parts) == 1
    root = etree.fromstring(parts[0].blob)
    texts = {
        item.get(f"{W}id"): "".join(t.text or "" for t in item.iter(f"{W}t"))
        for item in root.iter(f"{W}footnote") if item.get(f"{W}type") is None
    }
    calls = [ref.get(f"{W}id") for ref in document.element.body.iter(f"{W}footnoteReference")]
    return calls, texts


def test_each_call_is_a_footnote_reference_linked_to_its_footnote(tmp_path: Path) -> None:
    path = write(tmp_path / "notes.docx", [
        model.Paragraph([model.Text("Le soviet"), note("Conseil élu"), model.Text(" de Petrograd.")]),
        model.SourceText([[model.Text("Une ligne"), note("Dans le texte")]]),
        model.Table([model.plain("A")], [[[model.Text("cellule"), note("Dans un tableau")]]]),
    ])
    calls, texts = footnotes(path)
    assert calls == ["1", "2", "3"]
    assert texts == {"1": " Conseil élu penché", "2": " Dans le texte penché", "3": " Dans un tableau penché"}
    paragraph = docx.Document(str(path)).paragraphs[0]
    assert paragraph.text == "Le soviet de Petrograd."  # the call is a mark, not text
    reference = paragraph._p.find(f".//{W}footnoteReference/..")
    assert reference.find(f"{W}rPr/{W}rStyle").get(f"{W}val") == "FootnoteReference"


def test_an_arabic_name_in_a_note_is_written_right_to_left(tmp_path: Path) -> None:
    path = write(tmp_path / "notes.docx", [model.Paragraph([model.Text("x"), model.Note([model.Text("محمد علي")])])])
    document = docx.Document(str(path))
    part = next(rel.target_part for rel in document.part.rels.values() if rel.reltype == RT.FOOTNOTES)
    root = etree.fromstring(part.blob)
    run = next(r for r in root.iter(f"{W}r") if "محمد" in "".join(t.text or "" for t in r.iter(f"{W}t")))
    assert run.find(f"{W}rPr/{W}rtl") is not None


def test_the_footnote_styles_are_word_s_own_so_they_can_be_restyled(tmp_path: Path) -> None:
    document = docx.Document(str(write(tmp_path / "notes.docx", [model.Paragraph([model.Text("x"), note("n")])])))
    names = {style.style_id: style.name for style in document.styles}
    assert names["FootnoteText"].lower() == "footnote text"
    assert names["FootnoteReference"].lower() == "footnote reference"


def test_a_document_without_notes_has_no_footnotes_part(tmp_path: Path) -> None:
    document = docx.Document(str(write(tmp_path / "plain.docx", [model.Paragraph(model.plain("x"))])))
    assert not [rel for rel in document.part.rels.values() if rel.reltype == RT.FOOTNOTES]


def test_a_reference_document_s_footnotes_part_is_reused_without_its_old_notes(tmp_path: Path) -> None:
    reference = write(tmp_path / "reference.docx", [model.Paragraph([model.Text("ancien"), note("Ancienne note")])])
    theme = dataclasses.replace(default_theme(), reference_docx=reference)
    path = write(tmp_path / "notes.docx", [model.Paragraph([model.Text("neuf"), note("Nouvelle note")])], theme)
    assert footnotes(path) == (["1"], {"1": " Nouvelle note penché"})


def test_libreoffice_prints_the_notes_at_the_foot_of_their_page_and_does_not_number_them(
    soffice: str, tmp_path: Path
) -> None:
    words = "Les ouvrières du textile de Petrograd se mettent en grève. " * 12
    write(tmp_path / "pages.docx", [model.SourceText([[model.Text(f"{words} appel{n}x"), note(f"Note-{n}")]
                                                      for n in range(1, 13)])])
    write(tmp_path / "lines.docx", [model.SourceText([[model.Text(f"Ligne{n}"), note(f"Note-{n}")]
                                                      for n in range(1, 13)])])
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "pages.docx"),
                    str(tmp_path / "lines.docx")], check=True, capture_output=True, timeout=180)
    assert pdf_pages(tmp_path / "pages.pdf") == 3  # as many as the PDF renderer's for the same text and notes
    found = pdf_words(tmp_path / "pages.pdf")
    for number in range(1, 13):
        call = next(word for word in found if word.text.startswith(f"appel{number}x"))
        text = next(word for word in found if word.text == f"Note-{number}")
        assert text.page == call.page and text.y0 > call.y1, number
    lines = pdf_words(tmp_path / "lines.pdf")
    text_left = min(word.x0 for word in lines if word.text.startswith("Ligne"))
    assert [word.text for word in lines if word.x1 < text_left and word.text.isdigit()] == ["5", "10"]
