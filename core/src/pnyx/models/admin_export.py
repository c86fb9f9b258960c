"""Files that administrators asked for (the action log CSV...), built by a background job."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from pnyx.models.base import Model, utcnow


class AdminExport(Model):
    """One export: ``pending`` while its job writes ``<instance>/exports/admin/<token>.csv``,
    then ``ready`` (or ``failed``, with the error). Only the person who asked downloads it."""

    __tablename__ = "admin_exports"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(64))
    requested_by_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    #: What to export (the action log's filters), and in which language.
    parameters: Mapped[dict[str, Any]] = mapped_column(default=dict)
    locale: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(16), default="pending")
    rows: Mapped[int] = mapped_column(default=0)
    size: Mapped[int] = mapped_column(default=0)
    error: Mapped[str | None] = mapped_column(Text, default=None)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    expires_at: Mapped[dt.datetime] = mapped_column(index=True)
