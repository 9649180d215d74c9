"""The clock: sittings each on their own slot, pinned times met, past midnight warned of."""

from __future__ import annotations

from datetime import time

import pytest
from test_fitting import activity, report, workshop

from educpop.document import walk_text
from educpop.errors import BuildError
from educpop.generators import registry
from educpop.plan import Options, make_plan

# -- pinned activities --------------------------------------------------------------------------


def test_a_pinned_activity_starts_at_its_time_and_the_free_minutes_before_it_are_warned_of() -> None:
    plan = make_plan(workshop(activity("accueil", 15), activity("repas", 30, at="19:00"), activity("fin", 20)))
    assert [(s.activity.id, s.start) for s in plan.slots] == [
        ("accueil", time(18, 30)), ("repas", time(19, 0)), ("fin", time(19, 30)),
    ]
    assert plan.warnings == ("15 min libres avant « Repas » (fixé à 19h00)",)


def test_the_activities_before_a_pin_are_fitted_to_meet_it() -> None:
    plan = make_plan(workshop(activity("accueil", 15), activity("photo", 30, min_duration=15),
                              activity("repas", 30, at="19:00")))
    assert report(plan) == "Photo : 30 → 15 min"
    assert plan.slots[-1].start == time(19, 0)


def test_an_overlap_that_fitting_cannot_absorb_names_the_minutes_too_many() -> None:
    with pytest.raises(BuildError) as refused:
        make_plan(workshop(activity("accueil", 25), activity("photo", 30, min_duration=15),
                           activity("repas", 30, at="19:00")))
    assert str(refused.value) == (
        "« Repas » est fixé à 19h00, mais ce qui le précède dure 10 min de trop, même raccourci au plus court ; "
        "à retirer ou raccourcir avant lui, au choix : Accueil (25 min), Photo (15 min)"
    )


# -- sittings -----------------------------------------------------------------------------------


def test_the_clock_restarts_at_each_sitting() -> None:
    plan = make_plan(workshop(
        activity("accueil", 20), activity("lecture", 60), activity("retour", 30, sitting="deux"),
        activity("debat", 45, sitting="deux"),
        sittings=[{"id": "un", "date": "2027-01-12"}, {"id": "deux", "date": "19/01/2027", "start": "14:00",
                                                        "duration": "1h15"}],
    ))
    assert [[(s.activity.id, s.start, s.end) for s in sitting.slots] for sitting in plan.sittings] == [
        [("accueil", time(18, 30), time(18, 50)), ("lecture", time(18, 50), time(19, 50))],
        [("retour", time(14, 0), time(14, 30)), ("debat", time(14, 30), time(15, 15))],
    ]
    assert [s.number for s in plan.slots] == [1, 2, 3, 4]
    assert [sitting.margin for sitting in plan.sittings] == [70, 0]


def test_each_sitting_is_fitted_on_its_own() -> None:
    plan = make_plan(workshop(
        activity("accueil", 20), activity("video", 20, optional="oui", sitting="deux"),
        activity("debat", 45, sitting="deux"),
        sittings=[{"id": "un"}, {"id": "deux", "duration": "1h"}],
    ))
    assert [[c.activity.id for c in sitting.changes] for sitting in plan.sittings] == [[], ["video"]]


def test_a_sitting_past_midnight_is_warned_of() -> None:
    plan = make_plan(workshop(activity("veillee", 90)), Options(start=time(23, 0)))
    assert "la séance finit après minuit, à 0h30 le lendemain" in plan.warnings
    guide = registry()["guide"].build(plan)
    assert "Attention : la séance finit après minuit, à 0h30 le lendemain." in walk_text(guide.blocks)
