"""Parsers for the values facilitators write by hand: durations, clock times, yes/no, dates.

The YAML loader hands every scalar over as the text the user typed, so these
parsers see ``1:30`` and ``01:30`` alike (YAML 1.1 would have read the first
as the integer 90) and ``non`` stays text unless the field is a yes/no.
"""

from __future__ import annotations

import re
from datetime import date, time

from babel.core import UnknownLocaleError
from babel.dates import format_date

_DURATION = re.compile(
    r"""^\s*(?:
        (?P<min_only>\d+)\s*(?:min|mn|minutes?)?\.?       # 90, "90 min"
      | (?P<h>\d+)\s*h(?:eures?)?\s*(?P<m>\d{1,2})?\s*(?:min|mn)?   # 1h30, 2h, "1 h 30"
      | (?P<hh>\d+):(?P<mm>[0-5]\d)                        # 1:30, 01:30
    )\s*$""",
    re.VERBOSE | re.IGNORECASE,
)


#: the longest duration: a session (or an activity) is printed as clock times within one day
MAX_MINUTES = 24 * 60


class TooLong(ValueError):
    """A duration, or a part of one, longer than MAX_MINUTES."""

    def __init__(self) -> None:
        super().__init__(f"une durée d'au plus {MAX_MINUTES // 60} h (une journée)")


def parse_duration(value: object) -> int:
    """Return the number of minutes in ``value`` (``90``, ``"90 min"``, ``"1h30"``, ``"1:30"``), at most a day."""
    if isinstance(value, bool):
        raise ValueError("une durée comme 90, « 90 min », « 1h30 » ou « 1:30 »")
    if isinstance(value, int):
        minutes = value
    else:
        match = _DURATION.match(str(value))
        if not match:
            raise ValueError("une durée comme 90, « 90 min », « 1h30 » ou « 1:30 »")
        if match["min_only"] is not None:
            minutes = int(match["min_only"])
        elif match["h"] is not None:
            minutes = int(match["h"]) * 60 + int(match["m"] or 0)
        else:
            minutes = int(match["hh"]) * 60 + int(match["mm"])
    if minutes <= 0:
        raise ValueError("une durée positive")
    if minutes > MAX_MINUTES:
        raise TooLong
    return minutes


_CLOCK = re.compile(r"^\s*(\d{1,2})\s*[:hH.]\s*(\d{2})?\s*$")


def parse_clock(value: object) -> time:
    """Return the clock time in ``value`` (``"09:30"``, ``"9h30"``, ``"14h"``)."""
    if isinstance(value, time):
        return value
    match = _CLOCK.match(str(value))
    if match:
        hour, minute = int(match[1]), int(match[2] or 0)
        if hour < 24 and minute < 60:
            return time(hour, minute)
    raise ValueError("une heure comme « 09:30 » ou « 14h »")


_YES = {"oui", "yes", "true", "vrai", "o", "y", "1"}
_NO = {"non", "no", "false", "faux", "n", "0"}


def parse_yes_no(value: object) -> bool:
    """Return the truth of a yes/no field (oui/non/yes/no/true/false)."""
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise ValueError("oui ou non")


_DATE = r"(\d{3,4})(?:-(\d{2})(?:-(\d{2}))?)?"
_PERIOD = re.compile(rf"^{_DATE}(?:(?:/|-(?=\d{{3,4}}(?:$|-)))\s*{_DATE})?$")
_DATE_HELP = "une date comme « 1917 », « 1917-03 », « 1917-03-08 » ou une période comme « 1920-1921 »"

_MONTHS_FR = (
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
).split()

#: a date that may lack its day or month: (year, month, day), 0 for what is unknown
PartialDate = tuple[int, int, int]


def _partial(year: str, month: str | None, day: str | None) -> PartialDate:
    parts = int(year), int(month or 0), int(day or 0)
    if parts[1] > 12 or parts[2] > 31 or (parts[2] and not parts[1]):
        raise ValueError(_DATE_HELP)
    return parts


def parse_period(value: object) -> tuple[PartialDate, PartialDate | None]:
    """Return the start and end of ``"1917-03-08"``, ``"1920-1921"`` or ``"1920-03/1921-04"`` (no end: one date)."""
    match = _PERIOD.match(str(value).strip())
    if not match:
        raise ValueError(_DATE_HELP)
    start = _partial(match[1], match[2], match[3])
    if match[4] is None:
        return start, None
    end = _partial(match[4], match[5], match[6])
    if end < start:
        raise ValueError("une période qui finit après son début, comme « 1920-1921 »")
    return start, end


