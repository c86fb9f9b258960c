"""The participatory budget's three editions: their projects, the ideas the technical
analysis set aside, and the follow-up of the winners (amounts in euros, stored in cents).

Dates are days relative to the day the distribution is seeded, so the current edition is
always voting and the earlier ones always show results and works in progress.
"""

from __future__ import annotations

import attrs

#: A project: code, French title, English title, cost in euros, district code, theme code,
#: French description, English description.
Project = tuple[str, str, str, int, str, str, str, str]
#: An idea the technical analysis set aside: French title, district, theme, French and
#: English reasons.
Rejected = tuple[str, str, str, str, str]
#: A winner's follow-up: status, progress (%), timeline as (days ago, French, English).
FollowUp = tuple[str, int, tuple[tuple[int, str, str], ...]]


@attrs.frozen
class Edition:
    #: Years before the current one (0: this year's edition).
    years_ago: int
    #: First day of each phase (proposals, technical analysis, vote, results and follow-up),
    #: in days from today; the follow-up ends on ``ends`` (``None``: still running).
    starts: tuple[int, int, int, int]
    ends: int | None
    projects: tuple[Project, ...]
    rejected: tuple[Rejected, ...]
    follow_up: tuple[FollowUp, ...]
    ballots: int


PHASES = (
    ("Dépôt des idées", "Ideas"),
    ("Analyse technique", "Technical analysis"),
    ("Vote", "Vote"),
    ("Résultats et suivi des projets", "Results and follow-up of the projects"),
)
AMOUNT = 1_000_000

CURRENT = Edition(
    years_ago=0,
    starts=(-150, -99, -7, 22),
    ends=None,
    ballots=180,
    projects=(
        (
            "A01",
            "Îlot de fraîcheur place Imbach",
            "A cool island on Place Imbach",
            220_000,
            "centre",
            "nature",
            "Des arbres, des brumisateurs et des bancs à l’ombre pour les étés chauds.",
            "Trees, misting fountains and shaded benches for hot summers.",
        ),
        (
            "A02",
            "Pumptrack au parc de la Haye",
            "Pump track in Parc de la Haye",
            140_000,
            "belle-beille",
            "sport",
            "Une piste de bosses pour vélos, trottinettes et rollers, ouverte à tous les âges.",
            "A track of bumps for bikes, scooters and skates, for every age.",
        ),
        (
            "A03",
            "Cheminement piéton éclairé vers le tram à Monplaisir",
            "A lit footpath to the tram in Monplaisir",
            260_000,
            "monplaisir",
            "mobility",
            "Un chemin sûr et éclairé entre les immeubles et l’arrêt du tram.",
            "A safe, lit path between the blocks of flats and the tram stop.",
        ),
        (
            "A04",
            "Cuisine partagée à la maison de quartier de la Roseraie",
            "Shared kitchen at the Roseraie community centre",
            90_000,
            "roseraie",
            "solidarity",
            "Une cuisine équipée où associations et habitants cuisinent ensemble.",
            "An equipped kitchen where associations and residents cook together.",
        ),
        (
            "A05",
            "Studio de musique pour les jeunes aux Justices",
            "Music studio for young people in Les Justices",
            110_000,
            "justices",
            "youth",
            "Un studio insonorisé pour répéter et enregistrer, encadré par des animateurs.",
            "A soundproof studio to rehearse and record, with youth workers.",
        ),
        (
            "A06",
            "Forêt urbaine aux Deux-Croix",
            "Urban forest in Deux-Croix",
            75_000,
            "deux-croix",
            "nature",
            "Une micro-forêt plantée avec les écoles du quartier.",
            "A micro-forest planted with the neighbourhood’s schools.",
        ),
        (
            "A07",
            "Parcours du patrimoine de la Doutre",
            "Heritage trail in La Doutre",
            45_000,
            "doutre",
            "culture",
            "Des panneaux et un audioguide gratuit sur l’histoire du quartier.",
            "Signs and a free audio guide on the neighbourhood’s history.",
        ),
        (
            "A08",
            "Terrain multisport aux Hauts-de-Saint-Aubin",
            "Multi-sport pitch in Hauts-de-Saint-Aubin",
            180_000,
            "hauts-saint-aubin",
            "sport",
            "Un terrain clos pour le foot, le basket et le handball.",
            "A fenced pitch for football, basketball and handball.",
        ),
        (
            "A09",
            "Ponton de baignade surveillée au Lac de Maine",
            "Supervised bathing pontoon at Lac de Maine",
            300_000,
            "lac-de-maine",
            "sport",
            "Un ponton accessible aux fauteuils pour se baigner l’été.",
            "A wheelchair-accessible pontoon for summer bathing.",
        ),
        (
            "A10",
            "Abris vélos sécurisés à Saint-Serge",
            "Secure bike shelters in Saint-Serge",
            95_000,
            "saint-serge",
            "mobility",
            "Des abris fermés près de la faculté et de la patinoire.",
            "Locked shelters near the university and the ice rink.",
        ),
    ),
    rejected=(
        (
            "Un téléphérique entre la gare et le château",
            "centre",
            "mobility",
            "Le coût estimé (40 M€) dépasse de loin l’enveloppe du budget participatif.",
            "The estimated cost (€40M) far exceeds the participatory budget.",
        ),
        (
            "Repeindre la façade d’un immeuble privé",
            "justices",
            "culture",
            "Le projet concerne un bien privé : la ville ne peut pas le financer.",
            "The project concerns private property: the city cannot fund it.",
        ),
        (
            "Un parking gratuit devant chaque école",
            "roseraie",
            "mobility",
            "Contraire au plan de déplacements ; la consultation sur le stationnement en "
            "tient compte.",
            "Contrary to the travel plan; the parking consultation takes it into account.",
        ),
    ),
    follow_up=(),
)

