"""The one way educpop reads a file a user names: a regular file, inside its folder, never past a size limit.

``session.yaml``, ``theme.yaml``, source texts, templates, logos, fonts and
reference documents all go through :func:`read_user_file`. It follows links,
then refuses a target outside the folder the file belongs to (so that the
content of a linked file is never read, let alone quoted in a message); it
opens without blocking and looks at what it opened before reading, so that a
named pipe (FIFO), a device (``/dev/zero``), a socket or a folder is named for
what it is instead of hanging the build; and it reads at most ``limit`` bytes,
even from a file that grows while it is read.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

#: what a file that is not a regular one is, in French
_KINDS = (
    (stat.S_ISDIR, "un dossier"),
    (stat.S_ISFIFO, "un tube nommé (FIFO)"),
    (stat.S_ISCHR, "un périphérique"),
    (stat.S_ISBLK, "un périphérique"),
    (stat.S_ISSOCK, "une prise de communication (socket)"),
)


def file_kind(mode: int) -> str | None:
    """Return what a file of ``mode`` is (« un tube nommé (FIFO) »), or None for a regular file or link."""
    return next((kind for test, kind in _KINDS if test(mode)), None)
#: opening never waits for a writer (FIFO) or a device; absent on Windows, which has neither
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
_CHUNK = 1 << 20


class UnreadableFile(Exception):
    """Why a user file cannot be read, in French; the caller says where it was named.

    ``predicate`` follows the name the user typed (« « logo.png » est un dossier,
    pas un fichier »); ``message`` stands alone, for a problem reported on the
    file itself (« fichier trop gros (1100 ko, au plus 1000 ko) »).
    """

    def __init__(self, predicate: str, message: str = "", *, missing: bool = False, too_big: bool = False) -> None:
        self.predicate = predicate
        self.message = message or f"c'{predicate}"
        #: the file does not exist (the caller may suggest a near name)
        self.missing = missing
        #: the file exists but is larger than allowed (reported on the file itself)
        self.too_big = too_big
        super().__init__(self.message)


def read_user_file(path: Path, folder: Path, limit: int, *, whose: str = "de la séance") -> bytes:
    """Return the bytes of the regular file ``path``, at most ``limit`` of them.

    Raise UnreadableFile when ``path`` (links followed) leaves ``folder`` (« le
    dossier ``whose`` »), does not exist, is not a regular file, holds more than
    ``limit`` bytes or cannot be read.
    """
    try:
        target = path.resolve()
    except (OSError, RuntimeError):  # a loop of links: RuntimeError before Python 3.13
        raise UnreadableFile("est un lien qui tourne en rond", "lien qui tourne en rond") from None
    if not target.is_relative_to(folder.resolve()):
        raise UnreadableFile(
            f"est un lien vers l'extérieur du dossier {whose} : copiez le fichier dans le dossier",
            f"lien vers l'extérieur du dossier {whose} : copiez le fichier dans le dossier",
        )
    try:
        handle = os.open(target, _FLAGS)
    except FileNotFoundError:
        if path.is_symlink():
            broken = "lien vers un fichier qui n'existe pas"
            raise UnreadableFile(f"est un {broken}", broken) from None
        raise UnreadableFile("est introuvable", "fichier introuvable", missing=True) from None
    except OSError as error:  # a socket cannot be opened at all: say what it is
        raise _not_regular(_mode(target)) or _cannot_read(error) from None
    try:
        refused = _not_regular(os.fstat(handle).st_mode)
        if refused:
            raise refused
        return _read_at_most(handle, limit)
    except OSError as error:
        raise _cannot_read(error) from None
    finally:
        os.close(handle)


def _mode(path: Path) -> int:
    try:
        return path.stat().st_mode
    except OSError:
        return 0


def _not_regular(mode: int) -> UnreadableFile | None:
    """Return why a file of ``mode`` is refused, None for a regular file (or an unknown mode)."""
    kind = file_kind(mode)
    if kind:
        return UnreadableFile(f"est {kind}, pas un fichier")
    if mode and not stat.S_ISREG(mode):
        return UnreadableFile("n'est pas un fichier ordinaire")
    return None


def _read_at_most(handle: int, limit: int) -> bytes:
    """Return what ``handle`` holds; raise UnreadableFile as soon as it holds more than ``limit`` bytes."""
    size = os.fstat(handle).st_size
    if size <= limit:
        chunks: list[bytes] = []
        read = 0
        while chunk := os.read(handle, min(_CHUNK, limit + 1 - read)):
            chunks.append(chunk)
            read += len(chunk)
            if read > limit:
                break
        else:
            return b"".join(chunks)
        size = max(size, read)
    wording = f"trop gros ({size // 1000} ko, au plus {limit // 1000} ko)"
    raise UnreadableFile(f"est {wording}", f"fichier {wording}", too_big=True)


def _cannot_read(error: OSError) -> UnreadableFile:
    """Return the French reason an open or a read failed."""
    if error.errno in (errno.EACCES, errno.EPERM):
        refused = "lecture refusée : vérifiez les droits du fichier"
        return UnreadableFile(f"ne peut pas être lu ({refused})", refused)
    if error.errno == errno.ELOOP:
        return UnreadableFile("est un lien qui tourne en rond", "lien qui tourne en rond")
    if error.errno == errno.ENAMETOOLONG:
        return UnreadableFile("a un nom trop long", "nom de fichier trop long")
    name = errno.errorcode.get(error.errno or 0, "erreur inconnue")
    return UnreadableFile(f"ne peut pas être lu (erreur système {name})", f"lecture impossible (erreur système {name})")
