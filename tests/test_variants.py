"""Paper variants (A5 booklet, large print) and the pack's combined PDF and zip, read back from the files."""

from __future__ import annotations

import io
import json
import math
import re
import zipfile
from collections import Counter
from pathlib import Path

import docx
import pytest
from docx.shared import Pt
from pypdf import PdfReader
from reportlab.lib.pagesizes import A5
from reportlab.pdfgen.canvas import Canvas

from conftest import SAMPLE, Box, pdf_page_text, pdf_text
from educpop.cli import main
from educpop.generators import registry
from educpop.impose import booklet_order, impose_booklet
from educpop.manifest import MANIFEST

SLUG = SAMPLE.name
THREE = ["--only", "guide", "--only", "handout", "--only", "questions"]


def numbered_pdf(pages: int) -> bytes:
    """Return an A5 PDF whose pages say « page-1 », « page-2 »..."""
    stream = io.BytesIO()
    canvas = Canvas(stream, pagesize=A5)
    for number in range(1, pages + 1):
        canvas.setFont("Helvetica", 24)
        canvas.drawString(100, 300, f"page-{number}")
        canvas.showPage()
    canvas.save()
    return stream.getvalue()


def half(pdf: Path, page: int, side: str) -> str:
    """Return the text read in the left or right half of an A4 landscape ``page`` (from 1)."""
    x = 0 if side == "left" else 421
    return pdf_page_text(pdf, page, Box(x, 0, x + 421, 595)).strip()


def body_size(pdf: Path) -> float:
    """Return the text size (points) that prints the most characters in ``pdf``."""
    sizes: Counter[float] = Counter()

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        sizes[round(size * tm[3], 1)] += len(text.strip())

    for page in PdfReader(pdf).pages:
        page.extract_text(visitor_text=visit)
    return sizes.most_common(1)[0][0]


def a5_page_count(pdf: Path) -> int:
    """Return the A5 page count an imposed booklet was made from, as its footers say (« page 3 / 12 »)."""
    totals = set(re.findall(r"page \d+ / (\d+)", pdf_text(pdf)))
    assert len(totals) == 1
    return int(totals.pop())


class TestBookletOrder:
    def test_puts_the_last_and_first_pages_on_the_first_side(self) -> None:
        assert booklet_order(8) == [(7, 0), (1, 6), (5, 2), (3, 4)]

    def test_pads_with_blank_pages_to_a_multiple_of_four(self) -> None:
        assert booklet_order(6) == [(None, 0), (1, None), (5, 2), (3, 4)]
        assert booklet_order(1) == [(None, 0), (None, None)]

    @pytest.mark.parametrize("pages", range(1, 14))
    def test_prints_every_page_exactly_once(self, pages: int) -> None:
        printed = [index for side in booklet_order(pages) for index in side if index is not None]
        assert sorted(printed) == list(range(pages))
        assert len(booklet_order(pages)) == math.ceil(pages / 4) * 2


class TestImposition:
    @pytest.mark.parametrize("pages", [1, 4, 6, 8, 9])
    def test_makes_ceil_n_over_4_sheets_of_a4_landscape(self, pages: int) -> None:
        reader = PdfReader(io.BytesIO(impose_booklet(numbered_pdf(pages))))
        assert len(reader.pages) == math.ceil(pages / 4) * 2
        assert {(round(p.mediabox.width), round(p.mediabox.height)) for p in reader.pages} == {(842, 595)}

    def test_shows_the_last_page_left_and_the_first_right_on_the_first_side(self, tmp_path: Path) -> None:
        pdf = tmp_path / "livret.pdf"
        pdf.write_bytes(impose_booklet(numbered_pdf(8)))
        sides = [(half(pdf, page, "left"), half(pdf, page, "right")) for page in range(1, 5)]
        assert sides == [("page-8", "page-1"), ("page-2", "page-7"), ("page-6", "page-3"), ("page-4", "page-5")]

    def test_leaves_padding_pages_blank(self, tmp_path: Path) -> None:
        pdf = tmp_path / "livret.pdf"
        pdf.write_bytes(impose_booklet(numbered_pdf(6)))
        assert (half(pdf, 1, "left"), half(pdf, 1, "right")) == ("", "page-1")
        assert (half(pdf, 2, "left"), half(pdf, 2, "right")) == ("page-2", "")


