"""The organization's open-data choices: the licence of its data and whether its
statistics may be broken down by territory."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from pnyx.models.base import Model, utcnow

#: Licences an organization may publish its data under (Etalab's Open Licence 2.0, ODbL).
LICENCES = ("etalab-2.0", "odbl-1.0")


class OpenDataSettings(Model):
    """One row (id 1); missing until staff save the page, defaults apply meanwhile."""

    __tablename__ = "open_data_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    licence: Mapped[str] = mapped_column(String(16), default=LICENCES[0])
    #: Whether public statistics show figures per territory (a small commune may be too
    #: small for that: the organization chooses).
    territory_statistics: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)
