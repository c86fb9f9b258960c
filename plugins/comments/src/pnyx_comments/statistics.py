"""The ``statistics`` hook: visible comments (hidden and deleted ones are left out) in the
components the reader may see, whatever plugin owns the commented records."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_comments.models import Comment


def figures(components: list[api.Component], session: Session) -> list[api.statistics.Figure]:
    ids = [component.id for component in components]
    if not ids:
        return []
    shown = (
        Comment.component_id.in_(ids),
        Comment.hidden_at.is_(None),
        Comment.deleted_at.is_(None),
    )
    value = session.scalar(select(func.count()).where(*shown)) or 0
    if not value:
        return []
    return [
        api.statistics.Figure(
            name="comments.comments",
            label=api._("Comments"),
            kind=api.statistics.COMMENTS,
            value=value,
            daily=api.statistics.daily_counts(session, Comment.created_at, *shown),
            people=select(Comment.author_id).where(*shown, Comment.author_id.is_not(None)),
        )
    ]
