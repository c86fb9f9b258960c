"""Which row an import created for each external id, so importing again creates nothing twice."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from pnyx.models.base import Model, utcnow


class ImportKey(Model):
    """``(importer, external id) → resource id``, written with the row it points to.

    One table for every importer (the core's ``people``, plugins' ``<plugin>:<kind>``),
    so a plugin's importer needs no column or migration of its own.
    """

    __tablename__ = "import_keys"
    __table_args__ = (
        UniqueConstraint("importer", "external_id"),
        # "Which external id points to these rows?" (an address matched by an earlier import).
        Index("ix_import_keys_resource", "importer", "resource_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    importer: Mapped[str] = mapped_column(String(80))
    external_id: Mapped[str] = mapped_column(String(128))
    resource_id: Mapped[int]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
