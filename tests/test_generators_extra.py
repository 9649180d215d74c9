"""The arpentage kit, attendance sheet, evaluation form and print plan, read back from DOCX and PDF.

Expected numbers are computed here from session.yaml and the Markdown source alone,
not from educpop's plan, so that a wrong plan cannot agree with itself.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import docx
import pytest
import yaml

from conftest import SAMPLE, docx_text, pack_generators, pdf_pages, pdf_text, squash
from educpop.cli import main
from educpop.document import Paragraph, Text, walk_text
from educpop.plan import Options, _balanced_cuts, make_plan
from educpop.session.load import Workshop
from educpop.session.model import Session

DEFINITION = yaml.safe_load((SAMPLE / "session.yaml").read_text(encoding="utf-8"))
FORMATS = ("pdf", "docx")
ARPENTAGE = next(a for a in DEFINITION["activities"] if a["method"] == "arpentage")
SOURCE = next(s for s in DEFINITION["sources"] if s["id"] == ARPENTAGE["source"])
#: the paragraphs of the arpentage text, headings left out (they travel with the paragraph after them)
PARAGRAPHS = [
    squash(block.replace("*", ""))
    for block in (SAMPLE / SOURCE["file"]).read_text(encoding="utf-8").split("\n\n")
    if block.strip() and not block.lstrip().startswith("#")
]


def build(folder: Path, *args: str) -> Path:
    assert main(["build", str(SAMPLE), "-o", str(folder), *args]) == 0
    return folder


@pytest.fixture(scope="module", params=[20, 12, 13])
def pack(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[int, Path]:
    """Return (participants, folder) of the four documents built for that many participants."""
    participants: int = request.param
    folder = tmp_path_factory.mktemp(f"extra{participants}")
    only = [arg for name in ("arpentage", "attendance", "evaluation", "print-plan", "questions")
            for arg in ("--only", name)]
    return participants, build(folder, "--participants", str(participants), *only)


def read(folder: Path, stem: str, fmt: str) -> str:
    path = folder / f"{stem}.{fmt}"
    return squash(pdf_text(path) if fmt == "pdf" else docx_text(path))


def expected_parts(participants: int) -> int:
    """Return how many parts the sample's arpentage (in pairs) is cut into."""
    assert ARPENTAGE["grouping"] == "pairs"
    return min(math.ceil(participants / 2), len(PARAGRAPHS))


