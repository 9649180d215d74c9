"""``educpop import`` end to end: a PDF becomes a session's source, and the handout and the kit use it."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import docx_text, squash, write_session
from educpop.cli import main
from educpop.document import Note, SourceText, Text, inline_text, text_runs
from educpop.generators import registry
from educpop.plan import Options, make_plan
from educpop.session.load import load_workshop
from importer.conftest import Page, make_pdf, sentence, wrap

SESSION = """\
title: "Lire la revue ensemble"   # un commentaire à garder
group: {min: 20, max: 24}
duration: 1h
start: "18:00"
sources: []
activities:
  - id: arpentage
    title: "Arpentage de l'article"
    method: arpentage
    source: revue
    grouping: pairs
    duration: 45
"""


def _article(path: Path) -> Path:
    """Write a two-page, two-column PDF of 24 paragraphs of two sentences, the second one calling a note."""
    lines: list[str] = []
    for number in range(24):
        text = " ".join(sentence(2 * number + index) for index in range(2))
        wrapped = wrap(text)
        if number == 1:
            wrapped[-1] += "^1"
        lines += [*wrapped, ""]
    half = len(lines) // 4
    pages = [Page(columns=(lines[0:half], lines[half:2 * half]), notes=["1 La note du deuxième paragraphe."]),
             Page(columns=(lines[2 * half:3 * half], lines[3 * half:]))]
    return make_pdf(path, pages)


@pytest.fixture
def session(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Path:
    monkeypatch.chdir(tmp_path)
    folder = write_session(SESSION)
    assert main(["import", str(_article(tmp_path / "revue.pdf")), "--session", str(folder), "--rapport"]) == 0
    return folder


def test_the_import_adds_the_source_to_the_session_and_prints_its_report(
        session: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = capsys.readouterr().out
    assert report.startswith("Import de « revue.pdf » vers « atelier/sources/revue.md »\n  paragraphes : 24\n")
    assert report.endswith("\nAjouté aux sources de atelier/session.yaml avec l'id « revue ».\n")
    assert (session / "sources" / "revue.rapport.txt").read_text(encoding="utf-8") == report
    assert (session / "session.yaml").read_text(encoding="utf-8") == SESSION.replace(
        "sources: []\n", 'sources:\n  - {id: revue, title: "revue", file: sources/revue.md}\n')


def test_the_imported_text_gives_the_kit_one_balanced_part_per_pair(session: Path) -> None:
    plan = make_plan(load_workshop(session), Options())
    parts = plan.arpentage_parts(plan.arpentage_activities()[0])
    assert [(part.first, part.last, part.total) for part in parts] == [(2 * n + 1, 2 * n + 2, 24) for n in range(12)]
    sizes = [sum(len(run.text) for run, _ in text_runs(list(part.blocks))) for part in parts]
    assert max(sizes) < 1.3 * min(sizes)
    assert main(["build", str(session), "--only", "arpentage", "--format", "docx", "-o", "out"]) == 0
    kit = squash(docx_text(Path("out") / "kit-arpentage.docx"))
    assert "Arpentage – partie 12 sur 12" in kit and squash(sentence(47)) in kit


def test_the_handout_prints_the_imported_text_with_its_footnote_and_numbered_lines(session: Path) -> None:
    plan = make_plan(load_workshop(session), Options())
    handout = registry()["handout"].build(plan)
    texts = [block for block in handout.blocks if isinstance(block, SourceText)]
    assert len(texts) == 1 and texts[0].number_every == 5
    printed = " ".join(run.text for run, _ in text_runs(texts))
    assert printed.startswith(" ".join(sentence(index) for index in range(4)))
    second = texts[0].paragraphs[1]
    assert inline_text(second).endswith(sentence(3))
    assert second[-1] == Note([Text("La note du deuxième paragraphe.")])
