"""Tests for educpop.typography: exact outputs pinned with explicit escapes."""

from __future__ import annotations

import copy
import re

import pytest
from hypothesis import given, settings, strategies as st

from educpop.document import (
    Audience,
    Box,
    Cover,
    Document,
    Heading,
    Meta,
    Paragraph,
    Table,
    Text,
    Timeline,
    TimelineEvent,
)
from educpop.typography import typeset, typeset_document

N = "\u202f"  # narrow no-break space
B = "\u00a0"  # no-break space

FRENCH = [
    # ; ! ? get a narrow no-break space, added or replacing a plain one
    ("Pourquoi?", f"Pourquoi{N}?"),
    ("Pourquoi ? Bon ! Oui ; non", f"Pourquoi{N}? Bon{N}! Oui{N}; non"),
    ("Vraiment\u00a0?", f"Vraiment{N}?"),
    ("Quoi?!", f"Quoi{N}?!"),
    ("Quoi ?!?", f"Quoi{N}?!?"),
    ("(vraiment ?)", f"(vraiment{N}?)"),
    ("un doute (?)", "un doute (?)"),
    # : gets a no-break space
    ("Objectif: comprendre", f"Objectif{B}: comprendre"),
    ("Objectif : comprendre", f"Objectif{B}: comprendre"),
    ("Matériel :", f"Matériel{B}:"),
    # straight quotes and guillemets
    ('Il dit "bonjour".', f"Il dit «{N}bonjour{N}»."),
    ('" espacé "', f"«{N}espacé{N}»"),
    ("«collé» et « espacé »", f"«{N}collé{N}» et «{N}espacé{N}»"),
    ('un " seul', 'un " seul'),
    # apostrophes
    ("l'histoire d'aujourd'hui", "l\u2019histoire d\u2019aujourd\u2019hui"),
    ("'entre'", "'entre'"),
    # numbers and units
    ("38 387 grévistes", f"38{N}387 grévistes"),
    ("1 000 000", f"1{N}000{N}000"),
    ("En 1917, 3 000 soldats", f"En 1917, 3{N}000 soldats"),
    ("en 1917 300 soldats", "en 1917 300 soldats"),
    ("7,5 millions", f"7,5{B}millions"),
    ("1,45 M d'habitants", f"1,45{B}M d\u2019habitants"),
    ("3 h, 45 min, 10 %, 10%", f"3{B}h, 45{B}min, 10{B}%, 10{B}%"),
    ("3 heures et 10h30", "3 heures et 10h30"),
    ("en 1917 s'ouvre", "en 1917 s\u2019ouvre"),
    # dashes and ellipsis
    ("Paris - Moscou", "Paris \u2013 Moscou"),
    ("Paris -- Moscou", "Paris \u2013 Moscou"),
    ("a - - b", "a \u2013 \u2013 b"),
    ("- un tiret de liste", "- un tiret de liste"),
    ("Petrograd-Moscou", "Petrograd-Moscou"),
    ("Et puis...", "Et puis\u2026"),
    # left alone
    ("Rendez-vous à 09:30, ratio 3:1", "Rendez-vous à 09:30, ratio 3:1"),
    ("Super :) et ;) ou :-)", "Super :) et ;) ou :-)"),
    ("Deux lignes\n? non", "Deux lignes\n? non"),
]


@pytest.mark.parametrize(("text", "expected"), FRENCH)
def test_french_rules(text: str, expected: str) -> None:
    assert typeset(text, "fr") == expected


@pytest.mark.parametrize(("text", "expected"), FRENCH)
def test_french_is_idempotent(text: str, expected: str) -> None:
    assert typeset(expected, "fr") == expected


@pytest.mark.parametrize(
    "word",
    ["député.e.s", "travailleur·se·s", "militant·es", "citoyen.ne.s", "les député.e.s."],
)
def test_inclusive_words_are_kept_whole(word: str) -> None:
    assert typeset(word, "fr") == word


def test_inclusive_words_in_a_sentence() -> None:
    text = "Les député.e.s et les travailleur·se·s ? Oui : les citoyen.ne.s."
    expected = f"Les député.e.s et les travailleur·se·s{N}? Oui{B}: les citoyen.ne.s."
    assert typeset(text, "fr") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Voir https://fr.wikipedia.org/wiki/Révolution_russe?x=1:2 !",
         f"Voir https://fr.wikipedia.org/wiki/Révolution_russe?x=1:2{N}!"),
        ("Lien : https://ex.org/l'a--b...c", f"Lien{B}: https://ex.org/l'a--b...c"),
        ("Site www.ex.org/a;b:c, bien", "Site www.ex.org/a;b:c, bien"),
        ("Écrire à jean-l'ami@ex.fr : merci", f"Écrire à jean-l'ami@ex.fr{B}: merci"),
        ("Fin : https://ex.org.", f"Fin{B}: https://ex.org."),
    ],
)
def test_urls_and_emails_untouched(text: str, expected: str) -> None:
    assert typeset(text, "fr") == expected
    assert typeset(expected, "fr") == expected


def test_english_gets_apostrophes_and_ellipsis_only() -> None:
    text = 'Don\'t wait... Why? "Now": 10 % - 3 000 -- ok'
    assert typeset(text, "en") == 'Don\u2019t wait\u2026 Why? "Now": 10 % - 3 000 -- ok'
    assert typeset(text, "en_GB") == typeset(text, "en")


def test_unknown_language_gets_ellipsis_only() -> None:
    assert typeset("Don't wait... Warum? ", "de") == "Don't wait\u2026 Warum? "


@pytest.mark.parametrize("tag", ["fr", "FR", "fr_FR", "fr-CA"])
def test_french_language_tags(tag: str) -> None:
    assert typeset("Pourquoi?", tag) == f"Pourquoi{N}?"


