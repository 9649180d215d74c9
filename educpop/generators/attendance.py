"""The attendance sheet: who came, as organisations must keep it, with what the data are for."""

from __future__ import annotations

from typing import ClassVar

from educpop.document import Audience, Block, Document, Heading, Inlines, Paragraph, Table, Text, plain
from educpop.generators import Generator, PrintRun
from educpop.generators._common import day_words, page_per_sitting
from educpop.generators._words import PhraseBook
from educpop.plan import Plan
from educpop.schedule import SittingPlan, Slot
from educpop.session.values import format_clock

#: blank rows beyond the expected group, for people who turn up unannounced
SPARE_ROWS = 5


class AttendanceSheet(Generator):
    """One sheet passed round the room; it carries nothing meant for the facilitator alone."""

    name: ClassVar[str] = "attendance"
    file_stem: ClassVar[str] = "liste-presence"
    title: ClassVar[str] = "Liste de présence"
    audience: ClassVar[Audience] = Audience.PARTICIPANT
    order: ClassVar[int] = 40
    printing: ClassVar[str] = "single"
    per_sitting: ClassVar[bool] = True

    def hands_out_at(self, plan: Plan, slot: Slot) -> bool:
        """Return whether ``slot`` opens a sitting: the sheet goes round from the start."""
        return any(sitting.slots[:1] == (slot,) for sitting in plan.sittings)

    def rows(self, plan: Plan) -> int:
        """Return how many numbered rows the sheet has: the largest expected group and a few more."""
        return max(plan.workshop.session.group.max, plan.participants) + SPARE_ROWS

    def build(self, plan: Plan) -> Document:
        """Return the attendance sheet of ``plan``: one per sitting, each on a new page."""
        return page_per_sitting(self.new_document(plan), plan, self._sheet)

    def _sheet(self, plan: Plan, sitting: SittingPlan, words: PhraseBook) -> list[Block]:
        session = plan.workshop.session
        # Label | value pairs two to a row: the table of names should fit on one page.
        facts = [(words.attendance_date(), day_words(plan, sitting) or words.attendance_date_blank()),
                 (words.schedule(), f"{format_clock(sitting.start)} – {format_clock(sitting.end)}")]
        if session.organisation:
            facts.append((words.organisation(), session.organisation))
        if session.facilitators:
            facts.append((words.facilitators(), ", ".join(session.facilitators)))
        facts.append((words.venue(), session.venue or words.attendance_blank()))
        cells: list[Inlines] = []
        for label, value in facts:
            cells += [[Text(label, bold=True)], plain(value)]
        facts_rows = [cells[index:index + 4] for index in range(0, len(cells), 4)]
        header = [words.attendance_number(), words.attendance_name(), words.attendance_org(),
                  words.attendance_contact(), words.attendance_signature()]
        blocks: list[Block] = [Heading(1, plain(words.attendance())),
                               Paragraph([Text(session.title, bold=True)], "lead", keep_with_next=True)]
        if sitting.of > 1:
            blocks.append(Paragraph([Text(words.attendance_sitting(sitting.number, sitting.of, sitting.title),
                                          bold=True)], keep_with_next=True))
        return blocks + [
            Table(header=[], rows=facts_rows, widths=[1.7, 2.5, 1.4, 2.3]),
            Table(header=[[Text(cell, bold=True)] for cell in header],
                  rows=[[plain(str(number)), [], [], [], []] for number in range(1, self.rows(plan) + 1)],
                  widths=[0.75, 3, 2.5, 2.7, 1.9], row_height="signature"),
            Paragraph(plain(words.attendance_consent(session.organisation)), "small"),
        ]

    def copies(self, plan: Plan) -> list[PrintRun]:
        """Return one copy (of each sitting's sheet): it goes round the room."""
        return [PrintRun(1)]
