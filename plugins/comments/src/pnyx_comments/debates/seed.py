"""Demo debates: one open with a conversation, one closed with its conclusion."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_comments.debates.models import Debate
from pnyx_comments.models import AGAINST, FOR, NEUTRAL, Comment

DEMO_AUTHOR_EMAIL = "debats@demo.pnyx.test"

OPEN = {
    "title": {
        "fr": "Faut-il piétonniser le centre-ville le samedi ?",
        "en": "Should the town centre be car-free on Saturdays?",
        "co": "Ci vole à fà u centru pedunale u sabbatu ?",
    },
    "framing": {
        "fr": "Les commerçants craignent une baisse de fréquentation ; les familles demandent "
        "plus d'espace. **Quels avantages, quels risques ?**",
        "en": "Shopkeepers fear fewer customers; families ask for more room. "
        "**What are the benefits, what are the risks?**",
        "co": "I cummercianti temenu menu clienti ; e famiglie dumandanu più spaziu. "
        "**Chì vantaghji, chì risichi ?**",
    },
}
CLOSED = {
    "title": {
        "fr": "Quels horaires pour la médiathèque ?",
        "en": "What opening hours for the media library?",
        "co": "Chì orari per a mediateca ?",
    },
    "framing": {
        "fr": "Ouvrir plus tard en semaine, ou le dimanche matin ?",
        "en": "Open later on weekdays, or on Sunday mornings?",
        "co": "Apre più tardi in settimana, o a dumenica matina ?",
    },
    "conclusion": {
        "fr": "La médiathèque ouvrira jusqu'à 20 h le mercredi et le vendredi dès janvier.",
        "en": "The media library will open until 8 pm on Wednesdays and Fridays from January.",
        "co": "A mediateca sarà aperta sin'à 20 ore u mercuri è u venneri da ghjennaghju.",
    },
}
CONVERSATION = (
    (FOR, "Oui : on respire mieux et les enfants peuvent circuler à vélo."),
    (AGAINST, "Non : les personnes âgées dépendent de leur voiture pour venir au marché."),
    (NEUTRAL, "Pourquoi pas un essai de trois mois, avec des navettes gratuites ?"),
)


def _author(session: Session) -> api.User:
    author = session.scalar(select(api.User).where(api.User.email == DEMO_AUTHOR_EMAIL))
    if author is None:  # signs demo content; nobody signs in with it
        author = api.User(email=DEMO_AUTHOR_EMAIL, name="Lou Voisin", password_hash=None)
        session.add(author)
        session.flush()
    return author


def seed(session: Session, component: api.Component) -> None:
    """Two debates and a conversation (the caller commits)."""
    author = _author(session)
    today = dt.date.today()
    open_debate = Debate(
        component_id=component.id,
        author_id=author.id,
        official=True,
        opens_on=today - dt.timedelta(days=3),
        closes_on=today + dt.timedelta(days=30),
        **OPEN,
    )
    closed = Debate(
        component_id=component.id,
        author_id=author.id,
        official=True,
        closed_at=api.utcnow(),
        **CLOSED,
    )
    session.add_all([open_debate, closed])
    session.flush()
    first = None
    for alignment, body in CONVERSATION:
        comment = Comment(
            resource_type="comments_debate",
            resource_id=open_debate.id,
            component_id=component.id,
            author_id=author.id,
            body=body,
            alignment=alignment,
            created_at=api.utcnow() - dt.timedelta(days=3, hours=len(CONVERSATION) - alignment),
        )
        session.add(comment)
        session.flush()
        comment.root_id = comment.id
        first = first or comment
    assert first is not None
    session.add(
        Comment(
            resource_type="comments_debate",
            resource_id=open_debate.id,
            component_id=component.id,
            author_id=author.id,
            body="Un essai, oui, mais en commençant au printemps.",
            parent_id=first.id,
            root_id=first.id,
            depth=1,
        )
    )
    session.flush()
