"""Fixtures for the mutual-aid plugin's tests, on top of the core's test kit (docs/testing.md)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from sqlalchemy.orm import Session

from pnyx import api
from pnyx.testing import PnyxClient


@pytest.fixture
def pnyx_plugins() -> list[str]:
    """Every test of this folder runs with the mutual-aid plugin enabled."""
    return ["mutual_aid"]


@pytest.fixture
def client(client: PnyxClient) -> PnyxClient:
    """The kit's client, reading in English (the test organization speaks French first)."""
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def board(
    make_organization: Callable[..., object], make_component: Callable[..., api.Component]
) -> api.Component:
    """A published mutual-aid board in a new published process."""
    make_organization()
    return make_component("mutual_aid")


@pytest.fixture
def url(board: api.Component) -> str:
    return f"/spaces/{board.space.slug}/mutual_aid/{board.id}/"


@pytest.fixture
def territories(session: Session) -> dict[str, api.TaxonomyTerm]:
    """A commune with two neighbourhoods, and another commune."""
    angers = api.TaxonomyTerm(kind="territory", code="49007", name={"fr": "Angers"})
    session.add(angers)
    session.flush()
    terms = {"angers": angers}
    for code, name in (("49007-1", "Doutre"), ("49007-2", "Monplaisir")):
        terms[name.lower()] = api.TaxonomyTerm(
            kind="territory", code=code, name={"fr": name}, parent_id=angers.id
        )
        session.add(terms[name.lower()])
    terms["tours"] = api.TaxonomyTerm(kind="territory", code="37261", name={"fr": "Tours"})
    session.add(terms["tours"])
    session.commit()
    return terms


@pytest.fixture
def make_post(session: Session, board: api.Component) -> Callable[..., object]:
    """``make_post(author, kind="request", category="shopping", territory=None, **fields)``."""
    from pnyx_mutual_aid.categories import DEFAULTS, in_every_locale
    from pnyx_mutual_aid.models import AidCategory, AidPost

    def make(
        author: api.User,
        kind: str = "request",
        category: str = "shopping",
        territory: api.TaxonomyTerm | None = None,
        **fields: object,
    ) -> AidPost:
        found = session.query(AidCategory).filter_by(component_id=board.id, code=category).first()
        if found is None:
            labels = dict(DEFAULTS)
            found = AidCategory(
                component_id=board.id,
                code=category,
                name=in_every_locale(labels.get(category, category)),
            )
            session.add(found)
            session.flush()
        values = {
            "title": f"{kind} of {category}",
            "body": "Some words about it.",
            "expires_at": api.utcnow() + dt.timedelta(days=14),
            **fields,
        }
        post = AidPost(
            component_id=board.id,
            author_id=author.id,
            kind=kind,
            category_id=found.id,
            territory_id=territory.id if territory else None,
            **values,
        )
        session.add(post)
        session.commit()
        return post

    return make
