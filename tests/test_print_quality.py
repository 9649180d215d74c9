"""Print quality, proved with real readers: PDFium (text, words), pikepdf (qpdf's check, fonts), LibreOffice.

Two packs are read: the sample workshop and ``tests/stress`` (an 80-letter word
in a title, a table cell and a paragraph, a 60-row glossary, a paragraph longer
than a page, every case of French punctuation, Cyrillic, many short sections).
LibreOffice is installed by ``.ci/run``; elsewhere its tests skip when it is absent.

What PDFium gives back, by design:
- No-break spaces come back as ordinary spaces (U+0020). reportlab breaks lines
  at U+202F, so the PDF renderer prints U+00A0 instead (see escape_text), and
  reportlab writes U+00A0 with the space's code (ttfonts.py: "map nbsp into
  space"), so no extractor can tell it from a space. Every other character,
  « » œ ’ … · and Cyrillic included, comes back exactly.
- Hyphenation draws U+002D (reportlab cannot draw a soft hyphen: it strips
  U+00AD from words and breaks them with "-" too). PDFium reports a "-" that
  ends a line as U+FFFE and joins the line with the next one; ``pdf_text``
  drops it, so words come back whole, provided a line never ends at a hyphen of
  the text itself: the renderer never breaks there. ``pdf_text(raw=True)``
  keeps "démocra-" + "tique": every such break must be one of pyphen's break points.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pyphen
import pytest
from pypdf import PdfReader

from conftest import (
    LIBREOFFICE_PDF,
    ROOT,
    SAMPLE,
    Box,
    PrintedLine,
    hyphen_rate,
    pdf_fonts,
    pdf_lines,
    pdf_page_text,
    pdf_pages,
    pdf_problems,
    pdf_text,
    pdf_words,
)
from educpop.cli import main
from educpop.document import SourceText, walk_text
from educpop.glyphs import missing_glyphs
from educpop.hyphenation import hyphenator
from educpop.pack import make_documents
from educpop.plan import Options, make_plan
from educpop.session.load import load_workshop
from educpop.theme_file import default_theme

STRESS = ROOT / "tests" / "stress"
#: the 80+ letter word of the stress session
LONG_WORD = "anticonstitutionnellementextraordinairementinternationalistementrévolutionnairementdémocratiquement"
#: A4 in points, and the PDF renderer's frame (educpop/render/pdf.py, pdf_page.py): 2 cm margins, 0.4 cm more below
PAGE_W, PAGE_H = 595.28, 841.89
MARGIN = 56.69
FRAME_BOTTOM = MARGIN + 11.34
#: LibreOffice may lay a DOCX out on this many more or fewer pages than our PDF
PAGE_COUNT_TOLERANCE = 0.25
LIBREOFFICE_TIMEOUT = 300
HYPHENATOR = pyphen.Pyphen(lang="fr")


@pytest.fixture(scope="module")
def stress_pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the folder of the stress session's pack, built through the CLI (no LayoutError)."""
    out = tmp_path_factory.mktemp("stress")
    assert main(["build", str(STRESS), "-o", str(out)]) == 0
    return out


@pytest.fixture(scope="module", params=["sample", "stress"])
def pack(request: pytest.FixtureRequest) -> Path:
    """Return each pack in turn."""
    return request.getfixturevalue("sample_pack" if request.param == "sample" else "stress_pack")


def documents(folder: Path) -> list[str]:
    """Return the stems of the documents of a pack (those written in both formats)."""
    return sorted(p.stem for p in folder.glob("*.docx") if (folder / f"{p.stem}.pdf").exists())


def stress_documents() -> dict[str, object]:
    """Return the typeset documents of the stress session, by kind."""
    plan = make_plan(load_workshop(STRESS), Options())
    return {d.meta.kind: d for d in make_documents(plan, ["guide", "handout", "questions"])}


# -- fonts and file structure ----------------------------------------------------------------


def test_every_font_is_embedded_subset_and_of_the_theme_family(pack: Path) -> None:
    family = default_theme().font.name.replace(" ", "")
    for stem in documents(pack):
        fonts = pdf_fonts(pack / f"{stem}.pdf")
        assert fonts, stem
        for font in fonts:
            assert (font.embedded, font.subset, font.unicode) == (True, True, True), (stem, font)
            assert re.fullmatch(rf"[A-Z]{{6}}\+{family}(-\w+)?", font.name), (stem, font.name)


