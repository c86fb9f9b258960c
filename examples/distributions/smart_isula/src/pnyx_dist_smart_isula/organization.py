"""Who Smart Isula's instance is: the Collectivité de Corse, in French and Corsican.

Plain data, read by the package's ``distribution`` (``__init__.py``).
"""

from __future__ import annotations

from pnyx import api

NAME = {"fr": "Collectivité de Corse", "co": "Cullettività di Corsica"}
#: French first (the default), Corsican everywhere: interface and content.
LOCALES = ("fr", "co")
DEFAULT_LOCALE = "fr"
TIME_ZONE = "Europe/Paris"
#: The theme's sea blue; staff may change it in the admin area (the theme's CSS wins).
PRIMARY_COLOR = "#0b5a7a"
TERMS = {
    "fr": "Smart Isula est la plateforme de co-construction de la Collectivité de Corse. "
    "Habitants, associations, entreprises et organismes publics y proposent, débattent et "
    "suivent les projets, en français et en corse.\n\nLes contributions sont publiques et "
    "signées du nom choisi, ou de celui de l’organisation pour laquelle vous agissez.",
    "co": "Smart Isula hè a piattaforma di cuncustruzzione di a Cullettività di Corsica. "
    "Abitanti, associ, imprese è urganismi publichi ci prupunenu, dibattenu è seguitanu i "
    "prughjetti, in francese è in corsu.\n\nE cuntribuzioni sò publiche è firmate cù u nome "
    "sceltu, o cù quellu di l’urganizazione per a quale voi agite.",
}
#: Demo accounts, created by the core before the seed: published passwords, never production.
ACCOUNTS = (
    api.DemoAccount(
        "admin@smartisula.pnyx.test", "isula-admin-2026", "Ghjuvan Petru Agenti", "admin"
    ),
    api.DemoAccount("maria@smartisula.pnyx.test", "isula-maria-2026", "Maria Santucci"),
)
RESIDENT = ACCOUNTS[1].email
HERO = {
    "title": {
        "fr": "Construisons ensemble l’île de demain",
        "co": "Custruimu inseme l’isula di dumane",
    },
    "text": {
        "fr": "Habitants, associations, entreprises et communes : proposez, débattez, "
        "participez aux réunions, en français ou en corse.",
        "co": "Abitanti, associ, imprese è cumune : prupunite, dibattite, participate à e "
        "riunione, in francese o in corsu.",
    },
    "button_label": {"fr": "Je propose", "co": "Prupongu"},
    "button_link": "/spaces/smart-isula",
}

ORGANIZATION = api.DistributionOrganization(
    name=NAME,
    locales=LOCALES,
    default_locale=DEFAULT_LOCALE,
    time_zone=TIME_ZONE,
    primary_color=PRIMARY_COLOR,
    terms=TERMS,
)
