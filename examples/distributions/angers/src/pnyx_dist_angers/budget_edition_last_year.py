"""Last year's edition: results published, winners' works in progress."""

from __future__ import annotations

from pnyx_dist_angers.budget_data import Edition

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
            0,
            ((300, "Recherche d’un emplacement", "Looking for a site"),),
        ),
    ),
)
