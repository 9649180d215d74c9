"""Timeline cards: the timeline's events on cards to cut out, for a « ligne du temps » game."""

from __future__ import annotations

import random
from typing import ClassVar

from educpop.document import Audience, Document, Heading, Inlines, Paragraph, Table, plain
from educpop.generators import Generator, PrintRun
from educpop.generators._words import phrases_for
from educpop.plan import Plan
from educpop.session.model import Grouping

#: the method whose activity plays with the cards
METHOD = "ligne-du-temps"
#: cards side by side on a sheet
COLUMNS = 2


class TimelineCards(Generator):
    """Events without their dates, shuffled: participants put them back in order."""

    name: ClassVar[str] = "timeline-cards"
    file_stem: ClassVar[str] = "cartes-ligne-du-temps"
    title: ClassVar[str] = "Cartes de la ligne du temps"
    audience: ClassVar[Audience] = Audience.PARTICIPANT
    order: ClassVar[int] = 27
    printing: ClassVar[str] = "single"

    def applies(self, plan: Plan) -> bool:
        """Return whether ``plan`` has a timeline and an activity that plays with it."""
        return bool(plan.workshop.session.timeline) and any(
            slot.activity.method == METHOD for slot in plan.slots
        )

    def copies(self, plan: Plan) -> list[PrintRun]:
        """Return one set of cards per sub-group playing, or one for the whole group."""
        in_subgroups = any(
            slot.activity.method == METHOD and slot.activity.grouping is Grouping.SUBGROUPS for slot in plan.slots
        )
        return [PrintRun(plan.subgroup_count if in_subgroups else 1)]

    def build(self, plan: Plan) -> Document:
        """Return the cards of ``plan``'s timeline, in an order that gives nothing away."""
        session = plan.workshop.session
        words = phrases_for(plan.workshop)
        events = [entry.event for entry in session.timeline]
        # Shuffled the same way at every build, so that a reprint matches the first one.
        random.Random(session.title).shuffle(events)
        cards: list[Inlines] = [plain(event) for event in events]
        cards += [[] for _ in range(-len(cards) % COLUMNS)]
        rows = [cards[index:index + COLUMNS] for index in range(0, len(cards), COLUMNS)]
        document = self.new_document(plan)
        document.add(
            Heading(1, plain(words.timeline_cards())),
            Paragraph(plain(words.timeline_cards_note(len(events))), "small"),
            Table(header=[], rows=rows, widths=[1.0] * COLUMNS, min_row_height_cm=3.2),
        )
        return document
