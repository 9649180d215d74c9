"""Print the hyphen rate of every document of the sample, in A4, in an A5 booklet and in large print.

Run with ``make bench``. The rate is the share of lines of running text that end
in a hyphen, measured on the built PDFs by the tests' reader (``hyphen_rate``).
"""

from __future__ import annotations

import contextlib
import io
import sys
import tempfile
from pathlib import Path

from educpop.cli import main

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sessions" / "revolution-russe-1917"
sys.path.insert(0, str(ROOT / "tests"))
from conftest import hyphen_rate  # noqa: E402  (the tests' PDF reader, on their path)

PAPERS = ("a4", "a5-livret", "gros-caracteres")


def report() -> None:
    """Build the sample's PDFs on each paper and print one line per document: cut lines / running lines."""
    with tempfile.TemporaryDirectory() as tmp:
        for paper in PAPERS:
            out = Path(tmp) / paper
            with contextlib.redirect_stdout(io.StringIO()):  # the names of the files written
                built = main(["build", str(SAMPLE), "-o", str(out), "--format", "pdf", "--paper", paper])
            if built != 0:
                raise SystemExit(f"la construction en {paper} a échoué")
            for pdf in sorted(out.glob("*.pdf")):
                if "-tout" in pdf.stem:
                    continue
                rate = hyphen_rate(pdf)
                print(f"{paper:<16} {pdf.stem:<40} {rate.cut:>3} / {rate.lines:<4} {rate.percent:5.1f} %")


if __name__ == "__main__":
    report()
