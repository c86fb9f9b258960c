"""Residents discussing a few proposals before the vote, with one official answer each.

Comments are content, in French as residents wrote them. Each row: the project code the
proposal became, then ``(alignment, text)`` of the comments, the official answer last.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api

CONVERSATIONS = {
    "J01": (
        (1, "Trop bien ! Et si on ajoutait un bowl pour les trottinettes ?"),
        (-1, "Il faudrait l'éloigner des immeubles, le bruit des planches porte loin."),
        (0, "Le service Jeunesse a prévu une réunion avec les riverains sur l'emplacement."),
    ),
    "T01": (
        (1, "Je fais Montlouis-Tours tous les jours à vélo : ce tronçon est dangereux."),
        (1, "Ce serait aussi un atout pour la Loire à Vélo et les touristes."),
        (0, "La piste suivrait la levée : le Département en est propriétaire, c'est faisable."),
    ),
    "T04": (
        (0, "La navette passerait-elle aussi par l'hôpital ?"),
        (0, "Oui : le tracé étudié dessert l'hôpital, le marché et la cité royale."),
    ),
}


def seed_conversations(session: Session, proposals: dict[str, int], staff_email: str) -> None:
    """The comments under the proposals that became ``CONVERSATIONS``' projects: residents
    first, then the département's official answer as a reply to the first comment."""
    from pnyx_comments.models import Comment
    from pnyx_proposals.models import Proposal

    people = list(
        session.scalars(
            select(api.User).where(api.User.email.like("habitant-%")).order_by(api.User.id)
        )
    )
    staff = session.scalar(select(api.User).where(api.User.email == staff_email))
    assert staff is not None, f"{staff_email} is a Distribution.accounts account"
    now = api.utcnow()
    for number, (code, lines) in enumerate(CONVERSATIONS.items()):
        proposal = session.get(Proposal, proposals[code])
        assert proposal is not None
        *said, answer = lines
        first = None
        for position, (alignment, text) in enumerate(said):
            comment = Comment(
                resource_type="proposals_proposal",
                resource_id=proposal.id,
                component_id=proposal.component_id,
                author_id=people[(number * 3 + position) % len(people)].id,
                body=text,
                alignment=alignment,
                created_at=now - dt.timedelta(days=50 - 2 * position, hours=number),
            )
            session.add(comment)
            session.flush()
            comment.root_id = comment.id
            first = first or comment
        assert first is not None
        session.add(
            Comment(
                resource_type="proposals_proposal",
                resource_id=proposal.id,
                component_id=proposal.component_id,
                author_id=staff.id,
                body=answer[1],
                official=True,
                parent_id=first.id,
                root_id=first.id,
                depth=1,
                created_at=now - dt.timedelta(days=40, hours=number),
            )
        )
    session.flush()
