"""Raw OOXML bits the DOCX renderer needs and python-docx has no API for.

Sanitising text, shading and borders, fields, table header rows, section
line numbering, and a deterministic zip. Nothing here knows the document model.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable

from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.text.paragraph import Paragraph as DocxParagraph

#: Characters XML 1.0 cannot hold: C0 controls other than tab, newline and
#: carriage return, lone surrogates, U+FFFE and U+FFFF; and C1 controls, which it
#: can but no font prints (the PDF renderer replaces the same set).
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

#: Letters written right to left: Hebrew, Arabic, Syriac, Thaana, N'Ko and their presentation forms.
_RTL_LETTER = re.compile("[\u0590-\u07ff\u0860-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")

#: Shown in place of a character XML cannot hold, so the user sees something was there.
REPLACEMENT = "\ufffd"

#: Elements that may follow ``w:lnNumType`` in a ``w:sectPr`` (ECMA-376 order).
_LNNUMTYPE_SUCCESSORS = (
    "w:pgNumType", "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg",
    "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings",
    "w:sectPrChange",
)  # fmt: skip

#: Elements that may follow ``w:pBdr`` in a ``w:pPr`` (ECMA-376 order).
_PBDR_SUCCESSORS = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
    "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
    "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
    "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
    "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
    "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip

#: Elements that may follow ``w:lang`` in a ``w:rPr``.
_LANG_SUCCESSORS = ("w:eastAsianLayout", "w:specVanish", "w:oMath")


def sanitise(text: str) -> str:
    """Return ``text`` with line ends normalised and XML-forbidden characters as U+FFFD."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _FORBIDDEN.sub(REPLACEMENT, text)


