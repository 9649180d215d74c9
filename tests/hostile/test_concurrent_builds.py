"""Two builds of one output folder never write at once: the second waits, then stops with a clear message."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from educpop.manifest import MANIFEST
from educpop.writes import LOCK_WAIT
from hostile.conftest import SESSION, run, session, snapshot

ARGS = ("build", "atelier", "-o", "sortie", "--only", "guide", "--only", "handout", "--format", "pdf")

#: holds the lock of ``sortie/`` until its standard input closes, as a build does while it writes
HOLDER = """
import sys
from pathlib import Path
from educpop.writes import locked
with locked(Path("sortie")):
    print("verrouillé", flush=True)
    sys.stdin.read()
"""

#: a build on a slow disk: each move into place takes half a second
SLOW = """
import os, runpy, sys, time
real = os.replace
def slow(*args, **kwargs):
    print("écrit", flush=True)
    time.sleep(0.5)
    return real(*args, **kwargs)
os.replace = slow
sys.argv = ["educpop", *sys.argv[1:]]
runpy.run_module("educpop", run_name="__main__", alter_sys=True)
"""


def python(*args: str, **options: object) -> subprocess.Popen[str]:
    """Start ``python args`` in the working directory, with pipes for its three streams."""
    return subprocess.Popen(
        [sys.executable, *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}, **options,  # type: ignore[call-overload]
    )  # fmt: skip


def build() -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "educpop", *ARGS], capture_output=True, text=True, timeout=120,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )  # fmt: skip


def manifest_matches_files(folder: Path) -> bool:
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    files = snapshot(folder)
    del files[MANIFEST]
    return bool(manifest == files)


def test_a_second_build_of_a_folder_being_written_waits_then_stops_saying_why() -> None:
    session()
    Path("sortie").mkdir()
    holder = python("-c", HOLDER)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "verrouillé\n"
        before = snapshot(Path("sortie"))
        done = build()
        assert (done.returncode, done.stderr) == (2, (
            "educpop : construction impossible :\n"
            f"  une autre construction du dossier sortie est en cours (attendu {LOCK_WAIT} secondes) ; "
            "attendez qu'elle se termine, puis relancez ; rien n'a été écrit\n"
        ))  # fmt: skip
        assert snapshot(Path("sortie")) == before
    finally:
        holder.communicate("", timeout=60)
    assert holder.returncode == 0
    assert build().returncode == 0  # once the other build is done, the folder is free again
    assert manifest_matches_files(Path("sortie"))
    assert ".educpop-verrou" not in os.listdir("sortie")


def test_two_builds_at_once_on_a_slow_disk_both_succeed_and_leave_files_and_manifest_agreeing() -> None:
    session()
    first = python("-c", SLOW, *ARGS)
    try:
        assert first.stdout is not None and first.stdout.readline() == "écrit\n"  # it holds the lock
        session(SESSION.replace("title: Atelier", "title: Atelier modifié"))
        second = build()
    finally:
        out, err = first.communicate(timeout=120)
    assert (first.returncode, err) == (0, "")
    assert (second.returncode, second.stderr) == (0, "")
    assert manifest_matches_files(Path("sortie"))
    assert sorted(os.listdir("sortie")) == sorted(
        [".educpop-manifest.json", "atelier-tout.pdf", "atelier.zip", "dossier-participant.pdf", "guide-animation.pdf"]
    )


def test_a_build_in_another_folder_does_not_wait() -> None:
    session()
    Path("sortie").mkdir()
    holder = python("-c", HOLDER)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "verrouillé\n"
        done = subprocess.run(
            [sys.executable, "-m", "educpop", *ARGS[:3], "ailleurs", *ARGS[4:]], capture_output=True, text=True,
            timeout=120,
        )  # fmt: skip
        assert (done.returncode, done.stderr) == (0, "")
    finally:
        holder.communicate("", timeout=60)


def test_a_lock_file_left_by_a_killed_build_does_not_block_the_next(capsys: pytest.CaptureFixture[str]) -> None:
    session()
    Path("sortie").mkdir()
    Path("sortie/.educpop-verrou").write_bytes(b"")  # SIGKILL frees the lock, not its file
    assert run(capsys, *ARGS)[0] == 0
    assert ".educpop-verrou" not in os.listdir("sortie")
