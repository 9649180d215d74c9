"""The look of a pack: organisation, logo, colours, font family, paper and body size.

A theme is a folder holding ``theme.yaml`` and the files it names (a logo, a
Word reference document). :func:`load_theme` reads it with the located YAML
reader, so that each mistake names its file, line and column; every path must
stay inside the theme folder. The default theme ships in ``educpop/themes/defaut/``.
A :class:`Paper` is chosen at build time (``--paper``) and adjusts page and body size.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

from educpop.errors import BuildError, Problem, SessionError
from educpop.session.explain import did_you_mean, fold, found
from educpop.session.yamlsource import FieldPath, YamlSource, read_yaml

FONTS_DIR = Path(__file__).parent / "fonts"
#: themes shipped with educpop, one folder each
THEMES_DIR = Path(__file__).parent / "themes"
DEFAULT_THEME_DIR = THEMES_DIR / "defaut"
THEME_FILE = "theme.yaml"


@dataclass(frozen=True)
class FontFamily:
    """A font family with its four faces (TrueType files, embedded in PDFs)."""

    name: str
    regular: Path
    bold: Path
    italic: Path
    bold_italic: Path


DEJAVU_SANS = FontFamily(
    name="DejaVu Sans",
    regular=FONTS_DIR / "DejaVuSans.ttf",
    bold=FONTS_DIR / "DejaVuSans-Bold.ttf",
    italic=FONTS_DIR / "DejaVuSans-Oblique.ttf",
    bold_italic=FONTS_DIR / "DejaVuSans-BoldOblique.ttf",
)


@dataclass(frozen=True)
class Theme:
    """Everything a renderer needs to know about looks; renderers read nothing else."""

    #: shown in the cover band of PDFs; stands in for the session's when it names none
    organisation: str = ""
    #: a PNG or JPEG file, on every cover
    logo: Path | None = None
    #: headings, rules and the cover band, as "#RRGGBB"
    primary_colour: str = "#8C1D2C"
    #: backgrounds of boxes and table headers, as "#RRGGBB"
    accent_colour: str = "#F4ECE4"
    font: FontFamily = field(default=DEJAVU_SANS)
    #: body text size in points (at least 11 for adult learners)
    base_size: float = 11.0
    #: "A4" or "A5"
    page_size: str = "A4"
    #: extra footer text, e.g. a licence
    footer: str = ""
    #: a .docx whose styles win over the theme's in DOCX output (like pandoc's --reference-doc)
    reference_docx: Path | None = None


class ThemeError(SessionError):
    """A theme folder (or its ``theme.yaml``) has one or more problems."""

    category = "thème invalide"


@functools.cache
def default_theme() -> Theme:
    """Return the theme used when neither the session nor the command line names one."""
    return load_theme(DEFAULT_THEME_DIR)


# --- reading theme.yaml ------------------------------------------------------------

_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")
_COLOUR_WANTED = "une couleur comme « #8C1D2C »"
_SIZE = re.compile(r"\s*(\d+(?:[.,]\d+)?)\s*(?:pt|points?)?\s*", re.IGNORECASE)
MIN_SIZE, MAX_SIZE = 10.0, 24.0
_PNG, _JPEG = b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff"
#: words a facilitator may write for a key -> the key
_ALIASES = {
    "organisme": "organisation",
    "association": "organisation",
    "couleur": "primary_colour",
    "couleur_principale": "primary_colour",
    "couleur_secondaire": "accent_colour",
    "couleur_fond": "accent_colour",
    "pied_de_page": "footer",
    "licence": "footer",
    "taille": "base_size",
    "taille_texte": "base_size",
    "modele": "reference_docx",
    "modele_word": "reference_docx",
    "reference": "reference_docx",
}


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError("un texte")
    return " ".join(value.split())


def _colour(value: object) -> str:
    if isinstance(value, str) and _COLOUR.fullmatch(value.strip()):
        return value.strip().upper()
    if isinstance(value, str) and re.fullmatch(r"[0-9A-Fa-f]{6}", value.strip()):
        raise ValueError(f'{_COLOUR_WANTED} ; ajoutez « # » devant et des guillemets : "#{value.strip()}"')
    raise ValueError(_COLOUR_WANTED)


def _size(value: object) -> float:
    match = _SIZE.fullmatch(value) if isinstance(value, str) else None
    size = float(match[1].replace(",", ".")) if match else 0.0
    if not MIN_SIZE <= size <= MAX_SIZE:
        raise ValueError(f"une taille de texte en points entre {MIN_SIZE:g} et {MAX_SIZE:g}, comme 12")
    return size


#: the values of theme.yaml: key -> parser raising ValueError(what was expected)
_VALUES: dict[str, Callable[[object], object]] = {
    "organisation": _text,
    "primary_colour": _colour,
    "accent_colour": _colour,
    "footer": _text,
    "base_size": _size,
}
def _logo(path: Path, typed: str) -> str:
    with path.open("rb") as stream:
        head = stream.read(512)
    if path.suffix.lower() == ".svg" or head.lstrip().startswith(b"<"):
        return (
            f"« {typed} » est une image SVG, que educpop ne sait pas imprimer : "
            "exportez le logo en PNG (dans Inkscape : Fichier › Exporter), puis indiquez ce fichier"
        )
    if not head.startswith((_PNG, _JPEG)):
        return f"attendu une image PNG ou JPEG, trouvé « {typed} »"
    from reportlab.lib.utils import ImageReader

    try:
        ImageReader(str(path)).getSize()
    except Exception:  # reportlab raises many kinds for a damaged image
        return f"image abîmée « {typed} » : ouvrez-la et enregistrez-la à nouveau en PNG"
    return ""


def _reference(path: Path, typed: str) -> str:
    if path.suffix.lower() != ".docx":
        return (
            f"attendu un document Word .docx, trouvé « {typed} » ; "
            "ouvrez-le dans Word ou LibreOffice et enregistrez-le au format .docx"
        )
    import docx

    try:
        docx.Document(str(path))
    except Exception:  # python-docx raises several kinds for a bad package
        return f"document Word illisible « {typed} » : ouvrez-le et enregistrez-le à nouveau au format .docx"
    return ""


#: the files theme.yaml names: key -> check of the file, returning what is wrong or ""
_FILES: dict[str, Callable[[Path, str], str]] = {"logo": _logo, "reference_docx": _reference}
_KEYS = [*_VALUES, *_FILES]


def load_theme(folder: Path) -> Theme:
    """Return the theme described by ``folder/theme.yaml``; raise ThemeError listing every problem.

    ``folder`` may also be the ``theme.yaml`` file itself. Keys left empty keep
    the default theme's value.
    """
    if folder.name == THEME_FILE and folder.is_file():
        folder = folder.parent
    if not folder.is_dir():
        what = "n'est pas un dossier" if folder.exists() else "dossier de thème introuvable"
        raise ThemeError([Problem(folder, 0, 0, "", what)])
    file = folder / THEME_FILE
    try:
        raw = file.read_bytes()
    except OSError:
        message = f"pas de fichier {THEME_FILE} dans le dossier du thème (modèle : {DEFAULT_THEME_DIR / THEME_FILE})"
        raise ThemeError([Problem(folder, 0, 0, "", message)]) from None
    try:
        source = read_yaml(raw, file)
    except SessionError as error:
        raise ThemeError(error.problems) from None
    data = {} if source.data is None else source.data
    if not isinstance(data, dict):
        what = f"attendu des clés comme « primary_colour: … », trouvé {found(data)}"
        raise ThemeError([source.problem((), what)])
    problems = list(source.problems)
    values: dict[str, object] = {}
    for key, value in data.items():
        path: FieldPath = (key,)
        if key not in _KEYS:
            alias = _ALIASES.get(fold(key))
            hint = f" ; vouliez-vous dire « {alias} » ?" if alias else did_you_mean(key, _KEYS)
            problems.append(source.problem(path, f"clé inconnue « {key} »{hint}", key=True))
        elif value is None:
            if key in ("primary_colour", "accent_colour") and _commented_out(source, path):
                problems.append(_comment_problem(source, path))
        elif key in _VALUES:
            try:
                values[key] = _VALUES[key](value)
            except ValueError as error:
                problems.append(source.problem(path, f"attendu {error}, trouvé {found(value)}"))
        else:
            target = _file_inside(folder, source, path, value)
            if isinstance(target, Problem):
                problems.append(target)
            elif wrong := _FILES[key](target, str(value)):
                problems.append(source.problem(path, wrong))
            else:
                values[key] = target
    if problems:
        raise ThemeError(sorted(problems, key=lambda p: (p.line, p.column)))
    return replace(Theme(), **values)  # type: ignore[arg-type]  # keys and types checked above


def _commented_out(source: YamlSource, path: FieldPath) -> bool:
    """Return whether an empty value is empty because ``#`` began a comment (``primary_colour: #8C1D2C``)."""
    line, column = source.where(path, key=True)
    text = _line(source, line)
    return "#" in text[column - 1 :]


