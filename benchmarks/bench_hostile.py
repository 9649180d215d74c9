"""Time and weigh whole ``educpop build`` processes on pathological sessions (issue 10, "bounded everything").

Run with ``make bench``. Each case is built once, in a child process, into a
scratch folder; printed: its exit status, wall time and peak memory (maximum
resident set size of the child, from ``os.wait4``). POSIX only.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEAD = 'title: Épreuve\ngroup: {min: 4, max: 500}\nduration: 2h\nstart: "09:00"\n'
ACTIVITY = "activities:\n  - {id: a, title: Accueil, method: accueil, duration: 30}\n"
READING = (
    "sources:\n  - {id: t, title: Texte, file: sources/t.md}\n"
    "activities:\n  - {id: a, title: Lecture, method: arpentage, source: t, duration: 60, grouping: pairs}\n"
)
QUESTIONS = (
    "activities:\n  - {id: a, title: Groupes, method: sous-groupes, grouping: subgroups, duration: 30,"
    " questions: [q]}\n"
    "questions:\n  - {id: q, title: Q, items: [{level: today, text: \"Et alors ?\"}]}\n"
)
LONG = " ".join(f"mot{n % 10}" for n in range(2_000))

#: name, folder name, session.yaml, other files, extra options
CASES: list[tuple[str, str, str, dict[str, str], list[str]]] = [
    ("list nested 12 levels, then text", "liste", HEAD + READING,
     {"sources/t.md": "".join(f"{'  ' * n}- niveau {n}\n" for n in range(12)) + "\nLa suite du texte.\n"}, []),
    ("1.3 MB of lists and quotes nested 40 deep", "imbrication", HEAD + READING,
     {"sources/t.md": ("".join(f"{'  ' * n}{'> ' if n % 2 else '- '}mot {n}\n" for n in range(40)) + "\n") * 700},
     []),
    ("a 1 MB word", "mot", HEAD + READING, {"sources/t.md": "Début. " + "x" * 1_000_000 + " fin.\n"}, []),
    ("glossary of 20,000 entries (refused)", "lexique",
     HEAD + ACTIVITY + "glossary:\n" + "".join(f"  - {{term: m{n}, definition: d{n}}}\n" for n in range(20_000)),
     {}, []),
    ("glossary of 1,000 entries", "lexique-mille",
     HEAD + ACTIVITY + "glossary:\n" + "".join(f"  - {{term: m{n}, definition: d{n}}}\n" for n in range(1_000)),
     {}, []),
    ("definition and event of 10,000 characters", "cellule",
     HEAD + ACTIVITY + f'glossary:\n  - {{term: t, definition: "{LONG}"}}\n'
     f'timeline:\n  - {{date: "1917", event: "{LONG}"}}\n',
     {}, ["--paper", "a5-livret"]),
    ("duration: 10000000000 (refused)", "duree", HEAD.replace("2h", "10000000000") + ACTIVITY, {}, []),
    ("session folder name of 246 characters", "x" * 246, HEAD + ACTIVITY, {}, []),
    ("template [[[1]*10000]*10000]*10000 (refused)", "bombe", HEAD + QUESTIONS,
     {"templates/fr.j2": "{% macro sheet_title(label) %}{{ [[[1]*10000]*10000]*10000 }}{% endmacro %}"},
     ["--participants", "500"]),
    ("slow macros, 500 participants (stopped)", "lent", HEAD + QUESTIONS,
     {"templates/fr.j2": "{% macro sheet_title(label) %}{% for a in range(1000) %}{% for b in range(60) %}"
                         "{% endfor %}{% endfor %}{{ label }}{% endmacro %}"},
     ["--participants", "500"]),
]  # fmt: skip


def measure(scratch: Path, folder: str, session: str, files: dict[str, str], options: list[str]) -> str:
    """Return the exit status, wall time and peak memory of one whole build of the session described."""
    root = scratch / folder
    for name, content in {"session.yaml": session, **files}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(content, encoding="utf-8")
    command = [sys.executable, "-m", "educpop", "build", str(root), *options]
    begin = time.perf_counter()
    child = subprocess.Popen(command, cwd=scratch, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - begin
    return f"exit {os.waitstatus_to_exitcode(status)}  {seconds:7.1f} s  {usage.ru_maxrss / 1024:6.0f} MiB"


def main() -> int:
    print(f"Python {sys.version.split()[0]}; whole `educpop build`, one run each")
    with tempfile.TemporaryDirectory() as scratch:
        for label, folder, session, files, options in CASES:
            print(f"{label:<48} {measure(Path(scratch), folder, session, files, options)}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
