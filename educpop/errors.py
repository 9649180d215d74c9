"""One exception root: a user mistake prints its message and exits 2, anything else is a bug."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class EducpopError(Exception):
    """A mistake the user can fix; the CLI prints it without a traceback and exits 2."""

    #: shown before the message, e.g. "session invalide"
    category = "erreur"


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one place of one file."""

    file: Path
    line: int  # 1-based; 0 when unknown
    column: int  # 1-based; 0 when unknown
    field: str  # dotted path, e.g. "activities[2].duration"
    message: str

    def __str__(self) -> str:
        where = str(self.file)
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class SessionError(EducpopError):
    """A session definition (or one of its files) has one or more problems."""

    category = "session invalide"

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


class BuildError(EducpopError):
    """The pack cannot be written (disk full, file edited by hand, bad option)."""

    category = "construction impossible"
