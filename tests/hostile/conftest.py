"""Helpers for the hostile-input tests: a session folder in ``tmp_path``, the CLI, folder snapshots.

The working directory is ``tmp_path``, so paths print as ``atelier/session.yaml``,
as they would for a facilitator running ``educpop`` beside the folder.
"""

from __future__ import annotations

import hashlib
import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import write_session
from educpop.cli import main

SESSION = """\
title: Atelier
group: {min: 4, max: 8}
duration: 2h
start: "09:30"
activities:
  - id: accueil
    title: Accueil
    method: accueil
    duration: 30
"""

#: the session with a text, a question theme and every facilitator-only field filled in
FULL = """\
title: "Q&R : AT&T <nom> a<b"
subtitle: "<img src=/etc/passwd/> <a href=http://x.org>lien</a> <font color=red>rouge</font> un<br/>deux"
organisation: "Maison de quartier"
venue: "Salle des fêtes"
venue_notes: "SECRET-VENUE"
facilitators: ["محمد علي", "שרה לוי"]
group: {min: 4, max: 8, subgroup_size: 4}
duration: 2h
start: "09:30"
sources:
  - {id: texte, title: "Le texte", file: sources/texte.md}
activities:
  - id: lecture
    title: Lecture
    method: sous-groupes
    grouping: subgroups
    duration: 40
    source: texte
    questions: [travail]
    instructions: "Lisez le texte."
    notes: "SECRET-NOTES"
    steps: ["SECRET-STEP"]
    debrief: ["SECRET-DEBRIEF"]
  - id: debat
    title: Débat
    method: débat mouvant
    duration: 30
    statements: ["Le travail libère."]
    notes: "SECRET-NOTES-2"
questions:
  - id: travail
    title: Le travail
    source: texte
    items:
      - {level: understand, text: "De quoi parle le texte ?", hint: "SECRET-HINT"}
      - {level: today, text: "Et aujourd'hui ?", hint: "SECRET-HINT-2"}
"""

TEXT = "Un texte <b>pas gras</b> <img src=\"/etc/passwd\"/> et <font color=red>x</font>.\n\nDeuxième paragraphe.\n"


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def session(yaml: str | bytes = SESSION, files: dict[str, str | bytes] | None = None) -> Path:
    """Return ``atelier/`` (relative to the working directory) holding ``session.yaml`` and ``files``."""
    return write_session(yaml, files)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    """Return the exit status and the error output of ``educpop argv``."""
    status = main(list(argv))
    return status, capsys.readouterr().err


def snapshot(folder: Path) -> dict[str, str]:
    """Return the SHA-256 of every file under ``folder`` (hidden ones too), by relative name."""
    if not folder.exists():
        return {}
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def errors(err: str) -> list[str]:
    """Return the problem lines of an error output (without the category line and indentation)."""
    return [line.strip() for line in err.splitlines()[1:]]


def run_apart(*argv: str) -> tuple[int, str]:
    """Return the exit status and the error output of ``educpop argv`` run in a child process.

    For files that could block a reader (a FIFO, a device): a regression then
    fails the test after a minute instead of hanging the suite.
    """
    done = subprocess.run(
        [sys.executable, "-m", "educpop", *argv], capture_output=True, text=True, timeout=60,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )  # fmt: skip
    return done.returncode, done.stderr


def make_socket(path: Path) -> None:
    """Leave a Unix socket at ``path`` (nobody listening)."""
    listening = socket.socket(socket.AF_UNIX)
    listening.bind(str(path))
    listening.close()


def make_device(path: Path) -> None:
    """Make a character device at ``path`` like /dev/zero; skip the test where that needs root."""
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 5))
    except PermissionError:
        pytest.skip("créer un périphérique demande les droits d'administration")
