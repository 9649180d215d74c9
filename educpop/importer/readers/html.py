"""Web pages read with BeautifulSoup: the article's headings, paragraphs, lists and notes; menus and footers dropped."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup
from bs4.element import Comment, Doctype, NavigableString, ProcessingInstruction, Tag

from educpop.importer.model import Block, BlockKind, Imported, Inline, NoteRef, Run
from educpop.importer.readers.text import refuse_binary
from educpop.importer.report import Entry, Report, shorten
from educpop.importer.structure import finish

#: parts of a page that are not the text: menus, banners, sidebars, scripts, forms
_FURNITURE = ["nav", "header", "footer", "aside", "script", "style", "noscript", "template", "form", "button",
              "iframe", "svg", "menu", "dialog"]
_BLOCKS: dict[str, BlockKind] = {"p": "paragraph", "blockquote": "quote", "h1": "heading", "h2": "heading",
                                 "h3": "heading", "h4": "heading", "h5": "heading", "h6": "heading"}
_BACK_LINK = re.compile(r"^[\s↩↑^]*$")
#: the element that stands for a note call once its link is taken out
_CALL = "educpop-note"


def read(path: Path, data: bytes, report: Report) -> Imported:
    """Return the blocks and notes of the HTML page ``data``."""
    refuse_binary(data, path.name)
    soup = BeautifulSoup(data, "html.parser")  # finds the page's encoding from its <meta charset>, else guesses
    if soup.original_encoding not in (None, "utf-8", "ascii"):
        report.to_check.append(Entry(None, f"page lue dans l'encodage {soup.original_encoding} : "
                                           "vérifiez les lettres accentuées"))
    notes = _notes(soup)
    for element in soup.find_all(_FURNITURE):
        if element.name in ("header", "footer") and element.find_parent(["article", "main"]):
            continue  # an article's own header holds its title and byline
        if not element.decomposed:
            words = " ".join(element.get_text(" ").split())
            if words and element.name not in ("script", "style", "template", "svg"):
                report.dropped.append(f"<{element.name}> (menu, bandeau, pied de page) : « {shorten(words)} »")
            element.decompose()
    root = soup.find("main") or soup.find("article") or soup.body or soup
    blocks: list[Block] = []
    captions: list[Block] = []
    if isinstance(root, Tag):
        _walk(root, blocks, captions)
    report.to_check += [Entry(block, f"« {shorten(block.text())} » : légende d'une image, gardée en paragraphe "
                                     "à part, à vérifier") for block in captions]
    return finish(blocks, {key: note for key, note in notes.items() if note.content}, report)


def _notes(soup: BeautifulSoup) -> dict[str, Block]:
    """Return the notes that links call ("#fn1"), each taken out of the page by key and its call marked."""
    notes: dict[str, Block] = {}
    for link in soup.find_all("a", href=re.compile(r"^#.")):
        if link.decomposed:  # a back link of a note already taken out
            continue
        key = str(link["href"])[1:]
        target = soup.find(id=key)
        if not isinstance(target, Tag) or not link.get_text(strip=True).strip("[]()").isdigit():
            continue
        if target in link.parents or link in target.descendants:
            continue
        for back in target.find_all("a", href=re.compile(r"^#")):
            if _BACK_LINK.match(back.get_text()):
                back.decompose()
        notes[key] = Block("paragraph", _content(target))
        link.replace_with(soup.new_tag(_CALL, attrs={"key": key}))
        target.decompose()
    for holder in soup.select("section.footnotes, div.footnotes, ol.footnotes, [role=doc-endnotes]"):
        if not holder.get_text(strip=True):
            holder.decompose()
    return notes


def _walk(element: Tag, blocks: list[Block], captions: list[Block]) -> None:
    """Add to ``blocks`` the block elements under ``element``, in order; the captions also to ``captions``."""
    for child in element.children:
        if not isinstance(child, Tag):
            if isinstance(child, NavigableString) and not isinstance(child, Comment) and child.strip():
                blocks.append(Block("paragraph", [Run(str(child))]))
            continue
        kind = _BLOCKS.get(child.name)
        if child.name == "figcaption":
            captions.append(Block("paragraph", _content(child)))
            blocks.append(captions[-1])
        elif kind is not None:
            blocks.append(Block(kind, _content(child), 2 if child.name in ("h1", "h2") else 3))
        elif child.name == "li":
            numbered = child.parent is not None and child.parent.name == "ol"
            blocks.append(Block("numbered" if numbered else "item", _content(child, skip_lists=True)))
            for inner in child.find_all(["ul", "ol"], recursive=False):
                _walk(inner, blocks, captions)
        else:
            _walk(child, blocks, captions)


def _content(element: Tag, skip_lists: bool = False) -> list[Inline]:
    """Return the text under ``element`` with its emphasis and note calls (nested lists left out if asked)."""
    content: list[Inline] = []
    _inline(element, content, False, False, skip_lists)
    return content


def _inline(element: Tag, content: list[Inline], bold: bool, italic: bool, skip_lists: bool = False) -> None:
    """Add to ``content`` the text under ``element`` with its emphasis and note calls."""
    for child in element.children:
        if isinstance(child, (Comment, Doctype, ProcessingInstruction)):
            continue
        if isinstance(child, NavigableString):
            content.append(Run(str(child), bold, italic))
        elif isinstance(child, Tag):
            if child.name == _CALL:
                content.append(NoteRef(str(child["key"])))
            elif child.name == "br":
                content.append(Run(" ", bold, italic))
            elif skip_lists and child.name in ("ul", "ol"):
                continue
            else:
                _inline(child, content, bold or child.name in ("strong", "b"),
                        italic or child.name in ("em", "i", "cite"), skip_lists)

