"""Themes: a folder with theme.yaml, a logo and a Word model, read back from the files built with it."""

from __future__ import annotations

import shutil
import struct
import zlib
from collections import Counter
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from pypdf import PdfReader

from conftest import SAMPLE, pdf_fonts, pdf_page_image, pdf_page_text, pdf_text, squash
from educpop.cli import main
from educpop.theme import DEJAVU_SANS, FontFamily, Theme
from educpop.theme_file import DEFAULT_THEME_DIR, default_theme, load_theme

LICENCE = "CC BY-SA 4.0 – CIEP-MOC"
BLUE = (0x1D, 0x4E, 0x89)
THEME_YAML = f"""\
# Thème de test
organisation: "Collectif du Quartier"
logo: logo.png
primary_colour: "#1d4e89"
accent_colour: "#E8F0F8"
footer: "{LICENCE}"
base_size: 12
"""


def png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """Return a valid PNG of one colour."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(pixels)) + chunk(b"IEND", b"")


LOGO = png(60, 30, (0x20, 0xA0, 0x40))


def make_theme(folder: Path, text: str = THEME_YAML) -> Path:
    """Return ``folder`` made into a theme: ``text`` as theme.yaml and a green logo.png."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "theme.yaml").write_text(text, encoding="utf-8")
    (folder / "logo.png").write_bytes(LOGO)
    return folder


def session_copy(tmp_path: Path, replace: dict[str, str | None]) -> Path:
    """Return a copy of the sample session whose top-level keys in ``replace`` are rewritten (None: removed)."""
    folder = tmp_path / "atelier"
    shutil.copytree(SAMPLE, folder)
    definition = folder / "session.yaml"
    lines = definition.read_text(encoding="utf-8").splitlines()
    for key, value in replace.items():
        index = next((i for i, line in enumerate(lines) if line.startswith(f"{key}:")), None)
        if index is None:
            lines.append(f"{key}: {value}")
        elif value is None:
            del lines[index]
        else:
            lines[index] = f"{key}: {value}"
    definition.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def cover_pixel(pdf: Path) -> tuple[int, int, int]:
    """Return the colour of the first page's top-left corner, where the cover band is drawn."""
    red, green, blue = pdf_page_image(pdf, 1, dpi=20).getpixel((0, 0))
    return red, green, blue


