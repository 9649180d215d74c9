"""The plan: what happens when, with how many people, computed once for every document.

The guide's agenda, the question sheets' group labels and the print plan's copy
counts all read the same :class:`Plan`, so they cannot disagree.
"""

from __future__ import annotations

import math
import string
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

from educpop.errors import BuildError
from educpop.session.model import Activity, Grouping, Material, Per, QuestionTheme
from educpop.session.values import format_minutes

if TYPE_CHECKING:
    from educpop.session.load import Workshop


@dataclass(frozen=True)
class Slot:
    """An activity placed on the clock."""

    number: int  # 1-based position in the agenda
    activity: Activity
    start: time
    end: time


@dataclass(frozen=True)
class SubgroupSheet:
    """The question sheet one sub-group receives during one activity."""

    activity: Activity
    group_label: str  # "A", "B", ...
    theme: QuestionTheme


@dataclass(frozen=True)
class Options:
    """What a facilitator may change at build time without editing the session."""

    participants: int | None = None
    start: time | None = None
    duration: int | None = None  # minutes; optional activities are dropped to fit


@dataclass(frozen=True)
class Plan:
    """A workshop with its clock times, group sizes and sub-groups decided."""

    workshop: Workshop
    participants: int
    start: time
    duration: int
    slots: tuple[Slot, ...]
    dropped: tuple[Activity, ...]

    @property
    def end(self) -> time:
        """Return the clock time the last activity ends."""
        return self.slots[-1].end

    @property
    def subgroup_count(self) -> int:
        """Return how many sub-groups the participants form."""
        size = self.workshop.session.group.subgroup_size
        return max(1, math.ceil(self.participants / size))

    def subgroup_labels(self) -> list[str]:
        """Return the sub-group labels: A, B, C..."""
        letters = string.ascii_uppercase
        return [letters[i % 26] + ("" if i < 26 else str(i // 26)) for i in range(self.subgroup_count)]

    def subgroup_sheets(self) -> list[SubgroupSheet]:
        """Return one question sheet per sub-group and activity, themes dealt in turn."""
        themes = {theme.id: theme for theme in self.workshop.session.questions}
        sheets = []
        for slot in self.slots:
            chosen = [themes[theme_id] for theme_id in slot.activity.questions]
            if not chosen:
                continue
            labels = self.subgroup_labels() if slot.activity.grouping is Grouping.SUBGROUPS else [""]
            for index, label in enumerate(labels):
                sheets.append(SubgroupSheet(slot.activity, label, chosen[index % len(chosen)]))
        return sheets

    def quantity(self, material: Material) -> int:
        """Return how many of ``material`` to bring for this group."""
        factor = {
            Per.SESSION: 1,
            Per.GROUP: self.subgroup_count,
            Per.PARTICIPANT: self.participants,
        }[material.per]
        return material.quantity * factor

    def materials(self) -> list[tuple[str, int]]:
        """Return every item to bring with its total quantity, in order of first mention."""
        totals: dict[str, int] = {}
        session = self.workshop.session
        for material in [*session.materials, *(m for s in self.slots for m in s.activity.materials)]:
            totals[material.item] = totals.get(material.item, 0) + self.quantity(material)
        return list(totals.items())


def _add_minutes(moment: time, minutes: int) -> time:
    return (datetime.combine(datetime(2000, 1, 1), moment) + timedelta(minutes=minutes)).time()


def make_plan(workshop: Workshop, options: Options = Options()) -> Plan:
    """Return the plan of ``workshop``; raise BuildError if the options cannot be met."""
    session = workshop.session
    participants = options.participants or session.group.max
    if not 1 <= participants <= 500:
        raise BuildError(f"nombre de participant·e·s impossible : {participants} (de 1 à 500)")
    duration = options.duration or session.duration
    activities = list(session.activities)
    dropped: list[Activity] = []
    # Shorten from the end: the optional activities nearest the close go first.
    for activity in reversed(session.activities):
        if sum(a.duration for a in activities) <= duration:
            break
        if activity.optional:
            activities.remove(activity)
            dropped.insert(0, activity)
    total = sum(a.duration for a in activities)
    if total > duration:
        raise BuildError(
            f"le programme dure {format_minutes(total)} même sans les activités facultatives, "
            f"plus que les {format_minutes(duration)} demandées"
        )
    start = options.start or session.start
    clock = start
    slots = []
    for number, activity in enumerate(activities, start=1):
        end = _add_minutes(clock, activity.duration)
        slots.append(Slot(number, activity, clock, end))
        clock = end
    return Plan(workshop, participants, start, duration, tuple(slots), tuple(dropped))
