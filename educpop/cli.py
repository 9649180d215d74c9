"""The ``educpop`` command: ``check`` a session, ``build`` its pack, start a ``new`` one, ``list`` them.

A user mistake (an :class:`EducpopError`) prints its category and message and
exits with status 2; a traceback means a bug, and is shown only then (or with
``--debug``, before or after the sub-command). click's own words (« Utilisation : »,
« option inconnue ») come from the French gettext catalogue in ``educpop/locale``.
"""

from __future__ import annotations

import gettext
import io
import os
import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, time
from importlib.metadata import version
from pathlib import Path
from typing import Any, TypeVar

import click

from educpop.create import SESSIONS_DIR, new_session
from educpop.document import Document
from educpop.errors import EducpopError, Problem
from educpop.generators import registry
from educpop.generators._common import schedule_lines
from educpop.generators._words import phrases_for
from educpop.inputs import load_inputs
from educpop.library import describe, library
from educpop.pack import (
    glyph_warnings,
    make_documents,
    make_pack,
    output_slug,
    select_formats,
    select_generators,
)
from educpop.paper import PAPERS, Paper, select_paper
from educpop.plan import Options, Plan, make_plan
from educpop.render.docx_fonts import embedding_warnings
from educpop.session.load import Workshop
from educpop.session.values import counted, format_clock, format_minutes, parse_clock, parse_day, parse_duration
from educpop.theme import Theme
from educpop.writes import write_pack

USER_ERROR = 2
#: the gettext domain and folder of click's words in French (educpop/locale/fr/LC_MESSAGES/educpop.mo)
DOMAIN = "educpop"
LOCALE_DIR = Path(__file__).parent / "locale"

#: A click command callback, before or after click wraps it.
F = TypeVar("F", bound=Callable[..., Any])


def _clock(ctx: click.Context, param: click.Parameter, value: str | None) -> time | None:
    try:
        return None if value is None else parse_clock(value)
    except ValueError as error:
        raise click.BadParameter(f"attendu {error}, trouvé « {value} »") from None


def _minutes(ctx: click.Context, param: click.Parameter, value: str | None) -> int | None:
    try:
        return None if value is None else parse_duration(value)
    except ValueError as error:
        raise click.BadParameter(f"attendu {error}, trouvé « {value} »") from None


