"""The PDF renderer: what a reader of the PDF finds in it (text, pages, fonts, outline)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import Image as PILImage
from pypdf import PdfReader

from conftest import pdf_fonts
from educpop.document import (
    AnswerLines,
    Audience,
    Box,
    BulletList,
    Checklist,
    Cover,
    Document,
    Heading,
    Image,
    Meta,
    NumberedList,
    PageBreak,
    Paragraph,
    Quote,
    SourceText,
    Table,
    Text,
    Timeline,
    TimelineEvent,
    plain,
)
from educpop.errors import BuildError
from educpop.render.pdf import render
from educpop.render.pdf_flowables import escape_text
from educpop.theme import Theme

LOREM = (
    "Les ouvrières de Petrograd descendent dans la rue le 23 février, et la grève gagne les usines "
    "du quartier de Vyborg ; les soldats refusent bientôt de tirer sur la foule. "
)


def document(*blocks: object, **meta: str) -> Document:
    """Return a participant document titled "Dossier" holding ``blocks``."""
    fields = {"title": "Dossier", "session_title": "1917 : quelles leçons ?", **meta}
    doc = Document(Meta(kind="handout", audience=Audience.PARTICIPANT, **fields))
    doc.add(*blocks)  # type: ignore[arg-type]
    return doc


def pdf(doc: Document, theme: Theme | None = None) -> PdfReader:
    """Return a reader over ``doc`` rendered as PDF."""
    stream = io.BytesIO()
    render(doc, stream, theme or Theme())
    stream.seek(0)
    return PdfReader(stream)


def text(reader: PdfReader) -> str:
    """Return the text of every page, pages separated by a form feed."""
    return "\f".join(page.extract_text() for page in reader.pages)


def squash(value: str) -> str:
    """Return ``value`` with runs of whitespace (no-break spaces too) folded to one space."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", value).strip()


