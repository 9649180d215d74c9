"""Variants: ``variants/<name>.yaml`` says only what differs from ``session.yaml``.

A top-level field of the variant replaces the session's. A list of things with
an ``id`` (activities, questions, sources, and any such list added later) may
instead be changed by id::

    activities:
      drop: [photolangage]
      change: [{id: debat, duration: 20}]
      insert: [{after: pause, id: video, title: "Un film court", method: video, duration: 10}]
      order: [accueil, pause, video, debat]

The merge works on the YAML data before validation, so it knows nothing of the
session's fields. Every merged value keeps the file and line where it was
written, the variant's or the session's, so that the model's messages point there.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from educpop.diagnostics import did_you_mean, found
from educpop.errors import Problem, SessionError
from educpop.session.yamlsource import FieldPath, Position, YamlSource

VARIANTS_DIR = "variants"
#: what a variant may do to a list of things with an id, in the order it is done
EDITS = ("drop", "change", "insert", "order")
#: a variant's name, as typed after ``--variant``: a file name, no folder
_NAME = re.compile(r"[\w-]+")


def variant_names(folder: Path) -> list[str]:
    """Return the names of the variants of the session in ``folder``, sorted."""
    return sorted(path.stem for path in (folder / VARIANTS_DIR).glob("*.yaml") if not path.name.startswith("."))


def variant_file(folder: Path, name: str) -> Path:
    """Return the file of the variant ``name`` of the session in ``folder``; raise SessionError if there is none."""
    file = folder / VARIANTS_DIR / f"{name}.yaml"
    if _NAME.fullmatch(name) and file.is_file():
        return file
    known = variant_names(folder)
    if known:
        hint = did_you_mean(name, known) + f" (variantes de cette séance : {', '.join(known)})"
    else:
        hint = f" : cette séance n'a pas de variante ; créez le fichier {VARIANTS_DIR}/{name}.yaml"
    raise SessionError([Problem(folder / VARIANTS_DIR, 0, 0, "", f"variante introuvable « {name} »{hint}")])


class _Located(NamedTuple):
    """Where one value (or key) of a subtree was written, relative to the subtree."""

    path: FieldPath
    is_key: bool
    position: Position
    file: Path


def _subtrees(source: YamlSource, prefix: FieldPath) -> dict[str | int, list[_Located]]:
    """Return what ``source`` locates under ``prefix``, grouped by the next part of the path (one pass)."""
    groups: dict[str | int, list[_Located]] = defaultdict(list)
    depth = len(prefix)
    for is_key, table in ((False, source.values), (True, source.keys)):
        for path, position in table.items():
            if len(path) > depth and path[:depth] == prefix:
                file = source.origins.get(path, source.file)
                groups[path[depth]].append(_Located(path[depth + 1 :], is_key, position, file))
    return groups


@dataclass
class _Item:
    """One entry of a merged list and where each of its values was written (paths relative to the entry)."""

    data: object
    located: list[_Located] = field(default_factory=list)

    @property
    def id(self) -> object:
        return self.data.get("id") if isinstance(self.data, dict) else None


def merge(base: YamlSource, variant: YamlSource) -> YamlSource:
    """Return ``base`` with ``variant`` applied, every value located in its own file.

    The problems of both files and those of the merge itself (an unknown id,
    say) are in the result's ``problems``.
    """
    data = dict(base.data) if isinstance(base.data, dict) else {}
    edits = variant.data if isinstance(variant.data, dict) else {}
    problems = [*base.problems, *variant.problems]
    ours, theirs = _subtrees(base, ()), _subtrees(variant, ())
    merged: dict[FieldPath, list[_Located]] = {(): [_Located((), False, base.values.get((), (0, 0)), base.file)]}
    for key in data:
        if key not in edits:
            merged[(key,)] = ours[key]
    for key, value in edits.items():
        if _edits_a_list(data.get(key), value):
            items = _ListEdit(base, variant, key, problems).items()
            data[key] = [item.data for item in items]
            # the list as a whole: where the variant changed it
            merged[(key,)] = [entry for entry in theirs[key] if not entry.path]
            for index, item in enumerate(items):
                merged[(key, index)] = item.located
        else:
            data[key] = value
            merged[(key,)] = theirs[key]
    values: dict[FieldPath, Position] = {}
    keys: dict[FieldPath, Position] = {}
    origins: dict[FieldPath, Path] = {}
    for prefix, entries in merged.items():
        for entry in entries:
            path = (*prefix, *entry.path)
            (keys if entry.is_key else values)[path] = entry.position
            if entry.file != base.file:
                origins[path] = entry.file
    warnings = [*base.warnings, *variant.warnings]
    return YamlSource(base.file, data, values, keys, problems, warnings, lines=base.lines, origins=origins)


def _edits_a_list(before: object, value: object) -> bool:
    """Return whether a variant's ``value`` changes a list item by item (else it replaces the field)."""
    if not isinstance(value, dict):
        return False
    return isinstance(before, list) or (before is None and bool(value) and all(name in EDITS for name in value))


