"""The plugin's tables, all prefixed ``comments_``.

A comment points to any commentable record by ``(resource_type, resource_id)``
(the plugin never imports the plugin that owns it) and to that record's
component, so a component's deletion takes its comments along. Integrity lives
in the database: one vote per person and comment, one report per person and
comment. Counters are recounted under the comment's row lock (``votes.py``).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, SmallInteger, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pnyx import api

#: Resource type name of a comment, in the action log.
RESOURCE = "comments_comment"
#: The deepest reply: a comment (0), its replies (1), replies to them (2).
MAX_DEPTH = 2
#: Longest comment, in characters.
MAX_LENGTH = 2000
#: Alignment of a comment with the resource: against, neutral, for.
AGAINST, NEUTRAL, FOR = -1, 0, 1


class Comment(api.Model):
    """A comment on a record, or a reply to another comment (``parent_id``)."""

    __tablename__ = "comments_comments"
    __table_args__ = (
        # A thread's first page: the record's top-level comments, newest or oldest first.
        Index("ix_comments_comments_thread", "resource_type", "resource_id", "depth", "id"),
        # Replies travel with their thread's root (one query for a page's replies).
        Index("ix_comments_comments_root", "root_id", "id"),
        Index("ix_comments_comments_moderation", "component_id", "reports_count"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    resource_type: Mapped[str] = mapped_column(String(64))
    resource_id: Mapped[int]
    component_id: Mapped[int] = mapped_column(ForeignKey("components.id", ondelete="CASCADE"))
    #: The comment answered; ``NULL`` for a top-level comment.
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("comments_comments.id", ondelete="CASCADE")
    )
    #: The top-level comment of the thread (itself for a top-level comment).
    root_id: Mapped[int | None] = mapped_column(
        ForeignKey("comments_comments.id", ondelete="CASCADE")
    )
    depth: Mapped[int] = mapped_column(SmallInteger, default=0)
    #: The person stays linked after deleting their account: shown "Deleted participant".
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    #: Written on behalf of this organization (docs/groups.md): shown as the author; the
    #: person stays in ``author_id`` and the action log.
    user_group_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_groups.id", ondelete="SET NULL"), index=True
    )
    body: Mapped[str] = mapped_column(Text)
    #: The language its author wrote it in (pnyx.written_language): marked where not the page's.
    language: Mapped[str] = api.written_language_column()
    alignment: Mapped[int] = mapped_column(SmallInteger, default=NEUTRAL)
    #: Written by staff of the space as an official answer.
    official: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[dt.datetime] = mapped_column(default=api.utcnow)
    edited_at: Mapped[dt.datetime | None]
    #: Deleted by its author: replies keep a tombstone in its place.
    deleted_at: Mapped[dt.datetime | None]
    hidden_at: Mapped[dt.datetime | None]
    hidden_reason: Mapped[str] = mapped_column(Text, default="")
    up_votes: Mapped[int] = mapped_column(default=0)
    down_votes: Mapped[int] = mapped_column(default=0)
    reports_count: Mapped[int] = mapped_column(default=0)

    author: Mapped[api.User | None] = relationship()
    user_group: Mapped[api.groups.UserGroup | None] = relationship()
    component: Mapped[api.Component] = relationship()

    @property
    def score(self) -> int:
        return self.up_votes - self.down_votes

    @property
    def visible(self) -> bool:
        return self.hidden_at is None and self.deleted_at is None


class Vote(api.Model):
    """An up (+1) or down (-1) vote; one per person and comment, enforced by the database."""

    __tablename__ = "comments_votes"
    __table_args__ = (UniqueConstraint("comment_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(ForeignKey("comments_comments.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    value: Mapped[int] = mapped_column(SmallInteger)
    created_at: Mapped[dt.datetime] = mapped_column(default=api.utcnow)


class Report(api.Model):
    """A person reports a comment to the space's moderators, once."""

    __tablename__ = "comments_reports"
    __table_args__ = (UniqueConstraint("comment_id", "user_id"),)

    REASONS = ("spam", "offensive", "off_topic", "personal_data")

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(ForeignKey("comments_comments.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    reason: Mapped[str] = mapped_column(String(20))
    details: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(default=api.utcnow)


class Version(api.Model):
    """The text a comment had before an edit: its history, for moderators."""

    __tablename__ = "comments_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(
        ForeignKey("comments_comments.id", ondelete="CASCADE"), index=True
    )
    body: Mapped[str] = mapped_column(Text)
    written_at: Mapped[dt.datetime]
