"""The plan: what happens when, with how many people, computed once for every document.

The guide's agenda, the question sheets' group labels and the print plan's copy
counts all read the same :class:`Plan`, so they cannot disagree. Its sittings
are laid out on the clock by :mod:`educpop.schedule`.
"""

from __future__ import annotations

import math
import string
from dataclasses import dataclass
from datetime import date, time
from typing import TYPE_CHECKING

from educpop.document import Block, Heading, inline_text, walk_text
from educpop.errors import BuildError, Problem
from educpop.schedule import Change, SittingPlan, Slot, lay_out
from educpop.session.model import Activity, Grouping, Material, Per, QuestionTheme, SubgroupSize
from educpop.session.values import counted

if TYPE_CHECKING:
    from educpop.session.load import Workshop


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
                section = " ".join(inline_text(heading.content).split()) if heading else ""
            parts.append(ArpentagePart(
                activity, number, count, begin + 1, end, len(paragraphs),
                tuple(b for p in paragraphs[begin:end] for b in p), section,
                sum(units[number - 1::count]),
            ))
        return parts

    def arpentage_shortfalls(self) -> list[Problem]:
        """Return a warning for each arpentage whose text has fewer paragraphs than the activity has readers.

        Such a text cannot be cut into a part per reading unit: units share parts.
        """
        problems = []
        for activity in self.arpentage_activities():
            source = next((s for s in self.workshop.session.sources if s.id == activity.source), None)
            if source is None:
                continue
            can = len(_paragraphs(self.workshop.texts.get(source.id, [])))
            units = len(self.reading_units(activity))
            if can >= units:
                continue
            who = _UNITS[activity.grouping]
            problems.append(Problem(
                self.workshop.folder / source.file, 0, 0, "",
                f"le texte « {source.title} » ne se découpe qu'en {counted(can, 'partie', 'parties')} pour l'arpentage "
                f"« {activity.title} », qui en demande {units} (une par {who}) : des {who}s liront la même partie. "
                "Séparez le texte en paragraphes (une ligne vide entre deux paragraphes), "
                "ou importez-le avec « educpop import »",
            ))
        return problems

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


#: who reads one part of an arpentage, by grouping (the plural adds an s)
_UNITS = {Grouping.PAIRS: "binôme", Grouping.SUBGROUPS: "sous-groupe",
          Grouping.PLENARY: "personne", Grouping.INDIVIDUAL: "personne"}


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


def _group_warnings(participants: int, workshop: Workshop) -> list[str]:
    group = workshop.session.group
    if participants < group.min:
        return [f"{participants} participant·e·s : moins que le minimum prévu (group.min : {group.min})"]
    if participants > group.max:
        return [f"{participants} participant·e·s : plus que le maximum prévu (group.max : {group.max})"]
    return []


def make_plan(workshop: Workshop, options: Options = Options()) -> Plan:
    """Return the plan of ``workshop``; raise BuildError if the options cannot be met."""
    session = workshop.session
    participants = options.participants or session.group.max
    if not 1 <= participants <= 500:
        raise BuildError(f"nombre de participant·e·s impossible : {participants} (de 1 à 500)")
    sizes, split_warning = split_subgroups(participants, session.group.subgroup_size)
    warnings = _group_warnings(participants, workshop) + ([split_warning] if split_warning else [])
    sittings = lay_out(workshop, options, participants, len(sizes), warnings)
    return Plan(workshop, participants, sizes, sittings, tuple(warnings))
