"""Hand-written values: durations, clock times, yes/no, dates."""

from __future__ import annotations

from datetime import date, time

import pytest

from educpop.session.values import (
    format_clock,
    format_day,
    format_minutes,
    format_period,
    parse_clock,
    parse_day,
    parse_duration,
    parse_period,
    parse_size_range,
    parse_timing,
    parse_yes_no,
)


@pytest.mark.parametrize("written", [90, "90", "90 min", "90min", "1h30", "1 h 30", "1H30", "1:30", "01:30"])
def test_every_way_of_writing_ninety_minutes_means_ninety(written: object) -> None:
    assert parse_duration(written) == 90


@pytest.mark.parametrize("written", ["trois heures", "", "1:75", "-5", 0, True])
def test_a_duration_that_is_not_one_says_what_is_expected(written: object) -> None:
    with pytest.raises(ValueError, match="durée"):
        parse_duration(written)


@pytest.mark.parametrize(("written", "expected"), [("09:30", time(9, 30)), ("9h30", time(9, 30)), ("14h", time(14, 0))])
def test_clock_times(written: str, expected: time) -> None:
    assert parse_clock(written) == expected


def test_a_clock_time_past_midnight_is_refused() -> None:
    with pytest.raises(ValueError):
        parse_clock("25:00")


@pytest.mark.parametrize(("word", "truth"), [("oui", True), ("NON", False), ("no", False), ("true", True)])
def test_yes_no_in_french_and_english(word: str, truth: bool) -> None:
    assert parse_yes_no(word) is truth


def test_partial_dates_read_and_print_in_french() -> None:
    assert format_period(*parse_period("1917-03-08")) == "8 mars 1917"
    assert format_period(*parse_period("1917-11-01")) == "1er novembre 1917"
    assert format_period(*parse_period("1921-03")) == "mars 1921"
    assert format_period(*parse_period("1905")) == "1905"
    with pytest.raises(ValueError):
        parse_period("8 mars 1917")


@pytest.mark.parametrize(("written", "printed"), [
    ("1920-1921", "1920-1921"),
    ("1920-03/1921-04", "mars 1920 – avril 1921"),
    ("1917-03-08/1917-03-12", "8 mars 1917 – 12 mars 1917"),
])
def test_a_period_reads_as_its_start_and_end(written: str, printed: str) -> None:
    assert format_period(*parse_period(written)) == printed


def test_a_period_sorts_by_its_start_and_may_not_end_before_it() -> None:
    assert parse_period("1920-1921")[0] < parse_period("1920-03")[0] < parse_period("1921")[0]
    with pytest.raises(ValueError, match="finit après son début"):
        parse_period("1921-1920")


@pytest.mark.parametrize("written", ["2026-12-05", "5/12/2026", "05/12/2026", "5.12.2026"])
def test_a_session_day_is_written_either_way(written: str) -> None:
    assert parse_day(written) == date(2026, 12, 5)


@pytest.mark.parametrize("written", ["31/02/2026", "12/2026", "demain"])
def test_a_day_that_does_not_exist_is_refused(written: str) -> None:
    with pytest.raises(ValueError, match="« 5/12/2026 »"):
        parse_day(written)


def test_a_day_reads_in_words_with_its_weekday() -> None:
    assert format_day(date(2026, 12, 5)) == "samedi 5 décembre 2026"
    assert format_day(date(2026, 12, 1)) == "mardi 1er décembre 2026"


@pytest.mark.parametrize(("written", "timing"), [
    ("45", {"base": 45, "per_group": 0, "per_participant": 0}),
    ("5 + 5/groupe", {"base": 5, "per_group": 5, "per_participant": 0}),
    ("10 + 2/participant", {"base": 10, "per_group": 0, "per_participant": 2}),
    ("3/personne", {"base": 0, "per_group": 0, "per_participant": 3}),
])
def test_a_duration_may_grow_with_the_group(written: str, timing: dict[str, int]) -> None:
    assert parse_timing(written) == timing


def test_a_subgroup_size_is_a_number_or_a_range() -> None:
    assert parse_size_range("5") == {"largest": 5}
    assert parse_size_range("4-6") == {"smallest": 4, "largest": 6}
    with pytest.raises(ValueError, match="« 4-6 »"):
        parse_size_range("quatre")


def test_durations_and_clocks_print_the_french_way() -> None:
    assert [format_minutes(m) for m in (45, 60, 90, 180)] == ["45 min", "1 h", "1 h 30", "3 h"]
    assert format_clock(time(9, 5)) == "9h05"