def outline_titles(reader: PdfReader) -> list[tuple[int, str, int]]:
    """Return (depth, title, 1-based page) for every outline entry, in order."""
    out: list[tuple[int, str, int]] = []

    def walk(items: list[object], depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                out.append((depth, item.title, reader.get_destination_page_number(item) + 1))  # type: ignore[attr-defined]

    walk(reader.outline, 0)
    return out


def numbered_lines(reader: PdfReader) -> list[tuple[int | None, str]]:
    """Return the non-blank lines of every page laid out, as (margin number or None, text)."""
    lines: list[tuple[int | None, str]] = []
    for page in reader.pages:
        for line in page.extract_text(extraction_mode="layout").splitlines():
            match = re.match(r"^\s*(\d+)\s+(\D.*)$", line)
            if match:
                lines.append((int(match[1]), match[2].strip()))
            elif line.strip():
                lines.append((None, line.strip()))
    return lines


# --- text is data ---------------------------------------------------------------------


def test_markup_characters_come_back_exactly() -> None:
    reader = pdf(document(Paragraph(plain("Q&R : AT&T <nom> a<b"))))
    assert "Q&R : AT&T <nom> a<b" in text(reader)


def test_a_tag_in_user_text_prints_as_text() -> None:
    reader = pdf(document(Paragraph(plain('<img src="/etc/passwd"/> et <b>pas gras</b>'))))
    assert '<img src="/etc/passwd"/> et <b>pas gras</b>' in text(reader)
    assert "/XObject" not in reader.pages[0]["/Resources"]


def test_quotes_and_apostrophes_survive() -> None:
    reader = pdf(document(Paragraph(plain("l'été \"chaud\" d’après"))))
    assert "l'été \"chaud\" d’après" in text(reader)


def test_escape_keeps_french_spaces_unbreakable() -> None:
    assert escape_text("«\u202fpain\u202f» & <paix>") == "«\u00a0pain\u00a0» &amp; &lt;paix&gt;"
    assert escape_text("a\nb\x00c\ud800") == "a b\ufffdc\ufffd"  # shown, as in DOCX


def test_accents_french_marks_and_cyrillic_are_printed() -> None:
    words = "é è à ç œ « » ’ Ленин совет travailleur·se·s député.e.s"
    reader = pdf(document(Heading(1, plain("Ленин et les soviets")), Paragraph(plain(words))))
    extracted = text(reader)
    assert "Ленин et les soviets" in extracted
    assert words in squash(extracted)


def test_bold_and_italic_runs_use_the_bold_and_italic_faces() -> None:
    reader = pdf(document(Paragraph([Text("gras", bold=True), Text(" et "), Text("penché", italic=True),
                                     Text(" les deux", bold=True, italic=True)])))
    fonts = {str(f.get_object()["/BaseFont"]).split("+")[-1] for f in reader.pages[0]["/Resources"]["/Font"].values()}
    assert {"DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSans-BoldOblique"} <= fonts


def test_every_font_is_embedded() -> None:
    reader = pdf(document(Cover("Titre"), Heading(1, plain("Titre")), Paragraph(plain(LOREM)),
                          Table([plain("A"), plain("B")], [[plain("1"), plain("2")]]), Checklist([plain("x")]),
                          SourceText([plain(LOREM * 3)])))
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            assert "/FontFile2" in font["/FontDescriptor"], font["/BaseFont"]


# --- pages, footer, metadata, outline ------------------------------------------------


def test_footer_shows_session_title_and_page_of_total() -> None:
    reader = pdf(document(Paragraph(plain("un")), PageBreak(), Paragraph(plain("deux"))),
                 Theme(footer="Licence CC BY-SA"))
    assert len(reader.pages) == 2
    first, second = (page.extract_text() for page in reader.pages)
    assert "page 1 / 2" in first and "page 2 / 2" in second
    assert "1917 : quelles leçons ?" in first
    assert "Licence CC BY-SA" in second


def test_cover_is_alone_on_its_first_page_without_footer() -> None:
    reader = pdf(document(Cover("Guide d'animation", subtitle="1917", lines=["Samedi 9 h 30"]),
                          Heading(1, plain("Objectifs"))), Theme(organisation="Collectif"))
    assert len(reader.pages) == 2
    cover, body = (page.extract_text() for page in reader.pages)
    assert "Guide d'animation" in cover and "Samedi 9 h 30" in cover and "Collectif" in cover
    assert "page" not in cover and "Objectifs" not in cover
    assert "Objectifs" in body and "page 2 / 2" in body


def test_page_breaks_never_leave_blank_pages() -> None:
    reader = pdf(document(PageBreak(), Cover("Titre"), PageBreak(), Paragraph(plain("a")), PageBreak(), PageBreak()))
    assert len(reader.pages) == 2


def test_metadata_title_author_subject_and_language() -> None:
    reader = pdf(document(Paragraph(plain("x")), title="Guide d'animation", author="Collectif Éduc",
                          subject="Atelier 1917", language="fr"))
    assert reader.metadata is not None
    assert reader.metadata.title == "Guide d'animation"
    assert reader.metadata.author == "Collectif Éduc"
    assert reader.metadata.subject == "Atelier 1917"
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "fr"
    assert root["/PageMode"] == "/UseOutlines"


def test_headings_become_nested_bookmarks_on_their_pages() -> None:
    reader = pdf(document(
        Heading(1, plain("Objectifs")),
        Heading(2, plain("Déroulé")),
        Heading(3, plain("Brise-glace")),
        PageBreak(),
        Heading(1, plain("Annexes")),
        Heading(3, plain("Ленин")),  # a jump from level 1 to 3 hangs one level down
    ))
    assert outline_titles(reader) == [
        (0, "Objectifs", 1),
        (1, "Déroulé", 1),
        (2, "Brise-glace", 1),
        (0, "Annexes", 2),
        (1, "Ленин", 2),
    ]


def test_a5_theme_prints_on_a5_paper() -> None:
    reader = pdf(document(Paragraph(plain("x"))), Theme(page_size="A5"))
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(width), round(height)) == (420, 595)


