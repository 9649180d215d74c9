"""The PDF paragraph keeps the policy in reportlab's own line breaking and page splitting.

Each test runs the same paragraph through reportlab's Paragraph with the same
dictionary (which breaks every rule somewhere in the widths tried, so the test
can fail) and through HyphenatedParagraph (which must break none).
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from educpop.hyphenation import Hyphenator, hyphenator
from educpop.render.pdf_hyphenation import HyphenatedParagraph

TEXT = ("les travailleuses organisent des assemblées extraordinairement nombreuses, internationalement "
        "remarquées, dont les revendications économiques bouleversent profondément la gouvernance "
        "municipale et provoquent finalement un procès.")
LEADING = 12
WIDTHS = range(60, 400, 2)


def splitter() -> Hyphenator:
    found = hyphenator("fr")
    assert found is not None
    return found


def policy() -> ParagraphStyle:
    return ParagraphStyle("policy", fontName="Helvetica", fontSize=10, leading=LEADING, hyphenationLang=splitter())


def reportlab_alone() -> ParagraphStyle:
    """Return a style cutting where the same dictionary allows, with none of the rules about lines."""
    return ParagraphStyle("alone", fontName="Helvetica", fontSize=10, leading=LEADING,
                          hyphenationLang=splitter().dictionary.iterate)


def texts(lines: list[Any]) -> list[str]:
    """Return the text of each of reportlab's lines (a tuple of words, or a line of fragments)."""
    return [" ".join(line[1]) if isinstance(line, tuple) else "".join(frag.text for frag in line.words)
            for line in lines]


def laid_out(paragraph: Paragraph, width: float) -> list[str]:
    paragraph.wrap(width, 1e6)
    return texts(paragraph.blPara.lines)


def cut(text: str) -> bool:
    return text.rstrip().endswith("-")


def three_in_a_row(lines: list[str]) -> bool:
    return any(all(cut(text) for text in lines[i:i + 3]) for i in range(len(lines) - 2))


def lone_tail(lines: list[str]) -> bool:
    return len(lines) > 1 and cut(lines[-2]) and len(lines[-1].split()) == 1


def test_never_three_hyphenated_lines_in_a_row() -> None:
    assert any(three_in_a_row(laid_out(Paragraph(TEXT, reportlab_alone()), w)) for w in WIDTHS)
    for width in WIDTHS:
        assert not three_in_a_row(laid_out(HyphenatedParagraph(TEXT, policy()), width)), width


def test_the_last_line_is_never_the_tail_of_a_cut_word_alone() -> None:
    assert any(lone_tail(laid_out(Paragraph(TEXT, reportlab_alone()), w)) for w in WIDTHS)
    for width in WIDTHS:
        assert not lone_tail(laid_out(HyphenatedParagraph(TEXT, policy()), width)), width


def test_a_page_or_a_column_never_ends_on_a_cut_word() -> None:
    def page_ends(kind: type[Paragraph], style: ParagraphStyle) -> list[str]:
        ends = []
        for width in range(100, 300, 10):
            for lines in range(2, 12):
                paragraph = kind(TEXT, style)
                paragraph.wrap(width, lines * LEADING + 0.01)
                parts = paragraph.split(width, lines * LEADING + 0.01)
                if len(parts) == 2:
                    ends.append(texts(parts[0].blPara.lines)[-1])
        return ends

    assert any(cut(end) for end in page_ends(Paragraph, reportlab_alone()))
    ends = page_ends(HyphenatedParagraph, policy())
    assert len(ends) > 100
    assert not any(cut(end) for end in ends), [end for end in ends if cut(end)]


def test_the_rest_of_a_split_paragraph_keeps_every_word() -> None:
    paragraph = HyphenatedParagraph(TEXT, policy())
    paragraph.wrap(150, 4 * LEADING + 0.01)
    first, rest = paragraph.split(150, 4 * LEADING + 0.01)
    rest.wrap(150, 1e6)
    words = " ".join(texts(first.blPara.lines) + texts(rest.blPara.lines)).replace("- ", "")
    assert words.split() == TEXT.split()


def test_a_style_without_hyphenation_cuts_nothing() -> None:
    style = ParagraphStyle("titles", fontName="Helvetica", fontSize=10, leading=LEADING, hyphenationLang="")
    for width in WIDTHS:
        assert not any(cut(text) for text in laid_out(HyphenatedParagraph(TEXT, style), width))

