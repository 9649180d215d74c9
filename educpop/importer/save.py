"""Where an import is written: the Markdown text, its report if asked, and the session's list of sources."""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from educpop.importer.markdown import write
from educpop.importer.model import Imported, ImportFailure
from educpop.importer.report import Report
from educpop.importer.session_entry import add_source

SESSION_FILE = "session.yaml"


@dataclass(frozen=True)
class Saved:
    """What an import wrote, and the report to show."""

    output: Path
    source_id: str | None  # the id added to session.yaml, None when no session was changed
    report: str


def default_output(file: Path, session: Path | None) -> Path:
    """Return ``sources/<name>.md`` for ``file``, in ``session`` or else in the current folder."""
    ascii_ = unicodedata.normalize("NFKD", file.stem).encode("ascii", "ignore").decode().lower()
    name = re.sub(r"[^a-z0-9]+", "-", ascii_).strip("-") or "texte"
    return (session or Path(".")) / "sources" / f"{name}.md"


def save(file: Path, imported: Imported, report: Report, output: Path, session: Path | None,
         keep_report: bool, force: bool) -> Saved:
    """Write ``imported`` to ``output`` (and add it to ``session``); write nothing if any part would fail."""
    if output.suffix.lower() != ".md":
        raise ImportFailure(f"{output} : le texte importé s'écrit en Markdown, dans un fichier .md")
    if output.exists() and not force:
        raise ImportFailure(f"{output} existe déjà ; rien n'a été écrit (relancez avec --force pour le remplacer)")
    markdown, lines = write(imported)
    files: dict[Path, str] = {output: markdown}
    source_id = None
    if session is not None:
        session_file = session / SESSION_FILE
        try:
            text = session_file.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ImportFailure(f"{session} : pas de {SESSION_FILE} dans ce dossier") from None
        except (OSError, UnicodeDecodeError) as error:
            raise ImportFailure(f"{session_file} : illisible ({error})") from None
        try:
            relative = PurePosixPath(output.resolve().relative_to(session.resolve()).as_posix())
        except ValueError:
            raise ImportFailure(f"{output} : le texte d'une séance doit être dans son dossier ({session})") from None
        title = next((block.text() for block in imported.blocks if block.kind == "heading"), file.stem)
        changed, source_id = add_source(text, relative, title, str(session_file))
        if source_id is not None:
            files[session_file] = changed
    rendered = report.render(file.name, str(output), lines)
    if session is not None and source_id is not None:
        rendered += f"\nAjouté aux sources de {session / SESSION_FILE} avec l'id « {source_id} ».\n"
    elif session is not None:
        rendered += f"\nDéjà parmi les sources de {session / SESSION_FILE} : texte remplacé, séance inchangée.\n"
    if keep_report:
        files[output.with_suffix(".rapport.txt")] = rendered
    _write_all(files)
    return Saved(output, source_id, rendered)


def _write_all(files: dict[Path, str]) -> None:
    """Write every file to a temporary beside it, then move them all into place."""
    temporaries: dict[Path, Path] = {}
    try:
        for path, content in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
            temporaries[path] = Path(name)
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
                stream.write(content)
            mask = os.umask(0o022)  # reading the umask means setting it: set it back at once
            os.umask(mask)
            os.chmod(name, 0o666 & ~mask)
        for path, temporary in temporaries.items():
            os.replace(temporary, path)
    except OSError as error:
        raise ImportFailure(f"écriture impossible : {error.strerror or error} ({error.filename})") from None
    finally:
        for temporary in temporaries.values():
            temporary.unlink(missing_ok=True)