@pytest.fixture(scope="module")
def themed_pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the folder of the sample guide built with the test theme through ``--theme``."""
    root = tmp_path_factory.mktemp("themed")
    theme = make_theme(root / "theme")
    out = root / "out"
    assert main(["build", str(SAMPLE), "--only", "guide", "--theme", str(theme), "-o", str(out)]) == 0
    return out


class TestTheTheme:
    def test_ships_a_default_theme_equal_to_the_defaults(self) -> None:
        assert load_theme(DEFAULT_THEME_DIR) == Theme()
        assert default_theme() == Theme()

    def test_reads_every_field_of_theme_yaml(self, tmp_path: Path) -> None:
        theme = load_theme(make_theme(tmp_path / "theme"))
        assert theme.organisation == "Collectif du Quartier"
        assert theme.logo == tmp_path / "theme" / "logo.png"
        assert (theme.primary_colour, theme.accent_colour) == ("#1D4E89", "#E8F0F8")
        assert theme.footer == LICENCE
        assert theme.base_size == 12.0

    def test_keeps_the_defaults_for_keys_left_empty(self, tmp_path: Path) -> None:
        theme = load_theme(make_theme(tmp_path / "theme", "logo:\nfooter:\n# rien d'autre\n"))
        assert theme == Theme()

    def test_accepts_the_theme_yaml_file_itself(self, tmp_path: Path) -> None:
        folder = make_theme(tmp_path / "theme")
        assert load_theme(folder / "theme.yaml") == load_theme(folder)


class TestAThemedBuild:
    def test_colours_docx_headings_with_the_primary_colour(self, themed_pack: Path) -> None:
        styles = docx.Document(str(themed_pack / "guide-animation.docx")).styles
        assert styles["Heading 1"].font.color.rgb == RGBColor(*BLUE)
        assert styles["Normal"].font.size == Pt(12)

    def test_paints_the_pdf_cover_band_in_the_primary_colour(self, themed_pack: Path) -> None:
        red, green, blue = cover_pixel(themed_pack / "guide-animation.pdf")
        assert all(abs(got - wanted) <= 3 for got, wanted in zip((red, green, blue), BLUE, strict=True))

    def test_prints_the_licence_in_both_footers(self, themed_pack: Path) -> None:
        assert LICENCE in squash(pdf_text(themed_pack / "guide-animation.pdf"))
        footer = docx.Document(str(themed_pack / "guide-animation.docx")).sections[0].footer
        assert LICENCE in [paragraph.text for paragraph in footer.paragraphs]

    def test_embeds_the_logo_in_both_formats(self, themed_pack: Path) -> None:
        cover = PdfReader(themed_pack / "guide-animation.pdf").pages[0]
        assert [image.image.size for image in cover.images] == [(60, 30)]
        package = docx.Document(str(themed_pack / "guide-animation.docx")).part.package
        assert LOGO in [part.blob for part in package.parts if part.content_type == "image/png"]

    def test_shows_the_organisation_on_the_pdf_cover(self, themed_pack: Path) -> None:
        first_page = pdf_page_text(themed_pack / "guide-animation.pdf", 1)
        assert "Collectif du Quartier" in first_page


def test_the_session_names_its_theme_folder(tmp_path: Path) -> None:
    folder = session_copy(tmp_path, {"theme": "theme/", "organisation": None})
    make_theme(folder / "theme")
    out = tmp_path / "out"
    assert main(["build", str(folder), "--only", "guide", "-o", str(out)]) == 0
    assert docx.Document(str(out / "guide-animation.docx")).styles["Heading 1"].font.color.rgb == RGBColor(*BLUE)
    # The session names no organisation: the theme's stands in, in the document metadata too.
    assert PdfReader(out / "guide-animation.pdf").metadata.author == "Collectif du Quartier"
    assert "Collectif du Quartier" in docx.Document(str(out / "guide-animation.docx")).core_properties.author


def test_the_command_line_theme_wins_over_the_sessions(tmp_path: Path) -> None:
    folder = session_copy(tmp_path, {"theme": "theme/"})
    make_theme(folder / "theme")
    other = make_theme(tmp_path / "autre", THEME_YAML.replace("#1d4e89", "#006400"))
    out = tmp_path / "out"
    args = ["build", str(folder), "--only", "guide", "--format", "docx", "--theme", str(other), "-o", str(out)]
    assert main(args) == 0
    heading = docx.Document(str(out / "guide-animation.docx")).styles["Heading 1"]
    assert heading.font.color.rgb == RGBColor(0x00, 0x64, 0x00)


def test_a_reference_documents_styles_win_in_the_docx(tmp_path: Path) -> None:
    model = docx.Document()
    model.styles["Heading 1"].font.color.rgb = RGBColor(0xAA, 0x00, 0xAA)
    model.styles["Normal"].font.name = "Liberation Serif"
    model.add_paragraph("contenu du modèle, jamais recopié")
    theme = make_theme(tmp_path / "theme", THEME_YAML + "reference_docx: modele.docx\n")
    model.save(str(theme / "modele.docx"))
    out = tmp_path / "out"
    assert main(["build", str(SAMPLE), "--only", "guide", "--theme", str(theme), "-o", str(out)]) == 0
    built = docx.Document(str(out / "guide-animation.docx"))
    assert built.styles["Heading 1"].font.color.rgb == RGBColor(0xAA, 0x00, 0xAA)
    assert built.styles["Normal"].font.name == "Liberation Serif"
    assert "contenu du modèle" not in "\n".join(p.text for p in built.paragraphs)
    # the PDF keeps the theme's looks: a Word model styles Word files only
    assert LICENCE in squash(pdf_text(out / "guide-animation.pdf"))


# --- a theme's font --------------------------------------------------------------------

FONT_YAML = """\
font:
  name: "Collectif Sans"
  regular: polices/corps.ttf
  bold: polices/titres.ttf
  italic: polices/penche.ttf
  bold_italic: polices/titres.ttf
