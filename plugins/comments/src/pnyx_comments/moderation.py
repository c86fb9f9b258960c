"""Reports, the space's moderation queue, hiding and unhiding with a reason.

A comment reported by ``COMMENTS_HIDE_AFTER_REPORTS`` different people
(default 3; 0 turns it off) is hidden at once, waiting for a moderator.
Hidden comments leave the counts and exports; their author is told why by
e-mail (and sees the reason on the thread).
"""

from __future__ import annotations

from flask import current_app, url_for
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import selectinload

from pnyx import api
from pnyx_comments.models import RESOURCE, Comment, Report
from pnyx_comments.votes import lock


def reason_labels() -> dict[str, str]:
    return {
        "spam": api._("Spam or advertising"),
        "offensive": api._("Offensive, hateful or harassing"),
        "off_topic": api._("Off topic"),
        "personal_data": api._("Discloses personal data"),
    }


def report(comment: Comment, user: api.User, reason: str, details: str) -> bool:
    """Record the report (once per person); returns whether it is new."""
    session = api.db_session()
    locked = lock(comment.id)
    if locked is None:
        return False
    exists = select(Report.id).where(Report.comment_id == comment.id, Report.user_id == user.id)
    if session.scalar(exists) is not None:
        return False
    session.add(Report(comment_id=comment.id, user_id=user.id, reason=reason, details=details))
    session.flush()
    session.execute(
        update(Comment)
        .where(Comment.id == comment.id)
        .values(reports_count=_reports_of(comment.id))
    )
    session.refresh(locked)
    threshold = int(current_app.config.get("COMMENTS_HIDE_AFTER_REPORTS", 3))
    if threshold and locked.reports_count >= threshold and locked.hidden_at is None:
        hide(locked, api._("Hidden automatically after several reports, until a moderator looks."))
    return True


def _reports_of(comment_id: int) -> object:
    return select(func.count()).where(Report.comment_id == comment_id).scalar_subquery()


def hide(comment: Comment, reason: str) -> None:
    comment.hidden_at = api.utcnow()
    comment.hidden_reason = reason
    _log("comments.hidden", comment, {"reason": reason[:200]})
    author = comment.author
    if author is not None and author.email:
        api.send_mail(
            author.email,
            api._("Your comment was hidden"),
            "comments/mail/hidden.txt",
            locale=author.locale,
            comment=comment,
            reason=reason,
        )


def dismiss(comment: Comment) -> None:
    """A moderator read the reports and keeps the comment as it is."""
    api.db_session().execute(delete(Report).where(Report.comment_id == comment.id))
    comment.reports_count = 0
    _log("comments.reports_dismissed", comment, {})


def unhide(comment: Comment, reason: str) -> None:
    comment.hidden_at = None
    comment.hidden_reason = ""
    _log("comments.unhidden", comment, {"reason": reason[:200]})
    # Restored by a moderator: the reports are answered, the comment leaves the queue.
    api.db_session().execute(delete(Report).where(Report.comment_id == comment.id))
    comment.reports_count = 0


def _log(action: str, comment: Comment, extra: dict[str, str]) -> None:
    api.log_action(
        api.db_session(),
        action,
        resource=(RESOURCE, comment.id),
        component=comment.component,
        extra=extra,
    )


def queue(space: api.Space) -> list[Comment]:
    """The space's reported or hidden comments, most reported first (at most 200)."""
    component_ids = [component.id for component in space.components]
    if not component_ids:
        return []
    query = (
        select(Comment)
        .where(
            Comment.component_id.in_(component_ids),
            (Comment.reports_count > 0) | Comment.hidden_at.is_not(None),
        )
        .order_by(Comment.reports_count.desc(), Comment.id.desc())
        .limit(200)
        .options(selectinload(Comment.author), selectinload(Comment.component))
    )
    return list(api.db_session().scalars(query))


def reasons_of(ids: list[int]) -> dict[int, dict[str, int]]:
    """``{comment id: {reason: count}}`` in one grouped query."""
    if not ids:
        return {}
    query = (
        select(Report.comment_id, Report.reason, func.count())
        .where(Report.comment_id.in_(ids))
        .group_by(Report.comment_id, Report.reason)
    )
    found: dict[int, dict[str, int]] = {}
    for comment_id, reason, count in api.db_session().execute(query).all():
        found.setdefault(comment_id, {})[reason] = count
    return found


def queue_url(space: api.Space) -> str:
    return url_for("comments_moderation.moderation_queue", space_slug=space.slug)
