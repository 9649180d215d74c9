"""What embedding the fonts costs each DOCX: its size, and the time of a whole ``educpop build``.

Run with ``.venv/bin/python benchmarks/bench_docx_fonts.py`` (POSIX). Each build
runs in a child process, ``--format docx``, as a facilitator would run it, with
the fonts embedded and without (the same code with the renderer's
``embed_fonts`` hook replaced by a no-op). Printed: the median wall time and
CPU time (user + system, from ``os.wait4``, steadier on a shared machine) of
``RUNS`` builds, then the size of each DOCX of the sample with and without.
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
RUNS = 5

#: a build in a child process, its embedding hook turned off when argv[1] is "off"
CHILD = """
import sys
import educpop.render.docx
from educpop.cli import main
if sys.argv[1] == "off":
    educpop.render.docx.embed_fonts = lambda doc, family: None
sys.exit(main(sys.argv[2:]))
"""

#: what is built: the whole pack, then one document alone (the cost of cutting the faces is paid once per process)
CASES = (("whole pack (9 DOCX)", ()), ("fiches-questions alone", ("--only", "questions")),
         ("dossier-participant alone", ("--only", "handout")))  # fmt: skip


def build(out: Path, embed: bool, options: tuple[str, ...]) -> tuple[float, float]:
    """Return the wall and CPU seconds of one ``educpop build --format docx`` of the sample into ``out``."""
    command = [sys.executable, "-c", CHILD, "on" if embed else "off", "build", str(SAMPLE), "-o", str(out),
               "--format", "docx", "--force", *options]  # fmt: skip
    begin = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(child.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build failed: {command}")
    return time.perf_counter() - begin, usage.ru_utime + usage.ru_stime


def main() -> int:
    print(f"Python {sys.version.split()[0]}; median of {RUNS} builds, --format docx")
    print(f"{'build':<28} {'wall without':>12} {'with':>7} {'CPU without':>12} {'with':>7}")
    with tempfile.TemporaryDirectory() as scratch:
        folders = {embed: Path(scratch) / str(embed) for embed in (False, True)}
        for label, options in CASES:
            medians = {}
            for embed in (False, True):
                runs = [build(folders[embed], embed, options) for _ in range(RUNS)]
                medians[embed] = [statistics.median(run[i] for run in runs) for i in (0, 1)]
            (wall_off, cpu_off), (wall_on, cpu_on) = medians[False], medians[True]
            print(f"{label:<28} {wall_off:10.2f} s {wall_on:5.2f} s {cpu_off:10.2f} s {cpu_on:5.2f} s", flush=True)
        print(f"\n{'DOCX (whole pack)':<28} {'without':>9} {'with':>9} {'more':>9}")
        for embed, folder in folders.items():
            build(folder, embed, ())
        for path in sorted(folders[True].glob("*.docx")):
            off, on = (folders[False] / path.name).stat().st_size / 1024, path.stat().st_size / 1024
            print(f"{path.name:<28} {off:5.0f} KiB {on:5.0f} KiB {on - off:+5.0f} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
