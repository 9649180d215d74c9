"""Markdown source texts become document blocks; user text is never markup."""

from __future__ import annotations

from educpop.document import BulletList, Heading, NumberedList, Paragraph, Quote, Text
from educpop.session.markdown import markdown_blocks


def test_headings_paragraphs_and_emphasis_become_blocks_and_runs() -> None:
    assert markdown_blocks("# Titre\n\nUn *texte* **gras *et* penché**.\n\n#### Petit\n") == [
        Heading(1, [Text("Titre")]),
        Paragraph(
            [
                Text("Un "),
                Text("texte", italic=True),
                Text(" "),
                Text("gras ", bold=True),
                Text("et", bold=True, italic=True),
                Text(" penché", bold=True),
                Text("."),
            ]
        ),
        Heading(3, [Text("Petit")]),
    ]


def test_line_breaks_inside_a_paragraph_become_spaces_whatever_the_line_endings() -> None:
    assert markdown_blocks("Première ligne\r\nseconde ligne  \r\nfin\r\n") == [
        Paragraph([Text("Première ligne seconde ligne fin")]),
    ]


def test_raw_html_and_entities_stay_text() -> None:
    assert markdown_blocks("<b>gras</b> &amp; <script>x</script>\n") == [
        Paragraph([Text("<b>gras</b> & <script>x</script>")]),
    ]


def test_unicode_is_normalised_and_inclusive_writing_kept_whole() -> None:
    assert markdown_blocks("Le\u0301nine, les de\u0301pute\u0301.e.s et travailleur·se·s\n") == [
        Paragraph([Text("Lénine, les député.e.s et travailleur·se·s")]),
    ]


def test_lists_keep_their_numbering_and_flatten_nested_items() -> None:
    assert markdown_blocks("3. un\n4. deux\n   - détail\n\n- a\n- b\n") == [
        NumberedList([[Text("un")], [Text("deux")], [Text("détail")]], start=3),
        BulletList([[Text("a")], [Text("b")]]),
    ]


def test_each_paragraph_of_a_quote_is_a_quote() -> None:
    assert markdown_blocks("> Tout le pouvoir\n> aux soviets.\n>\n> Vive la révolution.\n") == [
        Quote([Text("Tout le pouvoir aux soviets.")]),
        Quote([Text("Vive la révolution.")]),
    ]


def test_indented_text_from_a_word_processor_stays_prose() -> None:
    assert markdown_blocks("    Un paragraphe\n    indenté.\n\n    Un autre.\n") == [
        Paragraph([Text("Un paragraphe indenté.")]),
        Paragraph([Text("Un autre.")]),
    ]


def test_links_keep_their_words() -> None:
    assert markdown_blocks("Voir [le texte](https://exemple.org) et `ceci`.\n") == [
        Paragraph([Text("Voir le texte et ceci.")]),
    ]
