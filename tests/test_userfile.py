"""read_user_file: a regular file inside its folder, read up to a limit, anything else named for what it is."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from educpop.userfile import UnreadableFile, read_user_file


def refusal(path: Path, folder: Path, limit: int = 1000) -> UnreadableFile:
    with pytest.raises(UnreadableFile) as caught:
        read_user_file(path, folder, limit)
    return caught.value


def test_it_returns_the_bytes_of_a_regular_file(tmp_path: Path) -> None:
    (tmp_path / "texte.md").write_bytes(b"Un texte\n")
    assert read_user_file(tmp_path / "texte.md", tmp_path, 1000) == b"Un texte\n"


def test_it_follows_a_link_that_stays_inside_the_folder(tmp_path: Path) -> None:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "vrai.md").write_bytes(b"le vrai")
    (tmp_path / "lien.md").symlink_to(tmp_path / "sources" / "vrai.md")
    assert read_user_file(tmp_path / "lien.md", tmp_path, 1000) == b"le vrai"


def test_a_file_of_exactly_the_limit_is_read_and_one_byte_more_is_refused(tmp_path: Path) -> None:
    (tmp_path / "juste.md").write_bytes(b"x" * 2000)
    (tmp_path / "trop.md").write_bytes(b"x" * 2001)
    assert len(read_user_file(tmp_path / "juste.md", tmp_path, 2000)) == 2000
    error = refusal(tmp_path / "trop.md", tmp_path, 2000)
    assert (error.predicate, error.message, error.too_big) == (
        "est trop gros (2 ko, au plus 2 ko)",
        "fichier trop gros (2 ko, au plus 2 ko)",
        True,
    )


def test_a_file_whose_size_says_zero_is_still_read_only_up_to_the_limit() -> None:
    # /proc files say they are empty and are not: the limit holds on what is read, not on what stat says
    error = refusal(Path("/proc/self/status"), Path("/proc"), 100)
    assert error.too_big and error.message.startswith("fichier trop gros")


def test_a_named_pipe_is_refused_at_once_without_waiting_for_a_writer(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "tube.md")
    error = refusal(tmp_path / "tube.md", tmp_path)
    assert (error.predicate, error.message) == (
        "est un tube nommé (FIFO), pas un fichier",
        "c'est un tube nommé (FIFO), pas un fichier",
    )


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_a_device_is_refused_before_a_byte_is_read(device: str) -> None:
    assert refusal(Path(device), Path("/dev")).predicate == "est un périphérique, pas un fichier"


def test_a_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "sources").mkdir()
    assert refusal(tmp_path / "sources", tmp_path).message == "c'est un dossier, pas un fichier"


def test_a_socket_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # a socket's path is limited to about 100 characters
    server = socket.socket(socket.AF_UNIX)
    server.bind("prise.md")
    try:
        assert refusal(Path("prise.md"), Path(".")).predicate == (
            "est une prise de communication (socket), pas un fichier"
        )
    finally:
        server.close()


@pytest.mark.parametrize("outside", ["/dev/zero", "/etc/passwd", "../ailleurs.md"])
def test_a_link_leaving_the_folder_is_refused_without_opening_its_target(tmp_path: Path, outside: str) -> None:
    folder = tmp_path / "atelier"
    folder.mkdir()
    (tmp_path / "ailleurs.md").write_text("SECRET", encoding="utf-8")
    (folder / "lien.md").symlink_to(outside)
    error = refusal(folder / "lien.md", folder)
    assert error.predicate == (
        "est un lien vers l'extérieur du dossier de la séance : copiez le fichier dans le dossier"
    )


def test_the_folder_is_named_as_the_caller_says(tmp_path: Path) -> None:
    (tmp_path / "theme").mkdir()
    (tmp_path / "theme" / "logo.png").symlink_to("/etc/passwd")
    with pytest.raises(UnreadableFile, match="^lien vers l'extérieur du dossier du thème : "):
        read_user_file(tmp_path / "theme" / "logo.png", tmp_path / "theme", 1000, whose="du thème")


def test_a_missing_file_says_so_and_lets_the_caller_suggest_a_name(tmp_path: Path) -> None:
    error = refusal(tmp_path / "absent.md", tmp_path)
    assert (error.message, error.missing) == ("fichier introuvable", True)


def test_a_broken_link_and_a_loop_of_links_are_named(tmp_path: Path) -> None:
    (tmp_path / "casse.md").symlink_to(tmp_path / "parti.md")
    (tmp_path / "boucle.md").symlink_to(tmp_path / "boucle.md")
    assert refusal(tmp_path / "casse.md", tmp_path).predicate == "est un lien vers un fichier qui n'existe pas"
    assert refusal(tmp_path / "boucle.md", tmp_path).predicate == "est un lien qui tourne en rond"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file whatever its rights")
def test_a_file_without_read_rights_says_to_check_them(tmp_path: Path) -> None:
    (tmp_path / "prive.md").write_text("x", encoding="utf-8")
    (tmp_path / "prive.md").chmod(0)
    assert refusal(tmp_path / "prive.md", tmp_path).message == "lecture refusée : vérifiez les droits du fichier"
