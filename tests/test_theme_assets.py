"""theme_assets: a theme's logo and reference document are read and checked once per build, whatever it builds."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

import docx
import pytest
from PIL import Image

from conftest import SAMPLE
from educpop import theme_assets
from educpop.cli import main
from educpop.theme import DEJAVU_SANS
from educpop.userfile import read_user_file

FONT_YAML = """\
font:
  name: Corps
  regular: normal.ttf
  bold: gras.ttf
  italic: italique.ttf
  bold_italic: gras-italique.ttf
"""


def theme_folder(tmp_path: Path) -> Path:
    """Return a theme with a logo and a reference document whose Normal style is in 13 points."""
    folder = tmp_path / "theme"
    folder.mkdir()
    (folder / "theme.yaml").write_text("logo: logo.png\nreference_docx: modele.docx\n", encoding="utf-8")
    Image.new("RGB", (60, 30), (0x20, 0xA0, 0x40)).save(folder / "logo.png")
    model = docx.Document()
    model.styles["Normal"].font.size = docx.shared.Pt(13)
    model.save(str(folder / "modele.docx"))
    return folder


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Return a count, by file name, of the files theme_assets reads."""
    counted: Counter[str] = Counter()

    def counting(path: Path, folder: Path, limit: int, *, whose: str = "de la séance") -> bytes:
        counted[path.name] += 1
        return read_user_file(path, folder, limit, whose=whose)

    monkeypatch.setattr(theme_assets, "read_user_file", counting)
    return counted


def test_a_build_of_every_document_reads_the_logo_and_the_reference_once(
    tmp_path: Path, reads: Counter[str]
) -> None:
    out = tmp_path / "pack"
    assert main(["build", str(SAMPLE), "--theme", str(theme_folder(tmp_path)), "-o", str(out)]) == 0
    guide = docx.Document(str(out / "guide-animation.docx"))
    assert guide.styles["Normal"].font.size == docx.shared.Pt(13)  # the reference was used
    assert len(guide.inline_shapes) == 1  # and the logo
    assert len(list(out.glob("*.docx"))) >= 8
    assert (reads["logo.png"], reads["modele.docx"]) == (1, 1)


def test_a_build_reads_each_face_of_the_themes_font_once(tmp_path: Path, reads: Counter[str]) -> None:
    folder = tmp_path / "theme"
    folder.mkdir()
    (folder / "theme.yaml").write_text(FONT_YAML, encoding="utf-8")
    for name, face in [
        ("normal.ttf", DEJAVU_SANS.regular),
        ("gras.ttf", DEJAVU_SANS.bold),
        ("italique.ttf", DEJAVU_SANS.italic),
        ("gras-italique.ttf", DEJAVU_SANS.bold_italic),
    ]:
        (folder / name).write_bytes(face.read_bytes())
    out = tmp_path / "pack"
    assert main(["build", str(SAMPLE), "--theme", str(folder), "--format", "pdf", "-o", str(out)]) == 0
    assert len(list(out.glob("*.pdf"))) >= 8
    assert reads == Counter({"normal.ttf": 1, "gras.ttf": 1, "italique.ttf": 1, "gras-italique.ttf": 1})


def test_a_file_replaced_between_two_builds_is_read_again(tmp_path: Path) -> None:
    folder = tmp_path / "theme"
    folder.mkdir()
    (folder / "logo.png").write_bytes(b"premier")
    assert theme_assets.picture_bytes(folder / "logo.png", folder) == b"premier"
    (folder / "logo.png").write_bytes(b"le second")
    assert theme_assets.picture_bytes(folder / "logo.png", folder) == b"le second"


def test_the_reference_document_checked_is_the_one_rendered(tmp_path: Path) -> None:
    folder = theme_folder(tmp_path)
    package = theme_assets.reference_package(folder / "modele.docx", folder)
    assert docx.Document(io.BytesIO(package)).styles["Normal"].font.size == docx.shared.Pt(13)
