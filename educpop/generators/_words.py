"""The words of the documents, written as Jinja2 macros in ``templates/<language>.j2``.

Templates write words, not layout: each macro returns one line of plain text,
which a generator places in a block. User values are data here too (no
autoescape: renderers escape for their own format).

A session folder may hold ``templates/<language>.j2`` whose macros replace
some of the package's (an organisation that says « Fiches de travail »):

.. code-block:: jinja

    {% macro question_sheets() %}Fiches de travail{% endmacro %}

The package's own templates run in a normal environment; a user's run in a
:class:`~jinja2.sandbox.SandboxedEnvironment` with :class:`~jinja2.StrictUndefined`,
and every way of making it run long or grow large is bounded:

- only macros, ``range`` and ``namespace`` may be called (no ``str.ljust(10**9)``);
  ``range`` gives at most :data:`MAX_RANGE` numbers;
- only the filters of :data:`_USER_FILTERS` exist, and any text they, ``~``,
  ``+``, ``*`` or ``**`` make is at most :data:`MAX_MACRO_CHARS` characters
  (``**`` and ``*`` are checked *before* computing, so ``10**10**10`` never runs);
- a macro call lasts at most :data:`MAX_MACRO_SECONDS`: a trace function
  (``sys.settrace``, active only during the call, and portable, unlike
  ``SIGALRM``) checks the clock on every line the template runs, which catches
  nested loops that call nothing;
- a macro's result is at most :data:`MAX_MACRO_CHARS` characters.

Any failure (syntax, unknown variable, forbidden attribute, a limit) is a
:class:`~educpop.errors.SessionError` naming the template file and line.
"""

from __future__ import annotations

import hashlib
import sys
import time
from functools import cache
from pathlib import Path
from types import FrameType, TracebackType
from typing import TYPE_CHECKING, Any, Callable

from jinja2 import (
    Environment,
    FunctionLoader,
    PackageLoader,
    StrictUndefined,
    Template,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    UndefinedError,
)
from jinja2.compiler import CodeGenerator, Frame
from jinja2.nodes import Concat
from jinja2.runtime import Macro
from jinja2.sandbox import SandboxedEnvironment, SecurityError
from jinja2.utils import Namespace

from educpop.errors import Problem, SessionError

if TYPE_CHECKING:
    from educpop.session.load import Workshop

_ENV = Environment(
    loader=PackageLoader("educpop.generators", "templates"),
    undefined=StrictUndefined,
    autoescape=False,
    trim_blocks=True,
    lstrip_blocks=True,
)

#: longest text a user macro (or any string it builds) may produce
MAX_MACRO_CHARS = 10_000
#: longest time one call of a user macro may take
MAX_MACRO_SECONDS = 1.0
#: most numbers ``range`` gives in a user template
MAX_RANGE = 1_000
#: largest user template file read
MAX_TEMPLATE_BYTES = 100_000
#: where a session folder keeps its templates
TEMPLATES_FOLDER = "templates"


class PhraseBook:
    """Calls a language's macros and returns their text on one line; user macros first."""

    def __init__(self, module: Any, user: _UserTemplate | None = None) -> None:
        self._module = module
        self._user = user

    def __getattr__(self, name: str) -> Callable[..., str]:
        if self._user is not None and isinstance(getattr(self._user.module, name, None), Macro):
            return self._user.macro(name)
        macro = getattr(self._module, name)

        def say(*args: Any, **kwargs: Any) -> str:
            return " ".join(str(macro(*args, **kwargs)).split())

        return say


@cache
def phrases(language: str) -> PhraseBook:
    """Return the package's phrase book of ``language``, French when there is none for it."""
    return PhraseBook(_package_module(language))


def phrases_for(workshop: Workshop) -> PhraseBook:
    """Return the phrase book of ``workshop``: its language's, with its folder's macros overriding.

    Raise SessionError naming the file and line when the session's template is wrong.
    """
    language = workshop.session.language
    module = _package_module(language)
    file = workshop.folder / TEMPLATES_FOLDER / f"{language}.j2"
    if not file.is_file():
        return PhraseBook(module)
    return PhraseBook(module, _user_template(file, _read(file, workshop.folder)))


@cache
def _package_module(language: str) -> Any:
    try:
        template = _ENV.get_template(f"{language}.j2")
    except TemplateNotFound:
        template = _ENV.get_template("fr.j2")
    return template.module