def format_partial_date(moment: PartialDate) -> str:
    """Return a partial date in French: ``8 mars 1917``, ``mars 1917``, ``1917``."""
    year, month, day = moment
    if not month:
        return str(year)
    day_text = "1er" if day == 1 else str(day)
    month_text = f"{_MONTHS_FR[month - 1]} {year}"
    return f"{day_text} {month_text}" if day else month_text


def format_period(start: PartialDate, end: PartialDate | None) -> str:
    """Return a date or a period in French: ``8 mars 1917``, ``1920-1921``, ``mars 1920 – avril 1921``."""
    if end is None:
        return format_partial_date(start)
    if not start[1] and not end[1]:
        return f"{start[0]}-{end[0]}"
    return f"{format_partial_date(start)} – {format_partial_date(end)}"


_DAY = re.compile(r"^\s*(?:(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})[/.](\d{1,2})[/.](\d{4}))\s*$")


def parse_day(value: object) -> date:
    """Return the calendar day of ``"2026-12-05"`` or ``"5/12/2026"`` (day first, as in French)."""
    if isinstance(value, date):
        return value
    match = _DAY.match(str(value))
    if match:
        year, month, day = (match[1], match[2], match[3]) if match[1] else (match[6], match[5], match[4])
        try:
            return date(int(year), int(month), int(day))
        except ValueError:
            pass
    raise ValueError("une date comme « 2026-12-05 » ou « 5/12/2026 »")


def format_day(day: date, language: str = "fr") -> str:
    """Return a day in words in ``language``: ``samedi 5 décembre 2026``, ``mardi 1er décembre 2026``."""
    try:
        words = format_date(day, format="EEEE d MMMM y", locale=language)
    except (UnknownLocaleError, ValueError):
        language, words = "fr", format_date(day, format="EEEE d MMMM y", locale="fr")
    if language == "fr" and day.day == 1:
        words = words.replace(" 1 ", " 1er ", 1)
    return words


_TERM = re.compile(r"^\s*(\d+)\s*(?:min)?\s*/\s*(groupe|sous-groupe|participant·?e?|personne)s?\s*$", re.IGNORECASE)
_TIMING_HELP = (
    "une durée comme 90, « 90 min », « 1h30 » ou « 1:30 », ou qui suit le groupe comme « 5 + 5/groupe »"
)


def parse_timing(value: object) -> object:
    """Return ``{base, per_group, per_participant}`` for ``45``, ``"1h30"``, ``"5 + 5/groupe"``, ``"1/personne"``.

    A mapping is returned as it is, for the model to check its keys.
    """
    if isinstance(value, dict):
        return value
    if isinstance(value, bool):
        raise ValueError(_TIMING_HELP)
    if isinstance(value, int):
        return {"base": parse_duration(value)}
    timing = {"base": 0, "per_group": 0, "per_participant": 0}
    for term in str(value).split("+"):
        match = _TERM.match(term)
        if match:
            key = "per_group" if "groupe" in match[2].lower() else "per_participant"
            timing[key] += int(match[1])
            continue
        try:
            timing["base"] += parse_duration(term)
        except TooLong:
            raise
        except ValueError:
            raise ValueError(_TIMING_HELP) from None
    if max(timing.values()) > MAX_MINUTES:
        raise TooLong
    return timing


_RANGE = re.compile(r"^\s*(\d+)\s*(?:-|à|a)\s*(\d+)\s*$")


def parse_size_range(value: object) -> object:
    """Return ``{smallest, largest}`` for ``"4-6"`` or ``"4 à 6"``; ``{largest}`` alone for ``5``."""
    if isinstance(value, dict) or isinstance(value, bool):
        return value
    match = _RANGE.match(str(value))
    if match:
        return {"smallest": int(match[1]), "largest": int(match[2])}
    if str(value).strip().isdigit():
        return {"largest": int(str(value))}
    raise ValueError("une taille comme 5 ou un intervalle comme « 4-6 »")


def format_clock(moment: time) -> str:
    """Return a clock time the French way: ``9h30``, ``14h00``."""
    return f"{moment.hour}h{moment.minute:02d}"


def format_minutes(minutes: int) -> str:
    """Return a duration for print: ``45 min``, ``1 h 30``, ``3 h``."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest:02d}" if rest else f"{hours} h"


def counted(count: int, singular: str, plural: str) -> str:
    """Return ``count`` with its noun agreed in French: 0 and 1 take the singular (« 1 sous-groupe »)."""
    return f"{count} {singular if count <= 1 else plural}"
