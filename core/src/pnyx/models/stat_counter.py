"""Stored participation figures: what space pages show without recounting."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from pnyx.models.base import Model, utcnow


class StatCounter(Model):
    """One figure (a :class:`~pnyx.manifests.StatDefinition`) of one component, as last
    computed by :func:`pnyx.counters.refresh_counters` (``pnyx stats rebuild`` recomputes
    them all)."""

    __tablename__ = "stat_counters"

    component_id: Mapped[int] = mapped_column(
        ForeignKey("components.id", ondelete="CASCADE"), primary_key=True
    )
    name: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger)
    computed_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    #: The component's newest action-log entry when the figure was counted: a newer one
    #: means something changed since.
    log_id: Mapped[int] = mapped_column(BigInteger, default=0)