LAST_YEAR = Edition(
    years_ago=1,
    starts=(-515, -464, -372, -343),
    ends=None,
    ballots=240,
    projects=(
        (
            "B01",
            "Jardins familiaux de Belle-Beille",
            "Family allotments in Belle-Beille",
            120_000,
            "belle-beille",
            "nature",
            "Trente parcelles cultivables avec un abri et un récupérateur d’eau.",
            "Thirty plots with a shed and a rain-water tank.",
        ),
        (
            "B02",
            "Aire de jeux inclusive au jardin du Mail",
            "Inclusive playground at Jardin du Mail",
            210_000,
            "centre",
            "youth",
            "Des jeux accessibles aux enfants en situation de handicap.",
            "Play equipment that children with disabilities can use.",
        ),
        (
            "B03",
            "Piste cyclable de la rue Saint-Léonard",
            "Cycle lane on Rue Saint-Léonard",
            340_000,
            "justices",
            "mobility",
            "Une piste protégée dans les deux sens jusqu’au centre.",
            "A protected two-way lane to the centre.",
        ),
        (
            "B04",
            "Recyclerie de quartier à Monplaisir",
            "Neighbourhood reuse shop in Monplaisir",
            160_000,
            "monplaisir",
            "solidarity",
            "Un lieu pour déposer, réparer et revendre à petit prix.",
            "A place to drop off, repair and resell things cheaply.",
        ),
        (
            "B05",
            "Skatepark de la Roseraie",
            "Roseraie skatepark",
            230_000,
            "roseraie",
            "sport",
            "Un skatepark en béton dessiné avec les jeunes du quartier.",
            "A concrete skatepark designed with the neighbourhood’s young people.",
        ),
        (
            "B06",
            "Boîtes à livres et bancs au bord de la Maine",
            "Book boxes and benches along the Maine",
            40_000,
            "doutre",
            "culture",
            "Six boîtes à livres et des bancs face à la rivière.",
            "Six book boxes and benches facing the river.",
        ),
        (
            "B07",
            "Ruches pédagogiques au Lac de Maine",
            "Teaching beehives at Lac de Maine",
            25_000,
            "lac-de-maine",
            "nature",
            "Des ruches et des ateliers pour les écoles.",
            "Beehives and workshops for schools.",
        ),
        (
            "B08",
            "Salle de sport en accès libre aux Deux-Croix",
            "Free-access gym in Deux-Croix",
            280_000,
            "deux-croix",
            "sport",
            "Des agrès couverts ouverts à tous, avec des créneaux encadrés.",
            "Covered equipment open to all, with coached sessions.",
        ),
    ),
    rejected=(
        (
            "Une piscine olympique à Saint-Serge",
            "saint-serge",
            "sport",
            "Hors de l’enveloppe : le projet relève du plan piscines de l’agglomération.",
            "Beyond the budget: it belongs to the metropolitan swimming-pool plan.",
        ),
        (
            "Supprimer les radars",
            "centre",
            "mobility",
            "Ne relève pas de la compétence de la ville.",
            "Not within the city’s remit.",
        ),
    ),
    follow_up=(
        (
            "in_progress",
            70,
            (
                (
                    330,
                    "Réunion de lancement avec les porteurs du projet",
                    "Kick-off with the project’s authors",
                ),
                (240, "Étude technique et devis validés", "Technical study and quotes approved"),
                (120, "Début des travaux", "Works started"),
                (30, "Pose des équipements", "Equipment being installed"),
            ),
        ),
        (
            "in_progress",
            40,
            (
                (320, "Réunion de lancement", "Kick-off meeting"),
                (150, "Commande des équipements", "Equipment ordered"),
            ),
        ),
        (
            "done",
            100,
            (
                (
                    310,
                    "Choix de l’emplacement avec le conseil de quartier",
                    "Site chosen with the neighbourhood council",
                ),
                (200, "Travaux", "Works"),
                (60, "Inauguration", "Opening"),
            ),
        ),
        (
            "not_started",
            10,
            ((300, "Recherche d’un emplacement", "Looking for a site"),),
        ),
    ),
)

