"""A person's data: what "download my data" holds, and what deleting an account does.

Their ballots are theirs to see, with their receipt codes. When they delete
their account, their draft ballots go, and their cast ballots keep counting
but lose their link to the person (``voter_id`` set to ``NULL``): results
already published stay exactly as they were.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session, selectinload

from pnyx import api
from pnyx_budgets.models import DRAFT, Ballot, Voter


def export(session: Session, user: api.User) -> dict[str, Any] | None:
    count = session.scalar(select(func.count()).where(Ballot.voter_id == user.id))
    if not count:
        return None
    return {"ballots.json": ballot_rows(session, user)}


def ballot_rows(session: Session, user: api.User) -> Iterator[dict[str, Any]]:
    query = (
        select(Ballot)
        .where(Ballot.voter_id == user.id)
        .options(selectinload(Ballot.items))
        .order_by(Ballot.id)
    )
    for ballot in session.scalars(query):
        yield {
            "budget_id": ballot.budget_id,
            "status": ballot.status,
            "receipt_code": ballot.receipt_code,
            "cast_at": ballot.cast_at,
            "projects": [
                {"project_id": item.project_id, "points": item.points, "rank": rank}
                for rank, item in enumerate(ballot.items, start=1)
            ],
        }


def delete_for(session: Session, user: api.User) -> None:
    """Drafts go; cast ballots stay, anonymous; the person's lock rows go."""
    session.execute(delete(Ballot).where(Ballot.voter_id == user.id, Ballot.status == DRAFT))
    session.execute(update(Ballot).where(Ballot.voter_id == user.id).values(voter_id=None))
    session.execute(delete(Voter).where(Voter.user_id == user.id))