def _first_strong_is_rtl(text: str) -> bool | None:
    """Return True when the first letter with a direction in ``text`` is right-to-left, None without one."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return None


def mark_right_to_left(root: BaseOxmlElement) -> None:
    """Give right-to-left properties to the text under ``root`` (a body, a footer).

    A run holding Hebrew or Arabic letters gets ``w:rtl``, so Word shapes and
    orders it as right-to-left text; a paragraph whose first letter is one gets
    ``w:bidi`` (right-to-left paragraph). Latin text is left untouched.
    """
    for p in root.iter(qn("w:p")):
        runs = [(r, "".join(t.text or "" for t in r.iter(qn("w:t")))) for r in p.iter(qn("w:r"))]
        for run, text in runs:
            if _RTL_LETTER.search(text):
                run.get_or_add_rPr().get_or_add_rtl()
        if _first_strong_is_rtl("".join(text for _, text in runs)):
            pPr = p.get_or_add_pPr()
            if pPr.find(qn("w:bidi")) is None:
                pPr.insert_element_before(element("w:bidi"), *_PBDR_SUCCESSORS[_PBDR_SUCCESSORS.index("w:bidi") + 1 :])


def hex_colour(colour: str) -> str:
    """Return ``"#8c1d2c"`` as ``"8C1D2C"``, the form OOXML wants; reject anything else."""
    value = colour.strip().lstrip("#").upper()
    if not re.fullmatch(r"[0-9A-F]{6}", value):
        raise ValueError(f"colour must be #RRGGBB, got {colour!r}")
    return value


def element(tag: str, **attrs: str) -> BaseOxmlElement:
    """Return a new ``tag`` element with ``w:``-prefixed ``attrs`` (``val="x"`` → ``w:val``)."""
    el = OxmlElement(tag)
    for name, value in attrs.items():
        el.set(qn(f"w:{name}"), value)
    return el


def _replace_child(parent: BaseOxmlElement, child: BaseOxmlElement, successors: Iterable[str]) -> None:
    """Put ``child`` in ``parent``, replacing one of the same tag, before the first of ``successors``."""
    for old in parent.findall(child.tag):
        parent.remove(old)
    parent.insert_element_before(child, *successors)


def set_shading(tcPr: BaseOxmlElement, colour: str) -> None:
    """Fill a table cell (given its ``w:tcPr``) with ``colour``."""
    shd = element("w:shd", val="clear", color="auto", fill=hex_colour(colour))
    _replace_child(tcPr, shd, ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText",
                               "w:vAlign", "w:hideMark", "w:headers", "w:cellIns",
                               "w:cellDel", "w:cellMerge", "w:tcPrChange"))  # fmt: skip


def set_table_borders(tblPr: BaseOxmlElement, **sides: tuple[str, int, str] | None) -> None:
    """Set a table's borders; each side is ``(kind, eighths of a point, colour)`` or None (no border).

    Sides: top, left, bottom, right, insideH, insideV; sides not named keep the table style's.
    """
    borders = tblPr.find(qn("w:tblBorders"))
    if borders is None:
        borders = OxmlElement("w:tblBorders")
        tblPr.insert_element_before(
            borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook",
            "w:tblCaption", "w:tblDescription", "w:tblPrChange",
        )  # fmt: skip
    for name in ("top", "left", "bottom", "right", "insideH", "insideV"):
        if name not in sides:
            continue
        for old in borders.findall(qn(f"w:{name}")):
            borders.remove(old)
        spec = sides[name]
        if spec is None:
            side = element(f"w:{name}", val="nil")
        else:
            kind, size, colour = spec
            side = element(f"w:{name}", val=kind, sz=str(size), space="0", color=hex_colour(colour))
        borders.append(side)
    # Schema order inside w:tblBorders is top, left, bottom, right, insideH, insideV.
    order = {qn(f"w:{n}"): i for i, n in enumerate(("top", "left", "bottom", "right", "insideH", "insideV"))}
    for side in sorted(borders, key=lambda el: order.get(el.tag, 99)):
        borders.append(side)


def set_cell_margins(tblPr: BaseOxmlElement, *, top: int, right: int, bottom: int, left: int) -> None:
    """Give every cell of a table (given its ``w:tblPr``) its padding on each side, in twips."""
    mar = OxmlElement("w:tblCellMar")
    for name, twips in (("top", top), ("left", left), ("bottom", bottom), ("right", right)):
        mar.append(element(f"w:{name}", w=str(twips), type="dxa"))
    _replace_child(tblPr, mar, ("w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange"))


def set_cell_padding(tcPr: BaseOxmlElement, **sides: int) -> None:
    """Give one cell (given its ``w:tcPr``) its own padding in twips on the named sides (top, left, bottom, right)."""
    mar = OxmlElement("w:tcMar")
    for name in ("top", "left", "bottom", "right"):
        if name in sides:
            mar.append(element(f"w:{name}", w=str(sides[name]), type="dxa"))
    _replace_child(tcPr, mar, ("w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark", "w:headers",
                               "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange"))  # fmt: skip


#: Word 2010's namespace of shapes, which python-docx does not know
_WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"

#: a filled rectangle at the top left corner of the paper, behind the text, with a text box
_BAND = f"""<w:drawing {nsdecls("w", "wp", "a")} xmlns:wps="{_WPS}">
<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="0" behindDoc="1" locked="1"
    layoutInCell="1" allowOverlap="1">
  <wp:simplePos x="0" y="0"/>
  <wp:positionH relativeFrom="page"><wp:posOffset>0</wp:posOffset></wp:positionH>
  <wp:positionV relativeFrom="page"><wp:posOffset>0</wp:posOffset></wp:positionV>
  <wp:extent cx="{{width}}" cy="{{height}}"/>
  <wp:effectExtent l="0" t="0" r="0" b="0"/>
  <wp:wrapNone/>
  <wp:docPr id="{{shape_id}}" name="Bandeau"/>
  <wp:cNvGraphicFramePr/>
  <a:graphic><a:graphicData uri="{_WPS}"><wps:wsp>
    <wps:cNvSpPr/>
    <wps:spPr>
      <a:xfrm><a:off x="0" y="0"/><a:ext cx="{{width}}" cy="{{height}}"/></a:xfrm>
      <a:prstGeom prst="rect"><a:avLst/></a:prstGeom>
      <a:solidFill><a:srgbClr val="{{colour}}"/></a:solidFill>
      <a:ln><a:noFill/></a:ln>
    </wps:spPr>
    <wps:txbx><w:txbxContent/></wps:txbx>
    <wps:bodyPr wrap="square" lIns="{{inset}}" tIns="0" rIns="{{inset}}" bIns="0" anchor="ctr">
      <a:noAutofit/>
    </wps:bodyPr>
  </wps:wsp></a:graphicData></a:graphic>
