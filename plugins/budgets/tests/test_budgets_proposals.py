"""With the proposals plugin: accepted proposals become projects, linked both ways.

The budgets plugin reads proposals through the ``proposals`` type's export and
resource links only; this test creates proposals with that plugin's models,
as its own tests would.
"""

from __future__ import annotations

import decimal

import pytest
from sqlalchemy import select

from pnyx import api
from pnyx_budgets.counting import FROM_PROPOSAL
from pnyx_budgets.models import Project

proposals_models = pytest.importorskip("pnyx_proposals.models")
pytestmark = pytest.mark.pnyx_plugins("budgets", "proposals")


def proposal(session, component, title, state, cost=None, territory=None):
    now = api.utcnow()
    row = proposals_models.Proposal(
        component_id=component.id,
        title=title,
        body=f"{title}, please.",
        state=state,
        answer_state=state,
        published_at=now,
        answered_at=now,
        answer_published_at=now,
        cost=cost,
        territory_id=territory.id if territory else None,
    )
    session.add(row)
    session.commit()
    return row


def test_accepted_proposals_become_linked_projects_once(
    budgets_client,
    budgets_url,
    budgets_admin_url,
    make_user,
    make_component,
    session,
    budgets_component,
    budgets_make_budget,
):
    tours = api.TaxonomyTerm(kind="territory", code="37261", name={"fr": "Tours"})
    session.add(tours)
    session.commit()
    source = make_component(budgets_component.space, "proposals")
    accepted = proposal(
        session, source, "Shared garden", "accepted", decimal.Decimal("4500.50"), tours
    )
    proposal(session, source, "Ice rink", "rejected")
    budget = budgets_make_budget()
    budgets_client.sign_in(make_user(roles=["admin"]))
    url = f"{budgets_admin_url}{budget.id}/projects/import-proposals"
    assert "Proposals of" in budgets_client.get(url).text
    for _ in range(2):
        assert budgets_client.post_form(url, data={"component_id": source.id}).status_code == 303
    (project,) = session.scalars(select(Project)).all()
    assert project.cost == 450_050 and project.territory_id == tours.id
    assert project.title == {"fr": "Shared garden"}
    linked = api.links.linked_ids(session, FROM_PROPOSAL, source=("budgets_project", project.id))
    assert list(linked) == [accepted.id]
    page = budgets_client.get(f"{budgets_url}{budget.id}/projects/{project.id}").text
    assert "Proposals it comes from" in page and "Shared garden" in page
