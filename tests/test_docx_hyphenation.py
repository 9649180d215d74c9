"""Word's and LibreOffice's hyphenation, read back from the sample's DOCX files: the PDF's limits, names whole."""

from __future__ import annotations

import re
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn

from educpop.hyphenation import CONSECUTIVE, ZONE
from educpop.stylesheet import STYLESHEET, Sheet
from educpop.theme_file import default_theme


def open_docx(folder: Path, stem: str) -> docx.document.Document:
    return docx.Document(str(folder / f"{stem}.docx"))


def suppressed(element: object) -> bool:
    """Return whether a paragraph or a style element turns Word's hyphenation off (``w:val="0"`` turns it on)."""
    flag = element.find(f"{qn('w:pPr')}/{qn('w:suppressAutoHyphens')}")  # type: ignore[attr-defined]
    return flag is not None and flag.get(qn("w:val")) not in ("0", "false")


def test_word_hyphenates_with_the_limits_of_the_pdf(sample_pack: Path) -> None:
    settings = open_docx(sample_pack, "dossier-participant").settings.element

    def value(tag: str) -> str | None:
        found = settings.find(qn(tag))
        assert found is not None, tag
        return found.get(qn("w:val"))

    assert value("w:autoHyphenation") is None  # present: on
    assert value("w:consecutiveHyphenLimit") == str(CONSECUTIVE) == "2"
    assert value("w:hyphenationZone") == str(round(ZONE * default_theme().base_size * 20))
    assert value("w:doNotHyphenateCaps") is None  # present: on
    order = [child.tag for child in settings if child.tag in {qn(t) for t in (
        "w:autoHyphenation", "w:consecutiveHyphenLimit", "w:hyphenationZone", "w:doNotHyphenateCaps")}]
    assert order == [qn("w:autoHyphenation"), qn("w:consecutiveHyphenLimit"), qn("w:hyphenationZone"),
                     qn("w:doNotHyphenateCaps")]  # the schema's order, or Word refuses the file


def test_the_word_styles_of_titles_and_labels_are_never_hyphenated(sample_pack: Path) -> None:
    styles = {style.name: style for style in open_docx(sample_pack, "guide-animation").styles
              if style.type == WD_STYLE_TYPE.PARAGRAPH}  # (the line numbers are a character style)
    sheet = Sheet(default_theme().base_size)
    checked = 0
    for name, look in STYLESHEET.items():
        if look.word in styles:
            assert suppressed(styles[look.word].element) is not sheet[name].hyphenate, look.word
            checked += 1
    assert checked >= 20
    assert suppressed(styles["Heading 1"].element) and not suppressed(styles["Normal"].element)


def test_names_are_in_no_language_and_keep_their_hyphens(sample_pack: Path) -> None:
    document = open_docx(sample_pack, "dossier-participant")
    runs = [run for paragraph in document.paragraphs for run in paragraph.runs]
    runs += [run for table in document.tables for row in table.rows for cell in row.cells
             for paragraph in cell.paragraphs for run in paragraph.runs]

    def language(run: object) -> str | None:
        lang = run._r.find(f"{qn('w:rPr')}/{qn('w:lang')}")  # type: ignore[attr-defined]
        return None if lang is None else lang.get(qn("w:val"))

    names = [run for run in runs if re.search(r"Moscou|Pétersbourg|Kollontaï", run.text)]
    assert len(names) >= 3
    assert all(language(run) == "zxx" for run in names), [run.text for run in names if language(run) != "zxx"]
    saint = [run for run in names if run.text == "Saint-Pétersbourg"]  # python-docx reads w:noBreakHyphen as "-"
    assert saint and all(run._r.find(qn("w:noBreakHyphen")) is not None for run in saint)
    text = [run for paragraph in document.paragraphs if paragraph.style.name in ("Normal", "Texte source")
            for run in paragraph.runs]
    assert len(text) > 100
    for run in text:  # in running text, a long capitalised word is a name, in a run of its own
        if language(run) != "zxx":
            assert not re.search(r"(?<![\w-])[A-ZÀ-Þ][^\W\d_]{5,}", run.text), run.text


def test_table_cells_running_headers_and_cards_are_never_hyphenated(sample_pack: Path) -> None:
    # Word's and LibreOffice's hyphenation would cut a narrow cell by rules other than educpop's.
    glossary = next(table for table in open_docx(sample_pack, "dossier-participant").tables
                    if table.rows[0].cells[-1].text == "Définition")
    cells = [cell.paragraphs[0] for row in glossary.rows[1:] for cell in row.cells]
    assert any(len(p.text.split()) > 5 for p in cells)  # long definitions too
    assert all(suppressed(p._p) for p in cells)

    sheets = open_docx(sample_pack, "fiches-questions")
    headers = [p for section in sheets.sections for p in section.header.paragraphs if p.text]
    assert headers and all(suppressed(p._p) for p in headers)

    cards = [p for table in open_docx(sample_pack, "cartes-ligne-du-temps").tables for row in table.rows
             for cell in row.cells for p in cell.paragraphs if p.text]
    assert len(cards) >= 20 and all(suppressed(p._p) for p in cards)
