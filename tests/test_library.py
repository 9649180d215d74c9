"""``educpop list``: the library at a glance, a broken session listed with its first problem beside good ones."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_session_variant import SESSION, SOIREE

from educpop.cli import main


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def write(folder: str, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = Path(folder) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_lists_each_session_with_a_broken_one_beside_good_ones(capsys: pytest.CaptureFixture[str]) -> None:
    write("sessions/soir", {"session.yaml": SESSION, "variants/soiree.yaml": SOIREE, "variants/court.yaml": ""})
    write("sessions/casse", {"session.yaml": SESSION.replace("duration: 2h", "duration: deux heures")})
    write("sessions/vide", {"notes.txt": "rien"})
    write("sessions", {"README.md": "# la bibliothèque"})
    assert main(["list"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "casse",
        "  erreur : sessions/casse/session.yaml:3:11: duration: "
        "attendu une durée comme 90, « 90 min », « 1h30 » ou « 1:30 », trouvé « deux heures »",
        "soir",
        "  Atelier du soir",
        "  2 h, de 6 à 12 personnes",
        "  méthodes : accueil, photolangage, pause, debat-mouvant, synthese",
        "  variantes : court, soiree",
        "vide",
        "  erreur : sessions/vide/session.yaml: fichier introuvable",
    ]


def test_shows_the_date_and_each_sitting_of_a_cycle(capsys: pytest.CaptureFixture[str]) -> None:
    cycle = SESSION.replace('start: "09:30"\n', 'start: "18:30"\ndate: 2027-01-12\n') + (
        "sittings:\n  - {id: soir-1}\n  - {id: soir-2, date: 19/01/2027, duration: 1h30}\n"
    )
    write("sessions/cycle", {"session.yaml": cycle})
    assert main(["list"]) == 0
    assert capsys.readouterr().out.splitlines()[2:4] == [
        "  2 séances (2 h + 1 h 30), de 6 à 12 personnes",
        "  mardi 12 janvier 2027, mardi 19 janvier 2027",
    ]


def test_lists_the_folder_it_is_given(capsys: pytest.CaptureFixture[str]) -> None:
    write("ailleurs/soir", {"session.yaml": SESSION})
    assert main(["list", "ailleurs"]) == 0
    assert capsys.readouterr().out.splitlines()[:2] == ["soir", "  Atelier du soir"]


def test_a_missing_library_is_a_user_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "nulle-part"]) == 2
    assert capsys.readouterr().err == "educpop : session invalide :\n  nulle-part: dossier de séances introuvable\n"


def test_a_broken_variant_is_listed_with_its_first_problem(capsys: pytest.CaptureFixture[str]) -> None:
    write("sessions/soir", {
        "session.yaml": SESSION,
        "variants/soiree.yaml": SOIREE,
        "variants/casse.yaml": "activities:\n  drop: [inconnue]\n",
    })
    assert main(["list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[4] == "  variantes : casse, soiree"
    assert lines[5].startswith("  erreur dans la variante casse : sessions/soir/variants/casse.yaml:2:")
    assert "inconnue" in lines[5]
    assert len(lines) == 6  # soiree loads: no line of its own
