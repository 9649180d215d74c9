"""Building a pack: every document in every format, written safely into one folder.

Everything is rendered in memory first, then written to temporary files beside
their targets and moved into place only when all of them are complete, so a
failed build leaves every existing file byte-identical. A manifest records the
hash of each file written; a file changed by hand since is not overwritten
without ``force``. When more than one document is built, the pack also holds
``<slug>-tout.pdf`` (every PDF, one bookmark each) and ``<slug>.zip`` (every file).
"""

from __future__ import annotations

import contextlib
import difflib
import errno
import hashlib
import io
import json
import os
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from educpop.document import Document
from educpop.errors import BuildError
from educpop.generators import registry
from educpop.glyphs import missing_glyphs
from educpop.impose import combine, impose_booklet
from educpop.paper import PAPERS, Paper
from educpop.plan import Plan
from educpop.render import RENDERERS
from educpop.theme import Theme
from educpop.typography import typeset_document

MANIFEST = ".educpop-manifest.json"


@dataclass(frozen=True)
class Output:
    """One file of a pack, rendered but not yet written."""

    name: str
    content: bytes
    #: the document's title, for its bookmark in the combined PDF ("" for the pack's own files)
    title: str = ""


def select_generators(only: tuple[str, ...] = ()) -> list[str]:
    """Return the generator names to run; raise BuildError naming an unknown one."""
    known = list(registry())
    for name in only:
        if name not in known:
            close = difflib.get_close_matches(name, known, n=1)
            hint = f" ; vouliez-vous dire « {close[0]} » ?" if close else ""
            raise BuildError(f"document inconnu « {name} » (connus : {', '.join(known)}){hint}")
    return [name for name in known if not only or name in only]


def select_formats(formats: tuple[str, ...] = ()) -> list[str]:
    """Return the output formats to write; raise BuildError naming an unknown one."""
    for fmt in formats:
        if fmt not in RENDERERS:
            raise BuildError(f"format inconnu « {fmt} » (connus : {', '.join(RENDERERS)})")
    return [fmt for fmt in RENDERERS if not formats or fmt in formats]


def make_documents(plan: Plan, names: list[str]) -> list[Document]:
    """Return the typeset documents of ``plan`` for those of the generators ``names`` it needs.

    Raise BuildError when it needs none of them (``--only arpentage`` without an arpentage).
    """
    generators = [generator for name, generator in registry().items() if name in names]
    needed = [generator for generator in generators if generator.applies(plan)]
    if not needed:
        raise BuildError(f"rien à construire : cette séance n'a pas besoin de « {', '.join(names)} »")
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
    documents: list[Document], formats: list[str], theme: Theme, paper: Paper = PAPERS["a4"]
) -> list[Output]:
    """Return every document rendered in every format on ``paper``, in memory.

    A booklet's PDF is imposed on A4 sheets; its DOCX stays A5, for Word to edit.
    File names carry the paper's suffix (``guide-animation-livret.pdf``).
    """
    generators = registry()
    outputs = []
    for document in documents:
        generator = generators[document.meta.kind]
        # Sheets handed out one by one (question sheets, attendance) are never folded into a booklet.
        laid_out = PAPERS["a4"] if paper.booklet and generator.printing != "booklet" else paper
        themed = laid_out.apply(theme)
        for fmt in formats:
            stream = io.BytesIO()
            RENDERERS[fmt](document, stream, themed)
            content = stream.getvalue()
            if fmt == "pdf" and laid_out.booklet:
                content = impose_booklet(content)
            outputs.append(Output(f"{generator.file_stem}{laid_out.suffix}.{fmt}", content, generator.title))
    return outputs


def add_bundles(outputs: list[Output], slug: str, title: str, paper: Paper = PAPERS["a4"]) -> list[Output]:
    """Return ``outputs`` followed by the combined PDF and the zip of them all.

    Both are made only when more than one document was built: for a single
    document they would only repeat its files. ``title`` names the combined PDF.
    """
    if len({output.title for output in outputs}) < 2:
        return outputs
    bundled = list(outputs)
    pdfs = [(output.title, output.content) for output in outputs if output.name.endswith(".pdf")]
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


