"""Session variants: ``variants/<name>.yaml`` holds only what differs, and says where each value was written."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.shared import RGBColor

from conftest import SAMPLE, docx_text, pdf_text, squash, write_session
from educpop.cli import main
from educpop.errors import SessionError
from educpop.session.load import Workshop, load_workshop

SESSION = """\
title: Atelier du soir
group: {min: 6, max: 12}
duration: 2h
start: "09:30"
activities:
  - id: accueil
    title: Accueil
    method: accueil
    duration: 15
  - id: photolangage
    title: Photolangage
    method: photolangage
    duration: 20
  - id: pause
    title: Pause
    method: pause
    duration: 10
  - id: debat
    title: Débat mouvant
    method: debat-mouvant
    duration: 30
    statements: ["Le travail, c'est la santé."]
  - id: synthese
    title: Synthèse
    method: synthese
    duration: 15
"""

SOIREE = """\
start: "19:00"
activities:
  drop: [photolangage]
  change: [{id: debat, duration: 20}]
  insert: [{after: pause, id: video, title: "Un film court", method: video, duration: 10}]
"""


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def with_variant(variant: str, session: str = SESSION) -> Workshop:
    """Return the workshop of ``session`` with ``variant`` as its variant « soiree »."""
    return load_workshop(write_session(session, {"variants/soiree.yaml": variant}), "soiree")


def problems(variant: str, session: str = SESSION) -> list[str]:
    """Return what the facilitator reads when ``session`` with ``variant`` does not load."""
    with pytest.raises(SessionError) as raised:
        with_variant(variant, session)
    return [str(problem) for problem in raised.value.problems]


def agenda(workshop: Workshop) -> list[tuple[str, int]]:
    return [(activity.id, activity.duration.base) for activity in workshop.session.activities]


class TestAVariant:
    def test_replaces_a_top_level_field_and_keeps_the_others(self) -> None:
        workshop = with_variant('start: "19:00"\ntitle: Atelier en soirée\n')
        assert str(workshop.session.start) == "19:00:00"
        assert workshop.session.title == "Atelier en soirée"
        assert workshop.session.duration == 120
        assert agenda(workshop) == agenda(load_workshop(Path("atelier")))

    def test_drops_changes_and_inserts_activities_by_id(self) -> None:
        workshop = with_variant(SOIREE)
        assert agenda(workshop) == [("accueil", 15), ("pause", 10), ("video", 10), ("debat", 20), ("synthese", 15)]

    def test_changes_only_the_fields_it_gives(self) -> None:
        debat = with_variant(SOIREE).session.activities[3]
        assert (debat.id, debat.duration.base, debat.title, debat.method) == (
            "debat", 20, "Débat mouvant", "debat-mouvant",
        )
        assert debat.statements == ["Le travail, c'est la santé."]

    def test_puts_an_insert_without_after_at_the_end(self) -> None:
        workshop = with_variant("activities:\n  insert: [{id: jeu, title: Jeu, method: brise-glace, duration: 5}]\n")
        assert agenda(workshop)[-1] == ("jeu", 5)

    def test_reorders_activities(self) -> None:
        order = "activities:\n  order: [accueil, debat, pause, photolangage, synthese]\n"
        assert [ident for ident, _ in agenda(with_variant(order))] == [
            "accueil", "debat", "pause", "photolangage", "synthese",
        ]

    def test_orders_the_inserted_activities_too(self) -> None:
        order = SOIREE + "  order: [accueil, video, pause, debat, synthese]\n"
        assert [ident for ident, _ in agenda(with_variant(order))] == ["accueil", "video", "pause", "debat", "synthese"]

    def test_replaces_a_whole_list_written_as_a_list(self) -> None:
        workshop = with_variant("activities:\n  - {id: seul, title: Seul, method: expose, duration: 30}\n")
        assert agenda(workshop) == [("seul", 30)]

    def test_inserts_into_a_list_the_session_does_not_have(self) -> None:
        variant = """\
questions:
  insert:
    - {id: bilan, title: Bilan, items: [{level: today, text: "Et demain ?"}]}
