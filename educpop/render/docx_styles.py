"""The stylesheet as Word styles, and list numbering, for the DOCX renderer.

Every piece of a rendered document carries a named Word style, so a facilitator
can restyle the whole pack in Word. Each entry of :mod:`educpop.stylesheet` names
its Word style: a built-in one (Heading 1, List Bullet, Quote…) where Word has one,
else a French custom style, created once when the template lacks it.
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
from docx.styles.style import BaseStyle, ParagraphStyle

from educpop.render.docx_xml import (
    contextual_spacing,
    drop_theme_fonts,
    element,
    hex_colour,
    paragraph_border,
    paragraph_shading,
    set_fonts,
    set_language,
    suppress_hyphenation,
    suppress_line_numbers,
)
from educpop.stylesheet import STYLESHEET, Colour, Resolved, Sheet, Style, colours
from educpop.theme import Theme

#: Built-in styles the renderer uses; copied from python-docx's template when a reference lacks one.
BUILTIN_STYLES = (
    "Normal", "Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "List Bullet",
    "List Number", "Quote", "Header", "Footer", "Table Grid",
)  # fmt: skip

#: Word styles written by other means than a paragraph style of the stylesheet
_NOT_PARAGRAPH_STYLES = {Style.NOTE, Style.LINE_NUMBER}

#: Region used when the session language has none ("fr" → "fr-FR").
_DEFAULT_REGION = {"fr": "FR", "en": "GB", "nl": "BE", "de": "DE", "es": "ES", "it": "IT", "ru": "RU"}

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


def _ensure_style(
    doc: DocxDocument, known: dict[str, BaseStyle], name: str, parent: Style | None
) -> tuple[ParagraphStyle, bool]:
    """Return paragraph style ``name`` and whether it was just created (based on ``parent``'s Word style).

    ``known`` maps the names of the document's styles to them (python-docx finds a
    style by scanning them all: once per document is enough); a new style joins it.
    """
    if name in known:
        return cast(ParagraphStyle, known[name]), False
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = known[word_name(parent) if parent is not None else "Normal"]
    style.quick_style = True
    known[name] = style
    return style, True


def word_name(style: Style) -> str:
    """Return the name of the Word style that ``style`` becomes."""
    return STYLESHEET[style].word


def setup_styles(doc: DocxDocument, theme: Theme, language: str, restyle: bool) -> None:
    """Make every style of the stylesheet exist; give it the stylesheet's looks when ``restyle``.

    ``restyle`` is False for a reference document: its styles win, only missing
    ones are created (with the stylesheet's looks). The language is always set, as it
    is the document's, not a matter of looks; and no text is smaller than the
    paper allows (large print), whatever the reference says.
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
    # paragraph is excluded by default and the "Texte source" styles opt back in.
    defaults_pPr = styles.element.find(qn("w:docDefaults") + "/" + qn("w:pPrDefault") + "/" + qn("w:pPr"))
    if defaults_pPr is None:
        defaults_pPr = _add_default_pPr(styles.element)
    suppress_line_numbers(defaults_pPr)
    if restyle:
        if defaults_rPr is not None:
            set_fonts(defaults_rPr, theme.font.name)
        for style in styles:
            rPr = style.element.rPr
            if rPr is not None:
                drop_theme_fonts(rPr)
        set_fonts(styles["Normal"].element.get_or_add_rPr(), theme.font.name)
    sheet = Sheet(theme.base_size, theme.min_size)
    palette = colours(theme.primary_colour, theme.accent_colour)
    known = {style.name: style for style in styles}
    for name in STYLESHEET:  # parents come before their children
        if name in _NOT_PARAGRAPH_STYLES or not word_name(name):
            continue
        style, new = _ensure_style(doc, known, word_name(name), STYLESHEET[name].parent)
        if restyle or new:
            _apply(style, sheet, name, palette)
        if name in (Style.SOURCE, Style.SOURCE_HEADING):
            suppress_line_numbers(style.element.get_or_add_pPr(), suppress=False)
    _line_number_style(doc, sheet[Style.LINE_NUMBER], palette, restyle)
    if theme.min_size:
        _no_smaller_than(doc, theme.min_size)


def _apply(style: ParagraphStyle, sheet: Sheet, name: Style, palette: dict[Colour, str]) -> None:
    """Give the Word ``style`` the looks of the stylesheet's entry ``name``."""
    look = sheet[name]
    font, paragraph = style.font, style.paragraph_format
    font.size = Pt(look.size)
    font.bold = look.bold
    font.italic = look.italic
    font.color.rgb = RGBColor.from_string(hex_colour(palette[look.colour]))
    paragraph.space_before = Pt(look.before)
    paragraph.space_after = Pt(look.after)
    paragraph.left_indent = Pt(look.left_indent)
    paragraph.right_indent = Pt(look.right_indent)
    paragraph.first_line_indent = Pt(look.first_line_indent)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if look.align == "right" else WD_ALIGN_PARAGRAPH.LEFT
    paragraph.keep_with_next = look.keep_with_next
    pPr = style.element.get_or_add_pPr()
    suppress_hyphenation(pPr, not look.hyphenate)
    contextual_spacing(pPr, look.packed)
    if name is Style.ANSWER_LINE:
        # Exact lines as far apart as in the PDF; "between" repeats the rule inside a run of identical
        # paragraphs, which Word and LibreOffice otherwise merge into one bordered block.
        paragraph.line_spacing = Cm(sheet.answer_line_gap_cm)
        paragraph.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        rule = (4, palette[look.colour], 1)
        paragraph_border(pPr, {"bottom": rule, "between": rule})
        return
    paragraph.line_spacing = Pt(look.leading)
    paragraph.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
    if look.first_line_indent < 0:  # a hanging indent: the text after a mark and a tab lines up
        paragraph.tab_stops.add_tab_stop(Pt(look.left_indent))
    if look.background is not None:
        paragraph_shading(pPr, palette[look.background])
    if look.rule == "left":
        paragraph_border(pPr, {"left": (24, palette[Colour.PRIMARY], round(look.padding[3]))})
    elif look.rule == "below":
        paragraph_border(pPr, {"bottom": (12, palette[Colour.PRIMARY], 6)})


def _line_number_style(doc: DocxDocument, look: Resolved, palette: dict[Colour, str], restyle: bool) -> None:
    """Give the line numbers in the margin of source texts (Word's "Line Number" style) their looks."""
    name = word_name(Style.LINE_NUMBER)
    if name in [style.name for style in doc.styles]:
        if not restyle:
            return
        style = doc.styles[name]
    else:
        style = doc.styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
    style.font.size = Pt(look.size)
    style.font.color.rgb = RGBColor.from_string(hex_colour(palette[look.colour]))


def _no_smaller_than(doc: DocxDocument, smallest: float) -> None:
    """Raise every size of ``doc``'s styles, and its default size, to at least ``smallest`` points."""
    for size in doc.styles.element.iter(qn("w:sz"), qn("w:szCs")):
        if int(size.get(qn("w:val"), "0")) < smallest * 2:
            size.set(qn("w:val"), str(round(smallest * 2)))
    defaults_rPr = doc.styles.element.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr"))
    if defaults_rPr is not None and defaults_rPr.find(qn("w:sz")) is None:
        defaults_rPr.append(element("w:sz", val=str(round(smallest * 2))))


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
