"""Pieces shared by several generators: the cover, the agenda table, question numbering, source lines."""

from __future__ import annotations

from dataclasses import replace

from educpop.document import (
    Block,
    BulletList,
    Cover,
    Heading,
    Inlines,
    NumberedList,
    Paragraph,
    Quote,
    Table,
    Text,
    plain,
)
from educpop.generators._words import PhraseBook
from educpop.methods import get_method
from educpop.plan import Plan
from educpop.schedule import SittingPlan
from educpop.session.model import Level, Question, QuestionTheme
from educpop.session.values import format_clock, format_day, format_minutes


def day_words(plan: Plan, sitting: SittingPlan) -> str:
    """Return the day of ``sitting`` in words in the session's language ("" when it has none)."""
    return format_day(sitting.day, plan.workshop.session.language) if sitting.day else ""


def schedule_lines(plan: Plan, words: PhraseBook) -> list[str]:
    """Return when the workshop takes place: its day and hours, or one line per sitting of a cycle."""
    sittings = plan.sittings
    if len(sittings) == 1:
        sitting = sittings[0]
        lines = [words.day_line(day_words(plan, sitting))] if sitting.day else []
        return lines + [words.session_line(format_minutes(sitting.used), format_clock(sitting.start),
                                           format_clock(sitting.end), sitting.part_of_day.value)]
    return [words.cycle_line(len(sittings))] + [
        words.sitting_line(s.number, s.of, s.title, day_words(plan, s), format_clock(s.start),
                           format_clock(s.end), s.part_of_day.value)
        for s in sittings
    ]


def cover(plan: Plan, words: PhraseBook, document_title: str) -> Cover:
    """Return the cover of a document of ``plan``'s workshop."""
    session = plan.workshop.session
    lines = []
    if session.organisation:
        lines.append(session.organisation)
    lines += schedule_lines(plan, words)
    if session.venue:
        lines.append(session.venue)
    return Cover(title=session.title, subtitle=session.subtitle, lines=lines, kicker=document_title)


def agenda_heading(plan: Plan, sitting: SittingPlan, words: PhraseBook) -> str:
    """Return the title of a sitting's programme: « Programme de la matinée », or the sitting's name and day."""
    if len(plan.sittings) == 1:
        return words.agenda_of(sitting.part_of_day.value)
    day = day_words(plan, sitting)
    name = words.sitting_name(sitting.number, sitting.of, sitting.title)
    return f"{name} ({day})" if day else name


def agenda_table(sitting: SittingPlan, words: PhraseBook) -> Table:
    """Return the agenda of ``sitting``: one row per activity with its clock times."""
    rows = []
    for slot in sitting.slots:
        activity = slot.activity
        method = get_method(activity.method)
        title = f"{slot.number}. {activity.title}"
        if activity.optional:
            title += f" {words.optional_mark()}"
        rows.append(
            [
                plain(f"{format_clock(slot.start)}\u00a0– {format_clock(slot.end)}"),  # the dash stays with the start
                plain(title),
                plain(method.name if method else activity.method),
                plain(format_minutes(slot.minutes)),
                plain(words.grouping(activity.grouping.value)),
            ]
        )
    header = [
        plain(words.agenda_header_time()),
        plain(words.agenda_header_activity()),
        plain(words.agenda_header_method()),
        plain(words.agenda_header_duration()),
        plain(words.agenda_header_grouping()),
    ]
    return Table(header=header, rows=rows, widths=[2.9, 5, 2.5, 1.6, 2.3])


def numbered_questions(theme: QuestionTheme) -> list[tuple[int, Question]]:
    """Return the questions of ``theme`` from understanding to today, numbered as on the sheets."""
    order = list(Level)
    ranked = sorted(theme.items, key=lambda question: order.index(question.level))
    return list(enumerate(ranked, start=1))


def source_lines(blocks: list[Block]) -> list[Inlines]:
    """Return the paragraphs of a Markdown text flattened for a line-numbered SourceText."""
    lines: list[Inlines] = []
    for block in blocks:
        match block:
            case Heading(content=content):
                lines.append([replace(run, bold=True) if isinstance(run, Text) else run for run in content])
            case Paragraph(content=content) | Quote(content=content):
                lines.append(content)
            case BulletList(items=items):
                lines += [[Text("• "), *item] for item in items]
            case NumberedList(items=items, start=start):
                lines += [[Text(f"{start + i}. "), *item] for i, item in enumerate(items)]
    return lines
