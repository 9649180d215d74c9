"""Reading a theme folder's theme.yaml into a Theme, every mistake located, and choosing a build's theme.

``theme.yaml`` goes through the same path as ``session.yaml``: the YAML reader
that remembers lines, a pydantic schema (:class:`ThemeFile`), and the French
diagnostics of :mod:`educpop.diagnostics`. The files it names are checked by the
schema's validators, which find the theme folder in the validation context.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, ValidationInfo
from pydantic_core import PydanticCustomError

from educpop.diagnostics import did_you_mean, found, sentence
from educpop.errors import Problem, SessionError
from educpop.schema import UserModel, validate
from educpop.session.yamlsource import MAX_BYTES, FieldPath, YamlSource, read_yaml
from educpop.theme import FontFamily, Theme
from educpop.theme_assets import font_problem, logo_problem, reference_problem
from educpop.userfile import UnreadableFile, read_user_file

#: themes shipped with educpop, one folder each
THEMES_DIR = Path(__file__).parent / "themes"
DEFAULT_THEME_DIR = THEMES_DIR / "defaut"
THEME_FILE = "theme.yaml"


class ThemeError(SessionError):
    """A theme folder (or its ``theme.yaml``) has one or more problems."""

    category = "thème invalide"


@functools.cache
def default_theme() -> Theme:
    """Return the theme used when neither the session nor the command line names one."""
    return load_theme(DEFAULT_THEME_DIR)


# --- the values of theme.yaml: each parser raises ValueError(what was expected) ------------

_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")
_COLOUR_WANTED = "une couleur comme « #8C1D2C »"
_SIZE = re.compile(r"\s*(\d+(?:[.,]\d+)?)\s*(?:pt|points?)?\s*", re.IGNORECASE)
MIN_SIZE, MAX_SIZE = 10.0, 24.0


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


def inside(folder: Path, typed: object, whose: str, example: str, *, directory: bool) -> Path:
    """Return ``folder / typed`` if it names an existing file (or a folder) inside ``folder``; raise what is wrong.

    ``../x``, absolute paths and folders linked from outside ``folder`` are
    refused (a file is checked when it is read, by :func:`read_user_file`):
    a theme or session folder must hold everything it needs, to be copied whole.
    """
    if not isinstance(typed, str) or not typed.strip():
        raise ValueError(f"un chemin comme « {example} »")
    relative = typed.strip().replace("\\", "/")
    if relative.startswith(("/", "~")) or re.match(r"[A-Za-z]:", relative) or ".." in PurePosixPath(relative).parts:
        raise ValueError(f"un chemin dans le dossier {whose}, comme « {example} »")
    target = folder / relative
    kind = "dossier" if directory else "fichier"
    if not target.exists():
        listed = [child.name for child in folder.iterdir() if not child.name.startswith(".")] if folder.is_dir() else []
        raise sentence(f"{kind} introuvable « {typed} »" + did_you_mean(relative.rstrip("/"), listed))
    if not directory:
        return target  # links, and what the file is, are checked when it is read
    if not target.resolve().is_relative_to(folder.resolve()):
        outside = f"est un lien vers l'extérieur du dossier {whose} : remplacez-le par une copie du dossier"
        raise sentence(f"« {typed} » {outside}")
    if not target.is_dir():
        raise sentence(f"« {typed} » est un fichier, pas un dossier")
    return target


def _theme_file(example: str, problem: Callable[[Path, Path, str], str]) -> BeforeValidator:
    """Return a validator for a file the theme names: inside the theme folder, with nothing ``problem`` finds."""

    def validate_file(value: object, info: ValidationInfo) -> Path:
        folder: Path = info.context["folder"] if info.context else Path()
        target = inside(folder, value, "du thème", example, directory=False)
        if wrong := problem(target, folder, str(value)):
            raise sentence(wrong)
        return target

    return BeforeValidator(validate_file)


def _font_mapping(value: object) -> object:
    if not isinstance(value, dict):
        raise ValueError("des clés name, regular, bold, italic et bold_italic")
    return value


Text = Annotated[str, BeforeValidator(_text)]
Colour = Annotated[str, BeforeValidator(_colour)]
FontFace = Annotated[Path, _theme_file("police.ttf", font_problem)]


class FontFile(UserModel):
    """``font:`` in theme.yaml: a family name and its four TrueType files."""

    name: Annotated[str, BeforeValidator(_text), Field(min_length=1)] = Field(
        description="le nom de la famille de polices, tel que Word le connaît, comme « Source Sans 3 »"
    )
    regular: FontFace = Field(description="le fichier TrueType (.ttf) des caractères normaux")
    bold: FontFace = Field(description="le fichier TrueType (.ttf) des caractères gras")
    italic: FontFace = Field(description="le fichier TrueType (.ttf) des caractères italiques")
    bold_italic: FontFace = Field(description="le fichier TrueType (.ttf) des caractères gras italiques")


class ThemeFile(UserModel):
    """theme.yaml: every key optional; one left out keeps the default theme's value."""

    organisation: Text | None = None
    logo: Annotated[Path, _theme_file("logo.png", logo_problem)] | None = None
    primary_colour: Colour | None = None
    accent_colour: Colour | None = None
    footer: Text | None = None
    base_size: Annotated[float, BeforeValidator(_size)] | None = None
    reference_docx: Annotated[Path, _theme_file("modele.docx", reference_problem)] | None = None
    font: Annotated[FontFile, BeforeValidator(_font_mapping)] | None = None

    def theme(self, folder: Path) -> Theme:
        """Return the default Theme with the keys given here, its files read from ``folder``."""
        given: dict[str, Any] = {key: value for key, value in self if value is not None}
        if self.font:
            given["font"] = FontFamily(folder=folder, **dict(self.font))
        return replace(Theme(), folder=folder, **given)


