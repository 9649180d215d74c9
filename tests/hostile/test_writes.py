"""A failed build leaves the output folder exactly as it was: no half-written file, no temporary."""

from __future__ import annotations

import dataclasses
import os
import resource
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from educpop.errors import BuildError
from educpop.render import FORMATS
from hostile.conftest import SESSION, run, session, snapshot

ARGS = ("build", "atelier", "-o", "sortie", "--only", "guide", "--only", "handout")
DISK_FULL = (
    "educpop : construction impossible :\n"
    "  écriture impossible dans sortie : disque plein ou fichier trop gros ; libérez de la place puis relancez ; "
    "les fichiers déjà là n'ont pas été modifiés\n"
)


def built_once(capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    """Build the pack once, change the session, and return the folder's hashes."""
    session()
    assert run(capsys, *ARGS)[0] == 0
    session(SESSION.replace("title: Atelier", "title: Atelier modifié"))
    before = snapshot(Path("sortie"))
    assert ".educpop-manifest.json" in before and len(before) == 7  # 2 documents × 2 formats, combined PDF, zip
    return before


def fail_after_first_document(monkeypatch: pytest.MonkeyPatch, error: Exception) -> None:
    real = FORMATS["pdf"]
    calls = []

    def flaky(*args: object) -> None:
        calls.append(1)
        if len(calls) > 1:
            raise error
        real.render(*args)  # type: ignore[arg-type]

    monkeypatch.setitem(FORMATS, "pdf", dataclasses.replace(real, render=flaky))


def test_a_crash_while_rendering_leaves_every_file_unchanged(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = built_once(capsys)
    fail_after_first_document(monkeypatch, RuntimeError("bug injecté"))
    with pytest.raises(RuntimeError, match="bug injecté"):  # a bug: its traceback is shown
        run(capsys, *ARGS)
    assert snapshot(Path("sortie")) == before


def test_a_user_error_while_rendering_exits_2_and_leaves_every_file_unchanged(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = built_once(capsys)
    fail_after_first_document(monkeypatch, BuildError("police introuvable"))
    assert run(capsys, *ARGS) == (2, "educpop : construction impossible :\n  police introuvable\n")
    assert snapshot(Path("sortie")) == before


def build_with_file_size_limit(limit: int) -> subprocess.CompletedProcess[str]:
    """Run ``python -m educpop build`` where no file may grow beyond ``limit`` bytes (EFBIG)."""

    def limit_writes() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run(
        [sys.executable, "-m", "educpop", *ARGS], capture_output=True, text=True,
        preexec_fn=limit_writes, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}, timeout=120,
    )  # fmt: skip


def test_a_full_disk_leaves_every_file_unchanged_and_says_so_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    before = built_once(capsys)
    done = build_with_file_size_limit(20_000)
    assert (done.returncode, done.stderr) == (2, DISK_FULL)
    assert snapshot(Path("sortie")) == before  # no temporary file left either


def test_a_full_disk_on_a_first_build_leaves_no_folder() -> None:
    session()
    done = build_with_file_size_limit(20_000)
    assert (done.returncode, done.stderr) == (2, DISK_FULL)
    assert not Path("sortie").exists()


def test_a_file_edited_by_hand_is_named_and_kept(capsys: pytest.CaptureFixture[str]) -> None:
    built_once(capsys)
    Path("sortie/guide-animation.docx").write_bytes(b"mes corrections")
    before = snapshot(Path("sortie"))
    assert run(capsys, *ARGS) == (2, (
        "educpop : construction impossible :\n"
        "  modifié à la main depuis la dernière construction : sortie/guide-animation.docx ; rien n'a été écrit "
        "(renommez le fichier pour le garder, ou relancez avec --force pour l'écraser)\n"
    ))  # fmt: skip
    assert snapshot(Path("sortie")) == before
    assert run(capsys, *ARGS, "--force")[0] == 0
    assert Path("sortie/guide-animation.docx").read_bytes().startswith(b"PK")


def test_written_files_are_readable_by_others_as_any_saved_file(capsys: pytest.CaptureFixture[str]) -> None:
    session()
    old = os.umask(0o022)
    try:
        assert run(capsys, *ARGS)[0] == 0
    finally:
        os.umask(old)
    assert {stat.S_IMODE(path.stat().st_mode) for path in Path("sortie").iterdir()} == {0o644}


def test_a_document_open_in_another_program_stops_the_build_before_any_change(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = built_once(capsys)
    # Word locks an open .docx on Windows; opening it for writing then fails.
    monkeypatch.setattr("educpop.writes._held_elsewhere", lambda path: path.name == "guide-animation.docx")
    status, err = run(capsys, *ARGS)
    assert status == 2
    assert err == (
        "educpop : construction impossible :\n"
        "  guide-animation.docx : ouvert dans un autre programme (Word, lecteur PDF ?) ou protégé ; "
        "fermez-le puis relancez ; rien n'a été modifié\n"
    )
    assert snapshot(Path("sortie")) == before  # no temporary left either


def test_only_a_file_that_cannot_be_opened_for_writing_counts_as_held(tmp_path: Path) -> None:
    from educpop.writes import _held_elsewhere

    target = tmp_path / "guide.pdf"
    assert not _held_elsewhere(target)  # not there yet: nothing holds it
    target.write_bytes(b"%PDF")
    assert not _held_elsewhere(target)
    os.mkfifo(tmp_path / "tube")
    assert not _held_elsewhere(tmp_path / "tube")  # never opened: opening a FIFO for writing waits for a reader
