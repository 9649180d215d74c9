"""Fitting a slot: shorten what may shrink (in 5-minute steps), then drop optional activities, never the rest."""

from __future__ import annotations

from pathlib import Path

import pytest

from educpop.errors import BuildError
from educpop.generators._words import phrases_for
from educpop.plan import Options, Plan, make_plan
from educpop.session.load import Workshop
from educpop.session.model import Session


def workshop(*activities: dict[str, object], sittings: list[dict[str, object]] | None = None) -> Workshop:
    definition: dict[str, object] = {
        "title": "Atelier", "group": {"min": 6, "max": 14}, "duration": "2h30", "start": "18:30",
        "activities": list(activities), "sittings": sittings or [],
    }
    return Workshop(Session.model_validate(definition), Path("."), {}, [])


def activity(ident: str, minutes: int, **more: object) -> dict[str, object]:
    return {"id": ident, "title": ident.capitalize().replace("-", " "), "method": "expose", "duration": minutes,
            **more}


def report(plan: Plan) -> str:
    words = phrases_for(plan.workshop)
    return " ; ".join(words.change(c.activity.title, c.before, c.after) for c in plan.changes)


def minutes(plan: Plan) -> dict[str, int]:
    return {slot.activity.id: slot.minutes for slot in plan.slots}


ISSUE = (
    activity("accueil", 15), activity("photolangage", 20, optional="oui", min_duration=10),
    activity("debat", 60), activity("pause", 15), activity("synthese", 25),
    activity("jeu-de-cloture", 10, optional="oui"),
)


def test_a_programme_that_fits_is_left_alone() -> None:
    plan = make_plan(workshop(*ISSUE))
    assert minutes(plan) == {"accueil": 15, "photolangage": 20, "debat": 60, "pause": 15, "synthese": 25,
                             "jeu-de-cloture": 10}
    assert plan.changes == []
    assert plan.sittings[0].margin == 5


def test_an_optional_activity_that_may_shrink_is_shortened_before_anything_is_dropped() -> None:
    plan = make_plan(workshop(*ISSUE), Options(duration=135))
    assert report(plan) == "Photolangage : 20 → 10 min"
    assert plan.sittings[0].margin == 0


def test_when_shrinking_is_not_enough_optional_activities_go_lowest_priority_first() -> None:
    plan = make_plan(workshop(*ISSUE), Options(duration=125))
    assert report(plan) == "Photolangage : 20 → 10 min ; Jeu de cloture retiré"


def test_ties_between_optional_activities_are_dropped_from_the_end() -> None:
    plan = make_plan(workshop(activity("a", 30), activity("b", 20, optional="oui"), activity("c", 20, optional="oui")),
                     Options(duration=50))
    assert [a.id for a in plan.dropped] == ["c"]


def test_a_higher_priority_is_kept_longer() -> None:
    plan = make_plan(workshop(activity("a", 30), activity("b", 20, optional="oui", priority=2),
                              activity("c", 20, optional="oui")), Options(duration=50))
    assert [a.id for a in plan.dropped] == ["c"]
    plan = make_plan(workshop(activity("a", 30), activity("b", 20, optional="oui"),
                              activity("c", 20, optional="oui", priority=2)), Options(duration=50))
    assert [a.id for a in plan.dropped] == ["b"]


def test_only_as_many_activities_are_dropped_as_needed_and_the_others_shrink_less() -> None:
    plan = make_plan(workshop(activity("a", 60, min_duration=30), activity("b", 30, optional="oui")),
                     Options(duration=50))
    # Shrinking alone frees 30 of the 40 minutes; dropping b frees 30, so a loses only 10.
    assert report(plan) == "A : 60 → 50 min ; B retiré"


def test_shrinking_is_proportional_in_five_minute_steps() -> None:
    plan = make_plan(workshop(activity("a", 60, min_duration=20), activity("b", 30, min_duration=10),
                              activity("c", 30)), Options(duration=90))
    # 30 minutes to find in rooms of 40 and 20: two thirds from a, one third from b.
    assert minutes(plan) == {"a": 40, "b": 20, "c": 30}


def test_optional_activities_shrink_before_the_others() -> None:
    plan = make_plan(workshop(activity("a", 60, min_duration=20), activity("b", 30, min_duration=10, optional="oui")),
                     Options(duration=80))
    assert report(plan) == "B : 30 → 20 min"


def test_activities_without_a_minimum_and_not_optional_are_never_touched() -> None:
    with pytest.raises(BuildError) as refused:
        make_plan(workshop(activity("a", 60, min_duration=50), activity("b", 40), activity("c", 20, optional="oui")),
                  Options(duration=80))
    assert str(refused.value) == (
        "le programme ne tient pas dans les 1 h 20 demandées : 10 min de trop, même raccourci au plus court ; "
        "à retirer ou raccourcir, au choix : A (50 min), B (40 min)"
    )


def test_a_programme_longer_than_its_own_file_is_fitted_with_a_warning() -> None:
    plan = make_plan(workshop(*ISSUE, activity("video", 10, optional="oui")))
    assert report(plan) == "Photolangage : 20 → 15 min"
    assert "le programme dure 2 h 35, plus que les 2 h 30 de la séance : il a été adapté" in plan.warnings
