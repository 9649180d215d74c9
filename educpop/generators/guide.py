"""The facilitator guide: objectives, practical information, agenda, materials, one sheet per activity."""

from __future__ import annotations

from typing import ClassVar

from educpop.document import (
    Audience,
    Block,
    Box,
    BulletList,
    Checklist,
    Document,
    Heading,
    Inlines,
    NumberedList,
    PageBreak,
    Paragraph,
    ParagraphStyleName,
    Table,
    Text,
    Timeline,
    TimelineEvent,
    plain,
)
from educpop.generators import Generator
from educpop.generators._common import (
    agenda_heading,
    agenda_table,
    cover,
    day_words,
    numbered_questions,
    schedule_lines,
)
from educpop.generators._words import PhraseBook, phrases_for
from educpop.generators.timeline_cards import METHOD as TIMELINE_METHOD, TimelineCards
from educpop.methods import get_method
from educpop.plan import Plan
from educpop.schedule import SittingPlan, Slot
from educpop.session.values import format_clock, format_minutes, format_period


def _paragraphs(text: str, style: ParagraphStyleName = "body") -> list[Block]:
    """Return one Paragraph per blank-line-separated part of ``text``."""
    parts = [" ".join(part.split()) for part in text.split("\n\n")]
    return [Paragraph(plain(part), style) for part in parts if part]


