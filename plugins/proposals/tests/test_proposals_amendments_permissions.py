"""The permission matrix of issue 20's actions: who may amend, decide, support an amendment,
co-author, edit — in a phase with amendments and in one without; with verifications."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_proposals.amendments.models import Amendment
from pnyx_proposals.coauthors.models import Coauthor
from pnyx_proposals.coauthors.service import add_accepted
from pnyx_proposals.models import Proposal

BODY = "Plant trees along the river, from the bridge to the park."
PEOPLE = ("anonymous", "resident", "author", "coauthor", "invited", "amender", "admin")


@pytest.fixture
def world(
    session: Session,
    component: api.Component,
    add_proposal: Callable[..., Proposal],
    make_user: Callable[..., api.User],
) -> dict[str, object]:
    users = {name: make_user(name=name) for name in PEOPLE[1:-1]}
    users["admin"] = make_user(name="admin", space_roles={component.space: "admin"})
    users["anonymous"] = None
    proposal = add_proposal("Trees", body=BODY, author=users["author"])
    add_accepted(session, proposal, [users["coauthor"].id])
    session.add(Coauthor(proposal_id=proposal.id, user_id=users["invited"].id))
    amendment = Amendment(
        proposal_id=proposal.id,
        component_id=proposal.component_id,
        author_id=users["amender"].id,
        title="Trees",
        body=BODY + " More.",
        old_title="Trees",
        old_body=BODY,
    )
    session.add(amendment)
    session.commit()
    return {"users": users, "proposal": proposal, "amendment": amendment}


def matrix(app: Flask, world: dict[str, object]) -> dict[str, str]:
    """For each person, the actions allowed: a compact string per person."""
    proposal, amendment = world["proposal"], world["amendment"]
    checks = {
        "A": ("proposals.amend", proposal),
        "D": ("proposals.decide_amendment", amendment),
        "S": ("proposals.support_amendment", amendment),
        "C": ("proposals.coauthor", proposal),
        "E": ("proposals.edit", proposal),
        "W": ("proposals.amend", amendment),  # withdraw or promote one's amendment
    }
    result = {}
    for name, user in world["users"].items():  # type: ignore[attr-defined]
        with app.test_request_context():
            allowed = [
                k for k, (action, target) in checks.items() if api.decide(user, action, target)
            ]
        result[name] = "".join(allowed)
    return result


def test_matrix_with_amendments_enabled(
    app: Flask, world: dict[str, object], set_settings: Callable[..., None]
) -> None:
    set_settings(step={"amendments_enabled": True})
    assert matrix(app, world) == {
        "anonymous": "",
        "resident": "AS",
        "author": "DSE",
        "coauthor": "DSCE",
        "invited": "ASC",
        "amender": "AW",
        "admin": "AS",
    }


def test_matrix_with_amendments_off(
    app: Flask, world: dict[str, object], set_settings: Callable[..., None]
) -> None:
    set_settings(step={"amendments_enabled": False, "supports_enabled": False})
    assert matrix(app, world) == {
        "anonymous": "",
        "resident": "",
        "author": "DE",
        "coauthor": "DCE",
        "invited": "C",
        "amender": "",
        "admin": "",
    }


def test_an_admin_may_require_a_verification_to_amend(
    app: Flask,
    session: Session,
    component: api.Component,
    world: dict[str, object],
    set_settings: Callable[..., None],
) -> None:
    set_settings(step={"amendments_enabled": True})
    resident, proposal = world["users"]["resident"], world["proposal"]  # type: ignore[index]
    with app.test_request_context():
        assert api.decide(resident, "proposals.amend", proposal)
    component.permissions = {"proposals.amend": {"authorizations": [{"handler": "birth_date"}]}}
    session.commit()
    with app.test_request_context():
        decision = api.decide(resident, "proposals.amend", proposal)
    assert not decision and decision.missing
