"""Up and down votes: one per person and comment, whatever the concurrency.

The unique constraint ``(comment_id, user_id)`` is the rule; the code keeps
the counters true. Each vote first locks the comment's row (``SELECT ... FOR
UPDATE`` on PostgreSQL; SQLite's writing transactions are serialized
already), then inserts with ``ON CONFLICT DO NOTHING`` or changes the
person's vote, then recounts the comment's votes: after the lock, the recount
sees every vote committed before, so twenty parallel clicks make one vote and
the right counters.
"""

from __future__ import annotations

from sqlalchemy import delete, func, literal_column, select, update
from sqlalchemy.dialects import postgresql, sqlite

from pnyx import api
from pnyx_comments.models import Comment, Vote


def lock(comment_id: int) -> Comment | None:
    query = select(Comment).where(Comment.id == comment_id).with_for_update()
    return api.db_session().scalars(query.execution_options(populate_existing=True)).first()


def _insert_once(comment_id: int, user_id: int, value: int) -> bool:
    session = api.db_session()
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    statement = (
        insert(Vote)
        .values(comment_id=comment_id, user_id=user_id, value=value, created_at=api.utcnow())
        .on_conflict_do_nothing()
        .returning(literal_column("1"))
    )
    return session.execute(statement).first() is not None


def vote(comment: Comment, user: api.User, value: int) -> None:
    """Set the person's vote to ``value`` (+1, -1, or 0 to take it back).

    Idempotent: the same vote twice (a double click, twenty parallel requests)
    leaves one vote.
    """
    session = api.db_session()
    if lock(comment.id) is None:
        return
    mine = (Vote.comment_id == comment.id) & (Vote.user_id == user.id)
    if value == 0:
        session.execute(delete(Vote).where(mine))
    elif not _insert_once(comment.id, user.id, value):
        session.execute(update(Vote).where(mine).values(value=value))
    recount(comment.id)


def recount(comment_id: int) -> None:
    def counted(value: int) -> object:
        return (
            select(func.count())
            .where(Vote.comment_id == comment_id, Vote.value == value)
            .scalar_subquery()
        )

    api.db_session().execute(
        update(Comment)
        .where(Comment.id == comment_id)
        .values(up_votes=counted(1), down_votes=counted(-1))
    )