@pytest.fixture(scope="module")
def booklet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the folder of three documents of the sample built as A5 booklets."""
    out = tmp_path_factory.mktemp("livret")
    assert main(["build", str(SAMPLE), *THREE, "--paper", "a5-livret", "-o", str(out)]) == 0
    return out


class TestTheBookletVariant:
    def test_names_every_booklet_after_the_variant_and_keeps_loose_sheets_in_a4(self, booklet: Path) -> None:
        names = sorted(p.name for p in booklet.iterdir() if p.name != MANIFEST)
        generators = [registry()[name] for name in THREE[1::2]]
        stems = [g.file_stem + ("-livret" if g.printing == "booklet" else "") for g in generators]
        assert stems[0].endswith("-livret") and not stems[-1].endswith("-livret")  # folded, and a loose sheet
        assert names == sorted([
            *(f"{stem}.{fmt}" for stem in stems for fmt in ("docx", "pdf")),
            f"{SLUG}-tout-livret.pdf", f"{SLUG}-livret.zip",
        ])
        sheets = PdfReader(booklet / "fiches-questions.pdf").pages
        assert {(round(p.mediabox.width), round(p.mediabox.height)) for p in sheets} == {(595, 842)}

    def test_imposes_the_a5_pages_on_a4_landscape_sheets(self, booklet: Path) -> None:
        pdf = booklet / "guide-animation-livret.pdf"
        pages = PdfReader(pdf).pages
        assert len(pages) == math.ceil(a5_page_count(pdf) / 4) * 2
        assert {(round(p.mediabox.width), round(p.mediabox.height)) for p in pages} == {(842, 595)}

    def test_starts_with_the_back_page_left_and_the_cover_right(self, booklet: Path) -> None:
        pdf = booklet / "guide-animation-livret.pdf"
        total = a5_page_count(pdf)
        padded = math.ceil(total / 4) * 4
        assert "Guide d'animation" in half(pdf, 1, "right").replace("\u2019", "'")
        # the left half holds page N: the last page, or a blank one when the count was padded
        left = half(pdf, 1, "left")
        assert (f"page {total} / {total}" in left) if padded == total else left == ""
        assert f"page 2 / {total}" in half(pdf, 2, "left")

    def test_shows_every_page_of_the_combined_pdf_upright_booklet_versos_turned_the_other_way(
        self, booklet: Path
    ) -> None:
        combined = PdfReader(booklet / f"{SLUG}-tout-livret.pdf")
        shown = [(float(p.mediabox.width), float(p.mediabox.height), p.rotation) for p in combined.pages]
        assert all((w < h) == (turn % 180 == 0) for w, h, turn in shown)  # portrait as a reader sees it
        turns = [(number % 2, turn) for number, (w, h, turn) in enumerate(shown) if w > h]
        assert turns and set(turns) == {(0, 90), (1, 270)}

    def test_keeps_the_docx_on_a5_paper(self, booklet: Path) -> None:
        section = docx.Document(str(booklet / "guide-animation-livret.docx")).sections[0]
        assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (14.8, 21.0)


def test_large_print_sets_the_body_in_14_points_or_more(tmp_path: Path) -> None:
    normal, large = tmp_path / "normal", tmp_path / "gros"
    assert main(["build", str(SAMPLE), "--only", "guide", "-o", str(normal)]) == 0
    assert main(["build", str(SAMPLE), "--only", "guide", "--paper", "gros-caracteres", "-o", str(large)]) == 0
    pdf = large / "guide-animation-gros-caracteres.pdf"
    assert body_size(normal / "guide-animation.pdf") == 11
    assert body_size(pdf) >= 14
    assert len(PdfReader(pdf).pages) > len(PdfReader(normal / "guide-animation.pdf").pages)
    assert {(round(p.mediabox.width), round(p.mediabox.height)) for p in PdfReader(pdf).pages} == {(595, 842)}
    built = docx.Document(str(large / "guide-animation-gros-caracteres.docx"))
    assert built.styles["Normal"].font.size >= Pt(14)
    assert built.styles["Heading 1"].font.size > built.styles["Normal"].font.size
    assert round(built.sections[0].page_width.cm, 1) == 21.0


@pytest.mark.parametrize(
    "typed, hint",
    [("a5", " ; vouliez-vous dire « a5-livret » ?"), ("livret", " ; vouliez-vous dire « a5-livret » ?"), ("a3", "")],
)
def test_an_unknown_paper_names_the_known_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], typed: str, hint: str
) -> None:
    assert main(["build", str(SAMPLE), "--paper", typed, "-o", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err == (
        "educpop : construction impossible :\n"
        f"  papier inconnu « {typed} » (connus : a4, a5-livret, gros-caracteres){hint}\n"
    )
    assert not (tmp_path / "out").exists()


def test_paper_names_forgive_case_accents_and_spaces(tmp_path: Path) -> None:
    assert main(["build", str(SAMPLE), "--only", "questions", "--format", "docx",
                 "--paper", "Gros caractères", "-o", str(tmp_path)]) == 0
    assert (tmp_path / "fiches-questions-gros-caracteres.docx").exists()


# --- the combined PDF and the zip ---------------------------------------------------


@pytest.fixture(scope="module")
def three(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the folder of three documents of the sample, in A4."""
    out = tmp_path_factory.mktemp("trois")
    assert main(["build", str(SAMPLE), *THREE, "-o", str(out)]) == 0
    return out


