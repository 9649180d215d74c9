"""The plan: what happens when, with how many people, computed once for every document.

The guide's agenda, the question sheets' group labels and the print plan's copy
counts all read the same :class:`Plan`, so they cannot disagree. A session is
one or more sittings; each is fitted into its own slot (:mod:`educpop.fitting`),
around the activities pinned to a clock time.
"""

from __future__ import annotations

import math
import string
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from educpop.daytime import PartOfDay, contradicted, part_of_day
from educpop.document import Block, Heading, walk_text
from educpop.errors import BuildError
from educpop.fitting import Fitted, fit
from educpop.session.model import Activity, Grouping, Material, Per, QuestionTheme, SubgroupSize
from educpop.session.values import format_clock, format_minutes

if TYPE_CHECKING:
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


@dataclass(frozen=True)
class SubgroupSheet:
    """The question sheet one sub-group receives during one activity."""

    activity: Activity
    group_label: str  # "A", "B", ...
    theme: QuestionTheme


@dataclass(frozen=True)
class ArpentagePart:
    """One part of a text cut for an arpentage, and where it sits in the whole text."""

    activity: Activity
    number: int  # 1-based
    of: int  # how many parts the text is cut into
    first: int  # 1-based number of its first paragraph in the whole text
    last: int
    total: int  # paragraphs in the whole text
    blocks: tuple[Block, ...]
    #: title of the section the part starts in, when it starts in the middle of it
    section: str
    #: how many people read it: the copies to print
    readers: int


@dataclass(frozen=True)
class Options:
    """What a facilitator may change at build time without editing the session."""

    participants: int | None = None
    #: replaces the start of every sitting
    start: time | None = None
    #: minutes; replaces the slot of every sitting, which is then fitted to it
    duration: int | None = None
    #: replaces the session's day (sittings with a date of their own keep it)
    day: date | None = None


@dataclass(frozen=True)
class Plan:
    """A workshop with its clock times, group sizes and sub-groups decided."""

    workshop: Workshop
    participants: int
    #: how many people each sub-group holds, largest first
    subgroup_sizes: tuple[int, ...]
    sittings: tuple[SittingPlan, ...]
    #: what the facilitator should know before printing (group out of range, free time…)
    warnings: tuple[str, ...]

    @property
    def slots(self) -> list[Slot]:
        """Return every activity on the clock, sitting after sitting."""
        return [slot for sitting in self.sittings for slot in sitting.slots]

    @property
    def dropped(self) -> list[Activity]:
        """Return the activities removed to fit the slots."""
        return [activity for sitting in self.sittings for activity in sitting.dropped]

    @property
    def changes(self) -> list[Change]:
        """Return what fitting the slots changed, sitting after sitting."""
        return [change for sitting in self.sittings for change in sitting.changes]

    @property
    def subgroup_count(self) -> int:
        """Return how many sub-groups the participants form."""
        return len(self.subgroup_sizes)

    def subgroup_labels(self) -> list[str]:
        """Return the sub-group labels, all different: A, B… Z, then AA, AB… AZ, BA… (as spreadsheet columns)."""
        labels = []
        for number in range(1, self.subgroup_count + 1):
            label = ""
            while number:
                number, letter = divmod(number - 1, 26)
                label = string.ascii_uppercase[letter] + label
            labels.append(label)
        return labels

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

    @property
    def facilitator_count(self) -> int:
        """Return how many facilitators run the workshop (at least one)."""
        return max(1, len(self.workshop.session.facilitators))

    def reading_units(self, activity: Activity) -> list[int]:
        """Return the size of each reading unit of an arpentage: a pair, a sub-group or one person.

        In plenary, as alone, everyone reads a part of their own.
        """
        if activity.grouping is Grouping.PAIRS:
            pairs, alone = divmod(self.participants, 2)
            return [2] * pairs + [1] * alone
        if activity.grouping is Grouping.SUBGROUPS:
            return list(self.subgroup_sizes)
        return [1] * self.participants

    def arpentage_activities(self) -> list[Activity]:
        """Return the activities of the agenda that cut a source text for an arpentage."""
        return [
            slot.activity for slot in self.slots
            if slot.activity.method.strip().lower() == "arpentage" and slot.activity.source
        ]

    def arpentage_parts(self, activity: Activity) -> list[ArpentagePart]:
        """Return the parts ``activity``'s text is cut into: one per reading unit, cut between paragraphs.

        There are never more parts than paragraphs: reading units then share a part
        (dealt in turn, so the first parts may have more readers).
        """
        blocks = self.workshop.texts.get(activity.source or "", [])
        paragraphs = _paragraphs(blocks)
        units = self.reading_units(activity)
        count = min(len(units), len(paragraphs))
        if count == 0:
            return []
        starts = _balanced_cuts([_length(p) for p in paragraphs], count)
        parts = []
        for number, (begin, end) in enumerate(zip(starts, [*starts[1:], len(paragraphs)], strict=True), start=1):
            section = ""
            if not isinstance(paragraphs[begin][0], Heading):
                heading = next((b for p in reversed(paragraphs[:begin]) for b in reversed(p)
                                if isinstance(b, Heading)), None)
                section = " ".join("".join(run.text for run in heading.content).split()) if heading else ""
            parts.append(ArpentagePart(
                activity, number, count, begin + 1, end, len(paragraphs),
                tuple(b for p in paragraphs[begin:end] for b in p), section,
                sum(units[number - 1::count]),
            ))
        return parts

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


