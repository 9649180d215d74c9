"""PDF notes: numbered in reading order, printed at the foot of the page where they are called."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader

from conftest import Word, pdf_page_text, pdf_pages, pdf_words
from educpop import document as model
from educpop.render.pdf import render
from educpop.theme_file import default_theme

WORDS = "Les ouvrières du textile de Petrograd se mettent en grève et entraînent les autres usines. "


def pdf(tmp_path: Path, *blocks: model.Block) -> Path:
    stream = io.BytesIO()
    render(model.Document(model.Meta("Titre", "essai", model.Audience.PARTICIPANT, "Séance"), list(blocks)),
           stream, default_theme())
    path = tmp_path / "notes.pdf"
    path.write_bytes(stream.getvalue())
    return path


def find(words: list[Word], text: str) -> Word:
    """Return the one word of ``words`` that reads ``text``."""
    found = [word for word in words if word.text == text]
    assert len(found) == 1, (text, found)
    return found[0]


def note(number: int) -> model.Note:
    return model.Note([model.Text(f"Note-{number} : précision "), model.Text("utile", italic=True), model.Text(".")])


def called(number: int) -> model.Inlines:
    """Return a paragraph calling note ``number`` after the word "appel<number>"."""
    return [model.Text(WORDS * (1 + number % 3) + f"appel{number}"), note(number), model.Text(" " + WORDS)]


def test_every_note_is_printed_under_the_text_of_the_page_that_calls_it(tmp_path: Path) -> None:
    path = pdf(tmp_path, model.SourceText([called(n) for n in range(1, 41)]))
    words = pdf_words(path)
    assert pdf_pages(path) > 3
    for number in range(1, 41):
        call = find(words, f"appel{number}{number}")  # the word, then its raised number
        text = find(words, f"Note-{number}")
        footer = next(word for word in words if word.page == call.page and word.text == "page")
        lowest_line = max(word.y1 for word in words if word.page == call.page and word.text.startswith("appel"))
        assert text.page == call.page, number
        assert lowest_line < text.y0 < footer.y0, number  # at the foot: under the text, above the footer
        assert any(word.text == str(number) and word.page == text.page and word.x1 <= text.x0
                   and word.y0 < text.y1 and text.y0 < word.y1 for word in words), number  # numbered, on its line


def test_a_paragraph_longer_than_a_page_takes_each_note_to_the_page_of_its_call(tmp_path: Path) -> None:
    runs: model.Inlines = []
    for number in range(1, 31):
        runs += [model.Text(WORDS * 2 + f"appel{number}"), note(number), model.Text(" ")]
    path = pdf(tmp_path, model.Paragraph(runs))
    words = pdf_words(path)
    assert pdf_pages(path) >= 2
    for number in range(1, 31):
        call, text = find(words, f"appel{number}{number}"), find(words, f"Note-{number}")
        assert text.page == call.page, number
        assert text.y0 > max(word.y1 for word in words if word.page == call.page and word.text.startswith("appel"))


def test_notes_are_not_counted_as_lines_of_the_source_text(tmp_path: Path) -> None:
    lines = [[model.Text(f"Ligne{n}"), note(n)] for n in range(1, 13)]
    words = pdf_words(pdf(tmp_path, model.SourceText(lines)))
    text_left = min(word.x0 for word in words if word.text.startswith("Ligne"))
    margin = [word for word in words if word.x1 < text_left and word.text.isdigit()]
    assert [word.text for word in margin] == ["5", "10"]  # twelve lines of text, twelve notes: no 15, no 20
    fifth = next(word for word in words if word.text.startswith("Ligne5"))
    assert fifth.y0 < margin[0].y1 and margin[0].y0 < fifth.y1  # beside the fifth line
    assert find(words, "Note-12").page == 1


def test_notes_in_a_table_a_list_and_a_box_are_printed_on_their_page(tmp_path: Path) -> None:
    cell: model.Inlines = [model.Text("cellule"), note(1)]
    item: model.Inlines = [model.Text("point"), note(2)]
    path = pdf(
        tmp_path,
        model.Table([model.plain("En-tête")], [[cell]]),
        model.BulletList([item]),
        model.Box("Encadré", [model.Paragraph([model.Text("dedans"), note(3)])]),
    )
    words = pdf_words(path)
    assert pdf_pages(path) == 1
    header, bullet, title = find(words, "En-tête"), find(words, "point2"), find(words, "Encadré")
    assert header.y1 < find(words, "cellule1").y0 < bullet.y0 < title.y0 < find(words, "dedans3").y0  # in place
    for number in (1, 2, 3):
        assert find(words, f"Note-{number}").y0 > find(words, "dedans3").y1


def test_a_heading_bookmark_does_not_carry_its_note_call(tmp_path: Path) -> None:
    path = pdf(tmp_path, model.Heading(1, [model.Text("Titre"), note(1)]), model.Paragraph(model.plain("Texte")))
    assert [item.title for item in PdfReader(path).outline] == ["Titre"]
    assert "Note-1 : précision utile." in pdf_page_text(path, 1)
