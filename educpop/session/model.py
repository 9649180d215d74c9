"""The session definition: what a facilitator writes in ``session.yaml``.

Pydantic models with ``extra="forbid"`` (unknown keys are errors) and
parsers for hand-written values. Cross-references (ids, files) are checked
by :mod:`educpop.session.load`, which knows where each value came from.
"""

from __future__ import annotations

from datetime import date, time
from enum import Enum
from typing import Annotated

from pydantic import BeforeValidator, ConfigDict, Field, model_validator

from educpop.diagnostics import sentence
from educpop.paper import paper_named
from educpop.schema import UserModel
from educpop.session.values import (
    PartialDate,
    parse_clock,
    parse_day,
    parse_duration,
    parse_period,
    parse_size_range,
    parse_timing,
    parse_yes_no,
)

Minutes = Annotated[int, BeforeValidator(parse_duration)]
ClockTime = Annotated[time, BeforeValidator(parse_clock)]
YesNo = Annotated[bool, BeforeValidator(parse_yes_no)]
Period = Annotated[tuple[PartialDate, PartialDate | None], BeforeValidator(parse_period)]
Day = Annotated[date, BeforeValidator(parse_day)]
Identifier = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=60)]
Line = Annotated[str, Field(min_length=1)]
#: a title becomes a heading, which must fit on a page
Title = Annotated[str, Field(min_length=1, max_length=200)]
#: any text field: longer ones belong in a source text (and would slow the PDF layout down)
MAX_FIELD_CHARS = 10_000
#: most entries of the glossary or the timeline: each is a table row of the handout, and
#: reportlab lays out all the rows left at every page of a table (time grows with the square)
MAX_ENTRIES = 1_000


def _paper(value: object) -> str:
    try:
        return paper_named(str(value)).name
    except ValueError as error:
        raise sentence(str(error)) from None


#: a name of :data:`educpop.paper.PAPERS`, as after ``--paper``
PaperName = Annotated[str, BeforeValidator(_paper)]


class _Model(UserModel):
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


class SubgroupSize(_Model):
    """How many people a sub-group holds: ``5`` (at most 5) or ``"4-6"`` (4 to 6)."""

    #: None for a single number: as many sub-groups of at most ``largest`` as needed
    smallest: Annotated[int, Field(ge=2, le=50)] | None = None
    largest: Annotated[int, Field(ge=2, le=50)]

    @model_validator(mode="after")
    def _smallest_below_largest(self) -> SubgroupSize:
        if self.smallest is not None and self.smallest > self.largest:
            raise ValueError(f"« {self.smallest}-{self.largest} » : le plus petit nombre vient en premier")
        return self

    def __str__(self) -> str:
        return str(self.largest) if self.smallest is None else f"{self.smallest}-{self.largest}"


class Group(_Model):
    """Expected group size; ``subgroup_size`` sets how sub-groups are formed."""

    min: Annotated[int, Field(ge=1, le=500)]
    max: Annotated[int, Field(ge=1, le=500)]
    subgroup_size: Annotated[SubgroupSize, BeforeValidator(parse_size_range)] = SubgroupSize(largest=5)

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


class Timing(_Model):
    """How long an activity lasts: ``base`` minutes, plus some per sub-group and per participant."""

    base: Annotated[int, Field(ge=0, le=1440)] = 0
    per_group: Annotated[int, Field(ge=0, le=240)] = 0
    per_participant: Annotated[int, Field(ge=0, le=60)] = 0

    @model_validator(mode="after")
    def _some_time(self) -> Timing:
        if not (self.base or self.per_group or self.per_participant):
            raise ValueError("une durée positive")
        return self

    def minutes(self, participants: int, groups: int) -> int:
        """Return the minutes the activity lasts for ``participants`` people in ``groups`` sub-groups."""
        return self.base + self.per_group * groups + self.per_participant * participants


class Activity(_Model):
    """One step of the workshop, with its method, timing and texts."""

    id: Identifier
    title: Title
    method: Line
    duration: Annotated[Timing, BeforeValidator(parse_timing)]
    #: the shortest it may become when the programme must fit a shorter slot
    min_duration: Minutes | None = None
    #: among optional activities, a higher priority is kept longer
    priority: Annotated[int, Field(ge=-100, le=100)] = 0
    #: a fixed clock time: the activities before it are laid out to meet it
    at: ClockTime | None = None
    #: id of the sitting it belongs to (default: the first)
    sitting: Identifier | None = None
    grouping: Grouping = Grouping.PLENARY
    optional: YesNo = False
    #: who leads it: a facilitator's name, printed on the feuille de route
    lead: Title | None = None
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

    @model_validator(mode="after")
    def _min_below_duration(self) -> Activity:
        timing = self.duration
        fixed = not (timing.per_group or timing.per_participant)
        if self.min_duration is not None and fixed and self.min_duration > timing.base:
            raise ValueError(f"min_duration ({self.min_duration} min) plus long que duration ({timing.base} min)")
        return self


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
    """A dated event; ``date`` is ``1917``, ``1917-03``, ``1917-03-08`` or a period (``1920-1921``)."""

    date: Period
    event: Line


class KeyFigure(_Model):
    """A figure to remember (``value``) and what it measures (``label``)."""

    value: Line
    label: Line


class Sitting(_Model):
    """One meeting of a cycle; what it leaves out comes from the session (``start``, ``duration``, ``date``)."""

    id: Identifier
    title: Annotated[str, Field(max_length=200)] = ""
    date: Day | None = None
    start: ClockTime | None = None
    duration: Minutes | None = None


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
    #: the day of the workshop (of every sitting that gives none)
    date: Day | None = None
    #: a cycle of several meetings; none: one sitting, from ``start`` for ``duration``
    sittings: list[Sitting] = []
    objectives: list[Line] = []
    materials: list[MaterialEntry] = []
    sources: list[Source] = []
    activities: Annotated[list[Activity], Field(min_length=1)]
    questions: list[QuestionTheme] = []
    glossary: Annotated[list[GlossaryEntry], Field(max_length=MAX_ENTRIES)] = []
    timeline: Annotated[list[TimelineEntry], Field(max_length=MAX_ENTRIES)] = []
    figures: list[KeyFigure] = []
    #: open questions added at the end of the evaluation form
    evaluation: list[Line] = []
    #: a theme folder inside the session folder (``theme/``), read by :func:`educpop.theme_file.choose_theme`
    theme: str = ""
    #: the paper the pack is printed on, unless ``--paper`` says otherwise
    paper: PaperName = "a4"
