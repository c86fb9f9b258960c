"""The organization: the city that runs this instance."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import String, text
from sqlalchemy.orm import Mapped, mapped_column

from pnyx.models.base import JSONType, Model, utcnow


class Organization(Model):
    """There is one row: an instance serves one city."""

    __tablename__ = "organization"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Translated: ``{"fr": "Ville d'Angers", "en": "City of Angers"}``.
    name: Mapped[dict[str, Any]]
    default_locale: Mapped[str] = mapped_column(String(10), default="fr")
    available_locales: Mapped[list[str]] = mapped_column(JSONType, default=lambda: ["fr", "en"])
    time_zone: Mapped[str] = mapped_column(String(64), default="Europe/Paris")
    primary_color: Mapped[str] = mapped_column(String(7), default="#1d4e89")
    #: File name of the logo in ``<instance>/uploads/`` (made from its content), if any.
    logo: Mapped[str | None] = mapped_column(String(100))
    #: Translated terms of use, written by staff, shown at ``/terms`` and linked from the
    #: sign-up form's checkbox.
    terms: Mapped[dict[str, Any]] = mapped_column(default=dict, server_default=text("'{}'"))


class SeedRecord(Model):
    """Which demo data was seeded (``pnyx`` for the core, else a plugin name), so
    ``pnyx demo`` seeds each plugin once even when run again."""

    __tablename__ = "seed_records"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    seeded_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
