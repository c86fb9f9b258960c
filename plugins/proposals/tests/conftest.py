"""Fixtures for the proposals plugin's tests, on top of the core's test kit (docs/testing.md)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask, url_for
from sqlalchemy.orm import Session

from pnyx import api
from pnyx.testing import PnyxClient
from pnyx_proposals.markdown import plain_text
from pnyx_proposals.models import Proposal
from pnyx_proposals.seed import demo_terms


@pytest.fixture
def pnyx_plugins() -> list[str]:
    """Every test of this folder runs with the proposals plugin enabled."""
    return ["proposals"]


@pytest.fixture
def client(client: PnyxClient) -> PnyxClient:
    """The kit's client, reading in English (the test organization speaks French first)."""
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def component(make_component: Callable[..., api.Component]) -> api.Component:
    """A published proposals component in a new published process, its first phase active."""
    return make_component("proposals")


@pytest.fixture
def url(app: Flask, component: api.Component) -> str:
    """Where the core mounts the component's public pages."""
    with app.test_request_context():
        return url_for(
            "proposals.index", space_slug=component.space.slug, component_id=component.id
        )


@pytest.fixture
def admin_url(app: Flask, component: api.Component) -> str:
    """Where the core mounts the component's admin pages."""
    with app.test_request_context():
        return url_for(
            "proposals_admin.index", space_slug=component.space.slug, component_id=component.id
        )


@pytest.fixture
def terms(session: Session) -> dict[str, api.TaxonomyTerm]:
    """Communes of Indre-et-Loire (with a district under Tours) and four themes, by code."""
    communes, themes = demo_terms(session)
    session.commit()
    by_code = {term.code: term for term in communes} | themes
    department = session.get(api.TaxonomyTerm, communes[0].parent_id)
    assert department is not None
    by_code[department.code] = department
    return by_code


@pytest.fixture
def add_proposal(session: Session, component: api.Component) -> Callable[..., Proposal]:
    """``add_proposal("Title", author=user, territory=term, themes=[...], published=True,
    **fields)``: a proposal of ``component``, committed."""

    def add(
        title: str = "A proposal",
        body: str = "A body long enough to be a proposal.",
        author: api.User | None = None,
        territory: api.TaxonomyTerm | None = None,
        themes: list[api.TaxonomyTerm] | None = None,
        published: bool = True,
        minutes_ago: int = 0,
        target: api.Component | None = None,
        **fields: Any,
    ) -> Proposal:
        when = api.utcnow() - dt.timedelta(minutes=minutes_ago)
        proposal = Proposal(
            component_id=(target or component).id,
            author_id=author.id if author else None,
            title=title,
            body=body,
            summary=plain_text(body),
            territory_id=territory.id if territory else None,
            themes=list(themes or []),
            created_at=when,
            published_at=when if published else None,
            **fields,
        )
        session.add(proposal)
        session.commit()
        return proposal

    return add


@pytest.fixture
def set_settings(session: Session, component: api.Component) -> Callable[..., None]:
    """``set_settings(global_={...}, step={...})``: change the component's settings."""

    def change(global_: dict[str, Any] | None = None, step: dict[str, Any] | None = None) -> None:
        settings = dict(component.settings)
        settings["global"] = {**settings.get("global", {}), **(global_ or {})}
        settings["default_step"] = {**settings.get("default_step", {}), **(step or {})}
        component.settings = settings
        session.commit()

    return change


@pytest.fixture
def text_admin(app: Flask, component: api.Component) -> str:
    """The participatory text's admin page of ``component``."""
    with app.test_request_context():
        return url_for(
            "proposals_admin.text_admin", space_slug=component.space.slug, component_id=component.id
        )


@pytest.fixture
def staff(make_user: Callable[..., api.User], client: PnyxClient) -> api.User:
    """An administrator, signed in on ``client``."""
    admin = make_user(name="Camille Admin", roles=["admin"])
    client.sign_in(admin)
    return admin


@pytest.fixture
def bilingual(make_organization: Callable[..., api.Organization]) -> api.Organization:
    """Smart Isula's case, French first and Corsican offered: ask for it before the component
    (``pytestmark = pytest.mark.usefixtures("bilingual")``)."""
    return make_organization(default_locale="fr", available_locales=["fr", "co"])
