"""A person's data: their archive ("download my data"), and what goes with their account.

Their posts and their conversations (with every message in them) are deleted
with the account: a private exchange has no reason to outlive one of its two
people, and a post nobody can answer any more would mislead. Their reports
stay for the moderators, without the link to them nor the free text.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_mutual_aid.models import AidBan, AidBlock, AidConversation, AidMessage, AidPost, AidReport


def export(session: Session, user: api.User) -> dict[str, Any] | None:
    files = {
        "posts.csv": list(_posts(session, user)),
        "conversations.json": list(_conversations(session, user)),
        "reports.csv": list(_reports(session, user)),
    }
    kept = {name: rows for name, rows in files.items() if rows}
    return kept or None


def _posts(session: Session, user: api.User) -> Iterable[dict[str, Any]]:
    query = select(AidPost).where(AidPost.author_id == user.id).order_by(AidPost.id)
    for post in session.scalars(query):
        yield {
            "id": post.id,
            "component_id": post.component_id,
            "kind": post.kind,
            "title": post.title,
            "body": post.body,
            "territory_id": post.territory_id,
            "available_from": post.available_from,
            "available_until": post.available_until,
            "status": post.status,
            "created_at": post.created_at,
            "expires_at": post.expires_at,
        }


def _conversations(session: Session, user: api.User) -> Iterable[dict[str, Any]]:
    """Each conversation with the person's own messages (the other person's are theirs)."""
    query = (
        select(AidConversation)
        .where(or_(AidConversation.author_id == user.id, AidConversation.responder_id == user.id))
        .order_by(AidConversation.id)
    )
    for conversation in session.scalars(query):
        messages = session.scalars(
            select(AidMessage)
            .where(AidMessage.conversation_id == conversation.id, AidMessage.sender_id == user.id)
            .order_by(AidMessage.id)
        )
        yield {
            "post_title": conversation.post.title,
            "your_role": "author" if conversation.author_id == user.id else "responder",
            "opened_at": conversation.created_at,
            "ended_at": conversation.ended_at,
            "your_messages": [{"body": m.body, "sent_at": m.created_at} for m in messages],
        }


def _reports(session: Session, user: api.User) -> Iterable[dict[str, Any]]:
    query = select(AidReport).where(AidReport.reporter_id == user.id).order_by(AidReport.id)
    for report in session.scalars(query):
        yield {"reason": report.reason, "details": report.details, "at": report.created_at}


def delete_data(session: Session, user: api.User) -> None:
    """Erase the person's posts and conversations, in the caller's transaction."""
    mine = or_(AidConversation.author_id == user.id, AidConversation.responder_id == user.id)
    conversation_ids = select(AidConversation.id).where(mine)
    session.execute(delete(AidMessage).where(AidMessage.conversation_id.in_(conversation_ids)))
    session.execute(delete(AidConversation).where(mine))
    post_ids = select(AidPost.id).where(AidPost.author_id == user.id)
    session.execute(delete(AidReport).where(AidReport.post_id.in_(post_ids)))
    session.execute(delete(AidPost).where(AidPost.author_id == user.id))
    session.execute(
        update(AidReport)
        .where(AidReport.reporter_id == user.id)
        .values(reporter_id=None, details="")
    )
    session.execute(
        delete(AidBlock).where(or_(AidBlock.blocker_id == user.id, AidBlock.blocked_id == user.id))
    )
    session.execute(delete(AidBan).where(AidBan.user_id == user.id))
