"""What stands at an output name is told apart without following links, and read only if it is a file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from educpop.output_files import Unreadable, digest_of, read_regular, taken_by


def test_a_regular_file_or_nothing_takes_no_name(tmp_path: Path) -> None:
    (tmp_path / "guide.pdf").write_bytes(b"%PDF")
    assert taken_by(tmp_path / "guide.pdf") is None
    assert taken_by(tmp_path / "absent.pdf") is None


def test_a_link_is_named_with_where_it_points_even_to_a_regular_file(tmp_path: Path) -> None:
    (tmp_path / "vrai.pdf").write_bytes(b"%PDF")
    (tmp_path / "lien.pdf").symlink_to("vrai.pdf")
    assert taken_by(tmp_path / "lien.pdf") == "un lien symbolique (vers vrai.pdf)"
    with pytest.raises(Unreadable, match="^c'est un lien symbolique \\(vers vrai.pdf\\), pas un fichier$"):
        read_regular(tmp_path / "lien.pdf", 100)


def test_a_fifo_is_never_opened(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "tube")
    with pytest.raises(Unreadable, match="^c'est un tube nommé \\(FIFO\\), pas un fichier$"):
        digest_of(tmp_path / "tube")  # opening it would wait for a writer forever


def test_a_file_is_read_up_to_its_limit_and_no_further(tmp_path: Path) -> None:
    (tmp_path / "m.json").write_bytes(b"x" * 2000)
    assert read_regular(tmp_path / "m.json", 2000) == b"x" * 2000
    with pytest.raises(Unreadable, match="^il fait plus de 1 ko$"):
        read_regular(tmp_path / "m.json", 1999)


def test_the_digest_of_nothing_is_none_and_of_a_file_its_sha256(tmp_path: Path) -> None:
    assert digest_of(tmp_path / "absent") is None
    (tmp_path / "f").write_bytes(b"abc")
    assert digest_of(tmp_path / "f") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