def test_qpdf_finds_no_error(pack: Path) -> None:
    for pdf in sorted(pack.glob("*.pdf")):
        assert pdf_problems(pdf) == [], pdf.name


# -- extraction ---------------------------------------------------------------------------


def frame_text(path: Path) -> list[str]:
    """Return the text inside the frame of each page: no footer, no line numbers in the margin."""
    frame = Box(MARGIN - 3, 0, PAGE_W - MARGIN + 3, PAGE_H - FRAME_BOTTOM + 3)
    return [pdf_page_text(path, n, frame) for n in range(1, pdf_pages(path) + 1)]


def renderer_hyphen(head: str, tail: str) -> bool:
    """Return whether "head-" + "tail" is a break the renderer made: one of pyphen's break points."""
    left = re.search(r"[^\W\d_]+$", head)
    right = re.match(r"[^\W\d_]+", tail)
    if not left or not right:
        return False
    word = left.group() + right.group()
    return len(left.group()) in HYPHENATOR.positions(word)


def joined(pages: list[str]) -> str:
    """Return the pages as one line of text: a renderer's hyphen across a page is removed, lines joined."""
    text = ""
    for page in pages:
        page = page.strip("\f\n ")
        if text.endswith("-") and renderer_hyphen(text[:-1], page):
            text = text[:-1] + page
        else:
            text = f"{text} {page}" if text else page
    return re.sub(r"[ \n]+", " ", text)


def expected(paragraph_runs: list[object]) -> str:
    """Return a typeset paragraph as PDFium reads it back: no-break spaces are spaces, soft hyphens gone."""
    text = "".join(run.text for run in paragraph_runs).replace("\u00ad", "")  # type: ignore[attr-defined]
    return re.sub(r"[ \n\u00a0\u202f]+", " ", text).strip()


def test_the_pdf_gives_back_every_paragraph_of_the_stress_text_exactly(stress_pack: Path) -> None:
    text = joined(frame_text(stress_pack / "dossier-participant.pdf"))
    handout = stress_documents()["handout"]
    sources = [b for b in handout.blocks if isinstance(b, SourceText)]  # type: ignore[attr-defined]
    paragraphs = [expected(p) for source in sources for p in source.paragraphs]
    assert len(paragraphs) >= 20 and max(len(p) for p in paragraphs) > 5000
    for paragraph in paragraphs:
        assert paragraph in text, paragraph[:80]


@pytest.mark.parametrize("fragment", [
    "« Parce que ! » répond l’autre… Vraiment ?!",
    "« Pourquoi ? » demande l’une d’elles",
    "l’œuvre commune, c’est l’affaire de tous",
    "Les député·e·s et les travailleur.se.s ont voté ; la séance reprend à 18 h 30.",
    "de 38 387 à 1 000 000 € : soit 7,5 M de plus, ou 10 % de hausse",
    "(Петроградский совет рабочих и солдатских депутатов)",
    "« Вся власть Советам ! »",
    "les officiers efficaces et l’affluence des réfugiés",
    "https://example.org/atelier?page=2 ou écrire à equipe@example.org ; merci.",
    f"le plus long de l’atelier : {LONG_WORD}.",
])
def test_the_pdf_gives_back_french_typography_exactly(stress_pack: Path, fragment: str) -> None:
    # No-break spaces come back as spaces (see the module docstring); the rest is exact.
    text = joined(frame_text(stress_pack / "dossier-participant.pdf"))
    assert fragment in text


def test_no_ligature_or_soft_hyphen_reaches_the_text(pack: Path) -> None:
    for stem in documents(pack):
        text = pdf_text(pack / f"{stem}.pdf")
        assert not re.search("[\ufb00-\ufb06\u00ad\ufffd]", text), stem


def test_every_hyphen_at_a_line_end_is_a_pyphen_break(stress_pack: Path) -> None:
    breaks = 0
    for stem in documents(stress_pack):
        raw = pdf_text(stress_pack / f"{stem}.pdf", raw=True).replace("\f", "")
        for head, tail in re.findall(r"(\S*)-\n(\S*)", raw):
            assert renderer_hyphen(head, tail), (stem, f"{head}-⏎{tail}")
            breaks += 1
    assert breaks >= 10  # hyphenation is on


