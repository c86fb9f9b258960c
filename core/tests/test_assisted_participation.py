"""Assisted participation: managed participants, acting for them, both ids in the log."""

from __future__ import annotations

import datetime as dt

import pytest
from flask import url_for
from sqlalchemy import select

from pnyx.models import ActionLog, Authorization, User

START = dt.datetime(2026, 5, 12, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def pnyx_plugins(fake_plugins):
    fake_plugins(sample="sample_plugin")
    return ["sample"]


class Clock:
    """A clock the test moves forward."""

    def __init__(self) -> None:
        self.moment = START

    def __call__(self) -> dt.datetime:
        return self.moment


@pytest.fixture
def clock(monkeypatch) -> Clock:
    frozen = Clock()
    monkeypatch.setattr("pnyx.verification.clock.now", frozen)
    return frozen


@pytest.fixture
def manager(client, make_user):
    user = make_user(name="Manon Manager", roles=["user_manager"])
    client.sign_in(user)
    return user


@pytest.fixture
def participant(session):
    person = User(name="Paul Participant", managed=True)
    session.add(person)
    session.commit()
    return person


def act_for(client, person):
    return client.post_form(f"/assisted/participants/{person.id}/act", data={})


def test_manager_creates_a_managed_participant(client, session, manager) -> None:
    response = client.post_form("/assisted/participants/new", data={"name": "  Jeanne   Martin "})
    assert response.status_code == 302
    person = session.scalar(select(User).where(User.name == "Jeanne Martin"))
    assert person.managed and person.email is None and person.password_hash is None
    logged = session.scalar(select(ActionLog).where(ActionLog.action == "pnyx.participant.created"))
    assert (logged.actor_id, logged.resource_id) == (manager.id, person.id)


def test_name_is_required(client, manager) -> None:
    response = client.post_form("/assisted/participants/new", data={"name": " "})
    assert response.status_code == 400 and 'aria-invalid="true"' in response.get_data(as_text=True)


def test_manager_lists_and_searches_only_managed_participants(
    client, manager, participant, make_user, session
) -> None:
    make_user(name="Paula Realaccount")
    session.add(User(name="Zoé Autre", managed=True))
    session.commit()
    page = client.get("/assisted/participants?q=pau").get_data(as_text=True)
    assert "Paul Participant" in page
    assert "Realaccount" not in page and "Zoé" not in page


def test_a_real_account_cannot_be_impersonated(client, manager, make_user) -> None:
    assert act_for(client, make_user()).status_code == 404


def test_residents_and_moderators_cannot_assist(client, make_user, participant) -> None:
    for roles in ([], ["moderator"]):
        client.sign_in(make_user(roles=roles))
        assert client.get("/assisted/participants").status_code == 403
        assert act_for(client, participant).status_code == 403


def test_acting_logs_both_ids_and_shows_a_banner(
    client, session, clock, manager, participant
) -> None:
    assert act_for(client, participant).status_code == 302
    page = client.get("/account/verifications").get_data(as_text=True)
    assert "you are acting for Paul Participant" in page
    assert "Stop acting for Paul Participant" in page
    response = client.post_form(
        "/account/verifications/birth-date", data={"birth_date": "1950-03-04"}
    )
    assert response.status_code == 302
    authorization = session.scalar(select(Authorization))
    assert authorization.user_id == participant.id
    logged = session.scalar(
        select(ActionLog).where(ActionLog.action == "pnyx.authorization.granted")
    )
    assert (logged.actor_id, logged.operator_id) == (participant.id, manager.id)
    started = session.scalar(select(ActionLog).where(ActionLog.action == "pnyx.assisted.started"))
    assert (started.actor_id, started.resource_id) == (manager.id, participant.id)


def test_a_component_action_is_logged_with_both_ids(
    app, client, session, clock, manager, participant, make_space, make_component
) -> None:
    board = make_component(
        make_space(steps=1, active=0),
        "sample",
        settings={"default_step": {"posting_enabled": True}},
    )
    act_for(client, participant)
    with app.test_request_context():
        url = url_for("sample.post", space_slug=board.space.slug, component_id=board.id)
    assert client.post_form(url).status_code == 200
    logged = session.scalar(select(ActionLog).where(ActionLog.action == "sample.post"))
    assert (logged.actor_id, logged.operator_id) == (participant.id, manager.id)


def test_acting_ends_after_30_minutes(client, session, clock, manager, participant) -> None:
    act_for(client, participant)
    clock.moment = START + dt.timedelta(minutes=29, seconds=59)
    assert "you are acting for" in client.get("/").get_data(as_text=True)
    clock.moment = START + dt.timedelta(minutes=30)
    page = client.get("/").get_data(as_text=True)
    assert "you are acting for" not in page
    assert "Your 30 minutes acting for Paul Participant are over." in page
    client.post_form("/account/verifications/birth-date", data={"birth_date": "1950-03-04"})
    authorization = session.scalar(select(Authorization))
    assert authorization.user_id == manager.id  # the manager acts as themself again
    logged = session.scalar(
        select(ActionLog).where(ActionLog.action == "pnyx.authorization.granted")
    )
    assert (logged.actor_id, logged.operator_id) == (manager.id, None)


def test_stop_returns_to_the_staff_account(client, session, clock, manager, participant) -> None:
    act_for(client, participant)
    response = client.post_form("/assisted/stop")
    assert response.status_code == 302
    assert "you are acting for" not in client.get("/").get_data(as_text=True)
    assert client.get("/assisted/participants").status_code == 200
    stopped = session.scalar(select(ActionLog).where(ActionLog.action == "pnyx.assisted.stopped"))
    assert (stopped.actor_id, stopped.operator_id) == (participant.id, manager.id)


def test_losing_the_role_ends_acting(client, session, clock, manager, participant) -> None:
    act_for(client, participant)
    manager.organization_roles.clear()
    session.commit()
    assert "you are acting for" not in client.get("/").get_data(as_text=True)


def test_staff_cannot_reach_the_admin_area_while_acting(
    client, clock, make_user, participant
) -> None:
    client.sign_in(make_user(roles=["admin"]))
    act_for(client, participant)
    assert client.get("/admin/").status_code == 403
    assert client.get("/assisted/participants").status_code == 403
