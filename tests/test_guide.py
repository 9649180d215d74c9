"""The guide strands nothing: an annex question and its hint, « Conseils de méthode », « Matériel » end no page."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest

from conftest import SAMPLE, Word, pdf_pages, pdf_words, squash
from educpop.cli import main

#: a question of the annex ends with its level in brackets; its hint follows it
ANNEX_QUESTION = re.compile(r"\((Comprendre|Analyser|Et aujourd.hui\s?\?)\)$")
#: the short titles that announce what follows them
SHORT_TITLES = re.compile(r"^(Conseils de méthode|Matériel)\b")


@pytest.fixture(scope="module")
def large_print(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the large-print guide of the sample, where pages end elsewhere than in A4."""
    out = tmp_path_factory.mktemp("gros")
    assert main(["build", str(SAMPLE), "--only", "guide", "--paper", "gros-caracteres", "--format", "pdf",
                 "-o", str(out)]) == 0
    return out / "guide-animation-gros-caracteres.pdf"


def body_lines(path: Path) -> dict[int, list[str]]:
    """Return the lines of text of every page above its footer (the footer's rule is 2.5 cm from the bottom)."""
    lines: dict[tuple[int, int], list[Word]] = {}
    for word in pdf_words(path):
        if word.y1 < 842 - 2.2 * 28.35:
            lines.setdefault((word.page, round(word.y1)), []).append(word)
    pages: dict[int, list[str]] = {}
    for (page, _y), words in sorted(lines.items()):
        pages.setdefault(page, []).append(squash(" ".join(word.text for word in sorted(words, key=lambda w: w.x0))))
    return pages


@pytest.mark.parametrize("which", ["a4", "large"])
def test_no_page_ends_with_an_annex_question_or_a_short_title(
    which: str, sample_pack: Path, request: pytest.FixtureRequest
) -> None:
    path = sample_pack / "guide-animation.pdf" if which == "a4" else request.getfixturevalue("large_print")
    assert pdf_pages(path) > 10
    pages = body_lines(path)
    for page, lines in pages.items():
        following = pages.get(page + 1, [""])[0]
        assert not (ANNEX_QUESTION.search(lines[-1]) and following.startswith("Pistes")), (
            f"page {page} finit sur une question, sa piste est page suivante : {lines[-1]}")
        assert not SHORT_TITLES.match(lines[-1]), f"page {page} finit sur un titre seul : {lines[-1]}"


def test_the_docx_keeps_a_question_with_its_hint_and_a_short_title_with_its_list(sample_pack: Path) -> None:
    document = docx.Document(str(sample_pack / "guide-animation.docx"))
    cells = [cell for table in document.tables for row in table.rows for cell in row.cells]
    paragraphs = [*document.paragraphs, *(p for cell in cells for p in cell.paragraphs)]
    questions = [p for p, after in zip(paragraphs, paragraphs[1:], strict=False)
                 if ANNEX_QUESTION.search(p.text.strip()) and after.text.startswith("Pistes")]
    tips = [p for p in paragraphs if p.text.startswith("Conseils de méthode")]
    materials = [p for p in paragraphs if p.text == "Matériel"]
    assert len(questions) >= 15 and tips and materials
    assert all(p.paragraph_format.keep_with_next for p in questions + tips)
    assert all(p.style.paragraph_format.keep_with_next for p in materials)
