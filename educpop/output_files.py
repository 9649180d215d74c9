"""What stands at a name of the output folder, opened only if it is a regular file.

A name a pack writes to may be taken by something else: a folder, a link (to
anywhere: ``/dev/zero``, a file of someone else), a FIFO that would block its
reader forever, a device. educpop looks with ``lstat`` (links are not followed),
opens with ``O_NOFOLLOW | O_NONBLOCK`` and checks what it opened with ``fstat``,
so it never follows a link, never waits on a FIFO and never reads a device.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from educpop.userfile import file_kind

#: flags that keep ``os.open`` from following a link or waiting on a FIFO (Windows has neither: 0 there);
#: Python makes every descriptor non-inheritable already (PEP 446)
SAFE_OPEN = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)



class Unreadable(Exception):
    """What stands at a path cannot be read as a file; ``why`` says so in French."""

    def __init__(self, why: str) -> None:
        self.why = why
        super().__init__(why)


def taken_by(path: Path) -> str | None:
    """Return what stands at ``path`` in French (« un dossier »…) unless it is a regular file or nothing."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return None
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISLNK(mode):
        return f"un lien symbolique (vers {os.readlink(path)})"
    return _kind(mode)


def _kind(mode: int) -> str:
    return file_kind(mode) or "un fichier spécial"


@contextmanager
def open_regular(path: Path, flags: int = os.O_RDONLY) -> Iterator[int]:
    """Yield a descriptor of the regular file ``path``, opened with ``flags``.

    Raise Unreadable naming what stands there instead, FileNotFoundError when nothing does.
    """
    kind = taken_by(path)
    if kind:
        raise Unreadable(f"c'est {kind}, pas un fichier")
    descriptor = os.open(path, flags | SAFE_OPEN)
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):  # replaced between lstat and open
            raise Unreadable(f"c'est {_kind(mode)}, pas un fichier")
        yield descriptor
    finally:
        os.close(descriptor)


def read_regular(path: Path, limit: int) -> bytes:
    """Return the content of the regular file ``path``; raise Unreadable beyond ``limit`` bytes."""
    with open_regular(path) as descriptor, open(descriptor, "rb", closefd=False) as stream:
        content = stream.read(limit + 1)
    if len(content) > limit:
        raise Unreadable(f"il fait plus de {limit // 1000} ko")
    return content


def digest_of(path: Path) -> str | None:
    """Return the SHA-256 of the regular file ``path``, None when nothing is there; raise Unreadable otherwise."""
    try:
        with open_regular(path) as descriptor, open(descriptor, "rb", closefd=False) as stream:
            return hashlib.file_digest(stream, "sha256").hexdigest()
    except FileNotFoundError:
        return None
