"""Timeline cards: every event once, shuffled, one set per sub-group, only when a game uses them."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import SAMPLE, docx_text, pdf_text, squash
from educpop.cli import main

DEFINITION = yaml.safe_load((SAMPLE / "session.yaml").read_text(encoding="utf-8"))
EVENTS = [squash(entry["event"]) for entry in DEFINITION["timeline"]]


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
