"""Templates from users: a session's ``templates/fr.j2`` overrides words, inside a bounded sandbox."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import pdf_text, squash
from educpop.generators import _sandbox
from hostile.conftest import FULL, TEXT, errors, run, session

TEMPLATE = "atelier/templates/fr.j2"
ARGS = ("build", "atelier", "-o", "sortie", "--only", "questions", "--format", "pdf")


def with_template(source: str) -> None:
    session(FULL, {"sources/texte.md": TEXT, "templates/fr.j2": source})


def refused(capsys: pytest.CaptureFixture[str]) -> list[str]:
    status, err = run(capsys, *ARGS)
    assert status == 2 and "Traceback" not in err and err.startswith("educpop : session invalide :\n")
    assert not Path("sortie").exists()
    return errors(err)


def test_a_session_template_overrides_some_words_and_keeps_the_others(capsys: pytest.CaptureFixture[str]) -> None:
    with_template('{% macro sheet_title(label) %}Fiche de travail{{ " – " ~ label if label }}{% endmacro %}\n')
    assert run(capsys, *ARGS)[0] == 0
    text = squash(pdf_text(Path("sortie/fiches-questions.pdf")))
    assert "Fiche de travail – A" in text and "Fiche questions" not in text
    assert "Noms des membres du groupe :" in text  # a macro not overridden keeps the package's words


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("{% macro sheet_title(label) %}\n{% if %}{% endmacro %}",
         "atelier/templates/fr.j2:2: syntaxe de modèle incorrecte : "
         "Expected an expression, got 'end of statement block'"),
        ("{% macro sheet_title(label) %}\n\n{{ organisation }}{% endmacro %}",
         "atelier/templates/fr.j2:3: variable inconnue dans le modèle ('organisation' is undefined)"),
        ("{% macro sheet_title(label) %}\n{{ label.__class__.__mro__ }}{% endmacro %}",
         "atelier/templates/fr.j2:2: opération interdite dans un modèle : "
         "access to attribute '__class__' of 'str' object is unsafe."),
        ("{% macro sheet_title(label) %}{{ label.ljust(1000000000) }}{% endmacro %}",
         "atelier/templates/fr.j2:1: opération interdite dans un modèle : appel non autorisé (ljust)"),
        ('{% macro sheet_title(label) %}{{ "x" * 1000000000 }}{% endmacro %}',
         "atelier/templates/fr.j2:1: modèle trop coûteux : texte de plus de 10000 caractères ; simplifiez la macro"),
        ("{% macro sheet_title(label) %}{{ 10 ** 100000 }}{% endmacro %}",
         "atelier/templates/fr.j2:1: modèle trop coûteux : puissance trop grande ; simplifiez la macro"),
        ("{% macro sheet_title(label) %}{% set n = namespace(s='ab') %}{% for i in range(40) %}"
         "{% set n.s = n.s ~ n.s %}{% endfor %}{% endmacro %}",
         "atelier/templates/fr.j2:1: modèle trop coûteux : texte de plus de 10000 caractères ; simplifiez la macro"),
        ("{% macro sheet_title(label) %}{% for i in range(999) %}{{ label * 20 }}{% endfor %}{% endmacro %}",
         "atelier/templates/fr.j2: la macro « sheet_title » produit plus de 10000 caractères"),
        ("{% macro sheet_title(label) %}{{ range(10**6) | length }}{% endmacro %}",
         "atelier/templates/fr.j2:1: modèle trop coûteux : range de plus de 1000 nombres ; simplifiez la macro"),
        ('{% include "fr.j2" %}',
         "atelier/templates/fr.j2:1: un modèle de séance ne peut pas inclure ou importer un autre modèle (« fr.j2 »)"),
        ("{% macro sheet_title(label) %}{{ sheet_title(label) }}{% endmacro %}",
         "atelier/templates/fr.j2:1: la macro s'appelle elle-même sans fin"),
        ("{% macro sheet_title(label) %}{{ label|center(100000000) }}{% endmacro %}",
         "atelier/templates/fr.j2:1: syntaxe de modèle incorrecte : No filter named 'center'."),
        ('{% macro sheet_title(label) %}{% for a in range(1000) %}{% for b in range(1000) %}{{ "x" * 10000 }}'
         "{% endfor %}{% endfor %}{% endmacro %}",
         "atelier/templates/fr.j2: la macro « sheet_title » produit plus de 10000 caractères"),
        ("{% set x %}{% for a in range(1000) %}{% for b in range(1000) %}xxxxxxxxxx"
         "{% endfor %}{% endfor %}{% endset %}",
         "atelier/templates/fr.j2: le modèle produit plus de 10000 caractères"),
        ("{% macro sheet_title(label) %}\n{{ [[[1]*10000]*10000]*10000 }}{% endmacro %}",
         "atelier/templates/fr.j2:2: modèle trop coûteux : texte de plus de 10000 caractères ; simplifiez la macro"),
        ('{% macro sheet_title(label) %}{% set big = ["x" * 5000] * 2 %}{{ [big] * 2 }}{% endmacro %}',
         "atelier/templates/fr.j2:1: modèle trop coûteux : texte de plus de 10000 caractères ; simplifiez la macro"),
        ("{% macro sheet_title(label) %}{% set n = namespace(x=3) %}{% for i in range(100) %}"
         "{% set n.x = n.x * n.x %}{% endfor %}{% endmacro %}",
         "atelier/templates/fr.j2:1: modèle trop coûteux : nombre de plus de 4096 bits ; simplifiez la macro"),
        ("{% macro sheet_title(label) %}{% set n = namespace(x=1) %}{% for i in range(5) %}{% for j in range(1000) %}"
         "{% set n.x = n.x + n.x %}{% endfor %}{% endfor %}{% endmacro %}",
         "atelier/templates/fr.j2:1: modèle trop coûteux : nombre de plus de 4096 bits ; simplifiez la macro"),
    ],
    ids=["syntax", "undefined", "dunder", "method-call", "multiply", "power", "doubling", "output-size",
         "range", "include", "recursion", "filter", "output-in-loops", "block-in-loops", "nested-lists-bomb",
         "list-of-long-texts", "squaring", "adding-to-itself"],
)  # fmt: skip
def test_a_wrong_or_hostile_template_is_a_session_error_naming_file_and_line(
    capsys: pytest.CaptureFixture[str], source: str, message: str
) -> None:
    with_template(source)
    assert refused(capsys) == [message]


def test_the_filters_that_take_a_list_work_in_a_session_template(capsys: pytest.CaptureFixture[str]) -> None:
    with_template(
        '{% macro sheet_title(label) %}{{ ["Fiche", label]|join(" ") }} {{ [1, 2]|first }}{{ [1, 2]|last }}'
        "{% endmacro %}"
    )
    assert run(capsys, *ARGS)[0] == 0
    assert "Fiche A 12" in squash(pdf_text(Path("sortie/fiches-questions.pdf")))


def test_nested_loops_stop_after_one_second(capsys: pytest.CaptureFixture[str]) -> None:
    with_template(
        "{% macro sheet_title(label) %}\n{% for a in range(1000) %}{% for b in range(1000) %}{% for c in range(1000) %}"
        "{% endfor %}{% endfor %}{% endfor %}{% endmacro %}"
    )
    assert refused(capsys) == [
        "atelier/templates/fr.j2:2: modèle trop coûteux : calcul de plus de 1 s ; simplifiez la macro"
    ]


def test_check_finds_a_template_mistake_before_the_morning_of_the_workshop(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with_template("{% macro sheet_title(label) %}{{ labl }}{% endmacro %}")
    status, err = run(capsys, "check", "atelier")
    assert status == 2 and "atelier/templates/fr.j2:1:" in err


#: a macro well within every per-call limit, called once per sub-group
MODEST = "{% macro sheet_title(label) %}{% for a in range(100) %}{{ label }}{% endfor %}{% endmacro %}"


def test_all_the_calls_of_a_build_share_one_budget_of_text(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with_template(MODEST)
    assert run(capsys, *ARGS)[0] == 0  # two sub-groups: 2 x 100 characters
    monkeypatch.setattr(_sandbox, "MAX_BUILD_CHARS", 5_000)
    assert refused_with(capsys, "--participants", "200") == [
        "atelier/templates/fr.j2:1: modèle trop coûteux : les macros de cette construction font plus de "
        "5 000 caractères ; simplifiez la macro"
    ]


def test_all_the_calls_of_a_build_share_one_budget_of_time(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with_template(MODEST)
    monkeypatch.setattr(_sandbox, "MAX_BUILD_SECONDS", 0.0)  # spent before the first line runs
    assert refused_with(capsys) == [
        "atelier/templates/fr.j2:1: modèle trop coûteux : les macros de cette construction calculent plus de 0 s ; "
        "simplifiez la macro"
    ]


def test_each_build_has_its_own_budget(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    with_template(MODEST)
    monkeypatch.setattr(_sandbox, "MAX_BUILD_CHARS", 500)  # enough for one build of two sub-groups, not two
    assert run(capsys, *ARGS)[0] == 0
    assert run(capsys, *ARGS, "--force")[0] == 0


def refused_with(capsys: pytest.CaptureFixture[str], *options: str) -> list[str]:
    """Return the problems of a build refused, after any warning (200 participants for a group of 4 to 8)."""
    status, err = run(capsys, *ARGS, *options)
    assert status == 2 and "Traceback" not in err
    return errors(err[err.index("educpop : session invalide :") :])
