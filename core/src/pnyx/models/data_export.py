"""A person's "download my data" archives (see ``pnyx.personal_data``)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from pnyx.models.base import Model, utcnow


class DataExport(Model):
    """One archive of a person's data: a job, then a ZIP file in ``<instance>/exports/``.

    The file is named after ``token`` (random, unguessable); only its owner,
    signed in, may download it, until ``expires_at``. ``status`` is
    ``pending`` while the archive is built and ``ready`` once the file exists.
    """

    __tablename__ = "data_exports"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(index=True)
    #: Size of the ZIP file in bytes, once ready.
    size: Mapped[int] = mapped_column(default=0)
