"""The month calendar: a grid of weeks, each day with its meetings (no JavaScript)."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence

import attrs
from babel import Locale
from flask_babel import get_locale

from pnyx_meetings import zones
from pnyx_meetings.models import Meeting


@attrs.frozen
class Day:
    date: dt.date
    in_month: bool
    meetings: tuple[Meeting, ...]


@attrs.frozen
class Month:
    """A month as shown: its first day, its weeks of days, the neighbours' first days."""

    first: dt.date
    weeks: tuple[tuple[Day, ...], ...]
    weekday_names: tuple[tuple[str, str], ...]

    @property
    def previous(self) -> dt.date:
        return (self.first - dt.timedelta(days=1)).replace(day=1)

    @property
    def next(self) -> dt.date:
        return (self.first + dt.timedelta(days=32)).replace(day=1)

    @property
    def empty(self) -> bool:
        return not any(day.meetings for week in self.weeks for day in week if day.in_month)


def parse_month(value: str | None, today: dt.date) -> dt.date:
    """``2026-03`` as the first day of that month; this month when absent or wrong."""
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        return dt.date(year, month, 1)
    except ValueError:
        return today.replace(day=1)


def first_weekday() -> int:
    """The locale's first day of the week (0 = Monday in France, 6 = Sunday in the US)."""
    return Locale.parse(str(get_locale())).first_week_day


def grid_dates(first: dt.date) -> list[list[dt.date]]:
    return calendar.Calendar(first_weekday()).monthdatescalendar(first.year, first.month)


def grid_bounds(first: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day shown (whole weeks around the month)."""
    weeks = grid_dates(first)
    return weeks[0][0], weeks[-1][-1]


def build_month(first: dt.date, meetings: Sequence[Meeting]) -> Month:
    """Place each meeting on every local day it spans."""
    tz = zones.organization_zone()
    by_day: dict[dt.date, list[Meeting]] = {}
    for meeting in meetings:
        day = meeting.start_at.astimezone(tz).date()
        # A meeting ending at midnight does not spill onto the next day.
        last = max((meeting.end_at.astimezone(tz) - dt.timedelta(microseconds=1)).date(), day)
        while day <= last:
            by_day.setdefault(day, []).append(meeting)
            day += dt.timedelta(days=1)
    weeks = tuple(
        tuple(Day(date, date.month == first.month, tuple(by_day.get(date, ()))) for date in week)
        for week in grid_dates(first)
    )
    return Month(first=first, weeks=weeks, weekday_names=weekday_names(weeks[0]))


def weekday_names(week: Sequence[Day]) -> tuple[tuple[str, str], ...]:
    """``(full, short)`` names of the week's days in the reader's language."""
    days = Locale.parse(str(get_locale())).days["format"]
    return tuple(
        (str(days["wide"][day.date.weekday()]), str(days["abbreviated"][day.date.weekday()]))
        for day in week
    )
