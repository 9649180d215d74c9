"""One line numbering: "line 42" is line 42 in the dossier, in the arpentage kit and in the DOCX.

The lines are read back from the files: the PDFs as printed, the DOCX through
LibreOffice (and through python-docx for its line breaks).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from conftest import SAMPLE, Word, libreoffice_pdfs, pdf_words
from educpop.document import Audience, Document, Meta, Note, SourceText, Text, plain
from educpop.pack import make_documents, render_all
from educpop.paper import PAPERS
from educpop.plan import Options, make_plan
from educpop.render import FORMATS
from educpop.render.pdf_styles import make_styles
from educpop.render.source_lines import break_lines, printed_paragraphs, source_width
from educpop.session.load import load_workshop
from educpop.stylesheet import Style
from educpop.theme import Theme
from educpop.theme_file import default_theme

SENTENCE = (
    "Les ouvrières de Petrograd descendent dans la rue le 23 février, et la grève gagne les usines "
    "du quartier de Vyborg ; les soldats refusent bientôt de tirer sur la foule. "
)


def numbered_lines(path: Path) -> list[tuple[int, int, str]]:
    """Return every line number printed in the margin of a PDF: its page, the number, the first three words of its line.

    A number is a line number when it stands left of the text column beside it (a note's
    number stands in the column) and the line's text follows it across a gutter (more
    than a space, less than a column).
    """
    words = pdf_words(path)
    found: list[tuple[int, float, int, str]] = []
    for number in words:
        if not number.text.isdigit() or int(number.text) >= 1000:
            continue
        column = [w.x0 for w in words if w.page == number.page and not w.text.isdigit()
                  and number.x0 - 1 <= w.x0 < number.x0 + COLUMN]
        if column and min(column) < number.x1:
            continue
        middle = (number.y0 + number.y1) / 2
        line = sorted((w for w in words if w.page == number.page and w.y0 < middle < w.y1 and w is not number),
                      key=lambda w: w.x0)
        after = [w for w in line if w.x0 >= number.x1]
        # only the words of this column: the other page of a booklet's sheet stands across a wide gap
        gaps = [i for i in range(1, len(after)) if after[i].x0 - after[i - 1].x1 > 2 * (after[i].y1 - after[i].y0)]
        after = after[:gaps[0]] if gaps else after
        if after and not any(number.x0 - 40 < w.x1 <= number.x0 for w in line) and 5 < after[0].x0 - number.x1 < 30:
            found.append((number.page, number.y0, int(number.text), first_words(after)))
    return [(page, line_number, words) for page, _y, line_number, words in sorted(found)]


#: how far right of a line number the text column it numbers may reach, in points
COLUMN = 300


def numbers(path: Path) -> list[tuple[int, str]]:
    """Return every line number printed in the margin of a PDF with the first three words of its line."""
    return [(number, words) for _page, number, words in numbered_lines(path)]


def first_words(words: list[Word] | list[str]) -> str:
    """Return the first three words of a line, typographic apostrophes and spaces made plain."""
    texts = [w if isinstance(w, str) else w.text for w in words]
    return " ".join(" ".join(texts).replace("\u2019", "'").split()[:3])


@pytest.fixture(scope="module")
def libreoffice(soffice: str, sample_pack: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Return LibreOffice's PDF of the sample's dossier and kit DOCX and of a text calling notes, by stem."""
    work = tmp_path_factory.mktemp("lines")
    inputs = [shutil.copy(sample_pack / f"{stem}.docx", work / f"{stem}.docx")
              for stem in ("dossier-participant", "kit-arpentage")]
    with (work / "notes.docx").open("wb") as stream:
        FORMATS["docx"].render(notes_document(), stream, Theme())
    with (work / "notes-pdf.pdf").open("wb") as stream:
        FORMATS["pdf"].render(notes_document(), stream, Theme())
    return {**libreoffice_pdfs(soffice, [Path(p) for p in inputs] + [work / "notes.docx"], work),
            "notes-pdf": work / "notes-pdf.pdf"}


def notes_document() -> Document:
    """Return a source text of many lines whose paragraphs call notes, short and long."""
    paragraphs = [
        [Text((SENTENCE * 2).rstrip()), Note(plain("Une note courte.")), Text(" " + (SENTENCE * 3).rstrip()),
         Note(plain("Une note longue. " * (10 * n + 1))), Text(" " + SENTENCE)]
        for n in range(6)
    ]
    meta = Meta(title="Notes", kind="handout", audience=Audience.PARTICIPANT, session_title="Séance")
    return Document(meta, [SourceText(paragraphs)])


