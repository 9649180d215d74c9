"""The feuille de route: the plan's slots with their clock times, who leads, what to hand out, minutes to win."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from conftest import SAMPLE, pdf_pages, pdf_text, squash, write_session
from educpop.cli import main

CYCLE = """\
title: Le travail demain
facilitators: [Awa, Bruno]
group: {min: 10, max: 24, subgroup_size: "4-6"}
duration: 2h30
start: "18:30"
sittings:
  - {id: lire, title: Lire ensemble, date: 2027-01-12}
  - {id: debattre, title: Débattre, date: 19/01/2027, start: "19:00", duration: 1h30}
sources:
  - {id: texte, title: Le texte, file: sources/texte.md}
questions:
  - id: travail
    title: Le travail
    items:
      - {level: understand, text: "De quoi parle le texte ?"}
activities:
  - {id: accueil, title: Accueil, method: accueil, duration: 15, lead: Awa}
  - {id: arpentage, title: Arpentage du texte, method: arpentage, source: texte, duration: 45, grouping: pairs,
     lead: Bruno, min_duration: 35}
  - {id: groupes, title: Questions en sous-groupes, method: sous-groupes, duration: 40, grouping: subgroups,
     questions: [travail]}
  - {id: jeu, title: Jeu de clôture, method: brise-glace, duration: 10, optional: oui}
  - {id: debat, title: Débat mouvant, method: debat-mouvant, duration: 45, sitting: debattre, lead: Awa}
  - {id: bilan, title: Le bilan, method: evaluation, duration: 15, sitting: debattre}
"""
TEXT = "\n\n".join(f"Paragraphe {n} du texte, assez long pour une partie." for n in range(1, 13))
#: the feuille de route of CYCLE, row by row as the facilitator reads it: start, activity, lead, hand-outs, minutes
EXPECTED = [
    [
        ["18h30", "1. Accueil", "Awa", "Dossier participant ; Liste de présence", "", ""],
        ["18h45", "2. Arpentage du texte", "Bruno", "Kit d'arpentage",
         "10\u00a0min si réduite à 35\u00a0min", ""],
        ["19h30", "3. Questions en sous-groupes", "", "Fiches questions", "", ""],
        ["20h10", "4. Jeu de clôture", "", "", "10\u00a0min si retirée", ""],
    ],
    [
        ["19h00", "5. Débat mouvant", "Awa", "Liste de présence", "", ""],
        ["19h45", "6. Le bilan", "", "Fiche d'évaluation", "", ""],
    ],
]


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def cycle() -> Path:
    folder = write_session(CYCLE, {"sources/texte.md": TEXT})
    assert main(["build", str(folder), "-o", "sortie"]) == 0
    return Path("sortie")


def docx_rows(path: Path) -> list[list[list[str]]]:
    """Return each table of a DOCX as its body rows of cell texts, spaces made plain (the header row left out).

    The no-break hyphens that hold « sous-groupes » on one line read back as hyphens.
    """
    tables = docx.Document(str(path)).tables
    return [[[squash(cell.text.replace("\u2011", "-")) for cell in row.cells] for row in table.rows[1:]]
            for table in tables]


def test_each_row_is_a_slot_with_its_clock_time_lead_hand_outs_and_minutes_to_win(cycle: Path) -> None:
    assert docx_rows(cycle / "feuille-de-route.docx") == [[[squash(cell) for cell in row] for row in rows]
                                                          for rows in EXPECTED]


def test_each_sitting_fits_one_pdf_page_with_its_own_rows(cycle: Path) -> None:
    pdf = cycle / "feuille-de-route.pdf"
    assert pdf_pages(pdf) == 2
    pages = [squash(page) for page in pdf_text(pdf).split("\f")]
    for page, rows in zip(pages, EXPECTED, strict=True):
        assert "Heure réelle" in page and "de marge : fin prévue à" in page
        for row in rows:
            for cell in row:
                assert squash(cell) in page
    assert "Débat mouvant" not in pages[0] and "Arpentage du texte" not in pages[1]


def test_the_print_plan_lists_a_copy_per_facilitator_of_each_sitting_page(cycle: Path) -> None:
    plan = squash(pdf_text(cycle / "plan-impression.pdf"))
    assert ("feuille-de-route.pdf 2 4 recto seul Séance 1 sur 2 (mardi 12 janvier 2027) 2 2 "
            "Séance 2 sur 2 (mardi 19 janvier 2027) 2 2 dossier-participant.pdf") in plan


def test_only_roadmap_builds_the_feuille_de_route_alone() -> None:
    assert main(["build", str(SAMPLE), "--only", "roadmap", "-o", "seule"]) == 0
    assert sorted(path.name for path in Path("seule").iterdir() if not path.name.startswith(".")) == [
        "feuille-de-route.docx", "feuille-de-route.pdf"]
    pdf = Path("seule/feuille-de-route.pdf")
    assert pdf_pages(pdf) == 1
    page = squash(pdf_text(pdf))
    assert "9h50 3. Remettre 1917 dans l'ordre Cartes de la ligne du temps 20 min si retirée" in page
    assert "10h10 4. Arpentage : conquêtes et retournement de la révolution Kit d'arpentage" in page
    assert "Fin prévue à 12h30." in page
