"""Timeline events whose text gives a date away: on the face of a card, it would tell the card's place."""

from __future__ import annotations

import re

from educpop.errors import Problem
from educpop.session.model import Session
from educpop.session.yamlsource import YamlSource

#: the method of the game played with the timeline's cards (« ligne du temps »)
TIMELINE_GAME = "ligne-du-temps"

_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre")
#: a day and month (« 9 janvier », « 1er mai »), a month, or a year of four digits
_DATE = re.compile(r"(?<![\w])(?:(?:1er|\d{1,2})[\s\u00a0\u202f]+)?(?:" + "|".join(_MONTHS) + r")(?![\w])"
                   r"|(?<![\d\w])1\d{3}(?![\d\w])|(?<![\d\w])20\d{2}(?![\d\w])", re.IGNORECASE)


def date_in(text: str) -> str:
    """Return the first date ``text`` names (a day and month, a month or a year), or "" when it names none."""
    found = _DATE.search(text)
    return found[0] if found else ""


def dates_given(session: Session, source: YamlSource) -> list[Problem]:
    """Return a warning for each timeline event whose text names a date, when a game deals them out as cards."""
    if not any(activity.method == TIMELINE_GAME for activity in session.activities):
        return []
    warnings = []
    for index, entry in enumerate(session.timeline):
        found = date_in(entry.event)
        if found:
            warnings.append(source.problem(("timeline", index, "event"), (
                f"le texte de l'événement donne une date (« {found} ») : sur sa carte, elle dit sa place dans "
                "le jeu ; la date est déjà au dos, écrivez l'événement sans elle")))
    return warnings
