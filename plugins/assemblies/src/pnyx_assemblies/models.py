"""The plugin's tables: an assembly's own record of its space, and its members.

A space of type ``assemblies`` is a core ``Space`` (slug, title, description,
published, private, roles, components); what makes it an assembly lives here,
one ``assemblies_assemblies`` row per space, deleted with it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pnyx import api
from pnyx_assemblies.kinds import MEMBER, POSITIONS, PUBLIC, THEMATIC


class Assembly(api.Model):
    """What a space of type ``assemblies`` has beyond any space."""

    __tablename__ = "assemblies_assemblies"

    id: Mapped[int] = mapped_column(primary_key=True)
    space_id: Mapped[int] = mapped_column(ForeignKey("spaces.id", ondelete="CASCADE"), unique=True)
    kind: Mapped[str] = mapped_column(String(32), default=THEMATIC)
    # A sub-assembly points to its parent's space; deleting the parent leaves it at the top.
    parent_space_id: Mapped[int | None] = mapped_column(
        ForeignKey("spaces.id", ondelete="SET NULL"), index=True
    )
    #: ``public`` or ``transparent``; ``private`` is the core's ``space.private`` (kept in step).
    visibility: Mapped[str] = mapped_column(String(16), default=PUBLIC)
    purpose: Mapped[dict[str, Any]] = mapped_column(default=dict)
    composition: Mapped[dict[str, Any]] = mapped_column(default=dict)
    organisation: Mapped[dict[str, Any]] = mapped_column(default=dict)
    how_to_join: Mapped[dict[str, Any]] = mapped_column(default=dict)
    duration: Mapped[dict[str, Any]] = mapped_column(default=dict)
    closing_date: Mapped[dt.date | None]
    closing_reason: Mapped[dict[str, Any]] = mapped_column(default=dict)
    theme_id: Mapped[int | None] = mapped_column(
        ForeignKey("taxonomy_terms.id", ondelete="SET NULL"), index=True
    )
    territory_id: Mapped[int | None] = mapped_column(
        ForeignKey("taxonomy_terms.id", ondelete="SET NULL"), index=True
    )

    space: Mapped[api.Space] = relationship(foreign_keys=[space_id])
    parent_space: Mapped[api.Space | None] = relationship(foreign_keys=[parent_space_id])
    members: Mapped[list[Member]] = relationship(
        back_populates="assembly", cascade="all, delete-orphan", order_by="Member.position_rank"
    )


class Member(api.Model):
    """A member of an assembly: a registered person, or a name only (no account)."""

    __tablename__ = "assemblies_members"
    __table_args__ = (
        # A person is listed once per assembly (rows without an account are names only).
        UniqueConstraint("assembly_id", "user_id"),
        Index("ix_assemblies_members_user", "user_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    assembly_id: Mapped[int] = mapped_column(
        ForeignKey("assemblies_assemblies.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    #: The name shown for a member without an account.
    name: Mapped[str | None] = mapped_column(String(200))
    position: Mapped[str] = mapped_column(String(16), default=MEMBER)
    #: Sorts the list: president, secretary, members, other positions.
    position_rank: Mapped[int] = mapped_column(default=POSITIONS.index(MEMBER))
    #: The position's name when ``position`` is ``other`` ({locale: text}).
    position_label: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(default=api.utcnow)

    assembly: Mapped[Assembly] = relationship(back_populates="members")
    user: Mapped[api.User | None] = relationship()

    @property
    def display_name(self) -> str:
        if self.user is not None:
            return api.person_name(self.user)
        return self.name or ""
