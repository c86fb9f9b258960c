"""Reading the organization's open-data choices (defaults until staff save them)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from pnyx.models import OpenDataSettings
from pnyx.models.open_data import LICENCES

SETTINGS_ID = 1


def open_data_settings(session: Session) -> OpenDataSettings:
    """The stored row, or an unsaved one holding the defaults."""
    row = session.get(OpenDataSettings, SETTINGS_ID)
    if row is None:
        row = OpenDataSettings(id=SETTINGS_ID, licence=LICENCES[0], territory_statistics=False)
    return row
