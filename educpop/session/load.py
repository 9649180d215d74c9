"""Load a session folder: ``session.yaml`` validated, its Markdown texts parsed.

Every problem of the folder is collected and raised at once, in one
SessionError, each with its file, line and column.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from educpop.diagnostics import did_you_mean, found
from educpop.document import Block
from educpop.errors import Problem, SessionError
from educpop.schema import validate
from educpop.session.checks import cross_check, items, source_file
from educpop.session.dates_given import dates_given
from educpop.session.footnotes import Warn
from educpop.session.markdown import markdown_blocks
from educpop.session.model import Session
from educpop.session.variant import merge, variant_file
from educpop.session.yamlsource import (
    FORBIDDEN_CHARACTER,
    MAX_BYTES,
    YamlSource,
    decode_text,
    forbidden_message,
    format_path,
    read_yaml,
)
from educpop.userfile import UnreadableFile, read_user_file

SESSION_FILE = "session.yaml"
#: a source text longer than this is refused (a book chapter is about 100 kB)
MAX_SOURCE_BYTES = 5_000_000


@dataclass(frozen=True)
class Workshop:
    """A validated session with its source texts parsed and the warnings met on the way."""

    session: Session
    folder: Path
    #: source id -> blocks of its Markdown text
    texts: dict[str, list[Block]]
    warnings: list[Problem]
    #: the name of the variant merged in (``variants/<name>.yaml``), "" for the session as written
    variant: str = ""


def load_workshop(folder: Path, variant: str | None = None) -> Workshop:
    """Return the workshop defined in ``folder``, with its variant ``variant`` if given.

    Raise SessionError listing every problem.
    """
    return validate_workshop(read_session(folder, variant), variant or "")


def read_session(folder: Path, variant: str | None = None) -> YamlSource:
    """Return ``folder``'s session.yaml as read, with ``variants/<variant>.yaml`` merged in if given.

    Raise SessionError when a file cannot be read at all (missing, syntax, not a mapping).
    """
    if not folder.is_dir():
        what = "n'est pas un dossier" if folder.exists() else "dossier de séance introuvable"
        raise SessionError([Problem(folder, 0, 0, "", what)])
    source = session_source(folder)
    if not isinstance(source.data, dict):
        data = source.data
        what = "le fichier est vide" if data is None else f"attendu des clés comme « title: … », trouvé {found(data)}"
        raise SessionError([source.problem((), what)])
    if variant is not None:
        file = variant_file(folder, variant)
        changes = _yaml_file(file, folder)
        if not isinstance(changes.data, dict | None):
            what = f"attendu des clés comme « start: … », trouvé {found(changes.data)}"
            raise SessionError([changes.problem((), what)])
        source = merge(source, changes)
    return source


def validate_workshop(source: YamlSource, variant: str = "") -> Workshop:
    """Return the workshop ``source`` (a session file as read, its variant ``variant`` merged in) describes.

    Raise SessionError listing every problem.
    """
    file, folder = source.file, source.file.parent
    session, problems = validate(source, Session)
    reported = {problem.field for problem in problems}
    warnings = list(source.warnings)
    texts = _read_texts(folder, source, reported, problems, warnings)
    problems += [problem for problem in cross_check(source) if problem.field not in reported]
    if problems or session is None:
        raise SessionError(sorted(problems, key=lambda p: (p.file != file, str(p.file), p.line, p.column)))
    return Workshop(session, folder, texts, [*warnings, *dates_given(session, source)], variant)


def session_source(folder: Path) -> YamlSource:
    """Return the ``session.yaml`` of ``folder`` read as YAML; raise SessionError when it cannot be read."""
    return _yaml_file(folder / SESSION_FILE, folder)


def _yaml_file(file: Path, folder: Path) -> YamlSource:
    """Return ``file`` (inside the session ``folder``) read as YAML; raise SessionError when it cannot be read."""
    try:
        raw = read_user_file(file, folder, MAX_BYTES)
    except UnreadableFile as error:
        names = [path.name for path in file.parent.iterdir()] if error.missing else []
        raise SessionError([Problem(file, 0, 0, "", error.message + did_you_mean(file.name, names))]) from None
    return read_yaml(raw, file)


def _read_texts(
    folder: Path, source: YamlSource, reported: set[str], problems: list[Problem], warnings: list[Problem]
) -> dict[str, list[Block]]:
    """Return the parsed text of each source whose file can be read; report the others.

    Notes called but not written (or the reverse) go to ``warnings``.
    """
    texts: dict[str, list[Block]] = {}
    for index, entry in items(source.data, "sources"):
        typed, ident = entry.get("file"), entry.get("id")
        if not isinstance(typed, str) or format_path(("sources", index, "file")) in reported:
            continue
        target = source_file(folder, source, index, typed)
        if isinstance(target, Problem):
            problems.append(target)
            continue
        def warn(line: int, column: int, message: str, file: Path = target) -> None:
            warnings.append(Problem(file, line, column, "", message))

        try:
            raw = read_user_file(target, folder, MAX_SOURCE_BYTES)
        except UnreadableFile as error:
            if error.too_big:  # the file is the problem, not its name
                problems.append(Problem(target, 0, 0, "", error.message))
            else:
                problems.append(source.problem(("sources", index, "file"), f"« {typed} » {error.predicate}"))
            continue
        try:
            text, origin = _printable(decode_text(raw, target), target)
            blocks = markdown_blocks(text, _in_file(warn, origin))
        except SessionError as error:
            problems += error.problems
            continue
        if isinstance(ident, str):
            texts[ident] = blocks
    return texts


def _in_file(warn: Warn, origin: Callable[[int], int]) -> Warn:
    """Return ``warn`` told the line of the file where a line of the printable text comes from."""
    return lambda line, column, message: warn(origin(line), column, message)


def _printable(text: str, file: Path) -> tuple[str, Callable[[int], int]]:
    """Return a source text with the page and line breaks of word processors as Markdown breaks.

    Also return what line of the file a line of the returned text comes from (a
    page break becomes a blank line, so later lines move down). Raise
    SessionError naming the line and column of each other character no document
    can print (at most 10, one per line).
    """
    origin: list[int] = []
    for number, line in enumerate(text.split("\n"), start=1):
        origin += [number] * (1 + 2 * line.count("\x0c") + line.count("\x0b"))
    text = text.replace("\x0c", "\n\n").replace("\x0b", "\n")
    problems: list[Problem] = []
    for number, line in enumerate(text.split("\n"), start=1):
        bad = FORBIDDEN_CHARACTER.search(line)
        if bad:
            problems.append(Problem(file, origin[number - 1], bad.start() + 1, "", forbidden_message(bad[0])))
            if len(problems) == 10:
                break
    if problems:
        raise SessionError(problems)
    return text, lambda line: origin[line - 1] if 1 <= line <= len(origin) else line