"""
        assert [theme.id for theme in with_variant(variant).session.questions] == ["bilan"]

    def test_changes_the_sittings_of_a_cycle_by_id(self) -> None:
        cycle = SESSION + "sittings:\n  - {id: soir-1, date: 2027-01-12}\n  - {id: soir-2, date: 2027-01-19}\n"
        variant = "sittings:\n  change: [{id: soir-2, date: 2027-01-26}]\n"
        assert [str(sitting.date) for sitting in with_variant(variant, cycle).session.sittings] == [
            "2027-01-12", "2027-01-26",
        ]

    def test_sets_the_paper(self) -> None:
        assert with_variant("paper: A5 livret\n").session.paper == "a5-livret"

    def test_may_be_empty(self) -> None:
        assert agenda(with_variant("# rien ne change\n")) == agenda(load_workshop(Path("atelier")))


class TestAMistakeInAVariant:
    def test_names_the_variant_file_and_line_of_a_wrong_value(self) -> None:
        assert problems(SOIREE.replace("duration: 20", "duration: vingt")) == [
            "atelier/variants/soiree.yaml:4:34: activities[4].duration: "
            "attendu une durée comme 90, « 90 min », « 1h30 » ou « 1:30 », "
            "ou qui suit le groupe comme « 5 + 5/groupe », "
            "trouvé « vingt »",
        ]

    def test_names_the_variant_file_for_a_field_missing_from_an_insert(self) -> None:
        assert problems("activities:\n  insert:\n    - {after: pause, id: video, method: video, duration: 10}\n") == [
            "atelier/variants/soiree.yaml:3:7: activities[4].title: champ obligatoire manquant",
        ]

    def test_names_the_variant_file_for_an_unknown_key(self) -> None:
        assert problems('\nhoraire: "19:00"\n') == [
            "atelier/variants/soiree.yaml:2:1: horaire: clé inconnue « horaire » ; vouliez-vous dire « start » ?",
        ]

    def test_keeps_pointing_into_session_yaml_for_the_base_values(self) -> None:
        session = SESSION.replace("    duration: 30\n", "    duration: trente\n")
        assert problems("activities:\n  drop: [accueil]\n", session) == [
            "atelier/session.yaml:21:15: activities[3].duration: "
            "attendu une durée comme 90, « 90 min », « 1h30 » ou « 1:30 », "
            "ou qui suit le groupe comme « 5 + 5/groupe », "
            "trouvé « trente »",
        ]

    def test_reports_unknown_ids_with_a_suggestion(self) -> None:
        variant = """\
activities:
  drop: [photolangue]
  change: [{id: debats, duration: 20}]
  insert: [{after: pose, id: video, title: Film, method: video, duration: 10}]
  order: [accueil, synthse]
