"""The documents follow the plan: the date in words, each sitting's programme and sheet, what fitting changed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from conftest import SAMPLE, squash
from educpop.document import Box, Cover, Document, Heading, Table, walk_text
from educpop.generators import registry
from educpop.plan import Options, Plan, make_plan
from educpop.session.load import Workshop, load_workshop
from educpop.session.model import Session


def workshop(**changes: object) -> Workshop:
    definition: dict[str, object] = {
        "title": "Le travail demain", "group": {"min": 10, "max": 24, "subgroup_size": "4-6"},
        "duration": "2h30", "start": "18:30",
        "timeline": [{"date": "1921", "event": "Après"}, {"date": "1920-1921", "event": "Pendant"},
                     {"date": "1919-11", "event": "Avant"}],
        "activities": [
            {"id": "accueil", "title": "Accueil", "method": "accueil", "duration": 15},
            {"id": "ligne", "title": "Ligne du temps", "method": "ligne-du-temps", "duration": 30,
             "grouping": "subgroups"},
            {"id": "photolangage", "title": "Photolangage", "method": "photolangage", "duration": 20,
             "optional": "oui", "min_duration": 10},
            {"id": "retour", "title": "Mise en commun", "method": "mise-en-commun", "duration": "5 + 5/groupe"},
            {"id": "jeu", "title": "Jeu de clôture", "method": "brise-glace", "duration": 10, "optional": "oui"},
        ],
    }
    definition.update(changes)
    return Workshop(Session.model_validate(definition), Path("."), {}, [])


CYCLE = {
    "date": "2027-01-12",
    "sittings": [{"id": "un", "title": "Lire ensemble"},
                 {"id": "deux", "title": "Débattre", "date": "19/01/2027", "start": "14:00", "duration": "1h"}],
}
SECOND = [
    {"id": "debat", "title": "Débat mouvant", "method": "debat-mouvant", "duration": 45, "sitting": "deux"},
    {"id": "evaluation", "title": "Évaluation", "method": "evaluation", "duration": 15, "sitting": "deux"},
]


def cycle(participants: int | None = None) -> Plan:
    """Return the plan of a cycle: the workshop's first two activities one evening, a debate a week later."""
    first = [a.model_dump() for a in workshop().session.activities][:2]
    return make_plan(workshop(**CYCLE, activities=[*first, *SECOND]), Options(participants=participants))


def build(name: str, plan: Plan) -> Document:
    return registry()[name].build(plan)


def text(document: Document) -> str:
    return squash(" ".join(walk_text(document.blocks)))


def headings(document: Document) -> list[str]:
    return [" ".join(run.text for run in b.content) for b in document.blocks if isinstance(b, Heading)]


def cover_lines(document: Document) -> list[str]:
    return next(b.lines for b in document.blocks if isinstance(b, Cover))


# -- the date -----------------------------------------------------------------------------------


@pytest.mark.parametrize("written", ["2026-12-05", "5/12/2026"])
def test_the_date_is_in_words_on_the_covers_and_the_attendance_sheet(written: str) -> None:
    plan = make_plan(workshop(date=written), Options(participants=12))
    for name in ("guide", "handout"):
        assert cover_lines(build(name, plan))[:2] == ["Samedi 5 décembre 2026",
                                                      "Séance de 1 h 30 en soirée, de 18h30 à 20h00"]
    assert "Date samedi 5 décembre 2026" in text(build("attendance", plan))


def test_without_a_date_the_attendance_sheet_leaves_it_blank() -> None:
    assert "Date …… / …… / ……" in text(build("attendance", make_plan(workshop())))


def test_the_date_option_replaces_the_session_date() -> None:
    plan = make_plan(workshop(date="2026-12-05"), Options(day=date(2027, 3, 1)))
    assert cover_lines(build("guide", plan))[0] == "Lundi 1er mars 2027"


# -- the part of the day ------------------------------------------------------------------------


@pytest.mark.parametrize(("start", "part"), [("09:30", "matinée"), ("14:00", "après-midi"), ("18:30", "soirée")])
def test_the_programme_is_named_after_the_part_of_the_day(start: str, part: str) -> None:
    guide = build("guide", make_plan(workshop(start=start)))
    article = "de l'" if part == "après-midi" else "de la "
    assert f"Programme {article}{part}" in headings(guide)


# -- sittings -----------------------------------------------------------------------------------


def test_each_sitting_has_its_programme_with_its_own_clock_and_place_in_the_cycle() -> None:
    guide = build("guide", cycle(participants=12))
    assert "Séance 1 sur 2 – Lire ensemble (mardi 12 janvier 2027)" in headings(guide)
    assert "Séance 2 sur 2 – Débattre (mardi 19 janvier 2027)" in headings(guide)
    words = text(guide)
    assert ("Première séance du cycle : le groupe commence. "
            "Il en reste 1 ensuite, la prochaine le mardi 19 janvier 2027.") in words
    assert "Le groupe a déjà vécu 1 séance : Lire ensemble. C'est la dernière séance du cycle." in words
    tables = [b for b in guide.blocks if isinstance(b, Table) and b.header]
    times = [[row[0][0].text for row in table.rows] for table in tables[:2]]
    assert times == [["18h30\u202f–\u202f18h45", "18h45\u202f–\u202f19h15"],
                     ["14h00\u202f–\u202f14h45", "14h45\u202f–\u202f15h00"]]


