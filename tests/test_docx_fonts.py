"""Fonts embedded in the DOCX: the faces in use, cut to the document's characters, obfuscated as ECMA-376 says."""

from __future__ import annotations

import io
import subprocess
import zipfile
from dataclasses import replace
from pathlib import Path, PurePosixPath

import pytest
from fontTools.ttLib import TTFont
from lxml import etree
from test_render_docx import meta

from conftest import SAMPLE, pdf_fonts, pdf_text
from educpop.cli import main
from educpop.document import Document, Heading, Paragraph, Text
from educpop.render.docx import render
from educpop.render.docx_fonts import EDITING, embedding_warnings, font_key, may_embed, obfuscate, subset_face
from educpop.theme import DEJAVU_SANS, FontFamily, Theme

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CONTENT_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"

#: the file of each face, by the fontTable element that embeds it
FACE_FILES = {"embedRegular": DEJAVU_SANS.regular, "embedBold": DEJAVU_SANS.bold,
              "embedItalic": DEJAVU_SANS.italic, "embedBoldItalic": DEJAVU_SANS.bold_italic}  # fmt: skip

#: a fontconfig that sees the machine's fonts except every DejaVu one, as on an office PC without DejaVu
NO_DEJAVU = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <cachedir>{cache}</cachedir>
  <selectfont><rejectfont><glob>*DejaVu*</glob></rejectfont></selectfont>