# -- the lines, from the document tree ------------------------------------------------------------


def test_the_lines_put_back_together_give_the_paragraph_with_its_emphasis_and_notes() -> None:
    note = Note(plain("La Tchéka est la police politique."))
    content = [Text(SENTENCE), Text("la Tchéka", italic=True), note, Text(" " + SENTENCE * 3)]
    lines = break_lines(content, make_styles(Theme(), "fr")[Style.SOURCE], 300)
    assert len(lines) > 5
    joined = ""
    for line in lines:
        text = "".join(run.text for run in line.content if isinstance(run, Text))
        joined += text.removesuffix("-") if line.cut else text + " "
    assert joined.split() == "".join(run.text for run in content if isinstance(run, Text)).split()
    runs = [run for line in lines for run in line.content]
    assert [run for run in runs if isinstance(run, Note)] == [note]
    assert [run.text for run in runs if isinstance(run, Text) and run.italic] == ["la Tchéka"]


def test_a_word_cut_at_the_end_of_a_line_ends_it_with_a_hyphen_and_is_marked_cut() -> None:
    content = plain("Les anticonstitutionnellement révolutionnaires " * 12)
    lines = break_lines(content, make_styles(Theme(), "fr")[Style.SOURCE], 120)  # narrower than the long word
    cut = [line for line in lines if line.cut]
    assert cut, "no word was cut"
    for line in cut:
        last = line.content[-1]
        assert isinstance(last, Text) and last.text == "-"
    assert not any(line.content[-1] == Text("-") for line in lines if not line.cut)


def test_a_part_of_a_text_is_numbered_as_in_the_whole_text() -> None:
    paragraphs = [plain(SENTENCE * (n + 1)) for n in range(6)]
    theme = Theme()
    width = source_width(theme, "portrait")
    whole = printed_paragraphs(SourceText(paragraphs), make_styles(theme, "fr"), width)
    part = printed_paragraphs(SourceText(paragraphs, shown=range(3, 5)), make_styles(theme, "fr"), width)
    assert [p.first for p in part] == [whole[3].first, whole[4].first]
    assert part[0].first > 10
    assert [p.lines for p in part] == [whole[3].lines, whole[4].lines]


def test_a_note_s_text_or_number_never_changes_the_lines_of_its_paragraph() -> None:
    style = make_styles(Theme(), "fr")[Style.SOURCE]

    def lines(note: str) -> list[str]:
        content = [Text(SENTENCE * 2), Note(plain(note)), Text(SENTENCE * 2)]
        return ["".join(run.text for run in line.content if isinstance(run, Text))
                for line in break_lines(content, style, 300)]

    assert lines("Court.") == lines("Une note bien plus longue que la ligne. " * 20)


# -- the sample pack, read back ---------------------------------------------------------------


def test_a_line_has_the_same_number_in_the_dossier_the_kit_and_the_docx_read_by_libreoffice(
    sample_pack: Path, libreoffice: dict[str, Path]
) -> None:
    dossier = numbers(sample_pack / "dossier-participant.pdf")
    kit = numbers(sample_pack / "kit-arpentage.pdf")
    assert len(dossier) > 30 and len(kit) > 15
    assert numbers(libreoffice["dossier-participant"]) == dossier
    assert numbers(libreoffice["kit-arpentage"]) == kit
    # the kit cuts the dossier's first text, whose numbering ends where the second text's starts again
    second_text = next(index for index in range(1, len(dossier)) if dossier[index][0] < dossier[index - 1][0])
    assert kit == dossier[:second_text]
    assert dict(kit)[15] == dict(dossier[:second_text])[15] == "une révolution avait"


def test_the_second_part_of_the_kit_starts_at_the_number_its_first_line_has_in_the_dossier(sample_pack: Path) -> None:
    kit = sample_pack / "kit-arpentage.pdf"
    words = pdf_words(kit)
    page = next(w.page for w, after in zip(words, words[1:], strict=False) if (w.text, after.text) == ("partie", "2"))
    number, line = next((number, line) for on, number, line in numbered_lines(kit) if on == page)
    assert number > 5  # a numbering restarted at 1 prints 5 first
    assert (number, line) in numbers(sample_pack / "dossier-participant.pdf")


