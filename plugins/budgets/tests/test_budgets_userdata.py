"""A person's data: their ballots in their export; a deleted account's ballots keep
counting without them."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from pnyx_budgets import plugin
from pnyx_budgets.models import CAST, DRAFT, Ballot, BallotItem, Voter

pytestmark = pytest.mark.pnyx_plugins("budgets")


def test_export_and_delete(app, session, make_user, budgets_make_budget, budgets_make_project):
    first, second = budgets_make_budget(), budgets_make_budget()
    park = budgets_make_project(first, title="Park")
    bench = budgets_make_project(second, title="Bench")
    ada = make_user(name="Ada")
    cast = Ballot(budget_id=first.id, voter_id=ada.id, status=CAST, receipt_code="ABCD-EFGH")
    cast.items = [BallotItem(project_id=park.id)]
    draft = Ballot(budget_id=second.id, voter_id=ada.id, status=DRAFT)
    draft.items = [BallotItem(project_id=bench.id)]
    session.add_all([cast, draft, Voter(component_id=first.component_id, user_id=ada.id)])
    session.commit()
    assert plugin.export_user_data(make_user()) is None

    with app.test_request_context():
        rows = list(plugin.export_user_data(ada)["ballots.json"])
    assert [(r["status"], r["receipt_code"]) for r in rows] == [(CAST, "ABCD-EFGH"), (DRAFT, None)]
    assert rows[0]["projects"] == [{"project_id": park.id, "points": 1, "rank": 1}]

    plugin.delete_user_data(ada, session)
    session.commit()
    (kept,) = session.scalars(select(Ballot)).all()
    assert kept.voter_id is None and kept.status == CAST and kept.receipt_code == "ABCD-EFGH"
    assert [i.project_id for i in kept.items] == [park.id]
    assert session.scalar(select(func.count()).select_from(Voter)) == 0
