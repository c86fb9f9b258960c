"""Stored participation figures: what space pages show without recounting."""

from __future__ import annotations

import datetime as dt
from typing import Any

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


class StatSnapshot(Model):
    """Figures computed for more than one component (the organization's totals on the home
    page), stored under a name by :mod:`pnyx.statistics.snapshot` so a page reads them."""

    __tablename__ = "stat_snapshots"

    name: Mapped[str] = mapped_column(String(80), primary_key=True)
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    computed_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    #: The newest action-log entry when the figures were counted (any component).
    log_id: Mapped[int] = mapped_column(BigInteger, default=0)
