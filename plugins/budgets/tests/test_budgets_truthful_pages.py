"""Pages that tell the truth (issue 10 items 9 and 10): after voting the phase box says so
and how to change it; a vote not yet open says when it opens; a receipt checked before the
results says when it can be; no jargon (rule in words, amounts in currency, titles)."""

from __future__ import annotations

import datetime as dt

import pytest

from pnyx.models import Step
from pnyx_budgets.testing import step_settings

pytestmark = pytest.mark.pnyx_plugins("budgets")


@pytest.fixture
def budget(budgets_make_budget):
    return budgets_make_budget(amount=110_000_000, max_total=110_000_000, rule="mes-add1")


@pytest.fixture
def park(budgets_make_project, budget):
    return budgets_make_project(budget, cost=60_000, title="Park")


def cast(client, url, budget, *projects) -> None:
    for project in projects:
        client.post_form(f"{url}{budget.id}/ballot/add", data={"project_id": project.id})
    assert client.post_form(f"{url}{budget.id}/ballot/checkout").status_code == 303


def test_after_voting_the_phase_box_says_so_and_how_to_change(
    budgets_client, budgets_url, make_user, budget, park
):
    budgets_client.sign_in(make_user())
    before = budgets_client.get(f"{budgets_url}{budget.id}/").text
    assert "You can do this now." in before

    cast(budgets_client, budgets_url, budget, park)

    for page in ("", f"{budget.id}/", f"{budget.id}/projects/{park.id}"):
        text = budgets_client.get(f"{budgets_url}{page}").text
        assert "You can do this now." not in text, page
        assert "You voted in “" in text, (page, text[text.find("phase-banner") :][:1500])
        assert "you can change or cancel your ballot from your receipt" in text, page
    panel = budgets_client.get(f"{budgets_url}{budget.id}/").text
    assert "To change or cancel your ballot, open your receipt" in panel


def test_a_vote_not_yet_open_says_when_it_opens(
    budgets_client, budgets_url, make_user, session, budgets_component, budget
):
    later = Step(
        space_id=budgets_component.space_id,
        title={"en": "Vote"},
        position=99,
        start_date=dt.date(2031, 3, 14),
    )
    session.add(later)
    session.flush()
    settings = dict(budgets_component.settings)
    settings["default_step"] = {}
    settings["steps"] = {str(later.id): {"votes_enabled": True}}
    budgets_component.settings = settings
    session.commit()
    budgets_client.sign_in(make_user())

    page = budgets_client.get(f"{budgets_url}{budget.id}/").text

    assert "voting opens on March 14, 2031." in page


def test_a_receipt_checked_before_the_results_says_when(
    budgets_client, budgets_url, session, budgets_component, budget
):
    later = Step(
        space_id=budgets_component.space_id,
        title={"en": "Results"},
        position=99,
        start_date=dt.date(2031, 6, 1),
    )
    session.add(later)
    session.flush()
    settings = dict(budgets_component.settings)
    settings["steps"] = {str(later.id): {"votes_finished": True, "results_published": True}}
    budgets_component.settings = settings
    session.commit()

    page = budgets_client.get(
        f"{budgets_url}{budget.id}/results/check", query_string={"code": "AAAA-BBBB"}
    )

    assert page.status_code == 200
    assert "once the results are published" in page.text
    assert "expected on June 1, 2031" in page.text
    results = budgets_client.get(f"{budgets_url}{budget.id}/results").text
    assert "expected on June 1, 2031" in results


def published(client, url, admin_url, session, component, make_user, budget, park) -> None:
    voter = make_user()
    client.sign_in(voter)
    cast(client, url, budget, park)
    step_settings(
        component, votes_enabled=False, votes_finished=True, show_votes=True, results_published=True
    )
    session.commit()
    client.sign_in(make_user(roles=["admin"]))
    assert client.post_form(f"{admin_url}{budget.id}/outcome/compute").status_code == 303
    assert (
        client.post_form(
            f"{admin_url}{budget.id}/outcome/publish", {"confirmed": "yes"}
        ).status_code
        == 303
    )


def test_the_admin_outcome_page_speaks_in_words_and_currency(
    budgets_client,
    budgets_url,
    budgets_admin_url,
    session,
    budgets_component,
    make_user,
    budget,
    park,
):
    published(
        budgets_client,
        budgets_url,
        budgets_admin_url,
        session,
        budgets_component,
        make_user,
        budget,
        park,
    )
    page = budgets_client.get(f"{budgets_admin_url}{budget.id}/outcome").text
    words = page.split("Technical details")[0]
    assert "Method of Equal Shares, completed (Add1)" in words
    assert "€1,100,000.00" in words  # the budget, not 110000000 cents
    assert "mes-add1" not in words and "110000000" not in words
    assert "mes-add1" in page  # still there, under the technical details


def test_results_explain_verification_and_checks_show_titles(
    budgets_client,
    budgets_url,
    budgets_admin_url,
    session,
    budgets_component,
    make_user,
    budget,
    park,
):
    from sqlalchemy import select

    from pnyx_budgets.models import Ballot

    published(
        budgets_client,
        budgets_url,
        budgets_admin_url,
        session,
        budgets_component,
        make_user,
        budget,
        park,
    )
    results = budgets_client.get(f"{budgets_url}{budget.id}/results").text
    assert "Anyone can check these results without trusting us" in results
    how = budgets_client.get(f"{budgets_url}{budget.id}/results/how-to-check")
    assert how.status_code == 200 and "pnyx budgets verify" in how.text
    code = session.scalar(select(Ballot.receipt_code))
    check = budgets_client.get(
        f"{budgets_url}{budget.id}/results/check", query_string={"code": code}
    )
    assert "<li>Park</li>" in check.text and f"{park.id}: Park" not in check.text