def test_the_cover_of_a_cycle_lists_its_sittings() -> None:
    assert cover_lines(build("handout", cycle())) == [
        "Cycle de 2 séances",
        "Séance 1 sur 2 – Lire ensemble : mardi 12 janvier 2027, en soirée, de 18h30 à 19h15",
        "Séance 2 sur 2 – Débattre : mardi 19 janvier 2027, l'après-midi, de 14h00 à 15h00",
    ]


def test_there_is_one_attendance_sheet_per_sitting_with_its_date() -> None:
    words = text(build("attendance", cycle()))
    assert words.count("Liste de présence") == 2
    assert words.index("Séance 1 sur 2 – Lire ensemble Date mardi 12 janvier 2027 Horaire 18h30 – 19h15") < \
        words.index("Séance 2 sur 2 – Débattre Date mardi 19 janvier 2027 Horaire 14h00 – 15h00")


def test_the_print_plan_counts_the_attendance_sheet_per_sitting_and_the_handout_once() -> None:
    words = text(build("print-plan", cycle(participants=12)))
    assert "Dossier participant 12 agrafé" in words
    assert ("Liste de présence recto seul Séance 1 sur 2 (mardi 12 janvier 2027) 1 "
            "Séance 2 sur 2 (mardi 19 janvier 2027) 1") in words


def test_a_session_without_sittings_has_one_programme_and_one_sheet() -> None:
    plan = make_plan(workshop())
    assert "Séance 1 sur" not in text(build("guide", plan))
    assert text(build("attendance", plan)).count("Liste de présence") == 1


# -- fitting, margin and the group --------------------------------------------------------------


def test_the_guide_shows_the_margin_of_a_slot_longer_than_the_programme() -> None:
    words = text(build("guide", make_plan(workshop(), Options(participants=12))))
    assert "1 h de marge : fin prévue à 20h00, le créneau va jusqu'à 21h00." in words


def test_what_fitting_changed_is_in_a_box_of_the_guide_only() -> None:
    plan = make_plan(workshop(), Options(participants=24, duration=85))
    boxes = [b for b in build("guide", plan).blocks if isinstance(b, Box) and b.title == "Adaptations"]
    assert [squash(" ".join(walk_text(box.blocks))) for box in boxes] == [
        "Le programme écrit a été adapté pour tenir dans le créneau : "
        "Photolangage : 20 → 15 min ; Jeu de clôture retiré",
    ]
    assert "Photolangage : 20 → 15 min" not in text(build("handout", plan))


def test_a_report_back_lasts_as_long_as_the_groups_need() -> None:
    for participants, hours in ((12, "19h35\u202f–\u202f19h50"), (24, "19h35\u202f–\u202f20h00")):
        row = next(row for table in build("handout", make_plan(workshop(), Options(participants=participants))).blocks
                   if isinstance(table, Table) for row in table.rows if "Mise en commun" in row[1][0].text)
        assert row[0][0].text == hours


@pytest.mark.parametrize(("participants", "sentence"), [
    (8, "Attention : 8 participant·e·s, moins que le minimum prévu pour cet atelier (10)"),
    (35, "Attention : 35 participant·e·s, plus que le maximum prévu pour cet atelier (24)"),
])
def test_a_group_out_of_range_is_said_in_the_practical_information(participants: int, sentence: str) -> None:
    assert sentence in text(build("guide", make_plan(workshop(), Options(participants=participants))))


def test_a_group_in_range_gets_no_such_sentence() -> None:
    assert "Attention" not in text(build("guide", make_plan(workshop(), Options(participants=12))))


@pytest.mark.parametrize(("participants", "groups"), [
    (11, "2 sous-groupes de 6 et 5 personnes"), (24, "4 sous-groupes de 6 personnes"), (9, "2 sous-groupes de 5 et 4"),
])
def test_the_guide_says_the_subgroups_formed(participants: int, groups: str) -> None:
    assert groups in text(build("guide", make_plan(workshop(), Options(participants=participants))))


# -- words that follow the plan -----------------------------------------------------------------


def test_the_timeline_tip_describes_the_cards_the_pack_makes() -> None:
    words = text(build("guide", make_plan(workshop(), Options(participants=11))))
    assert ("Les cartes sont dans le document « Cartes de la ligne du temps » : 3 événements, la date au dos de "
            "chaque carte, à découper en 2 jeux (un par sous-groupe). Le corrigé est en annexe de ce guide.") in words
    assert "la date au verso" not in words


def test_timeline_periods_sort_by_their_start() -> None:
    words = text(build("handout", make_plan(workshop())))
    assert words.index("novembre 1919 Avant") < words.index("1920-1921 Pendant") < words.index("1921 Après")


@pytest.mark.parametrize(("participants", "sentence"), [
    (24, "pour 12 binômes ; chaque partie est lue une fois."),
    (35, "pour 18 binômes ; les parties 1 et 2 sont lues deux fois, les autres une fois."),
])
def test_the_arpentage_sentence_says_how_often_each_part_is_read(participants: int, sentence: str) -> None:
    plan = make_plan(load_workshop(SAMPLE), Options(participants=participants))
    assert sentence in text(build("guide", plan))