def test_a_hyphen_of_the_text_never_ends_a_line() -> None:
    split = hyphenator("fr")
    assert split is not None
    assert list(split("Saint-Pétersbourg")) == list(split("sous-groupes")) == []
    assert ("démocra", "tique") in list(split("démocratique"))


# -- hyphenation, read back from the sample's PDFs in A4 and in an A5 booklet -------------------


@pytest.fixture(scope="module")
def booklet_pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the folder of the sample's PDFs in an A5 booklet (the sheets handed out one by one stay A4)."""
    out = tmp_path_factory.mktemp("a5")
    assert main(["build", str(SAMPLE), "-o", str(out), "--format", "pdf", "--paper", "a5-livret"]) == 0
    return out


@pytest.fixture(scope="module", params=["a4", "a5-livret"])
def sample_pdfs(request: pytest.FixtureRequest) -> dict[str, list[PrintedLine]]:
    """Return the lines of every document of the sample (not the combined file), in A4 then in A5, by file name."""
    folder: Path = request.getfixturevalue("sample_pack" if request.param == "a4" else "booklet_pack")
    pdfs = [pdf for pdf in sorted(folder.glob("*.pdf")) if "-tout" not in pdf.stem]
    assert len(pdfs) >= 8
    return {pdf.name: pdf_lines(pdf) for pdf in pdfs}


def cut_words(lines: list[PrintedLine]) -> Iterator[tuple[str, str]]:
    """Yield the two parts of every word cut at the end of a line: "Mos-" and "cou"."""
    for here, after in zip(lines, lines[1:], strict=False):
        if here.cut:
            yield here.words[-1].text, after.words[0].text


def names_of_the_session() -> set[str]:
    """Return the capitalised words of the sample's texts and session file (the names a reader meets)."""
    text = " ".join(path.read_text(encoding="utf-8") for path in [SAMPLE / "session.yaml",
                                                                   *sorted((SAMPLE / "sources").glob("*.md"))])
    return set(re.findall(r"\b[A-ZÀ-ÖØ-Þ][^\W\d_]{2,}", text))


def test_no_name_of_the_session_is_cut_at_a_line_end(sample_pdfs: dict[str, list[PrintedLine]]) -> None:
    session_names = names_of_the_session()
    assert {"Moscou", "Pétersbourg", "Kollontaï"} <= session_names
    for name, lines in sample_pdfs.items():
        for head, tail in cut_words(lines):
            stem = re.sub(r"^\W+", "", head)
            assert not stem[:1].isupper(), (name, f"{head}⏎{tail}")
            whole = re.sub(r"[^\w-]", "", stem[:-1] + tail).split("-")
            assert not session_names & set(whole), (name, f"{head}⏎{tail}")


def test_a_cut_leaves_three_letters_or_more_on_either_side(sample_pdfs: dict[str, list[PrintedLine]]) -> None:
    for name, lines in sample_pdfs.items():
        for head, tail in cut_words(lines):
            before = re.search(r"[^\W\d_]*(?=-$)", head)
            after = re.match(r"[^\W\d_]*", tail)
            assert before and after and len(before.group()) >= 3 and len(after.group()) >= 3, (name, head, tail)


def test_never_three_lines_in_a_row_end_in_a_hyphen(sample_pdfs: dict[str, list[PrintedLine]]) -> None:
    for name, lines in sample_pdfs.items():
        for index in range(len(lines) - 2):
            assert not all(line.cut for line in lines[index:index + 3]), (name, lines[index].page, lines[index].text)


def continues_below(line: PrintedLine, after: PrintedLine) -> bool:
    """Return whether ``after`` is the next line of the same text, in the same column, on the same page."""
    return (after.page == line.page and abs(after.height - line.height) < 0.15 * line.height
            and 0 < after.words[0].y0 - line.words[0].y0 < 2.5 * line.height
            and after.words[0].x0 < line.words[-1].x1 and line.words[0].x0 < after.words[-1].x1)


def test_no_page_or_column_ends_in_a_hyphen(sample_pdfs: dict[str, list[PrintedLine]]) -> None:
    for name, lines in sample_pdfs.items():
        for here, after in zip(lines, lines[1:], strict=False):
            if here.cut:
                assert continues_below(here, after), (name, here.page, here.text, after.text)


