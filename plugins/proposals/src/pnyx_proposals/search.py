"""The site-wide search's answer for proposals (``search_resources``)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from pnyx import api
from pnyx_proposals.models import Proposal
from pnyx_proposals.queries import matches, visible


def search(text: str, limit: int) -> list[api.SearchResult]:
    """Published, visible, not withdrawn proposals matching ``text``, most supported first;
    the core then drops those in spaces the person may not see."""
    query = (
        select(Proposal)
        .where(visible(), Proposal.withdrawn_at.is_(None), matches(text))
        .options(joinedload(Proposal.component).joinedload(api.Component.space))
        .order_by(Proposal.supports_count.desc(), Proposal.id.desc())
        .limit(limit)
    )
    return [
        api.SearchResult(
            kind=api._("Proposals"),
            title=proposal.title,
            url=api.component_url(proposal.component, "show", proposal_id=proposal.id) or "",
            component=proposal.component,
            excerpt=proposal.summary,
            language=proposal.language,
        )
        for proposal in api.db_session().scalars(query)
    ]