"""


def make_font_theme(folder: Path, text: str = FONT_YAML) -> Path:
    """Return a theme whose font is made of the bundled faces in other roles, so each file shows where it is used.

    The regular text is printed with a copy of DejaVu Sans Bold, headings with
    Bold Oblique and italics with Oblique: DejaVu Sans itself is used nowhere.
    """
    theme = make_theme(folder, text)
    (theme / "polices").mkdir()
    shutil.copy(DEJAVU_SANS.bold, theme / "polices" / "corps.ttf")
    shutil.copy(DEJAVU_SANS.bold_italic, theme / "polices" / "titres.ttf")
    shutil.copy(DEJAVU_SANS.italic, theme / "polices" / "penche.ttf")
    return theme


@pytest.fixture(scope="module")
def font_pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the folder of the sample guide built with a theme that has its own font."""
    root = tmp_path_factory.mktemp("font")
    theme = make_font_theme(root / "theme")
    out = root / "out"
    assert main(["build", str(SAMPLE), "--only", "guide", "--theme", str(theme), "-o", str(out)]) == 0
    return out


class TestAThemesFont:
    def test_is_read_from_files_inside_the_theme_folder(self, tmp_path: Path) -> None:
        folder = make_font_theme(tmp_path / "theme") / "polices"
        assert load_theme(tmp_path / "theme").font == FontFamily(
            "Collectif Sans", folder / "corps.ttf", folder / "titres.ttf", folder / "penche.ttf", folder / "titres.ttf"
        )

    def test_is_the_only_one_embedded_in_the_pdf(self, font_pack: Path) -> None:
        fonts = pdf_fonts(font_pack / "guide-animation.pdf")
        assert "DejaVuSans-Bold" in {font.family for font in fonts}
        assert {font.family for font in fonts} <= {"DejaVuSans-Bold", "DejaVuSans-BoldOblique", "DejaVuSans-Oblique"}
        assert all(font.embedded for font in fonts)

    def test_prints_the_pdf_body_with_the_regular_file(self, font_pack: Path) -> None:
        printed: Counter[str] = Counter()

        def visit(text: str, cm: object, tm: object, font: dict[str, str] | None, size: float) -> None:
            if font and text.strip():
                printed[font["/BaseFont"].split("+")[-1]] += len(text.strip())

        for page in PdfReader(font_pack / "guide-animation.pdf").pages:
            page.extract_text(visitor_text=visit)
        assert printed.most_common(1)[0][0] == "DejaVuSans-Bold"
        assert "DejaVuSans" not in printed

    def test_is_named_in_the_docx_styles(self, font_pack: Path) -> None:
        normal = docx.Document(str(font_pack / "guide-animation.docx")).styles["Normal"]
        fonts = normal.element.rPr.find(qn("w:rFonts"))
        assert {fonts.get(qn(f"w:{a}")) for a in ("ascii", "hAnsi", "eastAsia", "cs")} == {"Collectif Sans"}

    def test_check_warns_of_characters_missing_from_it(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        folder = session_copy(tmp_path, {"theme": "theme/"})
        # DejaVu Sans prints the Arabic letter beh; its oblique face, the body font here, does not.
        make_font_theme(folder / "theme", FONT_YAML.replace("polices/corps.ttf", "polices/penche.ttf"))
        source = folder / "sources" / "lecons.md"
        source.write_text(source.read_text(encoding="utf-8") + "\nLa lettre \u0628 manque.\n", encoding="utf-8")
        assert main(["check", str(folder)]) == 0
        assert "caractère absent de la police Collectif Sans : « \u0628 » (U+0628)" in capsys.readouterr().err


FONT_ERRORS = {
    "a missing face": (
        FONT_YAML.replace("  bold_italic: polices/titres.ttf\n", ""),
        "2:3: font.bold_italic: champ obligatoire manquant : "
        "le fichier TrueType (.ttf) des caractères gras italiques",
    ),
    "an empty name": (
        FONT_YAML.replace('"Collectif Sans"', ""),
        "2:8: font.name: champ obligatoire vide : "
        "le nom de la famille de polices, tel que Word le connaît, comme « Source Sans 3 »",
    ),
    "a font file above the theme folder": (
        FONT_YAML.replace("polices/titres.ttf\n  italic", "../titres.ttf\n  italic"),
        "4:9: font.bold: attendu un chemin dans le dossier du thème, comme « police.ttf », trouvé « ../titres.ttf »",
    ),
    "an absolute font path": (
        FONT_YAML.replace("polices/penche.ttf", "/usr/share/fonts/x.ttf"),
        "5:11: font.italic: attendu un chemin dans le dossier du thème, comme « police.ttf », "
        "trouvé « /usr/share/fonts/x.ttf »",
    ),
    "a font file that is not there": (
        FONT_YAML.replace("polices/corps.ttf", "polices/Corps.TTF"),
        "3:12: font.regular: fichier introuvable « polices/Corps.TTF »",
    ),
    "a file that is no font": (
        FONT_YAML.replace("polices/corps.ttf", "notes.txt"),
        "3:12: font.regular: police illisible « notes.txt » : attendu un fichier de police TrueType (.ttf)",
    ),
    "a CFF OpenType font": (
        FONT_YAML.replace("polices/titres.ttf\n  italic", "polices/titres.otf\n  italic"),
        "4:9: font.bold: police OpenType CFF non prise en charge « polices/titres.otf » : "
        "utilisez une version TrueType (.ttf)",
    ),
    "a web font": (
        FONT_YAML.replace("polices/penche.ttf", "polices/penche.woff2"),
        "5:11: font.italic: police Web (WOFF) non prise en charge « polices/penche.woff2 » : "
        "utilisez une version TrueType (.ttf)",
    ),
    "a key in French, and so a face missing": (
        FONT_YAML.replace("  bold:", "  gras:"),
        "2:3: font.bold: champ obligatoire manquant : le fichier TrueType (.ttf) des caractères gras\n"
        "4:3: font.gras: clé inconnue « gras » ; vouliez-vous dire « bold » ?",
    ),
    "a font given by name only": (
        "font: Arial\n",
        "1:7: font: attendu des clés name, regular, bold, italic et bold_italic, trouvé « Arial »",
    ),
}


@pytest.mark.parametrize("text, message", FONT_ERRORS.values(), ids=list(FONT_ERRORS))
def test_a_mistake_in_the_font_names_line_column_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, message: str
) -> None:
    theme = make_font_theme(tmp_path / "theme", text)
    (theme / "notes.txt").write_text("pas une police", encoding="utf-8")
    # the first bytes of a CFF-flavoured OpenType font and of a WOFF2 web font
    (theme / "polices" / "titres.otf").write_bytes(b"OTTO" + bytes(60))
    (theme / "polices" / "penche.woff2").write_bytes(b"wOF2" + bytes(60))
    assert main(["check", str(SAMPLE), "--theme", str(theme)]) == 2
    file = theme / "theme.yaml"
    assert capsys.readouterr().err == "educpop : thème invalide :\n" + "".join(
        f"  {file}:{line}\n" for line in message.split("\n")
    )


