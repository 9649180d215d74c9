"""The words of the documents, written as Jinja2 macros in ``templates/<language>.j2``.

Templates write words, not layout: each macro returns one line of plain text,
which a generator places in a block. User values are data here too (no
autoescape: renderers escape for their own format).

A session folder may hold ``templates/<language>.j2`` whose macros replace
some of the package's (an organisation that says « Fiches de travail »):

.. code-block:: jinja

    {% macro question_sheets() %}Fiches de travail{% endmacro %}

The package's own templates run in a normal environment; a session's run in
the sandbox of :mod:`educpop.generators._sandbox`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, PackageLoader, StrictUndefined, TemplateNotFound

from educpop.generators._sandbox import UserTemplate, user_template

if TYPE_CHECKING:
    from educpop.session.load import Workshop

_ENV = Environment(
    loader=PackageLoader("educpop.generators", "templates"),
    undefined=StrictUndefined,
    autoescape=False,
    trim_blocks=True,
    lstrip_blocks=True,
)

#: where a session folder keeps its templates
TEMPLATES_FOLDER = "templates"


class PhraseBook:
    """Calls a language's macros and returns their text on one line; user macros first."""

    def __init__(self, module: Any, user: UserTemplate | None = None) -> None:
        self._module = module
        self._user = user

    def __getattr__(self, name: str) -> Callable[..., str]:
        macro = self._user.macro(name) if self._user is not None else None
        if macro is None:
            macro = getattr(self._module, name)

        def say(*args: Any, **kwargs: Any) -> str:
            return " ".join(str(macro(*args, **kwargs)).split())

        return say


def phrases_for(workshop: Workshop) -> PhraseBook:
    """Return the phrase book of ``workshop``: its language's, with its folder's macros overriding.

    Raise SessionError naming the file and line when the session's template is wrong.
    """
    language = workshop.session.language
    module = _package_module(language)
    file = workshop.folder / TEMPLATES_FOLDER / f"{language}.j2"
    if not file.exists() and not file.is_symlink():  # a FIFO or a broken link is reported, not ignored
        return PhraseBook(module)
    return PhraseBook(module, user_template(file, workshop.folder))


@cache
def _package_module(language: str) -> Any:
    """Return the macros of the package's ``language``, French when there are none for it."""
    try:
        template = _ENV.get_template(f"{language}.j2")
    except TemplateNotFound:
        template = _ENV.get_template("fr.j2")
    return template.module


__all__ = ["TEMPLATES_FOLDER", "PhraseBook", "phrases_for"]
