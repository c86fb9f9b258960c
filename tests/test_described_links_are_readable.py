"""Records named on other pages ("Linked to", a comment's "Back to") are described only to
people who may see their space (docs/resource-links.md, ``api.links.readable``): a public
proposal's page linked to a debate, a survey's results, a page or a mutual-aid post of a
private space showed its title to everyone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from flask import Flask, g
from sqlalchemy.orm import Session

from pnyx import api

pytestmark = pytest.mark.pnyx_plugins("comments", "surveys", "pages", "mutual_aid")


def debate(session: Session, component: api.Component, author: api.User) -> tuple[str, int]:
    from pnyx_comments.debates.models import RESOURCE, Debate

    found = Debate(component_id=component.id, author_id=author.id, title={"fr": "Secret"})
    session.add(found)
    session.flush()
    return RESOURCE, found.id


def results(session: Session, component: api.Component, author: api.User) -> tuple[str, int]:
    from pnyx_surveys.questionnaires import of_component
    from pnyx_surveys.resources import RESOURCE_TYPE

    component.settings = {"default_step": {"results_public": True}}
    return RESOURCE_TYPE, of_component(session, component).id


def page(session: Session, component: api.Component, author: api.User) -> tuple[str, int]:
    from pnyx_pages.models import Page

    found = Page(component_id=component.id, slug="secret", title={"fr": "Secret"})
    session.add(found)
    session.flush()
    return "pages_page", found.id


def post(session: Session, component: api.Component, author: api.User) -> tuple[str, int]:
    from pnyx_mutual_aid.models import POST_RESOURCE, AidCategory, AidPost

    category = AidCategory(component_id=component.id, code="tools", name={"fr": "Outils"})
    session.add(category)
    session.flush()
    found = AidPost(
        component_id=component.id,
        author_id=author.id,
        kind="offer",
        category_id=category.id,
        title="Secret",
        body="Secret.",
        expires_at=api.utcnow() + dt.timedelta(days=14),
    )
    session.add(found)
    session.flush()
    return POST_RESOURCE, found.id


@pytest.mark.parametrize(
    ("component_type", "make_record"),
    [
        ("comments_debates", debate),
        ("surveys", results),
        ("pages", page),
        ("mutual_aid", post),
    ],
)
def test_a_record_of_a_private_space_is_described_to_its_members_only(
    app: Flask,
    session: Session,
    make_space: Callable[..., api.Space],
    make_component: Callable[..., api.Component],
    make_user: Callable[..., api.User],
    component_type: str,
    make_record: Callable[..., tuple[str, int]],
) -> None:
    component = make_component(make_space(private=True), component_type)
    member = make_user(space_roles={component.space: "admin"})
    resource_type, record_id = make_record(session, component, member)
    session.commit()
    with app.test_request_context("/"):
        assert api.links.describe(session, resource_type, [record_id]) == {}
        g.user = member
        assert list(api.links.describe(session, resource_type, [record_id])) == [record_id]
