"""The imported text joins the session's sources; every other byte of session.yaml stays as it was."""

from __future__ import annotations

from pathlib import PurePosixPath

import pytest

from educpop.importer.model import ImportFailure
from educpop.importer.session_entry import add_source

SESSION = """\
title: "Atelier"   # le titre
# les textes étudiés
sources:
  - id: lecons
    title: "Leçons"          # un commentaire à garder
    file: sources/lecons.md

  # fin des sources
activities:
  - {id: accueil, title: Accueil, method: accueil, duration: 15}
"""


def test_the_source_is_one_line_added_under_the_last_one() -> None:
    text, source_id = add_source(SESSION, PurePosixPath("sources/revue-12.md"), "Les « communes »", "s.yaml")
    assert source_id == "revue-12"
    lines = SESSION.splitlines(keepends=True)
    assert text == "".join(lines[:6] + ['  - {id: revue-12, title: "Les « communes »", file: sources/revue-12.md}\n']
                           + lines[6:])


def test_the_id_is_made_unique_and_a_source_already_listed_is_not_added_twice() -> None:
    text, source_id = add_source(SESSION, PurePosixPath("sources/Leçons.md"), "Encore", "s.yaml")
    assert source_id == "lecons-2"
    again, none = add_source(text, PurePosixPath("sources/Leçons.md"), "Encore", "s.yaml")
    assert (again, none) == (text, None)


def test_a_session_without_sources_gets_the_list() -> None:
    text, _ = add_source('title: "Atelier"\n', PurePosixPath("sources/a.md"), "A", "s.yaml")
    assert text == 'title: "Atelier"\nsources:\n  - {id: a, title: "A", file: sources/a.md}\n'
    empty, _ = add_source('sources: []  # rien\ntitle: x\n', PurePosixPath("sources/a.md"), "A", "s.yaml")
    assert empty == 'sources:\n  - {id: a, title: "A", file: sources/a.md}\ntitle: x\n'


def test_windows_line_ends_are_kept() -> None:
    text, _ = add_source(SESSION.replace("\n", "\r\n"), PurePosixPath("sources/b.md"), "B", "s.yaml")
    assert "file: sources/lecons.md\r\n  - {id: b, title: \"B\", file: sources/b.md}\r\n\r\n" in text


def test_a_one_line_list_of_sources_is_left_to_the_facilitator() -> None:
    with pytest.raises(ImportFailure, match=r"s\.yaml : la liste « sources » est écrite sur une seule ligne ; "
                                            r"ajoutez-y à la main : \{id: c, title: \"C\", file: sources/c\.md\}"):
        add_source("sources: [{id: a, title: A, file: a.md}]\n", PurePosixPath("sources/c.md"), "C", "s.yaml")


def test_a_broken_session_file_is_refused_untouched() -> None:
    with pytest.raises(ImportFailure, match=r"s\.yaml : YAML illisible ; corrigez-le d'abord"):
        add_source("title: [\n", PurePosixPath("sources/c.md"), "C", "s.yaml")