def _comment_problem(source: YamlSource, path: FieldPath) -> Problem:
    line, column = source.where(path, key=True)
    text = _line(source, line)
    hash_column = text.index("#", column - 1) + 1
    colour = text[hash_column - 1 :].split()[0]
    message = (
        f"attendu {_COLOUR_WANTED}, trouvé une valeur vide : en YAML, « # » commence un commentaire ; "
        f'mettez la couleur entre guillemets : "{colour}"'
    )
    return Problem(source.file, line, hash_column, str(path[0]), message)


def _line(source: YamlSource, number: int) -> str:
    lines = source.file.read_text(encoding="utf-8-sig", errors="replace").splitlines()
    return lines[number - 1] if 0 < number <= len(lines) else ""


def _file_inside(folder: Path, source: YamlSource, path: FieldPath, typed: object) -> Path | Problem:
    """Return the file ``typed`` names inside ``folder``, or a Problem saying why it cannot be used."""
    return _inside(folder, source, path, typed, "du thème", "logo.png", directory=False)


def _inside(
    folder: Path, source: YamlSource, path: FieldPath, typed: object, whose: str, example: str, *, directory: bool
) -> Path | Problem:
    """Return ``folder / typed`` if it is a file (or a folder) inside ``folder``, else a located Problem.

    ``../x``, absolute paths and links pointing out of ``folder`` are refused:
    a theme or session folder must hold everything it needs, to be copied whole.
    """
    if not isinstance(typed, str) or not typed.strip():
        return source.problem(path, f"attendu un chemin comme « {example} », trouvé {found(typed)}")
    relative = typed.strip().replace("\\", "/")
    if relative.startswith(("/", "~")) or re.match(r"[A-Za-z]:", relative) or ".." in PurePosixPath(relative).parts:
        wanted = f"attendu un chemin dans le dossier {whose}, comme « {example} »"
        return source.problem(path, f"{wanted}, trouvé « {typed} »")
    target = folder / relative
    kind = "dossier" if directory else "fichier"
    if not target.exists():
        listed = [child.name for child in folder.iterdir() if not child.name.startswith(".")] if folder.is_dir() else []
        return source.problem(path, f"{kind} introuvable « {typed} »" + did_you_mean(relative.rstrip("/"), listed))
    if not target.resolve().is_relative_to(folder.resolve()):
        return source.problem(
            path,
            f"« {typed} » est un lien vers l'extérieur du dossier {whose} : remplacez-le par une copie du {kind}",
        )
    if directory and not target.is_dir():
        return source.problem(path, f"« {typed} » est un fichier, pas un dossier")
    if not directory and not target.is_file():
        return source.problem(path, f"« {typed} » est un dossier, pas un fichier")
    return target


