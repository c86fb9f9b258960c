"""Spaces in the admin area: list, create, edit, publish, private, delete."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from pnyx.models import ActionLog, Component, Space, Step


@pytest.fixture
def pnyx_plugins(fake_plugins):
    fake_plugins(folder="admin_plugins", keeper="pnyx_keeper.plugin")
    return ["keeper"]


@pytest.fixture
def admin(client, make_user, make_organization):
    make_organization()
    user = make_user(roles=["admin"])
    client.sign_in(user)
    return user


def new_space(**changes: object) -> dict[str, object]:
    data = {
        "type": "process",
        "slug": "budget-2026",
        "title.fr": "Budget participatif 2026",
        "title.en": "Participatory budget 2026",
        "description.fr": "Proposez, votez.",
    }
    data.update(changes)
    return data


def logged(session) -> list[str]:
    return list(session.scalars(select(ActionLog.action).order_by(ActionLog.id)))


def test_spaces_need_an_admin(client, make_user, make_space) -> None:
    space = make_space()
    client.sign_in(make_user())
    for url in ("/admin/spaces", "/admin/spaces/new", f"/admin/spaces/{space.slug}"):
        assert client.get(url).status_code == 403
    assert client.post_form(f"/admin/spaces/{space.slug}/unpublish").status_code == 403


def test_create_a_space_unpublished(client, session, admin) -> None:
    form = client.get("/admin/spaces/new").get_data(as_text=True)
    assert '<option value="process" selected>Participatory process</option>' in form
    response = client.post_form("/admin/spaces/new", new_space())
    assert response.headers["Location"].endswith("/admin/spaces/budget-2026")
    space = session.scalar(select(Space))
    assert space.title == {"fr": "Budget participatif 2026", "en": "Participatory budget 2026"}
    assert space.description == {"fr": "Proposez, votez."}
    assert not space.published and not space.private
    assert logged(session) == ["pnyx.space.create"]
    page = client.get("/admin/spaces/budget-2026").get_data(as_text=True)
    assert "Publish the space" in page and "Not published" in page
    assert 'href="/admin/spaces/budget-2026/roles"' in page  # the members page


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"slug": "Budget 2026"}, "slug", "Use lowercase letters, digits and single hyphens"),
        ({"slug": "budget--2026"}, "slug", "Use lowercase letters"),
        ({"slug": "taken"}, "slug", "Another space already has this address."),
        ({"type": "assembly"}, "type", "Choose one of the options."),
        ({"title.fr": ""}, "title-fr", "Write this text in"),
    ],
)
def test_space_errors_are_shown_next_to_fields(
    client, session, make_space, admin, changes, field, message
) -> None:
    make_space(slug="taken")
    response = client.post_form("/admin/spaces/new", new_space(**changes))
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert f'id="f-{field}-error">{message}' in page
    assert 'value="Participatory budget 2026"' in page  # what was typed stays
    assert session.scalar(select(Space).where(Space.slug != "taken")) is None


def test_edit_publish_and_make_private(client, session, make_space, admin) -> None:
    space = make_space(slug="old", published=False)
    edited = {"slug": "new", "title.fr": "Nouveau", "private": "true"}
    response = client.post_form("/admin/spaces/old/edit", edited)
    assert response.headers["Location"].endswith("/admin/spaces/new")
    session.refresh(space)
    assert (space.slug, space.private, space.title) == ("new", True, {"fr": "Nouveau"})
    client.post_form("/admin/spaces/new/publish")
    session.refresh(space)
    assert space.published
    client.post_form("/admin/spaces/new/unpublish")
    session.refresh(space)
    assert not space.published
    assert logged(session) == ["pnyx.space.update", "pnyx.space.publish", "pnyx.space.unpublish"]
    assert {e.space_id for e in session.scalars(select(ActionLog))} == {space.id}


def test_the_list_shows_each_space_with_its_status(client, make_space, admin) -> None:
    make_space(title={"fr": "Ouvert"}, published=True)
    make_space(title={"fr": "Brouillon"}, published=False, private=True)
    page = client.get("/admin/spaces").get_data(as_text=True)
    assert "Ouvert" in page and "Brouillon" in page
    assert page.count("Not published") == 1 and "Private" in page


def test_delete_a_space_with_its_phases_and_components(
    client, session, make_space, make_component, admin
) -> None:
    space = make_space(slug="gone")
    make_component(space, "keeper")
    assert "Yes, delete this space" in client.get("/admin/spaces/gone/delete").get_data(
        as_text=True
    )
    response = client.post_form("/admin/spaces/gone/delete")
    assert response.headers["Location"].endswith("/admin/spaces")
    assert session.scalar(select(Space)) is None
    assert session.scalar(select(Step)) is None and session.scalar(select(Component)) is None
    assert logged(session) == ["pnyx.space.delete"]


def test_delete_is_refused_while_a_component_type_says_so(
    client, session, make_space, make_component, admin
) -> None:
    space = make_space(slug="kept")
    make_component(space, "keeper", settings={"global": {"locked": True}})
    confirm = client.get("/admin/spaces/kept/delete").get_data(as_text=True)
    assert "This keeper is locked." in confirm and "Yes, delete" not in confirm
    assert client.post_form("/admin/spaces/kept/delete").status_code == 409
    assert session.scalar(select(Space)) is not None