def test_fewer_than_3_in_100_lines_of_running_text_end_in_a_hyphen(sample_pack: Path, booklet_pack: Path) -> None:
    rates = {f"{folder.name}/{pdf.name}": hyphen_rate(pdf) for folder in (sample_pack, booklet_pack)
             for pdf in sorted(folder.glob("*.pdf")) if "-tout" not in pdf.stem}
    print("lignes coupées :", {name: f"{rate.cut}/{rate.lines}" for name, rate in rates.items()})
    handouts = [rate for name, rate in rates.items() if "dossier-participant" in name]
    assert len(handouts) == 2 and all(rate.lines > 300 for rate in handouts)  # the measure reads the texts
    for name, rate in rates.items():
        assert rate.percent < 3, (name, rate)


def test_the_long_word_comes_back_whole_from_title_cell_and_paragraph(stress_pack: Path) -> None:
    handout = pdf_text(stress_pack / "dossier-participant.pdf")
    guide = pdf_text(stress_pack / "guide-animation.pdf")
    assert f"Le mot {LONG_WORD}" in " ".join(handout.split())  # a heading of the text
    assert f"Lecture du mot {LONG_WORD}" in " ".join(guide.split())  # an activity title
    assert f"en page : {LONG_WORD}, puis" in " ".join(handout.split())  # a glossary cell


# -- layout -------------------------------------------------------------------------------


def test_no_text_leaves_the_frame(pack: Path) -> None:
    for stem in documents(pack):
        found = list(pdf_words(pack / f"{stem}.pdf"))
        assert found, stem
        footers = {w.page for w in found if w.text == "page"}
        for word in found:
            where = (stem, word)
            assert word.x1 <= PAGE_W - MARGIN + 1, where
            if word.x0 < MARGIN - 1:  # only line numbers stand in the left margin
                assert word.text.isdigit() and word.x0 >= MARGIN / 2, where
            if word.page in footers:  # body pages: nothing above the frame but a running header
                assert word.y0 >= MARGIN - 1 or MARGIN * 0.3 <= word.y0 < word.y1 <= MARGIN - 1, where
            assert word.y1 <= PAGE_H - MARGIN * 0.3, where  # footer included


def test_the_glossary_header_is_repeated_on_every_page_it_spans(stress_pack: Path) -> None:
    found = list(pdf_words(stress_pack / "dossier-participant.pdf"))
    rows = {w.page for w in found if w.text == "Définition" and any(
        v.page == w.page and v.text == "numéro" for v in found)}
    headers = [w.page for w in found if w.text == "d’origine"]
    assert len(rows) >= 3
    assert sorted(headers) == sorted(rows)  # once per page, on every page of the table


def test_source_text_lines_are_numbered_every_five_across_pages(stress_pack: Path) -> None:
    numbers = [int(w.text) for w in pdf_words(stress_pack / "dossier-participant.pdf")
               if w.text.isdigit() and w.x1 < MARGIN]
    assert len(numbers) >= 20
    assert numbers == list(range(5, 5 * len(numbers) + 1, 5))


def test_a_heading_of_the_text_is_never_last_on_its_page(stress_pack: Path) -> None:
    found = list(pdf_words(stress_pack / "dossier-participant.pdf"))
    headings = [w for w in found if w.text == "Intertitre"]
    assert len(headings) == 12
    for heading in headings:
        below = [w for w in found if w.page == heading.page and w.y0 > heading.y1 + 2 and w.y1 < PAGE_H - FRAME_BOTTOM]
        assert below, f"« Intertitre » seul en bas de la page {heading.page}"


def test_headings_keep_room_for_what_follows(pack: Path) -> None:
    for stem in documents(pack):
        reader = PdfReader(pack / f"{stem}.pdf")

        def tops(outline: list[object]) -> Iterator[tuple[str, float]]:
            for item in outline:
                if isinstance(item, list):
                    yield from tops(item)
                else:
                    yield item.title, float(item.top)  # type: ignore[attr-defined]

        for title, top in tops(reader.outline):
            # a heading, its space and two lines of what follows fit above the frame's bottom
            assert top - FRAME_BOTTOM > 60, (stem, title, top)


# -- glyphs -------------------------------------------------------------------------------


def test_the_stress_pack_uses_no_character_missing_from_the_font() -> None:
    for kind, document in stress_documents().items():
        assert missing_glyphs(document, default_theme().font) == [], kind  # type: ignore[arg-type]


