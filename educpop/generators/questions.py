"""Discussion-question sheets: one per sub-group and activity, numbered questions with lines to write on."""

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
    RunningHeader,
    Text,
    plain,
)
from educpop.generators import Generator, PrintRun
from educpop.generators._common import numbered_questions
from educpop.generators._words import phrases_for
from educpop.plan import Plan, SubgroupSheet
from educpop.schedule import Slot

#: ruled lines under each question, by level: deeper questions get more room
_LINES = {"understand": 3, "analyse": 4, "today": 5}


class QuestionSheets(Generator):
    """The sheets handed to sub-groups; hints for the facilitator stay in the guide."""

    name: ClassVar[str] = "questions"
    file_stem: ClassVar[str] = "fiches-questions"
    title: ClassVar[str] = "Fiches questions"
    audience: ClassVar[Audience] = Audience.PARTICIPANT
    order: ClassVar[int] = 30
    #: each group's sheet starts on a new sheet of paper, and a two-page sheet is printed on both sides
    printing: ClassVar[str] = "sheets"

    def build(self, plan: Plan) -> Document:
        """Return every sheet of ``plan``, each on sheets of paper of its own, its group on every page."""
        words = phrases_for(plan.workshop)
        document = self.new_document(plan)
        for sheet in plan.subgroup_sheets():
            document.add(PageBreak(new_sheet=True, part=True),
                         RunningHeader(words.sheet_header(words.sheet_title(sheet.group_label), sheet.theme.title)),
                         *self._sheet(plan, sheet))
        return document

    def applies(self, plan: Plan) -> bool:
        """Return whether an activity of ``plan`` hands out question sheets."""
        return bool(plan.subgroup_sheets())

    def hands_out_at(self, plan: Plan, slot: Slot) -> bool:
        """Return whether ``slot``'s activity works on question sheets."""
        return any(sheet.activity is slot.activity for sheet in plan.subgroup_sheets())

    def copies(self, plan: Plan) -> list[PrintRun]:
        """Return each sub-group's sheet once per member; a sheet for the whole group once per participant."""
        words = phrases_for(plan.workshop)
        sizes = dict(zip(plan.subgroup_labels(), plan.subgroup_sizes, strict=True))
        return [PrintRun(sizes.get(sheet.group_label, plan.participants),
                         words.questions_run(sheet.group_label, sheet.theme.title))
                for sheet in plan.subgroup_sheets()]

    def _sheet(self, plan: Plan, sheet: SubgroupSheet) -> list[Block]:
        words = phrases_for(plan.workshop)
        theme = sheet.theme
        blocks: list[Block] = [
            Heading(1, plain(words.sheet_title(sheet.group_label))),
            Paragraph([Text(words.sheet_theme(theme.title), bold=True)], "lead", keep_with_next=True),
            Paragraph(plain(sheet.activity.title), "small", keep_with_next=True),
        ]
        if theme.source:
            source = next(s for s in plan.workshop.session.sources if s.id == theme.source)
            blocks.append(Paragraph(plain(words.sheet_source(source.title)), "small", keep_with_next=True))
        if sheet.group_label:
            blocks += [Paragraph(plain(words.sheet_names()), "small", keep_with_next=True), AnswerLines(1)]
        level = None
        for number, question in numbered_questions(theme):
            if question.level != level:
                level = question.level
                blocks.append(Heading(2, plain(words.level(level.value))))
            blocks += [
                Paragraph([Text(f"{number}. ", bold=True), Text(question.text)], keep_with_next=True),
                AnswerLines(_LINES[level.value]),
            ]
        return blocks
