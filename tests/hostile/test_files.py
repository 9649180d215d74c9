"""Every file a session names stays inside its folder; a missing one gets a near name."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hostile.conftest import SESSION, errors, run, session

SOURCE = SESSION + "sources:\n  - {id: t, title: T, file: %s}\n"
OUTSIDE = (
    "atelier/session.yaml:11:29: sources[1].file: attendu un chemin dans le dossier de la séance, "
    "comme « sources/texte.md », trouvé « %s »"
)


def refused(capsys: pytest.CaptureFixture[str]) -> list[str]:
    status, err = run(capsys, "build", "atelier", "-o", "sortie")
    assert status == 2 and "Traceback" not in err
    assert not Path("sortie").exists()
    return errors(err)


@pytest.mark.parametrize("typed", ["../dehors.md", "/etc/passwd", "'C:\\Users\\x.md'", "~/x.md", "sources/../../x.md"])
def test_a_path_leaving_the_folder_is_refused_with_field_and_line(
    capsys: pytest.CaptureFixture[str], typed: str
) -> None:
    Path("dehors.md").write_text("dehors", encoding="utf-8")
    session(SOURCE % typed)
    assert refused(capsys) == [OUTSIDE % typed.strip("'")]


@pytest.mark.parametrize("target", ["file", "folder"])
def test_a_link_pointing_out_of_the_folder_is_refused(capsys: pytest.CaptureFixture[str], target: str) -> None:
    Path("ailleurs").mkdir()
    Path("ailleurs/t.md").write_text("secret", encoding="utf-8")
    typed = "sources/lien.md" if target == "file" else "sources/lien/t.md"
    session(SOURCE % typed, {"sources/a.md": "x"})
    os.symlink(Path("ailleurs/t.md" if target == "file" else "ailleurs").resolve(), "atelier/sources/lien")
    if target == "file":
        os.rename("atelier/sources/lien", "atelier/sources/lien.md")
    assert refused(capsys) == [
        f"atelier/session.yaml:11:29: sources[1].file: « {typed} » est un lien vers l'extérieur du dossier "
        "de la séance : copiez le fichier dans le dossier"
    ]


@pytest.mark.parametrize(
    ("typed", "present"),
    [
        ("sources/Lecons.md", "sources/leçons.md"),
        ("sources/lecons.md", "sources/Leçons.md"),
        ("sources/lecon.md", "sources/leçons.md"),
    ],
)
def test_a_missing_file_suggests_the_name_differing_by_case_accent_or_a_letter(
    capsys: pytest.CaptureFixture[str], typed: str, present: str
) -> None:
    session(SOURCE % typed, {present: "x"})
    assert refused(capsys) == [
        f"atelier/session.yaml:11:29: sources[1].file: fichier introuvable « {typed} » ; "
        f"vouliez-vous dire « {present} » ?"
    ]


def test_a_control_character_in_a_source_text_is_refused_with_its_line(capsys: pytest.CaptureFixture[str]) -> None:
    session(SOURCE % "sources/t.md", {"sources/t.md": "abc\n\ndef\x01g\n"})
    assert refused(capsys) == ["atelier/sources/t.md:3:4: caractère invisible interdit (U+0001) : supprimez-le"]


def test_page_and_line_breaks_of_a_word_processor_are_breaks(capsys: pytest.CaptureFixture[str]) -> None:
    from educpop.session.load import load_workshop

    workshop = load_workshop(session(SOURCE % "sources/t.md", {"sources/t.md": "un\x0cdeux\x0btrois\n"}))
    assert [[run.text for run in block.content] for block in workshop.texts["t"]] == [["un"], ["deux trois"]]


def test_after_page_breaks_a_problem_is_named_at_its_line_in_the_file(capsys: pytest.CaptureFixture[str]) -> None:
    session(SOURCE % "sources/t.md", {"sources/t.md": "un\n\x0c\ndeux\x0c\x0btrois\n\nquatre\x01\n"})
    assert refused(capsys) == ["atelier/sources/t.md:5:7: caractère invisible interdit (U+0001) : supprimez-le"]


def test_after_a_page_break_a_note_warning_names_its_line_in_the_file() -> None:
    from educpop.session.load import load_workshop

    workshop = load_workshop(session(SOURCE % "sources/t.md", {"sources/t.md": "un\x0cdeux\n\ntrois[^1]\n"}))
    assert [(problem.line, problem.column) for problem in workshop.warnings if "[^1]" in problem.message] == [(3, 6)]
