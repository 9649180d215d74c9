"""The feuille de route: one page per sitting for the facilitator's hand, with what to hand out when."""

from __future__ import annotations

from typing import ClassVar

from educpop.document import Audience, Block, Document, Heading, Inlines, Paragraph, Table, Text, plain
from educpop.generators import Generator, registry
from educpop.generators._common import agenda_heading, page_per_sitting
from educpop.generators._words import PhraseBook
from educpop.plan import Plan
from educpop.schedule import SittingPlan, Slot
from educpop.session.values import format_clock, format_minutes


class Roadmap(Generator):
    """The programme as the facilitator runs it: who leads, what to hand out, where time can be won."""

    name: ClassVar[str] = "roadmap"
    file_stem: ClassVar[str] = "feuille-de-route"
    title: ClassVar[str] = "Feuille de route"
    audience: ClassVar[Audience] = Audience.FACILITATOR
    order: ClassVar[int] = 12
    printing: ClassVar[str] = "single"
    per_sitting: ClassVar[bool] = True

    def build(self, plan: Plan) -> Document:
        """Return the feuille de route of ``plan``: one page per sitting."""
        return page_per_sitting(self.new_document(plan), plan, self._page)

    def _page(self, plan: Plan, sitting: SittingPlan, words: PhraseBook) -> list[Block]:
        header = [plain(words.roadmap_header_time()), plain(words.roadmap_header_activity()),
                  plain(words.roadmap_header_lead()), plain(words.roadmap_header_hand_out()),
                  plain(words.roadmap_header_saving()), plain(words.roadmap_header_real())]
        rows: list[list[Inlines]] = [
            # The start only: the next row's start is this one's end, and « heure réelle » pairs with it.
            [[Text(format_clock(slot.start), bold=True)], plain(f"{slot.number}. {slot.activity.title}"),
             plain(slot.activity.lead or ""), plain(hand_outs(plan, slot)), plain(savings(slot, words)), []]
            for slot in sitting.slots
        ]
        blocks: list[Block] = [
            Heading(1, plain(words.roadmap())),
            Paragraph([Text(plan.workshop.session.title, bold=True)], "lead"),
            Heading(2, plain(agenda_heading(plan, sitting, words))),
            Paragraph(plain(words.roadmap_note()), "small"),
            Table(header=header, rows=rows, widths=[1.1, 4.2, 2, 2.6, 2.2, 1.6], row_height="handwriting",
                  unbroken=True),
        ]
        if sitting.margin > 0:
            end = words.margin(format_minutes(sitting.margin), format_clock(sitting.end), format_clock(sitting.closes))
        else:
            end = words.roadmap_end(format_clock(sitting.end))
        return [*blocks, Paragraph(plain(end), "small")]


def hand_outs(plan: Plan, slot: Slot) -> str:
    """Return the documents of the pack handed out during ``slot``, as the generators say, in pack order."""
    return " ; ".join(
        generator.title for generator in registry().values()
        if generator.applies(plan) and generator.hands_out_at(plan, slot)
    )


def savings(slot: Slot, words: PhraseBook) -> str:
    """Return the minutes dropping ``slot``'s optional activity, or shortening it to its minimum, would win."""
    activity = slot.activity
    found = []
    shortest = activity.min_duration
    if shortest is not None and shortest < slot.minutes:
        found.append(words.roadmap_shorten(format_minutes(slot.minutes - shortest), format_minutes(shortest)))
    if activity.optional:
        found.append(words.roadmap_drop(format_minutes(slot.minutes)))
    return " ; ".join(found)
