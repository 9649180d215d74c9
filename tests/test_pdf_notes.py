"""PDF notes: numbered in reading order, printed at the foot of the page where they are called."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

from pypdf import PdfReader

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


def pages(path: Path, *mode: str) -> list[str]:
    """Return the text of each page as pdftotext reads it (``-layout``: lines kept in place)."""
    count = len(PdfReader(path).pages)
    return [subprocess.run(["pdftotext", *mode, "-enc", "UTF-8", "-f", str(n), "-l", str(n), str(path), "-"],
                           check=True, capture_output=True, text=True).stdout for n in range(1, count + 1)]


def note(number: int) -> model.Note:
    return model.Note([model.Text(f"Note-{number} : précision "), model.Text("utile", italic=True), model.Text(".")])


def called(number: int) -> model.Inlines:
    """Return a paragraph calling note ``number`` after the word "appel<number>"."""
    return [model.Text(WORDS * (1 + number % 3) + f"appel{number}"), note(number), model.Text(" " + WORDS)]


def test_every_note_is_printed_under_the_text_of_the_page_that_calls_it(tmp_path: Path) -> None:
    path = pdf(tmp_path, model.SourceText([called(n) for n in range(1, 41)]))
    texts = pages(path, "-layout")
    assert len(texts) > 3
    for number in range(1, 41):
        page = next(i for i, text in enumerate(texts) if re.search(rf"appel{number}{number}\b", text))  # raised
        text = texts[page]
        assert re.search(rf"^\s*{number}\s*\n\s*Note-{number} : précision utile\.", text, re.M), (number, page)
        # At the foot: after every line of the text on that page, before the page footer.
        assert text.index(f"Note-{number} ") > text.rindex("appel")
        assert text.index(f"Note-{number} ") < text.index(f"page {page + 1} / {len(texts)}")


def test_a_paragraph_longer_than_a_page_takes_each_note_to_the_page_of_its_call(tmp_path: Path) -> None:
    runs: model.Inlines = []
    for number in range(1, 31):
        runs += [model.Text(WORDS * 2 + f"appel{number}"), note(number), model.Text(" ")]
    texts = pages(pdf(tmp_path, model.Paragraph(runs)))
    assert len(texts) >= 2
    for number in range(1, 31):
        page = next(i for i, text in enumerate(texts) if re.search(rf"appel{number}{number}\b", text))
        assert f"Note-{number} : précision utile." in texts[page], number


def test_notes_are_not_counted_as_lines_of_the_source_text(tmp_path: Path) -> None:
    lines = [[model.Text(f"Ligne {n} du texte"), note(n)] for n in range(1, 13)]
    text = pages(pdf(tmp_path, model.SourceText(lines)), "-layout")[0]
    margin = [int(found) for found in re.findall(r"^\s*(\d+)\s+Ligne \d+ du texte", text, re.M)]
    assert margin == [5, 10]  # twelve lines of text, twelve notes: no 15, no 20
    assert "Note-12 : précision utile." in text


def test_notes_in_a_table_a_list_and_a_box_are_printed_on_their_page(tmp_path: Path) -> None:
    cell: model.Inlines = [model.Text("cellule"), note(1)]
    item: model.Inlines = [model.Text("point"), note(2)]
    texts = pages(pdf(
        tmp_path,
        model.Table([model.plain("En-tête")], [[cell]]),
        model.BulletList([item]),
        model.Box("Encadré", [model.Paragraph([model.Text("dedans"), note(3)])]),
    ))
    assert len(texts) == 1
    for number, word in ((1, "cellule"), (2, "point"), (3, "dedans")):
        assert f"{word}{number}" in texts[0]
        assert texts[0].index(f"Note-{number} ") > texts[0].index("dedans")


def test_a_heading_bookmark_does_not_carry_its_note_call(tmp_path: Path) -> None:
    path = pdf(tmp_path, model.Heading(1, [model.Text("Titre"), note(1)]), model.Paragraph(model.plain("Texte")))
    assert [item.title for item in PdfReader(path).outline] == ["Titre"]
    assert "Note-1 : précision utile." in pages(path)[0]
