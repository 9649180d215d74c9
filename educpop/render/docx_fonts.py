"""TrueType faces embedded in a DOCX, so that a computer without them lays the pages out the same.

ECMA-376 Part 1 §17.8.1: each face is a ``word/fonts/fontN.odttf`` part, the
font file whose first 32 bytes are XOR-ed with a GUID key; ``fontTable.xml``
names the part and the key (``w:embedRegular`` … ``w:embedBoldItalic``), and
``settings.xml`` says ``w:embedTrueTypeFonts`` and ``w:saveSubsetFonts``. Word
and LibreOffice both read them.

Only the faces the document prints in are embedded, each cut down by fontTools
to the document's characters plus :data:`EDITING`, what someone editing a
French document types next; a face whose licence (OS/2 ``fsType``) forbids
embedding it in an editable document is left out, and
:func:`embedding_warnings` says so; one that may not be cut is embedded whole.
"""

from __future__ import annotations

import functools
import hashlib
import io
import logging
import uuid
from collections.abc import Iterator
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part, PartFactory, XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from fontTools import subset
from fontTools.ttLib import TTFont

from educpop.errors import BuildError
from educpop.glyphs import coverage
from educpop.render.docx_xml import element
from educpop.theme import FontFamily, Theme
from educpop.theme_assets import font_bytes
from educpop.userfile import UnreadableFile

#: Content type of an obfuscated embedded font part.
OBFUSCATED_FONT = "application/vnd.openxmlformats-officedocument.obfuscatedFont"

#: Content type of the font table part.
FONT_TABLE = "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"

#: Characters every embedded face keeps beyond the document's own, for whoever edits it: basic Latin
#: (letters, digits, ASCII punctuation), Latin-1 (French accents, « », no-break space, °, §, the
#: middle dot of inclusive writing), Œ œ Ÿ, the typographer's punctuation (hyphens and dashes, curly
#: quotes, bullet, ellipsis, ‰, ‹ ›, thin and narrow no-break spaces, €), the marks educpop prints
#: itself (☐ →), and the Russian alphabet, for names (DESIGN.md: "Latin, Cyrillic for Russian names").
#: Most documents of a build then share one set, and each face is cut once per build.
EDITING = frozenset(
    [*range(0x20, 0x7F), *range(0xA0, 0x100), 0x152, 0x153, 0x178, *range(0x2010, 0x2015),
     *range(0x2018, 0x201F), 0x2022, 0x2026, 0x2030, 0x2039, 0x203A, 0x2009, 0x202F, 0x20AC,
     0x2610, 0x2192, *range(0x400, 0x460)]
)  # fmt: skip

#: OS/2 fsType bits (OpenType spec): "restricted" and "preview and print" forbid an editable document
#: to hold the font, unless "editable" is set too; "no subsetting" wants it whole; "bitmap only" keeps
#: its outlines out of any document
_RESTRICTED, _EDITABLE, _NO_SUBSETTING, _BITMAP_ONLY = 0x0006, 0x0008, 0x0100, 0x0200

#: the faces of a family: fontTable element, bold, italic
_FACES = (("w:embedRegular", False, False), ("w:embedBold", True, False),
          ("w:embedItalic", False, True), ("w:embedBoldItalic", True, True))  # fmt: skip

#: Elements that may follow ``w:embedTrueTypeFonts`` in ``w:settings`` (ECMA-376 order, first ones).
_EMBED_SUCCESSORS = (
    "w:embedSystemFonts", "w:saveSubsetFonts", "w:saveFormsData", "w:mirrorMargins",
    "w:alignBordersAndEdges", "w:bordersDoNotSurroundHeader", "w:bordersDoNotSurroundFooter",
    "w:gutterAtTop", "w:hideSpellingErrors", "w:hideGrammaticalErrors", "w:activeWritingStyle",
    "w:proofState", "w:formsDesign", "w:attachedTemplate", "w:linkStyles",
    "w:stylePaneFormatFilter", "w:stylePaneSortMethod", "w:documentType", "w:mailMerge",
    "w:revisionView", "w:trackRevisions", "w:doNotTrackMoves", "w:doNotTrackFormatting",
    "w:documentProtection", "w:autoFormatOverride", "w:styleLockTheme", "w:styleLockQFSet",
    "w:defaultTabStop",
)  # fmt: skip

# python-docx reads the font table as opaque bytes; as an XML part it can be edited and is saved back.
PartFactory.part_type_for[FONT_TABLE] = XmlPart
# fontTools' subsetter logs each table it does not know and drops, at WARNING: nothing a facilitator can act on.
logging.getLogger("fontTools.subset").setLevel(logging.ERROR)


