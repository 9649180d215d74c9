"""Markdown nested deeper than the documents can show: every word still reaches them, with a warning.

markdown-it drops whatever is nested past its ``maxNesting``: a bullet list ten
levels deep lost the rest of the text, a quote twenty levels deep lost itself.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from educpop.document import SourceText, walk_text
from educpop.pack import make_documents
from educpop.plan import make_plan
from educpop.session.load import load_workshop
from educpop.session.markdown import markdown_blocks
from hostile.conftest import SESSION, run, session

#: what can open a nested block at the start of a line
MARKS = ("- ", "* ", "+ ", "> ", "1. ", "3) ")
#: the session with an arpentage of the text ``t``, so that both the handout and the kit print it
KIT = SESSION.replace(
    "duration: 30", "duration: 30\n  - {id: lire, title: Lire, method: arpentage, source: t, duration: 60}"
)
SOURCES = "sources:\n  - {id: t, title: T, file: sources/t.md}\n"


def letter_words(text: str) -> list[str]:
    """Return the words made of letters in ``text``, in order (list numbers and marks left out)."""
    return re.findall(r"[^\W\d_]+", text)


def nested(depth: int, marks: str = "- ") -> str:
    """Return a list (or quote) ``depth`` levels deep, one word per level, then a closing paragraph."""
    lines = [f"{'  ' * (level * len(marks) // 2)}{marks}mot{chr(97 + level % 26)}" for level in range(depth)]
    return "Début du texte.\n\n" + "\n".join(lines) + "\n\nFin du texte, après la liste.\n"


def nesting_warnings(err: str) -> list[str]:
    """Return the warnings of an error output about lists and quotes nested too deep."""
    return [line for line in err.splitlines() if "imbriquées" in line]


def source_words(folder: Path) -> dict[str, list[str]]:
    """Return the words of each document's texts (its SourceText blocks), built from ``folder``."""
    documents = make_documents(make_plan(load_workshop(folder)), ["handout", "arpentage"])
    return {
        document.meta.kind: letter_words(
            " ".join(walk_text([block for block in document.blocks if isinstance(block, SourceText)]))
        )
        for document in documents
    }


@pytest.mark.parametrize(
    "text",
    [
        nested(12),
        nested(40, "1. "),
        nested(30, "> "),
        "> " * 25 + "citation profonde\n\nAprès la citation.\n",
        "- " * 60 + "ligne\n\nsuite\n",
        "".join(f"{'  ' * level}{MARKS[level % len(MARKS)]}élément{chr(97 + level % 26)}\n" for level in range(50)),
        "".join(f"{'    ' * level}- niveau{chr(97 + level % 26)}\n    suite\n\n" for level in range(15)),
    ],
    ids=["list-12", "numbered-40", "quote-30", "quote-25-on-one-line", "60-bullets-on-one-line", "mixed-50",
         "loose-items-with-continuations"],
)
def test_every_word_of_a_deeply_nested_text_reaches_the_handout_and_the_kit(text: str) -> None:
    session(KIT + SOURCES, {"sources/t.md": text})
    words = source_words(Path("atelier"))
    assert words == {"handout": letter_words(text), "arpentage": letter_words(text)}


def test_a_list_nested_twelve_levels_warns_at_the_first_line_it_flattens(capsys: pytest.CaptureFixture[str]) -> None:
    session(KIT + SOURCES, {"sources/t.md": nested(12)})
    status, err = run(capsys, "check", "atelier")
    assert status == 0
    assert nesting_warnings(err) == [
        "attention : atelier/sources/t.md:11: listes ou citations imbriquées sur trop de niveaux "
        "(4 lignes à partir d'ici) : leurs marques « - » ou « > » sont retirées et le texte est imprimé "
        "à la suite de l'élément qui les contient"
    ]


def test_lists_and_quotes_nested_a_few_levels_are_flattened_without_a_warning(
    capsys: pytest.CaptureFixture[str],
) -> None:
    session(KIT + SOURCES, {"sources/t.md": nested(5) + "\n> > > trois niveaux de citation\n"})
    status, err = run(capsys, "check", "atelier")
    assert (status, nesting_warnings(err)) == (0, [])


def test_a_link_reference_definition_is_printed_as_text() -> None:
    blocks = markdown_blocks("Voir la note.\n\n[1]: http://exemple.org/note\n")
    assert walk_text(blocks) == ["Voir la note.", "[1]: http://exemple.org/note"]


@st.composite
def nestings(draw: st.DrawFn) -> str:
    """Return a Markdown text of lines opening lists and quotes at random depths, with blank lines and text."""
    lines: list[str] = []
    for number in range(draw(st.integers(1, 60))):
        marks = "".join(draw(st.lists(st.sampled_from(MARKS), max_size=30)))
        indent = " " * draw(st.integers(0, 12))
        end = draw(st.sampled_from(["", "", "\n", " *souligné*", " **gras**"]))
        word = "mot" + "".join(chr(ord("a") + int(digit)) for digit in f"{number:03d}")  # motaab: unique, letters
        lines.append(f"{indent}{marks}{word}{end}")
    return "\n".join(lines)


@given(nestings())
def test_no_word_of_any_nesting_of_lists_and_quotes_is_lost(text: str) -> None:
    blocks = markdown_blocks(text)
    assert letter_words(" ".join(walk_text(blocks))) == letter_words(text)
