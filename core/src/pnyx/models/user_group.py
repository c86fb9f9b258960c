"""User groups: associations, businesses and public bodies that take part as themselves.

A group has a profile and members; a member may act **on behalf of** the
group where a component allows it (``docs/groups.md``): the content shows the
group as its author, the action log the person who acted.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pnyx.models.base import Model, utcnow
from pnyx.models.user import User


class GroupRole(enum.StrEnum):
    """Where a person stands in a group."""

    #: Manages the profile and the members; acts on behalf of the group.
    ADMIN = "admin"
    #: Acts on behalf of the group.
    MEMBER = "member"
    #: Asked to join; a group admin accepts or declines.
    REQUESTED = "requested"
    #: Invited by a group admin; the person accepts or declines.
    INVITED = "invited"


#: Roles of the people who belong to the group (requests and invitations do not).
BELONGING = (GroupRole.ADMIN, GroupRole.MEMBER)


class UserGroup(Model):
    """An association, a business or a public body with a profile on the platform."""

    __tablename__ = "user_groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    #: ``association``, ``business``, ``public_body`` or ``other``.
    kind: Mapped[str] = mapped_column(String(32), default="association")
    description: Mapped[dict[str, Any]] = mapped_column(default=dict)
    website: Mapped[str | None] = mapped_column(String(300))
    #: The logo's file name in the uploads folder (made from its content), and its text
    #: alternative (required with a logo).
    logo: Mapped[str | None] = mapped_column(String(120))
    logo_alt: Mapped[str | None] = mapped_column(String(200))
    #: Set by staff who checked the group (a document, or by hand); ``None``: not verified.
    verified_at: Mapped[dt.datetime | None]
    #: How staff verified it: what they saw (a statute, a SIRET number...). Admin-only.
    verification_note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    memberships: Mapped[list[UserGroupMembership]] = relationship(
        back_populates="group", cascade="all, delete-orphan"
    )

    @property
    def verified(self) -> bool:
        return self.verified_at is not None


class UserGroupMembership(Model):
    """A person's place in a group: admin, member, or a pending request or invitation."""

    __tablename__ = "user_group_memberships"
    # One row per person and group: asking twice, or inviting a member, changes nothing.
    __table_args__ = (UniqueConstraint("group_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(
        ForeignKey("user_groups.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(16), default=GroupRole.MEMBER)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    group: Mapped[UserGroup] = relationship(back_populates="memberships")
    user: Mapped[User] = relationship()
