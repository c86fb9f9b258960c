"""A person's part in collaborative drafts: in their archive, and what goes when they leave.

The versions they saved stay in the drafts' history (others wrote on top of them), shown
from "Deleted participant"; their requests and places among the co-writers go.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_proposals.drafts.models import CollaborativeDraft, DraftCollaborator, DraftRevision


def versions(session: Session, user: api.User) -> Iterable[dict[str, Any]]:
    """Every version of a collaborative draft the person saved."""
    query = (
        select(DraftRevision)
        .where(DraftRevision.user_id == user.id)
        .order_by(DraftRevision.draft_id, DraftRevision.number)
    )
    for revision in session.scalars(query):
        yield {
            "draft_id": revision.draft_id,
            "version": revision.number,
            "title": revision.title,
            "body": revision.body,
            "saved_at": revision.created_at,
        }


def delete_data(session: Session, user: api.User) -> None:
    """Detach the person from drafts, in the caller's transaction."""
    session.execute(
        update(DraftRevision).where(DraftRevision.user_id == user.id).values(user_id=None)
    )
    session.execute(
        update(CollaborativeDraft)
        .where(CollaborativeDraft.author_id == user.id)
        .values(author_id=None)
    )
    session.execute(delete(DraftCollaborator).where(DraftCollaborator.user_id == user.id))
