"""The programme (``_common.agenda_table``) on one page, in A4 and in the A5 booklet, read back from the PDF."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from conftest import SAMPLE, Word, pdf_words
from educpop.document import Document, Table
from educpop.generators import registry
from educpop.paper import PAPERS
from educpop.plan import Plan, make_plan
from educpop.render import FORMATS
from educpop.session.load import load_workshop
from educpop.session.values import format_clock
from educpop.theme_file import default_theme
from educpop.typography import typeset_document

#: the documents that print the programme
WITH_PROGRAMME = ("guide", "handout")
#: what PDFium splits words at: spaces of every kind, the no-break ones too
SPACES = re.compile(r"\s+")


@pytest.fixture(scope="module")
def plan() -> Plan:
    return make_plan(load_workshop(SAMPLE))


def rendered(plan: Plan, kind: str, paper: str, fmt: str, folder: Path) -> tuple[Document, Path]:
    """Return the typeset document ``kind`` and its file on ``paper`` (a booklet's pages before folding)."""
    document = typeset_document(registry()[kind].build(plan))
    path = folder / f"{kind}-{paper}.{fmt}"
    with path.open("wb") as stream:
        FORMATS[fmt].render(document, stream, PAPERS[paper].apply(default_theme()))
    return document, path


def programme(document: Document) -> Table:
    return next(block for block in document.blocks if isinstance(block, Table) and block.keep_together)


def row_starts(plan: Plan, words: list[Word]) -> list[tuple[Word, Word, Word]]:
    """Return, for each activity, the three words of its time range in the programme (not in its own sheet).

    A programme row reads « 10h10 – 10h50 » then « 4. », the activity's number.
    """
    found = []
    for slot in plan.slots:
        wanted = [format_clock(slot.start), "–", format_clock(slot.end), f"{slot.number}."]
        hits = [index for index in range(len(words) - 3)
                if [word.text for word in words[index:index + 4]] == wanted]
        assert len(hits) == 1, (wanted, len(hits))
        found.append((words[hits[0]], words[hits[0] + 1], words[hits[0] + 2]))
    return found


@pytest.mark.parametrize("paper", ["a4", "a5-livret"])
@pytest.mark.parametrize("kind", WITH_PROGRAMME)
def test_the_sample_programme_lands_on_one_page_with_each_time_range_on_one_line(
    plan: Plan, kind: str, paper: str, tmp_path: Path
) -> None:
    _document, pdf = rendered(plan, kind, paper, "pdf", tmp_path)
    rows = row_starts(plan, pdf_words(pdf))
    assert len({start.page for start, _dash, _end in rows}) == 1
    for start, dash, end in rows:
        assert abs(start.y0 - dash.y0) < 1 and abs(dash.y0 - end.y0) < 1, (start.text, end.text)


@pytest.mark.parametrize("paper", ["a4", "a5-livret"])
@pytest.mark.parametrize("kind", WITH_PROGRAMME)
def test_no_word_of_the_programme_is_cut(plan: Plan, kind: str, paper: str, tmp_path: Path) -> None:
    document, pdf = rendered(plan, kind, paper, "pdf", tmp_path)
    words = pdf_words(pdf)
    rows = row_starts(plan, words)
    page = rows[0][0].page
    top, last = min(start.y0 for start, _, _ in rows), rows[-1][0]
    # Words from the first row down to the first line of the last one: none ends with a hyphen…
    band = [word for word in words if word.page == page and top - 1 <= word.y0 <= last.y1]
    assert [word.text for word in band if word.text.endswith("-")] == []
    # …and every word of every cell is printed whole on the page.
    table = programme(document)
    cells = [run.text for row in [table.header, *table.rows] for cell in row for run in cell]
    printed = {word.text for word in words if word.page == page}
    assert sorted({w for text in cells for w in SPACES.split(text) if w} - printed) == []


def test_the_docx_programme_is_never_hyphenated_and_kept_on_one_page(plan: Plan, tmp_path: Path) -> None:
    document, path = rendered(plan, "handout", "a5-livret", "docx", tmp_path)
    table = next(t for t in docx.Document(str(path)).tables if t.rows[0].cells[0].text == "Heure")
    rows = list(table.rows)
    assert len(rows) == len(plan.slots) + 1
    for index, row in enumerate(rows):
        assert row._tr.trPr.find(qn("w:cantSplit")) is not None
        for paragraph in (p for cell in row.cells for p in cell.paragraphs):
            assert paragraph._p.pPr.find(qn("w:suppressAutoHyphens")) is not None
            assert paragraph.paragraph_format.keep_with_next is (True if index < len(rows) - 1 else None)
    assert [row.cells[0].text for row in rows[1:]] == [
        f"{format_clock(s.start)}\u202f–\u202f{format_clock(s.end)}" for s in plan.slots]
