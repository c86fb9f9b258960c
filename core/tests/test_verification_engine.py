"""The permission engine's last step: the verifications attached to an action."""

from __future__ import annotations

import datetime as dt

import pytest

from pnyx.models import Authorization
from pnyx.permissions import decide
from pnyx.verification.requirements import forget_authorizations, requirements_for

NOW = dt.datetime(2026, 5, 12, 10, 0, tzinfo=dt.UTC)
ADULTS = {"handler": "birth_date", "options": {"minimum_age": 18}}


@pytest.fixture
def pnyx_plugins(fake_plugins):
    fake_plugins(sample="sample_plugin")
    return ["sample"]


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch):
    monkeypatch.setattr("pnyx.verification.clock.now", lambda: NOW)


@pytest.fixture
def component(make_space, make_component, session):
    space = make_space(steps=1, active=0)
    board = make_component(space, "sample", settings={"default_step": {"posting_enabled": True}})
    board.permissions = {"sample.post": {"authorizations": [ADULTS]}}
    session.commit()
    return board


def verified(session, user, birth_date="1986-01-01", **fields):
    session.add(
        Authorization(
            user_id=user.id,
            handler="birth_date",
            data={"birth_date": birth_date},
            granted_at=NOW,
            **fields,
        )
    )
    session.commit()


#: The reasons asserted below are the English msgids.
ENGLISH = {"Accept-Language": "en"}


def post_decision(app, user, target):
    with app.test_request_context(method="POST", headers=ENGLISH):
        return decide(user, "sample.post", target)


def test_missing_verification_is_refused_with_the_handler(app, session, make_user, component):
    decision = post_decision(app, make_user(), component)
    assert not decision
    assert decision.missing == "authorization:birth_date"
    assert "Birth date" in decision.reason


def test_anonymous_person_is_asked_to_sign_in(app, component):
    decision = post_decision(app, None, component)
    assert not decision and decision.missing == "sign_in"


def test_granted_and_met_is_allowed(app, session, make_user, component):
    user = make_user()
    verified(session, user)
    assert post_decision(app, user, component)


def test_unmet_options_are_unauthorized_with_an_explanation(app, session, make_user, component):
    user = make_user()
    verified(session, user, birth_date="2012-01-01")
    decision = post_decision(app, user, component)
    assert not decision
    assert decision.reason == "This is for people aged 18 or over."
    # Nothing to verify again (the date cannot be changed): no link to the verification.
    assert decision.missing == ""


def test_expired_authorization_is_refused(app, session, make_user, component):
    user = make_user()
    verified(session, user, expires_at=NOW - dt.timedelta(seconds=1))
    decision = post_decision(app, user, component)
    assert not decision and "expired" in decision.reason


def test_pending_authorization_is_refused(app, session, make_user, component):
    user = make_user()
    verified(session, user, status="pending")
    decision = post_decision(app, user, component)
    assert not decision and "waiting for a confirmation" in decision.reason


def test_unreadable_data_is_incomplete(app, session, make_user, component):
    user = make_user()
    verified(session, user, birth_date="not a date")
    decision = post_decision(app, user, component)
    assert not decision and "again" in decision.reason


def test_unavailable_handler_is_refused(app, session, make_user, component):
    component.permissions = {"sample.post": {"authorizations": [{"handler": "gone"}]}}
    session.commit()
    decision = post_decision(app, make_user(), component)
    assert not decision and "not available" in decision.reason


class Budget:
    """A plugin resource with its own eligibility (e.g. a youth budget)."""

    def __init__(self, component, permissions):
        self.component = component
        self.permissions = permissions


def test_resource_requirements_come_after_the_component(app, session, make_user, component):
    youth = {"handler": "birth_date", "options": {"maximum_age": 17}}
    budget = Budget(component, {"sample.post": {"authorizations": [youth]}})
    assert requirements_for("sample.post", component, budget) == [ADULTS, youth]
    user = make_user()
    verified(session, user, birth_date="2000-01-01")
    assert post_decision(app, user, component)
    decision = post_decision(app, user, budget)
    assert not decision and decision.reason == "This is for people aged 17 or under."


def test_one_query_for_the_persons_authorizations(app, session, make_user, component):
    from sqlalchemy import event

    user = make_user()
    verified(session, user)
    statements = []
    engine = app.extensions["pnyx.db"].engine
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    with app.test_request_context(method="POST", headers=ENGLISH):
        event.listen(engine, "before_cursor_execute", listener)
        try:
            for _ in range(5):
                assert decide(user, "sample.post", component)
        finally:
            event.remove(engine, "before_cursor_execute", listener)
    assert sum("FROM authorizations" in s for s in statements) == 1


def test_a_failing_handler_denies(app, session, make_user, component, monkeypatch) -> None:
    import attrs

    from pnyx.verification import requirements

    def broken(authorization, options):
        raise RuntimeError("boom")

    real = requirements.handlers()
    patched = {**real, "birth_date": attrs.evolve(real["birth_date"], check=broken)}
    monkeypatch.setattr(requirements, "handlers", lambda: patched)
    user = make_user()
    verified(session, user)
    decision = post_decision(app, user, component)
    assert not decision and "cannot be checked" in decision.reason


def test_every_verification_not_made_is_named_at_once(app, session, make_user, component):
    """Touraine's youth budget needs a residence and a birth date: a teenager who has made
    neither learns both before going to the first (she was told only of the residence, and of
    the birth date after coming back from it)."""
    residence = {"handler": "residence", "options": {}}
    youth = {"handler": "birth_date", "options": {"maximum_age": 17}}
    budget = Budget(component, {"sample.post": {"authorizations": [residence, youth]}})
    component.permissions = {}
    session.commit()
    user = make_user()
    decision = post_decision(app, user, budget)
    assert decision.missing == "authorization:residence"
    assert decision.reason == "To do this, first verify: Place of residence and Birth date."
    verified(session, user, birth_date="2011-03-14")
    with app.test_request_context():
        forget_authorizations()  # as a grant does; the test holds one app context throughout
    decision = post_decision(app, user, budget)
    assert decision.reason == "To do this, first verify: Place of residence."


def test_a_verification_that_does_not_qualify_is_told_before_the_missing_ones(
    app, session, make_user, component
):
    """No use sending a 12-year-old to declare a residence for an adults' action."""
    residence = {"handler": "residence", "options": {}}
    budget = Budget(component, {"sample.post": {"authorizations": [residence]}})
    user = make_user()
    verified(session, user, birth_date="2014-01-01")
    decision = post_decision(app, user, budget)
    assert decision.reason == "This is for people aged 18 or over."
