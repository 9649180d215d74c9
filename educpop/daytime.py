"""Parts of the day: which one a sitting falls in, and which ones a facilitator's text names."""

from __future__ import annotations

import re
from datetime import time
from enum import Enum


class PartOfDay(str, Enum):
    """When a sitting takes place, as the documents say it (« la matinée », « la soirée »)."""

    MORNING = "morning"
    AFTERNOON = "afternoon"
    EVENING = "evening"
    #: from the morning into the afternoon
    DAY = "day"


#: a sitting that starts before noon is a morning; before 18h, an afternoon; later, an evening
NOON, EVENING = 12 * 60, 18 * 60


def part_of_day(start: time, minutes: int) -> PartOfDay:
    """Return the part of the day of a sitting starting at ``start`` and lasting ``minutes``."""
    begin = start.hour * 60 + start.minute
    if begin < NOON:
        # Past 14h it is no longer a long morning: it is a day.
        return PartOfDay.DAY if begin + minutes > NOON + 120 else PartOfDay.MORNING
    return PartOfDay.AFTERNOON if begin < EVENING else PartOfDay.EVENING


#: the words that name a part of the day, in the facilitators' French
_NAMED = (
    (PartOfDay.MORNING, re.compile(r"\b(?:matin|matinée|matinées)\b", re.IGNORECASE)),
    (PartOfDay.AFTERNOON, re.compile(r"\baprès-midi\b", re.IGNORECASE)),
    (PartOfDay.EVENING, re.compile(r"\b(?:soir|soirée|soirées)\b", re.IGNORECASE)),
)

_FITS = {
    PartOfDay.MORNING: {PartOfDay.MORNING},
    PartOfDay.AFTERNOON: {PartOfDay.AFTERNOON},
    PartOfDay.EVENING: {PartOfDay.EVENING},
    PartOfDay.DAY: {PartOfDay.MORNING, PartOfDay.AFTERNOON},
}


def contradicted(text: str, actual: PartOfDay) -> str:
    """Return the first word of ``text`` naming a part of the day other than ``actual`` ("" if none)."""
    for part, pattern in _NAMED:
        if part not in _FITS[actual]:
            found = pattern.search(text)
            if found:
                return found[0]
    return ""
