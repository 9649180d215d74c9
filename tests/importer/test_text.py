"""Text copied with its line breaks: paragraphs, headings and notes rebuilt; the seed article as a real case."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT
from importer.conftest import imported

HARD_WRAPPED = """\
LE PAIN ET LES ROSES

Les ouvrières du textile quittent les ateliers un matin de mars, puis
marchent ensemble vers le centre de la ville en chantant. Elles
réclament du pain, la paix et le retour des hommes partis au front1.
Leur cortège grossit d'heure en heure.
Le lendemain, les usines de métallurgie se joignent à leur mouvement
et la grève devient générale.

Une organisation nouvelle

Dans chaque quartier, des comités se forment et désignent des délé-
gués qui siègent au conseil de la ville. Les délégué·e·s rendent des
comptes chaque semaine et peuvent être révoqué·e·s à tout moment.
  Un retrait de première ligne ouvre ici un paragraphe qui parle des
cantines et des crèches que les comités ouvrent dans les quartiers.

12

La suite reprend après le numéro isolé, avec un mot inconnu : les bolché-
viks arrivent, et le texte se termine.

1   Une note copiée au milieu de la page, longue de plus d'une ligne pour
voir qu'elle reste entière.
"""


def test_hard_wrapped_lines_become_paragraphs_headings_and_notes(tmp_path: Path) -> None:
    source = tmp_path / "pain.txt"
    source.write_text(HARD_WRAPPED, encoding="utf-8")
    markdown, _ = imported(source)
    assert markdown.split("\n\n") == [
        "## LE PAIN ET LES ROSES",
        "Les ouvrières du textile quittent les ateliers un matin de mars, puis marchent ensemble vers le centre "
        "de la ville en chantant. Elles réclament du pain, la paix et le retour des hommes partis au front[^1]. "
        "Leur cortège grossit d'heure en heure.",
        "Le lendemain, les usines de métallurgie se joignent à leur mouvement et la grève devient générale.",
        "## Une organisation nouvelle",
        "Dans chaque quartier, des comités se forment et désignent des délégués qui siègent au conseil de la "
        "ville. Les délégué·e·s rendent des comptes chaque semaine et peuvent être révoqué·e·s à tout moment.",
        "Un retrait de première ligne ouvre ici un paragraphe qui parle des cantines et des crèches que les "
        "comités ouvrent dans les quartiers.",
        "La suite reprend après le numéro isolé, avec un mot inconnu : les bolchéviks arrivent, et le texte "
        "se termine.",
        "[^1]: Une note copiée au milieu de la page, longue de plus d'une ligne pour voir qu'elle reste entière.\n",
    ]


def test_the_report_of_a_text_file_lists_every_change_with_its_line(tmp_path: Path) -> None:
    source = tmp_path / "pain.txt"
    source.write_text(HARD_WRAPPED, encoding="utf-8")
    _, report = imported(source)
    assert report.splitlines() == [
        "Import de « pain.txt » vers « sources/texte.md »",
        "  paragraphes : 5",
        "  titres : 2",
        "  mots recollés : 1",
        "  traits d'union gardés : 0",
        "  notes déplacées en fin de texte : 1",
        "  lignes retirées : 1",
        "  à vérifier : 1",
        "",
        "Titres reconnus :",
        "  ligne 1 : « LE PAIN ET LES ROSES »",
        "  ligne 7 : « Une organisation nouvelle »",
        "",
        "Mots recollés :",
        "  ligne 9 : « délé-/gués » → « délégués »",
        "",
        "Lignes retirées :",
        "  ligne 18 du fichier : « 12 » (nombre seul : numéro de page ?)",
        "",
        "À vérifier :",
        "  ligne 13 : « bolché-/viks » recollé en « bolchéviks » (mot inconnu, coupé à une césure possible), "
        "à vérifier",
    ]


SEED = ROOT.parent / "shared" / "seed" / "ciep-revolution-russe-1917.txt"


@pytest.fixture(scope="module")
def seed() -> tuple[str, str]:
    if not SEED.exists():
        pytest.skip("the seed article is not beside the repository")
    return imported(SEED)


def test_the_seed_article_gets_its_cut_words_back_and_keeps_its_compounds(seed: tuple[str, str]) -> None:
    markdown, report = seed
    for word in ("événements", "l’aristocratie", "technologique", "social-démocrate", "l’auto-organisation",
                 "dangereusement", "socialistes-révolutionnaires", "Saint-Pétersbourg"):
        assert word in markdown
    for inclusive in ("député.e.s", "travailleur.se.s", "manifestant-e-s", "opprimé.e.s"):
        assert inclusive in markdown
    assert "évé-" not in markdown and "révo- lution" not in markdown
    assert "  mots recollés : 28" in report


def test_the_seed_articles_footnotes_are_moved_to_the_end_and_called_where_they_were(seed: tuple[str, str]) -> None:
    markdown, report = seed
    body, _, notes = markdown.partition("\n[^1]: ")
    assert "gouvernement Kérensky[^1]." in body and "Terreur blanche[^2] comprise" in body
    assert "le 8 mars[^3] 1917" in body
    assert notes.startswith("Gouvernement provisoire créé par les députés russes de la Douma")
    assert "\n[^3]: Le 8 mars tombant fin février dans le calendrier Julien" in markdown
    assert "Gouvernement provisoire" not in body
    assert "  notes déplacées en fin de texte : 3" in report


def test_the_seed_articles_headings_and_the_cut_between_its_articles(seed: tuple[str, str]) -> None:
    markdown, report = seed
    assert "\n## Un système politique et économique d’un type nouveau\n" in markdown
    assert "\n## D’Octobre au stalinisme : le grand retournement\n" in markdown
    assert "\n## FEMMES ET RÉVOLUTIONS RUSSES ?\n" in markdown
    # the layout put the end of the first article after a page of the second one: the report points at it
    assert ("  ligne 43 : paragraphe continué par-dessus un saut (« …, l’oppression des femmes » / "
            "« L’hyper-industrialisation… », ligne 308 du fichier), à vérifier") in report.splitlines()


def test_a_caption_and_stray_debris_stay_apart_and_are_listed(tmp_path: Path) -> None:
    source = tmp_path / "photo.txt"
    source.write_text("Le cortège passe devant la gare et remonte toute l'avenue jusqu'à\n"
                      "Photo : le cortège du 8 mars, devant la gare.\n"
                      "la place, où la foule attend les oratrices depuis le matin.\n\n"
                      "p.\n\n"
                      "Fin du récit de la journée.\n", encoding="utf-8")
    markdown, report = imported(source)
    assert markdown.split("\n\n") == [
        "Le cortège passe devant la gare et remonte toute l'avenue jusqu'à la place, où la foule attend les "
        "oratrices depuis le matin.",
        "Photo : le cortège du 8 mars, devant la gare.",
        "p.",
        "Fin du récit de la journée.\n",
    ]
    assert report.split("À vérifier :\n")[1].splitlines() == [
        "  ligne 3 : « Photo : le cortège du 8 mars, devant la gare. » : légende ou encadré ?, "
        "gardé en paragraphe à part, à vérifier",
        "  ligne 5 : « p. » seul sur sa ligne (reste de mise en page ?), à vérifier",
    ]


def test_a_markdown_file_keeps_its_markup_and_gets_its_wrapped_lines_joined(tmp_path: Path) -> None:
    source = tmp_path / "notes.md"
    source.write_text("# Un titre\n\nUn paragraphe *coupé* à la main sur deux lignes, avec un mot coupé, l'orga-\n"
                      "nisation, et une note[^1].\n\n- un point\n- un autre\n\n[^1]: La note.\n", encoding="utf-8")
    markdown, _ = imported(source)
    assert markdown == ("## Un titre\n\nUn paragraphe *coupé* à la main sur deux lignes, avec un mot coupé, "
                        "l'organisation, et une note[^1].\n\n- un point\n- un autre\n\n[^1]: La note.\n")
