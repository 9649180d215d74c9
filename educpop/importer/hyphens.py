"""Words cut at the end of a line: rejoined ("évé-/nements") or kept with their hyphen ("peut-/être")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from educpop.importer.words import Vocabulary

#: the letters of the cut word before the hyphen (after an apostrophe or an earlier hyphen)
_BEFORE = re.compile(r"([^\W\d_]+)-$")
#: the letters of the first word of the next line (before a hyphen, a point or punctuation)
_AFTER = re.compile(r"^([^\W\d_]+)")
#: an inclusive ending after the cut, itself followed by a mark: "manifestant-/e-s", "travailleur-/se·s"
_INCLUSIVE = re.compile(r"^(?:e|se|rice|trice|euse|ne|le|x)s?[-.·]")


class Verdict(Enum):
    """What becomes of a hyphen at a line end."""

    JOIN = "recollé"
    KEEP = "gardé"


@dataclass(frozen=True)
class Decision:
    """The verdict on one cut word, and whether a person should check it."""

    verdict: Verdict
    sure: bool
    why: str


def decide(before: str, after: str, words: Vocabulary) -> Decision | None:
    """Return what to do with ``before`` (ending in "-") followed on the next line by ``after``.

    None when ``before`` does not end with a letter and a hyphen, or ``after`` does
    not start with a letter: a dash, not a cut word.
    """
    cut, rest = _BEFORE.search(before), _AFTER.match(after)
    if cut is None or rest is None:
        return None
    left, right = cut.group(1), rest.group(1)
    joined, compound = left + right, f"{left}-{right}"
    if right[0].isupper() and not (left.isupper() and right.isupper()):  # "RÉVO-/LUTION" is a cut word
        return Decision(Verdict.KEEP, True, "nom propre")
    if _INCLUSIVE.match(after):
        return Decision(Verdict.KEEP, True, "écriture inclusive")
    if words.in_text(compound):
        return Decision(Verdict.KEEP, True, "écrit ainsi ailleurs dans le texte")
    if words.knows(joined):
        return Decision(Verdict.JOIN, True, "mot connu")
    if words.knows(compound):
        return Decision(Verdict.KEEP, True, "mot composé connu")
    if len(left) > 1 and words.knows(left) and words.knows(right):
        return Decision(Verdict.KEEP, True, "deux mots connus")
    if words.can_break(joined, len(left)):
        return Decision(Verdict.JOIN, False, "mot inconnu, coupé à une césure possible")
    return Decision(Verdict.KEEP, False, "mot inconnu")
