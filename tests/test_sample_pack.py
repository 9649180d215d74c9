"""The sample workshop, built end to end, read back from the DOCX and PDF files."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
import yaml

from conftest import SAMPLE, docx_text, pack_generators, pdf_pages, pdf_text, squash
from educpop.generators import registry
from educpop.session.values import parse_duration

DEFINITION = yaml.safe_load((SAMPLE / "session.yaml").read_text(encoding="utf-8"))
FORMATS = ("pdf", "docx")


def read(pack: Path, stem: str, fmt: str) -> str:
    path = pack / f"{stem}.{fmt}"
    return squash(pdf_text(path) if fmt == "pdf" else docx_text(path))


def expected_agenda() -> list[tuple[str, str]]:
    """Return (clock time, title) of every activity, computed here from the YAML alone."""
    clock = datetime.strptime(DEFINITION["start"], "%H:%M")
    agenda = []
    for activity in DEFINITION["activities"]:
        agenda.append((f"{clock.hour}h{clock.minute:02d}", activity["title"]))
        clock += timedelta(minutes=parse_duration(activity["duration"]))
    return agenda


def test_the_pack_holds_every_document_in_two_formats(sample_pack: Path) -> None:
    names = sorted(p.name for p in sample_pack.iterdir() if not p.name.startswith("."))
    generators = pack_generators(SAMPLE)
    assert len(generators) == len(registry())  # the sample needs every kind of document
    assert names == sorted([
        *(f"{generator.file_stem}.{fmt}" for generator in generators for fmt in FORMATS),
        f"{SAMPLE.name}-tout.pdf", f"{SAMPLE.name}.zip",  # combined PDF and zip, since several documents
    ])


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_guide_gives_every_activity_with_its_clock_time(sample_pack: Path, fmt: str) -> None:
    text = read(sample_pack, "guide-animation", fmt)
    assert squash(DEFINITION["title"]) in text
    agenda = expected_agenda()
    assert len(agenda) >= 7
    for clock, title in agenda:
        assert f"{clock} – " in text, clock
        assert squash(title) in text, title
    last_end = datetime.strptime(DEFINITION["start"], "%H:%M") + timedelta(
        minutes=sum(parse_duration(a["duration"]) for a in DEFINITION["activities"]))
    assert f"– {last_end.hour}h{last_end.minute:02d}" in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_guide_reads_instructions_and_notes_to_the_facilitator(sample_pack: Path, fmt: str) -> None:
    text = read(sample_pack, "guide-animation", fmt)
    for activity in DEFINITION["activities"]:
        for field in ("instructions", "notes"):
            if activity.get(field):
                assert squash(activity[field])[:60] in text, (activity["id"], field)


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_question_is_on_a_sheet(sample_pack: Path, fmt: str) -> None:
    text = read(sample_pack, "fiches-questions", fmt)
    questions = [q["text"] for theme in DEFINITION["questions"] for q in theme["items"]]
    assert len(questions) >= 15
    for question in questions:
        assert squash(question) in text, question
    assert "Fiche questions – groupe A" in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_accents_and_cyrillic_survive_in_the_handout(sample_pack: Path, fmt: str) -> None:
    text = read(sample_pack, "dossier-participant", fmt)
    originals = [g["original"] for g in DEFINITION["glossary"] if g.get("original")]
    assert any(any("\u0400" <= ch <= "\u04ff" for ch in o) for o in originals)
    for original in originals:
        assert squash(original) in text, original
    for word in ("Petrograd", "révolution", "« ", " »", "œ"):
        assert word in text, word
    assert "’" in (pdf_text(sample_pack / "dossier-participant.pdf") if fmt == "pdf"
                   else docx_text(sample_pack / "dossier-participant.docx"))


@pytest.mark.parametrize("fmt", FORMATS)
def test_facilitator_notes_never_reach_participants(sample_pack: Path, fmt: str) -> None:
    secrets = [a["notes"] for a in DEFINITION["activities"] if a.get("notes")]
    secrets += [q["hint"] for t in DEFINITION["questions"] for q in t["items"] if q.get("hint")]
    assert secrets
    for stem in ("dossier-participant", "fiches-questions"):
        text = read(sample_pack, stem, fmt)
        for secret in secrets:
            assert squash(secret)[:50] not in text, (stem, secret[:50])


def test_the_pdfs_have_sensible_page_counts(sample_pack: Path) -> None:
    assert pdf_pages(sample_pack / "guide-animation.pdf") >= 8
    assert pdf_pages(sample_pack / "dossier-participant.pdf") >= 5
    sheets = 4  # 20 participants in sub-groups of 5
    assert pdf_pages(sample_pack / "fiches-questions.pdf") >= sheets
