"""Big inputs build (or stop with a clear error); their timings are measured in benchmarks/, not here.

reportlab lays a paragraph out in a time growing with the square of its length
(a 512 kB paragraph took 42 s); Markdown paragraphs are cut at sentence ends
into pieces of at most 8,000 characters, so a text's layout time stays linear.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from pypdf import PdfReader

from educpop.cli import main
from educpop.session.markdown import MAX_PARAGRAPH_CHARS, markdown_blocks
from hostile.conftest import SESSION, errors, run, session

WORDS = "le la les travail ouvrier·e·s député.e.s soviet révolution texte lecture groupe débat société".split()


def prose(characters: int, seed: int = 1) -> str:
    """Return one paragraph of about ``characters`` characters, with a sentence end now and then."""
    chance = random.Random(seed)
    words, size = [], 0
    while size < characters:
        word = chance.choice(WORDS) + ("." if chance.random() < 0.05 else "")
        words.append(word)
        size += len(word) + 1
    return " ".join(words)


def test_a_two_megabyte_paragraph_is_cut_at_sentence_ends_without_losing_a_word() -> None:
    text = prose(2_000_000)
    blocks = markdown_blocks(text)
    pieces = ["".join(run.text for run in block.content) for block in blocks]
    assert max(map(len, pieces)) <= MAX_PARAGRAPH_CHARS
    assert " ".join(pieces).split() == text.split()
    assert sum(piece.endswith(".") for piece in pieces) >= len(pieces) - 2  # cut after a sentence


def test_a_long_paragraph_prints_whole_in_pieces() -> None:
    # Laid out whole, one 400 kB paragraph takes reportlab about 25 s; cut, about 2 s
    # (timings in benchmarks/). Here: every word of it reaches the PDF.
    text = prose(400_000)
    session(SESSION + "sources:\n  - {id: t, title: T, file: sources/t.md}\n", {"sources/t.md": text})
    assert main(["build", "atelier", "-o", "sortie", "--only", "handout", "--format", "pdf"]) == 0
    assert len(PdfReader("sortie/dossier-participant.pdf").pages) > 50


def test_five_hundred_activities_build_in_bounded_time() -> None:
    activities = "".join(
        f"  - {{id: a{n}, title: Activité {n}, method: sous-groupes, duration: 1, notes: note {n}, "
        "steps: [un, deux]}\n"
        for n in range(500)
    )
    session(SESSION.split("activities:")[0].replace("duration: 2h", "duration: 9h") + "activities:\n" + activities)
    assert main(["build", "atelier", "-o", "sortie", "--only", "guide", "--format", "pdf"]) == 0
    assert Path("sortie/guide-animation.pdf").stat().st_size > 100_000


def test_a_source_text_over_five_megabytes_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    session(SESSION + "sources:\n  - {id: t, title: T, file: sources/t.md}\n", {"sources/t.md": "x" * 5_100_000})
    status, err = run(capsys, "build", "atelier", "-o", "sortie")
    assert status == 2 and errors(err) == ["atelier/sources/t.md: fichier trop gros (5100 ko, au plus 5000 ko)"]
    assert not Path("sortie").exists()
