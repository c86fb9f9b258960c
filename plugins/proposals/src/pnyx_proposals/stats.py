"""Participation figures: proposals, supports, participants, per territory and theme.

Hidden and merged proposals do not count, nor do their supports.
"""

from __future__ import annotations

from sqlalchemy import func, select, union
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_proposals.models import Proposal, Support, proposal_themes
from pnyx_proposals.queries import visible


def _shown(component: api.Component) -> list[object]:
    return [Proposal.component_id == component.id, visible()]


def proposals_count(session: Session, component: api.Component) -> int:
    query = select(func.count()).where(*_shown(component), Proposal.withdrawn_at.is_(None))
    return session.scalar(query) or 0


def supports_count(session: Session, component: api.Component) -> int:
    query = (
        select(func.count())
        .select_from(Support)
        .join(Proposal, Proposal.id == Support.proposal_id)
        .where(*_shown(component), Support.counted.is_(True))
    )
    return session.scalar(query) or 0


def participants_count(session: Session, component: api.Component) -> int:
    """People who published a proposal or supported one (each counted once)."""
    authors = select(Proposal.author_id.label("person")).where(
        *_shown(component), Proposal.author_id.is_not(None)
    )
    supporters = (
        select(Support.user_id.label("person"))
        .join(Proposal, Proposal.id == Support.proposal_id)
        .where(*_shown(component), Support.user_id.is_not(None))
    )
    people = union(authors, supporters).subquery()
    return session.scalar(select(func.count()).select_from(people)) or 0


def by_territory(session: Session, component: api.Component) -> list[tuple[int | None, int, int]]:
    """``(territory id, proposals, supports)``, most proposals first."""
    query = (
        select(
            Proposal.territory_id, func.count(), func.coalesce(func.sum(Proposal.supports_count), 0)
        )
        .where(*_shown(component))
        .group_by(Proposal.territory_id)
        .order_by(func.count().desc())
    )
    return [(row[0], row[1], int(row[2])) for row in session.execute(query)]


def by_theme(session: Session, component: api.Component) -> list[tuple[int, int, int]]:
    """``(theme id, proposals, supports)``, most proposals first."""
    query = (
        select(
            proposal_themes.c.term_id,
            func.count(),
            func.coalesce(func.sum(Proposal.supports_count), 0),
        )
        .join(Proposal, Proposal.id == proposal_themes.c.proposal_id)
        .where(*_shown(component))
        .group_by(proposal_themes.c.term_id)
        .order_by(func.count().desc())
    )
    return [(row[0], row[1], int(row[2])) for row in session.execute(query)]


STATS = (
    api.StatDefinition("proposals_proposals", api._l("Proposals"), proposals_count),
    api.StatDefinition("proposals_supports", api._l("Supports"), supports_count),
    api.StatDefinition("proposals_participants", api._l("Participants"), participants_count),
)
