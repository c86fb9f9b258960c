"""A thread's page, in a constant number of queries whatever its length.

Top-level comments are paged (``?comments_page=``, ``?comments_order=``
newest / oldest / best); the replies of the page's comments come in one
query through ``root_id``, so a reply always travels with its parent. Then one
Comments come as plain rows with their author's name, avatar and organization joined
in (:class:`ThreadComment`, not ORM objects with eager loads: a thread is read,
never changed, on the page, and rows cost a fraction of the CPU), then one for the
reader's own votes and one grouped count per alignment: four queries for a thread
of one comment or ten thousand.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import attrs
from flask import request
from sqlalchemy import Select, case, func, select

from pnyx import api
from pnyx_comments.models import AGAINST, FOR, NEUTRAL, Comment, Vote
from pnyx_comments.targets import Target

ORDERS = ("newest", "oldest", "best")
PAGE_SIZE = 20


@attrs.frozen
class Person:
    """What a thread shows of a comment's author (``person_name``, ``avatar`` read these)."""

    id: int
    name: str
    deleted_at: dt.datetime | None
    avatar_key: str | None


@attrs.frozen
class Group:
    """The organization a comment was written for (``group_url`` reads its id)."""

    id: int
    name: str


@attrs.frozen
class ThreadComment:
    """A comment as the thread shows it: a plain row, the attributes of :class:`Comment`."""

    id: int
    parent_id: int | None
    depth: int
    author_id: int | None
    body: str
    language: str
    alignment: int
    official: bool
    created_at: dt.datetime
    edited_at: dt.datetime | None
    deleted_at: dt.datetime | None
    hidden_at: dt.datetime | None
    hidden_reason: str
    up_votes: int
    down_votes: int
    author: Person | None
    user_group: Group | None

    @property
    def score(self) -> int:
        return self.up_votes - self.down_votes

    @property
    def visible(self) -> bool:
        return self.hidden_at is None and self.deleted_at is None


@attrs.frozen
class Node:
    """A comment and its replies, for the template."""

    comment: ThreadComment
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


_COMMENT_COLUMNS = (
    Comment.id,
    Comment.parent_id,
    Comment.depth,
    Comment.author_id,
    Comment.body,
    Comment.language,
    Comment.alignment,
    Comment.official,
    Comment.created_at,
    Comment.edited_at,
    Comment.deleted_at,
    Comment.hidden_at,
    Comment.hidden_reason,
    Comment.up_votes,
    Comment.down_votes,
)


def _rows_query() -> Select[Any]:
    """Comments with their author's and organization's names, in one statement."""
    User, UserGroup = api.User, api.groups.UserGroup  # noqa: N806 (model classes)
    return (
        select(
            *_COMMENT_COLUMNS,
            User.name.label("author_name"),
            User.deleted_at.label("author_deleted_at"),
            User.avatar_key.label("author_avatar_key"),
            Comment.user_group_id,
            UserGroup.name.label("group_name"),
        )
        .outerjoin(User, User.id == Comment.author_id)
        .outerjoin(UserGroup, UserGroup.id == Comment.user_group_id)
    )


def _comment(row: Any) -> ThreadComment:
    author = None
    if row.author_id is not None and row.author_name is not None:
        author = Person(
            row.author_id, row.author_name, row.author_deleted_at, row.author_avatar_key
        )
    group = None
    if row.user_group_id is not None and row.group_name is not None:
        group = Group(row.user_group_id, row.group_name)
    fields = {column.key: getattr(row, column.key) for column in _COMMENT_COLUMNS}
    return ThreadComment(**fields, author=author, user_group=group)


def load_page(target: Target, user: api.User | None) -> ThreadPage:
    session = api.db_session()
    order = read_order()
    number = api.page_arg("comments_page")
    roots_query = (
        _rows_query()
        .where(
            Comment.resource_type == target.resource_type,
            Comment.resource_id == target.resource_id,
            Comment.depth == 0,
        )
        .order_by(*_ordering(order))
        .offset((number - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE + 1)
    )
    roots = [_comment(row) for row in session.execute(roots_query)]
    has_next = len(roots) > PAGE_SIZE
    roots = roots[:PAGE_SIZE]
    replies: list[ThreadComment] = []
    if roots:
        replies_query = (
            _rows_query()
            .where(Comment.root_id.in_([c.id for c in roots]), Comment.depth > 0)
            .order_by(Comment.id)
        )
        replies = [_comment(row) for row in session.execute(replies_query)]
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


def _tree(roots: list[ThreadComment], replies: list[ThreadComment]) -> tuple[Node, ...]:
    children: dict[int, list[ThreadComment]] = defaultdict(list)
    for reply in replies:
        children[reply.parent_id or 0].append(reply)

    def node(comment: ThreadComment) -> Node:
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
