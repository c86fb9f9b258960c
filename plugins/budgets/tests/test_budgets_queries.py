"""Lists cost the same number of queries with one row as with a full page (the kit's
``count_queries``)."""

from __future__ import annotations

import pytest

from pnyx import api
from pnyx_budgets.models import CAST, SELECTED, Ballot, BallotItem

pytestmark = pytest.mark.pnyx_plugins("budgets")
PAGE = 20


@pytest.fixture
def pnyx_config():
    return {"PAGE_SIZE": PAGE}


@pytest.fixture
def terms(session):
    made = []
    for i in range(PAGE):
        made.append(api.TaxonomyTerm(kind="territory", code=f"t{i}", name={"en": f"Town {i}"}))
        made.append(api.TaxonomyTerm(kind="theme", code=f"h{i}", name={"en": f"Theme {i}"}))
    session.add_all(made)
    session.commit()
    return made


def add_project(session, budgets_make_project, budget, terms, i):
    project = budgets_make_project(
        budget,
        cost=1_000 + i,
        title=f"Project {i}",
        territory_id=terms[2 * i].id,
        selection=SELECTED,
        progress=i,
    )
    project.themes = [terms[2 * i + 1]]
    session.commit()
    return project


def test_budget_page_and_ballot(
    count_queries,
    session,
    make_user,
    budgets_client,
    budgets_url,
    budgets_make_budget,
    budgets_make_project,
    terms,
):
    budget = budgets_make_budget(amount=10_000_000)
    voter = make_user()
    budgets_client.sign_in(voter)
    ballot = Ballot(budget_id=budget.id, voter_id=voter.id)
    session.add(ballot)
    session.commit()
    first = add_project(session, budgets_make_project, budget, terms, 0)
    session.add(BallotItem(ballot_id=ballot.id, project_id=first.id))
    session.commit()
    urls = [
        f"{budgets_url}{budget.id}/",
        f"{budgets_url}{budget.id}/ballot",
        f"{budgets_url}{budget.id}/follow-up",
    ]
    with_one = [count_queries(url) for url in urls]
    for i in range(1, PAGE):
        project = add_project(session, budgets_make_project, budget, terms, i)
        session.add(BallotItem(ballot_id=ballot.id, project_id=project.id, position=i))
    session.commit()
    with_twenty = [count_queries(url) for url in urls]
    assert with_twenty == with_one, (with_one, with_twenty)
    print("queries per page (budget, ballot, follow-up):", with_twenty)


def test_admin_lists(
    count_queries,
    session,
    make_user,
    budgets_client,
    budgets_admin_url,
    budgets_make_budget,
    budgets_make_project,
    terms,
):
    budgets_client.sign_in(make_user(roles=["admin"]))
    budget = budgets_make_budget()
    add_project(session, budgets_make_project, budget, terms, 0)
    urls = [
        budgets_admin_url,
        f"{budgets_admin_url}{budget.id}/projects",
        f"{budgets_admin_url}{budget.id}/statistics",
    ]
    with_one = [count_queries(url) for url in urls]
    for i in range(1, PAGE):
        add_project(session, budgets_make_project, budget, terms, i)
        session.add(
            Ballot(
                budget_id=budget.id, status=CAST, receipt_code=f"C{i}", territory_id=terms[2 * i].id
            )
        )
    session.commit()
    with_twenty = [count_queries(url) for url in urls]
    assert with_twenty == with_one, (with_one, with_twenty)
    print("queries per page (budget admin, projects, statistics):", with_twenty)


def test_budgets_index(
    count_queries,
    session,
    make_user,
    budgets_client,
    budgets_url,
    budgets_make_budget,
    budgets_make_project,
):
    voter = make_user()
    budgets_client.sign_in(voter)
    session.add(Ballot(budget_id=budgets_make_budget().id, voter_id=voter.id))
    session.commit()
    with_one = count_queries(budgets_url)
    for _ in range(5):
        budget = budgets_make_budget()
        session.add(Ballot(budget_id=budget.id, voter_id=voter.id))
    session.commit()
    assert count_queries(budgets_url) == with_one
    print("queries per page (budgets index):", with_one)


def test_project_list_text_search_and_sort(
    budgets_client, budgets_url, budgets_make_budget, budgets_make_project
):
    """Issue 10 item 6: the projects list had no text search nor sorting."""
    budget = budgets_make_budget(amount=10_000_000)
    budgets_make_project(budget, cost=5_000, title="Parking à VÉLOS")
    budgets_make_project(budget, cost=9_000, title="Jardin", description={"en": "Un vélo-cargo"})
    budgets_make_project(budget, cost=1_000, title="Bancs")
    url = f"{budgets_url}{budget.id}/"
    for query in ("velo", "Vélo", "VELOS"):
        page = budgets_client.get(f"{url}?q={query}", headers={"Accept-Language": "en"}).text
        found = {title for title in ("Parking à VÉLOS", "Jardin", "Bancs") if title in page}
        expected = {"Parking à VÉLOS"} if query == "VELOS" else {"Parking à VÉLOS", "Jardin"}
        assert found == expected, query
    page = budgets_client.get(f"{url}?sort=dearest", headers={"Accept-Language": "en"}).text
    assert page.index("Jardin") < page.index("Parking à VÉLOS") < page.index("Bancs")
    page = budgets_client.get(f"{url}?sort=cheapest", headers={"Accept-Language": "en"}).text
    assert page.index("Bancs") < page.index("Parking à VÉLOS") < page.index("Jardin")
