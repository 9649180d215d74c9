"""The command line as a facilitator uses it: options, exit statuses, messages."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SAMPLE, pdf_text, squash
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
    assert said in capsys.readouterr().out.splitlines()[1]


def test_the_guide_says_one_participant_in_the_singular() -> None:
    workshop = load_workshop(SAMPLE)
    text = " ".join(walk_text(registry()["guide"].build(make_plan(workshop, Options(participants=1))).blocks))
    assert "Calculé pour 1 participant·e." in text
