"""A vote leaves the app's cached public pages alone until a ballot is cast (docs/caching.md):
drafts, their lines and the voter's lock are private, a cast ballot counts in public figures."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.pnyx_plugins("budgets")

CACHE = "X-Pnyx-Cache"


def test_choosing_keeps_the_cached_pages_and_casting_renews_them(
    app, budgets_client, budgets_url, make_user, budgets_make_budget, budgets_make_project
):
    budget = budgets_make_budget(amount=1_000_000, max_total=100_000)
    project = budgets_make_project(budget, cost=10_000, title="Benches")
    page = f"{budgets_url}{budget.id}/"
    budgets_client.sign_in(make_user())  # a new person is a public write (not measured here)
    anonymous = app.test_client()
    assert anonymous.get(page).headers[CACHE] == "miss"
    assert anonymous.get(page).headers[CACHE] == "hit"
    ballot = f"{budgets_url}{budget.id}/ballot/"
    added = budgets_client.post_form(ballot + "add", data={"project_id": [project.id]})
    assert added.status_code == 303
    assert anonymous.get(page).headers[CACHE] == "hit"  # a draft: nobody else sees it
    assert budgets_client.post_form(ballot + "checkout").status_code == 303
    assert anonymous.get(page).headers[CACHE] == "miss"  # cast: the public figures count it
