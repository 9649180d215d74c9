"""``educpop import``: a text found in a PDF, a Word or OpenDocument file, a web page or a text file
becomes clean Markdown for a session's ``sources/``, with a French report of what was changed.

Readers live in :mod:`educpop.importer.readers`, one per kind of file. PDF and text
files give printed lines, rebuilt into paragraphs by :mod:`educpop.importer.paragraphs`;
Word, ODT and HTML files give blocks read from their structure.
"""

from __future__ import annotations

import stat
from collections.abc import Callable
from pathlib import Path

from educpop.importer.model import Extracted, Imported, ImportFailure
from educpop.importer.paragraphs import rebuild
from educpop.importer.readers import docx, html, odt, pdf, text
from educpop.importer.report import Report

#: a larger file is refused before it is read: a magazine issue in PDF or Word is a few megabytes,
#: and a text or a web page larger than a session accepts as a source is no text to study
MAX_BYTES = {".pdf": 50_000_000, ".docx": 50_000_000, ".odt": 50_000_000}
MAX_TEXT_BYTES = 5_000_000

Reader = Callable[[Path, bytes, Report], Extracted | Imported]

#: suffix -> reader; a new kind of file is one module and one line here
READERS: dict[str, Reader] = {
    ".pdf": pdf.read,
    ".docx": docx.read,
    ".odt": odt.read,
    ".html": html.read,
    ".htm": html.read,
    ".txt": lambda path, data, report: text.read_text(text.decode(data, path.name, report), False, report),
    ".md": lambda path, data, report: text.read_text(text.decode(data, path.name, report), True, report),
}


def import_file(path: Path, report: Report) -> Imported:
    """Return the text of the file at ``path``; what was changed on the way goes to ``report``."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        kinds = ", ".join(sorted({suffix for suffix in READERS if suffix != ".htm"}))
        raise ImportFailure(f"{path} : type de fichier inconnu « {path.suffix or '(sans extension)'} » ; "
                            f"educpop sait lire : {kinds}")
    found = reader(path, _read(path, MAX_BYTES.get(path.suffix.lower(), MAX_TEXT_BYTES)), report)
    imported = rebuild(found, report) if isinstance(found, Extracted) else found
    if not any(block.text().strip() for block in imported.blocks):
        raise ImportFailure(f"{path} : aucun texte trouvé (un PDF scanné n'a que des images : "
                            "passez-le d'abord dans un logiciel de reconnaissance de caractères)")
    return imported


def _read(path: Path, limit: int) -> bytes:
    """Return the bytes of ``path``, refusing what is not a regular file of at most ``limit`` bytes."""
    try:
        status = path.stat()
    except FileNotFoundError:
        raise ImportFailure(f"{path} : fichier introuvable") from None
    except OSError as error:
        raise ImportFailure(f"{path} : fichier illisible ({error.strerror})") from None
    if stat.S_ISDIR(status.st_mode):
        raise ImportFailure(f"{path} : c'est un dossier ; donnez le fichier à importer")
    if not stat.S_ISREG(status.st_mode):
        raise ImportFailure(f"{path} : ce n'est pas un fichier ordinaire (tube, périphérique ?)")
    if status.st_size > limit:
        raise ImportFailure(f"{path} : fichier trop gros ({status.st_size // 1_000_000} Mo, "
                            f"au plus {limit // 1_000_000} Mo) ; n'en gardez que le texte à étudier")
    try:
        return path.read_bytes()
    except OSError as error:
        raise ImportFailure(f"{path} : fichier illisible ({error.strerror})") from None
