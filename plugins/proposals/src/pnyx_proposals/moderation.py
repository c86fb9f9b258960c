"""Moderation: reports with a reason, automatic hiding, the moderators' decisions.

A proposal reported by as many people as the component's ``reports_to_hide``
setting is hidden at once, before a moderator looks. Hidden proposals leave
every list, search, export and statistic (they fail :func:`queries.visible`);
a moderator restores them (the reports are dismissed) or leaves them hidden.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session, joinedload

from pnyx import api
from pnyx_proposals.locks import insert_ignoring_duplicates
from pnyx_proposals.models import Proposal, Report
from pnyx_proposals.settings import settings_of


def reason_labels() -> dict[str, str]:
    return {
        "spam": api._("Spam"),
        "offensive": api._("Offensive"),
        "off_topic": api._("Off-topic"),
    }


def report(session: Session, proposal: Proposal, user: api.User, reason: str, details: str) -> bool:
    """Record the person's report; ``False`` if they had reported it already."""
    values = {"proposal_id": proposal.id, "user_id": user.id, "reason": reason}
    if not insert_ignoring_duplicates(session, Report, details=details, **values):
        return False
    session.execute(
        update(Proposal)
        .where(Proposal.id == proposal.id)
        .values(reports_count=Proposal.reports_count + 1)
        .execution_options(synchronize_session=False)
    )
    api.log_action(
        session,
        "proposals.reported",
        resource=proposal.resource,
        component=proposal.component,
        extra={"reason": reason},
    )
    limit = settings_of(proposal.component).get("reports_to_hide")
    if limit and _hide_if_reported(session, proposal.id, limit):
        api.log_action(
            session,
            "proposals.hidden_automatically",
            resource=proposal.resource,
            component=proposal.component,
            extra={"reports": limit},
        )
        _hidden_event(session, proposal)
    return True


def _hide_if_reported(session: Session, proposal_id: int, limit: int) -> bool:
    result = session.execute(
        update(Proposal)
        .where(
            Proposal.id == proposal_id,
            Proposal.hidden_at.is_(None),
            Proposal.reports_count >= limit,
        )
        .values(hidden_at=api.utcnow())
        .execution_options(synchronize_session=False)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def hide(session: Session, proposal: Proposal) -> None:
    proposal.hidden_at = api.utcnow()
    api.log_action(
        session, "proposals.hidden", resource=proposal.resource, component=proposal.component
    )
    _hidden_event(session, proposal)


def restore(session: Session, proposal: Proposal) -> None:
    """Show the proposal again; its reports are dismissed."""
    proposal.hidden_at = None
    proposal.reports_count = 0
    session.execute(
        update(Report)
        .where(Report.proposal_id == proposal.id, Report.dismissed_at.is_(None))
        .values(dismissed_at=api.utcnow())
    )
    api.log_action(
        session, "proposals.restored", resource=proposal.resource, component=proposal.component
    )


def hide_author(session: Session, author: api.User, component_ids: list[int] | None) -> int:
    """Hide every proposal of ``author`` (in every component when ``component_ids`` is
    ``None``: organization moderators act everywhere); return how many."""
    query = update(Proposal).where(Proposal.author_id == author.id, Proposal.hidden_at.is_(None))
    if component_ids is not None:
        query = query.where(Proposal.component_id.in_(component_ids))
    result = session.execute(
        query.values(hidden_at=api.utcnow()).execution_options(synchronize_session=False)
    )
    count = int(result.rowcount or 0)  # type: ignore[attr-defined]
    api.log_action(
        session, "proposals.author_hidden", resource=("user", author.id), extra={"count": count}
    )
    return count


def _hidden_event(session: Session, proposal: Proposal) -> None:
    payload = {
        "proposal_id": proposal.id,
        "component_id": proposal.component_id,
        "author_id": proposal.author_id,
        "affected_user_ids": [proposal.author_id] if proposal.author_id else [],
    }
    api.publish_event(session, "proposals.hidden", payload)


def queue(component_ids: list[int] | None) -> api.Page[Proposal]:
    """Reported or hidden proposals, most reported first: the page the request asks for."""
    query = select(Proposal).where(
        Proposal.published_at.is_not(None),
        or_(Proposal.reports_count > 0, Proposal.hidden_at.is_not(None)),
    )
    if component_ids is not None:
        query = query.where(Proposal.component_id.in_(component_ids))
    query = query.order_by(
        Proposal.hidden_at.is_not(None), Proposal.reports_count.desc(), Proposal.id.desc()
    )
    query = query.options(
        joinedload(Proposal.author),
        joinedload(Proposal.component).joinedload(api.Component.space),
    )
    return api.paginate(query)


def reasons_of(proposal_ids: list[int]) -> dict[int, dict[str, int]]:
    """Active reports by reason for each proposal, in one query."""
    if not proposal_ids:
        return {}
    query = (
        select(Report.proposal_id, Report.reason, func.count())
        .where(Report.proposal_id.in_(proposal_ids), Report.dismissed_at.is_(None))
        .group_by(Report.proposal_id, Report.reason)
    )
    found: dict[int, dict[str, int]] = defaultdict(dict)
    for proposal_id, reason, count in api.db_session().execute(query):
        found[proposal_id][reason] = count
    return dict(found)
