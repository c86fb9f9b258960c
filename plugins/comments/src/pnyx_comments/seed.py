"""Demo conversations, written when ``pnyx demo`` has seeded every plugin.

The comments plugin owns no records of its own: on the core's
``pnyx.demo_seeded`` event it asks every commentable resource type for its
first visible records (``describe`` on ids 1 to 6) and writes a short
conversation under each: comments for and against, a reply, an official
answer, votes.
"""

from __future__ import annotations

import datetime as dt

from flask import current_app
from sqlalchemy import func, select

from pnyx import api
from pnyx_comments import targets, votes
from pnyx_comments.debates.models import RESOURCE as DEBATE
from pnyx_comments.models import AGAINST, FOR, NEUTRAL, Comment

#: (alignment, French, English) of the demo comments; the demo organization speaks French.
LINES = (
    (FOR, "Excellente idée, le quartier en a besoin depuis longtemps."),
    (AGAINST, "Je doute que le coût soit raisonnable : a-t-on étudié d'autres options ?"),
    (NEUTRAL, "Il faudrait penser à l'accessibilité pour les personnes à mobilité réduite."),
)
REPLY = "Bonne remarque : voir https://www.service-public.fr pour les normes en vigueur."
OFFICIAL = "Merci pour vos contributions : les services étudient le coût et l'accessibilité."


def _types() -> list[str]:
    registry = current_app.extensions["pnyx.plugins"].registry
    return [
        kind.name
        for component_type in registry.component_types.values()
        for kind in component_type.resource_types
        if kind.commentable and kind.load is not None
    ]


def seed_demo_comments() -> int:
    """Write the demo conversations once; returns how many comments were written."""
    session = api.db_session()
    # The debates' own demo has its conversations; other plugins' records get theirs once.
    others = select(func.count()).where(Comment.resource_type != DEBATE)
    if session.scalar(others):
        return 0
    people = list(session.scalars(select(api.User).order_by(api.User.id).limit(4)))
    staff = next((person for person in people if person.is_admin), None)
    residents = [person for person in people if not person.is_admin] or people
    if not residents:
        return 0
    written = 0
    with current_app.test_request_context():
        for resource_type in (kind for kind in _types() if kind != DEBATE):
            for resource_id in range(1, 7):
                target = targets.find(resource_type, resource_id)
                # Only where comments are on (mutual-aid posts start without them).
                if target is not None and targets.enabled(target):
                    written += _conversation(target, residents, staff)
    session.commit()
    return written


def _conversation(target: targets.Target, residents: list[api.User], staff: api.User | None) -> int:
    session = api.db_session()
    written: list[Comment] = []

    def add(author: api.User, body: str, **values: object) -> Comment:
        comment = Comment(
            resource_type=target.resource_type,
            resource_id=target.resource_id,
            component_id=target.component.id,
            author_id=author.id,
            body=body,
            # Written over the past days: the demo people may comment at once (rate limit).
            created_at=api.utcnow() - dt.timedelta(days=7 - len(written), hours=len(written)),
            **values,
        )
        written.append(comment)
        session.add(comment)
        session.flush()
        comment.root_id = comment.root_id or comment.id
        return comment

    first = None
    for index, (alignment, body) in enumerate(LINES):
        comment = add(residents[index % len(residents)], body, alignment=alignment)
        first = first or comment
    assert first is not None
    add(residents[-1], REPLY, parent_id=first.id, root_id=first.id, depth=1)
    if staff is not None:
        add(staff, OFFICIAL, parent_id=first.id, root_id=first.id, depth=1, official=True)
        session.add(votes.Vote(comment_id=first.id, user_id=staff.id, value=1))
        session.flush()
        votes.recount(first.id)
    return len(LINES) + 1 + (1 if staff else 0)