def embed_fonts(doc: DocxDocument, family: FontFamily) -> None:
    """Embed in ``doc`` the faces of ``family`` its text is printed in, subset to its characters and EDITING."""
    used = faces_used(doc)
    characters = frozenset(ord(char) for char in document_characters(doc)) | EDITING
    table = _font_table(doc)
    font = element("w:font", name=family.name)
    for child in (element("w:charset", val="00"), element("w:family", val="auto"), element("w:pitch", val="variable")):
        font.append(child)
    parts: dict[bytes, tuple[str, str]] = {}  # a file serving as two faces (no italic) is embedded once
    package = doc.part.package
    for tag, bold, italic in _FACES:
        if (bold, italic) not in used:
            continue
        path = face_path(family, bold, italic)
        data = _face_bytes(path, family.folder)
        if not may_embed(data):
            continue
        if data not in parts:
            # only what the face has, so that characters it lacks never make another cut of it
            kept = characters & coverage(path, family.folder)
            cut = data if licence(data) & _NO_SUBSETTING else subset_face(data, kept)
            key = font_key(cut)
            partname = package.next_partname("/word/fonts/font%d.odttf")
            part = Part(partname, OBFUSCATED_FONT, obfuscate(cut, key), package)
            parts[data] = key, table.relate_to(part, RT.FONT)
        key, relation = parts[data]
        embed = element(tag, fontKey=key)
        embed.set(qn("r:id"), relation)
        font.append(embed)
    if not parts:
        return
    fonts = table.element
    for old in fonts.findall(qn("w:font")):
        if old.get(qn("w:name")) == family.name:
            fonts.remove(old)
    fonts.append(font)
    settings = doc.settings.element
    for tag, successors in (("w:embedTrueTypeFonts", _EMBED_SUCCESSORS), ("w:saveSubsetFonts", _EMBED_SUCCESSORS[2:])):
        if settings.find(qn(tag)) is None:
            settings.insert_element_before(element(tag), *successors)


def embedding_warnings(theme: Theme) -> list[str]:
    """Return one French line per face of the theme's font that the DOCX may not embed (its licence says so)."""
    if theme.reference_docx is not None:  # a reference document's styles name its own fonts: nothing is embedded
        return []
    family = theme.font
    paths = dict.fromkeys(face_path(family, bold, italic) for _, bold, italic in _FACES)
    return [
        f"la licence de la police « {path.name} » interdit de l'incorporer dans un document modifiable : "
        f"les DOCX la nomment sans l'incorporer, et un ordinateur qui ne l'a pas en affichera une autre"
        for path in paths
        if not may_embed(_face_bytes(path, family.folder))
    ]


def face_path(family: FontFamily, bold: bool, italic: bool) -> Path:
    """Return the file of the face of ``family`` that prints bold and/or italic text."""
    if bold:
        return family.bold_italic if italic else family.bold
    return family.italic if italic else family.regular


@functools.lru_cache(maxsize=8)
def licence(data: bytes) -> int:
    """Return the embedding licence bits of the TrueType ``data`` (OS/2 fsType; 0, no restriction, without OS/2)."""
    font = TTFont(io.BytesIO(data), lazy=True)
    fs_type: int = font["OS/2"].fsType if "OS/2" in font else 0
    return fs_type


def may_embed(data: bytes) -> bool:
    """Return True when the licence of the TrueType ``data`` lets an editable document embed it."""
    fs_type = licence(data)
    return not fs_type & _BITMAP_ONLY and (not fs_type & _RESTRICTED or bool(fs_type & _EDITABLE))


@functools.lru_cache(maxsize=16)
def subset_face(data: bytes, characters: frozenset[int]) -> bytes:
    """Return the TrueType ``data`` cut down to the glyphs of ``characters`` (those it has), hinting kept.

    Kept: every name record (Word and LibreOffice match the family by name;
    the licence travels with the font), OS/2 as it was, cmap, hinting, kerning
    (GPOS and the legacy ``kern`` table) and fontTools' usual OpenType features.
    Dropped: the MATH table and FontForge's timestamp. A face takes fontTools
    about 0.15 s of CPU to cut, hence the cache.
    """
    options = subset.Options()
    options.legacy_kern = True
    options.notdef_outline = True
    options.prune_unicode_ranges = options.prune_codepage_ranges = False  # OS/2 says what the family covers
    options.drop_tables += ["MATH", "FFTM"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=characters)
    try:
        font = TTFont(io.BytesIO(data), recalcTimestamp=False)  # the face's date, not the build's
        # The name table is set aside and put back whole: every record kept (the licence with them), and
        # fontTools does not walk the whole font for the records in use (a quarter of the time).
        names = font["name"]
        del font["name"]
        subsetter.subset(font)
        font["name"] = names
        out = io.BytesIO()
        font.save(out)
    except Exception as error:  # fontTools raises many kinds for a damaged table
        raise BuildError(f"police abîmée : impossible de la réduire aux caractères du document ({error})") from error
    return out.getvalue()


def font_key(data: bytes) -> str:
    """Return the GUID key of a font file, ``{XXXXXXXX-…}``, drawn from its bytes (the same at every build)."""
    return "{" + str(uuid.UUID(bytes=hashlib.sha256(data).digest()[:16])).upper() + "}"


