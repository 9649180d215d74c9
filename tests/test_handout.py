"""The participant handout's glossary and timeline, read from the document tree."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import write_session
from educpop.document import Block, Heading, Inlines, Table, Timeline, walk_text
from educpop.generators import registry
from educpop.plan import make_plan
from educpop.session.load import load_workshop

SESSION = """\
title: "Lexique"
group: {min: 4, max: 8}
duration: 30
start: "10:00"
activities:
  - {id: accueil, title: "Accueil", method: accueil, duration: 30}
"""


def cell_text(cell: Inlines) -> str:
    return "".join(run.text for run in cell)


def handout_blocks(extra: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Block]:
    """Return the blocks of the handout of ``SESSION`` followed by ``extra`` (more YAML keys)."""
    monkeypatch.chdir(tmp_path)
    workshop = load_workshop(write_session(SESSION + extra))
    return registry()["handout"].build(make_plan(workshop)).blocks


def glossary(entries: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Table:
    blocks = handout_blocks("glossary:\n" + entries, tmp_path, monkeypatch)
    heading = next(i for i, b in enumerate(blocks) if isinstance(b, Heading) and walk_text([b]) == ["Lexique"])
    table = blocks[heading + 1]
    assert isinstance(table, Table)
    return table


def test_glossary_sorts_accented_and_capital_words_with_their_letter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    table = glossary(
        '  - {term: "Zemstvo", definition: "a"}\n'
        '  - {term: "émeute", definition: "b"}\n'
        '  - {term: "eux", definition: "c"}\n'
        '  - {term: "Ecole", definition: "d"}\n'
        '  - {term: "Œuvre", definition: "e"}\n'
        '  - {term: "octobre", definition: "f"}\n',
        tmp_path, monkeypatch,
    )
    assert [cell_text(row[0]) for row in table.rows] == ["Ecole", "émeute", "eux", "octobre", "Œuvre", "Zemstvo"]


def test_glossary_without_any_original_term_has_no_original_language_column(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    table = glossary('  - {term: "soviet", definition: "Conseil élu."}\n', tmp_path, monkeypatch)
    assert [cell_text(cell) for cell in table.header] == ["Mot", "Définition"]
    assert [cell_text(cell) for cell in table.rows[0]] == ["soviet", "Conseil élu."]


def test_glossary_keeps_the_original_language_column_when_one_term_has_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    table = glossary(
        '  - {term: "soviet", original: "совет", definition: "Conseil élu."}\n'
        '  - {term: "douma", definition: "Assemblée."}\n',
        tmp_path, monkeypatch,
    )
    assert [cell_text(cell) for cell in table.header] == ["Mot", "En langue d'origine", "Définition"]
    assert [cell_text(cell) for cell in table.rows[1]] == ["soviet", "совет", "Conseil élu."]


def test_the_timeline_is_in_date_order_whatever_the_order_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocks = handout_blocks(
        "timeline:\n"
        '  - {date: "1917-10-25", event: "Octobre"}\n'
        '  - {date: "1905", event: "Première révolution"}\n'
        '  - {date: "1918-03-03", event: "Brest-Litovsk"}\n'
        '  - {date: "1917", event: "L\'année entière"}\n'
        '  - {date: "1917-03", event: "Février"}\n'
        '  - {date: "1917-03-08", event: "Journée des femmes"}\n',
        tmp_path, monkeypatch,
    )
    timeline = next(block for block in blocks if isinstance(block, Timeline))
    assert [(event.when.replace("\u00a0", " "), cell_text(event.content)) for event in timeline.events] == [
        ("1905", "Première révolution"), ("1917", "L'année entière"), ("mars 1917", "Février"),
        ("8 mars 1917", "Journée des femmes"), ("25 octobre 1917", "Octobre"), ("3 mars 1918", "Brest-Litovsk"),
    ]
