"""Fixtures for the pages plugin's tests, on top of the core's test kit (docs/testing.md)."""

from __future__ import annotations

import pytest

from pnyx.testing import PnyxClient


@pytest.fixture
def pnyx_plugins() -> list[str]:
    return ["pages"]


@pytest.fixture
def client(client: PnyxClient) -> PnyxClient:
    """The kit's client, reading in English (the test organization speaks French first)."""
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def component(make_component):
    return make_component("pages")


@pytest.fixture
def admin(client, make_user):
    user = make_user(roles=["admin"])
    client.sign_in(user)
    return user