def _day(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    try:
        return None if value is None else parse_day(value)
    except ValueError as error:
        raise click.BadParameter(f"attendu {error}, trouvé « {value} »") from None


def plan_options(command: F) -> F:
    """Add the options that adapt a session without editing it."""
    for option in reversed([
        click.option(
            "--participants", type=click.IntRange(1, 500), metavar="NOMBRE",
            help="Nombre de participant·e·s attendu·e·s (par défaut : le maximum du groupe).",
        ),
        click.option(
            "--start", callback=_clock, metavar="HEURE",
            help="Heure de début, par ex. 18:30 (par défaut : celle de la séance).",
        ),
        click.option(
            "--duration", callback=_minutes, metavar="DURÉE",
            help="Durée disponible, par ex. 2h ; le programme est raccourci pour tenir.",
        ),
        click.option("--date", "day", callback=_day, metavar="DATE",
                     help="Date de la séance, par ex. 2026-12-05 ou 5/12/2026."),
    ]):
        command = option(command)
    return command


def _paper(ctx: click.Context, param: click.Parameter, value: str | None) -> Paper | None:
    return None if value is None else select_paper(value)


def _variant(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    return None if value is None else value.removesuffix(".yaml")  # the file's name works too


def variant_option(command: F) -> F:
    """Add ``--variant NOM``: the session with ``variants/NOM.yaml`` merged in."""
    return click.option(
        "--variant", metavar="NOM", callback=_variant,
        help="Variante de la séance : le fichier variants/NOM.yaml de son dossier.",
    )(command)


def _load(
    folder: Path, variant: str | None, options: Options, theme_folder: Path | None = None
) -> tuple[Plan, Theme]:
    """Return the plan and the theme of the session in ``folder`` (its variant ``variant`` merged in)."""
    workshop, theme = load_inputs(folder, variant, theme_folder)
    _warn(workshop)
    plan = make_plan(workshop, options)
    for warning in plan.warnings:
        click.echo(f"attention : {warning}", err=True)
    for problem in plan.arpentage_shortfalls():
        click.echo(f"attention : {problem}", err=True)
    return plan, theme


def _documents(plan: Plan, theme: Theme, names: list[str]) -> list[Document]:
    """Return the documents ``names`` of ``plan``, warning of characters the theme's font lacks or may not embed."""
    documents = make_documents(plan, names)
    for warning in [*glyph_warnings(documents, theme), *embedding_warnings(theme)]:
        click.echo(f"attention : {warning}", err=True)
    return documents


def _warn(workshop: Workshop) -> None:
    for problem in workshop.warnings:
        click.echo(f"attention : {problem}", err=True)


def _adaptations(plan: Plan) -> list[str]:
    """Return what fitting the slots changed, one line per sitting that changed."""
    words = phrases_for(plan.workshop)
    lines = []
    for sitting in plan.sittings:
        if sitting.changes:
            where = f" (séance {sitting.number})" if sitting.of > 1 else ""
            report = " ; ".join(words.change(c.activity.title, c.before, c.after) for c in sitting.changes)
            lines.append(f"adapté pour tenir dans la durée{where} : {report}")
    return lines


def _summary(plan: Plan) -> str:
    session = plan.workshop.session
    words = phrases_for(plan.workshop)
    lines = [
        session.title + (f" – {session.subtitle}" if session.subtitle else ""),
        *schedule_lines(plan, words),
        f"{counted(plan.participants, 'participant·e', 'participant·e·s')}, "
        f"{counted(plan.subgroup_count, 'sous-groupe', 'sous-groupes')}",
    ]
    for sitting in plan.sittings:
        margin = f", {format_minutes(sitting.margin)} de marge" if sitting.margin > 0 else ""
        name = words.sitting_name(sitting.number, sitting.of, sitting.title) + " : " if sitting.of > 1 else ""
        lines += ["", f"{name}{format_clock(sitting.start)} – {format_clock(sitting.end)} "
                      f"({format_minutes(sitting.used)} sur {format_minutes(sitting.minutes)}{margin})"]
        for slot in sitting.slots:
            mark = " (facultatif)" if slot.activity.optional else ""
            lines.append(
                f"  {format_clock(slot.start):>5} – {format_clock(slot.end):>5}  "
                f"{slot.activity.title}{mark} [{slot.activity.method}, {format_minutes(slot.minutes)}]"
            )
    adaptations = _adaptations(plan)
    return "\n".join([*lines, *([""] + adaptations if adaptations else [])])


def debug_option(command: F) -> F:
    """Add ``--debug``, so that it is accepted before the sub-command and after it (:func:`main` acts on it)."""
    return click.option("--debug", is_flag=True, expose_value=False,
                        help="Afficher la trace complète des erreurs.")(command)


@click.group(subcommand_metavar="COMMANDE [ARGUMENTS]...")
@click.version_option(version("educpop"), "--version", message="%(prog)s %(version)s",
                      help="Afficher la version d'educpop et quitter.")
@debug_option
def cli() -> None:
    """Prépare les documents à imprimer d'un atelier d'éducation populaire."""


@cli.command()
@click.argument("folder", type=click.Path(path_type=Path), metavar="DOSSIER")
@variant_option
@plan_options
@debug_option
@click.option(
    "--theme", "theme_folder", type=click.Path(path_type=Path), metavar="DOSSIER",
    help="Dossier du thème (par défaut : celui de la séance).",
)
def check(
    folder: Path, variant: str | None, participants: int | None, start: time | None, duration: int | None,
    day: date | None, theme_folder: Path | None,
) -> None:
    """Vérifie une séance (et son thème) et affiche son programme."""
    plan, theme = _load(folder, variant, Options(participants, start, duration, day), theme_folder)
    _documents(plan, theme, select_generators())  # runs the session's own templates, lists missing glyphs
    click.echo(_summary(plan))


@cli.command()
@click.argument("folder", type=click.Path(path_type=Path), metavar="DOSSIER")
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), metavar="DOSSIER",
    help="Dossier de sortie (par défaut : handouts/<séance>).",
)
@click.option("--format", "formats", multiple=True, metavar="FORMAT",
              help="docx ou pdf (répétable ; par défaut : les deux).")
@click.option("--only", multiple=True, metavar="DOCUMENT",
              help=f"Ne construire que ce document : {', '.join(registry())} (répétable).")
@click.option("--force", is_flag=True, help="Écraser aussi les fichiers modifiés à la main.")
@click.option(
    "--theme", "theme_folder", type=click.Path(path_type=Path), metavar="DOSSIER",
    help="Dossier du thème : logo, couleurs, pied de page (par défaut : celui de la séance).",
)
@click.option(
    "--paper", callback=_paper, metavar="PAPIER",
    help="Papier : " + " ; ".join(f"{p.name} ({p.description})" for p in PAPERS.values())
    + ". Par défaut : celui de la séance (paper:), sinon a4.",
)
@variant_option
@plan_options
@debug_option
def build(
    folder: Path,
    output: Path | None,
    formats: tuple[str, ...],
    only: tuple[str, ...],
    force: bool,
    theme_folder: Path | None,
    paper: Paper | None,
    variant: str | None,
    participants: int | None,
    start: time | None,
    duration: int | None,
    day: date | None,
) -> None:
    """Construit les documents d'une séance, en DOCX et en PDF."""
    names = select_generators(only)
    chosen_formats = select_formats(formats)
    plan, theme = _load(folder, variant, Options(participants, start, duration, day), theme_folder)
    for line in _adaptations(plan):
        click.echo(line)
    paper = paper or PAPERS[plan.workshop.session.paper]
    slug = output_slug(folder.resolve().name + (f"-{plan.workshop.variant}" if plan.workshop.variant else ""))
    destination = output or Path("handouts") / slug
    documents = _documents(plan, theme, names)
    outputs = make_pack(plan, documents, chosen_formats, theme, paper, slug)
    for path in write_pack(destination, outputs, force=force):
        click.echo(str(path))


