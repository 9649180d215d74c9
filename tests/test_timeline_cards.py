"""Timeline cards: every event once, shuffled, one set per sub-group, only when a game uses them."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import docx
import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
import pytest
import yaml
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.oxml.ns import qn

from conftest import SAMPLE, Word, docx_text, pdf_pages, pdf_text, pdf_words, squash
from educpop.cli import main
from educpop.document import Cards, Heading, Timeline
from educpop.generators.guide import Guide
from educpop.generators.timeline_cards import TimelineCards
from educpop.plan import Options, make_plan
from educpop.session.dates_given import date_in
from educpop.session.load import load_workshop
from educpop.session.values import format_period, parse_period

DEFINITION = yaml.safe_load((SAMPLE / "session.yaml").read_text(encoding="utf-8"))
EVENTS = [squash(entry["event"]) for entry in DEFINITION["timeline"]]
#: the date of each event, by the event's first 30 characters
DATES = {squash(entry["event"])[:30]: squash(format_period(*parse_period(str(entry["date"]))))
         for entry in DEFINITION["timeline"]}


@pytest.fixture(scope="module")
def cards(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("cartes")
    assert main(["build", str(SAMPLE), "--only", "timeline-cards", "--only", "print-plan", "-o", str(out)]) == 0
    return out


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_every_event_is_on_a_card_once_and_not_in_date_order(cards: Path, fmt: str) -> None:
    path = cards / f"cartes-ligne-du-temps.{fmt}"
    text = squash(pdf_text(path) if fmt == "pdf" else docx_text(path))
    assert len(EVENTS) >= 12
    positions = [text.find(event[:40]) for event in EVENTS]
    assert all(position >= 0 for position in positions)
    assert all(text.count(event[:40]) == 1 for event in EVENTS)
    assert positions != sorted(positions)  # shuffled: the order is the game


def test_the_print_plan_asks_one_set_per_subgroup(cards: Path) -> None:
    plan = squash(docx_text(cards / "plan-impression.docx")).replace("\u2011", "-")
    assert "cartes-ligne-du-temps.pdf 8 4 16 cartes" in plan  # 8 pages: 4 sheets of card stock a set


def test_no_cards_without_a_timeline_game(tmp_path: Path) -> None:
    folder = tmp_path / "atelier"
    folder.mkdir()
    (folder / "session.yaml").write_text(
        'title: Atelier\ngroup: {min: 4, max: 8}\nduration: 30\nstart: "18:00"\n'
        "timeline: [{date: '1917', event: Révolution}]\n"
        "activities:\n  - {id: a, title: Exposé, method: expose, duration: 30}\n",
        encoding="utf-8",
    )
    assert main(["build", str(folder), "-o", str(tmp_path / "out")]) == 0
    assert not (tmp_path / "out" / "cartes-ligne-du-temps.pdf").exists()


def test_the_sample_gives_no_date_away_on_the_face_of_a_card() -> None:
    assert [entry["event"] for entry in DEFINITION["timeline"] if date_in(entry["event"])] == []


@pytest.mark.parametrize(("event", "given"), [
    ("Grève (23 février du calendrier julien).", "23 février"),
    ("Fête du 1er mai à Moscou.", "1er mai"),
    ("Fin août, le coup d'État échoue.", "août"),
    ("La guerre dure jusqu'en 1921.", "1921"),
    ("Plus de 1 900 délégués arrêtés, 200 000 hommes.", ""),
    ("Le parti se réunit en mai.", "mai"),
])
def test_a_day_a_month_or_a_year_in_an_event_is_a_date_given_away(event: str, given: str) -> None:
    assert date_in(event) == given


def test_check_warns_of_an_event_that_gives_its_date(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "atelier"
    folder.mkdir()
    (folder / "session.yaml").write_text(
        'title: Atelier\ngroup: {min: 4, max: 8}\nduration: 30\nstart: "18:00"\n'
        "timeline:\n  - {date: '1917-03-08', event: Grève des ouvrières}\n"
        "  - {date: '1917-11-07', event: Insurrection (25 octobre du calendrier julien)}\n"
        "activities:\n  - {id: a, title: Jeu, method: ligne-du-temps, duration: 30}\n",
        encoding="utf-8",
    )
    assert main(["check", str(folder)]) == 0
    warnings = [line for line in capsys.readouterr().err.splitlines() if "donne une date" in line]
    assert warnings == [
        f"attention : {folder / 'session.yaml'}:7:33: timeline[2].event: le texte de l'événement donne une date "
        "(« 25 octobre ») : sur sa carte, elle dit sa place dans le jeu ; la date est déjà au dos, "
        "écrivez l'événement sans elle"
    ]


def test_each_date_is_behind_its_card_in_the_docx(cards: Path) -> None:
    tables = docx.Document(str(cards / "cartes-ligne-du-temps.docx")).tables
    checked = 0
    for front, back in zip(tables[::2], tables[1::2], strict=True):
        for front_row, back_row in zip(front.rows, back.rows, strict=True):
            assert front_row.height == back_row.height
            for card, date in zip(front_row.cells, reversed(back_row.cells), strict=True):
                if card.text:
                    assert squash(date.text) == DATES[squash(card.text)[:30]]
                    checked += 1
    assert checked == len(EVENTS)


def test_each_date_is_behind_its_card_in_the_pdf(cards: Path) -> None:
    path = cards / "cartes-ligne-du-temps.pdf"
    width = 595.3
    checked = 0
    for page in range(1, pdf_pages(path) + 1, 2):
        backs = card_texts(path, page + 1)
        for (x, y), text in card_texts(path, page).items():
            behind = [date for (bx, by), date in backs.items() if abs(bx - (width - x)) < 20 and abs(by - y) < 20]
            event = next(event for event in EVENTS if sorted(event.split()) == sorted(text.split()))
            assert [sorted(date.split()) for date in behind] == [sorted(DATES[event[:30]].split())], event
            checked += 1
    assert checked == len(EVENTS)


def test_cards_are_set_large_and_cut_along_dark_dashed_lines(cards: Path) -> None:
    path = cards / "cartes-ligne-du-temps.pdf"
    fronts, backs = font_sizes(path, 1), font_sizes(path, 2)
    assert min(fronts) >= 16
    assert min(backs) > max(fronts)
    with pikepdf.open(path) as pdf:
        ops = [(str(op), [float(x) for x in operands if isinstance(x, (int, float, Decimal))])
               for operands, op in pikepdf.parse_content_stream(pdf.pages[0])]
    dashed_at = next(index for index, (op, _values) in enumerate(ops) if op == "d")
    width = next(values[0] for op, values in ops[dashed_at:] if op == "w")
    colour = next(values for op, values in ops[dashed_at:] if op == "RG")
    assert width >= 0.75
    assert max(colour) <= 0.25  # dark grey or black


def font_sizes(path: Path, page: int) -> set[float]:
    """Return the font sizes of the characters a PDF page prints between its header and footer, as PDFium reads them."""
    document = pdfium.PdfDocument(path)
    try:
        textpage = document[page - 1].get_textpage()
        height = document[page - 1].get_height()
        sizes = set()
        for index in range(textpage.count_chars()):
            _left, _bottom, _right, top = textpage.get_charbox(index)
            if TOP < height - top < BOTTOM and not chr(pdfium_raw.FPDFText_GetUnicode(textpage, index)).isspace():
                sizes.add(round(pdfium_raw.FPDFText_GetFontSize(textpage, index), 1))
        return sizes
    finally:
        document.close()


#: the text area of an A4 card page, between the running header and the footer, in points from the top
TOP, BOTTOM = 50, 780


def card_texts(path: Path, page: int) -> dict[tuple[float, float], str]:
    """Return the words of each card of a page (in no set order) by its centre; a wider gap starts a new card."""
    words = sorted((w for w in pdf_words(path) if w.page == page and TOP < w.y0 < BOTTOM),
                   key=lambda w: (w.x0 > 297, w.y0, w.x0))
    cards: list[list[Word]] = []
    for word in words:
        last = cards[-1][-1] if cards else None
        if last is None or (word.x0 > 297) != (last.x0 > 297) or word.y0 - last.y1 > 8:
            cards.append([word])
        else:
            cards[-1].append(word)
    return {((min(w.x0 for w in card) + max(w.x1 for w in card)) / 2, (card[0].y0 + card[-1].y1) / 2):
            squash(" ".join(w.text for w in card)) for card in cards}


def test_the_guide_ends_with_the_cards_in_order_and_their_dates() -> None:
    plan = make_plan(load_workshop(SAMPLE), Options(16))
    guide = Guide().build(plan)
    key_at = next(index for index, block in enumerate(guide.blocks)
                  if isinstance(block, Heading) and block.content[0].text == "Annexe : corrigé de la ligne du temps")
    timeline = next(block for block in guide.blocks[key_at:] if isinstance(block, Timeline))
    cards = next(block for block in TimelineCards().build(plan).blocks if isinstance(block, Cards))
    # Every card once, in the order of the session's timeline (which is chronological), with its back's date.
    assert [event.content[0].text for event in timeline.events] == [entry["event"] for entry in DEFINITION["timeline"]]
    assert sorted((event.content[0].text, event.when) for event in timeline.events) == sorted(
        (card.front[0].text, card.back) for card in cards.cards)
    assert [event.when for event in timeline.events][:3] == ["22 janvier 1905", "août 1914", "8 mars 1917"]


def test_the_participants_documents_carry_no_answer_key(cards: Path) -> None:
    assert "corrigé" not in pdf_text(cards / "cartes-ligne-du-temps.pdf")


def test_the_docx_cards_are_exact_large_and_cut_along_dashed_lines(cards: Path) -> None:
    tables = docx.Document(str(cards / "cartes-ligne-du-temps.docx")).tables
    assert {row.height_rule for table in tables for row in table.rows} == {WD_ROW_HEIGHT_RULE.EXACTLY}
    sizes = {run.font.size.pt for table in tables for row in table.rows for cell in row.cells
             for paragraph in cell.paragraphs for run in paragraph.runs}
    assert min(sizes) >= 16
    borders = tables[0]._tbl.tblPr.find(qn("w:tblBorders"))
    sides = {side.get(qn("w:val")): int(side.get(qn("w:sz"))) for side in borders}
    assert list(sides) == ["dashed"] and sides["dashed"] >= 6  # eighths of a point: 0.75 pt
