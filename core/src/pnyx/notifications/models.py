"""What the core stores about following and notifications (issue 19).

Every table here points to its person through a ``user_id`` that cascades on
delete: the personal-data archive exports these rows and account deletion
erases them without further code (:mod:`pnyx.personal_data.core_data`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from pnyx.models.base import JSONType, Model, utcnow

#: How often a person receives their notifications by e-mail.
IMMEDIATELY, DAILY, WEEKLY, NEVER = "immediately", "daily", "weekly", "never"
FREQUENCIES = (IMMEDIATELY, DAILY, WEEKLY, NEVER)
DIGESTS = (DAILY, WEEKLY)


class Follow(Model):
    """A person follows a space, a component or a resource (``target_type``, ``target_id``).

    ``space_id`` and ``component_id`` say where the target lives, so that a
    notification about it is only shown to people who may still see that place.
    ``reason`` says why: ``manual`` (the button), ``author``, ``registered``, ``voted``.
    """

    __tablename__ = "follows"
    __table_args__ = (
        UniqueConstraint("user_id", "target_type", "target_id"),
        Index("ix_follows_target", "target_type", "target_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    target_type: Mapped[str] = mapped_column(String(80))
    target_id: Mapped[int]
    space_id: Mapped[int | None] = mapped_column(ForeignKey("spaces.id", ondelete="CASCADE"))
    component_id: Mapped[int | None] = mapped_column(
        ForeignKey("components.id", ondelete="CASCADE")
    )
    reason: Mapped[str] = mapped_column(String(32), default="manual")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Notification(Model):
    """One notification for one person; ``mail_due`` is the digest that still has to carry it
    (``daily``, ``weekly``, ``immediately`` while its e-mail job runs; ``None`` otherwise)."""

    __tablename__ = "notifications"
    __table_args__ = (
        Index("ix_notifications_user_id_id", "user_id", "id"),
        Index("ix_notifications_mail_due_user_id", "mail_due", "user_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(80))
    target_type: Mapped[str] = mapped_column(String(80))
    target_id: Mapped[int]
    space_id: Mapped[int | None] = mapped_column(ForeignKey("spaces.id", ondelete="CASCADE"))
    component_id: Mapped[int | None] = mapped_column(
        ForeignKey("components.id", ondelete="CASCADE")
    )
    #: The target's title, ``{locale: text}`` (or ``{"": text}`` when not translated).
    title: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    #: The target's page: a path of this site (``/spaces/...``), made absolute in e-mails.
    url: Mapped[str] = mapped_column(String(500), default="")
    #: A short line from the publisher (a new state, a date), translated like ``title``.
    detail: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    read_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    mail_due: Mapped[str | None] = mapped_column(String(16), default=None)
    #: The publication this row came from: a fan-out job run twice stores nothing twice.
    batch_key: Mapped[str] = mapped_column(String(32), index=True, default="")


class NotificationPreference(Model):
    """A person's choices; no row means the defaults (daily digest, follow when taking part)."""

    __tablename__ = "notification_preferences"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    email_frequency: Mapped[str] = mapped_column(String(16), default=DAILY)
    #: ``{kind: frequency}`` where the person chose differently for one kind.
    kind_frequencies: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    #: Registering to a meeting or voting makes the person follow it (they may say no).
    follow_when_participating: Mapped[bool] = mapped_column(default=True)
    #: Explicit consent to newsletters, with its date (GDPR); ``None``: not given or withdrawn.
    newsletter_consent_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    newsletter_withdrawn_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    #: Set when the address bounced: no newsletter is sent to it again until it changes.
    bounced_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    #: Raised by each one-click unsubscribe, so each link works once.
    unsubscribe_serial: Mapped[int] = mapped_column(default=0)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Newsletter(Model):
    """A newsletter written by staff and sent through the job queue (issue 19 item 3).

    Only counts are kept (``recipients_count``, ``sent_count``), never who received it;
    ``last_user_id`` is where the sending batches stopped, so a job run twice sends
    nothing twice and a stopped sending resumes where it was.
    """

    __tablename__ = "newsletters"

    id: Mapped[int] = mapped_column(primary_key=True)
    subject: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    body: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    #: ``all`` (everyone who accepted newsletters), ``spaces`` or ``territories``.
    audience: Mapped[str] = mapped_column(String(16), default="all")
    space_ids: Mapped[list[int]] = mapped_column(JSONType, default=list)
    term_ids: Mapped[list[int]] = mapped_column(JSONType, default=list)
    #: ``draft``, ``sending``, ``sent``.
    status: Mapped[str] = mapped_column(String(16), default="draft")
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    recipients_count: Mapped[int] = mapped_column(default=0)
    sent_count: Mapped[int] = mapped_column(default=0)
    last_user_id: Mapped[int] = mapped_column(default=0)


class PublicProfile(Model):
    """How a person shows on their public profile page (no row: shown under their name)."""

    __tablename__ = "public_profiles"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    #: Shown instead of the name on the profile page, when set.
    nickname: Mapped[str | None] = mapped_column(String(60), default=None)
    #: The person hid their profile: ``/people/<id>`` answers 404.
    hidden: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
