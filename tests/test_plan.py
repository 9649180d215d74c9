"""The plan: clock times, shortening, sub-groups and quantities come from one place."""

from __future__ import annotations

from dataclasses import replace
from datetime import time
from pathlib import Path

import pytest

from educpop.document import Block, Paragraph, Table, plain, walk_text
from educpop.errors import BuildError
from educpop.generators import PrintRun, registry
from educpop.plan import Options, make_plan
from educpop.session.load import Workshop
from educpop.session.model import Session


def workshop(**changes: object) -> Workshop:
    definition: dict[str, object] = {
        "title": "Atelier",
        "group": {"min": 6, "max": 14, "subgroup_size": 4},
        "duration": "2h",
        "start": "09:30",
        "materials": [{"item": "Badges", "per": "participant"}],
        "questions": [
            {"id": "t1", "title": "Thème 1", "items": [{"level": "understand", "text": "Q1 ?"}]},
            {"id": "t2", "title": "Thème 2", "items": [{"level": "today", "text": "Q2 ?"}]},
        ],
        "activities": [
            {"id": "accueil", "title": "Accueil", "method": "accueil", "duration": "15 min"},
            {"id": "groupes", "title": "Groupes", "method": "sous-groupes", "duration": "1:00",
             "grouping": "subgroups", "questions": ["t1", "t2"],
             "materials": [{"item": "Feutres", "quantity": 2, "per": "group"}]},
            {"id": "jeu", "title": "Jeu", "method": "brise-glace", "duration": 20, "optional": "oui"},
            {"id": "fin", "title": "Évaluation", "method": "evaluation", "duration": 25},
        ],
    }
    definition.update(changes)
    return Workshop(Session.model_validate(definition), Path("."), {}, [])


def test_clock_times_follow_each_other_from_the_start() -> None:
    plan = make_plan(workshop())
    assert [(s.start, s.end) for s in plan.slots] == [
        (time(9, 30), time(9, 45)), (time(9, 45), time(10, 45)),
        (time(10, 45), time(11, 5)), (time(11, 5), time(11, 30)),
    ]


def test_a_later_start_moves_every_activity() -> None:
    plan = make_plan(workshop(), Options(start=time(18, 0)))
    assert plan.slots[1].start == time(18, 15)
    assert plan.sittings[0].end == time(20, 0)


def test_shortening_drops_optional_activities_only() -> None:
    plan = make_plan(workshop(), Options(duration=100))
    assert [s.activity.id for s in plan.slots] == ["accueil", "groupes", "fin"]
    assert [a.id for a in plan.dropped] == ["jeu"]
    with pytest.raises(BuildError) as refused:
        make_plan(workshop(), Options(duration=60))
    assert str(refused.value) == (
        "le programme ne tient pas dans les 1 h demandées : 40 min de trop, même raccourci au plus court ; "
        "à retirer ou raccourcir, au choix : Accueil (15 min), Groupes (1 h), Évaluation (25 min)"
    )


def test_shortening_drops_the_optional_activities_nearest_the_close_first() -> None:
    activities = workshop().session.model_dump()["activities"]
    early = {"id": "brise", "title": "Brise-glace", "method": "brise-glace", "duration": 10, "optional": True}
    definition = workshop(activities=[activities[0], early, *activities[1:]])  # 130 min, two optional ones
    # 10 min too long: dropping the early one would be enough, but the late one goes
    plan = make_plan(definition, Options(duration=120))
    assert [a.id for a in plan.dropped] == ["jeu"]
    assert [s.activity.id for s in plan.slots] == ["accueil", "brise", "groupes", "fin"]
    # 30 min too long: both go, listed in agenda order
    plan = make_plan(definition, Options(duration=100))
    assert [a.id for a in plan.dropped] == ["brise", "jeu"]
    assert [s.activity.id for s in plan.slots] == ["accueil", "groupes", "fin"]


def test_subgroups_get_their_sheets_in_turn() -> None:
    plan = make_plan(workshop(), Options(participants=13))
    assert plan.subgroup_count == 4
    assert [(s.group_label, s.theme.id) for s in plan.subgroup_sheets()] == [
        ("A", "t1"), ("B", "t2"), ("C", "t1"), ("D", "t2"),
    ]


def test_readers_of_an_arpentage_go_by_pairs_sub_groups_or_alone() -> None:
    activities = workshop().session.model_dump()["activities"]
    pairs = {"id": "lecture", "title": "Lecture", "method": "arpentage", "duration": 10, "grouping": "pairs"}
    plan = make_plan(workshop(activities=[*activities, pairs]), Options(participants=13, duration=150))
    by_id = {slot.activity.id: slot.activity for slot in plan.slots}
    assert plan.reading_units(by_id["lecture"]) == [2, 2, 2, 2, 2, 2, 1]
    assert plan.reading_units(by_id["groupes"]) == [4, 3, 3, 3]
    assert plan.reading_units(by_id["accueil"]) == [1] * 13


@pytest.mark.parametrize(("participants", "count", "last"), [(104, 26, "Z"), (105, 27, "AA"), (500, 125, "DU")])
def test_subgroup_labels_go_on_after_z_as_aa_ab_and_never_repeat(participants: int, count: int, last: str) -> None:
    labels = make_plan(workshop(), Options(participants=participants)).subgroup_labels()
    assert len(labels) == count
    assert len(set(labels)) == count
    assert labels[:3] == ["A", "B", "C"]
    assert labels[25] == "Z"
    assert labels[-1] == last
    if count > 27:
        assert labels[26:29] == ["AA", "AB", "AC"]
        assert labels[51:53] == ["AZ", "BA"]


