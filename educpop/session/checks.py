"""Checks across fields of a session: unique ids, references, source files.

They run on the plain data read from YAML (not on the validated model), so that
they can be reported together with the model's own errors in a single run.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from educpop.diagnostics import did_you_mean, fold
from educpop.errors import Problem
from educpop.session.yamlsource import FieldPath, YamlSource

#: how many files of a session folder are looked at to suggest a name
_MAX_LISTED = 2000


def items(data: object, section: str) -> Iterator[tuple[int, dict[str, object]]]:
    """Yield ``(index, entry)`` for each mapping in the list ``data[section]``."""
    entries = data.get(section) if isinstance(data, dict) else None
    if isinstance(entries, list):
        for index, entry in enumerate(entries):
            if isinstance(entry, dict):
                yield index, entry


def cross_check(source: YamlSource) -> list[Problem]:
    """Return the problems between fields: duplicate ids, unknown references.

    Whether the programme fits its slot is the plan's to say: it may shorten it.
    """
    problems: list[Problem] = []
    sections = ("sources", "activities", "questions", "sittings")
    ids = {section: _unique_ids(source, section, problems) for section in sections}
    facilitators = source.data.get("facilitators") if isinstance(source.data, dict) else None
    names = [name for name in facilitators if isinstance(name, str)] if isinstance(facilitators, list) else []
    for index, activity in items(source.data, "activities"):
        _lead(source, ("activities", index, "lead"), activity.get("lead"), names, problems)
        _reference(source, ("activities", index, "source"), activity.get("source"), ids["sources"], problems)
        _reference(source, ("activities", index, "sitting"), activity.get("sitting"), ids["sittings"], problems)
        themes = activity.get("questions")
        for number, theme in enumerate(themes if isinstance(themes, list) else []):
            _reference(source, ("activities", index, "questions", number), theme, ids["questions"], problems)
    for index, theme in items(source.data, "questions"):
        _reference(source, ("questions", index, "source"), theme.get("source"), ids["sources"], problems)
    return problems


def _unique_ids(source: YamlSource, section: str, problems: list[Problem]) -> list[str]:
    """Return the ids of ``section`` in order, reporting each one seen twice."""
    first: dict[str, tuple[Path, int]] = {}
    for index, entry in items(source.data, section):
        ident = entry.get("id")
        if not isinstance(ident, str):
            continue
        path = (section, index, "id")
        file, (line, _) = source.locate(path)
        if ident in first:
            first_file, first_line = first[ident]
            elsewhere = f" de {first_file}" if first_file != file else ""  # one in the variant, one in session.yaml
            message = f"identifiant « {ident} » en double (déjà ligne {first_line}{elsewhere})"
            problems.append(source.problem(path, message))
        else:
            first[ident] = (file, line)
    return list(first)


_WHAT = {"source": "source inconnue", "questions": "thème de questions inconnu", "sitting": "séance inconnue"}
_SECTION = {"source": "sources", "questions": "questions", "sitting": "sittings"}


def _reference(source: YamlSource, path: FieldPath, ref: object, known: list[str], problems: list[Problem]) -> None:
    """Report ``ref`` (at ``path``) when it names none of the ``known`` ids."""
    if not isinstance(ref, str) or ref in known:
        return
    kind = next(part for part in reversed(path) if isinstance(part, str))
    hint = did_you_mean(ref, known)
    if not hint:
        section = _SECTION[kind]
        hint = (
            f" ; identifiants déclarés dans « {section} » : {', '.join(known)}"
            if known
            else f" ; la liste « {section} » est vide"
        )
    problems.append(source.problem(path, f"{_WHAT[kind]} « {ref} »{hint}"))


def _lead(source: YamlSource, path: FieldPath, lead: object, names: list[str], problems: list[Problem]) -> None:
    """Report ``lead`` (at ``path``) when the session lists its facilitators and it is none of them."""
    if not names or not isinstance(lead, str) or lead.strip() in names:
        return
    hint = did_you_mean(lead, names) or f" ; noms déclarés dans « facilitators » : {', '.join(names)}"
    problems.append(source.problem(path, f"animateur·rice inconnu·e « {lead} »{hint}"))


def source_file(folder: Path, source: YamlSource, index: int, typed: str) -> Path | Problem:
    """Return the file a source's ``file`` names inside ``folder``, or why it cannot be used.

    Windows separators (``sources\\texte.md``) are accepted; a path written to leave
    the session folder (``../x``, an absolute path) is refused. Links and what the
    file is are checked when it is read (:func:`educpop.userfile.read_user_file`).
    """
    path = ("sources", index, "file")
    relative = typed.replace("\\", "/")
    if relative.startswith(("/", "~")) or re.match(r"[A-Za-z]:", relative) or ".." in PurePosixPath(relative).parts:
        expected = "attendu un chemin dans le dossier de la séance, comme « sources/texte.md »"
        return source.problem(path, f"{expected}, trouvé « {typed} »")
    target = folder / relative
    if not target.exists():
        listed = _listing(folder)
        same = [name for name in listed if _nfc(name) == _nfc(relative)]
        if not same:
            return source.problem(path, f"fichier introuvable « {typed} »" + _nearest(relative, listed))
        target = folder / same[0]
    return target


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _listing(folder: Path) -> list[str]:
    """Return the relative names of the files in ``folder`` (hidden ones left out)."""
    names = (path.relative_to(folder) for path in folder.rglob("*") if path.is_file())
    visible = (name for name in names if not any(part.startswith(".") for part in name.parts))
    return [name.as_posix() for name in itertools.islice(visible, _MAX_LISTED)]


def _nearest(relative: str, listed: list[str]) -> str:
    """Return a did-you-mean for a missing file: same name but for case or accents, else a close one."""
    for name in listed:
        if fold(name) == fold(relative):
            return f" ; vouliez-vous dire « {name} » ?"
    base = fold(PurePosixPath(relative).name)
    for name in listed:
        if fold(PurePosixPath(name).name) == base:
            return f" ; vouliez-vous dire « {name} » ?"
    return did_you_mean(relative, listed)
