"""Word files read through their structure with python-docx: headings, emphasis, lists, footnotes and endnotes."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
from docx.document import Document as WordDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.text.paragraph import Paragraph
from docx.text.run import Run as WordRun
from lxml.etree import XMLSyntaxError

from educpop.importer.model import Block, BlockKind, Imported, ImportFailure, Inline, NoteRef, Run
from educpop.importer.report import Entry, Report
from educpop.importer.structure import finish

_HEADING_STYLE = re.compile(r"^(?:heading|titre)\s*(\d)$", re.IGNORECASE)
#: the kinds of notes and the key prefix of each
_NOTES = {"footnote": (RT.FOOTNOTES, "f"), "endnote": (RT.ENDNOTES, "e")}


def read(path: Path, data: bytes, report: Report) -> Imported:
    """Return the blocks and notes of the Word file ``data``."""
    try:
        document = docx.Document(io.BytesIO(data))
        notes = _notes(document)
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, XMLSyntaxError) as error:
        raise ImportFailure(f"{path} : fichier Word illisible ou abîmé ({type(error).__name__}) ; "
                            "ouvrez-le et enregistrez-le à nouveau en .docx") from None
    blocks: list[Block] = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            blocks.append(_paragraph(Paragraph(child, document), document))
        elif child.tag in (qn("w:tbl"), qn("w:sdt")):  # a table, or a content control (a table of contents…)
            inner = [_paragraph(Paragraph(p, document), document) for p in child.iter(qn("w:p"))]
            blocks += inner
            if inner and child.tag == qn("w:tbl"):
                report.to_check.append(Entry(inner[0], "tableau mis à plat, une case par paragraphe, à vérifier"))
    return finish(blocks, notes, report)


def _paragraph(paragraph: Paragraph, document: WordDocument) -> Block:
    """Return the block of a Word paragraph, its kind told by its style or its numbering."""
    style = paragraph.style.name if paragraph.style is not None and paragraph.style.name else ""
    heading = _HEADING_STYLE.match(style)
    kind: BlockKind = "paragraph"
    level = 2
    if heading or style.lower() in ("title", "titre"):
        kind, level = "heading", 2 if not heading or heading.group(1) == "1" else 3
    elif "quote" in style.lower() or "citation" in style.lower():
        kind = "quote"
    elif paragraph._p.xpath("./w:pPr/w:numPr") or "list" in style.lower():
        kind = "numbered" if _numbered(paragraph, document, style) else "item"
    return Block(kind, _runs(paragraph._p, paragraph), level)


def _numbered(paragraph: Paragraph, document: WordDocument, style: str) -> bool:
    """Return whether a list paragraph is numbered (rather than bulleted), from its numbering format."""
    if "number" in style.lower() or "numéro" in style.lower():
        return True
    ids: list[str] = paragraph._p.xpath("./w:pPr/w:numPr/w:numId/@w:val")
    levels: list[str] = paragraph._p.xpath("./w:pPr/w:numPr/w:ilvl/@w:val")
    if not ids:
        return False
    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return False
    abstract = numbering.xpath(f'w:num[@w:numId="{ids[0]}"]/w:abstractNumId/@w:val')
    level = levels[0] if levels else "0"
    formats = numbering.xpath(
        f'w:abstractNum[@w:abstractNumId="{abstract[0]}"]/w:lvl[@w:ilvl="{level}"]/w:numFmt/@w:val'
    ) if abstract else []
    return bool(formats) and formats[0] != "bullet"


def _runs(element: BaseOxmlElement, parent: Paragraph) -> list[Inline]:
    """Return the text runs and note calls of a paragraph element, in order."""
    content: list[Inline] = []
    for run in element.iter(qn("w:r")):
        for kind, (_, prefix) in _NOTES.items():
            for call in run.iter(qn(f"w:{kind}Reference")):
                content.append(NoteRef(prefix + str(call.get(qn("w:id")))))
        word = WordRun(run, parent)
        if word.text:
            style = word.style.font if word.style is not None else None  # "Strong", "Emphasis"
            bold = word.bold if word.bold is not None else bool(style and style.bold)
            italic = word.italic if word.italic is not None else bool(style and style.italic)
            content.append(Run(word.text, bold, italic))
    return content


def _notes(document: WordDocument) -> dict[str, Block]:
    """Return the footnotes and endnotes of ``document`` by key ("f2", "e1"), separators left out."""
    notes: dict[str, Block] = {}
    for kind, (relation, prefix) in _NOTES.items():
        for rel in document.part.rels.values():
            if rel.reltype != relation or rel.is_external:
                continue
            root = parse_xml(rel.target_part.blob)
            for note in root.iterchildren(qn(f"w:{kind}")):
                if note.get(qn("w:type")) in ("separator", "continuationSeparator", "continuationNotice"):
                    continue
                content: list[Inline] = []
                for paragraph in note.iterchildren(qn("w:p")):
                    content += [Run(" "), *_runs(paragraph, Paragraph(paragraph, document))]
                notes[prefix + str(note.get(qn("w:id")))] = Block("paragraph", content)
    return notes
