"""The latest proposals of the open spaces, for the home page's slot."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import contains_eager

from pnyx import api
from pnyx_proposals.models import Proposal
from pnyx_proposals.queries import visible


def latest_proposals(limit: int = 5) -> list[Proposal]:
    """Newest visible proposals of published components in published, public spaces
    (one query: component and space come joined)."""
    query = (
        select(Proposal)
        .join(Proposal.component)
        .join(api.Component.space)
        .where(
            visible(),
            Proposal.withdrawn_at.is_(None),
            api.Component.published.is_(True),
            api.Space.published.is_(True),
            api.Space.private.is_(False),
        )
        .options(contains_eager(Proposal.component).contains_eager(api.Component.space))
        .order_by(Proposal.published_at.desc(), Proposal.id.desc())
        .limit(limit)
    )
    return list(api.db_session().scalars(query))
