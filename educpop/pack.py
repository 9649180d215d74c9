"""Building a pack: every document in every format, written safely into one folder.

Everything is rendered in memory first, then written to temporary files beside
their targets and moved into place only when all of them are complete, so a
failed build leaves every existing file byte-identical. A manifest records the
hash of each file written; a file changed by hand since is not overwritten
without ``force``.
"""

from __future__ import annotations

import difflib
import hashlib
import io
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from educpop.document import Document
from educpop.errors import BuildError
from educpop.generators import registry
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
    """Return the typeset documents of ``plan`` for the generators ``names``."""
    generators = registry()
    return [typeset_document(generators[name].build(plan)) for name in names]


def render_all(documents: list[Document], formats: list[str], theme: Theme) -> list[Output]:
    """Return every document rendered in every format, in memory."""
    generators = registry()
    outputs = []
    for document in documents:
        stem = generators[document.meta.kind].file_stem
        for fmt in formats:
            stream = io.BytesIO()
            RENDERERS[fmt](document, stream, theme)
            outputs.append(Output(f"{stem}.{fmt}", stream.getvalue()))
    return outputs


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
    """Write ``files`` into ``folder``: all temporary files first, then every move."""
    temporaries: dict[str, Path] = {}
    try:
        for name, content in files.items():
            handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
            temporaries[name] = Path(temporary)
            with os.fdopen(handle, "wb") as stream:
                stream.write(content)
                stream.flush()
                os.fsync(stream.fileno())
    except OSError as error:
        for temporary in temporaries.values():
            temporary.unlink(missing_ok=True)
        raise BuildError(f"écriture impossible dans {folder} : {error.strerror or error}") from error
    for name, temporary in temporaries.items():
        os.replace(temporary, folder / name)


def write_pack(folder: Path, outputs: list[Output], force: bool = False) -> list[Path]:
    """Write ``outputs`` into ``folder`` safely and return their paths.

    Raise BuildError, writing nothing, if a file there was edited by hand and
    ``force`` is false, or if the files cannot all be written.
    """
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
    _write_all(folder, files)
    return [folder / name for name in names]
