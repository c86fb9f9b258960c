"""Participation figures of one component: the space page's, per territory and theme.

Proposals, supports and participants are counted once, by the ``statistics`` hook
(:mod:`pnyx_proposals.statistics`); the space page reads them for the component alone.
Hidden and merged proposals do not count, nor do their supports.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_proposals.models import Proposal, proposal_themes
from pnyx_proposals.queries import visible
from pnyx_proposals.statistics import LABELS, figures


def _shown(component: api.Component) -> list[object]:
    return [Proposal.component_id == component.id, visible()]


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
    api.StatDefinition(
        "proposals_proposals",
        LABELS["proposals.proposals"],
        api.statistics.figure_value(figures, "proposals.proposals"),
    ),
    api.StatDefinition(
        "proposals_supports",
        LABELS["proposals.supports"],
        api.statistics.figure_value(figures, "proposals.supports"),
    ),
    api.StatDefinition(
        "proposals_participants", api._l("Participants"), api.statistics.participants_value(figures)
    ),
)