def test_rules_see_across_runs_and_keep_emphasis() -> None:
    runs = [Text("Pourquoi", bold=True), Text("? C'est "), Text("clair", italic=True), Text(".")]
    doc = _doc([Paragraph(runs)])
    para = typeset_document(doc).blocks[0]
    assert isinstance(para, Paragraph)
    assert para.content == [
        Text("Pourquoi", bold=True),
        Text(f"{N}? C\u2019est "),
        Text("clair", italic=True),
        Text("."),
    ]


def _doc(blocks: list) -> Document:
    meta = Meta(
        title="Guide : 1917", kind="guide", audience=Audience.FACILITATOR, session_title="L'an 1917"
    )
    return Document(meta=meta, blocks=blocks)


def test_typeset_document_copies_every_text() -> None:
    doc = _doc([
        Cover(title="La révolution ?", subtitle="Atelier \"histoire\"", lines=["Durée : 3 h"]),
        Heading(1, [Text("Pourquoi?")]),
        Paragraph([Text("C'est l'heure...")]),
        Table(header=[[Text("Date :")]], rows=[[[Text("38 387 grévistes")]]]),
        Box(title="Astuce !", blocks=[Paragraph([Text("Oui; non")])]),
        Timeline([TimelineEvent(when="Février 1917 - mars", content=[Text("Grève !")])]),
    ])
    before = copy.deepcopy(doc)
    out = typeset_document(doc)
    assert doc == before
    assert out.meta.title == f"Guide{B}: 1917"
    assert out.meta.session_title == "L\u2019an 1917"
    cover, heading, para, table, box, timeline = out.blocks
    assert isinstance(cover, Cover) and isinstance(table, Table) and isinstance(box, Box)
    assert isinstance(timeline, Timeline) and isinstance(heading, Heading)
    assert isinstance(para, Paragraph)
    assert (cover.title, cover.subtitle, cover.lines) == (
        f"La révolution{N}?", f"Atelier «{N}histoire{N}»", [f"Durée{B}: 3{B}h"],
    )
    assert heading.content == [Text(f"Pourquoi{N}?")]
    assert para.content == [Text("C\u2019est l\u2019heure\u2026")]
    assert table.header == [[Text(f"Date{B}:")]]
    assert table.rows == [[[Text(f"38{N}387 grévistes")]]]
    assert box.title == f"Astuce{N}!"
    assert box.blocks == [Paragraph([Text(f"Oui{N}; non")])]
    assert timeline.events == [
        TimelineEvent(when="Février 1917 \u2013 mars", content=[Text(f"Grève{N}!")])
    ]


def test_typeset_document_in_english() -> None:
    doc = _doc([Paragraph([Text("Why? It's time...")])])
    doc.meta.language = "en"
    assert typeset_document(doc).blocks == [Paragraph([Text("Why? It\u2019s time\u2026")])]


_PIECES = st.sampled_from([
    "a", "é", "Z", "l", "0", "9", "1917", " ", "  ", "\n", "\t", B, N,
    ".", "...", ",", ";", ":", "!", "?",
    "'", "\u2019", '"', "«", "»", "-", "--", "\u2013", "%", "(", ")", "h", "min", "M", "·", "@",
    "https://ex.org/a?b", "jo@ex.fr", "09:30", ":)", "\ue000",
])
_TEXTS = st.one_of(
    st.lists(_PIECES, max_size=30).map("".join),
    st.text(alphabet="aé1 .;:!?'\"«»-%h()\n\u00a0\u202f", max_size=30),
    st.text(max_size=60),
)


def _fold(text: str) -> str:
    """Undo what typesetting may change: spaces, quotes, apostrophes, dashes, ellipses."""
    text = re.sub(r"\s+", "", text.replace("\u2026", "...").replace("\u00ad", ""))
    text = re.sub(r"[\"«»]", "", text).replace("\u2019", "'")
    return re.sub(r"[-\u2013]+", "-", text)


@settings(max_examples=400, deadline=None)
@given(_TEXTS, st.sampled_from(["fr", "en", "de"]))
def test_property_idempotent_and_conservative(text: str, language: str) -> None:
    once = typeset(text, language)
    assert typeset(once, language) == once
    assert [c for c in once if c.isalnum()] == [c for c in text if c.isalnum()]
    assert _fold(once) == _fold(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_TEXTS, st.booleans()), min_size=1, max_size=4))
def test_property_runs_keep_their_emphasis(runs: list[tuple[str, bool]]) -> None:
    content = [Text(text, bold=bold) for text, bold in runs]
    para = typeset_document(_doc([Paragraph(content)])).blocks[0]
    assert isinstance(para, Paragraph)
    assert [run.bold for run in para.content] == [bold for _, bold in runs]
    joined = "".join(text for text, _ in runs)
    assert "".join(run.text for run in para.content) == typeset(joined, "fr")


@pytest.mark.parametrize(("written", "printed"), [
    ("le 8 mars 1917", "le 8\u00a0mars 1917"),
    ("le 25 octobre", "le 25\u00a0octobre"),
    ("le 1er mai", "le 1er\u00a0mai"),
    ("samedi 5 décembre 2026", "samedi 5\u00a0décembre 2026"),
])
def test_a_day_stays_with_its_month(written: str, printed: str) -> None:
    assert typeset(written, "fr") == printed


@pytest.mark.parametrize("written", ["en 1917 mars", "12,5 mai", "le 123 mai", "le 8 marsupial"])
def test_numbers_that_are_not_a_day_keep_their_space(written: str) -> None:
    assert typeset(written, "fr") == written
