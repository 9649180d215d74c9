"""Markdown footnotes (``[^1]``) become Note inlines where they are called; a lost note is a warning."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import write_session
from educpop.document import Audience, BulletList, Document, Heading, Meta, Note, Paragraph, Quote, Text
from educpop.session.load import load_workshop
from educpop.session.markdown import markdown_blocks
from educpop.typography import NBSP, NNBSP, typeset_document

SESSION = """\
title: "Notes"
group: {min: 2, max: 4}
duration: 30
start: "10:00"
sources:
  - {id: texte, title: "Le texte", file: sources/texte.md}
activities:
  - {id: lecture, title: "Lecture", method: sous-groupes, duration: 30, source: texte}
"""


def test_a_call_becomes_a_note_holding_the_text_written_below() -> None:
    text = "Le soviet[^s] de Petrograd.\n\n[^s]: Conseil *élu* d'ouvriers.\n"
    assert markdown_blocks(text) == [
        Paragraph([Text("Le soviet"),
                   Note([Text("Conseil "), Text("élu", italic=True), Text(" d'ouvriers.")]),
                   Text(" de Petrograd.")]),
    ]


def test_a_note_of_several_paragraphs_is_one_note_and_never_a_paragraph_of_the_text() -> None:
    text = "Texte[^1].\n\n[^1]: Premier alinéa\n    sur deux lignes.\n\n    Second alinéa.\n\nSuite.\n"
    assert markdown_blocks(text) == [
        Paragraph([Text("Texte"), Note([Text("Premier alinéa sur deux lignes. Second alinéa.")]), Text(".")]),
        Paragraph([Text("Suite.")]),
    ]


def test_a_note_called_twice_is_printed_at_each_call() -> None:
    note = Note([Text("Voir plus haut.")])
    assert markdown_blocks("Un[^v] et deux[^v].\n\n[^v]: Voir plus haut.\n") == [
        Paragraph([Text("Un"), note, Text(" et deux"), note, Text(".")]),
    ]


def test_notes_stay_where_they_are_called_in_headings_lists_and_quotes() -> None:
    text = "# Titre[^a]\n\n- un point[^a]\n\n> Une citation[^a]\n\n[^a]: Note.\n"
    note = Note([Text("Note.")])
    assert markdown_blocks(text) == [
        Heading(1, [Text("Titre"), note]),
        BulletList([[Text("un point"), note]]),
        Quote([Text("Une citation"), note]),
    ]


def test_typography_works_across_a_call_and_inside_the_note() -> None:
    meta = Meta("T", "essai", Audience.PARTICIPANT, "S")
    blocks = markdown_blocks("Il dit[^1] : « non ».\n\n[^1]: Selon lui : « oui ».\n")
    typeset = typeset_document(Document(meta, blocks)).blocks
    assert typeset == [Paragraph([
        Text("Il dit"),
        Note([Text(f"Selon lui{NBSP}: «{NNBSP}oui{NNBSP}».")]),
        Text(f"{NBSP}: «{NNBSP}non{NNBSP}»."),
    ])]


@pytest.mark.parametrize(("source", "warning"), [
    ("Un texte.\nAvec un appel[^9] perdu.\n",
     "atelier/sources/texte.md:2:14: la note « [^9] » est appelée mais n'est écrite nulle part "
     "(ajoutez une ligne « [^9]: texte de la note »)"),
    ("Un texte[^1].\n\n[^1]: Utile.\n[^oubli]: Jamais appelée.\n",
     "atelier/sources/texte.md:4:1: la note « [^oubli] » est écrite mais jamais appelée dans le texte : "
     "elle ne sera pas imprimée"),
    ("Un texte[^1].\n\n[^1]: " + "très longue " * 80 + "\n",
     "atelier/sources/texte.md:3:1: note trop longue pour le bas d'une page (959 caractères, au plus 800) : "
     "le PDF la coupe ; mettez ce texte dans le corps du texte"),
], ids=["called-not-written", "written-not-called", "too-long"])
def test_a_lost_or_oversized_note_is_a_warning_naming_file_line_and_column(
    source: str, warning: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    workshop = load_workshop(write_session(SESSION, {"sources/texte.md": source}))
    assert [str(problem) for problem in workshop.warnings] == [warning]


def test_a_text_whose_notes_are_all_called_gives_no_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    source = "Un[^1] et deux[^2].\n\n[^1]: Une.\n[^2]: Deux.\n"
    assert load_workshop(write_session(SESSION, {"sources/texte.md": source})).warnings == []
