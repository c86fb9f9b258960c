"""Wall-clock times of the city to UTC and back, around daylight-saving changes."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from pnyx_meetings import zones

PARIS = ZoneInfo("Europe/Paris")


def test_times_on_both_sides_of_the_spring_change() -> None:
    assert zones.to_utc(dt.datetime(2030, 3, 30, 18), PARIS).hour == 17
    assert zones.to_utc(dt.datetime(2030, 4, 1, 18), PARIS).hour == 16


def test_a_skipped_time_is_refused() -> None:
    with pytest.raises(zones.NonexistentTimeError):
        zones.to_utc(dt.datetime(2030, 3, 31, 2, 30), PARIS)


def test_a_repeated_time_is_read_as_its_first_occurrence() -> None:
    # 02:30 happens twice on 27 October 2030; the first is still summer time (UTC+2).
    assert zones.to_utc(dt.datetime(2030, 10, 27, 2, 30), PARIS) == dt.datetime(
        2030, 10, 27, 0, 30, tzinfo=dt.UTC
    )
