"""Fitting a programme into a slot: shorten what may shrink, then drop what is optional.

The rule, as facilitators are told it: first the activities with a
``min_duration`` are shortened (optional ones before the others, lowest
``priority`` first), proportionally and in whole 5-minute steps where possible,
down to their minimum; when that is not enough, optional activities are
dropped, lowest priority first (ties: from the end), and only as many as
needed; the others are never touched.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from educpop.session.model import Activity

#: shortening goes by steps of this many minutes where the minimum allows it
STEP = 5


@dataclass(frozen=True)
class Fitted:
    """An activity kept in the programme, with the minutes it now lasts."""

    activity: Activity
    minutes: int
    #: the minutes it lasted for this group before fitting
    wanted: int


@dataclass(frozen=True)
class Fit:
    """The result of fitting: what is kept, what is dropped, and the minutes still too many."""

    kept: tuple[Fitted, ...]
    dropped: tuple[Fitted, ...]
    #: 0 when the programme fits; otherwise how much longer than the slot it stays, cut to the bone
    shortfall: int

    @property
    def minutes(self) -> int:
        """Return how long the kept activities last together."""
        return sum(item.minutes for item in self.kept)


def fit(wanted: list[tuple[Activity, int]], available: int) -> Fit:
    """Return ``wanted`` (activities with their minutes) fitted into ``available`` minutes."""
    droppable = sorted(
        (index for index, (activity, _) in enumerate(wanted) if activity.optional),
        key=lambda index: (wanted[index][0].priority, -index),
    )
    excess = sum(minutes for _, minutes in wanted) - available
    room = sum(minutes - _floor(activity, minutes) for activity, minutes in wanted)
    count = 0
    # Drop one more optional activity while shortening everything cannot absorb the excess.
    while excess > room and count < len(droppable):
        activity, minutes = wanted[droppable[count]]
        excess -= minutes
        room -= minutes - _floor(activity, minutes)
        count += 1
    gone = set(droppable[:count])
    kept = [(activity, minutes) for index, (activity, minutes) in enumerate(wanted) if index not in gone]
    cuts = _cuts(kept, excess)
    return Fit(
        tuple(Fitted(activity, minutes - cuts.get(activity.id, 0), minutes) for activity, minutes in kept),
        tuple(Fitted(wanted[index][0], 0, wanted[index][1]) for index in sorted(gone)),
        max(0, excess - room),
    )


def _floor(activity: Activity, minutes: int) -> int:
    """Return the fewest minutes ``activity`` may last."""
    return minutes if activity.min_duration is None else min(activity.min_duration, minutes)


def _tier(activity: Activity) -> tuple[bool, int]:
    return not activity.optional, activity.priority


def _cuts(kept: list[tuple[Activity, int]], excess: int) -> dict[str, int]:
    """Return the minutes to take off each activity (by id) so that ``excess`` minutes go."""
    cuts: dict[str, int] = {}
    shrinkable = sorted(((a, m) for a, m in kept if _floor(a, m) < m), key=lambda item: _tier(item[0]))
    for _, group in groupby(shrinkable, key=lambda item: _tier(item[0])):
        if excess <= 0:
            break
        rooms = {activity.id: minutes - _floor(activity, minutes) for activity, minutes in group}
        total = sum(rooms.values())
        if total <= excess:
            cuts.update(rooms)
            excess -= total
            continue
        cuts.update(_proportional(rooms, excess))
        excess = 0
    return cuts


def _proportional(rooms: dict[str, int], excess: int) -> dict[str, int]:
    """Return cuts of ``excess`` minutes shared in proportion to ``rooms``, in steps of :data:`STEP`.

    Each takes the whole steps of its share; the minutes left go a step at a
    time to those furthest below their share (the first in the programme on a
    tie). The last step may cut a few minutes more than needed: a margin.
    """
    total = sum(rooms.values())
    share = {ident: excess * room / total for ident, room in rooms.items()}
    cuts = {ident: min(rooms[ident], STEP * int(share[ident] // STEP)) for ident in rooms}
    left = excess - sum(cuts.values())
    order = list(rooms)
    while left > 0:
        behind = sorted((i for i in order if cuts[i] < rooms[i]), key=lambda i: cuts[i] - share[i])
        for ident in behind:
            step = min(STEP, rooms[ident] - cuts[ident])
            cuts[ident] += step
            left -= step
            if left <= 0:
                break
    return cuts
