"""A person's data: memberships in the archive; a deleted account leaves every assembly.
Demo data: Lyon-like thematic assemblies and a working group hosting meetings and proposals."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from pnyx import api
from pnyx_assemblies import personal_data
from pnyx_assemblies.models import Assembly, Member
from pnyx_assemblies.seed import seed_demo


def test_memberships_are_exported_and_deleted_with_the_account(
    app, session, make_organization, make_assembly, add_member, make_user
) -> None:
    make_organization()
    ana = make_user(name="Ana")
    add_member(make_assembly("environment"), ana, position="secretary")
    add_member(make_assembly("mobility"), name="Bo")
    with app.test_request_context():
        rows = list(personal_data.export(ana)["memberships.csv"])
        assert [(r["assembly"], r["position"]) for r in rows] == [("environment", "secretary")]
        assert personal_data.export(make_user(name="Nobody")) is None
    personal_data.delete(ana, session)
    session.commit()
    assert session.scalars(select(Member.name)).all() == ["Bo"]


@pytest.mark.pnyx_plugins("assemblies", "meetings", "proposals")
def test_the_demo_has_thematic_assemblies_and_a_working_group_hosting_components(
    app, session, make_organization
) -> None:
    make_organization()
    with app.test_request_context():
        seed_demo(session)
        session.commit()
        seed_demo(session)  # a second time adds nothing
    assert session.scalar(select(func.count()).select_from(Assembly)) == 3
    group = session.scalar(select(Assembly).where(Assembly.parent_space_id.is_not(None)))
    assert group.kind == "working_group" and group.visibility == "transparent"
    types = {c.type for c in session.scalars(select(api.Component))}
    assert types == {"meetings", "proposals"}
    assert session.scalar(select(func.count()).select_from(Member)) >= 10
