"""Per-article figures of the reading page, one grouped query per list."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select

from pnyx import api
from pnyx_proposals.amendments.models import WITHDRAWN, Amendment


def amendments(proposal_ids: Iterable[int]) -> dict[int, int]:
    """``{proposal id: amendments}`` for the articles' proposals (withdrawn ones left out;
    ids without any are absent: read ``counts.get(id, 0)``)."""
    ids = list(proposal_ids)
    if not ids:
        return {}
    query = (
        select(Amendment.proposal_id, func.count())
        .where(Amendment.proposal_id.in_(ids), Amendment.state != WITHDRAWN)
        .group_by(Amendment.proposal_id)
    )
    return {proposal_id: count for proposal_id, count in api.db_session().execute(query).all()}
