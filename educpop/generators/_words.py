"""The words of the documents, written as Jinja2 macros in ``templates/<language>.j2``.

Templates write words, not layout: each macro returns one line of plain text,
which a generator places in a block. User values are data here too (no
autoescape: renderers escape for their own format).
"""

from __future__ import annotations

from functools import cache
from typing import Any, Callable

from jinja2 import Environment, PackageLoader, StrictUndefined, TemplateNotFound

_ENV = Environment(
    loader=PackageLoader("educpop.generators", "templates"),
    undefined=StrictUndefined,
    autoescape=False,
    trim_blocks=True,
    lstrip_blocks=True,
)


class PhraseBook:
    """Calls a language's macros and returns their text on one line."""

    def __init__(self, module: Any) -> None:
        self._module = module

    def __getattr__(self, name: str) -> Callable[..., str]:
        macro = getattr(self._module, name)

        def say(*args: Any, **kwargs: Any) -> str:
            return " ".join(str(macro(*args, **kwargs)).split())

        return say


@cache
def phrases(language: str) -> PhraseBook:
    """Return the phrase book of ``language``, French when there is none for it."""
    try:
        template = _ENV.get_template(f"{language}.j2")
    except TemplateNotFound:
        template = _ENV.get_template("fr.j2")
    return PhraseBook(template.module)
