"""Time ``educpop import`` on a copied text and on magazine PDFs of 20 and 200 two-column pages.

Run with ``make bench``. Prints the median of several runs for each input.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from bench_build import ROOT, timed

from educpop.importer import import_file
from educpop.importer.markdown import write
from educpop.importer.report import Report

sys.path.insert(0, str(ROOT / "tests"))
from importer.conftest import Page, make_pdf, sentence, wrap  # noqa: E402  (the tests' PDF maker, on their path)

SEED = ROOT.parent / "shared" / "seed" / "ciep-revolution-russe-1917.txt"


def magazine(path: Path, pages: int) -> Path:
    """Write a PDF of ``pages`` pages in two columns, each with a footnote, and return its path."""
    made: list[Page] = []
    for page in range(pages):
        columns = []
        for column in range(2):
            lines: list[str] = []
            number = 100 * page + 10 * column
            while len(lines) < 48:
                lines += [*wrap(" ".join(sentence(number + index) for index in range(3))), ""]
                number += 3
            columns.append(lines[:48])
        columns[0][5] += "^1"
        made.append(Page(columns=tuple(columns), notes=[f"1 Une note de la page {page + 1}."]))
    return make_pdf(path, made)


def run(path: Path) -> int:
    report = Report()
    markdown, _ = write(import_file(path, report))
    return len(markdown)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        if SEED.exists():
            timed("seed article (.txt, 20 kB)", lambda: run(SEED))
        for pages in (20, 200):
            pdf = magazine(Path(folder) / f"revue-{pages}.pdf", pages)
            size = timed(f"PDF, {pages} pages in two columns", lambda pdf=pdf: run(pdf), runs=1 if pages > 20 else 3)
            print(f"{'':<38} {size // 1000:8d} kB of Markdown")


if __name__ == "__main__":
    main()
