"""Document generators: one module per kind of document, found automatically.

A generator is a subclass of :class:`Generator` in a module of this package;
adding a kind of document means adding one module, nothing else.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from typing import ClassVar

from educpop.document import Audience, Document, Meta
from educpop.plan import Plan
from educpop.schedule import Slot


@dataclass(frozen=True)
class PrintRun:
    """Copies to print of a whole document, or of one part of it, as the print plan lists them."""

    #: copies of each of the ``items`` parts
    copies: int
    #: which part ("" for the whole document), in the document's language
    part: str = ""
    #: how many different parts the run covers (parts 1 to 10: 10), each printed ``copies`` times
    items: int = 1


class Generator:
    """Turns a :class:`Plan` into one :class:`Document`."""

    #: short name, used for file names and ``--only`` (e.g. "guide")
    name: ClassVar[str]
    #: file name without extension, in the pack folder (e.g. "guide-animation")
    file_stem: ClassVar[str]
    #: title printed on the document (French, e.g. "Guide d'animation")
    title: ClassVar[str]
    #: who receives it; participant documents never show facilitator-only content
    audience: ClassVar[Audience]
    #: position in the pack (and in the combined PDF)
    order: ClassVar[int] = 50
    #: how to print it: "booklet" (both sides, stapled), "sheets" (both sides, handed out
    #: sheet by sheet), "single" (one side only) or "cards" (both sides on the long edge, card stock, cut out)
    printing: ClassVar[str] = "booklet"
    #: handed out at every sitting of a cycle (the attendance sheet), rather than once (the handout):
    #: the document holds one part per sitting, and the print plan lists each
    per_sitting: ClassVar[bool] = False

    def applies(self, plan: Plan) -> bool:
        """Return whether ``plan`` needs this document (no arpentage, no arpentage kit)."""
        return True

    def build(self, plan: Plan) -> Document:
        """Return the document for ``plan``."""
        raise NotImplementedError

    def hands_out_at(self, plan: Plan, slot: Slot) -> bool:
        """Return whether the facilitator hands this document out during ``slot`` (the feuille de route says it).

        By default never: the facilitator's own documents are not handed out.
        """
        return False

    def copies(self, plan: Plan) -> list[PrintRun]:
        """Return what to print of this document for ``plan`` (nothing: it is not needed).

        By default one copy per facilitator, or per participant for a participant document.
        """
        if self.audience is Audience.FACILITATOR:
            return [PrintRun(plan.facilitator_count)]
        return [PrintRun(plan.participants)]

    def new_document(self, plan: Plan) -> Document:
        """Return an empty document with this generator's metadata filled in."""
        session = plan.workshop.session
        return Document(
            Meta(
                title=f"{self.title} – {session.title}",
                kind=self.name,
                audience=self.audience,
                session_title=session.title,
                author=session.organisation,
                subject=session.subtitle or self.title,
                language=session.language,
            )
        )


def _all_subclasses(cls: type[Generator]) -> list[type[Generator]]:
    found = []
    for sub in cls.__subclasses__():
        found += [sub, *_all_subclasses(sub)]
    return found


def registry() -> dict[str, Generator]:
    """Return every generator of this package by name, in pack order."""
    for module in pkgutil.iter_modules(__path__):
        if not module.name.startswith("_"):
            importlib.import_module(f"{__name__}.{module.name}")
    generators = [cls() for cls in _all_subclasses(Generator) if "name" in vars(cls)]
    return {g.name: g for g in sorted(generators, key=lambda g: (g.order, g.name))}
