"""Reading a theme folder's theme.yaml into a Theme, every mistake located, and choosing a build's theme."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path, PurePosixPath

from educpop.errors import Problem, SessionError
from educpop.session.explain import did_you_mean, fold, found
from educpop.session.load import session_source
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


_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")
_COLOUR_WANTED = "une couleur comme « #8C1D2C »"
_SIZE = re.compile(r"\s*(\d+(?:[.,]\d+)?)\s*(?:pt|points?)?\s*", re.IGNORECASE)
MIN_SIZE, MAX_SIZE = 10.0, 24.0
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
    "police": "font",
    "polices": "font",
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


#: the files theme.yaml names: key -> check of the file in the theme folder, returning what is wrong or ""
_FILES: dict[str, Callable[[Path, Path, str], str]] = {"logo": logo_problem, "reference_docx": reference_problem}
_KEYS = [*_VALUES, *_FILES, "font"]

# --- font: a family name and four TrueType files ------------------------------------

#: the keys of ``font:`` -> what each one gives, for « champ obligatoire manquant »
_FONT_FIELDS = {
    "name": "le nom de la famille de polices, tel que Word le connaît, comme « Source Sans 3 »",
    "regular": "le fichier TrueType (.ttf) des caractères normaux",
    "bold": "le fichier TrueType (.ttf) des caractères gras",
    "italic": "le fichier TrueType (.ttf) des caractères italiques",
    "bold_italic": "le fichier TrueType (.ttf) des caractères gras italiques",
}
_FONT_KEYS = list(_FONT_FIELDS)
_FONT_ALIASES = {
    "nom": "name",
    "famille": "name",
    "normal": "regular",
    "regulier": "regular",
    "romain": "regular",
    "gras": "bold",
    "italique": "italic",
    "gras_italique": "bold_italic",
    "bolditalic": "bold_italic",
}
_FONT_EXAMPLE = "police.ttf"


def _font(folder: Path, source: YamlSource, data: object) -> FontFamily | list[Problem]:
    """Return the family ``font:`` describes, its files inside ``folder``, or every problem with it."""
    if not isinstance(data, dict):
        wanted = "des clés name, regular, bold, italic et bold_italic"
        return [source.problem(("font",), f"attendu {wanted}, trouvé {found(data)}")]
    problems: list[Problem] = []
    values: dict[str, object] = {}
    for key, value in data.items():
        path: FieldPath = ("font", key)
        if key not in _FONT_KEYS:
            problems.append(_unknown_key(source, path, _FONT_KEYS, _FONT_ALIASES))
        elif value is None:
            problems.append(source.problem(path, f"champ obligatoire vide : {_FONT_FIELDS[key]}"))
        elif key == "name":
            name = _text(value) if isinstance(value, str) else ""
            if name:
                values[key] = name
            else:
                problems.append(source.problem(path, f"attendu {_FONT_FIELDS[key]}, trouvé {found(value)}"))
        else:
            target = _inside(folder, source, path, value, "du thème", _FONT_EXAMPLE, directory=False)
            if isinstance(target, Problem):
                problems.append(target)
            elif wrong := font_problem(target, folder, str(value)):
                problems.append(source.problem(path, wrong))
            else:
                values[key] = target
    for key, what in _FONT_FIELDS.items():
        if key not in data:
            problems.append(source.problem(("font", key), f"champ obligatoire manquant : {what}"))
    return problems or FontFamily(folder=folder, **values)  # type: ignore[arg-type]  # every key checked above


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
    problems = list(source.problems)
    values: dict[str, object] = {}
    for key, value in data.items():
        path: FieldPath = (key,)
        if key not in _KEYS:
            problems.append(_unknown_key(source, path, _KEYS, _ALIASES))
        elif value is None:
            if key in ("primary_colour", "accent_colour") and _commented_out(source, path):
                problems.append(_comment_problem(source, path))
        elif key in _VALUES:
            try:
                values[key] = _VALUES[key](value)
            except ValueError as error:
                problems.append(source.problem(path, f"attendu {error}, trouvé {found(value)}"))
        elif key == "font":
            family = _font(folder, source, value)
            if isinstance(family, list):
                problems.extend(family)
            else:
                values[key] = family
        else:
            target = _inside(folder, source, path, value, "du thème", "logo.png", directory=False)
            if isinstance(target, Problem):
                problems.append(target)
            elif wrong := _FILES[key](target, folder, str(value)):
                problems.append(source.problem(path, wrong))
            else:
                values[key] = target
    if problems:
        raise ThemeError(sorted(problems, key=lambda p: (p.line, p.column)))
    return replace(Theme(), folder=folder, **values)  # type: ignore[arg-type]  # keys and types checked above


def _unknown_key(source: YamlSource, path: FieldPath, known: list[str], aliases: dict[str, str]) -> Problem:
    key = str(path[-1])
    alias = aliases.get(fold(key))
    hint = f" ; vouliez-vous dire « {alias} » ?" if alias else did_you_mean(key, known)
    return source.problem(path, f"clé inconnue « {key} »{hint}", key=True)


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
    return source.lines[number - 1] if 0 < number <= len(source.lines) else ""


def _inside(
    folder: Path, source: YamlSource, path: FieldPath, typed: object, whose: str, example: str, *, directory: bool
) -> Path | Problem:
    """Return ``folder / typed`` if it names an existing file (or a folder) inside ``folder``, else a located Problem.

    ``../x``, absolute paths and folders linked from outside ``folder`` are
    refused (a file is checked when it is read, by :func:`read_user_file`):
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
    if not directory:
        return target  # links, and what the file is, are checked when it is read
    if not target.resolve().is_relative_to(folder.resolve()):
        return source.problem(
            path,
            f"« {typed} » est un lien vers l'extérieur du dossier {whose} : remplacez-le par une copie du dossier",
        )
    if not target.is_dir():
        return source.problem(path, f"« {typed} » est un fichier, pas un dossier")
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
    source = session_source(session_folder)
    folder = _inside(session_folder, source, ("theme",), named, "de la séance", "theme/", directory=True)
    if isinstance(folder, Problem):
        raise ThemeError([folder])
    return load_theme(folder)
