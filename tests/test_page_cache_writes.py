"""Every kind of public write is seen by the next anonymous view, although the app keeps
anonymous pages (pnyx.page_cache, docs/caching.md): proposals, supports, comments,
moderation, staff pages. Core writes (spaces, phases, settings, other processes) are in
core/tests/test_page_cache.py."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask, url_for
from sqlalchemy import select

from pnyx import api
from pnyx.db import get_session
from pnyx.testing import PnyxClient
from pnyx_comments.models import Comment
from pnyx_pages.models import Page
from pnyx_proposals.models import Proposal

pytestmark = pytest.mark.pnyx_plugins("proposals", "comments", "pages")
CACHE = "X-Pnyx-Cache"


@pytest.fixture
def component(make_organization, make_component) -> api.Component:
    make_organization()
    return make_component("proposals")


@pytest.fixture
def url(app: Flask, component: api.Component) -> str:
    with app.test_request_context():
        return url_for(
            "proposals.index", space_slug=component.space.slug, component_id=component.id
        )


@pytest.fixture
def proposal(session, component, make_user) -> Proposal:
    author = make_user(name="Alix Author")
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
def anonymous(app: Flask) -> PnyxClient:
    return app.test_client()  # type: ignore[return-value]


@pytest.fixture
def person(app: Flask, make_user: Callable[..., api.User]) -> Callable[..., PnyxClient]:
    """``person(roles=[...])``: another browser, signed in as a new user."""

    def signed_in(**fields: object) -> PnyxClient:
        browser: PnyxClient = app.test_client()  # type: ignore[assignment]
        browser.sign_in(make_user(**fields))
        return browser

    return signed_in


def stored(anonymous: PnyxClient, path: str) -> str:
    """View ``path`` twice as a visitor: the second view comes from the app's cache."""
    anonymous.get(path)
    again = anonymous.get(path)
    assert again.status_code == 200 and again.headers[CACHE] == "hit"
    return again.text


def test_a_new_proposal(anonymous, person, url) -> None:
    assert "Bike racks" not in stored(anonymous, url)
    form = {"title": "Bike racks", "body": "Racks near the station, " * 3, "intent": "publish"}
    assert person().post_form(f"{url}new", form).status_code == 302
    assert "Bike racks" in anonymous.get(url).text


def test_a_support(anonymous, person, url, proposal) -> None:
    page = f"{url}{proposal.id}/"
    assert "1 support" not in stored(anonymous, page)
    assert person().post_form(f"{page}support").status_code == 302
    assert "1 support" in anonymous.get(page).text


def test_a_comment_and_its_hiding_by_a_moderator(anonymous, person, url, proposal) -> None:
    page = f"{url}{proposal.id}/"
    stored(anonymous, page)
    comments = f"/comments/proposals_proposal/{proposal.id}"
    assert person().post_form(comments, {"body": "Yes, and oaks please"}).status_code == 302
    assert "Yes, and oaks please" in stored(anonymous, page)

    with anonymous.application.app_context():
        comment_id = get_session().scalar(select(Comment.id))
    space = proposal_space(anonymous, proposal)
    hide = f"/admin/spaces/{space}/comments/{comment_id}/hide"
    assert person(roles=["admin"]).post_form(hide, {"reason": "Insults"}).status_code == 302
    assert "Yes, and oaks please" not in anonymous.get(page).text


def proposal_space(client: PnyxClient, proposal: Proposal) -> str:
    with client.application.app_context():
        return get_session().get(api.Component, proposal.component_id).space.slug


def test_a_proposal_hidden_by_a_moderator(app, anonymous, person, url, proposal) -> None:
    assert "More trees" in stored(anonymous, url)
    with app.test_request_context():
        admin_url = url_for(
            "proposals_admin.index",
            space_slug=proposal_space(anonymous, proposal),
            component_id=proposal.component_id,
        )
    hide = f"{admin_url}{proposal.id}/hide"
    assert person(roles=["admin"]).post_form(hide, {"confirmed": "yes"}).status_code == 302
    assert "More trees" not in anonymous.get(url).text


def test_a_page_written_by_staff(anonymous, person, make_component) -> None:
    pages = make_component("pages")
    admin = person(roles=["admin"])
    admin_pages = f"/admin/spaces/{pages.space.slug}/pages/{pages.id}/"
    created = {
        "title.fr": "Ressources",
        "title.en": "Resources",
        "slug": "resources",
        "kind": "page",
        "body.fr": "Lisez ceci.",
        "position": "0",
        "published": "true",
    }
    assert admin.post_form(f"{admin_pages}new", created).status_code == 302
    public = f"/spaces/{pages.space.slug}/pages/{pages.id}/resources"
    assert "The survey" not in stored(anonymous, public)

    from sqlalchemy import select

    with anonymous.application.app_context():
        page_id = get_session().scalar(select(Page.id))
    section = {"title.fr": "Le diagnostic", "title.en": "The survey", "body.en": "Read it."}
    assert admin.post_form(f"{admin_pages}{page_id}/sections/new", section).status_code == 302
    assert "The survey" in anonymous.get(public).text