class Guide(Generator):
    """Everything the facilitator needs to run the workshop, and only they see."""

    name: ClassVar[str] = "guide"
    file_stem: ClassVar[str] = "guide-animation"
    title: ClassVar[str] = "Guide d'animation"
    audience: ClassVar[Audience] = Audience.FACILITATOR
    order: ClassVar[int] = 10

    def build(self, plan: Plan) -> Document:
        """Return the guide of ``plan``."""
        words = phrases_for(plan.workshop)
        document = self.new_document(plan)
        document.add(cover(plan, words, words.guide()))
        document.add(*self._overview(plan, words))
        document.add(PageBreak(), Heading(1, plain(words.activities())))
        for slot in plan.slots:
            document.add(*self._activity(plan, slot, words))
        document.add(*self._answers(plan, words))
        document.add(*self._timeline_key(plan, words))
        return document

    def _overview(self, plan: Plan, words: PhraseBook) -> list[Block]:
        session = plan.workshop.session
        blocks: list[Block] = []
        if session.objectives:
            blocks += [Heading(1, plain(words.objectives())), BulletList([plain(o) for o in session.objectives])]
        group = session.group
        group_text = (words.group_line(group.min, group.max) + ". "
                      + words.planned_for(plan.participants, list(plan.subgroup_sizes)))
        if not group.min <= plan.participants <= group.max:
            group_text += " " + words.group_outside(plan.participants, group.min, group.max)
        facts = [(words.schedule(), ". ".join(schedule_lines(plan, words))), (words.group(), group_text)]
        if session.audience:
            facts.insert(0, (words.audience(), session.audience))
        if session.venue:
            facts.append((words.venue(), session.venue))
        if session.venue_notes:
            facts.append((words.venue_notes(), session.venue_notes))
        if session.facilitators:
            facts.append((words.facilitators(), ", ".join(session.facilitators)))
        if session.organisation:
            facts.append((words.organisation(), session.organisation))
        blocks += [
            Heading(1, plain(words.practical())),
            Table(header=[],
                  rows=[[[Text(label, bold=True)], plain(value)] for label, value in facts],
                  widths=[1, 3]),
        ]
        blocks += self._programme(plan, words)
        materials = plan.materials()
        if materials:
            blocks += [
                Heading(1, plain(words.materials())),
                Checklist([plain(words.quantity(count, item)) for item, count in materials]),
            ]
        return blocks

    def _programme(self, plan: Plan, words: PhraseBook) -> list[Block]:
        """Return one programme per sitting, with its margin, where the group is in the cycle, what was adapted."""
        several = len(plan.sittings) > 1
        blocks: list[Block] = [Heading(1, plain(words.agenda()))] if several else []
        for sitting in plan.sittings:
            blocks.append(Heading(2 if several else 1, plain(agenda_heading(plan, sitting, words))))
            if several:
                blocks.append(Paragraph(plain(self._position(plan, sitting, words)), "small", keep_with_next=True))
            blocks.append(agenda_table(sitting, words))
            if sitting.margin > 0:
                blocks.append(Paragraph(plain(words.margin(
                    format_minutes(sitting.margin), format_clock(sitting.end), format_clock(sitting.closes))), "small"))
            if sitting.past_midnight:
                blocks.append(Paragraph(plain(words.past_midnight(format_clock(sitting.end))), "small"))
            if sitting.changes:
                report = " ; ".join(
                    words.change(c.activity.title, c.before, c.after) for c in sitting.changes
                )
                blocks.append(Box(words.adaptations(), [Paragraph(plain(words.adaptations_note()), "small"),
                                                       Paragraph(plain(report))], "tip"))
        return blocks

    def _position(self, plan: Plan, sitting: SittingPlan, words: PhraseBook) -> str:
        """Return where the group is in the cycle when ``sitting`` begins."""
        done = [s.title or words.sitting_name(s.number, s.of, "") for s in plan.sittings[:sitting.number - 1]]
        following = plan.sittings[sitting.number:]
        next_day = day_words(plan, following[0]) if following else ""
        return words.cycle_position(sitting.number, sitting.of, done, next_day)

    def _activity(self, plan: Plan, slot: Slot, words: PhraseBook) -> list[Block]:
        activity = slot.activity
        method = get_method(activity.method)
        blocks: list[Block] = [
            Heading(2, plain(words.activity_heading(slot.number, activity.title))),
            Paragraph([Text(words.activity_timing(
                format_clock(slot.start), format_clock(slot.end),
                format_minutes(slot.minutes), words.grouping(activity.grouping.value)), bold=True)],
                keep_with_next=True),
        ]
        if method:
            blocks.append(Paragraph(plain(words.method(method.name, method.summary)), "small", keep_with_next=True))
        if activity.source:
            source = next(s for s in plan.workshop.session.sources if s.id == activity.source)
            blocks.append(Paragraph(plain(words.text_used(source.title))))
        if activity in plan.arpentage_activities():
            parts = plan.arpentage_parts(activity)
            if parts:
                units = len(plan.reading_units(activity))
                blocks.append(Paragraph(plain(words.arpentage_in_guide(len(parts), activity.grouping.value, units))))
        if activity.instructions:
            blocks.append(Box(words.instructions(), _paragraphs(activity.instructions, "instruction"), "instruction"))
        if activity.steps:
            blocks += [Heading(3, plain(words.steps())), NumberedList([plain(s) for s in activity.steps])]
        if activity.statements:
            blocks += [Heading(3, plain(words.statements())), NumberedList([plain(s) for s in activity.statements])]
        sheets = [sheet for sheet in plan.subgroup_sheets() if sheet.activity is activity]
        if sheets:
            blocks += [
                Heading(3, plain(words.sheets_used())),
                BulletList([
                    plain(words.sheet_for_group(s.group_label, s.theme.title) if s.group_label
                          else words.sheet_for_all(s.theme.title))
                    for s in sheets
                ]),
            ]
        if activity.debrief:
            blocks += [Heading(3, plain(words.debrief())), BulletList([plain(q) for q in activity.debrief])]
        if activity.materials:
            blocks += [
                Heading(3, plain(words.activity_materials())),
                Checklist([plain(words.quantity(plan.quantity(m), m.item)) for m in activity.materials]),
            ]
        tips: list[Block] = _paragraphs(activity.notes)
        if method and method.tips:
            method_tips = list(method.tips)
            cards = TimelineCards()
            if method.id == TIMELINE_METHOD and cards.applies(plan):
                # The pack makes the cards: say what they are, not how to make them by hand.
                sets = cards.copies(plan)[0].copies
                method_tips[0] = words.timeline_cards_tip(len(plan.workshop.session.timeline), sets)
            tips += [Paragraph([Text(words.method_tips(method.name), bold=True)], "small", keep_with_next=True),
                     BulletList([plain(t) for t in method_tips])]
        if tips:
            blocks.append(Box(words.notes(), tips, "tip"))
        return blocks

    def _timeline_key(self, plan: Plan, words: PhraseBook) -> list[Block]:
        """Return the events of the timeline cards in order with their dates, when the pack has cards."""
        if not TimelineCards().applies(plan):
            return []
        events = sorted(plan.workshop.session.timeline, key=lambda entry: entry.date[0])
        return [
            PageBreak(),
            Heading(1, plain(words.timeline_key())),
            Paragraph(plain(words.timeline_key_note()), "small"),
            Timeline([TimelineEvent(format_period(*entry.date), plain(entry.event)) for entry in events]),
        ]

    def _answers(self, plan: Plan, words: PhraseBook) -> list[Block]:
        themes = plan.workshop.session.questions
        if not themes:
            return []
        blocks: list[Block] = [PageBreak(), Heading(1, plain(words.answers()))]
        for theme in themes:
            blocks.append(Heading(2, plain(theme.title)))
            for number, question in numbered_questions(theme):
                level = Text(f" ({words.level(question.level.value)})", italic=True)
                item: Inlines = [Text(f"{number}. ", bold=True), Text(question.text), level]
                # A question never ends a page without its hint.
                blocks.append(Paragraph(item, keep_with_next=bool(question.hint)))
                if question.hint:
                    blocks.append(Paragraph(plain(words.hint(question.hint)), "small"))
        return blocks