def test_unknown_page_size_is_a_build_error() -> None:
    with pytest.raises(BuildError, match="A3"):
        pdf(document(Paragraph(plain("x"))), Theme(page_size="A3"))


def test_output_is_deterministic() -> None:
    doc = document(Cover("Titre"), Heading(1, plain("Un")), Paragraph(plain(LOREM)))
    first, second = io.BytesIO(), io.BytesIO()
    render(doc, first, Theme())
    render(doc, second, Theme())
    assert first.getvalue() == second.getvalue()


# --- blocks ---------------------------------------------------------------------------


def test_long_table_repeats_its_header_on_every_page() -> None:
    rows = [[plain(f"{n:02d}"), plain(f"Activité numéro {n}"), plain(LOREM[:60])] for n in range(60)]
    reader = pdf(document(Table([plain("Heure"), plain("Activité"), plain("Notes")], rows, widths=[1, 3, 4])))
    assert len(reader.pages) >= 2
    for page in reader.pages:
        page_text = page.extract_text()
        assert page_text.count("Heure") == 1, page_text
    extracted = text(reader)
    assert all(f"Activité numéro {n}" in extracted for n in range(60))


def test_an_80_character_word_wraps_inside_its_cell() -> None:
    word = "anticonstitutionnellement" * 3 + "fini"  # 79 + 4 characters, no space
    reader = pdf(document(Table([plain("Mot"), plain("Sens")], [[plain(word), plain("long")]], widths=[1, 3])))
    assert word in squash(text(reader)).replace(" ", "").replace("-", "")


def test_a_table_row_taller_than_a_page_is_split_not_an_error() -> None:
    reader = pdf(document(Table([plain("Texte")], [[plain(LOREM * 60)]])))
    assert len(reader.pages) >= 2


def test_table_with_a_row_too_long_for_its_header_is_refused() -> None:
    with pytest.raises(ValueError, match="3 cellules pour 2 colonnes"):
        pdf(document(Table([plain("A"), plain("B")], [[plain("1"), plain("2"), plain("3")]])))


def test_lists_checklist_quote_and_timeline_print_their_text() -> None:
    reader = pdf(document(
        BulletList([plain("Feutres"), plain("Paperboard")]),
        NumberedList([plain("Lire"), plain("Débattre")], start=3),
        Checklist([plain("Photocopies")]),
        Quote(plain("Tout le pouvoir aux soviets !"), "Lénine, avril 1917"),
        Timeline([TimelineEvent("23 février 1917", plain("Grève des ouvrières"))]),
    ))
    extracted = text(reader)
    for expected in ("• Feutres", "3. Lire", "4. Débattre", "☐ Photocopies", "Tout le pouvoir aux soviets !",
                     "— Lénine, avril 1917", "23 février 1917", "Grève des ouvrières"):
        assert expected in squash(extracted), expected


def test_every_box_kind_prints_its_title_and_blocks() -> None:
    boxes = [
        Box(f"Encadré {kind}", [Paragraph(plain(f"contenu {kind}"))], kind)
        for kind in ("tip", "instruction", "warning")
    ]
    extracted = text(pdf(document(*boxes)))
    for kind in ("tip", "instruction", "warning"):
        assert f"Encadré {kind}" in extracted and f"contenu {kind}" in extracted


def test_a_long_box_splits_across_pages() -> None:
    reader = pdf(document(Box("Conseil", [Paragraph(plain(f"{n} " + LOREM * 3)) for n in range(30)])))
    assert len(reader.pages) >= 3
    assert "Conseil" in reader.pages[0].extract_text()
    assert "29 Les ouvrières" in squash(text(reader))


