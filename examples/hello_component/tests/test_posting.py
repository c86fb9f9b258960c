"""Posting: signed-in people, while the phase allows it, within the length limit."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx.testing import PnyxClient
from pnyx_hello.models import Message

ACTION_LOG = api.Model.metadata.tables["action_log"]


def messages(session: Session) -> list[str]:
    return list(session.scalars(select(Message.body).order_by(Message.id)))


def test_a_signed_in_person_posts(
    client: PnyxClient, session: Session, board_url: str, make_user: Callable[..., api.User]
) -> None:
    client.sign_in(make_user(name="Ada"))

    response = client.post_form(board_url, {"body": "  Hello, neighbours!\r\n"})

    assert response.status_code == 302  # POST → redirect → GET
    assert response.location == board_url
    assert messages(session) == ["Hello, neighbours!"]
    page = client.get(board_url).text
    assert "Your message is posted." in page
    assert "Hello, neighbours!" in page and "Ada" in page


def test_a_message_is_shown_as_text(
    client: PnyxClient, board_url: str, make_user: Callable[..., api.User]
) -> None:
    client.sign_in(make_user())

    client.post_form(board_url, {"body": "<b>Hi</b>\nthere"})

    assert "&lt;b&gt;Hi&lt;/b&gt;<br>there" in client.get(board_url).text


def test_posting_is_logged_publicly(
    client: PnyxClient,
    session: Session,
    board: api.Component,
    board_url: str,
    make_user: Callable[..., api.User],
) -> None:
    ada = make_user()
    client.sign_in(ada)

    client.post_form(board_url, {"body": "Hello"})

    entry = session.execute(select(ACTION_LOG)).mappings().one()
    message_id = session.scalar(select(Message.id))
    assert entry["action"] == "hello.post"
    assert entry["visibility"] == "public"
    assert (entry["actor_id"], entry["component_id"]) == (ada.id, board.id)
    assert (entry["resource_type"], entry["resource_id"]) == ("hello_message", message_id)


def test_anonymous_people_are_sent_to_sign_in(
    client: PnyxClient, session: Session, board_url: str
) -> None:
    response = client.post_form(board_url, {"body": "Hello"})

    assert response.status_code == 302
    assert response.location.startswith("/sign-in?next=")
    assert messages(session) == []


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ("x" * 11, "A message has at most 10 characters; yours has 11."),
        ("   ", "Write a message first."),
    ],
)
def test_a_refused_message_is_explained_next_to_the_field_and_kept(
    client: PnyxClient,
    session: Session,
    make_component: Callable[..., api.Component],
    make_user: Callable[..., api.User],
    body: str,
    error: str,
) -> None:
    board = make_component("hello", settings={"global": {"max_length": 10}})
    url = f"/spaces/{board.space.slug}/hello/{board.id}/"
    client.sign_in(make_user())

    response = client.post_form(url, {"body": body})

    assert response.status_code == 400
    page = response.text
    assert f'<p class="error" id="body-error">{error}</p>' in page
    assert f'<a href="#body">Your message: {error}</a>' in page  # the summary names the field
    assert f'aria-invalid="true">{body.strip()}</textarea>' in page
    assert messages(session) == []


def test_the_limit_counts_a_line_break_as_one_character(
    client: PnyxClient,
    session: Session,
    make_component: Callable[..., api.Component],
    make_user: Callable[..., api.User],
) -> None:
    board = make_component("hello", settings={"global": {"max_length": 3}})
    client.sign_in(make_user())

    client.post_form(f"/spaces/{board.space.slug}/hello/{board.id}/", {"body": "a\r\nb"})

    assert messages(session) == ["a\nb"]


@pytest.fixture
def first_phase_only(
    make_space: Callable[..., api.Space], make_component: Callable[..., api.Component]
) -> Callable[[int], str]:
    """``first_phase_only(active)``: the URL of a board open for posting during the first
    of two phases only, in a process whose phase ``active`` (0 or 1) is the current one."""

    def make(active: int) -> str:
        space = make_space(steps=2, active=active)
        settings = {
            "default_step": {"posting_enabled": False},
            "steps": {str(space.steps[0].id): {"posting_enabled": True}},
        }
        board = make_component(space, "hello", settings=settings)
        return f"/spaces/{space.slug}/hello/{board.id}/"

    return make


def test_posting_is_open_during_the_first_phase(
    client: PnyxClient,
    session: Session,
    first_phase_only: Callable[[int], str],
    make_user: Callable[..., api.User],
) -> None:
    url = first_phase_only(0)
    client.sign_in(make_user())

    assert 'name="body"' in client.get(url).text
    assert client.post_form(url, {"body": "Hello"}).status_code == 302
    assert messages(session) == ["Hello"]


def test_posting_is_closed_in_the_next_phase_and_the_page_says_why(
    client: PnyxClient,
    session: Session,
    first_phase_only: Callable[[int], str],
    make_user: Callable[..., api.User],
) -> None:
    url = first_phase_only(1)
    client.sign_in(make_user())

    page = client.get(url).text
    assert 'name="body"' not in page
    assert "This is not possible during the current phase." in page
    refused = client.post_form(url, {"body": "Hello"})
    assert refused.status_code == 403
    assert "This is not possible during the current phase." in refused.text
    assert messages(session) == []
