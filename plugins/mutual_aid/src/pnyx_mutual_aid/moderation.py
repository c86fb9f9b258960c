"""Reports, and what moderators do about them: hide, restore, dismiss, ban.

A reported message opens its conversation to the space's moderators (and
only then); a post reported often enough is hidden until a moderator looks.
"""

from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_mutual_aid.models import AidBan, AidConversation, AidMessage, AidPost, AidReport


def reason_labels() -> dict[str, str]:
    return {
        "unsafe": api._("It puts someone at risk (scam, pressure, danger)"),
        "spam": api._("Spam or advertising"),
        "offensive": api._("Insulting or discriminating"),
        "other": api._("Something else"),
    }


def _add(session: Session, report: AidReport) -> bool:
    try:
        with session.begin_nested():
            session.add(report)
            session.flush()
    except IntegrityError:  # already reported by this person
        return False
    return True


def report_post(session: Session, post: AidPost, user: api.User, reason: str, details: str) -> bool:
    report = AidReport(
        component_id=post.component_id,
        post_id=post.id,
        reporter_id=user.id,
        reason=reason,
        details=details,
    )
    if not _add(session, report):
        return False
    session.execute(
        update(AidPost).where(AidPost.id == post.id).values(reports_count=AidPost.reports_count + 1)
    )
    session.refresh(post)
    threshold = api.current_settings(post.component).get("reports_to_hide")
    if threshold and post.reports_count >= threshold and post.hidden_at is None:
        post.hidden_at = api.utcnow()
    api.log_action(
        session, "mutual_aid.post_reported", resource=post.resource, component=post.component
    )
    return True


def report_message(
    session: Session, message: AidMessage, user: api.User, reason: str, details: str
) -> bool:
    conversation = message.conversation
    report = AidReport(
        component_id=conversation.component_id,
        message_id=message.id,
        reporter_id=user.id,
        reason=reason,
        details=details,
    )
    if not _add(session, report):
        return False
    if conversation.reported_at is None:
        conversation.reported_at = api.utcnow()
    api.log_action(session, "mutual_aid.message_reported", component=conversation.component)
    return True


def open_reports(component_id: int) -> list[AidReport]:
    """The reports moderators have not dealt with, oldest first (at most 200)."""
    query = (
        select(AidReport)
        .where(AidReport.component_id == component_id, AidReport.resolved_at.is_(None))
        .order_by(AidReport.created_at, AidReport.id)
        .limit(200)
    )
    return list(api.db_session().scalars(query))


def resolve(session: Session, *, post_id: int | None = None, message_id: int | None = None) -> None:
    condition = (
        AidReport.post_id == post_id if post_id is not None else AidReport.message_id == message_id
    )
    session.execute(
        update(AidReport)
        .where(condition, AidReport.resolved_at.is_(None))
        .values(resolved_at=api.utcnow())
    )


def ban(session: Session, component: api.Component, user_id: int) -> None:
    if session.get(AidBan, (component.id, user_id)) is None:
        session.add(AidBan(component_id=component.id, user_id=user_id))
    api.log_action(session, "mutual_aid.banned", component=component, extra={"user_id": user_id})


def unban(session: Session, component: api.Component, user_id: int) -> None:
    found = session.get(AidBan, (component.id, user_id))
    if found is not None:
        session.delete(found)
    api.log_action(session, "mutual_aid.unbanned", component=component, extra={"user_id": user_id})


def bans(component_id: int) -> list[AidBan]:
    query = (
        select(AidBan)
        .where(AidBan.component_id == component_id)
        .order_by(AidBan.created_at)
        .limit(500)
    )
    return list(api.db_session().scalars(query))


def reported_conversation(component_id: int, token: str) -> AidConversation | None:
    """A conversation of the component that was reported, else ``None`` (moderators' 404)."""
    query = select(AidConversation).where(
        AidConversation.component_id == component_id,
        AidConversation.token == token,
        AidConversation.reported_at.is_not(None),
    )
    return api.db_session().scalar(query)


def open_count(component_id: int) -> int:
    query = select(func.count()).where(
        AidReport.component_id == component_id, AidReport.resolved_at.is_(None)
    )
    return api.db_session().scalar(query) or 0