def choose_theme(session_folder: Path, named: str, override: Path | None = None) -> Theme:
    """Return the theme of a build: ``override`` (``--theme``), else the session's ``theme:``, else the default.

    ``named`` is the session's ``theme`` value, a folder inside ``session_folder``;
    a problem with it is reported at its line of ``session.yaml``.
    """
    if override is not None:
        return load_theme(override)
    if not named:
        return default_theme()
    file = session_folder / "session.yaml"
    source = read_yaml(file.read_bytes(), file)
    folder = _inside(session_folder, source, ("theme",), named, "de la séance", "theme/", directory=True)
    if isinstance(folder, Problem):
        raise ThemeError([folder])
    return load_theme(folder)


# --- paper variants ----------------------------------------------------------------


@dataclass(frozen=True)
class Paper:
    """A way to print the pack, chosen at build time with ``--paper``."""

    #: as typed after ``--paper``
    name: str
    #: what it is, for ``--help``
    description: str
    #: paper the documents are laid out on
    page_size: str
    #: smallest body size, in points (headings scale with it)
    min_size: float = 0.0
    #: PDF pages imposed two per A4 landscape sheet, in booklet order
    booklet: bool = False
    #: added to file names, so that a variant never replaces the A4 pack beside it
    suffix: str = ""

    def apply(self, theme: Theme) -> Theme:
        """Return ``theme`` laid out on this paper."""
        return replace(theme, page_size=self.page_size, base_size=max(theme.base_size, self.min_size))


#: paper variants by name; the first is the default
PAPERS: dict[str, Paper] = {
    paper.name: paper
    for paper in (
        Paper("a4", "A4, le format habituel", "A4"),
        Paper(
            "a5-livret", "livret A5 : feuilles A4 à imprimer recto verso et plier", "A5",
            booklet=True, suffix="-livret",
        ),
        Paper(
            "gros-caracteres", "A4 en gros caractères, texte en 14 points", "A4",
            min_size=14.0, suffix="-gros-caracteres",
        ),
    )
}


def select_paper(typed: str) -> Paper:
    """Return the paper variant ``typed`` names (case, accents and spaces forgiven); raise BuildError otherwise."""
    name = re.sub(r"[\s_]+", "-", fold(typed).strip())
    if name in PAPERS:
        return PAPERS[name]
    known = ", ".join(PAPERS)
    # "a5" or "gros" is the start of a name: suggest it even when too short for difflib.
    partial = [paper for paper in PAPERS if len(name) >= 2 and name in paper]
    hint = f" ; vouliez-vous dire « {partial[0]} » ?" if len(partial) == 1 else did_you_mean(name, list(PAPERS))
    raise BuildError(f"papier inconnu « {typed} » (connus : {known}){hint}")
