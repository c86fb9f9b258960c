"""A thread's page, in a constant number of queries whatever its length.

Top-level comments are paged (``?comments_page=``, ``?comments_order=``
newest / oldest / best); the replies of the page's comments come in one
query through ``root_id``, so a reply always travels with its parent. Then one
query for the people's names (and one for the organizations comments were
written for, only when some were), one for the reader's own votes and one
grouped count per alignment: six queries for a thread of one comment or ten
thousand.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import attrs
from flask import request
from sqlalchemy import case, func, select
from sqlalchemy.orm import selectinload

from pnyx import api
from pnyx_comments.models import AGAINST, FOR, NEUTRAL, Comment, Vote
from pnyx_comments.targets import Target

ORDERS = ("newest", "oldest", "best")
PAGE_SIZE = 20


@attrs.frozen
class Node:
    """A comment and its replies, for the template."""

    comment: Comment
    replies: tuple[Node, ...]


@attrs.frozen
class ThreadPage:
    nodes: tuple[Node, ...]
    order: str
    number: int
    has_next: bool
    #: Visible comments per alignment, and in all.
    alignments: dict[int, int]
    total: int
    #: The reader's votes on the page's comments: ``{comment id: +1 or -1}``.
    my_votes: dict[int, int]


def read_order() -> str:
    order = request.args.get("comments_order", "newest")
    return order if order in ORDERS else "newest"


def _ordering(order: str) -> Sequence[object]:
    if order == "oldest":
        return (Comment.id,)
    if order == "best":
        return ((Comment.up_votes - Comment.down_votes).desc(), Comment.id.desc())
    return (Comment.id.desc(),)


def alignment_counts(target: Target) -> tuple[dict[int, int], int]:
    """Visible comments per alignment (one grouped query)."""
    query = (
        select(Comment.alignment, func.count())
        .where(
            Comment.resource_type == target.resource_type,
            Comment.resource_id == target.resource_id,
            Comment.hidden_at.is_(None),
            Comment.deleted_at.is_(None),
        )
        .group_by(Comment.alignment)
    )
    counts = {AGAINST: 0, NEUTRAL: 0, FOR: 0}
    counts.update({alignment: n for alignment, n in api.db_session().execute(query).all()})
    return counts, sum(counts.values())


def load_page(target: Target, user: api.User | None) -> ThreadPage:
    session = api.db_session()
    order = read_order()
    number = api.page_arg("comments_page")
    roots_query = (
        select(Comment)
        .where(
            Comment.resource_type == target.resource_type,
            Comment.resource_id == target.resource_id,
            Comment.depth == 0,
        )
        .order_by(*_ordering(order))
        .offset((number - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE + 1)
        .options(selectinload(Comment.author), selectinload(Comment.user_group))
    )
    roots = list(session.scalars(roots_query))
    has_next = len(roots) > PAGE_SIZE
    roots = roots[:PAGE_SIZE]
    replies: list[Comment] = []
    if roots:
        replies_query = (
            select(Comment)
            .where(Comment.root_id.in_([c.id for c in roots]), Comment.depth > 0)
            .order_by(Comment.id)
            .options(selectinload(Comment.author), selectinload(Comment.user_group))
        )
        replies = list(session.scalars(replies_query))
    alignments, total = alignment_counts(target)
    ids = [c.id for c in roots] + [c.id for c in replies]
    return ThreadPage(
        nodes=_tree(roots, replies),
        order=order,
        number=number,
        has_next=has_next,
        alignments=alignments,
        total=total,
        my_votes=_votes_of(user, ids),
    )


def _tree(roots: list[Comment], replies: list[Comment]) -> tuple[Node, ...]:
    children: dict[int, list[Comment]] = defaultdict(list)
    for reply in replies:
        children[reply.parent_id or 0].append(reply)

    def node(comment: Comment) -> Node:
        return Node(comment, tuple(node(child) for child in children.get(comment.id, [])))

    return tuple(node(root) for root in roots)


def _votes_of(user: api.User | None, ids: list[int]) -> dict[int, int]:
    if user is None or not ids:
        return {}
    query = select(Vote.comment_id, Vote.value).where(
        Vote.user_id == user.id, Vote.comment_id.in_(ids)
    )
    return dict(api.db_session().execute(query).all())


def counts_for(resource_type: str, ids: list[int], *, people: bool = False) -> dict[int, int]:
    """Visible comments (or their different authors) per record: one grouped query."""
    shown = Comment.hidden_at.is_(None) & Comment.deleted_at.is_(None)
    if people:
        counted = func.count(func.distinct(case((shown, Comment.author_id), else_=None)))
    else:
        counted = func.sum(case((shown, 1), else_=0))
    query = (
        select(Comment.resource_id, counted)
        .where(Comment.resource_type == resource_type, Comment.resource_id.in_(ids))
        .group_by(Comment.resource_id)
    )
    return {rid: int(n) for rid, n in api.db_session().execute(query).all() if n}
