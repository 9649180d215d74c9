"""``educpop new``: a session folder to start from, commented field by field, or a copy of another one."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from educpop.diagnostics import did_you_mean, fold
from educpop.errors import EducpopError

#: the session ``educpop new`` writes: a commented session.yaml and a short source text
STARTER = Path(__file__).parent / "starter"
SESSIONS_DIR = Path("sessions")
_SLUG = re.compile(r"[a-z0-9][a-z0-9_-]*")


class CreateError(EducpopError):
    """A new session folder cannot be written."""

    category = "création impossible"


def new_session(slug: str, template: str | None = None, library: Path = SESSIONS_DIR) -> Path:
    """Return the session folder written for ``slug`` (a name in ``library``, or a path).

    It is a copy of ``template`` (a session folder, or the name of one in
    ``library``) if given, else the commented starter session. An existing
    folder is never written over.
    """
    target = Path(slug) if "/" in slug or "\\" in slug else library / slug
    if not _SLUG.fullmatch(target.name):
        example = re.sub(r"[^a-z0-9]+", "-", fold(target.name)).strip("-_") or "mon-atelier"
        raise CreateError(
            f"nom de séance « {target.name} » refusé : en minuscules, sans espace ni accent, par exemple « {example} »"
        )
    if target.exists():
        raise CreateError(f"{target} existe déjà : choisissez un autre nom, rien n'a été écrit")
    if template is None:
        _write_starter(target)
    else:
        shutil.copytree(_template_folder(template, library), target, symlinks=True)
    return target


def _write_starter(target: Path) -> None:
    """Write the starter session into ``target``, titled after its name."""
    title = target.name.replace("-", " ").replace("_", " ").capitalize()
    shutil.copytree(STARTER, target)
    definition = target / "session.yaml"
    text = definition.read_text(encoding="utf-8").replace("__TITLE__", title).replace("__SLUG__", target.name)
    definition.write_text(text, encoding="utf-8")


def _template_folder(template: str, library: Path) -> Path:
    """Return the session folder ``template`` names: a path, or a session of ``library``."""
    for folder in (Path(template), library / template):
        if (folder / "session.yaml").is_file():
            return folder
    known = sorted(path.parent.name for path in library.glob("*/session.yaml"))
    hint = did_you_mean(template, known) if known else ""
    listed = f" (séances de {library} : {', '.join(known)})" if known else ""
    raise CreateError(f"séance à copier introuvable « {template} »{hint}{listed}")
