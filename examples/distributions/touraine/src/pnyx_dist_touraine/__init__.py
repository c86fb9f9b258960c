"""Touraine: two participatory budgets at once, for residents under 18 and for everyone.

The entry point ``touraine`` (group ``pnyx.distributions``) names :data:`distribution`.
This module imports no plugin: the seed's modules do, when ``pnyx seed`` calls them, so
reading the list of installed distributions never loads a plugin that is not enabled.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy.orm import Session

from pnyx import api

HERE = Path(__file__).parent


def seed(session: Session, today: dt.date) -> None:
    """The département, the budget's process and its content (docs/distributions.md)."""
    from pnyx_dist_touraine.content import seed_touraine

    seed_touraine(session, today)


distribution = api.Distribution(
    name="touraine",
    title="Touraine: two participatory budgets (under 18s and everyone)",
    plugins=("proposals", "budgets", "comments"),
    organization=api.DistributionOrganization(
        name={"fr": "Département d’Indre-et-Loire", "en": "Indre-et-Loire département"},
        locales=("fr", "en"),
        default_locale="fr",
        time_zone="Europe/Paris",
        primary_color="#00558c",
        terms={
            "fr": "Le budget participatif est ouvert à toute personne qui habite en "
            "Indre-et-Loire. Le budget des jeunes est réservé aux habitants de 17 ans et moins.",
            "en": "The participatory budget is open to anyone living in Indre-et-Loire. The "
            "youth budget is for residents aged 17 or under.",
        },
    ),
    accounts=(
        api.DemoAccount("lea@touraine.pnyx.test", "touraine-lea-2026", "Léa Moreau"),
        api.DemoAccount("marc@touraine.pnyx.test", "touraine-marc-2026", "Marc Girard"),
        api.DemoAccount("agent@touraine.pnyx.test", "touraine-agent-2026", "Claire Agent", "admin"),
    ),
    seed=seed,
    theme=HERE / "theme",
    hero={
        "title": {"fr": "Votez pour vos projets", "en": "Vote for your projects"},
        "text": {
            "fr": "Deux budgets cette année : 300 000 € décidés par les moins de 18 ans, "
            "1 100 000 € par tous les habitants.",
            "en": "Two budgets this year: €300,000 decided by under-18s, €1,100,000 by "
            "every resident.",
        },
        "button_label": {"fr": "Je vote", "en": "I vote"},
        "button_link": "/spaces/budget-participatif-touraine",
    },
)
