"""The manifest of an output folder: the SHA-256 of each file educpop last wrote there.

A file whose hash no longer matches was changed by hand, and is not overwritten
without ``--force``. A manifest that cannot be read (not JSON, nested too deep,
not a name → hash table, too big, not a regular file) is said so, never taken for
"every file edited by hand": without it, nobody can tell what was edited.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from pathlib import Path

from educpop.errors import BuildError
from educpop.output_files import Unreadable, digest_of, read_regular

MANIFEST = ".educpop-manifest.json"

#: a manifest lists a few dozen files; anything much bigger was not written by educpop
LIMIT = 1_000_000

_SHA256 = re.compile(r"[0-9a-f]{64}")


class ManifestUnreadable(BuildError):
    """The manifest of a folder cannot be read; the message says why and what to do."""

    def __init__(self, path: Path, why: str, *, replaceable: bool = True) -> None:
        #: whether ``--force`` may write a new manifest over it (not over a folder)
        self.replaceable = replaceable
        remedy = (
            "relancez avec --force pour tout réécrire et refaire le manifeste"
            if replaceable
            else "déplacez ce dossier, puis relancez avec --force pour tout réécrire et refaire le manifeste"
        )
        super().__init__(
            f"le manifeste {path} est illisible : {why} ; educpop ne peut plus savoir quels fichiers ont été "
            f"retouchés à la main, rien n'a été écrit ; {remedy} (renommez d'abord les fichiers que vous avez "
            "retouchés, pour les garder)"
        )


def digest(content: bytes) -> str:
    """Return the SHA-256 of ``content``, as the manifest records it."""
    return hashlib.sha256(content).hexdigest()


def read_manifest(folder: Path) -> dict[str, str]:
    """Return the manifest of ``folder``, ``{}`` when there is none; raise ManifestUnreadable saying why."""
    path = folder / MANIFEST
    try:
        raw = read_regular(path, LIMIT)
    except FileNotFoundError:
        return {}
    except Unreadable as error:
        raise ManifestUnreadable(path, error.why, replaceable=not (path.is_dir() and not path.is_symlink())) from None
    except OSError as error:
        raise ManifestUnreadable(path, _why(error)) from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ManifestUnreadable(path, "il n'est pas écrit en UTF-8") from None
    except json.JSONDecodeError as error:
        where = f"ligne {error.lineno}, colonne {error.colno}"
        raise ManifestUnreadable(path, f"ce n'est pas du JSON valide ({where})") from None
    except RecursionError:
        raise ManifestUnreadable(path, "ses données sont imbriquées trop profondément") from None
    except ValueError:  # a number of more than 4300 digits
        raise ManifestUnreadable(path, "ce n'est pas du JSON valide") from None
    if not isinstance(data, dict) or not all(
        isinstance(name, str) and isinstance(value, str) and _SHA256.fullmatch(value) for name, value in data.items()
    ):
        raise ManifestUnreadable(path, "il devrait donner, pour chaque nom de fichier, son empreinte SHA-256")
    return data


def edited_by_hand(folder: Path, names: Iterable[str], manifest: dict[str, str]) -> list[str]:
    """Return the names among ``names`` whose file in ``folder`` differs from what ``manifest`` records.

    Raise BuildError naming a file that cannot be read.
    """
    edited = []
    for name in names:
        path = folder / name
        try:
            found = digest_of(path)
        except (Unreadable, OSError) as error:  # Unreadable: replaced by something else since it was checked
            raise BuildError(f"{path} est illisible : {_why(error)} ; rien n'a été écrit") from None
        if found is not None and manifest.get(name) != found:
            edited.append(name)
    return edited


def _why(error: Unreadable | OSError) -> str:
    """Return why a file could not be read, in French."""
    if isinstance(error, Unreadable):
        return error.why
    if isinstance(error, PermissionError):
        return "lecture refusée (droits insuffisants)"
    return f"lecture impossible ({error.strerror or error})"


def manifest_content(manifest: dict[str, str], files: dict[str, bytes]) -> bytes:
    """Return the manifest ``manifest`` updated with the hash of each of ``files``, as written to disk."""
    updated = {**manifest, **{name: digest(content) for name, content in files.items()}}
    return json.dumps(updated, indent=2, sort_keys=True).encode("utf-8")
