"""``educpop list``: the sessions of a folder at a glance, the broken ones with their first problem."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from educpop.errors import EducpopError, Problem, SessionError
from educpop.inputs import load_inputs
from educpop.session.load import Workshop
from educpop.session.values import counted, format_day, format_minutes
from educpop.session.variant import variant_names


@dataclass(frozen=True)
class Entry:
    """One session of the library: its workshop, or the first problem that keeps it from loading."""

    folder: Path
    workshop: Workshop | None
    problem: str
    #: each variant's name and the first problem that keeps it from loading ("" when it loads)
    variants: list[tuple[str, str]]


def library(folder: Path) -> list[Entry]:
    """Return one entry per session folder in ``folder``, by name; raise EducpopError if it is no folder."""
    if not folder.is_dir():
        raise SessionError([Problem(folder, 0, 0, "", "dossier de séances introuvable")])
    entries = []
    for child in sorted(folder.iterdir()):
        if not child.is_dir() or child.name.startswith("."):
            continue
        workshop, problem = _load(child, None)
        variants = [(name, _load(child, name)[1]) for name in variant_names(child)] if workshop else []
        entries.append(Entry(child, workshop, problem, variants))
    return entries


def _load(folder: Path, variant: str | None) -> tuple[Workshop | None, str]:
    """Return the workshop in ``folder`` with ``variant`` merged in, or None and its first problem."""
    try:
        return load_inputs(folder, variant)[0], ""
    except SessionError as error:
        return None, str(error.problems[0])
    except EducpopError as error:
        return None, str(error)


def describe(entry: Entry) -> Iterator[str]:
    """Yield the lines ``educpop list`` prints for ``entry``: its name, then what it is, indented."""
    yield entry.folder.name
    if entry.workshop is None:
        yield f"  erreur : {entry.problem}"
        return
    session = entry.workshop.session
    yield f"  {session.title}"
    group = session.group
    people = f"de {group.min} à {counted(group.max, 'personne', 'personnes')}"
    if session.sittings:
        minutes = [sitting.duration or session.duration for sitting in session.sittings]
        length = f"{counted(len(minutes), 'séance', 'séances')} ({' + '.join(map(format_minutes, minutes))})"
    else:
        length = format_minutes(session.duration)
    yield f"  {length}, {people}"
    days = [sitting.date or session.date for sitting in session.sittings] or [session.date]
    if any(days):
        yield "  " + ", ".join(format_day(day, session.language) if day else "date à fixer" for day in days)
    methods = list(dict.fromkeys(activity.method for activity in session.activities))
    yield f"  méthodes : {', '.join(methods)}"
    if entry.variants:
        yield f"  variantes : {', '.join(name for name, _problem in entry.variants)}"
    for name, problem in entry.variants:
        if problem:
            yield f"  erreur dans la variante {name} : {problem}"