def expected_groups(participants: int) -> list[int]:
    """Return the size of each sub-group, largest first."""
    count = math.ceil(participants / DEFINITION["group"]["subgroup_size"])
    return [participants // count + (1 if i < participants % count else 0) for i in range(count)]


def split_parts(text: str, count: int) -> list[str]:
    """Return the text of each part of the kit, cut at its "partie k sur N" title."""
    titles = [f"Arpentage – partie {k} sur {count}" for k in range(1, count + 1)]
    starts = [text.index(title) for title in titles]
    assert starts == sorted(starts)
    return [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]


# The arpentage kit


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_kit_has_one_part_per_pair_capped_by_paragraphs(pack: tuple[int, Path], fmt: str) -> None:
    participants, folder = pack
    text = read(folder, "kit-arpentage", fmt)
    count = expected_parts(participants)
    assert len(PARAGRAPHS) >= 10
    for k in range(1, count + 1):
        assert f"Arpentage – partie {k} sur {count}" in text
    assert f"partie {count + 1} sur" not in text
    assert len(re.findall(r"Arpentage – partie \d+ sur", text)) == count


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_paragraph_is_in_exactly_one_part_in_order(pack: tuple[int, Path], fmt: str) -> None:
    participants, folder = pack
    text = read(folder, "kit-arpentage", fmt)
    parts = split_parts(text, expected_parts(participants))
    where = []
    for paragraph in PARAGRAPHS:
        head, tail = paragraph[:60], paragraph[-40:]
        assert text.count(head) == 1, head
        holding = [i for i, part in enumerate(parts) if head in part]
        assert holding and tail in parts[holding[0]], paragraph[:60]
        where.append((holding[0], text.index(head)))
    assert where == sorted(where)
    assert {part for part, _ in where} == set(range(len(parts)))


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_part_says_where_it_sits_and_carries_its_grid(pack: tuple[int, Path], fmt: str) -> None:
    participants, folder = pack
    count = expected_parts(participants)
    parts = split_parts(read(folder, "kit-arpentage", fmt), count)
    first = 1
    for number, part in enumerate(parts, start=1):
        last = first + sum(p[:60] in part for p in PARAGRAPHS) - 1
        joined = "et" if last == first + 1 else "à"
        where = f"Paragraphe {first} " if first == last else f"Paragraphes {first} {joined} {last} "
        assert where + f"sur {len(PARAGRAPHS)} du texte complet" in part
        assert f"Grille de restitution – partie {number} sur {count}" in part
        for heading in ("Ce que dit notre partie, en deux phrases", "Un passage qui nous a frappé·e·s (ligne …)",
                        "Une question que nous nous posons", "Un désaccord ?"):
            assert heading in part, heading
        first = last + 1
    assert first == len(PARAGRAPHS) + 1


def test_each_part_is_one_sheet_text_on_the_front_grid_on_the_back(pack: tuple[int, Path]) -> None:
    participants, folder = pack
    assert pdf_pages(folder / "kit-arpentage.pdf") == 2 * expected_parts(participants)


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_kit_shows_nothing_meant_for_the_facilitator(pack: tuple[int, Path], fmt: str) -> None:
    _, folder = pack
    text = read(folder, "kit-arpentage", fmt)
    assert squash(ARPENTAGE["notes"])[:50] not in text
    assert squash(ARPENTAGE["instructions"])[:50] not in text
    assert not any(squash(q["hint"])[:40] in text for t in DEFINITION["questions"] for q in t["items"] if "hint" in q)


def workshop(paragraph_lengths: list[int], grouping: str, participants: int = 20) -> tuple[Workshop, Options]:
    definition = {
        "title": "Atelier", "group": {"min": 2, "max": 40, "subgroup_size": 4}, "duration": "1h", "start": "10:00",
        "sources": [{"id": "t", "title": "Texte", "file": "t.md"}],
        "activities": [{"id": "a", "title": "Arpentage", "method": "Arpentage", "duration": 60,
                        "grouping": grouping, "source": "t"}],
    }
    blocks = [Paragraph([Text("x" * n)]) for n in paragraph_lengths]
    return Workshop(Session.model_validate(definition), Path("."), {"t": blocks}, []), Options(participants)


@pytest.mark.parametrize(("grouping", "participants", "parts"), [
    ("pairs", 20, 10), ("pairs", 7, 4), ("individual", 9, 9), ("subgroups", 14, 4), ("plenary", 5, 5),
    ("individual", 40, 30),  # never more parts than paragraphs
])
def test_the_number_of_parts_follows_the_grouping(grouping: str, participants: int, parts: int) -> None:
    shop, options = workshop([500] * 30, grouping, participants)
    plan = make_plan(shop, options)
    cut = plan.arpentage_parts(plan.arpentage_activities()[0])
    assert [p.number for p in cut] == list(range(1, parts + 1))
    assert sum(p.readers for p in cut) == participants


@pytest.mark.parametrize("seed", range(20))
def test_parts_are_balanced_unless_one_paragraph_dominates(seed: int) -> None:
    import random

    rng = random.Random(seed)
    lengths = [rng.randint(150, 1200) for _ in range(rng.randint(8, 40))]
    shop, options = workshop(lengths, "pairs", rng.randint(4, 40))
    plan = make_plan(shop, options)
    cut = plan.arpentage_parts(plan.arpentage_activities()[0])
    sizes = [sum(len(t) for t in walk_text(list(p.blocks))) for p in cut]
    assert sum(sizes) == sum(lengths)
    assert [p.first for p in cut] == [1, *(p.last + 1 for p in cut[:-1])]
    mean = sum(sizes) / len(sizes)
    for part, size in zip(cut, sizes, strict=True):
        # only a single paragraph may stand far above the mean: it cannot be cut
        assert size <= 2 * mean or part.first == part.last


def test_the_sample_text_is_cut_evenly() -> None:
    from educpop.session.load import load_workshop

    shop = load_workshop(SAMPLE)
    for participants in (8, 12, 13, 20):
        plan = make_plan(shop, Options(participants))
        cut = plan.arpentage_parts(plan.arpentage_activities()[0])
        sizes = [sum(len(t) for t in walk_text(list(p.blocks))) for p in cut]
        longest, shortest = cut[sizes.index(max(sizes))], cut[sizes.index(min(sizes))]
        # longest at most twice the shortest, unless one of them is a lone paragraph that cannot be split or joined
        assert max(sizes) <= 2 * min(sizes) or longest.first == longest.last or shortest.first == shortest.last
        assert max(sizes) <= 1.5 * sum(sizes) / len(sizes)


def test_the_cut_is_the_most_even_one() -> None:
    from itertools import combinations

    lengths = [300, 900, 200, 700, 650, 100, 800, 400, 500]
    for parts in range(1, len(lengths) + 1):
        best = min(
            sum(sum(lengths[a:b]) ** 2 for a, b in zip((0, *cuts), (*cuts, len(lengths)), strict=True))
            for cuts in combinations(range(1, len(lengths)), parts - 1)
        )
        starts = _balanced_cuts(lengths, parts)
        found = sum(sum(lengths[a:b]) ** 2 for a, b in zip(starts, (*starts[1:], len(lengths)), strict=True))
        assert found == best


# Attendance sheet


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_attendance_sheet_has_a_row_per_expected_person_and_spares(pack: tuple[int, Path], fmt: str) -> None:
    participants, folder = pack
    rows = max(participants, DEFINITION["group"]["max"]) + 5
    path = folder / f"liste-presence.{fmt}"
    if fmt == "pdf":
        numbers = [int(line) for line in pdf_text(path).splitlines() if re.fullmatch(r"\d+", line.strip())]
    else:
        table = docx.Document(str(path)).tables[-1]
        assert [c.text for c in table.rows[0].cells][:2] == ["N°", "Nom et prénom"]
        numbers = [int(row.cells[0].text) for row in table.rows[1:]]
    assert numbers == list(range(1, rows + 1))
    text = read(folder, "liste-presence", fmt)
    for heading in ("Nom et prénom", "Organisation / association", "Courriel ou téléphone (facultatif)", "Signature"):
        assert heading in text
    assert "RGPD" in text and squash(DEFINITION["organisation"]) in text


def test_more_participants_than_the_group_maximum_get_rows_too(tmp_path: Path) -> None:
    folder = build(tmp_path, "--participants", "31", "--only", "attendance", "--format", "docx")
    table = docx.Document(str(folder / "liste-presence.docx")).tables[-1]
    assert len(table.rows) == 1 + 31 + 5


# Evaluation form


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_evaluation_form_rates_each_objective(pack: tuple[int, Path], fmt: str) -> None:
    _, folder = pack
    text = read(folder, "fiche-evaluation", fmt)
    assert len(DEFINITION["objectives"]) >= 3
    for objective in DEFINITION["objectives"]:
        assert f"Objectif : {squash(objective).rstrip('.')} – Atteint ?" in text, objective
    for words in ("Pas du tout", "Un peu", "Assez", "Tout à fait", "Ce que je retiens", "Ce qui m'a manqué",
                  "Une suggestion pour la suite", squash(DEFINITION["title"])):
        assert words in text, words
    assert text.count("☐") == 4 * (5 + len(DEFINITION["objectives"]))


def test_a_session_may_add_its_own_evaluation_questions(tmp_path: Path) -> None:
    folder = tmp_path / "atelier"
    folder.mkdir()
    (folder / "session.yaml").write_text(
        'title: "Petit atelier"\ngroup: {min: 3, max: 6}\nduration: 30\nstart: "18:00"\n'
        'evaluation: ["Reviendriez-vous à un prochain atelier ?"]\n'
        "activities:\n  - {id: a, title: Discussion, method: sous-groupes, duration: 30}\n",
        encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(folder), "-o", str(out)]) == 0
    assert "Reviendriez-vous à un prochain atelier ?" in squash(docx_text(out / "fiche-evaluation.docx"))
    # no arpentage here: no kit is built, and the print plan does not list one
    assert not (out / "kit-arpentage.pdf").exists()
    assert "kit-arpentage.pdf" not in print_plan_rows(out)


