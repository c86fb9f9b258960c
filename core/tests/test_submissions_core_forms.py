"""The core's creation forms sent twice (a double click, the back button, a phone sending
again on a slow line) make one item: an organization's profile, a managed participant
(api.submissions, docs/forms.md "Sent once"). SQLite here, PostgreSQL with
PNYX_TEST_DATABASE_URL."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pnyx.models import FormSubmission, User, UserGroup
from pnyx.testing.concurrency import post_at_once

TOKEN = "Core-form-sent-once-0123456789"
AGAIN = "This form was already sent: what it made is saved once."
GROUP = {"name": "Les Amis du Rhône", "kind": "association", "description.fr": "Des riverains"}


@pytest.fixture
def pnyx_config() -> dict[str, object]:
    # Flask's test client is not a server: keep each thread's errors visible.
    return {"PROPAGATE_EXCEPTIONS": False}


def count(session: Session, model: type, *where: object) -> int:
    return session.scalar(select(func.count()).select_from(model).where(*where)) or 0


def token_in(page: str) -> str:
    return page.split('name="submission_token" value="')[1].split('"')[0]


def test_the_group_creation_form_carries_a_new_token_and_its_edit_form_none(
    client, make_organization, make_user
) -> None:
    make_organization()
    client.sign_in(make_user())
    assert token_in(client.get("/groups/new").text) != token_in(client.get("/groups/new").text)
    made = client.post_form("/groups/new", GROUP)
    assert "submission_token" not in client.get(made.location + "/edit").text


def test_a_group_form_sent_again_makes_one_group(
    client, session, make_organization, make_user
) -> None:
    make_organization()
    client.sign_in(make_user())
    first = client.post_form("/groups/new", {**GROUP, "submission_token": TOKEN})
    again = client.post_form("/groups/new", {**GROUP, "submission_token": TOKEN})
    assert first.status_code == 303 and again.status_code == 302
    assert again.location == first.location
    assert AGAIN in client.get(again.location).text
    assert count(session, UserGroup) == 1
    # The page the browser kept, used for another organization: nothing typed is lost.
    other = {**GROUP, "name": "Les Amis de la Saône", "submission_token": TOKEN}
    assert client.post_form("/groups/new", other).status_code == 303
    assert count(session, UserGroup) == 2


def test_a_refused_group_form_leaves_its_token_free(
    client, session, make_organization, make_user
) -> None:
    make_organization()
    client.sign_in(make_user())
    refused = client.post_form("/groups/new", {**GROUP, "name": "", "submission_token": TOKEN})
    assert refused.status_code == 400
    assert session.scalar(select(FormSubmission).where(FormSubmission.token == TOKEN)) is None


def test_a_group_double_click_at_once_makes_one_group(
    app, session, make_organization, make_user, detached
) -> None:
    make_organization()
    founder = make_user()
    form = {**GROUP, "submission_token": TOKEN}
    statuses = post_at_once(app, [(founder, "/groups/new", form)] * 4)
    assert sorted(statuses) == [302, 302, 302, 303]
    session.commit()  # a fresh read of what the threads wrote
    assert count(session, UserGroup) == 1


def test_a_managed_participant_form_sent_again_registers_one_person(
    client, session, make_user
) -> None:
    client.sign_in(make_user(roles=["user_manager"]))
    assert 'name="submission_token"' in client.get("/assisted/participants/new").text
    form = {"name": "Jeanne Martin", "submission_token": TOKEN}
    first = client.post_form("/assisted/participants/new", form)
    again = client.post_form("/assisted/participants/new", form)
    assert again.status_code == 302 and again.location == first.location
    assert AGAIN in client.get(again.location).text
    assert count(session, User, User.name == "Jeanne Martin", User.managed.is_(True)) == 1
