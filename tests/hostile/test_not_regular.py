"""A FIFO, a device, a folder or a link out of the folder in place of any file educpop reads is named, never read.

Each case replaces one file (session.yaml, a source, a template, theme.yaml,
the logo, a font face, the reference .docx) and checks the build stops at
once with exit status 2, the exact message, nothing written, and nothing of
the linked file quoted.
"""

from __future__ import annotations

import io
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from PIL import Image

from educpop.theme import DEJAVU_SANS
from hostile.conftest import SESSION, errors, run, session

SECRET = "SECRET-DEHORS"
OUTSIDE = "lien vers l'extérieur du dossier {whose} : copiez le fichier dans le dossier"
FIFO = "tube nommé (FIFO), pas un fichier"
FOLDER = "dossier, pas un fichier"

THEME_YAML = """\
logo: logo.png
reference_docx: modele.docx
font:
  name: Corps
  regular: police.ttf
  bold: police.ttf
  italic: police.ttf
  bold_italic: police.ttf
"""


def _logo() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (60, 30), (0x20, 0xA0, 0x40)).save(buffer, "PNG")
    return buffer.getvalue()


def _reference() -> bytes:
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    return buffer.getvalue()


def themed_session() -> Path:
    """Return ``atelier/`` with a theme whose logo, reference document and font are all valid."""
    folder = session(
        SESSION + "theme: theme/\n",
        {"theme/theme.yaml": THEME_YAML, "theme/logo.png": _logo(), "theme/modele.docx": _reference()},
    )
    shutil.copy(DEJAVU_SANS.regular, folder / "theme" / "police.ttf")
    return folder


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _dev_zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


def _outside(path: Path) -> None:
    path.symlink_to(Path(SECRET).resolve())


def _folder(path: Path) -> None:
    path.mkdir()


HOW: dict[str, Callable[[Path], None]] = {"fifo": _fifo, "dev-zero": _dev_zero, "outside": _outside, "folder": _folder}


def said(how: str, whose: str) -> str:
    """Return what a file replaced ``how`` is, standing alone: « c'est un tube nommé (FIFO), pas un fichier »."""
    return {"fifo": f"c'est un {FIFO}", "folder": f"c'est un {FOLDER}"}.get(how, OUTSIDE.format(whose=whose))


def named(typed: str, how: str, whose: str) -> str:
    """Return what a file replaced ``how`` is, after its name: « « t.md » est un tube nommé (FIFO)… »."""
    return f"« {typed} » est " + {"fifo": f"un {FIFO}", "folder": f"un {FOLDER}"}.get(
        how, "un " + OUTSIDE.format(whose=whose)
    )


def replaced(path: Path, how: str) -> None:
    """Replace ``path`` by a FIFO, a link to /dev/zero, a link out of the folder, or a folder."""
    Path(SECRET).write_text(f"{SECRET}\n", encoding="utf-8")
    if path.exists() or path.is_symlink():
        path.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    HOW[how](path)


def refused(capsys: pytest.CaptureFixture[str]) -> list[str]:
    """Return the problem lines of a build that must stop: status 2, no traceback, nothing written, no secret."""
    status, err = run(capsys, "build", "atelier", "-o", "sortie")
    assert status == 2 and "Traceback" not in err
    assert SECRET not in err
    assert not Path("sortie").exists()
    return errors(err)


@pytest.mark.parametrize("how", list(HOW))
def test_session_yaml_that_is_not_a_regular_file_inside_the_folder_is_named(
    capsys: pytest.CaptureFixture[str], how: str
) -> None:
    replaced(session() / "session.yaml", how)
    assert refused(capsys) == [f"atelier/session.yaml: {said(how, 'de la séance')}"]


@pytest.mark.parametrize("how", list(HOW))
def test_a_source_that_is_not_a_regular_file_inside_the_folder_is_named_at_its_line(
    capsys: pytest.CaptureFixture[str], how: str
) -> None:
    folder = session(SESSION + "sources:\n  - {id: t, title: T, file: sources/t.md}\n", {"sources/autre.md": "x"})
    replaced(folder / "sources" / "t.md", how)
    assert refused(capsys) == [
        f"atelier/session.yaml:11:29: sources[1].file: {named('sources/t.md', how, 'de la séance')}"
    ]


@pytest.mark.parametrize("how", list(HOW))
def test_a_template_that_is_not_a_regular_file_inside_the_folder_is_named(
    capsys: pytest.CaptureFixture[str], how: str
) -> None:
    replaced(session() / "templates" / "fr.j2", how)
    assert refused(capsys) == [f"atelier/templates/fr.j2: {said(how, 'de la séance')}"]


@pytest.mark.parametrize("how", list(HOW))
def test_theme_yaml_that_is_not_a_regular_file_inside_its_folder_is_named(
    capsys: pytest.CaptureFixture[str], how: str
) -> None:
    replaced(themed_session() / "theme" / "theme.yaml", how)
    assert refused(capsys) == [f"atelier/theme/theme.yaml: {said(how, 'du thème')}"]


#: each file theme.yaml names -> the start of its line of theme.yaml
THEME_FILES = {
    "logo.png": ["1:7: logo"],
    "modele.docx": ["2:17: reference_docx"],
    "police.ttf": ["5:12: font.regular", "6:9: font.bold", "7:11: font.italic", "8:16: font.bold_italic"],
}


@pytest.mark.parametrize("how", list(HOW))
@pytest.mark.parametrize("name", list(THEME_FILES))
def test_a_file_of_the_theme_that_is_not_a_regular_file_inside_its_folder_is_named_at_its_line(
    capsys: pytest.CaptureFixture[str], name: str, how: str
) -> None:
    replaced(themed_session() / "theme" / name, how)
    assert refused(capsys) == [
        f"atelier/theme/theme.yaml:{where}: {named(name, how, 'du thème')}" for where in THEME_FILES[name]
    ]


def test_the_themed_session_of_these_tests_builds(capsys: pytest.CaptureFixture[str]) -> None:
    themed_session()
    assert run(capsys, "build", "atelier", "-o", "sortie", "--only", "guide") == (0, "")
    assert docx.Document("sortie/guide-animation.docx").inline_shapes[0].width > 0
