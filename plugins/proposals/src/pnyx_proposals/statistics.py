"""The ``statistics`` hook: proposals and supports, over time and by territory.

Counts what the public lists show (published, not hidden, not merged), for every
proposals component it is given at once; the space page's figures
(:mod:`pnyx_proposals.stats`) read these, counted for one component.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_proposals.models import Proposal, Support
from pnyx_proposals.queries import visible

#: Each figure's label, written once: the statistics pages (these figures) and the space
#: page's box (:mod:`pnyx_proposals.stats`) show the same words.
LABELS = {"proposals.proposals": api._l("Proposals"), "proposals.supports": api._l("Supports")}


def figures(components: list[api.Component], session: Session) -> list[api.statistics.Figure]:
    ids = api.statistics.ids_of(components, "proposals")
    if not ids:
        return []
    shown = (Proposal.component_id.in_(ids), visible(), Proposal.withdrawn_at.is_(None))
    counted = (Proposal.component_id.in_(ids), visible(), Support.counted.is_(True))
    supports = (
        select(func.count()).select_from(Support).join(Proposal, Proposal.id == Support.proposal_id)
    )
    return [
        api.statistics.Figure(
            name="proposals.proposals",
            label=str(LABELS["proposals.proposals"]),
            kind=api.statistics.CONTRIBUTIONS,
            value=session.scalar(select(func.count()).where(*shown)) or 0,
            daily=api.statistics.daily_counts(session, Proposal.published_at, *shown),
            by_territory=api.statistics.territory_counts(session, Proposal.territory_id, *shown),
            people=select(Proposal.author_id).where(*shown, Proposal.author_id.is_not(None)),
        ),
        api.statistics.Figure(
            name="proposals.supports",
            label=str(LABELS["proposals.supports"]),
            kind=api.statistics.SUPPORTS,
            value=session.scalar(supports.where(*counted)) or 0,
            daily=api.statistics.daily_counts(
                session, Support.created_at, Support.proposal_id == Proposal.id, *counted
            ),
            people=select(Support.user_id)
            .join(Proposal, Proposal.id == Support.proposal_id)
            .where(*counted, Support.user_id.is_not(None)),
        ),
    ]
