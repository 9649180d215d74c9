"""OpenDocument text (LibreOffice's .odt) read through its structure with odfpy: headings, emphasis, lists, notes."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any
from xml.parsers.expat import ExpatError
from xml.sax import SAXException

from odf.namespaces import FONS, STYLENS, TEXTNS
from odf.opendocument import load

from educpop.importer.model import Block, BlockKind, Imported, ImportFailure, Inline, NoteRef, Run
from educpop.importer.report import Report
from educpop.importer.structure import finish

#: odfpy gives untyped nodes
Node = Any


def read(path: Path, data: bytes, report: Report) -> Imported:
    """Return the blocks and notes of the OpenDocument text ``data``."""
    try:
        document = load(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, ExpatError, SAXException) as error:
        raise ImportFailure(f"{path} : fichier ODT illisible ou abîmé ({type(error).__name__}) ; "
                            "ouvrez-le et enregistrez-le à nouveau en .odt") from None
    reader = _Reader(document)
    reader.walk(document.text)
    return finish(reader.blocks, reader.notes, report)


class _Reader:
    """Walks the body of an OpenDocument text, gathering blocks and notes."""

    def __init__(self, document: Node) -> None:
        self.blocks: list[Block] = []
        self.notes: dict[str, Block] = {}
        self.emphasis: dict[str, tuple[bool, bool]] = {}
        self.numbered: dict[str, bool] = {}
        for styles in (document.styles, document.automaticstyles):
            for style in styles.childNodes:
                self._learn(style)

    def _learn(self, style: Node) -> None:
        """Remember what a style says: bold or italic text, a numbered or a bulleted list."""
        if style.nodeType != style.ELEMENT_NODE:
            return
        name = style.getAttrNS(STYLENS, "name") or style.getAttrNS(TEXTNS, "name")
        if not name:
            return
        if style.qname == (TEXTNS, "list-style"):
            first = next((child for child in style.childNodes if child.nodeType == child.ELEMENT_NODE), None)
            self.numbered[name] = first is not None and first.qname[1] == "list-level-style-number"
            return
        for child in style.childNodes:
            if child.nodeType == child.ELEMENT_NODE and child.qname == (STYLENS, "text-properties"):
                bold = child.getAttrNS(FONS, "font-weight") in ("bold", "600", "700", "800", "900")
                italic = child.getAttrNS(FONS, "font-style") in ("italic", "oblique")
                self.emphasis[name] = (bold, italic)

    def walk(self, element: Node, numbered: bool | None = None) -> None:
        """Add the blocks under ``element``; ``numbered`` tells whether list items there are numbered."""
        for child in element.childNodes:
            if child.nodeType != child.ELEMENT_NODE:
                continue
            match child.qname:
                case (ns, "h") if ns == TEXTNS:
                    level = 2 if str(child.getAttrNS(TEXTNS, "outline-level") or "1") == "1" else 3
                    self.blocks.append(Block("heading", self._inlines(child), level))
                case (ns, "p") if ns == TEXTNS:
                    kind: BlockKind = "paragraph" if numbered is None else "numbered" if numbered else "item"
                    self.blocks.append(Block(kind, self._inlines(child)))
                case (ns, "list") if ns == TEXTNS:
                    style = child.getAttrNS(TEXTNS, "style-name") or ""
                    self.walk(child, self.numbered.get(style, False) if numbered is None else numbered)
                case _:
                    self.walk(child, numbered)

    def _inlines(self, element: Node, bold: bool = False, italic: bool = False) -> list[Inline]:
        """Return the text under ``element`` with its emphasis, notes taken out and called."""
        content: list[Inline] = []
        for child in element.childNodes:
            if child.nodeType == child.TEXT_NODE:
                content.append(Run(str(child.data), bold, italic))
                continue
            if child.nodeType != child.ELEMENT_NODE or child.qname[0] != TEXTNS:
                continue
            name = child.qname[1]
            if name == "s":
                content.append(Run(" " * int(child.getAttrNS(TEXTNS, "c") or 1), bold, italic))
            elif name in ("tab", "line-break"):
                content.append(Run(" ", bold, italic))
            elif name == "note":
                key = str(child.getAttrNS(TEXTNS, "id") or f"note{len(self.notes) + 1}")
                body = next((n for n in child.childNodes if n.nodeType == n.ELEMENT_NODE
                             and n.qname == (TEXTNS, "note-body")), None)
                text: list[Inline] = []
                for paragraph in body.childNodes if body is not None else []:
                    if paragraph.nodeType == paragraph.ELEMENT_NODE:
                        text += [Run(" "), *self._inlines(paragraph)]
                self.notes[key] = Block("paragraph", text)
                content.append(NoteRef(key))
            else:
                style = str(child.getAttrNS(TEXTNS, "style-name") or "")
                more_bold, more_italic = self.emphasis.get(style, (False, False))
                content += self._inlines(child, bold or more_bold, italic or more_italic)
        return content

