"""The organization's time zone: where meeting times are entered and shown.

Times are stored in UTC. People type them as wall-clock times of the city
(``2026-03-29T14:00``); :func:`to_utc` converts, refusing times that do not
exist (the hour skipped when clocks go forward) and reading an ambiguous
time (the hour repeated when they go back) as its first occurrence.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask import current_app, g, has_app_context, has_request_context
from flask_babel import get_timezone
from sqlalchemy import select

from pnyx import api

FALLBACK_ZONE = "Europe/Paris"


class NonexistentTimeError(ValueError):
    """A wall-clock time that the time zone skips (clocks go forward)."""


def organization_zone_name() -> str:
    """The organization's time zone name (``Europe/Paris``), read once per request."""
    if has_app_context() and "meetings_zone" in g:
        return g.meetings_zone
    if has_request_context():
        # Flask-Babel's zone of the request: the organization's, from the row the request
        # has read already (the core's ``select_timezone``), not one more statement.
        name = getattr(get_timezone(), "zone", None)
    else:
        name = api.db_session().scalar(select(api.Organization.time_zone).limit(1))
    if not name:
        name = current_app.config.get("TIME_ZONE", FALLBACK_ZONE)
    if has_app_context():
        g.meetings_zone = name
    return name


def organization_zone() -> ZoneInfo:
    return zone(organization_zone_name())


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def to_utc(local: dt.datetime, tz: ZoneInfo) -> dt.datetime:
    """A naive wall-clock time in ``tz`` as an aware UTC time.

    Raises :class:`NonexistentTimeError` for a time skipped by a daylight-saving change.
    """
    aware = local.replace(tzinfo=tz, fold=0)
    utc = aware.astimezone(dt.UTC)
    if utc.astimezone(tz).replace(tzinfo=None) != local:
        raise NonexistentTimeError(local.isoformat())
    return utc


def to_local(moment: dt.datetime, tz: ZoneInfo | None = None) -> dt.datetime:
    """An aware time in the organization's zone (or ``tz``)."""
    return moment.astimezone(tz or organization_zone())


def local_input_value(moment: dt.datetime | None) -> str:
    """The value of a ``datetime-local`` input for ``moment`` (empty for ``None``)."""
    if moment is None:
        return ""
    return to_local(moment).strftime("%Y-%m-%dT%H:%M")


def today_local() -> dt.date:
    return api.utcnow().astimezone(organization_zone()).date()


def local_day_bounds(first: dt.date, last: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """UTC instants of the start of ``first`` and the end of ``last``, local days."""
    tz = organization_zone()
    start = dt.datetime.combine(first, dt.time.min).replace(tzinfo=tz)
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min).replace(tzinfo=tz)
    return start.astimezone(dt.UTC), end.astimezone(dt.UTC)
