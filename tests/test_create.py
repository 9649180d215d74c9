"""``educpop new``: a commented session that checks without a warning and builds as created, or a copy."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import SAMPLE, docx_text, pdf_text, squash
from educpop.cli import main


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_a_new_session_checks_without_a_warning_and_builds(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "new", "mon-atelier") == (
        0, "séance créée : sessions/mon-atelier\nvérifiez-la avec : educpop check sessions/mon-atelier\n", ""
    )
    status, out, err = run(capsys, "check", "sessions/mon-atelier")
    assert (status, err) == (0, "")
    assert "14h00 – 16h00 (2 h sur 2 h)" in out
    status, out, err = run(capsys, "build", "sessions/mon-atelier")
    assert (status, err) == (0, "")
    pack = Path("handouts/mon-atelier")
    guide = squash(docx_text(pack / "guide-animation.docx"))
    assert "Mon atelier" in guide and "14h15 – 14h55" in guide and "Lecture en sous-groupes" in guide
    handout = squash(pdf_text(pack / "dossier-participant.pdf"))
    assert "L'éducation populaire part de ce que chacun·e sait déjà" in handout


def test_every_field_of_the_new_session_is_explained_in_french_above_it() -> None:
    assert main(["new", "mon-atelier"]) == 0
    lines = Path("sessions/mon-atelier/session.yaml").read_text(encoding="utf-8").splitlines()
    top_level = [index for index, line in enumerate(lines) if line[:1].isalpha()]
    assert len(top_level) >= 20
    for index in top_level:
        assert lines[index - 1].startswith("# "), f"« {lines[index]} » n'est pas expliqué"


def test_a_session_is_copied_from_a_name_in_the_library(capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(SAMPLE, "sessions/revolution-russe-1917")
    assert main(["new", "commune", "--from", "revolution-russe-1917"]) == 0
    copied = Path("sessions/commune")
    assert (copied / "session.yaml").read_bytes() == (SAMPLE / "session.yaml").read_bytes()
    assert (copied / "sources" / "lecons.md").is_file()
    assert main(["check", str(copied)]) == 0


def test_a_session_is_copied_from_a_path() -> None:
    assert main(["new", "commune", "--from", str(SAMPLE)]) == 0
    assert Path("sessions/commune/sources/femmes.md").read_bytes() == (SAMPLE / "sources" / "femmes.md").read_bytes()


def test_an_existing_folder_is_never_written_over(capsys: pytest.CaptureFixture[str]) -> None:
    Path("sessions/mon-atelier").mkdir(parents=True)
    Path("sessions/mon-atelier/session.yaml").write_text("title: le mien\n", encoding="utf-8")
    assert run(capsys, "new", "mon-atelier", "--from", str(SAMPLE)) == (
        2, "", "educpop : création impossible :\n"
        "  sessions/mon-atelier existe déjà : choisissez un autre nom, rien n'a été écrit\n",
    )
    assert Path("sessions/mon-atelier/session.yaml").read_text(encoding="utf-8") == "title: le mien\n"


def test_a_name_with_spaces_or_accents_is_refused_with_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "new", "Atelier d'été") == (
        2, "", "educpop : création impossible :\n"
        "  nom de séance « Atelier d'été » refusé : en minuscules, sans espace ni accent, "
        "par exemple « atelier-d-ete »\n",
    )
    assert not Path("sessions").exists()


def test_an_unknown_session_to_copy_is_named_with_a_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "mon-atelier"]) == 0
    capsys.readouterr()
    status, _, err = run(capsys, "new", "autre", "--from", "mon-ateleir")
    assert (status, err) == (
        2, "educpop : création impossible :\n  séance à copier introuvable « mon-ateleir » ; "
        "vouliez-vous dire « mon-atelier » ? (séances de sessions : mon-atelier)\n",
    )
    assert not Path("sessions/autre").exists()
