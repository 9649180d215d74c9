"""Running a session's own template (``templates/<language>.j2``) safely.

A user template runs in a :class:`~jinja2.sandbox.SandboxedEnvironment` with
:class:`~jinja2.StrictUndefined`, which already refuses ``__class__`` and the
like; on top of it, every way of making a template run long or grow large is
bounded:

- only macros, ``range`` and ``namespace`` may be called (no ``str.ljust(10**9)``);
  ``range`` gives at most :data:`MAX_RANGE` numbers;
- only the filters of :data:`_FILTERS` exist, and any text they, ``~``, ``+``,
  ``*`` or ``**`` make is at most :data:`MAX_MACRO_CHARS` characters (``**``
  and ``*`` are checked *before* computing, so ``10**10**10`` never runs;
  ``~`` is not an operator the sandbox can intercept, so the compiler turns it
  into a checked join); ``%`` may not format text (``"%0999999999d" % 1``);
- sizes are deep: a list counts the characters of its texts and one per
  other item, nested lists included, so ``[[[1]*10000]*10000]*10000`` is
  refused at its second ``*`` before anything is built; whole numbers made by
  ``*`` and ``+`` have at most :data:`MAX_INT_BITS` bits;
- a macro call lasts at most :data:`MAX_MACRO_SECONDS`: a trace function
  (``sys.settrace``, active only during the call, and portable, unlike
  ``SIGALRM``) checks the clock on every line the template runs, which catches
  nested loops that call nothing;
- a whole build has one budget for all the calls of its user templates
  (:func:`template_budget`, opened by the pack around generation): at most
  :data:`MAX_BUILD_SECONDS` of computing and :data:`MAX_BUILD_CHARS` of text
  and lists made, however many sub-groups or lines call the macros;
- a macro's result, and any text a template writes (``{% set %}`` blocks,
  ``{% filter %}``, ``{% call %}``), is at most :data:`MAX_MACRO_CHARS`
  characters, counted as it is written, so loops writing a long text stop
  before the text is joined;
- the file is at most :data:`MAX_TEMPLATE_BYTES`, inside the session folder,
  and may not ``{% include %}`` or ``{% import %}`` anything.

Any failure (syntax, unknown variable, forbidden attribute, a limit) is a
:class:`~educpop.errors.SessionError` naming the template file and line.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache, wraps
from pathlib import Path
from types import FrameType, TracebackType
from typing import Any, TypeVar

from jinja2 import FunctionLoader, StrictUndefined, TemplateError, TemplateNotFound, TemplateSyntaxError, UndefinedError
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.nodes import Concat
from jinja2.runtime import Macro
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import Namespace

from educpop.errors import Problem, SessionError
from educpop.userfile import UnreadableFile, read_user_file

T = TypeVar("T")

#: longest text a user macro (or any string it builds) may produce
MAX_MACRO_CHARS = 10_000
#: longest time one call of a user macro may take
MAX_MACRO_SECONDS = 1.0
#: longest time all the calls of user macros may take in one build
MAX_BUILD_SECONDS = 5.0
#: most characters (and list items) all the user macros of one build may make
MAX_BUILD_CHARS = 2_000_000
#: largest whole number, in bits, that ``*`` and ``+`` may make in a user template
MAX_INT_BITS = 4_096
#: most numbers ``range`` gives in a user template
MAX_RANGE = 1_000
#: largest user template file read
MAX_TEMPLATE_BYTES = 100_000

#: the filters a user template may use: none of them can make a text much longer than its input
_FILTERS = (
    "capitalize", "count", "d", "default", "first", "int", "join", "last", "length",
    "lower", "string", "title", "trim", "upper",
)  # fmt: skip
#: the tests a user template may use
_TESTS = ("defined", "undefined", "none", "number", "string", "odd", "even")


@dataclass
class _Budget:
    """What the user templates of one build have spent so far."""

    seconds: float = 0.0
    chars: int = 0


_BUDGET: ContextVar[_Budget] = ContextVar("template_budget", default=_Budget())  # noqa: B039 (one per process outside a build)


@contextmanager
def template_budget() -> Iterator[None]:
    """Give the user template calls made inside this block one fresh build budget."""
    token = _BUDGET.set(_Budget())
    try:
        yield
    finally:
        _BUDGET.reset(token)


def _spend(chars: int) -> None:
    """Count ``chars`` characters made against the build budget; refuse past MAX_BUILD_CHARS."""
    budget = _BUDGET.get()
    budget.chars += chars
    if budget.chars > MAX_BUILD_CHARS:
        total = f"{MAX_BUILD_CHARS:,}".replace(",", " ")
        raise _TooBig(f"les macros de cette construction font plus de {total} caractères")


class UserTemplate:
    """A session's template, compiled in the sandbox, and the guarded way of calling its macros."""

    def __init__(self, file: Path, source: str) -> None:
        self.file = file
        try:
            code = _ENV.compile(source, file.name, str(file))
        except TemplateSyntaxError as error:
            raise self._error(error.lineno, f"syntaxe de modèle incorrecte : {error.message}") from None
        self._template = _ENV.template_class.from_code(_ENV, code, _ENV.make_globals(None))
        self._module = self._guarded(lambda: self._template.module, "le modèle")  # its top-level code runs here

    def macro(self, name: str) -> Callable[..., str] | None:
        """Return the guarded macro ``name`` of this template, None when it has none of that name."""
        macro = getattr(self._module, name, None)
        if not isinstance(macro, Macro):
            return None

        def say(*args: Any, **kwargs: Any) -> str:
            return self._guarded(lambda: str(macro(*args, **kwargs)), f"la macro « {name} »")

        return say

    def _guarded(self, run: Callable[[], T], what: str) -> T:
        """Return ``run()`` under the time limit, turning any failure into a located SessionError.

        ``what`` (« la macro « x » », « le modèle ») is what runs, named when it writes too much.
        """
        budget = _BUDGET.get()
        begin = time.monotonic()
        deadline = begin + min(MAX_MACRO_SECONDS, MAX_BUILD_SECONDS - budget.seconds)
        filename = str(self.file)

        def local(frame: FrameType, event: str, arg: Any) -> Any:
            if time.monotonic() > deadline:
                if budget.seconds + time.monotonic() - begin > MAX_BUILD_SECONDS:
                    raise _TooLong(f"les macros de cette construction calculent plus de {MAX_BUILD_SECONDS:g} s")
                raise _TooLong(f"calcul de plus de {MAX_MACRO_SECONDS:g} s")
            return local

        def trace(frame: FrameType, event: str, arg: Any) -> Any:
            return local if frame.f_code.co_filename == filename else None

        previous = sys.gettrace()
        sys.settrace(trace)
        try:
            return run()
        except _TooMuchText:
            raise self._error(0, f"{what} produit plus de {MAX_MACRO_CHARS} caractères") from None
        except (TemplateError, RecursionError, TypeError, ValueError, ArithmeticError, LookupError) as error:
            raise self._error(self._line(error.__traceback__), _french(error)) from None
        finally:
            sys.settrace(previous)
            budget.seconds += time.monotonic() - begin

    def _line(self, traceback: TracebackType | None) -> int:
        """Return the template line of the deepest frame of ``traceback`` running this template."""
        line = 0
        while traceback is not None:
            if traceback.tb_frame.f_code.co_filename == str(self.file):
                line = self._template.get_corresponding_lineno(traceback.tb_lineno)
            traceback = traceback.tb_next
        return line

    def _error(self, line: int, message: str) -> SessionError:
        return SessionError([Problem(self.file, line, 0, "", message)])


