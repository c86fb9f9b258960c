"""Who Changer Lyon's instance is: a citizens' platform for Lyon, in French and English.

Plain data, read by the package's ``distribution`` (``__init__.py``).
"""

from __future__ import annotations

from pnyx import api

NAME = {"fr": "Changer Lyon", "en": "Changer Lyon"}
LOCALES = ("fr", "en")
DEFAULT_LOCALE = "fr"
TIME_ZONE = "Europe/Paris"
#: The theme's deep green; staff may change it in the admin area (the theme's CSS wins).
PRIMARY_COLOR = "#1f5f3f"
TERMS = {
    "fr": "Changer Lyon réunit les Lyonnaises et les Lyonnais en assemblées citoyennes "
    "thématiques. Chacun peut lire, débattre, participer aux ateliers et proposer.\n\nLes "
    "contributions sont publiques et signées du nom choisi ; la modération masque les propos "
    "injurieux.",
    "en": "Changer Lyon brings the people of Lyon together in thematic citizens’ assemblies. "
    "Everyone may read, debate, join the workshops and propose.\n\nContributions are public "
    "and signed with the name you choose; moderators hide insulting content.",
}
#: Demo accounts, created by the core before the seed: published passwords, never production.
ACCOUNTS = (
    api.DemoAccount(
        "admin@changerlyon.pnyx.test", "lyon-admin-2026", "Sandrine Animatrice", "admin"
    ),
    api.DemoAccount("habitant@changerlyon.pnyx.test", "lyon-habitant-2026", "Nicolas Croix-Rousse"),
)
RESIDENT = ACCOUNTS[1].email
HERO = {
    "title": {"fr": "Changeons Lyon, ensemble", "en": "Let’s change Lyon, together"},
    "text": {
        "fr": "Des assemblées citoyennes par thème, des ateliers, des débats, et l’Appel à "
        "Changer Lyon que chacun peut amender.",
        "en": "Citizens’ assemblies by theme, workshops, debates, and the Call to change Lyon "
        "that everyone may amend.",
    },
    "button_label": {"fr": "Lire l’Appel", "en": "Read the Call"},
    "button_link": "/spaces/appel-a-changer-lyon",
}

ORGANIZATION = api.DistributionOrganization(
    name=NAME,
    locales=LOCALES,
    default_locale=DEFAULT_LOCALE,
    time_zone=TIME_ZONE,
    primary_color=PRIMARY_COLOR,
    terms=TERMS,
)
