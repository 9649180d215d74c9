"""Timeline cards: every event once, shuffled, one set per sub-group, only when a game uses them."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import docx
import pikepdf
import pytest
import yaml

from conftest import SAMPLE, Word, docx_text, pdf_pages, pdf_text, pdf_words, squash
from educpop.cli import main
from educpop.session.dates_given import date_in
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
    plan = squash(docx_text(cards / "plan-impression.docx"))
    assert "Cartes de la ligne du temps cartes-ligne-du-temps.pdf Tout le document 4" in plan


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
    sizes = {round(word.y1 - word.y0) for word in pdf_words(path) if TOP < word.y0 < BOTTOM}
    assert min(sizes) >= 16
    with pikepdf.open(path) as pdf:
        ops = [(str(op), [float(x) for x in operands if isinstance(x, (int, float, Decimal))])
               for operands, op in pikepdf.parse_content_stream(pdf.pages[0])]
    widths = {values[0] for op, values in ops if op == "w"}
    assert min(width for width in widths if width > 0) >= 0.75 or 0.75 in widths
    assert any(op == "d" for op, _values in ops)  # dashed
    greys = [values for op, values in ops if op == "RG"]
    assert [0.2, 0.2, 0.2] in [[round(v, 1) for v in grey] for grey in greys]


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
