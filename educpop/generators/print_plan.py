"""The print plan: every document of the pack with how many copies to print and how."""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from educpop.document import Audience, Block, Document, Heading, Inlines, Paragraph, Table, Text, plain
from educpop.generators import Generator, PrintRun, registry
from educpop.generators._common import day_words
from educpop.generators._words import PhraseBook, phrases_for
from educpop.plan import Plan


class PrintPlan(Generator):
    """Read before going to the printer: the counts come from the same plan as the documents."""

    name: ClassVar[str] = "print-plan"
    file_stem: ClassVar[str] = "plan-impression"
    title: ClassVar[str] = "Plan d'impression"
    audience: ClassVar[Audience] = Audience.FACILITATOR
    #: first in the pack: it says what to do with the rest
    order: ClassVar[int] = 5

    def build(self, plan: Plan) -> Document:
        """Return the print plan of ``plan``: one row per document, or per part to print apart."""
        words = phrases_for(plan.workshop)
        document = self.new_document(plan)
        document.add(
            Heading(1, plain(words.print_plan())),
            Paragraph([Text(plan.workshop.session.title, bold=True)], "lead", keep_with_next=True),
            Paragraph(plain(words.print_plan_for(plan.participants, plan.subgroup_count,
                                                 plan.facilitator_count)), "small", keep_with_next=True),
            *self._table(plan, words),
            Paragraph(plain(words.print_plan_note()), "small"),
        )
        return document

    def copies(self, plan: Plan) -> list[PrintRun]:
        """Return nothing: the print plan is read, not handed out."""
        return []

    def _table(self, plan: Plan, words: PhraseBook) -> list[Block]:
        rows: list[list[Inlines]] = []
        total = 0
        for generator in registry().values():
            if generator.name == self.name or not generator.applies(plan):
                continue
            stem = generator.file_stem + (f"-{plan.workshop.variant}" if plan.workshop.variant else "")
            document: Inlines = [Text(generator.title, bold=True), Text(" " + words.print_plan_file(stem), italic=True)]
            runs = [run for run in generator.copies(plan) if run.copies > 0]
            if generator.per_sitting and len(plan.sittings) > 1:
                runs = [replace(run, part=words.print_plan_sitting(s.number, s.of, day_words(plan, s)))
                        for s in plan.sittings for run in runs]
            for index, run in enumerate(runs):
                rows.append([
                    document if index == 0 else [],
                    plain(run.part or words.print_plan_whole()),
                    [Text(words.print_plan_count(run.copies, run.items), bold=True)],
                    plain(words.print_plan_printing(generator.printing)) if index == 0 else [],
                ])
                total += run.copies * run.items
        header = [plain(words.print_plan_document()), plain(words.print_plan_part()),
                  plain(words.print_plan_copies()), plain(words.print_plan_sides())]
        return [Table(header=header, rows=rows, widths=[3.4, 3.1, 2.2, 2.3]),
                Paragraph([Text(words.print_plan_total(total), bold=True)])]
