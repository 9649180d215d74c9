"""Pieces shared by several generators: the cover, the agenda table, question numbering, source lines."""

from __future__ import annotations

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
from educpop.session.model import Level, Question, QuestionTheme
from educpop.session.values import format_clock, format_minutes


def cover(plan: Plan, words: PhraseBook, document_title: str) -> Cover:
    """Return the cover of a document of ``plan``'s workshop."""
    session = plan.workshop.session
    lines = []
    if session.organisation:
        lines.append(session.organisation)
    lines.append(
        words.session_line(
            format_minutes(sum(s.activity.duration for s in plan.slots)),
            format_clock(plan.start),
            format_clock(plan.end),
        )
    )
    if session.venue:
        lines.append(session.venue)
    return Cover(title=session.title, subtitle=session.subtitle, lines=lines, kicker=document_title)


def agenda_table(plan: Plan, words: PhraseBook) -> Table:
    """Return the agenda: one row per activity with its clock times."""
    rows = []
    for slot in plan.slots:
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
                plain(format_minutes(activity.duration)),
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
                lines.append([Text(run.text, bold=True, italic=run.italic) for run in content])
            case Paragraph(content=content) | Quote(content=content):
                lines.append(content)
            case BulletList(items=items):
                lines += [[Text("• "), *item] for item in items]
            case NumberedList(items=items, start=start):
                lines += [[Text(f"{start + i}. "), *item] for i, item in enumerate(items)]
    return lines
