"""Participatory spaces and their phases (steps)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlalchemy import ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pnyx.models.base import Model, utcnow

if TYPE_CHECKING:
    from pnyx.models.component import Component
    from pnyx.models.space_group import SpaceGroup
    from pnyx.models.taxonomy import TaxonomyTerm


class SpaceTheme(Model):
    """A theme a space offers (none: every theme of the organization), see docs/spaces.md."""

    __tablename__ = "space_themes"

    space_id: Mapped[int] = mapped_column(
        ForeignKey("spaces.id", ondelete="CASCADE"), primary_key=True
    )
    term_id: Mapped[int] = mapped_column(
        ForeignKey("taxonomy_terms.id", ondelete="CASCADE"), primary_key=True
    )


space_themes = SpaceTheme.__table__


class Space(Model):
    """A participatory space of a registered space type (``process``, ``assemblies``...)."""

    __tablename__ = "spaces"

    id: Mapped[int] = mapped_column(primary_key=True)
    type: Mapped[str] = mapped_column(String(64))
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[dict[str, Any]]
    description: Mapped[dict[str, Any]] = mapped_column(default=dict)
    published: Mapped[bool] = mapped_column(default=False)
    private: Mapped[bool] = mapped_column(default=False)
    position: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    #: The group it belongs to (a budget's editions), if any.
    group_id: Mapped[int | None] = mapped_column(
        ForeignKey("space_groups.id", ondelete="SET NULL"), index=True
    )
    #: Shown first in the listings, with a mark.
    highlighted: Mapped[bool] = mapped_column(default=False, server_default=text("false"))
    #: The territory it concerns (a commune, a district), for the listing's filter.
    territory_id: Mapped[int | None] = mapped_column(
        ForeignKey("taxonomy_terms.id", ondelete="SET NULL"), index=True
    )
    group: Mapped[SpaceGroup | None] = relationship(back_populates="spaces")
    themes: Mapped[list[TaxonomyTerm]] = relationship(
        secondary=space_themes, order_by="TaxonomyTerm.position, TaxonomyTerm.id"
    )
    steps: Mapped[list[Step]] = relationship(
        back_populates="space", order_by="Step.position", cascade="all, delete-orphan"
    )
    components: Mapped[list[Component]] = relationship(
        back_populates="space", order_by="Component.weight", cascade="all, delete-orphan"
    )

    @property
    def active_step(self) -> Step | None:
        return next((s for s in self.steps if s.active), None)


class Step(Model):
    """An ordered phase of a space. The database allows at most one active per space."""

    __tablename__ = "steps"
    __table_args__ = (
        Index(
            "uq_steps_one_active_per_space",
            "space_id",
            unique=True,
            sqlite_where=text("active"),
            postgresql_where=text("active"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    space_id: Mapped[int] = mapped_column(ForeignKey("spaces.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[dict[str, Any]]
    description: Mapped[dict[str, Any]] = mapped_column(default=dict)
    start_date: Mapped[dt.date | None]
    end_date: Mapped[dt.date | None]
    active: Mapped[bool] = mapped_column(default=False)
    #: When the step was last made active (by an admin or automatically).
    activated_at: Mapped[dt.datetime | None]
    space: Mapped[Space] = relationship(back_populates="steps")