@pytest.mark.parametrize(("facilitators", "guides"), [([], 1), (["Ana"], 1), (["Ana", "Bruno", "Chloé"], 3)])
def test_each_facilitator_gets_a_guide_in_the_print_plan(facilitators: list[str], guides: int) -> None:
    plan = make_plan(workshop(facilitators=facilitators))
    generators = registry()
    assert generators["guide"].copies(plan) == [PrintRun(guides)]
    table = next(b for b in generators["print-plan"].build(plan).blocks if isinstance(b, Table))
    guide_row = next(row for row in table.rows if walk_text([Paragraph(row[0])])[0] == "Guide d'animation")
    assert walk_text([Paragraph(guide_row[2])]) == [str(guides)]


def test_quantities_scale_with_the_group() -> None:
    assert make_plan(workshop(), Options(participants=8)).materials() == [("Badges", 8), ("Feutres", 4)]


# -- sub-groups from a range ----------------------------------------------------------------


@pytest.mark.parametrize(("participants", "sizes"), [
    (8, (4, 4)), (9, (5, 4)), (11, (6, 5)), (20, (5, 5, 5, 5)), (24, (6, 6, 6, 6)), (35, (6, 6, 6, 6, 6, 5)),
])
def test_a_range_forms_the_fewest_subgroups_all_in_it(participants: int, sizes: tuple[int, ...]) -> None:
    plan = make_plan(workshop(group={"min": 1, "max": 40, "subgroup_size": "4-6"}),
                     Options(participants=participants))
    assert plan.subgroup_sizes == sizes
    assert plan.warnings == ()


def test_a_single_size_keeps_its_meaning_of_at_most() -> None:
    plan = make_plan(workshop(group={"min": 1, "max": 40, "subgroup_size": 5}), Options(participants=11))
    assert plan.subgroup_sizes == (4, 4, 3)


def test_when_no_split_fits_the_range_a_warning_says_so_and_which_split() -> None:
    plan = make_plan(workshop(group={"min": 1, "max": 40, "subgroup_size": "5-6"}), Options(participants=7))
    assert plan.subgroup_sizes == (4, 3)
    assert plan.warnings == (
        "7 participant·e·s ne se partagent pas en sous-groupes de 5-6 personnes : 2 sous-groupes de 4 et 3 personnes",
    )


# -- durations that follow the group ----------------------------------------------------------


def report_back(duration: object) -> list[dict[str, object]]:
    return [{"id": "accueil", "title": "Accueil", "method": "accueil", "duration": 10},
            {"id": "retour", "title": "Retour", "method": "mise-en-commun", "duration": duration}]


@pytest.mark.parametrize("written", [{"base": 5, "per_group": 5}, "5 + 5/groupe"])
@pytest.mark.parametrize(("participants", "minutes"), [(8, 15), (24, 25), (35, 35)])
def test_a_report_back_lasts_five_minutes_per_group(written: object, participants: int, minutes: int) -> None:
    plan = make_plan(workshop(activities=report_back(written), group={"min": 1, "max": 40, "subgroup_size": "4-6"}),
                     Options(participants=participants))
    assert plan.slots[1].minutes == minutes


def test_a_duration_may_count_per_participant() -> None:
    plan = make_plan(workshop(activities=report_back("5 + 2/participant")), Options(participants=10))
    assert plan.slots[1].minutes == 25
    assert plan.slots[1].end == time(10, 5)


# -- out-of-range groups ------------------------------------------------------------------------


@pytest.mark.parametrize(("participants", "warning"), [
    (4, "4 participant·e·s : moins que le minimum prévu (group.min : 6)"),
    (20, "20 participant·e·s : plus que le maximum prévu (group.max : 14)"),
])
def test_a_group_outside_its_range_is_warned_of(participants: int, warning: str) -> None:
    assert warning in make_plan(workshop(), Options(participants=participants)).warnings


def test_a_group_inside_its_range_gets_no_warning() -> None:
    assert make_plan(workshop(), Options(participants=10)).warnings == ()


def arpentage_workshop(paragraphs: int, grouping: str) -> Workshop:
    text: list[Block] = [Paragraph(plain(f"Paragraphe {n}.")) for n in range(1, paragraphs + 1)]
    definition = workshop(
        group={"min": 24, "max": 24},
        sources=[{"id": "texte", "title": "Le long texte", "file": "sources/texte.md"}],
        activities=[{"id": "lire", "title": "Lecture à plusieurs", "method": "arpentage", "duration": 40,
                     "grouping": grouping, "source": "texte"}],
    )
    return replace(definition, folder=Path("atelier"), texts={"texte": text})


@pytest.mark.parametrize(("paragraphs", "grouping", "parts", "needed", "who"), [
    (1, "pairs", "1 partie", 12, "binôme"),
    (2, "pairs", "2 parties", 12, "binôme"),
    (5, "individual", "5 parties", 24, "personne"),
])
def test_a_text_with_fewer_paragraphs_than_readers_is_a_warning_naming_text_parts_and_readers(
    paragraphs: int, grouping: str, parts: str, needed: int, who: str
) -> None:
    plan = make_plan(arpentage_workshop(paragraphs, grouping))
    assert [str(problem) for problem in plan.arpentage_shortfalls()] == [
        f"atelier/sources/texte.md: le texte « Le long texte » ne se découpe qu'en {parts} pour l'arpentage "
        f"« Lecture à plusieurs », qui en demande {needed} (une par {who}) : des {who}s liront la même partie. "
        "Séparez le texte en paragraphes (une ligne vide entre deux paragraphes), "
        "ou importez-le avec « educpop import »"
    ]


def test_a_text_with_a_paragraph_per_reader_gives_no_warning() -> None:
    assert make_plan(arpentage_workshop(12, "pairs")).arpentage_shortfalls() == []
