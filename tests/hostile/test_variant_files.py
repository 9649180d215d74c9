"""Hostile variant files and names: refused with the variant's file and line, exit status 2, nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile.conftest import SESSION, errors, run, session

CASES = {
    "a list instead of keys": (
        "- start\n- duration\n",
        ["atelier/variants/v.yaml:1:1: attendu des clés comme « start: … », trouvé une liste"],
    ),
    "an alias": (
        'title: &t "Soir"\nsubtitle: *t\n',
        ["atelier/variants/v.yaml:1:8: les ancres et alias YAML (« & » et « * ») ne sont pas acceptés : "
         "recopiez la valeur"],
    ),
    "drop as a single word": (
        "activities:\n  drop: accueil\n",
        ["atelier/variants/v.yaml:2:9: activities.drop: attendu une liste, trouvé « accueil »"],
    ),
    "a change without its id": (
        "activities:\n  change: [{duration: 20}]\n",
        ["atelier/variants/v.yaml:2:12: activities.change[1]: attendu « {id: …, champ: valeur} », "
         "trouvé des clés « nom: valeur »"],
    ),
    "an insert as a word": (
        "activities:\n  insert: [video]\n",
        ["atelier/variants/v.yaml:2:12: activities.insert[1]: attendu « {id: …, after: …, …} », trouvé « video »"],
    ),
    "every activity dropped": (
        "activities:\n  drop: [accueil]\n",
        ["atelier/variants/v.yaml:2:3: activities: attendu au moins un élément, trouvé une liste vide"],
    ),
    "a required field emptied": (
        "title:\n",
        ["atelier/variants/v.yaml:1:7: title: champ obligatoire vide"],
    ),
    "a variant in Windows-1252": (
        "title: Soirée d'été\n".encode("cp1252"),
        ["atelier/variants/v.yaml:1:12: le fichier n'est pas en UTF-8 (probablement Windows-1252) ; "
         "enregistrez-le en UTF-8"],
    ),
}


@pytest.mark.parametrize(("variant", "expected"), CASES.values(), ids=list(CASES))
def test_a_hostile_variant_is_refused_where_it_was_written(
    capsys: pytest.CaptureFixture[str], variant: str | bytes, expected: list[str]
) -> None:
    session(SESSION, {"variants/v.yaml": variant})
    status, err = run(capsys, "build", "atelier", "--variant", "v")
    assert (status, errors(err)) == (2, expected)
    assert not Path("handouts").exists()


@pytest.mark.parametrize("name", ["../session", "/etc/passwd", "", "v/../v"])
def test_a_variant_name_naming_another_file_is_refused(capsys: pytest.CaptureFixture[str], name: str) -> None:
    session(SESSION, {"variants/v.yaml": 'start: "19:00"\n'})
    status, err = run(capsys, "check", "atelier", "--variant", name)
    assert (status, errors(err)) == (
        2, [f"atelier/variants: variante introuvable « {name} » (variantes de cette séance : v)"]
    )


def test_a_variant_may_be_named_with_its_file_name(capsys: pytest.CaptureFixture[str]) -> None:
    session(SESSION, {"variants/v.yaml": 'start: "19:00"\n'})
    assert run(capsys, "build", "atelier", "--variant", "v.yaml", "--only", "guide", "--format", "docx") == (0, "")
    assert [path.name for path in Path("handouts/atelier-v").glob("*.docx")] == ["guide-animation-v.docx"]
