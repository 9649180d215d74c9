"""The method library: ids, French texts, and the sample session's use of it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from educpop.methods import METHODS, Method, get_method
from educpop.session.model import Session

SAMPLE = Path(__file__).resolve().parent.parent / "sessions" / "revolution-russe-1917" / "session.yaml"

EXPECTED_IDS = {
    "accueil",
    "brise-glace",
    "ligne-du-temps",
    "arpentage",
    "sous-groupes",
    "debat-mouvant",
    "mise-en-commun",
    "photolangage",
    "expose",
    "pause",
    "synthese",
    "evaluation",
}


def sample_session() -> Session:
    return Session.model_validate(yaml.safe_load(SAMPLE.read_text(encoding="utf-8")))


def test_knows_every_method_of_popular_education_it_promises() -> None:
    assert set(METHODS) == EXPECTED_IDS


@pytest.mark.parametrize("key", sorted(METHODS))
def test_files_each_method_under_its_own_id(key: str) -> None:
    assert METHODS[key].id == key


@pytest.mark.parametrize("method", METHODS.values(), ids=lambda m: m.id)
def test_writes_ids_as_session_yaml_accepts_them(method: Method) -> None:
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", method.id)


@pytest.mark.parametrize("method", METHODS.values(), ids=lambda m: m.id)
def test_gives_each_method_a_name_a_one_sentence_summary_and_a_few_tips(method: Method) -> None:
    assert method.name and method.name[0].isupper()
    assert method.summary.endswith(".") and method.summary.count(". ") == 0
    assert 2 <= len(method.tips) <= 4
    assert all(tip.strip() and tip.endswith(".") for tip in method.tips)


def test_finds_a_method_by_id() -> None:
    assert get_method("arpentage") is METHODS["arpentage"]
    assert get_method("debat-mouvant").name == "Débat mouvant"  # type: ignore[union-attr]


def test_forgives_case_and_surrounding_spaces() -> None:
    assert get_method(" Arpentage ") is METHODS["arpentage"]


def test_returns_none_for_an_unknown_method() -> None:
    assert get_method("jeu-de-role") is None


def test_cannot_be_changed_by_a_generator() -> None:
    with pytest.raises(AttributeError):
        METHODS["pause"].name = "Récréation"  # type: ignore[misc]


def test_knows_every_method_the_sample_session_uses() -> None:
    unknown = [a.method for a in sample_session().activities if get_method(a.method) is None]
    assert unknown == []

