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
from dataclasses import dataclass, replace

from educpop.document import Document
from educpop.errors import BuildError
from educpop.generators import registry
from educpop.generators._sandbox import template_budget
from educpop.glyphs import missing_glyphs
from educpop.impose import combine, impose_booklet
from educpop.paper import PAPERS, Paper
from educpop.plan import Plan
from educpop.render import FORMATS, Format
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
            stream = io.BytesIO()
            fmt.render(document, stream, themed)
            content = stream.getvalue()
            if fmt.imposable and laid_out.booklet:
                content = impose_booklet(content)
            name = f"{generator.file_stem}{label}{laid_out.suffix}{fmt.suffix}"
            outputs.append(Output(name, content, generator.title, fmt.combinable))
    return outputs


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


def add_bundles(outputs: list[Output], slug: str, title: str, paper: Paper = PAPERS["a4"]) -> list[Output]:
    """Return ``outputs`` followed by the combined PDF and the zip of them all.

    Both are made only when more than one document was built: for a single
    document they would only repeat its files. ``title`` names the combined PDF.
    """
    if len({output.title for output in outputs}) < 2:
        return outputs
    bundled = list(outputs)
    pdfs = [(output.title, output.content) for output in outputs if output.combinable]
    if len(pdfs) > 1:
        bundled.append(Output(f"{slug}-tout{paper.suffix}.pdf", combine(pdfs, title)))
    bundled.append(Output(f"{slug}{paper.suffix}.zip", _zip(bundled)))
    return bundled


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
