"""Posting publishes ``hello.message_posted``; plugins hear of it after the commit."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx.testing import PnyxClient, install_plugins
from pnyx_hello.models import Message


@pytest.fixture
def pnyx_plugins(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """hello, and a listener plugin (``hello_listener.py``, next to this file)."""
    install_plugins(monkeypatch, {"hello_listener": "hello_listener"}, path=Path(__file__).parent)
    return ["hello", "hello_listener"]


@pytest.fixture
def received(pnyx_plugins: list[str]) -> list[api.Event]:
    """The events the listener plugin received during the test."""
    events: list[api.Event] = importlib.import_module("hello_listener").RECEIVED
    events.clear()
    return events


def test_posting_publishes_an_event(
    client: PnyxClient,
    session: Session,
    board: api.Component,
    board_url: str,
    make_user: Callable[..., api.User],
    received: list[api.Event],
) -> None:
    ada = make_user()
    client.sign_in(ada)

    client.post_form(board_url, {"body": "Hello"})

    message_id = session.scalar(select(Message.id))
    assert received == [
        api.Event(
            name="hello.message_posted",
            payload={"message_id": message_id, "component_id": board.id},
            actor_id=ada.id,
        )
    ]


def test_a_refused_message_publishes_nothing(
    client: PnyxClient,
    board_url: str,
    make_user: Callable[..., api.User],
    received: list[api.Event],
) -> None:
    client.sign_in(make_user())

    client.post_form(board_url, {"body": ""})

    assert received == []
