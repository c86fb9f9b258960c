"""A proposal's life as its author sees it: draft, publish, edit, withdraw.

Each function changes the proposal, logs the change and publishes the event
in the caller's transaction; the caller commits. Limits are checked under
the person's lock (:mod:`pnyx_proposals.locks`).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_proposals.forms import ProposalData
from pnyx_proposals.locks import lock_participant
from pnyx_proposals.markdown import plain_text
from pnyx_proposals.models import Proposal
from pnyx_proposals.settings import settings_of


class LimitReachedError(Exception):
    """The person already has as many published proposals as the component allows."""


def create(
    session: Session, component: api.Component, author: api.User, data: ProposalData
) -> Proposal:
    """A new draft by ``author``."""
    proposal = Proposal(component_id=component.id, author_id=author.id, title="", body="")
    proposal.component = component
    apply(session, proposal, data)
    # On behalf of an organization: the group is shown as author, the log keeps the person.
    proposal.user_group_id = data.user_group_id
    session.add(proposal)
    session.flush()
    api.log_action(
        session,
        "proposals.draft_created",
        resource=proposal.resource,
        component=component,
        visibility="private",
        extra={"user_group_id": data.user_group_id} if data.user_group_id else None,
    )
    return proposal


def apply(session: Session, proposal: Proposal, data: ProposalData) -> None:
    """Copy a form's values onto ``proposal`` (themes included)."""
    proposal.title = data.title
    proposal.body = data.body
    proposal.language = data.language
    proposal.summary = plain_text(data.body)
    proposal.territory_id = data.territory_id
    proposal.address = data.address
    proposal.updated_at = api.utcnow()
    wanted = set(data.theme_ids)
    if {theme.id for theme in proposal.themes} != wanted:
        query = select(api.TaxonomyTerm).where(api.TaxonomyTerm.id.in_(wanted))
        proposal.themes = list(session.scalars(query)) if wanted else []


def update(session: Session, proposal: Proposal, data: ProposalData) -> None:
    apply(session, proposal, data)
    # A new version: an amendment accepted from a page read before this edit is refused.
    proposal.version = Proposal.version + 1  # type: ignore[assignment]
    visibility = "private" if proposal.is_draft else "public"
    api.log_action(
        session,
        "proposals.updated",
        resource=proposal.resource,
        component=proposal.component,
        visibility=visibility,
    )


def published_count(session: Session, component_id: int, author_id: int) -> int:
    """Published proposals of the person in the component (withdrawn ones do not count)."""
    query = select(func.count()).where(
        Proposal.component_id == component_id,
        Proposal.author_id == author_id,
        Proposal.published_at.is_not(None),
        Proposal.withdrawn_at.is_(None),
    )
    return session.scalar(query) or 0


def publish(session: Session, proposal: Proposal) -> None:
    """Publish a draft, within the per-person limit; raises :class:`LimitReachedError`."""
    component = proposal.component
    assert proposal.author_id is not None
    lock_participant(session, component.id, proposal.author_id)
    limit = settings_of(component).get("proposal_limit")
    if limit and published_count(session, component.id, proposal.author_id) >= limit:
        raise LimitReachedError
    proposal.published_at = api.utcnow()
    api.log_action(
        session,
        "proposals.published",
        resource=proposal.resource,
        component=component,
        visibility="public",
    )
    api.publish_event(
        session, "proposals.published", _payload(proposal), actor_id=proposal.author_id
    )
    # Authors follow what they publish (unless they said no on their preferences page).
    if proposal.author is not None:
        api.follow(proposal.author, proposal.resource, component=component, reason="author")


def editable(proposal: Proposal, now: dt.datetime | None = None) -> bool:
    """Drafts always; a published proposal within the edit window, until it is answered."""
    if proposal.is_draft:
        return True
    if proposal.is_withdrawn or proposal.hidden_at or proposal.answer_published_at:
        return False
    minutes = settings_of(proposal.component).get("edit_window_minutes") or 0
    assert proposal.published_at is not None
    deadline = proposal.published_at + dt.timedelta(minutes=minutes)
    return (now or api.utcnow()) <= deadline


def withdraw(session: Session, proposal: Proposal) -> None:
    """The author takes a published proposal back: it can no longer be supported."""
    proposal.withdrawn_at = api.utcnow()
    api.log_action(
        session,
        "proposals.withdrawn",
        resource=proposal.resource,
        component=proposal.component,
        visibility="public",
    )
    api.publish_event(
        session, "proposals.withdrawn", _payload(proposal), actor_id=proposal.author_id
    )


def discard(session: Session, proposal: Proposal) -> None:
    """Delete a draft (it was never public)."""
    api.log_action(
        session,
        "proposals.draft_discarded",
        resource=proposal.resource,
        component=proposal.component,
        visibility="private",
    )
    session.delete(proposal)


def _payload(proposal: Proposal) -> dict[str, object]:
    return {
        "proposal_id": proposal.id,
        "component_id": proposal.component_id,
        "author_id": proposal.author_id,
        "affected_user_ids": [proposal.author_id] if proposal.author_id else [],
    }