def _read(file: Path, folder: Path) -> str:
    """Return the text of a user template; raise SessionError when it cannot be used."""
    from educpop.session.yamlsource import decode_text  # here: educpop.session imports this package's users

    if not file.resolve().is_relative_to(folder.resolve()):
        message = "lien vers l'extérieur du dossier de la séance : copiez le fichier dans le dossier"
        raise SessionError([Problem(file, 0, 0, "", message)])
    raw = file.read_bytes()
    if len(raw) > MAX_TEMPLATE_BYTES:
        message = f"fichier trop gros ({len(raw) // 1000} ko, au plus {MAX_TEMPLATE_BYTES // 1000} ko)"
        raise SessionError([Problem(file, 0, 0, "", message)])
    return decode_text(raw, file)


# -- the sandbox --------------------------------------------------------------------------


class _TooBig(SecurityError):
    """A user template built a text longer than MAX_MACRO_CHARS."""


class _TooLong(SecurityError):
    """A user macro ran longer than MAX_MACRO_SECONDS."""


def _checked(value: Any) -> Any:
    if isinstance(value, (str, list, tuple)) and len(value) > MAX_MACRO_CHARS:
        raise _TooBig(f"texte de plus de {MAX_MACRO_CHARS} caractères")
    return value


def _size(value: Any) -> int:
    return len(value) if isinstance(value, (str, list, tuple)) else 1


def _capped_range(*args: int) -> range:
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise _TooBig(f"range de plus de {MAX_RANGE} nombres")
    return numbers


def _wrap_filter(function: Callable[..., Any]) -> Callable[..., Any]:
    def checked(*args: Any, **kwargs: Any) -> Any:
        return _checked(function(*args, **kwargs))

    return checked


#: the filters a user template may use: none of them can make a text much longer than its input
_USER_FILTERS = (
    "capitalize", "count", "d", "default", "first", "int", "join", "last", "length",
    "lower", "string", "title", "trim", "upper",
)  # fmt: skip


