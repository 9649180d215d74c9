"""PDF read directly: columns in reading order, page furniture dropped, footnotes found.

Every word comes with its position, size and font (:mod:`pdf_words`, on pdfminer.six),
which is what telling columns, running titles, headings and footnotes apart needs;
a plain text extraction has already lost it.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from pdfminer.pdfdocument import PDFEncryptionError
from pdfminer.psexceptions import PSException

from educpop.importer.model import Extracted, ImportFailure, Inline, Line, NoteCall, NoteText, Run
from educpop.importer.readers.pdf_words import PageWords, Word, pages
from educpop.importer.report import Report

#: more pages are refused: a magazine issue has fewer, and reading takes about 0.15 s a page
MAX_PAGES = 300
#: text this much smaller than the body is a note, a caption or a box; this much larger, a heading
_SMALL, _LARGE = 0.88, 1.12
#: page furniture is looked for in this share of the page, at its top and at its bottom
_MARGIN_ZONE = 0.15
#: a column gap is at least this many times the body size wide
_GUTTER = 0.8
_PAGE_NUMBER = re.compile(r"^\W*(?:page\s+)?\d{1,4}(?:\s*/\s*\d{1,4})?\W*$", re.IGNORECASE)
_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
_ITALIC = re.compile(r"italic|oblique", re.IGNORECASE)

@dataclass(eq=False)
class _Row:
    """A printed line: its words left to right, and where it sits on its page."""

    words: list[Word]
    page: int
    column: int  # -1: spans the columns
    new_column: bool = False
    notes: list[str] = field(default_factory=list)

    @cached_property
    def top(self) -> float:
        return min(word.top for word in self.words)

    @cached_property
    def bottom(self) -> float:
        return max(word.bottom for word in self.words)

    @cached_property
    def x0(self) -> float:
        return self.words[0].x0

    @cached_property
    def x1(self) -> float:
        return self.words[-1].x1

    @cached_property
    def size(self) -> float:
        sizes: Counter[float] = Counter()
        for word in self.words:
            sizes[round(word.size, 1)] += len(word.text)
        return sizes.most_common(1)[0][0]

    def text(self) -> str:
        return " ".join(word.text for word in self.words)


def read(path: Path, data: bytes, report: Report) -> Extracted:
    """Return the body lines of the PDF ``data`` in reading order and its footnotes."""
    found: list[PageWords] = []
    try:
        for page in pages(data):
            found.append(page)
            if len(found) > MAX_PAGES:
                raise ImportFailure(f"{path} : plus de {MAX_PAGES} pages : n'en gardez que l'article à étudier")
    except (PSException, ValueError, KeyError, TypeError, AttributeError, IndexError) as error:
        raise ImportFailure(f"{path} : PDF protégé par un mot de passe ; enregistrez-en une copie sans protection"
                            if isinstance(error, PDFEncryptionError)
                            else f"{path} : PDF illisible ou abîmé ({type(error).__name__})") from None
    body = _body_size([word for page in found for word in page.words])
    rows: list[_Row] = []
    for number, page in enumerate(found, 1):
        rows += _page_rows(page.words, number, page.width, body)
    heights = {number: page.height for number, page in enumerate(found, 1)}
    rows = _drop_furniture(rows, heights, report)
    return _lines(rows, body, heights)


def _body_size(words: list[Word]) -> float:
    """Return the size of most of the text."""
    sizes: Counter[float] = Counter()
    for word in words:
        sizes[round(word.size, 1)] += len(word.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _page_rows(words: list[Word], page: int, width: float, body: float) -> list[_Row]:
    """Return the lines of one page in reading order: columns left to right, between lines spanning them."""
    gutters = _gutters(words, width, body)
    columns: list[list[Word]] = [[] for _ in range(len(gutters) + 1)]
    for word in words:
        middle = (word.x0 + word.x1) / 2
        columns[sum(middle > end for _, end in gutters)].append(word)
    per_column = [[_Row(line, page, index) for line in _cluster(column)] for index, column in enumerate(columns)]
    spanning = _join_across(per_column, body)
    order: list[_Row] = []
    placed: set[int] = set()
    for span in [*sorted(spanning, key=lambda row: row.top), None]:
        for column in per_column:
            above = [row for row in column if id(row) not in placed and (span is None or row.top < span.top)]
            order += above
            placed.update(map(id, above))
        if span is not None:
            order.append(span)
    seen: set[int] = set()
    for row in order:
        if row.column not in seen:
            row.new_column = True
            seen.add(row.column)
    return order


def _gutters(words: list[Word], width: float, body: float) -> list[tuple[float, float]]:
    """Return the gaps between columns: vertical bands that almost no word crosses."""
    if len(words) < 30:
        return []
    cover = [0] * (int(width) + 2)
    for word in words:
        for x in range(max(0, int(word.x0)), min(len(cover), int(word.x1) + 1)):
            cover[x] += 1
    left = int(min(word.x0 for word in words))
    right = int(max(word.x1 for word in words))
    low = max(cover) * 0.15
    gutters: list[tuple[float, float]] = []
    start: int | None = None
    for x in range(left, right + 1):
        if cover[x] <= low and start is None:
            start = x
        elif cover[x] > low and start is not None:
            wide = x - start >= _GUTTER * body
            inside = start - left > 0.15 * (right - left) and right - x > 0.15 * (right - left)
            if wide and inside:
                gutters.append((float(start), float(x)))
            start = None
    return gutters


def _cluster(words: list[Word]) -> list[list[Word]]:
    """Return ``words`` of one column grouped into lines: a word belongs to a line it overlaps by half its height."""
    lines: list[list[Word]] = []
    bands: list[tuple[float, float]] = []
    for word in sorted(words, key=lambda w: (w.bottom, w.x0)):
        top, bottom = word.top, word.bottom
        for index in range(len(lines) - 1, max(-1, len(lines) - 4), -1):
            band_top, band_bottom = bands[index]
            overlap = min(bottom, band_bottom) - max(top, band_top)
            if overlap >= 0.5 * min(bottom - top, band_bottom - band_top):
                lines[index].append(word)
                bands[index] = (min(top, band_top), max(bottom, band_bottom)) if not _raised(word, bands[index]) \
                    else bands[index]
                break
        else:
            lines.append([word])
            bands.append((top, bottom))
    ordered = sorted(zip(bands, lines, strict=True), key=lambda pair: pair[0][0])
    return [sorted(line, key=lambda w: w.x0) for _, line in ordered]


def _raised(word: Word, band: tuple[float, float]) -> bool:
    return word.bottom < band[1] - 0.15 * (band[1] - band[0])


def _join_across(columns: list[list[_Row]], body: float) -> list[_Row]:
    """Join the pieces of a line that runs across the gap between columns; return the joined lines."""
    spanning: list[_Row] = []
    for index in range(len(columns) - 1):
        for left in list(columns[index]):
            for right in list(columns[index + 1]):
                same_line = min(left.bottom, right.bottom) - max(left.top, right.top) > 0.5 * (left.bottom - left.top)
                if same_line and right.x0 - left.x1 < 0.6 * body:
                    joined = _Row(left.words + right.words, left.page, -1)
                    columns[index].remove(left)
                    columns[index + 1].remove(right)
                    columns[index + 1].append(joined)
                    spanning.append(joined)
                    break
    for column in columns:
        for row in list(column):
            if row.column == -1:
                column.remove(row)
    return spanning


def _drop_furniture(rows: list[_Row], heights: dict[int, float], report: Report) -> list[_Row]:
    """Return ``rows`` less running titles and page numbers, each one listed in ``report``."""
    pages = len(heights)

    def in_margin(row: _Row) -> bool:
        height = heights[row.page]
        return row.top < _MARGIN_ZONE * height or row.bottom > (1 - _MARGIN_ZONE) * height

    by_page: dict[int, list[_Row]] = defaultdict(list)
    for row in rows:
        by_page[row.page].append(row)
    edges: set[int] = set()  # the two first and two last lines of each page, furniture's only places
    for on_page in by_page.values():
        on_page.sort(key=lambda row: row.top)
        edges.update(id(row) for row in on_page[:2] + on_page[-2:])
    places: dict[str, list[_Row]] = defaultdict(list)
    for row in rows:
        if id(row) in edges and in_margin(row):
            places[re.sub(r"\d+", "#", row.text().lower())].append(row)
    furniture: set[int] = set()
    for key, found in places.items():
        near = [row for row in found if abs(row.top - found[0].top) < 4]
        on_pages = sorted({row.page for row in near})
        if pages >= 2 and len(on_pages) > pages / 2 and key.strip("# /") != "":
            furniture.update(id(row) for row in near)
            report.dropped.append(f"« {near[0].text()} » : en-tête ou pied de page répété, retiré des pages "
                                  + ", ".join(map(str, on_pages)))
    for row in rows:
        if id(row) not in furniture and id(row) in edges and in_margin(row) and _PAGE_NUMBER.match(row.text()):
            furniture.add(id(row))
            report.dropped.append(f"page {row.page} : « {row.text()} » (numéro de page)")
    return [row for row in rows if id(row) not in furniture]


def _lines(rows: list[_Row], body: float, heights: dict[int, float]) -> Extracted:
    """Return the body lines and the footnotes of ``rows``, with what their layout says."""
    edges: dict[tuple[int, int], tuple[float, float]] = {}
    for row in rows:
        if abs(row.size - body) < 0.5:
            left, right = edges.get((row.page, row.column), (row.x0, row.x1))
            edges[row.page, row.column] = (min(left, row.x0), max(right, row.x1))
    lines: list[Line] = []
    notes: list[NoteText] = []
    previous: _Row | None = None
    in_note = False
    for row in rows:
        size = row.size
        left, right = edges.get((row.page, row.column)) or edges.get((row.page, -1)) or (row.x0, row.x1)
        content = _content(row, size)
        line = Line(
            content,
            page=row.page,
            room=right - row.x1,
            head=row.words[0].x1 - row.words[0].x0 + 0.3 * size,
            blank_before=previous is not None and not row.new_column and row.top - previous.bottom > 0.5 * size,
            indented=row.x0 > left + 0.8 * size,
            new_column=row.new_column,
            prominent=size >= _LARGE * body or all(_BOLD.search(word.fontname) for word in row.words),
            small=size <= _SMALL * body,
        )
        low = row.top > heights[row.page] / 2
        number = _note_number(content) if line.small and low else None
        if number is not None:
            line.content = _after_number(content)
            notes.append(NoteText(number, [line]))
            in_note = True
        elif line.small and in_note and (previous is None or previous.page == row.page):
            notes[-1].lines.append(line)
        else:
            in_note = False
            lines.append(line)
        previous = row
    return Extracted(lines, notes)


_NOTE_NUMBER = re.compile(r"(\d{1,3})[.)]?(?=\s)")


def _note_number(content: list[Inline]) -> str | None:
    """Return the number a footnote starts with (raised or not), or None."""
    first = content[0] if content else None
    if isinstance(first, NoteCall):
        return first.number
    match = _NOTE_NUMBER.match(first.text) if isinstance(first, Run) else None
    return match.group(1) if match else None


def _after_number(content: list[Inline]) -> list[Inline]:
    """Return the content of a footnote's first line without its number."""
    first, rest = content[0], content[1:]
    if isinstance(first, Run):
        text = first.text[_NOTE_NUMBER.match(first.text).end():]  # type: ignore[union-attr]
        rest = [Run(text, first.bold, first.italic), *rest]
    if rest and isinstance(rest[0], Run):
        rest[0] = Run(rest[0].text.lstrip(), rest[0].bold, rest[0].italic)
    return rest


def _content(row: _Row, size: float) -> list[Inline]:
    """Return the words of ``row`` as runs, raised small numbers made note calls."""
    content: list[Inline] = []
    baseline = max(word.bottom for word in row.words)
    for index, word in enumerate(row.words):
        text = word.text
        raised = word.size < _SMALL * size and word.bottom < baseline - 0.15 * size
        if raised and text.isdigit() and len(text) <= 3:
            content.append(NoteCall(text))
            continue
        font = word.fontname
        bold, italic = bool(_BOLD.search(font)), bool(_ITALIC.search(font))
        glued = index > 0 and _touches(row.words[index - 1], word)  # one word in two fonts
        space = "" if not content or glued else " "
        previous = content[-1] if content else None
        if isinstance(previous, Run) and (previous.bold, previous.italic) == (bold, italic):
            previous.text += space + text
        else:
            content.append(Run(space + text, bold, italic))
    return content


def _touches(left: Word, right: Word) -> bool:
    return right.x0 - left.x1 < 0.5
