"""The command line as a facilitator uses it: options, exit statuses, messages."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SAMPLE, docx_text, pdf_text, squash, write_session
from educpop.cli import main
from educpop.document import walk_text
from educpop.generators import registry
from educpop.plan import Options, make_plan
from educpop.session.load import load_workshop


def test_check_prints_the_agenda_with_clock_times(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(SAMPLE)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("1917")
    assert "9h30 – " in out
    assert "12h30" in out


def test_check_moves_the_agenda_to_another_start(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(SAMPLE), "--start", "18h"]) == 0
    out = capsys.readouterr().out
    assert " 18h00 – " in out
    assert "9h30" not in out


def test_a_shorter_session_drops_the_optional_activity_nearest_the_close(capsys: pytest.CaptureFixture[str]) -> None:
    # 15 minutes less: one of the two optional activities of 20 minutes must go, the later one
    assert main(["check", str(SAMPLE), "--duration", "2h45"]) == 0
    out = capsys.readouterr().out
    assert "adapté pour tenir dans la durée : Débat mouvant : et si c'était à refaire ? retiré\n" in out
    assert "  9h50 – 10h10  Remettre 1917 dans l'ordre (facultatif) [ligne-du-temps, 20 min]" in out


def test_an_impossible_duration_is_a_user_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(SAMPLE), "--duration", "20 min"]) == 2
    err = capsys.readouterr().err
    assert "le programme ne tient pas dans les 20 min demandées : 2 h de trop, même raccourci au plus court" in err
    assert "Traceback" not in err


def test_build_only_the_guide_in_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "x"
    assert main(["build", str(SAMPLE), "--format", "pdf", "--only", "guide", "-o", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == ["guide-animation.pdf"]
    assert "Guide d'animation" in squash(pdf_text(out / "guide-animation.pdf"))


def test_more_participants_means_more_subgroup_sheets(tmp_path: Path) -> None:
    assert main(["build", str(SAMPLE), "--format", "pdf", "--only", "questions",
                 "--participants", "12", "-o", str(tmp_path)]) == 0
    text = squash(pdf_text(tmp_path / "fiches-questions.pdf"))
    assert "groupe C" in text and "groupe D" not in text


def test_an_unknown_document_suggests_the_right_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", str(SAMPLE), "--only", "guid", "-o", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "document inconnu « guid »" in err and "vouliez-vous dire « guide » ?" in err
    assert list(tmp_path.iterdir()) == []


def test_a_bad_start_option_names_the_expected_form(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(SAMPLE), "--start", "midi"]) == 2
    assert "attendu une heure comme « 09:30 » ou « 14h », trouvé « midi »" in capsys.readouterr().err


def test_an_invalid_session_exits_2_with_file_line_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "atelier"
    shutil.copytree(SAMPLE, folder)
    definition = folder / "session.yaml"
    lines = definition.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if line.startswith("duration:"))
    lines[number] = "duration: trois heures"
    definition.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["build", str(folder), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert f"session.yaml:{number + 1}:11: duration: attendu une durée comme 90" in err
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_a_missing_folder_is_a_user_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path / "nulle-part")]) == 2
    assert "nulle-part" in capsys.readouterr().err


def test_a_hand_edited_file_is_not_overwritten(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["build", str(SAMPLE), "--format", "pdf", "--only", "guide", "-o", str(tmp_path)]
    assert main(args) == 0
    guide = tmp_path / "guide-animation.pdf"
    guide.write_bytes(b"edited by hand")
    assert main(args) == 2
    assert "modifié à la main depuis la dernière construction" in capsys.readouterr().err
    assert guide.read_bytes() == b"edited by hand"
    assert main([*args, "--force"]) == 0
    assert guide.read_bytes().startswith(b"%PDF")


def test_a_console_that_cannot_show_cyrillic_gets_replacement_characters_not_a_crash(tmp_path: Path) -> None:
    folder = tmp_path / "atelier"
    shutil.copytree(SAMPLE, folder)
    definition = folder / "session.yaml"
    text = definition.read_text(encoding="utf-8")
    definition.write_text(text.replace('title: "1917 :', 'title: "Ленин, 1917 :', 1), encoding="utf-8")
    environment = {**os.environ, "PYTHONIOENCODING": "cp1252"}  # a Windows console or pipe
    done = subprocess.run([sys.executable, "-m", "educpop", "check", str(folder)],
                          capture_output=True, env=environment, check=False)
    assert done.returncode == 0, done.stderr.decode("cp1252", "replace")
    assert done.stdout.startswith("?????, 1917 : quelles leçons".encode("cp1252"))


@pytest.mark.parametrize(("participants", "said"), [
    ("1", "1 participant·e, 1 sous-groupe"),
    ("12", "12 participant·e·s, 3 sous-groupes"),
])
def test_check_agrees_counts_in_number(participants: str, said: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(SAMPLE), "--participants", participants]) == 0
    assert said in capsys.readouterr().out.splitlines()


def test_the_guide_says_one_participant_in_the_singular() -> None:
    workshop = load_workshop(SAMPLE)
    text = " ".join(walk_text(registry()["guide"].build(make_plan(workshop, Options(participants=1))).blocks))
    assert "Calculé pour 1 participant·e." in text


def test_check_shows_the_margin_and_what_fitting_changed(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(SAMPLE), "--duration", "2h45"]) == 0
    out = capsys.readouterr().out
    assert "9h30 – 12h10 (2 h 40 sur 2 h 45, 5 min de marge)" in out


def test_build_says_what_fitting_changed_before_the_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "x"
    assert main(["build", str(SAMPLE), "--duration", "2h45", "--only", "guide", "--format", "docx",
                 "-o", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "adapté pour tenir dans la durée : Débat mouvant : et si c'était à refaire ? retiré"
    assert "Débat mouvant : et si c'était à refaire ? retiré" in squash(docx_text(out / "guide-animation.docx"))


def test_an_evening_start_warns_of_the_texts_that_speak_of_the_morning(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(SAMPLE), "--start", "18:30"]) == 0
    err = capsys.readouterr().err
    assert ("attention : « Accueil et présentation de la matinée » parle de « matinée », "
            "mais la séance commence à 18h30") in err


def test_the_sample_at_its_own_time_warns_of_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(SAMPLE)]) == 0
    assert capsys.readouterr().err == ""


def test_a_group_out_of_range_is_warned_of_in_check_and_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(SAMPLE), "--participants", "5"]) == 0
    assert "attention : 5 participant·e·s : moins que le minimum prévu (group.min : 8)" in capsys.readouterr().err
    assert main(["build", str(SAMPLE), "--participants", "35", "--only", "print-plan", "--format", "pdf",
                 "-o", str(tmp_path / "x")]) == 0
    assert "attention : 35 participant·e·s : plus que le maximum prévu (group.max : 20)" in capsys.readouterr().err


def test_the_date_option_prints_the_day_in_words(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(SAMPLE), "--date", "5/12/2026"]) == 0
    assert "\nSamedi 5 décembre 2026\n" in capsys.readouterr().out
    assert main(["check", str(SAMPLE), "--date", "demain"]) == 2
    assert "attendu une date comme « 2026-12-05 » ou « 5/12/2026 », trouvé « demain »" in capsys.readouterr().err


def test_a_start_that_runs_past_midnight_is_warned_of(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(SAMPLE), "--start", "23:00"]) == 0
    assert "attention : la séance finit après minuit, à 2h00 le lendemain" in capsys.readouterr().err


ONE_PARAGRAPH_SESSION = """\
title: "Arpentage"
group: {min: 24, max: 24}
duration: 60
start: "10:00"
sources:
  - {id: texte, title: "Le long texte", file: sources/texte.md}
activities:
  - {id: lire, title: "Lecture à plusieurs", method: arpentage, duration: 60, grouping: pairs, source: texte}
"""


@pytest.mark.parametrize("command", ["check", "build"])
def test_a_text_the_arpentage_cannot_cut_is_a_warning_of_check_and_build(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    folder = write_session(ONE_PARAGRAPH_SESSION, {"sources/texte.md": "Un seul long paragraphe. " * 200})
    assert main([command, str(folder), *(["-o", "out", "--only", "arpentage"] if command == "build" else [])]) == 0
    assert capsys.readouterr().err == (
        "attention : atelier/sources/texte.md: le texte « Le long texte » ne se découpe qu'en 1 partie pour "
        "l'arpentage « Lecture à plusieurs », qui en demande 12 (une par binôme) : des binômes liront la même "
        "partie. Séparez le texte en paragraphes (une ligne vide entre deux paragraphes), ou importez-le avec "
        "« educpop import »\n"
    )