def test_a_box_title_and_its_whole_first_block_share_a_page_wherever_the_box_falls() -> None:
    # As in the DOCX, whose first row of a box never splits: the same pages in both formats.
    first = Paragraph(plain("Premiermot " + LOREM * 4 + "Derniermot"))
    for filler in range(0, 60, 3):
        reader = pdf(document(*[Paragraph(plain(f"Ligne {n}.")) for n in range(filler)],
                              Box("Conseil", [first, Paragraph(plain(LOREM * 6))])))
        pages = [page.extract_text() for page in reader.pages]
        where = [next(i for i, page in enumerate(pages) if word in page)
                 for word in ("Conseil", "Premiermot", "Derniermot")]
        assert len(set(where)) == 1, (filler, where)


def test_unknown_box_kind_and_paragraph_style_are_refused() -> None:
    with pytest.raises(ValueError, match="'aside'"):
        pdf(document(Box("x", [], "aside")))
    with pytest.raises(ValueError, match="'huge'"):
        pdf(document(Paragraph(plain("x"), "huge")))


def test_every_paragraph_style_prints() -> None:
    styles = ("body", "small", "lead", "instruction")
    extracted = text(pdf(document(*(Paragraph(plain(f"style {name}"), name) for name in styles))))
    assert all(f"style {name}" in extracted for name in styles)


def test_answer_lines_continue_on_the_next_page() -> None:
    reader = pdf(document(AnswerLines(40)))
    assert len(reader.pages) == 2


def test_image_keeps_its_aspect_ratio(tmp_path: Path) -> None:
    picture = tmp_path / "logo.png"
    PILImage.new("RGB", (200, 100), "red").save(picture)
    reader = pdf(document(Image(picture, width_cm=5)))
    content = reader.pages[0].get_contents().get_data().decode("latin-1")
    match = re.search(r"([\d.]+) 0 0 ([\d.]+) [\d.]+ [\d.]+ cm\s+/FormXob", content)
    assert match, content
    width, height = float(match[1]), float(match[2])
    assert width == pytest.approx(5 / 2.54 * 72, abs=0.1)
    assert height == pytest.approx(width / 2, abs=0.1)


def test_missing_image_is_a_build_error(tmp_path: Path) -> None:
    with pytest.raises(BuildError, match="absent.png"):
        pdf(document(Image(tmp_path / "absent.png")))


# --- line-numbered source texts -------------------------------------------------------


def source_lines(reader: PdfReader, first_word: str) -> list[tuple[int | None, str]]:
    """Return the printed lines of a SourceText, from the line starting with ``first_word``."""
    lines = [line for line in numbered_lines(reader) if "page " not in line[1] and "1917 :" not in line[1]]
    start = next(i for i, (_, line) in enumerate(lines) if line.startswith(first_word))
    return lines[start:]


def test_source_text_numbers_every_fifth_printed_line() -> None:
    verses = [plain(f"vers {n:02d}") for n in range(1, 13)]
    reader = pdf(document(Heading(1, plain("Texte")), SourceText(verses)))
    lines = source_lines(reader, "vers 01")
    assert [number for number, _ in lines if number] == [5, 10]
    assert (5, "vers 05") in lines and (10, "vers 10") in lines


def test_source_text_counts_wrapped_lines_across_paragraphs_and_pages() -> None:
    words = " ".join(f"mot{n:03d}" for n in range(400))
    reader = pdf(document(SourceText([plain(words), plain(words), plain(words)] * 3, number_every=5)))
    assert len(reader.pages) >= 2
    lines = source_lines(reader, "mot000")
    numbers = [number for number, _ in lines if number]
    assert numbers == list(range(5, 5 * len(numbers) + 1, 5))
    for index, (number, _) in enumerate(lines):
        if number:
            assert number == index + 1  # the number sits beside the line it counts
    # the numbering runs on over the page break
    page_two = [n for n, _ in numbered_lines(PdfReaderPage(reader, 1)) if n]
    assert page_two and page_two[0] > numbers[0]


