"""A cycle of two evenings, built and read back: each sitting's clock, date and attendance page."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import docx_text, pdf_text, squash, write_session
from educpop.cli import main

CYCLE = """\
title: Le travail demain
group: {min: 10, max: 24, subgroup_size: "4-6"}
duration: 2h30
start: "18:30"
sittings:
  - {id: lire, title: Lire ensemble, date: 2027-01-12}
  - {id: debattre, title: Débattre, date: 19/01/2027, start: "19:00", duration: 1h}
activities:
  - {id: accueil, title: Accueil, method: accueil, duration: 15}
  - {id: groupes, title: En sous-groupes, method: sous-groupes, duration: 45, grouping: subgroups}
  - {id: retour, title: Mise en commun, method: mise-en-commun, duration: "5 + 5/groupe"}
  - {id: debat, title: Débat mouvant, method: debat-mouvant, duration: 45, sitting: debattre}
  - {id: evaluation, title: Évaluation, method: evaluation, duration: 15, sitting: debattre}
"""


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def test_a_cycle_builds_one_programme_per_sitting_and_one_attendance_page_each() -> None:
    folder = write_session(CYCLE)
    assert main(["build", str(folder), "--participants", "11", "-o", "sortie"]) == 0
    guide = squash(docx_text(Path("sortie/guide-animation.docx")))
    # 11 people in groups of 4 to 6: 2 groups, a report-back of 5 + 2 × 5 minutes.
    assert "18h30 – 18h45 1. Accueil" in guide
    assert "19h30 – 19h45 3. Mise en commun Mise en commun" in guide
    assert "19h00 – 19h45 4. Débat mouvant" in guide
    pages = [squash(page) for page in pdf_text(Path("sortie/liste-presence.pdf")).split("\f")]
    first = next(i for i, page in enumerate(pages) if "Séance 1 sur 2 – Lire ensemble" in page)
    second = next(i for i, page in enumerate(pages) if "Séance 2 sur 2 – Débattre" in page)
    assert first < second
    assert "Date mardi 12 janvier 2027" in pages[first] and "Date mardi 19 janvier 2027" in pages[second]


def test_a_pinned_time_that_cannot_be_met_stops_the_build_with_the_minutes_too_many(
    capsys: pytest.CaptureFixture[str],
) -> None:
    pinned = CYCLE.replace("duration: 15, sitting: debattre}", 'duration: 15, sitting: debattre, at: "19:30"}')
    folder = write_session(pinned)
    assert main(["build", str(folder), "-o", "sortie"]) == 2
    err = capsys.readouterr().err
    assert ("« Évaluation » est fixé à 19h30, mais ce qui le précède dure 15 min de trop, même raccourci au plus "
            "court ; à retirer ou raccourcir avant lui, au choix : Débat mouvant (45 min)") in squash(err)
    assert "Traceback" not in err
    assert not Path("sortie").exists()
