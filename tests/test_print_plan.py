"""The print plan (generators/print_plan.py, built last by pack.py): one plain A4 page naming every file of its build.

The built packs are read back: the plan's PDF, the folder's manifest and each file the plan names.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from conftest import SAMPLE, TWO_GROUPS, Word, docx_text, pdf_page_text, pdf_pages, pdf_text, pdf_words, squash
from educpop.cli import main
from educpop.document import Document, Paragraph, Table, walk_text
from educpop.generators.print_plan import PackFile, PrintPlan
from educpop.manifest import MANIFEST
from educpop.paper import PAPERS
from educpop.plan import make_plan
from educpop.session.load import load_workshop

PAPER_NAMES = list(PAPERS)  # a4, a5-livret, gros-caracteres
#: a file name as the plan prints it
FILE_NAME = re.compile(r"[\w.-]+\.(?:pdf|docx|zip)")


@pytest.fixture(scope="module", params=PAPER_NAMES)
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """Return (paper, folder) of the sample's whole pack built on that paper."""
    paper: str = request.param
    folder = tmp_path_factory.mktemp(paper)
    assert main(["build", str(SAMPLE), "--paper", paper, "-o", str(folder)]) == 0
    return paper, folder


def plan_pdf(paper: str, folder: Path) -> Path:
    return folder / f"plan-impression{PAPERS[paper].suffix}.pdf"


def written(folder: Path) -> set[str]:
    """Return the names of the files the build wrote, from the folder's manifest."""
    return set(json.loads((folder / MANIFEST).read_text(encoding="utf-8")))


def lines(words: list[Word]) -> list[list[Word]]:
    """Return ``words`` line by line (same page, same baseline), each from left to right."""
    rows: dict[tuple[int, int], list[Word]] = {}
    for word in words:
        rows.setdefault((word.page, round(word.y1)), []).append(word)
    return [sorted(row, key=lambda word: word.x0) for _, row in sorted(rows.items())]


def test_the_plan_is_one_plain_a4_portrait_page_whatever_the_paper(built: tuple[str, Path]) -> None:
    paper, folder = built
    path = plan_pdf(paper, folder)
    assert pdf_pages(path) == 1
    page = PdfReader(path).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    assert page.rotation == 0


def test_the_plan_names_every_file_of_its_folder_and_no_other(built: tuple[str, Path]) -> None:
    paper, folder = built
    named = {word.text for word in pdf_words(plan_pdf(paper, folder)) if FILE_NAME.fullmatch(word.text)}
    assert written(folder) == named
    # The A5 plan names the booklets by the names they have, and the sheets handed out one by one by theirs.
    if paper == "a5-livret":
        assert {"guide-animation-livret.pdf", "fiches-questions.pdf", "revolution-russe-1917-tout-livret.pdf"} <= named
        assert "guide-animation.pdf" not in named


def test_no_file_name_breaks_across_lines(built: tuple[str, Path]) -> None:
    """Each name is read as one word, so none is cut; and no word of the sheet is cut without a hyphen."""
    paper, folder = built
    words = pdf_words(plan_pdf(paper, folder))
    for name in written(folder):
        assert sum(word.text == name for word in words) == 1, name
    text = squash(pdf_text(plan_pdf(paper, folder), raw=True))
    assert "aujourd'hui" in text and "quelles leçons" in text


def test_the_pages_stated_are_the_real_page_counts_of_the_files(built: tuple[str, Path]) -> None:
    paper, folder = built
    stated: dict[str, int] = {}
    for line in lines(pdf_words(plan_pdf(paper, folder))):
        if line[0].text.endswith(".pdf") and len(line) > 1 and line[1].text.isdigit():
            stated[line[0].text] = int(line[1].text)
    text = squash(pdf_text(plan_pdf(paper, folder)))
    combined = next(name for name in written(folder) if "-tout" in name)
    stated[combined] = int(re.search(rf"{re.escape(combined)} \((\d+) pages", text)[1])  # type: ignore[index]
    assert set(stated) == {name for name in written(folder) if name.endswith(".pdf")}
    assert stated == {name: pdf_pages(folder / name) for name in stated}


