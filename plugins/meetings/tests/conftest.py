"""Fixtures for the meetings plugin's tests, on top of the core's test kit (docs/testing.md)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.orm import Session

from pnyx import api
from pnyx.testing import PnyxClient
from pnyx_meetings.models import Meeting

PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def pnyx_plugins() -> list[str]:
    """Every test of this folder runs with the meetings plugin enabled."""
    return ["meetings"]


@pytest.fixture
def client(client: PnyxClient) -> PnyxClient:
    """The kit's client, reading in English (the test organization speaks French first)."""
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def component(make_component: Callable[..., api.Component]) -> api.Component:
    """A published meetings component in a new published process, its first phase active."""
    return make_component("meetings")


@pytest.fixture
def base_url(component: api.Component) -> str:
    return f"/spaces/{component.space.slug}/meetings/{component.id}/"


@pytest.fixture
def admin_url(component: api.Component) -> str:
    return f"/admin/spaces/{component.space.slug}/meetings/{component.id}/"


def paris(*args: int) -> dt.datetime:
    """A wall-clock time in Paris as an aware UTC time: ``paris(2026, 3, 28, 18)``."""
    return dt.datetime(*args, tzinfo=PARIS).astimezone(dt.UTC)


def in_days(days: int, hour: int = 18) -> dt.datetime:
    """``hour`` o'clock in Paris, ``days`` from today (negative: in the past)."""
    day = dt.datetime.now(PARIS).date() + dt.timedelta(days=days)
    return paris(day.year, day.month, day.day, hour)


@pytest.fixture(name="paris")
def paris_fixture() -> Callable[..., dt.datetime]:
    """The function ``paris(2026, 3, 28, 18)``: a Paris wall-clock time, in UTC."""
    return paris


@pytest.fixture(name="in_days")
def in_days_fixture() -> Callable[..., dt.datetime]:
    """The function ``in_days(3, hour=18)``: 18:00 in Paris three days from today, in UTC."""
    return in_days


@pytest.fixture
def make_meeting(session: Session, component: api.Component) -> Callable[..., Meeting]:
    """``make_meeting(title="Forum", days=3, **fields)``: a published meeting, committed."""

    def make(title: str = "Neighbourhood forum", days: int = 3, **fields: Any) -> Meeting:
        start = fields.pop("start_at", in_days(days))
        values: dict[str, Any] = {
            "component_id": fields.pop("component", component).id,
            "title": {"en": title, "fr": f"{title} (fr)"},
            "start_at": start,
            "end_at": start + dt.timedelta(hours=2),
            "address": "1 place de la Mairie",
            **fields,
        }
        meeting = Meeting(**values)
        session.add(meeting)
        session.commit()
        return meeting

    return make
