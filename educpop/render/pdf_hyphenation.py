"""The hyphenation policy inside reportlab's own line breaking and page splitting.

reportlab breaks lines greedily, asking the style's ``hyphenationLang`` (an
:class:`~educpop.hyphenation.Hyphenator`) where a word that does not fit may be
cut. What the policy says about whole lines (a cut that was not needed, three
hyphens in a row, the tail of a word alone on the last line) can only be seen
once the lines are made: :class:`HyphenatedParagraph` breaks them again, those
words refused, until no rule is broken; and it never lets a page or a column
end on a cut word.
"""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from educpop.hyphenation import Hyphenator, LineEnd, refused_cuts, word_key

#: at most this many breaks of one paragraph at one width (each refuses every cut found wrong)
PASSES = 6


def line_text(line: Any) -> str:
    """Return the text of one of reportlab's laid-out lines (plain words, or fragments)."""
    if isinstance(line, tuple):  # a paragraph of one style: (unused width, words)
        return " ".join(line[1])
    return "".join(getattr(frag, "text", "") for frag in getattr(line, "words", []))


def _line_end(line: Any) -> tuple[str, str, float, float]:
    """Return a reportlab line's text, the font and size it ends in ("", 0: the style's), its unused width."""
    if isinstance(line, tuple):
        return line_text(line), "", 0.0, float(line[0])
    last = next((frag for frag in reversed(line.words) if getattr(frag, "text", "")), None)
    name = getattr(last, "fontName", "")
    size = float(getattr(last, "fontSize", 0.0))
    return line_text(line), name, size, float(line.extraSpace)


def line_ends(paragraph: Paragraph, lines: list[Any], width: float) -> list[LineEnd]:
    """Return how each of ``lines`` (reportlab's, laid out ``width`` points wide) of ``paragraph`` ends."""
    style = paragraph.style
    texts = [_line_end(line) for line in lines]
    ends = []
    for index, (text, name, size, unused) in enumerate(texts):
        words = text.split()
        cut = ""
        slack = float("inf")
        forced = False
        if text.rstrip().endswith("-") and words and index + 1 < len(texts) and texts[index + 1][0].split():
            head = words[-1]
            cut = word_key(head[:-1] + texts[index + 1][0].split()[0])
            font, size = name or style.fontName, size or style.fontSize
            slack = (unused + stringWidth(head + " ", font, size)) / size
            forced = stringWidth(cut, font, size) > width
        ends.append(LineEnd(cut, slack, len(words), forced))
    return ends


class HyphenatedParagraph(Paragraph):
    """A paragraph whose cut words follow the hyphenation policy, within its lines and at a page's end."""

    style: Any
    #: words this paragraph never cuts, found by earlier breaks
    refused: frozenset[str] = frozenset()
    #: the first piece of a split: its lines are final, only broken again as they were
    settled: bool = False

    def _hyphenator(self) -> Hyphenator | None:
        splitter = getattr(self.style, "hyphenationLang", None)
        return splitter if isinstance(splitter, Hyphenator) else None

    def breakLines(self, width: Any) -> Any:
        splitter = self._hyphenator()
        if splitter is None:
            return super().breakLines(width)
        style = self.style
        narrowest = min(width) if isinstance(width, (list, tuple)) else width
        try:
            for _ in range(PASSES):
                if self.refused:
                    self.style = style.clone(style.name, hyphenationLang=splitter.refusing(self.refused))
                broken = super().breakLines(width)
                if self.settled:
                    break
                found = refused_cuts(line_ends(self, broken.lines, narrowest)) - self.refused
                if not found:
                    break
                self.refused |= found
        finally:
            self.style = style
        return broken

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        for _ in range(PASSES):
            parts: list[Any] = super().split(availWidth, availHeight)
            if len(parts) < 2 or self._hyphenator() is None:
                return parts
            lines = self.blPara.lines
            kept = len(parts[0].blPara.lines)
            text_width = availWidth - self.style.leftIndent - self.style.rightIndent
            end = line_ends(self, lines[kept - 1:kept + 1], text_width)[0]
            cut = end.cut
            if not cut or end.forced or cut in self.refused:
                break
            # The page would end on a cut word: break the paragraph again with that word whole.
            self.refused |= {cut}
            self.wrap(availWidth, availHeight)
        for part in parts:
            part.refused = self.refused
        parts[0].settled = True
        return parts
