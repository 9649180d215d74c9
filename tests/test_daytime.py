"""Parts of the day: from the clock, and as a facilitator's text names them."""

from __future__ import annotations

from datetime import time

import pytest

from educpop.daytime import PartOfDay, contradicted, part_of_day


@pytest.mark.parametrize(("start", "minutes", "part"), [
    (time(9, 30), 180, PartOfDay.MORNING), (time(9, 0), 360, PartOfDay.DAY),
    (time(14, 0), 120, PartOfDay.AFTERNOON), (time(18, 30), 150, PartOfDay.EVENING),
])
def test_the_start_and_length_of_a_sitting_say_its_part_of_the_day(start: time, minutes: int, part: PartOfDay) -> None:
    assert part_of_day(start, minutes) is part


def test_a_text_naming_another_part_of_the_day_is_caught() -> None:
    assert contradicted("Accueil et présentation de la matinée", PartOfDay.EVENING) == "matinée"
    assert contradicted("Bonne soirée à toutes et tous", PartOfDay.MORNING) == "soirée"
    assert contradicted("Ce matin, puis cet après-midi", PartOfDay.DAY) == ""
    assert contradicted("Le matériel du soir", PartOfDay.EVENING) == ""
