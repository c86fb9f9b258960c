"""Who Angers' instance is: its name, languages, time zone, terms of use and demo accounts.

Plain data, read by the package's ``distribution`` (``__init__.py``): the core creates the
organization and the accounts before the seed runs.
"""

from __future__ import annotations

from pnyx import api

NAME = {"fr": "Ville d’Angers", "en": "City of Angers"}
LOCALES = ("fr", "en")
DEFAULT_LOCALE = "fr"
TIME_ZONE = "Europe/Paris"
#: The theme's wine red; staff may change it in the admin area (the theme's CSS wins).
PRIMARY_COLOR = "#7a1f3d"
TERMS = {
    "fr": "La plateforme « Ensemble, construisons Angers » est ouverte à toute personne qui "
    "habite, travaille ou étudie à Angers.\n\nVos idées, votes et réponses servent uniquement "
    "à la participation. Les contributions sont publiques et signées du nom que vous "
    "choisissez ; la modération masque les contenus injurieux ou hors sujet.",
    "en": "The “Building Angers together” platform is open to anyone who lives, works or "
    "studies in Angers.\n\nYour ideas, votes and answers serve participation only. What you "
    "contribute is public and signed with the name you choose; moderators hide insulting or "
    "off-topic content.",
}
#: Demo accounts, created by the core before the seed: published passwords, never production.
ACCOUNTS = (
    api.DemoAccount("admin@angers.pnyx.test", "angers-admin-2026", "Hélène Services", "admin"),
    api.DemoAccount("habitant@angers.pnyx.test", "angers-habitant-2026", "Mathis Angevin"),
)
RESIDENT = ACCOUNTS[1].email
#: The home page's welcome banner (the core's ``hero`` block).
HERO = {
    "title": {
        "fr": "Budget participatif : à vous de voter",
        "en": "Participatory budget: your vote",
    },
    "text": {
        "fr": "1 million d’euros pour les projets des habitants : le vote est ouvert.",
        "en": "One million euros for residents’ projects: the vote is open.",
    },
    "button_label": {"fr": "Je vote", "en": "I vote"},
    "button_link": "/spaces/budget-participatif",
}

ORGANIZATION = api.DistributionOrganization(
    name=NAME,
    locales=LOCALES,
    default_locale=DEFAULT_LOCALE,
    time_zone=TIME_ZONE,
    primary_color=PRIMARY_COLOR,
    terms=TERMS,
)
