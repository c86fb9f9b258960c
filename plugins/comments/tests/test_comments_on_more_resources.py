"""Comments on surveys' results, mutual-aid posts and pages (issue 14): each plugin opts in
through its resource type, never importing this one; the thread is in its page's slot.

Defaults differ on purpose: results and a space's pages start with comments on; mutual-aid
posts start with them off (people answer in private conversations) until staff turn them on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx.testing import PnyxClient
from pnyx_comments.models import Comment


@pytest.fixture
def pnyx_plugins() -> list[str]:
    return ["surveys", "mutual_aid", "pages", "comments"]


def set_default_step(session: Session, component: api.Component, **values: Any) -> None:
    settings = dict(component.settings or {})
    settings["default_step"] = {**settings.get("default_step", {}), **values}
    component.settings = settings
    session.commit()


def comment(client: PnyxClient, resource_type: str, resource_id: int, body: str) -> Any:
    return client.post_form(f"/comments/{resource_type}/{resource_id}", {"body": body})


def test_survey_results_take_comments_once_public(
    client: PnyxClient,
    session: Session,
    make_component: Callable[..., api.Component],
    make_user: Callable[..., api.User],
) -> None:
    from pnyx_surveys.questionnaires import of_component

    component = make_component("surveys")
    questionnaire = of_component(session, component)
    url = f"/spaces/{component.space.slug}/surveys/{component.id}/results"
    client.sign_in(make_user(name="Rosa"))
    # Results not public in this phase: no page, no thread, and a comment is refused.
    assert client.get(url).status_code == 404
    assert comment(client, "surveys_results", questionnaire.id, "Hello").status_code == 404
    set_default_step(session, component, results_public=True)
    page = client.get(url).text
    assert 'id="comments"' in page and "Your comment" in page
    answer = comment(client, "surveys_results", questionnaire.id, "Interesting results.")
    assert answer.status_code == 302
    assert answer.headers["Location"].startswith(url)
    assert "Interesting results." in client.get(url).text
    stored = session.scalar(select(Comment))
    assert stored.resource_type == "surveys_results" and stored.component_id == component.id


def test_space_pages_take_comments_organization_pages_do_not(
    client: PnyxClient,
    session: Session,
    make_component: Callable[..., api.Component],
    make_user: Callable[..., api.User],
) -> None:
    from pnyx_pages.models import Page

    component = make_component("pages")
    page = Page(component_id=component.id, slug="resources", title={"en": "Resources"})
    site = Page(component_id=None, slug="privacy", title={"en": "Privacy"})
    session.add_all([page, site])
    session.commit()
    url = f"/spaces/{component.space.slug}/pages/{component.id}/resources"
    client.sign_in(make_user(name="Rosa"))
    assert 'id="comments"' in client.get(url).text
    assert comment(client, "pages_page", page.id, "Thanks for the documents.").status_code == 302
    index = client.get(f"/spaces/{component.space.slug}/pages/{component.id}/").text
    assert "1 comment" in index  # the card's count
    assert 'id="comments"' not in client.get("/pages/privacy").text
    assert comment(client, "pages_page", site.id, "Hello").status_code == 404
    set_default_step(session, component, comments_enabled=False)
    assert 'id="comments"' not in client.get(url).text
    assert comment(client, "pages_page", page.id, "Again").status_code == 403


@pytest.fixture
def post(
    session: Session,
    make_component: Callable[..., api.Component],
    make_user: Callable[..., api.User],
) -> Any:
    from pnyx_mutual_aid.models import AidCategory, AidPost

    board = make_component("mutual_aid")
    category = AidCategory(component_id=board.id, code="tools", name={"en": "Tools"})
    session.add(category)
    session.flush()
    post = AidPost(
        component_id=board.id,
        author_id=make_user(name="Author").id,
        kind="offer",
        category_id=category.id,
        title="A ladder to lend",
        body="Three metres.",
        expires_at=api.utcnow() + dt.timedelta(days=14),
    )
    session.add(post)
    session.commit()
    return post


def post_url(post: Any) -> str:
    return f"/spaces/{post.component.space.slug}/mutual_aid/{post.component_id}/posts/{post.id}"


def test_mutual_aid_posts_start_without_comments(
    client: PnyxClient, session: Session, post: Any, make_user: Callable[..., api.User]
) -> None:
    client.sign_in(make_user(name="Rosa"))
    assert 'id="comments"' not in client.get(post_url(post)).text
    assert comment(client, "mutual_aid_post", post.id, "Is it still there?").status_code == 403
    assert session.scalar(select(Comment)) is None


def test_mutual_aid_comments_when_staff_turn_them_on(
    client: PnyxClient, session: Session, post: Any, make_user: Callable[..., api.User]
) -> None:
    from pnyx_mutual_aid.models import AidBan

    set_default_step(session, post.component, comments_enabled=True)
    rosa = make_user(name="Rosa")
    client.sign_in(rosa)
    assert 'id="comments"' in client.get(post_url(post)).text
    assert comment(client, "mutual_aid_post", post.id, "Is it still there?").status_code == 302
    board = client.get(f"/spaces/{post.component.space.slug}/mutual_aid/{post.component_id}/")
    assert "1 comment" in board.text
    # A person banned from the board may not comment there either.
    session.add(AidBan(component_id=post.component_id, user_id=rosa.id))
    session.commit()
    assert comment(client, "mutual_aid_post", post.id, "Again").status_code == 403
    # A hidden post has no thread, and takes no comment.
    post.hidden_at = api.utcnow()
    session.commit()
    client.sign_in(make_user(name="Other"))
    assert comment(client, "mutual_aid_post", post.id, "Hello").status_code == 404
