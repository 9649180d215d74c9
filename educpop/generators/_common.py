"""Pieces shared by several generators: the cover, the agenda table, question numbering, source lines."""

from __future__ import annotations

from collections.abc import Callable
from datetime import time

from educpop.document import (
    Block,
    BulletList,
    Cover,
    Document,
    Heading,
    Inlines,
    NumberedList,
    PageBreak,
    Paragraph,
    Quote,
    SourceText,
    Table,
    Text,
    plain,
)
from educpop.generators._words import PhraseBook, phrases_for
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


def clock_range(start: time, end: time) -> str:
    """Return « 10h10 – 10h50 » with narrow no-break spaces: a time range is never split over two lines."""
    return f"{format_clock(start)}\u202f–\u202f{format_clock(end)}"


def agenda_heading(plan: Plan, sitting: SittingPlan, words: PhraseBook) -> str:
    """Return the title of a sitting's programme: « Programme de la matinée », or the sitting's name and day."""
    if len(plan.sittings) == 1:
        return words.agenda_of(sitting.part_of_day.value)
    day = day_words(plan, sitting)
    name = words.sitting_name(sitting.number, sitting.of, sitting.title)
    return f"{name} ({day})" if day else name


def agenda_table(sitting: SittingPlan, words: PhraseBook) -> Table:
    """Return the agenda of ``sitting``: one row per activity with its clock times.

    Three columns (the range says the duration), no word ever cut: it fits one A5 page as well as one A4 page.
    """
    rows = []
    for slot in sitting.slots:
        activity = slot.activity
        method = get_method(activity.method)
        title = f"{slot.number}. {activity.title}"
        if activity.optional:
            title += f" {words.optional_mark()}"
        grouping = activity.grouping.value
        how = words.agenda_how(method.name if method else activity.method, words.grouping(grouping), grouping)
        rows.append([plain(clock_range(slot.start, slot.end)), plain(title), plain(how)])
    header = [
        plain(words.agenda_header_time()),
        plain(words.agenda_header_activity()),
        plain(words.agenda_header_method()),
    ]
    return Table(header=header, rows=rows, widths=[1.5, 6, 3], unbroken=True, keep_together=True)


def numbered_questions(theme: QuestionTheme) -> list[tuple[int, Question]]:
    """Return the questions of ``theme`` from understanding to today, numbered as on the sheets."""
    order = list(Level)
    ranked = sorted(theme.items, key=lambda question: order.index(question.level))
    return list(enumerate(ranked, start=1))


def source_text(blocks: list[Block], part: range | None = None) -> SourceText:
    """Return the blocks of a Markdown text flattened into a line-numbered SourceText, its headings flagged.

    With ``part`` (indices of a run of ``blocks``), only the paragraphs of those blocks are
    printed, numbered as in the whole text.
    """
    lines: list[Inlines] = []
    headings: set[int] = set()
    first = last = 0
    for index, block in enumerate(blocks):
        if part is not None and index == part.start:
            first = len(lines)
        match block:
            case Heading(content=content):
                headings.add(len(lines))
                lines.append(content)
            case Paragraph(content=content) | Quote(content=content):
                lines.append(content)
            case BulletList(items=items):
                lines += [[Text("• "), *item] for item in items]
            case NumberedList(items=items, start=start):
                lines += [[Text(f"{start + i}. "), *item] for i, item in enumerate(items)]
        if part is not None and index == part.stop - 1:
            last = len(lines)
    shown = None if part is None else range(first, last)
    return SourceText(lines, headings=frozenset(headings), shown=shown)


def page_per_sitting(
    document: Document, plan: Plan, page: Callable[[Plan, SittingPlan, PhraseBook], list[Block]]
) -> Document:
    """Return ``document`` holding ``page`` of each sitting of ``plan``, each a part from a new page."""
    words = phrases_for(plan.workshop)
    for sitting in plan.sittings:
        if sitting.number > 1:
            document.add(PageBreak(part=True))
        document.add(*page(plan, sitting, words))
    return document
