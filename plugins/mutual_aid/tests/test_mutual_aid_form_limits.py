"""Limits of the post form: sent twice at once (a double click) it puts up one post
(api.submissions), as the staff's category form sent twice adds one category; a date out of
the sensible window is refused (api.SensibleDate).
SQLite here, PostgreSQL with PNYX_TEST_DATABASE_URL."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from pnyx.testing.concurrency import detached, post_at_once
from pnyx_mutual_aid.models import AidCategory, AidPost


@pytest.fixture
def pnyx_config() -> dict[str, object]:
    return {"PROPAGATE_EXCEPTIONS": False}


def test_the_post_form_carries_a_token(client, url, make_user) -> None:
    client.sign_in(make_user())
    assert 'name="submission_token"' in client.get(url + "posts/new?kind=offer").text


def test_a_double_click_puts_up_one_post(app, session, board, url, client, make_user) -> None:
    person = make_user()
    client.sign_in(person)
    client.get(url + "posts/new?kind=offer")  # the board's categories exist once it is used
    category = session.scalars(select(AidCategory).where(AidCategory.component_id == board.id))
    form = {
        "kind": "offer",
        "category": str(next(iter(category)).id),
        "title": "Shopping on Thursdays",
        "body": "I go to the market on Thursdays and can bring back what you need.",
        "submission_token": "Aid-post-sent-once-0123456789",
    }
    with detached(app, session):
        statuses = post_at_once(app, [(person, url + "posts/new", form)] * 4)
    assert statuses == [302] * 4
    session.commit()  # a fresh read of what the threads wrote
    assert session.scalar(select(func.count()).select_from(AidPost)) == 1


def test_an_availability_of_the_year_2_is_refused(client, session, board, url, make_user) -> None:
    client.sign_in(make_user())
    client.get(url + "posts/new?kind=offer")
    category = session.scalars(select(AidCategory).where(AidCategory.component_id == board.id))
    form = {
        "kind": "offer",
        "category": str(next(iter(category)).id),
        "title": "Shopping on Thursdays",
        "body": "I go to the market on Thursdays and can bring back what you need.",
        "available_from": "0002-05-01",
    }
    response = client.post_form(url + "posts/new", form)
    assert response.status_code == 400
    assert "Available from: Give a date from the year 2000 to the year" in response.text
    assert 'value="0002-05-01"' in response.text


def test_a_category_form_sent_again_adds_one_category(client, session, board, make_user) -> None:
    """Sent again, it leads to the first sending's page, not to "this code is taken"."""
    client.sign_in(make_user(roles=["admin"]))
    admin_url = f"/admin/spaces/{board.space.slug}/mutual_aid/{board.id}/"
    assert 'name="submission_token"' in client.get(admin_url).text
    form = {"code": "masks", "name.fr": "Masques", "submission_token": "Aid-category-0123456789"}
    first = client.post_form(admin_url + "categories", form)
    again = client.post_form(admin_url + "categories", form)
    assert first.status_code == 302 and again.location == first.location
    assert "This form was already sent" in client.get(again.location).text
    masks = select(func.count()).where(AidCategory.code == "masks")
    assert session.scalar(masks.select_from(AidCategory)) == 1
    # A code taken by another form is refused, and that form's token stays free.
    other = {**form, "submission_token": "Aid-category-9876543210"}
    assert client.post_form(admin_url + "categories", other).status_code == 400
    gloves = client.post_form(admin_url + "categories", {**other, "code": "gloves"})
    assert gloves.status_code == 302
