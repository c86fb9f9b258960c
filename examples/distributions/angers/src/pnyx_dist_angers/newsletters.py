"""Newsletters (core notifications): last month's, sent to those who accepted them, and the
next one in draft for staff; the demo resident follows the current edition."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_dist_angers.build import at, text


def seed_newsletters(
    session: Session, today: dt.date, vote: api.Space, resident_email: str
) -> None:
    author = session.scalar(select(api.User).where(api.User.email.like("admin@%")).limit(1))
    sent_at = at(today - dt.timedelta(days=8), 10)
    session.add(
        api.Newsletter(
            subject=text(
                "Budget participatif : le vote ouvre la semaine prochaine",
                "Participatory budget: the vote opens next week",
            ),
            body=text(
                "Les services ont étudié **toutes vos idées** : 10 projets sont soumis au vote, "
                "dans tous les quartiers. Rendez-vous sur la plateforme pour les découvrir.\n\n"
                "Trois consultations sont aussi ouvertes : stationnement, bibliothèques, berges "
                "de la Maine.",
                "The city’s services studied **all your ideas**: 10 projects are put to the "
                "vote, in every neighbourhood. Visit the platform to discover them.\n\n"
                "Three consultations are open too: parking, libraries, the Maine’s banks.",
            ),
            status="sent",
            sent_at=sent_at,
            author_id=author.id if author else None,
            recipients_count=1284,
            sent_count=1284,
        )
    )
    session.add(
        api.Newsletter(
            subject=text("Résultats du vote et suivi des projets", "Vote results and follow-up"),
            body=text(
                "Merci aux milliers d’Angevins qui ont voté ! Découvrez les projets lauréats et "
                "l’avancement des chantiers des éditions précédentes.",
                "Thank you to the thousands of people who voted! Discover the winning projects "
                "and the progress of earlier editions’ works.",
            ),
            author_id=author.id if author else None,
        )
    )
    resident = session.scalar(select(api.User).where(api.User.email == resident_email))
    if resident is not None:
        api.follow(resident, vote)
    session.flush()