class _ListEdit:
    """The list ``key`` of the session with the variant's drop, change, insert and order applied."""

    def __init__(self, base: YamlSource, variant: YamlSource, key: str, problems: list[Problem]) -> None:
        self.variant, self.key, self.problems = variant, key, problems
        listed = base.data.get(key) if isinstance(base.data, dict) else None
        located = _subtrees(base, (key,))
        self.list = [
            _Item(dict(entry) if isinstance(entry, dict) else entry, located[index])
            for index, entry in enumerate(listed if isinstance(listed, list) else [])
        ]
        edits = variant.data[key] if isinstance(variant.data, dict) else {}
        self.edits: dict[str, object] = edits if isinstance(edits, dict) else {}

    def items(self) -> list[_Item]:
        """Return the entries of the merged list, in order."""
        for name in self.edits:
            if name not in EDITS:
                hint = did_you_mean(str(name), list(EDITS)) + f" (connues : {', '.join(EDITS)})"
                self._problem((self.key, name), f"clé inconnue « {name} »{hint}", key=True)
        self._drop()
        self._change()
        self._insert()
        self._order()
        return self.list

    def _drop(self) -> None:
        for path, ident in self._entries("drop"):
            if (item := self._find(path, ident)) is not None:
                self.list.remove(item)

    def _change(self) -> None:
        located = _subtrees(self.variant, (self.key, "change"))
        for path, entry in self._entries("change"):
            if not isinstance(entry, dict) or "id" not in entry:
                self._problem(path, f"attendu « {{id: …, champ: valeur}} », trouvé {found(entry)}")
                continue
            item = self._find((*path, "id"), entry["id"])
            if item is None or not isinstance(item.data, dict):
                continue
            changed = {name for name in entry if name != "id"}
            item.data.update({name: entry[name] for name in changed})
            kept = [where for where in item.located if not where.path or where.path[0] not in changed]
            given = [where for where in located[path[-1]] if where.path and where.path[0] in changed]
            item.located = kept + given

    def _insert(self) -> None:
        located = _subtrees(self.variant, (self.key, "insert"))
        for path, entry in self._entries("insert"):
            if not isinstance(entry, dict):
                self._problem(path, f"attendu « {{id: …, after: …, …}} », trouvé {found(entry)}")
                continue
            data = {name: value for name, value in entry.items() if name != "after"}
            new = _Item(data, [where for where in located[path[-1]] if where.path[:1] != ("after",)])
            if "after" not in entry:
                self.list.append(new)
            elif (before := self._find((*path, "after"), entry["after"])) is not None:
                self.list.insert(self.list.index(before) + 1, new)

    def _order(self) -> None:
        """Put the entries in the order the variant gives, which must name each of them once."""
        ordered = self._entries("order")
        if not ordered:
            return
        result: list[_Item] = []
        for path, ident in ordered:
            item = self._find(path, ident)
            if item is None:
                continue
            if item in result:
                self._problem(path, f"« {ident} » figure deux fois dans l'ordre")
            else:
                result.append(item)
        left = [item for item in self.list if item not in result]
        if left:
            self._problem((self.key, "order"), f"l'ordre ne cite pas : {', '.join(str(item.id) for item in left)}")
        self.list = result + left

    def _entries(self, edit: str) -> list[tuple[FieldPath, object]]:
        """Return ``(path, entry)`` for each entry of the edit ``edit``, paths from the variant's root."""
        given = self.edits.get(edit)
        if given is None:
            return []
        if not isinstance(given, list):
            self._problem((self.key, edit), f"attendu une liste, trouvé {found(given)}")
            return []
        return [((self.key, edit, index), entry) for index, entry in enumerate(given)]

    def _find(self, path: FieldPath, ident: object) -> _Item | None:
        """Return the entry whose id is ``ident``; report an unknown one at ``path``."""
        for item in self.list:
            if item.id == ident:
                return item
        known = [str(item.id) for item in self.list if isinstance(item.id, str)]
        hint = did_you_mean(str(ident), known) or f" ; identifiants de « {self.key} » : {', '.join(known)}"
        self._problem(path, f"identifiant inconnu « {ident} » dans « {self.key} »{hint}")
        return None

    def _problem(self, path: FieldPath, message: str, *, key: bool = False) -> None:
        """Report ``message`` at ``path`` of the variant."""
        self.problems.append(self.variant.problem(path, message, key=key))
