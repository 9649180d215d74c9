"""Parsers for the values facilitators write by hand: durations, clock times, yes/no, dates.

The YAML loader hands every scalar over as the text the user typed, so these
parsers see ``1:30`` and ``01:30`` alike (YAML 1.1 would have read the first
as the integer 90) and ``non`` stays text unless the field is a yes/no.
"""

from __future__ import annotations

import re
from datetime import time

_DURATION = re.compile(
    r"""^\s*(?:
        (?P<min_only>\d+)\s*(?:min|mn|minutes?)?\.?       # 90, "90 min"
      | (?P<h>\d+)\s*h(?:eures?)?\s*(?P<m>\d{1,2})?\s*(?:min|mn)?   # 1h30, 2h, "1 h 30"
      | (?P<hh>\d+):(?P<mm>[0-5]\d)                        # 1:30, 01:30
    )\s*$""",
    re.VERBOSE | re.IGNORECASE,
)


def parse_duration(value: object) -> int:
    """Return the number of minutes in ``value`` (``90``, ``"90 min"``, ``"1h30"``, ``"1:30"``)."""
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


_DATE = re.compile(r"^(\d{3,4})(?:-(\d{2})(?:-(\d{2}))?)?$")

_MONTHS_FR = (
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
).split()


def parse_partial_date(value: object) -> tuple[int, int, int]:
    """Return ``(year, month, day)`` of ``"1917"``, ``"1917-03"`` or ``"1917-03-08"`` (0 = unknown)."""
    match = _DATE.match(str(value).strip())
    if match:
        year, month, day = int(match[1]), int(match[2] or 0), int(match[3] or 0)
        if month <= 12 and day <= 31 and (month or not day):
            return year, month, day
    raise ValueError("une date comme « 1917 », « 1917-03 » ou « 1917-03-08 »")


def format_partial_date(date: tuple[int, int, int]) -> str:
    """Return a partial date in French: ``8 mars 1917``, ``mars 1917``, ``1917``."""
    year, month, day = date
    if not month:
        return str(year)
    day_text = "1er" if day == 1 else str(day)
    month_text = f"{_MONTHS_FR[month - 1]} {year}"
    return f"{day_text} {month_text}" if day else month_text


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