# --- theme.yaml ----------------------------------------------------------------------


def load_theme(folder: Path) -> Theme:
    """Return the theme described by ``folder/theme.yaml``; raise ThemeError listing every problem.

    ``folder`` may also be the ``theme.yaml`` file itself. Keys left empty keep
    the default theme's value. Every file named must be inside ``folder``.
    """
    if folder.name == THEME_FILE and not folder.is_dir():
        folder = folder.parent
    if not folder.is_dir():
        what = "n'est pas un dossier" if folder.exists() else "dossier de thème introuvable"
        raise ThemeError([Problem(folder, 0, 0, "", what)])
    file = folder / THEME_FILE
    try:
        raw = read_user_file(file, folder, MAX_BYTES, whose="du thème")
    except UnreadableFile as error:
        if not error.missing:
            raise ThemeError([Problem(file, 0, 0, "", error.message)]) from None
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
    empty_colours = [key for key in ("primary_colour", "accent_colour") if key in data and data[key] is None]
    cut = [_cut_colour(source, (key,)) for key in empty_colours]
    model, problems = validate(replace(source, data=data), ThemeFile, {"folder": folder})
    problems += [problem for problem in cut if problem]
    if problems or model is None:
        raise ThemeError(sorted(problems, key=lambda p: (p.line, p.column)))
    return model.theme(folder)


def _cut_colour(source: YamlSource, path: FieldPath) -> Problem | None:
    """Return the problem of a colour left empty because ``#`` began a comment (``primary_colour: #8C1D2C``)."""
    line, column = source.where(path, key=True)
    text = source.lines[line - 1] if 0 < line <= len(source.lines) else ""
    if "#" not in text[column - 1 :]:
        return None
    hash_column = text.index("#", column - 1) + 1
    colour = text[hash_column - 1 :].split()[0]
    message = (
        f"attendu {_COLOUR_WANTED}, trouvé une valeur vide : en YAML, « # » commence un commentaire ; "
        f'mettez la couleur entre guillemets : "{colour}"'
    )
    return Problem(source.file, line, hash_column, str(path[0]), message)


def choose_theme(session: YamlSource | None, override: Path | None = None) -> Theme:
    """Return the theme of a build: ``override`` (``--theme``), else the session's ``theme:``, else the default.

    ``session`` is the session's file as read (its variant merged in; None if
    it could not be read): its ``theme`` value names a folder inside the session
    folder, and a problem with it is reported where it was written.
    """
    if override is not None:
        return load_theme(override)
    named = session.data.get("theme") if session is not None and isinstance(session.data, dict) else None
    if session is None or not named:
        return default_theme()
    try:
        folder = inside(session.file.parent, named, "de la séance", "theme/", directory=True)
    except PydanticCustomError as error:  # a sentence(), told as it is (before ValueError: it is one)
        raise ThemeError([session.problem(("theme",), error.message())]) from None
    except ValueError as error:
        raise ThemeError([session.problem(("theme",), f"attendu {error}, trouvé {found(named)}")]) from None
    return load_theme(folder)