def test_a_font_file_linking_out_of_the_theme_folder_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(DEJAVU_SANS.regular, tmp_path / "installee.ttf")
    theme = make_font_theme(tmp_path / "theme")
    (theme / "polices" / "corps.ttf").unlink()
    (theme / "polices" / "corps.ttf").symlink_to(tmp_path / "installee.ttf")
    assert main(["check", str(SAMPLE), "--theme", str(theme)]) == 2
    assert capsys.readouterr().err == (
        f"educpop : thème invalide :\n  {theme / 'theme.yaml'}:3:12: font.regular: « polices/corps.ttf » est un lien "
        "vers l'extérieur du dossier du thème : copiez le fichier dans le dossier\n"
    )


# --- mistakes in a theme --------------------------------------------------------------

ERRORS = {
    "a colour name": (
        'primary_colour: rouge\n',
        "1:17: primary_colour: attendu une couleur comme « #8C1D2C », trouvé « rouge »",
    ),
    "a colour without quotes, read as a comment": (
        "organisation: Collectif\nprimary_colour: #8C1D2C\n",
        "2:17: primary_colour: attendu une couleur comme « #8C1D2C », trouvé une valeur vide : "
        "en YAML, « # » commence un commentaire ; mettez la couleur entre guillemets : \"#8C1D2C\"",
    ),
    "a colour without its hash": (
        'accent_colour: "F4ECE4"\n',
        "1:16: accent_colour: attendu une couleur comme « #8C1D2C » ; "
        "ajoutez « # » devant et des guillemets : \"#F4ECE4\", trouvé « F4ECE4 »",
    ),
    "a size in words": (
        "base_size: grand\n",
        "1:12: base_size: attendu une taille de texte en points entre 10 et 24, comme 12, trouvé « grand »",
    ),
    "a size too small to read": (
        "base_size: 6\n",
        "1:12: base_size: attendu une taille de texte en points entre 10 et 24, comme 12, trouvé « 6 »",
    ),
    "a list as footer": (
        "footer:\n  - CC BY-SA\n",
        "2:3: footer: attendu un texte, trouvé une liste",
    ),
    "an unknown key in French": (
        'couleur: "#000000"\n',
        "1:1: couleur: clé inconnue « couleur » ; vouliez-vous dire « primary_colour » ?",
    ),
    "a misspelt key": (
        'primary_color: "#000000"\n',
        "1:1: primary_color: clé inconnue « primary_color » ; vouliez-vous dire « primary_colour » ?",
    ),
    "a logo above the theme folder": (
        "logo: ../logo.png\n",
        "1:7: logo: attendu un chemin dans le dossier du thème, comme « logo.png », trouvé « ../logo.png »",
    ),
    "an absolute logo path": (
        "logo: /etc/passwd\n",
        "1:7: logo: attendu un chemin dans le dossier du thème, comme « logo.png », trouvé « /etc/passwd »",
    ),
    "a logo that is not there": (
        "logo: Logo.PNG\n",
        "1:7: logo: fichier introuvable « Logo.PNG » ; vouliez-vous dire « logo.png » ?",
    ),
    "an SVG logo": (
        "logo: logo.svg\n",
        "1:7: logo: « logo.svg » est une image SVG, que educpop ne sait pas imprimer : "
        "exportez le logo en PNG (dans Inkscape : Fichier › Exporter), puis indiquez ce fichier",
    ),
    "a logo that is no image": (
        "logo: notes.txt\n",
        "1:7: logo: attendu une image PNG ou JPEG, trouvé « notes.txt »",
    ),
    "a Word template instead of a document": (
        "reference_docx: modele.dotx\n",
        "1:17: reference_docx: attendu un document Word .docx, trouvé « modele.dotx » ; "
        "ouvrez-le dans Word ou LibreOffice et enregistrez-le au format .docx",
    ),
    "a damaged Word document": (
        "reference_docx: abime.docx\n",
        "1:17: reference_docx: document Word illisible « abime.docx » : "
        "ouvrez-le et enregistrez-le à nouveau au format .docx",
    ),
    "a folder as logo": (
        "logo: images\n",
        "1:7: logo: « images » est un dossier, pas un fichier",
    ),
}


