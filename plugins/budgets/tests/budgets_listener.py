"""A plugin for the tests only: it records the events other plugins publish."""

from __future__ import annotations

from pnyx import api

RECEIVED: list[api.Event] = []


@api.hookimpl
def on_event(event: api.Event) -> None:
    RECEIVED.append(event)
