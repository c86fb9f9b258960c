"""The demo's content: a Touraine-like participatory budget (Indre-et-Loire).

Two budgets open at once, as Touraine ran them: one for residents aged 17 or
under (300 000 €), one for everyone (1 100 000 €); every project tied to a
commune. Amounts are in euros here, stored in cents.
"""

from __future__ import annotations

DEPARTMENT = ("37", "Indre-et-Loire")
#: INSEE code, name.
COMMUNES = (
    ("37261", "Tours"),
    ("37018", "Amboise"),
    ("37063", "Chinon"),
    ("37132", "Loches"),
    ("37122", "Joué-lès-Tours"),
    ("37031", "Bourgueil"),
)
#: code, French, English.
THEMES = (
    ("environment", "Environnement", "Environment"),
    ("mobility", "Mobilité", "Mobility"),
    ("sport", "Sport", "Sport"),
    ("culture", "Culture", "Culture"),
    ("solidarity", "Solidarité", "Solidarity"),
)

YOUTH = {
    "title": {"fr": "Budget des jeunes (17 ans et moins)", "en": "Youth budget (17 and under)"},
    "description": {
        "fr": "Réservé aux habitants de 17 ans et moins : choisissez les projets à financer.",
        "en": "For residents aged 17 or under: choose the projects to fund.",
    },
    "amount": 300_000,
    "rule": "greedy",
}
EVERYONE = {
    "title": {"fr": "Budget pour tous", "en": "Budget for everyone"},
    "description": {
        "fr": "Ouvert à tous les habitants du département.",
        "en": "Open to every resident of the département.",
    },
    "amount": 1_100_000,
    "rule": "mes-add1",
}
PAST = {
    "title": {"fr": "Budget participatif 2025", "en": "Participatory budget 2025"},
    "description": {
        "fr": "L'édition précédente : résultats publiés et suivi des projets lauréats.",
        "en": "Last year's edition: published results and follow-up of the winning projects.",
    },
    "amount": 600_000,
    "rule": "mes-add1",
}

#: code, French title, English title, cost in euros, commune code, theme codes, address.
YOUTH_PROJECTS = (
    (
        "J01",
        "Skatepark des Deux-Lions",
        "Deux-Lions skatepark",
        95_000,
        "37261",
        "sport",
        "Allée Ferdinand-de-Lesseps, Tours",
    ),
    (
        "J02",
        "Studio de musique au collège",
        "Music studio at the school",
        40_000,
        "37018",
        "culture",
        "Collège Malraux, Amboise",
    ),
    (
        "J03",
        "Terrain multisport",
        "Multi-sport pitch",
        80_000,
        "37063",
        "sport",
        "Quai Jeanne-d'Arc, Chinon",
    ),
    (
        "J04",
        "Atelier vélo solidaire",
        "Community bike workshop",
        25_000,
        "37122",
        "mobility,solidarity",
        "Rue de Chantepie, Joué-lès-Tours",
    ),
    (
        "J05",
        "Mur d'escalade",
        "Climbing wall",
        60_000,
        "37132",
        "sport",
        "Gymnase municipal, Loches",
    ),
    (
        "J06",
        "Festival des jeunes talents",
        "Young talents festival",
        30_000,
        "37031",
        "culture",
        "Place de l'Église, Bourgueil",
    ),
    (
        "J07",
        "Potager au lycée",
        "School vegetable garden",
        15_000,
        "37261",
        "environment",
        "Lycée Grandmont, Tours",
    ),
    (
        "J08",
        "Espace jeux vidéo à la médiathèque",
        "Video games corner at the library",
        20_000,
        "37018",
        "culture",
        "Médiathèque, Amboise",
    ),
)
EVERYONE_PROJECTS = (
    (
        "T01",
        "Piste cyclable le long de la Loire",
        "Cycle path along the Loire",
        350_000,
        "37261",
        "mobility",
        "Quai Paul-Bert, Tours",
    ),
    (
        "T02",
        "Rénovation du lavoir",
        "Restoring the wash house",
        60_000,
        "37063",
        "culture",
        "Rue du Lavoir, Chinon",
    ),
    (
        "T03",
        "Jardins partagés",
        "Community gardens",
        45_000,
        "37122",
        "environment,solidarity",
        "Parc de la Rabière, Joué-lès-Tours",
    ),
    (
        "T04",
        "Navette électrique du centre",
        "Electric town-centre shuttle",
        280_000,
        "37132",
        "mobility",
        "Place du Marché, Loches",
    ),
    (
        "T05",
        "Bancs et ombrages place du Château",
        "Benches and shade at the castle square",
        70_000,
        "37018",
        "environment",
        "Place du Château, Amboise",
    ),
    (
        "T06",
        "Épicerie solidaire",
        "Community grocery",
        120_000,
        "37261",
        "solidarity",
        "Rue Colbert, Tours",
    ),
    (
        "T07",
        "Verger communal",
        "Community orchard",
        35_000,
        "37031",
        "environment",
        "Chemin des Vignes, Bourgueil",
    ),
    (
        "T08",
        "Salle de spectacle rénovée",
        "Renovated performance hall",
        400_000,
        "37063",
        "culture",
        "Espace Rabelais, Chinon",
    ),
    (
        "T09",
        "Abris vélos sécurisés à la gare",
        "Secure bike shelters at the station",
        90_000,
        "37122",
        "mobility",
        "Gare, Joué-lès-Tours",
    ),
    (
        "T10",
        "Fontaines à eau potable",
        "Drinking-water fountains",
        55_000,
        "37132",
        "environment",
        "Centre-ville, Loches",
    ),
    (
        "T11",
        "Maison des associations",
        "Community associations house",
        250_000,
        "37018",
        "solidarity,culture",
        "Rue Nationale, Amboise",
    ),
    (
        "T12",
        "Éclairage solaire des chemins",
        "Solar lighting of footpaths",
        150_000,
        "37031",
        "environment,mobility",
        "Bourgueil",
    ),
)
PAST_PROJECTS = (
    (
        "P01",
        "Boîtes à livres",
        "Book boxes",
        12_000,
        "37261",
        "culture",
        "Plusieurs quartiers, Tours",
    ),
    (
        "P02",
        "Aire de jeux inclusive",
        "Inclusive playground",
        140_000,
        "37122",
        "solidarity",
        "Parc de la Bergeonnerie, Joué-lès-Tours",
    ),
    (
        "P03",
        "Composteurs collectifs",
        "Shared composters",
        30_000,
        "37018",
        "environment",
        "Amboise",
    ),
    ("P04", "Passerelle piétonne", "Footbridge", 300_000, "37063", "mobility", "Vienne, Chinon"),
    (
        "P05",
        "Ruches en ville",
        "Urban beehives",
        18_000,
        "37132",
        "environment",
        "Jardin public, Loches",
    ),
    (
        "P06",
        "Fresque murale participative",
        "Community mural",
        25_000,
        "37031",
        "culture",
        "Salle des fêtes, Bourgueil",
    ),
    ("P07", "Parcours sportif", "Fitness trail", 90_000, "37261", "sport", "Bords du Cher, Tours"),
)
#: Follow-up of the 2025 winners: status, progress, timeline (days ago, French, English).
PAST_FOLLOW_UP = (
    (
        "in_progress",
        60,
        (
            (120, "Étude technique terminée", "Technical study completed"),
            (40, "Début des travaux", "Works started"),
        ),
    ),
    ("done", 100, ((200, "Commande passée", "Order placed"), (90, "Inauguration", "Opening"))),
    ("not_started", 0, ((30, "Choix du prestataire en cours", "Choosing the contractor"),)),
)
