"""Inviting, accepting, declining and removing co-authors; who counts as an author.

Every write is one statement guarded by the table's unique constraint or by
the row's status, so double clicks and parallel requests change nothing twice.
"""

from __future__ import annotations

from flask import g, has_request_context
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session, selectinload

from pnyx import api
from pnyx_proposals.coauthors.models import ACCEPTED, INVITED, Coauthor
from pnyx_proposals.locks import insert_ignoring_duplicates
from pnyx_proposals.models import RESOURCE, Proposal

#: The invited person is told (notification centre and e-mail).
INVITED_KIND = "proposals.coauthor_invited"
#: How many co-authors a proposal may have besides its author.
MAX_COAUTHORS = 20

KINDS = [
    api.NotificationKind(
        INVITED_KIND,
        api._l("Invitation to co-author a proposal"),
        recipients=("authors",),
        description=api._l("The author of a proposal invites you to sign it with them."),
    )
]


class InvitationError(Exception):
    """Why an invitation cannot be sent (``reason``: a message for the person)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def rows(session: Session, proposal_id: int) -> list[Coauthor]:
    """Every co-author of the proposal, invited or accepted, first invited first."""
    query = (
        select(Coauthor)
        .where(Coauthor.proposal_id == proposal_id)
        .options(
            selectinload(Coauthor.user).lazyload(api.User.organization_roles),
            selectinload(Coauthor.user_group),
        )
        .order_by(Coauthor.id)
    )
    return list(session.scalars(query))


def accepted_ids(session: Session, proposal_id: int) -> list[int]:
    """The accepted co-authors' user ids (read once per request and proposal)."""
    cache: dict[int, list[int]] = (
        g.setdefault("proposals_coauthors", {}) if has_request_context() else {}
    )
    if proposal_id not in cache:
        query = select(Coauthor.user_id).where(
            Coauthor.proposal_id == proposal_id, Coauthor.status == ACCEPTED
        )
        cache[proposal_id] = list(session.scalars(query))
    return cache[proposal_id]


def forget() -> None:
    """Drop the request's cache after a change (the page read next must see it)."""
    if has_request_context():
        g.pop("proposals_coauthors", None)


def author_ids(session: Session, proposal: Proposal) -> list[int]:
    """The author and the accepted co-authors: the people an amendment is sent to."""
    first = [proposal.author_id] if proposal.author_id else []
    return first + [i for i in accepted_ids(session, proposal.id) if i not in first]


def is_coauthor(user: api.User | None, proposal: Proposal) -> bool:
    return user is not None and user.id in accepted_ids(api.db_session(), proposal.id)


def invitation_of(session: Session, proposal_id: int, user: api.User | None) -> Coauthor | None:
    """The person's row for this proposal (invited or accepted), if any."""
    if user is None:
        return None
    query = select(Coauthor).where(Coauthor.proposal_id == proposal_id, Coauthor.user_id == user.id)
    return session.scalars(query).first()


def invite(session: Session, proposal: Proposal, inviter: api.User, email: str) -> api.User:
    """Invite the account with this e-mail address; raises :class:`InvitationError`."""
    address = email.strip().lower()
    invitee = None
    if address and len(address) <= 320:
        query = select(api.User).where(func.lower(api.User.email) == address)
        invitee = session.scalars(query.where(api.User.deleted_at.is_(None))).first()
    if invitee is None or invitee.blocked:
        raise InvitationError(api._("No account uses this e-mail address."))
    if invitee.id == proposal.author_id:
        raise InvitationError(api._("This person already is the proposal's author."))
    count = select(func.count()).where(Coauthor.proposal_id == proposal.id)
    if (session.scalar(count) or 0) >= MAX_COAUTHORS:
        raise InvitationError(
            api.ngettext(
                "A proposal has at most %(num)d co-author.",
                "A proposal has at most %(num)d co-authors.",
                MAX_COAUTHORS,
            )
        )
    values = {"proposal_id": proposal.id, "user_id": invitee.id, "invited_by_id": inviter.id}
    if not insert_ignoring_duplicates(session, Coauthor, status=INVITED, **values):
        raise InvitationError(api._("This person is already invited or a co-author."))
    api.log_action(
        session,
        "proposals.coauthor_invited",
        resource=proposal.resource,
        component=proposal.component,
        visibility="private",
        extra={"user_id": invitee.id},
    )
    return invitee


def tell_invitee(proposal: Proposal, invitee: api.User, url: str) -> None:
    """After the commit: the invited person's notification (their only way to know)."""
    api.notify(
        INVITED_KIND,
        (RESOURCE, proposal.id),
        component=proposal.component,
        title=proposal.title,
        title_language=proposal.language,
        url=url,
        authors=[invitee.id],
    )


def accept(session: Session, proposal: Proposal, user: api.User, user_group_id: int | None) -> bool:
    """The invited person accepts (for an organization of theirs, or themselves)."""
    statement = (
        update(Coauthor)
        .where(
            Coauthor.proposal_id == proposal.id,
            Coauthor.user_id == user.id,
            Coauthor.status == INVITED,
        )
        .values(status=ACCEPTED, accepted_at=api.utcnow(), user_group_id=user_group_id)
    )
    changed = session.execute(statement).rowcount == 1
    if changed:
        api.log_action(
            session,
            "proposals.coauthor_accepted",
            resource=proposal.resource,
            component=proposal.component,
            visibility="public",
            extra={"user_group_id": user_group_id} if user_group_id else None,
        )
        forget()
    return changed


def leave(session: Session, proposal: Proposal, user_id: int, action: str) -> bool:
    """Delete the person's row: they declined, left, or the author removed them."""
    statement = delete(Coauthor).where(
        Coauthor.proposal_id == proposal.id, Coauthor.user_id == user_id
    )
    removed = session.execute(statement).rowcount == 1
    if removed:
        api.log_action(
            session,
            action,
            resource=proposal.resource,
            component=proposal.component,
            visibility="private",
            extra={"user_id": user_id},
        )
        forget()
    return removed


def add_accepted(session: Session, proposal: Proposal, user_ids: list[int]) -> None:
    """Make these people accepted co-authors at once (a collaborative draft published
    with all its writers); the author and people already listed are skipped."""
    for user_id in dict.fromkeys(user_ids):
        if user_id == proposal.author_id:
            continue
        insert_ignoring_duplicates(
            session,
            Coauthor,
            proposal_id=proposal.id,
            user_id=user_id,
            status=ACCEPTED,
            accepted_at=api.utcnow(),
        )
    forget()
