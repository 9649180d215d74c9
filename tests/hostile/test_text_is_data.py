"""User text is data: what a facilitator types comes back exactly, and no markup in it takes effect.

One pack is built from a session.yaml full of markup, right-to-left names and
facilitator-only markers; every test reads the built PDF and DOCX files back.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from conftest import docx_text, pdf_text, squash
from educpop.cli import main
from educpop.document import Audience, Document, Meta, Paragraph, Text
from educpop.generators import registry
from educpop.render import FORMATS
from educpop.theme_file import default_theme
from hostile.conftest import FULL, TEXT

MARKERS = [
    "SECRET-VENUE", "SECRET-NOTES", "SECRET-NOTES-2", "SECRET-STEP", "SECRET-DEBRIEF", "SECRET-HINT", "SECRET-HINT-2",
]


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the folder of the hostile session's pack, every document in both formats."""
    root = tmp_path_factory.mktemp("hostile")
    folder = root / "atelier"
    (folder / "sources").mkdir(parents=True)
    # "Débat" typed with a decomposed accent (e + U+0301), as some Mac editors save it
    (folder / "session.yaml").write_text(FULL.replace("title: Débat", "title: De\u0301bat"), encoding="utf-8")
    (folder / "sources" / "texte.md").write_text(TEXT, encoding="utf-8")
    assert main(["build", str(folder), "-o", str(root / "out")]) == 0
    return root / "out"


def files_for(pack: Path, audience: Audience) -> list[Path]:
    stems = [g.file_stem for g in registry().values() if g.audience == audience]
    found = [path for stem in stems for path in sorted(pack.glob(f"{stem}.*")) if path.suffix in (".pdf", ".docx")]
    assert found
    return found


def text_of(path: Path) -> str:
    """Return the squashed text of a built file, DOCX footers included (the title is there)."""
    if path.suffix == ".pdf":
        return squash(pdf_text(path))
    footers = [p.text for section in docx.Document(str(path)).sections for p in section.footer.paragraphs]
    return squash(docx_text(path) + "\n" + "\n".join(footers))


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_ampersands_and_angle_brackets_come_back_exactly(pack: Path, fmt: str) -> None:
    for stem in ("guide-animation", "dossier-participant", "fiches-questions"):
        assert "Q&R : AT&T <nom> a<b" in text_of(pack / f"{stem}.{fmt}")


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_tags_in_user_text_are_printed_not_obeyed(pack: Path, fmt: str) -> None:
    text = text_of(pack / f"guide-animation.{fmt}")
    assert "<img src=/etc/passwd/> <a href=http://x.org>lien</a> <font color=red>rouge</font> un<br/>deux" in text


def test_no_image_or_link_gets_into_the_pdf(pack: Path) -> None:
    for path in pack.glob("*.pdf"):
        content = path.read_bytes()
        assert b"/Subtype /Image" not in content and b"/URI" not in content
        assert b"/passwd" not in content.replace(b"etc/passwd", b"")


def test_no_image_or_link_gets_into_the_docx(pack: Path) -> None:
    for path in pack.glob("*.docx"):
        with zipfile.ZipFile(path) as archive:
            assert not [name for name in archive.namelist() if name.startswith("word/media/")]
            body = archive.read("word/document.xml").decode()
            rels = archive.read("word/_rels/document.xml.rels").decode()
        # the one drawing is the cover's band, ours
        drawings = body.count("<w:drawing")
        assert drawings == body.count('name="Bandeau"') <= 1
        assert "<w:hyperlink" not in body and "TargetMode=\"External\"" not in rels


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_raw_html_in_a_markdown_text_is_shown_as_text(pack: Path, fmt: str) -> None:
    text = text_of(pack / f"dossier-participant.{fmt}")
    assert "Un texte <b>pas gras</b> <img src=« /etc/passwd »/> et <font color=red>x</font>." in text


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_a_decomposed_accent_comes_out_composed(pack: Path, fmt: str) -> None:
    text = pdf_text(pack / f"guide-animation.{fmt}") if fmt == "pdf" else docx_text(pack / f"guide-animation.{fmt}")
    assert "Débat" in text and "De\u0301bat" not in text


def test_right_to_left_names_get_bidi_properties_in_docx(pack: Path) -> None:
    document = docx.Document(str(pack / "guide-animation.docx"))
    cells = [cell for table in document.tables for row in table.rows for cell in row.cells]
    paragraph = next(p for cell in cells for p in cell.paragraphs if "محمد" in p.text)
    assert paragraph._p.pPr.find(docx.oxml.ns.qn("w:bidi")) is not None
    assert all(run._r.rPr is not None and run._r.rPr.rtl is not None for run in paragraph.runs)
    latin = next(p for cell in cells for p in cell.paragraphs if p.text == "Maison de quartier")
    assert latin._p.pPr is None or latin._p.pPr.find(docx.oxml.ns.qn("w:bidi")) is None


def test_facilitator_only_fields_reach_the_guide(pack: Path) -> None:
    for path in files_for(pack, Audience.FACILITATOR):
        if path.stem == "guide-animation":
            text = text_of(path)
            assert all(marker in text for marker in MARKERS), path


def test_facilitator_only_fields_never_reach_a_participant_document(pack: Path) -> None:
    for path in files_for(pack, Audience.PARTICIPANT):
        text = text_of(path)
        assert not [marker for marker in MARKERS if marker in text], path.name


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_control_characters_and_lone_surrogates_show_as_replacement_in_both_formats(fmt: str) -> None:
    """A Document built by code (not from session.yaml, which refuses them) still renders visibly."""
    meta = Meta(title="t", kind="handout", audience=Audience.PARTICIPANT, session_title="t")
    document = Document(meta, [Paragraph([Text("avant\x01milieu\ud800après\x9fFIN")])])
    stream = io.BytesIO()
    FORMATS[fmt].render(document, stream, default_theme())
    path = Path(f"doc.{fmt}")
    path.write_bytes(stream.getvalue())
    text = pdf_text(path) if fmt == "pdf" else docx_text(path)
    assert "avant\ufffdmilieu\ufffdaprès\ufffdFIN" in text
