"""Supports: once per person and proposal, within limits, correct under concurrency.

How integrity holds when twenty requests arrive at once:

- the person's lock (:func:`~pnyx_proposals.locks.lock_participant`) makes one
  person's requests in a component run one after the other, so the per-person
  limit and the "minimum before counting" rule see every earlier support;
- the unique constraint ``(proposal_id, user_id)`` forbids a second support even
  if the lock were bypassed;
- the counter moves with one conditional ``UPDATE ... SET supports_count =
  supports_count + 1 WHERE <still supportable>``: atomic, and it refuses a
  proposal withdrawn or rejected a moment ago, because that ``UPDATE`` waits
  for (and then re-reads) a concurrent change of the row.
"""

from __future__ import annotations

from sqlalchemy import and_, delete, func, select, update
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_proposals import states
from pnyx_proposals.locks import insert_ignoring_duplicates, lock_participant
from pnyx_proposals.models import Proposal, Support
from pnyx_proposals.settings import settings_of


class SupportRefusedError(Exception):
    """Why a support cannot be given or taken back (``reason``: a message for the person)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def given(session: Session, component_id: int, user_id: int) -> int:
    """How many proposals of the component the person supports."""
    query = select(func.count()).where(
        Support.component_id == component_id, Support.user_id == user_id
    )
    return session.scalar(query) or 0


def support(session: Session, proposal: Proposal, user: api.User) -> bool:
    """Support ``proposal``; ``False`` if the person already did.

    Raises :class:`SupportRefusedError` when the limit is used or the proposal closed.
    """
    component = proposal.component
    settings = settings_of(component)
    lock_participant(session, component.id, user.id)
    if _existing(session, proposal.id, user.id) is not None:
        return False
    count = given(session, component.id, user.id)
    limit = settings.get("support_limit")
    if limit and count >= limit:
        raise SupportRefusedError(
            api.ngettext(
                "You have used your %(num)d support in this component.",
                "You have used your %(num)d supports in this component.",
                limit,
            )
        )
    minimum = settings.get("minimum_supports_per_person") or 0
    counted = count + 1 >= minimum
    if not _move_counter(session, proposal.id, 1 if counted else 0):
        raise SupportRefusedError(api._("This proposal can no longer be supported."))
    values = {"proposal_id": proposal.id, "component_id": component.id, "user_id": user.id}
    insert_ignoring_duplicates(session, Support, counted=counted, **values)
    touched = [proposal.id]
    if counted and minimum > 1 and count + 1 == minimum:
        touched += _count_earlier_supports(session, component.id, user.id)
    _mark_thresholds(session, component, touched)
    api.log_action(
        session,
        "proposals.supported",
        resource=proposal.resource,
        component=component,
        visibility="private",
    )
    return True


def unsupport(session: Session, proposal: Proposal, user: api.User) -> bool:
    """Take a support back; ``False`` if there was none."""
    component = proposal.component
    lock_participant(session, component.id, user.id)
    existing = _existing(session, proposal.id, user.id)
    if existing is None:
        return False
    count = given(session, component.id, user.id)
    session.execute(delete(Support).where(Support.id == existing.id))
    if existing.counted:
        _move_counter(session, proposal.id, -1, check=False)
    minimum = settings_of(component).get("minimum_supports_per_person") or 0
    touched = [proposal.id]
    if minimum > 1 and count == minimum:
        touched += _uncount_supports(session, component.id, user.id)
    _unmark_thresholds(session, component, touched)
    api.log_action(
        session,
        "proposals.unsupported",
        resource=proposal.resource,
        component=component,
        visibility="private",
    )
    return True


def _existing(session: Session, proposal_id: int, user_id: int) -> Support | None:
    query = select(Support).where(Support.proposal_id == proposal_id, Support.user_id == user_id)
    return session.scalars(query).first()


def _move_counter(session: Session, proposal_id: int, delta: int, check: bool = True) -> bool:
    """Add ``delta`` to the counter, only while the proposal is supportable (``check``)."""
    query = update(Proposal).where(Proposal.id == proposal_id)
    if check:
        query = query.where(
            Proposal.published_at.is_not(None),
            Proposal.withdrawn_at.is_(None),
            Proposal.hidden_at.is_(None),
            Proposal.merged_into_id.is_(None),
            Proposal.state != states.REJECTED,
        )
    values = {"supports_count": Proposal.supports_count + delta}
    result = session.execute(query.values(**values).execution_options(synchronize_session=False))
    return bool(result.rowcount)  # type: ignore[attr-defined]


def _count_earlier_supports(session: Session, component_id: int, user_id: int) -> list[int]:
    """The person reached the minimum: their earlier supports start counting."""
    mine = and_(
        Support.component_id == component_id, Support.user_id == user_id, Support.counted.is_(False)
    )
    ids = list(session.scalars(select(Support.proposal_id).where(mine)))
    if ids:
        session.execute(
            update(Proposal)
            .where(Proposal.id.in_(ids))
            .values(supports_count=Proposal.supports_count + 1)
            .execution_options(synchronize_session=False)
        )
        session.execute(update(Support).where(mine).values(counted=True))
    return ids


def _uncount_supports(session: Session, component_id: int, user_id: int) -> list[int]:
    """The person fell below the minimum: none of their supports count any more."""
    mine = and_(
        Support.component_id == component_id, Support.user_id == user_id, Support.counted.is_(True)
    )
    ids = list(session.scalars(select(Support.proposal_id).where(mine)))
    if ids:
        session.execute(
            update(Proposal)
            .where(Proposal.id.in_(ids))
            .values(supports_count=Proposal.supports_count - 1)
            .execution_options(synchronize_session=False)
        )
        session.execute(update(Support).where(mine).values(counted=False))
    return ids


def _mark_thresholds(session: Session, component: api.Component, ids: list[int]) -> None:
    threshold = settings_of(component).get("support_threshold")
    if not threshold:
        return
    reached = session.execute(
        update(Proposal)
        .where(
            Proposal.id.in_(ids),
            Proposal.supports_count >= threshold,
            Proposal.threshold_reached_at.is_(None),
        )
        .values(threshold_reached_at=api.utcnow())
        .returning(Proposal.id, Proposal.author_id)
        .execution_options(synchronize_session=False)
    )
    for proposal_id, author_id in list(reached):
        payload = {
            "proposal_id": proposal_id,
            "component_id": component.id,
            "author_id": author_id,
            "affected_user_ids": [author_id] if author_id else [],
        }
        api.publish_event(session, "proposals.threshold_reached", payload)


def _unmark_thresholds(session: Session, component: api.Component, ids: list[int]) -> None:
    threshold = settings_of(component).get("support_threshold")
    if not threshold:
        return
    session.execute(
        update(Proposal)
        .where(
            Proposal.id.in_(ids),
            Proposal.threshold_reached_at.is_not(None),
            Proposal.supports_count < threshold,
        )
        .values(threshold_reached_at=None)
        .execution_options(synchronize_session=False)
    )
