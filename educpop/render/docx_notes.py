"""Word footnotes for the DOCX renderer: the ``footnotes.xml`` part and the calls in the text.

python-docx has no footnote API, so the part is written here in OOXML: the two
separators Word expects (ids -1 and 0), then one ``w:footnote`` per note, each
called from the text by a ``w:footnoteReference`` run. Word numbers them itself,
in the order of the calls. A reference document's own footnotes part is reused
(its notes belonged to the body that was dropped); its footnote styles win.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.opc.constants import CONTENT_TYPE as CT, RELATIONSHIP_TYPE as RT
from docx.opc.oxml import serialize_part_xml
from docx.opc.packuri import PackURI
from docx.opc.part import Part, XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.text.paragraph import Paragraph as DocxParagraph

from educpop.document import Note
from educpop.render.docx_xml import element, mark_right_to_left, sanitise
from educpop.stylesheet import Resolved

#: Style ids Word gives its built-in footnote styles (their names are lower case in styles.xml).
TEXT_STYLE = "FootnoteText"
REFERENCE_STYLE = "FootnoteReference"

_EMPTY_PART = f"""<w:footnotes {nsdecls("w")}>
  <w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>
    </w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>
  <w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240"
    w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
</w:footnotes>"""

_STYLES = f"""<w:styles {nsdecls("w")}>
  <w:style w:type="paragraph" w:styleId="{TEXT_STYLE}"><w:name w:val="footnote text"/><w:basedOn w:val="Normal"/>
    <w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:pPr><w:spacing w:after="{{after}}" w:line="{{line}}"
    w:lineRule="atLeast"/><w:ind w:left="{{left}}" w:hanging="{{left}}"/></w:pPr><w:rPr><w:sz w:val="{{size}}"/>
    </w:rPr></w:style>
  <w:style w:type="character" w:styleId="{REFERENCE_STYLE}"><w:name w:val="footnote reference"/>
    <w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>
</w:styles>"""


class Footnotes:
    """The footnotes of one DOCX document, written into its footnotes part as they are called."""

    def __init__(self, doc: DocxDocument, look: Resolved) -> None:
        self._doc = doc
        self._part: Part | None = None
        self._root: BaseOxmlElement | None = None
        self._next_id = 1
        #: the stylesheet's look of a note
        self._look = look

    def call(self, paragraph: DocxParagraph, note: Note) -> None:
        """Append to ``paragraph`` a call to a new footnote holding ``note``."""
        root = self._open()
        note_id = str(self._next_id)
        self._next_id += 1
        footnote = element("w:footnote", id=note_id)
        body = element("w:p")
        body.append(_styled(element("w:pPr"), "w:pStyle", TEXT_STYLE))
        body.append(_reference_run(element("w:footnoteRef")))
        space = element("w:r")
        space.append(_text(" "))
        body.append(space)
        for run in note.content:
            written = element("w:r")
            if run.bold or run.italic:
                properties = element("w:rPr")
                for flag, tag in ((run.bold, "w:b"), (run.italic, "w:i")):
                    if flag:
                        properties.append(element(tag))
                written.append(properties)
            written.append(_text(sanitise(run.text)))
            body.append(written)
        footnote.append(body)
        root.append(footnote)
        paragraph._p.append(_reference_run(element("w:footnoteReference", id=note_id)))

    def finish(self) -> None:
        """Mark the notes' right-to-left text and write them into the package."""
        if self._root is None or self._part is None:
            return
        mark_right_to_left(self._root)  # an Arabic or Hebrew name in a note, as in the body
        if isinstance(self._part, XmlPart):
            return  # a part of our own: python-docx serialises its element
        self._part._blob = serialize_part_xml(self._root)  # a part python-docx keeps as bytes

    def _open(self) -> BaseOxmlElement:
        """Return the ``w:footnotes`` element, making the part and the footnote styles on first use."""
        if self._root is not None:
            return self._root
        part = next((rel.target_part for rel in self._doc.part.rels.values()
                     if rel.reltype == RT.FOOTNOTES and not rel.is_external), None)
        if part is None:
            self._root = parse_xml(_EMPTY_PART)
            part = XmlPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, self._root, self._doc.part.package)
            self._doc.part.relate_to(part, RT.FOOTNOTES)
        else:
            self._root = part.element if isinstance(part, XmlPart) else parse_xml(part.blob)
            for old in self._root.findall(qn("w:footnote")):
                if old.get(qn("w:type")) in (None, "normal"):
                    self._root.remove(old)
        self._part = part
        self._add_styles()
        return self._root

    def _add_styles(self) -> None:
        """Add Word's footnote styles to the document when it lacks them."""
        styles = self._doc.styles.element
        known = {style.get(qn("w:styleId")) for style in styles.findall(qn("w:style"))}
        look = self._look
        values = {"{size}": look.size * 2, "{after}": look.after * 20, "{line}": look.leading * 20,
                  "{left}": look.left_indent * 20}  # half-points and twentieths of a point
        xml = _STYLES
        for key, value in values.items():
            xml = xml.replace(key, str(round(value)))
        for style in parse_xml(xml).findall(qn("w:style")):
            if style.get(qn("w:styleId")) not in known:
                styles.append(style)


def _styled(properties: BaseOxmlElement, tag: str, style: str) -> BaseOxmlElement:
    """Return ``properties`` (a ``w:pPr`` or ``w:rPr``) given the style ``style`` by a ``tag`` child."""
    properties.append(element(tag, val=style))
    return properties


def _reference_run(mark: BaseOxmlElement) -> BaseOxmlElement:
    """Return a run in the footnote reference style holding ``mark`` (a call or the note's own number)."""
    run = element("w:r")
    run.append(_styled(element("w:rPr"), "w:rStyle", REFERENCE_STYLE))
    run.append(mark)
    return run


def _text(text: str) -> BaseOxmlElement:
    """Return a ``w:t`` holding ``text`` with its spaces kept."""
    node = element("w:t")
    node.text = text
    node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return node