def test_a_booklet_says_short_edge_fold_and_staple_on_the_fold(built: tuple[str, Path]) -> None:
    paper, folder = built
    text = squash(pdf_text(plan_pdf(paper, folder)))
    words = pdf_words(plan_pdf(paper, folder))
    rows = {line[0].text: " ".join(word.text for word in line[1:]) for line in lines(words)}
    if paper == "a5-livret":
        assert "Livret : recto-verso bord court ; plier les feuilles ensemble en deux, agrafer au pli." in text
        assert rows["guide-animation-livret.pdf"].endswith("livret")
        assert rows["dossier-participant-livret.pdf"].endswith("livret")
    else:
        assert "bord court" not in text and "Livret" not in text
    # two-sided on the long edge: the combined PDF, and the sheets handed out one by one
    assert "feuilles recto-verso bord long" in text
    assert "Feuilles : recto-verso bord long" in text
    assert rows[f"fiches-questions{PAPERS[paper].suffix if paper != 'a5-livret' else ''}.pdf"].endswith("feuilles")


def test_a_document_printed_whole_takes_its_copies_times_its_sheets(built: tuple[str, Path]) -> None:
    paper, folder = built
    suffix = PAPERS[paper].suffix
    name = f"dossier-participant{suffix}.pdf"
    row = next(line for line in lines(pdf_words(plan_pdf(paper, folder))) if line[0].text == name)
    pages, copies, sheets = (int(word.text) for word in row[1:4])
    assert pages == pdf_pages(folder / name)
    assert sheets == copies * math.ceil(pages / 2)  # two-sided: two pages (A4 sides of a booklet) a sheet


# -- the document tree, without a pack ---------------------------------------------------------------


def plan_of(files: list[PackFile]) -> Document:
    return PrintPlan(files).build(make_plan(load_workshop(SAMPLE)))


def table_rows(document: Document) -> list[list[str]]:
    table = next(block for block in document.blocks if isinstance(block, Table))
    return [[" ".join(walk_text([Paragraph(cell)])) for cell in row] for row in table.rows]


def test_each_part_of_a_document_in_parts_takes_its_copies_times_the_sheets_of_its_own_pages() -> None:
    # four question sheets of 2, 4, 1 and 3 pages, each on sheets of its own, five copies of each
    pages = (2, 4, 1, 3)
    rows = table_rows(plan_of([PackFile("fiches-questions.pdf", kind="questions", pages=10, parts=pages)]))
    start = next(index for index, row in enumerate(rows) if row[0] == "fiches-questions.pdf")
    assert rows[start][1:] == ["10", "", "30", "feuilles"]
    assert [row[2:4] for row in rows[start + 1:start + 5]] == [["5", "5"], ["5", "10"], ["5", "5"], ["5", "10"]]


def test_a_run_of_several_parts_takes_the_sheets_of_each_of_them() -> None:
    # the sample's kit: 10 parts in one run of 2 readers each; parts of 2 pages but the third, of 3
    pages = (2, 2, 3, 2, 2, 2, 2, 2, 2, 2)
    rows = table_rows(plan_of([PackFile("kit-arpentage.pdf", kind="arpentage", pages=21, parts=pages)]))
    assert next(row for row in rows if row[0] == "kit-arpentage.pdf")[1:] == ["21", "2 × 10", "22", "feuilles"]


def test_parts_laid_out_that_the_runs_do_not_cover_are_refused_not_guessed() -> None:
    with pytest.raises(AssertionError, match="fiches-questions.pdf : 3 parties mises en page, 4 à imprimer"):
        plan_of([PackFile("fiches-questions.pdf", kind="questions", pages=8, parts=(2, 2, 4))])


