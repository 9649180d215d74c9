"""Word, OpenDocument and web pages read through their structure: headings, emphasis, lists and notes kept."""

from __future__ import annotations

import subprocess
from pathlib import Path

from importer.conftest import imported, make_docx

NOTES = {1: "Première note, d'après les archives.", 2: "Seconde note, en fin de texte."}
EXPECTED = """\
## Les conseils ouvriers

Un texte **important** et une idée *neuve* dans le premier paragraphe.[^1]

### Ce qu'ils décident

- La paix immédiate
- La terre aux paysans

1. Élire les délégué·e·s
2. Révoquer les mandats

Un dernier paragraphe qui appelle la seconde note.[^2]

[^1]: Première note, d'après les archives.

[^2]: Seconde note, en fin de texte.
"""


def test_a_word_file_keeps_headings_emphasis_lists_and_footnotes(tmp_path: Path) -> None:
    markdown, report = imported(make_docx(tmp_path / "conseils.docx", NOTES))
    assert markdown == EXPECTED
    assert report.splitlines()[1:8] == [
        "  paragraphes : 2", "  titres : 2", "  mots recollés : 0", "  traits d'union gardés : 0",
        "  notes déplacées en fin de texte : 2", "  lignes retirées : 0", "  à vérifier : 0",
    ]


def test_a_word_note_that_nothing_calls_is_kept_and_listed(tmp_path: Path) -> None:
    markdown, report = imported(make_docx(tmp_path / "conseils.docx", {**NOTES, 3: "Une note orpheline."}))
    assert markdown.endswith("[^3]: Une note orpheline.\n")
    assert "  ligne 19 : note sans appel dans le texte, gardée à la fin, à vérifier" in report.splitlines()


def test_an_opendocument_text_reads_as_the_word_file_it_was_saved_from(tmp_path: Path, soffice: str) -> None:
    source = make_docx(tmp_path / "conseils.docx", NOTES)
    subprocess.run([soffice, "--headless", "--convert-to", "odt", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=180)
    markdown, _ = imported(tmp_path / "conseils.odt")
    assert markdown == EXPECTED


PAGE = """<!DOCTYPE html>
<html lang="fr"><head><title>Article</title><style>p { color: red }</style><script>var x = 1;</script></head>
<body>
<header><h1>Le Journal du quartier</h1></header>
<nav><a href="/">Accueil</a> <a href="/articles">Articles</a> <a href="/contact">Contact</a></nav>
<main><article>
<h1>Les cantines ouvrières</h1>
<p>Les cantines <em>nourrissent</em> des milliers de
   personnes<sup><a href="#fn1" id="r1">1</a></sup>, chaque jour.</p>
<h2>Une organisation collective</h2>
<p>Chaque comité <strong>élit</strong> ses responsables &amp; tient ses comptes <br>au centime près.</p>
<ul><li>Une cuisine par quartier</li><li>Des repas <b>gratuits</b></li></ul>
<p>Un texte qui écrit *étoiles* et [crochets] reste du texte.</p>
<figure><img src="cantine.jpg" alt=""><figcaption>La cantine de la rue Haute.</figcaption></figure>
<section class="footnotes"><ol><li id="fn1">Chiffres de la mairie. <a href="#r1">↩</a></li></ol></section>
</article></main>
<aside>Lire aussi : nos autres articles</aside>
<footer>© Journal du quartier — mentions légales</footer>
</body></html>
"""


def test_a_web_page_keeps_its_article_and_drops_menus_and_footers(tmp_path: Path) -> None:
    source = tmp_path / "cantines.html"
    source.write_text(PAGE, encoding="utf-8")
    markdown, report = imported(source)
    assert markdown == (
        "## Les cantines ouvrières\n\n"
        "Les cantines *nourrissent* des milliers de personnes[^1], chaque jour.\n\n"
        "## Une organisation collective\n\n"
        "Chaque comité **élit** ses responsables & tient ses comptes au centime près.\n\n"
        "- Une cuisine par quartier\n- Des repas **gratuits**\n\n"
        "Un texte qui écrit \\*étoiles\\* et \\[crochets\\] reste du texte.\n\n"
        "La cantine de la rue Haute.\n\n"
        "[^1]: Chiffres de la mairie.\n"
    )
    assert report.split("Lignes retirées :\n")[1].splitlines() == [
        "  <header> (menu, bandeau, pied de page) : « Le Journal du quartier »",
        "  <nav> (menu, bandeau, pied de page) : « Accueil Articles Contact »",
        "  <aside> (menu, bandeau, pied de page) : « Lire aussi : nos autres articles »",
        "  <footer> (menu, bandeau, pied de page) : « © Journal du quartier — mentions légales »",
        "",
        "À vérifier :",
        "  ligne 14 : « La cantine de la rue Haute. » : légende d'une image, gardée en paragraphe à part, "
        "à vérifier",
    ]


def test_a_web_page_in_latin_1_keeps_its_articles_own_header(tmp_path: Path) -> None:
    source = tmp_path / "ete.html"
    source.write_bytes('<html><head><meta charset="iso-8859-1"></head><body><article><header><h1>Été</h1>'
                       "<p>Par l'équipe</p></header><p>Ça commence déjà.</p></article>"
                       "<footer>Mentions légales</footer></body></html>".encode("latin-1"))
    markdown, report = imported(source)
    assert markdown == "## Été\n\nPar l'équipe\n\nÇa commence déjà.\n"
    assert report.splitlines()[-4:] == [
        "  <footer> (menu, bandeau, pied de page) : « Mentions légales »", "",
        "À vérifier :", "  page lue dans l'encodage iso-8859-1 : vérifiez les lettres accentuées"]
