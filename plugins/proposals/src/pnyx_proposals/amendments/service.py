"""Amending a proposal: propose, accept (optimistic versioning), reject, promote, withdraw,
support. Each function writes in the caller's transaction; the caller commits.

Accepting is two guarded statements in one transaction:
``UPDATE amendment SET state = 'accepted' WHERE state = 'pending'`` (two authors
accepting the same amendment at once: one row changes, the other request sees
none) and ``UPDATE proposal SET ..., version = version + 1 WHERE version = :seen``
(the proposal changed since the author read it: nothing changes, and the
person is told). Either refusal raises before anything is committed.
"""

from __future__ import annotations

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_proposals import lifecycle
from pnyx_proposals.amendments.models import (
    ACCEPTED,
    PENDING,
    PROMOTED,
    REJECTED,
    WITHDRAWN,
    Amendment,
    AmendmentSupport,
)
from pnyx_proposals.forms import ProposalData
from pnyx_proposals.locks import insert_ignoring_duplicates
from pnyx_proposals.markdown import plain_text
from pnyx_proposals.models import Proposal

#: Link name: a promoted amendment's proposal → the proposal it wanted to change.
PROMOTED_LINK = "proposals.promoted_from"


class AmendmentError(Exception):
    """Why a decision cannot be made (``reason``: a message for the person)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def propose(
    session: Session,
    proposal: Proposal,
    author: api.User,
    title: str,
    body: str,
    user_group_id: int | None = None,
    language: str = "",
) -> Amendment:
    """A new pending amendment, written against the proposal's current text, by ``author``
    alone or on behalf of an organization (``user_group_id``, checked by the caller)."""
    amendment = Amendment(
        proposal_id=proposal.id,
        component_id=proposal.component_id,
        author_id=author.id,
        user_group_id=user_group_id,
        title=title,
        body=body,
        language=language,
        old_title=proposal.title,
        old_body=proposal.body,
        base_version=proposal.version,
        state=PENDING,
    )
    session.add(amendment)
    session.flush()
    _log(session, "proposals.amendment_proposed", amendment, proposal, "public")
    return amendment


def _log(
    session: Session, action: str, amendment: Amendment, proposal: Proposal, visibility: str
) -> None:
    api.log_action(
        session,
        action,
        resource=proposal.resource,
        component=proposal.component,
        visibility=visibility,
        extra={"amendment_id": amendment.id}
        | ({"user_group_id": amendment.user_group_id} if amendment.user_group_id else {}),
    )


def _decide(session: Session, amendment: Amendment, state: str, **values: object) -> None:
    """Move a pending amendment to ``state``; raises when it was decided meanwhile."""
    statement = (
        update(Amendment)
        .where(Amendment.id == amendment.id, Amendment.state == PENDING)
        .values(state=state, decided_at=api.utcnow(), **values)
    )
    if session.execute(statement).rowcount != 1:
        raise AmendmentError(api._("This amendment was already decided on."))


def accept(
    session: Session, amendment: Amendment, proposal: Proposal, decider: api.User, seen: int
) -> None:
    """Apply the amendment's title and body to the proposal, if it is still the version
    ``seen`` the decider read. Raises :class:`AmendmentError`; the caller rolls back."""
    _decide(session, amendment, ACCEPTED, decided_by_id=decider.id)
    statement = (
        update(Proposal)
        .where(Proposal.id == proposal.id, Proposal.version == seen)
        .values(
            title=amendment.title,
            body=amendment.body,
            # The proposal now reads as the amendment: in the amendment's language.
            language=amendment.language or proposal.language,
            summary=plain_text(amendment.body),
            version=Proposal.version + 1,
            updated_at=api.utcnow(),
        )
    )
    if session.execute(statement).rowcount != 1:
        raise AmendmentError(
            api._(
                "The proposal changed since you opened this page: nothing was applied. "
                "Read the amendment again against the current text, then decide."
            )
        )
    _log(session, "proposals.amendment_accepted", amendment, proposal, "public")
    session.expire(proposal)
    session.expire(amendment)


def reject(
    session: Session, amendment: Amendment, proposal: Proposal, decider: api.User, reason: str
) -> None:
    _decide(session, amendment, REJECTED, decided_by_id=decider.id, reason=reason)
    _log(session, "proposals.amendment_rejected", amendment, proposal, "public")
    session.expire(amendment)


def withdraw(session: Session, amendment: Amendment, proposal: Proposal) -> None:
    _decide(session, amendment, WITHDRAWN)
    _log(session, "proposals.amendment_withdrawn", amendment, proposal, "public")
    session.expire(amendment)


def promote(
    session: Session, amendment: Amendment, proposal: Proposal, author: api.User
) -> Proposal:
    """A rejected amendment becomes its author's own published proposal (same territory
    and themes), linked to the original. Raises :class:`AmendmentError` or
    :class:`~pnyx_proposals.lifecycle.LimitReachedError`."""
    data = ProposalData(
        title=amendment.title,
        body=amendment.body,
        language=amendment.language or proposal.language,
        territory_id=proposal.territory_id,
        theme_ids=[theme.id for theme in proposal.themes],
    )
    statement = (
        update(Amendment)
        .where(Amendment.id == amendment.id, Amendment.state == REJECTED)
        .values(state=PROMOTED)
    )
    if session.execute(statement).rowcount != 1:
        raise AmendmentError(api._("Only a rejected amendment becomes a proposal, once."))
    created = lifecycle.create(session, proposal.component, author, data)
    lifecycle.publish(session, created)
    session.execute(
        update(Amendment)
        .where(Amendment.id == amendment.id)
        .values(promoted_proposal_id=created.id)
    )
    api.links.link(session, PROMOTED_LINK, created.resource, proposal.resource)
    _log(session, "proposals.amendment_promoted", amendment, proposal, "public")
    session.expire(amendment)
    return created


def supported(session: Session, amendment_id: int, user: api.User | None) -> bool:
    if user is None:
        return False
    query = select(AmendmentSupport.id).where(
        AmendmentSupport.amendment_id == amendment_id, AmendmentSupport.user_id == user.id
    )
    return session.scalar(query) is not None


def support(session: Session, amendment: Amendment, user: api.User) -> bool:
    """Once per person (a unique constraint); the counter moves only for a new row, and
    only while the amendment is pending."""
    if amendment.state != PENDING:
        raise AmendmentError(api._("Only a pending amendment may be supported."))
    values = {"amendment_id": amendment.id, "user_id": user.id}
    if not insert_ignoring_duplicates(session, AmendmentSupport, **values):
        return False
    session.execute(
        update(Amendment)
        .where(Amendment.id == amendment.id)
        .values(supports_count=Amendment.supports_count + 1)
    )
    session.expire(amendment)
    return True


def unsupport(session: Session, amendment: Amendment, user: api.User) -> bool:
    if amendment.state != PENDING:
        raise AmendmentError(api._("Only a pending amendment may be supported."))
    statement = delete(AmendmentSupport).where(
        AmendmentSupport.amendment_id == amendment.id, AmendmentSupport.user_id == user.id
    )
    if session.execute(statement).rowcount != 1:
        return False
    session.execute(
        update(Amendment)
        .where(Amendment.id == amendment.id)
        .values(supports_count=Amendment.supports_count - 1)
    )
    session.expire(amendment)
    return True
