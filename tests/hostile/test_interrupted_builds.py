"""A build killed at any moment of its write phase leaves the old pack or the new one, never a mix.

Each case runs a real ``python -m educpop build`` in a child process whose
``os.replace`` (or ``os.fsync``, ``os.rmdir``, ``os.unlink``) kills the process
(SIGKILL) or raises KeyboardInterrupt (Ctrl-C) at its N-th call: production
code has no test hook. The folder is then checked after the next build finishes
what was interrupted (exactly the old pack, or exactly the new one), and a
rebuild without ``--force`` must succeed and leave no temporary file.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from educpop.cli import main
from educpop.writes import finish_interrupted, locked
from hostile.conftest import SESSION, run, session, snapshot


def build_args(folder: str = "sortie") -> tuple[str, ...]:
    """Return the arguments of a build of the guide and the handout, in PDF, into ``folder``."""
    return ("build", "atelier", "-o", folder, "--only", "guide", "--only", "handout", "--format", "pdf")


ARGS = build_args()
NEW_SESSION = SESSION.replace("title: Atelier", "title: Atelier modifié")
#: the pack: two PDFs, the combined PDF, the zip and the manifest
PACK = {"guide-animation.pdf", "dossier-participant.pdf", "atelier-tout.pdf", "atelier.zip", ".educpop-manifest.json"}
#: one rename commits the draft, then one per file of the pack
REPLACES = 1 + len(PACK)
#: one per file of the draft, the draft itself, the folder after the commit and after the last move
FSYNCS = len(PACK) + 3

CHILD = """
import os, runpy, signal, sys
hooked, after, how = sys.argv[1], int(sys.argv[2]), sys.argv[3]
real = getattr(os, hooked)
calls = 0
def interrupted(*args, **kwargs):
    global calls, after
    if calls == after:
        if how == "kill":
            os.kill(os.getpid(), signal.SIGKILL)
        after = -1  # one Ctrl-C
        raise KeyboardInterrupt
    calls += 1
    return real(*args, **kwargs)
setattr(os, hooked, interrupted)
sys.argv = ["educpop", *sys.argv[4:]]
try:
    runpy.run_module("educpop", run_name="__main__", alter_sys=True)
finally:
    print(f"{hooked}: {calls}", file=sys.stderr)
"""


def build_interrupted(hooked: str, after: int, how: str = "kill") -> subprocess.CompletedProcess[str]:
    """Run ``python -m educpop build`` that dies at the ``after``-th call of ``os.<hooked>`` (-1: never)."""
    return subprocess.run(
        [sys.executable, "-c", CHILD, hooked, str(after), how, *ARGS], capture_output=True, text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "PYTHONDONTWRITEBYTECODE": "1"}, timeout=120,
    )  # fmt: skip


@pytest.fixture(autouse=True)
def reproducible(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # the same pack, byte for byte, at every build


@pytest.fixture(scope="module")
def packs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a folder holding the old pack in ``ancien/`` and the new one in ``neuf/``, built once."""
    root = tmp_path_factory.mktemp("packs")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        patch.setenv("SOURCE_DATE_EPOCH", "1700000000")
        session(NEW_SESSION)
        assert main(list(build_args("neuf"))) == 0
        session()
        assert main(list(build_args("ancien"))) == 0
    return root