def _paragraphs(blocks: list[Block]) -> list[list[Block]]:
    """Return ``blocks`` as paragraphs, each heading kept with the block that follows it."""
    paragraphs: list[list[Block]] = []
    pending: list[Block] = []
    for block in blocks:
        pending.append(block)
        if not isinstance(block, Heading):
            paragraphs.append(pending)
            pending = []
    if pending:  # headings at the very end: they belong to the last paragraph
        if paragraphs:
            paragraphs[-1] += pending
        else:
            paragraphs.append(pending)
    return paragraphs


def _length(paragraph: list[Block]) -> int:
    return sum(len(text) for text in walk_text(paragraph))


_WORST = float("inf")


def _next_row(prefix: list[int], previous: list[float], k: int, hi: int) -> tuple[list[float], list[int]]:
    """Return the least cost of ``k`` runs ending at each index up to ``hi``, and where the last run starts.

    ``previous`` holds the least costs of ``k - 1`` runs; ``prefix`` the running sums of the lengths.
    """
    n = len(prefix) - 1
    current: list[float] = [_WORST] * (n + 1)
    choice = [0] * (n + 1)

    def solve(lo: int, hi: int, first: int, last: int) -> None:
        if lo > hi:
            return
        mid = (lo + hi) // 2
        best, best_at = _WORST, first
        for i in range(first, min(mid - 1, last) + 1):
            cost = previous[i] + (prefix[mid] - prefix[i]) ** 2
            if cost < best:
                best, best_at = cost, i
        current[mid], choice[mid] = best, best_at
        solve(lo, mid - 1, first, best_at)
        solve(mid + 1, hi, best_at, last)

    solve(k, hi, k - 1, n - 1)
    return current, choice


def _balanced_cuts(lengths: list[int], parts: int) -> list[int]:
    """Return the first index of each of ``parts`` runs of ``lengths``, with sums as even as can be.

    Least sum of squared run lengths, by dynamic programming; the best cut points
    move forward as the run end does, which lets divide and conquer find them in
    O(parts · n · log n) rather than O(parts · n²) for long texts.
    """
    n = len(lengths)
    prefix = [0]
    for length in lengths:
        prefix.append(prefix[-1] + max(length, 1))
    previous: list[float] = [0.0] + [_WORST] * n
    choices: list[list[int]] = []
    for k in range(1, parts + 1):
        previous, choice = _next_row(prefix, previous, k, n - (parts - k))
        choices.append(choice)
    starts, end = [], n
    for choice in reversed(choices):
        end = choice[end]
        starts.append(end)
    return starts[::-1]


