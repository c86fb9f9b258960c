"""The plugins' component admin pages are space-scoped (issue 12, item 2): a space's admin
runs the budgets and meetings of their space, and gets a 403 on another space's."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.pnyx_plugins("budgets", "meetings")


@pytest.mark.parametrize("kind", ["budgets", "meetings"])
def test_a_space_admin_runs_the_components_of_their_space(
    client, make_user, make_space, make_component, make_organization, kind
) -> None:
    make_organization()
    ours, theirs = make_space(slug="ours"), make_space(slug="theirs")
    mine, other = make_component(ours, kind), make_component(theirs, kind)
    client.sign_in(make_user(space_roles={ours: "admin"}))
    assert client.get(f"/admin/spaces/ours/{kind}/{mine.id}/").status_code == 200
    assert client.get(f"/admin/spaces/theirs/{kind}/{other.id}/").status_code == 403
    client.sign_in(make_user(space_roles={ours: "moderator"}))
    assert client.get(f"/admin/spaces/ours/{kind}/{mine.id}/").status_code == 403
