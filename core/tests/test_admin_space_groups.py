"""Staff manage groups of spaces and where a space is listed (issue 18 items 4-5)."""

from __future__ import annotations

import io
import re

import pytest
from sqlalchemy import select

from pnyx.models import ActionLog, Space, SpaceGroup, TaxonomyTerm
from pnyx.testing.files import png


@pytest.fixture
def admin(client, make_user, make_organization):
    make_organization()
    user = make_user(roles=["admin"])
    client.sign_in(user)
    return user


def test_groups_need_an_admin(client, make_user) -> None:
    client.sign_in(make_user())
    assert client.get("/admin/space-groups").status_code == 403
    assert client.post_form("/admin/space-groups/new", {"slug": "x"}).status_code == 403


def test_create_edit_and_delete_a_group(client, session, admin, make_space) -> None:
    data = {
        "slug": "budget",
        "title.fr": "Budget participatif",
        "description.fr": "Trois éditions.",
    }
    assert client.post_form("/admin/space-groups/new", data).status_code == 302
    group = session.scalar(select(SpaceGroup))
    assert group.title == {"fr": "Budget participatif"}
    taken = client.post_form("/admin/space-groups/new", {**data, "title.fr": "Autre"})
    assert taken.status_code == 400 and "Another group already has this address." in taken.text
    edited = client.post_form(f"/admin/space-groups/{group.id}", {**data, "title.fr": "Budgets"})
    assert edited.status_code == 302
    session.refresh(group)
    assert group.title == {"fr": "Budgets"}
    space = make_space(group_id=group.id)
    listed = client.get("/admin/space-groups").get_data(as_text=True)
    assert "Budgets" in listed and space.title["en"] in listed
    asked = client.post_form(f"/admin/space-groups/{group.id}/delete")
    assert asked.status_code == 200 and "Yes, delete the group" in asked.text
    assert session.scalar(select(SpaceGroup.id)) == group.id
    done = client.post_form(f"/admin/space-groups/{group.id}/delete", {"confirmed": "yes"})
    assert done.status_code == 302
    session.expire_all()
    assert session.scalar(select(SpaceGroup)) is None
    assert session.get(Space, space.id).group_id is None  # the space is kept
    actions = session.scalars(
        select(ActionLog.action).where(ActionLog.action.like("%group%")).order_by(ActionLog.id)
    )
    assert list(actions) == [
        "pnyx.space_group.create",
        "pnyx.space_group.update",
        "pnyx.space_group.delete",
    ]


def test_groups_are_ordered_by_staff(client, session, admin) -> None:
    for slug in ("first", "second"):
        client.post_form("/admin/space-groups/new", {"slug": slug, "title.fr": slug})
    second = session.scalar(select(SpaceGroup).where(SpaceGroup.slug == "second"))
    client.post_form(f"/admin/space-groups/{second.id}/move", {"direction": "up"})
    order = session.scalars(select(SpaceGroup.slug).order_by(SpaceGroup.position))
    assert list(order) == ["second", "first"]


def test_a_space_joins_a_group_with_a_territory_and_themes(
    client, session, admin, make_space
) -> None:
    group = SpaceGroup(slug="budget", title={"fr": "Budget participatif"})
    tours = TaxonomyTerm(kind="territory", code="37261", name={"fr": "Tours"})
    themes = [TaxonomyTerm(kind="theme", code=c, name={"fr": c}) for c in ("eau", "vélo")]
    session.add_all([group, tours, *themes])
    session.commit()
    space = make_space(slug="budget-2020")
    form = client.get("/admin/spaces/budget-2020/edit").get_data(as_text=True)
    assert "Budget participatif" in form and "eau" in form and "vélo" in form
    data = {
        "slug": "budget-2020",
        "title.fr": "Budget 2020",
        "group_id": str(group.id),
        "highlighted": "y",
        "territory_id": str(tours.id),
        "theme_ids": [str(themes[1].id)],
    }
    assert client.post_form("/admin/spaces/budget-2020/edit", data).status_code == 302
    session.expire_all()
    space = session.get(Space, space.id)
    assert (space.group_id, space.highlighted, space.territory_id) == (group.id, True, tours.id)
    assert [t.code for t in space.themes] == ["vélo"]
    # The form still offers every theme, so staff can widen the choice again.
    form = client.get("/admin/spaces/budget-2020/edit").get_data(as_text=True)
    assert "eau" in form
    data["theme_ids"] = []
    assert client.post_form("/admin/spaces/budget-2020/edit", data).status_code == 302
    session.expire_all()
    assert session.get(Space, space.id).themes == []


def test_a_group_has_an_image_with_its_alt_text(client, session, admin, make_space) -> None:
    group = SpaceGroup(slug="budget", title={"fr": "Budget participatif", "en": "Budget"})
    session.add(group)
    session.commit()
    url = f"/admin/space-groups/{group.id}/image"
    assert client.get(url).status_code == 200
    form = {"operation": "cover", "file": (io.BytesIO(png()), "parc.png"), "cover.alt.fr": "Parc"}
    sent = client.post_form(url, form, content_type="multipart/form-data")
    assert sent.status_code == 302
    client.sign_out()
    page = client.get("/space-groups/budget", headers={"Accept-Language": "fr"}).text
    found = re.search(r'src="(/files/[0-9a-f]{32}\.png)/medium" alt="Parc"', page)
    assert found, page
    assert client.get(f"{found.group(1)}/medium").status_code == 200  # public, like the page
