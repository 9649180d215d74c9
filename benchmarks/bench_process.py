"""Time whole ``educpop`` processes as a facilitator runs them: start-up, ``check``, ``build``.

Run with ``make bench`` (or ``python benchmarks/bench_process.py [RUNS]``). Each
command runs ``RUNS`` times (5 unless told) in a child process; printed: the
median CPU time of the child (user + system, from ``os.wait4``), the median wall
time and the largest resident set. CPU time is the number to compare: on a
shared machine, wall time also counts the other processes. The build is also
compared with the bare libraries writing a comparable document (python-docx and
reportlab, no educpop). POSIX only.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sessions" / "revolution-russe-1917"
EDUCPOP = [sys.executable, "-m", "educpop"]

#: a document about as long as the sample's guide (22 pages): headings, paragraphs, a list, a table
BARE_LIBRARIES = '''
import io, sys
import docx
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table
from reportlab.pdfbase.pdfmetrics import registerFont
from reportlab.pdfbase.ttfonts import TTFont
registerFont(TTFont("DejaVu", sys.argv[1]))
body = ParagraphStyle("body", fontName="DejaVu", fontSize=11, leading=14)
heading = ParagraphStyle("heading", fontName="DejaVu", fontSize=16, leading=20)
words = "Les soviets élisent leurs délégué·e·s, qui rendent compte à leur assemblée. " * 8
for copy in range(9):
    doc = docx.Document()
    story = []
    for section in range(12):
        doc.add_heading(f"Partie {section}", 1)
        story.append(Paragraph(f"Partie {section}", heading))
        for _ in range(6):
            doc.add_paragraph(words)
            story.append(Paragraph(words, body))
        for item in range(4):
            doc.add_paragraph(f"point {item}", style="List Bullet")
        rows = [[f"cellule {row} {col}" for col in range(3)] for row in range(5)]
        table = doc.add_table(rows=5, cols=3)
        for row, cells in zip(table.rows, rows):
            for cell, text in zip(row.cells, cells):
                cell.text = text
        story.append(Table(rows))
    doc.save(io.BytesIO())
    SimpleDocTemplate(io.BytesIO()).build(story)
'''


def run(command: list[str], cwd: Path) -> tuple[float, float, int]:
    """Return the CPU seconds (user + system), wall seconds and peak KiB of one run of ``command``."""
    begin = time.perf_counter()
    child = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - begin
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed")
    return usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss


def measure(label: str, command: list[str], cwd: Path, runs: int) -> None:
    """Print the medians of ``runs`` runs of ``command``."""
    results = [run(command, cwd) for _ in range(runs)]
    cpu = statistics.median(r[0] for r in results)
    wall = statistics.median(r[1] for r in results)
    peak = max(r[2] for r in results)
    print(f"{label:<44} {cpu * 1000:7.0f} ms CPU {wall * 1000:7.0f} ms wall {peak / 1024:6.0f} MiB")


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    print(f"Python {sys.version.split()[0]}, median of {runs} runs, CPU = user + system of the child")
    from educpop.theme import DEJAVU_SANS

    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "pack"
        measure("python -c pass (the interpreter alone)", [sys.executable, "-c", "pass"], ROOT, runs)
        measure("educpop --version", [*EDUCPOP, "--version"], ROOT, runs)
        measure("educpop check (sample)", [*EDUCPOP, "check", str(SAMPLE)], ROOT, runs)
        measure("educpop build (sample, DOCX and PDF)", [*EDUCPOP, "build", str(SAMPLE), "-o", str(out)], ROOT, runs)
        measure("educpop build --format pdf", [*EDUCPOP, "build", str(SAMPLE), "--format", "pdf", "-o", str(out)],
                ROOT, runs)
        measure("educpop build --format docx", [*EDUCPOP, "build", str(SAMPLE), "--format", "docx", "-o", str(out)],
                ROOT, runs)
        measure("bare python-docx + reportlab, 9 × 2 files", [sys.executable, "-c", BARE_LIBRARIES,
                                                              str(DEJAVU_SANS.regular)], ROOT, runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