@pytest.mark.parametrize("text, message", ERRORS.values(), ids=list(ERRORS))
def test_a_mistake_in_theme_yaml_names_line_column_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, message: str
) -> None:
    theme = make_theme(tmp_path / "theme", text)
    (theme / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    (theme / "notes.txt").write_text("pas une image", encoding="utf-8")
    (theme / "modele.dotx").write_bytes(b"PK")
    (theme / "abime.docx").write_bytes(b"PK\x03\x04 pas un vrai document")
    (theme / "images").mkdir()
    assert main(["check", str(SAMPLE), "--theme", str(theme)]) == 2
    assert capsys.readouterr().err == f"educpop : thème invalide :\n  {theme / 'theme.yaml'}:{message}\n"


def test_a_link_out_of_the_theme_folder_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "secret.png").write_bytes(LOGO)
    theme = make_theme(tmp_path / "theme", "logo: lien.png\n")
    (theme / "lien.png").symlink_to(tmp_path / "secret.png")
    assert main(["check", str(SAMPLE), "--theme", str(theme)]) == 2
    assert capsys.readouterr().err == (
        f"educpop : thème invalide :\n  {theme / 'theme.yaml'}:1:7: logo: « lien.png » est un lien vers "
        "l'extérieur du dossier du thème : copiez le fichier dans le dossier\n"
    )


