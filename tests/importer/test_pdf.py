"""A magazine PDF read directly: two columns in order, running title and page numbers gone, notes at the end."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from importer.conftest import Page, imported, make_columns_docx, make_pdf, sentence

PAGES = [
    Page(title="Le travail des communes", columns=(
        ["Première phrase de la colonne de gauche qui", "parle des grands évé-", "nements de l'année dans la",
         "ville de Saint-", "Pétersbourg et de ses", "quartiers ouvriers. Fin du premier", "paragraphe.", "",
         "#Un intertitre en gras", "Deuxième paragraphe : il est peut-", "être plus court que le premier, mais",
         "le parti social-", "démocrate y tient une place^1 dans", "la vie des travailleur·se·s et des",
         "député.e.s de la ville, et des manifestant-", "e-s venus nombreux. Dernière phrase"],
        ["de la colonne de gauche continuée ici.", "", "  Troisième paragraphe après un retrait",
         "de première ligne, qui raconte l'orga-", "nisation des comités de quartier", "et se termine enfin ici.^2"]),
        notes=["1 Une première note en bas de la page.", "2 Une seconde note, plus longue, qui tient sur",
               "deux lignes de petits caractères."]),
    Page(columns=(["Quatrième paragraphe sur la deuxième", "page, avec un mot in-", "connu comme bolché-",
                   "viks et la fin."],
                  ["Cinquième paragraphe dans la colonne", "de droite de la deuxième page."])),
]


@pytest.fixture(scope="module")
def magazine(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    return imported(make_pdf(tmp_path_factory.mktemp("pdf") / "revue.pdf", PAGES))


def test_columns_are_read_in_order_and_a_sentence_goes_on_across_the_column_break(magazine: tuple[str, str]) -> None:
    markdown, _ = magazine
    blocks = markdown.split("\n\n")
    assert blocks[:2] == [
        "## Le travail des communes",
        "Première phrase de la colonne de gauche qui parle des grands événements de l'année dans la ville de "
        "Saint-Pétersbourg et de ses quartiers ouvriers. Fin du premier paragraphe.",
    ]
    assert blocks[2] == "## Un intertitre en gras"
    assert blocks[3].endswith("venus nombreux. Dernière phrase de la colonne de gauche continuée ici.")
    assert [block[:20] for block in blocks[4:7]] == ["Troisième paragraphe", "Quatrième paragraphe",
                                                     "Cinquième paragraphe"]


def test_cut_words_are_rejoined_and_true_hyphens_kept(magazine: tuple[str, str]) -> None:
    markdown, _ = magazine
    for word in ("événements", "Saint-Pétersbourg", "peut-être", "social-démocrate", "l'organisation",
                 "inconnu", "travailleur·se·s", "député.e.s", "manifestant-e-s"):
        assert word in markdown
    assert "-\n" not in markdown and "- " not in markdown.replace(" : ", "")


def test_footnotes_go_to_the_end_called_from_where_they_were(magazine: tuple[str, str]) -> None:
    markdown, _ = magazine
    assert "y tient une place[^1] dans la vie" in markdown
    assert "et se termine enfin ici.[^2]" in markdown
    assert markdown.endswith("[^1]: Une première note en bas de la page.\n\n"
                             "[^2]: Une seconde note, plus longue, qui tient sur deux lignes de petits caractères.\n")


def test_no_running_title_or_page_number_is_left(magazine: tuple[str, str]) -> None:
    markdown, _ = magazine
    assert "Revue Chantiers" not in markdown
    assert all(not line.strip().isdigit() for line in markdown.splitlines())


def test_the_report_lists_every_change_and_every_line_removed(magazine: tuple[str, str]) -> None:
    _, report = magazine
    assert report.splitlines() == [
        "Import de « revue.pdf » vers « sources/texte.md »",
        "  paragraphes : 5",
        "  titres : 2",
        "  mots recollés : 3",
        "  traits d'union gardés : 4",
        "  notes déplacées en fin de texte : 2",
        "  lignes retirées : 3",
        "  à vérifier : 1",
        "",
        "Titres reconnus :",
        "  ligne 1 : « Le travail des communes »",
        "  ligne 5 : « Un intertitre en gras »",
        "",
        "Mots recollés :",
        "  ligne 3 : « évé-/nements » → « événements »",
        "  ligne 9 : « l'orga-/nisation » → « l'organisation »",
        "  ligne 11 : « in-/connu » → « inconnu »",
        "",
        "Traits d'union gardés :",
        "  ligne 3 : « Saint-/Pétersbourg » (nom propre)",
        "  ligne 7 : « peut-/être » (mot composé connu)",
        "  ligne 7 : « social-/démocrate » (mot composé connu)",
        "  ligne 7 : « manifestant-/e-s » (écriture inclusive)",
        "",
        "Lignes retirées :",
        "  « Revue Chantiers — numéro 12 » : en-tête ou pied de page répété, retiré des pages 1, 2",
        "  page 1 : « 1 » (numéro de page)",
        "  page 2 : « 2 » (numéro de page)",
        "",
        "À vérifier :",
        "  ligne 11 : « bolché-/viks » recollé en « bolchéviks » (mot inconnu, coupé à une césure possible), "
        "à vérifier",
    ]


def test_three_columns_are_read_left_to_right(tmp_path: Path) -> None:
    columns = tuple([f"colonne {column}, ligne {line} et" for line in range(14)] for column in range(3))
    narrow = ((50.0, 200.0), (222.0, 372.0), (394.0, 545.0))
    markdown, _ = imported(make_pdf(tmp_path / "trois.pdf", [Page(columns=columns)], columns=narrow))
    # one page cannot tell its running title from text: it stays, as a paragraph of its own
    assert markdown.split("\n\n") == ["Revue Chantiers — numéro 12",
                                      " ".join(" ".join(lines) for lines in columns) + "\n"]


def test_a_two_column_pdf_made_by_libreoffice_from_word(tmp_path: Path, soffice: str) -> None:
    paragraphs = [" ".join(sentence(10 * number + index) for index in range(6)) for number in range(1, 13)]
    source = make_columns_docx(tmp_path / "bulletin.docx", paragraphs,
                               {2: "Une note du deuxième paragraphe.", 7: "Une note du septième."},
                               "Bulletin des ateliers")
    subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=180)
    markdown, report = imported(tmp_path / "bulletin.pdf")
    blocks = markdown.split("\n\n")
    assert blocks[:12] == [text.replace(sentence(10 * number + 5), sentence(10 * number + 5)
                                        + ("[^1]" if number == 2 else "[^2]" if number == 7 else ""))
                           for number, text in enumerate(paragraphs, 1)]
    assert blocks[12:] == ["[^1]: Une note du deuxième paragraphe.", "[^2]: Une note du septième.\n"]
    assert "  « Bulletin des ateliers » : en-tête ou pied de page répété, retiré des pages 1, 2, 3" in report


def test_a_caption_in_small_print_is_kept_apart_and_the_paragraph_goes_on_around_it(tmp_path: Path) -> None:
    page = Page(columns=(["Le cortège passe devant la gare et remonte", "!Photo : la place du marché, un matin.",
                          "toute l'avenue jusqu'à la grande place.", "", "Un autre paragraphe suit."],))
    last = Page(columns=(["La seconde page n'a qu'une ligne."],))
    markdown, report = imported(make_pdf(tmp_path / "photo.pdf", [page, last]))
    assert markdown.split("\n\n") == [
        "Le cortège passe devant la gare et remonte toute l'avenue jusqu'à la grande place.",
        "Photo : la place du marché, un matin.",
        "Un autre paragraphe suit.",
        "La seconde page n'a qu'une ligne.\n",
    ]
    assert ("  ligne 3 : « Photo : la place du marché, un matin. » : légende ou encadré ?, "
            "gardé en paragraphe à part, à vérifier") in report.splitlines()
