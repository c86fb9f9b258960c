"""Fixtures for the assemblies plugin's tests, on top of the core's test kit (docs/testing.md)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy.orm import Session

from pnyx import api
from pnyx.testing import PnyxClient
from pnyx_assemblies.kinds import POSITIONS
from pnyx_assemblies.models import Assembly, Member


@pytest.fixture
def pnyx_plugins(request: pytest.FixtureRequest) -> list[str]:
    """The assemblies plugin, or the plugins a test's ``pnyx_plugins`` marker names."""
    marker = request.node.get_closest_marker("pnyx_plugins")
    return list(marker.args) if marker else ["assemblies"]


@pytest.fixture
def client(client: PnyxClient) -> PnyxClient:
    """The kit's client, reading in English (the test organization speaks French first)."""
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def make_assembly(
    session: Session, make_space: Callable[..., api.Space]
) -> Callable[..., Assembly]:
    """An assembly (space of type ``assemblies`` and its row): ``make_assembly("slug", ...)``."""

    def make(
        slug: str,
        *,
        parent: api.Space | None = None,
        private: bool = False,
        visibility: str = "public",
        **fields: Any,
    ) -> Assembly:
        space = make_space(
            type="assemblies",
            slug=slug,
            private=private,
            title={"fr": slug, "en": slug.replace("-", " ").title()},
        )
        assembly = Assembly(
            space_id=space.id,
            parent_space_id=parent.id if parent else None,
            visibility="private" if private else visibility,
            **fields,
        )
        session.add(assembly)
        session.commit()
        return assembly

    return make


@pytest.fixture
def add_member(session: Session) -> Callable[..., Member]:
    def add(
        assembly: Assembly,
        user: api.User | None = None,
        *,
        name: str | None = None,
        position: str = "member",
        label: dict[str, str] | None = None,
    ) -> Member:
        member = Member(
            assembly_id=assembly.id,
            user_id=user.id if user else None,
            name=name,
            position=position,
            position_rank=POSITIONS.index(position),
            position_label=label or {},
        )
        session.add(member)
        session.commit()
        return member

    return add