</wp:anchor></w:drawing>"""


def page_band(
    width: int, height: int, colour: str, inset: int, shape_id: int
) -> tuple[BaseOxmlElement, BaseOxmlElement]:
    """Return a ``w:drawing`` band across the top of the paper, ``width`` by ``height`` EMU, and its text box.

    Anchored to the page, behind the text and taking no room in it (as the PDF draws
    its cover band); its text stands ``inset`` EMU inside its left and right edges.
    The second element is the band's ``w:txbxContent``, to fill with paragraphs.
    """
    drawing = parse_xml(_BAND.format(width=width, height=height, colour=hex_colour(colour), inset=inset,
                                     shape_id=shape_id))
    return drawing, drawing.find(".//" + qn("w:txbxContent"))


def set_table_indent(tblPr: BaseOxmlElement, twips: int) -> None:
    """Indent a table by ``twips``: its cells' left padding, so its border lines up with the margin."""
    ind = element("w:tblInd", w=str(twips), type="dxa")
    _replace_child(tblPr, ind, ("w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook",
                                "w:tblCaption", "w:tblDescription", "w:tblPrChange"))  # fmt: skip


def mark_header_row(trPr: BaseOxmlElement) -> None:
    """Flag a row (given its ``w:trPr``) as a header repeated at the top of every page."""
    if trPr.find(qn("w:tblHeader")) is None:
        trPr.append(element("w:tblHeader"))


def forbid_row_split(trPr: BaseOxmlElement) -> None:
    """Keep a row (given its ``w:trPr``) on one page."""
    if trPr.find(qn("w:cantSplit")) is None:
        trPr.insert(0, element("w:cantSplit"))


def add_field(paragraph: DocxParagraph, instruction: str, placeholder: str) -> None:
    """Append a field (``PAGE``, ``NUMPAGES``…) as begin/instr/separate/result/end runs.

    ``placeholder`` is the cached result shown until the reader updates fields;
    Word and LibreOffice recompute page fields when they lay the page out.
    """
    p = paragraph._p
    for kind, text in (("begin", None), ("instr", f" {instruction} "), ("separate", None),
                       ("result", placeholder), ("end", None)):  # fmt: skip
        run = OxmlElement("w:r")
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            instr.text = text
            run.append(instr)
        elif kind == "result":
            t = OxmlElement("w:t")
            t.text = text
            run.append(t)
        else:
            run.append(element("w:fldChar", fldCharType=kind))
        p.append(run)


def set_language(rPr: BaseOxmlElement, language: str) -> None:
    """Set ``w:lang`` (Latin text) of a run-properties element to ``language``, e.g. ``fr-BE``."""
    lang = rPr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rPr.insert_element_before(lang, *_LANG_SUCCESSORS)
    lang.set(qn("w:val"), language)


def set_fonts(rPr: BaseOxmlElement, name: str) -> None:
    """Use font ``name`` for every script (Latin, east-asian, complex) in ``rPr``.

    Theme-font attributes are dropped: Word lets ``w:asciiTheme`` win over ``w:ascii``.
    """
    fonts = rPr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rPr.insert(0 if rPr.find(qn("w:rStyle")) is None else 1, fonts)
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attr}"), name)


def drop_theme_fonts(rPr: BaseOxmlElement) -> None:
    """Remove theme-font attributes of ``rPr`` so the style inherits the document font."""
    fonts = rPr.find(qn("w:rFonts"))
    if fonts is None:
        return
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attr}"), None)
    if not fonts.attrib:
        rPr.remove(fonts)


