"""Building a pack: every document in every format, written safely into one folder.

Everything is rendered in memory (:class:`Output`), then written by
:mod:`educpop.writes`. When more than one document is built, the pack also holds
``<slug>-tout.pdf`` (every PDF, one bookmark each) and ``<slug>.zip`` (every file).
"""

from __future__ import annotations

import difflib
import hashlib
import io
import os
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import partial

from educpop.document import Document
from educpop.errors import BuildError
from educpop.generators import registry
from educpop.generators._sandbox import template_budget
from educpop.generators.print_plan import FileRole, PackFile, PrintPlan
from educpop.glyphs import missing_glyphs
from educpop.paper import PAPERS, Paper
from educpop.plan import Plan
from educpop.render import FORMATS, Format, pdf_pages
from educpop.theme import Theme
from educpop.typography import typeset_document

#: the longest session name used as is in file names: a name is at most 255 bytes on
#: every file system, and the slug gets ``-tout-gros-caracteres.pdf`` and a temporary
#: prefix and suffix around it
MAX_SLUG_BYTES = 120


@dataclass(frozen=True)
class Output:
    """One file of a pack, rendered but not yet written."""

    name: str
    content: bytes
    #: the document's title, for its bookmark in the combined PDF ("" for the pack's own files)
    title: str = ""
    #: joins the combined PDF
    combinable: bool = False
    role: FileRole = "document"
    #: the generator of its document ("" for the pack's own files)
    kind: str = ""
    #: its page count, when its format fixes one (a PDF)
    pages: int | None = None
    #: an A5 booklet imposed on A4 sheets
    imposed: bool = False
    #: the pages of each part of its document, when its format fixes them (see :attr:`PackFile.parts`)
    parts: tuple[int, ...] = ()

    def listed(self) -> PackFile:
        """Return this file as the print plan lists it."""
        return PackFile(self.name, self.role, self.kind, self.pages, self.imposed, self.parts)


#: renders the print plan of the files so far and of those still to come (the zip)
PrintPlanMaker = Callable[[list[Output], list[PackFile]], list[Output]]

#: the print plan is never set smaller than this, in points, even to fit one page
PLAN_SMALLEST_SIZE = 9.0


def select_generators(only: tuple[str, ...] = ()) -> list[str]:
    """Return the generator names to run; raise BuildError naming an unknown one."""
    known = list(registry())
    for name in only:
        if name not in known:
            close = difflib.get_close_matches(name, known, n=1)
            hint = f" ; vouliez-vous dire « {close[0]} » ?" if close else ""
            raise BuildError(f"document inconnu « {name} » (connus : {', '.join(known)}){hint}")
    return [name for name in known if not only or name in only]


def select_formats(formats: tuple[str, ...] = ()) -> list[Format]:
    """Return the formats to write (the default ones when none is named); raise BuildError naming an unknown one."""
    for name in formats:
        if name not in FORMATS:
            raise BuildError(f"format inconnu « {name} » (connus : {', '.join(FORMATS)})")
    return [fmt for name, fmt in FORMATS.items() if name in formats or not formats and fmt.default]


def make_documents(plan: Plan, names: list[str]) -> list[Document]:
    """Return the typeset documents of ``plan`` for those of the generators ``names`` it needs.

    Raise BuildError when it needs none of them (``--only arpentage`` without an arpentage).
    The session's own templates share one budget of time and size for all the documents.
    """
    generators = [generator for name, generator in registry().items() if name in names]
    needed = [generator for generator in generators if generator.applies(plan)]
    if not needed:
        raise BuildError(f"rien à construire : cette séance n'a pas besoin de « {', '.join(names)} »")
    with template_budget():
        return [typeset_document(generator.build(plan)) for generator in needed]


def glyph_warnings(documents: list[Document], theme: Theme) -> list[str]:
    """Return one line per character of ``documents`` that the theme's font cannot print."""
    generators = registry()
    return [
        str(missing)
        for document in documents
        for missing in missing_glyphs(document, theme.font, generators[document.meta.kind].file_stem)
    ]


