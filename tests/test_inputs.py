"""The session, its variant and its theme are checked together: every mistake of the three in one run."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from test_session_variant import SESSION

from conftest import write_session
from educpop.cli import main
from educpop.errors import SessionError
from educpop.inputs import load_inputs
from educpop.theme_file import ThemeError


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def test_mistakes_in_session_variant_and_theme_are_reported_in_one_run(capsys: pytest.CaptureFixture[str]) -> None:
    session = SESSION.replace("duration: 2h", "duration: deux heures") + "theme: theme/\n"
    write_session(session, {
        "variants/soiree.yaml": 'start: "25:00"\n',
        "theme/theme.yaml": "primary_colour: rouge\nbase_size: 40\n",
    })
    assert main(["check", "atelier", "--variant", "soiree"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "educpop : session invalide :",
        "  atelier/session.yaml:3:11: duration: "
        "attendu une durée comme 90, « 90 min », « 1h30 » ou « 1:30 », trouvé « deux heures »",
        "  atelier/variants/soiree.yaml:1:8: start: attendu une heure comme « 09:30 » ou « 14h », trouvé « 25:00 »",
        "  atelier/theme/theme.yaml:1:17: primary_colour: attendu une couleur comme « #8C1D2C », trouvé « rouge »",
        "  atelier/theme/theme.yaml:2:12: base_size: "
        "attendu une taille de texte en points entre 10 et 24, comme 12, trouvé « 40 »",
    ]


def test_a_theme_named_by_the_variant_is_located_in_the_variant() -> None:
    write_session(SESSION, {"variants/soiree.yaml": "\ntheme: themes/soir\n", "themes/nuit/theme.yaml": ""})
    with pytest.raises(ThemeError) as raised:
        load_inputs(Path("atelier"), "soiree")
    assert [str(problem) for problem in raised.value.problems] == [
        "atelier/variants/soiree.yaml:2:8: theme: dossier introuvable « themes/soir » ; vouliez-vous dire « themes » ?",
    ]


def test_the_theme_is_checked_even_when_the_session_cannot_be_validated() -> None:
    write_session(SESSION.replace("title: Atelier du soir\n", "") + "theme: theme/\n", {
        "theme/theme.yaml": "footer: [a, b]\n",
    })
    with pytest.raises(SessionError) as raised:
        load_inputs(Path("atelier"))
    assert [problem.field for problem in raised.value.problems] == ["title", "footer"]


def test_session_yaml_is_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    write_session(SESSION + "theme: theme/\n", {"theme/theme.yaml": 'primary_colour: "#1D4E89"\n'})
    opened: list[str] = []
    os_open = os.open

    def spy(path: str | Path, flags: int, *args: int, **kwargs: int | None) -> int:
        opened.append(Path(path).name)
        return os_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", spy)
    workshop, theme = load_inputs(Path("atelier"))
    assert theme.primary_colour == "#1D4E89"
    assert opened.count("session.yaml") == 1 and opened.count("theme.yaml") == 1
