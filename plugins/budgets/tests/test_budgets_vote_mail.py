"""The vote confirmation e-mail (issue 10 item 11): the receipt code after a ballot is cast
or replaced, never the projects, and not to people who turned it off."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from pnyx_budgets.models import CAST, Ballot

pytestmark = pytest.mark.pnyx_plugins("budgets")


@pytest.fixture
def budget(budgets_make_budget):
    return budgets_make_budget(amount=100_000, max_total=100_000)


@pytest.fixture
def park(budgets_make_project, budget):
    return budgets_make_project(budget, cost=60_000, title="Park")


@pytest.fixture
def bikes(budgets_make_project, budget):
    return budgets_make_project(budget, cost=30_000, title="Bike racks")


def code_of(session, voter) -> str:
    session.expire_all()
    query = select(Ballot.receipt_code).where(Ballot.voter_id == voter.id, Ballot.status == CAST)
    return session.scalar(query)


def test_casting_and_replacing_send_the_receipt_code(
    budgets_client, budgets_url, make_user, session, budget, park, bikes, outbox
):
    voter = make_user()
    budgets_client.sign_in(voter)
    base = f"{budgets_url}{budget.id}/ballot/"
    budgets_client.post_form(f"{base}add", data={"project_id": park.id})
    budgets_client.post_form(f"{base}checkout")

    first = outbox.last
    assert first["To"] == voter.email and "Your ballot is cast" in first["Subject"]
    body = first.get_content()
    assert code_of(session, voter) in body and f"{budget.id}/receipt" in body
    assert "Park" not in body  # the ballot's content never leaves in an e-mail
    assert "/account/e-mails" in body  # how to stop receiving it

    budgets_client.post_form(f"{base}checkout")  # a second click: nothing new to say
    assert len(outbox) == 1
    budgets_client.post_form(f"{base}change")
    budgets_client.post_form(f"{base}add", data={"project_id": bikes.id})
    budgets_client.post_form(f"{base}checkout")

    assert len(outbox) == 2 and "new ballot" in outbox.last["Subject"]
    replaced = outbox.last.get_content()
    assert code_of(session, voter) in replaced and "no longer valid" in replaced


def test_no_e_mail_for_people_who_turned_it_off(
    budgets_client, budgets_url, make_user, session, budget, park, outbox
):
    voter = make_user()
    budgets_client.sign_in(voter)
    page = budgets_client.get("/account/e-mails").text
    assert "a confirmation with my receipt code" in page
    budgets_client.post_form("/account/e-mails", data={})  # every box unticked
    budgets_client.post_form(f"{budgets_url}{budget.id}/ballot/add", data={"project_id": park.id})
    assert budgets_client.post_form(f"{budgets_url}{budget.id}/ballot/checkout").status_code == 303
    assert code_of(session, voter) and len(outbox) == 0


def test_the_e_mail_is_in_the_person_s_language(
    budgets_client, budgets_url, make_user, session, budget, park, outbox
):
    voter = make_user()
    voter.locale = "fr"
    session.commit()
    budgets_client.sign_in(voter)
    budgets_client.post_form(f"{budgets_url}{budget.id}/ballot/add", data={"project_id": park.id})
    budgets_client.post_form(f"{budgets_url}{budget.id}/ballot/checkout")
    assert "Code de récépissé" in outbox.last.get_content()
