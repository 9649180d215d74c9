"""Load a session folder: ``session.yaml`` validated, its Markdown texts parsed.

Every problem of the folder is collected and raised at once, in one
SessionError, each with its file, line and column.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from pydantic import ValidationError

from educpop.document import Block
from educpop.errors import Problem, SessionError
from educpop.session.checks import cross_check, items, source_file
from educpop.session.explain import did_you_mean, explain, found
from educpop.session.markdown import markdown_blocks
from educpop.session.model import Session
from educpop.session.yamlsource import (
    FORBIDDEN_CHARACTER,
    MAX_BYTES,
    YamlSource,
    decode_text,
    forbidden_message,
    format_path,
    read_yaml,
)

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


def load_workshop(folder: Path) -> Workshop:
    """Return the workshop defined in ``folder``; raise SessionError listing every problem."""
    if not folder.is_dir():
        what = "n'est pas un dossier" if folder.exists() else "dossier de séance introuvable"
        raise SessionError([Problem(folder, 0, 0, "", what)])
    file = folder / SESSION_FILE
    source = read_yaml(_read(file, MAX_BYTES), file)
    data = _without_empty(source.data)
    if not isinstance(data, dict):
        what = "le fichier est vide" if data is None else f"attendu des clés comme « title: … », trouvé {found(data)}"
        raise SessionError([source.problem((), what)])
    source = replace(source, data=data)
    problems = list(source.problems)
    session = None
    try:
        session = Session.model_validate(data)
    except ValidationError as error:
        problems += explain(error, source)
    reported = {problem.field for problem in problems}
    warnings = list(source.warnings)
    texts = _read_texts(folder, source, reported, problems, warnings)
    problems += [problem for problem in cross_check(source) if problem.field not in reported]
    if problems or session is None:
        raise SessionError(sorted(problems, key=lambda p: (p.file != file, str(p.file), p.line, p.column)))
    return Workshop(session, folder, texts, warnings)


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
            text = _printable(decode_text(_read(target, MAX_SOURCE_BYTES), target), target)
            blocks = markdown_blocks(text, warn)
        except SessionError as error:
            problems += error.problems
            continue
        if isinstance(ident, str):
            texts[ident] = blocks
    return texts


def _printable(text: str, file: Path) -> str:
    """Return a source text with the page and line breaks of word processors as Markdown breaks.

    Raise SessionError naming the line and column of each other character no
    document can print (at most 10, one per line).
    """
    text = text.replace("\x0c", "\n\n").replace("\x0b", "\n")
    problems: list[Problem] = []
    for number, line in enumerate(text.split("\n"), start=1):
        bad = FORBIDDEN_CHARACTER.search(line)
        if bad:
            problems.append(Problem(file, number, bad.start() + 1, "", forbidden_message(bad[0])))
            if len(problems) == 10:
                break
    if problems:
        raise SessionError(problems)
    return text


def _read(file: Path, limit: int) -> bytes:
    """Return the bytes of ``file``; raise SessionError saying why it cannot be read."""
    try:
        size = file.stat().st_size
        if size > limit:
            message = f"fichier trop gros ({size // 1000} ko, au plus {limit // 1000} ko)"
            raise SessionError([Problem(file, 0, 0, "", message)])
        return file.read_bytes()
    except FileNotFoundError:
        message = "fichier introuvable" + did_you_mean(file.name, [path.name for path in file.parent.iterdir()])
    except IsADirectoryError:
        message = "c'est un dossier, pas un fichier"
    except OSError as error:
        message = f"lecture impossible ({error.strerror})"
    raise SessionError([Problem(file, 0, 0, "", message)])


def _without_empty(data: object) -> object:
    """Return ``data`` without the keys left empty (``notes:``): an empty field is not filled in."""
    if isinstance(data, dict):
        return {key: _without_empty(value) for key, value in data.items() if value is not None}
    if isinstance(data, list):
        return [_without_empty(value) for value in data]
    return data
