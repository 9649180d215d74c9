"""The arpentage kit: each text cut into balanced parts, one sheet per part with its reporting grid."""

from __future__ import annotations

from typing import ClassVar

from educpop.document import (
    AnswerLines,
    Audience,
    Block,
    Document,
    Heading,
    PageBreak,
    Paragraph,
    SourceText,
    Text,
    plain,
)
from educpop.generators import Generator, PrintRun
from educpop.generators._common import source_text
from educpop.generators._words import PhraseBook, phrases_for
from educpop.plan import ArpentagePart, Plan
from educpop.schedule import Slot
from educpop.session.model import Grouping

#: the reporting grid: (macro, ruled lines under it); it must fit on the back of one A4 sheet
_GRID = (("arpentage_says", 4), ("arpentage_struck", 3), ("arpentage_unclear", 2),
         ("arpentage_question", 2), ("arpentage_disagree", 2))


class ArpentageKit(Generator):
    """The parts handed to readers; how to run the arpentage stays in the guide."""

    name: ClassVar[str] = "arpentage"
    file_stem: ClassVar[str] = "kit-arpentage"
    title: ClassVar[str] = "Kit d'arpentage"
    audience: ClassVar[Audience] = Audience.PARTICIPANT
    order: ClassVar[int] = 25
    printing: ClassVar[str] = "sheets"

    def build(self, plan: Plan) -> Document:
        """Return one sheet per part of every arpentage of ``plan``, each on a new page."""
        words = phrases_for(plan.workshop)
        document = self.new_document(plan)
        for activity in plan.arpentage_activities():
            text = plan.workshop.texts.get(activity.source or "", [])
            start = 0  # the parts are the text's blocks cut in order
            for part in plan.arpentage_parts(activity):
                # Each part on sheets of its own: its copies are printed apart.
                document.add(PageBreak(new_sheet=True, part=True))
                # The whole text, printing the part: its lines keep the numbers they have in the dossier.
                source = source_text(text, range(start, start + len(part.blocks)))
                document.add(*self._sheet(plan, part, source, words))
                start += len(part.blocks)
        return document

    def applies(self, plan: Plan) -> bool:
        """Return whether an activity of ``plan`` is an arpentage of a source."""
        return bool(plan.arpentage_activities())

    def hands_out_at(self, plan: Plan, slot: Slot) -> bool:
        """Return whether ``slot`` is an arpentage: its parts are handed out then."""
        return slot.activity in plan.arpentage_activities()

    def copies(self, plan: Plan) -> list[PrintRun]:
        """Return one copy of each part per reader, runs of parts with as many readers grouped."""
        words = phrases_for(plan.workshop)
        runs: list[PrintRun] = []
        activities = plan.arpentage_activities()
        for activity in activities:
            parts = plan.arpentage_parts(activity)
            # The activity is named only when there is more than one arpentage to tell apart.
            title = activity.title if len(activities) > 1 else ""
            first = 0
            for index in range(1, len(parts) + 1):
                if index == len(parts) or parts[index].readers != parts[first].readers:
                    label = words.arpentage_parts_run(title, first + 1, index, len(parts))
                    runs.append(PrintRun(parts[first].readers, label, items=index - first))
                    first = index
        return runs

    def _sheet(self, plan: Plan, part: ArpentagePart, source: SourceText, words: PhraseBook) -> list[Block]:
        together = part.activity.grouping in (Grouping.PAIRS, Grouping.SUBGROUPS)
        blocks: list[Block] = [
            Heading(1, plain(words.arpentage_part_title(part.number, part.of))),
            Paragraph([Text(words.arpentage_text(_source_title(plan, part)), bold=True)], "lead", keep_with_next=True),
            Paragraph(plain(words.arpentage_where(part.first, part.last, part.total)), "small", keep_with_next=True),
        ]
        if part.section:
            blocks.append(Paragraph(plain(words.arpentage_section(part.section)), "small", keep_with_next=True))
        blocks += [
            source,
            # The grid on the back of the text: one sheet per part, printed on both sides.
            PageBreak(),
            Heading(1, plain(words.arpentage_grid(part.number, part.of))),
            Paragraph(plain(words.arpentage_grid_note(together)), "small", keep_with_next=True),
        ]
        if together:
            blocks += [Paragraph([Text(words.arpentage_names(), bold=True)], keep_with_next=True), AnswerLines(1)]
        for macro, lines in _GRID:
            question = Paragraph([Text(getattr(words, macro)(together), bold=True)], keep_with_next=True)
            blocks += [question, AnswerLines(lines)]
        return blocks


def _source_title(plan: Plan, part: ArpentagePart) -> str:
    return next(s.title for s in plan.workshop.session.sources if s.id == part.activity.source)
