"""The clock: each sitting laid out in its slot, fitted around the activities pinned to a time.

A session without ``sittings`` is one sitting. Each sitting is cut at its pinned
activities; the activities between two pins are fitted (:mod:`educpop.fitting`)
into the minutes between them, the last ones into what is left of the slot.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from educpop.daytime import PartOfDay, contradicted, part_of_day
from educpop.errors import BuildError
from educpop.fitting import Fitted, fit
from educpop.session.model import Activity
from educpop.session.values import format_clock, format_minutes

if TYPE_CHECKING:
    from educpop.plan import Options
    from educpop.session.load import Workshop


@dataclass(frozen=True)
class Slot:
    """An activity placed on the clock."""

    number: int  # 1-based position in the agenda
    activity: Activity
    start: time
    end: time
    #: how long it lasts for this group, once fitted
    minutes: int


@dataclass(frozen=True)
class Change:
    """What fitting the slot did to one activity: shortened to ``after`` minutes, or removed (``after`` 0)."""

    activity: Activity
    before: int
    after: int


@dataclass(frozen=True)
class SittingPlan:
    """One sitting on the clock: its day, its slot and the activities laid out in it."""

    number: int  # 1-based position in the cycle
    of: int  # sittings in the cycle
    title: str
    day: date | None
    start: time
    #: the minutes of the slot
    minutes: int
    slots: tuple[Slot, ...]
    changes: tuple[Change, ...]
    #: minutes from the start to the end of the last activity
    elapsed: int

    @property
    def end(self) -> time:
        """Return the clock time the last activity ends."""
        return _add_minutes(self.start, self.elapsed)

    @property
    def closes(self) -> time:
        """Return the clock time the slot ends."""
        return _add_minutes(self.start, self.minutes)

    @property
    def margin(self) -> int:
        """Return the minutes of the slot left free after the last activity."""
        return self.minutes - self.elapsed

    @property
    def used(self) -> int:
        """Return the minutes the activities last together."""
        return sum(slot.minutes for slot in self.slots)

    @property
    def past_midnight(self) -> bool:
        """Return whether the sitting ends on the next day."""
        return _minutes_of(self.start) + self.elapsed > 24 * 60

    @property
    def part_of_day(self) -> PartOfDay:
        """Return the part of the day the sitting falls in."""
        return part_of_day(self.start, self.elapsed)

    @property
    def dropped(self) -> list[Activity]:
        """Return the activities removed to fit the slot."""
        return [change.activity for change in self.changes if not change.after]


def _add_minutes(moment: time, minutes: int) -> time:
    return (datetime.combine(datetime(2000, 1, 1), moment) + timedelta(minutes=minutes)).time()


def _minutes_of(moment: time) -> int:
    return moment.hour * 60 + moment.minute


@dataclass(frozen=True)
class _Slot:
    """Where a sitting is, and where its slot came from (for messages)."""

    number: int
    of: int
    ident: str
    title: str
    day: date | None
    start: time
    minutes: int
    #: how the slot is named in a message: "les 3 h de la séance", "les 2 h demandées"
    named: str
    #: whether the slot is the session file's own (not an option's)
    from_file: bool


def _slots_of(workshop: Workshop, options: Options) -> list[_Slot]:
    session = workshop.session
    day = options.day or session.date
    if not session.sittings:
        minutes = options.duration or session.duration
        named = f"les {format_minutes(minutes)} " + ("demandées" if options.duration else "de la séance")
        return [_Slot(1, 1, "", "", day, options.start or session.start, minutes, named, not options.duration)]
    slots = []
    for number, sitting in enumerate(session.sittings, start=1):
        minutes = options.duration or sitting.duration or session.duration
        name = f"la séance « {sitting.title or sitting.id} »"
        named = f"les {format_minutes(minutes)} " + (f"demandées pour {name}" if options.duration else f"de {name}")
        slots.append(_Slot(
            number, len(session.sittings), sitting.id, sitting.title, sitting.date or day,
            options.start or sitting.start or session.start, minutes, named, not options.duration,
        ))
    return slots


#: a message names at most this many activities that could be cut
_LISTED = 10


def _cut_list(items: list[Fitted]) -> str:
    """Return what a facilitator could still cut by hand, with its minutes."""
    named = ", ".join(f"{item.activity.title} ({format_minutes(item.minutes)})" for item in items[:_LISTED])
    more = len(items) - _LISTED
    return (named or "rien") + (f" et {more} autres" if more > 0 else "")


def _lay_out(slot: _Slot, wanted: list[tuple[Activity, int]], first_number: int,
             warnings: list[str]) -> SittingPlan:
    """Return ``wanted`` fitted into ``slot`` around its pinned activities; raise BuildError when it cannot be."""
    segments: list[list[tuple[Activity, int]]] = [[]]
    for activity, minutes in wanted:
        if activity.at is not None:
            segments.append([])
        segments[-1].append((activity, minutes))
    begin = _minutes_of(slot.start)
    offset, fitted, changes = 0, [], []
    for index, segment in enumerate(segments):
        last = index == len(segments) - 1
        pin = None if last else segments[index + 1][0][0]
        until = slot.minutes if pin is None else _day_offset(pin.at, begin)
        result = fit(segment, until - offset)
        if result.shortfall:
            raise BuildError(_too_long(slot, pin, result.shortfall, list(result.kept)))
        for item in result.kept:
            if item.minutes != item.wanted:
                changes.append(Change(item.activity, item.wanted, item.minutes))
        changes += [Change(item.activity, item.wanted, 0) for item in result.dropped]
        fitted += list(result.kept)
        free = until - offset - result.minutes
        if pin is not None and pin.at is not None:
            if free > 0:
                warnings.append(f"{format_minutes(free)} libres avant « {pin.title} » (fixé à {format_clock(pin.at)})")
            offset = until
        else:
            offset += result.minutes
    total = sum(minutes for _, minutes in wanted)
    if slot.from_file and total > slot.minutes:
        warnings.append(f"le programme dure {format_minutes(total)}, plus que {slot.named} : il a été adapté")
    slots, clock = [], 0
    for number, item in enumerate(fitted, start=first_number):
        if item.activity.at is not None:
            clock = _day_offset(item.activity.at, begin)
        start = _add_minutes(slot.start, clock)
        slots.append(Slot(number, item.activity, start, _add_minutes(start, item.minutes), item.minutes))
        clock += item.minutes
    order = {activity.id: index for index, (activity, _) in enumerate(wanted)}
    changes.sort(key=lambda change: (change.after == 0, order[change.activity.id]))
    return SittingPlan(slot.number, slot.of, slot.title, slot.day, slot.start, slot.minutes,
                       tuple(slots), tuple(changes), clock)


def _day_offset(moment: time | None, begin: int) -> int:
    """Return the minutes from ``begin`` (minutes after midnight) to ``moment``, negative when it comes earlier."""
    return (0 if moment is None else _minutes_of(moment)) - begin


def _too_long(slot: _Slot, pin: Activity | None, shortfall: int, kept: list[Fitted]) -> str:
    """Return why a programme does not fit, by how many minutes, and what could still be cut."""
    if pin is not None and pin.at is not None:
        return (
            f"« {pin.title} » est fixé à {format_clock(pin.at)}, mais ce qui le précède dure "
            f"{format_minutes(shortfall)} de trop, même raccourci au plus court ; "
            f"à retirer ou raccourcir avant lui, au choix : {_cut_list(kept)}"
        )
    return (
        f"le programme ne tient pas dans {slot.named} : {format_minutes(shortfall)} de trop, "
        f"même raccourci au plus court ; à retirer ou raccourcir, au choix : {_cut_list(kept)}"
    )


def _clock_warnings(sitting: SittingPlan) -> list[str]:
    """Return a warning when the sitting runs past midnight, or when its activities' texts name another part of it."""
    where = f"la séance « {sitting.title} »" if sitting.title else "la séance"
    warnings = []
    if sitting.past_midnight:
        warnings.append(f"{where} finit après minuit, à {format_clock(sitting.end)} le lendemain")
    for slot in sitting.slots:
        activity = slot.activity
        texts = [activity.title, activity.instructions, activity.notes, *activity.steps,
                 *(material.item for material in activity.materials)]
        word = next((found for found in (contradicted(text, sitting.part_of_day) for text in texts) if found), "")
        if word:
            warnings.append(
                f"« {activity.title} » parle de « {word} », mais {where} commence à {format_clock(sitting.start)}"
            )
    return warnings


def lay_out(
    workshop: Workshop, options: Options, participants: int, groups: int, warnings: list[str]
) -> tuple[SittingPlan, ...]:
    """Return every sitting of ``workshop`` on the clock for the group.

    What the facilitator should know (free time, past midnight…) is added to
    ``warnings``. Raise BuildError when a sitting cannot be fitted into its slot
    or meet a pinned time.
    """
    slots = _slots_of(workshop, options)
    first = slots[0].ident
    sittings: list[SittingPlan] = []
    for slot in slots:
        wanted = [
            (activity, activity.duration.minutes(participants, groups))
            for activity in workshop.session.activities if (activity.sitting or first) == slot.ident
        ]
        sitting = _lay_out(slot, wanted, sum(len(done.slots) for done in sittings) + 1, warnings)
        warnings += _clock_warnings(sitting)
        sittings.append(sitting)
    return tuple(sittings)
