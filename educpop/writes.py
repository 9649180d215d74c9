"""Writing a pack into its folder so that it moves as one, one build at a time.

The commit point is the rename of a folder. Every file of the new pack, the
manifest with them, is written and synced to disk in ``.educpop-brouillon/``
inside the output folder; the draft is then renamed ``.educpop-pret/`` (ready)
in one atomic step, and its files are moved to their names one by one, the
manifest last. A build stopped at any moment (SIGKILL, Ctrl-C, power cut):

- before the rename, left the old pack whole: the next build deletes the draft;
- after it, chose the new pack: Ctrl-C lets the few moves finish before
  stopping; after SIGKILL or a power cut, the next build first moves what is
  left in ``.educpop-pret/`` (a file changed by hand meanwhile is kept, and
  then shows as edited by hand), so the manifest and the files agree again.

Why not a journal file: it would list what the ready folder already holds, and
could itself be half-written; a folder's rename needs nothing parsed. Why not
swapping the whole output folder: it may hold other files (an A4 pack beside
its booklet, the user's own), may be the current folder, cannot be renamed on
Windows while a window shows it, and no portable call swaps two folders.

A lock file, ``.educpop-verrou``, held for the whole write phase, makes a second
build of the same folder wait a few seconds, then stop with a clear message.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path

import filelock

from educpop.errors import BuildError
from educpop.manifest import MANIFEST, ManifestUnreadable, edited_by_hand, manifest_content, read_manifest
from educpop.output_files import SAFE_OPEN, Unreadable, digest_of, open_regular, taken_by
from educpop.pack import Output

DRAFT = ".educpop-brouillon"
READY = ".educpop-pret"
LOCK = ".educpop-verrou"

#: how long a build waits for another build of the same folder to finish writing, in seconds
LOCK_WAIT = 5


def write_pack(folder: Path, outputs: list[Output], force: bool = False) -> list[Path]:
    """Write ``outputs`` into ``folder`` as one and return their paths.

    Raise BuildError, writing nothing, if a name is taken by something that is
    not a file, if the manifest cannot be read, if a file was edited by hand and
    ``force`` is false, if another build holds the folder, or if the files
    cannot all be written.
    """
    created = not os.path.lexists(folder)
    _make_folder(folder)
    try:
        with locked(folder):
            finish_interrupted(folder)
            _write(folder, {output.name: output.content for output in outputs}, force)
    except BuildError:
        if created:  # a failed first build leaves no empty folder behind
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    return [folder / output.name for output in outputs]


def _make_folder(folder: Path) -> None:
    """Create the output folder ``folder`` if need be; raise BuildError saying what stands in its way."""
    if os.path.lexists(folder) and not folder.is_dir():  # a link to a folder is a folder here
        kind = taken_by(folder) or "un fichier"
        raise BuildError(f"dossier de sortie impossible à créer : {folder} est {kind} ; choisissez-en un autre (-o)")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        if isinstance(error, PermissionError):
            why = "droits insuffisants"
        elif isinstance(error, NotADirectoryError):
            why = "un des dossiers du chemin est un fichier"
        else:
            why = error.strerror or str(error)
        raise BuildError(f"dossier de sortie impossible à créer : {folder} ({why})") from error


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold the lock of the existing folder ``folder``; raise BuildError after LOCK_WAIT seconds."""
    _refuse_taken(folder, [LOCK])
    lock = filelock.FileLock(folder / LOCK, timeout=LOCK_WAIT)
    try:
        lock.acquire()
    except filelock.Timeout:
        raise BuildError(
            f"une autre construction du dossier {folder} est en cours (attendu {LOCK_WAIT} secondes) ; "
            "attendez qu'elle se termine, puis relancez ; rien n'a été écrit"
        ) from None
    except OSError as error:
        raise _write_failed(folder, error) from error
    try:
        yield
    finally:
        # Removed while still held: a build waiting on it then finds the file gone and
        # takes a new one (filelock checks the link count), so no lock file stays behind.
        with contextlib.suppress(OSError):
            (folder / LOCK).unlink()
        lock.release()


def finish_interrupted(folder: Path) -> None:
    """Delete the draft of an interrupted build of ``folder``, or finish moving its ready files into place.

    Call it holding the folder's lock.
    """
    try:
        _remove(folder / DRAFT)
        if _is_folder(folder / READY):
            _install(folder, keep_edits=True)
        else:
            _remove(folder / READY)
    except OSError as error:
        raise BuildError(
            f"la construction interrompue de {folder} n'a pas pu être terminée : {error.strerror or error} "
            f"({error.filename}) ; fermez les documents ouverts, puis relancez"
        ) from error


def _write(folder: Path, files: dict[str, bytes], force: bool) -> None:
    """Check, stage, commit and install ``files`` into ``folder`` (its lock held)."""
    _refuse_taken(folder, list(files))
    try:
        manifest = read_manifest(folder)
    except ManifestUnreadable as error:
        if not force or not error.replaceable:
            raise
        manifest = {}
    edited = [] if force else edited_by_hand(folder, files, manifest)
    if edited:
        listed = ", ".join(str(folder / name) for name in edited)
        raise BuildError(
            f"modifié à la main depuis la dernière construction : {listed} ; "
            "rien n'a été écrit (renommez le fichier pour le garder, ou relancez avec --force pour l'écraser)"
        )
    try:
        _remove_old_temporaries(folder, files)
        _stage(folder, {**files, MANIFEST: manifest_content(manifest, files)})
    except OSError as error:
        raise _write_failed(folder, error) from error
    try:
        try:
            _install(folder, keep_edits=False)
        except KeyboardInterrupt:  # the new pack is chosen: a few renames finish it before stopping
            _install(folder, keep_edits=False)
            raise
    except OSError as error:
        raise BuildError(
            f"écriture impossible de {error.filename} : {error.strerror or error} ; "
            "relancez la construction pour la terminer"
        ) from error


