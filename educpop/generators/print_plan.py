"""The print plan: every file of the pack, with its pages, how many copies, on how many sheets, and how."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import islice
from typing import ClassVar, Literal

from educpop.document import Audience, Block, Document, Heading, Inlines, Paragraph, Table, Text, plain
from educpop.generators import Generator, PrintRun, registry
from educpop.generators._common import day_words
from educpop.generators._words import PhraseBook, phrases_for
from educpop.plan import Plan

#: what a file of the pack is: a document, every PDF in one file, or the zip of them all
FileRole = Literal["document", "combined", "archive"]


@dataclass(frozen=True)
class PackFile:
    """One file of a pack, as the pack wrote it: what the print plan lists."""

    name: str
    role: FileRole = "document"
    #: the generator of its document ("" for the combined PDF and the zip)
    kind: str = ""
    #: its pages, when they are fixed (a PDF); None when a word processor lays it out, or for a zip
    pages: int | None = None
    #: an A5 booklet imposed two pages a side on A4 sheets
    imposed: bool = False
    #: the pages of each part of its document printed apart (one per item of its runs of copies), in
    #: document order, when they are fixed (a PDF); an imposed booklet is one part, of its A4 sides
    parts: tuple[int, ...] = ()


def sheets(pages: int, two_sided: bool) -> int:
    """Return the sheets of paper ``pages`` pages take, printed on one or both sides."""
    return -(-pages // 2) if two_sided else pages


class PrintPlan(Generator):
    """Read before going to the printer: the counts come from the same plan as the documents.

    The pack builds it last, from the files it wrote (:class:`PackFile`), so that
    it names them as they are in the folder and counts their real pages. Built
    without files (``educpop check``), it lists every document the plan needs.
    """

    name: ClassVar[str] = "print-plan"
    file_stem: ClassVar[str] = "plan-impression"
    title: ClassVar[str] = "Plan d'impression"
    audience: ClassVar[Audience] = Audience.FACILITATOR
    #: first in the pack: it says what to do with the rest
    order: ClassVar[int] = 5
    #: one plain A4 sheet, whatever the paper of the pack: the pack lays it out so
    printing: ClassVar[str] = "single"

    def __init__(self, files: Sequence[PackFile] = ()) -> None:
        self.files = tuple(files)

    def build(self, plan: Plan) -> Document:
        """Return the print plan of ``plan``: one row per document, and per part to print apart."""
        words = phrases_for(plan.workshop)
        document = self.new_document(plan)
        document.add(
            Heading(1, plain(words.print_plan())),
            Paragraph([Text(plan.workshop.session.title, bold=True)], "lead", keep_with_next=True),
            Paragraph(plain(words.print_plan_for(plan.participants, plan.subgroup_count,
                                                 plan.facilitator_count)), "small", keep_with_next=True),
            *self._table(plan, words),
            *self._bundles(words),
        )
        return document

    def copies(self, plan: Plan) -> list[PrintRun]:
        """Return one copy: this sheet, for whoever prints the pack."""
        return [PrintRun(1)]

    def _table(self, plan: Plan, words: PhraseBook) -> list[Block]:
        rows: list[list[Inlines]] = []
        copies, paper, card = 0, 0, 0
        kinds = {file.kind for file in self.files}
        used: list[str] = []
        for generator in registry().values():
            if not generator.applies(plan) or self.files and generator.name not in kinds:
                continue
            printed = self._printed(generator.name)
            how = "booklet-folded" if printed and printed.imposed else generator.printing
            used.append(how)
            runs = generator.copies(plan)
            if generator.per_sitting and len(plan.sittings) > 1:
                runs = [replace(run, part=words.print_plan_sitting(s.number, s.of, day_words(plan, s)))
                        for s in plan.sittings for run in runs]
            # Parts not printed (no reader) still take their place in the document.
            counted = [(run, count) for run, count in
                       self._sheets(runs, printed, two_sided=generator.printing != "single") if run.copies > 0]
            runs = [run for run, _ in counted]
            name: Inlines = plain(printed.name) if printed else [Text(generator.title, bold=True)]
            pages = plain(str(printed.pages)) if printed and printed.pages is not None else []
            if len(runs) == 1:  # the whole document, or all its parts alike
                run, count = counted[0]
                rows.append([name, pages, self._count(words, run), plain(count), plain(words.print_plan_how(how))])
            else:
                total = sum(int(count) for _, count in counted if count)
                rows.append([name, pages, [], plain(str(total) if total else ""), plain(words.print_plan_how(how))])
                rows += [[plain(run.part), [], self._count(words, run), plain(count), []] for run, count in counted]
            copies += sum(run.copies * run.items for run in runs)
            sheets_used = sum(int(count) for _, count in counted if count)
            if generator.printing == "cards":
                card += sheets_used
            else:
                paper += sheets_used
        header = [plain(words.print_plan_file()), plain(words.print_plan_pages()), plain(words.print_plan_copies()),
                  plain(words.print_plan_sheets()), plain(words.print_plan_sides())]
        legend = " ".join(words.print_plan_how_legend(how) for how in dict.fromkeys(used))
        return [Table(header=header, rows=rows, widths=[5.2, 0.9, 1.3, 1.1, 1.5], unbroken=True),
                # without a PDF, no page and no sheet is known
                Paragraph([Text(words.print_plan_total(copies, paper if paper or card else None, card), bold=True)],
                          keep_with_next=True),
                Paragraph(plain(legend), "small")]

    def _printed(self, kind: str) -> PackFile | None:
        """Return the file of document ``kind`` to print: the one with pages (a PDF), else any (a DOCX)."""
        files = sorted((file for file in self.files if file.kind == kind), key=lambda file: file.pages is None)
        return files[0] if files else None

    @staticmethod
    def _sheets(runs: list[PrintRun], printed: PackFile | None, *, two_sided: bool) -> list[tuple[PrintRun, str]]:
        """Return each run with the sheets of paper it takes ("" when the pages are not known).

        The runs cover the file's parts in document order, each run ``items``
        consecutive parts; each part starts on a sheet of its own, so a run takes
        its copies times the sheets of each of its parts.
        """
        if printed is None or not printed.parts:
            return [(run, "") for run in runs]
        assert sum(run.items for run in runs) == len(printed.parts), (
            f"{printed.name} : {len(printed.parts)} parties mises en page, "
            f"{sum(run.items for run in runs)} à imprimer")
        parts = iter(printed.parts)
        return [(run, str(run.copies * sum(sheets(pages, two_sided) for pages in islice(parts, run.items))))
                for run in runs]

    @staticmethod
    def _count(words: PhraseBook, run: PrintRun) -> Inlines:
        return [Text(words.print_plan_count(run.copies, run.items), bold=True)]

    def _bundles(self, words: PhraseBook) -> list[Block]:
        """Return the files not printed one by one: those to edit, the combined PDF and the zip."""
        printed = {file.name for kind in {file.kind for file in self.files} if (file := self._printed(kind))}
        editable = [file.name for file in self.files if file.role == "document" and file.name not in printed]
        rows = [[plain(words.print_plan_editable()), plain(" ".join(editable))]] if editable else []
        for file in self.files:
            if file.role == "combined" and file.pages is not None:
                rows.append([plain(words.print_plan_combined()),
                             plain(words.print_plan_combined_file(file.name, file.pages, sheets(file.pages, True)))])
            elif file.role == "archive":
                rows.append([plain(words.print_plan_archive()), plain(file.name)])
        # A table whose words are never cut: the names break only between them.
        return [Table(header=[], rows=rows, widths=[1, 4], unbroken=True)] if rows else []