class _CheckedCodeGenerator(CodeGenerator):
    """Compiles ``a ~ b`` to a join that refuses a result longer than MAX_MACRO_CHARS."""

    def visit_Concat(self, node: Concat, frame: Frame) -> None:  # noqa: N802 (Jinja's name)
        self.write("environment.checked_join((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


class _UserEnvironment(SandboxedEnvironment):
    """The sandbox of user templates: few callables, few filters, bounded operators."""

    code_generator_class = _CheckedCodeGenerator
    intercepted_binops = frozenset(["+", "*", "**", "%", "//"])

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.filters = {name: _wrap_filter(self.filters[name]) for name in _USER_FILTERS}
        self.tests = {name: self.tests[name] for name in ("defined", "undefined", "none", "number", "string", "odd", "even")}
        self.globals = {"range": _capped_range, "namespace": Namespace}

    def checked_join(self, values: tuple[Any, ...]) -> str:
        """Return ``values`` joined as text, refusing more than MAX_MACRO_CHARS characters."""
        return _checked("".join(map(str, values)))

    def call_binop(self, context: Any, operator_: str, left: Any, right: Any) -> Any:
        """Return ``left <op> right``, refusing what would be too big before computing it."""
        if operator_ == "**" and (not isinstance(right, int) or abs(right) > 64 or _size(left) > 1):
            raise _TooBig("puissance trop grande")
        if operator_ == "**" and isinstance(left, int) and abs(left) > 2**64:
            raise _TooBig("puissance trop grande")
        if operator_ == "*" and isinstance(right, int) and _size(left) * abs(right) > MAX_MACRO_CHARS:
            raise _TooBig(f"texte de plus de {MAX_MACRO_CHARS} caractères")
        if operator_ == "*" and isinstance(left, int) and _size(right) * abs(left) > MAX_MACRO_CHARS:
            raise _TooBig(f"texte de plus de {MAX_MACRO_CHARS} caractères")
        if operator_ == "%" and isinstance(left, str):
            raise SecurityError("formatage « % » de texte non autorisé")
        return _checked(self.binop_table[operator_](left, right))

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805, B902 (Jinja's signature)
        """Call ``__obj`` when it is a macro, ``range`` or ``namespace``; refuse anything else."""
        if not isinstance(__obj, Macro) and __obj not in (_capped_range, Namespace):
            raise SecurityError(f"appel non autorisé ({getattr(__obj, '__name__', type(__obj).__name__)})")
        return super().call(__context, __obj, *args, **kwargs)


_USER_ENV_OPTIONS: dict[str, Any] = {
    "undefined": StrictUndefined,
    "autoescape": False,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "cache_size": 0,  # so that {% include %} of itself asks the loader again, and finds nothing
}


class _UserTemplate:
    """A compiled user template and the guarded way of calling its macros."""

    def __init__(self, file: Path, template: Template, module: Any) -> None:
        self.file, self.template, self.module = file, template, module

    def macro(self, name: str) -> Callable[..., str]:
        macro = getattr(self.module, name)

        def say(*args: Any, **kwargs: Any) -> str:
            text = _guarded(self, lambda: str(macro(*args, **kwargs)))
            if len(text) > MAX_MACRO_CHARS:
                raise self.error(0, f"la macro « {name} » produit plus de {MAX_MACRO_CHARS} caractères")
            return " ".join(text.split())

        return say

    def error(self, line: int, message: str) -> SessionError:
        return SessionError([Problem(self.file, line, 0, "", message)])


def _user_template(file: Path, source: str) -> _UserTemplate:
    return _compiled(file, source, hashlib.sha256(source.encode("utf-8")).hexdigest())


@cache
def _compiled(file: Path, source: str, digest: str) -> _UserTemplate:
    """Return ``source`` compiled in the sandbox, its module made (cached by content)."""
    name, served = file.name, []

    def load(wanted: str) -> tuple[str, str, Callable[[], bool]] | None:
        if served or wanted != name:  # served once: {% include %} and {% import %} find nothing
            return None
        served.append(wanted)
        return source, str(file), lambda: True

    loader = FunctionLoader(load)
    env = _UserEnvironment(loader=loader, **_USER_ENV_OPTIONS)
    try:
        template = env.get_template(name)
    except TemplateSyntaxError as error:
        raise SessionError([Problem(file, error.lineno, 0, "", f"syntaxe de modèle incorrecte : {error.message}")]) from None
    user = _UserTemplate(file, template, None)
    user.module = _guarded(user, lambda: template.module)  # top-level code runs here, guarded too
    return user


def _guarded(user: _UserTemplate, run: Callable[[], Any]) -> Any:
    """Return ``run()`` under the time limit, turning any failure into a located SessionError."""
    deadline = time.monotonic() + MAX_MACRO_SECONDS
    filename = str(user.file)

    def local(frame: FrameType, event: str, arg: Any) -> Any:
        if time.monotonic() > deadline:
            raise _TooLong(f"calcul de plus de {MAX_MACRO_SECONDS:g} s")
        return local

    def trace(frame: FrameType, event: str, arg: Any) -> Any:
        return local if frame.f_code.co_filename == filename else None

    previous = sys.gettrace()
    sys.settrace(trace)
    try:
        return run()
    except (TemplateError, RecursionError, TypeError, ValueError, ArithmeticError, LookupError) as error:
        raise user.error(_template_line(user, error.__traceback__), _french(error)) from None
    finally:
        sys.settrace(previous)


def _template_line(user: _UserTemplate, traceback: TracebackType | None) -> int:
    """Return the template line of the deepest frame of ``traceback`` running the user template."""
    line = 0
    while traceback is not None:
        if traceback.tb_frame.f_code.co_filename == str(user.file):
            line = user.template.get_corresponding_lineno(traceback.tb_lineno)
        traceback = traceback.tb_next
    return line


def _french(error: BaseException) -> str:
    """Return what went wrong in a user template, in French."""
    if isinstance(error, (_TooBig, _TooLong)):
        return f"modèle trop coûteux : {error} ; simplifiez la macro"
    if isinstance(error, SecurityError):
        return f"opération interdite dans un modèle : {error}"
    if isinstance(error, UndefinedError):
        return f"variable inconnue dans le modèle ({error.message})"
    if isinstance(error, TemplateNotFound):
        return f"un modèle de séance ne peut pas inclure ou importer un autre modèle (« {error.name} »)"
    if isinstance(error, RecursionError):
        return "la macro s'appelle elle-même sans fin"
    if isinstance(error, TypeError):
        return (
            f"une macro n'accepte pas les valeurs qu'educpop lui donne ({error}) ; "
            "gardez les paramètres de la macro d'origine"
        )
    return f"erreur dans le modèle ({type(error).__name__} : {error})"


__all__ = ["PhraseBook", "phrases", "phrases_for"]