def obfuscate(data: bytes, key: str) -> bytes:
    """Return ``data`` with its first 32 bytes XOR-ed with ``key``'s 16 bytes read backwards (§17.8.1).

    The same call undoes it.
    """
    guid = bytes.fromhex(key.strip("{}").replace("-", ""))[::-1]
    head = bytes(byte ^ guid[index % 16] for index, byte in enumerate(data[:32]))
    return head + data[32:]


def _text_parts(doc: DocxDocument) -> Iterator[BaseOxmlElement]:
    """Yield the root element of every part of ``doc`` that holds paragraphs: body, headers, footers, notes."""
    for part in doc.part.package.iter_parts():
        if isinstance(part, XmlPart) and part.element.find(f".//{qn('w:p')}") is not None:
            yield part.element


def document_characters(doc: DocxDocument) -> set[str]:
    """Return every character ``doc`` prints: its text, headers, footers and notes, and its list marks."""
    characters: set[str] = set()
    for root in _text_parts(doc):
        for text in root.iter(qn("w:t")):
            characters.update(text.text or "")
    for level in doc.part.numbering_part.element.iter(qn("w:lvlText")):
        characters.update(level.get(qn("w:val"), ""))
    return characters


def faces_used(doc: DocxDocument) -> set[tuple[bool, bool]]:
    """Return the (bold, italic) faces the text of ``doc`` is printed in, as its styles and runs resolve.

    A run is bold when it says so, else when its character style (or the one
    that style is based on) says so, else its paragraph's style, else the
    document defaults; italic likewise.
    """
    looks = _Looks(doc)
    used = {(False, False)}
    for root in _text_parts(doc):
        for paragraph in root.iter(qn("w:p")):
            paragraph_style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
            style = looks.default if paragraph_style is None else paragraph_style.get(qn("w:val"))
            for run in paragraph.iter(qn("w:r")):
                if any((text.text or "").strip() for text in run.iter(qn("w:t"))):
                    used.add(looks.face(run.find(qn("w:rPr")), style))
    return used


class _Looks:
    """Bold and italic of a run, resolved through the styles of a document."""

    def __init__(self, doc: DocxDocument) -> None:
        styles = doc.styles.element
        self.styles = {style.get(qn("w:styleId")): style for style in styles.iter(qn("w:style"))}
        self.default = next((key for key, style in self.styles.items()
                             if style.get(qn("w:type")) == "paragraph" and style.get(qn("w:default")) in ("1", "true")),
                            None)  # fmt: skip
        self.defaults = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")

    def face(self, rPr: BaseOxmlElement | None, paragraph_style: str | None) -> tuple[bool, bool]:
        """Return (bold, italic) of a run with properties ``rPr`` in a paragraph of style ``paragraph_style``."""
        run_style = None if rPr is None else rPr.find(qn("w:rStyle"))
        chain = [rPr, *self._chain(None if run_style is None else run_style.get(qn("w:val"))),
                 *self._chain(paragraph_style), self.defaults]  # fmt: skip
        return self._flag(chain, "w:b"), self._flag(chain, "w:i")

    def _chain(self, style_id: str | None) -> Iterator[BaseOxmlElement | None]:
        """Yield the run properties of style ``style_id`` and of each style it is based on."""
        seen: set[str] = set()
        while style_id is not None and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            style = self.styles[style_id]
            yield style.find(qn("w:rPr"))
            based_on = style.find(qn("w:basedOn"))
            style_id = None if based_on is None else based_on.get(qn("w:val"))

    @staticmethod
    def _flag(chain: list[BaseOxmlElement | None], tag: str) -> bool:
        """Return the first value of the on/off property ``tag`` along ``chain`` (False when none sets it)."""
        for rPr in chain:
            found = None if rPr is None else rPr.find(qn(tag))
            if found is not None:
                return found.get(qn("w:val"), "true") not in ("0", "false", "off")
        return False


def _face_bytes(path: Path, folder: Path | None) -> bytes:
    """Return the bytes of the face at ``path`` (read once per build); raise BuildError when unreadable."""
    try:
        return font_bytes(path, folder)
    except UnreadableFile as error:
        raise BuildError(f"police illisible : {path} ({error.message})") from None


def _font_table(doc: DocxDocument) -> XmlPart:
    """Return ``doc``'s font table, adding an empty one when the document has none."""
    for rel in doc.part.rels.values():
        if rel.reltype == RT.FONT_TABLE and isinstance(rel.target_part, XmlPart):
            return rel.target_part
    fonts: BaseOxmlElement = parse_xml(f"<w:fonts {nsdecls('w', 'r')}/>")
    part = XmlPart(PackURI("/word/fontTable.xml"), FONT_TABLE, fonts, doc.part.package)
    doc.part.relate_to(part, RT.FONT_TABLE)
    return part
