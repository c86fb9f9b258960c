"""A person's comments, votes and reports: their export and their account's deletion.

A deleted account's comments keep their text (the conversation holds
together) and are signed "Deleted participant" by the core's naming; their
votes keep counting; their reports go (who reported whom is personal data).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_comments.models import Comment, Report, Vote


def export(session: Session, user: api.User) -> dict[str, Any] | None:
    has_any = session.scalar(select(Comment.id).where(Comment.author_id == user.id).limit(1))
    has_votes = session.scalar(select(Vote.id).where(Vote.user_id == user.id).limit(1))
    has_reports = session.scalar(select(Report.id).where(Report.user_id == user.id).limit(1))
    if not (has_any or has_votes or has_reports):
        return None
    return {
        "comments.csv": _comments(session, user),
        "votes.csv": _votes(session, user),
        "reports.csv": _reports(session, user),
    }


def _comments(session: Session, user: api.User) -> Iterator[dict[str, Any]]:
    query = select(Comment).where(Comment.author_id == user.id).order_by(Comment.id)
    for comment in session.scalars(query):
        yield {
            "id": comment.id,
            "on": f"{comment.resource_type}:{comment.resource_id}",
            "reply_to": comment.parent_id,
            # Written for an organization: its id (the group's profile names it).
            "on_behalf_of_group": comment.user_group_id,
            "body": comment.body,
            "alignment": comment.alignment,
            "created_at": comment.created_at,
            "edited_at": comment.edited_at,
            "deleted_at": comment.deleted_at,
            "hidden_at": comment.hidden_at,
            "hidden_reason": comment.hidden_reason,
        }


def _votes(session: Session, user: api.User) -> Iterator[dict[str, Any]]:
    query = select(Vote).where(Vote.user_id == user.id).order_by(Vote.id)
    for vote in session.scalars(query):
        yield {"comment_id": vote.comment_id, "value": vote.value, "created_at": vote.created_at}


def _reports(session: Session, user: api.User) -> Iterator[dict[str, Any]]:
    query = select(Report).where(Report.user_id == user.id).order_by(Report.id)
    for report in session.scalars(query):
        yield {
            "comment_id": report.comment_id,
            "reason": report.reason,
            "details": report.details,
            "created_at": report.created_at,
        }


def delete_data(session: Session, user: api.User) -> None:
    session.execute(delete(Report).where(Report.user_id == user.id))
