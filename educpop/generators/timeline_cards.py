"""Timeline cards: the timeline's events on cards to cut out, for a « ligne du temps » game."""

from __future__ import annotations

import random
from typing import ClassVar

from educpop.document import Audience, Card, Cards, Document, RunningHeader, plain
from educpop.generators import Generator, PrintRun
from educpop.generators._words import phrases_for
from educpop.plan import Plan
from educpop.schedule import Slot
from educpop.session.dates_given import TIMELINE_GAME
from educpop.session.model import Grouping, TimelineEntry
from educpop.session.values import format_period

#: the method whose activity plays with the cards
METHOD = TIMELINE_GAME
#: cards side by side on a sheet
COLUMNS = 2


class TimelineCards(Generator):
    """Events without their dates, shuffled: participants put them back in order."""

    name: ClassVar[str] = "timeline-cards"
    file_stem: ClassVar[str] = "cartes-ligne-du-temps"
    title: ClassVar[str] = "Cartes de la ligne du temps"
    audience: ClassVar[Audience] = Audience.PARTICIPANT
    order: ClassVar[int] = 27
    #: the date on the back: two-sided, on the long edge, on card stock
    printing: ClassVar[str] = "cards"

    def applies(self, plan: Plan) -> bool:
        """Return whether ``plan`` has a timeline and an activity that plays with it."""
        return bool(plan.workshop.session.timeline) and any(
            slot.activity.method == METHOD for slot in plan.slots
        )

    def hands_out_at(self, plan: Plan, slot: Slot) -> bool:
        """Return whether ``slot``'s activity plays with the cards."""
        return slot.activity.method == METHOD and self.applies(plan)

    def copies(self, plan: Plan) -> list[PrintRun]:
        """Return one set of cards per sub-group playing, or one for the whole group."""
        in_subgroups = any(
            slot.activity.method == METHOD and slot.activity.grouping is Grouping.SUBGROUPS for slot in plan.slots
        )
        return [PrintRun(plan.subgroup_count if in_subgroups else 1)]

    def build(self, plan: Plan) -> Document:
        """Return the cards of ``plan``'s timeline, in an order that gives nothing away, each date on its back."""
        words = phrases_for(plan.workshop)
        entries = shuffled_entries(plan)
        document = self.new_document(plan)
        document.add(
            RunningHeader(words.timeline_cards_header(len(entries))),
            Cards([Card(plain(entry.event), format_period(*entry.date)) for entry in entries], COLUMNS),
        )
        return document


def shuffled_entries(plan: Plan) -> list[TimelineEntry]:
    """Return the timeline of ``plan`` shuffled the same way at every build, so that a reprint matches the first."""
    session = plan.workshop.session
    entries = list(session.timeline)
    random.Random(session.title).shuffle(entries)
    return entries
