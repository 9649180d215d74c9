"""The participant handout's glossary, read from the document tree."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import write_session
from educpop.document import Heading, Inlines, Table, walk_text
from educpop.generators import registry
from educpop.plan import make_plan
from educpop.session.load import load_workshop

SESSION = """\
title: "Lexique"
group: {{min: 4, max: 8}}
duration: 30
start: "10:00"
activities:
  - {{id: accueil, title: "Accueil", method: accueil, duration: 30}}
glossary:
{entries}
"""


def cell_text(cell: Inlines) -> str:
    return "".join(run.text for run in cell)


def glossary(entries: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Table:
    monkeypatch.chdir(tmp_path)
    workshop = load_workshop(write_session(SESSION.format(entries=entries)))
    blocks = registry()["handout"].build(make_plan(workshop)).blocks
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