def test_each_source_text_restarts_at_one() -> None:
    verses = [plain(f"vers {n:02d}") for n in range(1, 8)]
    reader = pdf(document(SourceText(verses), SourceText([plain(f"autre {n}") for n in range(1, 8)])))
    lines = numbered_lines(reader)
    assert (5, "vers 05") in lines and (5, "autre 5") in lines


class PdfReaderPage:
    """A stand-in for a reader that holds only one page of another (for numbered_lines)."""

    def __init__(self, reader: PdfReader, index: int) -> None:
        self.pages = [reader.pages[index]]


def test_a_cover_after_content_gets_a_page_of_its_own_without_footer() -> None:
    reader = pdf(document(Paragraph(plain("avant")), PageBreak(), Cover("Annexe"), Paragraph(plain("après"))))
    pages = [page.extract_text() for page in reader.pages]
    assert len(pages) == 3
    assert "avant" in pages[0] and "page 1 / 3" in pages[0]
    assert "Annexe" in pages[1] and "page" not in pages[1]
    assert "après" in pages[2] and "page 3 / 3" in pages[2]


def test_empty_blocks_print_nothing_and_do_not_fail() -> None:
    reader = pdf(document(BulletList([]), Checklist([]), Table([], []), Timeline([]), AnswerLines(0),
                          SourceText([]), Box("", [])))
    assert len(reader.pages) == 1


def test_a_heading_longer_than_a_page_is_cut_not_looped_over() -> None:
    words = " ".join(f"mot{i}" for i in range(700))
    reader = pdf(document(Heading(1, [Text(words)]), Paragraph([Text("La suite.")])))
    assert len(reader.pages) >= 2
    printed = squash(text(reader))
    assert "mot0 mot1" in printed and "mot699" in printed and "La suite." in printed


def test_instructions_read_aloud_are_upright_for_weak_readers(tmp_path: Path) -> None:
    path = tmp_path / "consigne.pdf"
    stream = io.BytesIO()
    render(document(Box("Consigne", [Paragraph([Text("Lisez la partie à voix haute.")], "instruction")],
                        "instruction")), stream, Theme())
    path.write_bytes(stream.getvalue())
    assert not [font.family for font in pdf_fonts(path) if "Oblique" in font.family or "Italic" in font.family]


def rendered_parts(doc: Document) -> tuple[tuple[int, ...], PdfReader]:
    """Return the pages of each part of ``doc`` as the renderer counts them, and the PDF it wrote."""
    stream = io.BytesIO()
    parts = render(doc, stream, Theme())
    stream.seek(0)
    return parts, PdfReader(stream)


def test_it_returns_the_pages_each_part_takes_with_the_blank_back_a_new_sheet_leaves() -> None:
    part = PageBreak(new_sheet=True, part=True)
    parts, reader = rendered_parts(document(
        part, Paragraph(plain("Partie un")),
        part, Paragraph(plain("Partie deux")), Paragraph(plain(LOREM * 80)),
        part, Paragraph(plain("Partie trois"))))
    pages = [page.extract_text() for page in reader.pages]
    starts = [next(number for number, page in enumerate(pages, start=1) if f"Partie {which}" in page)
              for which in ("un", "deux", "trois")]
    assert starts == [1, 3, 1 + parts[0] + parts[1]]
    assert len(parts) == 3 and parts[0] == 2 and sum(parts) == len(pages)
    assert parts[1] % 2 == 0 and parts[1] > 2  # the long part runs over pages, and ends on a back


def test_a_document_is_one_part_but_for_part_breaks_after_its_first_content() -> None:
    parts, reader = rendered_parts(document(PageBreak(part=True), Paragraph(plain("a")), PageBreak(),
                                            Paragraph(plain("b"))))
    assert (parts, len(reader.pages)) == ((2,), 2)