def user_template(file: Path, folder: Path) -> UserTemplate:
    """Return the template ``file`` of the session ``folder``; raise SessionError when it cannot be used."""
    from educpop.session.yamlsource import decode_text  # here: educpop.session imports this package's users

    try:
        raw = read_user_file(file, folder, MAX_TEMPLATE_BYTES)
    except UnreadableFile as error:
        raise SessionError([Problem(file, 0, 0, "", error.message)]) from None
    return _compiled(file, decode_text(raw, file))


@cache
def _compiled(file: Path, source: str) -> UserTemplate:
    """Compile each template once per text (the generators of one build all ask for it)."""
    return UserTemplate(file, source)


# -- the environment ----------------------------------------------------------------------


class _TooBig(SecurityError):
    """A user template built a text longer than MAX_MACRO_CHARS."""


class _TooLong(SecurityError):
    """A user macro ran longer than MAX_MACRO_SECONDS."""


class _TooMuchText(Exception):
    """A user macro or block wrote more than MAX_MACRO_CHARS characters (not a TemplateError: no line)."""


class _TextBuffer(list[str]):
    """What a macro or block writes, refusing to grow past MAX_MACRO_CHARS characters."""

    size = 0

    def append(self, text: str) -> None:
        self.extend((text,))

    def extend(self, texts: Iterable[str]) -> None:
        texts = tuple(texts)
        size = sum(map(len, texts))
        self.size += size
        if self.size > MAX_MACRO_CHARS:
            raise _TooMuchText
        _spend(size)
        super().extend(texts)


def _checked(value: T) -> T:
    """Return ``value``, refusing one bigger than MAX_MACRO_CHARS; count its size against the build budget."""
    size = _size(value)
    if size > MAX_MACRO_CHARS:
        raise _TooBig(f"texte de plus de {MAX_MACRO_CHARS} caractères")
    _spend(size)
    return value


