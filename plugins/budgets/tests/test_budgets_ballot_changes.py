"""Changing one's mind: a cast ballot keeps counting until its replacement is cast.

Issue 10 item 1: "Change my ballot" used to turn the cast ballot back into a
draft and delete its receipt code in one click; a voter who then left had no
vote. Now the change is made on a copy, and casting the copy replaces the cast
ballot in one transaction.
"""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from pnyx_budgets.models import CAST, DRAFT, Ballot

pytestmark = pytest.mark.pnyx_plugins("budgets")
CODE = re.compile(r"<strong>([2-9A-Z]{4}(?:-[2-9A-Z]{4}){3})</strong>")


@pytest.fixture
def budget(budgets_make_budget):
    return budgets_make_budget(amount=100_000, max_total=100_000)


@pytest.fixture
def park(budgets_make_project, budget):
    return budgets_make_project(budget, cost=60_000, title="Park")


@pytest.fixture
def bikes(budgets_make_project, budget):
    return budgets_make_project(budget, cost=30_000, title="Bike racks")


@pytest.fixture
def voted(budgets_client, budgets_url, make_user, session, budget, park):
    """A signed-in voter whose ballot (the park) is cast; returns the ballot's URL prefix."""
    budgets_client.sign_in(make_user())
    base = f"{budgets_url}{budget.id}/"
    budgets_client.post_form(f"{base}ballot/add", data={"project_id": park.id})
    assert budgets_client.post_form(f"{base}ballot/checkout").status_code == 303
    return base


def ballots(session) -> list[Ballot]:
    session.expire_all()
    return list(session.scalars(select(Ballot).order_by(Ballot.id)))


def test_changing_works_on_a_copy_and_the_cast_ballot_keeps_counting(
    budgets_client, session, voted, park, bikes
):
    (cast,) = ballots(session)
    code = cast.receipt_code

    changed = budgets_client.post_form(f"{voted}ballot/change")
    assert changed.status_code == 303 and changed.headers["Location"].endswith(f"{voted}ballot")
    budgets_client.post_form(f"{voted}ballot/remove", data={"project_id": park.id})
    budgets_client.post_form(f"{voted}ballot/add", data={"project_id": bikes.id})

    # the voter leaves here: the cast ballot, its code and its projects still count
    draft, still_cast = sorted(ballots(session), key=lambda b: b.status != DRAFT)
    assert (still_cast.status, still_cast.receipt_code) == (CAST, code)
    assert [i.project_id for i in still_cast.items] == [park.id]
    assert draft.status == DRAFT and [i.project_id for i in draft.items] == [bikes.id]
    receipt = budgets_client.get(f"{voted}receipt").text
    assert code in receipt and "Park" in receipt
    assert "still counts, with this receipt code, until you confirm the new one" in receipt
    page = budgets_client.get(f"{voted}ballot").text
    assert "still counts, with its receipt code, until you confirm this new one" in page
    confirm = budgets_client.get(f"{voted}ballot/confirm").text
    assert "Cast my new ballot" in confirm and code in confirm


def test_casting_the_copy_replaces_the_ballot_and_logs_both(
    budgets_client, session, voted, park, bikes
):
    from pnyx.models import ActionLog  # the log's entries are what this test checks

    old_code = ballots(session)[0].receipt_code
    budgets_client.post_form(f"{voted}ballot/change")
    budgets_client.post_form(f"{voted}ballot/add", data={"project_id": bikes.id})

    cast = budgets_client.post_form(f"{voted}ballot/checkout")

    assert cast.status_code == 303
    (ballot,) = ballots(session)
    assert ballot.status == CAST and ballot.receipt_code not in (None, old_code)
    assert sorted(i.project_id for i in ballot.items) == sorted([park.id, bikes.id])
    receipt = budgets_client.get(cast.headers["Location"]).text
    assert CODE.search(receipt).group(1) == ballot.receipt_code
    assert "the previous code is no longer valid" in receipt
    actions = [e.action for e in session.scalars(select(ActionLog).order_by(ActionLog.id))]
    assert actions[-2:] == ["budgets.receipt_invalidated", "budgets.vote"]


def test_keeping_the_cast_ballot_discards_the_copy(budgets_client, session, voted, park, bikes):
    code = ballots(session)[0].receipt_code
    budgets_client.post_form(f"{voted}ballot/change")
    budgets_client.post_form(f"{voted}ballot/add", data={"project_id": bikes.id})

    kept = budgets_client.post_form(f"{voted}ballot/keep")

    assert kept.status_code == 303 and kept.headers["Location"].endswith(f"{voted}receipt")
    (ballot,) = ballots(session)
    assert (ballot.status, ballot.receipt_code) == (CAST, code)
    assert [i.project_id for i in ballot.items] == [park.id]


def test_a_cast_ballot_is_not_edited_in_place(budgets_client, session, voted, park):
    blocked = budgets_client.post_form(f"{voted}ballot/remove", data={"project_id": park.id})
    assert blocked.status_code == 400 and "Change my ballot" in blocked.text
    assert [i.project_id for i in ballots(session)[0].items] == [park.id]


def test_cancelling_asks_first_and_says_what_it_does(budgets_client, session, voted):
    receipt = budgets_client.get(f"{voted}receipt").text
    assert f'href="{voted}ballot/cancel"' in receipt  # a link to a page, not a button that acts
    code = ballots(session)[0].receipt_code

    page = budgets_client.get(f"{voted}ballot/cancel")

    assert page.status_code == 200
    assert "it no longer counts" in page.text and code in page.text
    assert "Yes, cancel my ballot" in page.text and "No, keep my ballot" in page.text
    assert [b.status for b in ballots(session)] == [CAST]  # looking changes nothing
    done = budgets_client.post_form(f"{voted}ballot/cancel")
    assert done.status_code == 303
    assert ballots(session) == []


def test_cancelling_while_changing_removes_both(budgets_client, session, voted):
    budgets_client.post_form(f"{voted}ballot/change")
    assert "changes you were making" in budgets_client.get(f"{voted}ballot/cancel").text
    budgets_client.post_form(f"{voted}ballot/cancel")
    assert ballots(session) == []


def test_changing_is_refused_when_the_setting_forbids_it(
    budgets_client, session, budgets_component, voted
):
    settings = dict(budgets_component.settings)
    settings["global"] = {**settings["global"], "ballot_changes_allowed": False}
    budgets_component.settings = settings
    session.commit()

    for action in ("change", "cancel", "keep"):
        refused = budgets_client.post_form(f"{voted}ballot/{action}")
        assert refused.status_code == 303 and refused.headers["Location"].endswith("receipt")
    assert [b.status for b in ballots(session)] == [CAST]
