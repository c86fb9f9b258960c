"""Verification of eligibility: authorizations, the conflict queue, the census.

An :class:`Authorization` records that a person passed one verification
handler (``birth_date``, ``residence``, ``census`` or a plugin's). It keeps
only the minimal data the handler needs to answer later questions ("is this
person 17 or under on the voting day?") and, for handlers that establish an
identity, a keyed hash of that identity: unique per handler, so one identity
verifies one account only. Raw identifiers (elector numbers...) are never
stored; see ``docs/verification.md``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pnyx.models.base import Model, utcnow
from pnyx.models.user import User

#: Stored statuses; ``missing``, ``expired``, ``unauthorized`` and ``incomplete``
#: are computed when a requirement is checked.
GRANTED = "ok"
PENDING = "pending"


class Authorization(Model):
    """One person's verification with one handler (at most one row per pair)."""

    __tablename__ = "authorizations"
    __table_args__ = (
        UniqueConstraint("user_id", "handler"),
        # NULLs do not collide: handlers without an identity store no hash.
        UniqueConstraint("handler", "unique_id_hash"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    handler: Mapped[str] = mapped_column(String(64))
    #: ``ok`` (granted) or ``pending`` (waiting for a staff confirmation).
    status: Mapped[str] = mapped_column(String(16), default=GRANTED)
    #: Minimal facts the handler checks options against (a birth date, a territory id).
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    #: Keyed HMAC of the identity (census); ``None`` for self-declared facts.
    unique_id_hash: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    granted_at: Mapped[dt.datetime | None]
    expires_at: Mapped[dt.datetime | None]
    user: Mapped[User] = relationship()

    def is_expired(self, now: dt.datetime) -> bool:
        return self.expires_at is not None and self.expires_at <= now


class AuthorizationConflict(Model):
    """A second account tried to verify with an identity another account holds.

    Nothing is granted; an admin transfers the authorization to the new account
    or rejects the attempt. At most one open conflict per person and handler.
    """

    __tablename__ = "authorization_conflicts"
    __table_args__ = (
        Index(
            "uq_authorization_conflicts_one_open",
            "user_id",
            "handler",
            unique=True,
            sqlite_where=text("resolved_at IS NULL"),
            postgresql_where=text("resolved_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The person who attempted to verify.
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    handler: Mapped[str] = mapped_column(String(64))
    unique_id_hash: Mapped[str] = mapped_column(String(64))
    #: The account that held the identity at the time of the attempt.
    holder_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: What the attempt would have granted (same minimal data as an authorization).
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    resolved_at: Mapped[dt.datetime | None]
    #: ``transferred`` or ``rejected``.
    resolution: Mapped[str | None] = mapped_column(String(16))
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    user: Mapped[User] = relationship(foreign_keys=[user_id])
    holder: Mapped[User | None] = relationship(foreign_keys=[holder_id])


class CensusEntry(Model):
    """One line of the census an admin uploaded: only the keyed hash of its identifiers."""

    __tablename__ = "census_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    identity_hash: Mapped[str] = mapped_column(String(64), unique=True)
    imported_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class VerificationSetting(Model):
    """Organization-wide choices for one handler (one row per handler).

    ``options`` holds e.g. ``{"confirmation_required": true}`` for ``residence``,
    ``{"columns": [...]}`` for ``census``, ``{"validity_days": 365}`` for any.
    """

    __tablename__ = "verification_settings"

    handler: Mapped[str] = mapped_column(String(64), primary_key=True)
    options: Mapped[dict[str, Any]] = mapped_column(default=dict)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)
