"""Comments under the current edition's ideas (for, against, a reply, the city's official
answer), and verified birth dates for the idea authors, so staff's statistics show the
participants' age groups (docs/statistics.md: groups under 10 people stay hidden)."""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_comments.models import AGAINST, FOR, NEUTRAL, Comment
from pnyx_proposals.models import RESOURCE, Proposal

LINES = (
    (FOR, "Enfin ! L’été dernier la place était invivable l’après-midi."),
    (AGAINST, "Et l’entretien des brumisateurs, qui le paiera ? Il faudrait le chiffrer."),
    (NEUTRAL, "Penser aux bancs avec accoudoirs pour les personnes âgées."),
)
REPLY = "Les services ont inclus l’entretien sur cinq ans dans le coût estimé."
OFFICIAL = (
    "Merci pour vos remarques : elles seront transmises au bureau d’études si le projet est retenu."
)


def seed_conversations(session: Session, ideas: api.Component, people: list[api.User]) -> None:
    staff = session.scalar(select(api.User).where(api.User.email.like("admin@%")).limit(1))
    first_ideas = session.scalars(
        select(Proposal).where(Proposal.component_id == ideas.id).order_by(Proposal.id).limit(2)
    )
    for proposal in first_ideas:
        _conversation(session, ideas, proposal, people, staff)


def _conversation(
    session: Session,
    ideas: api.Component,
    proposal: Proposal,
    people: list[api.User],
    staff: api.User | None,
) -> None:
    written: list[Comment] = []

    def add(author: api.User, body: str, **values: object) -> Comment:
        comment = Comment(
            resource_type=RESOURCE,
            resource_id=proposal.id,
            component_id=ideas.id,
            author_id=author.id,
            body=body,
            created_at=api.utcnow() - dt.timedelta(days=6 - len(written)),
            **values,
        )
        written.append(comment)
        session.add(comment)
        session.flush()
        comment.root_id = comment.root_id or comment.id
        return comment

    first = None
    for number, (alignment, body) in enumerate(LINES):
        comment = add(people[number], body, alignment=alignment)
        first = first or comment
    assert first is not None
    add(people[3], REPLY, parent_id=first.id, root_id=first.id, depth=1)
    if staff is not None:
        add(staff, OFFICIAL, parent_id=first.id, root_id=first.id, depth=1, official=True)


def seed_birth_dates(session: Session, people: list[api.User], today: dt.date) -> None:
    """Verified birth dates (the core's ``birth_date`` check) spread over the age groups."""
    pick = random.Random(49)
    for person in people:
        age = pick.randint(16, 82)
        born = today.replace(year=today.year - age) - dt.timedelta(days=pick.randint(1, 300))
        api.verification.grant(session, person, "birth_date", {"birth_date": born.isoformat()})