@cli.command("new")
@click.argument("slug", metavar="NOM")
@click.option(
    "--from", "template", metavar="SÉANCE",
    help="Copier cette séance (un dossier, ou le nom d'une séance de sessions/) au lieu du modèle commenté.",
)
def new(slug: str, template: str | None) -> None:
    """Crée le dossier sessions/SLUG : un session.yaml commenté champ par champ et un texte d'exemple."""
    folder = new_session(slug, template)
    click.echo(f"séance créée : {folder}")
    click.echo(f"vérifiez-la avec : educpop check {folder}")


@cli.command("list")
@click.argument("folder", type=click.Path(path_type=Path), default=SESSIONS_DIR, metavar="DOSSIER")
def list_(folder: Path) -> None:
    """Liste les séances d'un dossier (par défaut : sessions/), avec leurs variantes et leurs erreurs."""
    for entry in library(folder):
        for line in describe(entry):
            click.echo(line)


@cli.command(name="import")
@click.argument("file", type=click.Path(path_type=Path), metavar="FICHIER")
@click.option("-o", "--output", type=click.Path(path_type=Path), metavar="FICHIER",
              help="Fichier Markdown à écrire (par défaut : sources/<nom du fichier>.md).")
@click.option("--session", "session_folder", type=click.Path(path_type=Path), metavar="DOSSIER",
              help="Dossier de la séance : le texte va dans ses sources/ et dans la liste sources de session.yaml.")
@click.option("--rapport", "keep_report", is_flag=True, help="Écrire aussi le rapport à côté du texte (.rapport.txt).")
@click.option("--force", is_flag=True, help="Remplacer un texte déjà importé.")
def import_(file: Path, output: Path | None, session_folder: Path | None, keep_report: bool, force: bool) -> None:
    """Importe un texte (PDF, Word, ODT, page web, texte) en Markdown propre pour sources/, avec un rapport."""
    # Imported here, not above: the readers' libraries (pdfminer, bs4, odfpy) would slow every other command.
    from educpop.importer import import_file
    from educpop.importer.report import Report
    from educpop.importer.save import default_output, save

    report = Report()
    imported = import_file(file, report)
    saved = save(file, imported, report, output or default_output(file, session_folder), session_folder,
                 keep_report, force)
    click.echo(saved.report, nl=False)


@contextmanager
def click_in_french() -> Iterator[None]:
    """Make click take its words from educpop's French catalogue while the command runs, whatever the locale.

    click asks :func:`gettext.gettext` for each of its messages; gettext picks the
    language from ``LANGUAGE`` first. Both are put back afterwards.
    """
    domain, language = gettext.textdomain(), os.environ.get("LANGUAGE")
    gettext.bindtextdomain(DOMAIN, LOCALE_DIR)
    gettext.textdomain(DOMAIN)
    os.environ["LANGUAGE"] = "fr"
    try:
        yield
    finally:
        gettext.textdomain(domain)
        if language is None:
            del os.environ["LANGUAGE"]
        else:
            os.environ["LANGUAGE"] = language


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit status."""
    debug = "--debug" in (argv if argv is not None else sys.argv[1:])
    for stream in (sys.stdout, sys.stderr):
        # A Windows console or pipe in cp1252 cannot show Cyrillic or U+202F: print a
        # replacement character rather than fail while telling the user what is wrong.
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")
    with click_in_french():
        return _run(argv, debug)


def _run(argv: list[str] | None, debug: bool) -> int:
    """Run the command line with ``argv``; return its exit status, reporting a user mistake without a traceback."""
    try:
        cli.main(args=argv, prog_name="educpop", standalone_mode=False)
    except EducpopError as error:
        if debug:
            traceback.print_exc()
        click.echo(f"educpop : {error.category} :", err=True)
        problems: list[Problem] | None = getattr(error, "problems", None)
        for line in ([str(p) for p in problems] if problems else [str(error)]):
            click.echo(f"  {line}", err=True)
        return USER_ERROR
    except click.exceptions.Abort:
        click.echo("interrompu", err=True)
        return 1
    except click.ClickException as error:
        error.show()
        return USER_ERROR
    except click.exceptions.Exit as done:
        return done.exit_code
    return 0


if __name__ == "__main__":
    sys.exit(main())
