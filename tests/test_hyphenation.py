"""The hyphenation policy: which words may be cut, where, and which cuts the lines of a paragraph refuse."""

from __future__ import annotations

import pytest

from educpop.hyphenation import (
    CONSECUTIVE,
    LEAST_LETTERS,
    ZONE,
    LineEnd,
    hyphenator,
    is_short_cell,
    names,
    refused_cuts,
)


def cuts(word: str) -> list[tuple[str, str]]:
    """Return every cut the French hyphenator offers for ``word``."""
    splitter = hyphenator("fr")
    assert splitter is not None
    return list(splitter(word))


def test_there_is_one_hyphenator_per_language_and_none_without_a_dictionary() -> None:
    assert hyphenator("fr") is hyphenator("fr")
    assert hyphenator("fr_FR") is not None and hyphenator("fr-BE") is not None
    assert hyphenator("xx") is None
    assert hyphenator("") is None


@pytest.mark.parametrize("name", ["Moscou", "Pétersbourg", "Saint-Pétersbourg", "Kollontaï", "Révolution", "URSS",
                                  "BOLCHEVIKS", "Pendant"])
def test_a_word_with_a_capital_is_never_cut(name: str) -> None:
    # A name, a word in capitals, or a sentence's first word: none is cut, though the dictionary knows where.
    assert cuts(name.lower()) or len(name) < 2 * LEAST_LETTERS or "-" in name
    assert cuts(name) == []


@pytest.mark.parametrize("compound", ["sous-groupes", "social-démocrate", "eux-mêmes", "démo\u00adcratique"])
def test_a_compound_or_a_word_with_a_soft_hyphen_is_never_cut_by_the_dictionary(compound: str) -> None:
    assert cuts(compound) == []


def test_a_cut_leaves_at_least_three_letters_on_either_side() -> None:
    found = {(head, tail) for word in ["révolutionnaires", "démocratique", "procès", "majorité", "abolition",
                                       "ouvrière", "écoutez"] for head, tail in cuts(word)}
    assert ("démocra", "tique") in found and ("pro", "cès") in found
    assert all(len(head) >= 3 and len(tail) >= 3 for head, tail in found)
    assert cuts("acier") == [] and cuts("aube") == []  # too short to leave three letters on both sides


def test_a_refused_word_is_never_cut_again() -> None:
    splitter = hyphenator("fr")
    assert splitter is not None
    assert list(splitter.refusing(frozenset({"démocratique"}))("démocratique")) == []
    assert list(splitter.refusing(frozenset({"démocratique"}))("majorité")) == [("majo", "rité")]


def line(cut: str = "", slack: float = ZONE + 1, words: int = 8) -> LineEnd:
    """Return a line of ``words`` words ending in ``cut`` (a cut word) or between two words."""
    return LineEnd(cut, slack, words)


def test_a_third_hyphen_in_a_row_is_refused_not_the_first_two() -> None:
    lines = [line("alpha"), line("bravo"), line("charlie"), line("delta"), line()]
    assert CONSECUTIVE == 2
    assert refused_cuts(lines) == {"charlie"}


def test_hyphens_in_a_row_restart_after_a_line_that_ends_between_words() -> None:
    assert refused_cuts([line("alpha"), line("bravo"), line(), line("charlie"), line("delta"), line()]) == set()


def test_the_last_word_of_a_paragraph_is_not_cut_to_leave_its_tail_alone() -> None:
    # « … du pro- / cès. »
    assert refused_cuts([line(), line("procès"), line(words=1)]) == {"procès"}
    assert refused_cuts([line(), line("procès"), line(words=3)]) == set()


def test_a_cut_is_refused_where_the_line_was_full_enough_without_it() -> None:
    assert refused_cuts([line("alpha", slack=ZONE - 0.5), line("bravo", slack=ZONE + 0.5), line()]) == {"alpha"}


def test_names_are_found_whole_with_their_hyphens_and_after_an_elision() -> None:
    text = "À Saint-Pétersbourg, l’Assemblée de Moscou et les soviets de Petrograd."
    assert [text[a:b] for a, b in names(text)] == ["Saint-Pétersbourg", "Assemblée", "Moscou", "Petrograd"]


def test_a_cell_of_a_few_words_is_short() -> None:
    assert is_short_cell("Socialistes-révolutionnaires")
    assert is_short_cell("Assemblée constituante")
    assert not is_short_cell("Parti très implanté chez les paysans, qui réclame le partage des terres.")


def test_a_word_wider_than_the_line_is_cut_whatever_the_rules_say() -> None:
    forced = LineEnd("anticonstitutionnellement", slack=0.0, words=1, forced=True)
    assert refused_cuts([line("alpha"), line("bravo"), forced, line(words=1)]) == set()
