"""Fixtures: a published proposal to comment on (proposals opt in to comments)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask, url_for
from sqlalchemy.orm import Session

from pnyx import api
from pnyx.testing import PnyxClient
from pnyx_comments.models import Comment
from pnyx_proposals.models import Proposal


@pytest.fixture
def pnyx_plugins() -> list[str]:
    return ["proposals", "comments"]


@pytest.fixture
def client(client: PnyxClient) -> PnyxClient:
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def component(make_component: Callable[..., api.Component]) -> api.Component:
    return make_component("proposals")


@pytest.fixture
def proposal(session: Session, component: api.Component, make_user: Callable[..., Any]) -> Proposal:
    author = make_user(email="author@example.test", name="Alix Author")
    proposal = Proposal(
        component_id=component.id,
        author_id=author.id,
        title="More trees",
        body="Plant trees along the river banks.",
        summary="Plant trees along the river banks.",
        published_at=api.utcnow(),
    )
    session.add(proposal)
    session.commit()
    return proposal


@pytest.fixture
def page(app: Flask, component: api.Component, proposal: Proposal) -> str:
    with app.test_request_context():
        return url_for(
            "proposals.show",
            space_slug=component.space.slug,
            component_id=component.id,
            proposal_id=proposal.id,
        )


@pytest.fixture
def post_url(proposal: Proposal) -> str:
    return f"/comments/proposals_proposal/{proposal.id}"


@pytest.fixture
def set_step(session: Session, component: api.Component) -> Callable[..., None]:
    """``set_step(comments_blocked=True)``: change the component's default step settings."""

    def change(**values: Any) -> None:
        settings = dict(component.settings or {})
        settings["default_step"] = {**settings.get("default_step", {}), **values}
        component.settings = settings
        session.commit()

    return change


@pytest.fixture
def add_comments(session: Session, component: api.Component, proposal: Proposal):
    """``add_comments(n, author)``: ``n`` top-level comments in bulk, each with one reply."""

    def add(count: int, author: api.User, replies: bool = True) -> list[int]:
        rows = [
            Comment(
                resource_type="proposals_proposal",
                resource_id=proposal.id,
                component_id=component.id,
                author_id=author.id,
                body=f"Comment number {i}",
                depth=0,
            )
            for i in range(count)
        ]
        session.add_all(rows)
        session.flush()
        for row in rows:
            row.root_id = row.id
        if replies:
            session.add_all(
                Comment(
                    resource_type="proposals_proposal",
                    resource_id=proposal.id,
                    component_id=component.id,
                    author_id=author.id,
                    body=f"Reply to {row.id}",
                    parent_id=row.id,
                    root_id=row.id,
                    depth=1,
                )
                for row in rows
            )
        session.commit()
        return [row.id for row in rows]

    return add
