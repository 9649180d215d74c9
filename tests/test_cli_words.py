"""click's own words, as a facilitator reads them: in French, whatever the machine's language."""

from __future__ import annotations

import gettext
import os
import tomllib
from pathlib import Path

import click
import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from conftest import ROOT
from educpop.cli import DOMAIN, LOCALE_DIR, main

CATALOGUE = LOCALE_DIR / "fr" / "LC_MESSAGES"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Return the exit status, standard output and error output of ``educpop argv``."""
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture(autouse=True)
def english_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run every test on a machine set up in English, where gettext would pick English."""
    monkeypatch.setenv("LANGUAGE", "en_GB:en")
    monkeypatch.setenv("LANG", "en_US.UTF-8")


def test_a_missing_folder_is_said_in_french_with_the_usage(capsys: pytest.CaptureFixture[str]) -> None:
    status, _out, err = run(capsys, "build")
    assert status == 2
    assert err == ("Utilisation : educpop build [OPTIONS] DOSSIER\n"
                   "Pour de l'aide : « educpop build --help ».\n\n"
                   "Erreur : argument manquant 'DOSSIER'.\n")


def test_participants_out_of_range_is_said_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    status, _out, err = run(capsys, "check", "atelier", "--participants", "600")
    assert status == 2
    assert err.endswith("Erreur : valeur impossible pour '--participants' : 600 n'est pas dans l'intervalle "
                        "1<=x<=500.\n")
    status, _out, err = run(capsys, "check", "atelier", "--participants", "douze")
    assert err.endswith("Erreur : valeur impossible pour '--participants' : attendu un nombre, trouvé « douze ».\n")


def test_an_unknown_option_or_command_is_said_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    status, _out, err = run(capsys, "check", "atelier", "--participant", "12")
    assert status == 2
    last = err.splitlines()[-1]  # one suggestion or several, as options come and go
    assert last.startswith("Erreur : option inconnue : « --participant ». ")
    assert ("Vouliez-vous dire '--participants' ?" in last
            or "(Vouliez-vous dire l'une de celles-ci : '--participants'" in last)
    status, _out, err = run(capsys, "chek", "atelier")
    assert status == 2
    assert err.endswith("Erreur : commande inconnue : « chek ». Vouliez-vous dire 'check' ?\n")


def test_the_help_is_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _err = run(capsys, "--help")
    assert status == 0
    assert out.startswith("Utilisation : educpop [OPTIONS] COMMANDE [ARGUMENTS]...\n")
    assert "Options :\n" in out and "Commandes :\n" in out
    assert "  --help     Afficher cette aide et quitter.\n" in out
    status, out, _err = run(capsys, "build", "--help")
    assert out.startswith("Utilisation : educpop build [OPTIONS] DOSSIER\n")
    assert "--participants NOMBRE" in out and "-o, --output DOSSIER" in out


def test_no_english_word_of_click_is_left(capsys: pytest.CaptureFixture[str]) -> None:
    printed = "".join(run(capsys, *argv)[1 + (argv[-1] != "--help")]
                      for argv in (["--help"], ["build", "--help"], ["build"], ["check", "--x"], ["chek"]))
    for english in ("Usage:", "Error:", "Try ", "Invalid value", "No such", "Missing", "Show this", "Commands:"):
        assert english not in printed


def test_the_version_comes_from_the_package(capsys: pytest.CaptureFixture[str]) -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert run(capsys, "--version") == (0, f"educpop {project['version']}\n", "")
    assert project["version"] == "0.1.0"


@pytest.mark.parametrize("argv", [["--debug", "check", "absent"], ["check", "absent", "--debug"],
                                  ["build", "absent", "--debug", "--format", "pdf"]])
def test_debug_shows_the_traceback_before_or_after_the_sub_command(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    status, _out, err = run(capsys, *argv)
    assert status == 2
    assert "Traceback (most recent call last)" in err
    assert err.endswith("educpop : session invalide :\n  absent: dossier de séance introuvable\n")


def test_without_debug_a_user_mistake_shows_no_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "check", "absent") == (2, "", "educpop : session invalide :\n"
                                                     "  absent: dossier de séance introuvable\n")


def test_the_machines_language_settings_are_put_back() -> None:
    domain = gettext.textdomain()
    main(["--help"])
    assert os.environ["LANGUAGE"] == "en_GB:en"
    assert gettext.textdomain() == domain


def test_every_message_click_can_print_has_a_french_translation() -> None:
    french = gettext.translation(DOMAIN, LOCALE_DIR, languages=["fr"])
    found = list(extract_from_dir(Path(click.__file__).parent, method_map=[("**.py", "python")],
                                  keywords={"_": None, "ngettext": (1, 2)}))
    assert len(found) > 50
    untranslated = []
    for _file, _line, message, _comments, _context in found:
        if isinstance(message, tuple):
            translated = [french.ngettext(message[0], message[1], n) for n in (1, 2)]
            if translated == list(message):
                untranslated.append(message[0])
        elif french.gettext(message) == message:
            untranslated.append(message)
    assert untranslated == []


def test_the_compiled_catalogue_is_the_po_file() -> None:
    with (CATALOGUE / f"{DOMAIN}.po").open("rb") as source:
        written = read_po(source)
    compiled = gettext.translation(DOMAIN, LOCALE_DIR, languages=["fr"])
    for message in written:
        if not message.id:
            continue
        if message.pluralizable:
            assert [compiled.ngettext(message.id[0], message.id[1], n) for n in (1, 2)] == list(message.string)
        else:
            assert compiled.gettext(message.id) == message.string, message.id
