"""A hyphen at a line end: a cut word is rejoined, a compound, a name or an inclusive ending keeps it."""

from __future__ import annotations

import pytest

from educpop.importer.hyphens import Verdict, decide
from educpop.importer.words import Vocabulary

NO_TEXT = Vocabulary([])


@pytest.mark.parametrize(("before", "after", "verdict"), [
    ("grands évé-", "nements de", Verdict.JOIN),
    ("l'aris-", "tocratie européenne", Verdict.JOIN),
    ("ville de Saint-", "Pétersbourg et", Verdict.KEEP),
    ("il est peut-", "être plus", Verdict.KEEP),
    ("le parti social-", "démocrate russe", Verdict.KEEP),
    ("des manifestant-", "e-s venus", Verdict.KEEP),
    ("des travailleur-", "se-s venus", Verdict.KEEP),
    ("la social-dé-", "mocrate russe", Verdict.JOIN),
])
def test_a_cut_word_is_rejoined_and_a_true_hyphen_kept(before: str, after: str, verdict: Verdict) -> None:
    decision = decide(before, after, NO_TEXT)
    assert decision is not None
    assert (decision.verdict, decision.sure) == (verdict, True)


def test_a_word_unknown_to_the_list_is_rejoined_when_the_text_writes_it_whole_elsewhere() -> None:
    words = Vocabulary(["le régime tsariste tombe"])
    assert decide("le régime tsa-", "riste", words).verdict is Verdict.JOIN  # type: ignore[union-attr]
    assert decide("le régime tsa-", "riste", NO_TEXT).sure is False  # type: ignore[union-attr]


def test_a_compound_the_text_writes_with_its_hyphen_keeps_it() -> None:
    words = Vocabulary(["un alphabet non-russe"])
    decision = decide("l'alphabet non-", "russe", words)
    assert decision is not None and decision.verdict is Verdict.KEEP and decision.sure


def test_an_unknown_word_is_a_guess_to_check() -> None:
    guess = decide("les bolché-", "viks arrivent", NO_TEXT)
    assert guess is not None and guess.verdict is Verdict.JOIN and not guess.sure


@pytest.mark.parametrize(("before", "after"), [("la terre -", "qui émerge"), ("la paix –", "la terre"),
                                                ("en 1917-", "1923")])
def test_a_dash_or_a_number_range_is_no_cut_word(before: str, after: str) -> None:
    assert decide(before, after, NO_TEXT) is None
