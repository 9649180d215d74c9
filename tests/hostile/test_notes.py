"""Hostile notes: markup in a note, a huge note, hundreds of calls in one line; the pack is built all the same."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from pypdf import PdfReader

from conftest import pdf_text, squash
from hostile.conftest import FULL, run, session


def build(capsys: pytest.CaptureFixture[str], text: str) -> tuple[Path, str]:
    folder = session(FULL, {"sources/texte.md": text})
    status, err = run(capsys, "build", str(folder), "-o", "out", "--only", "handout")
    assert status == 0, err
    return Path("out"), err


def test_markup_in_a_note_is_printed_as_typed_in_both_formats(capsys: pytest.CaptureFixture[str]) -> None:
    note = "Voir <b>pas gras</b> & <a href=x>lien</a> <onDraw name=showPage label=1/>"
    out, _err = build(capsys, f"Un texte[^x].\n\n[^x]: {note}\n")
    assert squash(note) in squash(pdf_text(out / "dossier-participant.pdf"))
    document = docx.Document(str(out / "dossier-participant.docx"))
    part = next(rel.target_part for rel in document.part.rels.values() if rel.reltype == RT.FOOTNOTES)
    assert b"Voir &lt;b&gt;pas gras&lt;/b&gt; &amp; &lt;a href=x&gt;lien&lt;/a&gt;" in part.blob


def test_a_note_longer_than_a_third_of_a_page_is_cut_in_the_pdf_with_a_warning(
    capsys: pytest.CaptureFixture[str]
) -> None:
    out, err = build(capsys, "Un texte[^long].\n\n[^long]: " + "Une très longue note. " * 2000 + "FIN-DE-NOTE\n")
    assert "note trop longue pour le bas d'une page (44011 caractères, au plus 800)" in err
    text = pdf_text(out / "dossier-participant.pdf")
    assert "Une très longue note." in text and "FIN-DE-NOTE" not in text
    assert b"FIN-DE-NOTE" in next(rel.target_part.blob for rel in docx.Document(
        str(out / "dossier-participant.docx")).part.rels.values() if rel.reltype == RT.FOOTNOTES)  # Word has room


def test_hundreds_of_calls_in_one_paragraph_spread_over_as_many_pages_as_needed(
    capsys: pytest.CaptureFixture[str]
) -> None:
    calls = " ".join(f"m{n}[^{n}]" for n in range(300))
    notes = "\n".join(f"[^{n}]: NOTE-{n} qui prend une ligne." for n in range(300))
    out, _err = build(capsys, f"{calls}\n\n{notes}\n")
    reader = PdfReader(out / "dossier-participant.pdf")
    text = "".join(page.extract_text() for page in reader.pages)
    assert all(f"NOTE-{n} qui prend une ligne." in text for n in range(300))
    assert len(reader.pages) > 4
