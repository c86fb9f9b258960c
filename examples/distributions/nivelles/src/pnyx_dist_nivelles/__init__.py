"""Nivelles: a consultation on how the communal administration receives residents.

Documents to read, a questionnaire answered online or on paper (staff enter the paper
opinions through assisted participation), suggestions residents support, and results public
while the consultation runs. The entry point ``nivelles`` names :data:`distribution`; the seed's
modules import the plugins, when ``pnyx seed`` calls them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy.orm import Session

from pnyx import api

HERE = Path(__file__).parent


def seed(session: Session, today: dt.date) -> None:
    """The consultation's space, its documents, questionnaire and suggestions."""
    from pnyx_dist_nivelles.content import seed_nivelles

    seed_nivelles(session, today)


distribution = api.Distribution(
    name="nivelles",
    title="Nivelles: a consultation on the reception of residents, online and on paper",
    plugins=("pages", "surveys", "proposals", "comments"),
    organization=api.DistributionOrganization(
        name={"fr": "Ville de Nivelles", "en": "City of Nivelles"},
        # Belgian French is French here: the interface has one French (see README.md).
        locales=("fr", "en"),
        default_locale="fr",
        time_zone="Europe/Brussels",
        primary_color="#8c1d18",
        terms={
            "fr": "La plateforme de participation de la Ville de Nivelles est ouverte à toute "
            "personne qui habite, travaille ou étudie à Nivelles.\n\nVos contributions sont "
            "publiques et signées du nom que vous choisissez. Vos données personnelles ne "
            "servent qu’à la participation (RGPD).",
            "en": "The City of Nivelles' participation platform is open to anyone who lives, "
            "works or studies in Nivelles.\n\nWhat you contribute is public and signed with the "
            "name you choose. Your personal data serve participation only (GDPR).",
        },
    ),
    accounts=(
        api.DemoAccount("sophie@nivelles.pnyx.test", "nivelles-sophie-2026", "Sophie Lambert"),
        api.DemoAccount(
            "accueil@nivelles.pnyx.test",
            "nivelles-accueil-2026",
            "Nathalie Dubois (service Accueil)",
            "user_manager",
        ),
        api.DemoAccount("agent@nivelles.pnyx.test", "nivelles-agent-2026", "Marc Renard", "admin"),
    ),
    seed=seed,
    theme=HERE / "theme",
    hero={
        "title": {
            "fr": "Comment être mieux accueilli à l’administration communale\u202f?",
            "en": "How could the communal administration welcome you better?",
        },
        "text": {
            "fr": "Lisez les documents, répondez au questionnaire en ligne ou sur papier au "
            "guichet de l’Hôtel de Ville, et suivez les résultats en direct.",
            "en": "Read the documents, answer the questionnaire online or on paper at the "
            "Town Hall's desk, and follow the results as they come.",
        },
        "button_label": {"fr": "Je donne mon avis", "en": "I give my opinion"},
        "button_link": "/spaces/accueil-services-communaux",
    },
)
