"""Hand-written values: durations, clock times, yes/no, dates."""

from __future__ import annotations

from datetime import time

import pytest

from educpop.session.values import (
    format_clock,
    format_minutes,
    format_partial_date,
    parse_clock,
    parse_duration,
    parse_partial_date,
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
    assert format_partial_date(parse_partial_date("1917-03-08")) == "8 mars 1917"
    assert format_partial_date(parse_partial_date("1917-11-01")) == "1er novembre 1917"
    assert format_partial_date(parse_partial_date("1921-03")) == "mars 1921"
    assert format_partial_date(parse_partial_date("1905")) == "1905"
    with pytest.raises(ValueError):
        parse_partial_date("8 mars 1917")


def test_durations_and_clocks_print_the_french_way() -> None:
    assert [format_minutes(m) for m in (45, 60, 90, 180)] == ["45 min", "1 h", "1 h 30", "3 h"]
    assert format_clock(time(9, 5)) == "9h05"
