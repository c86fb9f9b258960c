"""Space administrators run their own space from the admin area, and nothing else
(issue 12, item 2): phases, components, settings, verifications, members; a 403 on another
space and on the organization's pages; a plugin's page declared ``api.actions.ADMIN_SPACE``
follows."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from pnyx.models import Component, Step, UserSpaceRole


@pytest.fixture
def pnyx_plugins(fake_plugins):
    fake_plugins(folder="admin_plugins", keeper="pnyx_keeper.plugin")
    return ["keeper"]


@pytest.fixture
def spaces(make_organization, make_space, make_component):
    make_organization()
    ours, theirs = make_space(slug="ours"), make_space(slug="theirs")
    return {
        "ours": (ours, make_component(ours, "keeper")),
        "theirs": (theirs, make_component(theirs, "keeper")),
    }


@pytest.fixture
def space_admin(client, make_user, spaces):
    user = make_user(name="Sasha Admin", space_roles={spaces["ours"][0]: "admin"})
    client.sign_in(user)
    return user


def space_pages(space, component) -> list[str]:
    return [
        f"/admin/spaces/{space.slug}",
        f"/admin/spaces/{space.slug}/steps",
        f"/admin/spaces/{space.slug}/steps/new",
        f"/admin/spaces/{space.slug}/components/new",
        f"/admin/spaces/{space.slug}/roles",
        f"/admin/components/{component.id}",
        f"/admin/components/{component.id}/settings",
        f"/admin/components/{component.id}/permissions",
        f"/admin/spaces/{space.slug}/keeper/{component.id}/team",
    ]


def test_a_space_admin_opens_their_space_pages_only(client, spaces, space_admin) -> None:
    for url in space_pages(*spaces["ours"]):
        assert client.get(url).status_code == 200, url
    for url in space_pages(*spaces["theirs"]):
        assert client.get(url).status_code == 403, url


ORGANIZATION_PAGES = (
    "/admin/",
    "/admin/organization",
    "/admin/spaces",
    "/admin/spaces/new",
    "/admin/users",
    "/admin/roles",
    "/admin/log",
    "/admin/taxonomies/territory",
    "/admin/verifications",
    "/admin/spaces/ours/edit",
    "/admin/spaces/ours/delete",
)


def test_a_space_admin_gets_403_on_the_organization_pages(client, spaces, space_admin) -> None:
    for url in ORGANIZATION_PAGES:
        assert client.get(url).status_code == 403, url
    # A plugin's page that stays for organization admins (api.actions.ADMIN) stays theirs.
    _space, component = spaces["ours"]
    assert client.get(f"/admin/spaces/ours/keeper/{component.id}/").status_code == 403
    assert client.post_form("/admin/spaces/ours/publish").status_code == 403


def test_a_space_admin_runs_the_space(client, session, spaces, space_admin, make_user) -> None:
    space, _component = spaces["ours"]
    added = client.post_form(
        "/admin/spaces/ours/steps/new", {"title.fr": "Vote", "title.en": "Vote"}
    )
    assert added.status_code == 302
    assert session.scalar(select(Step).where(Step.title["fr"].as_string() == "Vote")) is not None
    created = client.post_form(
        "/admin/spaces/ours/components/new", {"type": "keeper", "name.fr": "Boîte"}
    )
    assert created.status_code == 302
    assert len(session.scalars(select(Component).where(Component.space_id == space.id)).all()) == 2
    colleague = make_user(email="colleague@example.org")
    granted = client.post_form(
        "/admin/spaces/ours/roles", {"email": "colleague@example.org", "role": "moderator"}
    )
    assert granted.status_code == 302
    held = session.scalar(select(UserSpaceRole).where(UserSpaceRole.user_id == colleague.id))
    assert (held.space_id, held.role) == (space.id, "moderator")
    theirs = client.post_form(
        "/admin/spaces/theirs/roles", {"email": "colleague@example.org", "role": "admin"}
    )
    assert theirs.status_code == 403


def test_the_admin_menu_shows_only_what_a_space_admin_may_open(client, spaces, space_admin):
    page = client.get("/admin/spaces/ours").get_data(as_text=True)
    assert 'href="/admin/my-spaces"' in page
    for org_only in ('href="/admin/organization"', 'href="/admin/users"', "/ours/delete"):
        assert org_only not in page
    mine = client.get("/admin/my-spaces").get_data(as_text=True)
    assert 'href="/admin/spaces/ours"' in mine
    assert "/admin/spaces/theirs" not in mine
    home = client.get("/").get_data(as_text=True)
    assert 'href="/admin/my-spaces"' in home  # the person menu leads there


def test_a_space_moderator_does_not_run_the_space(client, spaces, make_user) -> None:
    client.sign_in(make_user(space_roles={spaces["ours"][0]: "moderator"}))
    assert client.get("/admin/spaces/ours/steps").status_code == 403
    mine = client.get("/admin/my-spaces").get_data(as_text=True)
    assert "Moderator" in mine and 'href="/admin/spaces/ours"' not in mine
