"""What a person did in proposals, for "My activity" and their public profile (issue 19):
proposals they published (public, when the proposal and its place are), supports (private)."""

from __future__ import annotations

from typing import Any

from flask import current_app, has_request_context
from sqlalchemy import Select, select

from pnyx import api
from pnyx_proposals.models import Proposal, Support


def _public_place(query: Select[Any]) -> Select[Any]:
    return (
        query.join(api.Component, api.Component.id == Proposal.component_id)
        .join(api.Space, api.Space.id == api.Component.space_id)
        .where(api.Component.published, api.Space.published, api.Space.private.is_(False))
    )


def _path(proposal: Proposal) -> str:
    if has_request_context():
        return api.component_url(proposal.component, "show", proposal_id=proposal.id) or ""
    with current_app.test_request_context():
        return api.component_url(proposal.component, "show", proposal_id=proposal.id) or ""


def user_activity(user: api.User, public: bool, limit: int) -> list[api.ActivityItem]:
    session = api.db_session()
    mine = select(Proposal).where(
        Proposal.author_id == user.id,
        Proposal.published_at.is_not(None),
        Proposal.hidden_at.is_(None),
    )
    if public:
        mine = _public_place(mine)
    items = [
        api.ActivityItem(
            api._("Proposed"), p.title, _path(p), p.published_at, public=True, language=p.language
        )
        for p in session.scalars(mine.order_by(Proposal.published_at.desc()).limit(limit))
        if p.published_at is not None
    ]
    if not public:
        supported = (
            select(Support.created_at, Proposal)
            .join(Proposal, Proposal.id == Support.proposal_id)
            .where(Support.user_id == user.id)
            .order_by(Support.created_at.desc())
            .limit(limit)
        )
        items += [
            api.ActivityItem(api._("Supported"), p.title, _path(p), when, language=p.language)
            for when, p in session.execute(supported)
        ]
    return items
