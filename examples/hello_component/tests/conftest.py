"""Fixtures for the hello plugin's tests, on top of the core's test kit (docs/testing.md)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from sqlalchemy.orm import Session

from pnyx import api
from pnyx.testing import PnyxClient
from pnyx_hello.models import Message


@pytest.fixture
def pnyx_plugins() -> list[str]:
    """Every test of this folder runs with the hello plugin enabled."""
    return ["hello"]


@pytest.fixture
def client(client: PnyxClient) -> PnyxClient:
    """The kit's client, reading in English (the test organization speaks French first)."""
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def board(make_component: Callable[..., api.Component]) -> api.Component:
    """A published board in a new published process, its first phase active."""
    return make_component("hello")


@pytest.fixture
def board_url(board: api.Component) -> str:
    """Where the core mounts the board's page."""
    return f"/spaces/{board.space.slug}/hello/{board.id}/"


@pytest.fixture
def add_message(session: Session, board: api.Component) -> Callable[..., Message]:
    """``add_message("Hi", author=user, minutes_ago=5)``: a message on ``board``, committed."""

    def add(body: str = "Hello!", author: api.User | None = None, minutes_ago: int = 0) -> Message:
        created_at = api.utcnow() - dt.timedelta(minutes=minutes_ago)
        message = Message(component_id=board.id, author=author, body=body, created_at=created_at)
        session.add(message)
        session.commit()
        return message

    return add