def paragraph_border(pPr: BaseOxmlElement, sides: dict[str, tuple[int, str, int]]) -> None:
    """Set paragraph borders: ``{"bottom": (eighths of a point, colour, space in points)}``."""
    pBdr = OxmlElement("w:pBdr")
    for name in ("top", "left", "bottom", "right", "between"):
        if name in sides:
            size, colour, space = sides[name]
            pBdr.append(element(f"w:{name}", val="single", sz=str(size), space=str(space),
                                color=hex_colour(colour)))  # fmt: skip
    _replace_child(pPr, pBdr, _PBDR_SUCCESSORS)


def paragraph_shading(pPr: BaseOxmlElement, colour: str) -> None:
    """Fill the background of paragraphs with ``pPr`` with ``colour``."""
    shd = element("w:shd", val="clear", color="auto", fill=hex_colour(colour))
    _replace_child(pPr, shd, _PBDR_SUCCESSORS[1:])


def contextual_spacing(pPr: BaseOxmlElement, on: bool) -> None:
    """Set whether Word leaves out the space between two paragraphs of the same style (``w:contextualSpacing``)."""
    for old in pPr.findall(qn("w:contextualSpacing")):
        pPr.remove(old)
    if on:
        pPr.insert_element_before(element("w:contextualSpacing"), *_PBDR_SUCCESSORS[_PBDR_SUCCESSORS.index(
            "w:contextualSpacing") + 1:])


def suppress_line_numbers(pPr: BaseOxmlElement, suppress: bool = True) -> None:
    """Exclude (or, with ``suppress=False``, include) paragraphs with ``pPr`` from line numbering."""
    for old in pPr.findall(qn("w:suppressLineNumbers")):
        pPr.remove(old)
    flag = element("w:suppressLineNumbers") if suppress else element("w:suppressLineNumbers", val="0")
    pPr.insert_element_before(flag, "w:pBdr", *_PBDR_SUCCESSORS)


def set_line_numbering(sectPr: BaseOxmlElement, count_by: int, distance_twips: int, first: int = 1) -> None:
    """Number every ``count_by``-th line of the section in the margin, its first line numbered ``first``.

    ``w:start`` counts from 0, as Word writes it: 0 numbers the first line 1.
    """
    remove_line_numbering(sectPr)
    ln = element("w:lnNumType", countBy=str(count_by), start=str(first - 1), distance=str(distance_twips),
                 restart="newSection")  # fmt: skip
    sectPr.insert_element_before(ln, *_LNNUMTYPE_SUCCESSORS)


def remove_line_numbering(sectPr: BaseOxmlElement) -> None:
    """Turn line numbering off for the section."""
    for old in sectPr.findall(qn("w:lnNumType")):
        sectPr.remove(old)


def link_to_previous_section(sectPr: BaseOxmlElement, part: str = "footer") -> None:
    """Make a section reuse the previous section's footers (``part="header"``: headers).

    Done on the XML because python-docx's ``is_linked_to_previous = True`` also
    drops the relationship when one other section still points at the same part.
    """
    for child in sectPr.findall(qn(f"w:{part}Reference")):
        sectPr.remove(child)


def normalise_zip(data: bytes, date_time: tuple[int, int, int, int, int, int]) -> bytes:
    """Return the zip ``data`` rewritten with every entry dated ``date_time``, for reproducible files."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


def suppress_hyphenation(pPr: BaseOxmlElement, suppress: bool = True) -> None:
    """Keep Word and LibreOffice from hyphenating a paragraph or style with ``pPr`` (``suppress=False``: let them)."""
    for old in pPr.findall(qn("w:suppressAutoHyphens")):
        pPr.remove(old)
    flag = element("w:suppressAutoHyphens") if suppress else element("w:suppressAutoHyphens", val="0")
    pPr.insert_element_before(flag, *_PBDR_SUCCESSORS[3:])