def _refuse_taken(folder: Path, names: list[str]) -> None:
    """Raise BuildError naming each of ``names`` taken in ``folder`` by a folder, a link, a FIFO or a device."""
    taken = [f"{folder / name} est {kind}" for name in names if (kind := taken_by(folder / name))]
    if taken:
        raise BuildError(
            f"nom déjà pris : {', '.join(taken)} ; educpop doit y écrire un fichier : renommez-le ou déplacez-le, "
            "puis relancez ; rien n'a été écrit"
        )


def _stage(folder: Path, files: dict[str, bytes]) -> None:
    """Write ``files`` into a draft folder, synced, then commit it by renaming it ready.

    A document open in Word (locked, on Windows) stops the build here, with nothing changed.
    """
    draft = folder / DRAFT
    draft.mkdir()
    try:
        for name, content in files.items():
            _write_synced(draft / name, content)
        held = [name for name in files if _held_elsewhere(folder / name)]
        if held:
            raise BuildError(
                f"{', '.join(held)} : ouvert dans un autre programme (Word, lecteur PDF ?) ou protégé ; "
                "fermez-le puis relancez ; rien n'a été modifié"
            )
        _sync(draft)
        os.replace(draft, folder / READY)  # the commit: from here on, the new pack is the one
    except BaseException:
        shutil.rmtree(draft, ignore_errors=True)
        raise
    _sync(folder)


def _install(folder: Path, keep_edits: bool) -> None:
    """Move every file of the ready folder to its name, the manifest last, then remove the folder.

    With ``keep_edits`` (finishing an interrupted build), a file changed since
    the old manifest was written is kept and the new one dropped.
    """
    ready = folder / READY
    old = _lenient_manifest(folder) if keep_edits else {}
    for name in sorted(os.listdir(ready), key=lambda name: (name == MANIFEST, name)):  # the same order every time
        if keep_edits and name != MANIFEST and not _as_left(folder / name, old.get(name)):
            _remove(ready / name)
            continue
        os.replace(ready / name, folder / name)
    _sync(folder)
    os.rmdir(ready)


def _lenient_manifest(folder: Path) -> dict[str, str]:
    try:
        return read_manifest(folder)
    except ManifestUnreadable:
        return {}  # then every file already there counts as changed: kept, never lost


def _as_left(path: Path, recorded: str | None) -> bool:
    """Return whether ``path`` is absent or still holds what the manifest recorded."""
    try:
        found = digest_of(path)
    except (Unreadable, OSError):
        return False
    return found is None or found == recorded


def _write_synced(path: Path, content: bytes) -> None:
    # 0o666 less the umask: a pack is as readable as any file the user saves
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | SAFE_OPEN, 0o666)
    with open(descriptor, "wb") as stream:
        stream.write(content)
        stream.flush()
        os.fsync(stream.fileno())


def _sync(folder: Path) -> None:
    """Flush ``folder``'s entries to disk, so that a rename survives a power cut."""
    if os.name != "posix":  # Windows cannot open a folder; NTFS journals its renames itself
        return
    descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _held_elsewhere(path: Path) -> bool:
    """Return whether the file ``path`` exists but cannot be opened for writing (locked or read-only)."""
    try:
        with open_regular(path, os.O_WRONLY):
            return False
    except (FileNotFoundError, Unreadable):  # a name taken by a link or a FIFO is replaced, never opened
        return False
    except OSError:
        return True


def _is_folder(path: Path) -> bool:
    """Return whether ``path`` is a folder itself, not a link to one."""
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except FileNotFoundError:
        return False


def _remove(path: Path) -> None:
    """Remove what stands at ``path``: a folder with its content, or the name itself (a link is not followed)."""
    if _is_folder(path):
        shutil.rmtree(path)
    elif os.path.lexists(path):
        path.unlink()


def _remove_old_temporaries(folder: Path, names: dict[str, bytes]) -> None:
    """Remove the ``.<name>.XXXXXXXX.tmp`` files that builds before the draft folder could leave behind."""
    for name in names:
        for temporary in folder.glob(f".{glob.escape(name)}.*.tmp"):
            if taken_by(temporary) is None:
                temporary.unlink()


#: what the system says when the disk, the user's quota or the file-size limit is reached
_FULL = {errno.ENOSPC, errno.EFBIG, errno.EDQUOT}


def _write_failed(folder: Path, error: OSError) -> BuildError:
    """Return the BuildError telling why ``folder`` could not be written, in French."""
    if error.errno in _FULL:
        why = "disque plein ou fichier trop gros ; libérez de la place puis relancez"
    elif error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        why = "droits insuffisants ou disque protégé en écriture"
    else:
        why = error.strerror or str(error)
    return BuildError(f"écriture impossible dans {folder} : {why} ; les fichiers déjà là n'ont pas été modifiés")