def render_all(
    documents: list[Document], formats: list[Format], theme: Theme, paper: Paper = PAPERS["a4"], variant: str = ""
) -> list[Output]:
    """Return every document rendered in every format on ``paper``, in memory.

    A booklet's PDF is imposed on A4 sheets; its DOCX stays A5, for Word to edit.
    File names carry the session variant's name and the paper's suffix
    (``guide-animation-soiree-livret.pdf``).
    """
    label = f"-{variant}" if variant else ""
    generators = registry()
    outputs = []
    for document in documents:
        generator = generators[document.meta.kind]
        # Sheets handed out one by one (question sheets, attendance) are never folded into a booklet.
        laid_out = PAPERS["a4"] if paper.booklet and generator.printing != "booklet" else paper
        # Source texts are broken as on the pack's paper, in every document: their lines keep their numbers.
        themed = replace(laid_out.apply(theme), source_page_size=paper.page_size)
        for fmt in formats:
            imposed = fmt.imposable and laid_out.booklet
            content, parts = _rendered(document, fmt, themed)
            if imposed:
                from educpop.impose import impose_booklet  # pypdf: imported only for what it serves

                content = impose_booklet(content)
            pages = fmt.pages(content) if fmt.pages else None
            if imposed and pages is not None:
                parts = (pages,)  # a booklet is printed whole, its pages folded together: one part, its A4 sides
            name = f"{generator.file_stem}{label}{laid_out.suffix}{fmt.suffix}"
            outputs.append(Output(name, content, generator.title, fmt.combinable, kind=generator.name,
                                  pages=pages, imposed=imposed, parts=parts))
    return outputs


def _rendered(document: Document, fmt: Format, theme: Theme) -> tuple[bytes, tuple[int, ...]]:
    """Return ``document`` rendered in ``fmt``, and the pages of each of its parts (none when the format fixes none)."""
    stream = io.BytesIO()
    parts = fmt.render(document, stream, theme)
    return stream.getvalue(), parts or ()


def render_print_plan(
    plan: Plan, formats: list[Format], theme: Theme, paper: Paper, outputs: list[Output], coming: list[PackFile]
) -> list[Output]:
    """Return the print plan of ``outputs`` and of the files ``coming`` after it, in every format of ``formats``.

    It is one plain A4 sheet whatever the paper: never imposed, and set at the
    largest body size, from the paper's (14 pt in large print) down, at which it
    fits one page (never under PLAN_SMALLEST_SIZE: then it runs onto the back).
    It names its own files too, with its own real page count. Its name carries
    the paper's suffix, so that it never replaces the plan of another paper.
    """
    stem = f"{PrintPlan.file_stem}{f'-{plan.workshop.variant}' if plan.workshop.variant else ''}{paper.suffix}"
    files = [output.listed() for output in outputs] + coming
    # The plan's pages are counted in a format that fixes them, written or not.
    counter = next(fmt for fmt in FORMATS.values() if fmt.pages)
    count = counter.pages
    assert count is not None

    def render(size: float, pages: int) -> tuple[Document, Theme, bytes]:
        own = [PackFile(stem + fmt.suffix, kind=PrintPlan.name, pages=pages, parts=(pages,)) if fmt.pages
               else PackFile(stem + fmt.suffix, kind=PrintPlan.name) for fmt in formats]
        document = typeset_document(PrintPlan([*files, *own]).build(plan))
        themed = replace(theme, page_size="A4", base_size=size, min_size=min(theme.min_size, size))
        return document, themed, _rendered(document, counter, themed)[0]

    names = [file.name for file in files] + [stem + fmt.suffix for fmt in formats]
    for size in _plan_sizes(theme, paper):
        document, themed, measured = render(size, 1)
        if count(measured) == 1 and _names_whole(measured, names):
            break
    else:
        document, themed, measured = render(size, count(measured))
    result = []
    for fmt in formats:
        content = measured if fmt is counter else _rendered(document, fmt, themed)[0]
        result.append(Output(stem + fmt.suffix, content, PrintPlan.title, kind=PrintPlan.name,
                             pages=fmt.pages(content) if fmt.pages else None))
    return result