"""
        assert problems(variant) == [
            "atelier/variants/soiree.yaml:2:10: activities.drop[1]: identifiant inconnu « photolangue » "
            "dans « activities » ; vouliez-vous dire « photolangage » ?",
            "atelier/variants/soiree.yaml:3:17: activities.change[1].id: identifiant inconnu « debats » "
            "dans « activities » ; vouliez-vous dire « debat » ?",
            "atelier/variants/soiree.yaml:4:20: activities.insert[1].after: identifiant inconnu « pose » "
            "dans « activities » ; vouliez-vous dire « pause » ?",
            "atelier/variants/soiree.yaml:5:10: activities.order: l'ordre ne cite pas : "
            "photolangage, pause, debat, synthese",
            "atelier/variants/soiree.yaml:5:20: activities.order[2]: identifiant inconnu « synthse » "
            "dans « activities » ; vouliez-vous dire « synthese » ?",
        ]

    def test_reports_an_id_named_twice_in_the_order(self) -> None:
        order = "activities:\n  order: [accueil, photolangage, pause, debat, synthese, pause]\n"
        assert problems(order) == [
            "atelier/variants/soiree.yaml:2:58: activities.order[6]: « pause » figure deux fois dans l'ordre",
        ]

    def test_reports_an_edit_in_french_with_its_english_name(self) -> None:
        assert problems("activities:\n  retirer: [pause]\n") == [
            "atelier/variants/soiree.yaml:2:3: activities.retirer: clé inconnue « retirer » ; "
            "vouliez-vous dire « drop » ? (connues : drop, change, insert, order)",
        ]

    def test_reports_an_inserted_id_already_taken(self) -> None:
        variant = "activities:\n  insert: [{id: pause, title: Pause 2, method: pause, duration: 5}]\n"
        assert problems(variant) == [
            "atelier/variants/soiree.yaml:2:17: activities[6].id: identifiant « pause » en double "
            "(déjà ligne 14 de atelier/session.yaml)",
        ]

    def test_reports_an_unknown_variant_with_the_known_ones(self) -> None:
        write_session(SESSION, {"variants/soiree.yaml": SOIREE, "variants/matin.yaml": "start: 9h\n"})
        with pytest.raises(SessionError) as raised:
            load_workshop(Path("atelier"), "soir")
        assert str(raised.value) == (
            "atelier/variants: variante introuvable « soir » ; vouliez-vous dire « soiree » ? "
            "(variantes de cette séance : matin, soiree)"
        )


class TestBuildingAVariant:
    def test_writes_its_own_folder_and_names_its_files(self, capsys: pytest.CaptureFixture[str]) -> None:
        write_session(SESSION, {"variants/soiree.yaml": SOIREE})
        assert main(["build", "atelier", "--variant", "soiree", "--format", "docx"]) == 0
        out = Path("handouts/atelier-soiree")
        assert "guide-animation-soiree.docx" in {path.name for path in out.iterdir()}
        assert "atelier-soiree.zip" in {path.name for path in out.iterdir()}
        guide = squash(docx_text(out / "guide-animation-soiree.docx"))
        assert "19h00 – 19h15" in guide and "Un film court" in guide and "Photolangage" not in guide
        # a DOCX-only build: the plan names the files there are
        # (the DOCX holds its names with no-break hyphens, so that no name breaks across lines)
        assert "guide-animation-soiree.docx" in docx_text(out / "plan-impression-soiree.docx").replace("\u2011", "-")
        assert capsys.readouterr().err == ""

    def test_check_shows_the_merged_programme(self, capsys: pytest.CaptureFixture[str]) -> None:
        write_session(SESSION, {"variants/soiree.yaml": SOIREE})
        assert main(["check", "atelier", "--variant", "soiree"]) == 0
        out = capsys.readouterr().out
        assert "19h25 – 19h35  Un film court [video, 10 min]" in out and "Photolangage" not in out

    def test_prints_on_the_variants_paper_unless_told_otherwise(self) -> None:
        write_session(SESSION, {"variants/soiree.yaml": "paper: a5-livret\n"})
        assert main(["build", "atelier", "--variant", "soiree", "--only", "guide", "--format", "docx"]) == 0
        assert [path.name for path in Path("handouts/atelier-soiree").glob("*.docx")] == [
            "guide-animation-soiree-livret.docx"
        ]
        args = ["build", "atelier", "--variant", "soiree", "--only", "guide", "--format", "docx", "--paper", "a4"]
        assert main([*args, "-o", "a4"]) == 0
        assert [path.name for path in Path("a4").glob("*.docx")] == ["guide-animation-soiree.docx"]

    def test_sets_the_language_and_the_theme_of_the_documents(self) -> None:
        theme = 'primary_colour: "#1D4E89"\n'
        write_session(SESSION, {"variants/soiree.yaml": "language: de\ntheme: theme/\n", "theme/theme.yaml": theme})
        assert main(["build", "atelier", "--variant", "soiree", "--only", "guide", "--format", "docx"]) == 0
        built = docx.Document("handouts/atelier-soiree/guide-animation-soiree.docx")
        assert built.core_properties.language.startswith("de")
        assert built.styles["Heading 1"].font.color.rgb == RGBColor(0x1D, 0x4E, 0x89)
        assert main(["build", "atelier", "--only", "guide", "--format", "docx"]) == 0
        assert docx.Document("handouts/atelier/guide-animation.docx").core_properties.language.startswith("fr")

    def test_a_mistake_stops_the_build_with_exit_status_2(self, capsys: pytest.CaptureFixture[str]) -> None:
        write_session(SESSION, {"variants/soiree.yaml": "paper: a3\n"})
        assert main(["build", "atelier", "--variant", "soiree"]) == 2
        assert capsys.readouterr().err == (
            "educpop : session invalide :\n  atelier/variants/soiree.yaml:1:8: paper: papier inconnu « a3 » "
            "(connus : a4, a5-livret, gros-caracteres)\n"
        )
        assert not Path("handouts").exists()


def test_the_samples_short_variant_fits_two_and_a_half_hours(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["build", str(SAMPLE), "--variant", "courte", "--only", "guide", "--only", "timeline-cards"]
    assert main([*args, "--format", "pdf"]) == 0
    assert capsys.readouterr().err == ""
    out = Path("handouts/revolution-russe-1917-courte")
    # without the ligne du temps, its cards are not needed
    written = sorted(path.name for path in out.iterdir() if not path.name.startswith("."))
    assert written == ["guide-animation-courte.pdf"]
    guide = squash(pdf_text(out / "guide-animation-courte.pdf"))
    assert "11h50 – 12h00" in guide and "pause de dix minutes" in guide
    assert "Un mot pour 1917" not in guide and "Remettre 1917 dans l'ordre" not in guide
