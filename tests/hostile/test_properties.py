"""Property: whatever a session folder holds, a build succeeds or stops with an EducpopError.

Sessions are generated as data (dumped by PyYAML, so any string is reachable,
lone surrogates and controls included), with hostile strings, wrong types and
Markdown texts; a second property flips bytes of a valid file. Examples are
bounded so the whole suite stays fast.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, event, given, settings, strategies as st

from educpop.cli import main
from educpop.errors import EducpopError
from educpop.session.load import load_workshop
from hostile.conftest import FULL, TEXT, snapshot

HOSTILE = [
    "Q&R : AT&T <nom> a<b", "<img src=/etc/passwd/>", "<font color=red>x</font>", "<br/>", "&amp;", "]]>",
    "\u202eretourné", "محمد", "e\u0301", "\x01", "\ud800", "\ufffe", "\t", "\r\n", "no", "1:30", "#2", "*", "&a",
    "\u00a0", "\u202f?", "…" * 50, "x" * 300, "", " ",
]  # fmt: skip
#: printable text, hostile in content only: markup, bidi, inclusive writing, typography
texts = st.one_of(
    st.sampled_from([h for h in HOSTILE if h.strip() and h.isprintable() and len(h) <= 200]),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30).filter(str.strip),
)
durations = st.sampled_from(["15", "1:30", "0:20", "1h", "30 min", 10])
anything = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=20), st.integers(-10**6, 10**6), st.none(),
                     st.booleans(), st.lists(st.sampled_from(HOSTILE), max_size=3))  # fmt: skip


def activity(index: int) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {"id": st.just(f"a{index}"), "title": texts, "method": texts, "duration": durations},
        optional={
            "grouping": st.sampled_from(["plenary", "subgroups", "pairs", "individual"]),
            "optional": st.sampled_from(["oui", "non", "NO"]),
            "notes": texts, "instructions": texts, "steps": st.lists(texts, max_size=3),
            "debrief": st.lists(texts, max_size=2), "statements": st.lists(texts, max_size=2),
            "source": st.just("texte"), "questions": st.just(["travail"]),
            "materials": st.lists(
                st.one_of(texts, st.fixed_dictionaries({"item": texts, "quantity": st.integers(1, 5)})), max_size=2
            ),
        },
    )  # fmt: skip


valid_sessions = st.fixed_dictionaries(
    {
        "title": texts,
        "group": st.fixed_dictionaries({"min": st.integers(1, 8), "max": st.integers(8, 40)}),
        "duration": st.just("10h"),
        "start": st.sampled_from(["09:30", "9h", "23:00", "0h"]),
        "activities": st.integers(1, 4).flatmap(lambda n: st.tuples(*[activity(i) for i in range(n)]).map(list)),
        "sources": st.just([{"id": "texte", "title": "Le texte", "file": "sources/texte.md"}]),
        "questions": st.just(
            [{"id": "travail", "title": "T", "items": [{"level": "today", "text": "?", "hint": "h"}]}]
        ),
    },
    optional={
        "subtitle": texts, "organisation": texts, "facilitators": st.lists(texts, max_size=2),
        "language": st.sampled_from(["fr", "en"]), "objectives": st.lists(texts, max_size=2),
        "glossary": st.lists(
            st.fixed_dictionaries({"term": texts, "definition": texts, "original": texts}), max_size=2
        ),
        "timeline": st.lists(
            st.fixed_dictionaries({"date": st.sampled_from(["1917", "1917-03", "1917-03-08"]), "event": texts}),
            max_size=2,
        ),
        "figures": st.lists(st.fixed_dictionaries({"value": texts, "label": texts}), max_size=2),
    },
)  # fmt: skip
BREAKABLE = ["title", "group", "duration", "start", "activities", "sources", "questions", "language", "couleur"]


@st.composite
def sessions(draw: st.DrawFn) -> dict[str, Any]:
    """Return a valid session, or (one time in three) one with a key set to anything at all."""
    data = draw(valid_sessions)
    if draw(st.integers(0, 2)) == 0:
        data[draw(st.sampled_from(BREAKABLE))] = draw(anything)
    return data


markdown = st.one_of(
    st.just(TEXT),
    st.text(max_size=200),
    st.sampled_from(["# " + "titre " * 80, "<script>x</script>", "> cité\n\n1. un\n2. deux"]),
)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(data=sessions(), text=markdown)
def test_any_session_builds_or_stops_with_a_user_error(data: dict[str, Any], text: str) -> None:
    shutil.rmtree("atelier", ignore_errors=True)
    shutil.rmtree("sortie", ignore_errors=True)
    folder = Path("atelier")
    (folder / "sources").mkdir(parents=True)
    dumped = yaml.safe_dump(data, allow_unicode=True)
    (folder / "session.yaml").write_text(dumped, encoding="utf-8", errors="surrogatepass")
    (folder / "sources" / "texte.md").write_text(text, encoding="utf-8", errors="surrogatepass")
    status = main(["build", "atelier", "-o", "sortie", "--only", "guide", "--only", "handout", "--only", "questions"])
    assert status in (0, 2)
    event(f"status {status}")
    assert (status == 0) == Path("sortie").exists()
    if status == 0:
        assert not [name for name in snapshot(Path("sortie")) if name.endswith(".tmp")]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.tuples(st.integers(0, len(FULL.encode()) - 1), st.binary(min_size=0, max_size=3)), min_size=1, max_size=4
    )
)
def test_a_session_file_with_bytes_changed_loads_or_raises_a_user_error(edits: list[tuple[int, bytes]]) -> None:
    raw = bytearray(FULL.encode())
    for position, replacement in edits:
        raw[position : position + 1] = replacement
    folder = Path("atelier")
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    (folder / "session.yaml").write_bytes(bytes(raw))
    (folder / "sources" / "texte.md").write_text(TEXT, encoding="utf-8")
    try:
        load_workshop(folder)
    except EducpopError:
        pass
