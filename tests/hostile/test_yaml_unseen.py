"""What YAML says without being seen: tags and empty unknown keys are reported, never skipped in silence."""

from __future__ import annotations

import pytest

from hostile.conftest import SESSION, errors, run, session

TAG = (
    "étiquette YAML « {} » refusée : educpop ne lit que du texte ; supprimez-la "
    "(si elle fait partie de la valeur, mettez toute la valeur entre guillemets)"
)


def problems(capsys: pytest.CaptureFixture[str], yaml: str) -> list[str]:
    session(yaml)
    status, err = run(capsys, "check", "atelier")
    assert status == 2 and "Traceback" not in err
    return errors(err)


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("!!python/name:os.system", "!!python/name:os.system"),
        ("!!python/object/apply:os.system ['echo pwned']", "!!python/object/apply:os.system"),
        ("!!python/object:__main__.X {}", "!!python/object:__main__.X"),
        ("!!binary aGVsbG8=", "!!binary"),
        ("!custom valeur", "!custom"),
        ("!!str texte", "!!str"),
        ("!!int 12", "!!int"),
        ("!!timestamp 2024-01-01", "!!timestamp"),
        ("! texte", "!"),
        ("!<tag:yaml.org,2002:str> texte", "!!str"),
        ("!<tag:exemple.org,2024:x> texte", "!<tag:exemple.org,2024:x>"),
    ],
)
def test_any_tag_on_a_value_is_refused_with_its_line_and_field(
    capsys: pytest.CaptureFixture[str], typed: str, shown: str
) -> None:
    found = problems(capsys, SESSION + f"    notes: {typed}\n")
    assert found[0] == f"atelier/session.yaml:10:12: activities[1].notes: {TAG.format(shown)}"


def test_a_tag_with_an_empty_value_appended_to_the_file_is_reported_with_its_unknown_key(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert problems(capsys, SESSION + "zz: !!python/name:os.system\n") == [
        "atelier/session.yaml:10:1: zz: clé inconnue « zz »",
        f"atelier/session.yaml:10:5: zz: {TAG.format('!!python/name:os.system')}",
    ]


@pytest.mark.parametrize(
    ("yaml", "where", "shown"),
    [
        ("objectives: !!seq [a, b]\n", "10:13: objectives", "!!seq"),
        ("objectives: [!!str a, b]\n", "10:14: objectives[1]", "!!str"),
        ("organisation: !!map {nom: x}\n", "10:15: organisation", "!!map"),
        ("!!str subtitle: Sous-titre\n", "10:1: subtitle", "!!str"),
        ("subtitle: !!python/tuple [a]\n", "10:11: subtitle", "!!python/tuple"),
    ],
)
def test_a_tag_on_a_list_a_mapping_or_a_key_is_refused_too(
    capsys: pytest.CaptureFixture[str], yaml: str, where: str, shown: str
) -> None:
    assert f"atelier/session.yaml:{where}: {TAG.format(shown)}" in problems(capsys, SESSION + yaml)


def test_every_tag_of_the_file_is_reported_in_one_run(capsys: pytest.CaptureFixture[str]) -> None:
    found = problems(capsys, SESSION + "    notes: !!binary aGVsbG8=\nsubtitle: !custom x\n")
    assert [line for line in found if "étiquette" in line] == [
        f"atelier/session.yaml:10:12: activities[1].notes: {TAG.format('!!binary')}",
        f"atelier/session.yaml:11:11: subtitle: {TAG.format('!custom')}",
    ]


def test_a_tag_in_theme_yaml_is_refused_too(capsys: pytest.CaptureFixture[str]) -> None:
    session(SESSION + "theme: theme/\n", {"theme/theme.yaml": "footer: !!python/name:os.system\n"})
    status, err = run(capsys, "check", "atelier")
    assert status == 2
    assert errors(err) == [f"atelier/theme/theme.yaml:1:9: footer: {TAG.format('!!python/name:os.system')}"]


@pytest.mark.parametrize(
    ("yaml", "expected"),
    [
        ("titel:\n", "atelier/session.yaml:10:1: titel: clé inconnue « titel » ; vouliez-vous dire « title » ?"),
        ("zz: ~\n", "atelier/session.yaml:10:1: zz: clé inconnue « zz »"),
        ("zz: null\n", "atelier/session.yaml:10:1: zz: clé inconnue « zz »"),
        (
            "    notez:\n",
            "atelier/session.yaml:10:5: activities[1].notez: clé inconnue « notez » ; vouliez-vous dire « notes » ?",
        ),
    ],
)
def test_an_unknown_key_left_empty_is_reported_with_a_suggestion(
    capsys: pytest.CaptureFixture[str], yaml: str, expected: str
) -> None:
    assert problems(capsys, SESSION + yaml) == [expected]


def test_an_unknown_key_left_empty_inside_a_flow_mapping_is_reported(capsys: pytest.CaptureFixture[str]) -> None:
    yaml = SESSION.replace("group: {min: 4, max: 8}", "group: {min: 4, max: 8, taille: }")
    assert problems(capsys, yaml) == ["atelier/session.yaml:2:25: group.taille: clé inconnue « taille »"]


def test_a_known_key_left_empty_still_means_not_filled_in(capsys: pytest.CaptureFixture[str]) -> None:
    session(SESSION + "    notes:\nsubtitle:\n")
    assert run(capsys, "check", "atelier")[0] == 0
