"""The edition of two years ago: results published, most works finished."""

from __future__ import annotations

from pnyx_dist_angers.budget_data import Edition

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
