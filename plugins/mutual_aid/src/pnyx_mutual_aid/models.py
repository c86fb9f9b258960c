"""The plugin's tables, all prefixed ``mutual_aid_``.

Integrity lives here: one conversation per post and responder (two helpers
answering at once each get theirs, the same helper twice gets the same one),
category codes unique per component, one ban per person and component, one
block per pair. Conversations are reached by a random ``token``, never by
their sequential id, so nobody can walk through other people's exchanges.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pnyx import api

#: Resource type names, in the action log and resource links.
POST_RESOURCE = "mutual_aid_post"
MESSAGE_RESOURCE = "mutual_aid_message"

KINDS = ("offer", "request")
STATUSES = ("open", "matched", "done", "expired", "withdrawn")


def new_token() -> str:
    """About 128 random bits, URL-safe: not guessable, not sequential."""
    return secrets.token_urlsafe(16)


class AidCategory(api.Model):
    """A kind of help (shopping, errands, childcare…), staff-defined per component."""

    __tablename__ = "mutual_aid_categories"
    __table_args__ = (UniqueConstraint("component_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    component_id: Mapped[int] = mapped_column(ForeignKey("components.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(40))
    #: ``{locale: text}``.
    name: Mapped[dict[str, Any]]
    position: Mapped[int] = mapped_column(default=0)
    #: An archived category is not offered for new posts; its posts keep it.
    archived: Mapped[bool] = mapped_column(default=False)


class AidPost(api.Model):
    """An offer or a request of help. Never holds an address: a territory only."""

    __tablename__ = "mutual_aid_posts"
    __table_args__ = (
        Index("ix_mutual_aid_posts_listing", "component_id", "status", "expires_at"),
        Index("ix_mutual_aid_posts_author", "author_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    component_id: Mapped[int] = mapped_column(ForeignKey("components.id", ondelete="CASCADE"))
    #: The posts of a deleted account disappear with it.
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(10))
    category_id: Mapped[int] = mapped_column(
        ForeignKey("mutual_aid_categories.id", ondelete="RESTRICT"), index=True
    )
    territory_id: Mapped[int | None] = mapped_column(
        ForeignKey("taxonomy_terms.id", ondelete="RESTRICT"), index=True
    )
    title: Mapped[str] = mapped_column(String(120))
    body: Mapped[str] = mapped_column(Text)
    #: The language its title and body are written in (pnyx.written_language).
    language: Mapped[str] = api.written_language_column()
    available_from: Mapped[dt.date | None]
    available_until: Mapped[dt.date | None]
    #: When the post leaves the lists (renewable by its author).
    expires_at: Mapped[dt.datetime]
    status: Mapped[str] = mapped_column(String(12), default="open")
    matched_at: Mapped[dt.datetime | None]
    closed_at: Mapped[dt.datetime | None]
    #: Set by moderation: a hidden post leaves lists and pages (its author still sees it).
    hidden_at: Mapped[dt.datetime | None]
    reports_count: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[dt.datetime] = mapped_column(default=api.utcnow)

    component: Mapped[api.Component] = relationship()
    author: Mapped[api.User] = relationship()
    category: Mapped[AidCategory] = relationship()
    territory: Mapped[api.TaxonomyTerm | None] = relationship()

    @property
    def is_open(self) -> bool:
        return self.status == "open" and self.expires_at > api.utcnow()

    @property
    def resource(self) -> tuple[str, int]:
        return (POST_RESOURCE, self.id)


class AidConversation(api.Model):
    """A private exchange about a post between its author and one responder."""

    __tablename__ = "mutual_aid_conversations"
    __table_args__ = (
        UniqueConstraint("post_id", "responder_id"),
        Index("ix_mutual_aid_conversations_author", "author_id"),
        Index("ix_mutual_aid_conversations_responder", "responder_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(32), unique=True, default=new_token)
    component_id: Mapped[int] = mapped_column(ForeignKey("components.id", ondelete="CASCADE"))
    post_id: Mapped[int] = mapped_column(ForeignKey("mutual_aid_posts.id", ondelete="CASCADE"))
    #: The post's author, copied so "my conversations" is one indexed query.
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    responder_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    created_at: Mapped[dt.datetime] = mapped_column(default=api.utcnow)
    last_message_at: Mapped[dt.datetime] = mapped_column(default=api.utcnow)
    author_read_at: Mapped[dt.datetime | None]
    responder_read_at: Mapped[dt.datetime | None]
    ended_at: Mapped[dt.datetime | None]
    ended_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: Set when a message of it is reported: from then on moderators may read it.
    reported_at: Mapped[dt.datetime | None]

    component: Mapped[api.Component] = relationship()
    post: Mapped[AidPost] = relationship()
    author: Mapped[api.User] = relationship(foreign_keys=[author_id])
    responder: Mapped[api.User] = relationship(foreign_keys=[responder_id])

    def other(self, user_id: int) -> api.User:
        return self.responder if user_id == self.author_id else self.author

    def involves(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in (self.author_id, self.responder_id)


class AidMessage(api.Model):
    """One message of a conversation (plain text, shown escaped)."""

    __tablename__ = "mutual_aid_messages"
    __table_args__ = (
        Index("ix_mutual_aid_messages_thread", "conversation_id", "created_at"),
        # The rate limit counts a sender's recent messages.
        Index("ix_mutual_aid_messages_sender", "sender_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("mutual_aid_conversations.id", ondelete="CASCADE")
    )
    sender_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    body: Mapped[str] = mapped_column(Text)
    #: The language it is written in (pnyx.written_language).
    language: Mapped[str] = api.written_language_column()
    created_at: Mapped[dt.datetime] = mapped_column(default=api.utcnow)
    hidden_at: Mapped[dt.datetime | None]

    conversation: Mapped[AidConversation] = relationship()
    sender: Mapped[api.User] = relationship()


class AidBlock(api.Model):
    """``blocker`` no longer hears from ``blocked``: no message, no new conversation."""

    __tablename__ = "mutual_aid_blocks"

    blocker_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    blocked_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(default=api.utcnow)


class AidBan(api.Model):
    """A moderator banned a person from a component: no post, contact or message there."""

    __tablename__ = "mutual_aid_bans"

    component_id: Mapped[int] = mapped_column(
        ForeignKey("components.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(default=api.utcnow)

    user: Mapped[api.User] = relationship()


class AidReport(api.Model):
    """A person reports a post or a message to the moderators."""

    __tablename__ = "mutual_aid_reports"
    __table_args__ = (
        UniqueConstraint("post_id", "reporter_id"),
        UniqueConstraint("message_id", "reporter_id"),
    )

    REASONS = ("unsafe", "spam", "offensive", "other")

    id: Mapped[int] = mapped_column(primary_key=True)
    component_id: Mapped[int] = mapped_column(ForeignKey("components.id", ondelete="CASCADE"))
    post_id: Mapped[int | None] = mapped_column(
        ForeignKey("mutual_aid_posts.id", ondelete="CASCADE"), index=True
    )
    message_id: Mapped[int | None] = mapped_column(
        ForeignKey("mutual_aid_messages.id", ondelete="CASCADE"), index=True
    )
    reporter_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    reason: Mapped[str] = mapped_column(String(20))
    details: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(default=api.utcnow)
    resolved_at: Mapped[dt.datetime | None]

    post: Mapped[AidPost | None] = relationship()
    message: Mapped[AidMessage | None] = relationship()


class AidGuidance(api.Model):
    """The safety guidance of a component, written by staff (shown before a first contact)."""

    __tablename__ = "mutual_aid_guidance"

    component_id: Mapped[int] = mapped_column(
        ForeignKey("components.id", ondelete="CASCADE"), primary_key=True
    )
    #: ``{locale: markdown}``; empty: the built-in guidance in the reader's language.
    body: Mapped[dict[str, Any]] = mapped_column(default=dict)
    updated_at: Mapped[dt.datetime] = mapped_column(default=api.utcnow)