def _names_whole(pdf: bytes, names: list[str]) -> bool:
    """Return whether each of ``names`` is read whole on one line of the PDF ``pdf``: none is cut."""
    from pypdf import PdfReader  # imported only for what it serves (check makes no PDF)

    lines = [line for page in PdfReader(io.BytesIO(pdf)).pages for line in page.extract_text().splitlines()]
    return all(any(name in line for line in lines) for name in names)


def _plan_sizes(theme: Theme, paper: Paper) -> Iterator[float]:
    """Yield the body sizes to try the print plan at, from the paper's by half points down."""
    size = max(theme.base_size, paper.min_size)
    while size >= PLAN_SMALLEST_SIZE:
        yield size
        size -= 0.5


def output_slug(folder_name: str) -> str:
    """Return the name of a pack's folder and bundles for a session folder named ``folder_name``.

    A name longer than MAX_SLUG_BYTES (in UTF-8) is cut at a character and ends
    with 8 characters of its hash, so that two long names sharing a start differ.
    """
    if len(folder_name.encode()) <= MAX_SLUG_BYTES:
        return folder_name
    digest = hashlib.sha256(folder_name.encode()).hexdigest()[:8]
    start = folder_name.encode()[: MAX_SLUG_BYTES - len(digest) - 1].decode(errors="ignore")
    return f"{start.rstrip(' .-_')}-{digest}"


def add_bundles(
    outputs: list[Output], slug: str, title: str, paper: Paper = PAPERS["a4"], print_plan: PrintPlanMaker | None = None
) -> list[Output]:
    """Return ``outputs`` followed by the combined PDF, the print plan ``print_plan`` makes and the zip of them all.

    The combined PDF and the zip are made only when more than one document was
    built: for a single document they would only repeat its files. ``title`` names
    the combined PDF. The print plan comes after the combined PDF, so that it
    counts its pages, and is not in it: it says how to print the rest.
    """
    several = len({output.title for output in outputs}) + (print_plan is not None) > 1
    bundled = list(outputs)
    pdfs = [(output.title, output.content) for output in outputs if output.combinable]
    if several and len(pdfs) > 1:
        from educpop.impose import combine  # pypdf: imported only for what it serves (check makes no PDF)

        combined = combine(pdfs, title)
        bundled.append(Output(f"{slug}-tout{paper.suffix}.pdf", combined, role="combined", pages=pdf_pages(combined)))
    archive = PackFile(f"{slug}{paper.suffix}.zip", "archive")
    if print_plan is not None:
        bundled += print_plan(bundled, [archive] if several else [])
    if several:
        bundled.append(Output(archive.name, _zip(bundled), role="archive"))
    return bundled


def make_pack(
    plan: Plan, documents: list[Document], formats: list[Format], theme: Theme, paper: Paper, slug: str
) -> list[Output]:
    """Return every file of the pack of ``documents``: each in every format, the bundles and the print plan last."""
    printed = [document for document in documents if document.meta.kind != PrintPlan.name]
    maker = partial(render_print_plan, plan, formats, theme, paper) if len(printed) < len(documents) else None
    outputs = render_all(printed, formats, theme, paper, plan.workshop.variant)
    return add_bundles(outputs, slug, plan.workshop.session.title, paper, maker)


def _zip(outputs: list[Output]) -> bytes:
    """Return a zip of ``outputs``, dated SOURCE_DATE_EPOCH when set (reproducible builds), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    stamp = time.gmtime(int(epoch)) if epoch and epoch.isdigit() else time.localtime()
    fields = (stamp.tm_year, stamp.tm_mon, stamp.tm_mday, stamp.tm_hour, stamp.tm_min, stamp.tm_sec)
    date = max(fields, (1980, 1, 1, 0, 0, 0))  # zip cannot date a file before 1980
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for output in outputs:
            entry = zipfile.ZipInfo(output.name, date_time=date)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, output.content)
    return buffer.getvalue()
