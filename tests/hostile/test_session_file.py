"""Hostile session.yaml files: each is refused (or read) with the exact words a facilitator sees.

Every refusal is checked through ``educpop build``: exit status 2, the exact
``file:line:column: field: message`` lines, no traceback, and no output folder.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from educpop.session.load import load_workshop
from hostile.conftest import SESSION, errors, run, session


def refused(capsys: pytest.CaptureFixture[str], yaml: str | bytes) -> list[str]:
    """Return the problem lines of a build of ``yaml``, after checking how the build failed."""
    session(yaml)
    status, err = run(capsys, "build", "atelier", "-o", "sortie")
    assert status == 2
    assert err.startswith("educpop : session invalide :\n")
    assert "Traceback" not in err
    assert not Path("sortie").exists()
    return errors(err)


@pytest.mark.parametrize("typed", ["90", "1:30", "01:30", '"90 min"', "1h30", "1 h 30"])
def test_every_way_of_writing_ninety_minutes_means_ninety(typed: str) -> None:
    workshop = load_workshop(session(SESSION.replace("duration: 30", f"duration: {typed}")))
    assert workshop.session.activities[0].duration.base == 90


@pytest.mark.parametrize("word", ["no", "non", "NO", "off", "yes"])
def test_yes_and_no_words_stay_text_outside_yes_no_fields(word: str) -> None:
    workshop = load_workshop(session(SESSION.replace("title: Accueil", f"title: {word}")))
    assert workshop.session.activities[0].title == word


@pytest.mark.parametrize(("typed", "meant"), [("NO", False), ("non", False), ("Oui", True)])
def test_a_yes_no_field_reads_the_word(typed: str, meant: bool) -> None:
    workshop = load_workshop(session(SESSION + f"    optional: {typed}\n"))
    assert workshop.session.activities[0].optional is meant


def test_a_key_written_twice_names_both_lines(capsys: pytest.CaptureFixture[str]) -> None:
    assert refused(capsys, SESSION + "title: Encore\n") == [
        "atelier/session.yaml:10:1: title: clé « title » en double (déjà ligne 1)"
    ]


def test_a_tab_in_the_indentation_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    assert refused(capsys, SESSION.replace("    title: Accueil", "\ttitle: Accueil")) == [
        "atelier/session.yaml:7:1: tabulation dans l'indentation : utilisez des espaces"
    ]


def test_a_no_break_space_in_the_indentation_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    assert refused(capsys, SESSION.replace("    title: Accueil", "  \u00a0 title: Accueil")) == [
        "atelier/session.yaml:7:3: espace insécable dans l'indentation : utilisez des espaces ordinaires"
    ]


def test_a_hash_after_a_space_warns_but_builds(capsys: pytest.CaptureFixture[str]) -> None:
    session(SESSION.replace("title: Atelier", "title: Atelier #2"))
    status, err = run(capsys, "check", "atelier")
    assert status == 0
    assert err == (
        "attention : atelier/session.yaml:1:16: title: valeur lue « Atelier » : « #2 » est un commentaire, "
        "ignoré ; s'il fait partie du texte, mettez toute la valeur entre guillemets\n"
    )


@pytest.mark.parametrize(
    ("raw", "probable"),
    [("été".encode("cp1252") + b" \x80", "Windows-1252"), (b"\xe9\x81", "Latin-1")],
)
def test_a_file_not_in_utf8_names_the_line_and_the_probable_encoding(
    capsys: pytest.CaptureFixture[str], raw: bytes, probable: str
) -> None:
    yaml = SESSION.encode().replace(b"title: Accueil", b"title: " + raw)
    assert refused(capsys, yaml) == [
        f"atelier/session.yaml:7:12: le fichier n'est pas en UTF-8 (probablement {probable}) ; enregistrez-le en UTF-8"
    ]


def test_utf16_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    assert refused(capsys, SESSION.encode("utf-16")) == [
        "atelier/session.yaml: le fichier est en UTF-16 ; enregistrez-le en UTF-8"
    ]


def test_a_bom_and_crlf_line_ends_are_accepted() -> None:
    workshop = load_workshop(session(b"\xef\xbb\xbf" + SESSION.replace("\n", "\r\n").encode()))
    assert workshop.session.title == "Atelier"


def test_aliases_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert refused(capsys, SESSION + "objectives: &o [a]\nmaterials: *o\n") == [
        "atelier/session.yaml:10:13: les ancres et alias YAML (« & » et « * ») ne sont pas acceptés : "
        "recopiez la valeur"
    ]


def test_a_billion_laughs_is_refused_at_its_first_anchor(capsys: pytest.CaptureFixture[str]) -> None:
    laughs = "a: &a [x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(9)
    )
    assert refused(capsys, laughs) == [
        "atelier/session.yaml:1:4: les ancres et alias YAML (« & » et « * ») ne sont pas acceptés : recopiez la valeur"
    ]


def test_deep_flow_nesting_stops_at_the_cap_without_recursion_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert refused(capsys, SESSION + "objectives: " + "[" * 5000 + "]" * 5000 + "\n") == [
        "atelier/session.yaml:10:62: imbrication trop profonde (plus de 50 niveaux)"
    ]


def test_deep_block_nesting_stops_at_the_cap(capsys: pytest.CaptureFixture[str]) -> None:
    nesting = "objectives:\n" + "".join("  " * n + "- \n" for n in range(100))
    assert refused(capsys, SESSION + nesting) == [
        "atelier/session.yaml:60:99: imbrication trop profonde (plus de 50 niveaux)"
    ]


def test_a_file_over_a_megabyte_is_refused_before_parsing(capsys: pytest.CaptureFixture[str]) -> None:
    assert refused(capsys, SESSION + "# " + "x" * 1_100_000 + "\n") == [
        "atelier/session.yaml: fichier trop gros (1100 ko, au plus 1000 ko)"
    ]


def test_every_error_of_the_file_comes_in_one_run_with_expected_and_found(capsys: pytest.CaptureFixture[str]) -> None:
    yaml = (
        SESSION.replace("duration: 2h", "duration: deux heures")
        .replace("method: accueil", "methode: accueil")
        .replace('start: "09:30"', "start: midi")
        + "    grouping: sous-groupes\n"
        + "couleur: rouge\n"
    )
    assert refused(capsys, yaml) == [
        "atelier/session.yaml:3:11: duration: attendu une durée comme 90, « 90 min », « 1h30 » ou « 1:30 », "
        "trouvé « deux heures »",
        "atelier/session.yaml:4:8: start: attendu une heure comme « 09:30 » ou « 14h », trouvé « midi »",
        "atelier/session.yaml:6:5: activities[1].method: champ obligatoire manquant",
        "atelier/session.yaml:8:5: activities[1].methode: clé inconnue « methode » ; vouliez-vous dire « method » ?",
        "atelier/session.yaml:10:15: activities[1].grouping: attendu plenary, subgroups, pairs ou individual, "
        "trouvé « sous-groupes » ; vouliez-vous dire « subgroups » ?",
        "atelier/session.yaml:11:1: couleur: clé inconnue « couleur »",
    ]


@pytest.mark.parametrize(
    ("escape", "code"), [("\\x01", "0001"), ("\\ud800", "D800"), ("\\x85\\x9f", "009F"), ("\\uffff", "FFFF")]
)
def test_an_escaped_control_or_lone_surrogate_is_refused_with_its_field(
    capsys: pytest.CaptureFixture[str], escape: str, code: str
) -> None:
    assert refused(capsys, SESSION.replace("title: Atelier", f'title: "A{escape}B"')) == [
        f"atelier/session.yaml:1:8: title: caractère invisible interdit (U+{code}) : supprimez-le"
    ]


def test_a_raw_control_character_is_refused_with_its_position(capsys: pytest.CaptureFixture[str]) -> None:
    assert refused(capsys, SESSION.replace("title: Atelier", "title: A\x07B")) == [
        "atelier/session.yaml:1:9: caractère invisible interdit (U+0007) : supprimez-le"
    ]


def test_a_decomposed_accent_comes_out_composed() -> None:
    workshop = load_workshop(session(SESSION.replace("title: Atelier", 'title: "Ate\\u0301lier e\u0301te\u0301"')))
    assert workshop.session.title == "Atélier été"


def test_a_title_too_long_for_a_heading_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert refused(capsys, SESSION.replace("title: Atelier", "title: " + "x" * 201)) == [
        "atelier/session.yaml:1:8: title: attendu un texte d'au plus 200 caractères, trouvé « " + "x" * 59 + "… »"
    ]


def test_a_field_over_ten_thousand_characters_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert refused(capsys, SESSION + "    notes: " + "x" * 10_001 + "\n") == [
        "atelier/session.yaml:10:12: activities[1].notes: attendu un texte d'au plus 10 000 caractères, "
        "trouvé « " + "x" * 59 + "… »"
    ]


def test_debug_shows_the_traceback_and_still_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    session(SESSION.replace("duration: 2h", "duration: jamais"))
    status, err = run(capsys, "--debug", "check", "atelier")
    assert status == 2
    assert "Traceback (most recent call last)" in err and "SessionError" in err
    assert err.endswith("duration: attendu une durée comme 90, « 90 min », « 1h30 » ou « 1:30 », trouvé « jamais »\n")