def _add_minutes(moment: time, minutes: int) -> time:
    return (datetime.combine(datetime(2000, 1, 1), moment) + timedelta(minutes=minutes)).time()


def split_subgroups(participants: int, size: SubgroupSize) -> tuple[tuple[int, ...], str]:
    """Return the sizes of the sub-groups ``participants`` form, largest first, and a warning ("" if none).

    A single number: as many sub-groups of at most that size as needed. A range:
    the fewest sub-groups whose sizes all fall in it, as equal as possible; when
    none fits, as many as the largest size needs, and a warning saying so.
    """
    fewest = max(1, math.ceil(participants / size.largest))
    if size.smallest is None:
        return _even(participants, fewest), ""
    for count in range(fewest, participants + 1):
        sizes = _even(participants, count)
        if sizes[-1] < size.smallest:
            break
        if sizes[0] <= size.largest:
            return sizes, ""
    sizes = _even(participants, fewest)
    warning = (
        f"{participants} participant·e·s ne se partagent pas en sous-groupes de {size} personnes : "
        f"{_groups_in_words(sizes)}"
    )
    return sizes, warning


def _even(people: int, count: int) -> tuple[int, ...]:
    base, extra = divmod(people, count)
    return tuple(base + (1 if index < extra else 0) for index in range(count))


def _groups_in_words(sizes: tuple[int, ...]) -> str:
    """Return ``2 sous-groupes de 4 et 3 personnes``, ``4 sous-groupes de 6 personnes``."""
    different = sorted(set(sizes), reverse=True)
    people = " et ".join(str(size) for size in different)
    noun = "sous-groupe" if len(sizes) == 1 else "sous-groupes"
    return f"{len(sizes)} {noun} de {people} personnes"


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
    if changes and slot.from_file:
        total = sum(minutes for _, minutes in wanted)
        warnings.append(f"le programme dure {format_minutes(total)}, plus que {slot.named} : il a été adapté")
    slots, clock = [], 0
    pinned = {item.activity.id for item in fitted if item.activity.at is not None}
    for number, item in enumerate(fitted, start=first_number):
        if item.activity.id in pinned and item.activity.at is not None:
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


def _group_warnings(participants: int, workshop: Workshop) -> list[str]:
    group = workshop.session.group
    if participants < group.min:
        return [f"{participants} participant·e·s : moins que le minimum prévu (group.min : {group.min})"]
    if participants > group.max:
        return [f"{participants} participant·e·s : plus que le maximum prévu (group.max : {group.max})"]
    return []


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


def make_plan(workshop: Workshop, options: Options = Options()) -> Plan:
    """Return the plan of ``workshop``; raise BuildError if the options cannot be met."""
    session = workshop.session
    participants = options.participants or session.group.max
    if not 1 <= participants <= 500:
        raise BuildError(f"nombre de participant·e·s impossible : {participants} (de 1 à 500)")
    sizes, split_warning = split_subgroups(participants, session.group.subgroup_size)
    warnings = _group_warnings(participants, workshop) + ([split_warning] if split_warning else [])
    slots = _slots_of(workshop, options)
    first = slots[0].ident
    sittings: list[SittingPlan] = []
    for slot in slots:
        wanted = [
            (activity, activity.duration.minutes(participants, len(sizes)))
            for activity in session.activities if (activity.sitting or first) == slot.ident
        ]
        sitting = _lay_out(slot, wanted, sum(len(done.slots) for done in sittings) + 1, warnings)
        warnings += _clock_warnings(sitting)
        sittings.append(sitting)
    return Plan(workshop, participants, sizes, tuple(sittings), tuple(warnings))
