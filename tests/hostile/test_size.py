"""Big inputs build whole (or stop with a clear error); their timings are measured in benchmarks/, not here.

reportlab lays a paragraph out in a time growing with the square of its length
(a 512 kB paragraph took 42 s); Markdown paragraphs are cut at sentence ends
into pieces of at most 8,000 characters, so a text's layout time stays linear.
What used to hang is run in a child process whose timeout only guards against
a hang: the tests check what reaches the documents, never how fast.
"""

from __future__ import annotations

import random
import re
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from conftest import pdf_text
from educpop.cli import main
from educpop.pack import MAX_SLUG_BYTES
from educpop.session.markdown import MAX_PARAGRAPH_CHARS, markdown_blocks
from hostile.conftest import SESSION, errors, run, session

WORDS = "le la les travail ouvrier·e·s député.e.s soviet révolution texte lecture groupe débat société".split()
SOURCE = "sources:\n  - {id: t, title: T, file: sources/t.md}\n"
#: far longer than any of these builds takes; reached only if one hangs
HANG_GUARD_SECONDS = 600


def prose(characters: int, seed: int = 1) -> str:
    """Return one paragraph of about ``characters`` characters, with a sentence end now and then."""
    chance = random.Random(seed)
    words, size = [], 0
    while size < characters:
        word = chance.choice(WORDS) + ("." if chance.random() < 0.05 else "")
        words.append(word)
        size += len(word) + 1
    return " ".join(words)


def letter_words(text: str) -> list[str]:
    """Return the words of ``text`` made of letters, in order."""
    return re.findall(r"[^\W\d_]+", text)


def printed_words(text: str, vocabulary: set[str]) -> list[str]:
    """Return the words of ``vocabulary`` in a PDF's ``text``, in order, joining those hyphenated at a page end.

    The start of such a word ends a page, its end begins the next one, after the
    footer and line numbers: a piece outside the vocabulary waits for the piece that completes it.
    """
    words, cut = [], ""
    for word in re.findall(r"[^\W\d_]+", text):
        if cut and cut + word in vocabulary:
            words.append(cut + word)
            cut = ""
        elif word in vocabulary:
            words.append(word)
            cut = ""
        elif not cut:
            cut = word
    return words


def build_in_child(*options: str) -> None:
    """Build ``atelier`` into ``sortie`` in a child process, failing (not hanging) if it never ends."""
    done = subprocess.run([sys.executable, "-m", "educpop", "build", "atelier", "-o", "sortie", *options],
                          capture_output=True, text=True, timeout=HANG_GUARD_SECONDS)
    assert done.returncode == 0, done.stderr[-2000:]


def test_a_two_megabyte_paragraph_is_cut_at_sentence_ends_without_losing_a_word() -> None:
    text = prose(2_000_000)
    blocks = markdown_blocks(text)
    pieces = ["".join(run.text for run in block.content) for block in blocks]
    assert max(map(len, pieces)) <= MAX_PARAGRAPH_CHARS
    assert " ".join(pieces).split() == text.split()
    assert sum(piece.endswith(".") for piece in pieces) >= len(pieces) - 2  # cut after a sentence


def test_every_word_of_a_long_paragraph_reaches_the_pdf_in_order() -> None:
    text = prose(100_000)
    session(SESSION + SOURCE, {"sources/t.md": text})
    assert main(["build", "atelier", "-o", "sortie", "--only", "handout", "--format", "pdf"]) == 0
    written = letter_words(text)
    printed = printed_words(pdf_text(Path("sortie/dossier-participant.pdf")), set(written))
    assert printed[-len(written) :] == written  # before the text, the handout's own words (« les lignes… »)


def test_every_letter_of_a_one_megabyte_word_reaches_the_pdf() -> None:
    # the e-mail address rule of typography once tried every letter of such a word as the start of an address
    session(SESSION + SOURCE, {"sources/t.md": "Début. " + "x" * 1_000_000 + " fin.\n"})
    build_in_child("--only", "handout", "--format", "pdf")
    printed = pdf_text(Path("sortie/dossier-participant.pdf"))
    assert printed.count("x") == 1_000_000 and "Début" in printed and "fin" in printed


def test_five_hundred_activities_all_reach_the_guide_with_their_notes() -> None:
    activities = "".join(
        f"  - {{id: a{n}, title: Activité {n}, method: sous-groupes, duration: 1, notes: note{n}, "
        "steps: [un, deux]}\n"
        for n in range(500)
    )
    session(SESSION.split("activities:")[0].replace("duration: 2h", "duration: 9h") + "activities:\n" + activities)
    build_in_child("--only", "guide", "--format", "pdf")
    printed = pdf_text(Path("sortie/guide-animation.pdf"))
    assert re.findall(r"note(\d+)", printed) == [str(n) for n in range(500)]