def test_question_sheets_of_different_lengths_take_the_sheets_of_their_own_pages(tmp_path: Path) -> None:
    """Group A's sheet takes one page (and its blank back), B's five: 4 copies of 1 sheet, 4 copies of 3."""
    folder = tmp_path / "atelier"
    folder.mkdir()
    (folder / "session.yaml").write_text(TWO_GROUPS, encoding="utf-8")
    assert main(["build", str(folder), "--only", "questions", "--only", "print-plan", "-o", str(tmp_path / "out")]) == 0
    sheets = tmp_path / "out" / "fiches-questions.pdf"
    starts = [page for page in range(1, pdf_pages(sheets) + 1) if "Thème :" in pdf_page_text(sheets, page)]
    assert (starts, pdf_pages(sheets)) == ([1, 3], 7)
    rows = {" ".join(word.text for word in line[:-2]): [word.text for word in line[-2:]]
            for line in lines(pdf_words(tmp_path / "out" / "plan-impression.pdf"))}
    assert rows["Groupe A : Un thème court"] == ["4", "4"]
    assert rows["Groupe B : Un thème long"] == ["4", "12"]
    assert rows["fiches-questions.pdf 7"] == ["16", "feuilles"]


def test_the_sample_pack_counts_the_sheets_it_always_has(sample_pack: Path) -> None:
    """Every part of the sample's question sheets and kit takes two pages, one sheet: the even share was right."""
    plan = lines(pdf_words(sample_pack / "plan-impression.pdf"))
    rows = {line[0].text: squash(" ".join(word.text for word in line[1:])) for line in plan}
    assert rows["fiches-questions.pdf"] == "8 20 feuilles"
    groups = [(line[1].text, [word.text for word in line[-2:]]) for line in plan if line[0].text == "Groupe"]
    assert groups == [(label, ["5", "5"]) for label in "ABCD"]
    assert rows["kit-arpentage.pdf"] == "20 2 × 10 20 feuilles"
    assert "Total : 88 copies, 193 feuilles A4 et 16 feuilles cartonnées." in squash(
        pdf_text(sample_pack / "plan-impression.pdf"))


def test_cards_are_counted_in_sheets_of_card_stock_and_a_booklet_as_folded() -> None:
    document = plan_of([PackFile("cartes-ligne-du-temps.pdf", kind="timeline-cards", pages=8, parts=(8,)),
                        PackFile("guide-animation-livret.pdf", kind="guide", pages=10, imposed=True, parts=(10,))])
    rows = {row[0]: row[1:] for row in table_rows(document)}
    assert rows["cartes-ligne-du-temps.pdf"] == ["8", "4", "16", "cartes"]
    assert rows["guide-animation-livret.pdf"] == ["10", "1", "5", "livret"]
    assert "Total : 5 copies, 5 feuilles A4 et 16 feuilles cartonnées." in walk_text(document.blocks)


def test_without_files_it_lists_every_document_the_plan_needs_by_title() -> None:
    rows = table_rows(plan_of([]))
    assert ["Guide d'animation", "", "1", "", "agrafé"] in rows


def test_a_docx_only_build_names_its_docx_files_and_counts_no_page_nor_sheet(tmp_path: Path) -> None:
    assert main(["build", str(SAMPLE), "--format", "docx", "-o", str(tmp_path)]) == 0
    table = docx.Document(str(tmp_path / "plan-impression.docx")).tables[0]
    names = {squash(row.cells[0].text).replace("\u2011", "-") for row in table.rows}
    assert {name for name in written(tmp_path) if name.endswith(".docx")} <= names
    guide = next(row for row in table.rows if "guide" in row.cells[0].text)
    assert [squash(cell.text) for cell in guide.cells[1:]] == ["", "1", "", "agrafé"]
    assert re.search(r"Total : \d+ copies\. ", squash(docx_text(tmp_path / "plan-impression.docx")))