TWO_YEARS_AGO = Edition(
    years_ago=2,
    starts=(-880, -829, -737, -708),
    ends=-20,
    ballots=210,
    projects=(
        (
            "C01",
            "Jardin partagé du Lac de Maine",
            "Shared garden at Lac de Maine",
            60_000,
            "lac-de-maine",
            "nature",
            "Un jardin cultivé par les habitants, avec des bacs surélevés.",
            "A garden run by residents, with raised beds.",
        ),
        (
            "C02",
            "Agrès de fitness à Belle-Beille",
            "Outdoor fitness equipment in Belle-Beille",
            80_000,
            "belle-beille",
            "sport",
            "Des agrès en accès libre le long du parcours de santé.",
            "Free equipment along the fitness trail.",
        ),
        (
            "C03",
            "Éclairage du chemin de halage",
            "Lighting the towpath",
            290_000,
            "doutre",
            "mobility",
            "Un éclairage à détection de présence, respectueux de la faune.",
            "Motion-sensing lights that spare the wildlife.",
        ),
        (
            "C04",
            "Terrain de basket 3×3 à Monplaisir",
            "3×3 basketball court in Monplaisir",
            110_000,
            "monplaisir",
            "sport",
            "Un terrain rénové avec des paniers neufs et un éclairage.",
            "A renovated court with new hoops and lights.",
        ),
        (
            "C05",
            "Fresque participative aux Justices",
            "Community mural in Les Justices",
            35_000,
            "justices",
            "culture",
            "Une fresque peinte avec les habitants et un artiste angevin.",
            "A mural painted with residents and a local artist.",
        ),
        (
            "C06",
            "Tiers-lieu des jeunes aux Hauts-de-Saint-Aubin",
            "Youth hub in Hauts-de-Saint-Aubin",
            420_000,
            "hauts-saint-aubin",
            "youth",
            "Un lieu géré avec les jeunes : studio, salle de jeux, aide aux projets.",
            "A place run with young people: studio, games room, project support.",
        ),
        (
            "C07",
            "Fontaines à eau en centre-ville",
            "Drinking fountains in the town centre",
            70_000,
            "centre",
            "solidarity",
            "Huit fontaines d’eau potable sur les places du centre.",
            "Eight drinking fountains on the central squares.",
        ),
    ),
    rejected=(
        (
            "Un circuit automobile au Lac de Maine",
            "lac-de-maine",
            "sport",
            "Incompatible avec la protection du site naturel.",
            "Incompatible with the protection of the natural site.",
        ),
    ),
    follow_up=(
        (
            "done",
            100,
            (
                (690, "Étude technique", "Technical study"),
                (560, "Début des travaux", "Works started"),
                (420, "Inauguration avec les habitants", "Opening with the residents"),
            ),
        ),
        (
            "done",
            100,
            (
                (680, "Commande passée", "Order placed"),
                (500, "Installation", "Installed"),
            ),
        ),
        (
            "done",
            100,
            (
                (
                    650,
                    "Concertation avec le conseil de quartier",
                    "Talks with the neighbourhood council",
                ),
                (400, "Travaux", "Works"),
                (200, "Projet livré", "Project delivered"),
            ),
        ),
        (
            "done",
            100,
            ((600, "Travaux", "Works"), (300, "Projet livré", "Project delivered")),
        ),
        (
            "done",
            100,
            (
                (500, "Ateliers de peinture", "Painting workshops"),
                (380, "Fresque terminée", "Mural finished"),
            ),
        ),
    ),
)

EDITIONS = (TWO_YEARS_AGO, LAST_YEAR, CURRENT)

#: Ideas' authors: residents of the demo (no password).
AUTHORS = (
    ("Inès Moreau", "idees-1@angers.pnyx.test"),
    ("Thomas Lebrun", "idees-2@angers.pnyx.test"),
    ("Aïcha Diallo", "idees-3@angers.pnyx.test"),
    ("Paul Chevalier", "idees-4@angers.pnyx.test"),
    ("Nathalie Rousseau", "idees-5@angers.pnyx.test"),
    ("Karim Haddad", "idees-6@angers.pnyx.test"),
    ("Léa Fontaine", "idees-7@angers.pnyx.test"),
    ("Jules Bertin", "idees-8@angers.pnyx.test"),
)
