"""The session definition: what a facilitator writes in ``session.yaml``.

Pydantic models with ``extra="forbid"`` (unknown keys are errors) and
parsers for hand-written values. Cross-references (ids, files) are checked
by :mod:`educpop.session.load`, which knows where each value came from.
"""

from __future__ import annotations

from datetime import time
from enum import Enum
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from educpop.session.values import parse_clock, parse_duration, parse_partial_date, parse_yes_no

Minutes = Annotated[int, BeforeValidator(parse_duration)]
ClockTime = Annotated[time, BeforeValidator(parse_clock)]
YesNo = Annotated[bool, BeforeValidator(parse_yes_no)]
PartialDate = Annotated[tuple[int, int, int], BeforeValidator(parse_partial_date)]
Identifier = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=60)]
Line = Annotated[str, Field(min_length=1)]
#: a title becomes a heading, which must fit on a page
Title = Annotated[str, Field(min_length=1, max_length=200)]
#: any text field: longer ones belong in a source text (and would slow the PDF layout down)
MAX_FIELD_CHARS = 10_000


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, str_max_length=MAX_FIELD_CHARS)


class Grouping(str, Enum):
    """How participants work during an activity."""

    PLENARY = "plenary"
    SUBGROUPS = "subgroups"
    PAIRS = "pairs"
    INDIVIDUAL = "individual"


class Level(str, Enum):
    """The three steps of a question sheet, from the text to today's world."""

    UNDERSTAND = "understand"
    ANALYSE = "analyse"
    TODAY = "today"


class Per(str, Enum):
    """What a quantity of material is counted for."""

    SESSION = "session"
    GROUP = "group"
    PARTICIPANT = "participant"


class Group(_Model):
    """Expected group size; ``subgroup_size`` sets how sub-groups are formed."""

    min: Annotated[int, Field(ge=1, le=500)]
    max: Annotated[int, Field(ge=1, le=500)]
    subgroup_size: Annotated[int, Field(ge=2, le=50)] = 5

    @model_validator(mode="after")
    def _min_below_max(self) -> Group:
        if self.min > self.max:
            raise ValueError(f"min ({self.min}) plus grand que max ({self.max})")
        return self


class Source(_Model):
    """A text participants work on, kept as Markdown in the session folder."""

    id: Identifier
    title: Title
    author: str = ""
    date: str = ""
    file: Line


class Material(_Model):
    """Something to bring: ``quantity`` items per session, per sub-group or per participant."""

    item: Line
    quantity: Annotated[int, Field(ge=1)] = 1
    per: Per = Per.SESSION


def _material_from_text(value: object) -> object:
    return {"item": value} if isinstance(value, str) else value


MaterialEntry = Annotated[Material, BeforeValidator(_material_from_text)]


class Activity(_Model):
    """One step of the workshop, with its method, timing and texts."""

    id: Identifier
    title: Title
    method: Line
    duration: Minutes
    grouping: Grouping = Grouping.PLENARY
    optional: YesNo = False
    #: read aloud to participants
    instructions: str = ""
    #: for the facilitator only
    notes: str = ""
    steps: list[Line] = []
    materials: list[MaterialEntry] = []
    #: id of a source the activity works on (arpentage)
    source: Identifier | None = None
    #: ids of question themes handed out (one sheet per theme)
    questions: list[Identifier] = []
    #: statements read aloud in a débat mouvant
    statements: list[Line] = []
    #: debriefing questions, for the facilitator
    debrief: list[Line] = []


class Question(_Model):
    """A discussion question; ``hint`` is an expected answer, for the facilitator only."""

    level: Level
    text: Line
    hint: str = ""


class QuestionTheme(_Model):
    """A sheet of questions on one theme, optionally about one source."""

    id: Identifier
    title: Title
    source: Identifier | None = None
    items: Annotated[list[Question], Field(min_length=1)]


class GlossaryEntry(_Model):
    """A word explained; ``original`` keeps it in its own script (совет)."""

    term: Line
    original: str = ""
    definition: Line


class TimelineEntry(_Model):
    """A dated event; ``date`` is ``1917``, ``1917-03`` or ``1917-03-08``."""

    date: PartialDate
    event: Line


class KeyFigure(_Model):
    """A figure to remember (``value``) and what it measures (``label``)."""

    value: Line
    label: Line


class Session(_Model):
    """A whole workshop definition."""

    title: Title
    subtitle: Annotated[str, Field(max_length=200)] = ""
    language: Annotated[str, Field(pattern=r"^[a-z]{2}$")] = "fr"
    organisation: str = ""
    audience: str = ""
    venue: str = ""
    #: how to set the room up (for the facilitator only: never on what participants or funders see)
    venue_notes: str = ""
    facilitators: list[Line] = []
    group: Group
    duration: Minutes
    start: ClockTime
    objectives: list[Line] = []
    materials: list[MaterialEntry] = []
    sources: list[Source] = []
    activities: Annotated[list[Activity], Field(min_length=1)]
    questions: list[QuestionTheme] = []
    glossary: list[GlossaryEntry] = []
    timeline: list[TimelineEntry] = []
    figures: list[KeyFigure] = []
    #: open questions added at the end of the evaluation form
    evaluation: list[Line] = []
    #: a theme folder inside the session folder (``theme/``), read by :func:`educpop.theme_file.choose_theme`
    theme: str = ""