class TestTheCombinedPdf:
    def test_holds_every_page_of_every_pdf_in_order_each_from_a_right_hand_page(self, three: Path) -> None:
        parts = [f"{registry()[name].file_stem}.pdf" for name in THREE[1::2]]
        combined = PdfReader(three / f"{SLUG}-tout.pdf")
        top = [item for item in combined.outline if not isinstance(item, list)]
        starts = [combined.get_destination_page_number(item) for item in top]
        assert all(start % 2 == 0 for start in starts), starts  # page 1, 3, 5…: a recto
        for name, start, end in zip(parts, starts, [*starts[1:], len(combined.pages)], strict=True):
            pages = PdfReader(three / name).pages
            assert [page.extract_text() for page in combined.pages[start:start + len(pages)]] == [
                page.extract_text() for page in pages]
            # what follows a document before the next one is at most one blank verso
            assert end - start - len(pages) == len(pages) % 2
            assert all(not page.extract_text().strip() for page in combined.pages[start + len(pages):end])

    def test_gives_each_document_font_subsets_of_their_own_names(self, three: Path) -> None:
        combined = PdfReader(three / f"{SLUG}-tout.pdf")
        top = [item for item in combined.outline if not isinstance(item, list)]
        starts = [combined.get_destination_page_number(item) for item in top]
        owners: dict[str, set[int]] = {}
        for number, page in enumerate(combined.pages):
            part = sum(1 for start in starts if start <= number)
            for font in page["/Resources"].get("/Font", {}).values():
                owners.setdefault(str(font.get_object()["/BaseFont"]), set()).add(part)
        assert len(owners) >= 2 * len(starts)
        assert {name: parts for name, parts in owners.items() if len(parts) > 1} == {}

    def test_has_one_top_level_bookmark_per_document(self, three: Path) -> None:
        combined = PdfReader(three / f"{SLUG}-tout.pdf")
        top = [item for item in combined.outline if not isinstance(item, list)]
        assert [item.title for item in top] == ["Guide d'animation", "Dossier participant", "Fiches questions"]
        assert combined.get_destination_page_number(top[0]) == 0
        # each document's own bookmarks hang under its entry
        assert any(isinstance(item, list) and item for item in combined.outline)

    def test_carries_the_session_title(self, three: Path) -> None:
        assert PdfReader(three / f"{SLUG}-tout.pdf").metadata.title == "1917 : quelles leçons pour aujourd'hui ?"


def test_the_zip_holds_every_file_of_the_pack(three: Path) -> None:
    with zipfile.ZipFile(three / f"{SLUG}.zip") as archive:
        names = archive.namelist()
        contents = {name: archive.read(name) for name in names}
    on_disk = sorted(p.name for p in three.iterdir() if p.name not in (MANIFEST, f"{SLUG}.zip"))
    assert sorted(names) == on_disk
    assert all(contents[name] == (three / name).read_bytes() for name in names)


def test_the_combined_pdf_and_zip_are_in_the_manifest(three: Path) -> None:
    manifest = json.loads((three / MANIFEST).read_text(encoding="utf-8"))
    assert {f"{SLUG}-tout.pdf", f"{SLUG}.zip"} <= set(manifest)


def test_one_document_gets_no_combined_pdf_and_no_zip(tmp_path: Path) -> None:
    assert main(["build", str(SAMPLE), "--only", "guide", "-o", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != MANIFEST) == [
        "guide-animation.docx", "guide-animation.pdf"
    ]


def test_docx_only_gets_a_zip_but_no_combined_pdf(tmp_path: Path) -> None:
    assert main(["build", str(SAMPLE), *THREE, "--format", "docx", "-o", str(tmp_path)]) == 0
    names = {p.name for p in tmp_path.iterdir()}
    assert f"{SLUG}.zip" in names
    assert f"{SLUG}-tout.pdf" not in names


def test_the_whole_pack_bookmarks_every_document(sample_pack: Path) -> None:
    combined = PdfReader(sample_pack / f"{SLUG}-tout.pdf")
    top = [item.title for item in combined.outline if not isinstance(item, list)]
    # the print plan says how to print the rest: it is a sheet of its own, not in the combined PDF
    assert top == [generator.title for generator in registry().values() if generator.name != "print-plan"]


def test_the_combined_pdf_and_zip_are_reproducible(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    for run in ("un", "deux"):
        assert main(["build", str(SAMPLE), "--only", "guide", "--only", "questions", "-o", str(tmp_path / run)]) == 0
    for name in (f"{SLUG}-tout.pdf", f"{SLUG}.zip"):
        assert (tmp_path / "un" / name).read_bytes() == (tmp_path / "deux" / name).read_bytes()
