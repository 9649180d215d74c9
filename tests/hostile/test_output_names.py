"""An output name taken by a folder, a FIFO, a link or a device: named, exit 2, nothing written, nothing followed."""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from hostile.conftest import make_device, make_socket, run, run_apart, session

ARGS = ("build", "atelier", "-o", "sortie", "--only", "guide", "--format", "pdf")
TARGET = Path("sortie/guide-animation.pdf")


def taken(*what: str) -> str:
    """Return the error output of a build that finds each ``name est kind`` of ``what`` in its way."""
    return (
        "educpop : construction impossible :\n"
        f"  nom déjà pris : {', '.join(what)} ; educpop doit y écrire un fichier : renommez-le ou déplacez-le, "
        "puis relancez ; rien n'a été écrit\n"
    )


def state(folder: Path) -> dict[str, str]:
    """Return what stands at each name under ``folder``: a file's hash, or what else it is; links are not followed."""
    found = {}
    for parent, folders, files in os.walk(folder):
        for name in folders + files:
            path = Path(parent, name)
            mode = path.lstat().st_mode
            if stat.S_ISREG(mode):
                found[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
            elif stat.S_ISLNK(mode):
                found[str(path)] = f"lien vers {os.readlink(path)}"
            else:
                found[str(path)] = stat.filemode(mode)[0]
    return found


def a_folder(path: Path) -> str:
    path.mkdir()
    (path / "notes.txt").write_text("à garder", encoding="utf-8")
    return "un dossier"


def a_fifo(path: Path) -> str:
    os.mkfifo(path)
    return "un tube nommé (FIFO)"


def a_link_to_zero(path: Path) -> str:
    path.symlink_to("/dev/zero")
    return "un lien symbolique (vers /dev/zero)"


def a_link_to_a_file_elsewhere(path: Path) -> str:
    Path("ailleurs.pdf").write_bytes(b"%PDF-1.4 le fichier d'un autre")
    path.symlink_to(Path("ailleurs.pdf").resolve())
    return f"un lien symbolique (vers {Path('ailleurs.pdf').resolve()})"


def a_link_to_a_folder_elsewhere(path: Path) -> str:
    Path("ailleurs").mkdir()
    path.symlink_to(Path("ailleurs").resolve(), target_is_directory=True)
    return f"un lien symbolique (vers {Path('ailleurs').resolve()})"


def a_dangling_link(path: Path) -> str:
    path.symlink_to("nulle-part.pdf")
    return "un lien symbolique (vers nulle-part.pdf)"


def a_socket(path: Path) -> str:
    make_socket(path)
    return "une prise de communication (socket)"


def a_device(path: Path) -> str:
    make_device(path)
    return "un périphérique"


KINDS = [a_folder, a_fifo, a_link_to_zero, a_link_to_a_file_elsewhere, a_link_to_a_folder_elsewhere, a_dangling_link,
         a_socket, a_device]  # fmt: skip


@pytest.mark.parametrize("make", KINDS)
def test_a_document_name_taken_by_something_else_is_named_and_nothing_is_written_even_with_force(
    capsys: pytest.CaptureFixture[str], make: Callable[[Path], str]
) -> None:
    session()
    assert run(capsys, *ARGS)[0] == 0
    TARGET.unlink()
    message = taken(f"{TARGET} est {make(TARGET)}")
    before = state(Path("."))
    assert run_apart(*ARGS) == (2, message)
    assert state(Path(".")) == before
    assert run(capsys, *ARGS, "--force") == (2, message)
    assert state(Path(".")) == before


def test_a_first_build_into_a_folder_where_a_name_is_taken_leaves_the_folder_as_it_was() -> None:
    session()
    Path("sortie").mkdir()
    os.mkfifo(TARGET)
    assert run_apart(*ARGS) == (2, taken(f"{TARGET} est un tube nommé (FIFO)"))
    assert os.listdir("sortie") == ["guide-animation.pdf"]  # no manifest, no draft, no lock file


def test_every_taken_name_is_named_at_once(capsys: pytest.CaptureFixture[str]) -> None:
    session()
    Path("sortie").mkdir()
    Path("sortie/guide-animation.docx").mkdir()
    os.mkfifo(TARGET)
    assert run(capsys, *ARGS[:-2]) == (2, taken(
        "sortie/guide-animation.docx est un dossier", f"{TARGET} est un tube nommé (FIFO)"
    ))  # fmt: skip


def test_the_lock_file_name_taken_by_a_folder_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    session()
    Path("sortie/.educpop-verrou").mkdir(parents=True)
    assert run(capsys, *ARGS) == (2, taken("sortie/.educpop-verrou est un dossier"))
    assert os.listdir("sortie") == [".educpop-verrou"]


@pytest.mark.parametrize("name", [".educpop-brouillon", ".educpop-pret"])
def test_a_link_in_place_of_the_draft_or_ready_folder_is_removed_without_following_it(
    capsys: pytest.CaptureFixture[str], name: str
) -> None:
    session()
    Path("ailleurs").mkdir()
    Path("ailleurs/guide-animation.pdf").write_bytes(b"pas un guide")
    Path("sortie").mkdir()
    Path("sortie", name).symlink_to(Path("ailleurs").resolve(), target_is_directory=True)
    assert run(capsys, *ARGS) == (0, "")
    assert sorted(os.listdir("sortie")) == [".educpop-manifest.json", "guide-animation.pdf"]
    assert TARGET.read_bytes().startswith(b"%PDF")
    assert os.listdir("ailleurs") == ["guide-animation.pdf"]
    assert Path("ailleurs/guide-animation.pdf").read_bytes() == b"pas un guide"


@pytest.mark.skipif(os.geteuid() == 0, reason="l'administrateur lit tout fichier")
def test_a_document_that_may_not_be_read_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    session()
    assert run(capsys, *ARGS)[0] == 0
    TARGET.chmod(0)
    assert run(capsys, *ARGS) == (2, (
        "educpop : construction impossible :\n"
        f"  {TARGET} est illisible : lecture refusée (droits insuffisants) ; rien n'a été écrit\n"
    ))  # fmt: skip


@pytest.mark.parametrize(
    ("make", "why"),
    [
        (lambda path: path.write_text("à moi", encoding="utf-8"), "sortie est un fichier"),
        (os.mkfifo, "sortie est un tube nommé (FIFO)"),
        (lambda path: path.symlink_to("/dev/null"), "sortie est un lien symbolique (vers /dev/null)"),
    ],
)
def test_an_output_folder_that_is_not_a_folder_is_named_and_left_alone(
    capsys: pytest.CaptureFixture[str], make: Callable[[Path], None], why: str
) -> None:
    session()
    make(Path("sortie"))
    before = state(Path("."))
    assert run(capsys, *ARGS) == (2, (
        f"educpop : construction impossible :\n  dossier de sortie impossible à créer : {why} ; "
        "choisissez-en un autre (-o)\n"
    ))  # fmt: skip
    assert state(Path(".")) == before


def test_an_output_folder_under_a_file_is_refused_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    session()
    Path("fichier").write_text("à moi", encoding="utf-8")
    assert run(capsys, "build", "atelier", "-o", "fichier/sortie") == (2, (
        "educpop : construction impossible :\n"
        "  dossier de sortie impossible à créer : fichier/sortie (un des dossiers du chemin est un fichier)\n"
    ))  # fmt: skip


def test_an_output_folder_that_is_a_link_to_a_folder_is_written_through(capsys: pytest.CaptureFixture[str]) -> None:
    session()
    Path("vrai").mkdir()
    Path("sortie").symlink_to(Path("vrai").resolve(), target_is_directory=True)
    assert run(capsys, *ARGS) == (0, "")
    assert sorted(os.listdir("vrai")) == [".educpop-manifest.json", "guide-animation.pdf"]
