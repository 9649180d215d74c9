"""Word styles and list numbering for the DOCX renderer.

Every piece of a rendered document carries a named Word style, so a facilitator
can restyle the whole pack in Word. Built-in names (Heading 1, List Bullet,
Table Grid…) are used where Word has one; the rest are French custom styles,
created once when the template lacks them.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import cast

import docx
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import CONTENT_TYPE as CT, RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.oxml.numbering import CT_Numbering
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.parts.numbering import NumberingPart
from docx.shared import Cm, Pt, RGBColor
from docx.styles.style import ParagraphStyle

from educpop.render.docx_xml import (
    drop_theme_fonts,
    element,
    hex_colour,
    paragraph_border,
    set_fonts,
    set_language,
    suppress_line_numbers,
)
from educpop.theme import Theme

#: Paragraph style of each :data:`educpop.document.PARAGRAPH_STYLES` name.
PARAGRAPH_STYLE = {"body": "Normal", "small": "Petit", "lead": "Chapeau", "instruction": "Consigne"}

#: Built-in styles the renderer uses; copied from python-docx's template when a reference lacks one.
BUILTIN_STYLES = (
    "Normal", "Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "List Bullet",
    "List Number", "Quote", "Header", "Footer", "Table Grid",
)  # fmt: skip

#: Custom paragraph styles the renderer creates when missing (name → what it is for).
CUSTOM_STYLES = {
    "Petit": "small print",
    "Chapeau": "lead paragraph",
    "Consigne": "instruction read aloud to participants",
    "Attribution": "who said a quote, right-aligned after an em dash",
    "Encadré": "text inside a box",
    "Encadré titre": "title of a box",
    "Cellule": "text inside a table cell",
    "Case à cocher": "check-list item after its ☐",
    "Ligne réponse": "ruled line to write an answer on",
    "Texte source": "paragraph of a line-numbered source text",
    "Couverture": "line of the cover page",
}

#: Region used when the session language has none ("fr" → "fr-FR").
_DEFAULT_REGION = {"fr": "FR", "en": "GB", "nl": "BE", "de": "DE", "es": "ES", "it": "IT", "ru": "RU"}

#: Colour of answer lines and other quiet rules.
RULE_GREY = "#808080"


def language_tag(language: str) -> str:
    """Return a Word language tag: ``"fr"`` → ``"fr-FR"``, ``"fr_be"`` → ``"fr-BE"``."""
    lang, _, region = language.replace("_", "-").partition("-")
    lang = lang.lower()
    region = region.upper() or _DEFAULT_REGION.get(lang, lang.upper())
    return f"{lang}-{region}"


def _copy_missing_builtins(doc: DocxDocument) -> None:
    """Copy from python-docx's default template every built-in style ``doc`` lacks (and its bases).

    A document without numbering definitions gets python-docx's, which the copied
    list styles point at; in one that has its own, copied list styles lose their
    numbering reference and :class:`Numbering` defines a fresh one.
    """
    names = {style.name for style in doc.styles}
    had_numbering = _has_numbering(doc)
    if had_numbering and all(name in names for name in BUILTIN_STYLES):
        return
    default = docx.Document()
    if not had_numbering:
        blob = default.part.numbering_part.blob
        part = NumberingPart(PackURI("/word/numbering.xml"), CT.WML_NUMBERING, parse_xml(blob), doc.part.package)
        doc.part.relate_to(part, RT.NUMBERING)
    todo = [name for name in BUILTIN_STYLES if name not in names]
    while todo:
        name = todo.pop()
        if name in names:
            continue
        source = default.styles[name]
        copied = copy.deepcopy(source.element)
        if had_numbering:
            for numPr in copied.xpath("w:pPr/w:numPr"):
                numPr.getparent().remove(numPr)
        doc.styles.element.append(copied)
        names.add(name)
        if source.base_style is not None:
            todo.append(source.base_style.name)


def _add_default_pPr(styles_element: BaseOxmlElement) -> BaseOxmlElement:
    """Add ``w:docDefaults/w:pPrDefault/w:pPr`` to a styles part that lacks it and return the pPr."""
    defaults = styles_element.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = element("w:docDefaults")
        styles_element.insert(0, defaults)
    pPr_default = defaults.find(qn("w:pPrDefault"))
    if pPr_default is None:
        pPr_default = element("w:pPrDefault")
        defaults.append(pPr_default)  # after w:rPrDefault, as the schema wants
    pPr = element("w:pPr")
    pPr_default.append(pPr)
    return pPr


def _has_numbering(doc: DocxDocument) -> bool:
    """Return True when ``doc`` already has a numbering part."""
    return any(rel.reltype == RT.NUMBERING for rel in doc.part.rels.values())


def _ensure_style(doc: DocxDocument, name: str) -> tuple[ParagraphStyle, bool]:
    """Return paragraph style ``name`` (based on Normal) and whether it was just created."""
    if name in [style.name for style in doc.styles]:
        return doc.styles[name], False
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    return style, True


def setup_styles(doc: DocxDocument, theme: Theme, language: str, restyle: bool) -> None:
    """Make every style the renderer uses exist; apply ``theme`` to built-ins when ``restyle``.

    ``restyle`` is False for a reference document: its styles win, only missing
    ones are created (with the theme's looks). The language is always set, as it
    is the document's, not a matter of looks.
    """
    _copy_missing_builtins(doc)
    styles = doc.styles
    tag = language_tag(language)
    defaults_rPr = styles.element.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr"))
    if defaults_rPr is not None:
        set_language(defaults_rPr, tag)
    set_language(styles["Normal"].element.get_or_add_rPr(), tag)
    # Only source texts carry line numbers. Word numbers only sections with w:lnNumType,
    # but LibreOffice numbers the whole document once any section asks for it, so every
    # paragraph is excluded by default and the "Texte source" style opts back in.
    defaults_pPr = styles.element.find(qn("w:docDefaults") + "/" + qn("w:pPrDefault") + "/" + qn("w:pPr"))
    if defaults_pPr is None:
        defaults_pPr = _add_default_pPr(styles.element)
    suppress_line_numbers(defaults_pPr)
    primary = RGBColor.from_string(hex_colour(theme.primary_colour))
    base = theme.base_size

    if restyle:
        if defaults_rPr is not None:
            set_fonts(defaults_rPr, theme.font.name)
        for style in styles:
            rPr = style.element.rPr
            if rPr is not None:
                drop_theme_fonts(rPr)
        normal = styles["Normal"]
        set_fonts(normal.element.get_or_add_rPr(), theme.font.name)
        normal.font.size = Pt(base)
        normal.paragraph_format.space_after = Pt(6)
        normal.paragraph_format.line_spacing = 1.15
        for name, factor, before in (("Heading 1", 1.7, 18), ("Heading 2", 1.35, 14), ("Heading 3", 1.15, 10)):
            heading = styles[name]
            heading.font.size = Pt(round(base * factor))
            heading.font.bold = True
            heading.font.color.rgb = primary
            heading.paragraph_format.space_before = Pt(before)
            heading.paragraph_format.space_after = Pt(4)
        title = styles["Title"]
        title.font.size = Pt(round(base * 2.4))
        title.font.color.rgb = primary
        title.font.bold = True
        paragraph_border(title.element.get_or_add_pPr(), {"bottom": (12, theme.primary_colour, 6)})
        subtitle = styles["Subtitle"]
        subtitle.font.size = Pt(round(base * 1.4))
        subtitle.font.color.rgb = RGBColor(0x40, 0x40, 0x40)
        quote = styles["Quote"]
        quote.font.italic = True
        quote.font.color.rgb = RGBColor(0x30, 0x30, 0x30)
        quote.paragraph_format.left_indent = Cm(1)
        quote.paragraph_format.right_indent = Cm(1)
        quote.paragraph_format.space_after = Pt(2)
        styles["Footer"].font.size = Pt(max(8, base - 2))
        for name in ("List Bullet", "List Number"):
            styles[name].paragraph_format.space_after = Pt(3)

    _custom_styles(doc, theme)


def _custom_styles(doc: DocxDocument, theme: Theme) -> None:
    """Create each of :data:`CUSTOM_STYLES` that ``doc`` lacks, with ``theme``'s looks."""
    base = theme.base_size
    primary = RGBColor.from_string(hex_colour(theme.primary_colour))

    style, new = _ensure_style(doc, "Petit")
    if new:
        style.font.size = Pt(max(8, base - 2))
    style, new = _ensure_style(doc, "Chapeau")
    if new:
        style.font.size = Pt(base + 1.5)
        style.font.color.rgb = RGBColor(0x30, 0x30, 0x30)
        style.paragraph_format.space_after = Pt(10)
    style, new = _ensure_style(doc, "Consigne")
    if new:
        style.font.size = Pt(base + 0.5)
        style.paragraph_format.left_indent = Cm(0.4)
        style.paragraph_format.space_before = Pt(4)
        style.paragraph_format.space_after = Pt(8)
        paragraph_border(style.element.get_or_add_pPr(), {"left": (24, theme.primary_colour, 8)})
    style, new = _ensure_style(doc, "Attribution")
    if new:
        style.font.size = Pt(max(8, base - 1))
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        style.paragraph_format.right_indent = Cm(1)
        style.paragraph_format.space_after = Pt(10)
    style, new = _ensure_style(doc, "Encadré")
    if new:
        style.paragraph_format.space_after = Pt(4)
    style, new = _ensure_style(doc, "Encadré titre")
    if new:
        style.font.bold = True
        style.font.color.rgb = primary
        style.paragraph_format.keep_with_next = True
        style.paragraph_format.space_after = Pt(4)
    style, new = _ensure_style(doc, "Cellule")
    if new:
        style.paragraph_format.space_before = Pt(2)
        style.paragraph_format.space_after = Pt(2)
        style.paragraph_format.line_spacing = 1.0
    style, new = _ensure_style(doc, "Case à cocher")
    if new:
        style.paragraph_format.left_indent = Cm(0.7)
        style.paragraph_format.first_line_indent = Cm(-0.7)
        style.paragraph_format.tab_stops.add_tab_stop(Cm(0.7))
        style.paragraph_format.space_after = Pt(3)
    style, new = _ensure_style(doc, "Ligne réponse")
    if new:
        # Exact 0.9 cm lines; "between" repeats the rule inside a run of identical
        # paragraphs, which Word and LibreOffice otherwise merge into one bordered block.
        style.paragraph_format.space_before = Pt(0)
        style.paragraph_format.space_after = Pt(0)
        style.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        style.paragraph_format.line_spacing = Cm(0.9)
        paragraph_border(style.element.get_or_add_pPr(),
                         {"bottom": (4, RULE_GREY, 1), "between": (4, RULE_GREY, 1)})  # fmt: skip
    style, new = _ensure_style(doc, "Texte source")
    suppress_line_numbers(style.element.get_or_add_pPr(), suppress=False)
    if new:
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.line_spacing = 1.3
    style, new = _ensure_style(doc, "Couverture")
    if new:
        style.font.size = Pt(base + 1)
        style.paragraph_format.space_after = Pt(4)


@dataclass
class Numbering:
    """Creates one numbering instance per numbered list, so each list starts afresh."""

    doc: DocxDocument

    def _numbering(self) -> CT_Numbering:
        return cast(CT_Numbering, self.doc.part.numbering_part.element)  # python-docx leaves XmlPart.element untyped

    def abstract_for(self, style_name: str) -> int:
        """Return the abstractNumId behind ``style_name``'s numbering, creating one if it has none."""
        style = self.doc.styles[style_name]
        numbering = self._numbering()
        pPr = style.element.get_or_add_pPr()
        numPr = pPr.numPr
        if numPr is not None and numPr.numId is not None:
            found = numbering.xpath(f"w:num[@w:numId='{numPr.numId.val}']/w:abstractNumId/@w:val")
            if found:
                return int(found[0])
        # The style has no usable numbering (a hand-made reference document): define one.
        abstract_id = 1 + max((int(v) for v in numbering.xpath("w:abstractNum/@w:abstractNumId")), default=-1)
        bullet = style_name == "List Bullet"
        abstract = element("w:abstractNum", abstractNumId=str(abstract_id))
        abstract.append(element("w:multiLevelType", val="singleLevel"))
        lvl = element("w:lvl", ilvl="0")
        lvl.append(element("w:start", val="1"))
        lvl.append(element("w:numFmt", val="bullet" if bullet else "decimal"))
        lvl.append(element("w:pStyle", val=style.style_id))
        lvl.append(element("w:lvlText", val="•" if bullet else "%1."))
        lvl.append(element("w:lvlJc", val="left"))
        ppr = element("w:pPr")
        ppr.append(element("w:ind", left="360", hanging="360"))
        lvl.append(ppr)
        abstract.append(lvl)
        first_num = numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)  # every w:abstractNum comes before every w:num
        else:
            numbering.append(abstract)
        num = numbering.add_num(abstract_id)
        pPr.get_or_add_numPr().get_or_add_numId().val = num.numId
        return abstract_id

    def new_list(self, style_name: str, start: int) -> int:
        """Return the numId of a fresh list of ``style_name`` whose first item shows ``start``."""
        num = self._numbering().add_num(self.abstract_for(style_name))
        num.add_lvlOverride(ilvl=0).add_startOverride(start)
        return int(num.numId)