def old_and_new(packs: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Put the old pack in ``sortie/`` and the new session in ``atelier/``; return both packs' hashes."""
    old, new = snapshot(packs / "ancien"), snapshot(packs / "neuf")
    assert set(old) == set(new) == PACK and all(old[name] != new[name] for name in PACK)
    shutil.copytree(packs / "ancien", "sortie")
    session(NEW_SESSION)
    return old, new


def finished(folder: Path) -> dict[str, str]:
    """Return the hashes of ``folder`` once what an interrupted build left is finished."""
    with locked(folder):
        finish_interrupted(folder)
    return snapshot(folder)


def rebuilt_cleanly(capsys: pytest.CaptureFixture[str], folder: Path, new: dict[str, str]) -> None:
    """Rebuild into ``folder`` without --force; check it holds the new pack and nothing else."""
    assert run(capsys, *build_args(str(folder))) == (0, "")
    assert snapshot(folder) == new
    assert set(os.listdir(folder)) == PACK  # no draft, no ready folder, no lock file, no temporary


def test_an_uninterrupted_build_moves_each_file_once_after_one_commit() -> None:
    session()
    done = build_interrupted("replace", -1)
    assert done.returncode == 0
    assert done.stderr.endswith(f"replace: {REPLACES}\n")
    assert build_interrupted("fsync", -1).stderr.endswith(f"fsync: {FSYNCS}\n")
    assert build_interrupted("rmdir", -1).stderr.endswith("rmdir: 1\n")  # the emptied ready folder
    assert build_interrupted("unlink", -1).stderr.endswith("unlink: 1\n")  # the lock file


@pytest.mark.parametrize(
    ("hooked", "after", "how"),
    [("replace", n, "kill") for n in range(REPLACES + 1)]  # before the commit, between every two moves, after
    + [("fsync", n, "kill") for n in (0, len(PACK), len(PACK) + 1)]  # first file, draft done, just committed
    + [("rmdir", 0, "kill"), ("unlink", 0, "kill")]  # moves done, ready folder or lock file still there
    + [("replace", n, "ctrl-c") for n in (0, 1, 3)],
)
def test_a_build_stopped_at_any_moment_leaves_the_old_or_the_new_pack_and_the_next_build_succeeds(
    capsys: pytest.CaptureFixture[str], packs: Path, hooked: str, after: int, how: str
) -> None:
    old, new = old_and_new(packs)
    done = build_interrupted(hooked, after, how)
    committed = hooked in ("rmdir", "unlink") or after >= {"replace": 1, "fsync": len(PACK) + 1}[hooked]
    if how == "ctrl-c":
        assert (done.returncode, done.stderr.splitlines()[-2]) == (1, "interrompu")
        assert snapshot(Path("sortie")) == (new if committed else old)  # at once: Ctrl-C lets the moves finish
        assert set(os.listdir("sortie")) == PACK
    elif (hooked, after) != ("replace", REPLACES):
        assert done.returncode == -signal.SIGKILL
    shutil.copytree("sortie", "copie", symlinks=True)
    assert finished(Path("sortie")) == (new if committed else old)
    rebuilt_cleanly(capsys, Path("sortie"), new)
    rebuilt_cleanly(capsys, Path("copie"), new)  # the next build finishes the interrupted one itself


def test_a_file_edited_after_an_interruption_is_kept_and_named_by_the_next_build(
    capsys: pytest.CaptureFixture[str], packs: Path
) -> None:
    _, new = old_and_new(packs)
    assert build_interrupted("replace", 2).returncode == -signal.SIGKILL  # the commit and atelier-tout.pdf
    assert Path("sortie/.educpop-pret/guide-animation.pdf").is_file()  # not moved yet
    Path("sortie/guide-animation.pdf").write_bytes(b"mes corrections")
    assert run(capsys, *ARGS) == (2, (
        "educpop : construction impossible :\n"
        "  modifié à la main depuis la dernière construction : sortie/guide-animation.pdf ; rien n'a été écrit "
        "(renommez le fichier pour le garder, ou relancez avec --force pour l'écraser)\n"
    ))  # fmt: skip
    assert Path("sortie/guide-animation.pdf").read_bytes() == b"mes corrections"
    assert {name: digest for name, digest in snapshot(Path("sortie")).items() if name != "guide-animation.pdf"} == {
        name: digest for name, digest in new.items() if name != "guide-animation.pdf"
    }
    assert set(os.listdir("sortie")) == PACK


def test_temporary_files_left_by_older_versions_are_removed(capsys: pytest.CaptureFixture[str], packs: Path) -> None:
    old_and_new(packs)
    Path("sortie/.guide-animation.pdf.k2j4x8_q.tmp").write_bytes(b"%PDF-1.4 moiti")
    Path("sortie/.notes.txt.tmp").write_text("à moi", encoding="utf-8")  # not a name of the pack: kept
    assert run(capsys, *ARGS)[0] == 0
    assert set(os.listdir("sortie")) == PACK | {".notes.txt.tmp"}
