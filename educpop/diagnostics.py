"""What is wrong in a user's file, told in French: did-you-mean, ``attendu … trouvé …``, located errors.

Shared by every file a facilitator writes (``session.yaml``, a variant, a
theme's ``theme.yaml``): each is a pydantic schema, and :func:`explain` turns
its validation errors into Problems with the file, line and column of the
value. Every message reads ``attendu <what>, trouvé « <value> »`` when a value
is wrong, so that a facilitator sees both what educpop wanted and what it read.
"""

from __future__ import annotations

import difflib
import re
import types
import unicodedata
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails, PydanticCustomError

from educpop.errors import Problem
from educpop.session.yamlsource import FieldPath, YamlSource

#: words facilitators write in French -> the name educpop expects (keys and choices)
_FRENCH = {
    "titre": "title",
    "sous-titre": "subtitle",
    "langue": "language",
    "public": "audience",
    "lieu": "venue",
    "animateurs": "facilitators",
    "animatrices": "facilitators",
    "groupe": "group",
    "duree": "duration",
    "debut": "start",
    "horaire": "start",
    "objectifs": "objectives",
    "materiel": "materials",
    "activites": "activities",
    "glossaire": "glossary",
    "chronologie": "timeline",
    "chiffres": "figures",
    "methode": "method",
    "consigne": "instructions",
    "consignes": "instructions",
    "etapes": "steps",
    "facultatif": "optional",
    "optionnel": "optional",
    "fichier": "file",
    "auteur": "author",
    "quantite": "quantity",
    "terme": "term",
    "evenement": "event",
    "niveau": "level",
    "texte": "text",
    "pleniere": "plenary",
    "sous-groupes": "subgroups",
    "binomes": "pairs",
    "individuel": "individual",
    "seance": "session",
    "comprendre": "understand",
    "analyser": "analyse",
    "aujourd'hui": "today",
    # theme.yaml
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
    "nom": "name",
    "famille": "name",
    "normal": "regular",
    "regulier": "regular",
    "romain": "regular",
    "gras": "bold",
    "italique": "italic",
    "gras_italique": "bold_italic",
    "bolditalic": "bold_italic",
    # variants
    "retirer": "drop",
    "supprimer": "drop",
    "modifier": "change",
    "changer": "change",
    "ajouter": "insert",
    "inserer": "insert",
    "ordre": "order",
    "apres": "after",
    "papier": "paper",
}

#: the pydantic error type of :func:`sentence`
_SENTENCE = "educpop_sentence"


def sentence(message: str) -> PydanticCustomError:
    """Return a validation error that :func:`explain` prints as ``message``, a whole French sentence.

    For checks whose message is not ``attendu … trouvé …`` (a file that cannot be used, say).
    """
    return PydanticCustomError(_SENTENCE, "{message}", {"message": message})

_IDENTIFIER = "^[a-z0-9][a-z0-9_-]*$"
#: what each pattern of the model asks for, in words
_PATTERNS = {
    _IDENTIFIER: "un identifiant en minuscules, sans espace ni accent (lettres, chiffres, - et _)",
    "^[a-z]{2}$": "un code de langue à deux lettres comme « fr »",
}
_CURLY = "\u201c\u201d\u201e\u00ab\u2018\u2019\u201a"  # typographic quotes


def fold(text: str) -> str:
    """Return ``text`` lower-cased without accents, for forgiving comparisons."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def did_you_mean(word: str, options: list[str]) -> str:
    """Return ``" ; vouliez-vous dire « x » ?"`` for the option closest to ``word``, or ``""``."""
    folded = fold(word).strip()
    french = _FRENCH.get(folded)
    if french in options:
        return f" ; vouliez-vous dire « {french} » ?"
    by_fold = {fold(option): option for option in options}
    close = difflib.get_close_matches(folded, list(by_fold), n=1, cutoff=0.6)
    return f" ; vouliez-vous dire « {by_fold[close[0]]} » ?" if close else ""


def found(value: object) -> str:
    """Return how a value is shown after ``trouvé``: ``« 3 heures »``, ``une liste``."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return "une valeur vide"
    if isinstance(value, dict):
        return "des clés « nom: valeur »"
    if isinstance(value, list):
        return "une liste vide" if not value else "une liste"
    text = " ".join(str(value).split())
    return f"« {text if len(text) <= 60 else text[:59] + '…'} »"


def explain(error: ValidationError, source: YamlSource, model: type[BaseModel]) -> list[Problem]:
    """Return one located Problem per error of ``error``, raised by ``model`` validating ``source``'s data."""
    problems = []
    for details in error.errors(include_url=False):
        path: FieldPath = tuple(part for part in details["loc"] if isinstance(part, (str, int)))
        extra = details["type"] == "extra_forbidden"
        problems.append(source.problem(path, _message(details, path, source, model), key=extra))
    return problems


