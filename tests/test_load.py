"""Loading a session folder: what a facilitator reads when something is wrong.

Each test pins the exact words printed, ``file:line:column: field: message``.
Folders are built in ``tmp_path``; the working directory is moved there so that
paths print as ``atelier/session.yaml``, as they would from the CLI.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import write_session
from educpop.document import Heading, Paragraph, Text
from educpop.errors import SessionError
from educpop.session.load import Workshop, load_workshop

MINIMAL = """\
title: Atelier 1917
group: {min: 8, max: 20}
duration: 3h
start: "09:30"
activities:
  - id: accueil
    title: Accueil
    method: tour de table
    duration: 30
"""

SOURCE = """\
sources:
  - id: lecons
    title: Les leçons de 1917
    file: sources/leçons.md
"""


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)




def problems(root: Path) -> list[str]:
    """Return what the facilitator reads when ``root`` does not load."""
    with pytest.raises(SessionError) as raised:
        load_workshop(root)
    return [str(problem) for problem in raised.value.problems]


def loaded(session: str | bytes, files: dict[str, str | bytes] | None = None) -> Workshop:
    return load_workshop(write_session(session, files))


# -- values are read as the user typed them -------------------------------------------------


@pytest.mark.parametrize("typed", ["90", '"90 min"', "90 min", "1h30", "1:30", "01:30", "1 h 30"])
def test_every_way_of_writing_a_duration_means_the_same_minutes(typed: str) -> None:
    workshop = loaded(MINIMAL.replace("duration: 30", f"duration: {typed}"))
    assert workshop.session.activities[0].duration.base == 90


def test_a_title_reading_no_stays_the_word_no() -> None:
    workshop = loaded(MINIMAL.replace("title: Accueil", "title: no"))
    assert workshop.session.activities[0].title == "no"


@pytest.mark.parametrize(("typed", "meant"), [("non", False), ("oui", True), ("no", False), ("Oui", True)])
def test_optional_understands_oui_and_non(typed: str, meant: bool) -> None:
    workshop = loaded(MINIMAL + f"    optional: {typed}\n")
    assert workshop.session.activities[0].optional is meant


def test_a_field_left_empty_is_not_filled_in() -> None:
    workshop = loaded(MINIMAL + "    notes:\n")
    assert workshop.session.activities[0].notes == ""


def test_a_required_field_left_empty_says_so() -> None:
    assert problems(write_session(MINIMAL.replace("title: Accueil", "title:"))) == [
        "atelier/session.yaml:7:11: activities[1].title: champ obligatoire vide",
    ]


def test_source_texts_are_read_as_blocks() -> None:
    workshop = loaded(MINIMAL + SOURCE, {"sources/leçons.md": "# Leçons\n\nUn *texte*.\n"})
    assert workshop.texts == {
        "lecons": [Heading(1, [Text("Leçons")]), Paragraph([Text("Un "), Text("texte", italic=True), Text(".")])],
    }
    assert workshop.warnings == []


def test_a_bom_and_windows_line_endings_are_accepted() -> None:
    raw = b"\xef\xbb\xbf" + MINIMAL.replace("\n", "\r\n").encode("utf-8")
    assert loaded(raw).session.title == "Atelier 1917"


# -- mistakes in the YAML itself --------------------------------------------------------------


def test_a_key_written_twice_names_both_lines() -> None:
    assert problems(write_session(MINIMAL + "    title: Bienvenue\n")) == [
        "atelier/session.yaml:10:5: activities[1].title: clé « title » en double (déjà ligne 7)",
    ]


def test_an_unknown_key_suggests_the_one_meant() -> None:
    assert problems(write_session(MINIMAL.replace("duration: 30", "dureé: 30"))) == [
        "atelier/session.yaml:6:5: activities[1].duration: champ obligatoire manquant",
        "atelier/session.yaml:9:5: activities[1].dureé: clé inconnue « dureé » ; vouliez-vous dire « duration » ?",
    ]


def test_a_french_key_suggests_its_english_name() -> None:
    assert problems(write_session(MINIMAL + "objectifs: [comprendre]\n")) == [
        "atelier/session.yaml:10:1: objectifs: clé inconnue « objectifs » ; vouliez-vous dire « objectives » ?",
    ]


def test_tab_indentation_has_its_own_message() -> None:
    assert problems(write_session(MINIMAL + "\tnotes: à lire\n")) == [
        "atelier/session.yaml:10:1: tabulation dans l'indentation : utilisez des espaces",
    ]


def test_non_breaking_space_indentation_has_its_own_message() -> None:
    assert problems(write_session(MINIMAL + "  \u00a0 notes: à lire\n")) == [
        "atelier/session.yaml:10:3: espace insécable dans l'indentation : utilisez des espaces ordinaires",
    ]


def test_a_non_breaking_space_before_the_colon_is_forgiven_with_a_warning() -> None:
    workshop = loaded(MINIMAL.replace("title: Atelier 1917", "title\u202f: Atelier 1917"))
    assert workshop.session.title == "Atelier 1917"
    assert [str(warning) for warning in workshop.warnings] == [
        "atelier/session.yaml:1:1: title: espace insécable avant « : » ignorée",
    ]


def test_a_session_file_not_in_utf8_names_the_line_and_the_likely_encoding() -> None:
    raw = MINIMAL.replace("Accueil", "Accueil des participant·es").encode("utf-8")
    raw = raw.replace(b"Atelier", "Atelier été".encode("cp1252"))
    assert problems(write_session(raw)) == [
        "atelier/session.yaml:1:16: "
        "le fichier n'est pas en UTF-8 (probablement Windows-1252) ; enregistrez-le en UTF-8",
    ]


def test_a_colon_inside_a_value_asks_for_quotes() -> None:
    assert problems(write_session(MINIMAL.replace("title: Atelier 1917", "title: 1917 : quelles leçons ?"))) == [
        "atelier/session.yaml:1:13: « : » inattendu ; si la valeur contient « : », "
        'mettez la valeur entre guillemets droits ("…")',
    ]


def test_aliases_are_refused() -> None:
    text = MINIMAL.replace("title: Atelier 1917", "title: &t Atelier 1917") + "subtitle: *t\n"
    assert problems(write_session(text)) == [
        "atelier/session.yaml:1:8: les ancres et alias YAML (« & » et « * ») ne sont pas acceptés : recopiez la valeur",
    ]


@pytest.mark.parametrize("nesting", ["[" * 200 + "]" * 200, "\n" + "".join("  " * n + "- \n" for n in range(300))])
def test_deep_nesting_is_refused_cleanly(nesting: str) -> None:
    [message] = problems(write_session(MINIMAL + f"objectives: {nesting}\n"))
    assert message.endswith(": imbrication trop profonde (plus de 50 niveaux)")


def test_a_hash_after_a_space_warns_that_the_rest_is_a_comment() -> None:
    workshop = loaded(MINIMAL.replace("title: Atelier 1917", "title: Atelier #2"))
    assert workshop.session.title == "Atelier"
    assert [str(warning) for warning in workshop.warnings] == [
        "atelier/session.yaml:1:16: title: valeur lue « Atelier » : « #2 » est un commentaire, ignoré ; "
        "s'il fait partie du texte, mettez toute la valeur entre guillemets",
    ]


@pytest.mark.parametrize(
    "line",
    ["title: Atelier 1917   # le titre de la couverture", "title: Atelier 1917 # le titre", "title: Atelier 1917  #x"],
)
def test_a_comment_written_as_one_after_a_value_is_not_a_warning(line: str) -> None:
    workshop = loaded(MINIMAL.replace("title: Atelier 1917", line))
    assert workshop.session.title == "Atelier 1917"
    assert workshop.warnings == []


def test_an_empty_file_says_so() -> None:
    assert problems(write_session("# rien encore\n")) == ["atelier/session.yaml: le fichier est vide"]


def test_a_missing_folder_or_session_file_says_so() -> None:
    assert problems(Path("ailleurs")) == ["ailleurs: dossier de séance introuvable"]
    write_session(b"", {"session.yml": MINIMAL}).joinpath("session.yaml").unlink()
    assert problems(Path("atelier")) == [
        "atelier/session.yaml: fichier introuvable ; vouliez-vous dire « session.yml » ?",
    ]


# -- values the model refuses -----------------------------------------------------------------


def test_a_wrong_duration_shows_what_was_expected_and_what_was_found() -> None:
    assert problems(write_session(MINIMAL.replace("duration: 30", "duration: trois heures"))) == [
        "atelier/session.yaml:9:15: activities[1].duration: "
        "attendu une durée comme 90, « 90 min », « 1h30 » ou « 1:30 », ou qui suit le groupe comme « 5 + 5/groupe », "
        "trouvé « trois heures »",
    ]


def test_a_choice_lists_the_accepted_words() -> None:
    assert problems(write_session(MINIMAL + "    grouping: sous-groupes\n")) == [
        "atelier/session.yaml:10:15: activities[1].grouping: "
        "attendu plenary, subgroups, pairs ou individual, trouvé « sous-groupes » ; vouliez-vous dire « subgroups » ?",
    ]


def test_an_identifier_with_capitals_and_spaces_gets_an_example() -> None:
    assert problems(write_session(MINIMAL.replace("id: accueil", "id: Accueil café"))) == [
        "atelier/session.yaml:6:9: activities[1].id: attendu un identifiant en minuscules, sans espace ni accent "
        "(lettres, chiffres, - et _), trouvé « Accueil café » ; par exemple « accueil-cafe »",
    ]


def test_a_group_larger_at_min_than_at_max_is_a_sentence() -> None:
    assert problems(write_session(MINIMAL.replace("{min: 8, max: 20}", "{min: 20, max: 8}"))) == [
        "atelier/session.yaml:2:8: group: min (20) plus grand que max (8)",
    ]


def test_a_number_written_in_words_is_refused() -> None:
    assert problems(write_session(MINIMAL.replace("min: 8", "min: huit"))) == [
        "atelier/session.yaml:2:14: group.min: attendu un nombre entier, trouvé « huit »",
    ]


# -- checks across the session ----------------------------------------------------------------


def test_two_activities_with_the_same_id_are_refused() -> None:
    second = "  - id: accueil\n    title: Café\n    method: pause\n    duration: 15\n"
    assert problems(write_session(MINIMAL + second)) == [
        "atelier/session.yaml:10:9: activities[2].id: identifiant « accueil » en double (déjà ligne 6)",
    ]


def test_an_unknown_source_suggests_a_close_one() -> None:
    text = MINIMAL + "    source: lecon\n" + SOURCE
    assert problems(write_session(text, {"sources/leçons.md": "Texte.\n"})) == [
        "atelier/session.yaml:10:13: activities[1].source: source inconnue « lecon » ; vouliez-vous dire « lecons » ?",
    ]


def test_an_unknown_question_theme_says_there_are_none() -> None:
    assert problems(write_session(MINIMAL + "    questions: [revolution]\n")) == [
        "atelier/session.yaml:10:17: activities[1].questions[1]: "
        "thème de questions inconnu « revolution » ; la liste « questions » est vide",
    ]


def test_a_missing_source_file_suggests_the_name_differing_by_case_or_accent() -> None:
    text = MINIMAL + SOURCE.replace("sources/leçons.md", "sources/Lecons.md")
    assert problems(write_session(text, {"sources/leçons.md": "Texte.\n"})) == [
        "atelier/session.yaml:13:11: sources[1].file: fichier introuvable « sources/Lecons.md » ; "
        "vouliez-vous dire « sources/leçons.md » ?",
    ]


@pytest.mark.parametrize("typed", ["../dehors.md", "/etc/passwd", "C:\\Users\\texte.md"])
def test_a_source_file_outside_the_session_folder_is_refused(typed: str) -> None:
    text = MINIMAL + SOURCE.replace("sources/leçons.md", f"'{typed}'")
    assert problems(write_session(text)) == [
        "atelier/session.yaml:13:11: sources[1].file: attendu un chemin dans le dossier de la séance, "
        f"comme « sources/texte.md », trouvé « {typed} »",
    ]


def test_a_link_pointing_out_of_the_session_folder_is_refused() -> None:
    Path("secret.md").write_text("Secret.\n", encoding="utf-8")
    root = write_session(MINIMAL + SOURCE)
    (root / "sources").mkdir()
    os.symlink(Path("secret.md").resolve(), root / "sources" / "leçons.md")
    assert problems(root) == [
        "atelier/session.yaml:13:11: sources[1].file: « sources/leçons.md » est un lien vers l'extérieur "
        "du dossier de la séance : copiez le fichier dans le dossier",
    ]


def test_windows_separators_in_a_source_path_are_accepted() -> None:
    text = MINIMAL + SOURCE.replace("sources/leçons.md", "sources\\leçons.md")
    workshop = loaded(text, {"sources/leçons.md": "A.\n"})
    assert workshop.texts["lecons"] == [Paragraph([Text("A.")])]


def test_a_source_text_not_in_utf8_names_its_own_line() -> None:
    raw = "# Leçons\n\nPremière ligne.\n".encode("latin-1")
    assert problems(write_session(MINIMAL + SOURCE, {"sources/leçons.md": raw})) == [
        "atelier/sources/leçons.md:1:5: "
        "le fichier n'est pas en UTF-8 (probablement Windows-1252) ; enregistrez-le en UTF-8",
    ]


def test_a_programme_longer_than_the_session_loads_for_the_plan_to_fit() -> None:
    debate = "  - {id: debat, title: Débat, method: débat mouvant, duration: 1h20}\n"
    text = MINIMAL.replace("duration: 30", "duration: 2h") + debate
    assert [a.id for a in loaded(text).session.activities] == ["accueil", "debat"]


def test_every_problem_of_the_folder_is_reported_at_once_in_file_order() -> None:
    text = (
        MINIMAL.replace("title: Atelier 1917", "titre: Atelier 1917")
        .replace("duration: 30", "duration: longtemps")
        .replace('start: "09:30"', "start: 25h")
        + "    source: texte\n"
        + SOURCE.replace("sources/leçons.md", "sources/absent.md")
    )
    assert problems(write_session(text)) == [
        "atelier/session.yaml:1:1: title: champ obligatoire manquant",
        "atelier/session.yaml:1:1: titre: clé inconnue « titre » ; vouliez-vous dire « title » ?",
        "atelier/session.yaml:4:8: start: attendu une heure comme « 09:30 » ou « 14h », trouvé « 25h »",
        "atelier/session.yaml:9:15: activities[1].duration: "
        "attendu une durée comme 90, « 90 min », « 1h30 » ou « 1:30 », ou qui suit le groupe comme « 5 + 5/groupe », "
        "trouvé « longtemps »",
        "atelier/session.yaml:10:13: activities[1].source: source inconnue « texte » ; "
        "identifiants déclarés dans « sources » : lecons",
        "atelier/session.yaml:14:11: sources[1].file: fichier introuvable « sources/absent.md »",
    ]


# -- anything thrown at it --------------------------------------------------------------------


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.text(), st.binary(), st.text(alphabet=" -:{}[]#&*!|>'\"\t\n\u00a0abc19").map(str)))
def test_any_content_either_loads_or_raises_a_session_error(content: str | bytes) -> None:
    root = write_session(content)
    try:
        load_workshop(root)
    except SessionError as error:
        assert error.problems


def test_an_apostrophe_inside_single_quotes_explains_how_to_double_it() -> None:
    assert problems(write_session(MINIMAL.replace("title: Atelier 1917", "title: 'L'atelier'"))) == [
        "atelier/session.yaml:1:11: texte après le guillemet fermant : pour une apostrophe entre guillemets simples, "
        "doublez-la ('L''atelier') ou mettez la valeur entre guillemets doubles",
    ]


def test_curly_quotes_from_a_word_processor_are_pointed_out() -> None:
    assert problems(write_session(MINIMAL.replace('"09:30"', "“09:30”"))) == [
        "atelier/session.yaml:4:8: start: attendu une heure comme « 09:30 » ou « 14h », trouvé « “09:30” » ; "
        'remplacez les guillemets typographiques par des droits (")',
    ]


# -- dates, sittings and timings --------------------------------------------------------------


def test_a_session_date_is_read_either_way_and_a_wrong_one_named() -> None:
    assert str(loaded(MINIMAL + "date: 5/12/2026\n").session.date) == "2026-12-05"
    assert problems(write_session(MINIMAL + "date: 31/02/2026\n")) == [
        "atelier/session.yaml:10:7: date: "
        "attendu une date comme « 2026-12-05 » ou « 5/12/2026 », trouvé « 31/02/2026 »",
    ]


def test_an_activity_names_a_sitting_of_the_session() -> None:
    text = MINIMAL + "    sitting: deux\nsittings:\n  - {id: un}\n  - {id: trois}\n"
    assert problems(write_session(text)) == [
        "atelier/session.yaml:10:14: activities[1].sitting: séance inconnue « deux » ; "
        "identifiants déclarés dans « sittings » : un, trois",
    ]


def test_who_leads_an_activity_is_one_of_the_facilitators_when_they_are_listed() -> None:
    assert loaded(MINIMAL + "    lead: Awa\n").session.activities[0].lead == "Awa"
    text = MINIMAL + "    lead: Awq\nfacilitators: [Awa, Bruno]\n"
    assert problems(write_session(text)) == [
        "atelier/session.yaml:10:11: activities[1].lead: animateur·rice inconnu·e « Awq » ; "
        "vouliez-vous dire « Awa » ?",
    ]
    assert problems(write_session(text.replace("Awq", "Chloé"))) == [
        "atelier/session.yaml:10:11: activities[1].lead: animateur·rice inconnu·e « Chloé » ; "
        "noms déclarés dans « facilitators » : Awa, Bruno",
    ]


def test_sittings_are_read_with_their_own_day_start_and_duration() -> None:
    text = MINIMAL + (
        'sittings:\n  - {id: un, date: 2027-01-12}\n  - {id: deux, start: "14h", duration: 1h, title: Suite}\n'
    )
    first, second = loaded(text).session.sittings
    assert (str(first.date), first.start, first.duration) == ("2027-01-12", None, None)
    assert (second.start.hour, second.duration, second.title) == (14, 60, "Suite")


def test_a_minimum_longer_than_the_duration_is_refused() -> None:
    assert problems(write_session(MINIMAL + "    min_duration: 45\n")) == [
        "atelier/session.yaml:6:5: activities[1]: min_duration (45 min) plus long que duration (30 min)",
    ]


@pytest.mark.parametrize("typed", ["{base: 5, per_group: 5}", '"5 + 5/groupe"'])
def test_a_duration_may_grow_per_group(typed: str) -> None:
    activity = loaded(MINIMAL.replace("duration: 30", f"duration: {typed}")).session.activities[0]
    assert (activity.duration.base, activity.duration.per_group) == (5, 5)


@pytest.mark.parametrize(("typed", "sizes"), [("5", (None, 5)), ('"4-6"', (4, 6)), ("4-6", (4, 6))])
def test_a_subgroup_size_is_a_number_or_a_range(typed: str, sizes: tuple[int | None, int]) -> None:
    group = loaded(MINIMAL.replace("max: 20}", f"max: 20, subgroup_size: {typed}}}")).session.group
    assert (group.subgroup_size.smallest, group.subgroup_size.largest) == sizes


def test_a_timeline_period_is_accepted() -> None:
    text = MINIMAL + 'timeline:\n  - {date: 1920-1921, event: "Guerre."}\n  - {date: "1920-03/1921-04", event: "X."}\n'
    periods = [e.date for e in loaded(text).session.timeline]
    assert periods == [((1920, 0, 0), (1921, 0, 0)), ((1920, 3, 0), (1921, 4, 0))]
