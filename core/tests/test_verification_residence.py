"""The ``residence`` handler: declared territories, descendants, staff confirmation."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from pnyx.models import ActionLog, Authorization, TaxonomyTerm
from pnyx.permissions import decide

PAGE = "/account/verifications/residence"


@pytest.fixture
def pnyx_plugins(fake_plugins):
    fake_plugins(sample="sample_plugin")
    return ["sample"]


def term(session, code, name, parent=None):
    made = TaxonomyTerm(
        kind="territory", code=code, name={"fr": name, "en": name}, parent_id=parent and parent.id
    )
    session.add(made)
    session.commit()
    return made


@pytest.fixture
def places(session):
    touraine = term(session, "37", "Indre-et-Loire")
    tours = term(session, "37261", "Tours", touraine)
    amboise = term(session, "37003", "Amboise", touraine)
    angers = term(session, "49007", "Angers", term(session, "49", "Maine-et-Loire"))
    return {"touraine": touraine, "tours": tours, "amboise": amboise, "angers": angers}


@pytest.fixture
def board(make_space, make_component, session, places):
    board = make_component(
        make_space(steps=1, active=0),
        "sample",
        settings={"default_step": {"posting_enabled": True}},
    )
    requirement = {"handler": "residence", "options": {"territories": [places["touraine"].id]}}
    board.permissions = {"sample.post": {"authorizations": [requirement]}}
    session.commit()
    return board


def allowed(app, user, board):
    with app.test_request_context(method="POST", headers={"Accept-Language": "en"}):
        return decide(user, "sample.post", board)


def test_a_commune_under_an_allowed_departement_is_allowed(
    app, client, session, make_user, board, places
) -> None:
    resident, outsider = make_user(), make_user()
    client.sign_in(resident)
    page = client.get(PAGE).get_data(as_text=True)
    assert "Indre-et-Loire › Tours" in page
    assert client.post_form(PAGE, data={"territory": places["tours"].id}).status_code == 302
    client.sign_in(outsider)
    client.post_form(PAGE, data={"territory": places["angers"].id})
    assert allowed(app, resident, board)
    refused = allowed(app, outsider, board)
    assert not refused and refused.reason == "This is for residents of: Indre-et-Loire."


def test_a_commune_allows_only_itself(app, client, session, make_user, board, places) -> None:
    board.permissions = {
        "sample.post": {
            "authorizations": [
                {"handler": "residence", "options": {"territories": [places["amboise"].id]}}
            ]
        }
    }
    session.commit()
    user = make_user()
    client.sign_in(user)
    client.post_form(PAGE, data={"territory": places["tours"].id})
    assert not allowed(app, user, board)


def test_a_territory_must_be_chosen(client, make_user, places) -> None:
    client.sign_in(make_user())
    response = client.post_form(PAGE, data={"territory": "9999"})
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.get_data(as_text=True)


@pytest.fixture
def confirmation_required(client, make_user):
    client.sign_in(make_user(roles=["admin"]))
    response = client.post_form(
        "/admin/verifications/settings", data={"confirmation_required": "on"}
    )
    assert response.status_code == 302
    client.sign_out()


def test_staff_confirmation_keeps_it_pending_until_confirmed(
    app, client, session, make_user, board, places, confirmation_required
) -> None:
    resident = make_user(name="Resident")
    manager = make_user(roles=["user_manager"])
    client.sign_in(resident)
    client.post_form(PAGE, data={"territory": places["tours"].id})
    decision = allowed(app, resident, board)
    assert not decision and decision.missing == "authorization:residence"
    assert "waiting for a confirmation" in decision.reason
    # While pending the person may still correct the declaration.
    client.post_form(PAGE, data={"territory": places["amboise"].id})

    client.sign_in(manager)
    queue = client.get("/admin/verifications/residences").get_data(as_text=True)
    assert "Resident" in queue and "Indre-et-Loire › Amboise" in queue
    authorization = session.scalar(select(Authorization))
    url = f"/admin/verifications/residences/{authorization.id}"
    assert client.post_form(url, data={"decision": "confirm"}).status_code == 302
    assert allowed(app, resident, board)
    logged = session.scalar(
        select(ActionLog).where(ActionLog.action == "pnyx.authorization.confirmed")
    )
    assert logged.actor_id == manager.id


def test_refused_declaration_can_be_made_again(
    client, session, make_user, places, confirmation_required
) -> None:
    resident = make_user()
    client.sign_in(resident)
    client.post_form(PAGE, data={"territory": places["tours"].id})
    authorization = session.scalar(select(Authorization))
    client.sign_in(make_user(roles=["admin"]))
    url = f"/admin/verifications/residences/{authorization.id}"
    client.post_form(url, data={"decision": "refuse"})
    assert session.scalar(select(Authorization)) is None
    client.sign_in(resident)
    assert client.post_form(PAGE, data={"territory": places["tours"].id}).status_code == 302


def test_residents_cannot_confirm(client, make_user) -> None:
    client.sign_in(make_user())
    assert client.get("/admin/verifications/residences").status_code == 403