# Print plan


def print_plan_rows(folder: Path) -> dict[str, list[tuple[str, str]]]:
    """Return the print plan's DOCX table as {PDF file: [(part, copies), ...]}, part "" for the whole document."""
    table = docx.Document(str(folder / "plan-impression.docx")).tables[0]
    rows: dict[str, list[tuple[str, str]]] = {}
    name = ""
    for row in table.rows[1:]:
        # names are held by no-break hyphens in the DOCX
        cells = [squash(cell.text).replace("\u2011", "-") for cell in row.cells]
        if cells[0].endswith(".pdf"):
            name = cells[0]
            rows[name] = [("", cells[2])] if cells[2] else []
        else:
            rows[name].append((cells[0], cells[2]))
    return rows


def test_the_print_plan_counts_agree_with_the_documents(pack: tuple[int, Path]) -> None:
    participants, folder = pack
    rows = print_plan_rows(folder)
    assert "guide-animation.pdf" not in rows  # not built: the plan lists the files of its own build
    assert rows["fiche-evaluation.pdf"] == [("", str(participants))]
    assert rows["liste-presence.pdf"] == [("", "1")]
    # one question sheet per sub-group, as many copies as members
    sizes = expected_groups(participants)
    sheets = read(folder, "fiches-questions", "docx").count("Fiche questions – groupe ")
    assert sheets == len(sizes) == len(rows["fiches-questions.pdf"])
    assert [copies for _, copies in rows["fiches-questions.pdf"]] == [str(s) for s in sizes]
    assert [what[:9] for what, _ in rows["fiches-questions.pdf"]] == [
        f"Groupe {chr(65 + i)} " for i in range(len(sizes))]
    # every part of the kit once per reader: two per pair, one for someone reading alone
    count = expected_parts(participants)
    assert len(re.findall(r"Arpentage – partie \d+ sur", read(folder, "kit-arpentage", "docx"))) == count
    pairs = participants // 2
    expected = ([(f"Parties 1 à {pairs} sur {count}", f"2 × {pairs}")] if pairs > 1 else []) + (
        [(f"Partie {count} sur {count}", "1")] if participants % 2 else [])
    # a single run of parts is the whole kit, on the file's own row
    assert rows["kit-arpentage.pdf"] == (expected if len(expected) > 1 else [("", expected[0][1])])
    assert rows["plan-impression.pdf"] == [("", "1")]  # this sheet, for whoever prints


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_print_plan_reads_the_same_in_both_formats(pack: tuple[int, Path], fmt: str) -> None:
    participants, folder = pack
    text = read(folder, "plan-impression", fmt)
    assert f"Calculé pour {participants} participant·e·s en {len(expected_groups(participants))} sous-groupes" in text
    built = {"arpentage", "attendance", "evaluation", "print-plan", "questions"}
    listed = [g for g in pack_generators(SAMPLE, Options(participants=participants)) if g.name in built]
    assert len(listed) == 5
    for generator in listed:
        assert f"{generator.file_stem}.pdf" in text.replace("\u2011", "-")
    # the plan, the kit (a part per reader), attendance, evaluation, a question sheet each
    total = 1 + participants + 1 + participants + participants
    assert f"Total : {total} copies, " in text
    assert "Feuilles : recto-verso bord long, chaque partie sur ses feuilles" in text
    assert "Recto seul : une face par feuille" in text


def test_the_guide_announces_the_kit(tmp_path: Path) -> None:
    folder = build(tmp_path, "--participants", "12", "--only", "guide", "--format", "docx")
    text = squash(docx_text(folder / "guide-animation.docx"))
    assert (f"Kit d'arpentage : le texte est découpé en {expected_parts(12)} parties (en fin de paragraphe) "
            "pour 6 binômes ; chaque partie est lue une fois.") in text
