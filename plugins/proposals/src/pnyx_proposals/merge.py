"""Admin operations on several proposals: merge duplicates, import from another component."""

from __future__ import annotations

from sqlalchemy import delete, func, insert, literal, select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_proposals import states
from pnyx_proposals.links import COPIED_FROM, MERGED_INTO
from pnyx_proposals.models import RESOURCE, Proposal, Support
from pnyx_proposals.queries import visible


class MergeRefusedError(Exception):
    """The chosen proposals cannot be merged (``reason`` says why)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def merge(session: Session, component: api.Component, ids: list[int], target_id: int) -> int:
    """Merge the proposals ``ids`` into ``target_id``: their supports move to it (once
    per person), they leave the lists and point to it. Returns how many were merged."""
    query = select(Proposal).where(
        Proposal.component_id == component.id, Proposal.id.in_(ids), visible()
    )
    found = {proposal.id: proposal for proposal in session.scalars(query.with_for_update())}
    target = found.pop(target_id, None)
    if target is None or not found:
        raise MergeRefusedError(api._("Choose at least two published proposals, one of them kept."))
    for duplicate in found.values():
        _move_supports(session, duplicate, target)
        duplicate.merged_into_id = target.id
        api.links.link(session, MERGED_INTO, duplicate.resource, target.resource)
        api.log_action(
            session,
            "proposals.merged",
            resource=duplicate.resource,
            component=component,
            visibility="public",
            extra={"into": target.id},
        )
        payload = {
            "proposal_id": duplicate.id,
            "into_id": target.id,
            "component_id": component.id,
            "affected_user_ids": [duplicate.author_id] if duplicate.author_id else [],
        }
        api.publish_event(session, "proposals.merged", payload)
    session.flush()
    counted = select(func.count()).where(
        Support.proposal_id == target.id, Support.counted.is_(True)
    )
    target.supports_count = session.scalar(counted) or 0
    return len(found)


def _move_supports(session: Session, duplicate: Proposal, target: Proposal) -> None:
    already = select(Support.user_id).where(
        Support.proposal_id == target.id, Support.user_id.is_not(None)
    )
    moved = select(
        literal(target.id),
        Support.component_id,
        Support.user_id,
        Support.counted,
        Support.created_at,
    ).where(
        Support.proposal_id == duplicate.id,
        Support.user_id.is_not(None),
        Support.user_id.not_in(already),
    )
    columns = ["proposal_id", "component_id", "user_id", "counted", "created_at"]
    session.execute(insert(Support).from_select(columns, moved))
    session.execute(delete(Support).where(Support.proposal_id == duplicate.id))
    duplicate.supports_count = 0


def import_from(
    session: Session, source: api.Component, target: api.Component, only_accepted: bool
) -> int:
    """Copy the visible proposals of ``source`` into ``target`` (once each); return how many."""
    query = select(Proposal).where(
        Proposal.component_id == source.id, visible(), Proposal.withdrawn_at.is_(None)
    )
    if only_accepted:
        query = query.where(Proposal.state == states.ACCEPTED)
    copied = 0
    for original in session.scalars(query.order_by(Proposal.id)).all():
        if _already_copied(session, original, target.id):
            continue
        copy = Proposal(
            component_id=target.id,
            author_id=original.author_id,
            title=original.title,
            body=original.body,
            language=original.language,
            summary=original.summary,
            territory_id=original.territory_id,
            address=original.address,
            published_at=original.published_at,
            created_at=original.created_at,
            themes=list(original.themes),
        )
        session.add(copy)
        session.flush()
        api.links.link(session, COPIED_FROM, copy.resource, original.resource)
        copied += 1
    api.log_action(
        session,
        "proposals.imported",
        component=target,
        extra={"from_component": source.id, "count": copied},
    )
    return copied


def _already_copied(session: Session, original: Proposal, target_id: int) -> bool:
    copies = api.links.linked_ids(session, COPIED_FROM, target=(RESOURCE, original.id))
    if not copies:
        return False
    query = select(func.count()).where(Proposal.id.in_(copies), Proposal.component_id == target_id)
    return bool(session.scalar(query))