def test_the_docx_breaks_each_source_paragraph_where_the_pdf_breaks_its_lines(sample_pack: Path) -> None:
    document = docx.Document(str(sample_pack / "dossier-participant.docx"))
    docx_lines = []
    for paragraph in document.paragraphs:
        if paragraph.style.name.startswith("Texte source"):
            text = "".join(child.text or "" if child.tag == qn("w:t") else "-" if child.tag == qn("w:noBreakHyphen")
                           else "\n" for run in paragraph._p.iter(qn("w:r")) for child in run
                           if child.tag in (qn("w:t"), qn("w:noBreakHyphen"))  # a name's hyphen
                           or child.tag == qn("w:br") and child.get(qn("w:type")) is None)
            docx_lines += [first_words(line.split()) for line in text.split("\n")]
    pdf = sample_pack / "dossier-participant.pdf"
    numbered = numbers(pdf)
    last_of_each_text = [n for (n, _w), (after, _v) in zip(numbered, [*numbered[1:], (0, "")], strict=True)
                         if after < n]
    assert len(last_of_each_text) == 2 and len(docx_lines) >= sum(last_of_each_text)  # a line per printed line
    pdf_lines = pdf_line_starts(pdf_words(pdf))
    found = iter(pdf_lines)
    missing = [line for line in docx_lines if line not in found]  # in order, each line once
    assert missing == []


def pdf_line_starts(words: list[Word]) -> list[str]:
    """Return the first three words of every line of text of a PDF (line numbers left out), in reading order."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.page, round(w.y1), w.x0)):
        if lines and lines[-1][0].page == word.page and abs(lines[-1][0].y1 - word.y1) < 2:
            lines[-1].append(word)
        else:
            lines.append([word])
    starts = []
    for line in lines:
        text = [w for w in line if not (w.text.isdigit() and line.index(w) == 0 and len(line) > 1
                                        and line[1].x0 - w.x1 > 5)]
        starts.append(first_words(text))
    return starts


def test_a_text_calling_notes_is_numbered_alike_in_the_pdf_and_the_docx(libreoffice: dict[str, Path]) -> None:
    pdf = numbers(libreoffice["notes-pdf"])
    assert len(pdf) > 10
    assert numbers(libreoffice["notes"]) == pdf


def test_in_an_a5_booklet_the_kit_laid_out_on_a4_keeps_the_dossier_s_numbers(tmp_path: Path) -> None:
    plan = make_plan(load_workshop(SAMPLE), Options())
    outputs = render_all(make_documents(plan, ["handout", "arpentage"]), [FORMATS["pdf"]], default_theme(),
                         PAPERS["a5-livret"])
    for output in outputs:
        (tmp_path / output.name).write_bytes(output.content)
    kit = numbers(tmp_path / "kit-arpentage.pdf")
    assert len(kit) > 15
    assert set(kit) <= set(numbers(tmp_path / "dossier-participant-livret.pdf"))


def test_no_page_ends_with_a_word_cut_and_the_numbers_run_on_across_pages(tmp_path: Path) -> None:
    long_words = "Les revendications extraordinairement révolutionnaires des travailleuses transformèrent "
    meta = Meta(title="Texte", kind="handout", audience=Audience.PARTICIPANT, session_title="Séance")
    path = tmp_path / "texte.pdf"
    with path.open("wb") as stream:
        FORMATS["pdf"].render(Document(meta, [SourceText([plain(long_words * 60) for _ in range(4)])]), stream,
                              Theme())
    lines: dict[int, list[list[Word]]] = {}
    for word in sorted(pdf_words(path), key=lambda w: (w.page, round(w.y1), w.x0)):
        page = lines.setdefault(word.page, [])
        if page and abs(page[-1][0].y1 - word.y1) < 2:
            page[-1].append(word)
        else:
            page.append([word])
    assert len(lines) > 3
    text_lines = [[line for line in page if line[0].text != "Séance"] for page in lines.values()]  # no footer
    assert sum(line[-1].text.endswith("-") for page in text_lines for line in page) > 20  # words are cut
    assert [page[-1][-1].text for page in text_lines if page[-1][-1].text.endswith("-")] == []
    printed = [number for number, _words in numbers(path)]
    assert printed == list(range(5, 5 * len(printed) + 1, 5))
