"""Groups of spaces: a participatory budget's editions, a year's consultations."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pnyx.models.base import Model, utcnow

if TYPE_CHECKING:
    from pnyx.models.space import Space


class SpaceGroup(Model):
    """Spaces shown together on their own page ("Budget participatif": 2018, 2019, 2020)."""

    __tablename__ = "space_groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[dict[str, Any]]
    #: Rich text (docs/rich-text.md), in every language.
    description: Mapped[dict[str, Any]] = mapped_column(default=dict)
    position: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    spaces: Mapped[list[Space]] = relationship(
        back_populates="group", order_by="Space.position, Space.id", passive_deletes=True
    )