def test_every_mistake_is_reported_at_once_and_nothing_is_built(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    theme = make_theme(tmp_path / "theme", "primary_colour: rouge\nlogo: ../x.png\nbase_size: 3\n")
    out = tmp_path / "out"
    assert main(["build", str(SAMPLE), "--theme", str(theme), "-o", str(out)]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert [line.split(": ")[1] for line in lines[1:]] == ["primary_colour", "logo", "base_size"]
    assert not out.exists()


def test_a_missing_theme_folder_or_file_is_a_user_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(SAMPLE), "--theme", str(tmp_path / "nulle-part")]) == 2
    assert capsys.readouterr().err == (
        f"educpop : thème invalide :\n  {tmp_path / 'nulle-part'}: dossier de thème introuvable\n"
    )
    (tmp_path / "vide").mkdir()
    assert main(["check", str(SAMPLE), "--theme", str(tmp_path / "vide")]) == 2
    assert f"{tmp_path / 'vide'}: pas de fichier theme.yaml dans le dossier du thème" in capsys.readouterr().err


@pytest.mark.parametrize(
    "typed, message",
    [
        ("../theme", "attendu un chemin dans le dossier de la séance, comme « theme/ », trouvé « ../theme »"),
        ("/tmp", "attendu un chemin dans le dossier de la séance, comme « theme/ », trouvé « /tmp »"),
        ("themes/", "dossier introuvable « themes/ » ; vouliez-vous dire « theme » ?"),
        ("session.yaml", "« session.yaml » est un fichier, pas un dossier"),
    ],
)
def test_the_sessions_theme_must_be_a_folder_inside_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], typed: str, message: str
) -> None:
    folder = session_copy(tmp_path, {"theme": typed})
    make_theme(folder / "theme")
    line = (folder / "session.yaml").read_text(encoding="utf-8").splitlines().index(f"theme: {typed}") + 1
    assert main(["check", str(folder)]) == 2
    assert capsys.readouterr().err == (
        f"educpop : thème invalide :\n  {folder / 'session.yaml'}:{line}:8: theme: {message}\n"
    )


def test_a_session_theme_linking_out_of_the_session_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = make_theme(tmp_path / "ailleurs")
    folder = session_copy(tmp_path, {"theme": "theme"})
    (folder / "theme").symlink_to(outside, target_is_directory=True)
    assert main(["check", str(folder)]) == 2
    assert "« theme » est un lien vers l'extérieur du dossier de la séance : remplacez-le par une copie du dossier" in (
        capsys.readouterr().err
    )
