"""Time each stage of building the sample pack, and a pack ten times its size.

Run with ``make bench``. Prints the CPU time of each stage (``time.process_time``:
other processes on the machine do not count), first run and median of three.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import yaml

from educpop.document import Document
from educpop.pack import Output, add_bundles, make_documents, render_all, select_formats, select_generators
from educpop.plan import make_plan
from educpop.render import FORMATS
from educpop.session.load import load_workshop
from educpop.session.variant import variant_names
from educpop.theme_file import default_theme
from educpop.writes import write_pack

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sessions" / "revolution-russe-1917"

T = TypeVar("T")


def timed(label: str, action: Callable[[], T], runs: int = 3) -> T:
    """Run ``action`` ``runs`` times (at least once), print the CPU time of the first run and the median, return
    the last result.

    The first run is the one a build makes: later ones find the looks made already
    (the DOCX styles, the PDF styles, the source texts' lines are made once per build).
    """
    times: list[float] = []
    for _ in range(max(runs, 1)):
        begin = time.process_time()
        result = action()
        times.append(time.process_time() - begin)
    print(f"{label:<38} {times[0] * 1000:8.0f} ms first {statistics.median(times) * 1000:8.0f} ms median")
    return result


class _NoAliasDumper(yaml.SafeDumper):
    """Write repeated values in full: educpop refuses YAML aliases."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def scaled_copy(folder: Path, factor: int) -> None:
    """Write into ``folder`` the sample with its activities and texts repeated ``factor`` times."""
    definition = yaml.safe_load((SAMPLE / "session.yaml").read_text(encoding="utf-8"))
    activities = definition["activities"]
    # A session lasts at most 24 h: each activity is ``factor`` times shorter, so the whole still fits.
    definition["activities"] = [
        {**a, "id": f"{a['id']}-{i}", "optional": False,
         "duration": max(1, int(str(a["duration"]).split()[0]) // factor)}
        for i in range(factor) for a in activities
    ]
    definition["duration"] = sum(int(str(a["duration"]).split()[0]) for a in definition["activities"])
    (folder / "sources").mkdir(parents=True)
    for source in definition["sources"]:
        text = (SAMPLE / source["file"]).read_text(encoding="utf-8")
        (folder / source["file"]).write_text("\n\n".join([text] * factor), encoding="utf-8")
    dumped = yaml.dump(definition, Dumper=_NoAliasDumper, allow_unicode=True)
    (folder / "session.yaml").write_text(dumped, encoding="utf-8")


def renderer(documents: list[Document], fmt: str) -> Callable[[], list[Output]]:
    """Return an action that renders ``documents`` in ``fmt`` with the default theme."""
    return lambda: render_all(documents, [FORMATS[fmt]], default_theme())


def bench(folder: Path, title: str) -> None:
    print(f"\n{title}")
    workshop = timed("load + validate", lambda: load_workshop(folder))
    for name in variant_names(folder):
        timed(f"load + validate, variant {name}", lambda name=name: load_workshop(folder, name))
    plan = timed("plan", lambda: make_plan(workshop))
    names = select_generators()
    documents = timed(f"generate + typeset ({len(names)} kinds)", lambda: make_documents(plan, names))
    for fmt in ("docx", "pdf"):
        timed(f"render {fmt}", renderer(documents, fmt))
    rendered = render_all(documents, select_formats(), default_theme())
    outputs = timed("combined PDF + zip", lambda: add_bundles(rendered, folder.name, folder.name))
    with tempfile.TemporaryDirectory() as out:
        timed("write pack", lambda: write_pack(Path(out), outputs, force=True))
    print(f"{'pack size':<38} {sum(len(o.content) for o in outputs) / 1024:8.0f} KiB")


HEAD = """title: Épreuve de taille
group: {min: 8, max: 20}
duration: %s
start: "09:00"
"""


def hostile_sizes(scratch: Path) -> None:
    """Time whole builds of the sizes issue 4 asks for: a 2 MB text, 500 activities."""
    print("\nHostile sizes (whole pack, DOCX and PDF, one run each)")
    sentence = "Les soviets élisent leurs délégué·e·s, qui rendent compte à leur assemblée. "
    text = scratch / "texte"
    (text / "sources").mkdir(parents=True)
    (text / "sources" / "t.md").write_text(sentence * (2_000_000 // len(sentence)), encoding="utf-8")
    (text / "session.yaml").write_text(
        HEAD % "1h" + "sources:\n  - {id: t, title: Texte, file: sources/t.md}\n"
        "activities:\n  - {id: a, title: Lecture, method: arpentage, source: t, duration: 60, grouping: pairs}\n",
        encoding="utf-8",
    )
    many = scratch / "activites"
    many.mkdir()
    (many / "session.yaml").write_text(
        HEAD % "9h" + "activities:\n" + "".join(
            f"  - {{id: a{n}, title: Activité {n}, method: expose, duration: 1, notes: Note {n}}}\n"
            for n in range(500)
        ),
        encoding="utf-8",
    )
    for folder, label in ((text, "2 MB source text"), (many, "500 activities")):
        timed(label, lambda folder=folder: full_build(folder, scratch / f"out-{folder.name}"), runs=1)


def full_build(folder: Path, out: Path) -> list[Path]:
    """Return the files of a whole build of ``folder`` into ``out``, as ``educpop build`` makes them."""
    plan = make_plan(load_workshop(folder))
    outputs = render_all(make_documents(plan, select_generators()), select_formats(), default_theme())
    return write_pack(out, add_bundles(outputs, folder.name, folder.name), force=True)


def main() -> int:
    print(f"Python {sys.version.split()[0]}")
    bench(SAMPLE, "Sample workshop (revolution-russe-1917)")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "big"
        scaled_copy(folder, 10)
        bench(folder, "Ten times the sample (activities and texts)")
        hostile_sizes(Path(scratch))
    return 0


if __name__ == "__main__":
    sys.exit(main())
