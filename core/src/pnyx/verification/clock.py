"""The clock verification and assisted participation read.

Tests freeze time by monkeypatching :func:`now` (``monkeypatch.setattr(
"pnyx.verification.clock.now", lambda: fixed)``); callers therefore always
call ``clock.now()`` through the module, never a copy of the function.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask import current_app

from pnyx.models.base import utcnow
from pnyx.organization import current_organization


def now() -> dt.datetime:
    """The current time, timezone-aware (UTC)."""
    return utcnow()


def organization_zone() -> ZoneInfo:
    """The organization's time zone (the configured default before seeding)."""
    organization = current_organization()
    name = organization.time_zone if organization else current_app.config["TIME_ZONE"]
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def today() -> dt.date:
    """Today's date where the organization is: the day an action happens on."""
    return now().astimezone(organization_zone()).date()


def start_of_day(day: dt.date) -> dt.datetime:
    """Midnight of ``day`` in the organization's time zone, as an aware datetime."""
    return dt.datetime.combine(day, dt.time(), tzinfo=organization_zone())