def _message(details: ErrorDetails, path: FieldPath, source: YamlSource, model: type[BaseModel]) -> str:
    kind, value, ctx = details["type"], details["input"], details.get("ctx", {})
    if kind == _SENTENCE:
        return str(ctx["message"])
    if kind == "missing":
        missing = "champ obligatoire vide" if path in source.keys else "champ obligatoire manquant"
        holder = _model_at(model, path[:-1])
        field = holder.model_fields.get(str(path[-1])) if holder and path else None
        return f"{missing} : {field.description}" if field and field.description else missing
    if kind == "extra_forbidden":
        return f"clé inconnue « {path[-1]} »" + did_you_mean(str(path[-1]), _fields_at(model, path[:-1]))
    if kind == "enum":
        options = re.findall(r"'([^']*)'", ctx["expected"])
        choices = ", ".join(options[:-1]) + f" ou {options[-1]}"
        return f"attendu {choices}, trouvé {found(value)}" + did_you_mean(str(value), options)
    if kind == "value_error" and isinstance(value, dict):
        return str(ctx["error"])  # a check across fields (group min and max): a full sentence
    if kind == "too_long":  # a list: its length says more than its content
        most, actual = (f"{ctx[key]:,}".replace(",", " ") for key in ("max_length", "actual_length"))
        return f"attendu au plus {most} éléments, trouvé {actual}"
    what = _expected(kind, ctx)
    if what is None:
        return f"valeur refusée ({details['msg']}), trouvé {found(value)}"
    if kind == "string_pattern_mismatch" and ctx["pattern"] == _IDENTIFIER:
        example = re.sub(r"[^a-z0-9]+", "-", fold(str(value))).strip("-_")
        if example:
            return f"attendu {what}, trouvé {found(value)} ; par exemple « {example} »"
    if isinstance(value, str) and value.strip().startswith(tuple(_CURLY)):
        return f'attendu {what}, trouvé {found(value)} ; remplacez les guillemets typographiques par des droits (")'
    return f"attendu {what}, trouvé {found(value)}"


def _expected(kind: str, ctx: dict[str, Any]) -> str | None:
    """Return what the field wanted, after ``attendu``; None for an error type not translated."""
    match kind:
        case "value_error":
            return str(ctx["error"])
        case "int_parsing" | "int_type" | "int_from_float":
            return "un nombre entier"
        case "greater_than_equal":
            return f"un nombre d'au moins {ctx['ge']}"
        case "less_than_equal":
            return f"un nombre d'au plus {ctx['le']}"
        case "string_type":
            return "un texte"
        case "string_too_short":
            return "un texte non vide"
        case "string_too_long":
            return f"un texte d'au plus {ctx['max_length']:,} caractères".replace(",", " ")
        case "string_unicode":
            return "un texte sans caractère invisible"
        case "string_pattern_mismatch":
            return _PATTERNS.get(ctx["pattern"], f"un texte de la forme {ctx['pattern']}")
        case "list_type":
            return "une liste (une ligne « - … » par élément)"
        case "dict_type" | "model_type" | "model_attributes_type":
            return "des clés « nom: valeur »"
        case "too_short":
            return "au moins un élément" if ctx["min_length"] == 1 else f"au moins {ctx['min_length']} éléments"
        case "bool_parsing" | "bool_type":
            return "oui ou non"
    return None


def _fields_at(model: type[BaseModel], path: FieldPath) -> list[str]:
    """Return the field names ``model`` accepts at ``path`` (a mapping inside it)."""
    holder = _model_at(model, path)
    return list(holder.model_fields) if holder else []


def _model_at(model: type[BaseModel], path: FieldPath) -> type[BaseModel] | None:
    """Return the model that validates the mapping at ``path`` inside ``model``, or None if it is none."""
    kind: Any = model
    for part in path:
        if isinstance(part, str) and isinstance(kind, type) and issubclass(kind, BaseModel):
            kind = _unwrap(kind.model_fields[part].annotation) if part in kind.model_fields else None
        elif isinstance(part, int) and get_origin(kind) is list:
            kind = _unwrap(get_args(kind)[0])
        else:
            return None
    return kind if isinstance(kind, type) and issubclass(kind, BaseModel) else None


def _unwrap(kind: Any) -> Any:
    """Return ``kind`` without ``Annotated`` and ``| None``."""
    while get_origin(kind) in (Annotated, Union, types.UnionType):
        kind = next(arg for arg in get_args(kind) if arg is not type(None))
    return kind