def _size(value: Any) -> int:
    """Return the deep size of ``value``: characters of texts, one per other item, counting stopped past the limit.

    Nested lists count all their items, so a list holding the same list many times is as big as it prints.
    """
    size, pending = 0, [value]
    while pending and size <= MAX_MACRO_CHARS:
        item = pending.pop()
        if isinstance(item, str):
            size += max(len(item), 1)
        elif isinstance(item, (list, tuple, dict)):
            size += 1
            pending += [*item.keys(), *item.values()] if isinstance(item, dict) else item
        else:
            size += 1
    return size


def _repeated(value: Any, times: Any) -> int:
    """Return the size of ``value * times`` when ``times`` is a whole number (a number counts as one), else 0."""
    return _size(value) * abs(times) if isinstance(times, int) and not isinstance(value, int) else 0


def _too_many_bits(operator: str, left: Any, right: Any) -> bool:
    """Return whether ``left * right`` or ``left + right`` of whole numbers would pass MAX_INT_BITS."""
    if not (isinstance(left, int) and isinstance(right, int)):
        return False
    bits = left.bit_length() + right.bit_length() if operator == "*" else max(left.bit_length(), right.bit_length()) + 1
    return bits > MAX_INT_BITS


def _capped_range(*args: int) -> range:
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise _TooBig(f"range de plus de {MAX_RANGE} nombres")
    return numbers


def _checked_filter(function: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(function)  # keeps Jinja's mark of what the filter wants passed first (join, first, last)
    def checked(*args: Any, **kwargs: Any) -> Any:
        return _checked(function(*args, **kwargs))

    return checked


class _CodeGenerator(CodeGenerator):
    """Compiles ``a ~ b`` and what macros and blocks write to texts refusing more than MAX_MACRO_CHARS."""

    def buffer(self, frame: Frame) -> None:
        frame.buffer = self.temporary_identifier()
        self.writeline(f"{frame.buffer} = environment.text_buffer()")

    def visit_Concat(self, node: Concat, frame: Frame) -> None:  # noqa: N802 (Jinja's name)
        self.write("environment.checked_join((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


class _Environment(SandboxedEnvironment):
    """The sandbox of user templates: few callables, few filters, bounded operators, no other template."""

    code_generator_class = _CodeGenerator
    intercepted_binops = frozenset(["+", "*", "**", "%"])

    def __init__(self) -> None:
        super().__init__(
            loader=FunctionLoader(lambda name: None),  # {% include %} and {% import %} find nothing
            undefined=StrictUndefined,
            autoescape=False,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.filters = {name: _checked_filter(self.filters[name]) for name in _FILTERS}
        self.tests = {name: self.tests[name] for name in _TESTS}
        self.globals = {"range": _capped_range, "namespace": Namespace}

    def text_buffer(self) -> _TextBuffer:
        """Return an empty buffer for what a macro or block writes."""
        return _TextBuffer()

    def checked_join(self, values: tuple[Any, ...]) -> str:
        """Return ``values`` joined as text, refusing more than MAX_MACRO_CHARS characters."""
        return _checked("".join(map(str, values)))

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        """Return ``left <operator> right``, refusing what would be too big before computing it."""
        if operator == "**" and (
            not isinstance(right, int)
            or abs(right) > 64
            or _size(left) > 1
            or (isinstance(left, int) and abs(left) > 2**64)
        ):
            raise _TooBig("puissance trop grande")
        if operator == "*" and max(_repeated(left, right), _repeated(right, left)) > MAX_MACRO_CHARS:
            raise _TooBig(f"texte de plus de {MAX_MACRO_CHARS} caractères")
        if operator in ("*", "+") and _too_many_bits(operator, left, right):
            raise _TooBig(f"nombre de plus de {MAX_INT_BITS} bits")
        if operator == "%" and isinstance(left, str):
            raise SecurityError("formatage « % » de texte non autorisé")
        return _checked(self.binop_table[operator](left, right))

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805, B902 (Jinja's signature)
        """Call ``__obj`` when it is a macro, ``range`` or ``namespace``; refuse anything else."""
        if not isinstance(__obj, Macro) and __obj not in (_capped_range, Namespace):
            raise SecurityError(f"appel non autorisé ({getattr(__obj, '__name__', type(__obj).__name__)})")
        return super().call(__context, __obj, *args, **kwargs)


_ENV = _Environment()


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


__all__ = [
    "MAX_BUILD_CHARS",
    "MAX_BUILD_SECONDS",
    "MAX_MACRO_CHARS",
    "MAX_MACRO_SECONDS",
    "MAX_RANGE",
    "MAX_TEMPLATE_BYTES",
    "UserTemplate",
    "template_budget",
    "user_template",
]
