"""The evaluation form: the workshop and its objectives rated on a scale, then a few words."""

from __future__ import annotations

from typing import ClassVar

from educpop.document import AnswerLines, Audience, Block, Document, Heading, Inlines, Paragraph, Table, Text, plain
from educpop.generators import Generator
from educpop.generators._words import PhraseBook, phrases_for
from educpop.plan import Plan
from educpop.schedule import Slot

#: statements every workshop is rated on (macro keys of ``evaluation_statement``)
STATEMENTS = ("content", "methods", "facilitation", "atmosphere", "usefulness")
#: open questions (macro keys of ``evaluation_open``) and the ruled lines under each
OPEN = (("kept", 4), ("missing", 3), ("suggestion", 3))
#: the method of the activity during which the form is filled in
METHOD = "evaluation"
#: steps of the scale, from "not at all" to "completely"; no middle step, to make people choose
LEVELS = 4


class EvaluationForm(Generator):
    """Anonymous: no name is asked, and nothing from the guide shows."""

    name: ClassVar[str] = "evaluation"
    file_stem: ClassVar[str] = "fiche-evaluation"
    title: ClassVar[str] = "Fiche d'évaluation"
    audience: ClassVar[Audience] = Audience.PARTICIPANT
    order: ClassVar[int] = 45
    printing: ClassVar[str] = "sheets"

    def hands_out_at(self, plan: Plan, slot: Slot) -> bool:
        """Return whether ``slot`` is the evaluation, or the last activity when no activity is one."""
        evaluations = [s for s in plan.slots if s.activity.method == METHOD]
        return slot in evaluations if evaluations else slot == plan.slots[-1]

    def build(self, plan: Plan) -> Document:
        """Return the evaluation form of ``plan``."""
        session = plan.workshop.session
        words = phrases_for(plan.workshop)
        document = self.new_document(plan)
        document.add(
            Heading(1, plain(words.evaluation())),
            Paragraph([Text(session.title, bold=True)], "lead", keep_with_next=True),
            Paragraph(plain(words.evaluation_intro()), "small", keep_with_next=True),
            Heading(2, plain(words.evaluation_workshop())),
            _scale(words, [], [plain(words.evaluation_statement(key)) for key in STATEMENTS]),
        )
        if session.objectives:
            document.add(
                Heading(2, plain(words.evaluation_objectives())),
                Paragraph(plain(words.evaluation_objectives_note()), "small", keep_with_next=True),
                _scale(words, [], [plain(words.evaluation_objective(o.rstrip(". "))) for o in session.objectives]),
            )
        document.add(Heading(2, plain(words.evaluation_words())))
        questions = [(words.evaluation_open(key), lines) for key, lines in OPEN]
        questions += [(question, 3) for question in session.evaluation]
        for question, lines in questions:
            document.add(Paragraph([Text(question, bold=True)], keep_with_next=True), AnswerLines(lines))
        document.add(Paragraph([Text(words.evaluation_thanks(), italic=True)], "small"))
        return document


def _scale(words: PhraseBook, corner: Inlines, statements: list[Inlines]) -> Block:
    """Return a table with one statement per row and a box to tick under each step of the scale."""
    levels: list[Inlines] = [[Text(words.evaluation_level(i), bold=True)] for i in range(LEVELS)]
    header = [corner, *levels]
    box = words.evaluation_box()
    return Table(header=header, rows=[[s, *(plain(box) for _ in range(LEVELS))] for s in statements],
                 widths=[5.2, *[1.2] * LEVELS])
