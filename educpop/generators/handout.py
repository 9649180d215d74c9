"""The participant handout: programme, the texts with numbered lines, key figures, glossary, timeline."""

from __future__ import annotations

from typing import ClassVar

from educpop.collation import dictionary_key
from educpop.document import (
    Audience,
    Block,
    Document,
    Heading,
    PageBreak,
    Paragraph,
    Table,
    Text,
    Timeline,
    TimelineEvent,
    plain,
)
from educpop.generators import Generator
from educpop.generators._common import agenda_heading, agenda_table, cover, source_text
from educpop.generators._words import PhraseBook, phrases_for
from educpop.plan import Plan
from educpop.schedule import Slot
from educpop.session.model import GlossaryEntry
from educpop.session.values import format_period


class Handout(Generator):
    """What every participant takes home: nothing meant for the facilitator alone."""

    name: ClassVar[str] = "handout"
    file_stem: ClassVar[str] = "dossier-participant"
    title: ClassVar[str] = "Dossier participant"
    audience: ClassVar[Audience] = Audience.PARTICIPANT
    order: ClassVar[int] = 20

    def hands_out_at(self, plan: Plan, slot: Slot) -> bool:
        """Return whether ``slot`` opens the workshop: everyone receives the dossier on arrival."""
        return slot == plan.slots[0]

    def build(self, plan: Plan) -> Document:
        """Return the handout of ``plan``."""
        session = plan.workshop.session
        words = phrases_for(plan.workshop)
        document = self.new_document(plan)
        document.add(cover(plan, words, words.handout()))
        if len(plan.sittings) > 1:
            document.add(Heading(1, plain(words.agenda())))
        for sitting in plan.sittings:
            level = 1 if len(plan.sittings) == 1 else 2
            document.add(Heading(level, plain(agenda_heading(plan, sitting, words))), agenda_table(sitting, words))
        for source in session.sources:
            document.add(PageBreak(), Heading(1, plain(source.title)))
            byline = words.source_by(source.author, source.date)
            if byline:
                document.add(Paragraph([Text(byline, italic=True)], "small", keep_with_next=True))
            document.add(
                Paragraph(plain(words.line_numbers_note()), "small", keep_with_next=True),
                source_text(plan.workshop.texts[source.id]),
            )
        document.add(*self._references(plan, words))
        return document

    def _references(self, plan: Plan, words: PhraseBook) -> list[Block]:
        session = plan.workshop.session
        blocks: list[Block] = []
        if session.figures:
            blocks += [
                PageBreak(),
                Heading(1, plain(words.figures())),
                Table(header=[],
                      rows=[[[Text(f.value, bold=True)], plain(f.label)] for f in session.figures],
                      widths=[1.3, 3]),
            ]
        if session.glossary:
            blocks += [
                Heading(1, plain(words.glossary())),
                glossary_table(session.glossary, words),
            ]
        if session.timeline:
            # A period sorts by its start; sorted() keeps the file's order between equal starts.
            events = sorted(session.timeline, key=lambda e: e.date[0])
            blocks += [
                Heading(1, plain(words.timeline())),
                Timeline([TimelineEvent(format_period(*e.date), plain(e.event)) for e in events]),
            ]
        return blocks


def glossary_table(entries: list[GlossaryEntry], words: PhraseBook) -> Table:
    """Return the glossary in dictionary order; the original-language column only when a term has one."""
    ordered = sorted(entries, key=lambda entry: dictionary_key(entry.term))
    if not any(entry.original for entry in ordered):
        return Table(
            header=[plain(words.glossary_term()), plain(words.glossary_definition())],
            rows=[[[Text(entry.term, bold=True)], plain(entry.definition)] for entry in ordered],
            widths=[1.2, 4.0],
        )
    return Table(
        header=[plain(words.glossary_term()), plain(words.glossary_original()), plain(words.glossary_definition())],
        rows=[[[Text(entry.term, bold=True)], plain(entry.original), plain(entry.definition)] for entry in ordered],
        widths=[1.2, 1.4, 3.4],
    )
