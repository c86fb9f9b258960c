"""People and their roles."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pnyx.models.base import JSONType, Model, utcnow


class OrganizationRole(enum.StrEnum):
    ADMIN = "admin"
    MODERATOR = "moderator"
    USER_MANAGER = "user_manager"


class SpaceRole(enum.StrEnum):
    ADMIN = "admin"
    MODERATOR = "moderator"
    VALUATOR = "valuator"
    COLLABORATOR = "collaborator"


class User(Model):
    """A person with an account (or a managed participant without one)."""

    __tablename__ = "users"
    #: The admin users list is ordered by name (then id): an index, not a sort of everyone.
    __table_args__ = (Index("ix_users_name_id", "name", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    locale: Mapped[str | None] = mapped_column(String(10))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    confirmed_at: Mapped[dt.datetime | None]
    blocked: Mapped[bool] = mapped_column(default=False)
    #: Raised when the password changes: sessions signed with an older value end.
    session_version: Mapped[int] = mapped_column(default=1)
    #: A participant without an account, created and assisted by a user manager.
    managed: Mapped[bool] = mapped_column(default=False)
    #: Set when the person deleted their account; e-mail and name are erased then.
    deleted_at: Mapped[dt.datetime | None]
    #: Optional e-mails the person turned off, by name (pnyx.accounts.mail_preferences).
    mail_opt_outs: Mapped[list[str]] = mapped_column(JSONType, default=list, server_default="[]")
    #: The key of the person's avatar (an attachment owned by ``("user", id)``), so pages
    #: that show names show avatars without one more query per name (docs/accounts.md).
    avatar_key: Mapped[str | None] = mapped_column(String(64), default=None)
    organization_roles: Mapped[list[UserOrganizationRole]] = relationship(
        cascade="all, delete-orphan", lazy="selectin"
    )

    #: Read with the signed-in person (one query, ``load_user``); writes go through the
    #: ``user_space_roles`` rows themselves.
    space_role_rows: Mapped[list[UserSpaceRole]] = relationship(viewonly=True)

    def has_role(self, role: OrganizationRole) -> bool:
        return any(r.role == role for r in self.organization_roles)

    @property
    def is_admin(self) -> bool:
        return self.has_role(OrganizationRole.ADMIN)


class UserOrganizationRole(Model):
    __tablename__ = "user_organization_roles"
    __table_args__ = (UniqueConstraint("user_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(32))


class UserSpaceRole(Model):
    __tablename__ = "user_space_roles"
    __table_args__ = (UniqueConstraint("space_id", "user_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    space_id: Mapped[int] = mapped_column(ForeignKey("spaces.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(32))


class UserSession(Model):
    """A signed-in browser, kept on the server so that signing out really ends it.

    The cookie holds a random token; only its SHA-256 is stored. Deleting the row
    ends the session at its next request, whatever the cookie says.
    """

    __tablename__ = "user_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
