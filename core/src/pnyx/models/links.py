"""Typed links between resources of different plugins, and the action log."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from pnyx.models.base import Model, utcnow


class ResourceLink(Model):
    """``name`` says what the link means, e.g. ``proposals.included_in_project``.

    Resources are addressed by their resource type name and id, so plugins
    cooperate without importing each other's models.
    """

    __tablename__ = "resource_links"
    __table_args__ = (
        UniqueConstraint("name", "from_type", "from_id", "to_type", "to_id"),
        Index("ix_resource_links_to", "to_type", "to_id"),
        Index("ix_resource_links_from", "from_type", "from_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    from_type: Mapped[str] = mapped_column(String(64))
    from_id: Mapped[int]
    to_type: Mapped[str] = mapped_column(String(64))
    to_id: Mapped[int]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class ActionLog(Model):
    """A state change made by a person; written in the same transaction as the change.

    Never holds a ballot's content: ``extra`` is for ids and plain facts only.
    """

    __tablename__ = "action_log"
    # The admin page filters by person, space or component and pages newest first by id:
    # (column, id) serves both without scanning the log (issue 13).
    __table_args__ = (
        Index("ix_action_log_actor_id_id", "actor_id", "id"),
        Index("ix_action_log_space_id_id", "space_id", "id"),
        Index("ix_action_log_component_id_id", "component_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: The staff member who acted for a managed participant, if any.
    operator_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(100), index=True)
    resource_type: Mapped[str | None] = mapped_column(String(64))
    resource_id: Mapped[int | None]
    space_id: Mapped[int | None] = mapped_column(ForeignKey("spaces.id", ondelete="SET NULL"))
    component_id: Mapped[int | None] = mapped_column(
        ForeignKey("components.id", ondelete="SET NULL")
    )
    #: ``public``, ``admin`` or ``private``.
    visibility: Mapped[str] = mapped_column(String(16), default="admin")
    extra: Mapped[dict[str, Any]] = mapped_column(default=dict)

    def private_to_anonymous(self) -> bool:
        """Only "public" entries reach anonymous pages (the page cache keeps them otherwise)."""
        return self.visibility != "public"
