"""The sample workshop uses the seed article's facts, never its sentences."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLE

SEED = ROOT.parent / "shared" / "seed" / "ciep-revolution-russe-1917.txt"
#: a run of this many words shared with the article is a copied sentence, not a fact or a date
WINDOW = 12


def words(text: str) -> list[str]:
    text = re.sub(r"-\n", "", text.replace("’", "'"))  # the article is hyphenated at line ends
    return re.findall(r"\w+", text.lower())


def runs(text: str) -> set[tuple[str, ...]]:
    found = words(text)
    return {tuple(found[i:i + WINDOW]) for i in range(len(found) - WINDOW + 1)}


@pytest.mark.skipif(not SEED.exists(), reason="the seed article lives in ../shared, beside the clone")
@pytest.mark.parametrize("path", sorted([*SAMPLE.rglob("*.md"), *SAMPLE.rglob("*.yaml")]), ids=lambda p: p.name)
def test_no_sentence_of_the_article_is_copied(path: Path) -> None:
    copied = runs(path.read_text(encoding="utf-8")) & runs(SEED.read_text(encoding="utf-8"))
    assert not copied, [" ".join(run) for run in sorted(copied)][:3]