def _digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _read_manifest(folder: Path) -> dict[str, str]:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def edited_by_hand(folder: Path, names: list[str]) -> list[str]:
    """Return the names among ``names`` whose file differs from what educpop last wrote there."""
    manifest = _read_manifest(folder)
    edited = []
    for name in names:
        path = folder / name
        if path.exists() and manifest.get(name) != _digest(path.read_bytes()):
            edited.append(name)
    return edited


def _write_all(folder: Path, files: dict[str, bytes]) -> None:
    """Write ``files`` into ``folder``: all temporary files first, then every move.

    Before the first move, every file to be replaced is opened for writing: a
    document open in Word (locked, on Windows) stops the build with nothing
    changed, instead of half a pack replaced.
    """
    temporaries: dict[str, Path] = {}
    mode = 0o666 & ~_umask()  # mkstemp makes 0600 files; a pack is as readable as any file the user saves
    try:
        for name, content in files.items():
            handle, temporary_name = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
            temporaries[name] = Path(temporary_name)
            with os.fdopen(handle, "wb") as stream:
                stream.write(content)
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(temporary_name, mode)  # by path: os.fchmod does not exist on Windows
        held = [name for name in files if _held_elsewhere(folder / name)]
        if held:
            raise BuildError(
                f"{', '.join(held)} : ouvert dans un autre programme (Word, lecteur PDF ?) ou protégé ; "
                "fermez-le puis relancez ; rien n'a été modifié"
            )
        moved: list[str] = []
        for name, temporary in list(temporaries.items()):
            try:
                os.replace(temporary, folder / name)
            except OSError as error:
                done = f" ; déjà remplacés : {', '.join(moved)}" if moved else ""
                raise BuildError(f"écriture impossible de {folder / name} : {error.strerror or error}{done}") from error
            moved.append(name)
            del temporaries[name]
    except OSError as error:
        raise _write_failed(folder, error) from error
    finally:
        for temporary in temporaries.values():
            temporary.unlink(missing_ok=True)


def _held_elsewhere(path: Path) -> bool:
    """Return whether ``path`` exists but cannot be opened for writing (locked or read-only)."""
    try:
        with path.open("r+b"):
            return False
    except FileNotFoundError:
        return False
    except OSError:
        return True


#: what the system says when the disk, the user's quota or the file-size limit is reached
_FULL = {errno.ENOSPC, errno.EFBIG, errno.EDQUOT}


def _write_failed(folder: Path, error: OSError) -> BuildError:
    """Return the BuildError telling why ``folder`` could not be written, in French."""
    if error.errno in _FULL:
        why = "disque plein ou fichier trop gros ; libérez de la place puis relancez"
    elif error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        why = "droits insuffisants ou disque protégé en écriture"
    else:
        why = error.strerror or str(error)
    return BuildError(f"écriture impossible dans {folder} : {why} ; les fichiers déjà là n'ont pas été modifiés")


def _umask() -> int:
    """Return the process's umask (reading it means setting it, so it is set back at once)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_pack(folder: Path, outputs: list[Output], force: bool = False) -> list[Path]:
    """Write ``outputs`` into ``folder`` safely and return their paths.

    Raise BuildError, writing nothing, if a file there was edited by hand and
    ``force`` is false, or if the files cannot all be written.
    """
    created = not folder.exists()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BuildError(f"dossier de sortie impossible à créer : {folder} ({error.strerror})") from error
    names = [output.name for output in outputs]
    edited = [] if force else edited_by_hand(folder, names)
    if edited:
        listed = ", ".join(str(folder / name) for name in edited)
        raise BuildError(
            f"modifié à la main depuis la dernière construction : {listed} ; "
            "rien n'a été écrit (renommez le fichier pour le garder, ou relancez avec --force pour l'écraser)"
        )
    manifest = _read_manifest(folder)
    manifest.update({output.name: _digest(output.content) for output in outputs})
    files = {output.name: output.content for output in outputs}
    files[MANIFEST] = json.dumps(manifest, indent=2, sort_keys=True).encode("utf-8")
    try:
        _write_all(folder, files)
    except BuildError:
        if created:  # a failed first build leaves no empty folder behind
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    return [folder / name for name in names]