</fontconfig>
"""


def embedded_faces(package: zipfile.ZipFile, family: str = DEJAVU_SANS.name) -> dict[str, bytes]:
    """Return each face embedded for ``family`` in a DOCX (``embedRegular``…), de-obfuscated with its key."""
    table = etree.fromstring(package.read("word/fontTable.xml"))
    rels = etree.fromstring(package.read("word/_rels/fontTable.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target") for rel in rels.iter(f"{REL}Relationship")}
    faces = {}
    for font in table.iter(f"{W}font"):
        if font.get(f"{W}name") == family:
            for embed in font:
                if embed.tag.startswith(f"{W}embed"):
                    part = str(PurePosixPath("word") / targets[embed.get(f"{R}id")])
                    faces[embed.tag[len(W) :]] = obfuscate(package.read(part), embed.get(f"{W}fontKey"))
    return faces


def printed_characters(package: zipfile.ZipFile) -> set[str]:
    """Return every character the text of a DOCX holds (body, headers, footers, notes), spaces left out."""
    characters: set[str] = set()
    for name in package.namelist():
        if name.startswith("word/") and name.endswith(".xml"):
            for text in etree.fromstring(package.read(name)).iter(f"{W}t"):
                characters.update(text.text or "")
    return {char for char in characters if not char.isspace()}


def rendered(document: Document, theme: Theme | None = None) -> zipfile.ZipFile:
    """Return ``document`` rendered as DOCX with ``theme``, opened as a zip."""
    stream = io.BytesIO()
    render(document, stream, theme or Theme())
    return zipfile.ZipFile(io.BytesIO(stream.getvalue()))


def font_with_fs_type(folder: Path, fs_type: int) -> Path:
    """Return a small copy of DejaVu Sans (basic Latin) whose licence bits (OS/2 fsType) are ``fs_type``."""
    font = TTFont(io.BytesIO(subset_face(DEJAVU_SANS.regular.read_bytes(), frozenset(range(0x20, 0x7F)))))
    font["OS/2"].fsType = fs_type
    path = folder / f"police-{fs_type:04x}.ttf"
    font.save(path)
    return path


def test_obfuscation_xors_the_first_32_bytes_with_the_key_read_backwards() -> None:
    key = "{00112233-4455-6677-8899-AABBCCDDEEFF}"
    data = bytes(range(40))
    hidden = obfuscate(data, key)
    assert hidden[0] == 0 ^ 0xFF and hidden[15] == 15 ^ 0x00 and hidden[16] == 16 ^ 0xFF
    assert hidden[32:] == data[32:]
    assert obfuscate(hidden, key) == data


def test_a_fonts_key_is_a_guid_drawn_from_its_bytes() -> None:
    regular = DEJAVU_SANS.regular.read_bytes()
    key = font_key(regular)
    assert len(key) == 38 and key[0] == "{" and key[-1] == "}" and key.count("-") == 4
    assert key == font_key(regular) != font_key(DEJAVU_SANS.bold.read_bytes())


def test_every_docx_of_the_pack_embeds_its_faces_cut_to_its_characters(sample_pack: Path) -> None:
    paths = sorted(sample_pack.glob("*.docx"))
    assert len(paths) >= 9
    for path in paths:
        with zipfile.ZipFile(path) as package:
            faces, printed = embedded_faces(package), printed_characters(package)
        assert {"embedRegular", "embedBold"} <= set(faces), path.name
        for tag, data in faces.items():
            font = TTFont(io.BytesIO(data))  # a valid TrueType font once de-obfuscated
            whole = TTFont(FACE_FILES[tag])
            names = (font["name"].getDebugName(1), font["name"].getDebugName(2))
            assert names == (whole["name"].getDebugName(1), whole["name"].getDebugName(2)), (path.name, tag)
            covered = {chr(code) for code in font.getBestCmap()}
            assert printed <= covered, (path.name, tag, sorted(printed - covered))
            assert len(data) < FACE_FILES[tag].stat().st_size / 5, (path.name, tag)  # cut down, not whole


def test_the_embedded_faces_keep_what_an_editor_types_next_in_french(sample_pack: Path) -> None:
    with zipfile.ZipFile(sample_pack / "fiches-questions.docx") as package:
        printed, regular = printed_characters(package), embedded_faces(package)["embedRegular"]
    covered = {chr(code) for code in TTFont(io.BytesIO(regular)).getBestCmap()}
    typed_next = set("ŒœÇçÀàÂâÉéÈèÊêËëÎîÏïÔôÙùÛûÜüŸÿ«»€…–—’“”0123456789ЖжЯя☐→\u202f")
    assert typed_next - printed, "the sheets print none of them: the test would prove nothing"
    assert typed_next <= covered
    assert {chr(code) for code in EDITING} & set("ΩЖ☐") == {"Ж", "☐"}  # Cyrillic kept, Greek not


def test_the_font_table_names_each_embedded_part_and_the_settings_say_embedded_and_subset(sample_pack: Path) -> None:
    with zipfile.ZipFile(sample_pack / "guide-animation.docx") as package:
        fonts = [name for name in package.namelist() if name.startswith("word/fonts/")]
        rels = etree.fromstring(package.read("word/_rels/fontTable.xml.rels"))
        table = etree.fromstring(package.read("word/fontTable.xml"))
        settings = etree.fromstring(package.read("word/settings.xml"))
        types = etree.fromstring(package.read("[Content_Types].xml"))
    targets = {rel.get("Id"): "word/" + rel.get("Target") for rel in rels.iter(f"{REL}Relationship")}
    embeds = [embed for embed in table.iter() if str(embed.tag).startswith(f"{W}embed")]
    assert sorted(targets[embed.get(f"{R}id")] for embed in embeds) == sorted(fonts)  # one part per face, none spare
    assert all(name.endswith(".odttf") for name in fonts)
    overrides = {o.get("PartName"): o.get("ContentType") for o in types.iter(f"{CONTENT_TYPES}Override")}
    assert {overrides["/" + name] for name in fonts} == {"application/vnd.openxmlformats-officedocument.obfuscatedFont"}
    assert settings.find(f"{W}embedTrueTypeFonts") is not None and settings.find(f"{W}saveSubsetFonts") is not None
    children = [child.tag for child in settings]
    assert children.index(f"{W}embedTrueTypeFonts") < children.index(f"{W}saveSubsetFonts")  # the schema's order


def test_only_the_faces_the_document_prints_in_are_embedded() -> None:
    plain = Document(meta(), [Paragraph([Text("Accueil des participant·e·s")])])
    assert set(embedded_faces(rendered(plain))) == {"embedRegular"}
    mixed = Document(meta(), [Heading(2, [Text("Consignes")]), Paragraph([Text("à lire "), Text("à voix haute",
                     bold=True, italic=True)])])  # fmt: skip
    assert set(embedded_faces(rendered(mixed))) == {"embedRegular", "embedBold", "embedBoldItalic"}


def test_a_file_serving_as_two_faces_is_embedded_once() -> None:
    family = replace(DEJAVU_SANS, italic=DEJAVU_SANS.regular, bold_italic=DEJAVU_SANS.bold)
    document = Document(meta(), [Paragraph([Text("droit "), Text("penché", italic=True)])])
    package = rendered(document, Theme(font=family))
    faces = embedded_faces(package)
    assert faces["embedItalic"] == faces["embedRegular"]
    assert len([name for name in package.namelist() if name.startswith("word/fonts/")]) == 1


@pytest.mark.parametrize(
    ("fs_type", "allowed"),
    [(0x0000, True), (0x0008, True), (0x000C, True), (0x0100, True),
     (0x0002, False), (0x0004, False), (0x0208, False)],
)  # fmt: skip
def test_a_face_is_embedded_only_when_its_licence_lets_an_editable_document_hold_it(
    tmp_path: Path, fs_type: int, allowed: bool
) -> None:
    assert may_embed(font_with_fs_type(tmp_path, fs_type).read_bytes()) is allowed


def test_a_face_that_may_not_be_cut_is_embedded_whole(tmp_path: Path) -> None:
    whole = font_with_fs_type(tmp_path, 0x0100)
    theme = Theme(font=replace(DEJAVU_SANS, regular=whole))
    package = rendered(Document(meta(), [Paragraph([Text("Accueil")])]), theme)
    assert embedded_faces(package)["embedRegular"] == whole.read_bytes()


def test_a_theme_font_licensed_for_printing_only_is_named_not_embedded_and_the_build_warns(tmp_path: Path) -> None:
    print_only = font_with_fs_type(tmp_path, 0x0004)
    family = FontFamily("DejaVu Sans", print_only, DEJAVU_SANS.bold, print_only, DEJAVU_SANS.bold_italic)
    theme = Theme(font=family)
    package = rendered(Document(meta(), [Heading(2, [Text("Consignes")]), Paragraph([Text("Accueil")])]), theme)
    assert set(embedded_faces(package)) == {"embedBold"}
    assert embedding_warnings(theme) == [
        "la licence de la police « police-0004.ttf » interdit de l'incorporer dans un document modifiable : "
        "les DOCX la nomment sans l'incorporer, et un ordinateur qui ne l'a pas en affichera une autre"
    ]
    assert embedding_warnings(Theme()) == []


def test_educpop_check_warns_of_a_theme_font_it_may_not_embed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    theme = tmp_path / "theme"
    theme.mkdir()
    font_with_fs_type(theme, 0x0004).rename(theme / "imprimable.ttf")
    for face in ("bold", "bold_italic"):
        (theme / f"{face}.ttf").write_bytes(getattr(DEJAVU_SANS, face).read_bytes())
    (theme / "theme.yaml").write_text(
        "font:\n  name: DejaVu Sans\n  regular: imprimable.ttf\n  italic: imprimable.ttf\n"
        "  bold: bold.ttf\n  bold_italic: bold_italic.ttf\n",
        encoding="utf-8",
    )
    assert main(["check", str(SAMPLE), "--theme", str(theme)]) == 0
    assert capsys.readouterr().err.count("attention : la licence de la police « imprimable.ttf » interdit") == 1


def test_libreoffice_without_dejavu_on_the_computer_lays_the_docx_out_in_the_embedded_dejavu(
    soffice: str, sample_pack: Path, tmp_path: Path
) -> None:
    config = tmp_path / "fonts.conf"
    config.write_text(NO_DEJAVU.format(cache=tmp_path / "cache"), encoding="utf-8")
    bare = {"FONTCONFIG_FILE": str(config), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    listed = subprocess.run(["fc-list", ":", "family"], env=bare, capture_output=True, text=True, check=True)
    assert "DejaVu" not in listed.stdout  # the computer has no DejaVu
    pdfs = {}
    for label, env in (("bare", bare), ("usual", {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})):
        out = tmp_path / label
        subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path / label / 'profile'}", "--headless",
                        "--norestore", "--convert-to", "pdf", "--outdir", str(out),
                        str(sample_pack / "fiches-questions.docx")],
                       env=env, capture_output=True, check=True, timeout=300)  # fmt: skip
        pdfs[label] = out / "fiches-questions.pdf"
    families = {font.family for font in pdf_fonts(pdfs["bare"])} - {"OpenSymbol"}
    assert families == {"DejaVuSans", "DejaVuSans-Bold"}
    # the same pages and lines as on a computer that has DejaVu Sans
    bare, usual = (pdf_text(pdfs[label], raw=True).split("\f") for label in ("bare", "usual"))
    assert len(bare) == len(usual) > 1
    assert bare == usual
