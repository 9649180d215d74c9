"""Add an imported text to the ``sources`` of a ``session.yaml``, leaving every other byte of it as it was.

The entry is inserted as one line of text rather than through a YAML round trip:
a round trip (ruamel.yaml) re-indents lists and re-flows long lines unless its
settings match the file's, and this file is the facilitator's own. The result is
parsed again and compared with the original, so a file the insertion would break
is refused instead.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import PurePosixPath
from typing import Any

import yaml

from educpop.importer.model import ImportFailure

_SOURCES = re.compile(r"^sources\s*:\s*(?:#.*)?$")
_EMPTY_SOURCES = re.compile(r"^sources\s*:\s*\[\s*\]\s*(?:#.*)?$")
_ITEM = re.compile(r"^(\s*)-\s")
_PLAIN = re.compile(r"^[A-Za-z0-9_./-]+$")
#: what the session's schema allows for a title and an id
MAX_TITLE, MAX_ID = 200, 60


def add_source(text: str, file: PurePosixPath, title: str, where: str) -> tuple[str, str | None]:
    """Return ``text`` (a session.yaml) with a source for ``file`` added, and the new source's id.

    The id is None when ``file`` is already a source (the text is then unchanged).
    ``where`` names the file in error messages.
    """
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        raise ImportFailure(f"{where} : YAML illisible ; corrigez-le d'abord (educpop check le montre)") from None
    if not isinstance(data, dict):
        raise ImportFailure(f"{where} : ce n'est pas une description de séance (attendu des champs « clé: valeur »)")
    sources = data.get("sources") or []
    listed = [entry for entry in sources if isinstance(entry, dict)] if isinstance(sources, list) else []
    if any(str(entry.get("file", "")).strip() == str(file) for entry in listed):
        return text, None
    source_id = _unique_id(file.stem, {str(entry.get("id")) for entry in listed})
    entry = {"id": source_id, "title": title[:MAX_TITLE], "file": str(file)}
    shown_file = entry["file"] if _PLAIN.match(entry["file"]) else json.dumps(entry["file"], ensure_ascii=False)
    line = f"{{id: {source_id}, title: {json.dumps(entry['title'], ensure_ascii=False)}, file: {shown_file}}}"
    changed = _insert(text, line, where)
    _check(data, changed, entry, where)
    return changed, source_id


def _insert(text: str, entry: str, where: str) -> str:
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines(keepends=True)
    for index, line in enumerate(lines):
        if _EMPTY_SOURCES.match(line.rstrip("\r\n")):
            lines[index] = f"sources:{newline}  - {entry}{newline}"
            return "".join(lines)
        if not _SOURCES.match(line.rstrip("\r\n")):
            continue
        end, indent = index + 1, None
        for after in range(index + 1, len(lines)):
            content = lines[after].rstrip("\r\n")
            if content.strip() and not content[0].isspace() and not content.startswith(("-", "#")):
                break
            if content.strip() and not content.lstrip().startswith("#"):
                end = after + 1
                item = _ITEM.match(content)
                indent = item.group(1) if indent is None and item else indent
        if end > 0 and not lines[end - 1].endswith(("\n", "\r")):
            lines[end - 1] += newline
        lines.insert(end, f"{indent if indent is not None else '  '}- {entry}{newline}")
        return "".join(lines)
    if re.search(r"^sources\s*:", text, re.MULTILINE):
        raise ImportFailure(f"{where} : la liste « sources » est écrite sur une seule ligne ; "
                            f"ajoutez-y à la main : {entry}")
    return text + ("" if not text or text.endswith("\n") else newline) + f"sources:{newline}  - {entry}{newline}"


def _check(before: dict[str, Any], text: str, entry: dict[str, str], where: str) -> None:
    """Refuse ``text`` unless it reads as ``before`` plus ``entry`` at the end of its sources."""
    after = yaml.safe_load(text)
    old = before.get("sources") or []
    same_rest = {k: v for k, v in after.items() if k != "sources"} == {k: v for k, v in before.items()
                                                                         if k != "sources"}
    if not same_rest or after.get("sources") != [*old, entry]:
        raise ImportFailure(f"{where} : impossible d'y ajouter la source sans rien déranger ; "
                            f"ajoutez-la à la main sous « sources: » : {entry}")


def _unique_id(stem: str, taken: set[str]) -> str:
    """Return an id made from ``stem`` ("Révolution russe" → "revolution-russe"), not among ``taken``."""
    ascii_ = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode().lower()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_).strip("-")[: MAX_ID - 4] or "texte"
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate
