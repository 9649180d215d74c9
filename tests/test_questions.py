"""Question sheets stay together: a question with its first answer line, its group on every page, own sheets."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_SECTION

from conftest import (
    LIBREOFFICE_PDF,
    TWO_GROUPS,
    Box,
    docx_text,
    pdf_page_image,
    pdf_page_text,
    pdf_pages,
    pdf_words,
    squash,
)
from educpop.cli import main

QUESTION_NUMBER = re.compile(r"\d+\.")
#: the top margin of an A4 page, above the text
TOP_MARGIN = Box(0, 0, 595, 50)


@pytest.fixture(scope="module")
def two_groups(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the pack folder of TWO_GROUPS: the question sheets and the print plan."""
    root = tmp_path_factory.mktemp("fiches")
    folder = root / "atelier"
    folder.mkdir()
    (folder / "session.yaml").write_text(TWO_GROUPS, encoding="utf-8")
    out = root / "out"
    assert main(["build", str(folder), "--only", "questions", "--only", "print-plan", "-o", str(out)]) == 0
    return out


def ruled_lines(path: Path, page: int) -> list[float]:
    """Return the heights (points from the top) of the grey rules drawn across most of the page's width."""
    dpi = 100
    image = pdf_page_image(path, page, dpi)
    width, height = image.size
    pixels = image.load()
    found: list[float] = []
    for y in range(height):
        grey = sum(1 for x in range(0, width, 4)
                   if (lambda r, g, b: r < 235 and abs(r - g) < 12 and abs(g - b) < 12)(*pixels[x, y]))
        if grey * 4 > width * 0.6 and (not found or y * 72 / dpi - found[-1] > 3):
            found.append(y * 72 / dpi)
    return found


def question_numbers(path: Path) -> list[tuple[int, float]]:
    """Return the page and top of every question number (``3.`` at the start of a line)."""
    numbers = [word for word in pdf_words(path) if QUESTION_NUMBER.fullmatch(word.text)]
    left = min(word.x0 for word in numbers)
    return sorted((word.page, word.y0) for word in numbers if word.x0 < left + 2)


@pytest.mark.parametrize("pack", ["sample_pack", "two_groups"])
def test_every_question_has_its_first_answer_line_on_its_page(pack: str, request: pytest.FixtureRequest) -> None:
    path: Path = request.getfixturevalue(pack) / "fiches-questions.pdf"
    numbers = question_numbers(path)
    assert len(numbers) >= 19
    for index, (page, top) in enumerate(numbers):
        following = next((y for p, y in numbers[index + 1:] if p == page), float("inf"))
        rules = [y for y in ruled_lines(path, page) if top < y < following]
        assert rules, f"question en haut à {top:.0f} pt de la page {page} sans ligne pour répondre sur sa page"


@pytest.mark.parametrize("pack", ["sample_pack", "two_groups"])
def test_every_page_of_a_sheet_carries_its_group_letter_and_theme(pack: str, request: pytest.FixtureRequest) -> None:
    path: Path = request.getfixturevalue(pack) / "fiches-questions.pdf"
    group = ""
    for page in range(1, pdf_pages(path) + 1):
        text = squash(pdf_page_text(path, page))
        heading = re.search(r"Fiche questions – groupe ([A-Z]+) Thème : (.+?) ", text)
        if heading:
            group = heading[1]
        if "Thème" not in text and "Question" not in text and "?" not in text:
            continue  # a blank back
        top = squash(pdf_page_text(path, page, TOP_MARGIN))
        assert top.startswith(f"Fiche questions – groupe {group} · "), f"page {page} : {top}"


def test_each_group_starts_on_a_front_and_a_blank_back_carries_no_header(two_groups: Path) -> None:
    path = two_groups / "fiches-questions.pdf"
    pages = pdf_pages(path)
    starts = {squash(pdf_page_text(path, page)).split(" ")[4]: page for page in range(1, pages + 1)
              if "Thème :" in pdf_page_text(path, page)}
    assert starts == {"A": 1, "B": 3}
    assert squash(pdf_page_text(path, 2)) == f"Atelier page 2 / {pages}"


def test_the_docx_starts_each_sheet_on_an_odd_page_with_its_group_in_the_header(two_groups: Path) -> None:
    document = docx.Document(str(two_groups / "fiches-questions.docx"))
    sections = document.sections
    assert [section.start_type for section in sections][1:] == [WD_SECTION.ODD_PAGE]
    headers = [squash(section.header.paragraphs[0].text) for section in sections]
    assert headers == ["Fiche questions – groupe A · Un thème court", "Fiche questions – groupe B · Un thème long"]


def test_the_docx_keeps_every_question_with_its_first_answer_line(two_groups: Path) -> None:
    paragraphs = docx.Document(str(two_groups / "fiches-questions.docx")).paragraphs
    questions = [(p, after) for p, after in zip(paragraphs, paragraphs[1:], strict=False)
                 if QUESTION_NUMBER.match(p.text)]
    assert len(questions) == 19
    assert all(p.paragraph_format.keep_with_next for p, _after in questions)
    assert {after.style.name for _p, after in questions} == {"Ligne réponse"}


def test_the_print_plan_prints_the_sheets_on_both_sides(two_groups: Path) -> None:
    plan = squash(docx_text(two_groups / "plan-impression.docx")).replace("\u2011", "-")
    assert "fiches-questions.pdf 7 16 feuilles Groupe A : Un thème court 4 4 Groupe B : Un thème long 4 12" in plan
    assert "Feuilles : recto-verso bord long, chaque partie sur ses feuilles, sans agrafer" in plan


def test_libreoffice_leaves_the_back_of_group_a_blank(two_groups: Path, soffice: str, tmp_path: Path) -> None:
    subprocess.run([soffice, "--headless", "--convert-to", LIBREOFFICE_PDF, "--outdir", str(tmp_path),
                    str(two_groups / "fiches-questions.docx")], check=True, capture_output=True, timeout=180)
    path = tmp_path / "fiches-questions.pdf"
    fronts = [page for page in range(1, pdf_pages(path) + 1) if "Thème :" in pdf_page_text(path, page)]
    assert fronts == [1, 3]
