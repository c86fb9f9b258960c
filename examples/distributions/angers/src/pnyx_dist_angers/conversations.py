"""Comments under the current edition's ideas (for, against, a reply, the city's official
answer), residents who supported them, and verified birth dates, so staff's statistics show
the participants' age groups (docs/statistics.md: groups under 10 people stay hidden)."""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_comments.models import AGAINST, FOR, NEUTRAL, Comment
from pnyx_dist_angers.build import person
from pnyx_proposals.models import RESOURCE, Proposal, Support

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


FIRST_NAMES = (
    "Manon",
    "Hugo",
    "Chloé",
    "Louis",
    "Emma",
    "Nathan",
    "Jade",
    "Gabriel",
    "Louise",
    "Arthur",
    "Zoé",
    "Rayan",
    "Lina",
    "Adam",
    "Sarah",
    "Yanis",
    "Anaïs",
    "Mehdi",
    "Julie",
    "Romain",
)
LAST_NAMES = ("Girard", "Morel", "Fournier", "Lambert", "Bonnet", "Rousseau", "Blanc", "Guérin")
#: Ages of the residents who supported this year's ideas: enough people in most age groups
#: for staff's table to show counts (a group of fewer than ten stays "fewer than 10").
SUPPORTER_AGES = (16, 24, 38, 52, 67, 79)


def seed_supporters(session: Session, ideas: api.Component) -> list[api.User]:
    """Sixty residents who supported some of this year's ideas."""
    pick = random.Random(4900)
    proposals = list(session.scalars(select(Proposal).where(Proposal.component_id == ideas.id)))
    supporters = []
    for number in range(60):
        name = f"{FIRST_NAMES[number % 20]} {LAST_NAMES[number % 8]}"
        resident = person(session, f"soutien-{number}@angers.pnyx.test", name)
        for proposal in pick.sample(proposals, 2):
            session.add(
                Support(proposal_id=proposal.id, component_id=ideas.id, user_id=resident.id)
            )
            proposal.supports_count += 1
        supporters.append(resident)
    session.flush()
    return supporters


def seed_birth_dates(session: Session, people: list[api.User], today: dt.date) -> None:
    """Verified birth dates (the core's ``birth_date`` check) spread over the age groups."""
    pick = random.Random(49)
    for number, resident in enumerate(people):
        age = SUPPORTER_AGES[number % len(SUPPORTER_AGES)] + pick.randint(0, 5)
        born = today.replace(year=today.year - age) - dt.timedelta(days=pick.randint(1, 300))
        api.verification.grant(session, resident, "birth_date", {"birth_date": born.isoformat()})
