"""The method library: the working forms of popular education, named once.

An activity of ``session.yaml`` names its method by id (``method: arpentage``);
the facilitator guide prints the method's name, its one-sentence summary and
its tips beside the activity. Facilitators may write an id that is not here:
the guide then shows the id as written, without summary or tips.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Method:
    """A way of working with a group, with what a facilitator should know about it."""

    #: lowercase, hyphenated: what ``method:`` says in session.yaml
    id: str
    #: as printed in the agenda: short, it fills a narrow column
    name: str
    #: one sentence in French: what the method is
    summary: str
    #: two to four practical tips in French, printed in the facilitator guide
    tips: tuple[str, ...]


_ALL = (
    Method(
        id="accueil",
        name="Accueil",
        summary=(
            "Moment d'ouverture où l'on accueille chaque personne, présente le programme "
            "et les objectifs, et pose le cadre du travail en commun."
        ),
        tips=(
            "Soyez prêt·e un quart d'heure avant l'arrivée du groupe : salle rangée, "
            "boissons prêtes, programme affiché au mur.",
            "Posez le cadre en quelques mots : écoute, droit de se tromper, droit de se taire, "
            "ce qui se dit ici reste ici.",
            "Faites signer la feuille de présence à l'arrivée plutôt qu'en fin de séance.",
            "Annoncez l'heure de fin et tenez-la : c'est une marque de respect.",
        ),
    ),
    Method(
        id="brise-glace",
        name="Brise-glace",
        summary=(
            "Courte activité d'entrée en matière qui permet à chacun·e de prendre la parole "
            "une première fois et de faire connaissance."
        ),
        tips=(
            "Choisissez une consigne à laquelle tout le monde peut répondre sans rien savoir du sujet.",
            "Répondez vous-même en premier : votre exemple montre le ton et la longueur attendus.",
            "Gardez une trace des réponses : on y revient volontiers au moment de la synthèse.",
        ),
    ),
    Method(
        id="ligne-du-temps",
        name="Ligne du temps",
        summary=(
            "Les participant·e·s placent ensemble des événements dans l'ordre chronologique "
            "pour se construire des repères communs."
        ),
        tips=(
            "Préparez des cartes lisibles de loin : un seul événement par carte, la date au verso.",
            "Laissez le groupe se tromper : les erreurs de classement ouvrent les meilleures discussions.",
            "Corrigez en plénière sans juger, en racontant l'enchaînement des faits plutôt qu'en "
            "récitant des dates.",
        ),
    ),
    Method(
        id="arpentage",
        name="Arpentage",
        summary=(
            "Lecture collective d'un texte trop long pour une seule personne : on le découpe, "
            "chacun·e en lit une partie et la restitue, puis le groupe reconstitue l'ensemble "
            "et en débat."
        ),
        tips=(
            "Découpez le texte en fin de paragraphe, en parts à peu près égales et numérotées.",
            "Rassurez d'emblée : personne ne doit tout comprendre, et dire ce qu'on n'a pas compris "
            "fait partie de la restitution.",
            "Faites restituer dans l'ordre du texte et chronométrez chaque tour de parole.",
            "Terminez par un échange libre : ce qui frappe, ce qui manque, ce qui fait débat.",
        ),
    ),
    Method(
        id="sous-groupes",
        name="Sous-groupes",
        summary=(
            "Travail en petits groupes de quatre à six personnes sur une consigne ou une fiche "
            "de questions, pour que chacun·e puisse s'exprimer."
        ),
        tips=(
            "Formez les groupes en mélangeant les personnes qui se connaissent peu.",
            "Faites désigner dès le départ un·e gardien·ne du temps et un·e rapporteur·e.",
            "Passez d'un groupe à l'autre sans vous y installer : relancez, puis repartez.",
            "Prévenez cinq minutes avant la fin pour que chaque groupe prépare son compte rendu.",
        ),
    ),
    Method(
        id="debat-mouvant",
        name="Débat mouvant",
        summary=(
            "Une affirmation est lue à voix haute ; chacun·e se place du côté « d'accord » ou "
            "« pas d'accord » de la salle, défend sa position et peut changer de côté en cours "
            "de débat."
        ),
        tips=(
            "Pas de place au milieu : il faut choisir un côté, quitte à en changer ensuite.",
            "Donnez la parole à chaque camp tour à tour, un argument à la fois.",
            "Demandez à celles et ceux qui changent de côté ce qui les a fait bouger.",
            "Rappelez que l'on débat d'idées, jamais de personnes.",
        ),
    ),
    Method(
        id="mise-en-commun",
        name="Mise en commun",
        summary=(
            "Chaque sous-groupe rapporte l'essentiel de son travail à l'ensemble du groupe, "
            "qui compare, complète et relève accords et désaccords."
        ),
        tips=(
            "Fixez un temps de parole par sous-groupe et faites-le respecter.",
            "Notez au tableau au fur et à mesure, en colonnes, pour faire apparaître les liens.",
            "Demandez aux groupes suivants de compléter ce qui a été dit plutôt que de le répéter.",
        ),
    ),
    Method(
        id="photolangage",
        name="Photolangage",
        summary=(
            "Chacun·e choisit une photo parmi un large choix étalé sur une table pour exprimer "
            "une idée, un ressenti ou une position, puis explique son choix au groupe."
        ),
        tips=(
            "Prévoyez au moins deux fois plus de photos que de participant·e·s.",
            "Laissez choisir en silence, sans commentaire ni discussion.",
            "Chacun·e parle de sa photo ; les autres n'interprètent pas à sa place.",
        ),
    ),
    Method(
        id="expose",
        name="Exposé",
        summary=(
            "Court apport d'information par l'animateur·rice ou une personne invitée, "
            "pour donner des repères au groupe."
        ),
        tips=(
            "Ne dépassez pas quinze minutes d'affilée.",
            "Appuyez-vous sur un support simple : une frise, une carte, quelques chiffres.",
            "Gardez un temps pour les questions de compréhension.",
        ),
    ),
    Method(
        id="pause",
        name="Pause",
        summary="Temps de repos, de boissons et de discussions libres.",
        tips=(
            "Annoncez l'heure exacte de reprise, et reprenez à l'heure.",
            "Profitez-en pour préparer la salle et le matériel de l'activité suivante.",
        ),
    ),
    Method(
        id="synthese",
        name="Synthèse",
        summary=(
            "Moment de clôture où l'on rassemble ce qui a été dit et construit, pour dégager "
            "le fil rouge et ce que le groupe retient."
        ),
        tips=(
            "Appuyez-vous sur les traces écrites de la séance : tableaux, affiches, frise.",
            "Reprenez les mots du groupe plutôt que les vôtres.",
            "Distinguez clairement ce qui fait accord et ce qui reste en débat.",
        ),
    ),
    Method(
        id="evaluation",
        name="Évaluation",
        summary=(
            "Retour des participant·e·s sur le contenu, la méthode et l'ambiance, "
            "pour améliorer les prochains ateliers."
        ),
        tips=(
            "Combinez un tour rapide à l'oral et une fiche écrite anonyme.",
            "Accueillez les critiques sans vous justifier : remerciez et notez.",
            "Conservez les fiches : l'organisation en a besoin pour ses rapports d'activité.",
        ),
    ),
)

#: every known method, by id
METHODS: dict[str, Method] = {method.id: method for method in _ALL}


def get_method(method_id: str) -> Method | None:
    """Return the method named ``method_id`` (case and spaces ignored), or None if unknown."""
    return METHODS.get(method_id.strip().lower())
