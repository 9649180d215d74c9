"""A source text with Markdown footnotes, built through the CLI: the handout and the arpentage kit print its notes."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT

from conftest import Word, pdf_page_text, pdf_pages, pdf_words, write_session
from educpop.cli import main

SESSION = """\
title: "Les notes"
group: {min: 4, max: 4}
duration: 60
start: "10:00"
sources:
  - {id: texte, title: "Le texte annoté", file: sources/texte.md}
activities:
  - {id: lire, title: "Lecture à plusieurs", method: arpentage, duration: 60, grouping: pairs, source: texte}
"""

SENTENCE = "Les ouvrières du textile de Petrograd se mettent en grève et entraînent les autres usines. "


def source(with_notes: bool) -> str:
    """Return four paragraphs, each calling a note when ``with_notes``, and the notes below."""
    paragraphs = [SENTENCE * 4 + f"Fin{n}" + (f"[^{n}]" if with_notes else "") + "." for n in range(1, 5)]
    notes = [f"[^{n}]: Note-{n}, une précision sur le paragraphe {n}." for n in range(1, 5)] if with_notes else []
    return "\n\n".join(paragraphs) + "\n\n" + "\n".join(notes) + "\n"


def build(folder: Path, out: str) -> Path:
    assert main(["build", str(folder), "-o", out, "--only", "handout", "--only", "arpentage"]) == 0
    return Path(out)


def pages(path: Path) -> list[str]:
    return [pdf_page_text(path, number) for number in range(1, pdf_pages(path) + 1)]


def page_of(words: list[Word], text: str) -> int:
    return next(word.page for word in words if word.text.startswith(text))


@pytest.fixture
def packs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """Return the packs built from the text with notes, and from the same text without them."""
    monkeypatch.chdir(tmp_path)
    noted = build(write_session(SESSION, {"sources/texte.md": source(True)}), "avec")
    plain = build(write_session(SESSION, {"sources/texte.md": source(False)}), "sans")
    return noted, plain


def test_the_handout_and_each_part_of_the_kit_print_the_notes_of_their_text(packs: tuple[Path, Path]) -> None:
    noted, _plain = packs
    words = pdf_words(noted / "dossier-participant.pdf")
    handout = pages(noted / "dossier-participant.pdf")
    for n in range(1, 5):
        assert page_of(words, f"Note-{n},") == page_of(words, f"Fin{n}")
        assert f"Note-{n}, une précision sur le paragraphe {n}." in handout[page_of(words, f"Fin{n}") - 1]
    kit = pages(noted / "kit-arpentage.pdf")
    # Two pairs, two parts of two paragraphs; the notes of a part are numbered from the kit's first note.
    part_one, part_two = (text for text in kit if "Arpentage – partie" in text)
    assert "Note-1," in part_one and "Note-2," in part_one and "Note-3," not in part_one
    assert "Note-3," in part_two and "Note-4," in part_two and "Note-1," not in part_two


def test_the_docx_handout_calls_a_word_footnote_for_each_note(packs: tuple[Path, Path]) -> None:
    noted, _plain = packs
    document = docx.Document(str(noted / "dossier-participant.docx"))
    part = next(rel.target_part for rel in document.part.rels.values() if rel.reltype == RT.FOOTNOTES)
    for n in range(1, 5):
        assert f"Note-{n}, une précision sur le paragraphe {n}.".encode() in part.blob
    assert document.element.body.xml.count("<w:footnoteReference") == 4


def test_notes_leave_the_line_numbers_of_the_text_as_they_are(packs: tuple[Path, Path]) -> None:
    noted, plain = packs

    def numbered(pack: Path) -> list[tuple[str, float]]:
        words = pdf_words(pack / "dossier-participant.pdf")
        text_left = min(word.x0 for word in words if word.text == "Les")
        return [(word.text, word.y0) for word in words if word.x1 < text_left and word.text.isdigit()]

    with_notes = numbered(noted)
    assert [number for number, _y in with_notes] == ["5", "10", "15", "20"]
    assert with_notes == numbered(plain)  # the same numbers at the same heights
