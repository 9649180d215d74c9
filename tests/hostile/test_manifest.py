"""A manifest that cannot be read is said so, with what to do: never "every file edited by hand", never a hang."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from educpop.manifest import MANIFEST
from hostile.conftest import make_device, make_socket, run, run_apart, session, snapshot

ARGS = ("build", "atelier", "-o", "sortie", "--only", "guide", "--format", "pdf")
PATH = Path("sortie") / MANIFEST
REMEDY = "relancez avec --force pour tout réécrire et refaire le manifeste"
SCHEMA = "il devrait donner, pour chaque nom de fichier, son empreinte SHA-256"


def unreadable(why: str, remedy: str = REMEDY) -> str:
    """Return the error output of a build that finds the manifest unreadable for reason ``why``."""
    return (
        "educpop : construction impossible :\n"
        f"  le manifeste sortie/.educpop-manifest.json est illisible : {why} ; educpop ne peut plus savoir quels "
        f"fichiers ont été retouchés à la main, rien n'a été écrit ; {remedy} (renommez d'abord les fichiers que "
        "vous avez retouchés, pour les garder)\n"
    )


def built(capsys: pytest.CaptureFixture[str]) -> None:
    session()
    assert run(capsys, *ARGS)[0] == 0


def rebuilds_with_force_then_without(capsys: pytest.CaptureFixture[str]) -> None:
    """Check that --force writes a good manifest over the bad one, so that a plain build works again."""
    assert run(capsys, *ARGS, "--force") == (0, "")
    assert stat.S_ISREG(os.lstat(PATH).st_mode)
    assert set(json.loads(PATH.read_text(encoding="utf-8"))) == {"guide-animation.pdf"}
    assert run(capsys, *ARGS) == (0, "")


SHA = "0" * 64

CONTENTS = [
    pytest.param(b'{"guide-animation.pdf": ', "ce n'est pas du JSON valide (ligne 1, colonne 25)", id="cut-short"),
    pytest.param(b"", "ce n'est pas du JSON valide (ligne 1, colonne 1)", id="empty"),
    pytest.param(b'{\n  "a": "' + SHA.encode() + b'",\n}', "ce n'est pas du JSON valide (ligne 3, colonne 1)",
                 id="trailing-comma"),  # fmt: skip
    pytest.param(b"[" * 100_000 + b"]" * 100_000, "ses données sont imbriquées trop profondément", id="nested-lists"),
    pytest.param(b'{"a":' * 100_000 + b"1" + b"}" * 100_000, "ses données sont imbriquées trop profondément",
                 id="nested-objects"),  # fmt: skip
    pytest.param(b"1" * 5000, "ce n'est pas du JSON valide", id="huge-number"),
    pytest.param(b"\xff\xfe{\x00}\x00", "il n'est pas écrit en UTF-8", id="utf-16"),
    pytest.param(b" " * 1_000_001 + b"{}", "il fait plus de 1000 ko", id="too-big"),
    pytest.param(b"[]", SCHEMA, id="list"),
    pytest.param(b"null", SCHEMA, id="null"),
    pytest.param(b'"guide-animation.pdf"', SCHEMA, id="string"),
    pytest.param(b'{"guide-animation.pdf": 1}', SCHEMA, id="number"),
    pytest.param(b'{"guide-animation.pdf": NaN}', SCHEMA, id="nan"),
    pytest.param(b'{"guide-animation.pdf": "abc"}', SCHEMA, id="short-hash"),
    pytest.param(b'{"guide-animation.pdf": "' + b"A" * 64 + b'"}', SCHEMA, id="upper-case-hash"),
    pytest.param(b'{"guide-animation.pdf": ["' + SHA.encode() + b'"]}', SCHEMA, id="hash-in-a-list"),
    pytest.param(b'{"guide-animation.pdf": {"sha256": "' + SHA.encode() + b'"}}', SCHEMA, id="hash-in-an-object"),
]


@pytest.mark.parametrize(("content", "why"), CONTENTS)
def test_a_manifest_that_is_not_a_table_of_hashes_is_said_unreadable_and_nothing_is_written(
    capsys: pytest.CaptureFixture[str], content: bytes, why: str
) -> None:
    built(capsys)
    PATH.write_bytes(content)
    before = snapshot(Path("sortie"))
    assert run(capsys, *ARGS) == (2, unreadable(why))
    assert snapshot(Path("sortie")) == before
    rebuilds_with_force_then_without(capsys)


def test_a_huge_sparse_manifest_is_not_read_past_the_limit(capsys: pytest.CaptureFixture[str]) -> None:
    built(capsys)
    with PATH.open("r+b") as stream:
        stream.truncate(20 * 2**30)  # 20 GB of zeros, taking no room on disk
    assert run(capsys, *ARGS) == (2, unreadable("il fait plus de 1000 ko"))
    rebuilds_with_force_then_without(capsys)


def make_fifo(path: Path) -> str:
    os.mkfifo(path)
    return "c'est un tube nommé (FIFO), pas un fichier"


def make_link_to_zero(path: Path) -> str:
    path.symlink_to("/dev/zero")
    return "c'est un lien symbolique (vers /dev/zero), pas un fichier"


def make_link_to_a_good_manifest(path: Path) -> str:
    Path("ailleurs.json").write_text(path.with_name("vrai.json").read_text(encoding="utf-8"), encoding="utf-8")
    path.symlink_to(Path("ailleurs.json").resolve())
    return f"c'est un lien symbolique (vers {Path('ailleurs.json').resolve()}), pas un fichier"


def make_dangling_link(path: Path) -> str:
    path.symlink_to("nulle-part.json")
    return "c'est un lien symbolique (vers nulle-part.json), pas un fichier"


def make_a_socket(path: Path) -> str:
    make_socket(path)
    return "c'est une prise de communication (socket), pas un fichier"


def make_a_device(path: Path) -> str:
    make_device(path)
    return "c'est un périphérique, pas un fichier"


@pytest.mark.parametrize(
    "make",
    [make_fifo, make_link_to_zero, make_link_to_a_good_manifest, make_dangling_link, make_a_socket, make_a_device],
)
def test_a_manifest_that_is_not_a_regular_file_is_never_opened_and_said_unreadable(
    capsys: pytest.CaptureFixture[str], make: Callable[[Path], str]
) -> None:
    built(capsys)
    PATH.rename(PATH.with_name("vrai.json"))
    why = make(PATH)
    assert run_apart(*ARGS) == (2, unreadable(why))
    assert run(capsys, *ARGS, "--force") == (0, "")  # the name is replaced, what it pointed to is untouched
    if Path("ailleurs.json").exists():
        assert Path("ailleurs.json").read_bytes() == PATH.with_name("vrai.json").read_bytes()
    assert run(capsys, *ARGS) == (0, "")


def test_a_folder_in_place_of_the_manifest_is_kept_even_with_force(capsys: pytest.CaptureFixture[str]) -> None:
    built(capsys)
    PATH.unlink()
    PATH.mkdir()
    (PATH / "notes.txt").write_text("à garder", encoding="utf-8")
    message = unreadable(
        "c'est un dossier, pas un fichier",
        "déplacez ce dossier, puis relancez avec --force pour tout réécrire et refaire le manifeste",
    )
    assert run(capsys, *ARGS) == (2, message)
    assert run(capsys, *ARGS, "--force") == (2, message)
    assert (PATH / "notes.txt").read_text(encoding="utf-8") == "à garder"
    assert sorted(os.listdir("sortie")) == [MANIFEST, "guide-animation.pdf"]


@pytest.mark.skipif(os.geteuid() == 0, reason="l'administrateur lit tout fichier")
def test_a_manifest_that_may_not_be_read_is_said_so(capsys: pytest.CaptureFixture[str]) -> None:
    built(capsys)
    PATH.chmod(0)
    assert run(capsys, *ARGS) == (2, unreadable("lecture refusée (droits insuffisants)"))


def test_a_missing_manifest_still_protects_every_file_already_there(capsys: pytest.CaptureFixture[str]) -> None:
    built(capsys)
    PATH.unlink()  # nothing says educpop wrote the guide: it may be the user's
    status, err = run(capsys, *ARGS)
    assert (status, err.splitlines()[1]) == (
        2, "  modifié à la main depuis la dernière construction : sortie/guide-animation.pdf ; rien n'a été écrit "
        "(renommez le fichier pour le garder, ou relancez avec --force pour l'écraser)",
    )  # fmt: skip