@pytest.mark.parametrize("paper", ["a4", "a5-livret", "gros-caracteres"])
def test_a_glossary_definition_or_timeline_event_taller_than_a_page_is_printed_whole(paper: str) -> None:
    long_text = " ".join(f"mot{chr(97 + n % 26)}" for n in range(2_000))  # 10,000 characters, a dozen pages
    session(
        SESSION + f'glossary:\n  - {{term: terme, definition: "{long_text}"}}\n'
        f'timeline:\n  - {{date: "1917", event: "{long_text}"}}\n'
    )
    assert main(["build", "atelier", "-o", "sortie", "--only", "handout", "--format", "pdf", "--paper", paper]) == 0
    name = {"a4": "dossier-participant.pdf", "a5-livret": "dossier-participant-livret.pdf",
            "gros-caracteres": "dossier-participant-gros-caracteres.pdf"}[paper]
    written = letter_words(long_text) * 2
    printed = printed_words(pdf_text(Path("sortie") / name), set(written))
    if paper == "a5-livret":  # the booklet's pages are in folding order, not reading order
        printed, written = sorted(printed), sorted(written)
    assert printed == written


def test_an_organisation_name_longer_than_a_word_document_property_is_cut_in_the_properties() -> None:
    name = "Association " + "très " * 100
    session(SESSION.replace("title: Atelier", f"title: Atelier\norganisation: {name}"))
    assert main(["build", "atelier", "-o", "sortie", "--only", "guide", "--format", "docx"]) == 0
    author = docx.Document("sortie/guide-animation.docx").core_properties.author
    assert len(author) == 255 and author.endswith("…") and name.startswith(author[:-1])


def test_a_session_longer_than_a_day_is_refused_naming_the_line(capsys: pytest.CaptureFixture[str]) -> None:
    session(SESSION.replace("duration: 2h", "duration: 10000000000"))
    status, err = run(capsys, "check", "atelier")
    assert status == 2 and errors(err) == [
        "atelier/session.yaml:3:11: duration: attendu une durée d'au plus 24 h (une journée), trouvé « 10000000000 »"
    ]


def test_an_activity_longer_than_a_day_is_refused_naming_the_line(capsys: pytest.CaptureFixture[str]) -> None:
    session(SESSION.replace("duration: 30", "duration: 100000000000000000000000"))
    status, err = run(capsys, "check", "atelier")
    assert status == 2 and errors(err) == [
        "atelier/session.yaml:9:15: activities[1].duration: attendu une durée d'au plus 24 h (une journée), "
        "trouvé « 100000000000000000000000 »"
    ]


def test_an_activity_growing_with_the_group_longer_than_a_day_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    session(SESSION.replace("duration: 30", 'duration: "5 + 10000000000/groupe"'))
    status, err = run(capsys, "check", "atelier")
    assert status == 2 and errors(err) == [
        "atelier/session.yaml:9:15: activities[1].duration: attendu une durée d'au plus 24 h (une journée), "
        "trouvé « 5 + 10000000000/groupe »"
    ]


def test_a_glossary_of_more_than_a_thousand_entries_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    entries = "".join(f"  - {{term: m{n}, definition: d{n}}}\n" for n in range(1_001))
    session(SESSION + "glossary:\n" + entries)
    status, err = run(capsys, "check", "atelier")
    assert status == 2 and errors(err) == ["atelier/session.yaml:11:3: glossary: attendu au plus 1 000 éléments, "
                                           "trouvé 1 001"]


def test_a_session_folder_with_a_very_long_name_builds_under_a_shortened_name() -> None:
    folder = Path("séance-" + "x" * 239)  # 246 characters, 247 bytes: a valid folder name
    (folder / "sources").mkdir(parents=True)
    (folder / "session.yaml").write_text(SESSION, encoding="utf-8")
    assert main(["build", str(folder)]) == 0
    (pack,) = Path("handouts").iterdir()
    names = {path.name for path in pack.iterdir()}
    assert pack.name.startswith("séance-xxx") and len(pack.name.encode()) <= MAX_SLUG_BYTES
    assert f"{pack.name}-tout.pdf" in names and f"{pack.name}.zip" in names
    assert "guide-animation.pdf" in names


def test_two_long_folder_names_sharing_their_start_get_different_packs() -> None:
    for end in ("un", "deux"):
        folder = Path("x" * 200 + end)
        folder.mkdir()
        (folder / "session.yaml").write_text(SESSION, encoding="utf-8")
        assert main(["build", str(folder), "--only", "guide"]) == 0
    assert len(list(Path("handouts").iterdir())) == 2


def test_a_source_text_over_five_megabytes_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    session(SESSION + SOURCE, {"sources/t.md": "x" * 5_100_000})
    status, err = run(capsys, "build", "atelier", "-o", "sortie")
    assert status == 2 and errors(err) == ["atelier/sources/t.md: fichier trop gros (5100 ko, au plus 5000 ko)"]
    assert not Path("sortie").exists()