def test_build_warns_about_a_character_missing_from_the_font(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    session = tmp_path / "session"
    shutil.copytree(STRESS, session)
    text = session / "sources" / "texte.md"
    text.write_text(text.read_text(encoding="utf-8") + "\nLe caractère 漢 et la licorne 🦄 ne sont pas dans DejaVu.\n",
                    encoding="utf-8")
    assert main(["build", str(session), "-o", str(tmp_path / "out"), "--format", "pdf", "--only", "handout"]) == 0
    err = capsys.readouterr().err
    assert ("attention : dossier-participant : caractère absent de la police DejaVu Sans : "
            "« 漢 » (U+6F22) dans « Le caractère 漢 et la licorne 🦄 ne… »") in err
    assert "« 🦄 » (U+1F984)" in err
    assert err.count("attention :") == 2
    assert (tmp_path / "out" / "dossier-participant.pdf").exists()


def test_missing_glyphs_checks_the_face_text_is_printed_in() -> None:
    from educpop.document import Audience, Document, Heading, Meta, Paragraph, Text

    meta = Meta("t", "guide", Audience.FACILITATOR, "séance")
    arabic = "\u0628"  # in DejaVu Sans, not in its oblique face
    document = Document(meta, [Paragraph([Text(arabic)]), Heading(2, [Text("Петроград")]),
                               Paragraph([Text(f"mot {arabic}", italic=True)])])
    missing = missing_glyphs(document, default_theme().font, "guide-animation")
    assert [(m.char, m.context) for m in missing] == [(arabic, f"mot {arabic}")]
    assert "Петроград" in walk_text(document.blocks)


# -- LibreOffice ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def libreoffice(
    soffice: str, sample_pack: Path, stress_pack: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    """Return LibreOffice's PDF of every DOCX of both packs, by "pack/stem", converted in one call."""
    work = tmp_path_factory.mktemp("libreoffice")
    inputs = work / "docx"
    inputs.mkdir()
    for name, folder in (("sample", sample_pack), ("stress", stress_pack)):
        for stem in documents(folder):
            shutil.copy(folder / f"{stem}.docx", inputs / f"{name}--{stem}.docx")
    started = time.monotonic()
    done = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{work / 'profile'}", "--headless", "--norestore",
         "--convert-to", LIBREOFFICE_PDF, "--outdir", str(work / "pdf"),
         *sorted(str(p) for p in inputs.glob("*.docx"))],
        capture_output=True, text=True, timeout=LIBREOFFICE_TIMEOUT,
    )
    print(f"LibreOffice : {len(list(inputs.glob('*.docx')))} DOCX en {time.monotonic() - started:.1f} s")
    assert done.returncode == 0, done.stderr
    return {p.stem.replace("--", "/"): p for p in (work / "pdf").glob("*.pdf")}


def test_libreoffice_converts_every_docx(libreoffice: dict[str, Path], sample_pack: Path, stress_pack: Path) -> None:
    wanted = {f"{name}/{stem}" for name, folder in (("sample", sample_pack), ("stress", stress_pack))
              for stem in documents(folder)}
    assert wanted <= set(libreoffice)
    for key in wanted:
        assert pdf_pages(libreoffice[key]) >= 1, key


def test_libreoffice_and_our_pdf_agree_on_page_counts(
    libreoffice: dict[str, Path], sample_pack: Path, stress_pack: Path
) -> None:
    counts = {}
    for name, folder in (("sample", sample_pack), ("stress", stress_pack)):
        for stem in documents(folder):
            ours = pdf_pages(folder / f"{stem}.pdf")
            theirs = pdf_pages(libreoffice[f"{name}/{stem}"])
            counts[f"{name}/{stem}"] = (ours, theirs)
    print("pages (educpop, LibreOffice) :", counts)
    off = {k: v for k, v in counts.items() if abs(v[0] - v[1]) > PAGE_COUNT_TOLERANCE * max(v)}
    assert not off, off


def test_libreoffice_reads_back_the_french_text_of_the_docx(libreoffice: dict[str, Path]) -> None:
    text = " ".join(pdf_text(libreoffice["stress/dossier-participant"]).replace("\u00a0", " ")
                    .replace("\u202f", " ").split())
    for fragment in ("« Parce que ! » répond l’autre… Vraiment ?!", "l’œuvre commune",
                     "Петроградский совет", "député·e·s", "travailleur.se.s", "7,5 M", "38 387", "10 %"):
        assert fragment in text, fragment
